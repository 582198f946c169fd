//! Decisions: plan A against its variants (coupled runs), which lever to pull first (the
//! tornado), the smallest change that reaches a revenue target, and how long an A/B test at one
//! stage must run: one file per feature. The work is `crate::decisions`; the sentences are
//! `app_model::explain`'s; the comparison, the sensitivity analysis and the goal search run in
//! the decisions' own Web Worker through the sections' jobs (`ui::job`), so that they never
//! freeze the page nor supersede the forecast.

mod compare;
mod experiment;
mod goal;
mod sensitivity;

use leptos::prelude::*;

use crate::app_model::explain::Style;
use crate::app_model::messages;
use crate::scenario::Model;
use crate::ui::state::AppState;
use crate::ui::text::t;
use crate::worker::WorkerError;

/// The page's language and currency, for the sentences (read reactively).
fn style(state: AppState) -> Style {
    Style {
        locale: state.locale.get(),
        currency: state.currency.get(),
    }
}

/// The variants' validated models, or the first variant's errors.
fn models(state: AppState) -> Result<Vec<Model>, WorkerError> {
    state.variants.with_untracked(|variants| {
        variants
            .iter()
            .enumerate()
            .map(|(index, scenario)| {
                scenario
                    .validate()
                    .map_err(|errors| WorkerError::InScenario {
                        index,
                        error: Box::new(WorkerError::Invalid { errors }),
                    })
            })
            .collect()
    })
}

/// A failed decision as the page shows it, in the page's language (read reactively).
fn failure_view(state: AppState, error: &WorkerError) -> AnyView {
    let text = messages::worker_error(state.locale.get(), error);
    view! { <p class="errors" role="alert">{text}</p> }.into_any()
}

/// The decisions panel, under the forecast.
#[component]
pub fn DecisionsPanel() -> impl IntoView {
    let state = AppState::get();
    let several = move || state.variants.with(Vec::len) > 1;
    view! {
        <section class="panel decisions-panel" aria-labelledby="decisions-heading">
            <h2 id="decisions-heading" class="visually-hidden">{move || t("compare.heading")}</h2>
            <Show when=several>
                <compare::ComparePlans />
            </Show>
            <sensitivity::SensitivitySection />
            <goal::GoalSection />
            <experiment::ExperimentSection />
        </section>
    }
}
