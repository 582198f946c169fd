//! Closed-form expectations: against hand arithmetic, and the Monte Carlo means against them.

use funnelcast::engine::{Report, Simulation, Stats};
use funnelcast::scenario::{self, presets};

fn model(json: &str) -> scenario::Model {
    match scenario::load(json) {
        Ok((_, model)) => model,
        Err(error) => panic!("test scenario is invalid: {error}"),
    }
}

#[track_caller]
fn assert_close(actual: f64, expected: f64, what: &str) {
    let tolerance = 1e-9 * (1.0 + expected.abs());
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: {actual} != {expected}"
    );
}

/// A single stage with a self-nurture loop: the entries are a geometric sum over cycles.
#[test]
fn nurture_loop_expectations_match_hand_arithmetic() {
    let json = r#"{"horizon_days": 1000,
        "sources": [{"name": "S", "entry": "A", "per_day": {"fixed": 100}, "start_day": 0, "end_day": 1}],
        "stages": [
          {"name": "A", "conversion": 0.5, "delay_days": {"fixed": 1}},
          {"name": "B", "conversion": 0.2, "delay_days": {"fixed": 2},
           "nurture": {"share": 0.6, "delay_days": {"fixed": 5}, "reentry": 0.5, "to": "B", "max_cycles": 3},
           "value": {"fixed": 10}}
        ]}"#;
    let exact = Simulation::new(&model(json)).exact();
    let back = 0.8 * 0.6 * 0.5; // fails, goes to nurture, comes back
    let entries_b = 50.0 * (1.0 + back + back * back + back * back * back);
    for expectations in [&exact.within_horizon, &exact.unbounded] {
        assert_close(expectations.leads, 100.0, "leads");
        assert_close(expectations.stages[0].converted, 50.0, "A converted");
        assert_close(expectations.stages[1].entered, entries_b, "B entered");
        assert_close(expectations.customers, 0.2 * entries_b, "customers");
        assert_close(expectations.revenue, 10.0 * 0.2 * entries_b, "revenue");
    }
}

/// An uncertain rate shared by a whole run: E[p (1-p)] is not E[p] E[1-p].
#[test]
fn uncertain_rates_use_their_joint_moments() {
    let json = r#"{"horizon_days": 1000,
        "sources": [{"name": "S", "entry": "A", "per_day": {"fixed": 1000}, "start_day": 0, "end_day": 1}],
        "stages": [
          {"name": "A", "conversion": {"beta": {"alpha": 2, "beta": 3}}, "delay_days": {"fixed": 0},
           "nurture": {"share": 1, "delay_days": {"fixed": 1}, "reentry": 1, "to": "A", "max_cycles": 1}}
        ]}"#;
    let exact = Simulation::new(&model(json)).exact();
    // Customers: p (first try) + (1-p) p (second try). E[p] = 2/5, E[(1-p)p] = 2*3/(5*6).
    let expected = 1000.0 * (2.0 / 5.0 + 6.0 / 30.0);
    assert_close(exact.unbounded.customers, expected, "customers");
    assert_close(
        exact.within_horizon.customers,
        expected,
        "customers within the horizon",
    );
}

/// The horizon cuts off exactly the leads whose decision falls on or after it.
#[test]
fn the_horizon_cuts_expectations_exactly() {
    let json = r#"{"horizon_days": 10,
        "sources": [{"name": "S", "entry": "A", "per_day": {"poisson": 10}}],
        "stages": [{"name": "A", "conversion": 1, "delay_days": {"fixed": 3}, "value": {"fixed": 1}}],
        "retention": {"repeat": 1, "delay_days": {"fixed": 4}, "max_repeats": 5}}"#;
    let exact = Simulation::new(&model(json)).exact();
    // Leads of days 0..=6 decide before day 10; repeats on day t+3+4k < 10.
    assert_close(exact.within_horizon.leads, 100.0, "leads");
    assert_close(exact.within_horizon.customers, 70.0, "customers");
    // First purchases fall on days 3..=9. A repeat falls on d+4 (seen for d <= 5: three days
    // of 10 customers) and d+8 (seen for d <= 1: none), so 30 repeats.
    assert_close(exact.within_horizon.purchases, 70.0 + 30.0, "purchases");
    assert_close(exact.unbounded.customers, 100.0, "customers, unbounded");
    assert_close(
        exact.unbounded.purchases,
        100.0 * 6.0,
        "purchases, unbounded",
    );
}

#[track_caller]
fn assert_within_standard_errors(stats: &Stats, runs: u32, exact: f64, what: &str) {
    let standard_error = stats.sd / f64::from(runs).sqrt();
    let allowed = 4.0 * standard_error + 1e-9 * (1.0 + exact.abs());
    assert!(
        (stats.mean - exact).abs() <= allowed,
        "{what}: simulated mean {} vs exact {exact} (4 standard errors = {allowed})",
        stats.mean
    );
}

fn check_report_against_exact(report: &Report, label: &str) {
    let exact = &report.exact.within_horizon;
    let runs = report.runs;
    assert_within_standard_errors(&report.leads, runs, exact.leads, &format!("{label} leads"));
    assert_within_standard_errors(&report.cost, runs, exact.cost, &format!("{label} cost"));
    assert_within_standard_errors(
        &report.customers,
        runs,
        exact.customers,
        &format!("{label} customers"),
    );
    assert_within_standard_errors(
        &report.purchases,
        runs,
        exact.purchases,
        &format!("{label} purchases"),
    );
    assert_within_standard_errors(
        &report.revenue,
        runs,
        exact.revenue,
        &format!("{label} revenue"),
    );
    for (stage, expected) in report.stages.iter().zip(&exact.stages) {
        assert_within_standard_errors(
            &stage.entered,
            runs,
            expected.entered,
            &format!("{label} {} entered", stage.name),
        );
        assert_within_standard_errors(
            &stage.converted,
            runs,
            expected.converted,
            &format!("{label} {} converted", stage.name),
        );
    }
}

/// Every preset: the simulated means agree with the closed form within 4 standard errors.
#[test]
fn monte_carlo_means_agree_with_exact_expectations_on_every_preset() {
    for preset in presets::PRESETS {
        let model = model(preset.json);
        let report = funnelcast::engine::simulate(&model, 1500, 20261123);
        check_report_against_exact(&report, preset.id);
    }
}

/// A wrong engine is caught: the same check fails when the simulated scenario's rate is off
/// by 2 points but the expectations are those of the true scenario.
#[test]
fn the_exact_check_has_power_against_a_two_point_error() {
    let preset = presets::find("classroom-cohort").expect("preset exists");
    let truth = Simulation::new(&model(preset.json)).exact();
    let wrong = preset
        .json
        .replace("\"conversion\": 0.3", "\"conversion\": 0.32");
    assert_ne!(wrong, preset.json, "the edit applies");
    let mut report = funnelcast::engine::simulate(&model(&wrong), 4000, 20261123);
    report.exact = truth;
    let outcome = std::panic::catch_unwind(|| check_report_against_exact(&report, "wrong engine"));
    assert!(
        outcome.is_err(),
        "a 2-point error in one stage must be detected"
    );
}
