//! The browser user interface: Leptos components over the scenario, the engine and the charts.
//!
//! Wasm only (`lib.rs` compiles this module for `wasm32` alone). The state lives in a few
//! signals (`state::AppState`, provided as context by `App`); everything else is derived from
//! them. All text goes through `text::t` (the message catalogue). Architecture invariant: the
//! only code that touches a canvas is `chart_canvas`; the drawing itself is
//! `crate::charts`, shared with the native tests.

mod app;
mod assumptions;
mod browser;
mod canvas_text;
mod channels;
mod chart_canvas;
mod crm;
mod decisions;
mod editor;
mod forecast_chart;
mod header;
mod job;
mod js_api;
mod lazy;
mod persistence;
pub mod pool;
mod progressive;
mod result_charts;
mod results_panel;
mod segments;
pub mod state;
mod teach;
mod text;
mod toolbar;
mod uncertainty;
mod update;
mod variants;

pub use app::App;
pub use pool::{JobError, WorkerPool};
pub use state::{Forecast, Settings};

/// Starts the app in the page's `<body>`; the wasm entry point (`src/bin/app.rs`) calls it.
pub fn mount() {
    // A panic then shows in the browser console with its message and location.
    console_error_panic_hook::set_once();
    if let Err(error) = js_api::install() {
        leptos::logging::warn!("window.funnelcast is not available: {error:?}");
    }
    // A page in Russian or Chinese first fetches its catalogue (the app embeds English only),
    // so that it never shows English before its own language.
    // Once the page is up, the other catalogues are fetched too, so that a switch of language
    // is immediate and still works if the connection is lost later.
    let locale = app::initial_locale();
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = text::load_catalogue(locale).await {
            leptos::logging::warn!("the {} texts could not be loaded: {error}", locale.code());
        }
        // A share link in the address is read first (its reader is a chunk of its own).
        persistence::read_link().await;
        leptos::mount::mount_to_body(App);
        results_panel::preload();
        for other in crate::i18n::Locale::ALL {
            // A failure here is told when that language is chosen.
            let _ = text::load_catalogue(other).await;
        }
    });
}
