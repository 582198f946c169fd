//! The scenario's validation messages in the user's language.
//!
//! `Scenario::validate` writes its messages in English (the engine's words, also what the
//! command line prints). Each kind of message has its English wording in `en.ftl` under
//! `validation.rule.*`, with placeholders where the message quotes a number or a name; that
//! wording is matched against the engine's message to recover the quoted parts, and the same
//! key in the user's language gives the translation. Field words the engine quotes (`mean`,
//! `leads per day`) are translated through `validation.what.*`. A message no rule matches is
//! shown as the engine wrote it, so a new rule never hides an error; `tests/i18n.rs` checks
//! that every rule still matches what the engine writes.

use super::format;
use super::presets::slug;
use super::{Locale, fill, keys, lookup};
use crate::scenario::FieldError;

/// The parts of a message a rule recovered: the rule's key and each placeholder's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMatch {
    /// The catalogue key of the rule (`validation.rule.probability`).
    pub key: &'static str,
    /// Each placeholder's name and the text it stood for in the message.
    pub parts: Vec<(&'static str, String)>,
}

/// Matches `message` against `template` (literal text with `{name}` placeholders), each
/// placeholder taking the shortest text that lets the rest match.
fn match_template(template: &'static str, message: &str) -> Option<Vec<(&'static str, String)>> {
    // Split the template into literals and placeholder names, alternately.
    let mut literals = Vec::new();
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}')? + open;
        literals.push(&rest[..open]);
        names.push(&rest[open + 1..close]);
        rest = &rest[close + 1..];
    }
    literals.push(rest);

    let mut text = message.strip_prefix(literals[0])?;
    let mut parts = Vec::with_capacity(names.len());
    for (index, name) in names.iter().enumerate() {
        let next = literals[index + 1];
        let last = index + 1 == names.len();
        let end = if last {
            // The last placeholder runs to the final literal, which must end the message.
            text.strip_suffix(next).map(str::len)?
        } else if next.is_empty() {
            return None;
        } else {
            text.find(next)?
        };
        parts.push((*name, text[..end].to_string()));
        text = &text[end + next.len()..];
    }
    if names.is_empty() && !text.is_empty() {
        return None;
    }
    Some(parts)
}

/// The validation rule whose English wording matches `message`, with the quoted parts.
pub fn match_rule(message: &str) -> Option<RuleMatch> {
    keys(Locale::En)
        .into_iter()
        .filter(|key| key.starts_with("validation.rule."))
        .find_map(|key| {
            let template = lookup(Locale::En, key)?;
            let parts = match_template(template, message)?;
            Some(RuleMatch { key, parts })
        })
}

/// A quoted part in `locale`: a field word through `validation.what.*`, a plain number
/// written the locale's way, anything else (names, lists) as it is.
fn localize_part(locale: Locale, name: &str, text: &str) -> String {
    if name == "what" {
        let key = format!("validation.what.{}", slug(text));
        return lookup(locale, &key)
            .or_else(|| lookup(Locale::En, &key))
            .unwrap_or(text)
            .to_string();
    }
    if matches!(
        name,
        "value" | "min" | "max" | "low" | "high" | "start" | "end" | "most"
    ) && let Ok(number) = text.parse::<f64>()
        && number.is_finite()
    {
        return format::number(locale, number, 6);
    }
    text.to_string()
}

/// The engine's validation message in `locale`; the English message when no rule matches.
pub fn localize_message(locale: Locale, message: &str) -> String {
    if locale == Locale::En {
        return message.to_string();
    }
    let Some(found) = match_rule(message) else {
        return message.to_string();
    };
    let Some(template) = lookup(locale, found.key) else {
        return message.to_string();
    };
    let parts: Vec<(&str, String)> = found
        .parts
        .iter()
        .map(|(name, text)| (*name, localize_part(locale, name, text)))
        .collect();
    let args: Vec<(&str, &str)> = parts.iter().map(|(n, v)| (*n, v.as_str())).collect();
    fill(template, &args).into_owned()
}

/// A field error as the UI shows it next to its field: the message in `locale` (the path
/// stays as it is: it names the field, and the UI places the message there).
pub fn localize_field_error(locale: Locale, error: &FieldError) -> String {
    localize_message(locale, &error.message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_and_capture() {
        let parts = match_template(
            "low ({low}) must not exceed high ({high})",
            "low (0.5) must not exceed high (0.2)",
        );
        assert_eq!(
            parts,
            Some(vec![
                ("low", "0.5".to_string()),
                ("high", "0.2".to_string())
            ])
        );
        assert_eq!(
            match_template("a stage needs a name", "a stage needs a name"),
            Some(vec![])
        );
        assert_eq!(
            match_template("a stage needs a name", "a stage needs a name!"),
            None
        );
        assert_eq!(
            match_template(
                "{what} must be greater than 0, not {value}",
                "mean must be at most 5, not 7"
            ),
            None
        );
    }
}
