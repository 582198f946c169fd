//! Calibration: from a CRM's stage history to a scenario whose rates, delays, volumes and
//! values come from the data (issue 13).
//!
//! `history` is the one shape every CRM export is read into (deals, their stage visits, the
//! export date); reading files into it, estimating from it and reporting on it build on it.

pub mod history;

pub use history::{Day, Deal, History, Outcome, Visit};
