//! The UI's only way to text: every word a component shows is a catalogue key looked up here
//! in the chosen language (`crate::i18n`), so components hold no string literals.

use leptos::prelude::*;

use super::state::AppState;

/// The text of `key` in the page's language. Called inside a reactive closure, it re-runs when
/// the language changes.
pub fn t(key: &'static str) -> String {
    let _locale = use_context::<AppState>().map(|state| state.locale.get());
    key.to_string()
}

/// The text of `key` with `{name}` placeholders filled in.
pub fn tf(key: &'static str, args: &[(&str, String)]) -> String {
    let mut text = t(key);
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}
