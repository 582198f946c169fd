//! The validated scenario: the only input the engine accepts, and it cannot be invalid.

use super::laws::{DelayLaw, RateLaw, ValueLaw};

/// A validated scenario. Built only by `Scenario::validate`.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub name: String,
    /// Days simulated: day 0 to day `horizon - 1`.
    pub horizon: u32,
    pub sources: Vec<SourceModel>,
    pub stages: Vec<StageModel>,
    pub retention: Option<RetentionModel>,
    /// The correlation of the uncertain rates' normal scores, in [0, 1) (`rate_correlation`):
    /// 0 draws them independently, as the format first meant.
    pub rate_correlation: f64,
    /// The segments of the leads (`segments`); empty for a funnel that is not cut.
    pub segments: Vec<SegmentModel>,
    /// Set only in one segment's part (`Model::segment_part`): that segment's name, which
    /// keys the part's per-group streams so that segments draw independently. Empty in a
    /// validated model.
    pub stream_scope: String,
}

/// A validated segment.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentModel {
    pub name: String,
    /// The chance that a lead of a source naming no segment belongs to this one.
    pub share: f64,
    /// Per stage, in stage order, what this segment meets differently.
    pub stages: Vec<StageOverrideModel>,
}

/// A validated stage override of one segment: `None` keeps the base stage's.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StageOverrideModel {
    pub conversion: Option<RateLaw>,
    pub delay: Option<DelayLaw>,
    pub lost_delay: Option<DelayLaw>,
    pub value: Option<ValueLaw>,
}

impl StageOverrideModel {
    /// Overrides nothing.
    pub fn is_empty(&self) -> bool {
        *self == StageOverrideModel::default()
    }
}

/// An uncertain conversion rate drawn once per run: a base stage's (shared by every segment
/// that does not give its own) or one segment's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateRef {
    pub stage: usize,
    pub segment: Option<usize>,
}

impl Model {
    /// The key of the random stream a stage's rate draws from: the stage's name, and for a
    /// segment's own rate the name with the segment's.
    pub fn rate_key(&self, rate: RateRef) -> String {
        let stage = &self.stages[rate.stage].name;
        match rate.segment {
            None => stage.clone(),
            Some(g) => format!("{stage}\u{1f}{}", self.segments[g].name),
        }
    }

    /// The law of a rate.
    pub fn rate_law(&self, rate: RateRef) -> RateLaw {
        match rate.segment {
            Some(g) => self.segments[g].stages[rate.stage]
                .conversion
                .unwrap_or(self.stages[rate.stage].conversion),
            None => self.stages[rate.stage].conversion,
        }
    }

    /// The rate segment `segment` meets at `stage` (the base one without segments).
    pub fn rate_of(&self, segment: Option<usize>, stage: usize) -> RateRef {
        let own = segment.filter(|&g| {
            self.segments
                .get(g)
                .is_some_and(|s| s.stages[stage].conversion.is_some())
        });
        RateRef {
            stage,
            segment: own,
        }
    }

    /// Every uncertain rate drawn per run, in the order the engines draw them and runs keep
    /// them (`RunResult::unknowns`): the base stages' in stage order (with segments, only
    /// those some segment meets), then each segment's own, segment by segment in stage order.
    pub fn uncertain_rates(&self) -> Vec<RateRef> {
        let mut rates = Vec::new();
        for (k, stage) in self.stages.iter().enumerate() {
            let met = self.segments.is_empty()
                || self
                    .segments
                    .iter()
                    .any(|s| s.stages[k].conversion.is_none());
            if met && stage.conversion.is_uncertain() {
                rates.push(RateRef {
                    stage: k,
                    segment: None,
                });
            }
        }
        for (g, segment) in self.segments.iter().enumerate() {
            for (k, over) in segment.stages.iter().enumerate() {
                if over.conversion.is_some_and(|law| law.is_uncertain()) {
                    rates.push(RateRef {
                        stage: k,
                        segment: Some(g),
                    });
                }
            }
        }
        rates
    }

    /// The share of source `source`'s leads that belong to segment `segment`.
    pub fn segment_share(&self, source: usize, segment: usize) -> f64 {
        match self.sources[source].segment {
            Some(tied) => f64::from(u8::from(tied == segment)),
            None => self.segments[segment].share,
        }
    }

    /// Segment `segment`'s part of the scenario, a scenario of its own: its leads only (a
    /// source tied to it whole, a source left to the shares scaled by its share, any other
    /// source sending none, every source keeping its place), the stages as the segment meets
    /// them, and its own streams for everything drawn per group. Its rates are not drawn by
    /// the part: the segmented engine draws every rate of the run once and hands each part
    /// the ones its segment meets.
    pub fn segment_part(&self, segment: usize) -> Model {
        let seg = &self.segments[segment];
        let stages: Vec<StageModel> = self
            .stages
            .iter()
            .zip(&seg.stages)
            .map(|(base, over)| {
                let delay = over.delay.unwrap_or(base.delay);
                let lost_delay = over.lost_delay.or(base.lost_delay).filter(|l| *l != delay);
                StageModel {
                    name: base.name.clone(),
                    conversion: over.conversion.unwrap_or(base.conversion),
                    delay,
                    lost_delay,
                    value: over.value.or(base.value),
                    nurture: base.nurture.clone(),
                }
            })
            .collect();
        let retention = self.retention.as_ref().map(|r| RetentionModel {
            value: if r.own_value {
                r.value
            } else {
                stages.last().and_then(|s| s.value)
            },
            ..r.clone()
        });
        let sources = self
            .sources
            .iter()
            .enumerate()
            .map(|(i, source)| {
                let share = self.segment_share(i, segment);
                let mut part = source.clone();
                part.share = share;
                if source.segment.is_none() {
                    part.stream_key = format!("{}\u{1f}{}", source.stream_key, seg.name);
                }
                part
            })
            .collect();
        Model {
            name: self.name.clone(),
            horizon: self.horizon,
            sources,
            stages,
            retention,
            rate_correlation: self.rate_correlation,
            segments: Vec::new(),
            stream_scope: seg.name.clone(),
        }
    }
}

/// How many leads a source sends on each active day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ArrivalLaw {
    Poisson(f64),
    Fixed(u64),
}

impl ArrivalLaw {
    /// Expected leads per active day.
    pub fn mean(&self) -> f64 {
        match *self {
            ArrivalLaw::Poisson(m) => m,
            ArrivalLaw::Fixed(n) => n as f64,
        }
    }
}

/// A validated source.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceModel {
    pub name: String,
    /// The key of this source's random stream: its name, made unique if names repeat.
    pub stream_key: String,
    /// Index of the entry stage.
    pub entry: usize,
    pub arrivals: ArrivalLaw,
    /// First active day.
    pub start: u32,
    /// First day no longer active, already clipped to the horizon (`start` when inactive).
    pub end: u32,
    pub cost_per_lead: f64,
    /// The segment all its leads belong to, when it names one.
    pub segment: Option<usize>,
    /// The share of its leads simulated: 1 in a validated model; in a segment's part
    /// (`Model::segment_part`) the segment's share of them (0 when they all go elsewhere).
    pub share: f64,
}

impl SourceModel {
    /// Number of days the source sends leads within the horizon.
    pub fn active_days(&self) -> u32 {
        self.end.saturating_sub(self.start)
    }
}

/// A validated stage.
#[derive(Debug, Clone, PartialEq)]
pub struct StageModel {
    pub name: String,
    pub conversion: RateLaw,
    pub delay: DelayLaw,
    /// The time to lose, when the stage has one of its own that differs from `delay`; `None`
    /// when losers fail after the law of `delay`, as winners convert (the format's first
    /// meaning, and the engines' first draws).
    pub lost_delay: Option<DelayLaw>,
    pub value: Option<ValueLaw>,
    pub nurture: Option<NurtureModel>,
}

/// A validated nurture loop.
#[derive(Debug, Clone, PartialEq)]
pub struct NurtureModel {
    pub share: f64,
    pub delay: DelayLaw,
    pub reentry: f64,
    /// Index of the stage re-entering leads go to.
    pub to: usize,
    pub max_cycles: u32,
}

/// Validated repeat purchases.
#[derive(Debug, Clone, PartialEq)]
pub struct RetentionModel {
    pub repeat: f64,
    pub delay: DelayLaw,
    /// Value of a repeat purchase (already defaulted to the last stage's value).
    pub value: Option<ValueLaw>,
    /// Whether retention gives a value of its own (else `value` is the last stage's, and a
    /// segment's part takes its own last stage's).
    pub own_value: bool,
    pub max_repeats: u32,
}
