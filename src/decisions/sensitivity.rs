//! Sensitivity: every lever applied alone to the baseline, improved and worsened, simulated
//! with common random numbers; what each does to revenue, customers and profit.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::compare::{Metric, differences};
use super::levers::{ConversionMode, Lever, LeverChange, LeverKind, apply, levers};
use super::{
    CoupledTotals, DecisionError, Problem, RunTotals, check_runs, coupled_run_totals, grouped,
};
use crate::engine::{Simulation, stats};
use crate::scenario::Model;

/// What to vary, and by how much.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SensitivityOptions {
    /// N: points or percent, see `levers` (default 5).
    pub step: f64,
    /// How conversion levers move a rate (default points).
    pub mode: ConversionMode,
    /// Worsen every lever as well as improve it (default true, for the tornado chart).
    pub both_directions: bool,
}

impl Default for SensitivityOptions {
    fn default() -> SensitivityOptions {
        SensitivityOptions {
            step: 5.0,
            mode: ConversionMode::Points,
            both_directions: true,
        }
    }
}

/// The mean and 90% interval (5th and 95th percentiles) of a per-run difference.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Delta {
    /// The mean difference over runs.
    pub mean: f64,
    /// The 5th percentile of the per-run differences.
    pub p5: f64,
    /// The 95th percentile of the per-run differences.
    pub p95: f64,
    /// Standard deviation over runs (the mean's standard error is `sd / sqrt(runs)`).
    pub sd: f64,
}

impl Delta {
    /// The statistics of `values`.
    pub fn of(values: &[f64]) -> Delta {
        let s = stats(values);
        Delta {
            mean: s.mean,
            p5: s.p5,
            p95: s.p95,
            sd: s.sd,
        }
    }
}

/// What one lever change does, against the baseline in the same runs.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeverEffect {
    /// What the lever moves (serialised as `conversion`, `delay`, ...).
    pub lever: LeverKind,
    /// The stage or source name (`retention` for the repeat probability).
    pub target: String,
    /// The signed change in `unit`, positive when improving.
    pub change: f64,
    /// `points` or `percent`.
    pub unit: String,
    /// The change itself, for callers that apply it again.
    pub applied: LeverChange,
    /// The quantity before and after (mean rate, mean delay in days, probability, leads per
    /// active day, cost per lead); null where the lever has no such quantity.
    pub from: Option<f64>,
    /// The quantity after the change, as `from`.
    pub to: Option<f64>,
    /// The change in revenue.
    pub revenue_delta: Delta,
    /// The change in customers.
    pub customers_delta: Delta,
    /// Revenue minus lead cost.
    pub profit_delta: Delta,
    /// Lead cost per customer, over the runs with a customer both with and without the change
    /// (all zero when there is none): lower is better.
    #[serde(default)]
    pub cost_per_customer_delta: Delta,
    /// The closed-form change in expected revenue within the horizon (no simulation noise).
    pub exact_revenue_delta: f64,
}

impl LeverEffect {
    /// The change in `metric`.
    pub fn delta(&self, metric: Metric) -> &Delta {
        match metric {
            Metric::Revenue => &self.revenue_delta,
            Metric::Profit => &self.profit_delta,
            Metric::Customers => &self.customers_delta,
            Metric::CostPerCustomer => &self.cost_per_customer_delta,
        }
    }

    /// How much the change helps `metric` on average: its mean change, negated for cost per
    /// customer (where lower is better), so that a positive gain is always an improvement.
    pub fn gain(&self, metric: Metric) -> f64 {
        let mean = self.delta(metric).mean;
        if metric.higher_is_better() {
            mean
        } else {
            -mean
        }
    }
}

/// Every lever's effect, sorted by mean revenue change (largest first).
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensitivityReport {
    /// How many runs each variant simulated.
    pub runs: u32,
    /// The seed of the random streams.
    pub seed: u64,
    /// What was varied, and by how much.
    pub options: SensitivityOptions,
    /// Mean revenue, customers and profit of the baseline over the same runs.
    pub baseline_revenue: f64,
    /// Mean customers of the baseline.
    pub baseline_customers: f64,
    /// Mean profit (revenue minus lead cost) of the baseline.
    pub baseline_profit: f64,
    /// The baseline's mean cost per customer over the runs with a customer (`None`, null in
    /// JSON, without).
    #[serde(default)]
    pub baseline_cost_per_customer: Option<f64>,
    /// The baseline's closed-form expected revenue within the horizon.
    pub exact_baseline_revenue: f64,
    /// Every lever change, largest mean revenue change first.
    pub levers: Vec<LeverEffect>,
    /// A sentence naming the best single change in plain words (none when nothing helps).
    pub headline: Option<String>,
}

/// One lever improved and worsened by the same step: a bar of a tornado chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeverPair {
    pub lever: Lever,
    /// What the lever moves, as in `LeverEffect::lever`.
    pub kind: LeverKind,
    pub target: String,
    /// The lever improved by the step.
    pub better: LeverEffect,
    /// The lever worsened by the step (`None` when only improvements were simulated).
    pub worse: Option<LeverEffect>,
}

impl LeverPair {
    /// The tornado bar of `metric`: the mean change when the lever is worsened (0 when only
    /// improvements were simulated) and when it is improved.
    pub fn values(&self, metric: Metric) -> (f64, f64) {
        (
            self.worse.as_ref().map_or(0.0, |w| w.delta(metric).mean),
            self.better.delta(metric).mean,
        )
    }

    /// `|better| + |worse|` of the mean change in `metric`: what a tornado chart orders by.
    pub fn swing(&self, metric: Metric) -> f64 {
        let (worse, better) = self.values(metric);
        worse.abs() + better.abs()
    }

    /// `|better| + |worse|` of the mean revenue change.
    pub fn revenue_swing(&self) -> f64 {
        self.swing(Metric::Revenue)
    }
}

impl SensitivityReport {
    /// Every lever's improvement and worsening side by side, largest revenue swing first
    /// (ties keep the levers' order).
    pub fn pairs(&self) -> Vec<LeverPair> {
        self.pairs_by(Metric::Revenue)
    }

    /// The baseline's mean of `metric` over the analysis's runs (`None`: cost per customer
    /// without customers).
    pub fn baseline(&self, metric: Metric) -> Option<f64> {
        match metric {
            Metric::Revenue => Some(self.baseline_revenue),
            Metric::Profit => Some(self.baseline_profit),
            Metric::Customers => Some(self.baseline_customers),
            Metric::CostPerCustomer => self.baseline_cost_per_customer,
        }
    }

    /// The lever whose improvement helps `metric` the most (the earlier one in `pairs_by`'s
    /// order on a tie), `None` when no improvement helps it at all.
    pub fn best(&self, metric: Metric) -> Option<LeverPair> {
        let mut best: Option<LeverPair> = None;
        for pair in self.pairs_by(metric) {
            let gain = pair.better.gain(metric);
            if gain > 0.0 && best.as_ref().is_none_or(|b| gain > b.better.gain(metric)) {
                best = Some(pair);
            }
        }
        best
    }

    /// Every lever's improvement and worsening side by side, largest swing in `metric` first
    /// (ties keep the levers' order): the rows of the tornado chart of `metric`.
    pub fn pairs_by(&self, metric: Metric) -> Vec<LeverPair> {
        let mut pairs: Vec<LeverPair> = Vec::new();
        for effect in self.levers.iter().filter(|e| e.change > 0.0) {
            let worse = self
                .levers
                .iter()
                .find(|w| w.applied.lever == effect.applied.lever && w.change < 0.0)
                .cloned();
            pairs.push(LeverPair {
                lever: effect.applied.lever,
                kind: effect.lever,
                target: effect.target.clone(),
                better: effect.clone(),
                worse,
            });
        }
        pairs.sort_by(|a, b| b.swing(metric).total_cmp(&a.swing(metric)));
        pairs
    }
}

/// A sensitivity analysis ready to run: the baseline and one simulation per lever change.
/// Build it once per worker; `chunk` any run range; `summarise` the merged chunks.
#[derive(Debug, Clone)]
pub struct Sensitivity {
    baseline: Model,
    options: SensitivityOptions,
    changes: Vec<LeverChange>,
    /// The baseline first, then one per change.
    simulations: Vec<Simulation>,
}

impl Sensitivity {
    /// Every lever of `model`, improved (and worsened) by `options.step`. Changes that cannot
    /// be applied (a worsened relative change of 100% or more) are refused with the field.
    pub fn new(model: &Model, options: SensitivityOptions) -> Result<Sensitivity, DecisionError> {
        let changes = Sensitivity::changes_of(model, options)?;
        Sensitivity::with_changes(model, options, changes)
    }

    /// The lever changes `new` simulates, in order, without building their simulations:
    /// every lever improved (and worsened) by `options.step`, each checked as `new` checks it
    /// (the same error for the same request).
    pub fn changes_of(
        model: &Model,
        options: SensitivityOptions,
    ) -> Result<Vec<LeverChange>, DecisionError> {
        if !options.step.is_finite() || options.step <= 0.0 || options.step >= 100.0 {
            return Err(DecisionError::new(
                "step",
                Problem::StepOutOfRange { step: options.step },
            ));
        }
        let mut changes = Vec::new();
        for lever in levers(model, options.mode) {
            changes.push(LeverChange {
                lever,
                change: options.step,
            });
            if options.both_directions {
                changes.push(LeverChange {
                    lever,
                    change: -options.step,
                });
            }
        }
        for change in &changes {
            apply(model, change)?;
        }
        Ok(changes)
    }

    /// A sensitivity analysis of chosen lever changes.
    pub fn with_changes(
        model: &Model,
        options: SensitivityOptions,
        changes: Vec<LeverChange>,
    ) -> Result<Sensitivity, DecisionError> {
        let baseline = Simulation::new(model);
        let mut simulations = Vec::with_capacity(changes.len() + 1);
        for change in &changes {
            simulations.push(baseline.variant(&apply(model, change)?));
        }
        simulations.insert(0, baseline);
        Ok(Sensitivity {
            baseline: model.clone(),
            options,
            changes,
            simulations,
        })
    }

    /// The lever changes, in the order of `CoupledTotals::variants[1..]`.
    pub fn changes(&self) -> &[LeverChange] {
        &self.changes
    }

    /// The per-run totals of the baseline (variant 0) and every change for `runs`, from
    /// runs without daily series (`coupled_run_totals`).
    pub fn chunk(&self, seed: u64, runs: Range<u32>) -> CoupledTotals {
        coupled_run_totals(&self.simulations, seed, runs)
    }

    /// The number of simulations: the baseline and one per change (the length of
    /// `CoupledTotals::variants`).
    pub fn simulations(&self) -> usize {
        self.simulations.len()
    }

    /// The per-run totals of the simulations `variants` alone (0 the baseline, `i` change
    /// `i - 1`) for `runs`: a part of `chunk`, to split an analysis by variant. Every variant
    /// draws from the same streams whoever computes it, so the parts' variants, joined in
    /// order, are `chunk`'s, number for number.
    pub fn variants_chunk(
        &self,
        variants: Range<usize>,
        seed: u64,
        runs: Range<u32>,
    ) -> CoupledTotals {
        let count = self.simulations.len();
        let start = variants.start.min(count);
        let end = variants.end.clamp(start, count);
        coupled_run_totals(&self.simulations[start..end], seed, runs)
    }

    /// The closed-form expected revenue within the horizon of simulation `variant` (0 the
    /// baseline, `i` change `i - 1`; 0 beyond the last).
    pub fn exact_revenue(&self, variant: usize) -> f64 {
        self.simulations
            .get(variant)
            .map_or(0.0, |simulation| simulation.exact().within_horizon.revenue)
    }

    /// Every lever's effect from the merged totals of all runs.
    pub fn summarise(
        &self,
        seed: u64,
        totals: &CoupledTotals,
    ) -> Result<SensitivityReport, DecisionError> {
        let exact: Vec<f64> = (0..self.simulations.len())
            .map(|variant| self.exact_revenue(variant))
            .collect();
        summarise_changes(
            &self.baseline,
            self.options,
            &self.changes,
            &exact,
            seed,
            totals,
        )
    }

    /// Simulates runs `0..runs` in one go and summarises them.
    pub fn run(&self, runs: u32, seed: u64) -> Result<SensitivityReport, DecisionError> {
        check_runs(runs)?;
        self.summarise(seed, &self.chunk(seed, 0..runs))
    }
}

/// What `Sensitivity::summarise` gives, from the baseline `model`, the `changes` (as
/// `Sensitivity::changes_of` lists them), each simulation's closed-form expected revenue
/// (`exact[0]` the baseline's, `exact[i]` change `i - 1`'s: `Sensitivity::exact_revenue`) and
/// the merged totals: without any simulation's plan, so that the worker joining the parts of
/// an analysis split by variant need not build them.
pub fn summarise_changes(
    model: &Model,
    options: SensitivityOptions,
    changes: &[LeverChange],
    exact: &[f64],
    seed: u64,
    totals: &CoupledTotals,
) -> Result<SensitivityReport, DecisionError> {
    let variants = changes.len() + 1;
    if exact.len() != variants {
        return Err(DecisionError::new(
            "exact",
            Problem::MismatchedTotals {
                variants: exact.len(),
                expected: variants,
            },
        ));
    }
    if totals.variants.len() != variants {
        return Err(DecisionError::new(
            "totals",
            Problem::MismatchedTotals {
                variants: totals.variants.len(),
                expected: variants,
            },
        ));
    }
    let base = &totals.variants[0];
    let runs = base.len();
    check_runs(runs as u32)?;
    if totals.variants.iter().any(|v| v.len() != runs) {
        return Err(DecisionError::new("totals", Problem::UnevenTotals));
    }
    let mean = |f: &dyn Fn(&RunTotals) -> f64| base.iter().map(f).sum::<f64>() / runs as f64;
    let exact_baseline_revenue = exact[0];
    let mut levers: Vec<LeverEffect> = changes
        .iter()
        .zip(&exact[1..])
        .zip(&totals.variants[1..])
        .map(|((change, exact_revenue), variant)| {
            let delta = |f: &dyn Fn(&RunTotals) -> f64| {
                let values: Vec<f64> = variant.iter().zip(base).map(|(v, b)| f(v) - f(b)).collect();
                Delta::of(&values)
            };
            LeverEffect {
                lever: change.lever.kind(),
                target: change.lever.target(model),
                change: change.change,
                unit: change.lever.unit().to_string(),
                applied: *change,
                from: change.lever.value(model),
                to: apply(model, change)
                    .ok()
                    .and_then(|changed| change.lever.value(&changed)),
                revenue_delta: delta(&|t| t.revenue),
                customers_delta: delta(&|t| t.customers as f64),
                profit_delta: delta(&|t| t.profit()),
                cost_per_customer_delta: Delta::of(&differences(
                    base,
                    variant,
                    Metric::CostPerCustomer,
                )),
                exact_revenue_delta: exact_revenue - exact_baseline_revenue,
            }
        })
        .collect();
    // Largest mean revenue change first; ties keep the levers' order (stable sort).
    levers.sort_by(|a, b| b.revenue_delta.mean.total_cmp(&a.revenue_delta.mean));
    let baseline_revenue = mean(&|t| t.revenue);
    let headline = levers
        .first()
        .filter(|best| best.revenue_delta.mean > 0.0)
        .map(|best| headline(best, baseline_revenue, model.horizon));
    Ok(SensitivityReport {
        runs: runs as u32,
        seed,
        options,
        baseline_revenue,
        baseline_customers: mean(&|t| t.customers as f64),
        baseline_profit: mean(&|t| t.profit()),
        baseline_cost_per_customer: mean_cost_per_customer(base),
        exact_baseline_revenue,
        levers,
        headline,
    })
}

/// The mean cost per customer over the runs with a customer, `None` without any.
fn mean_cost_per_customer(runs: &[RunTotals]) -> Option<f64> {
    let ratios: Vec<f64> = runs
        .iter()
        .filter_map(RunTotals::cost_per_customer)
        .collect();
    (!ratios.is_empty()).then(|| ratios.iter().sum::<f64>() / ratios.len() as f64)
}

/// `x` rounded to two significant figures: "about 520,000", not "about 523,172".
fn two_figures(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let unit = 10f64.powi(x.abs().log10().floor() as i32 - 1);
    (x / unit).round() * unit
}

/// "Raising Consideration's conversion from 25% to 30% adds about 41,000 in revenue over the
/// 365 days (+12%), more than any other single change."
fn headline(best: &LeverEffect, baseline_revenue: f64, horizon: u32) -> String {
    let percent = |p: f64| {
        let value = 100.0 * p;
        if (value - value.round()).abs() < 0.05 {
            format!("{value:.0}%")
        } else {
            format!("{value:.1}%")
        }
    };
    let (from, to) = (best.from.unwrap_or(0.0), best.to.unwrap_or(0.0));
    let action = match best.applied.lever {
        Lever::SegmentConversion { .. } => {
            let (stage, segment) = best
                .target
                .split_once(" · ")
                .unwrap_or((best.target.as_str(), ""));
            format!(
                "Raising {stage} for {segment} from {} to {}",
                percent(from),
                percent(to)
            )
        }
        Lever::Conversion { .. } => format!(
            "Raising {}'s conversion from {} to {}",
            best.target,
            percent(from),
            percent(to)
        ),
        Lever::Delay { .. } => format!(
            "Shortening {}'s mean delay from {from:.1} to {to:.1} days",
            best.target
        ),
        Lever::Reentry { .. } => format!(
            "Raising re-entry from {}'s nurture loop from {} to {}",
            best.target,
            percent(from),
            percent(to)
        ),
        Lever::Volume { .. } => format!(
            "Growing {} from {} to {} leads a day",
            best.target,
            grouped(from),
            grouped(to)
        ),
        Lever::CostPerLead { .. } => format!(
            "Cutting {}'s cost per lead from {from:.2} to {to:.2}",
            best.target
        ),
        Lever::Repeat => format!(
            "Raising the repeat purchase probability from {} to {}",
            percent(from),
            percent(to)
        ),
    };
    let relative = if baseline_revenue > 0.0 {
        format!(
            " ({:+.0}%)",
            100.0 * best.revenue_delta.mean / baseline_revenue
        )
    } else {
        String::new()
    };
    format!(
        "{action} adds about {} in revenue over the {horizon} days{relative}, more than any \
         other single change.",
        grouped(two_figures(best.revenue_delta.mean))
    )
}
