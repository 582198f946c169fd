//! The CRM import's worker: a dedicated Web Worker that reads and calibrates a CRM history for
//! the page's "Import CRM history" (`funnelcast::worker::calibrate`). Trunk builds it beside
//! the app (`index.html`) as `crm_worker.js` and `crm_worker_bg.wasm`, which
//! `src/worker/crm_worker_loader.js` loads; it is started only when a history is imported, so
//! the simulation worker every page starts does not carry the CSV reader and the fits.

#[cfg(target_arch = "wasm32")]
fn main() {
    funnelcast::worker::web::start_calibration();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("Funnelcast's CRM import worker runs in a browser, started by the app.");
}
