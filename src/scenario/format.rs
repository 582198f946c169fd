//! The serde form of a scenario: exactly what files, share links and the editor hold.
//!
//! Architecture invariant: these types mirror docs/scenario-format.md one to one.
//! They may hold invalid values (a rate of 1.5); `validate` turns them into a `Model` that
//! cannot be invalid. Unknown keys are rejected so that a typo is never silently ignored.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A whole scenario, as written in a scenario file.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// A label for people (optional).
    #[serde(default)]
    pub name: String,
    /// A one-line description (optional; presets carry one).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// How many days are simulated: days 0 to `horizon_days - 1` (at least 1, at most ten
    /// years).
    pub horizon_days: i64,
    /// Where leads come from (may be empty).
    #[serde(default)]
    pub sources: Vec<Source>,
    /// The funnel, in order: a lead converting out of a stage enters the next one, and
    /// converting out of the last stage is its first purchase (validation asks for at least
    /// one stage).
    #[serde(default)]
    pub stages: Vec<Stage>,
    /// Repeat purchases by customers (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<Retention>,
    /// Lead quality (optional, in [0, 1), default 0): the correlation, on the normal scale,
    /// between every two uncertain conversions of a run, drawn through a Gaussian copula
    /// that keeps each rate's own law. 0 draws them independently.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_correlation: Option<f64>,
    /// Kinds of lead (size of customer, product, region) meeting the same stages with some
    /// rates, delays or values of their own (optional). Each lead belongs to one segment: the
    /// one its source names, otherwise one drawn by the segments' shares.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<Segment>,
}

/// One segment of the leads.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    /// The segment's label, unique among the segments (a source's `segment` names it).
    pub name: String,
    /// The chance that a lead of a source naming no segment belongs to this one, in [0, 1];
    /// the shares sum to 1 when any source is left to them (default 0).
    #[serde(default)]
    pub share: f64,
    /// What this segment's leads meet differently, by stage name: any of the stage's
    /// `conversion`, `delay_days`, `lost_delay_days` and `value`.
    #[serde(default, skip_serializing_if = "StageOverrides::is_empty")]
    pub stages: StageOverrides,
}

/// A segment's overrides by stage name, in the order the file gives them: a JSON object
/// read into a list (a map type would add a balanced tree's code to the page's first module
/// for a handful of entries). A stage named twice is an error. Two are equal when they give
/// the same stages the same overrides, in any order (as the object's keys mean: a copy of a
/// scenario through a JSON value writes them sorted).
#[derive(Debug, Clone, Default)]
pub struct StageOverrides(Vec<(String, StageOverride)>);

impl PartialEq for StageOverrides {
    fn eq(&self, other: &StageOverrides) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .all(|(stage, over)| other.get(stage) == Some(over))
    }
}

impl StageOverrides {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn get(&self, stage: &str) -> Option<&StageOverride> {
        self.0
            .iter()
            .find(|(name, _)| name == stage)
            .map(|(_, o)| o)
    }

    pub fn get_mut(&mut self, stage: &str) -> Option<&mut StageOverride> {
        self.0
            .iter_mut()
            .find(|(name, _)| name == stage)
            .map(|(_, o)| o)
    }

    pub fn contains_key(&self, stage: &str) -> bool {
        self.get(stage).is_some()
    }

    /// Sets the override of `stage` (in its place when it has one, else last).
    pub fn insert(&mut self, stage: String, over: StageOverride) {
        match self.get_mut(&stage) {
            Some(slot) => *slot = over,
            None => self.0.push((stage, over)),
        }
    }

    pub fn remove(&mut self, stage: &str) -> Option<StageOverride> {
        let at = self.0.iter().position(|(name, _)| name == stage)?;
        Some(self.0.remove(at).1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &StageOverride)> {
        self.0.iter().map(|(name, over)| (name, over))
    }
}

impl FromIterator<(String, StageOverride)> for StageOverrides {
    fn from_iter<I: IntoIterator<Item = (String, StageOverride)>>(iter: I) -> Self {
        let mut overrides = StageOverrides::default();
        for (stage, over) in iter {
            overrides.insert(stage, over);
        }
        overrides
    }
}

impl IntoIterator for StageOverrides {
    type Item = (String, StageOverride);
    type IntoIter = std::vec::IntoIter<(String, StageOverride)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a StageOverrides {
    type Item = (&'a String, &'a StageOverride);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, StageOverride)>,
        fn(&'a (String, StageOverride)) -> (&'a String, &'a StageOverride),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(name, over)| (name, over))
    }
}

impl Serialize for StageOverrides {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (stage, over) in &self.0 {
            map.serialize_entry(stage, over)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for StageOverrides {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OverridesVisitor;
        impl<'de> Visitor<'de> for OverridesVisitor {
            type Value = StageOverrides;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of stage names, each with the stage's keys to override")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StageOverrides, A::Error> {
                let mut overrides = Vec::new();
                while let Some(stage) = map.next_key::<String>()? {
                    if overrides
                        .iter()
                        .any(|(name, _): &(String, StageOverride)| *name == stage)
                    {
                        return Err(de::Error::custom(format!(
                            "the stage \"{stage}\" is given twice"
                        )));
                    }
                    let over = map.next_value::<StageOverride>()?;
                    overrides.push((stage, over));
                }
                Ok(StageOverrides(overrides))
            }
        }
        deserializer.deserialize_map(OverridesVisitor)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for StageOverrides {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "StageOverrides".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "What a segment meets differently, by stage name (each a stage of \
                            the funnel): any of the stage's `conversion`, `delay_days`, \
                            `lost_delay_days` and `value`.",
            "type": "object",
            "additionalProperties": generator.subschema_for::<StageOverride>(),
        })
    }
}

/// A stage as one segment meets it: each key given replaces the base stage's.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageOverride {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversion: Option<Rate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_days: Option<Delay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_delay_days: Option<Delay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

impl StageOverride {
    /// Overrides nothing.
    pub fn is_empty(&self) -> bool {
        *self == StageOverride::default()
    }
}

/// A channel sending leads into one stage.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The channel's label (not empty).
    pub name: String,
    /// Name of the stage the leads enter.
    pub entry: String,
    /// How many leads it sends each day it is active.
    pub per_day: Arrivals,
    /// First day the source sends leads (default 0): it is active on days
    /// `start_day <= t < end_day`.
    #[serde(default)]
    pub start_day: i64,
    /// First day the source no longer sends leads; the horizon when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_day: Option<i64>,
    /// What one lead costs (default 0).
    #[serde(default)]
    pub cost_per_lead: f64,
    /// The segment every lead of this source belongs to (optional: otherwise each lead's
    /// segment is drawn by the segments' shares).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
}

/// How many leads a source sends each active day.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Arrivals {
    /// A Poisson count with this mean each day.
    Poisson(f64),
    /// Exactly this many leads each day.
    Fixed(i64),
}

/// One step of the funnel.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// The stage's label, unique among the stages (sources' `entry` and nurture's `to` name
    /// it).
    pub name: String,
    /// The chance that a lead deciding in this stage converts.
    pub conversion: Rate,
    /// How long a lead takes to decide in this stage, in whole days from entering it.
    pub delay_days: Delay,
    /// The time to lose: how long a lead that will not convert takes to fail. When absent,
    /// losing takes the law of `delay_days` (the format's first meaning).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_delay_days: Option<Delay>,
    /// Money booked each time a lead converts out of this stage (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// Where the stage's failing leads go before they may come back (optional).
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
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum UncertainRate {
    /// A beta law of the rate, of mean `alpha / (alpha + beta)`; both above 0.
    Beta { alpha: f64, beta: f64 },
    /// A rate equally likely anywhere from `low` to `high`, within [0, 1].
    Uniform { low: f64, high: f64 },
}

/// A delay in whole days: continuous laws are rounded to the nearest whole day.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Delay {
    /// Exactly this many days.
    Fixed(i64),
    /// Any whole day from `min` to `max`, each as likely.
    Uniform { min: i64, max: i64 },
    /// An exponential law of this mean, in days.
    Exponential { mean: f64 },
    /// A lognormal law of this median, in days, and this sigma (of the logarithm).
    Lognormal { median: f64, sigma: f64 },
    /// A gamma law of this shape and scale (in days): its mean is `shape * scale`.
    Gamma { shape: f64, scale: f64 },
}

/// Revenue booked per conversion (or per repeat purchase).
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Value {
    /// Exactly this amount.
    Fixed(f64),
    /// Any amount from `low` to `high`, equally likely.
    Uniform { low: f64, high: f64 },
    /// A lognormal law, given by the mean and standard deviation of the value itself (not of
    /// its logarithm).
    Lognormal { mean: f64, sd: f64 },
}

/// Where a stage's failing leads go before they may come back.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nurture {
    /// The chance that a failing lead goes to nurture (else it is lost), in [0, 1].
    pub share: f64,
    /// How long a lead waits in nurture.
    pub delay_days: Delay,
    /// The chance that a lead then re-enters the stage named by `to` (else it is lost), in
    /// [0, 1].
    pub reentry: f64,
    /// Name of the stage re-entering leads go to.
    pub to: String,
    /// A failing lead goes to this nurture only while its cycles so far (re-entries over its
    /// whole life, through every stage's nurture) are fewer than this.
    pub max_cycles: i64,
}

/// Repeat purchases after the first one.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// The chance that a customer buys again after each purchase (else it has churned), in
    /// [0, 1].
    pub repeat: f64,
    /// Days from one purchase to the next.
    pub delay_days: Delay,
    /// Value of a repeat purchase; the last stage's value when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// The most repeat purchases one customer makes.
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

/// A rate is read by the hand-written visitor above: a number, or an object holding one
/// uncertain rate. The schema says the same (`anyOf`: the visitor tries neither in turn, it
/// reads the one the JSON holds).
#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Rate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rate".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A conversion rate: a number in [0, 1], or an uncertain rate (a law \
                            of our uncertainty about it, drawn once per run and met by every \
                            lead of that run).",
            "anyOf": [
                {"type": "number", "description": "A known rate, in [0, 1]."},
                generator.subschema_for::<UncertainRate>(),
            ],
        })
    }
}
