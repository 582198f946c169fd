//! The UI's only way to text: every word a component shows is a catalogue key looked up here
//! in the page's language (`crate::i18n`), and every number is formatted for it. Called inside
//! a reactive closure, these re-run when the language or the currency changes.

use leptos::prelude::*;

use super::state::AppState;
use crate::i18n::{self, Locale, format};

/// The page's language (English outside the app, e.g. in tests that mount a component).
pub fn locale() -> Locale {
    use_context::<AppState>()
        .map(|state| state.locale.get())
        .unwrap_or_default()
}

fn currency() -> format::Currency {
    use_context::<AppState>()
        .map(|state| state.currency.get())
        .unwrap_or(format::Currency::None)
}

/// The text of `key`.
pub fn t(key: &'static str) -> String {
    i18n::t(locale(), key).to_string()
}

/// The text of `key` with its `{name}` placeholders filled in.
pub fn tf(key: &'static str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, &str)> = args
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    i18n::tf(locale(), key, &args)
}

/// The plural form of `key` for `n`, placeholders filled in (`{n}` is `n` formatted).
pub fn tn(key: &'static str, n: f64, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, &str)> = args
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    i18n::tn(locale(), key, n, &args)
}

/// A count or quantity: grouped digits, no decimals.
pub fn count(value: f64) -> String {
    format::integer(locale(), value)
}

/// A number with at most `decimals` decimals.
pub fn number(value: f64, decimals: usize) -> String {
    format::number(locale(), value, decimals)
}

/// A share (0.25) as a percentage with at most `decimals` decimals.
pub fn percent(share: f64, decimals: usize) -> String {
    format::percent(locale(), share, decimals)
}

/// An amount of money in the chosen currency.
pub fn money(value: f64) -> String {
    format::money(locale(), currency(), value)
}

/// A number of days ("12 days").
pub fn days(value: f64) -> String {
    format::format_days(locale(), value)
}
