//! The coordination of a pool of workers, sans IO: which worker computes what, and when a job
//! is over. `ui::pool` (wasm only) is its browser glue; the tests drive it natively with
//! `Worker::handle` as the transport.
//!
//! `Coordinator` is a state machine. The caller starts jobs (`simulate`, `decide`), cancels
//! them (`cancel`) and feeds it what the workers did (`handle(Event)`); each call returns the
//! `Command`s to execute, in order: start a worker, post a request with its attachments,
//! terminate a worker, report a job's progress, finish a job. Attachments (the workers'
//! encoded runs) are opaque handles of type `A`: the coordinator moves them from the worker
//! that sent them to the worker that summarises them, never reading them (only their size), so
//! the browser keeps them as `ArrayBuffer`s, transferred and never decoded on the main thread.
//!
//! A simulation's runs are split over its workers (`split_runs`); the coordinator sums their
//! progress, collects their batches, and hands them all to the worker whose batch came last
//! (`Task::Summarise`), whose `Done` finishes the job. A decision is done whole by the first
//! worker, except a sensitivity analysis on several workers: it is split by variant, one part
//! per worker, and joined by the worker whose part came last (`parts`). One job at a time: a new job supersedes the running one, which finishes with
//! `JobError::Cancelled`; workers still computing for it are terminated and replaced (a worker
//! in the middle of a chunk cannot be interrupted otherwise), those not started yet just
//! forget their queued requests. `cancel` does the same without a new job.
//!
//! Every worker has a `WorkerId` never given twice, so replies of a replaced worker are
//! recognised and ignored, and so are replies about a job that is over (`JobId`). A worker
//! that fails (an error event, a panic) fails the job it was computing with
//! `WorkerError::Crashed` and is replaced. A worker that fails before it said `Ready` means
//! workers cannot start here (no worker script, workers forbidden): the running job and every
//! later one finish with `JobError::Unavailable`, and the caller computes on its own thread.
//! After a job whose runs took more than `LARGE_JOB_BYTES`, and after a comparison, the workers
//! it used are replaced, to give back the memory they grew to (a wasm memory never shrinks).

mod import;
mod parts;

use std::fmt;
use std::mem;
use std::ops::Range;

use super::{
    AutomaticRuns, DecisionJob, JobId, MAX_RUNS, Reply, Request, Task, WorkerError, chunk_size,
    split_runs, worker_count,
};
use crate::engine::automatic::Automatic;

/// Above this many bytes of runs, a job's workers are replaced once it is done, so that the
/// memory they grew to hold the runs goes back to the system. The planning benchmark's 2,000
/// runs take 15.5 MB; its 10,000 runs, about 78 MB.
pub const LARGE_JOB_BYTES: u64 = 32_000_000;

/// Names a worker the coordinator asked for; never given twice in one coordinator.
pub type WorkerId = u64;

/// An attachment the coordinator moves between workers without reading it.
pub trait Attachment {
    /// Its size in bytes (for the large-job rule).
    fn byte_len(&self) -> u64;
}

impl Attachment for Vec<u8> {
    fn byte_len(&self) -> u64 {
        self.len() as u64
    }
}

/// Why a job gave no result.
#[derive(Debug, Clone, PartialEq)]
pub enum JobError {
    /// A newer job or `cancel` stopped it.
    Cancelled,
    /// The job failed: an invalid scenario or request (naming the field) or a worker error.
    Failed(WorkerError),
    /// No worker could start (the reason): the page cannot simulate off the main thread.
    Unavailable(String),
}

impl fmt::Display for JobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JobError::Cancelled => f.write_str("the simulation was cancelled"),
            JobError::Failed(error) => write!(f, "{error}"),
            JobError::Unavailable(reason) => {
                write!(f, "the simulation workers cannot start: {reason}")
            }
        }
    }
}

impl std::error::Error for JobError {}

/// What happened to a worker, as the caller saw it.
#[derive(Debug, Clone, PartialEq)]
pub enum Event<A> {
    /// The worker sent this reply (`Reply::Ready` included), with its attachments.
    Reply {
        worker: WorkerId,
        reply: Reply,
        attachments: Vec<A>,
    },
    /// The worker sent a message that is not a reply (the detail says why).
    Unreadable { worker: WorkerId, detail: String },
    /// The worker failed: an error event, a panic, a script that does not load.
    Crashed { worker: WorkerId, detail: String },
    /// The worker asked for by `Command::Spawn` could not be created.
    SpawnFailed { worker: WorkerId, detail: String },
    /// A request posted by `Command::Post` could not be sent to the worker.
    Unsent { worker: WorkerId, detail: String },
}

/// What the caller must do, in the order given.
#[derive(Debug, Clone, PartialEq)]
pub enum Command<A> {
    /// Start a worker, named `worker` in later commands and events.
    Spawn { worker: WorkerId },
    /// Send `request` to `worker`, moving the attachments with it. Only to a worker that said
    /// `Ready`: requests for a starting worker wait in the coordinator.
    Post {
        worker: WorkerId,
        request: Request,
        attachments: Vec<A>,
    },
    /// Stop `worker` now; its later events are ignored.
    Terminate { worker: WorkerId },
    /// `done` of the `total` runs of `job` are finished (never decreasing).
    Progress { job: JobId, done: u32, total: u32 },
    /// `job` is over: the JSON of its answer, or why there is none. Once per job.
    Finish {
        job: JobId,
        result: Result<String, JobError>,
    },
}

/// One worker and what the coordinator knows of it.
#[derive(Debug)]
struct Slot<A> {
    worker: WorkerId,
    /// The worker said `Ready`: requests are posted to it. Until then they wait in `queue`.
    ready: bool,
    queue: Vec<(Request, Vec<A>)>,
    /// The job whose task this worker has (posted or queued), until its last reply.
    busy: Option<JobId>,
}

/// The running job.
#[derive(Debug)]
struct Job<A> {
    id: JobId,
    work: Work<A>,
}

#[derive(Debug)]
enum Work<A> {
    /// A simulation split over the first `ranges.len()` workers.
    Runs(RunsJob<A>),
    /// A task done whole by the first worker, answered by `Done`. `fresh_after`: replace the
    /// worker once done.
    Whole { fresh_after: bool },
    /// A decision split by variant over the workers (`parts`).
    Parts(parts::PartsJob<A>),
}

/// A simulation under way.
#[derive(Debug)]
struct RunsJob<A> {
    scenario: String,
    seed: u64,
    runs: u32,
    /// The runs of each worker of the job (index = slot).
    ranges: Vec<Range<u32>>,
    /// Runs done by each worker of the job.
    done: Vec<u32>,
    /// Each worker's encoded runs, once sent.
    batches: Vec<Option<A>>,
    /// The size of the batches received, in bytes.
    bytes: u64,
    /// The batches went to a worker to be summarised.
    summarising: bool,
    /// With "Runs: automatic": the schedule, the revenue of the chunk under way (by slot) and
    /// the batches of the chunks before it.
    automatic: Option<Box<AutomaticJob<A>>>,
}

/// The part of a simulation that "Runs: automatic" adds: `ranges`, `done` and `batches` of
/// `RunsJob` are then those of the chunk under way.
#[derive(Debug)]
struct AutomaticJob<A> {
    spec: AutomaticRuns,
    schedule: Automatic,
    revenue: Vec<Vec<f64>>,
    earlier: Vec<A>,
    /// The workers each chunk is split over.
    workers: usize,
}

/// The pool's coordination: see the module's documentation.
#[derive(Debug)]
pub struct Coordinator<A> {
    /// The workers a job uses when it does not say.
    cores: usize,
    /// The workers, by slot; `None` where a worker could not be started.
    slots: Vec<Option<Slot<A>>>,
    job: Option<Job<A>>,
    /// Set when a worker failed before it started: every job then finishes with this reason.
    unavailable: Option<String>,
    next_job: JobId,
    next_worker: WorkerId,
    large_job_bytes: u64,
    /// The commands of the call under way.
    out: Vec<Command<A>>,
}

impl<A: Attachment> Coordinator<A> {
    /// A coordinator of `cores` workers (at least one), the number a job uses when it does not
    /// say, and the commands that start them (so that they load before the first job).
    pub fn new(cores: usize) -> (Coordinator<A>, Vec<Command<A>>) {
        let cores = cores.max(1);
        let mut coordinator = Coordinator {
            cores,
            slots: Vec::new(),
            job: None,
            unavailable: None,
            // Job 0 is never used: a worker that cannot read a request answers about job 0.
            next_job: 1,
            next_worker: 1,
            large_job_bytes: LARGE_JOB_BYTES,
            out: Vec::new(),
        };
        for index in 0..cores {
            coordinator.ensure(index);
        }
        let commands = coordinator.commands();
        (coordinator, commands)
    }

    /// Replaces a simulation's workers after it when its runs took more than `bytes` bytes
    /// (`LARGE_JOB_BYTES` unless set).
    pub fn set_large_job_bytes(&mut self, bytes: u64) {
        self.large_job_bytes = bytes;
    }

    /// The number of workers a job uses when it does not say.
    pub fn cores(&self) -> usize {
        self.cores
    }

    /// Starts a simulation of `runs` runs of the scenario (JSON text) from `seed` on
    /// `workers` workers (default: `cores`, at most one per run), superseding the running
    /// job. It finishes with the report's JSON as `report_json` writes it.
    pub fn simulate(
        &mut self,
        scenario: String,
        runs: u32,
        seed: u64,
        workers: Option<usize>,
    ) -> (JobId, Vec<Command<A>>) {
        let id = self.begin();
        if let Some(reason) = self.unavailable.clone() {
            self.finish(id, Err(JobError::Unavailable(reason)));
        } else if !(1..=MAX_RUNS).contains(&runs) {
            let error = WorkerError::Runs {
                field: "runs".to_string(),
                runs,
                most: MAX_RUNS,
            };
            self.finish(id, Err(JobError::Failed(error)));
        } else {
            let count = worker_count(workers, self.cores, runs);
            let mut job = RunsJob {
                scenario,
                seed,
                runs,
                done: Vec::new(),
                batches: Vec::new(),
                ranges: Vec::new(),
                bytes: 0,
                summarising: false,
                automatic: None,
            };
            self.start_chunk(id, &mut job, 0..runs, count);
            self.job = Some(Job {
                id,
                work: Work::Runs(job),
            });
        }
        (id, self.commands())
    }

    /// Starts a simulation with "Runs: automatic": chunks of runs, each split over `workers`
    /// workers (default: `cores`), until the relative standard error of revenue's mean, p5
    /// and p95 is below the tolerance or the cap is reached (`engine::automatic`), then the
    /// report of every run done, saying how it ended. The runs done depend only on the
    /// scenario, the seed, the tolerance and the cap.
    pub fn simulate_automatic(
        &mut self,
        scenario: String,
        spec: AutomaticRuns,
        seed: u64,
        workers: Option<usize>,
    ) -> (JobId, Vec<Command<A>>) {
        let id = self.begin();
        let schedule = Automatic::new(spec.tolerance, spec.cap);
        if let Some(reason) = self.unavailable.clone() {
            self.finish(id, Err(JobError::Unavailable(reason)));
        } else if !(1..=MAX_RUNS).contains(&spec.cap) {
            let error = WorkerError::Runs {
                field: "runs".to_string(),
                runs: spec.cap,
                most: MAX_RUNS,
            };
            self.finish(id, Err(JobError::Failed(error)));
        } else if let Err(error) = schedule {
            let error = WorkerError::protocol(format!("precision: {error}"));
            self.finish(id, Err(JobError::Failed(error)));
        } else if let Ok(schedule) = schedule {
            let first = schedule.next().unwrap_or(0..0);
            let count = worker_count(workers, self.cores, spec.cap);
            let mut job = RunsJob {
                scenario,
                seed,
                runs: spec.cap,
                done: Vec::new(),
                batches: Vec::new(),
                ranges: Vec::new(),
                bytes: 0,
                summarising: false,
                automatic: Some(Box::new(AutomaticJob {
                    spec,
                    schedule,
                    revenue: Vec::new(),
                    earlier: Vec::new(),
                    workers: count,
                })),
            };
            self.start_chunk(id, &mut job, first, count);
            self.job = Some(Job {
                id,
                work: Work::Runs(job),
            });
        }
        (id, self.commands())
    }

    /// Splits `runs` over `count` workers and posts their tasks; the chunk's ranges, progress
    /// and batches start afresh.
    fn start_chunk(&mut self, id: JobId, job: &mut RunsJob<A>, runs: Range<u32>, count: usize) {
        let count = count.min(runs.len().max(1));
        job.ranges = split_runs(u32::try_from(runs.len()).unwrap_or(u32::MAX), count)
            .into_iter()
            .map(|range| range.start + runs.start..range.end + runs.start)
            .collect();
        job.done = vec![0; count];
        job.batches = (0..count).map(|_| None).collect();
        let revenue = job.automatic.is_some();
        if let Some(automatic) = job.automatic.as_mut() {
            automatic.revenue = vec![Vec::new(); count];
        }
        for (index, range) in job.ranges.iter().enumerate() {
            let task = Task::SimulateRuns {
                scenario: job.scenario.clone(),
                seed: job.seed,
                runs: job.runs,
                start: range.start,
                end: range.end,
                chunk: chunk_size(range),
                revenue,
            };
            self.send(index, Request { job: id, task }, Vec::new());
        }
    }

    /// Starts a decision, done whole by the first worker (a sensitivity analysis: split by
    /// variant over `cores` workers), superseding the running job. It finishes with the
    /// answer's JSON (`worker::decide`, the same text either way). A comparison keeps every run's
    /// daily series while it runs, so its worker is replaced afterwards.
    pub fn decide(&mut self, decision: DecisionJob) -> (JobId, Vec<Command<A>>) {
        let fresh_after = matches!(decision, DecisionJob::Compare { .. });
        let id = self.begin();
        if let Some(reason) = self.unavailable.clone() {
            self.finish(id, Err(JobError::Unavailable(reason)));
        } else if parts::splits(&decision, self.cores) {
            self.start_parts(id, decision);
        } else {
            let task = Task::Decide(decision);
            self.send(0, Request { job: id, task }, Vec::new());
            self.job = Some(Job {
                id,
                work: Work::Whole { fresh_after },
            });
        }
        (id, self.commands())
    }

    /// Stops the running job at once (it finishes with `JobError::Cancelled`); the workers
    /// computing it are replaced.
    pub fn cancel(&mut self) -> Vec<Command<A>> {
        self.stop(JobError::Cancelled);
        self.free_busy();
        self.commands()
    }

    /// What to do after `event`. Events of workers it does not know (replaced, terminated,
    /// never asked for) and replies about jobs that are over change nothing.
    pub fn handle(&mut self, event: Event<A>) -> Vec<Command<A>> {
        match event {
            Event::Reply {
                worker,
                reply,
                attachments,
            } => {
                if let Some(index) = self.index_of(worker) {
                    self.on_reply(index, reply, attachments);
                }
            }
            Event::Unreadable { worker, detail } => {
                if let Some(index) = self.index_of(worker) {
                    self.fail_job_of(index, WorkerError::protocol(detail));
                }
            }
            Event::Unsent { worker, detail } => {
                if let Some(index) = self.index_of(worker) {
                    let detail = format!("cannot reach a worker: {detail}");
                    self.fail_job_of(index, WorkerError::protocol(detail));
                    // The request never arrived: the worker has nothing to do.
                    if let Some(slot) = self.slots[index].as_mut() {
                        slot.busy = None;
                    }
                }
            }
            Event::Crashed { worker, detail } => {
                if let Some(index) = self.index_of(worker) {
                    self.on_crash(index, detail);
                }
            }
            Event::SpawnFailed { worker, detail } => {
                if let Some(index) = self.index_of(worker) {
                    self.fail_job_of(index, WorkerError::Crashed { detail });
                    // The slot stays empty until a job needs it again.
                    self.slots[index] = None;
                }
            }
        }
        self.commands()
    }

    fn commands(&mut self) -> Vec<Command<A>> {
        mem::take(&mut self.out)
    }

    /// Ends the running job, frees the workers still busy with it, and numbers the next job.
    fn begin(&mut self) -> JobId {
        self.stop(JobError::Cancelled);
        self.free_busy();
        let id = self.next_job;
        self.next_job += 1;
        id
    }

    fn finish(&mut self, job: JobId, result: Result<String, JobError>) {
        self.out.push(Command::Finish { job, result });
    }

    /// Finishes the running job with `error`. Its workers may still be computing for it.
    fn stop(&mut self, error: JobError) {
        if let Some(job) = self.job.take() {
            self.finish(job.id, Err(error));
        }
    }

    /// Fails the running job with `error` if the worker of slot `index` was working on it.
    fn fail_job_of(&mut self, index: usize, error: WorkerError) {
        let busy = self.slots[index].as_ref().and_then(|slot| slot.busy);
        if busy.is_some() && busy == self.running() {
            self.stop(JobError::Failed(error));
        }
    }

    fn running(&self) -> Option<JobId> {
        self.job.as_ref().map(|job| job.id)
    }

    /// Frees every worker that has a task of a job that is over: one still starting forgets
    /// its queued requests; one computing is replaced, since it cannot be interrupted.
    fn free_busy(&mut self) {
        for index in 0..self.slots.len() {
            let Some(slot) = self.slots[index].as_mut() else {
                continue;
            };
            if slot.busy.is_none() {
                continue;
            }
            if slot.ready {
                self.replace(index);
            } else {
                slot.queue.clear();
                slot.busy = None;
            }
        }
    }

    /// Terminates the worker of slot `index` and starts a fresh one in its place.
    fn replace(&mut self, index: usize) {
        if let Some(old) = self.slots[index].take() {
            self.out.push(Command::Terminate { worker: old.worker });
        }
        self.ensure(index);
    }

    /// Starts a worker in slot `index` if there is none.
    fn ensure(&mut self, index: usize) {
        if self.slots.len() <= index {
            self.slots.resize_with(index + 1, || None);
        }
        if self.slots[index].is_none() {
            let worker = self.next_worker;
            self.next_worker += 1;
            self.out.push(Command::Spawn { worker });
            self.slots[index] = Some(Slot {
                worker,
                ready: false,
                queue: Vec::new(),
                busy: None,
            });
        }
    }

    /// Gives `request` to the worker of slot `index` (starting one if there is none): posted
    /// if it is ready, queued until it is otherwise.
    fn send(&mut self, index: usize, request: Request, attachments: Vec<A>) {
        self.ensure(index);
        let Some(slot) = self.slots[index].as_mut() else {
            return;
        };
        slot.busy = Some(request.job);
        if slot.ready {
            let worker = slot.worker;
            self.out.push(Command::Post {
                worker,
                request,
                attachments,
            });
        } else {
            slot.queue.push((request, attachments));
        }
    }

    fn index_of(&self, worker: WorkerId) -> Option<usize> {
        self.slots
            .iter()
            .position(|slot| slot.as_ref().is_some_and(|slot| slot.worker == worker))
    }

    /// The worker of slot `index` sent the last reply of its task of `job`.
    fn release(&mut self, index: usize, job: JobId) {
        if let Some(slot) = self.slots[index].as_mut()
            && slot.busy == Some(job)
        {
            slot.busy = None;
        }
    }

    fn on_reply(&mut self, index: usize, reply: Reply, attachments: Vec<A>) {
        match reply {
            Reply::Ready => self.on_ready(index),
            Reply::Progress { job, done } => self.on_progress(index, job, done),
            Reply::Batch {
                job,
                start,
                end,
                revenue,
            } => {
                self.release(index, job);
                self.on_batch(index, job, start..end, revenue, attachments);
            }
            Reply::Done { job, json } => {
                self.release(index, job);
                self.on_done(job, json);
            }
            Reply::Part { job, part } => {
                self.release(index, job);
                self.on_part(index, job, part, attachments);
            }
            Reply::Failed { job, error } => {
                // Job 0: the worker could not read its request, so it is about its task.
                let busy = self.slots[index].as_ref().and_then(|slot| slot.busy);
                let job = if job == 0 { busy.unwrap_or(0) } else { job };
                self.release(index, job);
                if Some(job) == self.running() {
                    self.stop(JobError::Failed(error));
                }
            }
        }
    }

    /// Posts the requests of the running job that waited for this worker; forgets the others.
    fn on_ready(&mut self, index: usize) {
        let running = self.running();
        let Some(slot) = self.slots[index].as_mut() else {
            return;
        };
        slot.ready = true;
        for (request, attachments) in mem::take(&mut slot.queue) {
            if Some(request.job) == running {
                self.out.push(Command::Post {
                    worker: slot.worker,
                    request,
                    attachments,
                });
            } else if slot.busy == Some(request.job) {
                slot.busy = None;
            }
        }
    }

    fn runs_job(&mut self, job: JobId) -> Option<&mut RunsJob<A>> {
        match self.job.as_mut() {
            Some(Job {
                id,
                work: Work::Runs(runs),
            }) if *id == job => Some(runs),
            _ => None,
        }
    }

    fn on_progress(&mut self, index: usize, job: JobId, done: u32) {
        if let Some(Job {
            id,
            work: Work::Whole { .. },
        }) = &self.job
            && *id == job
        {
            let total = super::calibrate::PROGRESS_TOTAL;
            self.out.push(Command::Progress {
                job,
                done: done.min(total),
                total,
            });
            return;
        }
        let Some(running) = self.runs_job(job) else {
            return;
        };
        let (Some(range), Some(slot_done)) =
            (running.ranges.get(index), running.done.get_mut(index))
        else {
            return;
        };
        // Never more than the worker's runs, never less than it said before.
        let most = u32::try_from(range.len()).unwrap_or(u32::MAX);
        *slot_done = (*slot_done).max(done.min(most));
        // An automatic job counts the chunks before this one, and the runs it plans so far.
        let before = running.ranges.first().map_or(0, |range| range.start);
        let done = before + running.done.iter().sum::<u32>();
        let total = match &running.automatic {
            Some(_) => running.ranges.last().map_or(0, |range| range.end),
            None => running.runs,
        };
        self.out.push(Command::Progress { job, done, total });
    }

    fn on_batch(
        &mut self,
        index: usize,
        job: JobId,
        runs: Range<u32>,
        revenue: Vec<f64>,
        attachments: Vec<A>,
    ) {
        let Some(running) = self.runs_job(job) else {
            return;
        };
        let Some(expected) = running.ranges.get(index).cloned() else {
            return;
        };
        if running.batches[index].is_some() {
            return;
        }
        let mut attachments = attachments.into_iter();
        let failure = match attachments.next() {
            _ if runs != expected => Some(format!(
                "a worker sent runs {}..{} instead of {}..{}",
                runs.start, runs.end, expected.start, expected.end
            )),
            None => Some("a worker sent no runs".to_string()),
            Some(_) if running.automatic.is_some() && revenue.len() != runs.len() => Some(format!(
                "a worker sent the revenue of {} runs with runs {}..{}",
                revenue.len(),
                runs.start,
                runs.end
            )),
            Some(batch) => {
                if let Some(automatic) = running.automatic.as_mut() {
                    automatic.revenue[index] = revenue;
                }
                running.bytes = running.bytes.saturating_add(batch.byte_len());
                running.batches[index] = Some(batch);
                None
            }
        };
        if let Some(detail) = failure {
            self.stop(JobError::Failed(WorkerError::protocol(detail)));
            return;
        }
        if running.summarising || running.batches.iter().any(Option::is_none) {
            return;
        }
        let mut batches: Vec<A> = running
            .batches
            .iter_mut()
            .filter_map(Option::take)
            .collect();
        let mut runs = running.runs;
        let mut automatic_spec = None;
        if let Some(automatic) = running.automatic.as_mut() {
            // The chunk is in: its revenue, in run order, decides whether another is needed.
            let revenue: Vec<f64> = automatic.revenue.concat();
            automatic.schedule.record(&revenue);
            automatic.earlier.append(&mut batches);
            if let Some(next) = automatic.schedule.next() {
                let workers = automatic.workers;
                let Some(Job {
                    work: Work::Runs(mut running),
                    ..
                }) = self.job.take()
                else {
                    return;
                };
                self.start_chunk(job, &mut running, next, workers);
                self.job = Some(Job {
                    id: job,
                    work: Work::Runs(running),
                });
                return;
            }
            batches = mem::take(&mut automatic.earlier);
            runs = automatic.schedule.done();
            automatic_spec = Some(automatic.spec);
        }
        // Every batch is in: the worker that sent the last one summarises them all.
        running.summarising = true;
        let task = Task::Summarise {
            scenario: running.scenario.clone(),
            seed: running.seed,
            runs,
            automatic: automatic_spec,
        };
        self.send(index, Request { job, task }, batches);
    }

    fn on_done(&mut self, job: JobId, json: String) {
        let answered = match &self.job {
            Some(running) if running.id == job => match &running.work {
                Work::Whole { .. } => true,
                Work::Runs(runs) => runs.summarising,
                Work::Parts(parts) => parts.merging,
            },
            _ => false,
        };
        let Some(done) = self.job.take_if(|_| answered) else {
            return;
        };
        self.finish(job, Ok(json));
        // A wasm memory never shrinks: after a large job, fresh workers give the memory back
        // (they start while the page shows the result).
        let used = match &done.work {
            Work::Runs(runs) if runs.bytes > self.large_job_bytes => runs.ranges.len(),
            Work::Whole { fresh_after: true } => 1,
            _ => 0,
        };
        for index in 0..used.min(self.slots.len()) {
            let idle = self.slots[index]
                .as_ref()
                .is_some_and(|slot| slot.busy.is_none());
            if idle {
                self.replace(index);
            }
        }
    }

    fn on_crash(&mut self, index: usize, detail: String) {
        let started = self.slots[index].as_ref().is_some_and(|slot| slot.ready);
        if started {
            self.fail_job_of(index, WorkerError::Crashed { detail });
            // Its wasm instance may be broken (a panic): a fresh worker takes its place.
            self.replace(index);
        } else {
            // A worker that cannot even start: the others cannot either. Give up on workers.
            let reason = format!("a worker failed before it started: {detail}");
            self.unavailable = Some(reason.clone());
            self.stop(JobError::Unavailable(reason));
        }
    }
}
