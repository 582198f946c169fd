//! Why a decision request cannot be answered, as data: the request's field and the problem.
//!
//! `Display` gives the English the command line prints; the page writes the same problem from
//! its catalogue (`app_model::messages`), never by reading the English.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A request the decisions module cannot answer: the field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionError {
    /// The request's field (`step`, `lever.stage`, `probability`, ...).
    pub field: String,
    pub problem: Problem,
}

/// What is wrong with a request's field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    /// A comparison without a variant to compare with A.
    NoVariants,
    /// A number that must be finite.
    NotFinite,
    /// A share that must lie strictly between 0 and 1 (a significance level, a power, a rate).
    NotStrictlyBetweenZeroAndOne { value: f64 },
    /// A probability that must be above 0 and at most 1.
    NotAProbability { value: f64 },
    /// A number that must be above 0.
    NotPositive { value: f64 },
    /// A step in percent that must be above 0 and below 100.
    StepOutOfRange { step: f64 },
    /// An experiment's variant rate equal to its baseline, or not strictly between 0 and 1.
    UpliftOutOfRange { baseline: f64, variant: f64 },
    /// A stage index past the scenario's stages.
    NoSuchStage { index: usize, stages: usize },
    /// A source index past the scenario's sources.
    NoSuchSource { index: usize, sources: usize },
    /// A segment index past the scenario's segments.
    NoSuchSegment { index: usize, segments: usize },
    /// A re-entry lever on a stage without a nurture loop.
    NoNurture { stage: String },
    /// A repeat lever on a scenario without repeat purchases.
    NoRetention,
    /// A goal search on a lever other than a conversion or a volume.
    GoalLever,
    /// A relative change of -100% or less, which would leave nothing of `what`.
    ChangeLeavesNothing { change: f64, what: Quantity },
    /// A volume change that would send more leads a day than the format allows.
    TooManyLeads { change: f64, most: f64 },
    /// No runs.
    NoRuns,
    /// Run totals that do not belong to the analysis (a bug in the caller, not the person).
    MismatchedTotals { variants: usize, expected: usize },
    /// Run totals whose variants cover different runs (a bug in the caller).
    UnevenTotals,
}

/// What a relative change scales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    Delay,
    Leads,
    Cost,
    DropOff,
    Conversion,
}

impl Quantity {
    fn english(self) -> &'static str {
        match self {
            Quantity::Delay => "delay",
            Quantity::Leads => "leads",
            Quantity::Cost => "cost",
            Quantity::DropOff => "drop-off",
            Quantity::Conversion => "conversion",
        }
    }
}

impl DecisionError {
    pub(crate) fn new(field: &str, problem: Problem) -> DecisionError {
        DecisionError {
            field: field.to_string(),
            problem,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NoVariants => f.write_str("a comparison needs A and at least one variant"),
            Problem::NotFinite => f.write_str("must be a finite number"),
            Problem::NotStrictlyBetweenZeroAndOne { value } => {
                write!(f, "must be strictly between 0 and 1 (got {value})")
            }
            Problem::NotAProbability { value } => {
                write!(f, "must be above 0 and at most 1 (got {value})")
            }
            Problem::NotPositive { value } => write!(f, "must be above 0 (got {value})"),
            Problem::StepOutOfRange { step } => {
                write!(f, "must be above 0 and below 100 (got {step})")
            }
            Problem::UpliftOutOfRange { baseline, variant } => write!(
                f,
                "the variant's rate {variant} must differ from the baseline {baseline} and lie \
                 strictly between 0 and 1"
            ),
            Problem::NoSuchStage { index, stages } => {
                write!(f, "no stage number {index} (the scenario has {stages})")
            }
            Problem::NoSuchSource { index, sources } => {
                write!(f, "no source number {index} (the scenario has {sources})")
            }
            Problem::NoSuchSegment { index, segments } => {
                write!(f, "no segment number {index} (the scenario has {segments})")
            }
            Problem::NoNurture { stage } => write!(f, "stage \"{stage}\" has no nurture loop"),
            Problem::NoRetention => f.write_str("the scenario has no repeat purchases"),
            Problem::GoalLever => {
                f.write_str("goal seeking moves a stage's conversion or a source's volume")
            }
            Problem::ChangeLeavesNothing { change, what } => write!(
                f,
                "{change}% would leave no {}: a change must stay within (-100, 100)",
                what.english()
            ),
            Problem::TooManyLeads { change, most } => {
                write!(f, "{change}% would send more than {most:e} leads a day")
            }
            Problem::NoRuns => f.write_str("must be at least 1"),
            Problem::MismatchedTotals { variants, expected } => {
                write!(f, "holds {variants} variants, the analysis has {expected}")
            }
            Problem::UnevenTotals => f.write_str("every variant must cover the same runs"),
        }
    }
}

impl fmt::Display for DecisionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.problem)
    }
}

impl std::error::Error for DecisionError {}
