//! The rules of "Meaning, precisely" (docs/scenario-format.md), each held in BOTH
//! engines: the fast engine (`Simulation::run`) and the per-lead reference (`reference::run`).
//!
//! Two kinds of test, one table per rule:
//! - Hand-worked traces. Small scenarios whose rates, shares, re-entries and repeats are 0 or
//!   1 and whose delays are certain, so every lead's journey is certain and both engines are
//!   deterministic: each row's figures (every count of every stage, open and open in nurture
//!   included, the day of each new customer and of each amount of revenue, the days to
//!   purchase) are worked out by hand and must come out exactly, in both engines, for any seed
//!   and run, and `SHIFT` days later (sources and horizon moved) their days `SHIFT` days
//!   later. Each trace also has a Poisson twin, where every fixed source of n leads a day
//!   sends a Poisson count of mean `TWIN_SCALE * n` instead: a lead's journey is then still a
//!   function of its arrival day alone, so every figure is a sum over days of each day's
//!   arrivals times a fixed amount, and its mean is exactly `TWIN_SCALE` times the hand figure
//!   (a hand figure of 0 must be 0 in every run). The twins hold the fast engine's Poisson
//!   roots, a separate code path (horizon cuts by sums over arrival days, event days spread by
//!   mixtures), to the same rules.
//! - Probabilistic rules: chances strictly between 0 and 1, uncertain rates drawn once per
//!   run, the delay laws, Poisson arrivals, the value laws, repeat purchases below 1: closed
//!   forms (means, variances, probabilities) worked out by hand in the test, held in both
//!   engines with enough runs.
//!
//! Thresholds: a mean (or variance) more than `MAX_Z` standard errors from its value by hand
//! fails. The file makes about 1,000 such comparisons; at 5 standard errors a correct engine
//! fails one with probability about 5.7e-7, so the whole file fails by chance with
//! probability below 0.1%. Distribution tests reject at `ALPHA`. Seeds are fixed, so every
//! run is reproducible.

use std::collections::BTreeMap;

use funnelcast::engine::{RunResult, Simulation, reference};
use funnelcast::scenario::{self, Arrivals, Model, Scenario};
use statrs::distribution::{ChiSquared, ContinuousCDF, Gamma, LogNormal, Normal, Uniform};

mod support;
use support::{KolmogorovSmirnov, kolmogorov_smirnov_against, kolmogorov_tail};

/// A mean further than this many standard errors from its value by hand is a failure.
const MAX_Z: f64 = 5.0;

/// Significance level of the distribution tests (chi-square goodness of fit, Kolmogorov-Smirnov).
const ALPHA: f64 = 1e-5;

/// The Poisson twin of a trace sends this many times the leads of each fixed source.
const TWIN_SCALE: f64 = 10.0;

/// Runs of each engine for each Poisson twin.
const TWIN_RUNS: u32 = 300;

fn model(text: &str) -> Model {
    match scenario::load(text) {
        Ok((_, model)) => model,
        Err(error) => panic!("the test scenario is invalid: {error}\n{text}"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Engine {
    Fast,
    Reference,
}

const ENGINES: [Engine; 2] = [Engine::Fast, Engine::Reference];

/// `runs` runs of one engine on `model`, seeded with `seed`.
fn simulate(engine: Engine, model: &Model, seed: u64, runs: u32) -> Vec<RunResult> {
    let simulation = Simulation::new(model);
    (0..runs)
        .map(|run| match engine {
            Engine::Fast => simulation.run(seed, run),
            Engine::Reference => reference::run(model, seed, run),
        })
        .collect()
}

/// Panics with every failure of a table at once, so one broken rule shows all its rows.
#[track_caller]
fn assert_no_failures(rule: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{rule}: {} failure(s)\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Figures of a run: as text for the traces, by name for the means
// ---------------------------------------------------------------------------------------------

/// The names of every figure of a run, zeros included, in the order `figure_values` gives
/// them: `leads`, `cost`, `customers`, `repeats`, `revenue`, `<stage>.<count>` and
/// `<series>[<day>]`.
fn figure_names(model: &Model) -> Vec<String> {
    let mut names: Vec<String> = ["leads", "cost", "customers", "repeats", "revenue"]
        .map(String::from)
        .to_vec();
    let empty = RunResult::empty(model.stages.len(), model.horizon as usize);
    for stage in &model.stages {
        for (name, _) in stage_counts(&empty.stages[0]) {
            names.push(format!("{}.{name}", stage.name));
        }
    }
    for (name, series) in series(&empty) {
        for day in 0..series.len() {
            names.push(format!("{name}[{day}]"));
        }
    }
    names
}

/// Every figure of a run, in the order of `figure_names`.
fn figure_values(result: &RunResult) -> Vec<f64> {
    let mut values = vec![
        result.leads as f64,
        result.cost,
        result.customers as f64,
        result.repeat_purchases as f64,
        result.revenue,
    ];
    for counts in &result.stages {
        values.extend(stage_counts(counts).map(|(_, value)| value));
    }
    for (_, series) in series(result) {
        values.extend(series);
    }
    values
}

/// One column per figure of `names` over `results`.
fn columns(model: &Model, results: &[RunResult], names: &[String]) -> Vec<Vec<f64>> {
    let all = figure_names(model);
    let index: Vec<usize> = names
        .iter()
        .map(|name| match all.iter().position(|n| n == name) {
            Some(i) => i,
            None => panic!("no figure named {name}"),
        })
        .collect();
    let mut columns = vec![Vec::with_capacity(results.len()); names.len()];
    for result in results {
        let values = figure_values(result);
        for (column, &i) in columns.iter_mut().zip(&index) {
            column.push(values[i]);
        }
    }
    columns
}

fn stage_counts(counts: &funnelcast::engine::StageCounts) -> [(&'static str, f64); 8] {
    [
        ("entered", counts.entered as f64),
        ("converted", counts.converted as f64),
        ("failed", counts.failed as f64),
        ("open", counts.open as f64),
        ("nurtured", counts.nurtured as f64),
        ("open_in_nurture", counts.open_in_nurture as f64),
        ("reentered", counts.reentered as f64),
        ("decision_days", counts.decision_days),
    ]
}

fn series(result: &RunResult) -> [(&'static str, Vec<f64>); 3] {
    [
        (
            "new_customers",
            result.new_customers.iter().map(|&n| f64::from(n)).collect(),
        ),
        ("revenue_by_day", result.revenue_by_day.clone()),
        ("days_to_purchase", result.days_to_purchase.clone()),
    ]
}

/// A run's figures as text: the totals, then every stage's non-zero counts, then the non-zero
/// days of each daily series (`day:value`), so an expectation reads like a hand calculation.
fn render(model: &Model, result: &RunResult) -> String {
    let mut out = format!(
        "leads {} cost {} customers {} repeats {} revenue {}\n",
        result.leads, result.cost, result.customers, result.repeat_purchases, result.revenue
    );
    for (stage, counts) in model.stages.iter().zip(&result.stages) {
        out += &format!("{}:", stage.name);
        for (name, value) in stage_counts(counts) {
            if value != 0.0 {
                out += &format!(" {name} {value}");
            }
        }
        out.push('\n');
    }
    for (name, series) in series(result) {
        let days: Vec<String> = series
            .iter()
            .enumerate()
            .filter(|(_, v)| **v != 0.0)
            .map(|(day, v)| format!("{day}:{v}"))
            .collect();
        if !days.is_empty() {
            out += &format!("{name} {}\n", days.join(" "));
        }
    }
    out
}

/// The expected text with indentation and blank lines removed.
fn normalise(expected: &str) -> String {
    expected
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The figures an expected text states, by the names `figures` gives (absent ones are 0).
fn parse(expected: &str) -> BTreeMap<String, f64> {
    let number = |text: &str| -> f64 {
        text.parse()
            .unwrap_or_else(|_| panic!("{text:?} in an expected trace is not a number"))
    };
    let mut out = BTreeMap::new();
    for line in normalise(expected).lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.first() {
            Some(first) if first.ends_with(':') => {
                let stage = first.trim_end_matches(':');
                for pair in words[1..].chunks(2) {
                    out.insert(format!("{stage}.{}", pair[0]), number(pair[1]));
                }
            }
            Some(&("new_customers" | "revenue_by_day" | "days_to_purchase")) => {
                for cell in &words[1..] {
                    let (day, value) = cell.split_once(':').expect("a day:value cell");
                    out.insert(format!("{}[{day}]", words[0]), number(value));
                }
            }
            Some(_) => {
                for pair in words.chunks(2) {
                    out.insert(pair[0].to_string(), number(pair[1]));
                }
            }
            None => {}
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Hand-worked traces, through both engines
// ---------------------------------------------------------------------------------------------

/// One row of a rule's table: a scenario where every journey is certain, and its figures by
/// hand (in `render`'s format; indentation is ignored).
struct Trace {
    what: &'static str,
    scenario: String,
    expected: &'static str,
}

fn trace(what: &'static str, scenario: impl Into<String>, expected: &'static str) -> Trace {
    Trace {
        what,
        scenario: scenario.into(),
        expected,
    }
}

/// The runs a trace is checked on: its figures must not depend on the seed or the run.
const TRACE_RUNS: [(u64, u32); 3] = [(1, 0), (2, 7), (0xDEAD_BEEF, 123)];

/// Every trace of a rule: exactly its hand figures in both engines on every run of
/// `TRACE_RUNS` (and the two engines' whole results equal), the same figures `SHIFT` days
/// later, then its Poisson twin's means.
#[track_caller]
fn check_traces(rule: &str, traces: &[Trace]) {
    let mut failures = Vec::new();
    for trace in traces {
        let model = model(&trace.scenario);
        let expected = normalise(trace.expected);
        let simulation = Simulation::new(&model);
        for (seed, run) in TRACE_RUNS {
            let fast = simulation.run(seed, run);
            let reference = reference::run(&model, seed, run);
            for (engine, result) in [(Engine::Fast, &fast), (Engine::Reference, &reference)] {
                let actual = render(&model, result);
                if actual != expected {
                    failures.push(format!(
                        "{}: {engine:?} (seed {seed}, run {run}):\nactual:\n{actual}expected:\n{expected}",
                        trace.what
                    ));
                }
            }
            if fast != reference {
                failures.push(format!(
                    "{}: the engines' results differ (seed {seed}, run {run}):\nfast {fast:?}\nreference {reference:?}",
                    trace.what
                ));
            }
        }
        failures.extend(check_shifted(trace));
        failures.extend(check_poisson_twin(trace, &model));
    }
    assert_no_failures(rule, &failures);
}

/// Days the shifted twin of a trace starts later.
const SHIFT: u32 = 3;

/// The trace's scenario `SHIFT` days later: every source starting and ending `SHIFT` days
/// later, and the horizon `SHIFT` days further.
fn shifted(text: &str) -> Model {
    let mut scenario = Scenario::from_json(text).expect("the test scenario is valid");
    let shift = i64::from(SHIFT);
    scenario.horizon_days += shift;
    for source in &mut scenario.sources {
        source.start_day += shift;
        source.end_day = source.end_day.map(|end| end + shift);
    }
    scenario.validate().expect("the shifted twin is valid")
}

/// Nothing in the rules depends on the calendar: the trace `SHIFT` days later has the same
/// figures, its daily series `SHIFT` days later (days to purchase count from arrival, so they
/// stay). This holds the engines to the horizon rules for leads arriving after day 0 too
/// (most traces send theirs on day 0, where a horizon test off by one can hide: the day
/// vectors end at the horizon anyway).
fn check_shifted(trace: &Trace) -> Vec<String> {
    let model = shifted(&trace.scenario);
    let mut expected = BTreeMap::new();
    for (name, value) in parse(trace.expected) {
        let name = match name.split_once('[') {
            Some((series, day)) if series != "days_to_purchase" => {
                let day: u32 = day.trim_end_matches(']').parse().expect("a day");
                format!("{series}[{}]", day + SHIFT)
            }
            _ => name,
        };
        expected.insert(name, value);
    }
    let names = figure_names(&model);
    let simulation = Simulation::new(&model);
    let mut failures = Vec::new();
    for (seed, run) in TRACE_RUNS {
        for (engine, result) in [
            (Engine::Fast, simulation.run(seed, run)),
            (Engine::Reference, reference::run(&model, seed, run)),
        ] {
            let wrong: Vec<String> = names
                .iter()
                .zip(figure_values(&result))
                .filter_map(|(name, actual)| {
                    let expected = expected.get(name).copied().unwrap_or(0.0);
                    (actual != expected).then(|| format!("{name} {actual} (expected {expected})"))
                })
                .collect();
            if !wrong.is_empty() {
                failures.push(format!(
                    "{} ({SHIFT} days later, {engine:?}, seed {seed}, run {run}): {}",
                    trace.what,
                    wrong.join(", ")
                ));
            }
        }
    }
    failures
}

/// The trace's scenario with every fixed source of n leads a day sending Poisson(`TWIN_SCALE`
/// n) instead.
fn poisson_twin(text: &str) -> Model {
    let mut scenario = Scenario::from_json(text).expect("the test scenario is valid");
    for source in &mut scenario.sources {
        if let Arrivals::Fixed(n) = source.per_day {
            source.per_day = Arrivals::Poisson(TWIN_SCALE * n as f64);
        }
    }
    scenario.validate().expect("the Poisson twin is valid")
}

/// The Poisson twin's mean figures against `TWIN_SCALE` times the hand figures, in both
/// engines: within `MAX_Z` standard errors (from the sample's own variance: these are sums
/// of Poisson counts with fixed weights, near normal over `TWIN_RUNS` runs), and exactly 0
/// where the hand figure is 0.
fn check_poisson_twin(trace: &Trace, trace_model: &Model) -> Vec<String> {
    let twin = poisson_twin(&trace.scenario);
    let hand = parse(trace.expected);
    let mut failures = Vec::new();
    for engine in ENGINES {
        let runs = simulate(engine, &twin, 77, TWIN_RUNS);
        let names = figure_names(trace_model);
        for (name, values) in names.iter().zip(columns(trace_model, &runs, &names)) {
            let expected = TWIN_SCALE * hand.get(name).copied().unwrap_or(0.0);
            let (mean, variance) = mean_variance(&values);
            let failure = if expected == 0.0 {
                values
                    .iter()
                    .any(|&v| v != 0.0)
                    .then(|| format!("{name} is not always 0 (mean {mean})"))
            } else if variance == 0.0 {
                ((mean - expected).abs() > 1e-9 * expected.abs())
                    .then(|| format!("{name}: always {mean}, expected mean {expected}"))
            } else {
                let z = (mean - expected) / (variance / values.len() as f64).sqrt();
                (z.abs() > MAX_Z)
                    .then(|| format!("{name}: mean {mean:.4} against {expected} (z = {z:.1})"))
            };
            if let Some(failure) = failure {
                failures.push(format!(
                    "{} (Poisson twin, {engine:?}): {failure}",
                    trace.what
                ));
            }
        }
    }
    failures
}

#[test]
fn sources_send_on_their_active_days_clipped_to_the_horizon_into_their_entry_stage() {
    check_traces(
        "sources",
        &[
            trace(
                // Two days of 3 leads at 1 each into A, a source of mean 0, and a source into
                // B whose end lies beyond the horizon: it sends on days 8 and 9 only, and
                // the lead of day 9 decides on day 10, the horizon. Cost 6 + 2 * 0.25.
                "start, end, the horizon and the entry stage",
                r#"{"horizon_days": 10,
                    "sources": [
                      {"name": "Burst", "entry": "A", "per_day": {"fixed": 3}, "start_day": 2,
                       "end_day": 4, "cost_per_lead": 1},
                      {"name": "Silent", "entry": "A", "per_day": {"poisson": 0}, "cost_per_lead": 9},
                      {"name": "Late", "entry": "B", "per_day": {"fixed": 1}, "start_day": 8,
                       "end_day": 20, "cost_per_lead": 0.25}],
                    "stages": [
                      {"name": "A", "conversion": 0, "delay_days": {"fixed": 0}},
                      {"name": "B", "conversion": 1, "delay_days": {"fixed": 1}}]}"#,
                "leads 8 cost 6.5 customers 1 repeats 0 revenue 0
                 A: entered 6 failed 6
                 B: entered 2 converted 1 open 1 decision_days 1
                 new_customers 9:1
                 days_to_purchase 1:1",
            ),
            trace(
                // No end_day: active up to the horizon (days 3, 4, 5); no cost_per_lead: 0.
                "no end_day and no cost",
                r#"{"horizon_days": 6,
                    "sources": [{"name": "Daily", "entry": "A", "per_day": {"fixed": 2}, "start_day": 3}],
                    "stages": [{"name": "A", "conversion": 1, "delay_days": {"fixed": 0}}]}"#,
                "leads 6 cost 0 customers 6 repeats 0 revenue 0
                 A: entered 6 converted 6
                 new_customers 3:2 4:2 5:2
                 days_to_purchase 0:6",
            ),
            trace(
                // X sends 1 on days 0, 1, 2 (cost 3), Y 2 on day 1 (cost 6); Later starts on
                // the horizon and sends nothing. Arrivals 1, 3, 1 decide a day later: the
                // lead of day 2 on day 3, the horizon.
                "sources add up; a source starting at the horizon sends nothing",
                r#"{"horizon_days": 3,
                    "sources": [
                      {"name": "X", "entry": "A", "per_day": {"fixed": 1}, "cost_per_lead": 1},
                      {"name": "Y", "entry": "A", "per_day": {"fixed": 2}, "start_day": 1,
                       "end_day": 2, "cost_per_lead": 3},
                      {"name": "Later", "entry": "A", "per_day": {"fixed": 5}, "start_day": 3,
                       "end_day": 9, "cost_per_lead": 1}],
                    "stages": [{"name": "A", "conversion": 1, "delay_days": {"fixed": 1}}]}"#,
                "leads 5 cost 9 customers 4 repeats 0 revenue 0
                 A: entered 5 converted 4 open 1 decision_days 4
                 new_customers 1:1 2:3
                 days_to_purchase 1:4",
            ),
        ],
    );
}

/// Four leads arriving on day 9, the last day of a 10-day horizon, into A, B and C (C worth
/// 10), deciding after 0 days at A and C and after `b_delay` days at B.
fn last_day_leads(b_delay: u32) -> String {
    r#"{"horizon_days": 10,
        "sources": [{"name": "Last day", "entry": "A", "per_day": {"fixed": 4}, "start_day": 9}],
        "stages": [
          {"name": "A", "conversion": 1, "delay_days": {"fixed": 0}},
          {"name": "B", "conversion": 1, "delay_days": {"fixed": $b}},
          {"name": "C", "conversion": 1, "delay_days": {"fixed": 0}, "value": {"fixed": 10}}]}"#
        .replace("$b", &b_delay.to_string())
}

/// One lead on day 0 into A (2 days) then B (3 days), with a horizon of `horizon` days.
fn two_fixed_stages(horizon: u32) -> String {
    r#"{"horizon_days": $h,
        "sources": [{"name": "One", "entry": "A", "per_day": {"fixed": 1}, "end_day": 1}],
        "stages": [
          {"name": "A", "conversion": 1, "delay_days": {"fixed": 2}},
          {"name": "B", "conversion": 1, "delay_days": {"fixed": 3}}]}"#
        .replace("$h", &horizon.to_string())
}

#[test]
fn a_lead_decides_its_delay_after_entering_and_is_open_when_that_is_on_or_after_the_horizon() {
    check_traces(
        "stages and the horizon",
        &[
            trace(
                // Every lead decides on day 2 at A and enters B that day; buys on day 5.
                "a sure funnel",
                r#"{"horizon_days": 10,
                    "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 10},
                                 "start_day": 0, "end_day": 1, "cost_per_lead": 0.5}],
                    "stages": [
                      {"name": "A", "conversion": 1, "delay_days": {"fixed": 2}},
                      {"name": "B", "conversion": 1, "delay_days": {"fixed": 3}, "value": {"fixed": 100}}]}"#,
                "leads 10 cost 5 customers 10 repeats 0 revenue 1000
                 A: entered 10 converted 10 decision_days 20
                 B: entered 10 converted 10 decision_days 30
                 new_customers 5:10
                 revenue_by_day 5:1000
                 days_to_purchase 5:10",
            ),
            trace(
                // A lead arriving on day t decides on t + 3: the leads of days 7, 8 and 9
                // decide on or after day 10 and stay open. B's same-day decision on day 9 is
                // still inside the horizon.
                "the horizon leaves open exactly the leads deciding on or after it",
                r#"{"horizon_days": 10,
                    "sources": [{"name": "Daily", "entry": "A", "per_day": {"fixed": 1}}],
                    "stages": [
                      {"name": "A", "conversion": 1, "delay_days": {"fixed": 3}},
                      {"name": "B", "conversion": 1, "delay_days": {"fixed": 0}}]}"#,
                "leads 10 cost 0 customers 7 repeats 0 revenue 0
                 A: entered 10 converted 7 open 3 decision_days 21
                 B: entered 7 converted 7
                 new_customers 3:1 4:1 5:1 6:1 7:1 8:1 9:1
                 days_to_purchase 3:7",
            ),
            trace(
                // Arriving on the last day, through three same-day decisions: customers that
                // very day.
                "same-day decisions on the last day",
                last_day_leads(0),
                "leads 4 cost 0 customers 4 repeats 0 revenue 40
                 A: entered 4 converted 4
                 B: entered 4 converted 4
                 C: entered 4 converted 4
                 new_customers 9:4
                 revenue_by_day 9:40
                 days_to_purchase 0:4",
            ),
            trace(
                // The same with a day at B: B would decide on day 10, the horizon.
                "a one-day delay on the last day",
                last_day_leads(1),
                "leads 4 cost 0 customers 0 repeats 0 revenue 0
                 A: entered 4 converted 4
                 B: entered 4 open 4
                 C:",
            ),
            trace(
                // B's clock starts on the day A converts: B decides on 2 + 3 = 5, the horizon.
                "the next stage is entered on the day of converting (horizon 5)",
                two_fixed_stages(5),
                "leads 1 cost 0 customers 0 repeats 0 revenue 0
                 A: entered 1 converted 1 decision_days 2
                 B: entered 1 open 1",
            ),
            trace(
                "the next stage is entered on the day of converting (horizon 6)",
                two_fixed_stages(6),
                "leads 1 cost 0 customers 1 repeats 0 revenue 0
                 A: entered 1 converted 1 decision_days 2
                 B: entered 1 converted 1 decision_days 3
                 new_customers 5:1
                 days_to_purchase 5:1",
            ),
            trace(
                // Failing the last stage is no purchase, and books no value.
                "a failure at the last stage",
                r#"{"horizon_days": 5,
                    "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 2}, "end_day": 1}],
                    "stages": [
                      {"name": "A", "conversion": 1, "delay_days": {"fixed": 1}},
                      {"name": "B", "conversion": 0, "delay_days": {"fixed": 1}, "value": {"fixed": 100}}]}"#,
                "leads 2 cost 0 customers 0 repeats 0 revenue 0
                 A: entered 2 converted 2 decision_days 2
                 B: entered 2 failed 2 decision_days 2",
            ),
        ],
    );
}

/// One lead on day 0 into a single stage that always converts after `delay` (a delay law in
/// JSON), in a 10-day horizon.
fn one_lead_deciding_after(delay: &str) -> String {
    r#"{"horizon_days": 10,
        "sources": [{"name": "One", "entry": "A", "per_day": {"fixed": 1}, "end_day": 1}],
        "stages": [{"name": "A", "conversion": 1, "delay_days": $delay}]}"#
        .replace("$delay", delay)
}

#[test]
fn delays_are_whole_days_with_both_ends_of_a_uniform_and_continuous_laws_rounded() {
    // The certain delays of every kind: a uniform with min = max, lognormals of sigma 0 (their
    // median), an exponential of mean 0. Rounding to the nearest day sends 2.4 to 2 and 2.6
    // and 9.6 to 3 and 10 (truncation would give 2, 2 and 9).
    let customer_on = |day: u32| -> &'static str {
        match day {
            0 => {
                "leads 1 cost 0 customers 1 repeats 0 revenue 0
                  A: entered 1 converted 1
                  new_customers 0:1
                  days_to_purchase 0:1"
            }
            2 => {
                "leads 1 cost 0 customers 1 repeats 0 revenue 0
                  A: entered 1 converted 1 decision_days 2
                  new_customers 2:1
                  days_to_purchase 2:1"
            }
            3 => {
                "leads 1 cost 0 customers 1 repeats 0 revenue 0
                  A: entered 1 converted 1 decision_days 3
                  new_customers 3:1
                  days_to_purchase 3:1"
            }
            9 => {
                "leads 1 cost 0 customers 1 repeats 0 revenue 0
                  A: entered 1 converted 1 decision_days 9
                  new_customers 9:1
                  days_to_purchase 9:1"
            }
            _ => unreachable!("no trace for day {day}"),
        }
    };
    let open = "leads 1 cost 0 customers 0 repeats 0 revenue 0
                A: entered 1 open 1";
    check_traces(
        "delays",
        &[
            trace(
                "a delay of 0 is the same day",
                one_lead_deciding_after(r#"{"fixed": 0}"#),
                customer_on(0),
            ),
            trace(
                "a fixed delay of horizon - 1 days",
                one_lead_deciding_after(r#"{"fixed": 9}"#),
                customer_on(9),
            ),
            trace(
                "a uniform from 3 to 3 includes 3",
                one_lead_deciding_after(r#"{"uniform": {"min": 3, "max": 3}}"#),
                customer_on(3),
            ),
            trace(
                "a uniform from 10 to 10 reaches the horizon",
                one_lead_deciding_after(r#"{"uniform": {"min": 10, "max": 10}}"#),
                open,
            ),
            trace(
                "2.4 days round to 2",
                one_lead_deciding_after(r#"{"lognormal": {"median": 2.4, "sigma": 0}}"#),
                customer_on(2),
            ),
            trace(
                "2.6 days round to 3",
                one_lead_deciding_after(r#"{"lognormal": {"median": 2.6, "sigma": 0}}"#),
                customer_on(3),
            ),
            trace(
                "9.6 days round to 10, the horizon",
                one_lead_deciding_after(r#"{"lognormal": {"median": 9.6, "sigma": 0}}"#),
                open,
            ),
            trace(
                "an exponential of mean 0 is the same day",
                one_lead_deciding_after(r#"{"exponential": {"mean": 0}}"#),
                customer_on(0),
            ),
        ],
    );
}

/// One lead on day 0: A converts after 1 day, B always fails after 1 day and sends the lead
/// back to A after 2 days in nurture, at most twice; A's value is `a_value` (JSON or empty).
fn loop_back_to_an_earlier_stage(horizon: u32, a_value: &str) -> String {
    r#"{"horizon_days": $h,
        "sources": [{"name": "One", "entry": "A", "per_day": {"fixed": 1}, "end_day": 1}],
        "stages": [
          {"name": "A", "conversion": 1, "delay_days": {"fixed": 1} $value},
          {"name": "B", "conversion": 0, "delay_days": {"fixed": 1},
           "nurture": {"share": 1, "delay_days": {"fixed": 2}, "reentry": 1, "to": "A",
                       "max_cycles": 2}}]}"#
        .replace("$h", &horizon.to_string())
        .replace("$value", a_value)
}

#[test]
fn values_are_booked_on_the_day_of_each_conversion_out_of_their_stage() {
    check_traces(
        "values",
        &[
            trace(
                "a value on an earlier stage is booked even if the lead never buys",
                r#"{"horizon_days": 5,
                    "sources": [{"name": "Cohort", "entry": "Tripwire", "per_day": {"fixed": 3}, "end_day": 1}],
                    "stages": [
                      {"name": "Tripwire", "conversion": 1, "delay_days": {"fixed": 0}, "value": {"fixed": 7}},
                      {"name": "Core", "conversion": 0, "delay_days": {"fixed": 2}}]}"#,
                "leads 3 cost 0 customers 0 repeats 0 revenue 21
                 Tripwire: entered 3 converted 3
                 Core: entered 3 failed 3 decision_days 6
                 revenue_by_day 0:21",
            ),
            trace(
                // A converts on days 1, 5 and 9 (the nurture loop brings the lead back
                // twice): 7 each time.
                "a value is booked each time the lead converts out of its stage",
                loop_back_to_an_earlier_stage(20, r#", "value": {"fixed": 7}"#),
                "leads 1 cost 0 customers 0 repeats 0 revenue 21
                 A: entered 3 converted 3 decision_days 3
                 B: entered 3 failed 3 nurtured 2 reentered 2 decision_days 3
                 revenue_by_day 1:7 5:7 9:7",
            ),
            trace(
                // One lead converts out of A on day 1 (5) and fails B on day 2 (no 50);
                // another, straight into C, would decide on day 5, after the horizon (no 500).
                "no value for failing, nor for a lead still open",
                r#"{"horizon_days": 4,
                    "sources": [
                      {"name": "One", "entry": "A", "per_day": {"fixed": 1}, "end_day": 1},
                      {"name": "Direct", "entry": "C", "per_day": {"fixed": 1}, "end_day": 1}],
                    "stages": [
                      {"name": "A", "conversion": 1, "delay_days": {"fixed": 1}, "value": {"fixed": 5}},
                      {"name": "B", "conversion": 0, "delay_days": {"fixed": 1}, "value": {"fixed": 50}},
                      {"name": "C", "conversion": 1, "delay_days": {"fixed": 5}, "value": {"fixed": 500}}]}"#,
                "leads 2 cost 0 customers 0 repeats 0 revenue 5
                 A: entered 1 converted 1 decision_days 1
                 B: entered 1 failed 1 decision_days 1
                 C: entered 1 open 1
                 revenue_by_day 1:5",
            ),
            trace(
                // Two leads: 1 each on day 2 out of A, 10 each on day 5 out of B.
                "values on two stages, each on its own day",
                r#"{"horizon_days": 10,
                    "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 2}, "end_day": 1}],
                    "stages": [
                      {"name": "A", "conversion": 1, "delay_days": {"fixed": 2}, "value": {"fixed": 1}},
                      {"name": "B", "conversion": 1, "delay_days": {"fixed": 3}, "value": {"fixed": 10}}]}"#,
                "leads 2 cost 0 customers 2 repeats 0 revenue 22
                 A: entered 2 converted 2 decision_days 4
                 B: entered 2 converted 2 decision_days 6
                 new_customers 5:2
                 revenue_by_day 2:2 5:20
                 days_to_purchase 5:2",
            ),
        ],
    );
}

/// One lead on day 0 into A, which always fails and nurtures it forward into B once; B
/// always fails and may nurture it back into B while the lead has made fewer than
/// `b_max_cycles` cycles.
fn cycles_across_stages(b_max_cycles: u32) -> String {
    r#"{"horizon_days": 20,
        "sources": [{"name": "One", "entry": "A", "per_day": {"fixed": 1}, "end_day": 1}],
        "stages": [
          {"name": "A", "conversion": 0, "delay_days": {"fixed": 1},
           "nurture": {"share": 1, "delay_days": {"fixed": 1}, "reentry": 1, "to": "B",
                       "max_cycles": 1}},
          {"name": "B", "conversion": 0, "delay_days": {"fixed": 1},
           "nurture": {"share": 1, "delay_days": {"fixed": 1}, "reentry": 1, "to": "B",
                       "max_cycles": $m}}]}"#
        .replace("$m", &b_max_cycles.to_string())
}

/// Four leads on day 0 into A, which always fails them after a day; its nurture (3 days,
/// back to A) takes them with `share`, sends them back with `reentry`, up to `max_cycles`.
fn failing_cohort_nurtured(share: u32, reentry: u32, max_cycles: u32) -> String {
    r#"{"horizon_days": 20,
        "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 4}, "end_day": 1}],
        "stages": [{"name": "A", "conversion": 0, "delay_days": {"fixed": 1},
                    "nurture": {"share": $s, "delay_days": {"fixed": 3}, "reentry": $r, "to": "A",
                                "max_cycles": $m}}]}"#
        .replace("$s", &share.to_string())
        .replace("$r", &reentry.to_string())
        .replace("$m", &max_cycles.to_string())
}

#[test]
fn nurture_takes_failing_leads_back_while_their_cycles_over_all_stages_allow() {
    let lost_without_nurture = "leads 4 cost 0 customers 0 repeats 0 revenue 0
                                A: entered 4 failed 4 decision_days 4";
    check_traces(
        "nurture",
        &[
            trace(
                // A 0->1, B 1->2 fails, nurture 2->4; A 4->5, B 5->6, nurture 6->8; A 8->9,
                // B 9->10 fails with two cycles made: lost.
                "a nurture loop stops at its max_cycles",
                loop_back_to_an_earlier_stage(20, ""),
                "leads 1 cost 0 customers 0 repeats 0 revenue 0
                 A: entered 3 converted 3 decision_days 3
                 B: entered 3 failed 3 nurtured 2 reentered 2 decision_days 3",
            ),
            trace(
                // The second nurture would end on day 8, the horizon.
                "nurture ending on the horizon leaves the lead open in nurture",
                loop_back_to_an_earlier_stage(8, ""),
                "leads 1 cost 0 customers 0 repeats 0 revenue 0
                 A: entered 2 converted 2 decision_days 2
                 B: entered 2 failed 2 nurtured 2 open_in_nurture 1 reentered 1 decision_days 2",
            ),
            trace(
                // The second nurture ends on day 8, the last day: back in A, which would
                // decide on day 9, the horizon.
                "nurture ending on the last day re-enters; the lead is open in the stage it re-entered",
                loop_back_to_an_earlier_stage(9, ""),
                "leads 1 cost 0 customers 0 repeats 0 revenue 0
                 A: entered 3 converted 2 open 1 decision_days 2
                 B: entered 2 failed 2 nurtured 2 reentered 2 decision_days 2",
            ),
            trace(
                // The cycle made through A's nurture uses up B's single allowed cycle.
                "cycles made at one stage count against another stage's max_cycles",
                cycles_across_stages(1),
                "leads 1 cost 0 customers 0 repeats 0 revenue 0
                 A: entered 1 failed 1 nurtured 1 reentered 1 decision_days 1
                 B: entered 1 failed 1 decision_days 1",
            ),
            trace(
                // With two allowed, B's nurture takes the lead once more.
                "a second cycle allowed at B",
                cycles_across_stages(2),
                "leads 1 cost 0 customers 0 repeats 0 revenue 0
                 A: entered 1 failed 1 nurtured 1 reentered 1 decision_days 1
                 B: entered 2 failed 2 nurtured 1 reentered 1 decision_days 2",
            ),
            trace(
                // Fail on day 1, nurture until day 4, then lost: no re-entry, not open.
                "nurture without re-entry loses the lead after its stay",
                failing_cohort_nurtured(1, 0, 5),
                "leads 4 cost 0 customers 0 repeats 0 revenue 0
                 A: entered 4 failed 4 nurtured 4 decision_days 4",
            ),
            trace(
                "a share of 0 loses failing leads at once",
                failing_cohort_nurtured(0, 1, 5),
                lost_without_nurture,
            ),
            trace(
                "a max_cycles of 0 never nurtures",
                failing_cohort_nurtured(1, 1, 0),
                lost_without_nurture,
            ),
            trace(
                // Fail on days 1, 5, 9; back on days 4 and 8; the third failure is lost.
                "two cycles through the same stage",
                failing_cohort_nurtured(1, 1, 2),
                "leads 4 cost 0 customers 0 repeats 0 revenue 0
                 A: entered 12 failed 12 nurtured 8 reentered 8 decision_days 12",
            ),
            trace(
                // Fails A on day 1, nurtured until day 3, enters B and buys on day 4.
                "a nurture forward to a later stage, and a purchase after it",
                r#"{"horizon_days": 10,
                    "sources": [{"name": "One", "entry": "A", "per_day": {"fixed": 1}, "end_day": 1}],
                    "stages": [
                      {"name": "A", "conversion": 0, "delay_days": {"fixed": 1},
                       "nurture": {"share": 1, "delay_days": {"fixed": 2}, "reentry": 1, "to": "B",
                                   "max_cycles": 1}},
                      {"name": "B", "conversion": 1, "delay_days": {"fixed": 1}, "value": {"fixed": 50}}]}"#,
                "leads 1 cost 0 customers 1 repeats 0 revenue 50
                 A: entered 1 failed 1 nurtured 1 reentered 1 decision_days 1
                 B: entered 1 converted 1 decision_days 1
                 new_customers 4:1
                 revenue_by_day 4:50
                 days_to_purchase 4:1",
            ),
        ],
    );
}

/// One customer buying on day 1 for 100, then `delay` days after each purchase with
/// probability `repeat`, at most `max_repeats` times; `value` is the retention's value (JSON
/// with a trailing comma, or empty for the default).
fn loyal_customer(horizon: u32, repeat: u32, delay: u32, max_repeats: u32, value: &str) -> String {
    r#"{"horizon_days": $h,
        "sources": [{"name": "One", "entry": "Buy", "per_day": {"fixed": 1}, "end_day": 1}],
        "stages": [{"name": "Buy", "conversion": 1, "delay_days": {"fixed": 1},
                    "value": {"fixed": 100}}],
        "retention": {"repeat": $r, "delay_days": {"fixed": $d}, $value "max_repeats": $m}}"#
        .replace("$h", &horizon.to_string())
        .replace("$r", &repeat.to_string())
        .replace("$d", &delay.to_string())
        .replace("$m", &max_repeats.to_string())
        .replace("$value", value)
}

#[test]
fn a_customer_buys_again_after_each_purchase_until_max_repeats_a_miss_or_the_horizon() {
    const TWENTY: &str = r#""value": {"fixed": 20},"#;
    let no_repeat = "leads 1 cost 0 customers 1 repeats 0 revenue 100
                     Buy: entered 1 converted 1 decision_days 1
                     new_customers 1:1
                     revenue_by_day 1:100
                     days_to_purchase 1:1";
    check_traces(
        "retention",
        &[
            trace(
                // Repeats on days 11, 21 and 31, then max_repeats is reached.
                "retention stops at max_repeats",
                loyal_customer(100, 1, 10, 3, TWENTY),
                "leads 1 cost 0 customers 1 repeats 3 revenue 160
                 Buy: entered 1 converted 1 decision_days 1
                 new_customers 1:1
                 revenue_by_day 1:100 11:20 21:20 31:20
                 days_to_purchase 1:1",
            ),
            trace(
                "a repeat after the horizon is not counted (horizon 25)",
                loyal_customer(25, 1, 10, 3, TWENTY),
                "leads 1 cost 0 customers 1 repeats 2 revenue 140
                 Buy: entered 1 converted 1 decision_days 1
                 new_customers 1:1
                 revenue_by_day 1:100 11:20 21:20
                 days_to_purchase 1:1",
            ),
            trace(
                "a repeat on the horizon is not counted (horizon 21)",
                loyal_customer(21, 1, 10, 3, TWENTY),
                "leads 1 cost 0 customers 1 repeats 1 revenue 120
                 Buy: entered 1 converted 1 decision_days 1
                 new_customers 1:1
                 revenue_by_day 1:100 11:20
                 days_to_purchase 1:1",
            ),
            trace(
                "a repeat on the last day is counted (horizon 22)",
                loyal_customer(22, 1, 10, 3, TWENTY),
                "leads 1 cost 0 customers 1 repeats 2 revenue 140
                 Buy: entered 1 converted 1 decision_days 1
                 new_customers 1:1
                 revenue_by_day 1:100 11:20 21:20
                 days_to_purchase 1:1",
            ),
            trace(
                "a repeat without its own value books the last stage's value",
                loyal_customer(100, 1, 10, 3, ""),
                "leads 1 cost 0 customers 1 repeats 3 revenue 400
                 Buy: entered 1 converted 1 decision_days 1
                 new_customers 1:1
                 revenue_by_day 1:100 11:100 21:100 31:100
                 days_to_purchase 1:1",
            ),
            trace(
                "a repeat of 0 churns at the first chance",
                loyal_customer(100, 0, 10, 3, TWENTY),
                no_repeat,
            ),
            trace(
                "a max_repeats of 0 never repeats",
                loyal_customer(100, 1, 10, 0, TWENTY),
                no_repeat,
            ),
            trace(
                "repeats after 0 days fall on the day of the purchase",
                loyal_customer(100, 1, 0, 3, TWENTY),
                "leads 1 cost 0 customers 1 repeats 3 revenue 160
                 Buy: entered 1 converted 1 decision_days 1
                 new_customers 1:1
                 revenue_by_day 1:160
                 days_to_purchase 1:1",
            ),
            trace(
                // Trial is worth 5 and Buy 100: the repeats on days 11 and 21 book 100.
                "the repeat's default value is the LAST stage's, not an earlier one's",
                r#"{"horizon_days": 30,
                    "sources": [{"name": "One", "entry": "Trial", "per_day": {"fixed": 1}, "end_day": 1}],
                    "stages": [
                      {"name": "Trial", "conversion": 1, "delay_days": {"fixed": 0}, "value": {"fixed": 5}},
                      {"name": "Buy", "conversion": 1, "delay_days": {"fixed": 1}, "value": {"fixed": 100}}],
                    "retention": {"repeat": 1, "delay_days": {"fixed": 10}, "max_repeats": 2}}"#,
                "leads 1 cost 0 customers 1 repeats 2 revenue 305
                 Trial: entered 1 converted 1
                 Buy: entered 1 converted 1 decision_days 1
                 new_customers 1:1
                 revenue_by_day 0:5 1:100 11:100 21:100
                 days_to_purchase 1:1",
            ),
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Small statistics
// ---------------------------------------------------------------------------------------------

/// Sample mean and unbiased sample variance.
fn mean_variance(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, variance)
}

/// A figure's law by hand: its mean and variance, and the kurtosis (E[(X - mean)^4] /
/// variance^2) that sets how far a sample variance may stray: the sample variance of n values
/// has a relative standard error of about sqrt((kurtosis - 1) / n).
#[derive(Debug, Clone)]
struct Law {
    figure: String,
    mean: f64,
    variance: f64,
    kurtosis: f64,
}

/// A count that is a sum of many independent per-lead indicators, near normal: kurtosis 3.
fn near_normal(figure: impl Into<String>, mean: f64, variance: f64) -> Law {
    Law {
        figure: figure.into(),
        mean,
        variance,
        kurtosis: 3.0,
    }
}

/// Binomial(n, p) as a figure's law (its kurtosis is 3 + (1 - 6pq) / (npq)).
fn binomial(figure: impl Into<String>, n: f64, p: f64) -> Law {
    let variance = n * p * (1.0 - p);
    Law {
        figure: figure.into(),
        mean: n * p,
        variance,
        kurtosis: 3.0 + (1.0 - 6.0 * p * (1.0 - p)) / variance,
    }
}

/// Poisson(mean) as a figure's law (its kurtosis is 3 + 1 / mean).
fn poisson(figure: impl Into<String>, mean: f64) -> Law {
    Law {
        figure: figure.into(),
        mean,
        variance: mean,
        kurtosis: 3.0 + 1.0 / mean,
    }
}

/// A figure that is exactly `value` in every run.
fn always(figure: impl Into<String>, value: f64) -> Law {
    Law {
        figure: figure.into(),
        mean: value,
        variance: 0.0,
        kurtosis: 3.0,
    }
}

/// The figures' laws over `values` (one column per law, one value per run or draw).
fn law_failures(laws: &[Law], columns: &[Vec<f64>]) -> Vec<String> {
    let mut failures = Vec::new();
    for (law, values) in laws.iter().zip(columns) {
        let n = values.len() as f64;
        let (mean, variance) = mean_variance(values);
        if law.variance == 0.0 {
            if let Some(v) = values.iter().find(|&&v| v != law.mean) {
                failures.push(format!("{} is {v}, not always {}", law.figure, law.mean));
            }
            continue;
        }
        let z = (mean - law.mean) / (law.variance / n).sqrt();
        if z.abs() > MAX_Z {
            failures.push(format!(
                "{}: mean {mean:.4} against {:.4} by hand (z = {z:.1})",
                law.figure, law.mean
            ));
        }
        let ratio = variance / law.variance;
        let tolerance = MAX_Z * ((law.kurtosis - 1.0) / n).sqrt();
        if (ratio - 1.0).abs() > tolerance {
            failures.push(format!(
                "{}: variance {variance:.4} against {:.4} by hand (ratio {ratio:.4}, allowed 1 ± {tolerance:.4})",
                law.figure, law.variance
            ));
        }
    }
    failures
}

/// Runs `scenario` `runs` times in each engine and holds each figure of `laws` (by the names
/// `figures` gives) to its law; returns the failures, each naming its row and engine.
fn check_laws(what: &str, scenario: &str, seed: u64, runs: u32, laws: &[Law]) -> Vec<String> {
    let model = model(scenario);
    let mut failures = Vec::new();
    for engine in ENGINES {
        let results = simulate(engine, &model, seed, runs);
        let names: Vec<String> = laws.iter().map(|law| law.figure.clone()).collect();
        let columns = columns(&model, &results, &names);
        for failure in law_failures(laws, &columns) {
            failures.push(format!("{what} ({engine:?}): {failure}"));
        }
    }
    failures
}

/// The chi-square goodness-of-fit test of `observed` counts against `expected` ones (same
/// total), cells pooled in order until each expects at least 5: the statistic and p-value.
fn chi_square(observed: &[f64], expected: &[f64]) -> (f64, f64) {
    let mut cells: Vec<(f64, f64)> = Vec::new();
    let (mut o, mut e) = (0.0, 0.0);
    for (&oi, &ei) in observed.iter().zip(expected) {
        o += oi;
        e += ei;
        if e >= 5.0 {
            cells.push((o, e));
            (o, e) = (0.0, 0.0);
        }
    }
    match cells.last_mut() {
        Some(last) => {
            last.0 += o;
            last.1 += e;
        }
        None => cells.push((o, e)),
    }
    if cells.len() < 2 {
        return (0.0, 1.0);
    }
    let statistic: f64 = cells.iter().map(|(o, e)| (o - e).powi(2) / e).sum();
    let law = ChiSquared::new((cells.len() - 1) as f64).expect("at least one degree of freedom");
    (statistic, 1.0 - law.cdf(statistic))
}

#[test]
fn the_statistics_helpers_are_right_on_known_cases() {
    // The tail of the Kolmogorov law at its 5% point, 1.3581.
    assert!((kolmogorov_tail(1.3581) - 0.05).abs() < 1e-4);
    // Four values against the uniform law on [0, 1]: just below and at each value the
    // sample's function is 0 and 1/4 at 0.1, 1/4 and 1/2 at 0.2, 1/2 and 3/4 at 0.3, 3/4 and 1
    // at 0.9; the largest gap is at 0.3: |0.3 - 3/4| = 0.45.
    let KolmogorovSmirnov { distance, .. } =
        kolmogorov_smirnov_against(&[0.1, 0.2, 0.3, 0.9], |x| x);
    assert!((distance - 0.45).abs() < 1e-12, "distance {distance}");
    // Observed 10, 20, 30 against 20, 20, 20: (100 + 0 + 100) / 20 = 10 on 2 degrees of
    // freedom, p = e^(-10/2).
    let (statistic, p) = chi_square(&[10.0, 20.0, 30.0], &[20.0, 20.0, 20.0]);
    assert!((statistic - 10.0).abs() < 1e-12);
    assert!((p - (-5.0_f64).exp()).abs() < 1e-9);
}

// ---------------------------------------------------------------------------------------------
// Probabilistic rules: closed forms by hand, in both engines
// ---------------------------------------------------------------------------------------------

#[test]
fn a_poisson_source_sends_a_poisson_count_of_mean_m_on_each_active_day() {
    // Every lead buys on its arrival day, so new_customers[t] is what arrived on day t: Ads
    // sends Poisson(3) on days 5..=14, Late Poisson(2) on days 12..=19 (its end_day, 40, is
    // clipped to the horizon, 20). Independent Poisson counts add up: Poisson(3) on days
    // 5..=11, Poisson(5) on 12..=14, Poisson(2) on 15..=19, nothing before day 5. Leads:
    // Poisson(10 * 3 + 8 * 2 = 46); cost: 2 per lead of Ads, 2 * Poisson(30) (mean 60,
    // variance 4 * 30 = 120).
    let scenario = r#"{"horizon_days": 20,
        "sources": [
          {"name": "Ads", "entry": "A", "per_day": {"poisson": 3}, "start_day": 5, "end_day": 15,
           "cost_per_lead": 2},
          {"name": "Late", "entry": "A", "per_day": {"poisson": 2}, "start_day": 12, "end_day": 40}],
        "stages": [{"name": "A", "conversion": 1, "delay_days": {"fixed": 0}}]}"#;
    let mut laws = vec![
        poisson("leads", 46.0),
        Law {
            figure: "cost".into(),
            mean: 60.0,
            variance: 120.0,
            kurtosis: 3.0 + 1.0 / 30.0,
        },
    ];
    for day in 0..20 {
        let figure = format!("new_customers[{day}]");
        laws.push(match day {
            0..=4 => always(figure, 0.0),
            5..=11 => poisson(figure, 3.0),
            12..=14 => poisson(figure, 5.0),
            _ => poisson(figure, 2.0),
        });
    }
    let failures = check_laws("Poisson arrivals", scenario, 31, 3000, &laws);
    assert_no_failures("Poisson arrivals", &failures);
}

#[test]
fn conversion_share_and_reentry_between_0_and_1_are_each_leads_own_chances() {
    // A cohort of 1,000 leads on day 0; every chance is per lead, so each count is a sum of
    // 1,000 independent per-lead counts.
    let rows: [(&str, &str, Vec<Law>); 3] = [
        (
            // Customers: 0.3 * 0.6 = 0.18 per lead; failing B: 0.3 * 0.4 = 0.12.
            "conversion 0.3 then 0.6",
            r#"{"horizon_days": 20,
                "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 1000}, "end_day": 1}],
                "stages": [
                  {"name": "A", "conversion": 0.3, "delay_days": {"fixed": 0}},
                  {"name": "B", "conversion": 0.6, "delay_days": {"fixed": 0}}]}"#,
            vec![
                binomial("A.converted", 1000.0, 0.3),
                binomial("A.failed", 1000.0, 0.7),
                binomial("B.failed", 1000.0, 0.12),
                binomial("customers", 1000.0, 0.18),
            ],
        ),
        (
            // Every lead fails A; nurtured with 0.4, back (into B, where it buys) with 0.25:
            // 0.4 * 0.25 = 0.1 per lead.
            "share 0.4 and reentry 0.25",
            r#"{"horizon_days": 20,
                "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 1000}, "end_day": 1}],
                "stages": [
                  {"name": "A", "conversion": 0, "delay_days": {"fixed": 0},
                   "nurture": {"share": 0.4, "delay_days": {"fixed": 1}, "reentry": 0.25, "to": "B",
                               "max_cycles": 1}},
                  {"name": "B", "conversion": 1, "delay_days": {"fixed": 0}}]}"#,
            vec![
                binomial("A.nurtured", 1000.0, 0.4),
                binomial("A.reentered", 1000.0, 0.1),
                always("A.open_in_nurture", 0.0),
                binomial("customers", 1000.0, 0.1),
            ],
        ),
        (
            // A converts with 0.5; a failing lead comes back with 0.6 * 0.5 = 0.3, at most
            // twice, so it is back once with 0.5 * 0.3 = 0.15 and twice with 0.15^2 = 0.0225.
            // Customers: 0.5 * (1 + 0.15 + 0.0225) = 0.58625 per lead. Re-entries R per lead:
            // E[R] = 0.15 + 0.0225 = 0.1725, E[R^2] = (0.15 - 0.0225) + 4 * 0.0225 = 0.2175,
            // Var R = 0.2175 - 0.1725^2 = 0.18774375. Nurture stays N: 1 with 0.5 * 0.6 = 0.3,
            // 2 with 0.15 * 0.5 * 0.6 = 0.045 (a third failure has made 2 cycles: lost);
            // E[N] = 0.345, E[N^2] = (0.3 - 0.045) + 4 * 0.045 = 0.435, Var N = 0.435 -
            // 0.345^2 = 0.315975.
            "a loop with conversion 0.5, share 0.6, reentry 0.5 and 2 cycles",
            r#"{"horizon_days": 20,
                "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 1000}, "end_day": 1}],
                "stages": [
                  {"name": "A", "conversion": 0.5, "delay_days": {"fixed": 1},
                   "nurture": {"share": 0.6, "delay_days": {"fixed": 1}, "reentry": 0.5, "to": "A",
                               "max_cycles": 2}}]}"#,
            vec![
                binomial("customers", 1000.0, 0.58625),
                near_normal("A.reentered", 172.5, 1000.0 * 0.18774375),
                near_normal("A.entered", 1172.5, 1000.0 * 0.18774375),
                near_normal("A.nurtured", 345.0, 1000.0 * 0.315975),
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (what, scenario, laws) in &rows {
        failures.extend(check_laws(what, scenario, 41, 2000, laws));
    }
    assert_no_failures("chances between 0 and 1", &failures);
}

#[test]
fn an_uncertain_rate_is_drawn_once_per_run_and_holds_for_all_its_leads() {
    // A cohort of n = 1,000 leads. Given the run's rates, each lead buys with some q, so
    // customers have mean n E[q] and variance n E[q (1 - q)] + n^2 Var q: the rate's spread
    // from run to run, not a per-lead coin (variance n E[q] (1 - E[q]), some 240 here).
    // Their kurtosis is that of q (the per-lead part is at most 1.4% of the variance), which
    // follows from q's moments: 2.20, 1.8 and 3.32 for the three rows.
    let rows: [(&str, &str, Law); 3] = [
        (
            // p ~ Beta(2, 3) for both tries of a lead: q = p + (1 - p) p = 2p - p^2. Beta
            // moments E[p^k] = prod over i < k of (2 + i) / (5 + i): 0.4, 0.2, 4/35, 1/14.
            // E[q] = 0.8 - 0.2 = 0.6; E[q^2] = 4 E[p^2] - 4 E[p^3] + E[p^4] = 0.8 - 16/35 +
            // 1/14 = 0.4142857; Var q = 0.0542857; E[q (1 - q)] = 0.1857143. Variance:
            // 185.714 + 54,285.714 = 54,471.43. (Drawing p anew for the second try would make
            // the mean 1,000 * (0.4 + 0.6 * 0.4) = 640.)
            "beta(2, 3) with a second try through nurture",
            r#"{"horizon_days": 10,
                "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 1000}, "end_day": 1}],
                "stages": [
                  {"name": "A", "conversion": {"beta": {"alpha": 2, "beta": 3}}, "delay_days": {"fixed": 0},
                   "nurture": {"share": 1, "delay_days": {"fixed": 1}, "reentry": 1, "to": "A",
                               "max_cycles": 1}}]}"#,
            Law {
                figure: "customers".into(),
                mean: 600.0,
                variance: 1000.0 * 0.185_714_285_714 + 1e6 * 0.054_285_714_286,
                kurtosis: 2.3,
            },
        ),
        (
            // p ~ U(0.2, 0.6): E[p] = 0.4, Var p = 0.4^2 / 12 = 0.0133333, E[p^2] = 0.1733333,
            // E[p (1 - p)] = 0.2266667. Variance: 226.667 + 13,333.333 = 13,560.
            "uniform(0.2, 0.6)",
            r#"{"horizon_days": 10,
                "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 1000}, "end_day": 1}],
                "stages": [{"name": "A", "conversion": {"uniform": {"low": 0.2, "high": 0.6}},
                            "delay_days": {"fixed": 0}}]}"#,
            Law {
                figure: "customers".into(),
                mean: 400.0,
                variance: 13_560.0,
                kurtosis: 1.9,
            },
        ),
        (
            // Each stage's rate drawn on its own: q = pA pB, pA ~ U(0.2, 0.6), pB ~ Beta(2, 3)
            // independent. E[q] = 0.4 * 0.4 = 0.16; E[q^2] = 0.1733333 * 0.2 = 0.0346667;
            // Var q = 0.0346667 - 0.0256 = 0.0090667; E[q (1 - q)] = 0.1253333. Variance:
            // 125.333 + 9,066.667 = 9,192.
            "two stages, each with its own draw",
            r#"{"horizon_days": 10,
                "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 1000}, "end_day": 1}],
                "stages": [
                  {"name": "A", "conversion": {"uniform": {"low": 0.2, "high": 0.6}}, "delay_days": {"fixed": 0}},
                  {"name": "B", "conversion": {"beta": {"alpha": 2, "beta": 3}}, "delay_days": {"fixed": 0}}]}"#,
            Law {
                figure: "customers".into(),
                mean: 160.0,
                variance: 9_192.0,
                kurtosis: 3.4,
            },
        ),
    ];
    let mut failures = Vec::new();
    for (what, scenario, law) in &rows {
        failures.extend(check_laws(
            what,
            scenario,
            51,
            3000,
            std::slice::from_ref(law),
        ));
    }
    assert_no_failures("uncertain rates", &failures);
}

/// A delay law with its probabilities worked out by hand (the continuous ones from their
/// distribution functions: rounding to the nearest day makes D = d when d - 1/2 <= X < d + 1/2).
#[derive(Debug, Clone, Copy)]
enum DelayLaw {
    Fixed(u32),
    Uniform(u32, u32),
    Exponential(f64),
    Lognormal { median: f64, sigma: f64 },
    Gamma { shape: f64, scale: f64 },
}

impl DelayLaw {
    fn json(self) -> String {
        match self {
            DelayLaw::Fixed(d) => format!(r#"{{"fixed": {d}}}"#),
            DelayLaw::Uniform(min, max) => {
                format!(r#"{{"uniform": {{"min": {min}, "max": {max}}}}}"#)
            }
            DelayLaw::Exponential(mean) => format!(r#"{{"exponential": {{"mean": {mean}}}}}"#),
            DelayLaw::Lognormal { median, sigma } => {
                format!(r#"{{"lognormal": {{"median": {median}, "sigma": {sigma}}}}}"#)
            }
            DelayLaw::Gamma { shape, scale } => {
                format!(r#"{{"gamma": {{"shape": {shape}, "scale": {scale}}}}}"#)
            }
        }
    }

    /// `P(X <= x)` of a continuous law.
    fn cdf(self, x: f64) -> f64 {
        if x <= 0.0 {
            return 0.0;
        }
        match self {
            DelayLaw::Exponential(mean) => 1.0 - (-x / mean).exp(),
            DelayLaw::Lognormal { median, sigma } => {
                Normal::standard().cdf((x.ln() - median.ln()) / sigma)
            }
            DelayLaw::Gamma { shape, scale } => Gamma::new(shape, 1.0 / scale)
                .expect("a valid gamma law")
                .cdf(x),
            DelayLaw::Fixed(_) | DelayLaw::Uniform(..) => unreachable!("a discrete law"),
        }
    }

    /// `P(D = d)`: a fixed delay's one day; a uniform's min..=max, both ends included, each
    /// 1 / (max - min + 1); a continuous law's mass within half a day of d.
    fn pmf(self, d: u32) -> f64 {
        match self {
            DelayLaw::Fixed(days) => f64::from(u8::from(d == days)),
            DelayLaw::Uniform(min, max) => {
                if (min..=max).contains(&d) {
                    1.0 / f64::from(max - min + 1)
                } else {
                    0.0
                }
            }
            _ => self.cdf(f64::from(d) + 0.5) - self.cdf(f64::from(d) - 0.5),
        }
    }
}

/// Where a delay law sits in a scenario: what a lead waits for.
#[derive(Debug, Clone, Copy)]
enum DelayPlace {
    /// A stage's decision: new_customers[d] counts the leads deciding after d days.
    Stage,
    /// A nurture's stay: the lead fails A on day 0 and buys on the day it re-enters B.
    Nurture,
    /// The time to a repeat purchase after a first one on day 0, worth 1 (the first purchase
    /// has no value), so revenue_by_day[d] counts the repeats after d days.
    Retention,
}

/// Cohort and horizon of the delay tests.
const DELAY_COHORT: u64 = 500;
const DELAY_HORIZON: u32 = 40;

fn delay_scenario(place: DelayPlace, law: DelayLaw) -> String {
    let head = r#"{"horizon_days": 40,
        "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 500}, "end_day": 1}],"#;
    let law = law.json();
    let body = match place {
        DelayPlace::Stage => {
            format!(r#""stages": [{{"name": "A", "conversion": 1, "delay_days": {law}}}]}}"#)
        }
        DelayPlace::Nurture => format!(
            r#""stages": [
                {{"name": "A", "conversion": 0, "delay_days": {{"fixed": 0}},
                 "nurture": {{"share": 1, "delay_days": {law}, "reentry": 1, "to": "B", "max_cycles": 1}}}},
                {{"name": "B", "conversion": 1, "delay_days": {{"fixed": 0}}}}]}}"#
        ),
        DelayPlace::Retention => format!(
            r#""stages": [{{"name": "A", "conversion": 1, "delay_days": {{"fixed": 0}}}}],
               "retention": {{"repeat": 1, "delay_days": {law}, "value": {{"fixed": 1}},
                              "max_repeats": 1}}}}"#
        ),
    };
    format!("{head}{body}")
}

/// The leads of one run by the delay they waited: days 0..horizon, then "on or after the
/// horizon" (still open, open in nurture, or no repeat seen).
fn delay_histogram(place: DelayPlace, result: &RunResult) -> Vec<f64> {
    let mut counts: Vec<f64> = match place {
        DelayPlace::Stage | DelayPlace::Nurture => {
            result.new_customers.iter().map(|&n| f64::from(n)).collect()
        }
        DelayPlace::Retention => result.revenue_by_day.clone(),
    };
    let seen: f64 = counts.iter().sum();
    counts.push(DELAY_COHORT as f64 - seen);
    counts
}

#[test]
fn delays_follow_their_laws_in_whole_days_wherever_they_are() {
    // 500 leads a run, 200 runs: 100,000 delays per row and engine, pooled into a histogram
    // of whole days and tested against the law by hand (chi-square goodness of fit); a day
    // the law gives probability 0 must never be seen. Rounding to the nearest day instead of
    // truncating makes P(D = 0) of the exponential of mean 2 equal to 1 - e^(-1/4) = 0.221,
    // not 1 - e^(-1/2) = 0.393: thousands of standard errors apart at this count.
    use DelayLaw::*;
    use DelayPlace::*;
    let rows = [
        (Stage, Fixed(4)),
        (Stage, Uniform(2, 6)),
        (Stage, Uniform(0, 3)),
        (Stage, Exponential(2.0)),
        (
            Stage,
            Lognormal {
                median: 5.0,
                sigma: 0.5,
            },
        ),
        (
            Stage,
            Gamma {
                shape: 2.0,
                scale: 3.0,
            },
        ),
        (Nurture, Uniform(2, 6)),
        (Nurture, Exponential(2.0)),
        (Retention, Uniform(2, 6)),
        (Retention, Exponential(2.0)),
    ];
    let runs = 200;
    let mut failures = Vec::new();
    for (place, law) in rows {
        let model = model(&delay_scenario(place, law));
        let total = (DELAY_COHORT * u64::from(runs)) as f64;
        let mut expected: Vec<f64> = (0..DELAY_HORIZON).map(|d| total * law.pmf(d)).collect();
        let seen: f64 = expected.iter().sum();
        expected.push(total - seen);
        for engine in ENGINES {
            let mut observed = vec![0.0; expected.len()];
            for result in simulate(engine, &model, 61, runs) {
                for (slot, count) in observed.iter_mut().zip(delay_histogram(place, &result)) {
                    *slot += count;
                }
            }
            let what = format!("{place:?} delay {}, {engine:?}", law.json());
            for (day, (&o, &e)) in observed.iter().zip(&expected).enumerate() {
                if e == 0.0 && o != 0.0 {
                    failures.push(format!(
                        "{what}: {o} delays of {day} days, which has probability 0"
                    ));
                }
            }
            let (statistic, p) = chi_square(&observed, &expected);
            if p < ALPHA {
                let cells: Vec<String> = observed
                    .iter()
                    .zip(&expected)
                    .enumerate()
                    .filter(|(_, (o, e))| **o > 0.0 || **e > 0.0)
                    .map(|(day, (o, e))| format!("{day}: {o} vs {e:.1}"))
                    .collect();
                failures.push(format!(
                    "{what}: chi-square {statistic:.1}, p = {p:.2e}; days observed vs by hand: {}",
                    cells.join(", ")
                ));
            }
        }
    }
    assert_no_failures("delay laws", &failures);
}

/// A value law with its moments and distribution function worked out by hand.
#[derive(Debug, Clone, Copy)]
enum ValueLaw {
    Uniform(f64, f64),
    /// The mean and sd of the value itself: the value is e^Y with Y normal of variance
    /// s2 = ln(1 + (sd / mean)^2) and mean ln(mean) - s2 / 2, so that E[e^Y] = mean and
    /// Var e^Y = mean^2 (e^s2 - 1) = sd^2.
    Lognormal {
        mean: f64,
        sd: f64,
    },
}

impl ValueLaw {
    fn json(self) -> String {
        match self {
            ValueLaw::Uniform(low, high) => {
                format!(r#"{{"uniform": {{"low": {low}, "high": {high}}}}}"#)
            }
            ValueLaw::Lognormal { mean, sd } => {
                format!(r#"{{"lognormal": {{"mean": {mean}, "sd": {sd}}}}}"#)
            }
        }
    }

    fn mean(self) -> f64 {
        match self {
            ValueLaw::Uniform(low, high) => 0.5 * (low + high),
            ValueLaw::Lognormal { mean, .. } => mean,
        }
    }

    fn variance(self) -> f64 {
        match self {
            ValueLaw::Uniform(low, high) => (high - low).powi(2) / 12.0,
            ValueLaw::Lognormal { sd, .. } => sd * sd,
        }
    }

    /// E[(X - mean)^4] / variance^2: 1.8 for a uniform law; e^(4 s2) + 2 e^(3 s2) + 3 e^(2 s2)
    /// - 3 for a lognormal one.
    fn kurtosis(self) -> f64 {
        match self {
            ValueLaw::Uniform(..) => 1.8,
            ValueLaw::Lognormal { mean, sd } => {
                let w = 1.0 + (sd / mean).powi(2); // e^s2
                w.powi(4) + 2.0 * w.powi(3) + 3.0 * w.powi(2) - 3.0
            }
        }
    }

    /// The distribution function, from statrs.
    fn cdf(self, x: f64) -> f64 {
        match self {
            ValueLaw::Uniform(low, high) => Uniform::new(low, high).expect("a valid law").cdf(x),
            ValueLaw::Lognormal { mean, sd } => {
                let s2 = (1.0 + (sd / mean).powi(2)).ln();
                LogNormal::new(mean.ln() - 0.5 * s2, s2.sqrt())
                    .expect("a valid law")
                    .cdf(x)
            }
        }
    }
}

/// Where a value law sits in a scenario.
#[derive(Debug, Clone, Copy)]
enum ValuePlace {
    /// One lead a day buys on arrival: each day books one value of the last stage.
    LastStage,
    /// One lead a day converts out of A (worth the value) and fails B.
    EarlierStage,
    /// One lead a day buys on arrival (no value) and once more a day later, worth the value.
    Retention,
    /// One lead on day 0 buys (worth the value) and again every day, 100 times, with no value
    /// of its own: each repeat books the last stage's value.
    RetentionDefault,
}

/// The scenario, and the days on which it books exactly one value (none on the others).
fn value_scenario(place: ValuePlace, law: ValueLaw) -> (String, std::ops::Range<usize>) {
    let law = law.json();
    let daily = r#""sources": [{"name": "Daily", "entry": "A", "per_day": {"fixed": 1}}],"#;
    match place {
        ValuePlace::LastStage => (
            format!(
                r#"{{"horizon_days": 200, {daily}
                   "stages": [{{"name": "A", "conversion": 1, "delay_days": {{"fixed": 0}}, "value": {law}}}]}}"#
            ),
            0..200,
        ),
        ValuePlace::EarlierStage => (
            format!(
                r#"{{"horizon_days": 200, {daily}
                   "stages": [{{"name": "A", "conversion": 1, "delay_days": {{"fixed": 0}}, "value": {law}}},
                              {{"name": "B", "conversion": 0, "delay_days": {{"fixed": 0}}}}]}}"#
            ),
            0..200,
        ),
        ValuePlace::Retention => (
            format!(
                r#"{{"horizon_days": 200, {daily}
                   "stages": [{{"name": "A", "conversion": 1, "delay_days": {{"fixed": 0}}}}],
                   "retention": {{"repeat": 1, "delay_days": {{"fixed": 1}}, "value": {law},
                                  "max_repeats": 1}}}}"#
            ),
            1..200,
        ),
        ValuePlace::RetentionDefault => (
            format!(
                r#"{{"horizon_days": 101,
                   "sources": [{{"name": "One", "entry": "A", "per_day": {{"fixed": 1}}, "end_day": 1}}],
                   "stages": [{{"name": "A", "conversion": 1, "delay_days": {{"fixed": 0}}, "value": {law}}}],
                   "retention": {{"repeat": 1, "delay_days": {{"fixed": 1}}, "max_repeats": 100}}}}"#
            ),
            0..101,
        ),
    }
}

#[test]
fn values_are_drawn_per_conversion_from_their_law_lognormals_by_their_own_mean_and_sd() {
    // About 10,000 values per row and engine, one per day of each run (days with a single
    // booking, so the day's revenue is one value): their mean and variance against the law's
    // by hand, their distribution against the law's (Kolmogorov-Smirnov against statrs), and
    // the variance WITHIN each run against the law's, which a value drawn once per run and
    // reused would make 0. A lognormal of mean 100 and sd 50 is e^Y with Var Y = ln 1.25 =
    // 0.2231 and E[Y] = ln 100 - 0.1116 = 4.4936 (median 89.4); read as the mean and sd of Y
    // it would be astronomically large.
    use ValueLaw::*;
    use ValuePlace::*;
    let lognormal = Lognormal {
        mean: 100.0,
        sd: 50.0,
    };
    let rows = [
        (LastStage, Uniform(40.0, 90.0)),
        (LastStage, lognormal),
        (EarlierStage, lognormal),
        (Retention, lognormal),
        (Retention, Uniform(40.0, 90.0)),
        (RetentionDefault, lognormal),
    ];
    let mut failures = Vec::new();
    for (place, law) in rows {
        let (scenario, days) = value_scenario(place, law);
        let model = model(&scenario);
        let runs = (10_000 / days.len()) as u32;
        let what = format!("{place:?} value {}", law.json());
        for engine in ENGINES {
            let results = simulate(engine, &model, 71, runs);
            let mut values = Vec::new();
            let mut within = 0.0;
            for result in &results {
                for (day, &revenue) in result.revenue_by_day.iter().enumerate() {
                    if !days.contains(&day) && revenue != 0.0 {
                        failures.push(format!("{what}, {engine:?}: {revenue} booked on day {day}"));
                    }
                }
                let run_values = &result.revenue_by_day[days.clone()];
                within += mean_variance(run_values).1 / f64::from(runs);
                values.extend_from_slice(run_values);
            }
            let law_of_one = Law {
                figure: "a value".into(),
                mean: law.mean(),
                variance: law.variance(),
                kurtosis: law.kurtosis(),
            };
            for failure in law_failures(std::slice::from_ref(&law_of_one), &[values.clone()]) {
                failures.push(format!("{what}, {engine:?}: {failure}"));
            }
            let n = values.len() as f64;
            let tolerance = MAX_Z * ((law.kurtosis() - 1.0) / n).sqrt();
            let ratio = within / law.variance();
            if (ratio - 1.0).abs() > tolerance {
                failures.push(format!(
                    "{what}, {engine:?}: variance within a run {within:.2} against {:.2} (ratio {ratio:.4})",
                    law.variance()
                ));
            }
            let KolmogorovSmirnov {
                distance,
                p_value: p,
            } = kolmogorov_smirnov_against(&values, |x| law.cdf(x));
            if p < ALPHA {
                failures.push(format!(
                    "{what}, {engine:?}: the values' distribution is not the law's (KS distance {distance:.4}, p = {p:.2e})"
                ));
            }
        }
    }
    // Many conversions on one day: the day's revenue is the sum of 50 values, mean 50 m and
    // variance 50 v (drawn per conversion; one draw times 50 would have variance 2,500 v),
    // kurtosis 3 + (k - 3) / 50.
    for law in [lognormal, Uniform(40.0, 90.0)] {
        let scenario = r#"{"horizon_days": 5,
            "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 50}, "end_day": 1}],
            "stages": [{"name": "A", "conversion": 1, "delay_days": {"fixed": 0}, "value": $law}]}"#
            .replace("$law", &law.json());
        let sum = Law {
            figure: "revenue".into(),
            mean: 50.0 * law.mean(),
            variance: 50.0 * law.variance(),
            kurtosis: 3.0 + (law.kurtosis() - 3.0) / 50.0,
        };
        failures.extend(check_laws(
            &format!("50 values of {} on one day", law.json()),
            &scenario,
            72,
            2000,
            &[sum],
        ));
    }
    assert_no_failures("value laws", &failures);
}

#[test]
fn a_customer_repeats_with_probability_repeat_and_churns_at_the_first_miss() {
    // 1,000 customers on day 0 (no value); each repeat is worth 1, so revenue_by_day[d] counts
    // the repeats on day d. A customer makes repeat j only if it made repeats 1..j - 1 and
    // buys again (churn at the first miss): j-th repeats are Binomial(1,000, q^j). Repeats K
    // per customer: P(K = k) = q^k (1 - q) for k < M, P(K = M) = q^M; E[K] = q + ... + q^M,
    // E[K^2] = sum over k = 1..=M of (2k - 1) q^k (K^2 = sum over k <= K of 2k - 1).
    let customers = |repeat: f64, delay: &str, max_repeats: u32, horizon: u32| {
        r#"{"horizon_days": $h,
            "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 1000}, "end_day": 1}],
            "stages": [{"name": "A", "conversion": 1, "delay_days": {"fixed": 0}}],
            "retention": {"repeat": $q, "delay_days": $delay, "value": {"fixed": 1},
                          "max_repeats": $m}}"#
            .replace("$h", &horizon.to_string())
            .replace("$q", &repeat.to_string())
            .replace("$delay", delay)
            .replace("$m", &max_repeats.to_string())
    };
    let mut first = vec![
        // q = 0.5, M = 4, a repeat every day: E[K] = 0.5 + 0.25 + 0.125 + 0.0625 = 0.9375,
        // E[K^2] = 0.5 + 3 * 0.25 + 5 * 0.125 + 7 * 0.0625 = 2.3125, Var K = 2.3125 -
        // 0.87890625 = 1.43359375. (Independent chances at each of 4 repeats would make
        // E[K] = 2.)
        near_normal("repeats", 937.5, 1433.59375),
        binomial("revenue_by_day[1]", 1000.0, 0.5),
        binomial("revenue_by_day[2]", 1000.0, 0.25),
        binomial("revenue_by_day[3]", 1000.0, 0.125),
        binomial("revenue_by_day[4]", 1000.0, 0.0625),
    ];
    first.extend((5..30).map(|day| always(format!("revenue_by_day[{day}]"), 0.0)));
    let rows = [
        (
            "repeat 0.5, every day, at most 4",
            customers(0.5, r#"{"fixed": 1}"#, 4, 30),
            first,
        ),
        (
            // Repeats would fall on days 10, 20 and 30; the horizon (25) cuts the third: K is
            // 1 with 0.5 * 0.5 = 0.25 and 2 with 0.25, E[K] = 0.75, E[K^2] = 0.25 + 4 * 0.25 =
            // 1.25, Var K = 1.25 - 0.5625 = 0.6875.
            "repeat 0.5 every 10 days, horizon 25",
            customers(0.5, r#"{"fixed": 10}"#, 6, 25),
            vec![
                near_normal("repeats", 750.0, 687.5),
                binomial("revenue_by_day[10]", 1000.0, 0.5),
                binomial("revenue_by_day[20]", 1000.0, 0.25),
            ],
        ),
        (
            // q = 0.8, M = 3, delays of 1 to 3 days (every repeat within the 30 days):
            // E[K] = 0.8 + 0.64 + 0.512 = 1.952, E[K^2] = 0.8 + 3 * 0.64 + 5 * 0.512 = 5.28,
            // Var K = 5.28 - 3.810304 = 1.469696.
            "repeat 0.8 after 1 to 3 days, at most 3",
            customers(0.8, r#"{"uniform": {"min": 1, "max": 3}}"#, 3, 30),
            vec![near_normal("repeats", 1952.0, 1469.696)],
        ),
    ];
    let mut failures = Vec::new();
    for (what, scenario, laws) in &rows {
        failures.extend(check_laws(what, scenario, 81, 2000, laws));
    }
    assert_no_failures("repeat purchases", &failures);
}

// ---------------------------------------------------------------------------------------------
// A time to lose (`lost_delay_days`)
// ---------------------------------------------------------------------------------------------

#[test]
fn a_time_to_lose_fails_losers_on_their_own_clock_and_nurture_starts_that_day() {
    check_traces(
        "a time to lose",
        &[
            trace(
                // A always wins, after 2 days (its 9 days to lose never apply); B always
                // loses, after 1 day (its 9 days to decide never apply): both leads fail B on
                // day 3, well inside the horizon, where losing after B's delay_days would
                // leave them open (day 11).
                "winners convert after delay_days, losers fail after lost_delay_days",
                r#"{"horizon_days": 10,
                    "sources": [{"name": "Pair", "entry": "A", "per_day": {"fixed": 2}, "end_day": 1}],
                    "stages": [
                      {"name": "A", "conversion": 1, "delay_days": {"fixed": 2},
                       "lost_delay_days": {"fixed": 9}},
                      {"name": "B", "conversion": 0, "delay_days": {"fixed": 9},
                       "lost_delay_days": {"fixed": 1}}]}"#,
                "leads 2 cost 0 customers 0 repeats 0 revenue 0
                 A: entered 2 converted 2 decision_days 4
                 B: entered 2 failed 2 decision_days 2",
            ),
            trace(
                // Leads of days 0, 1, 2 lose after 5 days: on days 5 and 6, and on day 7, the
                // horizon, which leaves the last one open.
                "a loss on or after the horizon leaves the lead open",
                r#"{"horizon_days": 7,
                    "sources": [{"name": "Daily", "entry": "A", "per_day": {"fixed": 1}, "end_day": 3}],
                    "stages": [{"name": "A", "conversion": 0, "delay_days": {"fixed": 1},
                                "lost_delay_days": {"fixed": 5}}]}"#,
                "leads 3 cost 0 customers 0 repeats 0 revenue 0
                 A: entered 3 failed 2 open 1 decision_days 10",
            ),
            trace(
                // The winner's 6 days end on day 6, the horizon: open, though losing (1 day)
                // would have been seen.
                "a win on or after the horizon leaves the lead open",
                r#"{"horizon_days": 6,
                    "sources": [{"name": "One", "entry": "A", "per_day": {"fixed": 1}, "end_day": 1}],
                    "stages": [{"name": "A", "conversion": 1, "delay_days": {"fixed": 6},
                                "lost_delay_days": {"fixed": 1}, "value": {"fixed": 10}}]}"#,
                "leads 1 cost 0 customers 0 repeats 0 revenue 0
                 A: entered 1 open 1",
            ),
            trace(
                // Fails A on day 1 (not day 8), nurtured from that day until day 3, enters B
                // and buys on day 4 for 50.
                "nurture starts on the day of losing",
                r#"{"horizon_days": 10,
                    "sources": [{"name": "One", "entry": "A", "per_day": {"fixed": 1}, "end_day": 1}],
                    "stages": [
                      {"name": "A", "conversion": 0, "delay_days": {"fixed": 8},
                       "lost_delay_days": {"fixed": 1},
                       "nurture": {"share": 1, "delay_days": {"fixed": 2}, "reentry": 1, "to": "B",
                                   "max_cycles": 1}},
                      {"name": "B", "conversion": 1, "delay_days": {"fixed": 1}, "value": {"fixed": 50}}]}"#,
                "leads 1 cost 0 customers 1 repeats 0 revenue 50
                 A: entered 1 failed 1 nurtured 1 reentered 1 decision_days 1
                 B: entered 1 converted 1 decision_days 1
                 new_customers 4:1
                 revenue_by_day 4:50
                 days_to_purchase 4:1",
            ),
            trace(
                // Loses on day 2, in nurture 2 -> 4, back into A, loses again on day 6, nurtured
                // 6 -> 8, back into A on day 8 (the last day), where its third loss would fall
                // on day 10, after the horizon: open. A's time to lose holds at every visit.
                "every visit of a loop loses on its time to lose",
                r#"{"horizon_days": 9,
                    "sources": [{"name": "One", "entry": "A", "per_day": {"fixed": 1}, "end_day": 1}],
                    "stages": [{"name": "A", "conversion": 0, "delay_days": {"fixed": 30},
                                "lost_delay_days": {"fixed": 2},
                                "nurture": {"share": 1, "delay_days": {"fixed": 2}, "reentry": 1,
                                            "to": "A", "max_cycles": 2}}]}"#,
                "leads 1 cost 0 customers 0 repeats 0 revenue 0
                 A: entered 3 failed 2 open 1 nurtured 2 reentered 2 decision_days 4",
            ),
        ],
    );
}

#[test]
fn a_time_to_lose_decides_the_winner_first_then_draws_its_own_delay() {
    // A cohort of 1,000 leads on day 0 into A (conversion 0.3): each lead is a winner with
    // 0.3, then waits its winner's or its loser's delay, so the seen winners, the seen losers
    // and the open leads are one multinomial draw per lead.
    let rows: [(&str, &str, Vec<Law>); 4] = [
        (
            // Winners after 10 days, losers after 2, horizon 5: every loser is seen and no
            // winner is.
            "losers fast, winners after the horizon",
            r#"{"horizon_days": 5,
                "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 1000}, "end_day": 1}],
                "stages": [{"name": "A", "conversion": 0.3, "delay_days": {"fixed": 10},
                            "lost_delay_days": {"fixed": 2}}]}"#,
            vec![
                always("A.converted", 0.0),
                binomial("A.failed", 1000.0, 0.7),
                binomial("A.open", 1000.0, 0.3),
            ],
        ),
        (
            // W uniform on 0..=9 and L uniform on 0..=3, horizon 4: a winner is seen with
            // P(W <= 3) = 0.4, a loser always. Losers go to nurture with 0.5 for a day and
            // come back into B (which buys the same day) when L + 1 <= 3, with 0.75: seen
            // winners 0.3 * 0.4 = 0.12, re-entries 0.7 * 0.5 * 0.75 = 0.2625, open in
            // nurture 0.7 * 0.5 * 0.25 = 0.0875, customers 0.12 + 0.2625 = 0.3825, open in A
            // 0.3 * 0.6 = 0.18.
            "uniform delays on both clocks and nurture from the day of losing",
            r#"{"horizon_days": 4,
                "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 1000}, "end_day": 1}],
                "stages": [
                  {"name": "A", "conversion": 0.3, "delay_days": {"uniform": {"min": 0, "max": 9}},
                   "lost_delay_days": {"uniform": {"min": 0, "max": 3}},
                   "nurture": {"share": 0.5, "delay_days": {"fixed": 1}, "reentry": 1, "to": "B",
                               "max_cycles": 1}},
                  {"name": "B", "conversion": 1, "delay_days": {"fixed": 0}}]}"#,
            vec![
                binomial("A.converted", 1000.0, 0.12),
                binomial("A.failed", 1000.0, 0.7),
                binomial("A.open", 1000.0, 0.18),
                binomial("A.reentered", 1000.0, 0.2625),
                binomial("A.open_in_nurture", 1000.0, 0.0875),
                binomial("customers", 1000.0, 0.3825),
            ],
        ),
        (
            // The reverse: winners the same day, losers after an exponential of mean 6
            // (rounded: L <= 2 when X < 2.5, with 1 - e^(-2.5/6)), horizon 3.
            "winners fast, losers on an exponential clock",
            r#"{"horizon_days": 3,
                "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 1000}, "end_day": 1}],
                "stages": [{"name": "A", "conversion": 0.3, "delay_days": {"fixed": 0},
                            "lost_delay_days": {"exponential": {"mean": 6}}}]}"#,
            vec![
                binomial("A.converted", 1000.0, 0.3),
                binomial("A.failed", 1000.0, 0.7 * (1.0 - (-2.5f64 / 6.0).exp())),
                binomial("customers", 1000.0, 0.3),
            ],
        ),
        (
            // An uncertain rate, beta(3, 7), drawn once per run: the seen losers of the first
            // row are then 1,000 (1 - p) given p, with mean 700 and variance
            // 1000 E[p (1 - p)] + 1000^2 Var p, where E[p] = 0.3, Var p = 21 / (100 * 11) and
            // E[p (1 - p)] = 0.3 - (Var p + 0.09). (The beta's kurtosis is below 3.)
            "an uncertain rate drawn once per run",
            r#"{"horizon_days": 5,
                "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 1000}, "end_day": 1}],
                "stages": [{"name": "A", "conversion": {"beta": {"alpha": 3, "beta": 7}},
                            "delay_days": {"fixed": 10}, "lost_delay_days": {"fixed": 2}}]}"#,
            {
                let var_p = 21.0 / 1100.0;
                let p_q = 0.3 - (var_p + 0.09);
                vec![
                    always("A.converted", 0.0),
                    near_normal("A.failed", 700.0, 1000.0 * p_q + 1e6 * var_p),
                    near_normal("A.open", 300.0, 1000.0 * p_q + 1e6 * var_p),
                ]
            },
        ),
    ];
    let mut failures = Vec::new();
    for (what, scenario, laws) in &rows {
        failures.extend(check_laws(what, scenario, 43, 2000, laws));
    }
    assert_no_failures("a time to lose", &failures);
}

#[test]
fn a_time_to_lose_equal_to_the_time_to_decide_means_and_draws_as_none() {
    // The key absent and the key equal to delay_days: the same runs, draw for draw, in both
    // engines (a file's meaning does not change, nor its random numbers).
    let without = r#"{"horizon_days": 30,
        "sources": [{"name": "Ads", "entry": "A", "per_day": {"poisson": 40}},
                    {"name": "Fair", "entry": "B", "per_day": {"fixed": 7}, "end_day": 9}],
        "stages": [
          {"name": "A", "conversion": {"beta": {"alpha": 4, "beta": 6}},
           "delay_days": {"exponential": {"mean": 3}},
           "nurture": {"share": 0.5, "delay_days": {"fixed": 4}, "reentry": 0.5, "to": "A",
                       "max_cycles": 2}},
          {"name": "B", "conversion": 0.5, "delay_days": {"uniform": {"min": 1, "max": 6}},
           "value": {"fixed": 10}}]}"#;
    let with = without
        .replace(
            r#""delay_days": {"exponential": {"mean": 3}},"#,
            r#""delay_days": {"exponential": {"mean": 3}}, "lost_delay_days": {"exponential": {"mean": 3}},"#,
        )
        .replace(
            r#""delay_days": {"uniform": {"min": 1, "max": 6}},"#,
            r#""delay_days": {"uniform": {"min": 1, "max": 6}}, "lost_delay_days": {"uniform": {"min": 1, "max": 6}},"#,
        );
    assert_eq!(with.matches("lost_delay_days").count(), 2);
    let (without, with) = (model(without), model(&with));
    for engine in ENGINES {
        assert_eq!(
            simulate(engine, &without, 5, 20),
            simulate(engine, &with, 5, 20),
            "{engine:?}"
        );
    }
}
