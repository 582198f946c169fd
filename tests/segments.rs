//! Segments (`segments`, issue 15): each lead belongs to one segment, meets the stages as its
//! segment has them, and the report's per-segment figures add up to the totals. Checked on
//! both engines against what the format says: totals are the sums of the segments in every
//! run, a source tied to a segment sends it all its leads, shares split a fixed cohort
//! multinomially, a base rate is one draw shared by every segment (and a segment's own rate
//! its own), each segment's figures are those of the segment simulated alone, and every new
//! key's bad input names its path.

use funnelcast::engine::{self, RunResult, Simulation, reference};
use funnelcast::scenario::{Model, Rule, Scenario};

fn validated(text: &str) -> Model {
    match Scenario::from_json(text).map(|s| s.validate()) {
        Ok(Ok(model)) => model,
        other => panic!("invalid test scenario: {other:?}"),
    }
}

fn errors(text: &str) -> Vec<(String, Rule)> {
    match Scenario::from_json(text).map(|s| s.validate()) {
        Ok(Err(errors)) => errors.into_iter().map(|e| (e.path, e.rule)).collect(),
        other => panic!("expected validation errors: {other:?}"),
    }
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

fn covariance(x: &[f64], y: &[f64]) -> f64 {
    let (mx, my) = (mean(x), mean(y));
    x.iter()
        .zip(y)
        .map(|(a, b)| (a - mx) * (b - my))
        .sum::<f64>()
        / (x.len() - 1) as f64
}

/// Both engines' runs `0..runs` of seed `seed`.
fn runs(model: &Model, seed: u64, runs: u32) -> (Vec<RunResult>, Vec<RunResult>) {
    let simulation = Simulation::new(model);
    let fast = (0..runs).map(|i| simulation.run(seed, i)).collect();
    let slow = (0..runs).map(|i| reference::run(model, seed, i)).collect();
    (fast, slow)
}

/// A funnel with nurture, repeat purchases, values on two stages and every kind of override,
/// fed by a Poisson source left to the shares, a fixed one left to them and one tied.
const MIXED: &str = r#"{"name": "Mixed", "horizon_days": 60,
  "sources": [
    {"name": "Ads", "entry": "Lead", "per_day": {"poisson": 6}, "cost_per_lead": 3},
    {"name": "List", "entry": "Lead", "per_day": {"fixed": 4}, "end_day": 20, "cost_per_lead": 1},
    {"name": "Partners", "entry": "Call", "per_day": {"poisson": 1}, "segment": "Big"}
  ],
  "stages": [
    {"name": "Lead", "conversion": {"beta": {"alpha": 6, "beta": 4}}, "delay_days": {"fixed": 1}},
    {"name": "Call", "conversion": 0.5, "delay_days": {"uniform": {"min": 1, "max": 6}},
     "value": {"fixed": 10},
     "nurture": {"share": 0.5, "delay_days": {"fixed": 7}, "reentry": 0.4, "to": "Lead", "max_cycles": 2}},
    {"name": "Deal", "conversion": {"uniform": {"low": 0.4, "high": 0.8}},
     "delay_days": {"exponential": {"mean": 4}}, "value": {"lognormal": {"mean": 200, "sd": 150}}}
  ],
  "retention": {"repeat": 0.5, "delay_days": {"fixed": 10}, "max_repeats": 3},
  "segments": [
    {"name": "Small", "share": 0.7},
    {"name": "Big", "share": 0.3, "stages": {
      "Call": {"conversion": {"beta": {"alpha": 3, "beta": 7}}, "lost_delay_days": {"fixed": 2}},
      "Deal": {"delay_days": {"gamma": {"shape": 2, "scale": 5}},
               "value": {"lognormal": {"mean": 2000, "sd": 1500}}}}}
  ]}"#;

#[test]
fn totals_are_the_sums_of_the_segments_in_every_run_of_both_engines() {
    let model = validated(MIXED);
    let (fast, slow) = runs(&model, 3, 300);
    for (engine, results) in [("fast", &fast), ("reference", &slow)] {
        for (i, run) in results.iter().enumerate() {
            assert_eq!(run.segments.len(), 2, "{engine} run {i}");
            let sum =
                |f: fn(&engine::SegmentCounts) -> f64| -> f64 { run.segments.iter().map(f).sum() };
            assert_eq!(
                sum(|s| s.leads as f64),
                run.leads as f64,
                "{engine} run {i}"
            );
            assert_eq!(
                sum(|s| s.customers as f64),
                run.customers as f64,
                "{engine} {i}"
            );
            assert_eq!(
                sum(|s| s.repeat_purchases as f64),
                run.repeat_purchases as f64,
                "{engine} run {i}"
            );
            let revenue = sum(|s| s.revenue);
            assert!(
                (revenue - run.revenue).abs() <= 1e-9 * run.revenue.abs().max(1.0),
                "{engine} run {i}: {revenue} vs {}",
                run.revenue
            );
            assert!((sum(|s| s.cost) - run.cost).abs() < 1e-9 * run.cost.max(1.0));
            for (k, stage) in run.stages.iter().enumerate() {
                let entered: u64 = run.segments.iter().map(|s| s.entered[k]).sum();
                let converted: u64 = run.segments.iter().map(|s| s.converted[k]).sum();
                assert_eq!(
                    (entered, converted),
                    (stage.entered, stage.converted),
                    "{engine} run {i} stage {k}"
                );
            }
            // The sources' parts still add up to the totals, across segments.
            let leads: u64 = run.sources.iter().map(|s| s.leads).sum();
            assert_eq!(leads, run.leads, "{engine} run {i}");
        }
    }
    // And the report's per-segment summaries are of those per-run parts.
    let report = engine::simulate(&model, 300, 3);
    assert_eq!(report.segments.len(), 2);
    let small_leads: Vec<f64> = fast.iter().map(|r| r.segments[0].leads as f64).collect();
    assert!((report.segments[0].leads.mean - mean(&small_leads)).abs() < 1e-9);
    let exact = &report.exact.within_horizon;
    let parts: f64 = report.segments.iter().map(|s| s.exact.revenue).sum();
    assert!((parts - exact.revenue).abs() < 1e-6 * exact.revenue);
}

#[test]
fn a_source_tied_to_a_segment_sends_all_its_leads_there() {
    let model = validated(
        r#"{"horizon_days": 30,
        "sources": [
          {"name": "Web", "entry": "A", "per_day": {"poisson": 5}, "segment": "Small"},
          {"name": "Sales", "entry": "A", "per_day": {"fixed": 2}, "segment": "Big"}],
        "stages": [{"name": "A", "conversion": 0.5, "delay_days": {"fixed": 0}}],
        "segments": [{"name": "Small"}, {"name": "Big",
          "stages": {"A": {"conversion": 0.1}}}]}"#,
    );
    let (fast, slow) = runs(&model, 11, 200);
    for (engine, results) in [("fast", &fast), ("reference", &slow)] {
        for run in results.iter() {
            assert_eq!(run.segments[0].leads, run.sources[0].leads, "{engine}");
            assert_eq!(run.segments[1].leads, run.sources[1].leads, "{engine}");
            assert_eq!(run.segments[1].leads, 60, "{engine}: 2 a day for 30 days");
        }
        // The Big segment converts at its own 10%, the Small one at the base 50%.
        let big: f64 = results
            .iter()
            .map(|r| r.segments[1].converted[0] as f64)
            .sum();
        let big_entered: f64 = results
            .iter()
            .map(|r| r.segments[1].entered[0] as f64)
            .sum();
        let small: f64 = results
            .iter()
            .map(|r| r.segments[0].converted[0] as f64)
            .sum();
        let small_entered: f64 = results
            .iter()
            .map(|r| r.segments[0].entered[0] as f64)
            .sum();
        let (pb, ps) = (big / big_entered, small / small_entered);
        assert!((pb - 0.1).abs() < 0.02, "{engine}: Big converts at {pb}");
        assert!((ps - 0.5).abs() < 0.02, "{engine}: Small converts at {ps}");
    }
}

/// 100 leads on one day split among three segments: each run's counts are
/// Multinomial(100, (0.2, 0.3, 0.5)): their means, variances and covariances.
#[test]
fn shares_split_a_fixed_cohort_multinomially() {
    let model = validated(
        r#"{"horizon_days": 5,
        "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 100}, "end_day": 1}],
        "stages": [{"name": "A", "conversion": 1, "delay_days": {"fixed": 0}}],
        "segments": [{"name": "S", "share": 0.2}, {"name": "M", "share": 0.3},
                     {"name": "L", "share": 0.5}]}"#,
    );
    let shares = [0.2, 0.3, 0.5];
    let n = 100.0;
    let count = 6000;
    let (fast, slow) = runs(&model, 5, count);
    for (engine, results) in [("fast", &fast), ("reference", &slow)] {
        let column =
            |g: usize| -> Vec<f64> { results.iter().map(|r| r.segments[g].leads as f64).collect() };
        let columns: Vec<Vec<f64>> = (0..3).map(column).collect();
        for run in results.iter() {
            assert_eq!(run.leads, 100);
        }
        for g in 0..3 {
            let p: f64 = shares[g];
            let variance = n * p * (1.0 - p);
            let error = (variance / f64::from(count)).sqrt();
            let m = mean(&columns[g]);
            assert!(
                (m - n * p).abs() < 4.0 * error,
                "{engine} segment {g}: mean {m}"
            );
            let v = covariance(&columns[g], &columns[g]);
            assert!(
                (v / variance - 1.0).abs() < 0.08,
                "{engine} segment {g}: variance {v} vs {variance}"
            );
            for h in (g + 1)..3 {
                let expected = -n * p * shares[h];
                let c = covariance(&columns[g], &columns[h]);
                assert!(
                    (c / expected - 1.0).abs() < 0.1,
                    "{engine} segments {g}, {h}: covariance {c} vs {expected}"
                );
            }
        }
    }
}

/// One uncertain base rate met by two segments is one draw per run: given it, the
/// segments' customers are independent Poisson counts, so their covariance is
/// `λ² s_A s_B Var(p)`; a segment with a rate of its own draws it apart (covariance 0). An
/// engine drawing the base rate once per segment would give 0 in the first case.
#[test]
fn a_base_rate_is_one_draw_shared_by_the_segments_and_an_own_rate_is_apart() {
    let scenario = |own: &str| {
        format!(
            r#"{{"horizon_days": 1,
            "sources": [{{"name": "Web", "entry": "A", "per_day": {{"poisson": 400}}}}],
            "stages": [{{"name": "A", "conversion": {{"beta": {{"alpha": 4, "beta": 6}}}},
                         "delay_days": {{"fixed": 0}}}}],
            "segments": [{{"name": "One", "share": 0.4}}, {{"name": "Two", "share": 0.6 {own}}}]}}"#
        )
    };
    let (a, b) = (4.0, 6.0);
    let p_mean = a / (a + b);
    let p_var = a * b / ((a + b) * (a + b) * (a + b + 1.0));
    let (lambda, s1, s2): (f64, f64, f64) = (400.0, 0.4, 0.6);
    let count = 6000;
    for (own, expected) in [
        ("", lambda * lambda * s1 * s2 * p_var),
        (
            r#", "stages": {"A": {"conversion": {"beta": {"alpha": 4, "beta": 6}}}}"#,
            0.0,
        ),
    ] {
        let model = validated(&scenario(own));
        let (fast, slow) = runs(&model, 9, count);
        for (engine, results) in [("fast", &fast), ("reference", &slow)] {
            let one: Vec<f64> = results
                .iter()
                .map(|r| r.segments[0].customers as f64)
                .collect();
            let two: Vec<f64> = results
                .iter()
                .map(|r| r.segments[1].customers as f64)
                .collect();
            let var_one = lambda * s1 * p_mean + (lambda * s1).powi(2) * p_var;
            let var_two = lambda * s2 * p_mean + (lambda * s2).powi(2) * p_var;
            // The sample covariance's standard error: sqrt((Var X Var Y + Cov²) / n).
            let error = ((var_one * var_two + expected * expected) / f64::from(count)).sqrt();
            let c = covariance(&one, &two);
            assert!(
                (c - expected).abs() < 4.0 * error,
                "{engine}, own rate {:?}: covariance {c} vs {expected} ± {error}",
                !own.is_empty()
            );
            let v = covariance(&one, &one);
            assert!(
                (v / var_one - 1.0).abs() < 0.1,
                "{engine}: variance {v} vs {var_one}"
            );
        }
    }
}

/// A segment's figures are those of its part simulated as a scenario of its own (the
/// stages as it meets them, its sources' leads scaled by its share): the same expectations
/// to rounding, and means and spread within Monte Carlo error, on both engines.
#[test]
fn each_segment_agrees_with_the_segment_simulated_alone() {
    let model = validated(MIXED);
    let big_alone = validated(
        r#"{"name": "Big alone", "horizon_days": 60,
      "sources": [
        {"name": "Ads", "entry": "Lead", "per_day": {"poisson": 1.8}, "cost_per_lead": 3},
        {"name": "Partners", "entry": "Call", "per_day": {"poisson": 1}}
      ],
      "stages": [
        {"name": "Lead", "conversion": {"beta": {"alpha": 6, "beta": 4}}, "delay_days": {"fixed": 1}},
        {"name": "Call", "conversion": {"beta": {"alpha": 3, "beta": 7}},
         "delay_days": {"uniform": {"min": 1, "max": 6}}, "lost_delay_days": {"fixed": 2},
         "value": {"fixed": 10},
         "nurture": {"share": 0.5, "delay_days": {"fixed": 7}, "reentry": 0.4, "to": "Lead", "max_cycles": 2}},
        {"name": "Deal", "conversion": {"uniform": {"low": 0.4, "high": 0.8}},
         "delay_days": {"gamma": {"shape": 2, "scale": 5}},
         "value": {"lognormal": {"mean": 2000, "sd": 1500}}}
      ],
      "retention": {"repeat": 0.5, "delay_days": {"fixed": 10}, "max_repeats": 3}}"#,
    );
    let count = 3000;
    let segmented = Simulation::new(&model);
    let alone = Simulation::new(&big_alone);
    let report = segmented.report(3, vec![segmented.batch(3, 0..count)]);
    // The fixed source's share of the Big segment: 4 a day for 20 days, 30% of them.
    let list = 4.0 * 20.0 * 0.3;
    let expected = alone.exact().within_horizon;
    let big = &report.segments[1];
    assert!((big.exact.leads - (expected.leads + list)).abs() < 1e-9);
    let alone_report = alone.report(3, vec![alone.batch(3, 0..count)]);
    let (fast, slow) = runs(&model, 4, count);
    type Of = fn(&engine::SegmentCounts) -> f64;
    let figures: [(&str, Of); 2] = [
        ("customers", |s| s.customers as f64),
        ("revenue", |s| s.revenue),
    ];
    // Without the fixed list, the Big segment is the scenario alone: compare the spread of
    // its customers and revenue on a model whose list is tied elsewhere.
    for (name, of_segment) in figures {
        for (engine, results) in [("fast", &fast), ("reference", &slow)] {
            let values: Vec<f64> = results.iter().map(|r| of_segment(&r.segments[1])).collect();
            let m = mean(&values);
            let error = (covariance(&values, &values) / f64::from(count)).sqrt();
            let exact = match name {
                "customers" => big.exact.customers,
                _ => big.exact.revenue,
            };
            assert!(
                (m - exact).abs() < 4.0 * error,
                "{engine} {name}: {m} vs exact {exact} ± {error}"
            );
        }
    }
    // The part's expected customers: the part alone, plus what the list's 24 leads add (the
    // same per-lead odds as the Ads leads entering at the same stage, over its 20 days).
    assert!(big.exact.customers > expected.customers);
    let tied_elsewhere = validated(&MIXED.replace(
        r#""end_day": 20, "cost_per_lead": 1}"#,
        r#""end_day": 20, "cost_per_lead": 1, "segment": "Small"}"#,
    ));
    let without_list = Simulation::new(&tied_elsewhere);
    let report = without_list.report(3, vec![without_list.batch(3, 0..count)]);
    let big = &report.segments[1];
    for (got, want) in [
        (big.exact.leads, expected.leads),
        (big.exact.customers, expected.customers),
        (big.exact.purchases, expected.purchases),
        (big.exact.revenue, expected.revenue),
    ] {
        assert!(
            (got - want).abs() <= 1e-9 * want.abs().max(1.0),
            "{got} vs {want}"
        );
    }
    for (got, want) in [
        (&big.customers, &alone_report.customers),
        (&big.revenue, &alone_report.revenue),
    ] {
        let se = |s: &engine::Stats| s.sd / f64::from(count).sqrt();
        let error = (se(got).powi(2) + se(want).powi(2)).sqrt();
        assert!(
            (got.mean - want.mean).abs() < 4.0 * error,
            "segment {} vs alone {} ± {error}",
            got.mean,
            want.mean
        );
        let ratio = (got.p95 - got.p5) / (want.p95 - want.p5);
        assert!((ratio - 1.0).abs() < 0.1, "the 90% range: ratio {ratio}");
    }
}

#[test]
fn the_fast_engine_and_the_reference_agree_on_every_segment() {
    let model = validated(MIXED);
    let count = 3000;
    let (fast, slow) = runs(&model, 21, count);
    for g in 0..2 {
        for (name, of) in [
            (
                "leads",
                (|s: &engine::SegmentCounts| s.leads as f64) as fn(&_) -> f64,
            ),
            ("customers", |s| s.customers as f64),
            ("repeats", |s| s.repeat_purchases as f64),
            ("revenue", |s| s.revenue),
        ] {
            let a: Vec<f64> = fast.iter().map(|r| of(&r.segments[g])).collect();
            let b: Vec<f64> = slow.iter().map(|r| of(&r.segments[g])).collect();
            let error = ((covariance(&a, &a) + covariance(&b, &b)) / f64::from(count)).sqrt();
            assert!(
                (mean(&a) - mean(&b)).abs() < 4.0 * error.max(1e-9),
                "segment {g} {name}: fast {} vs reference {} ± {error}",
                mean(&a),
                mean(&b)
            );
            let ratio = covariance(&a, &a) / covariance(&b, &b);
            assert!(
                (ratio - 1.0).abs() < 0.15,
                "segment {g} {name}: variance ratio {ratio}"
            );
        }
    }
    // The runs keep the draws behind the same unknowns: the base rates some segment meets,
    // then the Big segment's own Call rate.
    assert_eq!(fast[0].unknowns.len(), 3);
    assert_eq!(slow[0].unknowns.len(), 3);
    let report = engine::simulate(&model, 2000, 1);
    let names: Vec<(String, Option<String>)> = report
        .uncertainty
        .expect("uncertain rates")
        .sources
        .into_iter()
        .map(|s| (s.name, s.segment))
        .collect();
    assert_eq!(
        names,
        [
            ("Lead".to_string(), None),
            ("Deal".to_string(), None),
            ("Call".to_string(), Some("Big".to_string())),
        ]
    );
}

#[test]
fn a_report_depends_on_the_seed_and_runs_only_and_files_without_segments_are_as_before() {
    let model = validated(MIXED);
    let simulation = Simulation::new(&model);
    let whole = simulation.report(8, vec![simulation.batch(8, 0..400)]);
    let chunks = simulation.report(
        8,
        vec![simulation.batch(8, 200..400), simulation.batch(8, 0..200)],
    );
    assert_eq!(whole, chunks);
    // A scenario without the key has no per-segment figures and no `segments` in its JSON.
    let plain = validated(
        r#"{"horizon_days": 10,
        "sources": [{"name": "Web", "entry": "A", "per_day": {"poisson": 5}}],
        "stages": [{"name": "A", "conversion": 0.5, "delay_days": {"fixed": 1}}]}"#,
    );
    let report = engine::simulate(&plain, 50, 1);
    assert!(report.segments.is_empty());
    let json = serde_json::to_string(&report).expect("JSON");
    assert!(!json.contains("\"segments\""));
}

#[test]
fn every_new_key_refuses_bad_input_with_its_path() {
    let base = |segments: &str, source_extra: &str| {
        format!(
            r#"{{"horizon_days": 10,
            "sources": [{{"name": "Web", "entry": "A", "per_day": {{"poisson": 5}} {source_extra}}}],
            "stages": [{{"name": "A", "conversion": 0.5, "delay_days": {{"fixed": 1}}}},
                       {{"name": "B", "conversion": 0.5, "delay_days": {{"fixed": 1}}}}],
            "segments": {segments}}}"#
        )
    };
    type Case<'a> = (String, &'a str, fn(&Rule) -> bool);
    let cases: Vec<Case> = vec![
        (
            base(r#"[{"name": " ", "share": 1}]"#, ""),
            "segments[0].name",
            |r| *r == Rule::SegmentNameMissing,
        ),
        (
            base(
                r#"[{"name": "S", "share": 0.5}, {"name": "S", "share": 0.5}]"#,
                "",
            ),
            "segments[1].name",
            |r| matches!(r, Rule::DuplicateSegment { first: 0, .. }),
        ),
        (
            base(r#"[{"name": "S\u202Eg", "share": 1}]"#, ""),
            "segments[0].name",
            |r| matches!(r, Rule::HiddenCharacter { .. }),
        ),
        (
            base(
                r#"[{"name": "S", "share": 1.5}, {"name": "T", "share": 0}]"#,
                "",
            ),
            "segments[0].share",
            |r| matches!(r, Rule::Probability { value } if *value == 1.5),
        ),
        (
            base(
                r#"[{"name": "S", "share": 0.5}, {"name": "T", "share": 0.4}]"#,
                "",
            ),
            "segments",
            |r| matches!(r, Rule::SharesSum { sum } if (*sum - 0.9).abs() < 1e-12),
        ),
        (
            base(
                r#"[{"name": "S", "share": 1, "stages": {"Z": {"conversion": 0.1}}}]"#,
                "",
            ),
            "segments[0].stages.Z",
            |r| matches!(r, Rule::UnknownStage { name, .. } if name == "Z"),
        ),
        (
            base(
                r#"[{"name": "S", "share": 1, "stages": {"B": {"conversion": 1.5}}}]"#,
                "",
            ),
            "segments[0].stages.B.conversion",
            |r| matches!(r, Rule::Probability { .. }),
        ),
        (
            base(
                r#"[{"name": "S", "share": 1, "stages": {"B": {"delay_days": {"fixed": -1}}}}]"#,
                "",
            ),
            "segments[0].stages.B.delay_days.fixed",
            |r| matches!(r, Rule::WholeRange { .. }),
        ),
        (
            base(
                r#"[{"name": "S", "share": 1, "stages": {"B": {"value": {"fixed": -5}}}}]"#,
                "",
            ),
            "segments[0].stages.B.value.fixed",
            |r| matches!(r, Rule::AtLeastZero { .. }),
        ),
        (
            base(
                r#"[{"name": "S", "share": 1}]"#,
                r#", "segment": "Enterprise""#,
            ),
            "sources[0].segment",
            |r| matches!(r, Rule::UnknownSegment { name, segments } if name == "Enterprise" && segments == &["S".to_string()]),
        ),
        (
            base("[]", r#", "segment": "S""#),
            "sources[0].segment",
            |r| matches!(r, Rule::UnknownSegment { segments, .. } if segments.is_empty()),
        ),
    ];
    for (text, path, rule) in cases {
        let found = errors(&text);
        assert!(
            found.iter().any(|(p, r)| p == path && rule(r)),
            "{path}: {found:?}"
        );
        // The English names what is wrong.
        for (_, r) in &found {
            assert!(!r.to_string().is_empty());
        }
    }
    // Shares need not add up when every source names its segment.
    let tied = base(r#"[{"name": "S", "share": 0.2}]"#, r#", "segment": "S""#);
    assert!(Scenario::from_json(&tied).expect("JSON").validate().is_ok());
    // Too many segments.
    let many: Vec<String> = (0..13)
        .map(|g| {
            format!(
                r#"{{"name": "S{g}", "share": {}}}"#,
                if g == 0 { 1 } else { 0 }
            )
        })
        .collect();
    let found = errors(&base(&format!("[{}]", many.join(",")), ""));
    assert!(
        found
            .iter()
            .any(|(p, r)| p == "segments" && matches!(r, Rule::TooManySegments { most: 12 })),
        "{found:?}"
    );
    // A stage named twice in one segment is refused, and the file's order is kept.
    let twice = base(
        r#"[{"name": "S", "share": 1, "stages": {"B": {"conversion": 0.1}, "B": {"conversion": 0.2}}}]"#,
        "",
    );
    let error = Scenario::from_json(&twice).expect_err("refused");
    assert!(error.to_string().contains("given twice"), "{error}");
    let ordered = base(
        r#"[{"name": "S", "share": 1, "stages": {"B": {"conversion": 0.1}, "A": {"conversion": 0.2}}}]"#,
        "",
    );
    let scenario = Scenario::from_json(&ordered).expect("read");
    let names: Vec<&String> = scenario.segments[0]
        .stages
        .iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(names, ["B", "A"]);
    assert_eq!(
        Scenario::from_json(&scenario.to_json()).expect("again"),
        scenario
    );
    // An unknown key inside a segment or an override is a structure error with its path.
    for (text, path) in [
        (base(r#"[{"name": "S", "shares": 1}]"#, ""), "segments[0]"),
        (
            base(
                r#"[{"name": "S", "share": 1, "stages": {"A": {"convertion": 0.1}}}]"#,
                "",
            ),
            "segments[0].stages.A",
        ),
    ] {
        let error = Scenario::from_json(&text).expect_err("refused");
        assert!(error.to_string().contains(path), "{path}: {error}");
    }
}

#[test]
fn the_b2b_preset_round_trips_and_its_enterprise_deals_are_fewer_later_and_larger() {
    let preset = funnelcast::scenario::presets::find("b2b-segments").expect("the preset");
    let scenario = preset.scenario();
    let text = scenario.to_json();
    assert_eq!(Scenario::from_json(&text).expect("JSON"), scenario);
    let model = scenario.validate().expect("valid");
    let report = engine::simulate(&model, 1000, 1);
    let (small, big) = (&report.segments[0], &report.segments[1]);
    assert_eq!(
        (small.name.as_str(), big.name.as_str()),
        ("Small business", "Enterprise")
    );
    let rate = |s: &engine::SegmentReport| s.customers.mean / s.leads.mean;
    assert!(rate(big) < rate(small), "enterprise converts less often");
    assert!(
        big.revenue.mean / big.customers.mean > 5.0 * small.revenue.mean / small.customers.mean,
        "for much more"
    );
}

/// Levers work per segment: a segment's own rate is a lever of its own ("Proposal ·
/// Enterprise"), moving it leaves every other segment's runs exactly as they were (common
/// random numbers: the other parts keep every draw), and identical variants of a segmented
/// scenario differ by exactly zero.
#[test]
fn levers_and_comparisons_work_per_segment_with_common_random_numbers() {
    use funnelcast::decisions::{
        self, ConversionMode, Lever, LeverChange, Sensitivity, SensitivityOptions,
    };
    let preset = funnelcast::scenario::presets::find("b2b-segments").expect("the preset");
    let model = preset.scenario().validate().expect("valid");
    let proposal = model
        .stages
        .iter()
        .position(|s| s.name == "Proposal")
        .expect("a Proposal stage");
    let lever = Lever::SegmentConversion {
        stage: proposal,
        segment: 1,
        mode: ConversionMode::Points,
    };
    assert_eq!(lever.target(&model), "Proposal · Enterprise");
    assert!((lever.value(&model).expect("its own rate") - 0.3).abs() < 1e-12);
    let raised = decisions::apply(&model, &LeverChange { lever, change: 5.0 }).expect("applied");
    assert!((lever.value(&raised).expect("its own rate") - 0.35).abs() < 1e-12);
    let (base, variant) = (Simulation::new(&model), Simulation::new(&raised));
    let mut enterprise_gain = 0.0;
    for run in 0..400 {
        let (a, b) = (base.run(5, run), variant.run(5, run));
        assert_eq!(
            a.segments[0], b.segments[0],
            "run {run}: small business untouched"
        );
        enterprise_gain += b.segments[1].customers as f64 - a.segments[1].customers as f64;
    }
    assert!(
        enterprise_gain > 0.0,
        "raising the rate makes more customers"
    );
    // The same change again is the same variant: differences of exactly zero.
    let comparison = decisions::compare(&raised, &raised.clone(), 300, 2).expect("compared");
    let diff = &comparison.diffs[0];
    assert_eq!((diff.revenue.mean, diff.revenue.sd), (0.0, 0.0));
    assert_eq!((diff.customers.mean, diff.customers.sd), (0.0, 0.0));
    // The analysis takes the segment's own rates as levers, said as the issue says them.
    let analysis = Sensitivity::new(&model, SensitivityOptions::default())
        .expect("levers")
        .run(400, 1)
        .expect("analysis");
    let targets: Vec<&str> = analysis.levers.iter().map(|l| l.target.as_str()).collect();
    for target in [
        "Proposal · Enterprise",
        "Discovery call · Enterprise",
        "Proposal",
    ] {
        assert!(targets.contains(&target), "{target} in {targets:?}");
    }
    let only = Sensitivity::with_changes(
        &model,
        SensitivityOptions::default(),
        vec![LeverChange { lever, change: 5.0 }],
    )
    .expect("one lever")
    .run(400, 1)
    .expect("analysis");
    let headline = only.headline.expect("it pays");
    assert!(
        headline.starts_with("Raising Proposal for Enterprise from 30% to 35%"),
        "{headline}"
    );
}

/// Every edit of segments a person can make, as actions: adding keeps the forecast (the first
/// segment takes every lead, the next none), renaming follows into the sources, a cell typed
/// sets the override in the stage's law and an emptied one takes it out, renaming a stage
/// carries its overrides, removing a stage or a segment leaves a valid scenario, and a name
/// taken is refused with the work unchanged.
#[test]
fn segments_are_edited_by_actions_and_every_step_stays_valid() {
    use funnelcast::app_model::Settings;
    use funnelcast::app_model::action::{self, Action, SourceField, Work};
    use funnelcast::app_model::segments::{self, CellKind, OverrideField};
    use funnelcast::i18n::Locale;
    let preset = funnelcast::scenario::presets::find("b2b-pipeline").expect("a preset");
    let mut work = Work::new(vec![preset.scenario()], 0, Settings::default());
    let act = |work: &Work, action: Action| {
        action::apply(work, &action, Locale::En).unwrap_or_else(|e| panic!("{action:?}: {e:?}"))
    };
    let before = engine::simulate(&work.scenario().validate().expect("valid"), 200, 1);
    work = act(&work, Action::AddSegment);
    assert_eq!(work.scenario().segments[0].name, "Segment 1");
    assert_eq!(work.scenario().segments[0].share, 1.0);
    let one = engine::simulate(&work.scenario().validate().expect("valid"), 200, 1);
    // One segment is the whole funnel: the same expectations, and the same forecast within
    // Monte Carlo error (its streams are the segment's own).
    let (a, b) = (&one.exact.within_horizon, &before.exact.within_horizon);
    assert!(
        (a.revenue - b.revenue).abs() < 1e-6 * b.revenue,
        "{} vs {}",
        a.revenue,
        b.revenue
    );
    let error = (one.revenue.sd.powi(2) + before.revenue.sd.powi(2)).sqrt() / 200f64.sqrt();
    assert!((one.revenue.mean - before.revenue.mean).abs() < 4.0 * error);
    work = act(&work, Action::AddSegment);
    assert_eq!(work.scenario().segments[1].share, 0.0);
    work = act(
        &work,
        Action::RenameSegment {
            index: 1,
            name: "Enterprise".into(),
        },
    );
    work = act(
        &work,
        Action::SetSegmentShare {
            index: 0,
            share: 0.7,
        },
    );
    let half_valid = work.scenario().validate().expect_err("0.7 + 0 is not 1");
    assert!(
        half_valid.iter().any(|e| e.path == "segments"),
        "{half_valid:?}"
    );
    assert!(segments::shares_note(work.scenario(), Locale::En).is_some());
    work = act(
        &work,
        Action::SetSegmentShare {
            index: 1,
            share: 0.3,
        },
    );
    assert_eq!(segments::shares_note(work.scenario(), Locale::En), None);
    work = act(
        &work,
        Action::SetSource {
            index: 1,
            field: SourceField::Segment(Some("Enterprise".into())),
        },
    );
    // A cell typed: the Meeting stage's conversion and its time to decide, in its own law.
    let meeting = 2;
    let scenario = work.scenario().clone();
    let field = segments::read_cell(&scenario, meeting, CellKind::Conversion, "20%", Locale::En)
        .expect("a rate");
    work = act(
        &work,
        Action::SetSegmentStage {
            segment: 1,
            stage: meeting,
            field,
        },
    );
    let field =
        segments::read_cell(&scenario, meeting, CellKind::Delay, "40", Locale::En).expect("days");
    work = act(
        &work,
        Action::SetSegmentStage {
            segment: 1,
            stage: meeting,
            field,
        },
    );
    let over = &work.scenario().segments[1]
        .stages
        .get("Meeting")
        .expect("an override");
    assert_eq!(
        over.conversion,
        Some(funnelcast::scenario::Rate::Fixed(0.2))
    );
    let delay = over.delay_days.expect("a delay");
    assert!(matches!(delay, funnelcast::scenario::Delay::Lognormal { sigma, .. } if sigma == 0.5));
    assert!((funnelcast::app_model::laws::delay_mean(&delay) - 40.0).abs() < 1e-9);
    let cell = segments::cell(work.scenario(), 1, meeting, Locale::En);
    assert_eq!(
        (cell.conversion.as_str(), cell.delay.as_str()),
        ("20%", "40")
    );
    assert_eq!(
        cell.conversion_base,
        "35-in-100".replace("35-in-100", &cell.conversion_base)
    );
    assert!(segments::read_cell(&scenario, meeting, CellKind::Value, "lots", Locale::En).is_err());
    let model = work.scenario().validate().expect("valid");
    let report = engine::simulate(&model, 300, 1);
    assert_eq!(report.segments.len(), 2);
    // Renaming the stage carries the override; renaming the segment carries the source.
    work = act(
        &work,
        Action::RenameStage {
            index: meeting,
            name: "Demo".into(),
        },
    );
    assert!(work.scenario().segments[1].stages.contains_key("Demo"));
    work = act(
        &work,
        Action::RenameSegment {
            index: 1,
            name: "Large".into(),
        },
    );
    assert_eq!(work.scenario().sources[1].segment.as_deref(), Some("Large"));
    assert!(work.scenario().validate().is_ok());
    // A name taken is refused; the work stays.
    let refused = action::apply(
        &work,
        &Action::RenameSegment {
            index: 1,
            name: "Segment 1".into(),
        },
        Locale::En,
    );
    assert!(refused.is_err());
    // Emptying both cells takes the stage's entry out.
    for kind in [CellKind::Conversion, CellKind::Delay] {
        let field = segments::read_cell(work.scenario(), meeting, kind, " ", Locale::En)
            .expect("empty is the stage's own");
        assert!(matches!(
            field,
            OverrideField::Conversion(None) | OverrideField::Delay(None)
        ));
        work = act(
            &work,
            Action::SetSegmentStage {
                segment: 1,
                stage: meeting,
                field,
            },
        );
    }
    assert!(work.scenario().segments[1].stages.is_empty());
    // Removing a segment gives its share to the first and frees its sources.
    work = act(&work, Action::RemoveSegment(1));
    assert_eq!(work.scenario().segments[0].share, 1.0);
    assert_eq!(work.scenario().sources[1].segment, None);
    assert!(work.scenario().validate().is_ok());
    // Undo keys name the field edited.
    let key = Action::SetSegmentShare {
        index: 0,
        share: 0.5,
    }
    .undo_key();
    assert_eq!(key.as_deref(), Some("segments[0].share"));
}

/// The split funnel's text alternative names every stage and each segment's mean entries,
/// in the page's language.
#[test]
fn the_split_funnel_is_described_in_words() {
    use funnelcast::app_model::explain::Style;
    use funnelcast::i18n::Locale;
    let preset = funnelcast::scenario::presets::find("b2b-segments").expect("the preset");
    let report = engine::simulate(&preset.scenario().validate().expect("valid"), 200, 1);
    let stages: Vec<String> = report.stages.iter().map(|s| s.name.clone()).collect();
    for locale in Locale::ALL {
        let style = Style {
            locale,
            currency: Default::default(),
        };
        let text = funnelcast::app_model::chart_text::segments(style, &stages, &report.segments);
        for name in stages.iter().chain(report.segments.iter().map(|s| &s.name)) {
            assert!(text.contains(name.as_str()), "{locale}: {name} in {text}");
        }
        let entered =
            funnelcast::i18n::format::number(locale, report.segments[1].stage_entered[0], 1);
        assert!(text.contains(&entered), "{locale}: {entered} in {text}");
    }
}

/// The printed report's assumptions say each segment's share, the sources sending it all their
/// leads and what it meets differently, in every language.
#[test]
fn the_printed_assumptions_name_the_segments() {
    use funnelcast::app_model::explain::Style;
    use funnelcast::i18n::Locale;
    let scenario = funnelcast::i18n::localized_preset("b2b-segments", Locale::En).expect("preset");
    let lines = funnelcast::app_model::assumptions::assumptions(
        Style {
            locale: Locale::En,
            currency: Default::default(),
        },
        &scenario,
        1000,
        1,
    );
    let enterprise = lines
        .iter()
        .find(|line| line.starts_with("Segment “Enterprise”"))
        .unwrap_or_else(|| panic!("{lines:#?}"));
    for part in ["15%", "Account-based outreach", "At “Proposal”", "30%"] {
        assert!(enterprise.contains(part), "{part} in {enterprise}");
    }
    for locale in [Locale::Ru, Locale::Zh] {
        let scenario = funnelcast::i18n::localized_preset("b2b-segments", locale).expect("preset");
        let lines = funnelcast::app_model::assumptions::assumptions(
            Style {
                locale,
                currency: Default::default(),
            },
            &scenario,
            1000,
            1,
        );
        let all = lines.join("\n");
        for segment in &scenario.segments {
            assert!(all.contains(segment.name.as_str()), "{locale}: {all}");
        }
        assert!(!all.contains('{'), "{locale}: {all}");
    }
}

/// The teaching view's cohort of a segmented funnel: each lead is in one segment (a tied
/// source's leads in its own), meets that segment's stages, and the cohort is what the
/// command line's journeys give for the same seed.
#[test]
fn a_teaching_cohort_of_a_segmented_funnel_follows_each_lead_in_its_segment() {
    let preset = funnelcast::scenario::presets::find("b2b-segments").expect("the preset");
    let model = preset.scenario().validate().expect("valid");
    let cohort = engine::journeys::journeys(&model, 2000, 4);
    assert_eq!(cohort.leads.len(), 2000);
    let enterprise =
        |lead: &engine::journeys::LeadJourney| lead.segment.as_deref() == Some("Enterprise");
    for lead in &cohort.leads {
        assert!(lead.segment.is_some());
        if lead.source == "Account-based outreach" {
            assert!(enterprise(lead), "a tied source's leads are in its segment");
        }
    }
    // Of the website's leads, about 15% are Enterprise ones.
    let web: Vec<_> = cohort
        .leads
        .iter()
        .filter(|l| l.source == "Website requests")
        .collect();
    let share = web.iter().filter(|l| enterprise(l)).count() as f64 / web.len() as f64;
    let error = (0.15 * 0.85 / web.len() as f64).sqrt();
    assert!((share - 0.15).abs() < 4.0 * error, "{share}");
    // Enterprise's contracts are worth far more: its values are the segment's own.
    let values = |big: bool| -> Vec<f64> {
        cohort
            .leads
            .iter()
            .filter(|l| enterprise(l) == big)
            .flat_map(|l| l.events.iter().filter_map(|e| e.value))
            .collect()
    };
    let (small, big) = (values(false), values(true));
    assert!(!small.is_empty() && !big.is_empty());
    assert!(
        mean(&big) > 5.0 * mean(&small),
        "{} vs {}",
        mean(&big),
        mean(&small)
    );
    assert_eq!(
        engine::journeys::journeys(&model, 2000, 4),
        cohort,
        "the same seed, the same cohort"
    );
}
