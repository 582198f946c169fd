//! Goal seeking: the smallest change of one lever that makes a revenue target likely enough.
//!
//! The chance of reaching the target at a change is the share of runs whose revenue is at
//! least the target, over the same runs for every change tried (common random numbers), so it
//! moves smoothly with the change and bisection converges on it.

use serde::{Deserialize, Serialize};

use super::levers::{ConversionMode, Lever, LeverChange, apply};
use super::{DecisionError, Problem, check_runs};
use crate::engine::Simulation;
use crate::scenario::Model;

/// What to reach, by moving which lever.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GoalRequest {
    /// A stage's conversion (any mode) or a source's volume.
    pub lever: Lever,
    /// Revenue over the horizon to reach.
    pub target_revenue: f64,
    /// The chance of reaching it that is wanted (e.g. 0.8).
    pub probability: f64,
    pub runs: u32,
    pub seed: u64,
    /// The largest change tried, in the lever's unit (default: the change that takes a fixed
    /// rate to 100%, or 100 points for an uncertain one; 100% relative, 100% drop-off cut;
    /// +400% volume).
    pub max_change: Option<f64>,
    /// Bisection stops when the bracket is this narrow (default 0.05 points or percent).
    pub tolerance: Option<f64>,
}

/// The answer of goal seeking.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum GoalResult {
    /// The baseline already reaches the target with the wanted probability.
    AlreadyReached { probability: f64 },
    /// `change` reaches it with `probability`; `below` (at most `tolerance` less) does not.
    Reached {
        change: f64,
        probability: f64,
        below: f64,
        probability_below: f64,
        /// The lever's quantity at `change` (mean rate, leads per day).
        value: Option<f64>,
    },
    /// Even `max_change` does not reach it.
    Unreachable { max_change: f64, probability: f64 },
}

fn check(model: &Model, request: &GoalRequest) -> Result<(f64, f64), DecisionError> {
    check_runs(request.runs)?;
    if !(request.probability > 0.0 && request.probability <= 1.0) {
        return Err(DecisionError::new(
            "probability",
            Problem::NotAProbability {
                value: request.probability,
            },
        ));
    }
    if !request.target_revenue.is_finite() {
        return Err(DecisionError::new("target_revenue", Problem::NotFinite));
    }
    let default_max = match request.lever {
        Lever::Conversion { stage, mode } => {
            let Some(s) = model.stages.get(stage) else {
                return Err(DecisionError::new(
                    "lever.stage",
                    Problem::NoSuchStage {
                        index: stage,
                        stages: model.stages.len(),
                    },
                ));
            };
            match mode {
                ConversionMode::Points if s.conversion.is_uncertain() => 100.0,
                ConversionMode::Points => 100.0 * (1.0 - s.conversion.mean()),
                ConversionMode::Relative | ConversionMode::Dropoff => 100.0,
            }
        }
        Lever::Volume { source } => {
            if source >= model.sources.len() {
                return Err(DecisionError::new(
                    "lever.source",
                    Problem::NoSuchSource {
                        index: source,
                        sources: model.sources.len(),
                    },
                ));
            }
            400.0
        }
        _ => {
            return Err(DecisionError::new("lever", Problem::GoalLever));
        }
    };
    let max = request.max_change.unwrap_or(default_max);
    if !max.is_finite() || max <= 0.0 {
        return Err(DecisionError::new(
            "max_change",
            Problem::NotPositive { value: max },
        ));
    }
    let tolerance = request.tolerance.unwrap_or(0.05);
    if !tolerance.is_finite() || tolerance <= 0.0 {
        return Err(DecisionError::new(
            "tolerance",
            Problem::NotPositive { value: tolerance },
        ));
    }
    Ok((max, tolerance))
}

/// The share of runs `0..runs` whose revenue reaches the target with `change` applied.
fn chance(model: &Model, request: &GoalRequest, change: f64) -> Result<f64, DecisionError> {
    let variant = apply(
        model,
        &LeverChange {
            lever: request.lever,
            change,
        },
    )?;
    let simulation = Simulation::new(&variant);
    let reached = (0..request.runs)
        .filter(|&i| simulation.run(request.seed, i).revenue >= request.target_revenue)
        .count();
    Ok(reached as f64 / f64::from(request.runs))
}

/// The smallest change in `[0, max_change]` whose chance of reaching the target is at least
/// the wanted probability, to within the tolerance, by bisection.
pub fn seek_goal(model: &Model, request: &GoalRequest) -> Result<GoalResult, DecisionError> {
    let (max, tolerance) = check(model, request)?;
    let at_zero = chance(model, request, 0.0)?;
    if at_zero >= request.probability {
        return Ok(GoalResult::AlreadyReached {
            probability: at_zero,
        });
    }
    let at_max = chance(model, request, max)?;
    if at_max < request.probability {
        return Ok(GoalResult::Unreachable {
            max_change: max,
            probability: at_max,
        });
    }
    let (mut low, mut high) = (0.0, max);
    let (mut chance_low, mut chance_high) = (at_zero, at_max);
    while high - low > tolerance {
        let middle = 0.5 * (low + high);
        let p = chance(model, request, middle)?;
        if p >= request.probability {
            high = middle;
            chance_high = p;
        } else {
            low = middle;
            chance_low = p;
        }
    }
    let value = apply(
        model,
        &LeverChange {
            lever: request.lever,
            change: high,
        },
    )?;
    Ok(GoalResult::Reached {
        change: high,
        probability: chance_high,
        below: low,
        probability_below: chance_low,
        value: request.lever.value(&value),
    })
}
