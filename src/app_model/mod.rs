//! The app's state logic as plain Rust: editing a scenario, typing rates the way people think,
//! undo and redo, share links, the autosave envelope and CSV export.
//!
//! The Leptos UI holds the state in signals and calls these functions; everything here is
//! tested natively and compiles unchanged for wasm32.
//! Architecture invariant: no web dependency, no clock (timestamps come from the caller), no
//! IO (the caller reads and writes localStorage, the URL and files), and no panic on any input.

pub mod autosave;
pub mod edit;
pub mod export;
pub mod history;
pub mod rate_input;
pub mod share;

use serde::{Deserialize, Serialize};

use crate::scenario::FieldError;

/// The most runs a saved or shared setting may ask for: a link someone sends cannot make the
/// browser simulate for minutes (the command line allows more).
pub const MAX_RUNS: u32 = 100_000;

/// How the forecast is computed: the number of simulated runs and the seed they start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub runs: u32,
    pub seed: u64,
}

impl Default for Settings {
    fn default() -> Settings {
        // A fixed seed: the same scenario always gives the same forecast, on every machine.
        Settings {
            runs: 2_000,
            seed: 1,
        }
    }
}

impl Settings {
    /// Checks the settings a link or a saved value brings.
    ///
    /// # Errors
    /// `settings.runs` outside 1 to `MAX_RUNS`.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        if self.runs == 0 || self.runs > MAX_RUNS {
            return Err(vec![FieldError {
                path: "settings.runs".to_string(),
                message: format!(
                    "runs must be a whole number from 1 to {MAX_RUNS}, not {}",
                    self.runs
                ),
            }]);
        }
        Ok(())
    }
}
