//! Journeys of individual leads, for the teaching view and `funnelcast journeys`: a small
//! cohort followed by the per-lead reference simulator, each lead's steps as dated events.
//!
//! The cohort is the scenario's own sources scaled down to `leads` leads: each source gets its
//! share of the leads in proportion to the leads it is expected to send over the horizon
//! (largest remainders, ties to the earlier source), and its leads arrive evenly over its active
//! days (lead `i` of `n` on day `start + ⌊(i + ½) · days / n⌋`), so the cohort looks like the
//! funnel's traffic in miniature. The uncertain rates are drawn once for the cohort, and each
//! lead draws from a stream of its own: a change to one stage's rate leaves every lead's other
//! draws as they were, so the class sees what that one change does to the same leads.

use serde::{Deserialize, Serialize};

use super::reference::{Event, Journeys};
use super::streams::{Purpose, stream};
use crate::scenario::{ArrivalLaw, Model};

/// The most leads a cohort may hold (the page shows up to 2,000).
pub const MAX_LEADS: u32 = 100_000;

/// What a journey step is, as `funnelcast journeys --json` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Arrived from its source into `stage`.
    Entered,
    /// Converted out of `stage`, which is not the last.
    Advanced,
    /// Converted out of the last stage: the first purchase.
    Purchased,
    /// Lost for good: it failed `stage` (or left its nurture without coming back).
    Lost,
    /// Failed `stage` and went to its nurture.
    Nurture,
    /// Came back from nurture into `stage` (the nurture's target stage).
    Returned,
    /// A repeat purchase (`stage` is the last stage, where the customer bought first).
    Repeat,
    /// Still deciding in `stage`, or still in its nurture, at the horizon: one event on the
    /// last day.
    Open,
}

/// One dated step of a lead's journey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneyEvent {
    pub day: u32,
    pub kind: Kind,
    /// The stage's name as the scenario has it.
    pub stage: String,
    /// Revenue booked by this step, only where there is some.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
}

/// One lead: the source it came from and its steps in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadJourney {
    pub source: String,
    /// The lead's segment, when the scenario has segments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    pub events: Vec<JourneyEvent>,
}

/// A cohort's journeys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cohort {
    pub leads: Vec<LeadJourney>,
}

/// The journeys of a cohort of `leads` leads (at most `MAX_LEADS`; more are cut to it) of
/// `model`, seeded with `seed`.
pub fn journeys(model: &Model, leads: u32, seed: u64) -> Cohort {
    let leads = leads.min(MAX_LEADS);
    let mut rates = stream(seed, 0, Purpose::Rate, "journeys");
    // With segments, each segment's stages and rates (drawn once for the cohort), and each
    // lead's segment drawn first from its own stream (its source's when the source names one).
    let parts: Vec<Model> = (0..model.segments.len())
        .map(|g| model.segment_part(g))
        .collect();
    let (whole, by_segment) = if parts.is_empty() {
        (Some(Journeys::new(model, &mut rates)), Vec::new())
    } else {
        (
            None,
            super::reference::segment_journeys(model, &parts, &mut rates).0,
        )
    };
    let last_day = model.horizon.saturating_sub(1);
    let mut out = Vec::with_capacity(leads as usize);
    for (source, count) in model.sources.iter().zip(shares(model, leads)) {
        let days = u64::from(source.active_days());
        for i in 0..count {
            let offset = ((2 * u64::from(i) + 1) * days / (2 * u64::from(count))) as u32;
            let arrival = source.start + offset;
            let mut rng = stream(seed, out.len() as u32, Purpose::Flow, "journeys");
            let (journeys, segment) = match &whole {
                Some(journeys) => (journeys, None),
                None => {
                    let g = super::reference::segment_of(model, source.segment, &mut rng);
                    (&by_segment[g], Some(model.segments[g].name.clone()))
                }
            };
            let mut events = Vec::new();
            journeys.follow(source.entry, arrival, &mut rng, &mut |event| {
                if let Some(step) = step(model, event, last_day, &events) {
                    events.push(step);
                }
            });
            out.push(LeadJourney {
                source: source.name.clone(),
                segment,
                events,
            });
        }
    }
    Cohort { leads: out }
}

/// How many of the cohort's `leads` leads each source sends: in proportion to its expected
/// leads over the horizon, by largest remainders (ties to the earlier source). A scenario
/// whose sources send nobody gets no leads.
pub fn shares(model: &Model, leads: u32) -> Vec<u32> {
    let expected: Vec<f64> = model
        .sources
        .iter()
        .map(|s| {
            let per_day = match s.arrivals {
                ArrivalLaw::Fixed(n) => n as f64,
                ArrivalLaw::Poisson(mean) => mean,
            };
            per_day * f64::from(s.active_days())
        })
        .collect();
    let total: f64 = expected.iter().sum();
    if total.is_nan() || total <= 0.0 || leads == 0 {
        return vec![0; model.sources.len()];
    }
    let exact: Vec<f64> = expected
        .iter()
        .map(|e| e / total * f64::from(leads))
        .collect();
    let mut counts: Vec<u32> = exact.iter().map(|x| x.floor() as u32).collect();
    let given: u32 = counts.iter().sum();
    let mut order: Vec<usize> = (0..counts.len()).filter(|&s| expected[s] > 0.0).collect();
    order.sort_by(|&a, &b| {
        let remainder = |s: usize| exact[s] - exact[s].floor();
        remainder(b).total_cmp(&remainder(a)).then(a.cmp(&b))
    });
    for &s in order
        .iter()
        .cycle()
        .take(leads.saturating_sub(given) as usize)
    {
        counts[s] += 1;
    }
    counts
}

/// The step the reference's `event` makes, if it is one the journeys show. A `Reentered` is
/// shown by the `Entered` that follows it, as `returned` into the stage it re-enters.
fn step(
    model: &Model,
    event: Event,
    last_day: u32,
    so_far: &[JourneyEvent],
) -> Option<JourneyEvent> {
    let name = |stage: usize| {
        model
            .stages
            .get(stage)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    };
    let at = |day: u32, kind: Kind, stage: usize, value: Option<f64>| JourneyEvent {
        day,
        kind,
        stage: name(stage),
        value,
    };
    let returning = so_far.last().is_some_and(|e| e.kind == Kind::Nurture);
    match event {
        Event::Entered { stage, day } if returning => Some(at(day, Kind::Returned, stage, None)),
        Event::Entered { stage, day } => Some(at(day, Kind::Entered, stage, None)),
        Event::Converted {
            stage, day, value, ..
        } => {
            let kind = if stage + 1 == model.stages.len() {
                Kind::Purchased
            } else {
                Kind::Advanced
            };
            Some(at(day, kind, stage, value))
        }
        Event::Nurtured { stage, day } => Some(at(day, Kind::Nurture, stage, None)),
        Event::Lost { stage, day } => Some(at(day, Kind::Lost, stage, None)),
        Event::OpenAtHorizon { stage } | Event::OpenInNurture { stage } => {
            Some(at(last_day, Kind::Open, stage, None))
        }
        Event::RepeatPurchase { day, value } => Some(at(
            day,
            Kind::Repeat,
            model.stages.len().saturating_sub(1),
            value,
        )),
        // Shown by the events around them: a failure by `lost` or `nurture`, the first
        // purchase by `purchased`, a return by the `returned` entry; churn is no step.
        Event::Failed { .. }
        | Event::Reentered { .. }
        | Event::FirstPurchase { .. }
        | Event::Churned { .. } => None,
    }
}

/// One stage's live tally on a day of the journeys (what the teaching view's table shows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tally {
    /// Entries so far, returns from nurture included.
    pub entered: u32,
    /// In the stage now, still deciding.
    pub now: u32,
    /// Converted out of it so far (out of the last stage: bought).
    pub advanced: u32,
    /// Lost for good after failing it, so far (from its nurture too).
    pub lost: u32,
    /// In its nurture now.
    pub nurture: u32,
    /// Still deciding in it, or in its nurture, at the horizon (counted on the last day only).
    pub open: u32,
}

impl Tally {
    /// Converted among the visits that closed (advanced or lost): the rate practitioners
    /// read, which runs high while slow deals are still open.
    pub fn closed_rate(&self) -> Option<f64> {
        let closed = self.advanced + self.lost;
        (closed > 0).then(|| f64::from(self.advanced) / f64::from(closed))
    }

    /// Converted among all that entered: open visits count as not (yet) converted.
    pub fn entered_rate(&self) -> Option<f64> {
        (self.entered > 0).then(|| f64::from(self.advanced) / f64::from(self.entered))
    }
}

/// Each stage's tally at the end of `day`: every event dated `day` or earlier has happened.
pub fn tallies(cohort: &Cohort, model: &Model, day: u32) -> Vec<Tally> {
    #[derive(Clone, Copy)]
    enum Place {
        Outside,
        Stage(usize),
        Nurture(usize),
    }
    let index: std::collections::HashMap<&str, usize> = model
        .stages
        .iter()
        .enumerate()
        .map(|(k, s)| (s.name.as_str(), k))
        .collect();
    let mut out = vec![Tally::default(); model.stages.len()];
    for lead in &cohort.leads {
        let mut place = Place::Outside;
        for event in lead.events.iter().take_while(|e| e.day <= day) {
            let Some(&k) = index.get(event.stage.as_str()) else {
                continue;
            };
            match event.kind {
                Kind::Entered | Kind::Returned => {
                    out[k].entered += 1;
                    place = Place::Stage(k);
                }
                Kind::Advanced | Kind::Purchased => {
                    out[k].advanced += 1;
                    place = Place::Outside;
                }
                Kind::Lost => {
                    out[k].lost += 1;
                    place = Place::Outside;
                }
                Kind::Nurture => place = Place::Nurture(k),
                Kind::Open => {
                    out[k].open += 1;
                    place = Place::Outside;
                }
                Kind::Repeat => {}
            }
        }
        match place {
            Place::Stage(k) => out[k].now += 1,
            Place::Nurture(k) => out[k].nurture += 1,
            Place::Outside => {}
        }
    }
    out
}

/// The stage that has lost the most leads by the tallies (the first of equals), if any has
/// lost one.
pub fn most_lost(tallies: &[Tally]) -> Option<usize> {
    let most = tallies.iter().map(|t| t.lost).max().filter(|&m| m > 0)?;
    tallies.iter().position(|t| t.lost == most)
}
