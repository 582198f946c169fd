//! The app's root: the state (scenario, settings, forecast) and the page layout.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::header::Header;
use super::pool::{JobError, WorkerPool};
use super::results_panel::ResultsPanel;
use super::scenario_panel::ScenarioPanel;
use crate::engine::{self, Report};
use crate::scenario::{Scenario, presets};

/// How the forecast is computed: the number of simulated runs and the seed they start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub runs: u32,
    pub seed: u64,
}

impl Default for Settings {
    fn default() -> Settings {
        // A fixed seed: the same scenario always gives the same forecast, on every machine.
        Settings {
            runs: 2_000,
            seed: 1,
        }
    }
}

/// Where the forecast of the current scenario stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Forecast {
    /// The simulation has not finished yet.
    Running,
    /// The forecast, and how long the simulation took in milliseconds (when the browser's
    /// clock could be read).
    Ready {
        report: Arc<Report>,
        elapsed_ms: Option<f64>,
    },
    /// The scenario breaks these rules ("path: message"), so nothing was simulated.
    Invalid(Vec<String>),
}

/// How far the running simulation is: runs done and runs in all (both 0 before the first
/// progress report). The app provides it as a `ReadSignal<Progress>` context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
}

/// Validates `scenario` and simulates it on the main thread: the forecast the results panel
/// shows when no Web Worker can run.
pub fn run_forecast(scenario: &Scenario, settings: Settings) -> Forecast {
    let model = match scenario.validate() {
        Ok(model) => model,
        Err(errors) => return Forecast::Invalid(errors.iter().map(ToString::to_string).collect()),
    };
    let started = now_ms();
    let report = engine::simulate(&model, settings.runs, settings.seed);
    let elapsed_ms = started.zip(now_ms()).map(|(start, end)| end - start);
    Forecast::Ready {
        report: Arc::new(report),
        elapsed_ms,
    }
}

/// The browser's monotonic clock in milliseconds (`std::time::Instant` panics on wasm32).
fn now_ms() -> Option<f64> {
    Some(web_sys::window()?.performance()?.now())
}

/// Simulates on the main thread after the next frame, so that the page (and its
/// "simulating" state) is painted first.
fn simulate_on_main_thread(
    scenario: Scenario,
    settings: Settings,
    set_forecast: WriteSignal<Forecast>,
) {
    request_animation_frame(move || {
        set_timeout(
            move || set_forecast.set(run_forecast(&scenario, settings)),
            Duration::ZERO,
        );
    });
}

/// The whole page: header, scenario panel and results panel.
#[component]
pub fn App() -> impl IntoView {
    let (scenario, _set_scenario) = signal(presets::default_scenario());
    let (settings, _set_settings) = signal(Settings::default());
    let (forecast, set_forecast) = signal(Forecast::Running);
    let (progress, set_progress) = signal(Progress::default());
    provide_context(progress);
    // The simulation runs in Web Workers; without them (none can start), on the main thread.
    let pool = WorkerPool::new()
        .inspect_err(|message| leptos::logging::warn!("simulating on the main thread: {message}"))
        .ok();

    // Simulate whenever the scenario or the settings change; a new simulation supersedes the
    // running one.
    Effect::new(move |_| {
        let scenario = scenario.get();
        let settings = settings.get();
        set_forecast.set(Forecast::Running);
        set_progress.set(Progress {
            done: 0,
            total: settings.runs,
        });
        let Some(pool) = pool.clone() else {
            simulate_on_main_thread(scenario, settings, set_forecast);
            return;
        };
        if let Err(errors) = scenario.validate() {
            set_forecast.set(Forecast::Invalid(
                errors.iter().map(ToString::to_string).collect(),
            ));
            return;
        }
        let started = now_ms();
        let job = pool.simulate(
            scenario.to_json(),
            settings.runs,
            settings.seed,
            None,
            move |done, total| set_progress.set(Progress { done, total }),
        );
        spawn_local(async move {
            match job.await {
                Ok(report) => set_forecast.set(Forecast::Ready {
                    report: Arc::new(report),
                    elapsed_ms: started.zip(now_ms()).map(|(start, end)| end - start),
                }),
                // A newer simulation took its place and will set the forecast.
                Err(JobError::Cancelled) => {}
                Err(JobError::Failed(message)) => {
                    set_forecast.set(Forecast::Invalid(vec![message]))
                }
                Err(JobError::Unavailable(reason)) => {
                    leptos::logging::warn!("simulating on the main thread: {reason}");
                    simulate_on_main_thread(scenario, settings, set_forecast);
                }
            }
        });
    });

    view! {
        <Header />
        <main class="layout">
            <ScenarioPanel scenario=scenario />
            <ResultsPanel forecast=forecast settings=settings />
        </main>
    }
}
