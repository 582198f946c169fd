//! The experiment planner: how many leads, and how many days of the stage's traffic, an A/B
//! test at one stage needs to see a given uplift (computed on the page: it is instant).

use leptos::prelude::*;

use super::{failure_view, style};
use crate::app_model::explain;
use crate::decisions::{
    DecisionError, ExperimentRequest, StageExperiment, Uplift, plan_stage_experiment,
};
use crate::ui::editor::NumberField;
use crate::ui::state::AppState;
use crate::ui::text::{percent, t};
use crate::worker::WorkerError;

/// How many leads and days an A/B test at one stage needs.
#[component]
pub fn ExperimentSection() -> impl IntoView {
    let state = AppState::get();
    let (stage, set_stage) = signal(0_usize);
    let uplift = RwSignal::new(2.0_f64);
    let (relative, set_relative) = signal(false);
    let alpha = RwSignal::new(0.05_f64);
    let power = RwSignal::new(0.8_f64);
    // A variant that changes a conversion proposes its own test: that stage, from plan A's
    // rate, by the variant's change.
    let proposal = Memo::new(move |_| {
        let active = state.active.get();
        state.variants.with(|variants| {
            (active > 0)
                .then(|| explain::experiment_from_variant(variants.first()?, variants.get(active)?))
                .flatten()
        })
    });
    Effect::new(move |_| {
        if let Some((index, points)) = proposal.get() {
            set_stage.set(index);
            set_relative.set(false);
            uplift.set((points * 100.0).round() / 100.0);
        }
    });
    let names = move || {
        state.scenario.with(|s| {
            s.stages
                .iter()
                .map(|stage| stage.name.clone())
                .collect::<Vec<_>>()
        })
    };
    let inputs = move || {
        // From plan A's rate when the test is the variant's change, else the shown scenario's.
        let model = match proposal.get() {
            Some(_) => state
                .variants
                .with(|variants| variants.first()?.validate().ok())?,
            None => state.validated.get().ok()?,
        };
        let index = stage.get().min(model.stages.len().checked_sub(1)?);
        let baseline = model.stages.get(index)?.conversion.mean();
        let change = uplift.get();
        let mut request = ExperimentRequest::new(
            baseline,
            if relative.get() {
                Uplift::Relative(change)
            } else {
                Uplift::Points(change)
            },
        );
        request.alpha = alpha.get();
        request.power = power.get();
        Some((model, index, baseline, request))
    };
    // The plan needs the closed-form traffic of the stage, which for a long funnel is several
    // milliseconds: it is computed in a task of its own after each change (the latest one
    // asked for), not in the task of the change.
    let (outcome_now, set_outcome) = signal(None::<(f64, Result<StageExperiment, DecisionError>)>);
    let asked = StoredValue::new(0_u64);
    Effect::new(move |_| {
        let inputs = inputs();
        let turn = asked.get_value().wrapping_add(1);
        asked.set_value(turn);
        set_timeout(
            move || {
                if asked.try_get_value() != Some(turn) {
                    return;
                }
                let outcome = inputs.map(|(model, index, baseline, request)| {
                    (baseline, plan_stage_experiment(&model, index, &request))
                });
                set_outcome.try_set(outcome);
            },
            std::time::Duration::ZERO,
        );
    });
    let outcome = move || outcome_now.get();
    let text = move || {
        outcome().map(|(baseline, result)| match result {
            Err(error) => failure_view(state, &WorkerError::Decision(error)),
            Ok(plan) => {
                let style = style(state);
                let horizon = state
                    .scenario
                    .with(|s| u32::try_from(s.horizon_days.max(0)).unwrap_or(u32::MAX));
                let size = explain::experiment_size(style, &plan.plan);
                let duration = explain::experiment_duration(style, &plan, horizon);
                view! {
                    <p data-testid="experiment-result">
                        {t("experiment.baseline")} ": " {percent(baseline, 1)} ". "
                        <strong>{size}</strong>
                    </p>
                    <p data-testid="experiment-duration">{duration}</p>
                }
                .into_any()
            }
        })
    };
    view! {
        <div class="decision" data-testid="experiment">
            <h3>{move || t("experiment.heading")}</h3>
            <p class="note">{move || t("experiment.help")}</p>
            {move || proposal.get().map(|(_, points)| {
                let change = crate::ui::text::tf(
                    "experiment.variant_change",
                    &[("points", crate::ui::text::number(points, 2))],
                );
                view! {
                    <p class="note" data-testid="experiment-from-variant">
                        {crate::ui::text::tf("experiment.from_variant", &[("change", change)])}
                    </p>
                }
            })}
            <div class="field-grid">
                <label class="field">
                    <span class="field-label">{move || t("experiment.stage")}</span>
                    <select data-testid="experiment-stage" on:change=move |ev| {
                        if let Ok(index) = event_target_value(&ev).parse::<usize>() {
                            set_stage.set(index);
                        }
                    }>
                        {move || names()
                            .into_iter()
                            .enumerate()
                            .map(|(index, name)| view! { <option value=index.to_string() selected=move || stage.get() == index>{name}</option> })
                            .collect_view()}
                    </select>
                </label>
                <NumberField
                    label="experiment.uplift"
                    value=Signal::derive(move || uplift.get())
                    on_set=Callback::new(move |value: f64| uplift.set(value))
                    path="experiment.uplift".to_string()
                />
                <label class="field">
                    <span class="field-label">" "</span>
                    <select
                        aria-label=move || t("experiment.uplift.kind")
                        on:change=move |ev| set_relative.set(event_target_value(&ev) == "relative")
                    >
                        <option value="points">{move || t("experiment.uplift.absolute")}</option>
                        <option value="relative">{move || t("experiment.uplift.relative")}</option>
                    </select>
                </label>
                <NumberField
                    label="experiment.significance"
                    value=Signal::derive(move || alpha.get())
                    on_set=Callback::new(move |value: f64| alpha.set(value))
                    path="experiment.alpha".to_string()
                    unit="unit.percent"
                    scale=100.0
                />
                <NumberField
                    label="experiment.power"
                    value=Signal::derive(move || power.get())
                    on_set=Callback::new(move |value: f64| power.set(value))
                    path="experiment.power".to_string()
                    unit="unit.percent"
                    scale=100.0
                />
            </div>
            {text}
        </div>
    }
}
