//! The command line's JSON as plain functions: what `funnelcast run`, `sensitivity`,
//! `compare`, `journeys` and `calibrate` print, with their defaults and bounds, for the
//! command line (`cli`) and the npm package (`src/bin/pkg.rs`) alike, so both give the same
//! text byte for byte. Sans IO: scenarios and histories come in as text, JSON goes out as text.
//!
//! Errors are data (`ApiError`): which input or option is at fault and why, in the command
//! line's English; each front end names the input (a file's path, an argument) and the option
//! (`--runs`, `options.runs`) its own way.
//!
//! Architecture invariant: no IO, no clock, no threads (the command line hands `simulate` its
//! threads as a function), so everything here builds and behaves the same for wasm32.

mod calibrate;
mod compare;

use std::ops::Range;

use serde::Serialize;

use crate::decisions::{ConversionMode, Sensitivity, SensitivityOptions, SensitivityReport};
use crate::engine::automatic::Automatic;
use crate::engine::{Report, RunBatch, Simulation, journeys};
use crate::scenario::{self, LoadError, Model, Scenario};

pub use calibrate::{
    BACKTEST_RUNS, CalibrateOptions, Calibrated, CheckedCalibration, MAX_BACKTEST_RUNS, calibrate,
    role_names,
};
pub use compare::{Beats, ComparisonJson, compare, comparison_json};

/// The seed of every command without `--seed`.
pub const DEFAULT_SEED: u64 = 1;

/// The most runs one command may ask for.
pub const MAX_RUNS: u32 = 1_000_000;

/// The runs of `funnelcast run` without `--runs` or `--precision`.
pub const DEFAULT_RUNS: u32 = 10_000;

/// The most runs `--precision` takes without `--runs`.
pub const AUTOMATIC_CAP: u32 = 100_000;

/// The most run-days (runs times horizon days) one command may ask for: about 1 GB of
/// daily series.
pub const MAX_RUN_DAYS: u64 = 50_000_000;

/// The runs of `funnelcast sensitivity` without `--runs` (each lever simulates them all again).
pub const SENSITIVITY_RUNS: u32 = 1_000;

/// How far each lever moves without `--step`: 5 points or 5 percent.
pub const DEFAULT_STEP: f64 = 5.0;

/// The runs of `funnelcast compare` without `--runs`.
pub const COMPARE_RUNS: u32 = 10_000;

/// The cohort of `funnelcast journeys` without `--leads`.
pub const JOURNEY_LEADS: u32 = 200;

/// The most leads of a cohort.
pub const MAX_LEADS: u32 = journeys::MAX_LEADS;

/// Why a request cannot be answered, in the command line's English, naming what is at fault.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// An input that is not a valid scenario or a readable history: which one, and each problem
    /// on a line of its own (a field's path, or a file's line, first).
    Input { input: Input, problems: Vec<String> },
    /// An option the request cannot take: its name as the command line spells it without the
    /// dashes (`runs`, `step`, `as-of`, `column`), the value as given when the message quotes
    /// it, and what is wrong.
    Option {
        name: String,
        given: Option<String>,
        problem: String,
    },
    /// What no input or option causes (an answer that cannot be written as JSON).
    Internal(String),
}

/// Which input an `ApiError::Input` is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// The scenario of `run`, `sensitivity` or `journeys`.
    Scenario,
    /// Plan A of `compare`.
    A,
    /// Plan B of `compare`.
    B,
    /// The CRM history of `calibrate`.
    History,
    /// The funnel of `calibrate`, whose stages, retention and lead costs it keeps.
    Funnel,
}

impl ApiError {
    fn option(name: &str, given: Option<String>, problem: impl Into<String>) -> ApiError {
        ApiError::Option {
            name: name.to_string(),
            given,
            problem: problem.into(),
        }
    }

    /// The message with `input` naming an input and `option` an option, as the command line
    /// writes it: `FILE: stages[2].conversion: ...` per problem, `--runs 5: ...`.
    pub fn message(
        &self,
        input: &dyn Fn(Input) -> String,
        option: &dyn Fn(&str) -> String,
    ) -> String {
        match self {
            ApiError::Input {
                input: which,
                problems,
            } => {
                let name = input(*which);
                problems
                    .iter()
                    .map(|problem| format!("{name}: {problem}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            ApiError::Option {
                name,
                given,
                problem,
            } => match given {
                Some(given) => format!("{} {given}: {problem}", option(name)),
                None => format!("{}: {problem}", option(name)),
            },
            ApiError::Internal(message) => message.clone(),
        }
    }
}

/// Reads and validates a scenario text; every problem names its field (`stages[2].conversion`).
///
/// # Errors
/// The text is not a scenario, or breaks the format's rules: `ApiError::Input` for `input`.
pub fn load(text: &str, input: Input) -> Result<(Scenario, Model), ApiError> {
    scenario::load(text).map_err(|error| ApiError::Input {
        input,
        problems: match error {
            LoadError::Format(error) => vec![error.to_string()],
            LoadError::Invalid(errors) => errors.iter().map(ToString::to_string).collect(),
        },
    })
}

/// `value` as the command line prints it: pretty JSON and a final newline.
///
/// # Errors
/// A value serde cannot write (none of the answers here).
pub fn to_json(value: &impl Serialize) -> Result<String, ApiError> {
    let mut text =
        serde_json::to_string_pretty(value).map_err(|e| ApiError::Internal(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// The options of `funnelcast run`.
#[derive(Debug, Clone, PartialEq)]
pub struct RunOptions {
    /// The runs (`DEFAULT_RUNS` when absent); with `precision`, the most runs it may take
    /// (`AUTOMATIC_CAP`, or what fits in memory, when absent).
    pub runs: Option<u32>,
    pub seed: u64,
    /// Run until the relative standard error of revenue's mean, p5 and p95 is below this.
    pub precision: Option<f64>,
}

impl Default for RunOptions {
    fn default() -> RunOptions {
        RunOptions {
            runs: None,
            seed: DEFAULT_SEED,
            precision: None,
        }
    }
}

/// What simulates a range of runs for `simulate`: the simulation, the seed and the runs in,
/// their batches out (any split, in any order).
pub type SimulateRuns<'a> = dyn FnMut(&Simulation, u64, Range<u32>) -> Vec<RunBatch> + 'a;

/// The runs `range` of `simulation` for `seed` in one batch, on this thread.
pub fn one_batch(simulation: &Simulation, seed: u64, range: Range<u32>) -> Vec<RunBatch> {
    vec![simulation.batch(seed, range)]
}

/// The report of `funnelcast run`: `simulate_runs` simulates a range of runs (the command
/// line on its threads, the package with `one_batch`); batches are merged in run order, so the
/// report does not depend on how.
///
/// # Errors
/// More runs than fit in memory at this horizon (`runs`), or a precision out of range.
pub fn simulate(
    model: &Model,
    options: &RunOptions,
    simulate_runs: &mut SimulateRuns<'_>,
) -> Result<Report, ApiError> {
    // Every run keeps its daily series for the percentile bands: bound the memory.
    let days = u64::from(model.horizon);
    let most = (MAX_RUN_DAYS / days.max(1)).min(u64::from(MAX_RUNS));
    let asked = options.runs.unwrap_or(if options.precision.is_some() {
        AUTOMATIC_CAP.min(most as u32)
    } else {
        DEFAULT_RUNS
    });
    if u64::from(asked) > most {
        return Err(ApiError::option(
            "runs",
            Some(asked.to_string()),
            format!(
                "with a horizon of {days} days at most {most} runs fit in memory (each run keeps \
                 its daily series)"
            ),
        ));
    }
    let seed = options.seed;
    let simulation = Simulation::new(model);
    Ok(match options.precision {
        Some(tolerance) => {
            let automatic = Automatic::new(tolerance, asked)
                .map_err(|e| ApiError::option("precision", None, e.to_string()))?;
            simulation.automatic(seed, automatic, |range| {
                simulate_runs(&simulation, seed, range)
            })
        }
        None => {
            let batches = simulate_runs(&simulation, seed, 0..asked);
            simulation.report(seed, batches)
        }
    })
}

/// Reads a precision as the command line takes it: a percentage (`0.5%`) or a fraction
/// (`0.005`).
///
/// # Errors
/// Not a number, or a fraction of 1 or more (a percentage without its sign).
pub fn parse_precision(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    let (number, scale) = match trimmed.strip_suffix('%') {
        Some(percent) => (percent.trim(), 100.0),
        None => (trimmed, 1.0),
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("\"{text}\" is not a precision: write it as 0.5% or 0.005"))?;
    if scale == 1.0 && value >= 1.0 {
        return Err(format!(
            "\"{text}\" would be {}%: write a percentage with its sign (0.5%) or a fraction (0.005)",
            value * 100.0
        ));
    }
    Ok(value / scale)
}

/// The options of `funnelcast sensitivity`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SensitivityRequest {
    pub runs: u32,
    pub seed: u64,
    /// How far each lever moves: N points or N percent.
    pub step: f64,
    /// How conversion levers move a rate.
    pub mode: ConversionMode,
}

impl Default for SensitivityRequest {
    fn default() -> SensitivityRequest {
        SensitivityRequest {
            runs: SENSITIVITY_RUNS,
            seed: DEFAULT_SEED,
            step: DEFAULT_STEP,
            mode: ConversionMode::Points,
        }
    }
}

/// Reads a conversion mode as the command line names it: `points`, `relative` or `dropoff`.
pub fn conversion_mode(name: &str) -> Option<ConversionMode> {
    match name {
        "points" => Some(ConversionMode::Points),
        "relative" => Some(ConversionMode::Relative),
        "dropoff" => Some(ConversionMode::Dropoff),
        _ => None,
    }
}

/// What `sensitivity` answers: the report (`funnelcast sensitivity --json`) and how many
/// variants it simulated (the baseline and one per lever change).
#[derive(Debug, Clone, PartialEq)]
pub struct SensitivityAnswer {
    pub report: SensitivityReport,
    pub variants: usize,
}

/// Every lever of `model` improved and worsened alone, on coupled runs.
///
/// # Errors
/// A step or a run count the analysis refuses, naming the option (`step`).
pub fn sensitivity(
    model: &Model,
    request: &SensitivityRequest,
) -> Result<SensitivityAnswer, ApiError> {
    let options = SensitivityOptions {
        step: request.step,
        mode: request.mode,
        both_directions: true,
    };
    let decision = |e: crate::decisions::DecisionError| {
        ApiError::option(&e.field, None, e.problem.to_string())
    };
    let sensitivity = Sensitivity::new(model, options).map_err(decision)?;
    let report = sensitivity
        .run(request.runs, request.seed)
        .map_err(decision)?;
    Ok(SensitivityAnswer {
        report,
        variants: sensitivity.changes().len() + 1,
    })
}

/// What `funnelcast journeys --json` prints: a cohort of `leads` leads followed one by one.
///
/// # Errors
/// A cohort that cannot be written as JSON (none).
pub fn journeys_json(model: &Model, leads: u32, seed: u64) -> Result<String, ApiError> {
    to_json(&journeys::journeys(model, leads, seed))
}
