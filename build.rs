//! Build steps the compiler cannot do itself:
//! - The app's split build (`--features split`, wasm32) links with `--emit-relocs`: the
//!   relocations let `cargo xtask split` cut the lazy parts of the wasm into chunks.
//! - The English the browser app embeds (`OUT_DIR/en-first.ftl`): `src/i18n/en.ftl` without
//!   the entries only the parts loaded on demand show (keys starting with one of
//!   `DEFERRED`); the page fetches the whole file before it shows such a part
//!   (`i18n::DEFERRED_PREFIXES`, which `tests/i18n.rs` holds equal to this list).

/// Keys the first screen never shows (CRM import, calibration, the teaching view, the decisions
/// panel's tornado, experiment planner, goal, comparison charts and problems, which unknown
/// matters most, and the lead-quality control, a part of its own under the stages).
const DEFERRED: &[&str] = &[
    "crm.",
    "calibrate.",
    "teach.",
    "sensitivity.",
    "experiment.",
    "goal.",
    "uncertainty.",
    "chart.uncertainty.",
    "chart.compare.",
    "decision.",
    "editor.correlation.",
    "explain.correlation.",
    "report.assumptions.",
    "segments.",
];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/i18n/en.ftl");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg-bin=app=--emit-relocs");
    }
    let english = std::fs::read_to_string("src/i18n/en.ftl").expect("src/i18n/en.ftl is readable");
    let first: String = english
        .lines()
        .filter(|line| {
            let key = line.trim_start();
            !DEFERRED.iter().any(|prefix| key.starts_with(prefix))
        })
        .flat_map(|line| [line, "\n"])
        .collect();
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let path = std::path::Path::new(&out).join("en-first.ftl");
    std::fs::write(&path, first).expect("OUT_DIR is writable");
}
