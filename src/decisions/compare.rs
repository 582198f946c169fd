//! A/B comparison: variants B, C, ... against A over the same runs with common random
//! numbers, so the per-run difference B - A shows the plans' difference, not simulation noise.

use serde::{Deserialize, Serialize};

use super::{CoupledTotals, DecisionError, Problem, RunTotals, check_runs};
use crate::engine::{Report, RunBatch, Simulation, stats};
use crate::scenario::Model;

/// Runs simulated per batch when a comparison keeps every run's report data.
const BATCH: u32 = 1000;

/// A figure compared run by run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    Revenue,
    Customers,
    /// Revenue minus lead cost.
    Profit,
    /// Lead cost per customer: lower is better; runs without a customer in either variant are
    /// left out.
    CostPerCustomer,
}

impl Metric {
    /// Every metric, in the order the page offers them.
    pub const ALL: [Metric; 4] = [
        Metric::Revenue,
        Metric::Profit,
        Metric::Customers,
        Metric::CostPerCustomer,
    ];

    /// The metric as a word (its serialised form).
    pub fn id(self) -> &'static str {
        match self {
            Metric::Revenue => "revenue",
            Metric::Customers => "customers",
            Metric::Profit => "profit",
            Metric::CostPerCustomer => "cost_per_customer",
        }
    }

    /// The metric named by `id`.
    pub fn from_id(id: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|metric| metric.id() == id)
    }

    /// Whether the metric is an amount of money (customers are a count).
    pub fn is_money(self) -> bool {
        !matches!(self, Metric::Customers)
    }

    /// The metric's value in one run (`None`: cost per customer of a run without customers).
    pub fn value(self, totals: &RunTotals) -> Option<f64> {
        match self {
            Metric::Revenue => Some(totals.revenue),
            Metric::Customers => Some(totals.customers as f64),
            Metric::Profit => Some(totals.profit()),
            Metric::CostPerCustomer => totals.cost_per_customer(),
        }
    }

    /// Whether more is better (all but cost per customer).
    pub fn higher_is_better(self) -> bool {
        !matches!(self, Metric::CostPerCustomer)
    }
}

/// Statistics of the per-run difference B - A of one figure.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct DiffStats {
    /// The mean difference B - A over runs.
    pub mean: f64,
    /// The standard deviation of the per-run differences.
    pub sd: f64,
    /// The 5th percentile of the per-run differences.
    pub p5: f64,
    /// The median of the per-run differences.
    pub p50: f64,
    /// The 95th percentile of the per-run differences.
    pub p95: f64,
    /// Share of runs in which B does better than A (higher, or lower for cost per customer);
    /// a tie counts half, so identical variants give exactly 0.5.
    pub p_b_beats_a: f64,
    /// Runs compared (fewer than the runs for cost per customer when a run has no customer).
    pub runs: u32,
}

/// One variant against A.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct VariantDiff {
    /// The difference in revenue.
    pub revenue: DiffStats,
    /// The difference in customers.
    pub customers: DiffStats,
    /// The difference in profit (revenue minus lead cost).
    pub profit: DiffStats,
    /// The difference in lead cost per customer (lower is better); `None`, null in JSON, when
    /// no run has a customer in both variants.
    pub cost_per_customer: Option<DiffStats>,
}

/// A comparison of variants with A: every variant's report (A first) and each variant's
/// difference with A.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub runs: u32,
    pub seed: u64,
    pub reports: Vec<Report>,
    /// `diffs[i]` is variant `i + 1` minus A.
    pub diffs: Vec<VariantDiff>,
    /// The per-run totals behind the differences (for the difference histogram; see
    /// `differences`). Not serialised: a caller that needs them across a worker boundary
    /// sends the `CoupledTotals` chunks instead.
    #[serde(skip)]
    pub totals: CoupledTotals,
}

impl Comparison {
    /// Per-run differences variant - A of `metric`, run order (variant 1 is B).
    pub fn differences(&self, variant: usize, metric: Metric) -> Vec<f64> {
        match (
            self.totals.variants.first(),
            self.totals.variants.get(variant),
        ) {
            (Some(a), Some(b)) => differences(a, b, metric),
            _ => Vec::new(),
        }
    }
}

/// Per-run differences B - A of `metric` over the runs both cover, in run order.
pub fn differences(a: &[RunTotals], b: &[RunTotals], metric: Metric) -> Vec<f64> {
    a.iter()
        .zip(b)
        .filter_map(|(a, b)| Some(metric.value(b)? - metric.value(a)?))
        .collect()
}

fn diff_stats(a: &[RunTotals], b: &[RunTotals], metric: Metric) -> Option<DiffStats> {
    let values = differences(a, b, metric);
    if values.is_empty() {
        return None;
    }
    let wins: f64 = values
        .iter()
        .map(|&d| {
            let better = if metric.higher_is_better() { d } else { -d };
            if better > 0.0 {
                1.0
            } else if better == 0.0 {
                0.5
            } else {
                0.0
            }
        })
        .sum();
    let s = stats(&values);
    Some(DiffStats {
        mean: s.mean,
        sd: s.sd,
        p5: s.p5,
        p50: s.p50,
        p95: s.p95,
        p_b_beats_a: wins / values.len() as f64,
        runs: values.len() as u32,
    })
}

/// Every variant after the first against the first, from merged totals.
pub fn compare_totals(totals: &CoupledTotals) -> Vec<VariantDiff> {
    let Some(a) = totals.variants.first() else {
        return Vec::new();
    };
    totals.variants[1..]
        .iter()
        .map(|b| VariantDiff {
            revenue: diff_stats(a, b, Metric::Revenue).unwrap_or_default(),
            customers: diff_stats(a, b, Metric::Customers).unwrap_or_default(),
            profit: diff_stats(a, b, Metric::Profit).unwrap_or_default(),
            cost_per_customer: diff_stats(a, b, Metric::CostPerCustomer),
        })
        .collect()
}

/// Compares B with A over runs `0..runs` of `seed`.
pub fn compare(a: &Model, b: &Model, runs: u32, seed: u64) -> Result<Comparison, DecisionError> {
    compare_many(&[a.clone(), b.clone()], runs, seed)
}

/// Compares every model after the first with the first; each is simulated once.
pub fn compare_many(models: &[Model], runs: u32, seed: u64) -> Result<Comparison, DecisionError> {
    check_runs(runs)?;
    if models.len() < 2 {
        return Err(DecisionError::new("variants", Problem::NoVariants));
    }
    let mut reports = Vec::new();
    let mut variants = Vec::new();
    for model in models {
        let simulation = Simulation::new(model);
        let batches: Vec<RunBatch> = (0..runs)
            .step_by(BATCH as usize)
            .map(|start| simulation.batch(seed, start..(start + BATCH).min(runs)))
            .collect();
        variants.push(
            batches
                .iter()
                .flat_map(|b| b.runs.iter().map(RunTotals::of))
                .collect(),
        );
        reports.push(simulation.report(seed, batches));
    }
    let totals = CoupledTotals {
        first_run: 0,
        variants,
    };
    Ok(Comparison {
        runs,
        seed,
        reports,
        diffs: compare_totals(&totals),
        totals,
    })
}
