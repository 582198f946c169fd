//! Calibration: from a CRM's stage history to a scenario whose rates, delays, volumes and
//! values come from the data (issue 13).
//!
//! `history` is the one shape every CRM export is read into (deals, their stage visits, the
//! export date); reading files into it, estimating from it and reporting on it build on it.
//! `generate` makes a history from a scenario (the ground truth of the tests), `calibrate`
//! (`estimate.rs`, on the fits of `fit.rs`) turns a history into a scenario and a `report`,
//! whose `backtest` simulates the observed window with it.

pub mod backtest;
pub mod estimate;
pub mod fit;
pub mod generate;
pub mod history;
mod optimise;
pub mod report;

pub use backtest::{Backtest, BacktestStage, Checked, backtest};
pub use estimate::{Calibration, CalibrationError, Options, VisitProblem, calibrate};
pub use generate::generate;
pub use history::{Day, Deal, History, Outcome, Visit};
pub use report::{CalibrationReport, Finding, StageReport, Text};
