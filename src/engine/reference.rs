//! The per-lead reference simulator: one run, lead by lead, written straight from the semantics.
//!
//! This is the yardstick the fast engine is tested against, so it favours being obviously right
//! over being fast: every lead is followed on its own, day by day, exactly as
//! docs/scenario-format.md reads. A lead's journey is a sequence of `Event`s, so the same
//! code that counts a run can also show one lead's path (the teaching view).
//!
//! Architecture invariant: its cost grows with the number of leads; nothing here is shared with
//! the fast engine except the validated model, the laws' `sample` methods and `RunResult`.

use rand::{Rng, RngExt};
use rand_distr::{Distribution, Poisson, StandardNormal};

use super::run::{RunResult, SegmentCounts, SourceCounts};
use super::streams::{Purpose, stream};
use crate::scenario::{ArrivalLaw, Model};

/// Simulates run `run` of a simulation seeded with `seed`, one lead at a time.
///
/// The run draws from a single stream: coupling variants of a scenario is the fast engine's
/// concern, the reference only has to follow the semantics.
pub fn run(model: &Model, seed: u64, run: u32) -> RunResult {
    if !model.segments.is_empty() {
        return run_segments(model, seed, run);
    }
    let mut rng = stream(seed, run, Purpose::Flow, "reference");
    let journeys = Journeys::new(model, &mut rng);
    let mut result = RunResult::empty(model.stages.len(), model.horizon as usize);
    let mut parts = vec![SourceCounts::default(); model.sources.len()];
    for (source, part) in model.sources.iter().zip(&mut parts) {
        // `end` is already clipped to the horizon by validation.
        for day in source.start..source.end {
            let count = draw_arrivals(source.arrivals, &mut rng);
            result.leads += count;
            result.cost += count as f64 * source.cost_per_lead;
            part.leads += count;
            part.cost += count as f64 * source.cost_per_lead;
            for _ in 0..count {
                journeys.follow(source.entry, day, &mut rng, &mut |event| {
                    record(&mut result, event);
                    record_source(part, event);
                });
            }
        }
    }
    result.sources = parts;
    result.unknowns = journeys.unknowns;
    result
}

/// A run of a model cut into segments, lead by lead as the format reads: the run's rates
/// first (with a correlation the lead-quality normal Z, then one normal per uncertain rate of
/// `Model::uncertain_rates`, in its order; without, each rate from its law in that order),
/// then every lead of every source and day: its segment (the source's, or drawn by the
/// shares), then its journey through the stages as that segment meets them.
fn run_segments(model: &Model, seed: u64, run: u32) -> RunResult {
    let mut rng = stream(seed, run, Purpose::Flow, "reference");
    let parts: Vec<Model> = (0..model.segments.len())
        .map(|g| model.segment_part(g))
        .collect();
    let (journeys, unknowns) = segment_journeys(model, &parts, &mut rng);
    follow_segments(model, &journeys, unknowns, &mut rng)
}

/// Each segment's journeys for one run (`parts[g]` being `model.segment_part(g)`) and the
/// draws behind its uncertain rates: with a correlation the lead-quality normal Z, then one
/// normal per rate of `Model::uncertain_rates` in its order; without, each rate from its law
/// in that order, all from `rng`.
pub fn segment_journeys<'a, R: Rng + ?Sized>(
    model: &Model,
    parts: &'a [Model],
    rng: &mut R,
) -> (Vec<Journeys<'a>>, Vec<f64>) {
    let uncertain = model.uncertain_rates();
    let r = model.rate_correlation;
    let quality: Option<f64> =
        (r > 0.0 && !uncertain.is_empty()).then(|| rng.sample(StandardNormal));
    let mut unknowns = Vec::new();
    let values: Vec<f64> = uncertain
        .iter()
        .map(|&rate| {
            let law = model.rate_law(rate);
            match quality {
                Some(z) => {
                    let own: f64 = rng.sample(StandardNormal);
                    unknowns.push(own);
                    law.at_score(r.sqrt() * z + (1.0 - r).sqrt() * own)
                }
                None => {
                    let drawn = law.sample(rng);
                    unknowns.push(drawn);
                    drawn
                }
            }
        })
        .collect();
    unknowns.extend(quality);
    let rates = super::copula::segment_rates(model, &uncertain, &values);
    let journeys = parts
        .iter()
        .zip(rates)
        .map(|(part, rates)| Journeys {
            model: part,
            rates,
            unknowns: Vec::new(),
        })
        .collect();
    (journeys, unknowns)
}

/// The rest of `run_segments`.
fn follow_segments(
    model: &Model,
    journeys: &[Journeys],
    unknowns: Vec<f64>,
    rng: &mut super::streams::Stream,
) -> RunResult {
    let stage_count = model.stages.len();
    let mut result = RunResult::empty(stage_count, model.horizon as usize);
    let mut sources = vec![SourceCounts::default(); model.sources.len()];
    let mut segments: Vec<SegmentCounts> = (0..model.segments.len())
        .map(|_| SegmentCounts {
            entered: vec![0; stage_count],
            converted: vec![0; stage_count],
            ..SegmentCounts::default()
        })
        .collect();
    for (source, part) in model.sources.iter().zip(&mut sources) {
        for day in source.start..source.end {
            let count = draw_arrivals(source.arrivals, rng);
            result.leads += count;
            result.cost += count as f64 * source.cost_per_lead;
            part.leads += count;
            part.cost += count as f64 * source.cost_per_lead;
            for _ in 0..count {
                let g = segment_of(model, source.segment, rng);
                let segment = &mut segments[g];
                segment.leads += 1;
                segment.cost += source.cost_per_lead;
                journeys[g].follow(source.entry, day, rng, &mut |event| {
                    record(&mut result, event);
                    record_source(part, event);
                    record_segment(segment, event);
                });
            }
        }
    }
    result.sources = sources;
    result.segments = segments;
    result.unknowns = unknowns;
    result
}

/// The segment of a lead from a source tied to `tied` (that one), or drawn by the shares.
pub fn segment_of<R: Rng + ?Sized>(model: &Model, tied: Option<usize>, rng: &mut R) -> usize {
    match tied {
        Some(g) => g,
        None => pick(rng, model.segments.iter().map(|s| s.share)),
    }
}

/// An index drawn with probabilities `weights` (summing to 1): the first whose cumulative
/// weight passes a uniform draw, the last positive one if rounding leaves none.
fn pick<R: Rng + ?Sized>(rng: &mut R, weights: impl Iterator<Item = f64>) -> usize {
    let u: f64 = rng.random();
    let mut cumulative = 0.0;
    let mut last_positive = 0;
    for (i, w) in weights.enumerate() {
        if w > 0.0 {
            last_positive = i;
            cumulative += w;
            if u < cumulative {
                return i;
            }
        }
    }
    last_positive
}

/// Adds one event of a lead's journey to its segment's part.
fn record_segment(part: &mut SegmentCounts, event: Event) {
    match event {
        Event::Entered { stage, .. } => part.entered[stage] += 1,
        Event::Converted { stage, value, .. } => {
            part.converted[stage] += 1;
            part.revenue += value.unwrap_or(0.0);
        }
        Event::FirstPurchase { .. } => part.customers += 1,
        Event::RepeatPurchase { value, .. } => {
            part.repeat_purchases += 1;
            part.revenue += value.unwrap_or(0.0);
        }
        _ => {}
    }
}

/// One step of a lead's journey, reported in the order it happens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Event {
    /// Entered `stage` on `day`, from a source or back from nurture.
    Entered { stage: usize, day: u32 },
    /// Still waiting to decide in `stage` at the horizon; the journey ends here.
    OpenAtHorizon { stage: usize },
    /// Converted out of `stage` on `day`, `waited` days after entering it, booking `value` when
    /// the stage has one.
    Converted {
        stage: usize,
        day: u32,
        waited: u32,
        value: Option<f64>,
    },
    /// Decided on `day` not to convert, `waited` days after entering `stage`.
    Failed { stage: usize, day: u32, waited: u32 },
    /// Sent on `day` to the nurture of `stage` (the stage it failed).
    Nurtured { stage: usize, day: u32 },
    /// Still in the nurture of `stage` at the horizon; the journey ends here.
    OpenInNurture { stage: usize },
    /// Came back on `day` from the nurture of `stage`; the next event enters the nurture's
    /// target stage.
    Reentered { stage: usize, day: u32 },
    /// Lost for good on `day`, after failing `stage` or leaving its nurture without re-entering.
    Lost { stage: usize, day: u32 },
    /// The first purchase (converting out of the last stage) on `day`, `days_from_arrival`
    /// days after the lead arrived from its source. Its value, if any, is on the `Converted`
    /// event just before.
    FirstPurchase { day: u32, days_from_arrival: u32 },
    /// A repeat purchase on `day`, booking `value` when retention has one.
    RepeatPurchase { day: u32, value: Option<f64> },
    /// Stopped buying on `day`: did not buy again, or made its last allowed repeat purchase.
    /// A customer whose next purchase would fall after the horizon gets no such event.
    Churned { day: u32 },
}

/// The model together with one run's draws of the conversion rates: everything a lead's
/// journey depends on besides its own draws.
#[derive(Debug, Clone)]
pub struct Journeys<'a> {
    model: &'a Model,
    /// This run's rate of each stage, in stage order.
    rates: Vec<f64>,
    /// The draws behind the uncertain rates, as `RunResult::unknowns` keeps them.
    unknowns: Vec<f64>,
}

impl<'a> Journeys<'a> {
    /// Draws each stage's rate for one run, in stage order.
    ///
    /// An uncertain rate is drawn here once and then holds for every lead of the run: it is
    /// our uncertainty about the rate, not noise per lead.
    ///
    /// With a `rate_correlation` r above 0 the uncertain rates come from the Gaussian copula,
    /// as the format says: one lead-quality normal Z for the run, then one normal e_k per
    /// uncertain stage, in stage order, and the rate of normal score
    /// `sqrt(r) Z + sqrt(1 - r) e_k` under the stage's own law.
    pub fn new<R: Rng + ?Sized>(model: &'a Model, rng: &mut R) -> Journeys<'a> {
        let r = model.rate_correlation;
        let mut unknowns = Vec::new();
        let rates = if r > 0.0 {
            let quality: f64 = rng.sample(StandardNormal);
            let rates = model
                .stages
                .iter()
                .map(|stage| {
                    if stage.conversion.is_uncertain() {
                        let own: f64 = rng.sample(StandardNormal);
                        unknowns.push(own);
                        let score = r.sqrt() * quality + (1.0 - r).sqrt() * own;
                        stage.conversion.at_score(score)
                    } else {
                        stage.conversion.mean()
                    }
                })
                .collect();
            if !unknowns.is_empty() {
                unknowns.push(quality);
            }
            rates
        } else {
            model
                .stages
                .iter()
                .map(|stage| {
                    let rate = stage.conversion.sample(rng);
                    if stage.conversion.is_uncertain() {
                        unknowns.push(rate);
                    }
                    rate
                })
                .collect()
        };
        Journeys {
            model,
            rates,
            unknowns,
        }
    }

    /// The draws behind this run's uncertain rates, as `RunResult::unknowns` keeps them.
    pub fn unknowns(&self) -> &[f64] {
        &self.unknowns
    }

    /// This run's conversion rate of each stage, in stage order.
    pub fn rates(&self) -> &[f64] {
        &self.rates
    }

    /// Follows one lead that arrives in stage `entry` on `arrival_day` until its journey ends
    /// or the horizon stops it, reporting each step to `on_event` in order.
    ///
    /// An `entry` that names no stage ends the journey before it starts.
    pub fn follow<R: Rng + ?Sized>(
        &self,
        entry: usize,
        arrival_day: u32,
        rng: &mut R,
        on_event: &mut impl FnMut(Event),
    ) {
        let horizon = u64::from(self.model.horizon);
        let mut stage_index = entry;
        let mut day = u64::from(arrival_day);
        // Cycles count over the lead's whole life, across all stages.
        let mut cycles = 0u32;
        loop {
            let (Some(stage), Some(&rate)) = (
                self.model.stages.get(stage_index),
                self.rates.get(stage_index),
            ) else {
                return;
            };
            // Days are below the horizon (a u32) from here on, so the narrowing casts are exact.
            on_event(Event::Entered {
                stage: stage_index,
                day: day as u32,
            });
            // Without a time to lose, one delay for every lead, then the coin (the first
            // draws); with one, the coin first, then the winner's or the loser's delay.
            let (waited, wins) = match &stage.lost_delay {
                None => (stage.delay.sample(rng), None),
                Some(lost_delay) => {
                    let wins = chance(rng, rate);
                    let law = if wins { &stage.delay } else { lost_delay };
                    (law.sample(rng), Some(wins))
                }
            };
            let decision_day = day.saturating_add(waited);
            if decision_day >= horizon {
                on_event(Event::OpenAtHorizon { stage: stage_index });
                return;
            }
            let (decision_day, waited) = (decision_day as u32, waited as u32);

            if wins.unwrap_or_else(|| chance(rng, rate)) {
                let value = stage.value.map(|law| law.sample(rng));
                on_event(Event::Converted {
                    stage: stage_index,
                    day: decision_day,
                    waited,
                    value,
                });
                if stage_index + 1 == self.model.stages.len() {
                    on_event(Event::FirstPurchase {
                        day: decision_day,
                        days_from_arrival: decision_day - arrival_day,
                    });
                    self.follow_customer(decision_day, rng, on_event);
                    return;
                }
                stage_index += 1;
                day = u64::from(decision_day);
                continue;
            }

            on_event(Event::Failed {
                stage: stage_index,
                day: decision_day,
                waited,
            });
            let lost = Event::Lost {
                stage: stage_index,
                day: decision_day,
            };
            let Some(nurture) = &stage.nurture else {
                on_event(lost);
                return;
            };
            // The cycle limit is checked before the share is drawn: a lead over this stage's
            // limit is lost without going to nurture at all.
            if cycles >= nurture.max_cycles || !chance(rng, nurture.share) {
                on_event(lost);
                return;
            }
            on_event(Event::Nurtured {
                stage: stage_index,
                day: decision_day,
            });
            let back_day = u64::from(decision_day).saturating_add(nurture.delay.sample(rng));
            if back_day >= horizon {
                on_event(Event::OpenInNurture { stage: stage_index });
                return;
            }
            if !chance(rng, nurture.reentry) {
                on_event(Event::Lost {
                    stage: stage_index,
                    day: back_day as u32,
                });
                return;
            }
            on_event(Event::Reentered {
                stage: stage_index,
                day: back_day as u32,
            });
            cycles += 1;
            stage_index = nurture.to;
            day = back_day;
        }
    }

    /// Follows a customer's repeat purchases after its first purchase on `first_purchase_day`.
    fn follow_customer<R: Rng + ?Sized>(
        &self,
        first_purchase_day: u32,
        rng: &mut R,
        on_event: &mut impl FnMut(Event),
    ) {
        let Some(retention) = &self.model.retention else {
            return;
        };
        let horizon = u64::from(self.model.horizon);
        let mut last_purchase = first_purchase_day;
        for _ in 0..retention.max_repeats {
            let next = u64::from(last_purchase).saturating_add(retention.delay.sample(rng));
            if next >= horizon {
                // A repeat on or after the horizon is not counted; the customer is simply
                // still a customer when the forecast ends.
                return;
            }
            let next = next as u32;
            if !chance(rng, retention.repeat) {
                on_event(Event::Churned { day: next });
                return;
            }
            let value = retention.value.map(|law| law.sample(rng));
            on_event(Event::RepeatPurchase { day: next, value });
            last_purchase = next;
        }
        on_event(Event::Churned { day: last_purchase });
    }
}

/// Adds one event of a journey to the run's counts.
fn record(result: &mut RunResult, event: Event) {
    // Stage indices come from the validated model and days are below the horizon, so every
    // index below is in range of the vectors `RunResult::empty` made.
    match event {
        Event::Entered { stage, .. } => result.stages[stage].entered += 1,
        Event::OpenAtHorizon { stage } => result.stages[stage].open += 1,
        Event::Converted {
            stage,
            day,
            waited,
            value,
        } => {
            let counts = &mut result.stages[stage];
            counts.converted += 1;
            counts.decision_days += f64::from(waited);
            if let Some(value) = value {
                book(result, day, value);
            }
        }
        Event::Failed { stage, waited, .. } => {
            let counts = &mut result.stages[stage];
            counts.failed += 1;
            counts.decision_days += f64::from(waited);
        }
        Event::Nurtured { stage, .. } => result.stages[stage].nurtured += 1,
        Event::OpenInNurture { stage } => result.stages[stage].open_in_nurture += 1,
        Event::Reentered { stage, .. } => result.stages[stage].reentered += 1,
        Event::FirstPurchase {
            day,
            days_from_arrival,
        } => {
            result.customers += 1;
            result.new_customers[day as usize] += 1;
            result.days_to_purchase[days_from_arrival as usize] += 1.0;
        }
        Event::RepeatPurchase { day, value } => {
            result.repeat_purchases += 1;
            if let Some(value) = value {
                book(result, day, value);
            }
        }
        Event::Lost { .. } | Event::Churned { .. } => {}
    }
}

/// Adds one event of a lead's journey to its source's part: the lead's customer, its
/// purchases and every value it books belong to the source the lead came from.
fn record_source(part: &mut SourceCounts, event: Event) {
    match event {
        Event::Converted {
            value: Some(value), ..
        } => part.revenue += value,
        Event::FirstPurchase { .. } => part.customers += 1,
        Event::RepeatPurchase { value, .. } => {
            part.repeat_purchases += 1;
            part.revenue += value.unwrap_or(0.0);
        }
        _ => {}
    }
}

/// Books revenue on `day`.
fn book(result: &mut RunResult, day: u32, value: f64) {
    result.revenue += value;
    result.revenue_by_day[day as usize] += value;
}

/// How many leads a source sends on one day (also what `calibrate::generate` draws).
pub fn draw_arrivals<R: Rng + ?Sized>(arrivals: ArrivalLaw, rng: &mut R) -> u64 {
    match arrivals {
        ArrivalLaw::Fixed(n) => n,
        // `Poisson::new` refuses a mean of 0, which simply sends no one; validation caps the
        // mean far below the largest one it accepts.
        ArrivalLaw::Poisson(mean) => match Poisson::new(mean) {
            Ok(law) => law.sample(rng) as u64,
            Err(_) => 0,
        },
    }
}

/// True with probability `p`. Written as a comparison rather than `random_bool` so that a rate
/// of exactly 0 or 1 is honoured without a check that could panic.
fn chance<R: Rng + ?Sized>(rng: &mut R, p: f64) -> bool {
    rng.random::<f64>() < p
}

#[cfg(test)]
mod tests {
    //! The hand-worked traces of every rule (rates of 0 or 1, certain delays) run through both
    //! engines in tests/semantics.rs; here, what only the reference has: journeys as events,
    //! and its own bookkeeping.

    use super::*;

    /// One lead on day 0: A converts after 1 day, B always fails after 1 day and sends the
    /// lead back to A after 2 days in nurture, at most twice; the horizon is day 9.
    const LOOP_BACK: &str = r#"{"horizon_days": 9,
        "sources": [{"name": "One", "entry": "A", "per_day": {"fixed": 1}, "end_day": 1}],
        "stages": [
          {"name": "A", "conversion": 1, "delay_days": {"fixed": 1}},
          {"name": "B", "conversion": 0, "delay_days": {"fixed": 1},
           "nurture": {"share": 1, "delay_days": {"fixed": 2}, "reentry": 1, "to": "A",
                       "max_cycles": 2}}]}"#;

    #[test]
    fn the_journey_of_one_lead_reads_as_its_events() {
        let (_, model) = crate::scenario::load(LOOP_BACK).expect("the test scenario is valid");
        let mut rng = stream(1, 0, Purpose::Flow, "journey");
        let journeys = Journeys::new(&model, &mut rng);
        let mut events = Vec::new();
        journeys.follow(0, 0, &mut rng, &mut |event| events.push(event));
        use Event::*;
        assert_eq!(
            events,
            [
                Entered { stage: 0, day: 0 },
                Converted {
                    stage: 0,
                    day: 1,
                    waited: 1,
                    value: None
                },
                Entered { stage: 1, day: 1 },
                Failed {
                    stage: 1,
                    day: 2,
                    waited: 1
                },
                Nurtured { stage: 1, day: 2 },
                Reentered { stage: 1, day: 4 },
                Entered { stage: 0, day: 4 },
                Converted {
                    stage: 0,
                    day: 5,
                    waited: 1,
                    value: None
                },
                Entered { stage: 1, day: 5 },
                Failed {
                    stage: 1,
                    day: 6,
                    waited: 1
                },
                Nurtured { stage: 1, day: 6 },
                Reentered { stage: 1, day: 8 },
                Entered { stage: 0, day: 8 },
                OpenAtHorizon { stage: 0 },
            ]
        );
    }

    const NOISY: &str = r#"{"horizon_days": 60,
        "sources": [{"name": "Ads", "entry": "A", "per_day": {"poisson": 20}, "cost_per_lead": 1}],
        "stages": [
          {"name": "A", "conversion": {"beta": {"alpha": 2, "beta": 3}}, "delay_days": {"exponential": {"mean": 3}},
           "nurture": {"share": 0.5, "delay_days": {"uniform": {"min": 1, "max": 9}}, "reentry": 0.5, "to": "A",
                       "max_cycles": 2}},
          {"name": "B", "conversion": 0.5, "delay_days": {"lognormal": {"median": 2, "sigma": 0.5}},
           "value": {"lognormal": {"mean": 100, "sd": 30}}}],
        "retention": {"repeat": 0.5, "delay_days": {"gamma": {"shape": 2, "scale": 5}}, "max_repeats": 3}}"#;

    #[test]
    fn a_run_depends_only_on_the_seed_and_the_run_index() {
        let (_, model) = crate::scenario::load(NOISY).expect("the test scenario is valid");
        assert_eq!(run(&model, 7, 3), run(&model, 7, 3));
        assert_ne!(run(&model, 7, 3), run(&model, 7, 4));
        assert_ne!(run(&model, 7, 3), run(&model, 8, 3));
    }

    #[test]
    fn every_lead_is_accounted_for_in_every_stage() {
        let (_, model) = crate::scenario::load(NOISY).expect("the test scenario is valid");
        for index in 0..20 {
            let result = run(&model, 11, index);
            for counts in &result.stages {
                assert_eq!(
                    counts.entered,
                    counts.converted + counts.failed + counts.open
                );
                assert!(counts.nurtured <= counts.failed);
                assert!(counts.reentered + counts.open_in_nurture <= counts.nurtured);
            }
            assert_eq!(
                result.stages[0].entered,
                result.leads + result.stages[0].reentered
            );
            assert_eq!(result.customers, result.stages[1].converted);
            assert_eq!(
                result
                    .new_customers
                    .iter()
                    .map(|&n| u64::from(n))
                    .sum::<u64>(),
                result.customers
            );
            let booked: f64 = result.revenue_by_day.iter().sum();
            assert!((booked - result.revenue).abs() <= 1e-9 * result.revenue.max(1.0));
        }
    }

    #[test]
    fn an_uncertain_rate_is_drawn_once_per_run_and_shared_by_its_leads() {
        // With a rate uniform on [0, 1], the share converting in a run of 2,000 leads spreads
        // over runs like the rate itself (variance 1/12), not like a per-lead coin (variance
        // p(1 - p)/2000 <= 0.000125).
        let (_, model) = crate::scenario::load(
            r#"{"horizon_days": 5,
                "sources": [{"name": "Cohort", "entry": "A", "per_day": {"fixed": 2000}, "end_day": 1}],
                "stages": [{"name": "A", "conversion": {"uniform": {"low": 0, "high": 1}},
                            "delay_days": {"fixed": 0}}]}"#,
        )
        .expect("the test scenario is valid");
        let shares: Vec<f64> = (0..200)
            .map(|index| run(&model, 5, index).customers as f64 / 2000.0)
            .collect();
        let mean = shares.iter().sum::<f64>() / shares.len() as f64;
        let variance =
            shares.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / (shares.len() - 1) as f64;
        assert!(
            (0.06..0.11).contains(&variance),
            "variance of the converting share {variance}"
        );
    }
}
