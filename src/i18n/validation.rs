//! The scenario's validation errors in the user's language, written from the rule itself.
//!
//! A `FieldError` carries the broken `Rule` with its numbers and names; each rule has one
//! catalogue key (`validation.rule.*`; a rate in percent, `validation.page.probability`) with
//! `{named}` placeholders, and each quantity a rule names has one (`validation.what.*`). Numbers are written the locale's way, names as they
//! were typed. Nothing here reads the English sentence: the English is `Rule`'s `Display`
//! (what the command line prints), and `tests/i18n.rs` checks that the English catalogue
//! says the same.

use super::format;
use super::{Locale, fill, lookup};
use crate::scenario::{FieldError, Quantity, Rule, quoted_list};

/// One placeholder's value, before it is written in a locale.
#[derive(Debug, Clone, PartialEq)]
pub enum Argument {
    /// A number the person wrote or a bound of the format.
    Number(f64),
    /// A whole number (a day, a count, an index).
    Whole(i64),
    /// A quantity of the format (`mean`, `leads per day`).
    Quantity(Quantity),
    /// Text quoted as it is (names, lists of names).
    Text(String),
    /// A count too large to write (`paths` when it overflows).
    TooMany,
}

/// The catalogue key of a rule and the values of its placeholders.
pub fn rule_key(rule: &Rule) -> (&'static str, Vec<(&'static str, Argument)>) {
    use Argument::{Number, Quantity as Q, Text, Whole};
    match rule {
        Rule::Probability { value } => (
            "validation.rule.probability",
            vec![("value", Number(*value))],
        ),
        Rule::AtLeastZero { what, value } => (
            "validation.rule.at_least_zero",
            vec![("what", Q(*what)), ("value", Number(*value))],
        ),
        Rule::AtMost { what, max, value } => (
            "validation.rule.at_most",
            vec![
                ("what", Q(*what)),
                ("max", Number(*max)),
                ("value", Number(*value)),
            ],
        ),
        Rule::Positive { what, value } => (
            "validation.rule.positive",
            vec![("what", Q(*what)), ("value", Number(*value))],
        ),
        Rule::WholeRange {
            what,
            min,
            max,
            value,
        } => (
            "validation.rule.whole_range",
            vec![
                ("what", Q(*what)),
                ("min", Whole(*min)),
                ("max", Whole(*max)),
                ("value", Whole(*value)),
            ],
        ),
        Rule::LowAboveHigh { low, high } => (
            "validation.rule.low_high",
            vec![("low", Number(*low)), ("high", Number(*high))],
        ),
        Rule::MinAboveMax { min, max } => (
            "validation.rule.min_max",
            vec![
                ("min", Whole(i64::from(*min))),
                ("max", Whole(i64::from(*max))),
            ],
        ),
        Rule::NoStages => ("validation.rule.no_stages", vec![]),
        Rule::StageNameMissing => ("validation.rule.stage_name", vec![]),
        Rule::SourceNameMissing => ("validation.rule.source_name", vec![]),
        Rule::ControlCharacters => ("validation.rule.control_characters", vec![]),
        Rule::HiddenCharacter { code } => (
            "validation.rule.hidden_character",
            vec![("code", Text(code.clone()))],
        ),
        Rule::DuplicateStage { name, first } => (
            "validation.rule.duplicate_stage",
            vec![
                ("name", Text(name.clone())),
                ("index", Whole(i64::try_from(*first).unwrap_or(i64::MAX))),
            ],
        ),
        Rule::UnknownStage { name, stages } => (
            "validation.rule.unknown_stage",
            vec![
                ("name", Text(name.clone())),
                ("stages", Text(quoted_list(stages))),
            ],
        ),
        Rule::EndNotAfterStart { start, end } => (
            "validation.rule.end_before_start",
            vec![("end", Whole(*end)), ("start", Whole(*start))],
        ),
        Rule::Correlation { value } => (
            "validation.rule.correlation",
            vec![("value", Number(*value))],
        ),
        Rule::SegmentNameMissing => ("validation.rule.segment_name_missing", vec![]),
        Rule::DuplicateSegment { name, first } => (
            "validation.rule.duplicate_segment",
            vec![
                ("name", Text(name.clone())),
                ("index", Whole(i64::try_from(*first).unwrap_or(i64::MAX))),
            ],
        ),
        Rule::UnknownSegment { name, segments } if segments.is_empty() => (
            "validation.rule.unknown_segment_none",
            vec![("name", Text(name.clone()))],
        ),
        Rule::UnknownSegment { name, segments } => (
            "validation.rule.unknown_segment",
            vec![
                ("name", Text(name.clone())),
                ("segments", Text(quoted_list(segments))),
            ],
        ),
        Rule::SharesSum { sum } => ("validation.rule.shares_sum", vec![("sum", Number(*sum))]),
        Rule::TooManySegments { most } => (
            "validation.rule.too_many_segments",
            vec![("most", Whole(i64::try_from(*most).unwrap_or(i64::MAX)))],
        ),
        Rule::TooManyPaths { paths, most, days } => (
            "validation.rule.too_many_paths",
            vec![
                (
                    "paths",
                    paths.map_or(Argument::TooMany, |n| {
                        Whole(i64::try_from(n).unwrap_or(i64::MAX))
                    }),
                ),
                ("most", Whole(i64::try_from(*most).unwrap_or(i64::MAX))),
                ("days", Whole(i64::try_from(*days).unwrap_or(i64::MAX))),
            ],
        ),
    }
}

/// The catalogue key of a quantity's name.
pub fn quantity_key(quantity: Quantity) -> &'static str {
    match quantity {
        Quantity::Alpha => "validation.what.alpha",
        Quantity::Beta => "validation.what.beta",
        Quantity::DelayDays => "validation.what.a-delay-in-days",
        Quantity::Min => "validation.what.min",
        Quantity::Max => "validation.what.max",
        Quantity::Mean => "validation.what.mean",
        Quantity::Median => "validation.what.median",
        Quantity::Sigma => "validation.what.sigma",
        Quantity::Shape => "validation.what.shape",
        Quantity::Scale => "validation.what.scale",
        Quantity::Value => "validation.what.a-value",
        Quantity::Low => "validation.what.low",
        Quantity::High => "validation.what.high",
        Quantity::Sd => "validation.what.sd",
        Quantity::HorizonDays => "validation.what.horizon-days",
        Quantity::MaxCycles => "validation.what.max-cycles",
        Quantity::LeadsPerDay => "validation.what.leads-per-day",
        Quantity::StartDay => "validation.what.start-day",
        Quantity::EndDay => "validation.what.end-day",
        Quantity::CostPerLead => "validation.what.cost-per-lead",
        Quantity::MaxRepeats => "validation.what.max-repeats",
        Quantity::Runs => "validation.what.runs",
        Quantity::Precision => "validation.what.precision",
    }
}

/// A placeholder's value written in `locale`.
fn write_argument(locale: Locale, argument: &Argument) -> String {
    match argument {
        Argument::Number(x) if x.is_finite() => format::number(locale, *x, 6),
        // NaN and infinities as Rust writes them: the person typed something unreadable.
        Argument::Number(x) => x.to_string(),
        Argument::Whole(n) => format::number(locale, *n as f64, 0),
        Argument::Quantity(quantity) => {
            let key = quantity_key(*quantity);
            lookup(locale, key)
                .or_else(|| lookup(Locale::En, key))
                .unwrap_or(quantity.english())
                .to_string()
        }
        Argument::Text(text) => text.clone(),
        Argument::TooMany => lookup(locale, "validation.paths.too_many")
            .or_else(|| lookup(Locale::En, "validation.paths.too_many"))
            .unwrap_or("too many")
            .to_string(),
    }
}

/// A broken rule in `locale`, as the page says it (English included): numbers written the
/// locale's way (`100,000,000`), and a rate or share in percent, the unit the person types
/// (`must be from 0% to 100%, not 150%`). The command line's English is `Rule`'s `Display`.
pub fn localize_rule(locale: Locale, rule: &Rule) -> String {
    if let Rule::Probability { value } = rule {
        let percent = if value.is_finite() {
            format::percent(locale, *value, 2)
        } else {
            value.to_string()
        };
        return fill(
            lookup(locale, "validation.page.probability")
                .or_else(|| lookup(Locale::En, "validation.page.probability"))
                .unwrap_or("must be from 0% to 100%, not {percent}"),
            &[("percent", &percent)],
        )
        .into_owned();
    }
    if *rule == Rule::NoStages {
        // Said as what to do about it.
        return lookup(locale, "validation.page.no_stages")
            .or_else(|| lookup(Locale::En, "validation.page.no_stages"))
            .unwrap_or("a scenario needs at least one stage")
            .to_string();
    }
    let (key, arguments) = rule_key(rule);
    let Some(template) = lookup(locale, key).or_else(|| lookup(Locale::En, key)) else {
        return rule.to_string();
    };
    let written: Vec<(&str, String)> = arguments
        .iter()
        .map(|(name, argument)| (*name, write_argument(locale, argument)))
        .collect();
    let args: Vec<(&str, &str)> = written.iter().map(|(n, v)| (*n, v.as_str())).collect();
    fill(template, &args).into_owned()
}

/// A field error as the UI shows it next to its field: the rule in `locale` (the path stays as
/// it is: it names the field, and the UI places the message there).
pub fn localize_field_error(locale: Locale, error: &FieldError) -> String {
    localize_rule(locale, &error.rule)
}

/// The English catalogue's wording of a rule, filled with the values as Rust writes them: it
/// must be the rule's `Display` word for word (checked in `tests/i18n.rs`), so the catalogue
/// and the command line never drift apart.
pub fn english_from_catalogue(rule: &Rule) -> Option<String> {
    let (key, arguments) = rule_key(rule);
    let template = lookup(Locale::En, key)?;
    let written: Vec<(&str, String)> = arguments
        .iter()
        .map(|(name, argument)| {
            let text = match argument {
                Argument::Number(x) => x.to_string(),
                Argument::Whole(n) => n.to_string(),
                Argument::Quantity(quantity) => lookup(Locale::En, quantity_key(*quantity))
                    .unwrap_or("?")
                    .to_string(),
                Argument::Text(text) => text.clone(),
                Argument::TooMany => lookup(Locale::En, "validation.paths.too_many")
                    .unwrap_or("?")
                    .to_string(),
            };
            (*name, text)
        })
        .collect();
    let args: Vec<(&str, &str)> = written.iter().map(|(n, v)| (*n, v.as_str())).collect();
    Some(fill(template, &args).into_owned())
}
