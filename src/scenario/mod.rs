//! Scenarios: the one format of files, share links, the app and the command line.
//!
//! Input comes in two stages: `Scenario` is the serde form (what a file or the editor holds,
//! possibly invalid), `Model` is the validated form the engine runs on.
//! Architecture invariant: nothing here knows about the browser, the engine or charts.

mod format;
mod laws;
mod model;
pub mod presets;
mod rules;
mod structure;
mod sums;
mod validate;

use std::fmt;

pub use format::{
    Arrivals, Delay, Nurture, Rate, Retention, Scenario, Segment, Source, Stage, StageOverride,
    StageOverrides, UncertainRate, Value,
};
pub use laws::{BaseRate, DelayLaw, RateLaw, ValueLaw};
pub use model::{
    ArrivalLaw, Model, NurtureModel, RateRef, RetentionModel, SegmentModel, SourceModel,
    StageModel, StageOverrideModel,
};
pub use rules::{FieldError, Quantity, Rule, hidden_character, quoted_list};
pub use structure::{Expected, Structure};
pub use sums::{SumMethod, UNIFORM_NORMAL_FROM, ValueSum, edgeworth_gap};
pub use validate::{MAX_CYCLES, MAX_HORIZON_DAYS, MAX_PATHS, MAX_SEGMENTS, count_paths};

/// A scenario text that could not be read as the scenario format.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ScenarioError {
    /// The field's path where the structure is wrong (empty for a JSON syntax error).
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// serde's own words (English), which the command line prints.
    pub message: String,
    /// The rule broken, as data (what the page says, in the person's language).
    pub structure: Structure,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() || self.path == "." {
            write!(
                f,
                "line {}, column {}: {}",
                self.line, self.column, self.message
            )
        } else {
            write!(
                f,
                "{}: {} (line {}, column {})",
                self.path, self.message, self.line, self.column
            )
        }
    }
}

impl std::error::Error for ScenarioError {}

impl Scenario {
    /// Reads a scenario from JSON text.
    ///
    /// # Errors
    /// Malformed JSON (with line and column), unknown keys, missing keys or values of the
    /// wrong type, naming the field's path.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let result: Result<Scenario, _> = serde_path_to_error::deserialize(&mut deserializer);
        let scenario = result.map_err(|error| {
            let path = error.path().to_string();
            let inner = error.into_inner();
            // serde_json appends " at line L column C"; the position is reported separately.
            let mut message = inner.to_string();
            if let Some(cut) = message.rfind(" at line ") {
                message.truncate(cut);
            }
            // Serde names Rust's integer and float types; the person editing a file thinks in
            // whole numbers and numbers.
            let message = message
                .replace(
                    "expected i64",
                    "expected a whole number (no decimal point or exponent)",
                )
                .replace("expected f64", "expected a number");
            let (path, message) = if !(inner.is_syntax() || inner.is_eof()) {
                (path, message)
            } else if serde_json::from_str::<serde_json::Value>(text).is_ok() {
                // The text is valid JSON, yet serde_json reports a syntax error: that is how it
                // meets a second key in an object that takes one key naming a kind
                // (`{"poisson": 3, "poison": 1}`). The path says which object.
                (
                    path,
                    "takes exactly one key naming its kind (such as \"fixed\", \"poisson\" \
                     or \"beta\"); remove the other keys"
                        .to_string(),
                )
            } else {
                (String::new(), message)
            };
            let structure = if path.is_empty() {
                Structure::Syntax
            } else {
                structure::classify(text, &path).unwrap_or(Structure::Syntax)
            };
            ScenarioError {
                path,
                line: inner.line(),
                column: inner.column(),
                message,
                structure,
            }
        })?;
        deserializer.end().map_err(|inner| ScenarioError {
            path: String::new(),
            line: inner.line(),
            column: inner.column(),
            message: "unexpected text after the scenario".to_string(),
            structure: Structure::Syntax,
        })?;
        Ok(scenario)
    }

    /// The scenario as pretty-printed JSON (the format files hold).
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Why a scenario text could not be turned into a model.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The text is not a scenario (syntax or structure).
    Format(ScenarioError),
    /// The scenario breaks one or more rules.
    Invalid(Vec<FieldError>),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Format(error) => write!(f, "{error}"),
            LoadError::Invalid(errors) => {
                for (i, error) in errors.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{error}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads and validates a scenario in one step.
///
/// # Errors
/// See `Scenario::from_json` and `Scenario::validate`.
pub fn load(text: &str) -> Result<(Scenario, Model), LoadError> {
    let scenario = Scenario::from_json(text).map_err(LoadError::Format)?;
    let model = scenario.validate().map_err(LoadError::Invalid)?;
    Ok((scenario, model))
}
