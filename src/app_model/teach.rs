//! The teaching view in words: a lead's journey as the page tells it when a dot is clicked,
//! and the lessons said as the days pass (the stage losing the most leads; the rate among
//! closed deals beside the rate among all that entered), in the person's language.

use crate::engine::journeys::{Kind, LeadJourney, Tally};
use crate::i18n::format::{self, Currency};
use crate::i18n::{self, Locale};

/// One lead's journey: "Day 3: entered Interest · Day 9: went to nurture · Day 23: came back
/// to Consideration · Day 30: bought for $250".
pub fn journey_in_words(locale: Locale, lead: &LeadJourney, currency: Currency) -> String {
    let steps: Vec<String> = lead
        .events
        .iter()
        .map(|event| {
            let day = format::integer(locale, f64::from(event.day));
            let key = match (event.kind, event.value) {
                (Kind::Entered, _) => "teach.step.entered",
                (Kind::Advanced, _) => "teach.step.advanced",
                (Kind::Purchased, Some(_)) => "teach.step.purchased_for",
                (Kind::Purchased, None) => "teach.step.purchased",
                (Kind::Lost, _) => "teach.step.lost",
                (Kind::Nurture, _) => "teach.step.nurture",
                (Kind::Returned, _) => "teach.step.returned",
                (Kind::Repeat, Some(_)) => "teach.step.repeat_for",
                (Kind::Repeat, None) => "teach.step.repeat",
                (Kind::Open, _) => "teach.step.open",
            };
            let value = event
                .value
                .map(|v| format::money(locale, currency, v))
                .unwrap_or_default();
            i18n::tf(
                locale,
                key,
                &[("day", &day), ("stage", &event.stage), ("value", &value)],
            )
        })
        .collect();
    steps.join(i18n::t(locale, "teach.step.separator"))
}

/// "So far Awareness has lost the most leads: 130." (`None` while no stage has lost one.)
pub fn most_lost_sentence(locale: Locale, stages: &[String], tallies: &[Tally]) -> Option<String> {
    let stage = crate::engine::journeys::most_lost(tallies)?;
    let lost = f64::from(tallies[stage].lost);
    Some(i18n::tn(
        locale,
        "teach.lesson.most_lost",
        lost,
        &[
            ("stage", stages.get(stage).map_or("", String::as_str)),
            ("count", &format::integer(locale, lost)),
        ],
    ))
}

/// The two rates practitioners confuse, for one stage, and why they differ while leads are
/// still deciding: "Consideration: 36% of the closed leads converted, 27% of all that
/// entered. 5 are still deciding: the closed ones are the quick decisions, so the first rate
/// runs ahead of the truth and the second behind it." When nothing is open the two agree.
/// `None` before anyone entered.
pub fn rates_sentence(locale: Locale, stage: &str, tally: &Tally) -> Option<String> {
    let entered_rate = tally.entered_rate()?;
    let percent = |share: f64| format::percent(locale, share, 0);
    let waiting = tally.now + tally.nurture + tally.open;
    match tally.closed_rate() {
        Some(closed) if waiting > 0 => Some(i18n::tn(
            locale,
            "teach.lesson.rates_open",
            f64::from(waiting),
            &[
                ("stage", stage),
                ("closed", &percent(closed)),
                ("entered", &percent(entered_rate)),
                ("open", &format::integer(locale, f64::from(waiting))),
            ],
        )),
        Some(closed) => Some(i18n::tf(
            locale,
            "teach.lesson.rates_closed",
            &[("stage", stage), ("rate", &percent(closed))],
        )),
        None => Some(i18n::tn(
            locale,
            "teach.lesson.rates_none_closed",
            f64::from(waiting),
            &[
                ("stage", stage),
                ("open", &format::integer(locale, f64::from(waiting))),
            ],
        )),
    }
}
