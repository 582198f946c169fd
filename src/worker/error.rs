//! Why a worker could not do its task, as data: the page writes it in the person's language
//! (`app_model::messages`), the command line and `window.funnelcast` in English (`Display`).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::decisions::DecisionError;
use crate::scenario::{FieldError, ScenarioError};

/// A task that failed, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkerError {
    /// The scenario text is not the scenario format (JSON syntax or structure).
    Unreadable(ScenarioError),
    /// The scenario breaks rules of the format, each named by its path.
    Invalid { errors: Vec<FieldError> },
    /// One scenario of a comparison failed (`index` 0 is A).
    InScenario {
        index: usize,
        error: Box<WorkerError>,
    },
    /// A run count outside 1 to `most`.
    Runs { field: String, runs: u32, most: u32 },
    /// More runs than fit in the browser's memory over this horizon.
    RunsMemory { runs: u32, most: u64, days: u64 },
    /// A sensitivity analysis whose variants times runs exceed what the browser keeps.
    TooManyTotals { variants: u64, runs: u32, most: u64 },
    /// The decision's request is refused, naming its field.
    Decision(DecisionError),
    /// The page and the worker disagree (batches that do not cover the runs, a buffer that is
    /// not a batch, an answer that cannot be written): a bug, never the person's input.
    Protocol { detail: String },
    /// The worker itself failed (an error thrown, a panic, a script that does not load).
    Crashed { detail: String },
}

impl WorkerError {
    /// A protocol error with its detail.
    pub fn protocol(detail: impl Into<String>) -> WorkerError {
        WorkerError::Protocol {
            detail: detail.into(),
        }
    }
}

impl fmt::Display for WorkerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkerError::Unreadable(error) => write!(f, "invalid scenario: {error}"),
            WorkerError::Invalid { errors } => {
                let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
                write!(f, "invalid scenario: {}", lines.join("\n"))
            }
            WorkerError::InScenario { index, error } => write!(f, "scenarios[{index}]: {error}"),
            WorkerError::Runs { field, runs, most } => {
                write!(f, "{field}: must be from 1 to {most}, got {runs}")
            }
            WorkerError::RunsMemory { runs, most, days } => write!(
                f,
                "runs: with a horizon of {days} days at most {most} runs fit in the browser's \
                 memory (each run keeps its daily series), got {runs}"
            ),
            WorkerError::TooManyTotals {
                variants,
                runs,
                most,
            } => write!(
                f,
                "runs: {variants} variants of {runs} runs are more than the {most} run totals \
                 the browser keeps at once"
            ),
            WorkerError::Decision(error) => write!(f, "{error}"),
            WorkerError::Protocol { detail } => write!(f, "{detail}"),
            WorkerError::Crashed { detail } => write!(f, "the worker failed: {detail}"),
        }
    }
}

impl std::error::Error for WorkerError {}
