//! The conversion-rate field: a rate as people say it ("25%", "15-25%", "observed 42 of 180"),
//! the resulting mean and 90% range, and a slider that moves a plain rate live.

use leptos::prelude::*;

use super::fields::{FieldMessages, plain};
use crate::app_model::messages;
use crate::app_model::rate_input::{self, RateInputError, describe};
use crate::scenario::{Rate, RateLaw, UncertainRate};
use crate::ui::state::AppState;
use crate::ui::text::{percent, t, tf};

/// The law a rate stands for, when it is a valid one.
fn law(rate: &Rate) -> Option<RateLaw> {
    match *rate {
        Rate::Fixed(p) if (0.0..=1.0).contains(&p) => Some(RateLaw::Fixed(p)),
        Rate::Uncertain(UncertainRate::Beta { alpha, beta }) if alpha > 0.0 && beta > 0.0 => {
            Some(RateLaw::Beta { alpha, beta })
        }
        Rate::Uncertain(UncertainRate::Uniform { low, high })
            if 0.0 <= low && low <= high && high <= 1.0 =>
        {
            Some(RateLaw::Uniform { low, high })
        }
        _ => None,
    }
}

/// A conversion rate: text, slider (plain rates), and the law's mean and 90% range.
#[component]
pub fn RateField(
    label: &'static str,
    #[prop(into)] value: Signal<Rate>,
    on_set: Callback<Rate>,
    #[prop(into)] path: Signal<String>,
    #[prop(into)] testid: String,
    /// Show the reading rule ("1 means 1%") under the field (the first stage's); every rate
    /// field has it as its tooltip.
    #[prop(optional)]
    hint: bool,
) -> impl IntoView {
    let state = AppState::get();
    let (local, set_local) = signal(None::<String>);
    super::fields::track_unreadable(path, local);
    let (typed, set_typed) = signal(None::<String>);
    let shown = move || {
        typed
            .get()
            .unwrap_or_else(|| rate_input::text(&value.get(), state.locale.get()))
    };
    // One reader for every locale (`app_model::rate_input`): once read, the field shows the
    // rate as the app writes it, so a person sees how "1" or "0,2" was taken.
    let commit = move |text: String| match rate_input::parse(&text) {
        Ok(rate) => {
            set_local.set(None);
            set_typed.set(None);
            on_set.run(rate);
        }
        // A rate above 100% goes into the scenario: the engine's rule then shows next to the
        // field, the forecast turns stale, and the text stays as typed.
        Err(RateInputError::AboveHundredPercent { percent }) if percent.is_finite() => {
            set_local.set(None);
            set_typed.set(Some(text));
            on_set.run(Rate::Fixed(percent / 100.0));
        }
        Err(error) => {
            set_typed.set(Some(text));
            set_local.set(Some(messages::rate_error(
                state.locale.get_untracked(),
                &error,
            )));
        }
    };
    let fixed = move || match value.get() {
        Rate::Fixed(p) => Some(p),
        Rate::Uncertain(_) => None,
    };
    let summary = move || {
        let rate = value.get();
        // Only a valid law is described (the engine's message says what is wrong otherwise);
        // `describe` stays quick even for lopsided beta laws.
        law(&rate).map(|_| {
            let summary = describe(&rate);
            tf(
                "editor.stage.conversion.summary",
                &[
                    ("mean", percent(summary.mean, 1)),
                    ("low", percent(summary.p5, 1)),
                    ("high", percent(summary.p95, 1)),
                ],
            )
        })
    };
    let slider_testid = format!("{testid}-slider");
    view! {
        <label class="field rate-field" data-path=path>
            <span class="field-label">{move || t(label)}</span>
            <input
                type="text"
                data-testid=testid
                placeholder=move || t("editor.stage.conversion.placeholder")
                title=move || t("editor.stage.conversion.hint")
                prop:value=shown
                on:change=move |ev| commit(event_target_value(&ev))
            />
            <Show when=move || fixed().is_some()>
                <input
                    type="range"
                    min="0"
                    max="100"
                    step="0.5"
                    data-testid=slider_testid.clone()
                    aria-label=move || t(label)
                    prop:value=move || plain(fixed().unwrap_or(0.0) * 100.0, 1)
                    on:input=move |ev| {
                        if let Ok(percent) = event_target_value(&ev).parse::<f64>() {
                            set_typed.set(None);
                            set_local.set(None);
                            on_set.run(Rate::Fixed(percent / 100.0));
                        }
                    }
                />
            </Show>
            <span class="derived">{summary}</span>
            <Show when=move || hint>
                <span class="hint" data-testid="rate-hint">{move || t("editor.stage.conversion.hint")}</span>
            </Show>
            <FieldMessages path=path local=local />
        </label>
    }
}
