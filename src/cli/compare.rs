//! `funnelcast compare`'s output: both reports, the per-run differences B - A and the share
//! of runs in which B beats A, as JSON (`schema/compare.schema.json`) or as a table.

use crate::decisions::{self, Comparison, DiffStats};
use crate::engine::{Report, Stats};

use super::{number, signed};

/// The comparison as the command line's JSON: both reports, `diff` and `p_b_beats_a`, every
/// object's keys in alphabetical order (as a `serde_json::Value` writes them).
pub(super) fn comparison_json(comparison: &Comparison) -> Result<serde_json::Value, String> {
    let (Some(a), Some(b)) = (comparison.reports.first(), comparison.reports.get(1)) else {
        return Err("the comparison holds no report of A and B".to_string());
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
    serde_json::to_value(&json).map_err(|e| e.to_string())
}

/// The comparison as a readable table: headline figures side by side and the difference.
pub fn comparison_table(comparison: &Comparison) -> String {
    let (Some(a), Some(b), Some(diff)) = (
        comparison.reports.first(),
        comparison.reports.get(1),
        comparison.diffs.first(),
    ) else {
        return String::new();
    };
    let name = |r: &Report| {
        if r.scenario.is_empty() {
            "Scenario".to_string()
        } else {
            r.scenario.clone()
        }
    };
    let mut text = format!(
        "A: {}\nB: {}\n{} runs, seed {}, the same simulated leads in both\n\n",
        name(a),
        name(b),
        comparison.runs,
        comparison.seed
    );
    text += &format!(
        "{:<18} {:>14} {:>14} {:>14} {:>14} {:>14} {:>11}\n",
        "", "A mean", "B mean", "B - A mean", "p5", "p95", "P(B beats A)"
    );
    let mut line = |label: &str, a: &Stats, b: &Stats, d: Option<&DiffStats>| {
        let (mean, p5, p95, beats) = d.map_or(
            (String::new(), String::new(), String::new(), String::new()),
            |d| {
                (
                    signed(d.mean),
                    signed(d.p5),
                    signed(d.p95),
                    format!("{:.1}%", 100.0 * d.p_b_beats_a),
                )
            },
        );
        text += &format!(
            "{label:<18} {:>14} {:>14} {:>14} {:>14} {:>14} {:>11}\n",
            number(a.mean),
            number(b.mean),
            mean,
            p5,
            p95,
            beats
        );
    };
    line("Leads", &a.leads, &b.leads, None);
    line(
        "Customers",
        &a.customers,
        &b.customers,
        Some(&diff.customers),
    );
    line("Revenue", &a.revenue, &b.revenue, Some(&diff.revenue));
    line("Cost", &a.cost, &b.cost, None);
    line("Profit", &a.profit, &b.profit, Some(&diff.profit));
    line(
        "Cost per customer",
        &a.cost_per_customer,
        &b.cost_per_customer,
        diff.cost_per_customer.as_ref(),
    );
    text += "\np5 and p95 bound 90% of the runs' differences B - A; B beats A on cost per \
             customer when it is lower; ties count half.\n";
    text
}

/// What `funnelcast compare --json` prints (`schema/compare.schema.json`).
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
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
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
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
