//! The scenario editor: everything the user edits is the scenario format itself, so what the
//! editor holds is what is saved, shared and simulated. Each field and button dispatches one
//! `app_model::action::Action`; the engine's validation messages come back next to the field
//! they name.

mod correlation;
mod fields;
mod rate;
mod segments;
mod stages;

use leptos::prelude::*;

use crate::app_model::PRECISIONS;
use crate::app_model::action::{Action, ArrivalKind, RetentionField, SourceField};
use crate::app_model::messages;
use crate::scenario::{Arrivals, Delay, Source};

use crate::ui::lazy::{self, Builder, Slot};
use crate::ui::state::{AppState, MAX_RUNS};
use crate::ui::text::{count, t, tf};
use crate::ui::toolbar::Toolbar;
use crate::ui::variants::VariantTabs;
pub use fields::{DelayField, FieldMessages, NumberField, TextField, WholeField};
use stages::{StageList, ValueField};

/// The editor panel.
#[component]
pub fn EditorPanel() -> impl IntoView {
    let state = AppState::get();
    let scenario = state.scenario;
    let name = Signal::derive(move || scenario.with(|s| s.name.clone()));
    let horizon = Signal::derive(move || scenario.with(|s| s.horizon_days));
    let runs = Signal::derive(move || i64::from(state.settings.with(|s| s.runs)));
    let precision = Signal::derive(move || state.settings.with(|s| s.precision));
    let seed = Signal::derive(move || state.settings.with(|s| s.seed) as i64);
    let (runs_problem, set_runs_problem) = signal(None::<String>);
    fields::track_unreadable(Signal::derive(|| "settings.runs".to_string()), runs_problem);

    view! {
        <section class="panel editor-panel" aria-labelledby="editor-heading">
            <h2 id="editor-heading">{move || t("scenario.heading")}</h2>
            <Toolbar />
            <VariantTabs />
            {lazy::untracked(lazy::part(&DIFFERENCES, split::differences_builder))}
            <div class="field-grid">
                <TextField
                    label="scenario.name"
                    value=name
                    on_set=Callback::new(move |name| state.act(Action::SetName(name)))
                    path="name".to_string()
                    testid="scenario-name-input"
                />
                <WholeField
                    label="editor.horizon"
                    value=horizon
                    on_set=Callback::new(move |days| state.act(Action::SetHorizon(days)))
                    path="horizon_days".to_string()
                />
                <label class="field">
                    <span class="field-label">{move || t("runs.mode.label")}</span>
                    <select
                        data-testid="runs-mode"
                        title=move || t("runs.mode.help")
                        on:change=move |ev| {
                            let chosen = event_target_value(&ev).parse::<usize>().ok();
                            let precision = chosen.and_then(|index| PRECISIONS.get(index).copied());
                            state.act(Action::SetPrecision(precision));
                        }
                    >
                        <option value="fixed" selected=move || precision.get().is_none()>
                            {move || t("runs.mode.fixed")}
                        </option>
                        {PRECISIONS
                            .iter()
                            .enumerate()
                            .map(|(index, &choice)| {
                                view! {
                                    <option
                                        value=index.to_string()
                                        selected=move || precision.get() == Some(choice)
                                    >
                                        {move || runs_choice(choice)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <Show when=move || precision.get().is_none()>
                    <label class="field">
                        <span class="field-label">{move || t("editor.runs")}</span>
                        <input
                            type="number"
                            min="1"
                            max=MAX_RUNS
                            data-testid="runs-input"
                            prop:value=move || runs.get().to_string()
                            on:change=move |ev| {
                                let locale = state.locale.get_untracked();
                                let typed = crate::i18n::input::parse_number(locale, &event_target_value(&ev))
                                    .filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(u32::MAX))
                                    .map(|n| n as u32);
                                match typed.ok_or(()) {
                                    Ok(runs) if (1..=MAX_RUNS).contains(&runs) => {
                                        set_runs_problem.set(None);
                                        state.act(Action::SetRuns(runs));
                                    }
                                    _ => set_runs_problem.set(Some(tf("editor.field.between", &[("min", "1".to_string()), ("max", count(f64::from(MAX_RUNS)))]))),
                                }
                            }
                        />
                        <FieldMessages path="runs".to_string() local=runs_problem />
                    </label>
                </Show>
                <label class="field">
                    <span class="field-label">{move || t("editor.seed")}</span>
                    <input
                        type="number"
                        min="0"
                        data-testid="seed-input"
                        prop:value=move || seed.get().to_string()
                        on:change=move |ev| {
                            if let Ok(seed) = event_target_value(&ev).trim().parse::<u64>() {
                                state.act(Action::SetSeed(seed));
                            }
                        }
                    />
                </label>
            </div>
            <SourceList />
            {lazy::untracked(lazy::part(&STAGES, split::stages_builder))}
        </section>
    }
}

/// The stages and the repeat purchases, under the lead sources (loaded on demand).
fn stages_and_retention() -> AnyView {
    view! {
        <StageList />
        {lazy::untracked(lazy::part_with_text(&CORRELATION, split::correlation_builder))}
        <RetentionEditor />
        {lazy::untracked(lazy::part_with_text(&SEGMENTS, split::segments_builder))}
    }
    .into_any()
}

/// The lead sources.
#[component]
fn SourceList() -> impl IntoView {
    let state = AppState::get();
    let count = move || state.scenario.with(|s| s.sources.len());
    let add = move |_| state.act(Action::AddSource);
    view! {
        <h3>{move || t("editor.sources.heading")}</h3>
        <FieldMessages path="sources".to_string() exact=true />
        <div class="rows">
            <For each=move || 0..count() key=|index| *index let(index)>
                <SourceRow index=index />
            </For>
        </div>
        <button type="button" class="add" data-testid="add-source" on:click=add>
            {move || t("editor.source.add")}
        </button>
    }
}

#[component]
fn SourceRow(index: usize) -> impl IntoView {
    let state = AppState::get();
    let source = move || state.scenario.with(|s| s.sources.get(index).cloned());
    let field = move |f: fn(&Source) -> f64| {
        Signal::derive(move || source().map(|source| f(&source)).unwrap_or_default())
    };
    let edit = move |field: SourceField| state.act(Action::SetSource { index, field });
    let (problem, set_problem) = signal(None::<String>);
    let rename = move |name: String| match state.dispatch(Action::RenameSource { index, name }) {
        Ok(()) => set_problem.set(None),
        Err(error) => set_problem.set(Some(messages::action_error(
            state.locale.get_untracked(),
            &error,
        ))),
    };
    let path = move |name: &str| format!("sources[{index}].{name}");
    let stage_names = move || {
        state.scenario.with(|s| {
            s.stages
                .iter()
                .map(|stage| stage.name.clone())
                .collect::<Vec<_>>()
        })
    };
    let entry = move || source().map(|source| source.entry).unwrap_or_default();
    let fixed = move || {
        matches!(
            source().map(|source| source.per_day),
            Some(Arrivals::Fixed(_))
        )
    };
    let per_day = field(|source| match source.per_day {
        Arrivals::Poisson(mean) => mean,
        Arrivals::Fixed(count) => count as f64,
    });
    let (end_typed, set_end_typed) = signal(None::<String>);
    let (end_problem, set_end_problem) = signal(None::<String>);
    fields::track_unreadable(
        Signal::derive(move || format!("sources[{index}].end_day")),
        end_problem,
    );
    let end_text = move || {
        end_typed.get().unwrap_or_else(|| {
            source()
                .and_then(|source| source.end_day)
                .map(|end| end.to_string())
                .unwrap_or_default()
        })
    };
    view! {
        <div class="row source-row" data-testid="source-row">
            <div class="row-head">
                <TextField
                    label="editor.source.name"
                    value=Signal::derive(move || source().map(|s| s.name).unwrap_or_default())
                    on_set=Callback::new(rename)
                    path=path("name")
                    testid="source-name"
                    local=problem
                />
                <button
                    type="button"
                    class="icon"
                    data-testid="remove-source"
                    title=move || t("editor.source.remove")
                    aria-label=move || t("editor.source.remove")
                    on:click=move |_| state.act(Action::RemoveSource(index))
                >
                    "×"
                </button>
            </div>
            <div class="field-grid">
                <label class="field">
                    <span class="field-label">{move || t("editor.source.entry")}</span>
                    <select
                        data-testid="source-entry"
                        on:change=move |ev| {
                            edit(SourceField::Entry(event_target_value(&ev)));
                        }
                    >
                        {move || {
                            stage_names()
                                .into_iter()
                                .map(|name| {
                                    let selected = name == entry();
                                    view! {
                                        <option value=name.clone() selected=selected>
                                            {name.clone()}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                    <FieldMessages path=path("entry") />
                </label>
                <label class="field">
                    <span class="field-label">{move || t("editor.source.arrivals")}</span>
                    <select on:change=move |ev| {
                        edit(SourceField::Arrivals(if event_target_value(&ev) == "fixed" {
                            ArrivalKind::Fixed
                        } else {
                            ArrivalKind::Poisson
                        }))
                    }>
                        <option value="poisson" selected=move || !fixed()>
                            {move || t("editor.source.arrivals.poisson")}
                        </option>
                        <option value="fixed" selected=fixed>
                            {move || t("editor.source.arrivals.fixed")}
                        </option>
                    </select>
                </label>
                <NumberField
                    label="editor.source.per_day"
                    value=per_day
                    on_set=Callback::new(move |value: f64| edit(SourceField::PerDay(value)))
                    path=path("per_day")
                    unit="unit.leads_per_day"
                />
                <WholeField
                    label="editor.source.start_day"
                    value=Signal::derive(move || source().map(|s| s.start_day).unwrap_or_default())
                    on_set=Callback::new(move |day| edit(SourceField::StartDay(day)))
                    path=path("start_day")
                />
                <label class="field">
                    <span class="field-label">{move || t("editor.source.end_day")}</span>
                    <input
                        type="text"
                        inputmode="numeric"
                        placeholder=move || t("editor.source.end_day.none")
                        prop:value=end_text
                        on:change=move |ev| {
                            // Empty means "until the horizon"; anything else must be a day.
                            let text = event_target_value(&ev);
                            let locale = state.locale.get_untracked();
                            let day = crate::i18n::input::parse_number(locale, &text)
                                .filter(|n| n.fract() == 0.0 && n.abs() < 9.0e15);
                            if text.trim().is_empty() || day.is_some() {
                                set_end_typed.set(None);
                                set_end_problem.set(None);
                                edit(SourceField::EndDay(day.map(|n| n as i64)));
                            } else {
                                set_end_typed.set(Some(text));
                                set_end_problem.set(Some(tf(
                                    "editor.field.invalid_whole_number",
                                    &[("example", "30".to_string())],
                                )));
                            }
                        }
                    />
                    <FieldMessages path=path("end_day") local=end_problem />
                </label>
                <NumberField
                    label="editor.source.cost_per_lead"
                    value=field(|source| source.cost_per_lead)
                    on_set=Callback::new(move |cost| edit(SourceField::CostPerLead(cost)))
                    path=path("cost_per_lead")
                />
            </div>
        </div>
    }
}

/// Repeat purchases after the first.
#[component]
fn RetentionEditor() -> impl IntoView {
    let state = AppState::get();
    let retention = move || state.scenario.with(|s| s.retention.clone());
    let enabled = move || retention().is_some();
    let edit = move |field: RetentionField| state.act(Action::SetRetentionField(field));
    let toggle = move |on: bool| state.act(Action::SetRetention(on));
    view! {
        <h3>{move || t("editor.retention.heading")}</h3>
        <label class="toggle">
            <input
                type="checkbox"
                data-testid="retention-toggle"
                prop:checked=enabled
                on:change=move |ev| toggle(event_target_checked(&ev))
            />
            {move || t("editor.retention.enable")}
        </label>
        <Show when=enabled>
            <div class="field-grid">
                <NumberField
                    label="retention.repeat"
                    value=Signal::derive(move || retention().map(|r| r.repeat).unwrap_or_default())
                    on_set=Callback::new(move |p| edit(RetentionField::Repeat(p)))
                    path="retention.repeat".to_string()
                    unit="unit.percent"
                    scale=100.0
                />
                <WholeField
                    label="retention.max_repeats"
                    value=Signal::derive(move || {
                        retention().map(|r| r.max_repeats).unwrap_or_default()
                    })
                    on_set=Callback::new(move |n| edit(RetentionField::MaxRepeats(n)))
                    path="retention.max_repeats".to_string()
                />
            </div>
            <DelayField
                label="retention.delay"
                value=Signal::derive(move || {
                    retention().map(|r| r.delay_days).unwrap_or(Delay::Fixed(0))
                })
                on_set=Callback::new(move |delay| edit(RetentionField::Delay(delay)))
                path="retention.delay_days".to_string()
            />
            <ValueField
                label="retention.value"
                value=Signal::derive(move || retention().and_then(|r| r.value))
                on_set=Callback::new(move |value| edit(RetentionField::Value(value)))
                on_kind=Callback::new(move |kind| edit(RetentionField::ValueKind(kind)))
                path="retention.value".to_string()
            />
        </Show>
    }
}

/// An automatic-runs choice in the page's language: "Automatic: ±1%".
fn runs_choice(precision: f64) -> String {
    crate::app_model::precision::precision_choice(crate::ui::text::locale(), precision)
}

thread_local! {
    /// The builders of the stages (with the repeat purchases) and of what a variant changes from
    /// plan A, once their chunks have come.
    static STAGES: Slot<Builder> = ArcRwSignal::new(None);
    /// "Lead quality ties the stages together", a part of its own inside the stages': its
    /// texts are not embedded in the app's first module (`lazy::part_with_text`).
    static CORRELATION: Slot<Builder> = ArcRwSignal::new(None);
    static DIFFERENCES: Slot<Builder> = ArcRwSignal::new(None);
    /// The segments and their grid, with their texts (`segments.*`).
    static SEGMENTS: Slot<Builder> = ArcRwSignal::new(None);
}

/// The stages and repeat purchases (under the lead sources) and what a variant changes from
/// plan A (shown once there are variants) are in chunks of their own (`crate::ui::lazy`).
#[allow(unsafe_code)]
mod split {
    use leptos::prelude::*;

    use super::Builder;
    use crate::ui::variants::DifferencesFromA;

    #[cfg_attr(feature = "split", leptos::lazy)]
    pub(super) async fn stages_builder() -> Builder {
        super::stages_and_retention as Builder
    }

    #[cfg_attr(feature = "split", leptos::lazy)]
    pub(super) async fn correlation_builder() -> Builder {
        fn build() -> AnyView {
            view! { <super::correlation::CorrelationControl /> }.into_any()
        }
        build as Builder
    }

    #[cfg_attr(feature = "split", leptos::lazy)]
    pub(super) async fn segments_builder() -> Builder {
        fn build() -> AnyView {
            view! { <super::segments::SegmentsEditor /> }.into_any()
        }
        build as Builder
    }

    #[cfg_attr(feature = "split", leptos::lazy)]
    pub(super) async fn differences_builder() -> Builder {
        fn build() -> AnyView {
            view! { <DifferencesFromA /> }.into_any()
        }
        build as Builder
    }
}
