//! Decisions: common random numbers, sensitivity, comparison, goal seeking and the experiment
//! planner, held to exact arithmetic, published values and the coupling they rest on.

use funnelcast::decisions::{
    self, ConversionMode, CoupledTotals, ExperimentRequest, GoalRequest, GoalResult, Lever,
    LeverChange, LeverKind, Metric, Sensitivity, SensitivityOptions, Uplift,
};
use funnelcast::engine::{Simulation, stats};
use funnelcast::scenario::{self, BaseRate, RateLaw};

const PLANNING: &str = include_str!("data/planning-b1.json");

fn model(json: &str) -> scenario::Model {
    match scenario::load(json) {
        Ok((_, model)) => model,
        Err(error) => panic!("test scenario is invalid: {error}"),
    }
}

fn stage(model: &scenario::Model, name: &str) -> usize {
    match model.stages.iter().position(|s| s.name == name) {
        Some(k) => k,
        None => panic!("no stage {name}"),
    }
}

fn points(stage: usize, change: f64) -> LeverChange {
    LeverChange {
        lever: Lever::Conversion {
            stage,
            mode: ConversionMode::Points,
        },
        change,
    }
}

fn variant(model: &scenario::Model, change: LeverChange) -> scenario::Model {
    match decisions::apply(model, &change) {
        Ok(variant) => variant,
        Err(error) => panic!("lever refused: {error}"),
    }
}

fn revenues(model: &scenario::Model, seed: u64, runs: u32) -> Vec<f64> {
    let simulation = Simulation::new(model);
    (0..runs).map(|i| simulation.run(seed, i).revenue).collect()
}

/// A linear funnel whose leads all finish long before the horizon: nothing is cut, so expected
/// revenue is leads x p1 x p2 x p3 x value and raising p_k by d multiplies it by (p_k + d)/p_k.
const LINEAR: &str = r#"{"name": "Linear", "horizon_days": 60,
    "sources": [{"name": "S", "entry": "A", "per_day": {"fixed": 400}, "start_day": 0, "end_day": 10, "cost_per_lead": 1}],
    "stages": [
      {"name": "A", "conversion": 0.5, "delay_days": {"fixed": 1}},
      {"name": "B", "conversion": 0.2, "delay_days": {"fixed": 2}},
      {"name": "C", "conversion": 0.4, "delay_days": {"fixed": 0}, "value": {"fixed": 100}}
    ]}"#;

#[test]
fn raising_a_stage_multiplies_expected_revenue_by_the_exact_ratio_and_ranks_stages_by_it() {
    let model = model(LINEAR);
    let step = 5.0;
    let options = SensitivityOptions {
        step,
        mode: ConversionMode::Points,
        both_directions: false,
    };
    let sensitivity = match Sensitivity::new(&model, options) {
        Ok(s) => s,
        Err(error) => panic!("{error}"),
    };
    let runs = 2000;
    let report = match sensitivity.run(runs, 3) {
        Ok(r) => r,
        Err(error) => panic!("{error}"),
    };
    let base = report.exact_baseline_revenue;
    assert!(
        (base - 4000.0 * 0.5 * 0.2 * 0.4 * 100.0).abs() < 1e-6,
        "{base}"
    );
    let conversions: Vec<_> = report
        .levers
        .iter()
        .filter(|l| l.lever == LeverKind::Conversion)
        .collect();
    assert_eq!(conversions.len(), 3);
    for effect in &conversions {
        let p = model.stages[stage(&model, &effect.target)]
            .conversion
            .mean();
        let expected = base * ((p + step / 100.0) / p - 1.0);
        // The closed form is exact: only rounding error.
        assert!(
            (effect.exact_revenue_delta - expected).abs() < 1e-9 * base,
            "{}: exact delta {} vs {expected}",
            effect.target,
            effect.exact_revenue_delta
        );
        // The simulated mean change: within 4 standard errors of the exact one.
        let standard_error = effect.revenue_delta.sd / f64::from(runs).sqrt();
        assert!(
            (effect.revenue_delta.mean - expected).abs() < 4.0 * standard_error,
            "{}: simulated delta {} vs {expected} (se {standard_error})",
            effect.target,
            effect.revenue_delta.mean
        );
    }
    // Ranking: d/p_k is largest for the smallest rate: B (0.2), C (0.4), A (0.5). The gaps
    // (2,000 between neighbours) are many standard errors wide.
    let order: Vec<&str> = conversions.iter().map(|l| l.target.as_str()).collect();
    assert_eq!(order, ["B", "C", "A"]);
    // The report is sorted by mean revenue change as a whole.
    assert!(
        report
            .levers
            .windows(2)
            .all(|w| w[0].revenue_delta.mean >= w[1].revenue_delta.mean)
    );
    // The tornado's pairs: every lever once, improved and worsened, largest swing first.
    let pairs = report.pairs();
    assert_eq!(pairs.len(), report.levers.len());
    assert!(
        pairs.iter().all(|p| p.worse.is_none()),
        "improvements only here"
    );
    assert_eq!(pairs[0].target, "B");
    let headline = report.headline.unwrap_or_default();
    assert!(
        headline.starts_with("Raising B's conversion from 20% to 25% adds about"),
        "{headline}"
    );
}

#[test]
fn identical_variants_differ_by_exactly_zero_in_every_run() {
    let model = model(PLANNING);
    let comparison = match decisions::compare(&model, &model.clone(), 60, 9) {
        Ok(c) => c,
        Err(error) => panic!("{error}"),
    };
    for metric in [
        Metric::Revenue,
        Metric::Customers,
        Metric::Profit,
        Metric::CostPerCustomer,
    ] {
        let differences = comparison.differences(1, metric);
        assert_eq!(differences.len(), 60, "{metric:?}");
        assert!(differences.iter().all(|&d| d == 0.0), "{metric:?}");
    }
    let diff = &comparison.diffs[0];
    assert_eq!(diff.revenue.p_b_beats_a, 0.5, "ties count half");
    assert_eq!(diff.revenue.p5, 0.0);
    assert_eq!(diff.revenue.p95, 0.0);
    assert_eq!(comparison.reports[0], comparison.reports[1]);
}

#[test]
fn a_raised_rate_never_lowers_the_mean_and_a_large_raise_wins_almost_surely() {
    let model = model(PLANNING);
    let intent = stage(&model, "Intent");
    let runs = 300;
    let small = variant(&model, points(intent, 2.0));
    let large = variant(&model, points(intent, 20.0));
    let comparison = match decisions::compare_many(&[model, small, large], runs, 4) {
        Ok(c) => c,
        Err(error) => panic!("{error}"),
    };
    let (small, large) = (&comparison.diffs[0], &comparison.diffs[1]);
    assert!(small.revenue.mean > 0.0, "{:?}", small.revenue);
    assert!(small.customers.mean > 0.0, "{:?}", small.customers);
    assert!(large.revenue.mean > small.revenue.mean);
    assert!(
        large.revenue.p_b_beats_a > 0.99,
        "{}",
        large.revenue.p_b_beats_a
    );
    assert!(large.customers.p_b_beats_a > 0.99);
    // Without the raise, B would beat A about half the time: the small raise is in between.
    assert!(small.revenue.p_b_beats_a > 0.6, "{:?}", small.revenue);
}

#[test]
fn coupling_narrows_the_difference_interval_at_least_five_times() {
    // The issue's test: planning benchmark, one stage's rate raised by 2 points.
    let model = model(PLANNING);
    let raised = variant(&model, points(stage(&model, "Consideration"), 2.0));
    let runs = 400;
    let base = revenues(&model, 1, runs);
    let coupled = revenues(&raised, 1, runs);
    let independent = revenues(&raised, 2, runs);
    let width = |a: &[f64], b: &[f64]| {
        let differences: Vec<f64> = a.iter().zip(b).map(|(a, b)| b - a).collect();
        let s = stats(&differences);
        (s.p95 - s.p5, s.mean)
    };
    let (coupled_width, coupled_mean) = width(&base, &coupled);
    let (independent_width, _) = width(&base, &independent);
    assert!(coupled_mean > 0.0);
    assert!(
        5.0 * coupled_width <= independent_width,
        "coupled 90% width {coupled_width:.0}, independent {independent_width:.0}"
    );
}

#[test]
fn coupling_also_narrows_the_difference_in_a_funnel_of_fixed_rates() {
    // Without uncertain rates all the noise is in the counts: the binomial draws themselves
    // must stay in step (inversion draws for moderate counts, one sub-stream per node).
    let model = model(LINEAR);
    let raised = variant(&model, points(1, 2.0));
    let runs = 400;
    let base = revenues(&model, 1, runs);
    let sd = |b: &[f64]| {
        let differences: Vec<f64> = base.iter().zip(b).map(|(a, b)| b - a).collect();
        stats(&differences).sd
    };
    let (coupled, independent) = (
        sd(&revenues(&raised, 1, runs)),
        sd(&revenues(&raised, 2, runs)),
    );
    assert!(
        5.0 * coupled <= independent,
        "coupled sd {coupled:.0}, independent {independent:.0}"
    );
}

#[test]
fn sensitivity_and_comparison_do_not_depend_on_the_chunking() {
    let model = model(PLANNING);
    let options = SensitivityOptions {
        step: 5.0,
        mode: ConversionMode::Dropoff,
        both_directions: true,
    };
    let sensitivity = match Sensitivity::new(&model, options) {
        Ok(s) => s,
        Err(error) => panic!("{error}"),
    };
    let whole = sensitivity.chunk(5, 0..24);
    let chunks = vec![
        sensitivity.chunk(5, 17..24),
        sensitivity.chunk(5, 0..5),
        sensitivity.chunk(5, 5..17),
    ];
    let merged = CoupledTotals::merge(chunks);
    assert_eq!(merged, whole);
    let report = match sensitivity.summarise(5, &whole) {
        Ok(r) => r,
        Err(error) => panic!("{error}"),
    };
    let pairs = report.pairs();
    assert_eq!(2 * pairs.len(), report.levers.len());
    for pair in &pairs {
        let worse = pair.worse.as_ref().map(|w| (w.applied.lever, w.change));
        assert_eq!(worse, Some((pair.lever, -5.0)), "{}", pair.target);
        assert_eq!(pair.better.change, 5.0);
    }
    assert!(
        pairs
            .windows(2)
            .all(|w| w[0].revenue_swing() >= w[1].revenue_swing())
    );
    let (a, b) = (
        sensitivity.summarise(5, &whole),
        sensitivity.summarise(5, &merged),
    );
    assert_eq!(a, b);

    let comparison = match decisions::compare(&model, &variant(&model, points(1, 3.0)), 24, 5) {
        Ok(c) => c,
        Err(error) => panic!("{error}"),
    };
    let pieces = [0..10u32, 10..24]
        .into_iter()
        .rev()
        .map(|runs| {
            let simulations: Vec<Simulation> = comparison
                .reports
                .iter()
                .map(|_| ())
                .zip([model.clone(), variant(&model, points(1, 3.0))])
                .map(|(_, m)| Simulation::new(&m))
                .collect();
            decisions::coupled_totals(&simulations, 5, runs)
        })
        .collect();
    let merged = CoupledTotals::merge(pieces);
    assert_eq!(merged, comparison.totals);
    assert_eq!(decisions::compare_totals(&merged), comparison.diffs);
}

#[test]
fn adjusted_uncertain_rates_have_exact_moments_and_keep_their_draws() {
    // p ~ U(0.5, 0.95) moved by +10 points: q = p + 0.1, clamped at 1 for p > 0.9.
    let law = RateLaw::Uniform {
        low: 0.5,
        high: 0.95,
    }
    .adjusted(0.1, 1.0);
    // E[q] = (integral of (p + 0.1) over [0.5, 0.9] + 0.05) / 0.45 = (0.32 + 0.05) / 0.45.
    assert!((law.mean() - 0.37 / 0.45).abs() < 1e-12, "{}", law.mean());
    // E[q (1 - q)] = integral over [0.5, 0.9] of (p + 0.1)(0.9 - p) dp / 0.45 (q = 1 adds 0):
    // with u = p + 0.1 on [0.6, 1]: integral of u - u^2 = (1/2 - 0.18) - (1/3 - 0.072).
    let expected = ((0.5 - 0.18) - (1.0 / 3.0 - 0.072)) / 0.45;
    assert!((law.moment(1, 1) - expected).abs() < 1e-12);
    // Beta: the moments against the average over many draws of the adjusted law.
    let beta = RateLaw::Beta {
        alpha: 3.0,
        beta: 2.0,
    };
    let adjusted = beta.adjusted(0.2, 1.0);
    assert!(matches!(
        adjusted,
        RateLaw::Adjusted {
            law: BaseRate::Beta { .. },
            ..
        }
    ));
    use rand::SeedableRng;
    let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(3);
    let mut base_rng = rand_pcg::Pcg64Mcg::seed_from_u64(3);
    let draws = 200_000;
    let mut sums = [0.0; 3];
    for _ in 0..draws {
        let q = adjusted.sample(&mut rng);
        let p = beta.sample(&mut base_rng);
        assert_eq!(q, (p + 0.2).min(1.0), "the same draw, moved");
        sums[0] += q;
        sums[1] += q * (1.0 - q).powi(2);
        sums[2] += q * q;
    }
    for (sum, (a, b)) in sums.iter().zip([(1, 0), (1, 2), (2, 0)]) {
        let mean = sum / f64::from(draws);
        let exact = adjusted.moment(a, b);
        // Every moment is at most 1 and the draws' spread below 0.3: 4 standard errors.
        assert!(
            (mean - exact).abs() < 4.0 * 0.3 / f64::from(draws).sqrt(),
            "E[q^{a} (1-q)^{b}]: {mean} vs {exact}"
        );
    }
}

#[test]
fn the_experiment_planner_matches_published_sample_sizes() {
    // R's documentation of power.prop.test (stats package), example:
    // power.prop.test(p1 = .50, p2 = .75, power = .90)  # => n = 76.7 (per group, two-sided
    // 5%, no continuity correction; "at least four significant digits").
    let mut request = ExperimentRequest::new(0.5, Uplift::Points(25.0));
    request.power = 0.9;
    let plan = match decisions::plan_experiment(&request) {
        Ok(p) => p,
        Err(error) => panic!("{error}"),
    };
    assert!(
        (plan.exact_per_arm - 76.7).abs() < 0.05,
        "{}",
        plan.exact_per_arm
    );
    assert_eq!(plan.per_arm, 77);
    // 10% -> 12%, 5% two-sided, power 80%: the formula by hand (z = 1.959964, 0.841621):
    // (1.959964 sqrt(2 x 0.11 x 0.89) + 0.841621 sqrt(0.09 + 0.1056))^2 / 0.02^2 = 3840.85;
    // with Fleiss' correction 3840.85 / 4 (1 + sqrt(1 + 4 / (3840.85 x 0.02)))^2 = 3940.21.
    let plan =
        match decisions::plan_experiment(&ExperimentRequest::new(0.10, Uplift::Relative(20.0))) {
            Ok(p) => p,
            Err(error) => panic!("{error}"),
        };
    assert!((plan.p2 - 0.12).abs() < 1e-12);
    assert_eq!((plan.per_arm, plan.per_arm_corrected), (3841, 3941));
    // One-sided needs fewer (z = 1.644854): 3025.3.
    let mut one_sided = ExperimentRequest::new(0.10, Uplift::Points(2.0));
    one_sided.two_sided = false;
    assert_eq!(
        decisions::plan_experiment(&one_sided).map(|p| p.per_arm),
        Ok(3026)
    );
    // Bad inputs name their field.
    let mut bad = ExperimentRequest::new(0.10, Uplift::Points(2.0));
    bad.power = 1.0;
    assert_eq!(
        decisions::plan_experiment(&bad).map_err(|e| e.field),
        Err("power".to_string())
    );
    let bad = ExperimentRequest::new(0.95, Uplift::Points(10.0));
    assert_eq!(
        decisions::plan_experiment(&bad).map_err(|e| e.field),
        Err("uplift.points".to_string())
    );
}

#[test]
fn the_experiment_takes_the_days_the_stage_traffic_needs() {
    // 400 leads a day for 10 of 60 days, all reaching B (A converts half): B's expected
    // entries are 2,000 over 60 days.
    let model = model(LINEAR);
    let request = ExperimentRequest::new(0.2, Uplift::Points(5.0));
    let experiment = match decisions::plan_stage_experiment(&model, 1, &request) {
        Ok(e) => e,
        Err(error) => panic!("{error}"),
    };
    assert!((experiment.entries_per_day - 2000.0 / 60.0).abs() < 1e-9);
    let per_arm = experiment.plan.per_arm as f64;
    assert_eq!(
        experiment.days,
        Some((2.0 * per_arm / (2000.0 / 60.0)).ceil() as u64)
    );
    assert_eq!(
        decisions::plan_stage_experiment(&model, 7, &request).map_err(|e| e.field),
        Err("stage".to_string())
    );
}

#[test]
fn goal_seeking_finds_the_smallest_change_or_says_none_reaches_the_target() {
    let model = model(LINEAR);
    let runs = 200;
    let lever = Lever::Conversion {
        stage: 1,
        mode: ConversionMode::Points,
    };
    // Baseline revenue is about 16,000; ask for 20,000 with probability 0.8 (p_B ~ 0.25).
    let request = GoalRequest {
        lever,
        target_revenue: 20_000.0,
        probability: 0.8,
        runs,
        seed: 8,
        max_change: None,
        tolerance: Some(0.05),
    };
    let chance = |change: f64| {
        let v = variant(&model, LeverChange { lever, change });
        let reached = revenues(&v, 8, runs)
            .iter()
            .filter(|&&r| r >= 20_000.0)
            .count();
        reached as f64 / f64::from(runs)
    };
    match decisions::seek_goal(&model, &request) {
        Ok(GoalResult::Reached {
            change,
            probability,
            below,
            probability_below,
            ..
        }) => {
            assert!(change - below <= 0.05 + 1e-12);
            assert!((4.0..8.0).contains(&change), "{change}");
            assert!(probability >= 0.8 && probability_below < 0.8);
            // Checked independently of the bisection's own bookkeeping.
            assert!(chance(change) >= 0.8);
            assert!(chance(below) < 0.8);
        }
        other => panic!("expected a change, got {other:?}"),
    }
    let unreachable = GoalRequest {
        target_revenue: 1e9,
        ..request
    };
    assert!(matches!(
        decisions::seek_goal(&model, &unreachable),
        Ok(GoalResult::Unreachable { .. })
    ));
    let reached = GoalRequest {
        target_revenue: 1.0,
        ..request
    };
    assert!(matches!(
        decisions::seek_goal(&model, &reached),
        Ok(GoalResult::AlreadyReached { .. })
    ));
    let wrong = GoalRequest {
        lever: Lever::Repeat,
        ..request
    };
    assert_eq!(
        decisions::seek_goal(&model, &wrong).map_err(|e| e.field),
        Err("lever".to_string())
    );
}

#[test]
fn levers_refuse_what_the_scenario_does_not_have() {
    let model = model(LINEAR);
    let refused = |lever, change| {
        decisions::apply(&model, &LeverChange { lever, change })
            .err()
            .map(|e| e.field)
    };
    assert_eq!(
        refused(Lever::Delay { stage: 3 }, 5.0),
        Some("lever.stage".into())
    );
    assert_eq!(
        refused(Lever::Reentry { stage: 0 }, 5.0),
        Some("lever.stage".into())
    );
    assert_eq!(refused(Lever::Repeat, 5.0), Some("lever".into()));
    assert_eq!(
        refused(Lever::CostPerLead { source: 0 }, 100.0),
        Some("change".into())
    );
    assert_eq!(
        refused(Lever::Volume { source: 0 }, f64::NAN),
        Some("change".into())
    );
    // Delays shrink and rates clamp.
    let shorter = variant(
        &model,
        LeverChange {
            lever: Lever::Delay { stage: 1 },
            change: 50.0,
        },
    );
    assert_eq!(shorter.stages[1].delay, scenario::DelayLaw::Fixed(1));
    let capped = variant(&model, points(0, 80.0));
    assert_eq!(capped.stages[0].conversion, RateLaw::Fixed(1.0));
    assert_eq!(
        Sensitivity::new(
            &model,
            SensitivityOptions {
                step: 0.0,
                ..SensitivityOptions::default()
            }
        )
        .err()
        .map(|e| e.field),
        Some("step".into())
    );
}

#[test]
fn a_lever_on_an_uncertain_rate_moves_every_draw_and_the_closed_form_follows() {
    // B's rate is Beta(4, 16) (mean 0.2, sd 0.087): +5 points moves each run's draw to
    // min(p + 0.05, 1), so the mean moves by 5 points (the clamp is never reached here) and
    // expected revenue by 0.05 / 0.2 = 25%, like a fixed rate.
    let model = model(&LINEAR.replace(
        r#""name": "B", "conversion": 0.2"#,
        r#""name": "B", "conversion": {"beta": {"alpha": 4, "beta": 16}}"#,
    ));
    let sensitivity = match Sensitivity::with_changes(
        &model,
        SensitivityOptions::default(),
        vec![points(1, 5.0)],
    ) {
        Ok(s) => s,
        Err(error) => panic!("{error}"),
    };
    let runs = 1000;
    let report = match sensitivity.run(runs, 12) {
        Ok(r) => r,
        Err(error) => panic!("{error}"),
    };
    let effect = &report.levers[0];
    let base = report.exact_baseline_revenue;
    assert!(
        (effect.exact_revenue_delta - 0.25 * base).abs() < 1e-6 * base,
        "{} vs {}",
        effect.exact_revenue_delta,
        0.25 * base
    );
    let standard_error = effect.revenue_delta.sd / f64::from(runs).sqrt();
    assert!(
        (effect.revenue_delta.mean - effect.exact_revenue_delta).abs() < 4.0 * standard_error,
        "simulated {} vs exact {} (se {standard_error})",
        effect.revenue_delta.mean,
        effect.exact_revenue_delta
    );
    // The rate's own uncertainty cancels: the difference's spread is a fraction of revenue's.
    let revenue = stats(&revenues(&model, 12, runs));
    assert!(effect.revenue_delta.sd < 0.5 * revenue.sd);
    assert_eq!(effect.from, Some(0.2));
    assert!((effect.to.unwrap_or(0.0) - 0.25).abs() < 1e-9);
}

/// Requests and results cross a Web Worker boundary as JSON: they come back unchanged.
#[test]
fn requests_and_results_survive_a_round_trip_through_json() {
    fn round_trip<T>(value: &T) -> T
    where
        T: serde::Serialize + serde::de::DeserializeOwned,
    {
        let text = serde_json::to_string(value).unwrap_or_else(|e| panic!("{e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }
    let model = model(LINEAR);
    let options = SensitivityOptions {
        step: 10.0,
        mode: ConversionMode::Relative,
        both_directions: true,
    };
    assert_eq!(round_trip(&options), options);
    let sensitivity = match Sensitivity::new(&model, options) {
        Ok(s) => s,
        Err(error) => panic!("{error}"),
    };
    let chunk = sensitivity.chunk(2, 3..9);
    assert_eq!(round_trip(&chunk), chunk);
    let report = match sensitivity.summarise(2, &chunk) {
        Ok(r) => r,
        Err(error) => panic!("{error}"),
    };
    // serde_json may read a float back one ulp apart: compare the numbers to 1e-12.
    let back = round_trip(&report);
    assert_eq!(back.levers.len(), report.levers.len());
    for (b, r) in back.levers.iter().zip(&report.levers) {
        assert_eq!(
            (&b.lever, &b.target, b.applied),
            (&r.lever, &r.target, r.applied)
        );
        for (x, y) in [
            (b.revenue_delta.mean, r.revenue_delta.mean),
            (b.revenue_delta.p5, r.revenue_delta.p5),
            (b.profit_delta.p95, r.profit_delta.p95),
            (b.customers_delta.sd, r.customers_delta.sd),
            (b.exact_revenue_delta, r.exact_revenue_delta),
        ] {
            assert!((x - y).abs() <= 1e-12 * (1.0 + y.abs()), "{x} vs {y}");
        }
    }
    assert_eq!(back.headline, report.headline);
    for change in sensitivity.changes() {
        assert_eq!(&round_trip(change), change);
    }
    let request = GoalRequest {
        lever: Lever::Volume { source: 0 },
        target_revenue: 5e4,
        probability: 0.8,
        runs: 10,
        seed: 1,
        max_change: Some(50.0),
        tolerance: None,
    };
    assert_eq!(round_trip(&request), request);
    let result = decisions::seek_goal(&model, &request);
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(result.clone().map(|r| round_trip(&r)), result);
    let experiment = ExperimentRequest::new(0.3, Uplift::Relative(10.0));
    assert_eq!(round_trip(&experiment), experiment);
}

/// The tornado ranks by the figure the person chooses: a cut in cost per lead moves profit
/// and the cost per customer (by exactly the cost saved), never revenue or customers; each
/// metric's pairs are in the order of their swing in it; the best change for a metric is the
/// improvement that helps it most; the cost per customer's changes are the per-run changes
/// over the runs with a customer both ways.
#[test]
fn the_tornado_ranks_by_the_metric_the_person_chooses() {
    let model = scenario::presets::find("six-step")
        .expect("preset")
        .scenario()
        .validate()
        .expect("valid");
    let analysis = Sensitivity::new(&model, SensitivityOptions::default()).expect("analysis");
    let (runs, seed) = (60, 4);
    let totals = analysis.chunk(seed, 0..runs);
    let report = analysis.summarise(seed, &totals).expect("report");
    let cost_pairs: Vec<_> = report
        .pairs_by(Metric::Profit)
        .into_iter()
        .filter(|pair| pair.kind == LeverKind::CostPerLead)
        .collect();
    assert_eq!(cost_pairs.len(), 2, "one per source");
    for pair in &cost_pairs {
        assert_eq!(pair.values(Metric::Revenue), (0.0, 0.0), "{}", pair.target);
        assert_eq!(
            pair.values(Metric::Customers),
            (0.0, 0.0),
            "{}",
            pair.target
        );
        let (worse, better) = pair.values(Metric::Profit);
        assert!(better > 0.0, "{}: a cheaper lead adds profit", pair.target);
        assert!(
            (better + worse).abs() < 1e-9 * better,
            "{}: 5% cheaper and 5% dearer move profit by the same amount ({better}, {worse})",
            pair.target
        );
        let (worse, better) = pair.values(Metric::CostPerCustomer);
        assert!(better < 0.0 && worse > 0.0, "{}", pair.target);
        assert!(pair.better.gain(Metric::CostPerCustomer) > 0.0);
    }
    for metric in Metric::ALL {
        let pairs = report.pairs_by(metric);
        assert_eq!(pairs.len(), report.levers.len() / 2, "{metric:?}");
        assert!(
            pairs
                .windows(2)
                .all(|w| w[0].swing(metric) >= w[1].swing(metric)),
            "{metric:?}: sorted by swing"
        );
        let most = pairs
            .iter()
            .map(|pair| pair.better.gain(metric))
            .fold(f64::NEG_INFINITY, f64::max);
        let best = report.best(metric).expect("something helps");
        assert_eq!(best.better.gain(metric), most, "{metric:?}");
    }
    assert_eq!(report.pairs(), report.pairs_by(Metric::Revenue));
    // Ranked by revenue, a cost lever has no bar at all; by profit, it is not last.
    let by_profit = report.pairs_by(Metric::Profit);
    let rank = by_profit
        .iter()
        .position(|pair| pair.kind == LeverKind::CostPerLead)
        .expect("a cost lever");
    assert!(
        rank + 2 < by_profit.len(),
        "rank {rank} of {}",
        by_profit.len()
    );

    // The cost per customer by hand: per-run ratios, over the runs with a customer.
    let base = &totals.variants[0];
    let ratios: Vec<f64> = base.iter().filter_map(|t| t.cost_per_customer()).collect();
    assert_eq!(ratios.len(), runs as usize, "every run has customers here");
    let mean = ratios.iter().sum::<f64>() / ratios.len() as f64;
    assert_eq!(report.baseline_cost_per_customer, Some(mean));
    for (index, change) in analysis.changes().iter().enumerate() {
        let variant = &totals.variants[index + 1];
        let differences: Vec<f64> = variant
            .iter()
            .zip(base)
            .filter_map(|(v, b)| Some(v.cost_per_customer()? - b.cost_per_customer()?))
            .collect();
        let effect = report
            .levers
            .iter()
            .find(|e| e.applied == *change)
            .expect("the change's effect");
        let expected = stats(&differences);
        assert_eq!(
            (
                effect.cost_per_customer_delta.mean,
                effect.cost_per_customer_delta.p5
            ),
            (expected.mean, expected.p5),
            "{:?}",
            change
        );
    }
    // A report from before the cost per customer reads, with none.
    let mut json: serde_json::Value = serde_json::to_value(&report).expect("json");
    json.as_object_mut()
        .expect("object")
        .remove("baseline_cost_per_customer");
    for effect in json["levers"].as_array_mut().expect("levers") {
        effect
            .as_object_mut()
            .expect("object")
            .remove("cost_per_customer_delta");
    }
    let old: decisions::SensitivityReport = serde_json::from_value(json).expect("reads");
    assert_eq!(old.baseline_cost_per_customer, None);
    assert_eq!(
        old.levers[0].cost_per_customer_delta,
        decisions::Delta::default()
    );
}

/// Fixed cohorts over five days (one journey tree root a day), with order values at the last
/// stage and on repeat purchases.
const COHORTS: &str = r#"{"name": "Cohorts", "horizon_days": 120,
    "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 300}, "start_day": 0, "end_day": 5, "cost_per_lead": 1}],
    "stages": [
      {"name": "A", "conversion": 0.5, "delay_days": {"exponential": {"mean": 3}}},
      {"name": "B", "conversion": {"beta": {"alpha": 20, "beta": 30}}, "delay_days": {"gamma": {"shape": 2, "scale": 3}}},
      {"name": "C", "conversion": 0.6, "delay_days": {"uniform": {"min": 1, "max": 3}}, "value": {"lognormal": {"mean": 250, "sd": 80}}}
    ],
    "retention": {"repeat": 0.3, "delay_days": {"exponential": {"mean": 20}}, "value": {"lognormal": {"mean": 120, "sd": 40}}, "max_repeats": 3}}"#;

/// Sensitivity reads runs without daily series (`Simulation::run_totals`): every count is the
/// full run's, and the revenue keeps its law. Given the counts, both revenues are sums of
/// independent order values with the same means, drawn independently, so their paired
/// difference has mean zero and second moment 2 (N1 sd1² + N2 sd2²) for N1 first and N2
/// repeat purchases with value sds sd1 and sd2: on Poisson sources (six-step) and on fixed
/// cohorts. Dropping a group's revenue moves the mean; drawing a group's sum as count x mean
/// halves the second moment.
#[test]
fn totals_without_daily_series_count_the_same_and_keep_the_revenue_law() {
    let six_step = model(include_str!("../presets/six-step.json"));
    for (name, model, sd_first, sd_repeat) in [
        ("six-step", six_step, 80.0_f64, 40.0_f64),
        ("cohorts", model(COHORTS), 80.0, 40.0),
    ] {
        let simulation = Simulation::new(&model);
        let runs = 1500_u32;
        let (mut differences, mut squares, mut expected) = (Vec::new(), 0.0, 0.0);
        for i in 0..runs {
            let full = simulation.run(3, i);
            let totals = simulation.run_totals(3, i);
            assert_eq!(
                (totals.leads, totals.cost, totals.customers),
                (full.leads, full.cost, full.customers),
                "{name} run {i}: leads, cost, customers"
            );
            assert_eq!(
                totals.repeat_purchases, full.repeat_purchases,
                "{name} run {i}"
            );
            assert_eq!(totals.stages, full.stages, "{name} run {i}: stage counts");
            assert!(totals.revenue_by_day.is_empty() && totals.new_customers.is_empty());
            let difference = full.revenue - totals.revenue;
            differences.push(difference);
            squares += difference * difference;
            expected += 2.0
                * (full.customers as f64 * sd_first.powi(2)
                    + full.repeat_purchases as f64 * sd_repeat.powi(2));
        }
        let s = stats(&differences);
        assert!(
            s.mean.abs() < 4.0 * s.sd / f64::from(runs).sqrt(),
            "{name}: mean paired difference {:.1} (sd {:.1})",
            s.mean,
            s.sd
        );
        let ratio = squares / expected;
        assert!(
            (ratio - 1.0).abs() < 0.15,
            "{name}: second moment of the paired difference is {ratio:.3} x its expectation"
        );
    }
}

/// A variant's simulation reuses the baseline's plan only where the plan is the same: for
/// every lever of the six-step preset, improved and worsened, the variant simulates and
/// computes closed forms exactly as a simulation planned from scratch.
#[test]
fn variants_reusing_the_plan_simulate_as_planned_from_scratch() {
    let baseline = model(include_str!("../presets/six-step.json"));
    let simulation = Simulation::new(&baseline);
    for lever in decisions::levers(&baseline, ConversionMode::Points) {
        for change in [5.0, -5.0] {
            let changed = variant(&baseline, LeverChange { lever, change });
            let (reused, fresh) = (simulation.variant(&changed), Simulation::new(&changed));
            assert_eq!(
                reused.exact(),
                fresh.exact(),
                "{lever:?} {change}: closed forms"
            );
            for run in 0..3 {
                assert_eq!(
                    reused.run(7, run),
                    fresh.run(7, run),
                    "{lever:?} {change}: run {run}"
                );
            }
        }
    }
}
