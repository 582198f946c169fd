//! `funnelcast compare`'s table: both reports' headline figures, the per-run differences
//! B - A and the share of runs in which B beats A (the JSON is `api::comparison_json`'s).

use crate::decisions::{Comparison, DiffStats};
use crate::engine::{Report, Stats};

use super::{number, signed};

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
