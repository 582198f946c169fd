//! Simulation off the main thread: what the page and its Web Workers say to each other, and
//! what a worker does with each request.
//!
//! A simulation of `runs` runs is split into contiguous run ranges, one per worker
//! (`split_runs`). Each worker simulates its range in chunks, sends `Reply::Progress` after
//! each chunk, then `Reply::Batch` with its runs encoded compactly (`codec`) as an attached
//! buffer. The page hands every batch, still encoded and without copying, to one worker as
//! `Task::Summarise`, which merges them in run order and sends back the report as JSON text
//! (`Reply::Done`): the page never holds the runs nor summarises them. Decisions (an A/B
//! comparison, a sensitivity analysis, a goal search) run whole in one worker as
//! `Task::Decide` and are answered by `Reply::Done` with their own JSON (`decide`); a
//! sensitivity analysis on several workers is split by variant instead (`Task::DecidePart`,
//! each part's totals sent back as `Reply::Part`, joined by one worker in `Task::MergeParts`).
//!
//! Messages are JSON text (serde) plus a list of binary attachments; `web` (wasm only) carries
//! them over `postMessage` as `{message, buffers}` with the buffers transferred. `Worker` is
//! the whole of a worker's logic and `pool::Coordinator` the whole of the page's side (which
//! worker computes what, superseding, failures); both run natively in the tests.
//!
//! Architecture invariant: the report depends only on the scenario, the seed and the number of
//! runs, never on how many workers computed it or in which order their batches arrived (the
//! engine draws run `i` from streams keyed by `i`, and `RunBatch::merge` sorts by run).

pub mod calibrate;
pub mod codec;
mod decide;
mod error;
pub mod pool;
#[cfg(target_arch = "wasm32")]
pub mod web;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::engine::automatic::Automatic;
use crate::engine::{Report, RunBatch, Simulation};
use crate::scenario::{self, LoadError, Model};

pub use decide::{
    ComparisonResult, DecisionJob, MAX_COUPLED_TOTALS, decide, decide_part, journeys_json,
    merge_parts,
};
pub use error::WorkerError;

/// The most runs one simulation may ask for (as on the command line).
pub const MAX_RUNS: u32 = 1_000_000;

/// The most run-days (runs times horizon days) one simulation in the browser may ask for:
/// every run keeps its daily series until the summary, about 40 bytes per run-day with the
/// encoded copy, so this bounds a tab's memory near 400 MB.
pub const MAX_RUN_DAYS: u64 = 10_000_000;

/// Progress is reported about this many times per worker and job.
const PROGRESS_STEPS: u32 = 20;

/// Identifies a job of a pool; replies about an older job are recognised and ignored.
pub type JobId = u64;

/// "Runs: automatic": run until the relative standard error of revenue's mean, p5 and p95 is
/// below `tolerance`, or `cap` runs (see `engine::automatic`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AutomaticRuns {
    pub tolerance: f64,
    pub cap: u32,
}

fn is_false(value: &bool) -> bool {
    !value
}

/// A message from the page to a worker: a task of a job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub job: JobId,
    pub task: Task,
}

/// What a worker is asked to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    /// Simulate runs `start..end` of a simulation of `runs` runs, `chunk` runs at a time,
    /// replying `Progress` after each chunk and then one `Batch` (runs encoded, attached).
    SimulateRuns {
        /// The scenario as JSON text (the scenario file format).
        scenario: String,
        seed: u64,
        runs: u32,
        start: u32,
        end: u32,
        chunk: u32,
        /// Also reply each run's revenue with the batch ("Runs: automatic" decides the next
        /// chunk from it).
        #[serde(default, skip_serializing_if = "is_false")]
        revenue: bool,
    },
    /// Summarise the attached batches (encoded by `codec`, any order, together covering runs
    /// `0..runs` once) into the report, replying `Done` with its JSON.
    Summarise {
        scenario: String,
        seed: u64,
        runs: u32,
        /// The runs were chosen by "Runs: automatic" with this tolerance and cap: the report
        /// says how it ended.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        automatic: Option<AutomaticRuns>,
    },
    /// Compute a decision whole (see `decide`), replying `Done` with its answer's JSON.
    Decide(DecisionJob),
    /// Compute part `part` of `parts` of a decision split by variant (`decide_part`: only a
    /// sensitivity analysis splits), replying `Part` with its per-run totals attached.
    DecidePart {
        decision: DecisionJob,
        part: u32,
        parts: u32,
    },
    /// Join the attached parts (any order, together every variant once) into the decision's
    /// answer (`merge_parts`), replying `Done` with its JSON: the text `Decide` gives.
    MergeParts { decision: DecisionJob },
    /// Read and calibrate the attached CRM export as `job` (a `calibrate::CalibrationJob` as
    /// JSON text) says, replying `Progress` in thousandths of the work, then `Done` with a
    /// `calibrate::CalibrationAnswer` as JSON. Only the CRM worker does it
    /// (`calibrate::handle`).
    Calibrate { job: String },
}

/// A message from a worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// The worker is listening: requests posted before this may be lost.
    Ready,
    /// `done` runs of this worker's range are finished.
    Progress { job: JobId, done: u32 },
    /// The runs `start..end`, encoded and attached; with their revenue in run order when
    /// the task asked for it.
    Batch {
        job: JobId,
        start: u32,
        end: u32,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        revenue: Vec<f64>,
    },
    /// A whole job's result as JSON text (the report for `Summarise`, the decision's answer
    /// for `Decide` and `MergeParts`).
    Done { job: JobId, json: String },
    /// Part `part` of a split decision, its per-run totals encoded and attached.
    Part { job: JobId, part: u32 },
    /// The task could not be done: why, naming the field when the scenario or the request is
    /// at fault.
    Failed { job: JobId, error: WorkerError },
}

/// How many workers simulate `runs` runs: the number asked for, else the number of cores,
/// never more than the runs, at least one.
pub fn worker_count(requested: Option<usize>, cores: usize, runs: u32) -> usize {
    let wanted = requested.unwrap_or(cores).max(1);
    wanted
        .min(usize::try_from(runs).unwrap_or(usize::MAX))
        .max(1)
}

/// Runs `0..runs` cut into `workers` contiguous ranges whose lengths differ by at most one
/// (empty ranges when there are more workers than runs).
pub fn split_runs(runs: u32, workers: usize) -> Vec<Range<u32>> {
    let workers = u32::try_from(workers.max(1)).unwrap_or(u32::MAX);
    let (share, extra) = (runs / workers, runs % workers);
    let mut start = 0;
    (0..workers)
        .map(|i| {
            let end = start + share + u32::from(i < extra);
            let range = start..end;
            start = end;
            range
        })
        .collect()
}

/// The chunk of runs a worker computes between two progress replies.
pub fn chunk_size(range: &Range<u32>) -> u32 {
    range.len().div_ceil(PROGRESS_STEPS as usize).max(1) as u32
}

/// The report as `funnelcast run --json` prints it: pretty JSON and a final newline.
///
/// # Errors
/// Never for a report the engine made (plain data, string keys); a protocol error otherwise.
pub fn report_json(report: &Report) -> Result<String, WorkerError> {
    serde_json::to_string_pretty(report)
        .map(|text| text + "\n")
        .map_err(|error| WorkerError::protocol(format!("cannot write the report as JSON: {error}")))
}

/// Reads and validates a scenario and checks that `runs` runs of it fit.
///
/// # Errors
/// The scenario's problems (each with its path), or why the runs do not fit.
pub fn load(scenario: &str, runs: u32) -> Result<Model, WorkerError> {
    let model = read_model(scenario)?;
    check_runs(&model, runs)?;
    Ok(model)
}

fn read_model(scenario: &str) -> Result<Model, WorkerError> {
    scenario::load(scenario)
        .map(|(_, model)| model)
        .map_err(|error| match error {
            LoadError::Format(error) => WorkerError::Unreadable(error),
            LoadError::Invalid(errors) => WorkerError::Invalid { errors },
        })
}

fn check_runs(model: &Model, runs: u32) -> Result<(), WorkerError> {
    bound_runs("runs", runs)?;
    let days = u64::from(model.horizon);
    let most = (MAX_RUN_DAYS / days.max(1)).min(u64::from(MAX_RUNS));
    if u64::from(runs) > most {
        return Err(WorkerError::RunsMemory { runs, most, days });
    }
    Ok(())
}

/// The most runs "Runs: automatic" may take for `model`: `cap`, or fewer where the runs'
/// daily series would not fit in memory.
pub fn automatic_cap(model: &Model, cap: u32) -> u32 {
    let days = u64::from(model.horizon);
    let most = (MAX_RUN_DAYS / days.max(1)).min(u64::from(MAX_RUNS));
    u32::try_from(most).unwrap_or(MAX_RUNS).min(cap).max(1)
}

/// Runs from 1 to `MAX_RUNS`, or the error naming `field`.
fn bound_runs(field: &str, runs: u32) -> Result<(), WorkerError> {
    if (1..=MAX_RUNS).contains(&runs) {
        Ok(())
    } else {
        Err(WorkerError::Runs {
            field: field.to_string(),
            runs,
            most: MAX_RUNS,
        })
    }
}

/// A worker: answers requests, keeping the last scenario's `Simulation` (its plan) so that a
/// job's summary, and the next job on the same scenario, do not build it again.
#[derive(Debug, Default)]
pub struct Worker {
    last: Option<(String, Simulation)>,
}

impl Worker {
    /// What the worker does with one request: `send` receives each reply with its
    /// attachments, in order. Never panics on bad input; every failure is a `Reply::Failed`.
    pub fn handle(
        &mut self,
        request: Request,
        attachments: Vec<Vec<u8>>,
        send: &mut dyn FnMut(Reply, Vec<Vec<u8>>),
    ) {
        let job = request.job;
        let outcome = match request.task {
            Task::SimulateRuns {
                scenario,
                seed,
                runs,
                start,
                end,
                chunk,
                revenue,
            } => {
                let range = start..end;
                let options = (chunk, revenue);
                self.simulate_runs(&scenario, seed, runs, range, options, job, send)
            }
            Task::Summarise {
                scenario,
                seed,
                runs,
                automatic,
            } => self
                .summarise_runs(&scenario, seed, runs, automatic, &attachments)
                .map(|json| send(Reply::Done { job, json }, Vec::new())),
            Task::Decide(decision) => {
                decide(&decision).map(|json| send(Reply::Done { job, json }, Vec::new()))
            }
            Task::DecidePart {
                decision,
                part,
                parts,
            } => decide_part(&decision, part, parts)
                .map(|bytes| send(Reply::Part { job, part }, vec![bytes])),
            Task::MergeParts { decision } => merge_parts(&decision, &attachments)
                .map(|json| send(Reply::Done { job, json }, Vec::new())),
            // Calibration is the CRM worker's (`calibrate::handle`): this worker, which every
            // page starts, does not carry the CSV reader and the fits.
            Task::Calibrate { .. } => Err(WorkerError::protocol(
                "this worker does not calibrate: the CRM import has a worker of its own",
            )),
        };
        if let Err(error) = outcome {
            send(Reply::Failed { job, error }, Vec::new());
        }
    }

    /// The simulation of `scenario`, checked for `runs` runs: the last one if the text is
    /// the same.
    fn simulation(&mut self, scenario: &str, runs: u32) -> Result<&Simulation, WorkerError> {
        let cached = self
            .last
            .as_ref()
            .is_some_and(|(text, _)| text.as_str() == scenario);
        if !cached {
            self.last = None;
            let model = read_model(scenario)?;
            self.last = Some((scenario.to_string(), Simulation::new(&model)));
        }
        let Some((_, simulation)) = self.last.as_ref() else {
            return Err(WorkerError::protocol("no simulation"));
        };
        check_runs(simulation.model(), runs)?;
        Ok(simulation)
    }

    #[allow(clippy::too_many_arguments)]
    fn simulate_runs(
        &mut self,
        scenario: &str,
        seed: u64,
        runs: u32,
        range: Range<u32>,
        (chunk, revenue): (u32, bool),
        job: JobId,
        send: &mut dyn FnMut(Reply, Vec<Vec<u8>>),
    ) -> Result<(), WorkerError> {
        let simulation = self.simulation(scenario, runs)?;
        if range.start > range.end || range.end > runs {
            return Err(WorkerError::protocol(format!(
                "runs {}..{} are not within the {runs} runs",
                range.start, range.end
            )));
        }
        let mut batches = Vec::new();
        let mut next = range.start;
        while next < range.end {
            let until = next.saturating_add(chunk.max(1)).min(range.end);
            batches.push(simulation.batch(seed, next..until));
            next = until;
            let done = next - range.start;
            send(Reply::Progress { job, done }, Vec::new());
        }
        let mut batch = RunBatch::merge(batches);
        batch.first_run = range.start;
        let revenue = if revenue {
            batch.runs.iter().map(|run| run.revenue).collect()
        } else {
            Vec::new()
        };
        send(
            Reply::Batch {
                job,
                start: range.start,
                end: range.end,
                revenue,
            },
            vec![codec::encode(&batch)],
        );
        Ok(())
    }

    /// The report of the encoded `batches` as JSON text (see `report_json`).
    ///
    /// # Errors
    /// An invalid scenario, a buffer that is not a batch, or batches that do not cover runs
    /// `0..runs` exactly once.
    pub fn summarise(
        &mut self,
        scenario: &str,
        seed: u64,
        runs: u32,
        batches: &[Vec<u8>],
    ) -> Result<String, WorkerError> {
        self.summarise_runs(scenario, seed, runs, None, batches)
    }

    /// `summarise`, saying how "Runs: automatic" ended when it chose the runs.
    fn summarise_runs(
        &mut self,
        scenario: &str,
        seed: u64,
        runs: u32,
        automatic: Option<AutomaticRuns>,
        batches: &[Vec<u8>],
    ) -> Result<String, WorkerError> {
        let simulation = self.simulation(scenario, runs)?;
        let mut decoded = batches
            .iter()
            .map(|bytes| codec::decode(bytes))
            .collect::<Result<Vec<RunBatch>, String>>()
            .map_err(WorkerError::protocol)?;
        decoded.sort_by_key(|batch| batch.first_run);
        let mut next = 0_u32;
        for batch in &decoded {
            if batch.runs.is_empty() {
                continue;
            }
            if batch.first_run != next {
                return Err(WorkerError::protocol(format!(
                    "the batches do not cover the runs: run {next} is followed by run {}",
                    batch.first_run
                )));
            }
            next = next.saturating_add(u32::try_from(batch.runs.len()).unwrap_or(u32::MAX));
        }
        if next != runs {
            return Err(WorkerError::protocol(format!(
                "the batches hold {next} runs, not {runs}"
            )));
        }
        let automatic = match automatic {
            None => None,
            Some(AutomaticRuns { tolerance, cap }) => {
                let mut schedule = Automatic::new(tolerance, cap)
                    .map_err(|error| WorkerError::protocol(error.to_string()))?;
                let revenue: Vec<f64> = decoded
                    .iter()
                    .flat_map(|batch| batch.runs.iter().map(|run| run.revenue))
                    .collect();
                schedule.record(&revenue);
                Some(schedule.outcome())
            }
        };
        let mut report = simulation.report(seed, decoded);
        report.automatic = automatic;
        report_json(&report)
    }
}

#[cfg(test)]
mod tests;
