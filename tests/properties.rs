//! Property tests over generated valid scenarios: every lead is accounted for, counts are
//! consistent, and reports are reproducible and independent of chunking.

use funnelcast::engine::{RunBatch, RunResult, Simulation, reference};
use funnelcast::scenario::{
    Arrivals, Delay, Model, Nurture, Rate, Retention, Scenario, Source, Stage, UncertainRate, Value,
};
use proptest::prelude::*;

fn rate() -> impl Strategy<Value = Rate> {
    prop_oneof![
        (0.0..=1.0f64).prop_map(Rate::Fixed),
        Just(Rate::Fixed(1.0)),
        Just(Rate::Fixed(0.0)),
        (0.5..20.0f64, 0.5..20.0f64)
            .prop_map(|(alpha, beta)| Rate::Uncertain(UncertainRate::Beta { alpha, beta })),
        (0.0..=1.0f64, 0.0..=1.0f64).prop_map(|(a, b)| Rate::Uncertain(UncertainRate::Uniform {
            low: a.min(b),
            high: a.max(b)
        })),
    ]
}

fn delay() -> impl Strategy<Value = Delay> {
    prop_oneof![
        (0..15i64).prop_map(Delay::Fixed),
        (0..10i64, 0..10i64).prop_map(|(a, b)| Delay::Uniform {
            min: a.min(b),
            max: a.max(b)
        }),
        (0.0..20.0f64).prop_map(|mean| Delay::Exponential { mean }),
        (0.5..10.0f64, 0.0..1.5f64).prop_map(|(median, sigma)| Delay::Lognormal { median, sigma }),
        (0.3..5.0f64, 0.3..5.0f64).prop_map(|(shape, scale)| Delay::Gamma { shape, scale }),
    ]
}

fn value() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        (0.0..500.0f64).prop_map(|x| Some(Value::Fixed(x))),
        (0.0..100.0f64, 0.0..100.0f64).prop_map(|(a, b)| Some(Value::Uniform {
            low: a.min(b),
            high: a.max(b)
        })),
        (1.0..300.0f64, 0.0..100.0f64).prop_map(|(mean, sd)| Some(Value::Lognormal { mean, sd })),
    ]
}

prop_compose! {
    fn stage(stage_count: usize)(
        conversion in rate(),
        delay_days in delay(),
        lost_delay_days in proptest::option::of(delay()),
        value in value(),
        nurture in proptest::option::of((0.0..=1.0f64, delay(), 0.0..=1.0f64, 0..stage_count, 0..4i64)),
    ) -> (Rate, Delay, Option<Delay>, Option<Value>, Option<(f64, Delay, f64, usize, i64)>) {
        (conversion, delay_days, lost_delay_days, value, nurture)
    }
}

prop_compose! {
    fn source(stage_count: usize, horizon: i64)(
        entry in 0..stage_count,
        poisson in any::<bool>(),
        mean in 0.0..40.0f64,
        fixed in 0..60i64,
        start in 0..horizon,
        length in 1..horizon + 5,
        cost in 0.0..5.0f64,
    ) -> (usize, Arrivals, i64, i64, f64) {
        let arrivals = if poisson { Arrivals::Poisson(mean) } else { Arrivals::Fixed(fixed) };
        (entry, arrivals, start, start + length, cost)
    }
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (1usize..5, 1i64..90).prop_flat_map(|(stage_count, horizon)| {
        (
            proptest::collection::vec(stage(stage_count), stage_count),
            proptest::collection::vec(source(stage_count, horizon), 1..3),
            proptest::option::of((0.0..=1.0f64, delay(), value(), 0..4i64)),
        )
            .prop_map(move |(stages, sources, retention)| {
                let names: Vec<String> = (0..stage_count).map(|k| format!("Stage {k}")).collect();
                Scenario {
                    name: "generated".to_string(),
                    description: String::new(),
                    horizon_days: horizon,
                    sources: sources
                        .into_iter()
                        .enumerate()
                        .map(
                            |(i, (entry, per_day, start_day, end_day, cost_per_lead))| Source {
                                name: format!("Source {i}"),
                                entry: names[entry].clone(),
                                per_day,
                                start_day,
                                end_day: Some(end_day),
                                cost_per_lead,
                                segment: None,
                            },
                        )
                        .collect(),
                    stages: stages
                        .into_iter()
                        .enumerate()
                        .map(
                            |(k, (conversion, delay_days, lost_delay_days, value, nurture))| {
                                Stage {
                                    name: names[k].clone(),
                                    conversion,
                                    delay_days,
                                    lost_delay_days,
                                    value,
                                    // Nurture goes back to this stage or an earlier one.
                                    nurture: nurture.map(
                                        |(share, delay_days, reentry, to, max_cycles)| Nurture {
                                            share,
                                            delay_days,
                                            reentry,
                                            to: names[to.min(k)].clone(),
                                            max_cycles,
                                        },
                                    ),
                                }
                            },
                        )
                        .collect(),
                    retention: retention.map(|(repeat, delay_days, value, max_repeats)| {
                        Retention {
                            repeat,
                            delay_days,
                            value,
                            max_repeats,
                        }
                    }),
                    rate_correlation: None,
                    segments: Vec::new(),
                }
            })
    })
}

/// Every lead is accounted for, in every stage, and the totals agree with each other.
#[track_caller]
fn check_accounting(model: &Model, run: &RunResult) {
    let last = model.stages.len() - 1;
    let mut reentered_into = vec![0u64; model.stages.len()];
    for (k, stage) in model.stages.iter().enumerate() {
        let counts = &run.stages[k];
        assert_eq!(
            counts.entered,
            counts.converted + counts.failed + counts.open,
            "stage {k}: entered = converted + failed + open"
        );
        assert!(
            counts.nurtured <= counts.failed,
            "stage {k}: nurtured <= failed"
        );
        assert!(
            counts.open_in_nurture + counts.reentered <= counts.nurtured,
            "stage {k}: open in nurture + re-entered <= nurtured"
        );
        if stage.nurture.is_none() {
            assert_eq!(counts.nurtured, 0);
        }
        if let Some(nurture) = &stage.nurture {
            reentered_into[nurture.to] += counts.reentered;
        }
        assert!(counts.decision_days >= 0.0);
    }
    // Entries come from sources, from the previous stage and from nurture loops.
    let from_sources: u64 = (0..model.stages.len())
        .map(|k| {
            let previous = if k == 0 {
                0
            } else {
                run.stages[k - 1].converted
            };
            run.stages[k].entered - previous - reentered_into[k]
        })
        .sum();
    assert_eq!(
        from_sources, run.leads,
        "entries not explained by conversions and nurture are the leads"
    );
    assert_eq!(
        run.customers, run.stages[last].converted,
        "customers are the last stage's conversions"
    );
    let daily_customers: u64 = run.new_customers.iter().map(|&c| u64::from(c)).sum();
    assert_eq!(
        daily_customers, run.customers,
        "daily new customers add up to the customers"
    );
    let lag_total: f64 = run.days_to_purchase.iter().sum();
    assert!((lag_total - run.customers as f64).abs() <= 1e-6 * (1.0 + run.customers as f64));
    let daily_revenue: f64 = run.revenue_by_day.iter().sum();
    assert!((daily_revenue - run.revenue).abs() <= 1e-6 * (1.0 + run.revenue.abs()));
    assert!(run.revenue >= 0.0 && run.cost >= 0.0);
    if model.retention.is_none() {
        assert_eq!(run.repeat_purchases, 0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_lead_is_accounted_for_in_both_engines(scenario in scenario(), seed in any::<u64>()) {
        let model = scenario.validate().expect("generated scenarios are valid");
        let simulation = Simulation::new(&model);
        for run in 0..3 {
            check_accounting(&model, &simulation.run(seed, run));
            check_accounting(&model, &reference::run(&model, seed, run));
        }
    }

    #[test]
    fn reports_are_reproducible_and_independent_of_chunking(
        scenario in scenario(),
        seed in any::<u64>(),
        runs in 2u32..12,
        cut_share in 0.0..1.0f64,
    ) {
        let model = scenario.validate().expect("generated scenarios are valid");
        let simulation = Simulation::new(&model);
        let whole = simulation.report(seed, vec![simulation.batch(seed, 0..runs)]);
        let again = Simulation::new(&model).report(seed, vec![simulation.batch(seed, 0..runs)]);
        prop_assert_eq!(&whole, &again);
        // Two chunks, handed over in the wrong order, as workers finishing out of order would.
        let cut = ((f64::from(runs) * cut_share) as u32).clamp(1, runs - 1);
        let chunked = simulation.report(
            seed,
            vec![simulation.batch(seed, cut..runs), simulation.batch(seed, 0..cut)],
        );
        prop_assert_eq!(&whole, &chunked);
        // One run at a time.
        let singles: Vec<RunBatch> = (0..runs).rev().map(|i| simulation.batch(seed, i..i + 1)).collect();
        prop_assert_eq!(&whole, &simulation.report(seed, singles));
    }
}
