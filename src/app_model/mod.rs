//! The app's state logic as plain Rust: editing a scenario, typing rates the way people think,
//! undo and redo, share links, the autosave envelope and CSV export.
//!
//! The Leptos UI holds the state in signals and calls these functions; everything here is
//! tested natively and compiles unchanged for wasm32.
//! Architecture invariant: no web dependency, no clock (timestamps come from the caller), no
//! IO (the caller reads and writes localStorage, the URL and files), and no panic on any input.

pub mod action;
pub mod assumptions;
pub mod autosave;
pub mod batches;
pub mod changes;
pub mod channels;
pub mod chart_text;
pub mod correlation;
pub mod crm_messages;
pub mod edit;
pub mod explain;
pub mod export;
pub mod history;
pub mod import;
pub mod laws;
pub mod messages;
pub mod playback;
pub mod precision;
pub mod rate_input;
pub mod segments;
pub mod share;
pub mod teach;
pub mod uncertainty;

use serde::{Deserialize, Serialize};

use crate::scenario::{FieldError, Quantity, Rule, Scenario};

/// The most runs a saved or shared setting may ask for: a link someone sends cannot make the
/// browser simulate for minutes (the command line allows more).
pub const MAX_RUNS: u32 = 100_000;

/// How the forecast is computed: the number of simulated runs and the seed they start from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// The runs (with "Runs: automatic", kept for when it is off).
    pub runs: u32,
    pub seed: u64,
    /// "Runs: automatic": run until the relative standard error of revenue's mean, p5 and
    /// p95 is below this (0.01 for 1%), at most `MAX_RUNS` runs (fewer where they would not
    /// fit in memory); `None` runs exactly `runs`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<f64>,
}

/// The precisions the page offers for "Runs: automatic", and the one it starts with.
pub const PRECISIONS: [f64; 4] = [0.02, 0.01, 0.005, 0.002];
pub const DEFAULT_PRECISION: f64 = 0.01;

impl Default for Settings {
    fn default() -> Settings {
        // A fixed seed: the same scenario always gives the same forecast, on every machine.
        Settings {
            runs: 2_000,
            seed: 1,
            precision: None,
        }
    }
}

impl Settings {
    /// The most runs of a forecast of `model` with these settings: `runs`, or with "Runs:
    /// automatic" `MAX_RUNS` or what fits in memory.
    pub fn most_runs(&self, model: &crate::scenario::Model) -> u32 {
        match self.precision {
            Some(_) => crate::worker::automatic_cap(model, MAX_RUNS),
            None => self.runs,
        }
    }

    /// Checks the settings a link or a saved value brings.
    ///
    /// # Errors
    /// `settings.runs` outside 1 to `MAX_RUNS`; `settings.precision` not above 0 or above
    /// 10%.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        if let Some(precision) = self.precision {
            let max = crate::engine::automatic::MAX_TOLERANCE;
            let rule = if precision.is_nan() || precision <= 0.0 {
                Some(Rule::Positive {
                    what: Quantity::Precision,
                    value: precision,
                })
            } else if precision > max {
                Some(Rule::AtMost {
                    what: Quantity::Precision,
                    max,
                    value: precision,
                })
            } else {
                None
            };
            if let Some(rule) = rule {
                return Err(vec![FieldError::new("settings.precision", rule)]);
            }
        }
        if self.runs == 0 || self.runs > MAX_RUNS {
            return Err(vec![FieldError::new(
                "settings.runs",
                Rule::WholeRange {
                    what: Quantity::Runs,
                    min: 1,
                    max: i64::from(MAX_RUNS),
                    value: i64::from(self.runs),
                },
            )]);
        }
        Ok(())
    }
}

/// A field of an envelope (a share link's or a saved value's JSON) that could not be read:
/// where, and what is wrong, in the scenario format's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EnvelopeError {
    pub(crate) path: String,
    pub(crate) message: String,
}

/// The JSON object of an envelope, its fields taken out one by one.
pub(crate) struct Envelope {
    fields: serde_json::Map<String, serde_json::Value>,
}

impl Envelope {
    /// The object's fields, refusing anything but an object and any key not in `known`.
    pub(crate) fn new(value: serde_json::Value, known: &[&str]) -> Result<Envelope, EnvelopeError> {
        let serde_json::Value::Object(fields) = value else {
            return Err(EnvelopeError {
                path: ".".to_string(),
                message: format!("expected an object with the fields {}", known.join(", ")),
            });
        };
        if let Some(unknown) = fields.keys().find(|k| !known.contains(&k.as_str())) {
            return Err(EnvelopeError {
                path: unknown.clone(),
                message: format!("unknown field; the fields are {}", known.join(", ")),
            });
        }
        Ok(Envelope { fields })
    }

    /// Takes the field `name` out, if present.
    pub(crate) fn take(&mut self, name: &str) -> Option<serde_json::Value> {
        self.fields.remove(name)
    }

    /// Takes the field `name` out, which must be present.
    pub(crate) fn require(&mut self, name: &str) -> Result<serde_json::Value, EnvelopeError> {
        self.take(name).ok_or_else(|| EnvelopeError {
            path: name.to_string(),
            message: "missing field".to_string(),
        })
    }

    /// Reads the field `name` as `T` (its default when absent), errors naming the field's path.
    pub(crate) fn read<T: serde::de::DeserializeOwned + Default>(
        &mut self,
        name: &str,
    ) -> Result<T, EnvelopeError> {
        match self.take(name) {
            None => Ok(T::default()),
            Some(value) => serde_path_to_error::deserialize(value).map_err(|error| EnvelopeError {
                path: prefixed(name, &error.path().to_string()),
                message: error.into_inner().to_string(),
            }),
        }
    }
}

/// Reads a scenario held in an envelope at `path`, through the scenario module's reader: the
/// same paths and messages as a scenario file (`scenario.stages[2].conversion: ...`).
pub(crate) fn scenario_from_value(
    value: &serde_json::Value,
    path: &str,
) -> Result<Scenario, EnvelopeError> {
    Scenario::from_json(&value.to_string()).map_err(|error| EnvelopeError {
        path: prefixed(path, &error.path),
        message: error.message,
    })
}

/// `outer.inner`, or `outer` alone when the inner path is the root.
fn prefixed(outer: &str, inner: &str) -> String {
    if inner.is_empty() || inner == "." {
        outer.to_string()
    } else if inner.starts_with('[') {
        format!("{outer}{inner}")
    } else {
        format!("{outer}.{inner}")
    }
}
