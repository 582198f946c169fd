//! CSV export of a report: a summary (one row per figure) and the daily bands; and the file
//! names of every download (CSV and the scenario's JSON).
//!
//! The files follow RFC 4180: a header row, comma separators, CRLF line ends, and fields with
//! a comma, quote or line break quoted with doubled quotes. Numbers use `.` as the decimal
//! point and are written exactly (the shortest text that reads back as the same number);
//! a figure that does not exist (the cost per customer without customers) is an empty field.
//!
//! Two choices beyond the RFC, both for spreadsheets: the text starts with a UTF-8 byte order
//! mark, without which Excel reads UTF-8 as the local code page and garbles Russian and
//! Chinese stage names; and a text field starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return gets a leading `'`, so a stage name from someone else's share link cannot run as a
//! spreadsheet formula (OWASP's advice on CSV injection). Numbers are never altered.

use crate::engine::{Bands, Report, Stats};

/// The UTF-8 byte order mark each file starts with.
pub const BYTE_ORDER_MARK: &str = "\u{feff}";

/// The summary's columns.
pub const SUMMARY_HEADER: [&str; 10] = [
    "figure", "stage", "mean", "sd", "p5", "p25", "p50", "p75", "p95", "expected",
];

/// Appends one CSV record (with its CRLF) to `out`.
fn record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quote(field.as_ref()));
    }
    out.push_str("\r\n");
}

/// A text field as RFC 4180 writes it, defused against formula injection.
fn quote(field: &str) -> String {
    let defused = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field.to_string()
    };
    if defused.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// A number exactly, or an empty field when it is not finite.
fn number(x: f64) -> String {
    if x.is_finite() {
        x.to_string()
    } else {
        String::new()
    }
}

/// A summary row: figure, stage, the statistics and the closed-form expectation.
fn stats_row(out: &mut String, figure: &str, stage: &str, stats: &Stats, expected: Option<f64>) {
    let mut fields = vec![figure.to_string(), stage.to_string()];
    fields.extend(
        [
            stats.mean, stats.sd, stats.p5, stats.p25, stats.p50, stats.p75, stats.p95,
        ]
        .map(number),
    );
    fields.push(expected.map(number).unwrap_or_default());
    record(out, &fields);
}

/// A summary row with a single figure (a ratio of means), in the `mean` column.
fn ratio_row(out: &mut String, figure: &str, stage: &str, value: Option<f64>) {
    let mut fields = vec![figure.to_string(), stage.to_string()];
    fields.push(value.map(number).unwrap_or_default());
    fields.extend(std::iter::repeat_n(String::new(), 7));
    record(out, &fields);
}

/// The summary CSV: one row per figure with columns `SUMMARY_HEADER`.
///
/// Rows: leads, cost, customers, purchases, repeat purchases, revenue, profit, cost per
/// customer, return on spend, first purchase day, days to first purchase; then for each stage
/// entered, converted, failed, open, open in nurture, reentered (statistics over runs), and
/// conversion, win rate, mean days (single figures in `mean`); then the derived overall
/// conversion, cost per lead, revenue per lead and average order value. `expected` is the
/// closed-form expectation within the horizon where there is one (leads, cost, customers,
/// purchases, revenue, profit, and each stage's entered and converted).
pub fn summary_csv(report: &Report) -> String {
    let mut out = String::from(BYTE_ORDER_MARK);
    record(&mut out, &SUMMARY_HEADER);
    let exact = &report.exact.within_horizon;
    let totals: [(&str, &Stats, Option<f64>); 11] = [
        ("leads", &report.leads, Some(exact.leads)),
        ("cost", &report.cost, Some(exact.cost)),
        ("customers", &report.customers, Some(exact.customers)),
        ("purchases", &report.purchases, Some(exact.purchases)),
        ("repeat purchases", &report.repeat_purchases, None),
        ("revenue", &report.revenue, Some(exact.revenue)),
        // Profit is revenue minus cost, so its expectation is theirs subtracted.
        ("profit", &report.profit, Some(exact.revenue - exact.cost)),
        ("cost per customer", &report.cost_per_customer, None),
        ("return on spend", &report.return_on_spend, None),
        ("first purchase day", &report.first_purchase_day, None),
        (
            "days to first purchase",
            &report.days_to_first_purchase,
            None,
        ),
    ];
    for (figure, stats, expected) in totals {
        stats_row(&mut out, figure, "", stats, expected);
    }
    for (k, stage) in report.stages.iter().enumerate() {
        let expectation = exact.stages.get(k).filter(|e| e.name == stage.name);
        let name = stage.name.as_str();
        stats_row(
            &mut out,
            "entered",
            name,
            &stage.entered,
            expectation.map(|e| e.entered),
        );
        stats_row(
            &mut out,
            "converted",
            name,
            &stage.converted,
            expectation.map(|e| e.converted),
        );
        stats_row(&mut out, "failed", name, &stage.failed, None);
        stats_row(&mut out, "open", name, &stage.open, None);
        stats_row(
            &mut out,
            "open in nurture",
            name,
            &stage.open_in_nurture,
            None,
        );
        stats_row(&mut out, "reentered", name, &stage.reentered, None);
        ratio_row(&mut out, "conversion", name, Some(stage.conversion));
        ratio_row(&mut out, "win rate", name, Some(stage.win_rate));
        ratio_row(&mut out, "mean days", name, Some(stage.mean_days));
    }
    let derived = &report.derived;
    ratio_row(
        &mut out,
        "overall conversion",
        "",
        Some(derived.overall_conversion),
    );
    ratio_row(&mut out, "cost per lead", "", Some(derived.cost_per_lead));
    ratio_row(
        &mut out,
        "revenue per lead",
        "",
        Some(derived.revenue_per_lead),
    );
    ratio_row(
        &mut out,
        "average order value",
        "",
        derived.average_order_value,
    );
    out
}

/// The daily series in the daily CSV, in column order, with their column prefixes.
fn daily_series(report: &Report) -> [(&'static str, &Bands); 3] {
    [
        ("new_customers", &report.daily.new_customers),
        ("revenue", &report.daily.revenue),
        ("cumulative_revenue", &report.daily.cumulative_revenue),
    ]
}

/// The daily CSV's header: `day`, then mean, p5, p25, p50, p75, p95 of new customers, revenue
/// and cumulative revenue (`new_customers_mean`, ..., `cumulative_revenue_p95`).
pub fn daily_header() -> Vec<String> {
    let mut header = vec!["day".to_string()];
    for prefix in ["new_customers", "revenue", "cumulative_revenue"] {
        for statistic in ["mean", "p5", "p25", "p50", "p75", "p95"] {
            header.push(format!("{prefix}_{statistic}"));
        }
    }
    header
}

/// The daily bands CSV: one row per day of the horizon (day 0 first), columns `daily_header`.
pub fn daily_csv(report: &Report) -> String {
    let mut out = String::from(BYTE_ORDER_MARK);
    record(&mut out, &daily_header());
    let series = daily_series(report);
    let days = series
        .iter()
        .map(|(_, bands)| bands.mean.len())
        .max()
        .unwrap_or(0);
    for day in 0..days {
        let mut fields = vec![day.to_string()];
        for (_, bands) in &series {
            for values in [
                &bands.mean,
                &bands.p5,
                &bands.p25,
                &bands.p50,
                &bands.p75,
                &bands.p95,
            ] {
                fields.push(values.get(day).map(|&x| number(x)).unwrap_or_default());
            }
        }
        record(&mut out, &fields);
    }
    out
}

/// The scenario name as a file-name part: lower case letters and digits (any script), words
/// joined by `-`, at most 60 characters; `scenario` when nothing is left.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if slug.chars().count() >= 60 {
                break;
            }
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "scenario".to_string()
    } else {
        slug.to_string()
    }
}

/// `funnelcast-<slug>-summary.csv`.
pub fn summary_file_name(scenario_name: &str) -> String {
    format!("funnelcast-{}-summary.csv", slug(scenario_name))
}

/// `funnelcast-<slug>-daily.csv`.
pub fn daily_file_name(scenario_name: &str) -> String {
    format!("funnelcast-{}-daily.csv", slug(scenario_name))
}

/// `funnelcast-<slug>.json`: the scenario file (`Scenario::to_json`), which imports back.
pub fn scenario_file_name(scenario_name: &str) -> String {
    format!("funnelcast-{}.json", slug(scenario_name))
}
