//! Input fields of the editor. Each shows its label, its value, and next to it the engine's
//! messages for its path (or its own when the text is not a number). Text fields commit on
//! change (Enter or leaving the field): what the user typed stays in the field until then, and
//! stays there with a message when it cannot be read.

use leptos::prelude::*;

use crate::app_model::laws::{DelayKind, delay_mean, delay_of_kind};
use crate::i18n::input::parse_number;
use crate::i18n::localize_field_error;
use crate::scenario::{Delay, FieldError};
use crate::ui::state::{AppState, errors_at};
use crate::ui::text::{days, number, t, tf};

/// A number for an input field: at most `decimals` decimals, no trailing zeros, no grouping.
pub fn plain(value: f64, decimals: usize) -> String {
    let mut text = format!("{value:.decimals$}");
    if text.contains('.') {
        while text.ends_with('0') {
            text.pop();
        }
        if text.ends_with('.') {
            text.pop();
        }
    }
    text
}

/// Keeps `AppState::unreadable` in step with a field's own message (its text cannot be read),
/// and forgets the field when it leaves the page.
pub fn track_unreadable(path: Signal<String>, local: ReadSignal<Option<String>>) {
    let state = AppState::get();
    Effect::new(move |_| state.report_typed(&path.get(), local.get()));
    on_cleanup(move || {
        if let Some(path) = path.try_get_untracked() {
            state.report_typed(&path, None);
        }
    });
}

/// The field errors a part of the editor shows (provided by a stage's row: its own errors, so
/// that its fields follow a list of a few, not the whole funnel's); without one, all of them.
#[derive(Clone, Copy)]
pub struct ErrorScope(pub Memo<Vec<FieldError>>);

impl ErrorScope {
    /// The errors at `prefix` and under it, following `errors`.
    pub fn under(errors: Memo<Vec<FieldError>>, prefix: String) -> ErrorScope {
        ErrorScope(Memo::new(move |_| {
            errors.with(|errors| errors_at(errors, &prefix).into_iter().cloned().collect())
        }))
    }
}

/// The messages under a field: the engine's for `path`, or the field's own.
#[component]
pub fn FieldMessages(
    #[prop(into)] path: Signal<String>,
    #[prop(optional, into)] local: Option<Signal<Option<String>>>,
    /// Only the messages for `path` itself, not for the fields under it (a section's own
    /// messages, when its fields show theirs).
    #[prop(optional)]
    exact: bool,
) -> impl IntoView {
    let state = AppState::get();
    let errors = use_context::<ErrorScope>().map_or(state.field_errors, |scope| scope.0);
    let local = local.unwrap_or_else(|| Signal::derive(|| None));
    let messages = Memo::new(move |_| {
        let locale = state.locale.get();
        let messages: Vec<String> = errors.with(|errors| {
            let path = path.get();
            errors_at(errors, &path)
                .iter()
                .filter(|error| !exact || error.path == path)
                .map(|error| localize_field_error(locale, error))
                .collect()
        });
        // The field's own message (its text cannot be read) stands alone: an engine message
        // about the value before it would be about something else.
        match local.get() {
            Some(message) => vec![message],
            None => messages,
        }
    });
    view! {
        <Show when=move || messages.with(|messages| !messages.is_empty())>
            <span class="field-error" role="alert" data-testid="field-error" data-path=path>
                {move || messages.with(|messages| messages.join("; "))}
            </span>
        </Show>
    }
}

/// A number field. `scale` converts between what is stored and what is shown (100 shows a
/// probability as a percentage).
#[component]
pub fn NumberField(
    /// Catalogue key of the label.
    label: &'static str,
    #[prop(into)] value: Signal<f64>,
    on_set: Callback<f64>,
    #[prop(into)] path: Signal<String>,
    #[prop(optional)] unit: Option<&'static str>,
    #[prop(default = 1.0)] scale: f64,
    #[prop(default = 2)] decimals: usize,
) -> impl IntoView {
    let state = AppState::get();
    let (local, set_local) = signal(None::<String>);
    track_unreadable(path, local);
    let (typed, set_typed) = signal(None::<String>);
    let shown = move || {
        typed
            .get()
            .unwrap_or_else(|| plain(value.get() * scale, decimals))
    };
    let commit = move |text: String| match parse_number(state.locale.get_untracked(), &text) {
        Some(number) => {
            set_local.set(None);
            set_typed.set(None);
            on_set.run(number / scale);
        }
        None => {
            set_typed.set(Some(text));
            set_local.set(Some(tf(
                "editor.field.invalid_number",
                &[("example", number(12.5, 1))],
            )));
        }
    };
    view! {
        <label class="field" data-path=path>
            <span class="field-label">{move || t(label)}</span>
            <span class="field-input">
                <input
                    type="text"
                    inputmode="decimal"
                    prop:value=shown
                    on:change=move |ev| commit(event_target_value(&ev))
                />
                {unit.map(|unit| view! { <span class="unit">{move || t(unit)}</span> })}
            </span>
            <FieldMessages path=path local=local />
        </label>
    }
}

/// A whole-number field.
#[component]
pub fn WholeField(
    label: &'static str,
    #[prop(into)] value: Signal<i64>,
    on_set: Callback<i64>,
    #[prop(into)] path: Signal<String>,
    #[prop(optional)] unit: Option<&'static str>,
) -> impl IntoView {
    let state = AppState::get();
    let (local, set_local) = signal(None::<String>);
    track_unreadable(path, local);
    let (typed, set_typed) = signal(None::<String>);
    let shown = move || typed.get().unwrap_or_else(|| value.get().to_string());
    let commit = move |text: String| {
        let number = parse_number(state.locale.get_untracked(), &text)
            .filter(|number| number.fract() == 0.0 && number.abs() < 9.0e15);
        match number {
            Some(number) => {
                set_local.set(None);
                set_typed.set(None);
                on_set.run(number as i64);
            }
            None => {
                set_typed.set(Some(text));
                set_local.set(Some(tf(
                    "editor.field.invalid_whole_number",
                    &[("example", "30".to_string())],
                )));
            }
        }
    };
    view! {
        <label class="field" data-path=path>
            <span class="field-label">{move || t(label)}</span>
            <span class="field-input">
                <input
                    type="text"
                    inputmode="numeric"
                    prop:value=shown
                    on:change=move |ev| commit(event_target_value(&ev))
                />
                {unit.map(|unit| view! { <span class="unit">{move || t(unit)}</span> })}
            </span>
            <FieldMessages path=path local=local />
        </label>
    }
}

/// A free-text field (names).
#[component]
pub fn TextField(
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    on_set: Callback<String>,
    #[prop(into)] path: Signal<String>,
    #[prop(optional, into)] testid: Option<String>,
    #[prop(optional, into)] local: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let local = local.unwrap_or_else(|| Signal::derive(|| None));
    view! {
        <label class="field" data-path=path>
            <span class="field-label">{move || t(label)}</span>
            <input
                type="text"
                data-testid=testid
                prop:value=value
                on:change=move |ev| on_set.run(event_target_value(&ev))
            />
            <FieldMessages path=path local=local />
        </label>
    }
}

/// The catalogue key of a delay law's name.
fn delay_kind_key(kind: DelayKind) -> &'static str {
    match kind {
        DelayKind::Fixed => "delay.law.fixed",
        DelayKind::Uniform => "delay.law.uniform",
        DelayKind::Exponential => "delay.law.exponential",
        DelayKind::Lognormal => "delay.law.lognormal",
        DelayKind::Gamma => "delay.law.gamma",
    }
}

/// A delay: its law and the law's parameters, with the mean shown.
#[component]
pub fn DelayField(
    label: &'static str,
    #[prop(into)] value: Signal<Delay>,
    on_set: Callback<Delay>,
    #[prop(into)] path: Signal<String>,
) -> impl IntoView {
    let kind = move || DelayKind::of(&value.get());
    let set_kind = move |id: String| {
        let current = value.get_untracked();
        if let Some(kind) = DelayKind::from_id(&id).filter(|kind| *kind != DelayKind::of(&current))
        {
            on_set.run(delay_of_kind(kind, &current));
        }
    };
    let parameters = delay_parameters(value, on_set, path);
    let mean = move || {
        tf(
            "editor.stage.delay.mean_shown",
            &[("days", days(delay_mean(&value.get())))],
        )
    };
    view! {
        <fieldset class="delay">
            <legend>{move || t(label)}</legend>
            // The law's choice is named as its group: "Delay", "Nurture delay".
            <select aria-label=move || t(label) on:change=move |ev| set_kind(event_target_value(&ev))>
                {DelayKind::ALL
                    .into_iter()
                    .map(|option| {
                        view! {
                            <option value=option.id() selected=move || kind() == option>
                                {move || t(delay_kind_key(option))}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            {parameters}
            <span class="derived">{mean}</span>
        </fieldset>
    }
}

/// The fields of a delay law's parameters, for the law `value` holds.
fn delay_parameters(
    value: Signal<Delay>,
    on_set: Callback<Delay>,
    path: Signal<String>,
) -> impl Fn() -> AnyView + Send + Sync + Copy + 'static {
    let sub = move |name: &'static str| Signal::derive(move || format!("{}.{name}", path.get()));
    move || match value.get() {
        Delay::Fixed(days) => view! {
            <WholeField
                label="delay.days"
                value=Signal::derive(move || days)
                on_set=Callback::new(move |days| on_set.run(Delay::Fixed(days)))
                path=sub("fixed")
            />
        }
        .into_any(),
        Delay::Uniform { min, max } => view! {
            <WholeField
                label="delay.min"
                value=Signal::derive(move || min)
                on_set=Callback::new(move |min| on_set.run(Delay::Uniform { min, max }))
                path=sub("uniform.min")
            />
            <WholeField
                label="delay.max"
                value=Signal::derive(move || max)
                on_set=Callback::new(move |max| on_set.run(Delay::Uniform { min, max }))
                path=sub("uniform.max")
            />
        }
        .into_any(),
        Delay::Exponential { mean } => view! {
            <NumberField
                label="delay.mean"
                value=Signal::derive(move || mean)
                on_set=Callback::new(move |mean| on_set.run(Delay::Exponential { mean }))
                path=sub("exponential.mean")
            />
        }
        .into_any(),
        Delay::Lognormal { median, sigma } => view! {
            <NumberField
                label="delay.median"
                value=Signal::derive(move || median)
                on_set=Callback::new(move |median| on_set.run(Delay::Lognormal { median, sigma }))
                path=sub("lognormal.median")
            />
            <NumberField
                label="delay.sigma"
                value=Signal::derive(move || sigma)
                on_set=Callback::new(move |sigma| on_set.run(Delay::Lognormal { median, sigma }))
                path=sub("lognormal.sigma")
            />
        }
        .into_any(),
        Delay::Gamma { shape, scale } => view! {
            <NumberField
                label="delay.shape"
                value=Signal::derive(move || shape)
                on_set=Callback::new(move |shape| on_set.run(Delay::Gamma { shape, scale }))
                path=sub("gamma.shape")
            />
            <NumberField
                label="delay.scale"
                value=Signal::derive(move || scale)
                on_set=Callback::new(move |scale| on_set.run(Delay::Gamma { shape, scale }))
                path=sub("gamma.scale")
            />
        }
        .into_any(),
    }
}

/// The option value of "the same as the time to decide" in the time to lose's choice.
const SAME_AS_DECIDING: &str = "same";

/// A stage's time to lose: "the same as the time to decide" (no key), or a delay law of its
/// own with its parameters, chosen in one list like the time to decide's law. The choice goes
/// through `on_kind` (the action keeps the timing), the parameters through `on_set`.
#[component]
pub fn LostDelayField(
    #[prop(into)] value: Signal<Option<Delay>>,
    on_set: Callback<Option<Delay>>,
    on_kind: Callback<Option<DelayKind>>,
    #[prop(into)] path: Signal<String>,
    testid: String,
) -> impl IntoView {
    let kind = move || value.get().as_ref().map(DelayKind::of);
    let set_kind = move |id: String| {
        let chosen = DelayKind::from_id(&id);
        if (chosen.is_some() || id == SAME_AS_DECIDING) && chosen != kind() {
            on_kind.run(chosen);
        }
    };
    let own = Signal::derive(move || value.get().unwrap_or(Delay::Fixed(0)));
    let parameters = delay_parameters(own, Callback::new(move |d| on_set.run(Some(d))), path);
    let has_own = move || value.get().is_some();
    let mean = move || {
        value.get().map(|delay| {
            tf(
                "editor.stage.lost_delay.mean_shown",
                &[("days", days(delay_mean(&delay)))],
            )
        })
    };
    let label = "editor.stage.lost_delay";
    view! {
        <fieldset class="delay lost-delay" data-testid=testid.clone() data-path=path>
            <legend title=move || t("editor.stage.lost_delay.help")>{move || t(label)}</legend>
            <select
                aria-label=move || t(label)
                data-testid=format!("{testid}-law")
                on:change=move |ev| set_kind(event_target_value(&ev))
            >
                <option value=SAME_AS_DECIDING selected=move || kind().is_none()>
                    {move || t("editor.stage.lost_delay.same")}
                </option>
                {DelayKind::ALL
                    .into_iter()
                    .map(|option| {
                        view! {
                            <option value=option.id() selected=move || kind() == Some(option)>
                                {move || t(delay_kind_key(option))}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <Show when=has_own>{parameters}</Show>
            <span class="derived">{mean}</span>
        </fieldset>
    }
}
