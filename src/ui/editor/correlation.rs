//! "Lead quality ties the stages together": the scenario's `rate_correlation` as a menu (none,
//! weak, moderate, strong, or the scenario's own value; `app_model::correlation`), set by
//! `Action::SetRateCorrelation`, with what the ties do to the revenue range, from the same
//! scenario simulated with and without them on the same leads (a comparison in the decisions'
//! workers). A part of its own inside the editor's stages, loaded on demand with the whole English
//! catalogue (its texts are not embedded in the first module).

use leptos::prelude::*;

use crate::app_model::action::Action;
use crate::app_model::correlation;
use crate::decisions::Comparison;
use crate::ui::job::{Outcome, Pool, use_job};
use crate::ui::state::AppState;
use crate::ui::text::locale;
use crate::worker::{ComparisonResult, DecisionJob};

/// Runs of the comparison behind the range sentence.
const RUNS: u32 = 2_000;

#[component]
pub fn CorrelationControl() -> impl IntoView {
    let state = AppState::get();
    let job = use_job(Pool::Decisions);
    let current = Signal::derive(move || state.scenario.with(|s| s.rate_correlation));
    let uncertain = Signal::derive(move || {
        state.scenario.with(|s| {
            s.stages
                .iter()
                .any(|stage| !matches!(stage.conversion, crate::scenario::Rate::Fixed(_)))
        })
    });
    let sentence = RwSignal::new(None::<String>);
    // With ties, the same scenario with none beside it: the revenue ranges side by side.
    Effect::new(move |_| {
        let scenario = state.scenario.get();
        let seed = state.settings.with(|s| s.seed);
        let tie = scenario.rate_correlation.unwrap_or(0.0);
        sentence.set(None);
        if tie == 0.0 || scenario.validate().is_err() {
            job.invalidate();
            return;
        }
        let mut without = scenario.clone();
        without.rate_correlation = None;
        let decision = DecisionJob::Compare {
            scenarios: vec![without.to_json(), scenario.to_json()],
            runs: RUNS,
            seed,
        };
        job.decide(
            state,
            decision,
            move |outcome: Outcome<ComparisonResult>| {
                if let Ok(ComparisonResult {
                    comparison: Comparison { reports, .. },
                    ..
                }) = outcome
                    && let [none, tied] = reports.as_slice()
                {
                    sentence.set(correlation::range_sentence(
                        locale(),
                        tie,
                        (tied.revenue.p5, tied.revenue.p95),
                        (none.revenue.p5, none.revenue.p95),
                    ));
                }
            },
        );
    });
    view! {
        <div class="field correlation" data-testid="correlation">
            <label class="field-label" for="correlation-menu">{move || correlation::label(locale())}</label>
            <select
                id="correlation-menu"
                data-testid="correlation-menu"
                disabled=move || !uncertain.get()
                on:change=move |event| {
                    if let Ok(value) = event_target_value(&event).parse::<f64>() {
                        state.act(Action::SetRateCorrelation(value));
                    }
                }
            >
                {move || {
                    correlation::choices(locale(), current.get())
                        .into_iter()
                        .map(|choice| {
                            view! {
                                <option value=choice.correlation.to_string() selected=choice.selected>
                                    {choice.text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <p class="hint">{move || correlation::help(locale())}</p>
            {move || sentence.get().map(|text| view! { <p class="note" data-testid="correlation-range">{text}</p> })}
        </div>
    }
}
