//! Share links: the whole work in a URL fragment (plan A, its variants, the one shown, runs,
//! seed, currency and revenue target); the JSON export writes the same payload, pretty.
//!
//! A link's fragment is `v1.` followed by the compact JSON of `Shared`, compressed with zlib
//! (deflate with an Adler-32 checksum, so most tampering is caught before JSON is even read)
//! and written in base64url without padding (letters, digits, `-` and `_`: nothing a URL
//! fragment needs escaped). Decoding checks every layer and returns a distinct error for each;
//! it either returns a complete, valid scenario or nothing, and never panics. Inflating stops
//! at `MAX_INFLATED_BYTES`, so a small link cannot expand into a huge allocation.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use miniz_oxide::inflate::TINFLStatus;
use serde::{Deserialize, Serialize};

use super::action::Work;
use super::{Envelope, EnvelopeError, Settings, scenario_from_value};
use crate::i18n::format::Currency;
use crate::scenario::{FieldError, Scenario};

/// The version of the link format this code writes and reads.
pub const SHARE_VERSION: u32 = 1;

/// The most bytes a link may inflate to (1 MiB; the largest preset needs about 1.4 KB).
pub const MAX_INFLATED_BYTES: usize = 1 << 20;

/// The longest fragment accepted, in characters (browsers cap URLs at a few megabytes; the
/// largest preset's link is under 1,000 characters).
pub const MAX_LINK_CHARS: usize = 1 << 20;

/// The zlib level: 10 is miniz's best compression; links are small, so speed does not matter.
const COMPRESSION_LEVEL: u8 = 10;

/// What a share link (and a JSON export) carries. Links made before variants, currency and
/// target travelled hold only `scenario` and `settings`, and open as that one scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shared {
    /// The link format's version (`SHARE_VERSION`).
    pub version: u32,
    /// Plan A.
    pub scenario: Scenario,
    #[serde(default)]
    pub settings: Settings,
    /// The variants besides plan A: B, C, ...
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Scenario>,
    /// Which one is shown: 0 for plan A, `i` for `variants[i - 1]`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub active: usize,
    /// The currency's code (`USD`); absent for plain numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The revenue target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// The view the link opens into, when not the editor and forecast (a trainer's link
    /// straight into the teaching view). The JSON export never writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<SharedView>,
}

/// A view a share link can open into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SharedView {
    /// The teaching view, above the forecast.
    Teach,
    /// The teaching view in projector mode (large type, the rest of the page hidden).
    Projector,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Shared {
    /// A link payload of the current version holding one scenario.
    pub fn new(scenario: Scenario, settings: Settings) -> Shared {
        Shared {
            version: SHARE_VERSION,
            scenario,
            settings,
            variants: Vec::new(),
            active: 0,
            currency: None,
            target: None,
            view: None,
        }
    }

    /// The payload carrying all of `work`.
    pub fn of_work(work: &Work) -> Shared {
        let mut variants = work.variants.clone();
        let scenario = variants.remove(0);
        Shared {
            version: SHARE_VERSION,
            scenario,
            settings: work.settings,
            variants,
            active: work.active,
            currency: (work.currency != Currency::None).then(|| work.currency.code().to_string()),
            target: work.target,
            view: None,
        }
    }

    /// The same payload, opening into `view`.
    pub fn opening(self, view: SharedView) -> Shared {
        Shared {
            view: Some(view),
            ..self
        }
    }

    /// The work the payload carries.
    pub fn work(&self) -> Work {
        let mut variants = vec![self.scenario.clone()];
        variants.extend(self.variants.iter().cloned());
        let currency = self
            .currency
            .as_deref()
            .and_then(Currency::from_code)
            .unwrap_or_default();
        Work::new(variants, self.active, self.settings).with_view(currency, self.target)
    }

    /// The payload as the JSON export writes it (pretty, one key a line).
    pub fn to_pretty_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Why a link could not be opened; nothing from it should be applied.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareError {
    /// The fragment is empty.
    Empty,
    /// The fragment is longer than `MAX_LINK_CHARS`.
    TooLong { chars: usize },
    /// The link does not start with a version this code reads (`v1.`), or its payload names
    /// another version; `found` is what it says (empty when there is no prefix).
    UnknownVersion { found: String },
    /// The text after the prefix is not base64url (truncated in the middle of a character, or
    /// a character such as `+`, `/` or `=` that base64url does not use).
    NotBase64 { message: String },
    /// The bytes are not zlib-compressed data, or their checksum does not match (a changed or
    /// cut link).
    NotCompressed { message: String },
    /// The data inflates past `MAX_INFLATED_BYTES`: no scenario needs that much.
    TooLarge { limit: usize },
    /// The inflated data is not JSON text (or not UTF-8).
    NotJson { message: String },
    /// The JSON is not a share-link payload: a missing or unknown field, or a value of the
    /// wrong type, at `path` (`scenario.stages[2].conversion`), in the scenario format's words.
    Format { path: String, message: String },
    /// The settings break a rule (runs out of range).
    InvalidSettings(Vec<FieldError>),
    /// The scenario reads, but breaks the format's rules; `shared` is what the link holds, for
    /// a caller that wants to offer opening it anyway (it cannot be simulated as it is).
    InvalidScenario {
        errors: Vec<FieldError>,
        shared: Box<Shared>,
    },
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Empty => write!(f, "the link holds no scenario"),
            ShareError::TooLong { chars } => write!(
                f,
                "the link is too long ({chars} characters; at most {MAX_LINK_CHARS})"
            ),
            ShareError::UnknownVersion { found } if found.is_empty() => write!(
                f,
                "this is not a Funnelcast share link (it should start with v{SHARE_VERSION}.)"
            ),
            ShareError::UnknownVersion { found } => write!(
                f,
                "the link was made by another version of Funnelcast ({found}); this one reads \
                 v{SHARE_VERSION} links"
            ),
            ShareError::NotBase64 { message } => write!(
                f,
                "the link is damaged (it may have been cut or changed when copied): {message}"
            ),
            ShareError::NotCompressed { message } => write!(
                f,
                "the link is damaged (it may have been cut or changed when copied): the data \
                 does not decompress ({message})"
            ),
            ShareError::TooLarge { limit } => write!(
                f,
                "the link expands to more than {limit} bytes, more than any scenario needs; it \
                 was not opened"
            ),
            ShareError::NotJson { message } => {
                write!(f, "the link's content is not a scenario: {message}")
            }
            ShareError::Format { path, message } => write!(f, "{path}: {message}"),
            ShareError::InvalidSettings(errors) | ShareError::InvalidScenario { errors, .. } => {
                write!(f, "the link's scenario breaks these rules: ")?;
                for (i, error) in errors.iter().enumerate() {
                    if i > 0 {
                        write!(f, "; ")?;
                    }
                    write!(f, "{error}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ShareError {}

/// The URL fragment (without `#`) carrying `shared`.
pub fn encode(shared: &Shared) -> String {
    // Serialising plain data with string keys cannot fail.
    let json = serde_json::to_string(shared).unwrap_or_default();
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), COMPRESSION_LEVEL);
    format!("v{SHARE_VERSION}.{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// Reads a share link: the fragment (`v1.…`), with or without its `#`, or a whole URL.
///
/// # Errors
/// One `ShareError` per layer: empty, too long, unknown version, not base64url, not zlib data
/// (or a bad checksum), too large once inflated, not JSON, not the payload's structure (with
/// the field's path), invalid settings, or an invalid scenario (every broken rule).
pub fn decode(link: &str) -> Result<Shared, ShareError> {
    let fragment = link.trim();
    let fragment = fragment
        .split_once('#')
        .map_or(fragment, |(_, after)| after);
    if fragment.is_empty() {
        return Err(ShareError::Empty);
    }
    let chars = fragment.chars().count();
    if chars > MAX_LINK_CHARS {
        return Err(ShareError::TooLong { chars });
    }
    let Some(payload) = fragment.strip_prefix(&format!("v{SHARE_VERSION}.")) else {
        // A `vN.` prefix names a version; anything else is not a share link.
        let found = fragment
            .split_once('.')
            .map(|(prefix, _)| prefix)
            .filter(|p| {
                p.len() <= 10
                    && p.strip_prefix('v')
                        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            })
            .unwrap_or_default();
        return Err(ShareError::UnknownVersion {
            found: found.to_string(),
        });
    };
    let compressed = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|error| ShareError::NotBase64 {
            message: error.to_string(),
        })?;
    let json =
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&compressed, MAX_INFLATED_BYTES)
            .map_err(|error| match error.status {
                TINFLStatus::HasMoreOutput => ShareError::TooLarge {
                    limit: MAX_INFLATED_BYTES,
                },
                TINFLStatus::Adler32Mismatch => ShareError::NotCompressed {
                    message: "the checksum does not match".to_string(),
                },
                TINFLStatus::FailedCannotMakeProgress => ShareError::NotCompressed {
                    message: "the data ends too early".to_string(),
                },
                _ => ShareError::NotCompressed {
                    message: "not zlib data".to_string(),
                },
            })?;
    let text = String::from_utf8(json).map_err(|_| ShareError::NotJson {
        message: "the text is not UTF-8".to_string(),
    })?;
    let shared = payload_from_json(&text)?;
    shared
        .settings
        .validate()
        .map_err(ShareError::InvalidSettings)?;
    let invalid = std::iter::once(&shared.scenario)
        .chain(&shared.variants)
        .find_map(|scenario| scenario.validate().err());
    if let Some(errors) = invalid {
        return Err(ShareError::InvalidScenario {
            errors,
            shared: Box::new(shared),
        });
    }
    Ok(shared)
}

/// Reads a work file (what the JSON export writes: the share payload, pretty), without
/// validating its scenarios: an imported scenario that breaks a rule is opened and shows its
/// messages at the fields.
///
/// # Errors
/// Not JSON, or not the payload's structure (with the field's path).
pub fn work_file_from_json(text: &str) -> Result<Shared, ShareError> {
    let shared = payload_from_json(text)?;
    shared
        .settings
        .validate()
        .map_err(ShareError::InvalidSettings)?;
    Ok(shared)
}

/// Whether `text` is a work file (a JSON object with `version` and `scenario`) rather than a
/// scenario file.
pub fn is_work_file(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .is_ok_and(|value| value.get("version").is_some() && value.get("scenario").is_some())
}

/// Reads the payload's JSON, reporting structural errors with the scenario format's paths
/// and messages.
fn payload_from_json(text: &str) -> Result<Shared, ShareError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|error| ShareError::NotJson {
            message: error.to_string(),
        })?;
    let format = |error: EnvelopeError| ShareError::Format {
        path: error.path,
        message: error.message,
    };
    let mut envelope = Envelope::new(
        value,
        &[
            "version", "scenario", "settings", "variants", "active", "currency", "target", "view",
        ],
    )
    .map_err(format)?;
    let version = envelope.require("version").map_err(format)?;
    if version.as_u64() != Some(u64::from(SHARE_VERSION)) {
        return Err(ShareError::UnknownVersion {
            found: format!("version {version}"),
        });
    }
    let scenario = envelope.require("scenario").map_err(format)?;
    let scenario = scenario_from_value(&scenario, "scenario").map_err(format)?;
    let settings = envelope.read("settings").map_err(format)?;
    let variants = match envelope.take("variants") {
        None => Vec::new(),
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| scenario_from_value(item, &format!("variants[{i}]")))
            .collect::<Result<Vec<_>, _>>()
            .map_err(format)?,
        Some(_) => {
            return Err(ShareError::Format {
                path: "variants".to_string(),
                message: "expected a list of scenarios".to_string(),
            });
        }
    };
    let active: usize = envelope.read("active").map_err(format)?;
    if active > variants.len() {
        return Err(ShareError::Format {
            path: "active".to_string(),
            message: format!(
                "names variant {active} but there are {} variants",
                variants.len()
            ),
        });
    }
    let currency: Option<String> = envelope.read("currency").map_err(format)?;
    if let Some(code) = &currency
        && Currency::from_code(code).is_none()
    {
        return Err(ShareError::Format {
            path: "currency".to_string(),
            message: format!("\"{code}\" is not a currency this app shows"),
        });
    }
    let target: Option<f64> = envelope.read("target").map_err(format)?;
    let view: Option<SharedView> = envelope.read("view").map_err(format)?;
    Ok(Shared {
        version: SHARE_VERSION,
        scenario,
        settings,
        variants,
        active,
        currency,
        target,
        view,
    })
}
