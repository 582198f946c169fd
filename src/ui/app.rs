//! The app's root: the state, the simulation loop and the page layout.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use super::browser;
use super::decisions_panel::DecisionsPanel;
use super::editor::EditorPanel;
use super::header::Header;
use super::persistence::{self, SharePrompt};
use super::results_panel::ResultsPanel;
use super::state::{AppState, Settings};
use super::text;
use super::toolbar::NoticeBar;
use crate::engine::{self, Report};
use crate::i18n::Locale;
use crate::i18n::format::Currency;
use crate::scenario::Scenario;

/// How long the scenario must stay unchanged before it is simulated: a slider being dragged
/// starts one simulation when it rests, not one per pixel.
const DEBOUNCE: Duration = Duration::from_millis(40);

/// Where the page keeps the user's language in the browser's local storage.
const LOCALE_KEY: &str = "funnelcast.locale";
const CURRENCY_KEY: &str = "funnelcast.currency";

/// The language remembered from the last visit, else the browser's (English by default).
fn initial_locale() -> Locale {
    browser::load(LOCALE_KEY)
        .and_then(|code| Locale::from_code(&code))
        .unwrap_or_else(|| {
            let languages = browser::languages();
            let tags: Vec<&str> = languages.iter().map(String::as_str).collect();
            Locale::from_browser(&tags)
        })
}

/// The browser's monotonic clock in milliseconds (`std::time::Instant` panics on wasm32).
pub fn now_ms() -> Option<f64> {
    Some(web_sys::window()?.performance()?.now())
}

/// Simulates `scenario` (already validated) and hands the report to `done`.
fn simulate(
    scenario: &Scenario,
    settings: Settings,
    done: impl FnOnce(Result<Report, String>) + 'static,
) {
    let model = match scenario.validate() {
        Ok(model) => model,
        Err(errors) => {
            let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
            done(Err(messages.join("; ")));
            return;
        }
    };
    // The work waits for the next frame, so that the page (and its "simulating" state) is
    // painted first.
    request_animation_frame(move || {
        set_timeout(
            move || done(Ok(engine::simulate(&model, settings.runs, settings.seed))),
            Duration::ZERO,
        );
    });
}

/// The whole page: header, editor and results.
#[component]
pub fn App() -> impl IntoView {
    let locale = initial_locale();
    let currency = browser::load(CURRENCY_KEY)
        .and_then(|code| Currency::from_code(&code))
        .unwrap_or_default();
    text::remember(locale, currency);
    let start = persistence::start();
    let state = AppState::new(start.variants, start.active, start.settings, locale);
    state.currency.set(currency);
    state.notice.set(start.notice);
    state.pending_share.set(start.pending_share);
    provide_context(state);
    persistence::keep(state);
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        persistence::receive_link(state)
    });
    on_cleanup(move || listener.remove());

    // The language is remembered; the scenario is saved on every change.
    Effect::new(move |_| {
        let locale = state.locale.get();
        text::remember(locale, state.currency.get());
        let _ = browser::save(LOCALE_KEY, locale.code());
        let _ = browser::save(CURRENCY_KEY, state.currency.get().code());
        browser::set_document_language(locale.html_lang());
    });

    // Each change gets a number; a result is shown only if no change came after its request.
    let generation = Rc::new(Cell::new(0_u64));
    let pending = Rc::new(Cell::new(None::<TimeoutHandle>));
    Effect::new(move |_| {
        let scenario = state.scenario.get();
        let settings = state.settings.get();
        let ticket = generation.get() + 1;
        generation.set(ticket);
        if let Some(handle) = pending.take() {
            handle.clear();
        }
        match scenario.validate() {
            Err(errors) => state.forecast.update(|forecast| {
                forecast.errors = errors;
                forecast.stale = true;
                forecast.progress = None;
            }),
            Ok(_) => {
                state.forecast.update(|forecast| {
                    forecast.errors.clear();
                    forecast.stale = true;
                    forecast.progress = Some((0, settings.runs));
                });
                let generation = Rc::clone(&generation);
                let handle = set_timeout_with_handle(
                    move || {
                        let started = now_ms();
                        simulate(&scenario, settings, move |result| {
                            if generation.get() != ticket {
                                return;
                            }
                            let elapsed_ms = started.zip(now_ms()).map(|(start, end)| end - start);
                            state.forecast.update(|forecast| {
                                forecast.progress = None;
                                match result {
                                    Ok(report) => {
                                        forecast.report = Some(Arc::new(report));
                                        forecast.elapsed_ms = elapsed_ms;
                                        forecast.stale = false;
                                        forecast.failure = None;
                                    }
                                    Err(message) => forecast.failure = Some(message),
                                }
                            });
                        });
                    },
                    DEBOUNCE,
                );
                pending.set(handle.ok());
            }
        }
    });

    view! {
        <Header />
        <SharePrompt />
        <NoticeBar />
        <main class="layout">
            <EditorPanel />
            <ResultsPanel />
        </main>
        <div class="layout-wide">
            <DecisionsPanel />
        </div>
    }
}
