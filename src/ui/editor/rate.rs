//! The conversion-rate field: a rate as people say it ("25%", "15-25%", "observed 42 of 180"),
//! the resulting mean and 90% range, and a slider that moves a plain rate live.

use leptos::prelude::*;

use super::fields::{FieldMessages, parse_number, plain};
use crate::scenario::{Rate, RateLaw, UncertainRate};
use crate::ui::state::AppState;
use crate::ui::text::{t, tf};

/// Reads a rate typed as "25%", "0.25", "15-25%" (a uniform law) or "42 of 180" / "42/180"
/// (a beta law: the observed successes plus one, the failures plus one).
pub fn parse_rate(text: &str, locale: &str) -> Option<Rate> {
    let lower = text.trim().to_lowercase();
    for separator in [" of ", "/", " из ", "中"] {
        if let Some((left, right)) = lower.split_once(separator) {
            let left = left.trim_start_matches("observed").trim();
            let (successes, trials) = if separator == "中" {
                (parse_number(right, locale)?, parse_number(left, locale)?)
            } else {
                (parse_number(left, locale)?, parse_number(right, locale)?)
            };
            if successes.fract() != 0.0 || trials.fract() != 0.0 || successes > trials {
                return None;
            }
            return Some(Rate::Uncertain(UncertainRate::Beta {
                alpha: successes + 1.0,
                beta: trials - successes + 1.0,
            }));
        }
    }
    let percent = lower.contains('%');
    let as_probability = |value: f64| {
        if percent || value > 1.0 {
            value / 100.0
        } else {
            value
        }
    };
    for separator in ["–", " to ", " - ", "-", "—"] {
        if let Some((low, high)) = lower.split_once(separator)
            && !low.trim().is_empty()
        {
            let low = as_probability(parse_number(low, locale)?);
            let high = as_probability(parse_number(high, locale)?);
            return Some(Rate::Uncertain(UncertainRate::Uniform { low, high }));
        }
    }
    parse_number(&lower, locale).map(|value| Rate::Fixed(as_probability(value)))
}

/// The text that re-creates `rate` in the field.
pub fn rate_text(rate: &Rate) -> String {
    match *rate {
        Rate::Fixed(p) => format!("{}%", plain(p * 100.0, 2)),
        Rate::Uncertain(UncertainRate::Uniform { low, high }) => {
            format!("{}-{}%", plain(low * 100.0, 2), plain(high * 100.0, 2))
        }
        Rate::Uncertain(UncertainRate::Beta { alpha, beta })
            if alpha.fract() == 0.0 && beta.fract() == 0.0 && alpha >= 1.0 && beta >= 1.0 =>
        {
            format!("{} / {}", alpha - 1.0, alpha + beta - 2.0)
        }
        Rate::Uncertain(UncertainRate::Beta { alpha, beta }) => {
            format!("beta {} {}", plain(alpha, 3), plain(beta, 3))
        }
    }
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
    let shown = move || typed.get().unwrap_or_else(|| rate_text(&value.get()));
    let commit = move |text: String| match parse_rate(&text, &state.locale.get_untracked()) {
        Some(rate) => {
            set_local.set(None);
            set_typed.set(None);
            on_set.run(rate);
        }
        None => {
            set_typed.set(Some(text));
            set_local.set(Some(t("editor.rate.unreadable")));
        }
    };
    let fixed = move || match value.get() {
        Rate::Fixed(p) => Some(p),
        Rate::Uncertain(_) => None,
    };
    let summary = move || {
        law(&value.get()).map(|law| {
            let (low, high) = law.interval90();
            tf(
                "editor.rate.summary",
                &[
                    ("mean", format!("{}%", plain(law.mean() * 100.0, 1))),
                    ("low", format!("{}%", plain(low * 100.0, 1))),
                    ("high", format!("{}%", plain(high * 100.0, 1))),
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
                placeholder=move || t("editor.rate.placeholder")
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
