//! A pool of simulation Web Workers, one per core, kept alive between jobs.
//!
//! `simulate` splits the runs over the workers (`crate::worker::split_runs`); each worker
//! sends progress and then its runs as an encoded buffer; the pool passes every buffer,
//! transferred and never decoded here, to one worker that summarises them into the report.
//! The main thread only routes messages, so it stays free while a simulation runs.
//!
//! One job at a time: a new job supersedes the running one, whose future resolves to
//! `JobError::Cancelled`; workers still busy with it are terminated and started afresh (a
//! worker computing a chunk cannot be interrupted otherwise). `cancel` does the same at once.
//! After a job whose runs took more than `LARGE_JOB_BYTES`, its workers are replaced too, to
//! give their memory back. A worker that fails (an error thrown, a panic) fails the job with
//! its message and is replaced; when no worker can start at all (no worker script, workers
//! forbidden), jobs fail with `JobError::Unavailable` and the caller may simulate on the main
//! thread instead.
//!
//! `decide` runs a decision (comparison, sensitivity, goal) whole in one worker. Because a new
//! job supersedes the running one, the app gives decisions a pool of their own
//! (`WorkerPool::with_workers(1)`): a decision then supersedes only the previous decision,
//! never the forecast.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::rc::{Rc, Weak};

use futures_channel::oneshot;
use js_sys::{Array, ArrayBuffer};
use wasm_bindgen::prelude::*;
use web_sys::{Event, MessageEvent, Worker};

use crate::engine::Report;
use crate::worker::web::{envelope, open_envelope};
use crate::worker::{self, DecisionJob, JobId, Reply, Request, Task, WorkerError};

/// The script that starts a worker (`src/worker/worker_loader.js`, which index.html has trunk
/// copy beside the page), relative to the page so that the site works under any base path.
pub const WORKER_SCRIPT: &str = "./worker_loader.js";

/// Above this many bytes of runs, a job's workers are replaced once it is done, so that the
/// memory they grew to hold the runs (wasm memories never shrink) goes back to the system.
/// The planning benchmark's 2,000 runs take 15.5 MB; its 10,000 runs, about 78 MB.
const LARGE_JOB_BYTES: f64 = 32e6;

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

/// A progress callback: runs done so far and runs in all.
type OnProgress = Rc<dyn Fn(u32, u32)>;

/// The simulation workers of a page.
pub struct WorkerPool {
    state: RefCell<State>,
    /// The workers a job uses when it does not say: the browser's logical cores.
    cores: usize,
    next_job: Cell<JobId>,
    /// Numbers each started worker, so that events of a replaced worker are ignored.
    next_serial: Cell<u64>,
    this: Weak<WorkerPool>,
}

struct State {
    slots: Vec<Slot>,
    job: Option<Job>,
    /// Set when no worker could start: every job then fails at once with this reason.
    unavailable: Option<String>,
}

/// One worker and what the pool knows about it.
struct Slot {
    worker: Worker,
    serial: u64,
    /// The worker said `Ready`: requests reach it. Until then they wait in `queue`.
    ready: bool,
    queue: Vec<(JsValue, Array)>,
    /// The job whose task this worker is computing, if any.
    busy: Option<JobId>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

/// The running job.
struct Job {
    id: JobId,
    reply: oneshot::Sender<Result<String, JobError>>,
    work: Work,
}

/// What a job waits for.
enum Work {
    /// A simulation split over the workers.
    Runs(RunsJob),
    /// A task done whole by the first worker, answered by `Done`. `fresh_after`: replace the
    /// worker once done, to give back the memory the task grew.
    Whole { fresh_after: bool },
}

impl Job {
    fn runs_mut(&mut self) -> Option<&mut RunsJob> {
        match &mut self.work {
            Work::Runs(runs) => Some(runs),
            Work::Whole { .. } => None,
        }
    }
}

/// A simulation under way.
struct RunsJob {
    scenario: String,
    seed: u64,
    runs: u32,
    /// Runs done by each worker of the job (index = slot).
    done: Vec<u32>,
    /// Each worker's encoded runs, once sent.
    batches: Vec<Option<ArrayBuffer>>,
    /// The batches' size in bytes, once all are in.
    bytes: f64,
    summarising: bool,
    on_progress: OnProgress,
}

/// What to do once the state is no longer borrowed (callbacks may call the pool again).
enum After {
    Progress(OnProgress, u32, u32),
    Finish(
        oneshot::Sender<Result<String, JobError>>,
        Result<String, JobError>,
    ),
}

impl WorkerPool {
    /// Starts one worker per logical core (`navigator.hardwareConcurrency`, at least one).
    ///
    /// # Errors
    /// The browser refuses to create a worker (the message says why).
    pub fn new() -> Result<Rc<WorkerPool>, String> {
        let cores = web_sys::window()
            .map(|window| window.navigator().hardware_concurrency())
            .filter(|cores| cores.is_finite() && *cores >= 1.0)
            .map_or(1, |cores| cores.min(64.0) as usize);
        WorkerPool::with_workers(cores)
    }

    /// Starts `workers` workers (at least one), the number a job uses when it does not say:
    /// one is enough for a pool that only runs whole tasks (`decide`).
    ///
    /// # Errors
    /// The browser refuses to create a worker (the message says why).
    pub fn with_workers(workers: usize) -> Result<Rc<WorkerPool>, String> {
        let cores = workers.max(1);
        let pool = Rc::new_cyclic(|this| WorkerPool {
            state: RefCell::new(State {
                slots: Vec::new(),
                job: None,
                unavailable: None,
            }),
            cores,
            next_job: Cell::new(1),
            next_serial: Cell::new(1),
            this: this.clone(),
        });
        for _ in 0..cores {
            let slot = pool.spawn()?;
            pool.state.borrow_mut().slots.push(slot);
        }
        Ok(pool)
    }

    /// The number of workers a job uses when it does not say.
    pub fn cores(&self) -> usize {
        self.cores
    }

    /// Simulates `runs` runs of the scenario (JSON text) from `seed` on `workers` workers
    /// (default: one per core, at most one per run) and resolves to the report as the JSON
    /// text `funnelcast run --json` prints (pretty, with a final newline). `on_progress`
    /// receives the runs done and the runs in all after each chunk. Supersedes the running
    /// job. The same scenario, runs and seed give the same text whatever the workers.
    pub fn simulate_json(
        &self,
        scenario_json: String,
        runs: u32,
        seed: u64,
        workers: Option<usize>,
        on_progress: impl Fn(u32, u32) + 'static,
    ) -> impl Future<Output = Result<String, JobError>> + 'static {
        let (sender, receiver) = oneshot::channel();
        let mut after = Vec::new();
        if let Err(error) = self.start(
            scenario_json,
            runs,
            seed,
            workers,
            Rc::new(on_progress),
            sender,
            &mut after,
        ) {
            after.push(error);
        }
        run_after(after);
        async move { receiver.await.unwrap_or(Err(JobError::Cancelled)) }
    }

    /// Like `simulate_json`, resolving to the report itself.
    pub fn simulate(
        &self,
        scenario_json: String,
        runs: u32,
        seed: u64,
        workers: Option<usize>,
        on_progress: impl Fn(u32, u32) + 'static,
    ) -> impl Future<Output = Result<Report, JobError>> + 'static {
        let json = self.simulate_json(scenario_json, runs, seed, workers, on_progress);
        async move {
            let json = json.await?;
            serde_json::from_str(&json).map_err(|error| {
                JobError::Failed(WorkerError::protocol(format!(
                    "cannot read the report: {error}"
                )))
            })
        }
    }

    /// Computes `decision` whole in the first worker and resolves to its answer's JSON
    /// (`crate::worker::decide`: a `ComparisonResult`, a `SensitivityReport` or a
    /// `GoalResult`). Supersedes the running job, like a simulation. A comparison keeps every
    /// run's daily series while it runs, so its worker is replaced afterwards to give that
    /// memory back.
    pub fn decide(
        &self,
        decision: DecisionJob,
    ) -> impl Future<Output = Result<String, JobError>> + 'static {
        let (sender, receiver) = oneshot::channel();
        let mut after = Vec::new();
        let fresh_after = matches!(decision, DecisionJob::Compare { .. });
        if let Err(error) =
            self.start_whole(Task::Decide(decision), fresh_after, sender, &mut after)
        {
            after.push(error);
        }
        run_after(after);
        async move { receiver.await.unwrap_or(Err(JobError::Cancelled)) }
    }

    /// Stops the running job at once (its future resolves to `JobError::Cancelled`); the
    /// workers computing it are replaced by fresh ones.
    pub fn cancel(&self) {
        let mut after = Vec::new();
        self.stop_job(JobError::Cancelled, &mut after);
        self.replace_busy();
        run_after(after);
    }

    #[allow(clippy::too_many_arguments)]
    fn start(
        &self,
        scenario: String,
        runs: u32,
        seed: u64,
        workers: Option<usize>,
        on_progress: OnProgress,
        sender: oneshot::Sender<Result<String, JobError>>,
        after: &mut Vec<After>,
    ) -> Result<(), After> {
        self.stop_job(JobError::Cancelled, after);
        self.replace_busy();
        if let Some(reason) = self.state.borrow().unavailable.clone() {
            return Err(After::Finish(sender, Err(JobError::Unavailable(reason))));
        }
        if !(1..=worker::MAX_RUNS).contains(&runs) {
            let error = WorkerError::Runs {
                field: "runs".to_string(),
                runs,
                most: worker::MAX_RUNS,
            };
            return Err(After::Finish(sender, Err(JobError::Failed(error))));
        }
        let count = worker::worker_count(workers, self.cores, runs);
        // More workers than the pool has: start the missing ones (kept for later jobs).
        while self.state.borrow().slots.len() < count {
            match self.spawn() {
                Ok(slot) => self.state.borrow_mut().slots.push(slot),
                Err(detail) => {
                    let error = WorkerError::Crashed { detail };
                    return Err(After::Finish(sender, Err(JobError::Failed(error))));
                }
            }
        }
        let id = self.next_job.get();
        self.next_job.set(id + 1);
        let ranges = worker::split_runs(runs, count);
        let mut state = self.state.borrow_mut();
        for (index, range) in ranges.into_iter().enumerate() {
            let chunk = worker::chunk_size(&range);
            let task = Task::SimulateRuns {
                scenario: scenario.clone(),
                seed,
                runs,
                start: range.start,
                end: range.end,
                chunk,
            };
            if let Err(message) = self.send(&mut state, index, Request { job: id, task }, &[]) {
                drop(state);
                let error = WorkerError::protocol(message);
                return Err(After::Finish(sender, Err(JobError::Failed(error))));
            }
        }
        state.job = Some(Job {
            id,
            reply: sender,
            work: Work::Runs(RunsJob {
                scenario,
                seed,
                runs,
                done: vec![0; count],
                batches: vec![None; count],
                bytes: 0.0,
                summarising: false,
                on_progress,
            }),
        });
        Ok(())
    }

    /// Starts a job of one task done whole by the first worker.
    fn start_whole(
        &self,
        task: Task,
        fresh_after: bool,
        sender: oneshot::Sender<Result<String, JobError>>,
        after: &mut Vec<After>,
    ) -> Result<(), After> {
        self.stop_job(JobError::Cancelled, after);
        self.replace_busy();
        if let Some(reason) = self.state.borrow().unavailable.clone() {
            return Err(After::Finish(sender, Err(JobError::Unavailable(reason))));
        }
        if self.state.borrow().slots.is_empty() {
            match self.spawn() {
                Ok(slot) => self.state.borrow_mut().slots.push(slot),
                Err(detail) => {
                    let error = WorkerError::Crashed { detail };
                    return Err(After::Finish(sender, Err(JobError::Failed(error))));
                }
            }
        }
        let id = self.next_job.get();
        self.next_job.set(id + 1);
        let mut state = self.state.borrow_mut();
        if let Err(message) = self.send(&mut state, 0, Request { job: id, task }, &[]) {
            drop(state);
            let error = WorkerError::protocol(message);
            return Err(After::Finish(sender, Err(JobError::Failed(error))));
        }
        state.job = Some(Job {
            id,
            reply: sender,
            work: Work::Whole { fresh_after },
        });
        Ok(())
    }

    /// Ends the running job with `error`. Its workers may still be computing a task of it.
    fn stop_job(&self, error: JobError, after: &mut Vec<After>) {
        if let Some(job) = self.state.borrow_mut().job.take() {
            after.push(After::Finish(job.reply, Err(error)));
        }
    }

    /// Replaces every worker still computing a task (of a job that is over): a worker
    /// cannot be interrupted in the middle of a chunk, only terminated.
    fn replace_busy(&self) {
        let busy: Vec<usize> = self
            .state
            .borrow()
            .slots
            .iter()
            .enumerate()
            .filter(|(_, slot)| slot.busy.is_some())
            .map(|(index, _)| index)
            .collect();
        for index in busy {
            self.replace(index);
        }
    }

    /// Terminates the worker of slot `index` and starts a fresh one in its place.
    fn replace(&self, index: usize) {
        match self.spawn() {
            Ok(fresh) => {
                let old = std::mem::replace(&mut self.state.borrow_mut().slots[index], fresh);
                old.worker.terminate();
            }
            Err(message) => {
                // The old worker keeps computing its stale task, whose replies are ignored.
                web_sys::console::error_1(&format!("cannot restart a worker: {message}").into());
            }
        }
    }

    /// Posts a request to slot `index`, or queues it until the worker is ready.
    fn send(
        &self,
        state: &mut State,
        index: usize,
        request: Request,
        buffers: &[ArrayBuffer],
    ) -> Result<(), String> {
        let text = serde_json::to_string(&request)
            .map_err(|error| format!("cannot write a request: {error}"))?;
        let transfer: Array = buffers.iter().collect();
        let message = envelope(&text, &transfer).map_err(describe)?;
        let Some(slot) = state.slots.get_mut(index) else {
            return Err(format!("no worker {index}"));
        };
        slot.busy = Some(request.job);
        if slot.ready {
            slot.worker
                .post_message_with_transfer(&message, &transfer)
                .map_err(describe)?;
        } else {
            slot.queue.push((message, transfer));
        }
        Ok(())
    }

    /// Starts one worker with its event handlers.
    fn spawn(&self) -> Result<Slot, String> {
        let worker = Worker::new(WORKER_SCRIPT).map_err(describe)?;
        let serial = self.next_serial.get();
        self.next_serial.set(serial + 1);
        let this = self.this.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(pool) = this.upgrade() {
                pool.on_message(serial, &event.data());
            }
        });
        let this = self.this.clone();
        let on_error = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            event.prevent_default();
            if let Some(pool) = this.upgrade() {
                pool.on_error(serial, &event);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Slot {
            worker,
            serial,
            ready: false,
            queue: Vec::new(),
            busy: None,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    fn slot_index(&self, serial: u64) -> Option<usize> {
        self.state
            .borrow()
            .slots
            .iter()
            .position(|slot| slot.serial == serial)
    }

    fn on_message(&self, serial: u64, data: &JsValue) {
        let Some(index) = self.slot_index(serial) else {
            return;
        };
        let parsed = open_envelope(data).and_then(|(text, buffers)| {
            serde_json::from_str::<Reply>(&text)
                .map(|reply| (reply, buffers))
                .map_err(|error| format!("cannot read a worker's reply: {error}"))
        });
        let mut after = Vec::new();
        match parsed {
            Ok((reply, buffers)) => self.on_reply(index, reply, buffers, &mut after),
            Err(message) => self.fail_job_of(index, WorkerError::protocol(message), &mut after),
        }
        run_after(after);
    }

    fn on_reply(
        &self,
        index: usize,
        reply: Reply,
        buffers: Vec<ArrayBuffer>,
        after: &mut Vec<After>,
    ) {
        let mut state = self.state.borrow_mut();
        match reply {
            Reply::Ready => {
                let slot = &mut state.slots[index];
                slot.ready = true;
                let mut failure = None;
                for (message, transfer) in std::mem::take(&mut slot.queue) {
                    if let Err(error) = slot.worker.post_message_with_transfer(&message, &transfer)
                    {
                        failure = Some(format!("cannot reach a worker: {}", describe(error)));
                        break;
                    }
                }
                drop(state);
                if let Some(message) = failure {
                    self.fail_job_of(index, WorkerError::protocol(message), after);
                }
            }
            Reply::Progress { job, done } => {
                let Some(running) = state
                    .job
                    .as_mut()
                    .filter(|running| running.id == job)
                    .and_then(Job::runs_mut)
                else {
                    return;
                };
                if let Some(slot_done) = running.done.get_mut(index) {
                    *slot_done = done;
                }
                let total: u32 = running.done.iter().sum();
                after.push(After::Progress(
                    Rc::clone(&running.on_progress),
                    total,
                    running.runs,
                ));
            }
            Reply::Batch { job, .. } => {
                if state.slots[index].busy == Some(job) {
                    state.slots[index].busy = None;
                }
                let Some(running) = state
                    .job
                    .as_mut()
                    .filter(|running| running.id == job)
                    .and_then(Job::runs_mut)
                else {
                    return;
                };
                let Some(buffer) = buffers.into_iter().next() else {
                    drop(state);
                    self.fail_job_of(index, WorkerError::protocol("a worker sent no runs"), after);
                    return;
                };
                if let Some(place) = running.batches.get_mut(index) {
                    *place = Some(buffer);
                }
                if running.summarising || running.batches.iter().any(Option::is_none) {
                    return;
                }
                // Every batch is in: the worker that finished last summarises them.
                running.summarising = true;
                running.bytes = running
                    .batches
                    .iter()
                    .flatten()
                    .map(|buffer| f64::from(buffer.byte_length()))
                    .sum();
                let batches: Vec<ArrayBuffer> = running.batches.iter().flatten().cloned().collect();
                let request = Request {
                    job,
                    task: Task::Summarise {
                        scenario: running.scenario.clone(),
                        seed: running.seed,
                        runs: running.runs,
                    },
                };
                if let Err(message) = self.send(&mut state, index, request, &batches) {
                    drop(state);
                    self.fail_job_of(index, WorkerError::protocol(message), after);
                }
            }
            Reply::Done { job, json } => {
                if state.slots[index].busy == Some(job) {
                    state.slots[index].busy = None;
                }
                if state.job.as_ref().is_some_and(|running| running.id == job)
                    && let Some(running) = state.job.take()
                {
                    after.push(After::Finish(running.reply, Ok(json)));
                    // A wasm memory never shrinks: after a large job, fresh workers give the
                    // memory back (they start while the page shows the result).
                    let used = match &running.work {
                        Work::Runs(runs) if runs.bytes > LARGE_JOB_BYTES => runs.batches.len(),
                        Work::Whole { fresh_after: true } => 1,
                        _ => 0,
                    };
                    if used > 0 {
                        drop(state);
                        for index in 0..used {
                            let idle = self
                                .state
                                .borrow()
                                .slots
                                .get(index)
                                .is_some_and(|slot| slot.busy.is_none());
                            if idle {
                                self.replace(index);
                            }
                        }
                    }
                }
            }
            Reply::Failed { job, error } => {
                if state.slots[index].busy == Some(job) {
                    state.slots[index].busy = None;
                }
                if state.job.as_ref().is_some_and(|running| running.id == job) {
                    drop(state);
                    self.stop_job(JobError::Failed(error), after);
                }
            }
        }
    }

    /// Fails the running job if slot `index` was working on it.
    fn fail_job_of(&self, index: usize, error: WorkerError, after: &mut Vec<After>) {
        let involved = {
            let state = self.state.borrow();
            let busy = state.slots.get(index).and_then(|slot| slot.busy);
            state.job.as_ref().is_some_and(|job| busy == Some(job.id))
        };
        if involved {
            self.stop_job(JobError::Failed(error), after);
        }
    }

    fn on_error(&self, serial: u64, event: &Event) {
        let Some(index) = self.slot_index(serial) else {
            return;
        };
        let message = event
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|error| error.message())
            .filter(|message| !message.is_empty())
            .unwrap_or_else(|| format!("{} (cannot load {WORKER_SCRIPT}?)", event.type_()));
        let mut after = Vec::new();
        let never_started = !self.state.borrow().slots[index].ready;
        if never_started {
            // A worker that cannot even start: the others cannot either. Give up on workers.
            let reason = format!("a worker failed before it started: {message}");
            self.state.borrow_mut().unavailable = Some(reason.clone());
            self.stop_job(JobError::Unavailable(reason), &mut after);
        } else {
            let error = WorkerError::Crashed { detail: message };
            self.fail_job_of(index, error, &mut after);
            // Its wasm instance may be broken (a panic): start a fresh worker in its place.
            self.replace(index);
        }
        run_after(after);
    }
}

impl Drop for WorkerPool {
    fn drop(&mut self) {
        for slot in &self.state.borrow().slots {
            slot.worker.terminate();
        }
    }
}

fn run_after(after: Vec<After>) {
    for action in after {
        match action {
            After::Progress(on_progress, done, total) => on_progress(done, total),
            After::Finish(sender, result) => {
                // The receiver may be gone (nobody waits any more): nothing to tell.
                let _ = sender.send(result);
            }
        }
    }
}

fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
