//! Goal seeking: the smallest change of one lever (a stage's conversion, a source's volume)
//! that reaches a revenue target with a chosen probability, searched in the decisions' worker.

use leptos::prelude::*;

use super::{failure_view, style};
use crate::app_model::action::Action;
use crate::app_model::explain::{self, GoalQuestion};
use crate::decisions::{ConversionMode, GoalRequest, GoalResult, Lever, LeverKind};
use crate::ui::editor::NumberField;
use crate::ui::job::{Outcome, Pool, use_job};
use crate::ui::state::AppState;
use crate::ui::text::t;
use crate::worker::{DecisionJob, WorkerError};

/// The smallest change of one lever that reaches a revenue target with a chosen probability.
#[component]
pub fn GoalSection() -> impl IntoView {
    let state = AppState::get();
    let (choice, set_choice) = signal(0_usize);
    let probability = RwSignal::new(0.8_f64);
    let (result, set_result) = signal(None::<Result<(GoalQuestion, GoalResult), WorkerError>>);
    // The levers goal seeking takes: each stage's conversion (in points), each source's volume.
    let levers = move || {
        state.scenario.with(|s| {
            let stages = s.stages.iter().enumerate().map(|(stage, item)| {
                (
                    Lever::Conversion {
                        stage,
                        mode: ConversionMode::Points,
                    },
                    explain::lever_label(style(state), LeverKind::Conversion, &item.name),
                )
            });
            let sources = s.sources.iter().enumerate().map(|(source, item)| {
                (
                    Lever::Volume { source },
                    explain::lever_label(style(state), LeverKind::Volume, &item.name),
                )
            });
            stages.chain(sources).collect::<Vec<_>>()
        })
    };
    let job = use_job(Pool::Decisions);
    let running = job.running();
    Effect::new(move |_| {
        state.scenario.track();
        job.invalidate();
        set_result.set(None);
    });
    let run = move |_| {
        let Some((lever, _)) = levers().get(choice.get_untracked()).cloned() else {
            return;
        };
        let settings = state.settings.get_untracked();
        let scenario = state.scenario.get_untracked();
        // The same target as the revenue distribution's, above.
        let goal = state.target.get_untracked().unwrap_or(0.0);
        let chance = probability.get_untracked();
        if let Err(errors) = state.validated.get_untracked() {
            set_result.set(Some(Err(WorkerError::Invalid { errors })));
            return;
        }
        let request = GoalRequest {
            lever,
            target_revenue: goal,
            probability: chance,
            runs: settings.runs.min(2_000),
            seed: settings.seed,
            max_change: None,
            tolerance: None,
        };
        let decision = DecisionJob::Goal {
            scenario: scenario.to_json(),
            request,
        };
        let question = GoalQuestion {
            lever,
            target: goal,
            probability: chance,
        };
        job.decide(
            state,
            decision,
            move |outcome: Outcome<GoalResult>| match outcome {
                // The answer at full precision beside the sentence, for the browser tests.
                Ok(found) => set_result.set(Some(Ok((question, found)))),
                Err(Some(error)) => set_result.set(Some(Err(error))),
                Err(None) => {}
            },
        );
    };
    view! {
        <div class="decision" data-testid="goal">
            <h3>{move || t("goal.heading")}</h3>
            <p class="note">{move || t("goal.help")}</p>
            <div class="field-grid">
                <label class="field">
                    <span class="field-label">{move || t("goal.lever")}</span>
                    <select data-testid="goal-lever" on:change=move |ev| {
                        if let Ok(index) = event_target_value(&ev).parse::<usize>() {
                            set_choice.set(index);
                        }
                    }>
                        {move || levers()
                            .into_iter()
                            .enumerate()
                            .map(|(index, (_, label))| view! { <option value=index.to_string() selected=move || choice.get() == index>{label}</option> })
                            .collect_view()}
                    </select>
                </label>
                <NumberField
                    label="goal.target"
                    value=Signal::derive(move || state.target.get().unwrap_or(0.0))
                    on_set=Callback::new(move |value: f64| state.act(Action::SetTarget(Some(value))))
                    path="goal.target".to_string()
                />
                <NumberField
                    label="goal.probability"
                    value=Signal::derive(move || probability.get())
                    on_set=Callback::new(move |value: f64| probability.set(value))
                    path="goal.probability".to_string()
                    unit="unit.percent"
                    scale=100.0
                />
            </div>
            <button type="button" data-testid="goal-run" on:click=run disabled=running>
                {move || if running.get() { t("goal.searching") } else { t("goal.run") }}
            </button>
            {move || result.get().map(|outcome| match outcome {
                Ok((question, found)) => {
                    // Written when shown, so that a language switch rewrites it.
                    let text = state
                        .validated
                        .with_untracked(|model| {
                            model.as_ref().ok().map(|model| {
                                explain::goal_answer(style(state), model, &question, &found)
                            })
                        })
                        .unwrap_or_default();
                    // A change that reaches the target can be applied, with undo.
                    let apply = match found {
                        GoalResult::Reached { change, .. } => {
                            let lever = question.lever;
                            let act = move |as_variant: bool| {
                                state.act(Action::ApplyLever { lever, change, as_variant })
                            };
                            Some(view! {
                                <div class="prompt-buttons">
                                    <button type="button" data-testid="goal-apply" on:click=move |_| act(false)>
                                        {move || t("goal.apply.here")}
                                    </button>
                                    <button type="button" data-testid="goal-apply-variant" on:click=move |_| act(true)>
                                        {move || t("goal.apply.variant")}
                                    </button>
                                </div>
                            })
                        }
                        _ => None,
                    };
                    view! {
                        <p class="headline" data-testid="goal-result" data-answer=serde_json::to_string(&found).unwrap_or_default()>{text}</p>
                        {apply}
                    }.into_any()
                }
                Err(error) => failure_view(state, &error),
            })}
        </div>
    }
}
