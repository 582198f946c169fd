//! Correlated rates (`rate_correlation`, issue 15): the rates the engines draw have the
//! copula's rank correlation and keep their own laws, the variance of customers is the exact
//! one the quadrature gives, the reference and the fast engine agree, common random numbers
//! hold, bad input names its field, and the editor's words.

mod support;

use funnelcast::app_model::Settings;
use funnelcast::app_model::action::{self, Action, Editing, Work};
use funnelcast::app_model::correlation::{self, Tie};
use funnelcast::decisions;
use funnelcast::engine::copula::{self, Moments};
use funnelcast::engine::reference::{self, Journeys};
use funnelcast::engine::streams::{Purpose, stream};
use funnelcast::engine::{self, Simulation};
use funnelcast::i18n::{self, Locale};
use funnelcast::scenario::{Model, RateLaw, Rule, Scenario};
use proptest::prelude::*;
use statrs::distribution::{Beta, ContinuousCDF};
use support::{kolmogorov_smirnov, kolmogorov_smirnov_against};

/// Three stages with uncertain rates of three kinds, no delay: a cohort of `leads` on day 0
/// whose customers are Binomial(leads, p1 p2 p3) given the run's rates.
fn cohort(leads: u32, r: f64) -> Model {
    let text = format!(
        r#"{{"name": "Cohort", "horizon_days": 5, "rate_correlation": {r},
        "sources": [{{"name": "List", "entry": "Contacted", "per_day": {{"fixed": {leads}}},
                     "start_day": 0, "end_day": 1}}],
        "stages": [
          {{"name": "Contacted", "conversion": {{"beta": {{"alpha": 4, "beta": 6}}}},
            "delay_days": {{"fixed": 0}}}},
          {{"name": "Demo", "conversion": {{"uniform": {{"low": 0.3, "high": 0.7}}}},
            "delay_days": {{"fixed": 0}}}},
          {{"name": "Signed", "conversion": {{"beta": {{"alpha": 8, "beta": 4}}}},
            "delay_days": {{"fixed": 0}}, "value": {{"fixed": 100}}}}
        ]}}"#
    );
    validated(&text)
}

fn validated(text: &str) -> Model {
    match Scenario::from_json(text).map(|s| s.validate()) {
        Ok(Ok(model)) => model,
        other => panic!("invalid test scenario: {other:?}"),
    }
}

/// The copula's rank correlation of two rates whose normal scores have correlation `r`.
fn spearman_of(r: f64) -> f64 {
    6.0 / std::f64::consts::PI * (r / 2.0).asin()
}

fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    for (rank, &i) in order.iter().enumerate() {
        ranks[i] = rank as f64;
    }
    ranks
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    sxy / (sxx * syy).sqrt()
}

fn spearman(x: &[f64], y: &[f64]) -> f64 {
    pearson(&ranks(x), &ranks(y))
}

/// Each stage's rate over `runs` runs, as the fast engine draws them.
fn fast_rates(model: &Model, seed: u64, runs: u32) -> Vec<Vec<f64>> {
    let mut by_stage = vec![Vec::new(); model.stages.len()];
    for run in 0..runs {
        for (k, p) in copula::rates(model, seed, run).into_iter().enumerate() {
            by_stage[k].push(p);
        }
    }
    by_stage
}

/// Each stage's rate over `runs` runs, as the per-lead reference draws them.
fn reference_rates(model: &Model, seed: u64, runs: u32) -> Vec<Vec<f64>> {
    let mut by_stage = vec![Vec::new(); model.stages.len()];
    for run in 0..runs {
        let mut rng = stream(seed, run, Purpose::Flow, "reference");
        for (k, &p) in Journeys::new(model, &mut rng).rates().iter().enumerate() {
            by_stage[k].push(p);
        }
    }
    by_stage
}

#[test]
fn drawn_rates_have_the_copulas_rank_correlation() {
    const RUNS: u32 = 4000;
    for r in [0.5, 0.9] {
        let model = cohort(10, r);
        let expected = spearman_of(r);
        // The rank correlation's standard error is about (1 - rho^2) / sqrt(n).
        let tolerance = 5.0 * (1.0 - expected * expected) / f64::from(RUNS).sqrt();
        for (engine, rates) in [
            ("fast", fast_rates(&model, 11, RUNS)),
            ("reference", reference_rates(&model, 12, RUNS)),
        ] {
            for (i, j) in [(0, 1), (0, 2), (1, 2)] {
                let measured = spearman(&rates[i], &rates[j]);
                assert!(
                    (measured - expected).abs() < tolerance,
                    "{engine}, r = {r}, stages {i} and {j}: rank correlation {measured:.4}, \
                     the copula's {expected:.4} (tolerance {tolerance:.4})"
                );
            }
        }
    }
}

#[test]
fn each_rate_keeps_its_own_law() {
    const RUNS: u32 = 4000;
    let model = cohort(10, 0.9);
    let beta = |a: f64, b: f64| Beta::new(a, b).expect("a beta law");
    let (first, third) = (beta(4.0, 6.0), beta(8.0, 4.0));
    for (engine, rates) in [
        ("fast", fast_rates(&model, 21, RUNS)),
        ("reference", reference_rates(&model, 22, RUNS)),
    ] {
        let tests = [
            kolmogorov_smirnov_against(&rates[0], |x| first.cdf(x)),
            kolmogorov_smirnov_against(&rates[1], |x| ((x - 0.3) / 0.4).clamp(0.0, 1.0)),
            kolmogorov_smirnov_against(&rates[2], |x| third.cdf(x)),
        ];
        for (k, test) in tests.iter().enumerate() {
            assert!(
                test.p_value > 0.001,
                "{engine}: stage {k}'s rates are not its law: KS distance {:.4}, p {:.2e}",
                test.distance,
                test.p_value
            );
        }
    }
}

/// `Var(C)` for customers C ~ Binomial(n, q) given the run's q = p1 p2 p3.
fn exact_variance(model: &Model, leads: f64) -> (f64, f64) {
    let moments = Moments::of_model(model);
    let mean_q = moments.moment(&[(1, 0); 3]);
    let square_q = moments.moment(&[(2, 0); 3]);
    let mean = leads * mean_q;
    let variance = leads * (mean_q - square_q) + leads * leads * (square_q - mean_q * mean_q);
    (mean, variance)
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

#[test]
fn the_variance_of_customers_is_the_exact_one_and_the_range_widens_with_the_correlation() {
    const LEADS: u32 = 200;
    const RUNS: u32 = 6000;
    let mut variances = Vec::new();
    let mut ranges = Vec::new();
    for r in [0.0, 0.5, 0.9] {
        let model = cohort(LEADS, r);
        let simulation = Simulation::new(&model);
        let (mean, variance) = exact_variance(&model, f64::from(LEADS));
        // The report's expected customers are the quadrature's (the independent laws' at 0).
        let reported = simulation.exact().within_horizon.customers;
        assert!(
            (reported - mean).abs() < 1e-9 * mean,
            "r = {r}: report {reported}, moments {mean}"
        );
        let runs: Vec<_> = (0..RUNS).map(|i| simulation.run_totals(31, i)).collect();
        let customers: Vec<f64> = runs.iter().map(|run| run.customers as f64).collect();
        let n = f64::from(RUNS);
        let sample_mean = customers.iter().sum::<f64>() / n;
        let centred: Vec<f64> = customers.iter().map(|c| c - sample_mean).collect();
        let sample_variance = centred.iter().map(|d| d * d).sum::<f64>() / (n - 1.0);
        let fourth = centred.iter().map(|d| d.powi(4)).sum::<f64>() / n;
        let error = ((fourth - sample_variance * sample_variance) / n).sqrt();
        assert!(
            (sample_variance - variance).abs() < 4.0 * error,
            "r = {r}: variance of customers {sample_variance:.2}, exact {variance:.2} \
             (standard error {error:.2})"
        );
        assert!(
            (sample_mean - mean).abs() < 4.0 * (variance / n).sqrt(),
            "r = {r}: mean customers {sample_mean:.3}, exact {mean:.3}"
        );
        variances.push(variance);
        let mut revenue: Vec<f64> = runs.iter().map(|run| run.revenue).collect();
        revenue.sort_by(f64::total_cmp);
        ranges.push(quantile(&revenue, 0.95) - quantile(&revenue, 0.05));
    }
    assert!(
        variances[0] < variances[1] && variances[1] < variances[2],
        "the exact variance grows with r: {variances:?}"
    );
    assert!(
        ranges[0] < ranges[1] && ranges[1] < ranges[2] && ranges[2] > 1.3 * ranges[0],
        "p95 - p5 of revenue grows with r (0, 0.5, 0.9): {ranges:?}"
    );
}

#[test]
fn the_reference_and_the_fast_engine_agree_at_a_correlation_of_0_7() {
    const RUNS: u32 = 1500;
    let text = |r: f64| {
        format!(
            r#"{{"name": "Pipeline", "horizon_days": 60, "rate_correlation": {r},
            "sources": [{{"name": "Ads", "entry": "Lead", "per_day": {{"poisson": 6}},
                         "end_day": 30}}],
            "stages": [
              {{"name": "Lead", "conversion": {{"beta": {{"alpha": 3, "beta": 3}}}},
                "delay_days": {{"exponential": {{"mean": 3}}}},
                "nurture": {{"share": 0.5, "delay_days": {{"fixed": 7}}, "reentry": 0.4,
                            "to": "Lead", "max_cycles": 2}}}},
              {{"name": "Trial", "conversion": {{"uniform": {{"low": 0.2, "high": 0.8}}}},
                "delay_days": {{"fixed": 2}}}},
              {{"name": "Paid", "conversion": {{"beta": {{"alpha": 2, "beta": 2}}}},
                "delay_days": {{"fixed": 1}}, "value": {{"fixed": 50}}}}
            ]}}"#
        )
    };
    let model = validated(&text(0.7));
    let simulation = Simulation::new(&model);
    let fast: Vec<f64> = (0..RUNS)
        .map(|i| simulation.run(41, i).customers as f64)
        .collect();
    let by_lead: Vec<f64> = (0..RUNS)
        .map(|i| reference::run(&model, 42, i).customers as f64)
        .collect();
    let test = kolmogorov_smirnov(&fast, &by_lead);
    assert!(
        test.p_value > 0.001,
        "customers per run differ between the engines at r = 0.7: KS distance {:.4}, p {:.2e}",
        test.distance,
        test.p_value
    );
    // The test has power: the independent draw (r = 0) is told apart from the reference.
    let independent = Simulation::new(&validated(&text(0.0)));
    let unlinked: Vec<f64> = (0..RUNS)
        .map(|i| independent.run(41, i).customers as f64)
        .collect();
    let against = kolmogorov_smirnov(&unlinked, &by_lead);
    assert!(
        against.p_value < 0.001,
        "the independent draw passes for r = 0.7: p {:.3}",
        against.p_value
    );
}

#[test]
fn variants_keep_every_rate_draw_and_identical_ones_differ_by_zero() {
    let model = cohort(300, 0.6);
    let comparison = match decisions::compare(&model, &model, 400, 5) {
        Ok(comparison) => comparison,
        Err(error) => panic!("{error:?}"),
    };
    let diff = &comparison.diffs[0];
    for (what, stats) in [("revenue", &diff.revenue), ("customers", &diff.customers)] {
        assert!(
            stats.mean == 0.0 && stats.sd == 0.0 && stats.p5 == 0.0 && stats.p95 == 0.0,
            "{what}: identical variants differ: {stats:?}"
        );
        assert_eq!(stats.p_b_beats_a, 0.5, "{what}");
    }
    // A variant that differs elsewhere (a delay, a cost) keeps every rate draw.
    let mut elsewhere = model.clone();
    elsewhere.stages[1].delay = funnelcast::scenario::DelayLaw::Fixed(2);
    elsewhere.sources[0].cost_per_lead = 3.0;
    // A lever on the second stage moves its draws only, by the lever's own rule.
    let mut lever = model.clone();
    lever.stages[1].conversion = model.stages[1].conversion.adjusted(0.05, 1.1);
    for run in 0..300 {
        let base = copula::rates(&model, 5, run);
        assert_eq!(copula::rates(&elsewhere, 5, run), base, "run {run}");
        let moved = copula::rates(&lever, 5, run);
        assert_eq!((moved[0], moved[2]), (base[0], base[2]), "run {run}");
        let expected = (0.05 + 1.1 * base[1]).clamp(0.0, 1.0);
        assert!(
            (moved[1] - expected).abs() < 1e-12,
            "run {run}: {} vs {expected}",
            moved[1]
        );
    }
    // The lever is exact in expectation under the copula too.
    let raised = Simulation::new(&lever).exact().within_horizon.customers;
    let base = Simulation::new(&model).exact().within_horizon.customers;
    assert!(raised > base, "{raised} vs {base}");
}

#[test]
fn a_correlation_of_0_is_no_correlation_to_the_byte() {
    let mut scenario = Scenario::from_json(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/presets/b2b-pipeline.json"
        ))
        .expect("the preset"),
    )
    .expect("a scenario");
    let without = engine::simulate(&scenario.validate().expect("valid"), 300, 9);
    scenario.rate_correlation = Some(0.0);
    let with_zero = engine::simulate(&scenario.validate().expect("valid"), 300, 9);
    let json = |report: &engine::Report| serde_json::to_string(report).expect("json");
    assert_eq!(json(&without), json(&with_zero));
    scenario.rate_correlation = Some(0.5);
    let with_ties = engine::simulate(&scenario.validate().expect("valid"), 300, 9);
    assert_ne!(json(&without), json(&with_ties), "the key is read");
}

#[test]
fn a_correlation_outside_0_to_1_is_an_error_at_its_path() {
    let base = Scenario::from_json(
        r#"{"horizon_days": 10, "stages": [{"name": "A", "conversion": 0.5,
           "delay_days": {"fixed": 1}}]}"#,
    )
    .expect("a scenario");
    for bad in [1.0, -0.1, 1.5, f64::NAN, f64::INFINITY] {
        let scenario = Scenario {
            rate_correlation: Some(bad),
            ..base.clone()
        };
        let errors = scenario.validate().expect_err("refused");
        assert_eq!(errors.len(), 1, "{bad}: {errors:?}");
        assert_eq!(errors[0].path, "rate_correlation");
        assert!(
            matches!(errors[0].rule, Rule::Correlation { value } if value.to_bits() == bad.to_bits()),
            "{bad}: {:?}",
            errors[0].rule
        );
        let english = i18n::localize_field_error(Locale::En, &errors[0]);
        assert!(english.contains("up to, not including, 1"), "{english}");
        for locale in [Locale::Ru, Locale::Zh] {
            assert_ne!(i18n::localize_field_error(locale, &errors[0]), english);
        }
    }
    // Read from a file too, with the path.
    let errors = Scenario::from_json(
        r#"{"horizon_days": 10, "rate_correlation": 1, "stages": [{"name": "A",
           "conversion": 0.5, "delay_days": {"fixed": 1}}]}"#,
    )
    .expect("a scenario")
    .validate()
    .expect_err("refused");
    assert_eq!(
        errors[0].to_string(),
        "rate_correlation: must be a number from 0 (rates drawn independently) up to, not including, 1, not 1"
    );
    for good in [0.0, 0.25, 0.999] {
        let scenario = Scenario {
            rate_correlation: Some(good),
            ..base.clone()
        };
        assert_eq!(scenario.validate().map(|m| m.rate_correlation), Ok(good));
    }
}

fn law() -> impl Strategy<Value = RateLaw> {
    prop_oneof![
        (0.05..50.0f64, 0.05..50.0f64).prop_map(|(alpha, beta)| RateLaw::Beta { alpha, beta }),
        (0.0..1.0f64, 0.0..1.0f64).prop_map(|(a, b)| RateLaw::Uniform {
            low: a.min(b),
            high: a.max(b)
        }),
        (0.0..=1.0f64).prop_map(RateLaw::Fixed),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Any correlation and laws give finite moments in [0, 1], never above any one rate's
    /// own moment (each factor is at most 1), equal to it when the others are absent.
    #[test]
    fn moments_under_any_copula_are_finite_and_within_0_and_1(
        r in 0.0..1.0f64,
        laws in proptest::collection::vec(law(), 1..4),
        exponents in proptest::collection::vec((0u32..6, 0u32..6), 3),
    ) {
        let moments = Moments::new(&laws, r);
        let exponents = &exponents[..laws.len()];
        let value = moments.moment(exponents);
        prop_assert!(value.is_finite() && (0.0..=1.0).contains(&value), "{value}");
        for (k, &(a, b)) in exponents.iter().enumerate() {
            let own = laws[k].moment(a, b);
            prop_assert!(value <= own + 1e-6, "{value} above stage {k}'s own {own}");
            let mut alone = vec![(0, 0); laws.len()];
            alone[k] = (a, b);
            let single = moments.moment(&alone);
            prop_assert!((single - own).abs() <= 1e-4 * own.max(1e-6), "{single} vs {own}");
        }
    }
}

#[test]
fn the_control_sets_the_correlation_and_undo_takes_it_back() {
    let plan = Scenario::from_json(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/presets/six-step.json"
        ))
        .expect("the preset"),
    )
    .expect("a scenario");
    let mut editing = Editing::new(Work::new(vec![plan.clone()], 0, Settings::default()));
    editing
        .dispatch(
            &Action::SetRateCorrelation(Tie::Strong.correlation()),
            Locale::En,
            0,
        )
        .expect("applied");
    assert_eq!(editing.work.scenario().rate_correlation, Some(0.8));
    editing
        .dispatch(&Action::SetRateCorrelation(0.0), Locale::En, 10_000)
        .expect("applied");
    // None takes the key out: the file is the one it was.
    assert_eq!(editing.work.scenario(), &plan);
    editing
        .dispatch(&Action::Undo, Locale::En, 20_000)
        .expect("undo");
    assert_eq!(editing.work.scenario().rate_correlation, Some(0.8));
    editing
        .dispatch(&Action::Undo, Locale::En, 30_000)
        .expect("undo");
    assert_eq!(editing.work.scenario(), &plan);
    let work = Work::new(vec![plan.clone()], 0, Settings::default());
    let set = action::apply(&work, &Action::SetRateCorrelation(0.6), Locale::En).expect("set");
    assert_eq!(
        Action::SetRateCorrelation(0.6).undo_key().as_deref(),
        Some("rate_correlation")
    );
    assert_eq!(set.scenario().rate_correlation, Some(0.6));
}

#[test]
fn the_controls_words_and_the_range_sentence() {
    let texts = |locale, current| {
        correlation::choices(locale, current)
            .into_iter()
            .map(|c| (c.text, c.correlation, c.selected))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        correlation::label(Locale::En),
        "Lead quality ties the stages together"
    );
    assert_eq!(
        texts(Locale::En, None),
        vec![
            ("none".to_string(), 0.0, true),
            ("weak".to_string(), 0.25, false),
            ("moderate".to_string(), 0.5, false),
            ("strong".to_string(), 0.8, false),
        ]
    );
    // Another value is shown in its place, selected, written the locale's way.
    let other = texts(Locale::Ru, Some(0.65));
    assert_eq!(other.len(), 5);
    assert_eq!(other[3], ("0,65".to_string(), 0.65, true));
    assert_eq!(other.iter().filter(|c| c.2).count(), 1);
    for locale in [Locale::Ru, Locale::Zh] {
        assert_ne!(correlation::label(locale), correlation::label(Locale::En));
        assert_ne!(texts(locale, None), texts(Locale::En, None));
    }
    assert_eq!(
        correlation::range_sentence(Locale::En, 0.8, (60.0, 200.0), (80.0, 180.0)).as_deref(),
        Some("With strong ties the 90% range of revenue is 1.4 times as wide as with none")
    );
    assert_eq!(
        correlation::range_sentence(Locale::Ru, 0.25, (0.0, 110.0), (0.0, 100.0)).as_deref(),
        Some("При слабой связи 90-процентный диапазон выручки в 1,1 раза шире, чем без связи")
    );
    assert_eq!(
        correlation::range_sentence(Locale::En, 0.3, (0.0, 250.0), (0.0, 100.0)).as_deref(),
        Some("With ties of 0.3 the 90% range of revenue is 2.5 times as wide as with none")
    );
    assert!(correlation::range_sentence(Locale::Zh, 0.5, (0.0, 1.0), (0.0, 1.0)).is_some());
    assert_eq!(
        correlation::range_sentence(Locale::En, 0.0, (0.0, 1.0), (0.0, 1.0)),
        None
    );
    assert_eq!(
        correlation::range_sentence(Locale::En, 0.5, (0.0, 1.0), (5.0, 5.0)),
        None,
        "no range without ties: no ratio"
    );
}
