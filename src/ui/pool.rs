//! A pool of simulation Web Workers, one per core, kept alive between jobs: the browser glue
//! of `worker::pool::Coordinator`, which decides everything (see there).
//!
//! The glue owns the `web_sys::Worker`s and their event handlers, turns their events into the
//! coordinator's (`Event`) and executes its commands: start and terminate workers, post
//! requests with their `ArrayBuffer`s transferred (the runs are never decoded on the main
//! thread), call a job's progress callback, resolve its future. The main thread only routes
//! messages, so it stays free while a simulation runs.
//!
//! `simulate` splits the runs over the workers, `decide` runs a decision whole in one worker
//! (a sensitivity analysis: split by variant over the workers).
//! One job at a time: a new job supersedes the running one, whose future resolves to
//! `JobError::Cancelled`; `cancel` does the same at once. When no worker can start, jobs fail
//! with `JobError::Unavailable` and the caller may compute on the main thread instead. Because
//! a new job supersedes the running one, the app gives decisions a pool of their own (one
//! worker per core as well): a decision then supersedes only the previous decision, never the
//! forecast.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::rc::{Rc, Weak};

use futures_channel::oneshot;
use js_sys::{Array, ArrayBuffer};
use wasm_bindgen::prelude::*;
use web_sys::{Event, MessageEvent, Worker};

use crate::engine::Report;
pub use crate::worker::pool::JobError;
use crate::worker::pool::{self, Attachment, Command, Coordinator, WorkerId};
use crate::worker::web::{envelope, open_envelope};
use crate::worker::{DecisionJob, JobId, Reply, Request, WorkerError};

/// The script that starts a worker (`src/worker/worker_loader.js`, which index.html has trunk
/// copy beside the page), relative to the page so that the site works under any base path.
pub const WORKER_SCRIPT: &str = "./worker_loader.js";
/// The script that starts the CRM import's worker (`src/worker/crm_worker_loader.js`).
pub const CRM_WORKER_SCRIPT: &str = "./crm_worker_loader.js";

impl Attachment for ArrayBuffer {
    fn byte_len(&self) -> u64 {
        u64::from(self.byte_length())
    }
}

/// A progress callback: runs done so far and runs in all.
type OnProgress = Rc<dyn Fn(u32, u32)>;

/// The simulation workers of a page.
pub struct WorkerPool {
    coordinator: RefCell<Coordinator<ArrayBuffer>>,
    /// The workers the coordinator started and has not terminated.
    workers: RefCell<HashMap<WorkerId, Running>>,
    /// The jobs whose futures wait for their answer.
    jobs: RefCell<HashMap<JobId, Waiting>>,
    /// Commands not executed yet. A command may lead to more (an event, or a callback that
    /// calls the pool again): they wait here, so that all run in the coordinator's order.
    pending: RefCell<VecDeque<Command<ArrayBuffer>>>,
    executing: Cell<bool>,
    this: Weak<WorkerPool>,
    /// The script each worker runs (`WORKER_SCRIPT`, or `CRM_WORKER_SCRIPT`).
    script: &'static str,
}

/// A started worker and its event handlers (dropped with it).
struct Running {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

/// What a job's caller waits for.
struct Waiting {
    answer: oneshot::Sender<Result<String, JobError>>,
    on_progress: Option<OnProgress>,
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
        WorkerPool::with_script(WORKER_SCRIPT, workers)
    }

    /// Starts `workers` workers running `script` (the CRM import's pool runs
    /// `CRM_WORKER_SCRIPT`).
    ///
    /// # Errors
    /// The browser refuses to create a worker (the message says why).
    pub fn with_script(script: &'static str, workers: usize) -> Result<Rc<WorkerPool>, String> {
        let (coordinator, commands) = Coordinator::new(workers);
        let pool = Rc::new_cyclic(|this| WorkerPool {
            coordinator: RefCell::new(coordinator),
            workers: RefCell::new(HashMap::new()),
            jobs: RefCell::new(HashMap::new()),
            pending: RefCell::new(VecDeque::new()),
            executing: Cell::new(false),
            this: this.clone(),
            script,
        });
        for command in commands {
            match command {
                // Dropping the pool terminates the workers started before the one refused.
                Command::Spawn { worker } => {
                    let running = pool.spawn(worker)?;
                    pool.workers.borrow_mut().insert(worker, running);
                }
                other => pool.run(vec![other]),
            }
        }
        Ok(pool)
    }

    /// The number of workers a job uses when it does not say.
    pub fn cores(&self) -> usize {
        self.coordinator.borrow().cores()
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
        let (job, commands) =
            self.coordinator
                .borrow_mut()
                .simulate(scenario_json, runs, seed, workers);
        self.wait(job, commands, Some(Rc::new(on_progress)))
    }

    /// "Runs: automatic" (`Coordinator::simulate_automatic`), resolving to the report's JSON
    /// as `funnelcast run --precision` prints it.
    pub fn simulate_automatic_json(
        &self,
        scenario_json: String,
        spec: crate::worker::AutomaticRuns,
        seed: u64,
        workers: Option<usize>,
        on_progress: impl Fn(u32, u32) + 'static,
    ) -> impl Future<Output = Result<String, JobError>> + 'static {
        let (job, commands) =
            self.coordinator
                .borrow_mut()
                .simulate_automatic(scenario_json, spec, seed, workers);
        self.wait(job, commands, Some(Rc::new(on_progress)))
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

    /// The forecast of `settings`: its runs, or "Runs: automatic" until its precision with
    /// at most `most` runs, resolving to the report.
    pub fn simulate_settings(
        &self,
        scenario_json: String,
        settings: crate::app_model::Settings,
        most: u32,
        on_progress: impl Fn(u32, u32) + 'static,
    ) -> impl Future<Output = Result<Report, JobError>> + 'static {
        let json = match settings.precision {
            Some(tolerance) => {
                let spec = crate::worker::AutomaticRuns {
                    tolerance,
                    cap: most,
                };
                Box::pin(self.simulate_automatic_json(
                    scenario_json,
                    spec,
                    settings.seed,
                    None,
                    on_progress,
                ))
                    as std::pin::Pin<Box<dyn Future<Output = Result<String, JobError>>>>
            }
            None => Box::pin(self.simulate_json(
                scenario_json,
                settings.runs,
                settings.seed,
                None,
                on_progress,
            )),
        };
        async move {
            let json = json.await?;
            serde_json::from_str(&json).map_err(|error| {
                JobError::Failed(WorkerError::protocol(format!(
                    "cannot read the report: {error}"
                )))
            })
        }
    }

    /// Computes `decision` whole in the first worker (a sensitivity analysis: split by
    /// variant over every worker) and resolves to its answer's JSON (`crate::worker::decide`:
    /// a `ComparisonResult`, a `SensitivityReport` or a `GoalResult`, the same text either
    /// way). Supersedes the running job, like a simulation.
    pub fn decide(
        &self,
        decision: DecisionJob,
    ) -> impl Future<Output = Result<String, JobError>> + 'static {
        let (job, commands) = self.coordinator.borrow_mut().decide(decision);
        self.wait(job, commands, None)
    }

    /// Reads and calibrates a CRM export (`file`, moved to the worker) as `job` (a
    /// `worker::calibrate::CalibrationJob` as JSON) says, resolving to the
    /// `CalibrationAnswer`'s JSON; `on_progress` hears of the thousandths of the work done.
    pub fn calibrate(
        &self,
        job: String,
        file: ArrayBuffer,
        on_progress: impl Fn(u32, u32) + 'static,
    ) -> impl Future<Output = Result<String, JobError>> + 'static {
        let (id, commands) = self.coordinator.borrow_mut().calibrate(job, file);
        self.wait(id, commands, Some(Rc::new(on_progress)))
    }

    /// Stops the running job at once (its future resolves to `JobError::Cancelled`); the
    /// workers computing it are replaced by fresh ones.
    pub fn cancel(&self) {
        let commands = self.coordinator.borrow_mut().cancel();
        self.run(commands);
    }

    /// Registers the caller of `job`, executes the commands that start it, and returns the
    /// future of its answer.
    fn wait(
        &self,
        job: JobId,
        commands: Vec<Command<ArrayBuffer>>,
        on_progress: Option<OnProgress>,
    ) -> impl Future<Output = Result<String, JobError>> + 'static {
        let (answer, receiver) = oneshot::channel();
        let waiting = Waiting {
            answer,
            on_progress,
        };
        self.jobs.borrow_mut().insert(job, waiting);
        self.run(commands);
        async move { receiver.await.unwrap_or(Err(JobError::Cancelled)) }
    }

    /// Tells the coordinator what happened and executes what it says.
    fn feed(&self, event: pool::Event<ArrayBuffer>) {
        let commands = self.coordinator.borrow_mut().handle(event);
        self.run(commands);
    }

    /// Executes `commands` after those already waiting, each with nothing borrowed, so that
    /// a callback may call the pool again.
    fn run(&self, commands: Vec<Command<ArrayBuffer>>) {
        self.pending.borrow_mut().extend(commands);
        if self.executing.replace(true) {
            return; // the loop below, further up the stack, will get to them
        }
        loop {
            let next = self.pending.borrow_mut().pop_front();
            let Some(command) = next else {
                break;
            };
            self.execute(command);
        }
        self.executing.set(false);
    }

    fn execute(&self, command: Command<ArrayBuffer>) {
        match command {
            Command::Spawn { worker } => match self.spawn(worker) {
                Ok(running) => {
                    self.workers.borrow_mut().insert(worker, running);
                }
                Err(detail) => {
                    web_sys::console::error_1(&format!("cannot start a worker: {detail}").into());
                    self.feed(pool::Event::SpawnFailed { worker, detail });
                }
            },
            Command::Post {
                worker,
                request,
                attachments,
            } => {
                if let Err(detail) = self.post(worker, &request, &attachments) {
                    self.feed(pool::Event::Unsent { worker, detail });
                }
            }
            Command::Terminate { worker } => {
                let running = self.workers.borrow_mut().remove(&worker);
                if let Some(running) = running {
                    running.worker.terminate();
                }
            }
            Command::Progress { job, done, total } => {
                let on_progress = self
                    .jobs
                    .borrow()
                    .get(&job)
                    .and_then(|waiting| waiting.on_progress.clone());
                if let Some(on_progress) = on_progress {
                    on_progress(done, total);
                }
            }
            Command::Finish { job, result } => {
                let waiting = self.jobs.borrow_mut().remove(&job);
                if let Some(waiting) = waiting {
                    // The receiver may be gone (nobody waits any more): nothing to tell.
                    let _ = waiting.answer.send(result);
                }
            }
        }
    }

    /// Posts a request to a worker, its attachments transferred.
    fn post(
        &self,
        worker: WorkerId,
        request: &Request,
        attachments: &[ArrayBuffer],
    ) -> Result<(), String> {
        let text = serde_json::to_string(request)
            .map_err(|error| format!("cannot write a request: {error}"))?;
        let transfer: Array = attachments.iter().collect();
        let message = envelope(&text, &transfer).map_err(describe)?;
        let workers = self.workers.borrow();
        let Some(running) = workers.get(&worker) else {
            return Err(format!("no worker {worker}"));
        };
        running
            .worker
            .post_message_with_transfer(&message, &transfer)
            .map_err(describe)
    }

    /// Starts the worker the coordinator calls `serial`, with its event handlers.
    fn spawn(&self, serial: WorkerId) -> Result<Running, String> {
        let worker = Worker::new(self.script).map_err(describe)?;
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
        Ok(Running {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    fn on_message(&self, worker: WorkerId, data: &JsValue) {
        let parsed = open_envelope(data)
            .map_err(Some)
            .and_then(|(text, attachments)| {
                // A failure's error is read by `split::read_reply`, in a chunk of its own.
                match incoming(&text) {
                    Ok(Some(reply)) => Ok((reply, attachments)),
                    Ok(None) => {
                        let this = self.this.clone();
                        leptos::task::spawn_local(async move {
                            let reply = split::read_reply(text).await;
                            if let Some(pool) = this.upgrade() {
                                pool.feed(match reply {
                                    Ok(reply) => pool::Event::Reply {
                                        worker,
                                        reply,
                                        attachments,
                                    },
                                    Err(detail) => pool::Event::Unreadable { worker, detail },
                                });
                            }
                        });
                        Err(None)
                    }
                    Err(error) => Err(Some(format!("cannot read a worker's reply: {error}"))),
                }
            });
        self.feed(match parsed {
            Ok((reply, attachments)) => pool::Event::Reply {
                worker,
                reply,
                attachments,
            },
            Err(Some(detail)) => pool::Event::Unreadable { worker, detail },
            Err(None) => return,
        });
    }

    fn on_error(&self, worker: WorkerId, event: &Event) {
        let detail = event
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|error| error.message())
            .filter(|message| !message.is_empty())
            .unwrap_or_else(|| format!("{} (cannot load {WORKER_SCRIPT}?)", event.type_()));
        self.feed(pool::Event::Crashed { worker, detail });
    }
}

impl Drop for WorkerPool {
    fn drop(&mut self) {
        for running in self.workers.get_mut().values() {
            running.worker.terminate();
        }
    }
}

/// A worker's `Reply` as the page first reads it, `None` for a failure (`split::read_reply`
/// reads those whole): the reply's JSON read as a `serde_json::Value` and taken apart here, so
/// that neither the derived readers of the errors (`WorkerError`, `Problem`, `Rule`,
/// `Structure`) are in the wasm every visit loads, nor a second derived reader of the replies
/// (whose instantiations of serde's code would change how the worker's own are inlined, and so
/// the worker's size). The form is `Reply`'s, externally tagged: a variant `Reply` gains and
/// this lacks is a reply the page cannot read, which every job using it reports at once.
fn incoming(text: &str) -> Result<Option<Reply>, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|error| error.to_string())?;
    if value.as_str() == Some("ready") {
        return Ok(Some(Reply::Ready));
    }
    let (variant, fields) = value
        .as_object()
        .and_then(|object| object.iter().next())
        .ok_or("neither a name nor an object")?;
    let whole = |name: &str| {
        fields
            .get(name)
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| format!("{variant}: no whole number `{name}`"))
    };
    let small = |name: &str| {
        whole(name)
            .and_then(|n| u32::try_from(n).map_err(|_| format!("{variant}: `{name}` too large")))
    };
    Ok(Some(match variant.as_str() {
        "progress" => Reply::Progress {
            job: whole("job")?,
            done: small("done")?,
        },
        "batch" => Reply::Batch {
            job: whole("job")?,
            start: small("start")?,
            end: small("end")?,
            revenue: match fields.get("revenue") {
                None => Vec::new(),
                Some(list) => list
                    .as_array()
                    .and_then(|list| list.iter().map(serde_json::Value::as_f64).collect())
                    .ok_or("batch: `revenue` is not a list of numbers")?,
            },
        },
        "done" => Reply::Done {
            job: whole("job")?,
            json: fields
                .get("json")
                .and_then(serde_json::Value::as_str)
                .ok_or("done: no text `json`")?
                .to_string(),
        },
        "part" => Reply::Part {
            job: whole("job")?,
            part: small("part")?,
        },
        "failed" => return Ok(None),
        other => return Err(format!("unknown reply `{other}`")),
    }))
}

fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}

/// A worker's failure, read whole by the derived readers of the errors (`WorkerError`,
/// `Problem`, `Rule`, `Structure`), in a chunk loaded at the first failure (`super::lazy`).
#[allow(unsafe_code)]
mod split {
    use crate::worker::Reply;

    #[cfg_attr(feature = "split", leptos::lazy)]
    pub(super) async fn read_reply(text: String) -> Result<Reply, String> {
        serde_json::from_str::<Reply>(&text)
            .map_err(|error| format!("cannot read a worker's reply: {error}"))
    }
}
