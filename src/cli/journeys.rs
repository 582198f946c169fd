//! `funnelcast journeys`: a small cohort's lead-by-lead journeys, as JSON or as a table of
//! each stage's tallies at the horizon and the first journeys step by step.

use std::fmt::Write as _;

use crate::engine::journeys::{self, Cohort, Kind};
use crate::scenario::Model;

/// The journeys of `leads` leads as the command prints them: the cohort as JSON with `json`,
/// otherwise the tallies and the first journeys.
pub(super) fn journeys_output(
    model: &Model,
    leads: u32,
    seed: u64,
    json: bool,
) -> Result<String, String> {
    if json {
        return crate::api::journeys_json(model, leads, seed)
            .map_err(|e| super::message(&e, &|_| String::new()));
    }
    Ok(table(model, &journeys::journeys(model, leads, seed)))
}

fn table(model: &Model, cohort: &Cohort) -> String {
    let last_day = model.horizon.saturating_sub(1);
    let tallies = journeys::tallies(cohort, model, last_day);
    let width = model
        .stages
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} leads followed one by one over {} days (at the horizon, day {last_day}):",
        cohort.leads.len(),
        model.horizon
    );
    let _ = writeln!(
        out,
        "{:<width$}  {:>8} {:>9} {:>5} {:>8} {:>5}  {:>12} {:>12}",
        "stage", "entered", "advanced", "lost", "nurture", "open", "rate closed", "rate entered"
    );
    let percent =
        |rate: Option<f64>| rate.map_or("-".to_string(), |r| format!("{:.1}%", r * 100.0));
    for (stage, tally) in model.stages.iter().zip(&tallies) {
        let _ = writeln!(
            out,
            "{:<width$}  {:>8} {:>9} {:>5} {:>8} {:>5}  {:>12} {:>12}",
            stage.name,
            tally.entered,
            tally.advanced,
            tally.lost,
            tally.nurture,
            tally.open,
            percent(tally.closed_rate()),
            percent(tally.entered_rate()),
        );
    }
    if let Some(stage) = journeys::most_lost(&tallies) {
        let _ = writeln!(
            out,
            "Most leads were lost at {} ({}).",
            model.stages[stage].name, tallies[stage].lost
        );
    }
    let shown = cohort.leads.len().min(5);
    if shown > 0 {
        let _ = writeln!(out, "\nThe first {shown} journeys:");
    }
    for (i, lead) in cohort.leads.iter().take(shown).enumerate() {
        let steps: Vec<String> = lead
            .events
            .iter()
            .map(|e| {
                let what = match e.kind {
                    Kind::Entered => "entered",
                    Kind::Advanced => "advanced from",
                    Kind::Purchased => "bought at",
                    Kind::Lost => "lost at",
                    Kind::Nurture => "went to nurture from",
                    Kind::Returned => "came back to",
                    Kind::Repeat => "bought again after",
                    Kind::Open => "still open at",
                };
                let value = e.value.map_or(String::new(), |v| format!(" for {v:.2}"));
                format!("day {}: {what} {}{value}", e.day, e.stage)
            })
            .collect();
        let _ = writeln!(
            out,
            "{}. from {}: {}",
            i + 1,
            lead.source,
            steps.join(" · ")
        );
    }
    out
}
