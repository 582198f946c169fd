//! The conversion-rate field: a rate as people say it ("25%", "15-25%", "observed 42 of 180"),
//! the resulting mean and 90% range, and a slider that moves a plain rate live.

use leptos::prelude::*;

use super::fields::{FieldMessages, plain};
use crate::app_model::rate_input::describe;
use crate::i18n::Locale;
use crate::i18n::input::{RateInput, RateInputError, parse_number, parse_rate};
use crate::scenario::{Rate, RateLaw, UncertainRate};
use crate::ui::state::AppState;
use crate::ui::text::{percent, t, tf};

/// The rate a reading of the field stands for (observed counts become a beta law: the
/// successes plus one and the failures plus one, a uniform prior).
fn to_rate(input: RateInput) -> Rate {
    match input {
        RateInput::Fixed(p) => Rate::Fixed(p),
        RateInput::Range { low, high } => Rate::Uncertain(UncertainRate::Uniform { low, high }),
        RateInput::Observed { successes, trials } => Rate::Uncertain(UncertainRate::Beta {
            alpha: successes as f64 + 1.0,
            beta: (trials - successes) as f64 + 1.0,
        }),
    }
}

/// The text that re-creates `rate` in the field.
pub fn rate_text(rate: &Rate, locale: Locale) -> String {
    let input = match *rate {
        Rate::Fixed(p) => RateInput::Fixed(p),
        Rate::Uncertain(UncertainRate::Uniform { low, high }) => RateInput::Range { low, high },
        Rate::Uncertain(UncertainRate::Beta { alpha, beta })
            if alpha.fract() == 0.0 && beta.fract() == 0.0 && alpha >= 1.0 && beta >= 1.0 =>
        {
            RateInput::Observed {
                successes: (alpha - 1.0) as u64,
                trials: (alpha + beta - 2.0) as u64,
            }
        }
        Rate::Uncertain(UncertainRate::Beta { alpha, beta }) => {
            return format!("beta {} {}", plain(alpha, 3), plain(beta, 3));
        }
    };
    input.to_text(locale)
}

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
) -> impl IntoView {
    let state = AppState::get();
    let (local, set_local) = signal(None::<String>);
    let (typed, set_typed) = signal(None::<String>);
    let shown = move || {
        typed
            .get()
            .unwrap_or_else(|| rate_text(&value.get(), state.locale.get()))
    };
    let commit = move |text: String| {
        let locale = state.locale.get_untracked();
        match parse_rate(locale, &text) {
            Ok(input) => {
                set_local.set(None);
                set_typed.set(None);
                on_set.run(to_rate(input));
            }
            // A number out of range goes into the scenario: the engine's rule then shows next
            // to the field, the forecast turns stale, and the text stays as typed.
            Err(RateInputError::OutOfRange) => {
                let digits = text.trim().trim_end_matches('%').trim_end();
                if let Some(value) = parse_number(locale, digits) {
                    set_local.set(None);
                    set_typed.set(Some(text.clone()));
                    let share = if text.contains('%') || value.abs() > 1.0 {
                        value / 100.0
                    } else {
                        value
                    };
                    on_set.run(Rate::Fixed(share));
                }
            }
            Err(error) => {
                set_typed.set(Some(text));
                set_local.set(Some(error.message(locale)));
            }
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
            <FieldMessages path=path local=local />
        </label>
    }
}
