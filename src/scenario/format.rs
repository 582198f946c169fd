//! The serde form of a scenario: exactly what files, share links and the editor hold.
//!
//! Architecture invariant: these types mirror docs/scenario-format.md one to one.
//! They may hold invalid values (a rate of 1.5); `validate` turns them into a `Model` that
//! cannot be invalid. Unknown keys are rejected so that a typo is never silently ignored.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A whole scenario, as written in a scenario file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    #[serde(default)]
    pub name: String,
    /// A one-line description (optional; presets carry one).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub horizon_days: i64,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub stages: Vec<Stage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<Retention>,
}

/// A channel sending leads into one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub name: String,
    /// Name of the stage the leads enter.
    pub entry: String,
    pub per_day: Arrivals,
    #[serde(default)]
    pub start_day: i64,
    /// First day the source no longer sends leads; the horizon when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_day: Option<i64>,
    #[serde(default)]
    pub cost_per_lead: f64,
}

/// How many leads a source sends each active day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Arrivals {
    /// A Poisson count with this mean each day.
    Poisson(f64),
    /// Exactly this many leads each day.
    Fixed(i64),
}

/// One step of the funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub name: String,
    pub conversion: Rate,
    pub delay_days: Delay,
    /// The time to lose: how long a lead that will not convert takes to fail. When absent,
    /// losing takes the law of `delay_days` (the format's first meaning).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_delay_days: Option<Delay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nurture: Option<Nurture>,
}

/// A conversion rate: a plain number, or an uncertain rate drawn once per run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rate {
    Fixed(f64),
    Uncertain(UncertainRate),
}

/// An uncertain conversion rate: our uncertainty about the rate, drawn once per run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum UncertainRate {
    Beta { alpha: f64, beta: f64 },
    Uniform { low: f64, high: f64 },
}

/// A delay in whole days.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Delay {
    Fixed(i64),
    Uniform { min: i64, max: i64 },
    Exponential { mean: f64 },
    Lognormal { median: f64, sigma: f64 },
    Gamma { shape: f64, scale: f64 },
}

/// Revenue booked per conversion (or per repeat purchase).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Value {
    Fixed(f64),
    Uniform {
        low: f64,
        high: f64,
    },
    /// Mean and standard deviation of the value itself, not of its logarithm.
    Lognormal {
        mean: f64,
        sd: f64,
    },
}

/// Where a stage's failing leads go before they may come back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nurture {
    pub share: f64,
    pub delay_days: Delay,
    pub reentry: f64,
    /// Name of the stage re-entering leads go to.
    pub to: String,
    pub max_cycles: i64,
}

/// Repeat purchases after the first one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    pub repeat: f64,
    pub delay_days: Delay,
    /// Value of a repeat purchase; the last stage's value when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    pub max_repeats: i64,
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Rate::Fixed(p) => serializer.serialize_f64(*p),
            Rate::Uncertain(law) => law.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A hand-written visitor instead of `#[serde(untagged)]`, so that a typo inside an
        // uncertain rate gets serde's precise message ("unknown variant `betta`") rather than
        // "data did not match any variant".
        struct RateVisitor;
        impl<'de> Visitor<'de> for RateVisitor {
            type Value = Rate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a rate between 0 and 1, {\"beta\": {\"alpha\", \"beta\"}} or \
                     {\"uniform\": {\"low\", \"high\"}}",
                )
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Rate, E> {
                Ok(Rate::Fixed(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Rate, E> {
                Ok(Rate::Fixed(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Rate, E> {
                Ok(Rate::Fixed(v as f64))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Rate, A::Error> {
                UncertainRate::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(Rate::Uncertain)
            }
        }
        deserializer.deserialize_any(RateVisitor)
    }
}
