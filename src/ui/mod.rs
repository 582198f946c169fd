//! The browser user interface: Leptos components over the scenario, the engine and the charts.
//!
//! Wasm only (`lib.rs` compiles this module for `wasm32` alone). One component per file; the
//! state lives in a few signals at the top (`App`), everything else is derived from them.
//! Architecture invariant: the only code that touches the browser's canvas is
//! `forecast_chart`; the drawing itself is `crate::charts`, shared with the native tests.

mod app;
mod forecast_chart;
mod header;
mod js_api;
pub mod pool;
mod results_panel;
mod scenario_panel;

pub use app::{App, Forecast, Progress, Settings, run_forecast};
pub use pool::{JobError, WorkerPool};

/// Starts the app in the page's `<body>`; the wasm entry point (`src/bin/app.rs`) calls it.
pub fn mount() {
    // A panic then shows in the browser console with its message and location.
    console_error_panic_hook::set_once();
    if let Err(error) = js_api::install() {
        leptos::logging::warn!("window.funnelcast is not available: {error:?}");
    }
    leptos::mount::mount_to_body(App);
}
