//! The app's root: the state, the simulation loop and the page layout.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use super::browser;
use super::editor::EditorPanel;
use super::header::Header;
use super::job::{Pool, use_job};
use super::lazy::{Builder, Slot};
use super::persistence::{self, SharePrompt};
use super::pool::WorkerPool;
use super::results_panel::ResultsPanel;
use super::state::AppState;
use super::text;
use super::toolbar::NoticeBar;
use crate::i18n::Locale;
use crate::i18n::format::Currency;

/// How long the scenario must stay unchanged before it is simulated: a slider being dragged
/// starts one simulation when it rests, not one per pixel.
const DEBOUNCE: Duration = Duration::from_millis(40);

/// Where the page keeps the user's language in the browser's local storage.
const LOCALE_KEY: &str = "funnelcast.locale";
const CURRENCY_KEY: &str = "funnelcast.currency";

/// The language remembered from the last visit, else the browser's (English by default).
pub(super) fn initial_locale() -> Locale {
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

/// The whole page: header, editor and results.
#[component]
pub fn App() -> impl IntoView {
    let locale = initial_locale();
    let currency = browser::load(CURRENCY_KEY)
        .and_then(|code| Currency::from_code(&code))
        .unwrap_or_default();
    text::remember(locale, currency);
    let mut start = persistence::start();
    if !start.restored {
        // A first visit shows money in the currency chosen last time.
        start.work.currency = currency;
    }
    text::remember(locale, start.work.currency);
    let state = AppState::new(start.work, locale);
    state.notice.set(start.notice);
    state.pending_share.set(start.pending_share);
    provide_context(state);
    provide_context(super::teach::Open::new(start.view));
    // The simulation runs in Web Workers; without them (none can start), on the main thread.
    state.pool.set_value(
        WorkerPool::new()
            .inspect_err(|message| {
                leptos::logging::warn!("simulating on the main thread: {message}")
            })
            .ok(),
    );
    // One worker per core for decisions too: a sensitivity analysis is split over them.
    state.decisions_pool.set_value(
        WorkerPool::new()
            .inspect_err(|message| leptos::logging::warn!("deciding on the main thread: {message}"))
            .ok(),
    );
    persistence::keep(state, start.keep_stored);
    let open = use_context::<super::teach::Open>();
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        persistence::receive_link(state, open)
    });
    on_cleanup(move || listener.remove());

    // The language is remembered; the scenario is saved on every change.
    Effect::new(move |_| {
        let locale = state.locale.get();
        text::remember(locale, state.currency.get());
        let _ = browser::save(LOCALE_KEY, locale.code());
        let _ = browser::save(CURRENCY_KEY, state.currency.get().code());
        browser::set_document_language(locale.html_lang());
        browser::set_document_title(crate::i18n::t(locale, "app.title"));
    });

    // Each change is validated once here; a valid scenario is simulated after the debounce by
    // the forecast's job, which drops the answer of any run a later change made stale.
    let job = use_job(Pool::Forecast);
    let pending = Rc::new(Cell::new(None::<TimeoutHandle>));
    Effect::new(move |_| {
        let scenario = state.scenario.get();
        let validated = state.validated.get();
        let settings = state.settings.get();
        state.retry.track();
        job.invalidate();
        if let Some(handle) = pending.take() {
            handle.clear();
        }
        match validated {
            Err(errors) => state.forecast.update(|forecast| {
                forecast.errors = errors;
                forecast.stale = true;
                forecast.progress = None;
            }),
            Ok(model) => {
                state.forecast.update(|forecast| {
                    forecast.errors.clear();
                    forecast.cancelled = false;
                    forecast.stale = true;
                    // Automatic runs plan one chunk at a time: the first one is the total so far.
                    let total = match settings.precision {
                        Some(_) => crate::engine::automatic::CHUNK,
                        None => settings.runs,
                    };
                    forecast.progress = Some((0, total));
                });
                let handle = set_timeout_with_handle(
                    move || {
                        let started = now_ms();
                        let progress = move |done: u32, total: u32| {
                            state.forecast.update(|forecast| {
                                if forecast.progress.is_some() {
                                    forecast.progress = Some((done, total));
                                }
                            });
                        };
                        job.simulate(state, scenario, model, settings, progress, move |outcome| {
                            let elapsed_ms = started.zip(now_ms()).map(|(start, end)| end - start);
                            state.forecast.update(|forecast| {
                                forecast.progress = None;
                                match outcome {
                                    Ok(report) => {
                                        forecast.report = Some(Arc::new(report));
                                        forecast.elapsed_ms = elapsed_ms;
                                        forecast.stale = false;
                                        forecast.failure = None;
                                    }
                                    Err(Some(error)) => forecast.failure = Some(error),
                                    // Cancelled: the last forecast stays, marked stale.
                                    Err(None) => {}
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
        <super::update::UpdateOffer />
        // The forecast first: on a narrow screen or at a high zoom it is what a person sees
        // first (the editor follows it); on a wide screen the style puts the editor on its left.
        <super::teach::TeachArea />
        <main class="layout">
            <ResultsPanel />
            <EditorPanel />
        </main>
        <div class="layout-wide">
            {super::lazy::untracked(super::lazy::part_with_text(&DECISIONS, split::decisions_builder))}
        </div>
    }
}

thread_local! {
    /// The decisions panel's builder, once its chunk has come.
    static DECISIONS: Slot<Builder> = ArcRwSignal::new(None);
}

/// The decisions panel (comparison, tornado, goal, experiment) is in a chunk of its own, under
/// the first screen (`super::lazy`).
#[allow(unsafe_code)]
mod split {
    use leptos::prelude::*;

    use super::Builder;
    use crate::ui::decisions::DecisionsPanel;

    #[cfg_attr(feature = "split", leptos::lazy)]
    pub(super) async fn decisions_builder() -> Builder {
        fn build() -> AnyView {
            view! { <DecisionsPanel /> }.into_any()
        }
        build as Builder
    }
}
