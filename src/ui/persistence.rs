//! Keeping the work: autosave in local storage, share links in the URL fragment, undo and
//! redo. The rules are `crate::app_model` (autosave envelope, share codec, history); this is
//! their browser glue.

use leptos::ev;
use leptos::prelude::*;

use super::browser;
use super::state::{AppState, Notice, Settings};
use super::text::{t, tf};
use crate::app_model::action::{Action, Work};
use crate::app_model::autosave::{self, Restored, Saved};
use crate::app_model::messages;
use crate::app_model::share::{ShareError, Shared, SharedView};
use crate::scenario::presets;
use crate::ui::teach::Open;

/// Where the work is saved in local storage.
pub const SAVE_KEY: &str = "funnelcast.work";
/// Where unreadable saved work is moved, so that it is not overwritten by the next save.
pub const UNREADABLE_KEY: &str = "funnelcast.unreadable-work";

/// What the page starts with: the work, whether it was saved, a message, and a share link
/// waiting for the user's word.
pub struct Start {
    pub work: Work,
    /// The work came from storage or a link (not the default scenario).
    pub restored: bool,
    pub notice: Option<Notice>,
    pub pending_share: Option<Shared>,
    /// The view a share link opened into (the teaching view), if it asked for one.
    pub view: Option<SharedView>,
    /// What storage holds could not be read nor copied aside: the page must not save over it.
    pub keep_stored: bool,
}

fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// The message for a share link that cannot be opened.
pub fn share_error_text(error: &ShareError) -> String {
    let reason = messages::share_error(crate::ui::text::locale(), error);
    format!(
        "{}\n{reason}\n{}",
        t("share.broken.title"),
        t("share.broken.nothing_loaded")
    )
}

/// The work of a first visit: the default scenario.
fn default_work() -> Work {
    Work::new(vec![presets::default_scenario()], 0, Settings::default())
}

/// Reads the saved work and the URL fragment.
pub fn start() -> Start {
    let restored = autosave::restore(browser::load(SAVE_KEY).as_deref());
    let mut notice = None;
    let mut start = match &restored {
        Restored::Saved(saved) => Start {
            work: saved.work(),
            restored: true,
            notice: None,
            pending_share: None,
            view: None,
            keep_stored: false,
        },
        Restored::Corrupt { raw, error } => {
            // Kept aside, so that nothing the person typed is lost; when there is no room for
            // the copy, the page does not save over the original either.
            let kept = browser::save(UNREADABLE_KEY, raw).is_ok();
            let said = if kept {
                t("autosave.corrupt")
            } else {
                t("autosave.corrupt_kept_in_place")
            };
            notice = Notice::error(format!("{said}\n({error})"));
            Start {
                work: default_work(),
                restored: false,
                notice: None,
                pending_share: None,
                view: None,
                keep_stored: !kept,
            }
        }
        Restored::Nothing => Start {
            work: default_work(),
            restored: false,
            notice: None,
            pending_share: None,
            view: None,
            keep_stored: false,
        },
    };
    if let Some(link) = START_LINK.with(|link| link.borrow_mut().take()) {
        match link {
            Ok(shared) => {
                if autosave::should_ask_before_replacing(
                    &restored,
                    &shared,
                    &presets::default_scenario(),
                ) {
                    start.pending_share = Some(shared);
                } else {
                    notice = Notice::info(tf(
                        "share.opened",
                        &[("name", shared.scenario.name.clone())],
                    ));
                    start.work = shared.work();
                    start.view = shared.view;
                    start.restored = true;
                }
            }
            Err(error) => notice = Notice::error(share_error_text(&error)),
        }
        // The link has been read: a reload shows the (saved) work, not the link again.
        let _ = browser::set_fragment("");
    }
    start.notice = notice;
    start
}

thread_local! {
    /// The share link the page was opened with, read before the app mounted (`read_link`).
    static START_LINK: std::cell::RefCell<Option<Result<Shared, ShareError>>> =
        const { std::cell::RefCell::new(None) };
}

/// Reads the share link in the page's address, if any, for `start`: its reader (base64,
/// inflate, the payload's checks) is in a chunk fetched only when there is a link, so that a
/// visit without one does not load it. Called before the app mounts.
pub async fn read_link() {
    let fragment = browser::fragment();
    if fragment.is_empty() {
        return;
    }
    let link = split::decode_link(fragment).await;
    START_LINK.with(|start| *start.borrow_mut() = Some(link));
}

/// Opens a share link pasted into the address bar of the open page (only its fragment
/// changes, so the page is not reloaded): as at start-up, it asks before replacing work.
pub fn receive_link(state: AppState, open: Option<Open>) {
    let fragment = browser::fragment();
    if fragment.is_empty() {
        return;
    }
    leptos::task::spawn_local(async move {
        let link = split::decode_link(fragment).await;
        open_link(state, open, link);
    });
}

/// A share link received by the open page, decoded.
fn open_link(state: AppState, open: Option<Open>, link: Result<Shared, ShareError>) {
    match link {
        Ok(shared) => {
            let current = Restored::Saved(Saved::of_work(&state.work(), now_ms()));
            if autosave::should_ask_before_replacing(
                &current,
                &shared,
                &presets::default_scenario(),
            ) {
                state.pending_share.set(Some(shared));
            } else {
                let name = shared.scenario.name.clone();
                state.act(Action::ReplaceWork(shared.work()));
                open_view(open, shared.view);
                state
                    .notice
                    .set(Notice::info(tf("share.opened", &[("name", name)])));
            }
        }
        Err(error) => state.notice.set(Notice::error(share_error_text(&error))),
    }
    let _ = browser::set_fragment("");
}

/// Opens the view a share link asks for (the teaching view), once its work is shown.
fn open_view(open: Option<Open>, view: Option<SharedView>) {
    if let Some(open) = open {
        open.show(view);
    }
}

/// The page's address with `shared` in its fragment; the encoder (deflate) is in a chunk
/// loaded on the first call (`split`).
pub async fn share_url(shared: Shared) -> Result<String, String> {
    let fragment = split::share_fragment(shared).await;
    browser::url_with_fragment(&fragment)
}

/// Saves the work on every change (the undo history is kept by `AppState::dispatch`). A
/// storage that refuses (full, switched off) is said once, not at every edit, and said again
/// only after saving has worked in between (`autosave::SaveWatch`); the work stays in the
/// page meanwhile. With `keep_stored` (what storage holds could not be read nor copied aside)
/// nothing is saved over it.
pub fn keep(state: AppState, keep_stored: bool) {
    let watch = StoredValue::new(autosave::SaveWatch::default());
    Effect::new(move |_| {
        // Read every signal the work is mirrored into, so that any change saves.
        state.variants.track();
        state.active.track();
        state.settings.track();
        state.currency.track();
        state.target.track();
        if keep_stored {
            return;
        }
        let saved = Saved::of_work(&state.work(), now_ms());
        let outcome = browser::save(SAVE_KEY, &saved.to_json());
        if let Some(problem) = watch
            .try_update_value(|watch| watch.after_save(outcome))
            .flatten()
        {
            let text = messages::storage_problem(state.locale.get_untracked(), &problem);
            state.notice.set(Notice::error(text));
        }
    });
}

/// Undo (or redo, with `forward`): puts the previous (next) state of the work back.
pub fn step(state: AppState, forward: bool) {
    state.act(if forward { Action::Redo } else { Action::Undo });
}

/// Undo and redo buttons, with Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y outside text fields.
#[component]
pub fn UndoRedo() -> impl IntoView {
    let state = AppState::get();
    // Re-read the history's state whenever the work changes.
    let can = move |forward: bool| {
        state.variants.track();
        state.editing.with_value(|editing| {
            if forward {
                editing.history.can_redo()
            } else {
                editing.history.can_undo()
            }
        })
    };
    let undo = move |_| step(state, false);
    let redo = move |_| step(state, true);
    let listener = window_event_listener(ev::keydown, move |event| {
        let key = event.key().to_lowercase();
        if !(event.ctrl_key() || event.meta_key()) || !(key == "z" || key == "y") {
            return;
        }
        let in_field = event
            .target()
            .and_then(|target| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(target).ok())
            .is_some_and(|element| {
                matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            });
        if in_field {
            return;
        }
        event.prevent_default();
        let forward = key == "y" || event.shift_key();
        step(state, forward);
    });
    on_cleanup(move || listener.remove());
    view! {
        <button
            type="button"
            data-testid="undo"
            title=move || t("history.undo")
            disabled=move || !can(false)
            on:click=undo
        >
            <span aria-hidden="true">"↶ "</span>
            {move || t("history.undo")}
        </button>
        <button
            type="button"
            data-testid="redo"
            title=move || t("history.redo")
            disabled=move || !can(true)
            on:click=redo
        >
            <span aria-hidden="true">"↷ "</span>
            {move || t("history.redo")}
        </button>
    }
}

/// The share button: the whole work (every variant, the one shown, runs, seed, currency,
/// target) in the link's fragment, shown and copied.
#[component]
pub fn ShareButton() -> impl IntoView {
    let state = AppState::get();
    let (link, set_link) = signal(None::<String>);
    let share = move |_| {
        let shared = Shared::of_work(&state.work());
        // The encoder (deflate) is in a chunk loaded on the first click (`split`).
        leptos::task::spawn_local(async move {
            match share_url(shared).await {
                Ok(url) => {
                    browser::copy_to_clipboard(&url);
                    set_link.set(Some(url));
                }
                Err(message) => state.notice.set(Notice::error(message)),
            }
        });
    };
    view! {
        <button type="button" data-testid="share" on:click=share>
            {move || t("share.button")}
        </button>
        {move || {
            link.get()
                .map(|url| {
                    view! {
                        <label class="share-link">
                            <span>{move || t("share.link_label")}</span>
                            <input type="text" readonly data-testid="share-link" prop:value=url />
                        </label>
                    }
                })
        }}
    }
}

/// Asks before a share link replaces saved work.
#[component]
pub fn SharePrompt() -> impl IntoView {
    let state = AppState::get();
    let view = use_context::<Open>();
    let open = move |_| {
        if let Some(shared) = state.pending_share.get_untracked() {
            let name = shared.scenario.name.clone();
            state.act(Action::ReplaceWork(shared.work()));
            open_view(view, shared.view);
            state
                .notice
                .set(Notice::info(tf("share.opened", &[("name", name)])));
        }
        state.pending_share.set(None);
    };
    move || {
        state.pending_share.get().map(|shared| {
            view! {
                <div class="notice info" role="alertdialog" data-testid="share-prompt">
                    <div>
                        <strong>{move || t("share.open.title")}</strong>
                        <p>{tf("share.open.body", &[("name", shared.scenario.name.clone())])}</p>
                    </div>
                    <div class="prompt-buttons">
                        <button type="button" data-testid="share-open" on:click=open>
                            {move || t("share.open.confirm")}
                        </button>
                        <button
                            type="button"
                            data-testid="share-keep"
                            on:click=move |_| state.pending_share.set(None)
                        >
                            {move || t("share.open.keep")}
                        </button>
                    </div>
                </div>
            }
        })
    }
}

/// The share link's encoder (deflate) is in a chunk loaded on the share button's first click
/// (`super::lazy`).
#[allow(unsafe_code)]
mod split {
    use crate::app_model::share::{ShareError, Shared};

    #[cfg_attr(feature = "split", leptos::lazy)]
    pub(super) async fn share_fragment(shared: Shared) -> String {
        crate::app_model::share::encode(&shared)
    }

    #[cfg_attr(feature = "split", leptos::lazy)]
    pub(super) async fn decode_link(fragment: String) -> Result<Shared, ShareError> {
        crate::app_model::share::decode(&fragment)
    }
}
