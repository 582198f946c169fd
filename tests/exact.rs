//! Closed-form expectations: against hand arithmetic, rule by rule, and the Monte Carlo means of
//! both engines against them.
//!
//! The closed forms (`src/engine/exact.rs`) walk the same journey trees and delay tables as the
//! fast engine, so a bug in the plan would be in both and the fast engine's means would still
//! agree with them. Two things guard against that here: every rule of the semantics has a
//! closed form computed by hand below, and the per-lead reference (which shares nothing with
//! the plan but the laws' draws) is held to the closed forms too.

use funnelcast::engine::{
    Exact, Expectations, Report, RunResult, Simulation, StageExpectation, Stats, reference, stats,
};
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

/// The expectations of one stage by name.
#[track_caller]
fn stage<'a>(expectations: &'a Expectations, name: &str) -> &'a StageExpectation {
    match expectations.stages.iter().find(|s| s.name == name) {
        Some(stage) => stage,
        None => panic!("no stage {name}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Closed forms computed by hand, one rule at a time
// ---------------------------------------------------------------------------------------------

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

/// A uniform rate met twice on one path: converting twice (a loop back to an EARLIER stage)
/// needs E[p^2], failing then converting at the same stage needs E[(1-p) p].
#[test]
fn uniform_rates_met_twice_use_their_second_moment() {
    // p uniform on [0.2, 0.8]: E[p] = 0.5, Var p = 0.6^2 / 12 = 0.03, E[p^2] = 0.03 + 0.25 =
    // 0.28 (not E[p]^2 = 0.25), E[(1-p) p] = 0.5 - 0.28 = 0.22.
    let earlier = r#"{"horizon_days": 1000,
        "sources": [{"name": "S", "entry": "A", "per_day": {"fixed": 1000}, "end_day": 1}],
        "stages": [
          {"name": "A", "conversion": {"uniform": {"low": 0.2, "high": 0.8}}, "delay_days": {"fixed": 1}},
          {"name": "B", "conversion": 0.5, "delay_days": {"fixed": 1},
           "nurture": {"share": 1, "delay_days": {"fixed": 1}, "reentry": 1, "to": "A", "max_cycles": 1}}
        ]}"#;
    // A converts (p), B fails (1/2) and sends the lead back to A once, A converts again (p).
    // A entered: 1000 (1 + E[p] / 2) = 1250; A converted: 1000 (E[p] + E[p^2] / 2) = 640;
    // B converted: 640 / 2 = 320 customers.
    let exact = Simulation::new(&model(earlier)).exact();
    for expectations in [&exact.within_horizon, &exact.unbounded] {
        assert_close(stage(expectations, "A").entered, 1250.0, "A entered");
        assert_close(stage(expectations, "A").converted, 640.0, "A converted");
        assert_close(stage(expectations, "B").entered, 640.0, "B entered");
        assert_close(expectations.customers, 320.0, "customers");
    }
    let same = r#"{"horizon_days": 1000,
        "sources": [{"name": "S", "entry": "A", "per_day": {"fixed": 1000}, "end_day": 1}],
        "stages": [
          {"name": "A", "conversion": {"uniform": {"low": 0.2, "high": 0.8}}, "delay_days": {"fixed": 0},
           "nurture": {"share": 1, "delay_days": {"fixed": 1}, "reentry": 1, "to": "A", "max_cycles": 1}}
        ]}"#;
    // Customers: 1000 (E[p] + E[(1-p) p]) = 1000 (0.5 + 0.22) = 720; entries 1000 (1 + 0.5).
    let exact = Simulation::new(&model(same)).exact();
    for expectations in [&exact.within_horizon, &exact.unbounded] {
        assert_close(stage(expectations, "A").entered, 1500.0, "A entered");
        assert_close(expectations.customers, 720.0, "customers");
    }
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

/// Sources send on `start_day <= t < end_day` clipped to the horizon, into their own entry
/// stage, at their cost per lead; a same-day decision on the horizon's last day is seen.
#[test]
fn sources_send_on_their_active_days_clipped_to_the_horizon() {
    let json = r#"{"horizon_days": 10,
        "sources": [
          {"name": "Early", "entry": "A", "per_day": {"fixed": 3}, "start_day": 2, "end_day": 5,
           "cost_per_lead": 1.5},
          {"name": "Late", "entry": "B", "per_day": {"poisson": 4}, "start_day": 7, "end_day": 30,
           "cost_per_lead": 0.5},
          {"name": "After", "entry": "A", "per_day": {"fixed": 5}, "start_day": 12, "end_day": 15,
           "cost_per_lead": 100}],
        "stages": [
          {"name": "A", "conversion": 0.5, "delay_days": {"fixed": 6}},
          {"name": "B", "conversion": 1, "delay_days": {"fixed": 0}, "value": {"fixed": 10}}]}"#;
    let exact = Simulation::new(&model(json)).exact();
    // Early: days 2, 3, 4, 3 leads each = 9 leads, 13.5. Late: days 7, 8, 9 only, 4 a day =
    // 12 leads, 6. After: no day inside the horizon.
    for expectations in [&exact.within_horizon, &exact.unbounded] {
        assert_close(expectations.leads, 21.0, "leads");
        assert_close(expectations.cost, 19.5, "cost");
        assert_close(stage(expectations, "A").entered, 9.0, "A entered");
    }
    // Early's leads decide on days 8, 9 and 10: day 10 is the horizon, so 6 decide within
    // it and 3 convert. B decides the same day, day 9 at the latest: 3 + 12 = 15 customers.
    let within = &exact.within_horizon;
    assert_close(stage(within, "A").converted, 3.0, "A converted");
    assert_close(stage(within, "B").entered, 15.0, "B entered");
    assert_close(within.customers, 15.0, "customers");
    assert_close(within.revenue, 150.0, "revenue");
    let unbounded = &exact.unbounded;
    assert_close(
        stage(unbounded, "A").converted,
        4.5,
        "A converted, unbounded",
    );
    assert_close(unbounded.customers, 4.5 + 12.0, "customers, unbounded");
    assert_close(unbounded.revenue, 165.0, "revenue, unbounded");
}

/// Continuous delays are rounded to the nearest day (D <= d exactly when X < d + 0.5), uniform
/// delays include both ends, and a delay of 0 is the same day.
#[test]
fn continuous_delays_round_to_the_nearest_day_and_uniform_delays_include_both_ends() {
    // A cohort of 1,000 on day 0 into one stage that always converts: within a horizon of h
    // days the share P(D <= h - 1) converts.
    let phi_of_1 = 0.841_344_746_068_542_9; // the standard normal law at 1 (tables)
    let cases: [(&str, u32, f64); 13] = [
        (r#"{"fixed": 3}"#, 3, 0.0),
        (r#"{"fixed": 3}"#, 4, 1.0),
        (r#"{"fixed": 0}"#, 1, 1.0),
        // D uniform on {1, 2, 3, 4}: P(D <= 0), P(D <= 1), P(D <= 3), P(D <= 4).
        (r#"{"uniform": {"min": 1, "max": 4}}"#, 1, 0.0),
        (r#"{"uniform": {"min": 1, "max": 4}}"#, 2, 0.25),
        (r#"{"uniform": {"min": 1, "max": 4}}"#, 4, 0.75),
        (r#"{"uniform": {"min": 1, "max": 4}}"#, 5, 1.0),
        // P(X < 0.5) = 1 - e^(-0.5/2); P(X < 2.5) = 1 - e^(-2.5/2).
        (
            r#"{"exponential": {"mean": 2}}"#,
            1,
            1.0 - (-0.25_f64).exp(),
        ),
        (
            r#"{"exponential": {"mean": 2}}"#,
            3,
            1.0 - (-1.25_f64).exp(),
        ),
        // Gamma of shape 2: P(X < x) = 1 - e^(-x/scale) (1 + x/scale), at x = 3.5, scale 3.
        (
            r#"{"gamma": {"shape": 2, "scale": 3}}"#,
            4,
            1.0 - (-3.5_f64 / 3.0).exp() * (1.0 + 3.5 / 3.0),
        ),
        // P(X < 2.5) = Phi((ln 2.5 - ln median) / sigma): Phi(0) at median 2.5, Phi(1) at
        // median 1.25 and sigma ln 2.
        (r#"{"lognormal": {"median": 2.5, "sigma": 0.7}}"#, 3, 0.5),
        (
            r#"{"lognormal": {"median": 1.25, "sigma": 0.6931471805599453}}"#,
            3,
            phi_of_1,
        ),
        // Rounded, not cut: X < 0.5 is day 0, so X in [0.5, 1.5) decides on day 1.
        (
            r#"{"exponential": {"mean": 2}}"#,
            2,
            1.0 - (-0.75_f64).exp(),
        ),
    ];
    for (delay, horizon, share) in cases {
        let json = format!(
            r#"{{"horizon_days": {horizon},
                "sources": [{{"name": "S", "entry": "A", "per_day": {{"fixed": 1000}}, "end_day": 1}}],
                "stages": [{{"name": "A", "conversion": 1, "delay_days": {delay}}}]}}"#
        );
        let exact = Simulation::new(&model(&json)).exact();
        let what = format!("{delay} within {horizon} days");
        assert_close(
            exact.within_horizon.stages[0].entered,
            1000.0,
            &format!("{what}: entered"),
        );
        assert_close(
            exact.within_horizon.customers,
            1000.0 * share,
            &format!("{what}: customers"),
        );
        assert_close(
            exact.unbounded.customers,
            1000.0,
            &format!("{what}: customers, unbounded"),
        );
    }
}

/// A lead's cycles count over its whole life: a cycle made through one stage's nurture uses up
/// another stage's `max_cycles`.
#[test]
fn cycles_made_at_one_stage_count_against_another_stages_max_cycles() {
    let json = |b_max_cycles: u32| {
        format!(
            r#"{{"horizon_days": 1000,
                "sources": [{{"name": "S", "entry": "A", "per_day": {{"fixed": 1000}}, "end_day": 1}}],
                "stages": [
                  {{"name": "A", "conversion": 0, "delay_days": {{"fixed": 1}},
                   "nurture": {{"share": 1, "delay_days": {{"fixed": 1}}, "reentry": 1, "to": "B",
                               "max_cycles": 1}}}},
                  {{"name": "B", "conversion": 0.4, "delay_days": {{"fixed": 1}},
                   "nurture": {{"share": 0.5, "delay_days": {{"fixed": 1}}, "reentry": 0.5, "to": "B",
                               "max_cycles": {b_max_cycles}}}}}]}}"#
        )
    };
    // Every lead fails A and comes into B with one cycle made. With B's limit at 2, the 60% who
    // fail B may take one more cycle (share 0.5, re-entry 0.5): B entered 1000 (1 + 0.6 * 0.25)
    // = 1150, converted 0.4 * 1150 = 460. (Counting B's cycles alone would allow two: 1172.5.)
    // With B's limit at 1 no lead may go to B's nurture: B entered 1000, converted 400.
    for (b_max_cycles, entered_b) in [(2, 1150.0), (1, 1000.0)] {
        let exact = Simulation::new(&model(&json(b_max_cycles))).exact();
        for expectations in [&exact.within_horizon, &exact.unbounded] {
            let what = format!("B max_cycles {b_max_cycles}");
            assert_close(
                stage(expectations, "A").entered,
                1000.0,
                &format!("{what}: A entered"),
            );
            assert_close(
                stage(expectations, "A").converted,
                0.0,
                &format!("{what}: A converted"),
            );
            assert_close(
                stage(expectations, "B").entered,
                entered_b,
                &format!("{what}: B entered"),
            );
            assert_close(
                expectations.customers,
                0.4 * entered_b,
                &format!("{what}: customers"),
            );
        }
    }
}

/// Nurture that would end on or after the horizon leaves the lead open in nurture (it does not
/// re-enter within the horizon); without re-entry a nurtured lead is lost after its stay.
#[test]
fn nurture_ending_on_the_horizon_does_not_reenter_and_no_reentry_loses_the_lead() {
    let json = |horizon: u32, reentry: f64| {
        format!(
            r#"{{"horizon_days": {horizon},
                "sources": [{{"name": "S", "entry": "A", "per_day": {{"fixed": 1000}}, "end_day": 1}}],
                "stages": [{{"name": "A", "conversion": 0.2, "delay_days": {{"fixed": 2}},
                   "nurture": {{"share": 0.5, "delay_days": {{"fixed": 5}}, "reentry": {reentry},
                               "to": "A", "max_cycles": 3}}}}]}}"#
        )
    };
    // Decisions on days 2, 9, 16, 23; re-entries on days 7, 14, 21. Back each cycle: 0.8 * 0.5 *
    // 0.6 = 0.24 of the entries.
    // Horizon 7: the first nurture ends on the horizon: 1000 entries, 200 conversions.
    // Horizon 8: 240 re-enter on day 7 but decide on day 9: 1240 entries, 200 conversions.
    // Horizon 10: they decide on day 9: 200 + 0.2 * 240 = 248 conversions.
    let unbounded_entries = 1000.0 * (1.0 + 0.24 + 0.24 * 0.24 + 0.24 * 0.24 * 0.24);
    for (horizon, entered, converted) in
        [(7, 1000.0, 200.0), (8, 1240.0, 200.0), (10, 1240.0, 248.0)]
    {
        let exact = Simulation::new(&model(&json(horizon, 0.6))).exact();
        let what = format!("horizon {horizon}");
        let within = &exact.within_horizon;
        assert_close(
            within.stages[0].entered,
            entered,
            &format!("{what}: entered"),
        );
        assert_close(
            within.stages[0].converted,
            converted,
            &format!("{what}: converted"),
        );
        assert_close(
            exact.unbounded.stages[0].entered,
            unbounded_entries,
            &format!("{what}: entered, unbounded"),
        );
        assert_close(
            exact.unbounded.customers,
            0.2 * unbounded_entries,
            &format!("{what}: customers, unbounded"),
        );
    }
    let exact = Simulation::new(&model(&json(100, 0.0))).exact();
    for expectations in [&exact.within_horizon, &exact.unbounded] {
        assert_close(
            expectations.stages[0].entered,
            1000.0,
            "no re-entry: entered",
        );
        assert_close(expectations.customers, 200.0, "no re-entry: customers");
    }
}

/// A customer buys again with probability `repeat` R days after each purchase, and churns at
/// the first repeat it misses or after `max_repeats`; repeats on or after the horizon are not
/// counted; a repeat books the retention's value, or the last stage's without one.
#[test]
fn repeats_stop_at_the_first_missed_repeat_or_max_repeats() {
    let json = |horizon: u32, delay: &str, value: &str| {
        format!(
            r#"{{"horizon_days": {horizon},
                "sources": [{{"name": "S", "entry": "Buy", "per_day": {{"fixed": 1000}}, "end_day": 1}}],
                "stages": [{{"name": "Buy", "conversion": 0.5, "delay_days": {{"fixed": 1}},
                            "value": {{"lognormal": {{"mean": 80, "sd": 30}}}}}}],
                "retention": {{"repeat": 0.6, "delay_days": {delay}, {value} "max_repeats": 3}}}}"#
        )
    };
    let fixed = r#"{"fixed": 10}"#;
    let value = r#""value": {"uniform": {"low": 10, "high": 30}},"#;
    // 500 customers on day 1, each worth 80 (a lognormal's own mean). Repeats on days 11, 21,
    // 31: 500 * 0.6 = 300, then 180, then 108 (a customer who misses one never buys again:
    // 588 in all, not 3 * 300), each worth 20.
    let unbounded = |exact: &Exact, revenue: f64| {
        assert_close(exact.unbounded.customers, 500.0, "customers, unbounded");
        assert_close(
            exact.unbounded.purchases,
            500.0 + 588.0,
            "purchases, unbounded",
        );
        assert_close(exact.unbounded.revenue, revenue, "revenue, unbounded");
    };
    // Horizon 100: all three; 25: two (480); 21: the second falls on the horizon (300).
    for (horizon, repeats) in [(100, 588.0), (25, 480.0), (21, 300.0)] {
        let exact = Simulation::new(&model(&json(horizon, fixed, value))).exact();
        let within = &exact.within_horizon;
        let what = format!("horizon {horizon}");
        assert_close(within.customers, 500.0, &format!("{what}: customers"));
        assert_close(
            within.purchases,
            500.0 + repeats,
            &format!("{what}: purchases"),
        );
        assert_close(
            within.revenue,
            500.0 * 80.0 + repeats * 20.0,
            &format!("{what}: revenue"),
        );
        unbounded(&exact, 40_000.0 + 588.0 * 20.0);
    }
    // Without a value of its own a repeat books the last stage's: 1088 purchases of 80.
    let exact = Simulation::new(&model(&json(100, fixed, ""))).exact();
    assert_close(
        exact.within_horizon.revenue,
        1088.0 * 80.0,
        "revenue, last stage's value",
    );
    unbounded(&exact, 1088.0 * 80.0);
    // A repeat delay uniform on {9, 10, 11}: the first repeat falls on day 10, 11 or 12, seen
    // within 12 days with chance 2/3; the second, on day 19 or later, is not.
    let exact = Simulation::new(&model(&json(
        12,
        r#"{"uniform": {"min": 9, "max": 11}}"#,
        value,
    )))
    .exact();
    let repeats = 500.0 * 0.6 * 2.0 / 3.0;
    assert_close(
        exact.within_horizon.purchases,
        500.0 + repeats,
        "purchases within 12 days",
    );
    assert_close(
        exact.within_horizon.revenue,
        40_000.0 + repeats * 20.0,
        "revenue within 12 days",
    );
    unbounded(&exact, 40_000.0 + 588.0 * 20.0);
}

/// A value on an earlier stage is booked on each conversion out of it, after a nurture cycle
/// too, whether or not the lead ever buys.
#[test]
fn a_value_on_an_earlier_stage_is_booked_on_each_conversion_out_of_it() {
    let json = |horizon: u32| {
        format!(
            r#"{{"horizon_days": {horizon},
                "sources": [{{"name": "S", "entry": "Tripwire", "per_day": {{"fixed": 1000}}, "end_day": 1}}],
                "stages": [
                  {{"name": "Tripwire", "conversion": 0.3, "delay_days": {{"fixed": 0}},
                   "value": {{"uniform": {{"low": 5, "high": 15}}}},
                   "nurture": {{"share": 1, "delay_days": {{"fixed": 1}}, "reentry": 0.5, "to": "Tripwire",
                               "max_cycles": 1}}}},
                  {{"name": "Core", "conversion": 0.5, "delay_days": {{"fixed": 3}},
                   "value": {{"lognormal": {{"mean": 200, "sd": 150}}}}}}]}}"#
        )
    };
    // Tripwire: 300 convert on day 0; 350 of the 700 who fail come back on day 1 and 105
    // convert: 1350 entries, 405 conversions worth 10 each (4,050). Core: 405 entries (days
    // 0 and 1), deciding on days 3 and 4: 202.5 customers worth 200 (40,500).
    // Within 3 days no one buys, yet the tripwire's 4,050 is booked; within 4 days the 150
    // customers of day 3 add 30,000.
    for (horizon, customers, revenue) in [
        (3, 0.0, 4050.0),
        (4, 150.0, 4050.0 + 30_000.0),
        (100, 202.5, 4050.0 + 40_500.0),
    ] {
        let exact = Simulation::new(&model(&json(horizon))).exact();
        let within = &exact.within_horizon;
        let what = format!("horizon {horizon}");
        assert_close(
            stage(within, "Tripwire").entered,
            1350.0,
            &format!("{what}: Tripwire entered"),
        );
        assert_close(
            stage(within, "Tripwire").converted,
            405.0,
            &format!("{what}: Tripwire converted"),
        );
        assert_close(
            stage(within, "Core").entered,
            405.0,
            &format!("{what}: Core entered"),
        );
        assert_close(within.customers, customers, &format!("{what}: customers"));
        assert_close(within.revenue, revenue, &format!("{what}: revenue"));
        assert_close(
            exact.unbounded.revenue,
            4050.0 + 40_500.0,
            &format!("{what}: revenue, unbounded"),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Monte Carlo means against the closed forms
// ---------------------------------------------------------------------------------------------

/// Runs per scenario of the fast engine's check (and of its power check).
const RUNS: u32 = 1500;
const SEED: u64 = 20261123;
/// A simulated mean further than this many standard errors from the closed form fails.
const MAX_STANDARD_ERRORS: f64 = 4.0;

/// Every rule at once, with fixed rates but one (so the runs vary little and a timing error
/// shows): a Poisson source starting late and ending beyond the horizon, a fixed one into a
/// middle stage, nurture to a later and to an earlier stage (cycles counted across both),
/// every delay law, a value on an earlier stage, repeats booking the last stage's value, and
/// a short horizon that leaves many leads open.
const RULES: &str = r#"{"name": "Rules", "horizon_days": 40,
  "sources": [
    {"name": "Ads", "entry": "Lead", "per_day": {"poisson": 30}, "start_day": 3, "end_day": 90,
     "cost_per_lead": 0.5},
    {"name": "Referrals", "entry": "Offer", "per_day": {"fixed": 4}, "end_day": 10, "cost_per_lead": 2}],
  "stages": [
    {"name": "Lead", "conversion": 0.6, "delay_days": {"exponential": {"mean": 1.5}},
     "nurture": {"share": 0.5, "delay_days": {"gamma": {"shape": 2, "scale": 2}}, "reentry": 0.5,
                 "to": "Offer", "max_cycles": 1}},
    {"name": "Offer", "conversion": {"uniform": {"low": 0.3, "high": 0.5}},
     "delay_days": {"lognormal": {"median": 2, "sigma": 0.6}},
     "value": {"uniform": {"low": 5, "high": 15}},
     "nurture": {"share": 0.6, "delay_days": {"uniform": {"min": 2, "max": 5}}, "reentry": 0.5,
                 "to": "Lead", "max_cycles": 2}},
    {"name": "Deal", "conversion": 0.7, "delay_days": {"gamma": {"shape": 3, "scale": 1.5}},
     "value": {"lognormal": {"mean": 100, "sd": 40}}}],
  "retention": {"repeat": 0.6, "delay_days": {"uniform": {"min": 4, "max": 8}}, "max_repeats": 3}}"#;

/// One checked quantity whose simulated mean is too far from its closed form.
#[derive(Debug, Clone, PartialEq)]
struct Failure {
    /// `leads`, `cost`, `customers`, `purchases`, `revenue`, or `<stage> entered|converted`.
    what: String,
    simulated: f64,
    exact: f64,
    allowed: f64,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: simulated mean {} vs exact {} ({MAX_STANDARD_ERRORS} standard errors = {})",
            self.what, self.simulated, self.exact, self.allowed
        )
    }
}

/// The checked quantities of a report, in the order of `expected`.
fn measured_in_report(report: &Report) -> Vec<(String, Stats)> {
    let mut measured = vec![
        ("leads".to_string(), report.leads),
        ("cost".to_string(), report.cost),
        ("customers".to_string(), report.customers),
        ("purchases".to_string(), report.purchases),
        ("revenue".to_string(), report.revenue),
    ];
    for stage in &report.stages {
        measured.push((format!("{} entered", stage.name), stage.entered));
        measured.push((format!("{} converted", stage.name), stage.converted));
    }
    measured
}

/// The checked quantities over runs (of either engine), in the order of `expected`.
fn measured_in_runs(model: &scenario::Model, runs: &[RunResult]) -> Vec<(String, Stats)> {
    let over =
        |value: &dyn Fn(&RunResult) -> f64| stats(&runs.iter().map(value).collect::<Vec<_>>());
    let mut measured = vec![
        ("leads".to_string(), over(&|r| r.leads as f64)),
        ("cost".to_string(), over(&|r| r.cost)),
        ("customers".to_string(), over(&|r| r.customers as f64)),
        ("purchases".to_string(), over(&|r| r.purchases() as f64)),
        ("revenue".to_string(), over(&|r| r.revenue)),
    ];
    for (k, stage) in model.stages.iter().enumerate() {
        measured.push((
            format!("{} entered", stage.name),
            over(&|r| r.stages[k].entered as f64),
        ));
        measured.push((
            format!("{} converted", stage.name),
            over(&|r| r.stages[k].converted as f64),
        ));
    }
    measured
}

/// The closed forms of the checked quantities.
fn expected(exact: &Expectations) -> Vec<(String, f64)> {
    let mut expected = vec![
        ("leads".to_string(), exact.leads),
        ("cost".to_string(), exact.cost),
        ("customers".to_string(), exact.customers),
        ("purchases".to_string(), exact.purchases),
        ("revenue".to_string(), exact.revenue),
    ];
    for stage in &exact.stages {
        expected.push((format!("{} entered", stage.name), stage.entered));
        expected.push((format!("{} converted", stage.name), stage.converted));
    }
    expected
}

/// Every quantity whose mean over `runs` runs lies more than 4 standard errors from its
/// closed form.
fn check(measured: &[(String, Stats)], runs: u32, expected: &[(String, f64)]) -> Vec<Failure> {
    let names = |list: Vec<&String>| list.into_iter().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(measured.iter().map(|(n, _)| n).collect()),
        names(expected.iter().map(|(n, _)| n).collect()),
        "the same quantities are measured and expected"
    );
    measured
        .iter()
        .zip(expected)
        .filter_map(|((what, stats), &(_, exact))| {
            let standard_error = stats.sd / f64::from(runs).sqrt();
            let allowed = MAX_STANDARD_ERRORS * standard_error + 1e-9 * (1.0 + exact.abs());
            ((stats.mean - exact).abs() > allowed).then(|| Failure {
                what: what.clone(),
                simulated: stats.mean,
                exact,
                allowed,
            })
        })
        .collect()
}

/// The fast engine's report (`RUNS` runs) checked against the closed forms of `truth`.
fn check_fast(simulated: &scenario::Model, truth: &Expectations) -> Vec<Failure> {
    let report = funnelcast::engine::simulate(simulated, RUNS, SEED);
    check(&measured_in_report(&report), report.runs, &expected(truth))
}

/// The per-lead reference's runs checked against the closed forms of `truth`.
fn check_reference(simulated: &scenario::Model, runs: u32, truth: &Expectations) -> Vec<Failure> {
    let results: Vec<RunResult> = (0..runs)
        .map(|run| reference::run(simulated, SEED, run))
        .collect();
    check(
        &measured_in_runs(simulated, &results),
        runs,
        &expected(truth),
    )
}

#[track_caller]
fn assert_no_failures(failures: &[(String, Vec<Failure>)]) {
    let text: Vec<String> = failures
        .iter()
        .flat_map(|(label, list)| list.iter().map(move |f| format!("{label} {f}")))
        .collect();
    assert!(text.is_empty(), "{}", text.join("\n"));
}

/// Every preset and the rules scenario: the fast engine's means agree with the closed form
/// within 4 standard errors.
#[test]
fn monte_carlo_means_agree_with_exact_expectations_on_every_preset() {
    let mut failures = Vec::new();
    let scenarios = presets::PRESETS
        .iter()
        .map(|p| (p.id, p.json))
        .chain([("rules", RULES)]);
    for (label, json) in scenarios {
        let model = model(json);
        let truth = Simulation::new(&model).exact().within_horizon;
        failures.push((label.to_string(), check_fast(&model, &truth)));
    }
    assert_no_failures(&failures);
}

/// The per-lead reference over `runs` runs of each preset agrees with the closed forms.
fn check_reference_on_presets(cases: &[(&str, u32)]) {
    let mut failures = Vec::new();
    for &(id, runs) in cases {
        let Some(preset) = presets::find(id) else {
            panic!("no preset {id}")
        };
        let model = model(preset.json);
        let truth = Simulation::new(&model).exact().within_horizon;
        failures.push((
            format!("{id} (reference)"),
            check_reference(&model, runs, &truth),
        ));
    }
    assert_no_failures(&failures);
}

// A debug build of the reference follows a lead in 0.1 to 0.3 microseconds (most leads stop at
// the first stage), so runs are shared out by the presets' sizes (leads per run in brackets):
// each test takes a few seconds. Uncertain rates make the large presets' runs vary a lot, so
// the rules scenario (fixed rates but one) is where the reference's timing is held closely.

/// The reference on the presets with few leads per run.
#[test]
fn reference_means_agree_with_exact_expectations_on_small_presets() {
    // classroom-cohort (1,000), b2b-pipeline (3,650), crm-pipeline (4,500).
    check_reference_on_presets(&[
        ("classroom-cohort", 3000),
        ("b2b-pipeline", 1500),
        ("crm-pipeline", 1500),
    ]);
}

/// The reference on the presets with many leads per run.
#[test]
fn reference_means_agree_with_exact_expectations_on_large_presets() {
    // subscription (21,900), auto-funnel (36,000), aida (48,000), six-step (160,600),
    // ecommerce (360,000).
    check_reference_on_presets(&[
        ("subscription", 500),
        ("auto-funnel", 300),
        ("aida", 300),
        ("six-step", 150),
        ("ecommerce", 100),
    ]);
}

/// The reference on the scenario where every rule applies, with runs enough to see a
/// half-day timing error (see the next test).
#[test]
fn reference_means_agree_with_exact_expectations_where_every_rule_applies() {
    let model = model(RULES);
    let truth = Simulation::new(&model).exact().within_horizon;
    assert_no_failures(&[(
        "rules (reference)".to_string(),
        check_reference(&model, REFERENCE_RULES_RUNS, &truth),
    )]);
}

/// Runs of the reference on the rules scenario.
const REFERENCE_RULES_RUNS: u32 = 4000;

/// `json` with `from` replaced by `to` (which must occur exactly once).
#[track_caller]
fn edited(json: &str, from: &str, to: &str) -> String {
    assert_eq!(json.matches(from).count(), 1, "{from} occurs once");
    json.replace(from, to)
}

/// The names of the failures.
fn names(failures: &[Failure]) -> Vec<&str> {
    failures.iter().map(|f| f.what.as_str()).collect()
}

/// A wrong engine is caught, and by the right quantity: the fast engine simulates a preset
/// with one stage's rate 2 points up, at the check's own run count, while the closed forms are
/// those of the true preset. The changed stage's conversions must fail; nothing upstream of
/// it (leads, cost, earlier stages) may.
#[track_caller]
fn check_catches_two_points_up(id: &str, from: &str, to: &str, changed: &str, upstream: &[&str]) {
    let Some(preset) = presets::find(id) else {
        panic!("no preset {id}")
    };
    let truth = Simulation::new(&model(preset.json)).exact().within_horizon;
    let failures = check_fast(&model(&edited(preset.json, from, to)), &truth);
    let failed = names(&failures);
    let report: Vec<String> = failures.iter().map(ToString::to_string).collect();
    let report = report.join("\n");
    assert!(
        failed.contains(&format!("{changed} converted").as_str()),
        "{id}: a 2-point error at {changed} must fail `{changed} converted`; failures:\n{report}"
    );
    for quiet in ["leads", "cost"].iter().chain(upstream) {
        assert!(
            !failed.iter().any(|f| f.starts_with(quiet)),
            "{id}: nothing upstream of {changed} changed, yet `{quiet}` failed:\n{report}"
        );
    }
}

#[test]
fn the_exact_check_has_power_against_a_two_point_error() {
    // A fixed rate in a nurture loop of a fixed cohort.
    check_catches_two_points_up(
        "classroom-cohort",
        r#""conversion": 0.3,"#,
        r#""conversion": 0.32,"#,
        "Consideration",
        &["Awareness", "Interest"],
    );
    // An uncertain rate (mean 0.30 -> 0.32) under Poisson arrivals.
    check_catches_two_points_up(
        "crm-pipeline",
        r#"{"beta": {"alpha": 30, "beta": 70}}"#,
        r#"{"beta": {"alpha": 32, "beta": 68}}"#,
        "Interested",
        &["Lead", "Contact made"],
    );
    // A trial's uncertain rate (0.20 -> 0.22) in front of a year of renewals.
    check_catches_two_points_up(
        "subscription",
        r#"{"beta": {"alpha": 20, "beta": 80}}"#,
        r#"{"beta": {"alpha": 22, "beta": 78}}"#,
        "Trial",
        &["Sign-up"],
    );
}

/// The reference check sees timing: the reference simulates the rules scenario with the
/// first stage's mean delay half a day longer (what rounding down instead of to the nearest
/// day would do to the plan), against the true closed forms.
#[test]
fn the_reference_check_has_power_against_a_half_day_delay_error() {
    let truth = Simulation::new(&model(RULES)).exact().within_horizon;
    let wrong = edited(
        RULES,
        r#"{"exponential": {"mean": 1.5}}"#,
        r#"{"exponential": {"mean": 2}}"#,
    );
    let failures = check_reference(&model(&wrong), REFERENCE_RULES_RUNS, &truth);
    let failed = names(&failures);
    assert!(
        failed.contains(&"Lead converted"),
        "a half-day longer delay at Lead must fail `Lead converted`; failures: {failed:?}"
    );
    assert!(
        !failed.iter().any(|f| ["leads", "cost"].contains(f)),
        "arrivals did not change, yet {failed:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// A time to lose
// ---------------------------------------------------------------------------------------------

/// Ten leads a day on days 0 to 9 into A (conversion 0.4): winners convert after 6 days,
/// losers fail after 1 day and go to nurture with 0.5 for 2 days, coming back into A (once);
/// B buys the same day.
const TIME_TO_LOSE: &str = r#"{"horizon_days": 10,
    "sources": [{"name": "S", "entry": "A", "per_day": {"poisson": 10}}],
    "stages": [
      {"name": "A", "conversion": 0.4, "delay_days": {"fixed": 6}, "lost_delay_days": {"fixed": 1},
       "nurture": {"share": 0.5, "delay_days": {"fixed": 2}, "reentry": 1, "to": "A", "max_cycles": 1}},
      {"name": "B", "conversion": 1, "delay_days": {"fixed": 0}, "value": {"fixed": 10}}]}"#;

/// The closed forms cut winners and losers each by their own clock, and start nurture on the
/// day of losing.
#[test]
fn a_time_to_lose_cuts_winners_losers_and_their_nurture_by_their_own_clocks() {
    let exact = Simulation::new(&model(TIME_TO_LOSE)).exact();
    // First visit: winners seen when t + 6 < 10 (days 0..=3): 4 * 10 * 0.4 = 16. Losers fail
    // on t + 1 and are back on t + 3 < 10 (days 0..=6): 7 * 10 * 0.6 * 0.5 = 21 re-entries.
    // Second visit (entered on t + 3): winners seen when t + 9 < 10 (day 0): 10 * 0.3 * 0.4 =
    // 1.2. So A entered 100 + 21, converted 17.2, and as many customers.
    let within = &exact.within_horizon;
    assert_close(stage(within, "A").entered, 121.0, "A entered");
    assert_close(stage(within, "A").converted, 17.2, "A converted");
    assert_close(within.customers, 17.2, "customers");
    assert_close(within.revenue, 172.0, "revenue");
    // Followed for ever: 100 (1 + 0.3) entries, 0.4 of them convert.
    let unbounded = &exact.unbounded;
    assert_close(stage(unbounded, "A").entered, 130.0, "A entered, unbounded");
    assert_close(
        stage(unbounded, "A").converted,
        52.0,
        "A converted, unbounded",
    );
    // Without the key, losers fail after 6 days too (on t + 6, days 0..=3) and are back on
    // t + 8 (days 0 and 1): 20 * 0.3 = 6 re-entries that cannot convert in time.
    let without = edited(TIME_TO_LOSE, r#", "lost_delay_days": {"fixed": 1}"#, "");
    let without = Simulation::new(&model(&without)).exact().within_horizon;
    assert_close(
        stage(&without, "A").entered,
        106.0,
        "A entered, without the key",
    );
    assert_close(
        stage(&without, "A").converted,
        16.0,
        "A converted, without the key",
    );
}

/// The rules scenario with a time to lose on two stages, one of them in a loop back to an
/// earlier stage and one with an uncertain rate.
fn rules_with_a_time_to_lose() -> String {
    let json = edited(
        RULES,
        r#""delay_days": {"exponential": {"mean": 1.5}},"#,
        r#""delay_days": {"exponential": {"mean": 1.5}}, "lost_delay_days": {"fixed": 4},"#,
    );
    edited(
        &json,
        r#""delay_days": {"lognormal": {"median": 2, "sigma": 0.6}},"#,
        r#""delay_days": {"lognormal": {"median": 6, "sigma": 0.6}},
     "lost_delay_days": {"uniform": {"min": 0, "max": 2}},"#,
    )
}

/// Both engines' means agree with the closed forms with a time to lose; losers failing after
/// `delay_days` instead (the key dropped in the simulated model) is caught.
#[test]
fn means_agree_with_exact_expectations_with_a_time_to_lose() {
    let json = rules_with_a_time_to_lose();
    let truth = Simulation::new(&model(&json)).exact().within_horizon;
    assert_no_failures(&[
        (
            "rules with a time to lose (fast)".to_string(),
            check_fast(&model(&json), &truth),
        ),
        (
            "rules with a time to lose (reference)".to_string(),
            check_reference(&model(&json), 2000, &truth),
        ),
    ]);
    let wrong = edited(
        &json,
        r#""lost_delay_days": {"uniform": {"min": 0, "max": 2}},"#,
        "",
    );
    let failures = check_fast(&model(&wrong), &truth);
    let failed = names(&failures);
    assert!(
        failed.contains(&"Lead entered") && failed.contains(&"Offer entered"),
        "Offer's losers failing after its delay_days must fail the re-entries into Lead and \
         Offer; failures: {failed:?}"
    );
    assert!(
        !failed.iter().any(|f| ["leads", "cost"].contains(f)),
        "arrivals did not change, yet {failed:?}"
    );
}
