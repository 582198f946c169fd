//! Engine speed on the benchmark scenarios in tests/data/ (run by `cargo xtask bench`).
//!
//! Targets (release, one thread, the 2-core project machine): 10,000 runs of the planning
//! benchmark in at most 1 s, 10,000 runs of the classroom benchmark in at most 0.1 s, and ten
//! times the planning traffic in at most 1.3 times its time. BENCHMARKS.md has the results.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use funnelcast::engine::{Simulation, reference};
use funnelcast::scenario::{self, Model, Scenario};

fn benchmark_scenario(file: &str) -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Scenario::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn model(scenario: &Scenario) -> Model {
    scenario
        .validate()
        .unwrap_or_else(|e| panic!("invalid benchmark scenario: {e:?}"))
}

/// The planning benchmark with every source's traffic multiplied by `factor`.
fn scaled(mut scenario: Scenario, factor: f64) -> Scenario {
    for source in &mut scenario.sources {
        source.per_day = match source.per_day {
            scenario::Arrivals::Poisson(m) => scenario::Arrivals::Poisson(m * factor),
            scenario::Arrivals::Fixed(n) => scenario::Arrivals::Fixed((n as f64 * factor) as i64),
        };
    }
    scenario
}

fn engine(c: &mut Criterion) {
    let planning = benchmark_scenario("planning-b1.json");
    let classroom = benchmark_scenario("classroom-b2.json");
    let cases = [
        ("planning-b1", model(&planning)),
        (
            "planning-b1-x10-traffic",
            model(&scaled(planning.clone(), 10.0)),
        ),
        ("classroom-b2", model(&classroom)),
    ];

    let mut group = c.benchmark_group("fast engine, 10,000 runs");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for (name, model) in &cases {
        let simulation = Simulation::new(model);
        group.bench_function(format!("{name}/simulate"), |b| {
            b.iter(|| black_box(simulation.batch(1, 0..10_000)))
        });
    }
    for (name, model) in &cases {
        let simulation = Simulation::new(model);
        let batch = simulation.batch(1, 0..10_000);
        group.bench_function(format!("{name}/summarise"), |b| {
            b.iter(|| black_box(simulation.report(1, vec![batch.clone()])))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("setup");
    for (name, model) in &cases {
        group.bench_function(format!("{name}/plan"), |b| {
            b.iter(|| black_box(Simulation::new(model)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("per-lead reference, 1 run");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for (name, model) in [&cases[0], &cases[2]] {
        group.bench_function(*name, |b| b.iter(|| black_box(reference::run(model, 1, 0))));
    }
    group.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
