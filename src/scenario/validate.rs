//! Validation: the serde form in, a `Model` out, or every broken rule with its field path.

use std::collections::HashMap;

use super::format::{Arrivals, Delay, Rate, Scenario, UncertainRate, Value};
use super::laws::{DelayLaw, RateLaw, ValueLaw};
use super::model::{
    ArrivalLaw, Model, NurtureModel, RetentionModel, SegmentModel, SourceModel, StageModel,
    StageOverrideModel,
};
use super::rules::{FieldError, Quantity, Rule, hidden_character};

/// The longest horizon accepted: ten years of days.
pub const MAX_HORIZON_DAYS: i64 = 3650;
/// The most leads a source may send per day (on average for Poisson sources).
pub const MAX_LEADS_PER_DAY: f64 = 1e8;
/// The most nurture cycles a stage may allow.
pub const MAX_CYCLES: i64 = 20;
/// The most repeat purchases a customer may make.
pub const MAX_REPEATS: i64 = 100;
/// The most distinct paths (stage visits and repeat purchases) the engine follows.
pub const MAX_PATHS: u64 = 50_000;
/// The most paths times horizon days: about 128 MB of precomputed day-long vectors.
pub const MAX_PATH_DAYS: u64 = 2_000_000;
/// The most paths times horizon days squared: the precomputation's convolutions.
pub const MAX_PATH_DAYS_SQUARED: u64 = 2_000_000_000;
/// The most segments a scenario may have: each is simulated as a funnel of its own.
pub const MAX_SEGMENTS: usize = 12;
/// The largest money amount accepted anywhere (cost per lead, order value).
pub const MAX_AMOUNT: f64 = 1e12;

/// Collects errors while walking the scenario.
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn fail(&mut self, path: impl Into<String>, rule: Rule) {
        self.errors.push(FieldError::new(path, rule));
    }

    fn probability(&mut self, path: &str, value: f64) -> f64 {
        if !(0.0..=1.0).contains(&value) {
            self.fail(path, Rule::Probability { value });
        }
        value.clamp(0.0, 1.0)
    }

    fn non_negative(&mut self, path: &str, value: f64, what: Quantity, max: f64) -> f64 {
        if !value.is_finite() || value < 0.0 {
            self.fail(path, Rule::AtLeastZero { what, value });
            0.0
        } else if value > max {
            self.fail(path, Rule::AtMost { what, max, value });
            max
        } else {
            value
        }
    }

    fn positive(&mut self, path: &str, value: f64, what: Quantity, max: f64) -> f64 {
        if !value.is_finite() || value <= 0.0 {
            self.fail(path, Rule::Positive { what, value });
            1.0
        } else if value > max {
            self.fail(path, Rule::AtMost { what, max, value });
            max
        } else {
            value
        }
    }

    fn whole(&mut self, path: &str, value: i64, what: Quantity, min: i64, max: i64) -> i64 {
        if value < min || value > max {
            self.fail(
                path,
                Rule::WholeRange {
                    what,
                    min,
                    max,
                    value,
                },
            );
            value.clamp(min, max)
        } else {
            value
        }
    }

    /// A correlation in [0, 1): its value, or 0 with the error.
    fn correlation(&mut self, path: &str, value: f64) -> f64 {
        if value.is_finite() && (0.0..1.0).contains(&value) {
            value
        } else {
            self.fail(path, Rule::Correlation { value });
            0.0
        }
    }

    fn rate(&mut self, path: &str, rate: &Rate) -> RateLaw {
        match *rate {
            Rate::Fixed(p) => RateLaw::Fixed(self.probability(path, p)),
            Rate::Uncertain(UncertainRate::Beta { alpha, beta }) => {
                let alpha =
                    self.positive(&format!("{path}.beta.alpha"), alpha, Quantity::Alpha, 1e9);
                let beta = self.positive(&format!("{path}.beta.beta"), beta, Quantity::Beta, 1e9);
                RateLaw::Beta { alpha, beta }
            }
            Rate::Uncertain(UncertainRate::Uniform { low, high }) => {
                let errors_before = self.errors.len();
                let low = self.probability(&format!("{path}.uniform.low"), low);
                let high = self.probability(&format!("{path}.uniform.high"), high);
                // Compare the ends only when both are valid: otherwise the message would quote
                // clamped numbers the person never wrote.
                if self.errors.len() == errors_before && low > high {
                    self.fail(format!("{path}.uniform"), Rule::LowAboveHigh { low, high });
                    return RateLaw::Uniform {
                        low: high,
                        high: low,
                    };
                }
                RateLaw::Uniform { low, high }
            }
        }
    }

    fn delay(&mut self, path: &str, delay: &Delay) -> DelayLaw {
        const MAX_DAYS: i64 = 100_000;
        const MAX_DAYS_F: f64 = 100_000.0;
        match *delay {
            Delay::Fixed(d) => DelayLaw::Fixed(self.whole(
                &format!("{path}.fixed"),
                d,
                Quantity::DelayDays,
                0,
                MAX_DAYS,
            ) as u32),
            Delay::Uniform { min, max } => {
                let errors_before = self.errors.len();
                let min = self.whole(
                    &format!("{path}.uniform.min"),
                    min,
                    Quantity::Min,
                    0,
                    MAX_DAYS,
                ) as u32;
                let max = self.whole(
                    &format!("{path}.uniform.max"),
                    max,
                    Quantity::Max,
                    0,
                    MAX_DAYS,
                ) as u32;
                if self.errors.len() == errors_before && min > max {
                    self.fail(format!("{path}.uniform"), Rule::MinAboveMax { min, max });
                    return DelayLaw::Uniform { min: max, max: min };
                }
                DelayLaw::Uniform { min, max }
            }
            Delay::Exponential { mean } => DelayLaw::Exponential {
                mean: self.non_negative(
                    &format!("{path}.exponential.mean"),
                    mean,
                    Quantity::Mean,
                    MAX_DAYS_F,
                ),
            },
            Delay::Lognormal { median, sigma } => DelayLaw::Lognormal {
                median: self.positive(
                    &format!("{path}.lognormal.median"),
                    median,
                    Quantity::Median,
                    MAX_DAYS_F,
                ),
                sigma: self.non_negative(
                    &format!("{path}.lognormal.sigma"),
                    sigma,
                    Quantity::Sigma,
                    10.0,
                ),
            },
            Delay::Gamma { shape, scale } => DelayLaw::Gamma {
                shape: self.positive(&format!("{path}.gamma.shape"), shape, Quantity::Shape, 1e6),
                scale: self.positive(
                    &format!("{path}.gamma.scale"),
                    scale,
                    Quantity::Scale,
                    MAX_DAYS_F,
                ),
            },
        }
    }

    fn value(&mut self, path: &str, value: &Value) -> ValueLaw {
        match *value {
            Value::Fixed(x) => ValueLaw::Fixed(self.non_negative(
                &format!("{path}.fixed"),
                x,
                Quantity::Value,
                MAX_AMOUNT,
            )),
            Value::Uniform { low, high } => {
                let errors_before = self.errors.len();
                let low = self.non_negative(
                    &format!("{path}.uniform.low"),
                    low,
                    Quantity::Low,
                    MAX_AMOUNT,
                );
                let high = self.non_negative(
                    &format!("{path}.uniform.high"),
                    high,
                    Quantity::High,
                    MAX_AMOUNT,
                );
                if self.errors.len() == errors_before && low > high {
                    self.fail(format!("{path}.uniform"), Rule::LowAboveHigh { low, high });
                    return ValueLaw::Uniform {
                        low: high,
                        high: low,
                    };
                }
                ValueLaw::Uniform { low, high }
            }
            Value::Lognormal { mean, sd } => ValueLaw::Lognormal {
                mean: self.positive(
                    &format!("{path}.lognormal.mean"),
                    mean,
                    Quantity::Mean,
                    MAX_AMOUNT,
                ),
                sd: self.non_negative(
                    &format!("{path}.lognormal.sd"),
                    sd,
                    Quantity::Sd,
                    MAX_AMOUNT,
                ),
            },
        }
    }
}

impl Scenario {
    /// Checks every rule of the scenario format and builds the engine's model.
    ///
    /// # Errors
    /// Every broken rule at once, each naming its field's path.
    pub fn validate(&self) -> Result<Model, Vec<FieldError>> {
        let mut check = Checker { errors: Vec::new() };

        let horizon = check.whole(
            "horizon_days",
            self.horizon_days,
            Quantity::HorizonDays,
            1,
            MAX_HORIZON_DAYS,
        ) as u32;

        // The scenario's own name is free text (it may be empty), but it is shown as a title
        // and in file names: nothing invisible may reorder or hide it.
        if let Some(code) = hidden_character(&self.name) {
            check.fail("name", Rule::HiddenCharacter { code });
        }
        if self.stages.is_empty() {
            check.fail("stages", Rule::NoStages);
        }
        let mut index_of: HashMap<&str, usize> = HashMap::new();
        for (k, stage) in self.stages.iter().enumerate() {
            if stage.name.trim().is_empty() {
                check.fail(format!("stages[{k}].name"), Rule::StageNameMissing);
            } else if stage.name.chars().any(char::is_control) {
                check.fail(format!("stages[{k}].name"), Rule::ControlCharacters);
            } else if let Some(code) = hidden_character(&stage.name) {
                check.fail(format!("stages[{k}].name"), Rule::HiddenCharacter { code });
            }
            if let Some(first) = index_of.get(stage.name.as_str()) {
                check.fail(
                    format!("stages[{k}].name"),
                    Rule::DuplicateStage {
                        name: stage.name.clone(),
                        first: *first,
                    },
                );
            } else {
                index_of.insert(stage.name.as_str(), k);
            }
        }
        let stage_names = || self.stages.iter().map(|s| s.name.clone()).collect();

        let mut stages = Vec::with_capacity(self.stages.len());
        for (k, stage) in self.stages.iter().enumerate() {
            let path = format!("stages[{k}]");
            let conversion = check.rate(&format!("{path}.conversion"), &stage.conversion);
            let delay = check.delay(&format!("{path}.delay_days"), &stage.delay_days);
            // The same law as `delay_days` means what the key's absence means: the engines
            // then draw as they always did.
            let lost_delay = stage
                .lost_delay_days
                .as_ref()
                .map(|d| check.delay(&format!("{path}.lost_delay_days"), d))
                .filter(|lost| *lost != delay);
            let value = stage
                .value
                .as_ref()
                .map(|v| check.value(&format!("{path}.value"), v));
            let nurture = stage.nurture.as_ref().map(|n| {
                let share = check.probability(&format!("{path}.nurture.share"), n.share);
                let delay = check.delay(&format!("{path}.nurture.delay_days"), &n.delay_days);
                let reentry = check.probability(&format!("{path}.nurture.reentry"), n.reentry);
                let to = match index_of.get(n.to.as_str()) {
                    Some(&to) => to,
                    None => {
                        check.fail(
                            format!("{path}.nurture.to"),
                            Rule::UnknownStage {
                                name: n.to.clone(),
                                stages: stage_names(),
                            },
                        );
                        k
                    }
                };
                let max_cycles = check.whole(
                    &format!("{path}.nurture.max_cycles"),
                    n.max_cycles,
                    Quantity::MaxCycles,
                    0,
                    MAX_CYCLES,
                ) as u32;
                NurtureModel {
                    share,
                    delay,
                    reentry,
                    to,
                    max_cycles,
                }
            });
            stages.push(StageModel {
                name: stage.name.clone(),
                conversion,
                delay,
                lost_delay,
                value,
                nurture,
            });
        }

        let segments = self.segments(&mut check, &index_of);
        let segment_of: HashMap<&str, usize> = self
            .segments
            .iter()
            .enumerate()
            .rev()
            .map(|(g, s)| (s.name.as_str(), g))
            .collect();

        let mut seen_sources: HashMap<&str, usize> = HashMap::new();
        let mut sources = Vec::with_capacity(self.sources.len());
        for (i, source) in self.sources.iter().enumerate() {
            let path = format!("sources[{i}]");
            if source.name.trim().is_empty() {
                check.fail(format!("{path}.name"), Rule::SourceNameMissing);
            } else if source.name.chars().any(char::is_control) {
                check.fail(format!("{path}.name"), Rule::ControlCharacters);
            } else if let Some(code) = hidden_character(&source.name) {
                check.fail(format!("{path}.name"), Rule::HiddenCharacter { code });
            }
            // Streams are keyed by name; a repeated name gets its own stream all the same.
            let repeats = seen_sources.entry(source.name.as_str()).or_insert(0);
            *repeats += 1;
            let stream_key = if *repeats == 1 {
                source.name.clone()
            } else {
                // A NUL separator: no name a person types ends in one, so a repeated name's
                // key cannot equal another source's name (which would share its draws).
                format!("{}\u{0}{}", source.name, repeats)
            };
            let entry = match index_of.get(source.entry.as_str()) {
                Some(&k) => k,
                None => {
                    check.fail(
                        format!("{path}.entry"),
                        Rule::UnknownStage {
                            name: source.entry.clone(),
                            stages: stage_names(),
                        },
                    );
                    0
                }
            };
            let arrivals = match source.per_day {
                Arrivals::Poisson(m) => ArrivalLaw::Poisson(check.non_negative(
                    &format!("{path}.per_day.poisson"),
                    m,
                    Quantity::LeadsPerDay,
                    MAX_LEADS_PER_DAY,
                )),
                Arrivals::Fixed(n) => ArrivalLaw::Fixed(check.whole(
                    &format!("{path}.per_day.fixed"),
                    n,
                    Quantity::LeadsPerDay,
                    0,
                    MAX_LEADS_PER_DAY as i64,
                ) as u64),
            };
            let errors_before = check.errors.len();
            let start = check.whole(
                &format!("{path}.start_day"),
                source.start_day,
                Quantity::StartDay,
                0,
                i64::from(u32::MAX),
            );
            let end = match source.end_day {
                Some(end) => {
                    let end = check.whole(
                        &format!("{path}.end_day"),
                        end,
                        Quantity::EndDay,
                        0,
                        i64::from(u32::MAX),
                    );
                    // As for uniform laws: compare only numbers the person actually wrote.
                    if check.errors.len() == errors_before && end <= start {
                        check.fail(
                            format!("{path}.end_day"),
                            Rule::EndNotAfterStart { start, end },
                        );
                    }
                    end
                }
                None => i64::from(horizon),
            };
            let cost_per_lead = check.non_negative(
                &format!("{path}.cost_per_lead"),
                source.cost_per_lead,
                Quantity::CostPerLead,
                MAX_AMOUNT,
            );
            let segment = source.segment.as_ref().map(|name| {
                segment_of.get(name.as_str()).copied().unwrap_or_else(|| {
                    check.fail(
                        format!("{path}.segment"),
                        Rule::UnknownSegment {
                            name: name.clone(),
                            segments: self.segments.iter().map(|s| s.name.clone()).collect(),
                        },
                    );
                    0
                })
            });
            let start = start.min(i64::from(horizon)) as u32;
            let end = (end.min(i64::from(horizon)) as u32).max(start);
            sources.push(SourceModel {
                name: source.name.clone(),
                stream_key,
                entry,
                arrivals,
                start,
                end,
                cost_per_lead,
                segment,
                share: 1.0,
            });
        }
        if !segments.is_empty() && sources.iter().any(|s| s.segment.is_none()) {
            let sum: f64 = segments.iter().map(|s| s.share).sum();
            let all_valid = self.segments.iter().all(|s| (0.0..=1.0).contains(&s.share));
            if all_valid && (sum - 1.0).abs() > 1e-9 {
                check.fail("segments", Rule::SharesSum { sum });
            }
        }

        let retention = self.retention.as_ref().map(|r| {
            let repeat = check.probability("retention.repeat", r.repeat);
            let delay = check.delay("retention.delay_days", &r.delay_days);
            let own_value = r.value.is_some();
            let value = match &r.value {
                Some(v) => Some(check.value("retention.value", v)),
                None => stages.last().and_then(|s: &StageModel| s.value),
            };
            let max_repeats = check.whole(
                "retention.max_repeats",
                r.max_repeats,
                Quantity::MaxRepeats,
                0,
                MAX_REPEATS,
            ) as u32;
            RetentionModel {
                repeat,
                delay,
                value,
                own_value,
                max_repeats,
            }
        });

        let rate_correlation = self
            .rate_correlation
            .map_or(0.0, |r| check.correlation("rate_correlation", r));
        let model = Model {
            name: self.name.clone(),
            horizon,
            sources,
            stages,
            retention,
            rate_correlation,
            segments,
            stream_scope: String::new(),
        };
        if check.errors.is_empty() {
            // The engine keeps a few day-long vectors per path and convolves each with a delay
            // law: bound the paths, their memory and the precomputation together.
            // Each segment is a funnel of its own to the engine.
            let paths = count_paths(&model).saturating_mul(model.segments.len().max(1) as u64);
            let days = u64::from(horizon);
            let most = MAX_PATHS
                .min(MAX_PATH_DAYS / days)
                .min(MAX_PATH_DAYS_SQUARED / (days * days));
            if paths > most {
                check.fail(
                    "stages",
                    Rule::TooManyPaths {
                        paths: (paths != u64::MAX).then_some(paths),
                        most,
                        days,
                    },
                );
            }
        }
        if check.errors.is_empty() {
            Ok(model)
        } else {
            Err(check.errors)
        }
    }
}

impl Scenario {
    /// The segments, validated: names, shares and each stage override (with its path).
    fn segments(&self, check: &mut Checker, index_of: &HashMap<&str, usize>) -> Vec<SegmentModel> {
        if self.segments.len() > MAX_SEGMENTS {
            check.fail("segments", Rule::TooManySegments { most: MAX_SEGMENTS });
        }
        let mut first_of: HashMap<&str, usize> = HashMap::new();
        let stage_names = || self.stages.iter().map(|s| s.name.clone()).collect();
        let mut segments = Vec::with_capacity(self.segments.len());
        for (g, segment) in self.segments.iter().enumerate() {
            let path = format!("segments[{g}]");
            if segment.name.trim().is_empty() {
                check.fail(format!("{path}.name"), Rule::SegmentNameMissing);
            } else if segment.name.chars().any(char::is_control) {
                check.fail(format!("{path}.name"), Rule::ControlCharacters);
            } else if let Some(code) = hidden_character(&segment.name) {
                check.fail(format!("{path}.name"), Rule::HiddenCharacter { code });
            }
            if let Some(&first) = first_of.get(segment.name.as_str()) {
                check.fail(
                    format!("{path}.name"),
                    Rule::DuplicateSegment {
                        name: segment.name.clone(),
                        first,
                    },
                );
            } else {
                first_of.insert(segment.name.as_str(), g);
            }
            let share = check.probability(&format!("{path}.share"), segment.share);
            let mut stages = vec![StageOverrideModel::default(); self.stages.len()];
            for (name, over) in &segment.stages {
                let at = format!("{path}.stages.{name}");
                let Some(&k) = index_of.get(name.as_str()) else {
                    check.fail(
                        at,
                        Rule::UnknownStage {
                            name: name.clone(),
                            stages: stage_names(),
                        },
                    );
                    continue;
                };
                stages[k] = StageOverrideModel {
                    conversion: over
                        .conversion
                        .as_ref()
                        .map(|r| check.rate(&format!("{at}.conversion"), r)),
                    delay: over
                        .delay_days
                        .as_ref()
                        .map(|d| check.delay(&format!("{at}.delay_days"), d)),
                    lost_delay: over
                        .lost_delay_days
                        .as_ref()
                        .map(|d| check.delay(&format!("{at}.lost_delay_days"), d)),
                    value: over
                        .value
                        .as_ref()
                        .map(|v| check.value(&format!("{at}.value"), v)),
                };
            }
            segments.push(SegmentModel {
                name: segment.name.clone(),
                share,
                stages,
            });
        }
        segments
    }
}

/// Counts the distinct paths the engine follows (stage visits by cycle count, and repeat
/// purchases after each way of becoming a customer), saturating.
pub fn count_paths(model: &Model) -> u64 {
    let stage_count = model.stages.len();
    let repeats = model
        .retention
        .as_ref()
        .map_or(0, |r| u64::from(r.max_repeats));
    let max_cycles = model
        .stages
        .iter()
        .filter_map(|s| s.nurture.as_ref())
        .map(|n| n.max_cycles)
        .max()
        .unwrap_or(0);
    // size[c][k]: nodes in the subtree of a lead entering stage k having made c cycles.
    let mut size = vec![vec![0u64; stage_count + 1]; max_cycles as usize + 2];
    for c in (0..=max_cycles as usize).rev() {
        for k in (0..stage_count).rev() {
            let next = if k + 1 < stage_count {
                size[c][k + 1]
            } else {
                1 + repeats
            };
            let mut total = 1u64.saturating_add(next);
            if let Some(n) = &model.stages[k].nurture
                && (c as u32) < n.max_cycles
                && n.share > 0.0
                && n.reentry > 0.0
            {
                // Loops go back to an earlier or the same stage with one more cycle.
                total = total.saturating_add(size[c + 1][n.to]);
            }
            size[c][k] = total;
        }
    }
    model
        .sources
        .iter()
        .fold(0u64, |acc, s| acc.saturating_add(size[0][s.entry]))
}
