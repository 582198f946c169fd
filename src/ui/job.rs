//! The one way the page runs work off the main thread: a `Job` per place that asks for it (the
//! forecast, each decision section), owning the choice of pool, the main-thread fallback, the
//! superseding of its previous run and the dropping of stale answers.
//!
//! `use_job` gives a section its job. `simulate` and `decide` start a run: the forecast's
//! pool (one worker per core) or the decisions' pool (one worker per core too, a pool of its
//! own so that a decision never supersedes the forecast), or the main thread when no worker can start (after the page has
//! painted its "working" state). A new run or `invalidate` makes every earlier run stale: its
//! progress and answer never reach the page. `running` is true from a run's start to the end
//! of the latest run.

use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;

use super::pool::{JobError, WorkerPool};
use super::state::AppState;
use crate::engine::{self, Report};
use crate::scenario::Scenario;
use crate::worker::{DecisionJob, WorkerError};

use super::state::Settings;

/// Which of the page's pools a job runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pool {
    /// The forecast's workers, one per core.
    Forecast,
    /// The decisions' workers.
    Decisions,
}

/// How a run ended, for the place that started it: its answer, or why it has none.
/// `Err(None)`: the person cancelled it.
pub type Outcome<T> = Result<T, Option<WorkerError>>;

/// A place's runs: the latest one is the only one heard.
#[derive(Clone, Copy)]
pub struct Job {
    pool: Pool,
    ticket: StoredValue<u64>,
    running: RwSignal<bool>,
}

/// The job of the component calling it (dropped with it: an answer arriving after the
/// component is gone is ignored).
pub fn use_job(pool: Pool) -> Job {
    Job {
        pool,
        ticket: StoredValue::new(0),
        running: RwSignal::new(false),
    }
}

/// The performance mark set when a decision's answer (or failure) reaches the page, before it
/// is shown: profiles and the end-to-end tests measure the main thread up to it.
pub const ANSWER_MARK: &str = "funnelcast:decision-answer";

fn mark_answer() {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        // A mark is only a measuring aid: a browser that refuses it changes nothing.
        let _ = performance.mark(ANSWER_MARK);
    }
}

/// Runs `work` after the page has painted its "working" state.
fn later(work: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(work, Duration::ZERO));
}

impl Job {
    /// Whether a run is under way (reactive).
    pub fn running(self) -> Signal<bool> {
        self.running.into()
    }

    /// Earlier runs are stale from now on (what they were asked about has changed).
    pub fn invalidate(self) {
        self.ticket.update_value(|ticket| *ticket += 1);
        self.running.set(false);
    }

    /// A new run's ticket; earlier runs are stale.
    fn start(self) -> u64 {
        self.ticket.update_value(|ticket| *ticket += 1);
        self.running.set(true);
        self.ticket.try_get_value().unwrap_or_default()
    }

    /// Whether `ticket` is still the latest run (and the component is still on the page).
    fn current(self, ticket: u64) -> bool {
        self.ticket.try_get_value() == Some(ticket)
    }

    /// Hands `outcome` to `done` if the run is still the latest; ends `running`.
    fn finish<T>(self, ticket: u64, outcome: Outcome<T>, done: impl FnOnce(Outcome<T>)) {
        if self.current(ticket) {
            self.running.set(false);
            done(outcome);
        }
    }

    fn pool(self, state: AppState) -> Option<Rc<WorkerPool>> {
        match self.pool {
            Pool::Forecast => state.pool.get_value(),
            Pool::Decisions => state.decisions_pool.get_value(),
        }
    }

    /// Simulates the valid `model` of `scenario` with `settings`; `progress` hears of the runs
    /// done, `done` of the report.
    pub fn simulate(
        self,
        state: AppState,
        scenario: Scenario,
        model: crate::scenario::Model,
        settings: Settings,
        progress: impl Fn(u32, u32) + 'static,
        done: impl FnOnce(Outcome<Report>) + 'static,
    ) {
        let ticket = self.start();
        let most = settings.most_runs(&model);
        let on_main_thread = move |done: Box<dyn FnOnce(Outcome<Report>)>| {
            later(move || {
                spawn_local(async move {
                    let report = split::simulate_here(model, settings).await;
                    self.finish(ticket, Ok(report), done);
                })
            });
        };
        let Some(pool) = self.pool(state) else {
            on_main_thread(Box::new(done));
            return;
        };
        let progress = move |finished: u32, total: u32| {
            if self.current(ticket) {
                progress(finished, total);
            }
        };
        let run = pool.simulate_settings(scenario.to_json(), settings, most, progress);
        spawn_local(async move {
            match run.await {
                // The report was read in this task; it is shown in a task of its own, so that
                // neither reading a long funnel's report nor building its figures holds the
                // main thread for long.
                Ok(report) => set_timeout(
                    move || self.finish(ticket, Ok(report), done),
                    Duration::ZERO,
                ),
                Err(JobError::Cancelled) => self.finish(ticket, Err(None), done),
                Err(JobError::Failed(error)) => self.finish(ticket, Err(Some(error)), done),
                Err(JobError::Unavailable(reason)) => {
                    leptos::logging::warn!("simulating on the main thread: {reason}");
                    on_main_thread(Box::new(done));
                }
            }
        });
    }

    /// Computes `decision` and hands `done` its answer, read as `T`.
    pub fn decide<T: DeserializeOwned + 'static>(
        self,
        state: AppState,
        decision: DecisionJob,
        done: impl FnOnce(Outcome<T>) + 'static,
    ) {
        let ticket = self.start();
        let read = |json: String| {
            serde_json::from_str::<T>(&json)
                .map_err(|error| WorkerError::protocol(format!("cannot read the answer: {error}")))
        };
        let on_main_thread = move |decision: DecisionJob, done: Box<dyn FnOnce(Outcome<T>)>| {
            later(move || {
                spawn_local(async move {
                    let answer = split::decide_here(decision)
                        .await
                        .and_then(read)
                        .map_err(Some);
                    mark_answer();
                    self.finish(ticket, answer, done);
                })
            });
        };
        let Some(pool) = self.pool(state) else {
            on_main_thread(decision, Box::new(done));
            return;
        };
        let run = pool.decide(decision.clone());
        spawn_local(async move {
            match run.await {
                Ok(json) => {
                    mark_answer();
                    self.finish(ticket, read(json).map_err(Some), done);
                }
                Err(JobError::Cancelled) => self.finish(ticket, Err(None), done),
                Err(JobError::Failed(error)) => {
                    mark_answer();
                    self.finish(ticket, Err(Some(error)), done);
                }
                Err(JobError::Unavailable(reason)) => {
                    leptos::logging::warn!("deciding on the main thread: {reason}");
                    on_main_thread(decision, Box::new(done));
                }
            }
        });
    }
}

/// The forecast computed on the page's own thread (no workers): the runs of `settings`, or
/// "Runs: automatic" chunk after chunk, with the same report the workers give.
fn simulate_here(model: &crate::scenario::Model, settings: Settings) -> Report {
    let automatic = settings.precision.and_then(|precision| {
        engine::automatic::Automatic::new(precision, settings.most_runs(model)).ok()
    });
    match automatic {
        Some(automatic) => {
            let simulation = engine::Simulation::new(model);
            let seed = settings.seed;
            simulation.automatic(seed, automatic, |runs| vec![simulation.batch(seed, runs)])
        }
        None => engine::simulate(model, settings.runs, settings.seed),
    }
}

/// The main-thread fallback's engine and decisions are in a chunk loaded only when no worker
/// can start, not in the wasm every visit loads (`super::lazy`).
#[allow(unsafe_code)]
mod split {
    use super::Settings;
    use crate::engine::Report;
    use crate::scenario::Model;
    use crate::worker::{DecisionJob, WorkerError};

    #[cfg_attr(feature = "split", leptos::lazy)]
    pub(super) async fn simulate_here(model: Model, settings: Settings) -> Report {
        super::simulate_here(&model, settings)
    }

    #[cfg_attr(feature = "split", leptos::lazy)]
    pub(super) async fn decide_here(decision: DecisionJob) -> Result<String, WorkerError> {
        crate::worker::decide(&decision)
    }
}
