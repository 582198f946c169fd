//! The browser app's entry point: mounts the user interface (see `funnelcast::ui`).

#[cfg(target_arch = "wasm32")]
fn main() {
    funnelcast::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("Funnelcast's app runs in a browser: start it with `cargo xtask serve`.");
}
