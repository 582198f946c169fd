//! `funnelcast calibrate`'s output: a CRM history read and calibrated into the scenario the
//! command prints on standard output (checked to load as `funnelcast run` loads it) and the
//! report it writes to `--report`'s file, both as JSON text.

use super::{ApiError, DEFAULT_SEED, Input, to_json};
use crate::calibrate::{
    self, Calibration, DateOrder, Day, Options, ReadOptions, ReadWarning, Role,
};
use crate::scenario::{self, Scenario};

/// The back-test's runs without `--backtest-runs`.
pub const BACKTEST_RUNS: u32 = 1_000;

/// The most runs of the back-test.
pub const MAX_BACKTEST_RUNS: u32 = 100_000;

/// The options of `funnelcast calibrate`, as given.
#[derive(Debug, Clone, PartialEq)]
pub struct CalibrateOptions {
    /// The export date (`YYYY-MM-DD`, `DD.MM.YYYY` or a slash date): visits without an end are
    /// open on it (the latest date in the file when absent).
    pub as_of: Option<String>,
    /// The calibrated scenario's horizon in days (the funnel's, else the history's window).
    pub horizon: Option<u32>,
    /// How slash dates are written, when no date in the file tells.
    pub date_order: Option<DateOrder>,
    /// Which header holds a role, for headers it does not recognise: `(role, header)`, the
    /// role as `--column` names it (`deal`, `close_date`, ...).
    pub columns: Vec<(String, String)>,
    /// The back-test's seed and runs (0: no back-test).
    pub seed: u64,
    pub backtest_runs: u32,
}

impl Default for CalibrateOptions {
    fn default() -> CalibrateOptions {
        CalibrateOptions {
            as_of: None,
            horizon: None,
            date_order: None,
            columns: Vec::new(),
            seed: DEFAULT_SEED,
            backtest_runs: BACKTEST_RUNS,
        }
    }
}

/// The options checked, before any file is read.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedCalibration {
    as_of: Option<Day>,
    columns: Vec<(Role, String)>,
    horizon: Option<u32>,
    date_order: Option<DateOrder>,
    seed: u64,
    backtest_runs: u32,
}

/// The roles `--column` takes, as it names them: `deal, stage, ..., close_date, stage_kind`.
pub fn role_names() -> String {
    Role::ALL
        .iter()
        .map(|r| r.name().replace(' ', "_"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl CalibrateOptions {
    /// The options checked: the export date read, each column's role known.
    ///
    /// # Errors
    /// An export date that is not a date (`as-of`), a role no column plays (`column`).
    pub fn check(&self) -> Result<CheckedCalibration, ApiError> {
        let as_of = match &self.as_of {
            Some(text) => Some(
                calibrate::dates::parse_day(text, self.date_order).ok_or_else(|| {
                    ApiError::option(
                        "as-of",
                        Some(text.clone()),
                        "not a date (write it as YYYY-MM-DD or DD.MM.YYYY)",
                    )
                })?,
            ),
            None => None,
        };
        let columns = self
            .columns
            .iter()
            .map(|(role, header)| {
                let wanted = role.trim().to_lowercase().replace(['_', '-'], " ");
                let found = Role::ALL.into_iter().find(|r| r.name() == wanted);
                match found {
                    Some(found) => Ok((found, header.trim().to_string())),
                    None => Err(ApiError::option(
                        "column",
                        Some(format!("{role}={header}")),
                        format!("no role \"{role}\"; roles are {}", role_names()),
                    )),
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(CheckedCalibration {
            as_of,
            columns,
            horizon: self.horizon,
            date_order: self.date_order,
            seed: self.seed,
            backtest_runs: self.backtest_runs,
        })
    }
}

/// What `calibrate` answers.
#[derive(Debug, Clone)]
pub struct Calibrated {
    /// The calibrated scenario as `funnelcast calibrate` prints it on standard output.
    pub scenario: String,
    /// The report as `--report` writes it.
    pub report: String,
    /// What reading the file warned about (the command line prints them on standard error).
    pub warnings: Vec<ReadWarning>,
    /// The calibration itself (the command line writes its tables from the report).
    pub calibration: Calibration,
}

/// Reads `history` (a CRM export's bytes) and calibrates a scenario from it, keeping
/// `funnel`'s stages, retention and lead costs when given.
///
/// # Errors
/// A history that cannot be read (each problem naming the file's line and column) or
/// calibrated: `ApiError::Input` for `Input::History`.
pub fn calibrate(
    history: &[u8],
    funnel: Option<&Scenario>,
    options: &CheckedCalibration,
) -> Result<Calibrated, ApiError> {
    let read_options = ReadOptions {
        as_of: options.as_of,
        stages: funnel.map(|f| f.stages.iter().map(|s| s.name.clone()).collect()),
        date_order: options.date_order,
        columns: options.columns.clone(),
    };
    let reading = calibrate::read(history, &read_options).map_err(|errors| ApiError::Input {
        input: Input::History,
        problems: errors.to_string().lines().map(str::to_string).collect(),
    })?;
    let calibration = calibrate::calibrate(
        &reading.history,
        funnel,
        &Options {
            horizon_days: options.horizon,
            seed: options.seed,
            backtest_runs: options.backtest_runs,
        },
    )
    .map_err(|error| ApiError::Input {
        input: Input::History,
        problems: vec![error.to_string()],
    })?;
    let report = to_json(&calibration.report)?;
    let scenario = to_json(&calibration.scenario)?;
    // The scenario printed must be one `funnelcast run` takes as it is.
    if let Err(error) = scenario::load(&scenario) {
        return Err(ApiError::Internal(format!(
            "the calibrated scenario does not load: {error:?}"
        )));
    }
    Ok(Calibrated {
        scenario,
        report,
        warnings: reading.warnings,
        calibration,
    })
}
