//! The app's root: the state (scenario, settings, forecast) and the page layout.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use super::header::Header;
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

/// Validates `scenario` and simulates it: the forecast the results panel shows.
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

/// The whole page: header, scenario panel and results panel.
#[component]
pub fn App() -> impl IntoView {
    let (scenario, _set_scenario) = signal(presets::default_scenario());
    let (settings, _set_settings) = signal(Settings::default());
    let (forecast, set_forecast) = signal(Forecast::Running);

    // Simulate whenever the scenario or the settings change. The work waits for the next
    // frame, so that the page (and its "simulating" state) is painted first.
    Effect::new(move |_| {
        let scenario = scenario.get();
        let settings = settings.get();
        set_forecast.set(Forecast::Running);
        request_animation_frame(move || {
            set_timeout(
                move || set_forecast.set(run_forecast(&scenario, settings)),
                Duration::ZERO,
            );
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
