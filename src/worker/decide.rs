//! Decisions off the main thread: an A/B comparison, a sensitivity analysis or a goal search,
//! done whole by one worker (`Task::Decide`) and answered as JSON text (`Reply::Done`).
//!
//! A sensitivity analysis may instead be split by variant over several workers: each computes
//! the per-run totals of its share of the variants over every run (`decide_part`, totals sent
//! bit-exact as a buffer), and one worker joins them in variant order and summarises them
//! (`merge_parts`) into the very text `decide` gives: every variant draws from the same
//! streams whichever worker runs it (common random numbers by construction).
//!
//! `decide` is the whole of it and runs anywhere: the worker calls it, and so does the page on
//! its main thread when no worker can start, so both give the same text. The answer of each
//! kind of job is one serde type: `ComparisonResult` (the comparison, with the per-run revenue
//! differences its histogram needs, which `Comparison` does not serialise),
//! `SensitivityReport` and `GoalResult`.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::{WorkerError, bound_runs, check_runs, codec, read_model, split_runs};
use crate::decisions::{
    Comparison, CoupledTotals, GoalRequest, GoalResult, LeverChange, Metric, Sensitivity,
    SensitivityOptions, SensitivityReport, compare_many, seek_goal, summarise_changes,
};
use crate::scenario::Model;

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
    /// A small cohort followed lead by lead (`engine::journeys`, the teaching view);
    /// answered by the `Cohort` as `funnelcast journeys --json` prints it.
    Journeys {
        scenario: String,
        leads: u32,
        seed: u64,
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
            let sensitivity = sensitivity(scenario, *options, *runs)?;
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
        DecisionJob::Journeys {
            scenario,
            leads,
            seed,
        } => {
            let model = read_model(scenario)?;
            journeys_json(&model, *leads, *seed)
        }
    }
}

/// The journeys of `leads` leads (1 to `engine::journeys::MAX_LEADS`) as `funnelcast
/// journeys --json` prints them: pretty JSON and a final newline.
///
/// # Errors
/// A number of leads out of range, naming the field `leads`.
pub fn journeys_json(model: &Model, leads: u32, seed: u64) -> Result<String, WorkerError> {
    let most = crate::engine::journeys::MAX_LEADS;
    if !(1..=most).contains(&leads) {
        return Err(WorkerError::Runs {
            field: "leads".to_string(),
            runs: leads,
            most,
        });
    }
    let cohort = crate::engine::journeys::journeys(model, leads, seed);
    serde_json::to_string_pretty(&cohort)
        .map(|text| text + "\n")
        .map_err(|error| WorkerError::protocol(format!("cannot write the journeys: {error}")))
}

/// The sensitivity analysis of `scenario`, checked for `runs` runs.
fn sensitivity(
    scenario: &str,
    options: SensitivityOptions,
    runs: u32,
) -> Result<Sensitivity, WorkerError> {
    let (model, changes) = sensitivity_changes(scenario, options, runs)?;
    Sensitivity::with_changes(&model, options, changes).map_err(WorkerError::Decision)
}

/// The model of `scenario` and the changes its sensitivity analysis simulates, checked for
/// `runs` runs as `decide` checks them, without building any simulation.
fn sensitivity_changes(
    scenario: &str,
    options: SensitivityOptions,
    runs: u32,
) -> Result<(Model, Vec<LeverChange>), WorkerError> {
    let model = read_model(scenario)?;
    bound_runs("runs", runs)?;
    let changes = Sensitivity::changes_of(&model, options).map_err(WorkerError::Decision)?;
    let variants = changes.len() as u64 + 1;
    if variants * u64::from(runs) > MAX_COUPLED_TOTALS {
        return Err(WorkerError::TooManyTotals {
            variants,
            runs,
            most: MAX_COUPLED_TOTALS,
        });
    }
    Ok((model, changes))
}

/// The variants of part `part` of `parts` of a split sensitivity analysis of `changes`: its
/// simulations (the baseline first, then one per change) cut into contiguous ranges whose
/// lengths differ by at most one.
fn part_variants(changes: &[LeverChange], part: u32, parts: u32) -> Range<usize> {
    let count = u32::try_from(changes.len() + 1).unwrap_or(u32::MAX);
    let ranges = split_runs(count, parts.max(1) as usize);
    ranges
        .get(part as usize)
        .map_or(0..0, |range| range.start as usize..range.end as usize)
}

/// Computes part `part` of `parts` of `job`, split by variant: the per-run totals of its
/// variants over every run, encoded (`codec::encode_totals`). Each part checks the request
/// as `decide` does, so a bad one fails with the same error on every worker.
///
/// # Errors
/// As `decide`; a job that does not split (only a sensitivity analysis does), or a part
/// beyond `parts`, is a protocol error.
pub fn decide_part(job: &DecisionJob, part: u32, parts: u32) -> Result<Vec<u8>, WorkerError> {
    let DecisionJob::Sensitivity {
        scenario,
        options,
        runs,
        seed,
    } = job
    else {
        return Err(WorkerError::protocol(
            "only a sensitivity analysis is split",
        ));
    };
    if part >= parts {
        return Err(WorkerError::protocol(format!(
            "part {part} of a decision in {parts} parts"
        )));
    }
    let (model, changes) = sensitivity_changes(scenario, *options, *runs)?;
    let variants = part_variants(&changes, part, parts);
    // Only this part's simulations are built: the baseline (whose plan the changes reuse)
    // and its changes; `local` are its variants among them.
    let own = variants.start.max(1) - 1..variants.end.max(1) - 1;
    let local = usize::from(variants.start > 0)..own.len() + 1;
    let local = if variants.is_empty() { 0..0 } else { local };
    let sensitivity = Sensitivity::with_changes(&model, *options, changes[own].to_vec())
        .map_err(WorkerError::Decision)?;
    let part = codec::Part {
        first_variant: u32::try_from(variants.start).unwrap_or(u32::MAX),
        exact: local
            .clone()
            .map(|v| sensitivity.exact_revenue(v))
            .collect(),
        totals: sensitivity.variants_chunk(local, *seed, 0..*runs),
    };
    Ok(codec::encode_part(&part))
}

/// Joins the encoded parts of `job` (any order) into its answer's JSON: the text `decide`
/// gives for the job done whole.
///
/// # Errors
/// As `decide`; parts that are not encoded totals, or that do not hold every variant of the
/// analysis once, are a protocol error.
pub fn merge_parts(job: &DecisionJob, parts: &[Vec<u8>]) -> Result<String, WorkerError> {
    let DecisionJob::Sensitivity {
        scenario,
        options,
        runs,
        seed,
    } = job
    else {
        return Err(WorkerError::protocol(
            "only a sensitivity analysis is split",
        ));
    };
    let (model, changes) = sensitivity_changes(scenario, *options, *runs)?;
    let mut decoded = parts
        .iter()
        .map(|bytes| codec::decode_part(bytes))
        .collect::<Result<Vec<_>, String>>()
        .map_err(WorkerError::protocol)?;
    decoded.sort_by_key(|part| part.first_variant);
    let (mut totals, mut exact) = (CoupledTotals::default(), Vec::new());
    for part in decoded {
        let first = part.first_variant;
        if first as usize != totals.variants.len() {
            return Err(WorkerError::protocol(format!(
                "the parts do not cover the variants: variant {} is followed by variant {first}",
                totals.variants.len()
            )));
        }
        totals.variants.extend(part.totals.variants);
        exact.extend(part.exact);
    }
    if totals.variants.len() != changes.len() + 1 {
        return Err(WorkerError::protocol(format!(
            "the parts hold {} of the {} variants",
            totals.variants.len(),
            changes.len() + 1
        )));
    }
    // No simulation is built here: the parts sent each variant's exact revenue.
    let report: SensitivityReport =
        summarise_changes(&model, *options, &changes, &exact, *seed, &totals)
            .map_err(WorkerError::Decision)?;
    to_json(&report)
}

fn to_json(value: &impl Serialize) -> Result<String, WorkerError> {
    serde_json::to_string(value)
        .map_err(|error| WorkerError::protocol(format!("cannot write the answer: {error}")))
}
