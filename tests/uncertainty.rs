//! Which unknown matters most (issue 15): the report's `uncertainty`, the first-order shares
//! of the variance of revenue and customers from each uncertain rate and the lead quality,
//! estimated from the runs' recorded draws, against shares worked out in closed form; the
//! engines recording the right draws; the estimator's bias correction and standard errors on
//! data with known shares; shares and chance adding up to 1; the JSON, the table, the codec
//! and threads.

use std::process::Command;

use funnelcast::engine::copula::normal_rule;
use funnelcast::engine::reference;
use funnelcast::engine::streams::{Purpose, stream};
use funnelcast::engine::uncertainty::{self, decompose};
use funnelcast::engine::{self, RunBatch, RunResult, Share, Simulation, UncertaintyKind};
use funnelcast::scenario::{Model, RateLaw, Scenario, presets};
use funnelcast::worker::codec;
use rand::RngExt;
use rand_distr::StandardNormal;

fn validated(text: &str) -> Model {
    match Scenario::from_json(text).map(|s| s.validate()) {
        Ok(Ok(model)) => model,
        other => panic!("invalid test scenario: {other:?}"),
    }
}

/// A cohort of `leads` on day 0 through Visit, Demo and Order (no delays), each order worth
/// 100: customers are Binomial(leads, p_visit p_demo p_order) given the run's rates, and
/// revenue is 100 times customers.
fn cohort(leads: u32, visit: &str, demo: &str, order: &str, r: f64) -> Model {
    validated(&format!(
        r#"{{"name": "Cohort", "horizon_days": 5, "rate_correlation": {r},
        "sources": [{{"name": "List", "entry": "Visit", "per_day": {{"fixed": {leads}}},
                     "start_day": 0, "end_day": 1}}],
        "stages": [
          {{"name": "Visit", "conversion": {visit}, "delay_days": {{"fixed": 0}}}},
          {{"name": "Demo", "conversion": {demo}, "delay_days": {{"fixed": 0}}}},
          {{"name": "Order", "conversion": {order}, "delay_days": {{"fixed": 0}},
            "value": {{"fixed": 100}}}}
        ]}}"#
    ))
}

const BETA_4_6: &str = r#"{"beta": {"alpha": 4, "beta": 6}}"#;
const UNIFORM: &str = r#"{"uniform": {"low": 0.3, "high": 0.7}}"#;

/// The share `share` is the exact `exact` within four of its standard errors, which are
/// themselves small enough for the check to mean something.
#[track_caller]
fn within_error(share: Option<Share>, exact: f64, what: &str) {
    let Some(share) = share else {
        panic!("{what}: no share");
    };
    assert!(
        share.standard_error > 0.0 && share.standard_error < 0.02,
        "{what}: standard error {}",
        share.standard_error
    );
    assert!(
        (share.share - exact).abs() <= 4.0 * share.standard_error,
        "{what}: {:.4} ± {:.4}, exact {exact:.4}",
        share.share,
        share.standard_error
    );
}

/// Shares and chance add up to 1 and each lies in [0, 1].
#[track_caller]
fn adds_up(report: &engine::Report) {
    let uncertainty = report.uncertainty.as_ref().expect("an uncertainty section");
    let pick = [
        |p: &engine::VarianceParts| p.revenue,
        |p: &engine::VarianceParts| p.customers,
    ];
    for (figure, pick) in pick.iter().enumerate() {
        let Some(chance) = pick(&uncertainty.chance) else {
            continue;
        };
        let mut total = chance.share;
        for source in &uncertainty.sources {
            let parts = engine::VarianceParts {
                revenue: source.revenue,
                customers: source.customers,
            };
            let share = pick(&parts).expect("every source has the figure chance has");
            assert!(
                (0.0..=1.0).contains(&share.share),
                "{}: {share:?}",
                source.name
            );
            total += share.share;
        }
        assert!((0.0..=1.0).contains(&chance.share), "chance {chance:?}");
        assert!(
            (total - 1.0).abs() < 1e-12,
            "{}: figure {figure} adds up to {total}",
            report.scenario
        );
    }
}

#[test]
fn one_uncertain_rate_in_a_linear_funnel_takes_its_exact_share() {
    // Revenue given p is 100 * Binomial(150, 0.4 p): E[revenue | p] = 100 * 150 * 0.4 p, so
    // Var(E[revenue | p]) = (6000)^2 Var(p) and E[Var(revenue | p)] = 100^2 * 150 *
    // E[0.4 p (1 - 0.4 p)]; the share is the first over their sum (about 0.43).
    let (leads, q, value): (f64, f64, f64) = (150.0, 0.4, 100.0);
    let uniform = r#"{"uniform": {"low": 0.2, "high": 0.4}}"#;
    let model = cohort(150, uniform, "0.5", "0.8", 0.0);
    let law = model.stages[0].conversion;
    let (mean, second) = (law.mean(), law.moment(2, 0));
    let explained = (value * leads * q).powi(2) * (second - mean * mean);
    let chance = value * value * leads * (q * mean - q * q * second);
    let exact = explained / (explained + chance);
    assert!((exact - 0.4323).abs() < 1e-3, "{exact}");

    let report = engine::simulate(&model, 20_000, 3);
    adds_up(&report);
    let uncertainty = report.uncertainty.as_ref().expect("an uncertain rate");
    assert_eq!(uncertainty.sources.len(), 1);
    let source = &uncertainty.sources[0];
    assert_eq!(
        (source.name.as_str(), source.kind, source.stage),
        ("Visit", UncertaintyKind::ConversionRate, Some(0))
    );
    within_error(source.revenue, exact, "fast engine, revenue");
    // Revenue is 100 times customers: the same shares.
    within_error(source.customers, exact, "fast engine, customers");
    within_error(
        uncertainty.chance.revenue,
        1.0 - exact,
        "fast engine, chance",
    );

    // The reference records its draws as well.
    let simulation = Simulation::new(&model);
    let runs: Vec<RunResult> = (0..6_000).map(|i| reference::run(&model, 8, i)).collect();
    let report = simulation.report(8, vec![RunBatch { first_run: 0, runs }]);
    adds_up(&report);
    let uncertainty = report.uncertainty.as_ref().expect("an uncertain rate");
    within_error(uncertainty.sources[0].revenue, exact, "reference, revenue");
}

/// The exact first-order shares of revenue's variance from Visit's and Demo's rates when
/// both are uncertain and independent, Order's rate `q` fixed (closed form from the laws'
/// moments): `(v N q mu_demo)^2 Var(p_visit) / Var(revenue)` and the other way round, with
/// `Var(revenue) = v^2 (N^2 q^2 Var(p1 p2) + N E[q p1 p2 (1 - q p1 p2)])`.
fn two_rates_exact(model: &Model, leads: f64, q: f64, value: f64) -> (f64, f64, f64) {
    let (visit, demo) = (model.stages[0].conversion, model.stages[1].conversion);
    let (m1, s1) = (visit.mean(), visit.moment(2, 0));
    let (m2, s2) = (demo.mean(), demo.moment(2, 0));
    let scale = value * leads * q;
    let from_visit = (scale * m2).powi(2) * (s1 - m1 * m1);
    let from_demo = (scale * m1).powi(2) * (s2 - m2 * m2);
    let rates = scale * scale * (s1 * s2 - (m1 * m2).powi(2));
    let chance = value * value * leads * (q * m1 * m2 - q * q * s1 * s2);
    let total = rates + chance;
    (from_visit / total, from_demo / total, chance / total)
}

#[test]
fn two_uncertain_rates_take_their_exact_shares() {
    let model = cohort(100, BETA_4_6, UNIFORM, "0.8", 0.0);
    let (visit, demo, chance) = two_rates_exact(&model, 100.0, 0.8, 100.0);
    // About 0.55 and 0.22; what the rates do only together (about 0.03) goes with chance.
    assert!((visit - 0.551).abs() < 2e-3 && (demo - 0.2155).abs() < 2e-3);
    let report = engine::simulate(&model, 20_000, 5);
    adds_up(&report);
    let uncertainty = report.uncertainty.as_ref().expect("uncertain rates");
    let names: Vec<&str> = uncertainty
        .sources
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["Visit", "Demo"]);
    within_error(uncertainty.sources[0].revenue, visit, "Visit");
    within_error(uncertainty.sources[1].revenue, demo, "Demo");
    let rest = uncertainty.chance.revenue.map_or(0.0, |c| c.share);
    assert!(
        rest > chance && rest - chance < 0.05,
        "chance {rest} against {chance} without the joint part"
    );
}

/// With correlation `r`: the exact first-order shares of revenue's variance from Visit's own
/// part e1, Demo's own part e2 and the lead quality Z (p_k = F_k^-1(Phi(sqrt(r) Z + sqrt(1 - r)
/// e_k))), by Gauss–Hermite sums over each normal (64 nodes): `E[revenue | Z] = v N q h1(Z)
/// h2(Z)` with `h_k(z) = E_e[p_k]`, `E[revenue | e1] = v N q E_Z[p_1(Z, e1) h2(Z)]`.
fn correlated_exact(model: &Model, leads: f64, q: f64, value: f64) -> [f64; 3] {
    let r = model.rate_correlation;
    let rule = normal_rule(64);
    let laws: [RateLaw; 2] = [model.stages[0].conversion, model.stages[1].conversion];
    // table[k][i][j]: stage k's rate at Z node i and e node j.
    let table: Vec<Vec<Vec<f64>>> = laws
        .iter()
        .map(|law| {
            rule.iter()
                .map(|&(z, _)| {
                    rule.iter()
                        .map(|&(e, _)| law.at_score(r.sqrt() * z + (1.0 - r).sqrt() * e))
                        .collect()
                })
                .collect()
        })
        .collect();
    let over_e = |k: usize, i: usize, power: i32| -> f64 {
        rule.iter()
            .enumerate()
            .map(|(j, &(_, w))| w * table[k][i][j].powi(power))
            .sum()
    };
    let variance = |values: &[f64]| {
        let mean: f64 = values.iter().zip(&rule).map(|(v, &(_, w))| w * v).sum();
        values
            .iter()
            .zip(&rule)
            .map(|(v, &(_, w))| w * (v - mean).powi(2))
            .sum::<f64>()
    };
    let scale = value * leads * q;
    let h: Vec<[f64; 2]> = (0..rule.len())
        .map(|i| [over_e(0, i, 1), over_e(1, i, 1)])
        .collect();
    let given_z: Vec<f64> = h.iter().map(|[a, b]| scale * a * b).collect();
    let given_own = |k: usize| -> Vec<f64> {
        (0..rule.len())
            .map(|j| {
                rule.iter()
                    .enumerate()
                    .map(|(i, &(_, w))| w * table[k][i][j] * h[i][1 - k])
                    .sum::<f64>()
                    * scale
            })
            .collect()
    };
    let mut first = 0.0;
    let mut second = 0.0;
    for (i, &(_, w)) in rule.iter().enumerate() {
        first += w * h[i][0] * h[i][1];
        second += w * over_e(0, i, 2) * over_e(1, i, 2);
    }
    let total = scale * scale * (second - first * first)
        + value * value * leads * (q * first - q * q * second);
    [
        variance(&given_own(0)) / total,
        variance(&given_own(1)) / total,
        variance(&given_z) / total,
    ]
}

#[test]
fn with_correlated_rates_the_lead_quality_takes_its_exact_share() {
    let model = cohort(100, BETA_4_6, UNIFORM, "0.8", 0.5);
    let [visit, demo, quality] = correlated_exact(&model, 100.0, 0.8, 100.0);
    assert!(
        quality > 0.3 && quality > visit && quality > demo,
        "{quality}"
    );
    let report = engine::simulate(&model, 40_000, 9);
    adds_up(&report);
    let uncertainty = report.uncertainty.as_ref().expect("uncertain rates");
    let kinds: Vec<(&str, UncertaintyKind)> = uncertainty
        .sources
        .iter()
        .map(|s| (s.name.as_str(), s.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Visit", UncertaintyKind::ConversionRate),
            ("Demo", UncertaintyKind::ConversionRate),
            (uncertainty::LEAD_QUALITY, UncertaintyKind::LeadQuality)
        ]
    );
    within_error(uncertainty.sources[0].revenue, visit, "Visit's own part");
    within_error(uncertainty.sources[1].revenue, demo, "Demo's own part");
    within_error(uncertainty.sources[2].revenue, quality, "lead quality");
    // Without correlation the lead quality is not a source.
    let independent = engine::simulate(&cohort(100, BETA_4_6, UNIFORM, "0.8", 0.0), 100, 9);
    let sources = independent.uncertainty.map_or(0, |u| u.sources.len());
    assert_eq!(sources, 2);
}

/// The rank correlation of two columns.
fn spearman(x: &[f64], y: &[f64]) -> f64 {
    let ranks = |values: &[f64]| {
        let mut order: Vec<usize> = (0..values.len()).collect();
        order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
        let mut ranks = vec![0.0; values.len()];
        for (rank, &i) in order.iter().enumerate() {
            ranks[i] = rank as f64;
        }
        ranks
    };
    let (x, y) = (ranks(x), ranks(y));
    let n = x.len() as f64;
    let mean = (n - 1.0) / 2.0;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (a, b) in x.iter().zip(&y) {
        sxy += (a - mean) * (b - mean);
        sxx += (a - mean) * (a - mean);
    }
    sxy / sxx
}

#[test]
fn each_engine_records_each_stages_own_draw() {
    let order = r#"{"beta": {"alpha": 8, "beta": 4}}"#;
    type Engine = fn(&Model, u32) -> RunResult;
    let engines: [(&str, Engine); 2] = [
        ("fast", |model, i| Simulation::new(model).run(4, i)),
        ("reference", |model, i| reference::run(model, 4, i)),
    ];
    for r in [0.0, 0.6] {
        let model = cohort(4000, BETA_4_6, UNIFORM, order, r);
        for (engine, run) in engines {
            let runs: Vec<RunResult> = (0..300).map(|i| run(&model, i)).collect();
            assert!(
                runs.iter()
                    .all(|run| run.unknowns.len() == 3 + usize::from(r > 0.0))
            );
            // Each stage's rate as the recorded draws give it, against the share of its
            // entries that converted in the run (within 1.6 points of the rate, whose spread
            // is ten times that).
            let implied = |k: usize| -> Vec<f64> {
                runs.iter()
                    .map(|run| {
                        let own = run.unknowns[k];
                        if r > 0.0 {
                            let quality = run.unknowns[3];
                            let score = r.sqrt() * quality + (1.0 - r).sqrt() * own;
                            model.stages[k].conversion.at_score(score)
                        } else {
                            own
                        }
                    })
                    .collect()
            };
            let observed = |k: usize| -> Vec<f64> {
                runs.iter()
                    .map(|run| run.stages[k].converted as f64 / run.stages[k].entered as f64)
                    .collect()
            };
            for k in 0..3 {
                let own = spearman(&implied(k), &observed(k));
                assert!(own > 0.95, "{engine}, r {r}, stage {k}: {own}");
                if r == 0.0 {
                    for other in (0..3).filter(|&other| other != k) {
                        let cross = spearman(&implied(k), &observed(other));
                        assert!(cross.abs() < 0.2, "{engine}: stage {k} vs {other}: {cross}");
                    }
                }
            }
        }
    }
    // Runs without an uncertain rate keep nothing, and allocate nothing for it.
    let fixed = cohort(50, "0.4", "0.5", "0.8", 0.5);
    for run in [
        Simulation::new(&fixed).run(1, 0),
        reference::run(&fixed, 1, 0),
    ] {
        assert_eq!(run.unknowns.capacity(), 0);
    }
    assert_eq!(engine::simulate(&fixed, 50, 1).uncertainty, None);
}

/// `n` runs of three independent standard normal draws and `y = 2 x1 + x2 + noise` with unit
/// noise: exact first-order shares 4/6, 1/6, 0, and chance 1/6; and a fourth column of draws
/// all equal (a rate clamped at a bound in every run), which explains nothing either.
fn synthetic(seed: u64, n: usize) -> (Vec<Vec<f64>>, Vec<f64>) {
    let mut rng = stream(seed, 0, Purpose::Flow, "synthetic");
    let mut columns: Vec<Vec<f64>> = (0..3).map(|_| Vec::with_capacity(n)).collect();
    let mut values = Vec::with_capacity(n);
    for _ in 0..n {
        let draws: Vec<f64> = (0..4).map(|_| rng.sample(StandardNormal)).collect();
        for (column, &x) in columns.iter_mut().zip(&draws) {
            column.push(x);
        }
        values.push(2.0 * draws[0] + draws[1] + draws[3]);
    }
    // Only ranks matter: the first column given as an increasing function of its draw.
    for x in &mut columns[0] {
        *x = x.exp();
    }
    columns.push(vec![1.0; n]);
    (columns, values)
}

#[test]
fn the_estimator_is_unbiased_and_its_standard_errors_are_right() {
    let exact = [4.0 / 6.0, 1.0 / 6.0, 0.0, 0.0];
    let (datasets, n) = (200, 2_000);
    let mut estimates = vec![Vec::new(); 5];
    let mut errors = [0.0; 5];
    for seed in 0..datasets {
        let (columns, values) = synthetic(seed, n);
        let split = decompose(&columns, &values).expect("enough runs");
        let shares: Vec<Share> = split.shares.iter().copied().chain([split.chance]).collect();
        let total: f64 = shares.iter().map(|s| s.share).sum();
        assert!((total - 1.0).abs() < 1e-12, "{total}");
        for (k, share) in shares.iter().enumerate() {
            estimates[k].push(share.share);
            errors[k] += share.standard_error / datasets as f64;
        }
    }
    for k in 0..2 {
        let values = &estimates[k];
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        let sd = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>()
            / (values.len() - 1) as f64)
            .sqrt();
        // The mean of 200 estimates is within 4 of its standard errors (sd / sqrt(200)) of
        // the exact share; without the bins' noise correction it is 43 / 2000 (the bins'
        // count less one, over the runs) times the unexplained share higher.
        assert!(
            (mean - exact[k]).abs() < 4.0 * sd / (datasets as f64).sqrt(),
            "column {k}: mean {mean} against {}",
            exact[k]
        );
        // The jackknife's standard error is the estimates' spread, within 25%.
        let ratio = errors[k] / sd;
        assert!((0.75..1.33).contains(&ratio), "column {k}: {ratio}");
    }
    // The columns that do nothing: set to 0 whenever noise makes them negative, so their
    // mean is a fraction of their noise, far below the uncorrected 43 / 2000 (or 21 / 2000
    // for the column of equal draws, whose bins have no line).
    for k in [2, 3] {
        let mean = estimates[k].iter().sum::<f64>() / datasets as f64;
        assert!(mean < 0.005, "column {k}, a source without effect: {mean}");
    }
}

#[test]
fn too_few_runs_a_constant_figure_and_overlapping_sources_are_handled() {
    let (columns, values) = synthetic(1, 19);
    assert_eq!(decompose(&columns, &values), None);
    assert_eq!(decompose(&columns, &[3.0; 40]), None);
    // The same draw given twice (not independent sources): each explains all, so the shares
    // are scaled down to add up to 1 and chance is 0.
    let (columns, _) = synthetic(2, 400);
    let values: Vec<f64> = columns[1].iter().map(|x| 3.0 * x).collect();
    let twice = vec![columns[1].clone(), columns[1].clone()];
    let split = decompose(&twice, &values).expect("enough runs");
    assert_eq!(split.chance.share, 0.0);
    for share in &split.shares {
        assert!((share.share - 0.5).abs() < 1e-12, "{share:?}");
    }
    // A report of too few runs names its sources and gives no shares.
    let model = cohort(100, BETA_4_6, UNIFORM, "0.8", 0.0);
    let few = engine::simulate(&model, 10, 1)
        .uncertainty
        .expect("a section");
    assert_eq!(few.sources.len(), 2);
    assert!(few.sources.iter().all(|s| s.revenue.is_none()));
    assert_eq!(few.chance.revenue, None);
    // Revenue that never varies (no values) has no shares; customers do.
    let mut without_values = model.clone();
    for stage in &mut without_values.stages {
        stage.value = None;
    }
    let report = engine::simulate(&without_values, 400, 1);
    let section = report.uncertainty.expect("a section");
    assert_eq!(section.chance.revenue, None);
    assert!(section.chance.customers.is_some());
}

#[test]
fn every_preset_with_an_uncertain_rate_splits_its_variance_into_shares_adding_up_to_1() {
    for preset in presets::PRESETS {
        let model = match Scenario::from_json(preset.json).map(|s| s.validate()) {
            Ok(Ok(model)) => model,
            other => panic!("{}: {other:?}", preset.id),
        };
        let uncertain = model.stages.iter().any(|s| s.conversion.is_uncertain());
        for r in [0.0, 0.7] {
            let mut model = model.clone();
            model.rate_correlation = r;
            let report = engine::simulate(&model, 300, 2);
            assert_eq!(report.uncertainty.is_some(), uncertain, "{}", preset.id);
            if uncertain {
                adds_up(&report);
            }
        }
    }
}

#[test]
fn a_rate_that_does_not_move_revenue_takes_no_share_of_it() {
    // Revenue is booked when Visit converts: Demo's rate moves customers, not revenue, so its
    // estimated share of revenue is noise about 0, set to 0 when below (about every other run).
    let model = validated(
        r#"{"name": "Booked early", "horizon_days": 5,
        "sources": [{"name": "List", "entry": "Visit", "per_day": {"fixed": 200},
                     "start_day": 0, "end_day": 1}],
        "stages": [
          {"name": "Visit", "conversion": {"beta": {"alpha": 4, "beta": 6}},
           "delay_days": {"fixed": 0}, "value": {"fixed": 100}},
          {"name": "Demo", "conversion": {"uniform": {"low": 0.3, "high": 0.7}},
           "delay_days": {"fixed": 0}}
        ]}"#,
    );
    let mut zeros = 0;
    for seed in 0..12 {
        let report = engine::simulate(&model, 200, seed);
        adds_up(&report);
        let uncertainty = report.uncertainty.as_ref().expect("uncertain rates");
        let demo = &uncertainty.sources[1];
        let revenue = demo.revenue.expect("a share").share;
        assert!(revenue < 0.05, "seed {seed}: {revenue}");
        zeros += usize::from(revenue == 0.0);
        // Of customers' variance it takes about a quarter (exact 0.247).
        let customers = demo.customers.expect("a share").share;
        assert!(customers > 0.1, "seed {seed}: {customers}");
    }
    assert!(zeros >= 2, "{zeros} of 12 seeds at 0");
}

#[test]
fn the_codec_carries_the_draws_bit_for_bit_and_the_report_is_the_same() {
    let model = cohort(100, BETA_4_6, UNIFORM, "0.8", 0.5);
    let simulation = Simulation::new(&model);
    let batch = simulation.batch(6, 0..64);
    let bytes = codec::encode(&batch);
    assert_eq!(&bytes[..4], &codec::MAGIC_UNKNOWNS);
    let decoded = codec::decode(&bytes).expect("decodes");
    let bits = |batch: &RunBatch| -> Vec<u64> {
        batch
            .runs
            .iter()
            .flat_map(|run| run.unknowns.iter().map(|v| v.to_bits()))
            .collect()
    };
    assert_eq!(bits(&decoded), bits(&batch));
    assert_eq!(bits(&batch).len(), 64 * 3);
    assert_eq!(decoded, batch);
    let report = |batches| serde_json::to_string(&simulation.report(6, batches)).expect("JSON");
    assert_eq!(report(vec![decoded]), report(vec![batch]));
}

fn funnelcast(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_funnelcast"))
        .args(args)
        .output()
        .expect("the binary starts");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn the_command_line_reports_the_shares_the_same_on_any_number_of_threads() {
    let dir = std::env::temp_dir().join(format!("funnelcast-uncertainty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let correlated = dir.join("correlated.json");
    let mut scenario: serde_json::Value =
        serde_json::from_str(presets::find("ecommerce").expect("a preset").json).expect("JSON");
    scenario["rate_correlation"] = 0.5.into();
    std::fs::write(&correlated, scenario.to_string()).expect("written");
    let file = correlated.to_str().expect("UTF-8");
    let on =
        |threads: &str| funnelcast(&["run", file, "--runs", "301", "--threads", threads, "--json"]);
    let one = on("1");
    assert_eq!(on("3"), one, "--threads 3");
    let report: serde_json::Value = serde_json::from_str(&one).expect("JSON");
    let sources = report["uncertainty"]["sources"]
        .as_array()
        .expect("sources");
    let names: Vec<&str> = sources.iter().filter_map(|s| s["name"].as_str()).collect();
    assert_eq!(names, ["Visit", "Product page", "Checkout", "lead quality"]);
    assert_eq!(sources[3]["kind"], "lead_quality");
    assert_eq!(sources[1]["stage"], 1);
    assert!(report["uncertainty"]["chance"]["revenue"]["share"].is_f64());
    // The table says it in a short section.
    let table = funnelcast(&["run", file, "--runs", "301"]);
    assert!(table.contains("Spread of revenue"), "{table}");
    assert!(table.contains("lead quality"), "{table}");
    // A scenario whose rates are all fixed has no such key, and no section.
    let fixed = presets::find("classroom-cohort").expect("a preset");
    let fixed_file = dir.join("fixed.json");
    std::fs::write(&fixed_file, fixed.json).expect("written");
    let fixed_file = fixed_file.to_str().expect("UTF-8");
    let json = funnelcast(&["run", fixed_file, "--runs", "50", "--json"]);
    assert!(!json.contains("uncertainty"));
    assert!(!funnelcast(&["run", fixed_file, "--runs", "50"]).contains("Spread of revenue"));
    let _ = std::fs::remove_dir_all(&dir);
}

mod in_words {
    use funnelcast::app_model::explain::Style;
    use funnelcast::app_model::uncertainty::{sentence, stage_to_measure};
    use funnelcast::engine::{
        self, Report, Share, Uncertainty, UncertaintyKind, UncertaintySource, VarianceParts,
    };
    use funnelcast::i18n::Locale;
    use funnelcast::i18n::format::Currency;

    const LOCALES: [Locale; 3] = [Locale::En, Locale::Ru, Locale::Zh];

    fn style(locale: Locale) -> Style {
        Style {
            locale,
            currency: Currency::Usd,
        }
    }

    fn share(share: f64, standard_error: f64) -> Option<Share> {
        Some(Share {
            share,
            standard_error,
        })
    }

    fn rate(name: &str, stage: u32, revenue: f64) -> UncertaintySource {
        UncertaintySource {
            name: name.to_string(),
            kind: UncertaintyKind::ConversionRate,
            stage: Some(stage),
            segment: None,
            revenue: share(revenue, 0.01),
            customers: share(revenue, 0.01),
        }
    }

    fn report(sources: Vec<UncertaintySource>, chance: f64) -> Report {
        Report {
            uncertainty: Some(Uncertainty {
                bins: 50,
                sources,
                chance: VarianceParts {
                    revenue: share(chance, 0.02),
                    customers: share(chance, 0.02),
                },
            }),
            ..Report::default()
        }
    }

    #[test]
    fn the_sentence_names_the_unknown_worth_measuring_first_in_each_case() {
        let en = style(Locale::En);
        let consideration = report(
            vec![rate("Visit", 0, 0.2), rate("Consideration", 2, 0.46)],
            0.34,
        );
        assert_eq!(
            sentence(en, &consideration),
            "Most of the spread of revenue comes from not knowing the Consideration rate \
             (46%): measuring it better is worth more than measuring anything else."
        );
        assert_eq!(stage_to_measure(&consideration), Some(2));
        // Chance ahead of every source.
        let chance = report(vec![rate("Visit", 0, 0.3), rate("Demo", 1, 0.08)], 0.62);
        assert_eq!(
            sentence(en, &chance),
            "Most of the spread of revenue is chance (62%): which leads convert and how many \
             arrive. Measuring the rates better would narrow it by at most 38%."
        );
        assert_eq!(stage_to_measure(&chance), None);
        // Two rates within two standard errors of each other.
        let tied = report(vec![rate("Visit", 0, 0.41), rate("Demo", 1, 0.39)], 0.2);
        let text = sentence(en, &tied);
        assert!(text.contains("Visit and Demo rates (41% and 39%"), "{text}");
        assert_eq!(stage_to_measure(&tied), Some(0));
        // The lead quality.
        let mut quality = rate("lead quality", 0, 0.5);
        quality.kind = UncertaintyKind::LeadQuality;
        quality.stage = None;
        let led = report(vec![rate("Visit", 0, 0.2), quality], 0.3);
        assert!(sentence(en, &led).contains("quality of the leads (50%)"));
        assert_eq!(stage_to_measure(&led), None);
        // No uncertain rate, and runs that cannot tell.
        assert!(sentence(en, &Report::default()).starts_with("Every conversion rate is known"));
        let mut unknown = report(vec![rate("Visit", 0, 0.2)], 0.8);
        if let Some(u) = unknown.uncertainty.as_mut() {
            u.chance.revenue = None;
            u.sources[0].revenue = None;
        }
        assert!(sentence(en, &unknown).starts_with("These runs cannot tell"));
        // Every case in every language: written, numbers in, no placeholder left.
        for locale in LOCALES {
            for (case, report) in [
                &consideration,
                &chance,
                &tied,
                &led,
                &Report::default(),
                &unknown,
            ]
            .into_iter()
            .enumerate()
            {
                let text = sentence(style(locale), report);
                assert!(
                    !text.is_empty() && !text.contains('{'),
                    "{locale:?} {case}: {text}"
                );
            }
            assert!(sentence(style(locale), &consideration).contains("Consideration"));
        }
        assert!(sentence(style(Locale::Ru), &consideration).contains("46\u{a0}%"));
        assert!(sentence(style(Locale::Zh), &chance).contains("62%"));
    }

    #[test]
    fn on_a_real_report_the_sentence_names_the_largest_share() {
        let model = super::cohort(100, super::BETA_4_6, super::UNIFORM, "0.8", 0.0);
        let report = engine::simulate(&model, 4_000, 2);
        // Visit's share is about 0.55 (two_uncertain_rates_take_their_exact_shares).
        let text = sentence(style(Locale::En), &report);
        assert!(text.contains("the Visit rate"), "{text}");
        assert_eq!(stage_to_measure(&report), Some(0));
    }
}
