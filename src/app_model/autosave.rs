//! The autosave envelope: what the app keeps in localStorage, and when a share link may
//! replace it.
//!
//! The caller reads and writes the stored text; this module turns it into `Saved` and back.
//! A stored value that cannot be read is never thrown away here: `restore` hands back the raw
//! text with the reason, so the app can show it, offer it for download, and not overwrite it
//! unasked.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Settings;
use super::action::Work;
use super::share::Shared;
use crate::scenario::Scenario;

/// The version of the saved format this code writes and reads.
pub const SAVE_VERSION: u32 = 1;

/// Everything the app restores after a reload.
///
/// The scenario is kept as the format's `Scenario`, which holds what the person typed even
/// when it breaks a rule (a rate of 1.5), so an invalid scenario is saved and restored as is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Saved {
    /// The saved format's version (`SAVE_VERSION`).
    pub version: u32,
    /// The scenario being edited (variant A when there are variants).
    pub scenario: Scenario,
    #[serde(default)]
    pub settings: Settings,
    /// The A/B variants besides `scenario`: B, C, ...
    #[serde(default)]
    pub variants: Vec<Scenario>,
    /// Which one is on screen: 0 for `scenario`, `i` for `variants[i - 1]`.
    #[serde(default)]
    pub active: usize,
    /// When it was saved, in milliseconds since 1970 (the caller's clock).
    #[serde(default)]
    pub saved_at_ms: u64,
    /// The currency's code (`USD`); absent for plain numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The revenue target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
}

impl Saved {
    /// A saved state of the current version.
    pub fn new(
        scenario: Scenario,
        settings: Settings,
        variants: Vec<Scenario>,
        saved_at_ms: u64,
    ) -> Saved {
        Saved {
            version: SAVE_VERSION,
            scenario,
            settings,
            variants,
            active: 0,
            saved_at_ms,
            currency: None,
            target: None,
        }
    }

    /// All of `work`, saved at `saved_at_ms`.
    pub fn of_work(work: &Work, saved_at_ms: u64) -> Saved {
        let shared = Shared::of_work(work);
        Saved {
            version: SAVE_VERSION,
            scenario: shared.scenario,
            settings: shared.settings,
            variants: shared.variants,
            active: shared.active,
            saved_at_ms,
            currency: shared.currency,
            target: shared.target,
        }
    }

    /// The work it holds (an unknown currency code reads as plain numbers).
    pub fn work(&self) -> Work {
        let mut shared = Shared::new(self.scenario.clone(), self.settings);
        shared.variants = self.variants.clone();
        shared.active = self.active;
        shared.currency = self.currency.clone();
        shared.target = self.target;
        shared.work()
    }

    /// The text to store (compact JSON).
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored text.
    ///
    /// # Errors
    /// `NotJson` (with line and column), `UnknownVersion` (saved by a newer app: the caller
    /// must not overwrite it unasked), or `Format` naming the field's path.
    pub fn from_json(text: &str) -> Result<Saved, SaveError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|error| SaveError::NotJson {
                message: error.to_string(),
            })?;
        match value.get("version").and_then(serde_json::Value::as_u64) {
            Some(version) if version == u64::from(SAVE_VERSION) => {}
            Some(version) => return Err(SaveError::UnknownVersion { found: version }),
            None => {
                return Err(SaveError::Format {
                    path: "version".to_string(),
                    message: "missing, or not a whole number".to_string(),
                });
            }
        }
        let format = |error: super::EnvelopeError| SaveError::Format {
            path: error.path,
            message: error.message,
        };
        let mut envelope = super::Envelope::new(
            value,
            &[
                "version",
                "scenario",
                "settings",
                "variants",
                "active",
                "saved_at_ms",
                "currency",
                "target",
            ],
        )
        .map_err(format)?;
        let scenario = envelope.require("scenario").map_err(format)?;
        let scenario = super::scenario_from_value(&scenario, "scenario").map_err(format)?;
        let variants = match envelope.take("variants") {
            None => Vec::new(),
            Some(serde_json::Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| super::scenario_from_value(item, &format!("variants[{i}]")))
                .collect::<Result<Vec<_>, _>>()
                .map_err(format)?,
            Some(_) => {
                return Err(SaveError::Format {
                    path: "variants".to_string(),
                    message: "expected a list of scenarios".to_string(),
                });
            }
        };
        let saved = Saved {
            version: SAVE_VERSION,
            scenario,
            settings: envelope.read("settings").map_err(format)?,
            variants,
            active: envelope.read("active").map_err(format)?,
            saved_at_ms: envelope.read("saved_at_ms").map_err(format)?,
            currency: envelope.read("currency").map_err(format)?,
            target: envelope.read("target").map_err(format)?,
        };
        if saved.active > saved.variants.len() {
            return Err(SaveError::Format {
                path: "active".to_string(),
                message: format!(
                    "names variant {} but there are {} variants",
                    saved.active,
                    saved.variants.len()
                ),
            });
        }
        Ok(saved)
    }

    /// The scenario on screen: `scenario` or the active variant.
    pub fn active_scenario(&self) -> &Scenario {
        self.active
            .checked_sub(1)
            .and_then(|i| self.variants.get(i))
            .unwrap_or(&self.scenario)
    }
}

/// Why a stored text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// Not JSON (a cut write, or something else under the key).
    NotJson { message: String },
    /// Saved by a version of the app this one does not read.
    UnknownVersion { found: u64 },
    /// JSON, but a field is missing, unknown or of the wrong type, at `path`.
    Format { path: String, message: String },
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::NotJson { message } => {
                write!(f, "the saved work could not be read: {message}")
            }
            SaveError::UnknownVersion { found } => write!(
                f,
                "the saved work was written by a newer version of Funnelcast (format {found}); \
                 this one reads format {SAVE_VERSION}"
            ),
            SaveError::Format { path, message } => {
                write!(f, "the saved work could not be read: {path}: {message}")
            }
        }
    }
}

impl std::error::Error for SaveError {}

/// What the app finds in storage at start-up.
#[derive(Debug, Clone, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "read once when the page opens, never kept or copied in bulk (and smaller on wasm32)"
)]
pub enum Restored {
    /// Nothing stored: start from the default scenario.
    Nothing,
    /// The saved work, read back.
    Saved(Saved),
    /// Something is stored but cannot be read: `raw` is the text exactly as stored, kept so
    /// that nothing the person typed is lost (the app shows `error` and offers `raw`).
    Corrupt { raw: String, error: SaveError },
}

/// Reads what storage holds (`None` when the key is absent).
pub fn restore(stored: Option<&str>) -> Restored {
    match stored {
        None => Restored::Nothing,
        Some(raw) if raw.trim().is_empty() => Restored::Nothing,
        Some(raw) => match Saved::from_json(raw) {
            Ok(saved) => Restored::Saved(saved),
            Err(error) => Restored::Corrupt {
                raw: raw.to_string(),
                error,
            },
        },
    }
}

/// Whether opening a share link must ask before replacing the saved work.
///
/// Ask when the saved work differs both from the default scenario (it holds something the
/// person did) and from the link's plan A and variants (opening the link would change them).
/// Saved variants count as the person's work. Unreadable saved work
/// always asks, since replacing it would drop its raw text. Nothing saved never asks.
/// Settings (runs, seed) are not work and do not count.
pub fn should_ask_before_replacing(
    saved: &Restored,
    incoming: &Shared,
    default_scenario: &Scenario,
) -> bool {
    match saved {
        Restored::Nothing => false,
        Restored::Corrupt { .. } => true,
        Restored::Saved(saved) => {
            let has_variants = !saved.variants.is_empty();
            let differs_from_default = has_variants || saved.scenario != *default_scenario;
            let differs_from_link =
                saved.scenario != incoming.scenario || saved.variants != incoming.variants;
            differs_from_default && differs_from_link
        }
    }
}

/// Why the browser did not keep what the page stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageProblem {
    /// Storage is switched off or refused: a private window, a browser setting or policy, or
    /// no storage at all.
    Unavailable,
    /// This site's storage is full.
    Full,
    /// Anything else, in the browser's words.
    Other(String),
}

impl StorageProblem {
    /// The problem a browser's exception names (`QuotaExceededError`, `SecurityError`, ...),
    /// with its message for any other.
    pub fn from_exception(name: &str, message: &str) -> StorageProblem {
        match name {
            // Firefox's older name for a full storage, and Chromium's and the standard's.
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageProblem::Full,
            "SecurityError" | "NotAllowedError" | "InvalidAccessError" => {
                StorageProblem::Unavailable
            }
            _ if message.is_empty() => StorageProblem::Other(name.to_string()),
            _ if name.is_empty() || message.contains(name) => {
                StorageProblem::Other(message.to_string())
            }
            _ => StorageProblem::Other(format!("{name}: {message}")),
        }
    }
}

/// Says a problem with saving once, not at every edit: the first failure is said; while saving
/// keeps failing the same way, nothing more; a different problem is said; once a save works
/// again, the next failure is said again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SaveWatch {
    said: Option<StorageProblem>,
}

impl SaveWatch {
    /// What to tell the person after a save with `outcome`: the problem, the first time.
    pub fn after_save(&mut self, outcome: Result<(), StorageProblem>) -> Option<StorageProblem> {
        match outcome {
            Ok(()) => {
                self.said = None;
                None
            }
            Err(problem) => {
                let same = self.said.as_ref().is_some_and(|said| {
                    std::mem::discriminant(said) == std::mem::discriminant(&problem)
                });
                if same {
                    None
                } else {
                    self.said = Some(problem.clone());
                    Some(problem)
                }
            }
        }
    }

    /// Whether the last save failed (the page's work is then only in the page).
    pub fn failing(&self) -> bool {
        self.said.is_some()
    }
}
