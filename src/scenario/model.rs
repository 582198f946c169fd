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
    pub max_repeats: u32,
}
