//! The app's state: a few signals shared through Leptos context, everything else derived.

use std::sync::Arc;

use leptos::prelude::*;

use std::rc::Rc;

use super::pool::WorkerPool;
use crate::app_model::history::History;
use crate::app_model::share::Shared;
use crate::engine::Report;
use crate::i18n::Locale;
use crate::i18n::format::Currency;
use crate::scenario::{FieldError, Scenario};
use crate::worker::WorkerError;

pub use crate::app_model::{MAX_RUNS, Settings};

/// What the results panel shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Forecast {
    /// The last forecast computed, kept on screen while a new one runs or while the scenario
    /// is invalid.
    pub report: Option<Arc<Report>>,
    /// How long the last forecast took, in milliseconds, when the clock could be read.
    pub elapsed_ms: Option<f64>,
    /// The report no longer matches the scenario (edited since, or invalid now).
    pub stale: bool,
    /// A simulation is under way: runs done and runs asked for.
    pub progress: Option<(u32, u32)>,
    /// Why the current scenario cannot be simulated (empty when it can).
    pub errors: Vec<FieldError>,
    /// A simulation failed for another reason (why, written in the page's language when shown).
    pub failure: Option<WorkerError>,
    /// The user cancelled the last simulation.
    pub cancelled: bool,
}

impl Forecast {
    /// The state the page's tests read: running, invalid, ready or empty.
    pub fn state(&self) -> &'static str {
        if !self.errors.is_empty() {
            "invalid"
        } else if self.progress.is_some() {
            "running"
        } else if self.report.is_some() && !self.stale {
            "ready"
        } else if self.cancelled {
            "cancelled"
        } else if self.failure.is_some() {
            "failed"
        } else {
            "empty"
        }
    }
}

/// The state every component reaches through `use_context::<AppState>()`.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// Plan A and its variants (B, C, ...): at least one scenario.
    pub variants: RwSignal<Vec<Scenario>>,
    /// Which variant the editor shows and the forecast is of.
    pub active: RwSignal<usize>,
    /// The active variant.
    pub scenario: Memo<Scenario>,
    pub settings: RwSignal<Settings>,
    /// The page's language.
    pub locale: RwSignal<Locale>,
    /// The currency money is shown in.
    pub currency: RwSignal<Currency>,
    pub forecast: RwSignal<Forecast>,
    /// The revenue target the distribution chart measures the forecast against.
    pub target: RwSignal<Option<f64>>,
    /// Undo and redo of the work (plan A and its variants).
    pub history: StoredValue<History<Vec<Scenario>>>,
    /// The next change of the work is an undo or redo, not an edit to record.
    pub replaying: StoredValue<bool>,
    /// The Web Workers that simulate (`None`: on the main thread).
    pub pool: StoredValue<Option<Rc<WorkerPool>>, LocalStorage>,
    /// The Web Worker that computes decisions (comparison, sensitivity, goal), apart from the
    /// simulation's so that a decision never supersedes the forecast (`None`: on the main
    /// thread).
    pub decisions_pool: StoredValue<Option<Rc<WorkerPool>>, LocalStorage>,
    /// A share link waiting for the user's word before it replaces their saved work.
    pub pending_share: RwSignal<Option<Shared>>,
    /// A message for the user about an action (an import that failed, a link copied).
    pub notice: RwSignal<Option<Notice>>,
}

/// A message about an action the user took.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

impl Notice {
    pub fn error(text: String) -> Option<Notice> {
        Some(Notice { error: true, text })
    }

    pub fn info(text: String) -> Option<Notice> {
        Some(Notice { error: false, text })
    }
}

impl AppState {
    /// The state from context (the `App` component provides it).
    pub fn get() -> AppState {
        expect_context::<AppState>()
    }

    /// A state holding `variants` (plan A first; at least one), showing `active`.
    pub fn new(
        variants: Vec<Scenario>,
        active: usize,
        settings: Settings,
        locale: Locale,
    ) -> AppState {
        let variants = if variants.is_empty() {
            vec![crate::scenario::presets::default_scenario()]
        } else {
            variants
        };
        let active = RwSignal::new(active.min(variants.len() - 1));
        let history = StoredValue::new(History::new(variants.clone()));
        let variants = RwSignal::new(variants);
        let scenario = Memo::new(move |_| {
            variants.with(|variants| {
                let index = active.get().min(variants.len().saturating_sub(1));
                variants
                    .get(index)
                    .cloned()
                    .unwrap_or_else(crate::scenario::presets::default_scenario)
            })
        });
        AppState {
            variants,
            active,
            scenario,
            settings: RwSignal::new(settings),
            locale: RwSignal::new(locale),
            currency: RwSignal::new(Currency::None),
            forecast: RwSignal::new(Forecast::default()),
            notice: RwSignal::new(None),
            target: RwSignal::new(None),
            pending_share: RwSignal::new(None),
            pool: StoredValue::new_local(None),
            decisions_pool: StoredValue::new_local(None),
            history,
            // The first save of the work is not an edit.
            replaying: StoredValue::new(true),
        }
    }

    /// Changes the active scenario with `edit`.
    pub fn edit(&self, edit: impl FnOnce(&mut Scenario)) {
        let index = self.active.get_untracked();
        self.variants.update(|variants| {
            if let Some(scenario) = variants.get_mut(index) {
                edit(scenario);
            }
        });
    }

    /// Replaces the whole work (plan A and its variants) by `scenario` alone.
    pub fn replace(&self, scenario: Scenario) {
        self.active.set(0);
        self.variants.set(vec![scenario]);
    }
}

/// The errors whose path is `path` or lies under it (`stages[1].conversion` holds
/// `stages[1].conversion.beta.alpha`).
pub fn errors_at<'a>(errors: &'a [FieldError], path: &str) -> Vec<&'a FieldError> {
    errors
        .iter()
        .filter(|error| {
            error.path == path
                || error
                    .path
                    .strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
        .collect()
}
