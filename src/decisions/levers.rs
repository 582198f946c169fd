//! Levers: one change to one part of the scenario, applied to the validated model.
//!
//! A change is a signed number in the lever's improving direction: `+5` raises a conversion by
//! 5 points (or 5% relative, or cuts its drop-off by 5%), cuts a mean delay or a cost per lead
//! by 5%, adds 5% volume or 5 points of re-entry or repeat probability; `-5` worsens by the
//! same amount.
//!
//! Uncertain rates (beta, uniform): a change moves **every run's draw** `p` to
//! `clamp(offset + scale * p, 0, 1)` (`RateLaw::adjusted`): `+d` points is `p + d`, `+r%`
//! relative is `p (1 + r)`, cutting the drop-off by `c%` is `1 - (1 - p)(1 - c)`. The law's
//! mean moves by the same amount unless the clamp is reached (then a little less), its spread
//! is kept, and the variant draws the same `p` as the baseline in every run, so the difference
//! between them is the lever's effect, not the rate's uncertainty. Probabilities of fixed
//! rates, re-entry and repeat are clamped to `[0, 1]` the same way.

use serde::{Deserialize, Serialize};

use super::{ChangedQuantity, DecisionError, Problem};
use crate::scenario::{ArrivalLaw, DelayLaw, Model};

/// The most leads per day a volume lever may reach (the scenario format's own bound).
const MAX_LEADS_PER_DAY: f64 = 1e8;

/// How a conversion lever changes a rate.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConversionMode {
    /// `p + N / 100`: percentage points.
    #[default]
    Points,
    /// `p (1 + N / 100)`: relative change.
    Relative,
    /// `1 - (1 - p)(1 - N / 100)`: the share of leads lost at the stage cut by N%.
    Dropoff,
}

/// One part of the scenario a user can work on.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Lever {
    /// A stage's conversion rate.
    Conversion {
        /// The stage's index in the scenario (0 for the first).
        stage: usize,
        /// How the rate is moved.
        mode: ConversionMode,
    },
    /// One segment's own conversion rate at a stage (the rate the segment gives the stage in
    /// `segments`): only that segment's leads meet it.
    SegmentConversion {
        /// The stage's index in the scenario (0 for the first).
        stage: usize,
        /// The segment's index in the scenario's `segments`.
        segment: usize,
        /// How the rate is moved.
        mode: ConversionMode,
    },
    /// A stage's mean delay (improving shortens it).
    Delay {
        /// The stage's index in the scenario (0 for the first).
        stage: usize,
    },
    /// The re-entry probability of a stage's nurture loop.
    Reentry {
        /// The stage's index in the scenario (0 for the first).
        stage: usize,
    },
    /// A source's leads per day.
    Volume {
        /// The source's index in the scenario (0 for the first).
        source: usize,
    },
    /// A source's cost per lead (improving lowers it).
    CostPerLead {
        /// The source's index in the scenario (0 for the first).
        source: usize,
    },
    /// The repeat purchase probability.
    Repeat,
}

/// What kind of thing a lever moves; serialised as `conversion`, `delay`, `reentry`, `volume`,
/// `cost_per_lead`, `repeat`. Every match over it is exhaustive, so a new lever cannot pass
/// for another one anywhere it is shown.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeverKind {
    Conversion,
    Delay,
    Reentry,
    Volume,
    CostPerLead,
    Repeat,
}

impl LeverKind {
    /// Every kind, in the order the analysis lists levers.
    pub const ALL: [LeverKind; 6] = [
        LeverKind::Conversion,
        LeverKind::Delay,
        LeverKind::Reentry,
        LeverKind::Volume,
        LeverKind::CostPerLead,
        LeverKind::Repeat,
    ];

    /// The kind as a word (its serialised form).
    pub fn id(self) -> &'static str {
        match self {
            LeverKind::Conversion => "conversion",
            LeverKind::Delay => "delay",
            LeverKind::Reentry => "reentry",
            LeverKind::Volume => "volume",
            LeverKind::CostPerLead => "cost_per_lead",
            LeverKind::Repeat => "repeat",
        }
    }
}

impl std::fmt::Display for LeverKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl Lever {
    /// The lever's kind.
    pub fn kind(&self) -> LeverKind {
        match self {
            Lever::Conversion { .. } | Lever::SegmentConversion { .. } => LeverKind::Conversion,
            Lever::Delay { .. } => LeverKind::Delay,
            Lever::Reentry { .. } => LeverKind::Reentry,
            Lever::Volume { .. } => LeverKind::Volume,
            Lever::CostPerLead { .. } => LeverKind::CostPerLead,
            Lever::Repeat => LeverKind::Repeat,
        }
    }

    /// The stage or source the lever acts on (`retention` for the repeat probability).
    pub fn target(&self, model: &Model) -> String {
        let stage = |k: usize| {
            model
                .stages
                .get(k)
                .map_or(String::new(), |s| s.name.clone())
        };
        let source = |k: usize| {
            model
                .sources
                .get(k)
                .map_or(String::new(), |s| s.name.clone())
        };
        match *self {
            Lever::Conversion { stage: k, .. } | Lever::Delay { stage: k } => stage(k),
            // "Proposal · Enterprise": the stage as that segment meets it.
            Lever::SegmentConversion {
                stage: k, segment, ..
            } => format!(
                "{} · {}",
                stage(k),
                model
                    .segments
                    .get(segment)
                    .map_or(String::new(), |s| s.name.clone())
            ),
            Lever::Reentry { stage: k } => stage(k),
            Lever::Volume { source: k } | Lever::CostPerLead { source: k } => source(k),
            Lever::Repeat => "retention".to_string(),
        }
    }

    /// The unit of a change: `points` or `percent`.
    pub fn unit(&self) -> &'static str {
        match self {
            Lever::Conversion {
                mode: ConversionMode::Points,
                ..
            }
            | Lever::SegmentConversion {
                mode: ConversionMode::Points,
                ..
            }
            | Lever::Reentry { .. }
            | Lever::Repeat => "points",
            _ => "percent",
        }
    }

    /// The quantity the lever moves, as the model has it: the mean rate, mean delay in days,
    /// re-entry or repeat probability, leads per active day or cost per lead.
    pub fn value(&self, model: &Model) -> Option<f64> {
        match *self {
            Lever::Conversion { stage, .. } => model.stages.get(stage).map(|s| s.conversion.mean()),
            Lever::SegmentConversion { stage, segment, .. } => model
                .segments
                .get(segment)
                .and_then(|g| g.stages.get(stage))
                .and_then(|over| over.conversion)
                .map(|law| law.mean()),
            Lever::Delay { stage } => model.stages.get(stage).map(|s| s.delay.mean_days()),
            Lever::Reentry { stage } => model
                .stages
                .get(stage)
                .and_then(|s| s.nurture.as_ref())
                .map(|n| n.reentry),
            Lever::Volume { source } => model.sources.get(source).map(|s| s.arrivals.mean()),
            Lever::CostPerLead { source } => model.sources.get(source).map(|s| s.cost_per_lead),
            Lever::Repeat => model.retention.as_ref().map(|r| r.repeat),
        }
    }
}

/// A lever and how far it is moved (positive improves, see the module's documentation).
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LeverChange {
    /// The lever.
    pub lever: Lever,
    /// How far it is moved: points or percent, positive when improving.
    pub change: f64,
}

/// Every lever of `model`: conversion (in `mode`) and mean delay of every stage, each
/// segment's own conversion rates, re-entry of every nurture loop, volume and cost per lead of
/// every source, the repeat probability.
pub fn levers(model: &Model, mode: ConversionMode) -> Vec<Lever> {
    let mut all = Vec::new();
    for (stage, s) in model.stages.iter().enumerate() {
        all.push(Lever::Conversion { stage, mode });
        for (segment, g) in model.segments.iter().enumerate() {
            if g.stages
                .get(stage)
                .is_some_and(|over| over.conversion.is_some())
            {
                all.push(Lever::SegmentConversion {
                    stage,
                    segment,
                    mode,
                });
            }
        }
        all.push(Lever::Delay { stage });
        if s.nurture.is_some() {
            all.push(Lever::Reentry { stage });
        }
    }
    for source in 0..model.sources.len() {
        all.push(Lever::Volume { source });
        all.push(Lever::CostPerLead { source });
    }
    if model.retention.is_some() {
        all.push(Lever::Repeat);
    }
    all
}

/// Scales a delay law's mean by `factor` (> 0); whole-day laws are rounded.
fn scale_delay(delay: DelayLaw, factor: f64) -> DelayLaw {
    let days = |d: u32| {
        (f64::from(d) * factor)
            .round()
            .clamp(0.0, f64::from(u32::MAX)) as u32
    };
    match delay {
        DelayLaw::Fixed(d) => DelayLaw::Fixed(days(d)),
        DelayLaw::Uniform { min, max } => DelayLaw::Uniform {
            min: days(min),
            max: days(max).max(days(min)),
        },
        DelayLaw::Exponential { mean } => DelayLaw::Exponential {
            mean: mean * factor,
        },
        DelayLaw::Lognormal { median, sigma } => DelayLaw::Lognormal {
            median: median * factor,
            sigma,
        },
        DelayLaw::Gamma { shape, scale } => DelayLaw::Gamma {
            shape,
            scale: scale * factor,
        },
    }
}

/// The factor `1 + sign * change / 100`, refused when it is not positive.
fn factor(change: f64, sign: f64, what: ChangedQuantity) -> Result<f64, DecisionError> {
    let factor = 1.0 + sign * change / 100.0;
    if factor <= 0.0 {
        return Err(DecisionError::new(
            "change",
            Problem::ChangeLeavesNothing { change, what },
        ));
    }
    Ok(factor)
}

/// `model` with `change` applied; the result is again a valid model.
pub fn apply(model: &Model, change: &LeverChange) -> Result<Model, DecisionError> {
    let amount = change.change;
    if !amount.is_finite() {
        return Err(DecisionError::new("change", Problem::NotFinite));
    }
    let mut variant = model.clone();
    let missing_stage = |k: usize| {
        DecisionError::new(
            "lever.stage",
            Problem::NoSuchStage {
                index: k,
                stages: model.stages.len(),
            },
        )
    };
    let missing_source = |k: usize| {
        DecisionError::new(
            "lever.source",
            Problem::NoSuchSource {
                index: k,
                sources: model.sources.len(),
            },
        )
    };
    let probability = |p: f64| (p + amount / 100.0).clamp(0.0, 1.0);
    let moved = |mode: ConversionMode| -> Result<(f64, f64), DecisionError> {
        Ok(match mode {
            ConversionMode::Points => (amount / 100.0, 1.0),
            ConversionMode::Relative => (0.0, factor(amount, 1.0, ChangedQuantity::Conversion)?),
            ConversionMode::Dropoff => {
                let keep = factor(amount, -1.0, ChangedQuantity::DropOff)?;
                (1.0 - keep, keep)
            }
        })
    };
    match change.lever {
        Lever::Conversion { stage, mode } => {
            let s = variant
                .stages
                .get_mut(stage)
                .ok_or_else(|| missing_stage(stage))?;
            let (offset, scale) = moved(mode)?;
            s.conversion = s.conversion.adjusted(offset, scale);
        }
        Lever::SegmentConversion {
            stage,
            segment,
            mode,
        } => {
            let segments = variant.segments.len();
            let g = variant.segments.get_mut(segment).ok_or_else(|| {
                DecisionError::new(
                    "lever.segment",
                    Problem::NoSuchSegment {
                        index: segment,
                        segments,
                    },
                )
            })?;
            let own = g
                .stages
                .get_mut(stage)
                .and_then(|over| over.conversion.as_mut())
                .ok_or_else(|| missing_stage(stage))?;
            // The segment's own law, adjusted: its draws keep their stream (keyed by the
            // stage and the segment), so the variant meets the same rates but this one.
            let (offset, scale) = moved(mode)?;
            *own = own.adjusted(offset, scale);
        }
        Lever::Delay { stage } => {
            let s = variant
                .stages
                .get_mut(stage)
                .ok_or_else(|| missing_stage(stage))?;
            let by = factor(amount, -1.0, ChangedQuantity::Delay)?;
            s.delay = scale_delay(s.delay, by);
            // Deciding faster speeds up both outcomes: a time to lose scales with it.
            s.lost_delay = s.lost_delay.map(|lost| scale_delay(lost, by));
        }
        Lever::Reentry { stage } => {
            let s = variant
                .stages
                .get_mut(stage)
                .ok_or_else(|| missing_stage(stage))?;
            let name = s.name.clone();
            let nurture = s.nurture.as_mut().ok_or_else(|| {
                DecisionError::new("lever.stage", Problem::NoNurture { stage: name })
            })?;
            nurture.reentry = probability(nurture.reentry);
        }
        Lever::Volume { source } => {
            let s = variant
                .sources
                .get_mut(source)
                .ok_or_else(|| missing_source(source))?;
            let factor = factor(amount, 1.0, ChangedQuantity::Leads)?;
            if s.arrivals.mean() * factor > MAX_LEADS_PER_DAY {
                return Err(DecisionError::new(
                    "change",
                    Problem::TooManyLeads {
                        change: amount,
                        most: MAX_LEADS_PER_DAY,
                    },
                ));
            }
            s.arrivals = match s.arrivals {
                ArrivalLaw::Poisson(mean) => ArrivalLaw::Poisson(mean * factor),
                ArrivalLaw::Fixed(n) => ArrivalLaw::Fixed((n as f64 * factor).round() as u64),
            };
        }
        Lever::CostPerLead { source } => {
            let s = variant
                .sources
                .get_mut(source)
                .ok_or_else(|| missing_source(source))?;
            s.cost_per_lead *= factor(amount, -1.0, ChangedQuantity::Cost)?;
        }
        Lever::Repeat => {
            let retention = variant
                .retention
                .as_mut()
                .ok_or_else(|| DecisionError::new("lever", Problem::NoRetention))?;
            retention.repeat = probability(retention.repeat);
        }
    }
    Ok(variant)
}
