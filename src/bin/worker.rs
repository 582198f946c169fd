//! The simulation worker's entry point: a dedicated Web Worker that simulates runs and
//! summarises them for the page (see `funnelcast::worker`). Trunk builds it beside the app
//! (`index.html`, `data-type="worker"`) as `worker.js` and `worker_bg.wasm`, which
//! `src/worker/worker_loader.js` (the script the page starts) loads.

#[cfg(target_arch = "wasm32")]
fn main() {
    funnelcast::worker::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("Funnelcast's simulation worker runs in a browser, started by the app.");
}
