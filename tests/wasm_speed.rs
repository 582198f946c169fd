//! The engine's speed compiled to wasm, in headless Chromium: a measurement, not a check.
//!
//! `cargo xtask bench` runs it with `cargo test --release --target wasm32-unknown-unknown
//! --test wasm_speed -- --nocapture` and BENCHMARKS.md records the printed medians beside the
//! native ones. Natively this file compiles to nothing. It asserts nothing about time (the
//! machines are shared and noisy); it only checks the runs produced a sane report.

#![cfg(target_arch = "wasm32")]

use funnelcast::engine::Simulation;
use funnelcast::scenario::Scenario;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const PLANNING: &str = include_str!("data/planning-b1.json");
const CLASSROOM: &str = include_str!("data/classroom-b2.json");

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Median of five timings of `runs` runs, in milliseconds.
fn median_ms(json: &str, runs: u32) -> f64 {
    let Ok(scenario) = Scenario::from_json(json) else {
        panic!("benchmark scenario unreadable")
    };
    let Ok(model) = scenario.validate() else {
        panic!("benchmark scenario invalid")
    };
    let simulation = Simulation::new(&model);
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let start = now_ms();
            let batch = simulation.batch(1, 0..runs);
            let elapsed = now_ms() - start;
            assert_eq!(batch.runs.len(), runs as usize);
            assert!(
                batch.runs.iter().any(|r| r.customers > 0),
                "the forecast has customers"
            );
            elapsed
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[2]
}

#[wasm_bindgen_test]
fn engine_speed_in_the_browser() {
    let planning = median_ms(PLANNING, 1000);
    let classroom = median_ms(CLASSROOM, 10_000);
    wasm_bindgen_test::console_log!(
        "wasm engine: planning-b1 1,000 runs {planning:.1} ms (x10 = {:.0} ms per 10,000); classroom-b2 10,000 runs {classroom:.1} ms",
        planning * 10.0
    );
}
