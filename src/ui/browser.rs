//! Browser glue the components share: local storage, the URL fragment, file downloads and
//! uploads. Every call fails softly (an `Err` with a message, or `None`): a browser that
//! refuses storage or downloads must not break the app.

use crate::app_model::autosave::StorageProblem;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn window() -> Result<web_sys::Window, String> {
    web_sys::window().ok_or_else(|| "no browser window".to_string())
}

fn describe(error: wasm_bindgen::JsValue) -> String {
    error
        .as_string()
        .or_else(|| {
            error
                .dyn_ref::<js_sys::Error>()
                .map(|error| String::from(error.message()))
        })
        .unwrap_or_else(|| format!("{error:?}"))
}

fn storage() -> Result<web_sys::Storage, StorageProblem> {
    let window = window().map_err(StorageProblem::Other)?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        // No storage at all, or refused (a private window, a setting): the same to the person.
        Ok(None) => Err(StorageProblem::Unavailable),
        Err(error) => Err(storage_problem(error)),
    }
}

/// What a storage call's exception says went wrong.
fn storage_problem(error: wasm_bindgen::JsValue) -> StorageProblem {
    match error.dyn_ref::<js_sys::Error>() {
        // A DOMException is an Error in every browser the page runs in.
        Some(exception) => StorageProblem::from_exception(
            &String::from(exception.name()),
            &String::from(exception.message()),
        ),
        None => StorageProblem::Other(describe(error)),
    }
}

/// Today's date on the person's clock, in their time zone: (year, month 1-12, day 1-31).
pub fn today() -> (i32, u32, u32) {
    let now = js_sys::Date::new_0();
    (
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
}

/// The value stored under `key`, if any.
pub fn load(key: &str) -> Option<String> {
    storage().ok()?.get_item(key).ok()?
}

/// Stores `value` under `key`.
pub fn save(key: &str, value: &str) -> Result<(), StorageProblem> {
    storage()?.set_item(key, value).map_err(storage_problem)
}

/// The page's URL fragment without its `#` (empty when there is none).
pub fn fragment() -> String {
    window()
        .ok()
        .and_then(|window| window.location().hash().ok())
        .map(|hash| hash.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Replaces the URL fragment without adding a history entry or reloading.
pub fn set_fragment(fragment: &str) -> Result<(), String> {
    let window = window()?;
    let location = window.location();
    let base = location.href().map_err(describe)?;
    let base = base.split('#').next().unwrap_or_default();
    let url = if fragment.is_empty() {
        base.to_string()
    } else {
        format!("{base}#{fragment}")
    };
    window
        .history()
        .map_err(describe)?
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .map_err(describe)
}

/// The page's address with `fragment`.
pub fn url_with_fragment(fragment: &str) -> Result<String, String> {
    let href = window()?.location().href().map_err(describe)?;
    Ok(format!(
        "{}#{fragment}",
        href.split('#').next().unwrap_or_default()
    ))
}

/// Sets the document's language (`<html lang>`), for screen readers and fonts.
pub fn set_document_language(tag: &str) {
    if let Some(root) = window()
        .ok()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = root.set_attribute("lang", tag);
    }
}

/// Sets the document's title (the browser tab's name).
pub fn set_document_title(title: &str) {
    if let Some(document) = window().ok().and_then(|window| window.document()) {
        document.set_title(title);
    }
}

/// The browser's preferred languages, most preferred first.
pub fn languages() -> Vec<String> {
    let Ok(window) = window() else {
        return Vec::new();
    };
    let navigator = window.navigator();
    let mut languages: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|language| language.as_string())
        .collect();
    if let Some(language) = navigator.language() {
        languages.push(language);
    }
    languages
}

/// Offers `bytes` as a file download named `file_name`.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let result = click_link(&url, file_name);
    // The download has started (or failed): the object URL is no longer needed.
    let _ = web_sys::Url::revoke_object_url(&url);
    result
}

/// Offers the data URL of a canvas's picture as a PNG download.
pub fn download_canvas(canvas: &web_sys::HtmlCanvasElement, file_name: &str) -> Result<(), String> {
    let url = canvas
        .to_data_url_with_type("image/png")
        .map_err(describe)?;
    click_link(&url, file_name)
}

fn click_link(url: &str, file_name: &str) -> Result<(), String> {
    let document = window()?
        .document()
        .ok_or_else(|| "no document".to_string())?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "cannot create a link".to_string())?;
    link.set_href(url);
    link.set_download(file_name);
    link.click();
    Ok(())
}

/// The name of the first file chosen in a file input.
pub fn chosen_file_name(input: &web_sys::HtmlInputElement) -> Option<String> {
    input.files()?.get(0).map(|file| file.name())
}

/// The text of the first file chosen in a file input.
pub async fn read_chosen_file(input: &web_sys::HtmlInputElement) -> Result<String, String> {
    let file = input
        .files()
        .and_then(|files| files.get(0))
        .ok_or_else(|| "no file chosen".to_string())?;
    let text = JsFuture::from(file.text()).await.map_err(describe)?;
    text.as_string()
        .ok_or_else(|| "the file is not text".to_string())
}

/// The bytes of a file the person chose or dropped, as they are (a CRM export need not be
/// UTF-8: the reader says so by name).
pub async fn read_file_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(describe)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The page's clock in milliseconds (`performance.now()`), for animation frames.
pub fn now_ms() -> Option<f64> {
    Some(web_sys::window()?.performance()?.now())
}

/// The device pixel ratio, or 1 when the browser gives none that makes sense.
pub fn pixel_ratio() -> f64 {
    let ratio = web_sys::window()
        .map(|window| window.device_pixel_ratio())
        .unwrap_or(1.0);
    if ratio.is_finite() && ratio > 0.0 {
        ratio
    } else {
        1.0
    }
}

/// Adds or removes a class of the page's `<body>` (projector mode hides the rest of the page).
pub fn set_body_class(name: &str, on: bool) {
    if let Some(body) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.body())
    {
        let classes = body.class_list();
        // A class that cannot be set leaves the page as it was.
        let _ = if on {
            classes.add_1(name)
        } else {
            classes.remove_1(name)
        };
    }
}

/// Chooses `value` in the `<select>` found by `select` (as if the person had, so its change
/// handler runs) and scrolls the element found by `target` into view; nothing when either is
/// not on the page.
pub fn choose_and_show(select: &str, value: &str, target: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if let Some(element) = document.query_selector(select).ok().flatten()
        && let Ok(menu) = element.dyn_into::<web_sys::HtmlSelectElement>()
    {
        menu.set_value(value);
        if let Ok(event) = web_sys::Event::new_with_event_init_dict("change", &{
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            init
        }) {
            // A refused event leaves the planner as it was.
            let _ = menu.dispatch_event(&event);
        }
    }
    if let Some(element) = document.query_selector(target).ok().flatten() {
        element.scroll_into_view();
    }
}

/// Copies `text` to the clipboard (best effort; the promise's outcome is ignored).
pub fn copy_to_clipboard(text: &str) {
    if let Ok(window) = window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// Scrolls the editor to the top of the screen and puts the keyboard focus on its first
/// control (on a narrow screen the editor comes after the forecast).
pub fn go_to_editor() {
    let Some(editor) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| {
            document
                .query_selector("section.editor-panel")
                .ok()
                .flatten()
        })
    else {
        return;
    };
    editor.scroll_into_view();
    if let Ok(Some(control)) = editor.query_selector("input, select, textarea, button:enabled")
        && let Ok(control) = control.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = control.focus();
    }
}

/// The text of the file at `url` (relative to the page: a static file of the site), fetched
/// from the server the page came from.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let response = JsFuture::from(window()?.fetch_with_str(url))
        .await
        .map_err(describe)?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| format!("{url}: not a response"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(describe)?)
        .await
        .map_err(describe)?;
    text.as_string().ok_or_else(|| format!("{url}: not text"))
}
