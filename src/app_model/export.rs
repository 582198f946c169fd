//! CSV export of a report: a summary (one row per figure) and the daily bands; and the file
//! names of every download (CSV and the scenario's JSON).
//!
//! The files follow RFC 4180: comma separators, CRLF line ends, every record with the same
//! number of fields, and fields with a comma, quote or line break quoted with doubled quotes.
//! Numbers use `.` as the decimal point; a figure that does not exist (the cost per customer
//! without customers) is an empty field.
//!
//! The summary starts with the settings it was computed with (scenario, runs, seed, horizon,
//! currency and the date of the download, one `setting,value` record each, padded to the
//! summary's width), then its header row and one row per figure, each number rounded as the
//! page shows it: counts whole, money whole from 100 up and to the cent below, shares
//! (conversions) to a tenth of a percent, days to a tenth, the return on spend to two
//! decimals. The report's JSON keeps every number at full precision; so does the daily CSV.
//!
//! Two choices beyond the RFC, both for spreadsheets: the text starts with a UTF-8 byte order
//! mark, without which Excel reads UTF-8 as the local code page and garbles Russian and
//! Chinese stage names; and a text field starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return gets a leading `'`, so a stage name from someone else's share link cannot run as a
//! spreadsheet formula (OWASP's advice on CSV injection). Numbers are never altered (a
//! negative profit stays a number).

use crate::engine::{Bands, Report, Stats};
use crate::i18n::format::Currency;

/// The UTF-8 byte order mark each file starts with.
pub const BYTE_ORDER_MARK: &str = "\u{feff}";

/// The summary's columns.
pub const SUMMARY_HEADER: [&str; 10] = [
    "figure", "stage", "mean", "sd", "p5", "p25", "p50", "p75", "p95", "expected",
];

/// The settings records heading the summary, in order (before `SUMMARY_HEADER`).
pub const SUMMARY_SETTINGS: [&str; 6] = [
    "scenario",
    "runs",
    "seed",
    "horizon days",
    "currency",
    "date",
];

/// One field of a record: text (defused against formulas) or a number written as it is.
enum Field {
    Text(String),
    Number(String),
}

/// Appends one CSV record (with its CRLF) to `out`.
fn record(out: &mut String, fields: &[Field]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match field {
            Field::Text(text) => out.push_str(&quote(&defuse(text))),
            Field::Number(number) => out.push_str(number),
        }
    }
    out.push_str("\r\n");
}

/// A record of text fields (the header rows).
fn text_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    let fields: Vec<Field> = fields
        .iter()
        .map(|field| Field::Text(field.as_ref().to_string()))
        .collect();
    record(out, &fields);
}

/// A text field defused against formula injection.
fn defuse(field: &str) -> String {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field.to_string()
    }
}

/// A field as RFC 4180 writes it: quoted, with doubled quotes, when it holds a comma, a quote
/// or a line break.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
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

/// `x` rounded half away from zero to `decimals` decimals, written without trailing zeros
/// (`79.63`, `12346`, `0.246`; never `-0`); an empty field when it is not finite.
fn rounded(x: f64, decimals: u32) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let factor = 10f64.powi(decimals as i32);
    let scaled = x * factor;
    // Above 1e15 an f64 has no fraction left to round.
    let value = if scaled.abs() < 1e15 {
        scaled.round() / factor
    } else {
        x
    };
    let text = format!("{value:.*}", decimals as usize);
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    if text
        .strip_prefix('-')
        .is_some_and(|rest| rest.bytes().all(|b| b == b'0'))
    {
        "0".to_string()
    } else {
        text
    }
}

/// What a figure is, and so how the page rounds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Whole numbers (leads, customers, entries).
    Count,
    /// Whole units from 100 up, cents below (as `format::money`).
    Money,
    /// A share shown as a percentage with one decimal: three decimals of the share.
    Share,
    /// Days, to a tenth.
    Days,
    /// The return on spend, to two decimals.
    Ratio,
}

impl Kind {
    fn write(self, x: f64) -> String {
        match self {
            Kind::Count => rounded(x, 0),
            Kind::Money => rounded(x, if x.abs() >= 100.0 { 0 } else { 2 }),
            Kind::Share => rounded(x, 3),
            Kind::Days => rounded(x, 1),
            Kind::Ratio => rounded(x, 2),
        }
    }
}

/// A summary row: figure, stage, the statistics and the closed-form expectation.
fn stats_row(
    out: &mut String,
    figure: &str,
    stage: &str,
    kind: Kind,
    stats: &Stats,
    expected: Option<f64>,
) {
    let mut fields = vec![
        Field::Text(figure.to_string()),
        Field::Text(stage.to_string()),
    ];
    fields.extend(
        [
            stats.mean, stats.sd, stats.p5, stats.p25, stats.p50, stats.p75, stats.p95,
        ]
        .map(|x| Field::Number(kind.write(x))),
    );
    fields.push(Field::Number(
        expected.map(|x| kind.write(x)).unwrap_or_default(),
    ));
    record(out, &fields);
}

/// A summary row with a single figure (a ratio of means), in the `mean` column.
fn ratio_row(out: &mut String, figure: &str, stage: &str, kind: Kind, value: Option<f64>) {
    let mut fields = vec![
        Field::Text(figure.to_string()),
        Field::Text(stage.to_string()),
    ];
    fields.push(Field::Number(
        value.map(|x| kind.write(x)).unwrap_or_default(),
    ));
    fields.extend(std::iter::repeat_with(|| Field::Number(String::new())).take(7));
    record(out, &fields);
}

/// A settings record: its name, its value, and empty fields to the summary's width.
fn setting_row(out: &mut String, name: &str, value: Field) {
    let mut fields = vec![Field::Text(name.to_string()), value];
    fields.extend(
        std::iter::repeat_with(|| Field::Number(String::new())).take(SUMMARY_HEADER.len() - 2),
    );
    record(out, &fields);
}

/// The summary CSV: the settings records (`SUMMARY_SETTINGS`: the scenario's name, runs, seed,
/// horizon, the currency's code, empty without one, and `date`, as the caller writes the day
/// of the download, such as `2025-06-01`), then one row per figure with columns
/// `SUMMARY_HEADER`, rounded as the page shows them.
///
/// Rows: leads, cost, customers, purchases, repeat purchases, revenue, profit, cost per
/// customer, return on spend, first purchase day, days to first purchase; then for each stage
/// entered, converted, failed, open, open in nurture, reentered (statistics over runs), and
/// conversion, win rate, mean days (single figures in `mean`); then the derived overall
/// conversion, cost per lead, revenue per lead and average order value. `expected` is the
/// closed-form expectation within the horizon where there is one (leads, cost, customers,
/// purchases, revenue, profit, cost per customer as expected cost over expected customers,
/// and each stage's entered and converted).
pub fn summary_csv(report: &Report, date: &str, currency: Currency) -> String {
    let mut out = String::from(BYTE_ORDER_MARK);
    setting_row(&mut out, "scenario", Field::Text(report.scenario.clone()));
    setting_row(&mut out, "runs", Field::Number(report.runs.to_string()));
    setting_row(&mut out, "seed", Field::Number(report.seed.to_string()));
    setting_row(
        &mut out,
        "horizon days",
        Field::Number(report.horizon_days.to_string()),
    );
    setting_row(
        &mut out,
        "currency",
        Field::Text(currency.code().to_string()),
    );
    setting_row(&mut out, "date", Field::Text(date.to_string()));
    text_record(&mut out, &SUMMARY_HEADER);
    let exact = &report.exact.within_horizon;
    let totals: [(&str, Kind, &Stats, Option<f64>); 11] = [
        ("leads", Kind::Count, &report.leads, Some(exact.leads)),
        ("cost", Kind::Money, &report.cost, Some(exact.cost)),
        (
            "customers",
            Kind::Count,
            &report.customers,
            Some(exact.customers),
        ),
        (
            "purchases",
            Kind::Count,
            &report.purchases,
            Some(exact.purchases),
        ),
        (
            "repeat purchases",
            Kind::Count,
            &report.repeat_purchases,
            None,
        ),
        ("revenue", Kind::Money, &report.revenue, Some(exact.revenue)),
        // Profit is revenue minus cost, so its expectation is theirs subtracted.
        (
            "profit",
            Kind::Money,
            &report.profit,
            Some(exact.revenue - exact.cost),
        ),
        (
            "cost per customer",
            Kind::Money,
            &report.cost_per_customer,
            super::explain::expected_cost_per_customer(exact.cost, exact.customers),
        ),
        (
            "return on spend",
            Kind::Ratio,
            &report.return_on_spend,
            None,
        ),
        (
            "first purchase day",
            Kind::Days,
            &report.first_purchase_day,
            None,
        ),
        (
            "days to first purchase",
            Kind::Days,
            &report.days_to_first_purchase,
            None,
        ),
    ];
    for (figure, kind, stats, expected) in totals {
        stats_row(&mut out, figure, "", kind, stats, expected);
    }
    for (k, stage) in report.stages.iter().enumerate() {
        let expectation = exact.stages.get(k).filter(|e| e.name == stage.name);
        let name = stage.name.as_str();
        let counts: [(&str, &Stats, Option<f64>); 6] = [
            ("entered", &stage.entered, expectation.map(|e| e.entered)),
            (
                "converted",
                &stage.converted,
                expectation.map(|e| e.converted),
            ),
            ("failed", &stage.failed, None),
            ("open", &stage.open, None),
            ("open in nurture", &stage.open_in_nurture, None),
            ("reentered", &stage.reentered, None),
        ];
        for (figure, stats, expected) in counts {
            stats_row(&mut out, figure, name, Kind::Count, stats, expected);
        }
        ratio_row(
            &mut out,
            "conversion",
            name,
            Kind::Share,
            Some(stage.conversion),
        );
        ratio_row(
            &mut out,
            "win rate",
            name,
            Kind::Share,
            Some(stage.win_rate),
        );
        ratio_row(
            &mut out,
            "mean days",
            name,
            Kind::Days,
            Some(stage.mean_days),
        );
    }
    let derived = &report.derived;
    ratio_row(
        &mut out,
        "overall conversion",
        "",
        Kind::Share,
        Some(derived.overall_conversion),
    );
    ratio_row(
        &mut out,
        "cost per lead",
        "",
        Kind::Money,
        Some(derived.cost_per_lead),
    );
    ratio_row(
        &mut out,
        "revenue per lead",
        "",
        Kind::Money,
        Some(derived.revenue_per_lead),
    );
    ratio_row(
        &mut out,
        "average order value",
        "",
        Kind::Money,
        derived.average_order_value,
    );
    out
}

/// A date as ISO 8601 writes it, `2025-06-01`: what the summary's `date` record holds.
pub fn iso_date(year: i32, month: u32, day: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}")
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
    text_record(&mut out, &daily_header());
    let series = daily_series(report);
    let days = series
        .iter()
        .map(|(_, bands)| bands.mean.len())
        .max()
        .unwrap_or(0);
    for day in 0..days {
        let mut fields = vec![Field::Number(day.to_string())];
        for (_, bands) in &series {
            for values in [
                &bands.mean,
                &bands.p5,
                &bands.p25,
                &bands.p50,
                &bands.p75,
                &bands.p95,
            ] {
                fields.push(Field::Number(
                    values.get(day).map(|&x| number(x)).unwrap_or_default(),
                ));
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
