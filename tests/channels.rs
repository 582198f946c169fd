//! Figures per channel (issue 12): each source's leads, cost, customers, purchases and revenue,
//! where a customer and all its purchases (first and repeats) belong to the source of its lead.
//!
//! - The parts of the sources add up to the run's totals, in both engines, on every preset.
//! - The fast engine agrees with the per-lead reference on every source's means (within 4
//!   standard errors) and on the distribution of each source's customers (two-sample
//!   Kolmogorov-Smirnov), with power: the same comparison catches repeats booked to the first
//!   source and customers shared out by leads.
//! - Closed forms: a hand-worked case (three sources, one entering mid-funnel, repeats), exact
//!   run by run when every chance is certain and in the means otherwise; and every source's
//!   closed-form part (`SourceReport::exact`) against both engines.
//! - The report summarises per-run values (never sums of percentiles) and defines cost per
//!   customer and return on spend per source as it does for the totals.
//!
//! Seeds are fixed; the reference's sample is simulated once and shared by the tests.

use std::sync::OnceLock;

use funnelcast::engine::{self, RunResult, Simulation, SourceCounts, reference};
use funnelcast::scenario::{self, Model, presets};

mod support;
use support::{KolmogorovSmirnov, kolmogorov_smirnov};

fn model(text: &str) -> Model {
    scenario::load(text).expect("the test scenario is valid").1
}

/// Three sources into one funnel: Poisson ads into the first stage, a fixed daily partner
/// flow straight into the middle stage, and a one-day event cohort; an uncertain rate, a
/// nurture loop back to the first stage, heavy-tailed order values shared by the sources, and
/// repeat purchases with their own values.
const CHANNELS: &str = r#"{"name": "Channels", "horizon_days": 90,
  "sources": [
    {"name": "Ads", "entry": "Visit", "per_day": {"poisson": 10}, "cost_per_lead": 1.5},
    {"name": "Partners", "entry": "Demo", "per_day": {"fixed": 4}, "start_day": 10, "end_day": 50,
     "cost_per_lead": 12},
    {"name": "Event", "entry": "Visit", "per_day": {"fixed": 150}, "start_day": 20, "end_day": 21,
     "cost_per_lead": 2}],
  "stages": [
    {"name": "Visit", "conversion": 0.35, "delay_days": {"exponential": {"mean": 2}}},
    {"name": "Demo", "conversion": {"beta": {"alpha": 8, "beta": 12}},
     "delay_days": {"lognormal": {"median": 3, "sigma": 0.6}},
     "nurture": {"share": 0.5, "delay_days": {"fixed": 5}, "reentry": 0.4, "to": "Visit",
                 "max_cycles": 1}},
    {"name": "Buy", "conversion": 0.6, "delay_days": {"uniform": {"min": 1, "max": 4}},
     "value": {"lognormal": {"mean": 200, "sd": 300}}}],
  "retention": {"repeat": 0.6, "delay_days": {"gamma": {"shape": 3, "scale": 5}},
                "value": {"lognormal": {"mean": 80, "sd": 60}}, "max_repeats": 3}}"#;

const RUNS: u32 = 2500;
const SEED: u64 = 1201;

/// A mean differing by more than this many standard errors of the difference is a failure.
const MAX_STANDARD_ERRORS: f64 = 4.0;

fn fast_runs(model: &Model, seed: u64, runs: u32) -> Vec<RunResult> {
    Simulation::new(model).batch(seed, 0..runs).runs
}

fn reference_runs(model: &Model, seed: u64, runs: u32) -> Vec<RunResult> {
    (0..runs)
        .map(|run| reference::run(model, seed, run))
        .collect()
}

/// The reference's runs of CHANNELS, simulated once for every test that needs them.
fn channels_reference() -> &'static [RunResult] {
    static RUNS_OF_REFERENCE: OnceLock<Vec<RunResult>> = OnceLock::new();
    RUNS_OF_REFERENCE.get_or_init(|| reference_runs(&model(CHANNELS), SEED, RUNS))
}

/// The fast engine's runs of CHANNELS (another seed: the samples are independent).
fn channels_fast() -> &'static [RunResult] {
    static RUNS_OF_FAST: OnceLock<Vec<RunResult>> = OnceLock::new();
    RUNS_OF_FAST.get_or_init(|| fast_runs(&model(CHANNELS), SEED + 1, RUNS))
}

fn mean_variance(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, variance)
}

/// Each source's observed figures in one run, by name (`Ads.customers`).
fn observe(model: &Model, run: &RunResult) -> Vec<(String, f64)> {
    let mut values = Vec::new();
    for (source, part) in model.sources.iter().zip(&run.sources) {
        for (field, value) in [
            ("leads", part.leads as f64),
            ("cost", part.cost),
            ("customers", part.customers as f64),
            ("repeat_purchases", part.repeat_purchases as f64),
            ("revenue", part.revenue),
        ] {
            values.push((format!("{}.{field}", source.name), value));
        }
    }
    values
}

/// Columns of `observe` over runs.
fn columns(model: &Model, runs: &[RunResult]) -> Vec<(String, Vec<f64>)> {
    let mut out: Vec<(String, Vec<f64>)> = Vec::new();
    for run in runs {
        let values = observe(model, run);
        if out.is_empty() {
            out = values
                .iter()
                .map(|(name, _)| (name.clone(), Vec::new()))
                .collect();
        }
        for ((_, column), (_, value)) in out.iter_mut().zip(values) {
            column.push(value);
        }
    }
    out
}

/// The quantities whose means differ by more than 4 standard errors, as `name: z = …`, and
/// the table of every comparison.
fn disagreements(model: &Model, a: &[RunResult], b: &[RunResult]) -> (Vec<String>, String) {
    let (a, b) = (columns(model, a), columns(model, b));
    let mut failures = Vec::new();
    let mut table = String::new();
    for ((name, a), (_, b)) in a.iter().zip(&b) {
        let (mean_a, variance_a) = mean_variance(a);
        let (mean_b, variance_b) = mean_variance(b);
        let se = (variance_a / a.len() as f64 + variance_b / b.len() as f64).sqrt();
        let difference = mean_b - mean_a;
        let z = if se > 0.0 {
            difference / se
        } else if difference.abs() <= 1e-9 * mean_a.abs().max(1.0) {
            0.0
        } else {
            f64::INFINITY
        };
        table += &format!("  {name:<28} reference {mean_a:>12.3} fast {mean_b:>12.3} z {z:>7.2}\n");
        if z.abs() > MAX_STANDARD_ERRORS {
            failures.push(format!("{name}: z = {z:.2}"));
        }
    }
    (failures, table)
}

/// The parts of the sources add up to the run's totals: counts exactly, money to rounding
/// (the parts are summed in another order than the totals).
#[track_caller]
fn check_parts_add_up(label: &str, model: &Model, run: &RunResult) {
    assert_eq!(
        run.sources.len(),
        model.sources.len(),
        "{label}: one part per source"
    );
    let sum = |value: fn(&SourceCounts) -> u64| run.sources.iter().map(value).sum::<u64>();
    assert_eq!(sum(|p| p.leads), run.leads, "{label}: leads");
    assert_eq!(sum(|p| p.customers), run.customers, "{label}: customers");
    assert_eq!(
        sum(|p| p.repeat_purchases),
        run.repeat_purchases,
        "{label}: repeat purchases"
    );
    let money = |value: fn(&SourceCounts) -> f64| run.sources.iter().map(value).sum::<f64>();
    for (what, parts, total) in [
        ("cost", money(|p| p.cost), run.cost),
        ("revenue", money(|p| p.revenue), run.revenue),
    ] {
        assert!(
            (parts - total).abs() <= 1e-9 * total.abs().max(1.0),
            "{label}: the sources' {what} adds up to {parts}, the run's is {total}"
        );
    }
}

#[test]
fn the_sources_parts_add_up_to_the_run_totals_in_both_engines() {
    for preset in presets::PRESETS {
        let model = model(preset.json);
        let simulation = Simulation::new(&model);
        for run in 0..40 {
            check_parts_add_up(preset.id, &model, &simulation.run(7, run));
        }
        for run in 0..3 {
            check_parts_add_up(preset.id, &model, &reference::run(&model, 7, run));
        }
    }
    let channels = model(CHANNELS);
    for (index, run) in channels_fast().iter().enumerate().take(500) {
        check_parts_add_up(&format!("fast run {index}"), &channels, run);
    }
    for (index, run) in channels_reference().iter().enumerate().take(500) {
        check_parts_add_up(&format!("reference run {index}"), &channels, run);
    }
    // The report's means add up too (they are means of per-run values).
    let report = Simulation::new(&channels)
        .report(SEED, vec![Simulation::new(&channels).batch(SEED, 0..200)]);
    let total = |f: fn(&engine::SourceReport) -> f64| report.sources.iter().map(f).sum::<f64>();
    for (what, parts, whole) in [
        ("leads", total(|s| s.leads.mean), report.leads.mean),
        ("cost", total(|s| s.cost.mean), report.cost.mean),
        (
            "customers",
            total(|s| s.customers.mean),
            report.customers.mean,
        ),
        (
            "purchases",
            total(|s| s.purchases.mean),
            report.purchases.mean,
        ),
        ("revenue", total(|s| s.revenue.mean), report.revenue.mean),
    ] {
        assert!(
            (parts - whole).abs() <= 1e-9 * whole.abs().max(1.0),
            "the sources' mean {what} add up to {parts}, the report's is {whole}"
        );
    }
}

#[test]
fn engines_agree_on_every_sources_figures() {
    let channels = model(CHANNELS);
    let (failures, table) = disagreements(&channels, channels_reference(), channels_fast());
    println!("{table}");
    assert!(failures.is_empty(), "disagreements: {failures:#?}\n{table}");
    // The laws of each source's customers and revenue, not only their means: the fast
    // engine shares a group's revenue among the sources (see `fast::Shares`), the reference
    // books each lead's values to its source.
    for s in 0..channels.sources.len() {
        for (what, value) in [
            (
                "customers",
                (|p: &SourceCounts| p.customers as f64) as fn(&SourceCounts) -> f64,
            ),
            ("revenue", |p: &SourceCounts| p.revenue),
        ] {
            let of = |runs: &[RunResult]| -> Vec<f64> {
                runs.iter().map(|r| value(&r.sources[s])).collect()
            };
            let KolmogorovSmirnov {
                distance,
                p_value: p,
            } = kolmogorov_smirnov(&of(channels_reference()), &of(channels_fast()));
            assert!(
                p > 0.001,
                "{}'s {what}: KS distance {distance:.4}, p = {p:.2e}",
                channels.sources[s].name
            );
        }
    }
}

/// The comparison has power: the fast engine's runs with a wrong attribution are flagged.
#[test]
fn a_wrong_attribution_is_caught() {
    let channels = model(CHANNELS);
    // Every repeat purchase booked to the first source.
    let repeats_to_first: Vec<RunResult> = channels_fast()
        .iter()
        .map(|run| {
            let mut run = run.clone();
            let repeats: u64 = run.sources.iter().map(|p| p.repeat_purchases).sum();
            for part in &mut run.sources {
                part.repeat_purchases = 0;
            }
            run.sources[0].repeat_purchases = repeats;
            run
        })
        .collect();
    let (failures, table) = disagreements(&channels, channels_reference(), &repeats_to_first);
    for name in [
        "Ads.repeat_purchases",
        "Partners.repeat_purchases",
        "Event.repeat_purchases",
    ] {
        assert!(
            failures.iter().any(|f| f.starts_with(&format!("{name}:"))),
            "repeats booked to the first source not caught on {name}: {failures:#?}\n{table}"
        );
    }
    // Customers shared out in proportion to leads (as if every source converted alike).
    let by_leads: Vec<RunResult> = channels_fast()
        .iter()
        .map(|run| {
            let mut run = run.clone();
            let (customers, leads) = (run.customers as f64, run.leads.max(1) as f64);
            for part in &mut run.sources {
                part.customers = (customers * part.leads as f64 / leads).round() as u64;
            }
            run
        })
        .collect();
    let (failures, table) = disagreements(&channels, channels_reference(), &by_leads);
    for name in ["Ads.customers", "Partners.customers"] {
        assert!(
            failures.iter().any(|f| f.starts_with(&format!("{name}:"))),
            "customers shared by leads not caught on {name}: {failures:#?}\n{table}"
        );
    }
}

/// Every source's closed-form part within the horizon against both engines' means.
#[test]
fn each_sources_closed_form_agrees_with_both_engines() {
    let channels = model(CHANNELS);
    let report = Simulation::new(&channels).report(SEED, Vec::new());
    let exact = &report.sources;
    assert_eq!(exact.len(), 3);
    // The parts add up to the totals' closed forms.
    let whole = &report.exact.within_horizon;
    let parts =
        |f: fn(&engine::SourceExpectation) -> f64| exact.iter().map(|s| f(&s.exact)).sum::<f64>();
    for (what, sum, total) in [
        ("leads", parts(|e| e.leads), whole.leads),
        ("cost", parts(|e| e.cost), whole.cost),
        ("customers", parts(|e| e.customers), whole.customers),
        ("purchases", parts(|e| e.purchases), whole.purchases),
        ("revenue", parts(|e| e.revenue), whole.revenue),
    ] {
        assert!(
            (sum - total).abs() <= 1e-9 * total.max(1.0),
            "closed forms: the sources' {what} {sum}, the total's {total}"
        );
    }
    for (engine, runs) in [
        ("reference", channels_reference()),
        ("fast", channels_fast()),
    ] {
        for (s, source) in exact.iter().enumerate() {
            for (what, expected, values) in [
                (
                    "customers",
                    source.exact.customers,
                    runs.iter()
                        .map(|r| r.sources[s].customers as f64)
                        .collect::<Vec<_>>(),
                ),
                (
                    "purchases",
                    source.exact.purchases,
                    runs.iter()
                        .map(|r| r.sources[s].purchases() as f64)
                        .collect(),
                ),
                (
                    "revenue",
                    source.exact.revenue,
                    runs.iter().map(|r| r.sources[s].revenue).collect(),
                ),
                (
                    "cost",
                    source.exact.cost,
                    runs.iter().map(|r| r.sources[s].cost).collect(),
                ),
            ] {
                let (mean, variance) = mean_variance(&values);
                let se = (variance / values.len() as f64).sqrt();
                assert!(
                    (mean - expected).abs() <= MAX_STANDARD_ERRORS * se.max(1e-9 * expected.abs()),
                    "{engine}: {}'s mean {what} {mean} against its closed form {expected} (se {se})",
                    source.name
                );
            }
        }
    }
}

/// By hand: A sends 100 leads on day 0 into Lead (cost 2 each), B 80 leads on day 0 straight
/// into Deal (cost 10 each); Lead converts half after 1 day, Deal 40% after 1 day, worth 100;
/// a customer buys again with chance 1/2 after 5 days, at most twice, worth 50; the horizon
/// (30 days) sees everything. A: 100 × 0.5 × 0.4 = 20 customers, 20 × (0.5 + 0.25) = 15
/// repeats, revenue 20 × 100 + 15 × 50 = 2,750, cost 200. B: 80 × 0.4 = 32 customers, 24
/// repeats, revenue 3,200 + 1,200 = 4,400, cost 800. With every chance 1 (CERTAIN), each run
/// is exactly: A 100 customers and 200 repeats, B 80 and 160.
const BY_HAND: &str = r#"{"name": "By hand", "horizon_days": 30,
  "sources": [
    {"name": "A", "entry": "Lead", "per_day": {"fixed": 100}, "end_day": 1, "cost_per_lead": 2},
    {"name": "B", "entry": "Deal", "per_day": {"fixed": 80}, "end_day": 1, "cost_per_lead": 10}],
  "stages": [
    {"name": "Lead", "conversion": 0.5, "delay_days": {"fixed": 1}},
    {"name": "Deal", "conversion": 0.4, "delay_days": {"fixed": 1}, "value": {"fixed": 100}}],
  "retention": {"repeat": 0.5, "delay_days": {"fixed": 5}, "value": {"fixed": 50}, "max_repeats": 2}}"#;

#[test]
fn a_hand_worked_case_holds_in_both_engines() {
    // Every chance certain: exact on any seed, run by run.
    let certain = model(
        &BY_HAND
            .replace(r#""conversion": 0.5"#, r#""conversion": 1"#)
            .replace(r#""conversion": 0.4"#, r#""conversion": 1"#)
            .replace(r#""repeat": 0.5"#, r#""repeat": 1"#),
    );
    for seed in [1, 99] {
        for run in [
            Simulation::new(&certain).run(seed, 0),
            reference::run(&certain, seed, 0),
        ] {
            let parts: Vec<_> = run
                .sources
                .iter()
                .map(|p| (p.leads, p.cost, p.customers, p.repeat_purchases, p.revenue))
                .collect();
            assert_eq!(
                parts,
                [
                    (100, 200.0, 100, 200, 100.0 * 100.0 + 200.0 * 50.0),
                    (80, 800.0, 80, 160, 80.0 * 100.0 + 160.0 * 50.0)
                ],
                "seed {seed}"
            );
        }
    }
    // The chances: the closed forms by hand, and both engines' means against them.
    let by_hand = model(BY_HAND);
    let report = Simulation::new(&by_hand).report(5, Vec::new());
    let expected = [(20.0, 35.0, 2750.0, 200.0), (32.0, 56.0, 4400.0, 800.0)];
    for (source, &(customers, purchases, revenue, cost)) in report.sources.iter().zip(&expected) {
        let e = source.exact;
        for (what, got, want) in [
            ("customers", e.customers, customers),
            ("purchases", e.purchases, purchases),
            ("revenue", e.revenue, revenue),
            ("cost", e.cost, cost),
        ] {
            assert!(
                (got - want).abs() < 1e-9,
                "{}'s closed-form {what}: {got}, by hand {want}",
                source.name
            );
        }
    }
    let runs = 3000;
    for (engine, results) in [
        ("fast", fast_runs(&by_hand, 5, runs)),
        ("reference", reference_runs(&by_hand, 5, runs)),
    ] {
        for (s, &(customers, purchases, revenue, _)) in expected.iter().enumerate() {
            for (what, want, values) in [
                (
                    "customers",
                    customers,
                    results
                        .iter()
                        .map(|r| r.sources[s].customers as f64)
                        .collect::<Vec<_>>(),
                ),
                (
                    "purchases",
                    purchases,
                    results
                        .iter()
                        .map(|r| r.sources[s].purchases() as f64)
                        .collect(),
                ),
                (
                    "revenue",
                    revenue,
                    results.iter().map(|r| r.sources[s].revenue).collect(),
                ),
            ] {
                let (mean, variance) = mean_variance(&values);
                let se = (variance / f64::from(runs)).sqrt();
                assert!(
                    (mean - want).abs() <= MAX_STANDARD_ERRORS * se,
                    "{engine}: source {s}'s mean {what} {mean}, by hand {want} (se {se})"
                );
            }
        }
    }
}

/// The report's per-source figures are summaries of per-run values, and cost per customer
/// and return on spend are defined per source as the report defines them for the totals:
/// per-run ratios over the runs that have a customer (that spend anything).
#[test]
fn the_report_summarises_each_sources_per_run_values() {
    // Partners rarely make a customer here: many runs have none from them, and a free source
    // has no return on spend.
    let text = CHANNELS
        .replace(
            r#""per_day": {"fixed": 4}, "start_day": 10, "end_day": 50"#,
            r#""per_day": {"fixed": 1}, "start_day": 86, "end_day": 87"#,
        )
        .replace(r#""cost_per_lead": 2}"#, r#""cost_per_lead": 0}"#);
    let channels = model(&text);
    let simulation = Simulation::new(&channels);
    let batch = simulation.batch(3, 0..400);
    let runs = batch.runs.clone();
    let report = simulation.report(3, vec![batch]);
    for (s, source) in report.sources.iter().enumerate() {
        assert_eq!(source.name, channels.sources[s].name);
        let parts: Vec<SourceCounts> = runs.iter().map(|r| r.sources[s]).collect();
        let of =
            |f: fn(&SourceCounts) -> f64| engine::stats(&parts.iter().map(f).collect::<Vec<_>>());
        assert_eq!(
            source.leads,
            of(|p| p.leads as f64),
            "{}: leads",
            source.name
        );
        assert_eq!(source.cost, of(|p| p.cost), "{}: cost", source.name);
        assert_eq!(source.customers, of(|p| p.customers as f64));
        assert_eq!(source.purchases, of(|p| p.purchases() as f64));
        assert_eq!(source.revenue, of(|p| p.revenue));
        let with_customers: Vec<f64> = parts
            .iter()
            .filter(|p| p.customers > 0)
            .map(|p| p.cost / p.customers as f64)
            .collect();
        let with_cost: Vec<f64> = parts
            .iter()
            .filter(|p| p.cost > 0.0)
            .map(|p| p.revenue / p.cost)
            .collect();
        assert_eq!(source.cost_per_customer, engine::stats(&with_customers));
        assert_eq!(source.return_on_spend, engine::stats(&with_cost));
        assert_eq!(source.runs_with_customers as usize, with_customers.len());
        assert_eq!(source.runs_with_cost as usize, with_cost.len());
        assert_eq!(
            source.cost_per_customer.precision.is_some(),
            !with_customers.is_empty()
        );
    }
    let partners = &report.sources[1];
    assert!(
        0 < partners.runs_with_customers && partners.runs_with_customers < 400,
        "some runs without a partner customer: {}",
        partners.runs_with_customers
    );
    let event = &report.sources[2];
    assert_eq!(event.runs_with_cost, 0, "a free source spends nothing");
    assert_eq!(event.return_on_spend, engine::Stats::default());

    // One source: its figures are the report's own.
    let single = presets::find("subscription")
        .map(|p| model(p.json))
        .expect("a preset");
    let report = engine::simulate(&single, 300, 4);
    let only = &report.sources[0];
    assert_eq!(only.leads, report.leads);
    assert_eq!(only.customers, report.customers);
    assert_eq!(only.purchases, report.purchases);
    assert_eq!(
        only.cost_per_customer.mean.to_bits(),
        report.cost_per_customer.mean.to_bits()
    );
    for (what, part, whole) in [
        ("revenue", only.revenue.mean, report.revenue.mean),
        (
            "return on spend",
            only.return_on_spend.p50,
            report.return_on_spend.p50,
        ),
    ] {
        assert!(
            (part - whole).abs() <= 1e-9 * whole.abs(),
            "{what}: {part} vs {whole}"
        );
    }
}

/// Where the values make most of a source's spread (every lead buys on its arrival day, two
/// sources sharing the same order values), each source's revenue has the spread of its own
/// values: the fast engine's share of a day's revenue (`total × T_s / ΣT`) agrees with the
/// reference's value-by-value booking in standard deviation (within 5%) and in law (two-sample
/// Kolmogorov-Smirnov); a share in proportion to the counts would have 0.63 of A's spread.
///
/// Measured limit: with heavy tails and few values a day (a coefficient of variation of 4, 3
/// and 5 orders a day) the share is second-order only: A's spread came out 7% low, KS
/// distance 0.074 over 4,000 runs; at a coefficient of variation of 1.5 (10 and 30 a day),
/// 1% low.
#[test]
fn each_sources_revenue_has_the_spread_of_its_own_values() {
    let shared = model(
        r#"{"horizon_days": 30,
  "sources": [
    {"name": "A", "entry": "Buy", "per_day": {"fixed": 40}, "cost_per_lead": 1},
    {"name": "B", "entry": "Buy", "per_day": {"fixed": 60}, "cost_per_lead": 1}],
  "stages": [{"name": "Buy", "conversion": 1, "delay_days": {"fixed": 0},
     "value": {"lognormal": {"mean": 100, "sd": 100}}}]}"#,
    );
    let runs = 3000;
    let fast = fast_runs(&shared, 3, runs);
    let reference = reference_runs(&shared, 4, runs);
    for (s, name) in ["A", "B"].iter().enumerate() {
        let of = |runs: &[RunResult]| -> Vec<f64> {
            runs.iter().map(|r| r.sources[s].revenue).collect()
        };
        let (fast, reference) = (of(&fast), of(&reference));
        let ratio = (mean_variance(&fast).1 / mean_variance(&reference).1).sqrt();
        let KolmogorovSmirnov {
            distance,
            p_value: p,
        } = kolmogorov_smirnov(&reference, &fast);
        println!("{name}: sd ratio {ratio:.3}, KS distance {distance:.4}, p = {p:.3}");
        assert!(
            (0.95..=1.05).contains(&ratio),
            "{name}'s revenue: fast sd / reference sd = {ratio:.3}"
        );
        assert!(
            p > 0.001,
            "{name}'s revenue: KS distance {distance:.4}, p = {p:.2e}"
        );
    }
}
