//! Decisions: where to work on a funnel (sensitivity to levers, goal seeking), whether plan B
//! beats plan A (comparison), and how long an experiment must run (experiment planner).
//!
//! Everything rests on common random numbers: run `i` of seed `s` draws from streams keyed by
//! stage and source names (`engine::streams`), so two variants of a scenario simulate the same
//! leads wherever they agree, and the per-run difference between them is not buried in
//! simulation noise. Two identical variants differ by exactly zero in every run.
//!
//! Work splits by run range: `coupled_totals` computes the per-run totals of every variant for
//! the runs of a range (a Web Worker's chunk), `CoupledTotals::merge` joins chunks in run order
//! whatever order they finished in, and the summaries read only the merged totals, so a result
//! never depends on the chunking.
//!
//! Architecture invariant: plain Rust over `engine` and `scenario`: no IO, no clock, no web
//! dependency; never panics on a validated model or a bad request (errors name the field).

mod compare;
mod error;
mod experiment;
mod goal;
mod levers;
mod sensitivity;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::engine::{RunBatch, RunResult, Simulation};

pub use compare::{
    Comparison, DiffStats, Metric, VariantDiff, compare, compare_many, compare_totals, differences,
};
pub use experiment::{
    ExperimentPlan, ExperimentRequest, StageExperiment, Uplift, plan_experiment,
    plan_stage_experiment,
};
pub use goal::{GoalRequest, GoalResult, seek_goal};
pub use levers::{ConversionMode, Lever, LeverChange, LeverKind, apply, levers};
pub use sensitivity::{
    Delta, LeverEffect, LeverPair, Sensitivity, SensitivityOptions, SensitivityReport,
    summarise_changes,
};

pub use error::{DecisionError, Problem, Quantity as ChangedQuantity};

/// The totals of one run that decisions read.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct RunTotals {
    pub revenue: f64,
    pub customers: u64,
    /// Lead cost.
    pub cost: f64,
    /// First and repeat purchases.
    pub purchases: u64,
}

impl RunTotals {
    /// The totals of a run's result.
    pub fn of(run: &RunResult) -> RunTotals {
        RunTotals {
            revenue: run.revenue,
            customers: run.customers,
            cost: run.cost,
            purchases: run.purchases(),
        }
    }

    /// Revenue minus lead cost.
    pub fn profit(&self) -> f64 {
        self.revenue - self.cost
    }

    /// Lead cost per customer (`None` without customers).
    pub fn cost_per_customer(&self) -> Option<f64> {
        (self.customers > 0).then(|| self.cost / self.customers as f64)
    }
}

/// Per-run totals of several variants over the same runs `first_run..first_run + len`:
/// `variants[v][i]` is variant `v` in run `first_run + i`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CoupledTotals {
    pub first_run: u32,
    pub variants: Vec<Vec<RunTotals>>,
}

impl CoupledTotals {
    /// The totals of batches the caller already simulated (one per variant, same runs), so a
    /// comparison needs no second simulation.
    pub fn from_batches(batches: &[RunBatch]) -> CoupledTotals {
        CoupledTotals {
            first_run: batches.first().map_or(0, |b| b.first_run),
            variants: batches
                .iter()
                .map(|b| b.runs.iter().map(RunTotals::of).collect())
                .collect(),
        }
    }

    /// Number of runs.
    pub fn runs(&self) -> usize {
        self.variants.first().map_or(0, Vec::len)
    }

    /// Joins chunks in run order whatever order they come in, so summaries of the merged
    /// totals do not depend on the chunking. Chunks must hold the same variants.
    pub fn merge(mut chunks: Vec<CoupledTotals>) -> CoupledTotals {
        chunks.sort_by_key(|c| c.first_run);
        let first_run = chunks.first().map_or(0, |c| c.first_run);
        let count = chunks.iter().map(|c| c.variants.len()).max().unwrap_or(0);
        let mut variants = vec![Vec::new(); count];
        for chunk in chunks {
            for (all, part) in variants.iter_mut().zip(chunk.variants) {
                all.extend(part);
            }
        }
        CoupledTotals {
            first_run,
            variants,
        }
    }
}

/// The per-run totals of every simulation in `simulations` for the runs in `runs`, with
/// common random numbers: run `i` of each variant uses the streams of run `i` of `seed`.
pub fn coupled_totals(simulations: &[Simulation], seed: u64, runs: Range<u32>) -> CoupledTotals {
    CoupledTotals {
        first_run: runs.start,
        variants: simulations
            .iter()
            .map(|simulation| {
                runs.clone()
                    .map(|i| RunTotals::of(&simulation.run(seed, i)))
                    .collect()
            })
            .collect(),
    }
}

/// `coupled_totals` from runs without daily series (`Simulation::run_totals`): the same
/// counts, revenue from the same law with the same coupling (not the same draws as a
/// forecast's runs), several times faster. What the sensitivity analysis reads.
pub fn coupled_run_totals(
    simulations: &[Simulation],
    seed: u64,
    runs: Range<u32>,
) -> CoupledTotals {
    CoupledTotals {
        first_run: runs.start,
        variants: simulations
            .iter()
            .map(|simulation| {
                runs.clone()
                    .map(|i| RunTotals::of(&simulation.run_totals(seed, i)))
                    .collect()
            })
            .collect(),
    }
}

/// Thousands separators and no decimals: the amounts of sentences.
pub(crate) fn grouped(value: f64) -> String {
    let digits = format!("{:.0}", value.abs().round());
    let mut text = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            text.push(',');
        }
        text.push(c);
    }
    if value.round() < 0.0 {
        format!("-{text}")
    } else {
        text
    }
}

/// Checks a run count and a requested number.
pub(crate) fn check_runs(runs: u32) -> Result<(), DecisionError> {
    if runs == 0 {
        return Err(DecisionError::new("runs", Problem::NoRuns));
    }
    Ok(())
}
