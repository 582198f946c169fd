//! The offer to reload when a newer version of the site is ready. `pwa/register.js` installs
//! the service worker that keeps the site for offline use; when a newer release has been
//! installed beside the one serving this page, it sets `window.funnelcastUpdate` and fires
//! `funnelcast:update`. The page then offers a reload (the work is saved on every change, so
//! nothing is lost), and the button asks `window.funnelcastTakeUpdate()` to hand over.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::text::t;

/// The event `pwa/register.js` fires when a newer version waits.
const UPDATE_EVENT: &str = "funnelcast:update";

fn window_property(name: &str) -> JsValue {
    web_sys::window()
        .and_then(|window| js_sys::Reflect::get(&window, &JsValue::from_str(name)).ok())
        .unwrap_or(JsValue::UNDEFINED)
}

/// A banner with a reload button, shown once a newer version is ready.
#[component]
pub fn UpdateOffer() -> impl IntoView {
    // A version may have been found waiting before the app was mounted.
    let ready = RwSignal::new(!window_property("funnelcastUpdate").is_undefined());
    let listener = window_event_listener_untyped(UPDATE_EVENT, move |_| ready.set(true));
    on_cleanup(move || listener.remove());
    let take = move |_| {
        if let Ok(take) = window_property("funnelcastTakeUpdate").dyn_into::<js_sys::Function>() {
            // The page reloads once the new version serves it; a refusal leaves it as it is.
            let _ = take.call0(&JsValue::NULL);
        }
    };
    move || {
        ready.get().then(|| {
            view! {
                <div class="notice info update-offer" role="status" data-testid="update-offer">
                    <p>{move || t("update.ready")}</p>
                    <button type="button" data-testid="update-reload" on:click=take>
                        {move || t("update.reload")}
                    </button>
                </div>
            }
        })
    }
}
