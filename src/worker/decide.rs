//! Decisions off the main thread: an A/B comparison, a sensitivity analysis or a goal search,
//! done whole by one worker (`Task::Decide`) and answered as JSON text (`Reply::Done`).
//!
//! `decide` is the whole of it and runs anywhere: the worker calls it, and so does the page on
//! its main thread when no worker can start, so both give the same text. The answer of each
//! kind of job is one serde type: `ComparisonResult` (the comparison, with the per-run revenue
//! differences its histogram needs, which `Comparison` does not serialise),
//! `SensitivityReport` and `GoalResult`.

use serde::{Deserialize, Serialize};

use super::{WorkerError, bound_runs, check_runs, read_model};
use crate::decisions::{
    Comparison, GoalRequest, GoalResult, Metric, Sensitivity, SensitivityOptions,
    SensitivityReport, compare_many, seek_goal,
};

/// The most per-run totals (runs times variants, about 32 bytes each) a sensitivity analysis
/// may keep at once: about 320 MB.
pub const MAX_COUPLED_TOTALS: u64 = 10_000_000;

/// A decision to compute, with the scenarios as JSON text (the scenario file format).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionJob {
    /// Every scenario after the first against the first (`decisions::compare_many`); answered
    /// by a `ComparisonResult`.
    Compare {
        scenarios: Vec<String>,
        runs: u32,
        seed: u64,
    },
    /// Every lever of the scenario improved and worsened (`decisions::Sensitivity`); answered
    /// by a `SensitivityReport`.
    Sensitivity {
        scenario: String,
        options: SensitivityOptions,
        runs: u32,
        seed: u64,
    },
    /// The smallest change of a lever that reaches a revenue target (`decisions::seek_goal`);
    /// answered by a `GoalResult`.
    Goal {
        scenario: String,
        request: GoalRequest,
    },
}

/// The answer to `DecisionJob::Compare`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonResult {
    pub comparison: Comparison,
    /// `revenue_differences[i]`: the revenue of variant `i + 1` minus A's in every run, in run
    /// order (`Comparison::differences(i + 1, Metric::Revenue)`), for the difference histogram.
    pub revenue_differences: Vec<Vec<f64>>,
}

impl ComparisonResult {
    /// The result of `comparison`, with the differences read from its per-run totals.
    pub fn of(comparison: Comparison) -> ComparisonResult {
        let revenue_differences = (1..comparison.reports.len())
            .map(|variant| comparison.differences(variant, Metric::Revenue))
            .collect();
        ComparisonResult {
            comparison,
            revenue_differences,
        }
    }
}

/// Computes `job` and writes its answer as compact JSON.
///
/// # Errors
/// A scenario that cannot be read or is invalid (its problems with their paths, and for a
/// comparison which scenario: `scenarios[1]: ...`), a run count out of bounds, or a request
/// the decisions module refuses (`field: message`).
pub fn decide(job: &DecisionJob) -> Result<String, WorkerError> {
    match job {
        DecisionJob::Compare {
            scenarios,
            runs,
            seed,
        } => {
            let models = scenarios
                .iter()
                .enumerate()
                .map(|(index, text)| {
                    read_model(text)
                        .and_then(|model| check_runs(&model, *runs).map(|()| model))
                        .map_err(|error| WorkerError::InScenario {
                            index,
                            error: Box::new(error),
                        })
                })
                .collect::<Result<Vec<_>, WorkerError>>()?;
            let comparison = compare_many(&models, *runs, *seed).map_err(WorkerError::Decision)?;
            to_json(&ComparisonResult::of(comparison))
        }
        DecisionJob::Sensitivity {
            scenario,
            options,
            runs,
            seed,
        } => {
            let model = read_model(scenario)?;
            bound_runs("runs", *runs)?;
            let sensitivity = Sensitivity::new(&model, *options).map_err(WorkerError::Decision)?;
            let variants = sensitivity.changes().len() as u64 + 1;
            if variants * u64::from(*runs) > MAX_COUPLED_TOTALS {
                return Err(WorkerError::TooManyTotals {
                    variants,
                    runs: *runs,
                    most: MAX_COUPLED_TOTALS,
                });
            }
            let report: SensitivityReport = sensitivity
                .run(*runs, *seed)
                .map_err(WorkerError::Decision)?;
            to_json(&report)
        }
        DecisionJob::Goal { scenario, request } => {
            let model = read_model(scenario)?;
            bound_runs("request.runs", request.runs)?;
            let result: GoalResult = seek_goal(&model, request).map_err(WorkerError::Decision)?;
            to_json(&result)
        }
    }
}

fn to_json(value: &impl Serialize) -> Result<String, WorkerError> {
    serde_json::to_string(value)
        .map_err(|error| WorkerError::protocol(format!("cannot write the answer: {error}")))
}
