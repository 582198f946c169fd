//! The app's state: a few signals shared through Leptos context, everything else derived.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use std::rc::Rc;

use super::pool::WorkerPool;
use crate::app_model::action::{Action, ActionError, Editing, Work};
use crate::app_model::messages;
use crate::app_model::share::Shared;
use crate::engine::Report;
use crate::i18n::Locale;
use crate::i18n::format::Currency;
use crate::scenario::{FieldError, Model, Scenario};
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
    /// The active variant validated: once per change, for everything that needs the model
    /// (the forecast, the decisions) or its errors (the fields).
    pub validated: Memo<Result<Model, Vec<FieldError>>>,
    pub settings: RwSignal<Settings>,
    /// The page's language.
    pub locale: RwSignal<Locale>,
    /// The currency money is shown in.
    pub currency: RwSignal<Currency>,
    pub forecast: RwSignal<Forecast>,
    /// The revenue target the distribution chart measures the forecast against.
    pub target: RwSignal<Option<f64>>,
    /// The work with its undo history (`app_model::action::Editing`): every change goes
    /// through `dispatch`, which mirrors the result into the signals above.
    pub editing: StoredValue<Editing>,
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
    /// Fields whose typed text cannot be read (by path, with the field's message): the
    /// forecast no longer matches what the person sees, so it is marked stale as for an
    /// invalid value.
    pub unreadable: RwSignal<BTreeMap<String, String>>,
    /// Bumped by "Try again" after a failed simulation: the forecast runs again unchanged.
    pub retry: RwSignal<u32>,
    /// The forecast's field errors, changing only when they do (not with each progress step
    /// of a run): what the editor's fields show under them. Thousands of fields follow it in
    /// a long funnel, and each change a signal broadcasts costs each of its followers a walk
    /// through its list of followers.
    pub field_errors: Memo<Vec<FieldError>>,
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

    /// A state holding `work`, in `locale`.
    pub fn new(work: Work, locale: Locale) -> AppState {
        let work = Work::new(work.variants.clone(), work.active, work.settings)
            .with_view(work.currency, work.target);
        let (variants, active, settings) = (work.variants.clone(), work.active, work.settings);
        let (currency, target) = (work.currency, work.target);
        let editing = StoredValue::new(Editing::new(work));
        let active = RwSignal::new(active);
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
        let validated = Memo::new(move |_| scenario.with(Scenario::validate));
        let forecast = RwSignal::new(Forecast::default());
        AppState {
            variants,
            active,
            scenario,
            validated,
            settings: RwSignal::new(settings),
            locale: RwSignal::new(locale),
            currency: RwSignal::new(currency),
            forecast,
            field_errors: Memo::new(move |_| forecast.with(|forecast| forecast.errors.clone())),
            notice: RwSignal::new(None),
            unreadable: RwSignal::new(BTreeMap::new()),
            retry: RwSignal::new(0),
            target: RwSignal::new(target),
            pending_share: RwSignal::new(None),
            pool: StoredValue::new_local(None),
            decisions_pool: StoredValue::new_local(None),
            editing,
        }
    }

    /// Applies `action` to the work (`app_model::action::apply`, with default names in the
    /// page's language), records it as an undo step, and updates what changed. The only way
    /// the page changes the work.
    ///
    /// # Errors
    /// Why the action was refused; the work is then unchanged.
    pub fn dispatch(&self, action: Action) -> Result<(), ActionError> {
        let now_ms = js_sys::Date::now().max(0.0) as u64;
        let locale = self.locale.get_untracked();
        let mut outcome = Ok(());
        self.editing.update_value(|editing| {
            outcome = editing.dispatch(&action, locale, now_ms);
        });
        outcome?;
        let next = self.editing.with_value(|editing| editing.work.clone());
        if next.active != self.active.get_untracked() {
            self.active.set(next.active);
        }
        if next.settings != self.settings.get_untracked() {
            self.settings.set(next.settings);
        }
        if next.currency != self.currency.get_untracked() {
            self.currency.set(next.currency);
        }
        if next.target != self.target.get_untracked() {
            self.target.set(next.target);
        }
        if self
            .variants
            .with_untracked(|variants| *variants != next.variants)
        {
            self.variants.set(next.variants);
        }
        Ok(())
    }

    /// Records that the field at `path` holds text it cannot read (`Some(message)`), or no
    /// longer does (`None`).
    pub fn report_typed(&self, path: &str, problem: Option<String>) {
        let known = self
            .unreadable
            .with_untracked(|unreadable| unreadable.get(path).cloned());
        if known == problem {
            return;
        }
        self.unreadable.update(|unreadable| match problem {
            Some(message) => {
                unreadable.insert(path.to_string(), message);
            }
            None => {
                unreadable.remove(path);
            }
        });
    }

    /// The whole work as it stands (read without tracking).
    pub fn work(&self) -> Work {
        self.editing.with_value(|editing| editing.work.clone())
    }

    /// Dispatches `action`; a refusal is shown in the notice bar (for actions whose controls
    /// cannot show a message of their own).
    pub fn act(&self, action: Action) {
        if let Err(error) = self.dispatch(action) {
            let text = messages::action_error(self.locale.get_untracked(), &error);
            self.notice.set(Notice::error(text));
        }
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
