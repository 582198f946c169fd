//! A CRM history made from a scenario: the ground truth calibration is tested against, and
//! the source of the example files.
//!
//! Every lead is followed by the per-lead reference (`engine::reference::Journeys`), exactly as
//! the format reads, and its journey is written as a CRM would have recorded it: one visit per
//! stage entered, with the day it left and how (advanced, lost, or still open on the export
//! day), a deal lost to nurture that comes back appearing again at the stage it re-enters, the
//! purchase's amount on the last stage's advanced visits, and the deal's source.

use super::history::{Day, Deal, History, Outcome, Visit};
use crate::engine::reference::{Event, Journeys, draw_arrivals};
use crate::engine::streams::{Purpose, stream};
use crate::scenario::Model;

/// The history a CRM would hold after the model's horizon: simulation day `t` is the calendar
/// day `start + t`, and the export is taken on the model's last day (`start + horizon - 1`),
/// so a visit whose decision would fall on or after the horizon is open in the history.
///
/// One run of the reference with its own stream keyed by `seed` (an uncertain rate is drawn
/// once for the whole history, as for one run). Deals are numbered `D1`, `D2`, … in order of
/// arrival (source by source, day by day); the sources are the model's, in its order.
pub fn generate(model: &Model, seed: u64, start: Day) -> History {
    let mut rng = stream(seed, 0, Purpose::Flow, "calibrate::generate");
    let journeys = Journeys::new(model, &mut rng);
    let last_stage = model.stages.len().saturating_sub(1);
    let mut deals = Vec::new();
    for (source_index, source) in model.sources.iter().enumerate() {
        for day in source.start..source.end {
            for _ in 0..draw_arrivals(source.arrivals, &mut rng) {
                let mut visits: Vec<Visit> = Vec::new();
                journeys.follow(source.entry, day, &mut rng, &mut |event| {
                    record(&mut visits, event, start, last_stage);
                });
                deals.push(Deal {
                    id: format!("D{}", deals.len() + 1),
                    source: Some(source_index),
                    visits,
                });
            }
        }
    }
    History {
        stages: model.stages.iter().map(|s| s.name.clone()).collect(),
        sources: model.sources.iter().map(|s| s.name.clone()).collect(),
        deals,
        as_of: start + model.horizon as Day - 1,
    }
}

/// Writes one event of a journey into the deal's visits.
fn record(visits: &mut Vec<Visit>, event: Event, start: Day, last_stage: usize) {
    match event {
        Event::Entered { stage, day } => visits.push(Visit {
            stage,
            entered: start + day as Day,
            left: None,
            outcome: Outcome::Open,
            amount: None,
            line: 0,
        }),
        Event::Converted {
            stage, day, value, ..
        } => {
            if let Some(visit) = visits.last_mut() {
                visit.left = Some(start + day as Day);
                visit.outcome = Outcome::Advanced;
                // A CRM records the purchase's amount; values booked on earlier stages are
                // not part of its stage history.
                visit.amount = if stage == last_stage { value } else { None };
            }
        }
        Event::Failed { day, .. } => {
            if let Some(visit) = visits.last_mut() {
                visit.left = Some(start + day as Day);
                visit.outcome = Outcome::Lost;
            }
        }
        // Open visits stay open; nurture leaves no row of its own (a return is the next
        // visit's entry); repeat purchases are not stage visits.
        _ => {}
    }
}
