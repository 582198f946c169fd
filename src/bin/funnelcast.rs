//! The `funnelcast` command line (native only; see `funnelcast::cli`).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let code = funnelcast::cli::main_with_args(
        std::env::args().collect(),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    );
    std::process::exit(code);
}

#[cfg(target_arch = "wasm32")]
fn main() {}
