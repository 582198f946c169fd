//! Correlated rates in words: the editor control "Lead quality ties the stages together" with
//! its choices (none, weak, moderate, strong, and the scenario's own value when it is
//! another), and the sentence saying what the ties do to the revenue range.
//!
//! The control dispatches `Action::SetRateCorrelation` with a choice's value; nothing here
//! edits the work.

use crate::i18n::format;
use crate::i18n::{self, Locale};

/// How strongly lead quality ties the stages together: the control's named choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tie {
    None,
    Weak,
    Moderate,
    Strong,
}

impl Tie {
    /// Every named choice, weakest first.
    pub const ALL: [Tie; 4] = [Tie::None, Tie::Weak, Tie::Moderate, Tie::Strong];

    /// The `rate_correlation` the choice sets.
    pub fn correlation(self) -> f64 {
        match self {
            Tie::None => 0.0,
            Tie::Weak => 0.25,
            Tie::Moderate => 0.5,
            Tie::Strong => 0.8,
        }
    }

    /// The named choice of exactly this correlation, if there is one.
    pub fn of(correlation: f64) -> Option<Tie> {
        Tie::ALL
            .into_iter()
            .find(|tie| tie.correlation() == correlation)
    }

    fn key(self) -> &'static str {
        match self {
            Tie::None => "none",
            Tie::Weak => "weak",
            Tie::Moderate => "moderate",
            Tie::Strong => "strong",
        }
    }
}

/// One choice of the control: the value it sets, its words, and whether it is the
/// scenario's.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub correlation: f64,
    pub text: String,
    pub selected: bool,
}

/// The control's label: "Lead quality ties the stages together".
pub fn label(locale: Locale) -> String {
    i18n::t(locale, "editor.correlation.label").to_string()
}

/// What the ties mean, for the control's help text.
pub fn help(locale: Locale) -> String {
    i18n::t(locale, "editor.correlation.help").to_string()
}

/// The control's choices for a scenario whose `rate_correlation` is `current` (absent is 0):
/// none, weak, moderate, strong, and `current` itself, in its place by value, when it is none
/// of them. Exactly one is selected.
pub fn choices(locale: Locale, current: Option<f64>) -> Vec<Choice> {
    let current = current.unwrap_or(0.0);
    let mut choices: Vec<Choice> = Tie::ALL
        .into_iter()
        .map(|tie| Choice {
            correlation: tie.correlation(),
            text: i18n::t(locale, &format!("editor.correlation.{}", tie.key())).to_string(),
            selected: tie.correlation() == current,
        })
        .collect();
    if Tie::of(current).is_none() {
        let value = if current.is_finite() {
            format::number(locale, current, 3)
        } else {
            current.to_string()
        };
        let at = choices
            .iter()
            .position(|choice| choice.correlation > current)
            .unwrap_or(choices.len());
        choices.insert(
            at,
            Choice {
                correlation: current,
                text: i18n::tf(locale, "editor.correlation.other", &[("value", &value)]),
                selected: true,
            },
        );
    }
    choices
}

/// What the ties do to the revenue range: "With strong ties the 90% range of revenue is 1.4
/// times as wide as with none", from the revenue's `(p5, p95)` with the scenario's
/// `correlation` and with none (the same scenario at 0). `None` at no correlation, or when
/// the range without ties is empty or a bound is not a number (no ratio to give).
pub fn range_sentence(
    locale: Locale,
    correlation: f64,
    with_ties: (f64, f64),
    without: (f64, f64),
) -> Option<String> {
    let (wide, narrow) = (with_ties.1 - with_ties.0, without.1 - without.0);
    if correlation == 0.0 || !wide.is_finite() || !narrow.is_finite() || narrow <= 0.0 {
        return None;
    }
    let ratio = format::number(locale, wide / narrow, 1);
    Some(match Tie::of(correlation) {
        Some(tie) => i18n::tf(
            locale,
            &format!("explain.correlation.range.{}", tie.key()),
            &[("ratio", &ratio)],
        ),
        None => i18n::tf(
            locale,
            "explain.correlation.range.other",
            &[
                ("value", &format::number(locale, correlation, 3)),
                ("ratio", &ratio),
            ],
        ),
    })
}
