//! The app's split build (`--features split`, wasm32) links with `--emit-relocs`: the
//! relocations let `cargo xtask split` cut the lazy parts of the wasm into chunks.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg-bin=app=--emit-relocs");
    }
}
