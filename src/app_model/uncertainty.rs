//! Which unknown matters most, in words: the sentence under the chart of the shares of the
//! spread of revenue ("Most of the spread of revenue comes from not knowing the Consideration
//! rate (46%): measuring it better is worth more than measuring anything else"), and the stage
//! whose rate is worth measuring first, for the link to the experiment planner.

use super::explain::Style;
use crate::engine::{Report, Share, UncertaintyKind, UncertaintySource, VarianceOf};
use crate::i18n::{self, format};

fn tf(style: Style, key: &str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    i18n::tf(style.locale, key, &args)
}

/// A share as a percentage: whole percents from 10%, one decimal below.
pub fn share_text(style: Style, share: f64) -> String {
    format::percent(style.locale, share, if share < 0.095 { 1 } else { 0 })
}

/// Whether two shares are too close to tell apart with these runs: within two standard errors
/// of their difference (taken as if independent).
fn tied(first: Share, second: Share) -> bool {
    let error = first.standard_error.hypot(second.standard_error);
    first.share - second.share <= 2.0 * error
}

/// What the largest part of the spread of revenue comes from, and what the sentence says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Largest<'a> {
    /// Every rate is fixed: all of the spread is chance.
    NoUncertainRate,
    /// The runs cannot tell: too few, or revenue does not vary.
    Unknown,
    /// Chance, with its share and the sources' together.
    Chance { chance: Share, sources: f64 },
    /// One source, ahead of chance.
    Source {
        source: &'a UncertaintySource,
        share: Share,
    },
    /// Two stages' rates ahead of the rest and of chance, too close to tell apart.
    TwoRates {
        first: (&'a UncertaintySource, Share),
        second: (&'a UncertaintySource, Share),
    },
}

/// What the largest part of the spread of revenue comes from (see `Largest`): the source with
/// the largest share, unless chance's is larger; two conversion rates when the second is
/// within two standard errors of the first.
pub fn largest(report: &Report) -> Largest<'_> {
    let Some(uncertainty) = &report.uncertainty else {
        return Largest::NoUncertainRate;
    };
    let Some(chance) = uncertainty.chance.of(VarianceOf::Revenue) else {
        return Largest::Unknown;
    };
    let ranked = uncertainty.ranked(VarianceOf::Revenue);
    let sources: f64 = ranked.iter().map(|(_, _, share)| share.share).sum();
    match ranked.as_slice() {
        [] => Largest::Chance { chance, sources },
        [(_, _, top), ..] if chance.share > top.share => Largest::Chance { chance, sources },
        [(_, first, a), (_, second, b), ..]
            if first.kind == UncertaintyKind::ConversionRate
                && second.kind == UncertaintyKind::ConversionRate
                && tied(*a, *b) =>
        {
            Largest::TwoRates {
                first: (first, *a),
                second: (second, *b),
            }
        }
        [(_, source, share), ..] => Largest::Source {
            source,
            share: *share,
        },
    }
}

/// The sentence: which unknown matters most for the spread of revenue, in the person's
/// language (see `largest` for the cases).
pub fn sentence(style: Style, report: &Report) -> String {
    let percent = |share: f64| share_text(style, share);
    match largest(report) {
        Largest::NoUncertainRate => i18n::t(style.locale, "uncertainty.none").to_string(),
        Largest::Unknown => i18n::t(style.locale, "uncertainty.unknown").to_string(),
        Largest::Chance { chance, sources } => tf(
            style,
            "uncertainty.chance",
            &[("share", percent(chance.share)), ("rest", percent(sources))],
        ),
        Largest::Source { source, share } => match source.kind {
            UncertaintyKind::ConversionRate => tf(
                style,
                "uncertainty.rate",
                &[
                    ("stage", source.display_name()),
                    ("share", percent(share.share)),
                ],
            ),
            UncertaintyKind::LeadQuality => tf(
                style,
                "uncertainty.lead_quality",
                &[("share", percent(share.share))],
            ),
        },
        Largest::TwoRates { first, second } => tf(
            style,
            "uncertainty.rates_tied",
            &[
                ("first", first.0.display_name()),
                ("second", second.0.display_name()),
                ("first_share", percent(first.1.share)),
                ("second_share", percent(second.1.share)),
            ],
        ),
    }
}

/// The stage whose conversion rate is worth measuring first (its index in the scenario), for
/// the link to the experiment planner: the largest source when it is a rate ahead of chance
/// (the first of two tied ones); `None` otherwise.
pub fn stage_to_measure(report: &Report) -> Option<usize> {
    match largest(report) {
        Largest::Source { source, .. }
        | Largest::TwoRates {
            first: (source, _), ..
        } => match source.kind {
            UncertaintyKind::ConversionRate => source.stage.map(|stage| stage as usize),
            UncertaintyKind::LeadQuality => None,
        },
        _ => None,
    }
}
