//! Validation errors as data: the field's path and the rule it breaks, with the rule's numbers.
//!
//! `Rule` is what the validation found; its `Display` is the English sentence the command line
//! prints, and the app writes the same rule in the user's language from its catalogue
//! (`i18n::validation`, by rule, never by reading the English). A new rule is a new variant, so
//! every match over rules (the catalogue's included) must say how to show it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A quantity a rule talks about, named as it appears in the scenario format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    Alpha,
    Beta,
    DelayDays,
    Min,
    Max,
    Mean,
    Median,
    Sigma,
    Shape,
    Scale,
    Value,
    Low,
    High,
    Sd,
    HorizonDays,
    MaxCycles,
    LeadsPerDay,
    StartDay,
    EndDay,
    CostPerLead,
    MaxRepeats,
    Runs,
    /// The relative standard error \"Runs: automatic\" stops at.
    Precision,
}

impl Quantity {
    /// Every quantity, for tests and catalogues.
    pub const ALL: [Quantity; 23] = [
        Quantity::Alpha,
        Quantity::Beta,
        Quantity::DelayDays,
        Quantity::Min,
        Quantity::Max,
        Quantity::Mean,
        Quantity::Median,
        Quantity::Sigma,
        Quantity::Shape,
        Quantity::Scale,
        Quantity::Value,
        Quantity::Low,
        Quantity::High,
        Quantity::Sd,
        Quantity::HorizonDays,
        Quantity::MaxCycles,
        Quantity::LeadsPerDay,
        Quantity::StartDay,
        Quantity::EndDay,
        Quantity::CostPerLead,
        Quantity::MaxRepeats,
        Quantity::Runs,
        Quantity::Precision,
    ];

    /// The quantity in the English messages.
    pub fn english(self) -> &'static str {
        match self {
            Quantity::Alpha => "alpha",
            Quantity::Beta => "beta",
            Quantity::DelayDays => "a delay in days",
            Quantity::Min => "min",
            Quantity::Max => "max",
            Quantity::Mean => "mean",
            Quantity::Median => "median",
            Quantity::Sigma => "sigma",
            Quantity::Shape => "shape",
            Quantity::Scale => "scale",
            Quantity::Value => "a value",
            Quantity::Low => "low",
            Quantity::High => "high",
            Quantity::Sd => "sd",
            Quantity::HorizonDays => "horizon_days",
            Quantity::MaxCycles => "max_cycles",
            Quantity::LeadsPerDay => "leads per day",
            Quantity::StartDay => "start_day",
            Quantity::EndDay => "end_day",
            Quantity::CostPerLead => "cost_per_lead",
            Quantity::MaxRepeats => "max_repeats",
            Quantity::Runs => "runs",
            Quantity::Precision => "precision",
        }
    }
}

/// A rule of the scenario format, broken, with what the message quotes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A share or rate outside [0, 1].
    Probability {
        #[serde(with = "any_number")]
        value: f64,
    },
    /// A negative or non-finite number where a count, delay, mean, sd, cost or value goes.
    AtLeastZero {
        what: Quantity,
        #[serde(with = "any_number")]
        value: f64,
    },
    /// A number above the largest the format accepts.
    AtMost {
        what: Quantity,
        max: f64,
        value: f64,
    },
    /// A number that must be above 0.
    Positive {
        what: Quantity,
        #[serde(with = "any_number")]
        value: f64,
    },
    /// A whole number outside its range.
    WholeRange {
        what: Quantity,
        min: i64,
        max: i64,
        value: i64,
    },
    /// A uniform rate or value whose low end is above its high end.
    LowAboveHigh {
        #[serde(with = "any_number")]
        low: f64,
        #[serde(with = "any_number")]
        high: f64,
    },
    /// A uniform delay whose min is above its max.
    MinAboveMax { min: u32, max: u32 },
    /// A scenario without stages.
    NoStages,
    /// A stage with an empty name.
    StageNameMissing,
    /// A source with an empty name.
    SourceNameMissing,
    /// A name holding a line break, a tab or another control character.
    ControlCharacters,
    /// A name holding an invisible character that can reorder or hide the text around it (a
    /// bidirectional control, a zero-width character): `code` is the first, as `U+202E`.
    HiddenCharacter { code: String },
    /// A stage name used twice; `first` is the stage that has it first.
    DuplicateStage { name: String, first: usize },
    /// A reference (a source's entry, a nurture's `to`) naming no stage.
    UnknownStage { name: String, stages: Vec<String> },
    /// A source whose `end_day` is not after its `start_day`.
    EndNotAfterStart { start: i64, end: i64 },
    /// A rate correlation outside [0, 1) (or not a finite number).
    Correlation {
        #[serde(with = "any_number")]
        value: f64,
    },
    /// A segment with an empty name.
    SegmentNameMissing,
    /// A segment name used twice; `first` is the segment that has it first.
    DuplicateSegment { name: String, first: usize },
    /// A source's `segment` naming no segment (`segments` lists them; empty when the scenario
    /// has none).
    UnknownSegment { name: String, segments: Vec<String> },
    /// Shares of the segments that do not add up to 1 while a source is left to them.
    SharesSum {
        #[serde(with = "any_number")]
        sum: f64,
    },
    /// More segments than the engine follows.
    TooManySegments { most: usize },
    /// More paths through the funnel than the engine can follow over the horizon; `paths` is
    /// `None` when the count overflows.
    TooManyPaths {
        paths: Option<u64>,
        most: u64,
        days: u64,
    },
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Probability { value } => write!(
                f,
                "must be between 0 and 1 (a share: 0.25 means 25%), not {value}"
            ),
            Rule::AtLeastZero { what, value } => write!(
                f,
                "{} must be a number of at least 0, not {value}",
                what.english()
            ),
            Rule::AtMost { what, max, value } => {
                write!(f, "{} must be at most {max}, not {value}", what.english())
            }
            Rule::Positive { what, value } => {
                write!(f, "{} must be greater than 0, not {value}", what.english())
            }
            Rule::WholeRange {
                what,
                min,
                max,
                value,
            } => write!(
                f,
                "{} must be a whole number from {min} to {max}, not {value}",
                what.english()
            ),
            Rule::LowAboveHigh { low, high } => {
                write!(f, "low ({low}) must not exceed high ({high})")
            }
            Rule::MinAboveMax { min, max } => write!(f, "min ({min}) must not exceed max ({max})"),
            Rule::NoStages => write!(f, "a scenario needs at least one stage"),
            Rule::StageNameMissing => write!(f, "a stage needs a name"),
            Rule::SourceNameMissing => write!(f, "a source needs a name"),
            Rule::ControlCharacters => write!(
                f,
                "a name cannot contain control characters (such as a line break or tab)"
            ),
            Rule::HiddenCharacter { code } => write!(
                f,
                "a name cannot contain the invisible character {code}: it can reorder or hide the \
                 text around it"
            ),
            Rule::DuplicateStage { name, first } => write!(
                f,
                "the name \"{name}\" is already used by stages[{first}]; stage names must be unique"
            ),
            Rule::UnknownStage { name, stages } => write!(
                f,
                "\"{name}\" names no stage; the stages are {}",
                quoted_list(stages)
            ),
            Rule::EndNotAfterStart { start, end } => write!(
                f,
                "end_day ({end}) must be after start_day ({start}): the source is active from \
                 start_day up to, not including, end_day"
            ),
            Rule::Correlation { value } => write!(
                f,
                "must be a number from 0 (rates drawn independently) up to, not including, 1, \
                 not {value}"
            ),
            Rule::SegmentNameMissing => write!(f, "a segment needs a name"),
            Rule::DuplicateSegment { name, first } => write!(
                f,
                "the name \"{name}\" is already used by segments[{first}]; segment names must \
                 be unique"
            ),
            Rule::UnknownSegment { name, segments } if segments.is_empty() => write!(
                f,
                "\"{name}\" names no segment; the scenario has no segments"
            ),
            Rule::UnknownSegment { name, segments } => write!(
                f,
                "\"{name}\" names no segment; the segments are {}",
                quoted_list(segments)
            ),
            Rule::SharesSum { sum } => write!(
                f,
                "the segments' shares add up to {sum}, not 1: a lead of a source that names no \
                 segment must belong to one of them"
            ),
            Rule::TooManySegments { most } => {
                write!(f, "a scenario can have at most {most} segments")
            }
            Rule::TooManyPaths { paths, most, days } => {
                let paths = paths.map_or_else(|| "too many".to_string(), |n| n.to_string());
                write!(
                    f,
                    "the nurture loops and repeat purchases allow {paths} distinct paths, more \
                     than the {most} a {days}-day horizon can follow; lower a nurture's \
                     max_cycles or retention.max_repeats (or the horizon)"
                )
            }
        }
    }
}

/// Names in quotes, joined by commas: `"A", "B"`.
pub fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|name| format!("\"{name}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One broken rule: where it is and which rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's path, e.g. `stages[2].nurture.to`.
    pub path: String,
    /// The rule the field breaks, with the numbers and names the message quotes.
    pub rule: Rule,
}

impl FieldError {
    /// An error at `path`.
    pub fn new(path: impl Into<String>, rule: Rule) -> FieldError {
        FieldError {
            path: path.into(),
            rule,
        }
    }

    /// What is wrong and what is allowed, in English (the command line's words).
    pub fn message(&self) -> String {
        self.rule.to_string()
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.rule)
    }
}

impl std::error::Error for FieldError {}

/// Numbers in rules as JSON (the worker boundary), infinities and NaN included: JSON has no
/// such numbers, so they travel as the strings `"inf"`, `"-inf"` and `"NaN"`.
mod any_number {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        if value.is_finite() {
            serializer.serialize_f64(*value)
        } else {
            serializer.serialize_str(&value.to_string())
        }
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Number {
        Finite(f64),
        Text(String),
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        match Number::deserialize(deserializer)? {
            Number::Finite(value) => Ok(value),
            Number::Text(text) => text
                .parse()
                .map_err(|_| serde::de::Error::custom(format!("not a number: {text}"))),
        }
    }
}

/// The first character of `name` that is invisible and can reorder or hide the text around it,
/// as `U+XXXX`: bidirectional embeddings, overrides, isolates and marks (a stage named `Int`,
/// U+202E, `erest` would show as "Inttsere"), zero-width spaces and joiners, the word joiner
/// and invisible operators, the byte-order mark, the soft hyphen, interlinear annotations and
/// tag characters (which can carry hidden ASCII). The zero-width joiner and non-joiner are
/// kept between two characters outside ASCII, where scripts and emoji need them (Persian,
/// Indic scripts, family emoji), and refused elsewhere (inside Latin words they only disguise
/// a name).
pub fn hidden_character(name: &str) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    chars.iter().enumerate().find_map(|(i, &c)| {
        let hidden = match c {
            '\u{200C}' | '\u{200D}' => {
                let outside_ascii = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii());
                !(i > 0 && outside_ascii(chars.get(i - 1)) && outside_ascii(chars.get(i + 1)))
            }
            '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}' => true,
            _ => false,
        };
        hidden.then(|| format!("U+{:04X}", u32::from(c)))
    })
}
