//! `funnelcast compare`'s JSON: both reports, the per-run differences B - A and the share of
//! runs in which B beats A (`schema/compare.schema.json`).

use super::{ApiError, MAX_RUN_DAYS, MAX_RUNS, to_json};
use crate::decisions::{self, Comparison, DiffStats};
use crate::engine::Report;
use crate::scenario::Model;

/// Plan B against plan A over the same simulated leads (common random numbers).
///
/// # Errors
/// More runs than fit in memory at these horizons (`runs`), or none.
pub fn compare(a: &Model, b: &Model, runs: u32, seed: u64) -> Result<Comparison, ApiError> {
    // Both variants keep every run's daily series for their reports.
    let days = u64::from(a.horizon) + u64::from(b.horizon);
    let most = (MAX_RUN_DAYS / days.max(1)).min(u64::from(MAX_RUNS));
    if u64::from(runs) > most {
        return Err(ApiError::option(
            "runs",
            Some(runs.to_string()),
            format!(
                "with horizons of {} and {} days at most {most} runs fit in memory (each run \
                 keeps its daily series)",
                a.horizon, b.horizon
            ),
        ));
    }
    decisions::compare(a, b, runs, seed)
        .map_err(|e| ApiError::option(&e.field, None, e.problem.to_string()))
}

/// What `funnelcast compare --json` prints for `comparison`, every object's keys in
/// alphabetical order (as a `serde_json::Value` writes them).
///
/// # Errors
/// A comparison without the reports of A and B.
pub fn comparison_json(comparison: &Comparison) -> Result<String, ApiError> {
    let (Some(a), Some(b)) = (comparison.reports.first(), comparison.reports.get(1)) else {
        return Err(ApiError::Internal(
            "the comparison holds no report of A and B".to_string(),
        ));
    };
    let diff = comparison.diffs.first().cloned().unwrap_or_default();
    let beats = |s: &DiffStats| s.p_b_beats_a;
    let json = ComparisonJson {
        runs: comparison.runs,
        seed: comparison.seed,
        a,
        b,
        p_b_beats_a: Beats {
            revenue: beats(&diff.revenue),
            customers: beats(&diff.customers),
            profit: beats(&diff.profit),
            cost_per_customer: diff.cost_per_customer.as_ref().map(beats),
        },
        diff,
    };
    to_json(&serde_json::to_value(&json).map_err(|e| ApiError::Internal(e.to_string()))?)
}

/// What `funnelcast compare --json` prints (`schema/compare.schema.json`).
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, serde::Serialize)]
pub struct ComparisonJson<'a> {
    /// How many runs each plan simulated, over the same simulated leads (common random
    /// numbers).
    pub runs: u32,
    /// The seed of the random streams: the same plans, seed and runs give the same comparison.
    pub seed: u64,
    /// Plan A's forecast.
    pub a: &'a Report,
    /// Plan B's forecast.
    pub b: &'a Report,
    /// Statistics of the per-run differences B - A.
    pub diff: decisions::VariantDiff,
    /// The share of runs in which B does better than A, per figure (ties count half).
    pub p_b_beats_a: Beats,
}

/// The share of runs in which B does better than A: higher, or lower for cost per customer; a
/// tie counts half, so identical plans give exactly 0.5.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, serde::Serialize)]
pub struct Beats {
    /// On revenue.
    pub revenue: f64,
    /// On customers.
    pub customers: f64,
    /// On profit (revenue minus lead cost).
    pub profit: f64,
    /// On cost per customer, over the runs with a customer in both plans (null when there is
    /// none).
    pub cost_per_customer: Option<f64>,
}
