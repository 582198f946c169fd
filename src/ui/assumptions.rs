//! The scenario's assumptions in words, shown in the printed report only (a part loaded on
//! demand by `results_panel`, with the whole English catalogue): who reads the forecast on
//! paper sees what it was simulated from. The sentences are `app_model::assumptions`.

use std::sync::Arc;

use leptos::prelude::*;

use super::state::AppState;
use super::text::t;
use crate::engine::Report;

/// The assumptions behind `report`: the scenario on screen, the report's runs and seed.
pub fn report_assumptions(report: Arc<Report>) -> AnyView {
    let state = AppState::get();
    let lines = move || {
        let lines = crate::app_model::assumptions::assumptions(
            super::text::style(),
            &state.scenario.get(),
            report.runs,
            report.seed,
        );
        lines
            .into_iter()
            .map(|line| view! { <li>{line}</li> })
            .collect_view()
    };
    view! {
        <section class="print-only assumptions" data-testid="print-assumptions">
            <h3>{move || t("report.assumptions.heading")}</h3>
            <ul>{lines}</ul>
        </section>
    }
    .into_any()
}
