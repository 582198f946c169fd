//! The experiment planner: how many leads each arm of an A/B test of one stage's conversion
//! needs, and how many days the scenario's traffic takes to bring them.
//!
//! Leads per arm for the two-sided (or one-sided) two-proportion z-test with equal arms
//! (Fleiss, Levin and Paik, *Statistical Methods for Rates and Proportions*, 3rd ed., (4.14);
//! the formula of R's `power.prop.test`):
//!
//! `n = [z(1 - alpha/2) sqrt(2 pbar qbar) + z(power) sqrt(p1 q1 + p2 q2)]^2 / (p2 - p1)^2`,
//! with `pbar = (p1 + p2) / 2`, `q = 1 - p`. With Fleiss' continuity correction,
//! `n' = n / 4 (1 + sqrt(1 + 4 / (n |p2 - p1|)))^2`. The **default** (`per_arm`) is without
//! the correction, as R's `power.prop.test` and most online calculators; `per_arm_corrected`
//! is the more conservative figure of Fleiss' tables. Both are rounded up.
//!
//! Days: the stage's expected entries per day is the closed-form expected number of entries
//! within the horizon (`Simulation::exact`, re-entries from nurture included) divided by the
//! horizon in days: the average daily traffic of the forecast period, ramp-up included. Both
//! arms share that traffic, so the test takes `2 n / entries per day` days, rounded up.

use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, Normal};

use super::{DecisionError, Problem};
use crate::engine::Simulation;
use crate::scenario::Model;

/// The smallest uplift worth detecting.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Uplift {
    /// Percentage points: `p2 = p1 + N / 100`.
    Points(f64),
    /// Relative: `p2 = p1 (1 + N / 100)`.
    Relative(f64),
}

/// What the test must detect, and how surely.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ExperimentRequest {
    /// The baseline conversion rate (0 to 1).
    pub baseline: f64,
    pub uplift: Uplift,
    /// Significance level, e.g. 0.05.
    pub alpha: f64,
    /// Power, e.g. 0.8.
    pub power: f64,
    /// Two-sided test (the default).
    pub two_sided: bool,
}

impl ExperimentRequest {
    /// Significance 5%, power 80%, two-sided.
    pub fn new(baseline: f64, uplift: Uplift) -> ExperimentRequest {
        ExperimentRequest {
            baseline,
            uplift,
            alpha: 0.05,
            power: 0.8,
            two_sided: true,
        }
    }
}

/// Leads needed per arm.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ExperimentPlan {
    /// The baseline and the variant's rates.
    pub p1: f64,
    pub p2: f64,
    /// Leads per arm without continuity correction (the default), rounded up.
    pub per_arm: u64,
    /// Leads per arm with Fleiss' continuity correction, rounded up.
    pub per_arm_corrected: u64,
    /// `per_arm` before rounding.
    pub exact_per_arm: f64,
}

/// An experiment on one stage of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageExperiment {
    pub stage: String,
    pub plan: ExperimentPlan,
    /// Expected entries into the stage per day (see the module's documentation).
    pub entries_per_day: f64,
    /// Days to bring `2 per_arm` leads (`None` when no lead reaches the stage).
    pub days: Option<u64>,
    /// Days with the continuity-corrected size.
    pub days_corrected: Option<u64>,
}

fn open_unit(field: &str, value: f64) -> Result<f64, DecisionError> {
    if value > 0.0 && value < 1.0 {
        Ok(value)
    } else {
        Err(DecisionError::new(
            field,
            Problem::NotStrictlyBetweenZeroAndOne { value },
        ))
    }
}

/// Leads per arm for `request`.
pub fn plan_experiment(request: &ExperimentRequest) -> Result<ExperimentPlan, DecisionError> {
    let p1 = open_unit("baseline", request.baseline)?;
    let alpha = open_unit("alpha", request.alpha)?;
    let power = open_unit("power", request.power)?;
    let (p2, field) = match request.uplift {
        Uplift::Points(n) => (p1 + n / 100.0, "uplift.points"),
        Uplift::Relative(n) => (p1 * (1.0 + n / 100.0), "uplift.relative"),
    };
    if !(p2 > 0.0 && p2 < 1.0) || (p2 - p1).abs() < 1e-12 {
        return Err(DecisionError::new(
            field,
            Problem::UpliftOutOfRange {
                baseline: p1,
                variant: p2,
            },
        ));
    }
    let normal = Normal::standard();
    let z_alpha = normal.inverse_cdf(if request.two_sided {
        1.0 - alpha / 2.0
    } else {
        1.0 - alpha
    });
    let z_power = normal.inverse_cdf(power);
    let mean = 0.5 * (p1 + p2);
    let delta = (p2 - p1).abs();
    let n = (z_alpha * (2.0 * mean * (1.0 - mean)).sqrt()
        + z_power * (p1 * (1.0 - p1) + p2 * (1.0 - p2)).sqrt())
    .powi(2)
        / (delta * delta);
    let corrected = n / 4.0 * (1.0 + (1.0 + 4.0 / (n * delta)).sqrt()).powi(2);
    Ok(ExperimentPlan {
        p1,
        p2,
        per_arm: n.ceil() as u64,
        per_arm_corrected: corrected.ceil() as u64,
        exact_per_arm: n,
    })
}

/// An experiment on stage `stage` of `model`, with the stage's traffic from the closed-form
/// expectations. `request.baseline` is the rate the test starts from (the stage's mean
/// conversion is `model.stages[stage].conversion.mean()`).
pub fn plan_stage_experiment(
    model: &Model,
    stage: usize,
    request: &ExperimentRequest,
) -> Result<StageExperiment, DecisionError> {
    let Some(name) = model.stages.get(stage).map(|s| s.name.clone()) else {
        return Err(DecisionError::new(
            "stage",
            Problem::NoSuchStage {
                index: stage,
                stages: model.stages.len(),
            },
        ));
    };
    let plan = plan_experiment(request)?;
    let exact = Simulation::new(model).exact();
    let entered = exact
        .within_horizon
        .stages
        .get(stage)
        .map_or(0.0, |s| s.entered);
    let entries_per_day = entered / f64::from(model.horizon.max(1));
    let days = |per_arm: u64| {
        (entries_per_day > 0.0).then(|| (2.0 * per_arm as f64 / entries_per_day).ceil() as u64)
    };
    Ok(StageExperiment {
        stage: name,
        days: days(plan.per_arm),
        days_corrected: days(plan.per_arm_corrected),
        entries_per_day,
        plan,
    })
}
