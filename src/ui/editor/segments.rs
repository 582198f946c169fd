//! Segments in the editor (issue 15): the segments with their names and shares, which source
//! sends its leads where, and the grid of what each segment meets differently at each stage
//! (a row per stage, a column per segment, each cell its conversion, mean days to decide and
//! mean value; an empty cell shows the stage's own in grey). Every field dispatches one
//! `Action`; what a cell's text means is `app_model::segments`. A part of its own inside the
//! stages', loaded with its texts (`segments.*`).

use leptos::prelude::*;

use super::fields::{FieldMessages, NumberField, TextField};
use crate::app_model::action::{Action, SourceField};
use crate::app_model::messages;
use crate::app_model::segments::{self, CellKind, CellProblem};
use crate::ui::state::AppState;
use crate::ui::text::{t, tf};

#[component]
pub fn SegmentsEditor() -> impl IntoView {
    let state = AppState::get();
    let count = move || state.scenario.with(|s| s.segments.len());
    let note = move || segments::shares_note(&state.scenario.get(), state.locale.get());
    view! {
        <section class="segments-editor" data-testid="segments-editor" aria-labelledby="segments-editor-heading">
            <h3 id="segments-editor-heading">{move || t("editor.segments.heading")}</h3>
            <p class="hint">{move || t("segments.intro")}</p>
            <FieldMessages path="segments".to_string() exact=true />
            <div class="rows">
                <For each=move || 0..count() key=|index| *index let(index)>
                    <SegmentRow index=index />
                </For>
            </div>
            {move || note().map(|text| view! { <p class="note warning" data-testid="segments-shares-note">{text}</p> })}
            <button type="button" class="add" data-testid="add-segment" on:click=move |_| state.act(Action::AddSegment)>
                {move || t("segments.add")}
            </button>
            <Show when=move || { count() > 0 }>
                <SourceSegments />
                <SegmentGrid />
            </Show>
        </section>
    }
}

#[component]
fn SegmentRow(index: usize) -> impl IntoView {
    let state = AppState::get();
    let name = Signal::derive(move || {
        state.scenario.with(|s| {
            s.segments
                .get(index)
                .map(|g| g.name.clone())
                .unwrap_or_default()
        })
    });
    let share = Signal::derive(move || {
        state
            .scenario
            .with(|s| s.segments.get(index).map_or(0.0, |g| g.share))
    });
    let (problem, set_problem) = signal(None::<String>);
    let rename = move |name: String| match state.dispatch(Action::RenameSegment { index, name }) {
        Ok(()) => set_problem.set(None),
        Err(error) => set_problem.set(Some(messages::action_error(
            state.locale.get_untracked(),
            &error,
        ))),
    };
    view! {
        <div class="row segment-row" data-testid="segment-row-editor">
            <div class="row-head">
                <TextField
                    label="editor.segment.name"
                    value=name
                    on_set=Callback::new(rename)
                    path=format!("segments[{index}].name")
                    testid="segment-name"
                    local=problem
                />
                <button
                    type="button"
                    class="icon"
                    data-testid="remove-segment"
                    title=move || tf("segments.remove", &[("name", name.get())])
                    aria-label=move || tf("segments.remove", &[("name", name.get())])
                    on:click=move |_| state.act(Action::RemoveSegment(index))
                >
                    "×"
                </button>
            </div>
            <div class="field-grid" title=move || t("segments.share.help")>
                <NumberField
                    label="editor.segment.share"
                    value=share
                    on_set=Callback::new(move |share: f64| state.act(Action::SetSegmentShare { index, share }))
                    path=format!("segments[{index}].share")
                    unit="unit.percent"
                    scale=100.0
                />
            </div>
        </div>
    }
}

/// Which segment each source sends its leads to (or the shares).
#[component]
fn SourceSegments() -> impl IntoView {
    let state = AppState::get();
    let rows = move || {
        let scenario = state.scenario.get();
        let by_shares = t("segments.source.by_shares");
        scenario
            .sources
            .iter()
            .enumerate()
            .map(|(index, source)| {
                let chosen = source.segment.clone();
                let options = scenario
                    .segments
                    .iter()
                    .map(|segment| {
                        let selected = chosen.as_deref() == Some(segment.name.as_str());
                        view! { <option value=segment.name.clone() selected=selected>{segment.name.clone()}</option> }
                    })
                    .collect_view();
                let path = format!("sources[{index}].segment");
                let messages_path = path.clone();
                view! {
                    <label class="field" data-path=path>
                        <span class="field-label">{source.name.clone()}</span>
                        <select
                            data-testid="source-segment"
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                let segment = (!value.is_empty()).then_some(value);
                                state.act(Action::SetSource { index, field: SourceField::Segment(segment) });
                            }
                        >
                            <option value="" selected=chosen.is_none()>{by_shares.clone()}</option>
                            {options}
                        </select>
                        <FieldMessages path=messages_path />
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <h4>{move || t("segments.sources.heading")}</h4>
        <div class="field-grid">{rows}</div>
    }
}

/// The grid: a row per stage, a column per segment.
#[component]
fn SegmentGrid() -> impl IntoView {
    let state = AppState::get();
    let header = move || {
        state.scenario.with(|s| {
            s.segments
                .iter()
                .map(|segment| view! { <th scope="col">{segment.name.clone()}</th> })
                .collect_view()
        })
    };
    let stage_count = move || state.scenario.with(|s| s.stages.len());
    view! {
        <h4>{move || t("segments.grid.heading")}</h4>
        <p class="hint">{move || t("segments.grid.hint")}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || t("segments.grid.heading")>
            <table class="segment-grid" data-testid="segment-grid">
                <thead>
                    <tr>
                        <th scope="col">{move || t("segments.grid.stage")}</th>
                        {header}
                    </tr>
                </thead>
                <tbody>
                    <For each=move || 0..stage_count() key=|stage| *stage let(stage)>
                        <GridRow stage=stage />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn GridRow(stage: usize) -> impl IntoView {
    let state = AppState::get();
    let name = move || {
        state.scenario.with(|s| {
            s.stages
                .get(stage)
                .map(|k| k.name.clone())
                .unwrap_or_default()
        })
    };
    let count = move || state.scenario.with(|s| s.segments.len());
    view! {
        <tr data-testid="segment-grid-row">
            <th scope="row">{name}</th>
            <For each=move || 0..count() key=|segment| *segment let(segment)>
                <td class="segment-cell">
                    <CellInput segment=segment stage=stage kind=CellKind::Conversion />
                    <CellInput segment=segment stage=stage kind=CellKind::Delay />
                    <CellInput segment=segment stage=stage kind=CellKind::Value />
                </td>
            </For>
        </tr>
    }
}

/// One field of a cell: its text, the stage's own as the placeholder, and a problem under it.
#[component]
fn CellInput(segment: usize, stage: usize, kind: CellKind) -> impl IntoView {
    let state = AppState::get();
    let cell = Memo::new(move |_| {
        let locale = state.locale.get();
        state
            .scenario
            .with(|s| segments::cell(s, segment, stage, locale))
    });
    let (text, base) = match kind {
        CellKind::Conversion => (
            (|c: &segments::Cell| c.conversion.clone()) as fn(&segments::Cell) -> String,
            (|c: &segments::Cell| c.conversion_base.clone()) as fn(&segments::Cell) -> String,
        ),
        CellKind::Delay => (
            (|c: &segments::Cell| c.delay.clone()) as fn(&segments::Cell) -> String,
            (|c: &segments::Cell| c.delay_base.clone()) as fn(&segments::Cell) -> String,
        ),
        CellKind::Value => (
            (|c: &segments::Cell| c.value.clone()) as fn(&segments::Cell) -> String,
            (|c: &segments::Cell| c.value_base.clone()) as fn(&segments::Cell) -> String,
        ),
    };
    let label_key = match kind {
        CellKind::Conversion => "segments.grid.conversion",
        CellKind::Delay => "segments.grid.delay",
        CellKind::Value => "segments.grid.value",
    };
    let (typed, set_typed) = signal(None::<String>);
    let (problem, set_problem) = signal(None::<String>);
    let shown = move || typed.get().unwrap_or_else(|| cell.with(text));
    let path = move || {
        state.scenario.with(|s| {
            let name = s
                .stages
                .get(stage)
                .map(|k| k.name.clone())
                .unwrap_or_default();
            format!("segments[{segment}].stages.{name}.{}", kind.key())
        })
    };
    let accessible = move || {
        state.scenario.with(|s| {
            tf(
                "segments.grid.cell",
                &[
                    (
                        "segment",
                        s.segments
                            .get(segment)
                            .map(|g| g.name.clone())
                            .unwrap_or_default(),
                    ),
                    (
                        "stage",
                        s.stages
                            .get(stage)
                            .map(|k| k.name.clone())
                            .unwrap_or_default(),
                    ),
                    ("field", t(label_key)),
                ],
            )
        })
    };
    let commit = move |value: String| {
        let locale = state.locale.get_untracked();
        let read = state
            .scenario
            .with_untracked(|s| segments::read_cell(s, stage, kind, &value, locale));
        match read {
            Ok(field) => {
                set_typed.set(None);
                set_problem.set(None);
                state.act(Action::SetSegmentStage {
                    segment,
                    stage,
                    field,
                });
            }
            Err(problem) => {
                set_typed.set(Some(value));
                set_problem.set(Some(match problem {
                    CellProblem::Rate(error) => messages::rate_error(locale, &error),
                    CellProblem::NotANumber => t("segments.grid.invalid_number"),
                }));
            }
        }
    };
    view! {
        <label class="cell-field" data-path=path>
            <span class="cell-label">{move || t(label_key)}</span>
            <input
                type="text"
                data-testid=format!("segment-cell-{}", kind.key())
                data-segment=segment
                data-stage=stage
                aria-label=accessible
                placeholder=move || cell.with(base)
                prop:value=shown
                on:change=move |ev| commit(event_target_value(&ev))
            />
            <FieldMessages path=Signal::derive(path) local=problem />
        </label>
    }
}
