//! The scenario's assumptions in sentences, for the printed report (`ui/assumptions.rs`):
//! what a forecast was simulated from, in the words the decisions' sentences use
//! (`explain`'s laws in words).

use super::explain::{Style, arrivals_words, delay_words, value_words};
use super::rate_input;
use crate::i18n::Locale;
use crate::i18n::format;
use crate::scenario::{Rate, Scenario};

/// The scenario's assumptions in sentences, for the printed report: what the forecast was
/// simulated from (horizon and runs), each source, each stage (its rate, how long leads take
/// to decide, to be lost, what a conversion books, its nurture), the repeat purchases and the
/// shared lead quality. Names as the scenario has them, numbers as the page writes them.
pub fn assumptions(style: Style, scenario: &Scenario, runs: u32, seed: u64) -> Vec<String> {
    let number = |n: f64| format::number(style.locale, n, 0);
    let mut lines = vec![style.tf(
        "report.assumptions.horizon",
        &[
            ("days", style.days(scenario.horizon_days as f64)),
            ("runs", number(f64::from(runs))),
            ("seed", seed.to_string()),
        ],
    )];
    for source in &scenario.sources {
        let mut args = vec![
            ("source", source.name.clone()),
            ("arrivals", arrivals_words(style, &source.per_day)),
            ("entry", source.entry.clone()),
            ("start", number(source.start_day as f64)),
            ("cost", style.money(source.cost_per_lead)),
        ];
        let key = match source.end_day {
            Some(end) => {
                args.push(("end", number(end as f64)));
                "report.assumptions.source_until"
            }
            None => "report.assumptions.source",
        };
        lines.push(style.tf(key, &args));
    }
    for stage in &scenario.stages {
        let mut line = style.tf(
            "report.assumptions.stage",
            &[
                ("stage", stage.name.clone()),
                ("rate", rate_words(style, &stage.conversion)),
                ("delay", delay_words(style, &stage.delay_days)),
            ],
        );
        // Sentences follow one another with a space, except in Chinese.
        let space = if style.locale == Locale::Zh { "" } else { " " };
        if let Some(lost) = &stage.lost_delay_days {
            line.push_str(space);
            line.push_str(&style.tf(
                "report.assumptions.lost",
                &[("delay", delay_words(style, lost))],
            ));
        }
        if stage.value.is_some() {
            line.push_str(space);
            line.push_str(&style.tf(
                "report.assumptions.value",
                &[("value", value_words(style, &stage.value))],
            ));
        }
        if let Some(nurture) = &stage.nurture {
            line.push_str(space);
            line.push_str(&style.tf(
                "report.assumptions.nurture",
                &[
                    ("share", style.percent(nurture.share, 0)),
                    ("delay", delay_words(style, &nurture.delay_days)),
                    ("reentry", style.percent(nurture.reentry, 0)),
                    ("to", nurture.to.clone()),
                    ("cycles", number(nurture.max_cycles as f64)),
                ],
            ));
        }
        lines.push(line);
    }
    if let Some(retention) = &scenario.retention {
        let value = match retention.value {
            Some(_) => value_words(style, &retention.value),
            None => value_words(style, &scenario.stages.last().and_then(|stage| stage.value)),
        };
        lines.push(style.tf(
            "report.assumptions.retention",
            &[
                ("repeat", style.percent(retention.repeat, 0)),
                ("delay", delay_words(style, &retention.delay_days)),
                ("max", number(retention.max_repeats as f64)),
                ("value", value),
            ],
        ));
    }
    // Segments: each one's share of the leads left to the shares, the sources sending it all
    // theirs, and what it meets differently, stage by stage.
    let space = if style.locale == Locale::Zh { "" } else { " " };
    for segment in &scenario.segments {
        let tied: Vec<String> = scenario
            .sources
            .iter()
            .filter(|source| source.segment.as_deref() == Some(segment.name.as_str()))
            .map(|source| source.name.clone())
            .collect();
        let mut line = style.tf(
            "report.assumptions.segment",
            &[
                ("segment", segment.name.clone()),
                ("share", style.percent(segment.share, 1)),
            ],
        );
        if !tied.is_empty() {
            line.push_str(space);
            line.push_str(&style.tf(
                "report.assumptions.segment_sources",
                &[("sources", tied.join(", "))],
            ));
        }
        for (stage, over) in &segment.stages {
            let mut parts = Vec::new();
            if let Some(rate) = &over.conversion {
                parts.push(rate_words(style, rate));
            }
            if let Some(delay) = &over.delay_days {
                parts.push(delay_words(style, delay));
            }
            if over.value.is_some() {
                parts.push(value_words(style, &over.value));
            }
            if let Some(lost) = &over.lost_delay_days {
                parts.push(style.tf(
                    "report.assumptions.lost",
                    &[("delay", delay_words(style, lost))],
                ));
            }
            line.push_str(space);
            line.push_str(&style.tf(
                "report.assumptions.segment_stage",
                &[("stage", stage.clone()), ("changes", parts.join(", "))],
            ));
        }
        lines.push(line);
    }
    if let Some(r) = scenario.rate_correlation.filter(|r| *r > 0.0) {
        lines.push(style.tf(
            "report.assumptions.correlation",
            &[("r", format::number(style.locale, r, 2))],
        ));
    }
    lines
}

/// A stage's rate for a reader of the report: a percentage, or an uncertain rate's mean with
/// the range that holds it in 90% of the runs.
fn rate_words(style: Style, rate: &Rate) -> String {
    let summary = rate_input::describe(rate);
    match rate {
        Rate::Fixed(p) => style.percent(*p, 1),
        Rate::Uncertain(_) => style.tf(
            "report.assumptions.uncertain_rate",
            &[
                ("mean", style.percent(summary.mean, 0)),
                ("low", style.percent(summary.p5, 0)),
                ("high", style.percent(summary.p95, 0)),
            ],
        ),
    }
}
