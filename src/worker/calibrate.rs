//! The page's CRM import, done in a worker (`Task::Calibrate`): the file's bytes come attached,
//! the person's choices as a `CalibrationJob` in JSON; the worker reads the file, calibrates
//! it, back-tests the result and answers one `CalibrationAnswer` (JSON in `Reply::Done`), with
//! `Reply::Progress` in thousandths of the work on the way. A file that cannot be read or
//! calibrated is an answer, not a worker failure: the page shows why, naming the line and the
//! column, and keeps the file and the choices so that the person can fix the mapping.

use serde::{Deserialize, Serialize};

use super::{Reply, Request, Task, WorkerError};
use crate::calibrate::{
    self, CalibrationError, CalibrationReport, ColumnUse, DateOrder, Day, Options, ReadErrors,
    ReadOptions, ReadWarning, Role, Separator, Shape,
};
use crate::scenario::{self, Scenario};

/// Progress is counted in thousandths of the work.
pub const PROGRESS_TOTAL: u32 = 1000;
/// The share of the work counted for reading the file (the calibration is the rest).
const READING: u32 = 150;

/// What the person chose for an import.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CalibrationJob {
    /// The export date (a day since 1970-01-01); default the latest date in the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Day>,
    /// The plan whose stages, costs and retention the calibrated scenario keeps (its JSON
    /// text); without, the stages come from the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funnel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_order: Option<DateOrder>,
    /// Columns the person assigned (role, header as the file writes it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<(Role, String)>,
    /// The back-test's seed and runs.
    pub seed: u64,
    pub backtest_runs: u32,
}

/// How the file was read: what the page shows above the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadSummary {
    pub shape: Shape,
    pub separator: Separator,
    pub headers: Vec<String>,
    /// What each header was used for, in the headers' order.
    pub columns: Vec<ColumnUse>,
    pub warnings: Vec<ReadWarning>,
    pub deals: usize,
    /// The history's stages in order, as the file names them.
    pub stages: Vec<String>,
}

/// The worker's answer to an import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalibrationAnswer {
    /// Read and calibrated: the report and the scenario (it validates).
    Calibrated {
        reading: ReadSummary,
        report: Box<CalibrationReport>,
        scenario: Box<Scenario>,
    },
    /// The file could not be read: every error (up to the cap), and its header line when
    /// there is one, for the person to assign columns.
    Unreadable {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        separator: Option<Separator>,
        #[serde(default)]
        headers: Vec<String>,
        errors: ReadErrors,
    },
    /// Read, but the history cannot be calibrated (or does not fit the plan's stages).
    Uncalibrated {
        reading: ReadSummary,
        error: CalibrationError,
    },
}

/// Reads and calibrates the attached file as `job` says; `progress` hears of the thousandths
/// done. Never panics.
///
/// # Errors
/// Only a request the page should not have made: a job that is not JSON, a plan that does not
/// load, no file attached.
pub fn calibrate_file(
    job: &str,
    attachments: &[Vec<u8>],
    progress: &mut dyn FnMut(u32),
) -> Result<CalibrationAnswer, WorkerError> {
    let job: CalibrationJob = serde_json::from_str(job)
        .map_err(|error| WorkerError::protocol(format!("cannot read the import: {error}")))?;
    let [bytes] = attachments else {
        return Err(WorkerError::protocol(format!(
            "an import takes one file, not {}",
            attachments.len()
        )));
    };
    let funnel = match &job.funnel {
        Some(text) => Some(
            scenario::load(text)
                .map(|(scenario, _)| scenario)
                .map_err(|_| WorkerError::protocol("the plan given with the import is invalid"))?,
        ),
        None => None,
    };
    let options = ReadOptions {
        as_of: job.as_of,
        stages: funnel
            .as_ref()
            .map(|f| f.stages.iter().map(|s| s.name.clone()).collect()),
        date_order: job.date_order,
        columns: job.columns.clone(),
    };
    let reading = match calibrate::read(bytes, &options) {
        Ok(reading) => reading,
        Err(errors) => {
            let header = calibrate::headers(bytes);
            return Ok(CalibrationAnswer::Unreadable {
                separator: header.as_ref().map(|(separator, _)| *separator),
                headers: header.map(|(_, headers)| headers).unwrap_or_default(),
                errors,
            });
        }
    };
    progress(READING);
    let summary = ReadSummary {
        shape: reading.shape,
        separator: reading.separator,
        headers: reading.headers.clone(),
        columns: reading.columns.clone(),
        warnings: reading.warnings.clone(),
        deals: reading.history.deals.len(),
        stages: reading.history.stages.clone(),
    };
    let options = Options {
        horizon_days: None,
        seed: job.seed,
        backtest_runs: job.backtest_runs,
    };
    let mut report_progress = |share: f64| {
        let rest = f64::from(PROGRESS_TOTAL - READING);
        progress(READING + (share.clamp(0.0, 1.0) * rest) as u32);
    };
    let answer = match calibrate::calibrate_with_progress(
        &reading.history,
        funnel.as_ref(),
        &options,
        &mut report_progress,
    ) {
        Ok(calibration) => CalibrationAnswer::Calibrated {
            reading: summary,
            report: Box::new(calibration.report),
            scenario: Box::new(calibration.scenario),
        },
        Err(error) => CalibrationAnswer::Uncalibrated {
            reading: summary,
            error,
        },
    };
    Ok(answer)
}

/// The CRM worker's answer to a request (`src/bin/crm_worker.rs`): a `Task::Calibrate` is
/// read and calibrated with `Progress` replies on the way, each tenth of the work once (a
/// reply per back-test run would flood the page); any other task fails, naming the worker.
pub fn handle(
    request: Request,
    attachments: Vec<Vec<u8>>,
    send: &mut dyn FnMut(Reply, Vec<Vec<u8>>),
) {
    let job = request.job;
    let outcome = match request.task {
        Task::Calibrate { job: import } => {
            let mut last = 0;
            let mut progress = |done: u32| {
                if done / 100 > last / 100 {
                    last = done;
                    send(Reply::Progress { job, done }, Vec::new());
                }
            };
            calibrate_file(&import, &attachments, &mut progress)
                .and_then(|answer| answer_json(&answer))
        }
        _ => Err(WorkerError::protocol(
            "the CRM worker only calibrates histories",
        )),
    };
    match outcome {
        Ok(json) => send(Reply::Done { job, json }, Vec::new()),
        Err(error) => send(Reply::Failed { job, error }, Vec::new()),
    }
}

/// The answer as the JSON text `Reply::Done` carries.
///
/// # Errors
/// Never for an answer made here (plain data, string keys).
pub fn answer_json(answer: &CalibrationAnswer) -> Result<String, WorkerError> {
    serde_json::to_string(answer).map_err(|error| {
        WorkerError::protocol(format!("cannot write the import's answer: {error}"))
    })
}
