//! `funnelcast run`'s table section on which unknown matters most: each source of uncertainty's
//! share of the variance of revenue, and chance's.

use crate::engine::{Report, Share, UncertaintyKind};

/// The section (empty when every rate is fixed).
pub(super) fn uncertainty_table(report: &Report) -> String {
    let Some(uncertainty) = &report.uncertainty else {
        return String::new();
    };
    let mut text = format!(
        "\n{:<44} {:>8} {:>10}\n",
        "Spread of revenue from", "share", "± error"
    );
    let Some(chance) = uncertainty.chance.revenue else {
        text += "  (revenue does not vary over the runs, or the runs are under 20: no shares)\n";
        return text;
    };
    let row = |label: &str, share: Share| {
        format!(
            "{label:<44} {:>7.1}% {:>9.1}%\n",
            100.0 * share.share,
            100.0 * share.standard_error
        )
    };
    let correlated = uncertainty
        .sources
        .iter()
        .any(|source| source.kind == UncertaintyKind::LeadQuality);
    for source in &uncertainty.sources {
        let name = match &source.segment {
            Some(segment) => format!("{} ({segment})", source.name),
            None => source.name.clone(),
        };
        let label = match source.kind {
            // With correlated rates a stage's own part: what the lead quality leaves.
            UncertaintyKind::ConversionRate if correlated => {
                format!("  {name} rate, beyond lead quality")
            }
            UncertaintyKind::ConversionRate => format!("  {name} rate"),
            UncertaintyKind::LeadQuality => format!("  {}", source.name),
        };
        if let Some(share) = source.revenue {
            text += &row(&label, share);
        }
    }
    text += &row("  chance", chance);
    text += "Each share is the part of revenue's variance that knowing that unknown exactly would \
             remove (first-order, from the runs' own draws); chance is the rest: which leads \
             convert, how many arrive, what orders are worth, and what the rates do only \
             together.\n";
    text
}
