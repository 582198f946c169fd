//! The stages: one row each, with its conversion, delay, value and nurture loop, and buttons to
//! add, remove and reorder them.

use leptos::prelude::*;

use super::fields::{
    DelayField, FieldMessages, LostDelayField, NumberField, TextField, WholeField,
};
use super::rate::RateField;
use crate::app_model::action::{Action, NurtureField, StageField};
use crate::app_model::edit::Direction;
use crate::app_model::laws::{ValueKind, delay_mean};
use crate::app_model::messages;
use crate::scenario::{Delay, Nurture, Rate, Value};
use crate::ui::state::{AppState, errors_at};
use crate::ui::text::{t, tf};

/// Dispatches `action`, or shows next to the stage why it was refused.
fn act_here(state: AppState, set_problem: WriteSignal<Option<String>>, action: Action) {
    match state.dispatch(action) {
        Ok(()) => set_problem.set(None),
        Err(error) => set_problem.set(Some(messages::action_error(
            state.locale.get_untracked(),
            &error,
        ))),
    }
}

/// The list of stages and the button adding one.
#[component]
pub fn StageList() -> impl IntoView {
    let state = AppState::get();
    let count = move || state.scenario.with(|s| s.stages.len());
    // A long funnel's rows come a batch per frame (`progressive`): the page stays responsive.
    let shown = crate::ui::progressive::shown(count);
    let add = move |_| state.act(Action::AddStage);
    view! {
        <h3>{move || t("editor.stages.heading")}</h3>
        <FieldMessages path="stages".to_string() exact=true />
        <ol class="rows stage-rows">
            <For each=move || 0..shown.get() key=|index| *index let(index)>
                <StageRow index=index />
            </For>
        </ol>
        <button type="button" class="add" data-testid="add-stage" on:click=add>
            {move || t("editor.stage.add")}
        </button>
    }
}

#[component]
fn StageRow(index: usize) -> impl IntoView {
    let state = AppState::get();
    // The row follows its own stage (a memo: one follower of the scenario per row, and the
    // row's fields run again only when their stage changed), and its own errors.
    let stage_now = Memo::new(move |_| state.scenario.with(|s| s.stages.get(index).cloned()));
    let stage = move || stage_now.get();
    let scope = super::fields::ErrorScope::under(state.field_errors, format!("stages[{index}]"));
    provide_context(scope);
    // The folded part ("More options") is built the first time it opens, and kept: a long
    // funnel's rows then cost a few fields each, not a dozen. It opens (and so is built) by
    // itself when one of its fields has an error, so that the message is seen.
    let built = RwSignal::new(false);
    let folded = NodeRef::<leptos::html::Details>::new();
    let inside = ["delay_days", "lost_delay_days", "value", "nurture"]
        .map(|name| format!("stages[{index}].{name}"));
    let error_inside = Memo::new(move |_| {
        scope.0.with(|errors| {
            inside
                .iter()
                .any(|path| !errors_at(errors, path).is_empty())
        })
    });
    Effect::new(move |_| {
        if error_inside.get() {
            built.set(true);
            if let Some(details) = folded.get() {
                // An attribute that cannot be set leaves the part folded, as it was.
                let _ = details.set_attribute("open", "");
            }
        }
    });
    let edit = move |field: StageField| state.act(Action::SetStage { index, field });
    let path = move |name: &str| format!("stages[{index}].{name}");
    let (problem, set_problem) = signal(None::<String>);
    let name = Signal::derive(move || stage().map(|s| s.name).unwrap_or_default());
    // Renaming updates every reference; a stage still referred to is not removed.
    let rename =
        move |name: String| act_here(state, set_problem, Action::RenameStage { index, name });
    let remove = move |_| act_here(state, set_problem, Action::RemoveStage(index));
    let move_by = move |up: bool| {
        let direction = if up { Direction::Up } else { Direction::Down };
        act_here(state, set_problem, Action::MoveStage { index, direction })
    };
    // What the folded part holds, in a few words: the mean delay, a value, a nurture loop.
    let details_summary = move || {
        stage()
            .map(|stage| {
                let mut parts = vec![tf(
                    "editor.stage.delay.mean_shown",
                    &[("days", crate::ui::text::days(delay_mean(&stage.delay_days)))],
                )];
                if let Some(lost) = &stage.lost_delay_days {
                    parts.push(tf(
                        "editor.stage.lost_delay.mean_shown",
                        &[("days", crate::ui::text::days(delay_mean(lost)))],
                    ));
                }
                if stage.value.is_some() {
                    parts.push(t("editor.stage.value"));
                }
                if stage.nurture.is_some() {
                    parts.push(t("editor.stage.nurture"));
                }
                parts.join(", ")
            })
            .unwrap_or_default()
    };
    let stages = Memo::new(move |_| state.scenario.with(|s| s.stages.len()));
    // A row past the end (going, a batch a frame) keeps its button as it was: 179 buttons
    // changing at once were 8 ms of style.
    let is_last = move || index + 1 == stages.get();
    let rate = Signal::derive(move || stage().map(|s| s.conversion).unwrap_or(Rate::Fixed(0.0)));
    // The deal value where one is set, in the row itself (its law is under "More options").
    let value_shown = move || {
        let value = stage()?.value?;
        let style = crate::app_model::explain::Style {
            locale: state.locale.get(),
            currency: state.currency.get(),
        };
        Some(view! {
            <p class="stage-value note" data-testid=format!("stage-{index}-value")>
                {crate::app_model::explain::stage_value(style, &value)}
            </p>
        })
    };
    view! {
        // A row past the end of a funnel that just lost many stages shows nothing until it
        // goes (`progressive`: a batch of rows a frame).
        <li class="row stage-row" data-testid="stage-row" hidden=move || stage_now.with(Option::is_none)>
            <div class="row-head">
                <span class="stage-number">{index + 1}</span>
                <TextField
                    label="editor.stage.name"
                    value=name
                    on_set=Callback::new(rename)
                    path=path("name")
                    testid="stage-name"
                    local=problem
                />
                <span class="row-buttons">
                    <button
                        type="button"
                        class="icon"
                        title=move || t("editor.stage.move_up")
                        aria-label=move || t("editor.stage.move_up")
                        disabled=move || index == 0
                        on:click=move |_| move_by(true)
                    >
                        "↑"
                    </button>
                    <button
                        type="button"
                        class="icon"
                        title=move || t("editor.stage.move_down")
                        aria-label=move || t("editor.stage.move_down")
                        disabled=is_last
                        on:click=move |_| move_by(false)
                    >
                        "↓"
                    </button>
                    <button
                        type="button"
                        class="icon"
                        data-testid="remove-stage"
                        title=move || t("editor.stage.remove")
                        aria-label=move || t("editor.stage.remove")
                        on:click=remove
                    >
                        "×"
                    </button>
                </span>
            </div>
            <RateField
                label="editor.stage.conversion"
                value=rate
                on_set=Callback::new(move |rate| edit(StageField::Conversion(rate)))
                path=path("conversion")
                testid=format!("stage-{index}-conversion")
                hint=index == 0
            />
            {value_shown}
            <details
                class="stage-details"
                node_ref=folded
                on:toggle=move |_| {
                    if !built.get_untracked() {
                        built.set(true);
                    }
                }
            >
                <summary>{move || t("editor.more")} " · " {details_summary}</summary>
                {move || built.get().then(|| folded_fields(index, stage_now))}
            </details>
        </li>
    }
}

/// A stage row's folded part: its delay, the delay of its lost leads, its value and its nurture
/// loop.
fn folded_fields(index: usize, stage_now: Memo<Option<crate::scenario::Stage>>) -> impl IntoView {
    let state = AppState::get();
    let stage = move || stage_now.get();
    let edit = move |field: StageField| state.act(Action::SetStage { index, field });
    let path = move |name: &str| format!("stages[{index}].{name}");
    view! {
        <DelayField
            label="editor.stage.delay"
            value=Signal::derive(move || stage().map(|s| s.delay_days).unwrap_or(Delay::Fixed(0)))
            on_set=Callback::new(move |delay| edit(StageField::Delay(delay)))
            path=path("delay_days")
        />
        <LostDelayField
            value=Signal::derive(move || stage().and_then(|s| s.lost_delay_days))
            on_set=Callback::new(move |lost| edit(StageField::LostDelay(lost)))
            on_kind=Callback::new(move |kind| edit(StageField::LostDelayKind(kind)))
            path=path("lost_delay_days")
            testid=format!("stage-{index}-lost-delay")
        />
        <ValueField
            label="editor.stage.value"
            value=Signal::derive(move || stage().and_then(|s| s.value))
            on_set=Callback::new(move |value| edit(StageField::Value(value)))
            on_kind=Callback::new(move |kind| edit(StageField::ValueKind(kind)))
            path=path("value")
        />
        <NurtureEditor index=index />
    }
}

/// The value of a conversion (or of a repeat purchase): none, fixed, uniform or lognormal.
#[component]
pub fn ValueField(
    label: &'static str,
    #[prop(into)] value: Signal<Option<Value>>,
    on_set: Callback<Option<Value>>,
    /// The law chosen (or "none"): the action keeps the mean and brings back a value
    /// switched off.
    on_kind: Callback<ValueKind>,
    #[prop(into)] path: Signal<String>,
) -> impl IntoView {
    let kind = move || ValueKind::of(&value.get()).id();
    let set_kind = move |new: String| {
        if let Some(kind) = ValueKind::from_id(&new) {
            on_kind.run(kind);
        }
    };
    let sub = move |name: &'static str| Signal::derive(move || format!("{}.{name}", path.get()));
    let parameters = move || match value.get() {
        None => ().into_any(),
        Some(Value::Fixed(amount)) => view! {
            <NumberField
                label="value.amount"
                value=Signal::derive(move || amount)
                on_set=Callback::new(move |amount| on_set.run(Some(Value::Fixed(amount))))
                path=sub("fixed")
            />
        }
        .into_any(),
        Some(Value::Uniform { low, high }) => view! {
            <NumberField
                label="value.low"
                value=Signal::derive(move || low)
                on_set=Callback::new(move |low| on_set.run(Some(Value::Uniform { low, high })))
                path=sub("uniform.low")
            />
            <NumberField
                label="value.high"
                value=Signal::derive(move || high)
                on_set=Callback::new(move |high| on_set.run(Some(Value::Uniform { low, high })))
                path=sub("uniform.high")
            />
        }
        .into_any(),
        Some(Value::Lognormal { mean, sd }) => view! {
            <NumberField
                label="value.mean"
                value=Signal::derive(move || mean)
                on_set=Callback::new(move |mean| on_set.run(Some(Value::Lognormal { mean, sd })))
                path=sub("lognormal.mean")
            />
            <NumberField
                label="value.sd"
                value=Signal::derive(move || sd)
                on_set=Callback::new(move |sd| on_set.run(Some(Value::Lognormal { mean, sd })))
                path=sub("lognormal.sd")
            />
        }
        .into_any(),
    };
    view! {
        <fieldset class="value">
            <legend>{move || t(label)}</legend>
            <select aria-label=move || t(label) on:change=move |ev| set_kind(event_target_value(&ev))>
                {[
                    ("none", "editor.stage.value.none"),
                    ("fixed", "value.law.fixed"),
                    ("uniform", "value.law.uniform"),
                    ("lognormal", "value.law.lognormal"),
                ]
                    .into_iter()
                    .map(|(id, key)| {
                        view! {
                            <option value=id selected=move || kind() == id>
                                {move || t(key)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            {parameters}
        </fieldset>
    }
}

/// A stage's nurture loop: the share of its losses nurtured, the delay, the re-entry
/// probability, the stage they return to and the number of cycles.
#[component]
fn NurtureEditor(index: usize) -> impl IntoView {
    let state = AppState::get();
    let nurture = move || {
        state
            .scenario
            .with(|s| s.stages.get(index).and_then(|stage| stage.nurture.clone()))
    };
    let enabled = move || nurture().is_some();
    let edit = move |field: NurtureField| {
        state.act(Action::SetNurture {
            stage: index,
            field,
        })
    };
    let toggle = move |on: bool| {
        state.act(Action::SetStage {
            index,
            field: StageField::Nurture(on),
        })
    };
    let path = move |name: &str| format!("stages[{index}].nurture.{name}");
    let number = move |f: fn(&Nurture) -> f64| {
        Signal::derive(move || nurture().map(|n| f(&n)).unwrap_or_default())
    };
    let stage_names = move || {
        state.scenario.with(|s| {
            s.stages
                .iter()
                .map(|stage| stage.name.clone())
                .collect::<Vec<_>>()
        })
    };
    let target = move || nurture().map(|n| n.to).unwrap_or_default();
    view! {
        <label class="toggle">
            <input
                type="checkbox"
                data-testid=format!("stage-{index}-nurture-toggle")
                prop:checked=enabled
                on:change=move |ev| toggle(event_target_checked(&ev))
            />
            {move || t("editor.stage.nurture.enable")}
        </label>
        <Show when=enabled>
            <div class="field-grid nurture">
                <NumberField
                    label="nurture.share"
                    value=number(|n| n.share)
                    on_set=Callback::new(move |p| edit(NurtureField::Share(p)))
                    path=path("share")
                    unit="unit.percent"
                    scale=100.0
                />
                <NumberField
                    label="nurture.reentry"
                    value=number(|n| n.reentry)
                    on_set=Callback::new(move |p| edit(NurtureField::Reentry(p)))
                    path=path("reentry")
                    unit="unit.percent"
                    scale=100.0
                />
                <label class="field">
                    <span class="field-label">{move || t("nurture.to")}</span>
                    <select on:change=move |ev| {
                        edit(NurtureField::To(event_target_value(&ev)));
                    }>
                        {move || {
                            stage_names()
                                .into_iter()
                                .map(|name| {
                                    let selected = name == target();
                                    view! {
                                        <option value=name.clone() selected=selected>
                                            {name.clone()}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                    <FieldMessages path=path("to") />
                </label>
                <WholeField
                    label="nurture.max_cycles"
                    value=Signal::derive(move || nurture().map(|n| n.max_cycles).unwrap_or_default())
                    on_set=Callback::new(move |c| edit(NurtureField::MaxCycles(c)))
                    path=path("max_cycles")
                />
            </div>
            <DelayField
                label="nurture.delay"
                value=Signal::derive(move || nurture().map(|n| n.delay_days).unwrap_or(Delay::Fixed(0)))
                on_set=Callback::new(move |delay| edit(NurtureField::Delay(delay)))
                path=path("delay_days")
            />
        </Show>
    }
}
