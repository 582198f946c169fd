//! Calibration: from a CRM's stage history to a scenario whose rates, delays, volumes and
//! values come from the data (issue 13).
//!
//! `history` is the one shape every CRM export is read into (deals, their stage visits, the
//! export date); reading files into it, estimating from it and reporting on it build on it.
//! `read` reads a CSV export (long, wide or a change log, any common dialect) into a `History`,
//! with every error named by line and column; `write` writes a `History` back out in four
//! dialects.
//! `generate` makes a history from a scenario (the ground truth of the tests), `calibrate`
//! (`estimate.rs`, on the fits of `fit.rs`) turns a history into a scenario and a `report`,
//! whose `backtest` simulates the observed window with it.

mod assemble;
pub mod backtest;
mod changelog;
pub mod columns;
pub mod dates;
pub mod errors;
pub mod estimate;
pub mod fit;
pub mod generate;
pub mod history;
mod layout;
mod long;
mod optimise;
pub mod read;
pub mod report;
pub mod values;
mod wide;
pub mod write;

pub use backtest::{Backtest, BacktestStage, Checked, backtest};
pub use columns::Role;
pub use dates::DateOrder;
pub use errors::{ReadError, ReadErrors, ReadWarning};
pub use estimate::{
    Calibration, CalibrationError, Options, VisitProblem, calibrate, calibrate_with_progress,
};
pub use generate::generate;
pub use history::{Day, Deal, History, Outcome, Visit};
pub use layout::{ColumnUse, ReadOptions, Reading, Separator, Shape};
pub use read::{headers, read};
pub use report::{CalibrationReport, Finding, StageReport, Text};
