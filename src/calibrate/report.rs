//! The calibration report: per stage the counts, the naive rates beside the calibrated one,
//! the delay laws with every candidate's fit, nurture, sources, values, the back-test and
//! the sentences where the figures differ, as data (serialisable for `--report FILE`), and a
//! plain-text table of it whose every word comes from the caller's catalogue lookup.

use serde::{Deserialize, Serialize};

use super::backtest::{Backtest, Checked};
use super::fit::{LawFit, delay_of};
use crate::scenario::{Delay, DelayLaw, Value};

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationReport {
    /// The window observed: its first entry and the export date (`YYYY-MM-DD`), its days.
    pub first_day: String,
    pub as_of: String,
    pub window_days: u32,
    pub deals: usize,
    pub stages: Vec<StageReport>,
    pub sources: Vec<SourceReport>,
    pub values: Option<ValueReport>,
    pub findings: Vec<Finding>,
    pub backtest: Option<Backtest>,
}

/// One stage: what the history shows and what calibration made of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageReport {
    pub name: String,
    /// Visits (re-entries included), and how they stood on the export date.
    pub entered: u64,
    pub advanced: u64,
    pub lost: u64,
    pub open: u64,
    /// Advanced over entered (open visits counted as lost).
    pub rate_entered: Option<f64>,
    /// Advanced over closed (open visits left out).
    pub rate_closed: Option<f64>,
    /// False when no visit was decided (the stage is the funnel's, unchanged).
    pub measured: bool,
    /// The calibrated conversion (the beta law's mean), its 90% interval and standard error.
    pub calibrated: Option<f64>,
    pub interval: Option<[f64; 2]>,
    pub standard_error: Option<f64>,
    /// The Aalen–Johansen share advancing by the longest follow-up (the non-parametric check).
    pub aalen_johansen: Option<f64>,
    pub delay: Option<LawReport>,
    /// The time to lose, when told apart from the time to advance.
    pub lost_delay: Option<LawReport>,
    /// Akaike's criterion with one law for both ends and with a time to lose of its own.
    pub aic_one_law: Option<f64>,
    pub aic_two_laws: Option<f64>,
    pub nurture: Option<NurtureReport>,
}

/// A chosen delay law and every candidate's fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LawReport {
    pub law: Delay,
    pub mean_days: f64,
    pub candidates: Vec<Candidate>,
}

/// One candidate law's fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub law: Delay,
    pub mean_days: f64,
    pub log_likelihood: Option<f64>,
    pub aic: Option<f64>,
    pub chosen: bool,
}

impl LawReport {
    pub(crate) fn new(law: DelayLaw, candidates: &[LawFit]) -> LawReport {
        LawReport {
            law: delay_of(law),
            mean_days: law.mean_days(),
            candidates: candidates
                .iter()
                .map(|c| Candidate {
                    law: delay_of(c.law),
                    mean_days: c.law.mean_days(),
                    log_likelihood: c.log_likelihood,
                    aic: c.aic,
                    // The chosen law's parameters are the final fit's; its family marks it.
                    chosen: std::mem::discriminant(&c.law) == std::mem::discriminant(&law),
                })
                .collect(),
        }
    }
}

/// Deals lost at a stage that came back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NurtureReport {
    /// Losses that could still return (fewer cycles made than the most seen), and returns.
    pub at_risk: u64,
    pub returned: u64,
    /// The fitted share that eventually returns (censored: recent losses may still come back).
    pub share: f64,
    pub standard_error: f64,
    pub delay: LawReport,
    /// The stage most returns re-entered.
    pub to: String,
    pub max_cycles: i64,
}

/// One source of the calibrated scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceReport {
    pub name: String,
    pub deals: u64,
    pub entry: String,
    pub per_day: f64,
}

/// The purchase amounts and the law made of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueReport {
    pub amounts: usize,
    pub mean: f64,
    pub sd: f64,
    pub law: Value,
}

/// Which count of a stage a sentence is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Count {
    Entered,
    Advanced,
    Lost,
    Open,
}

/// A sentence of the report, as data the page writes in its language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// The rate among closed deals is outside the calibrated interval.
    ClosedRateDiffers {
        stage: String,
        closed: f64,
        open: u64,
        rate: f64,
    },
    /// Advanced over entered is outside the calibrated interval.
    EnteredRateDiffers {
        stage: String,
        entered: f64,
        open: u64,
        rate: f64,
    },
    /// A count of the history outside the back-test's simulated 90% range.
    BacktestOutside {
        stage: String,
        count: Count,
        actual: u64,
        low: u64,
        high: u64,
    },
}

impl Finding {
    /// The catalogue key of the sentence (a plural one when `plural` is `Some`).
    pub fn key(&self) -> &'static str {
        match self {
            Finding::ClosedRateDiffers { .. } => "calibrate.finding.closed",
            Finding::EnteredRateDiffers { .. } => "calibrate.finding.entered",
            Finding::BacktestOutside { count, .. } => match count {
                Count::Entered => "calibrate.finding.backtest.entered",
                Count::Advanced => "calibrate.finding.backtest.advanced",
                Count::Lost => "calibrate.finding.backtest.lost",
                Count::Open => "calibrate.finding.backtest.open",
            },
        }
    }

    /// The count the sentence's plural form follows (`{n}`).
    pub fn plural(&self) -> Option<f64> {
        match self {
            Finding::ClosedRateDiffers { open, .. } | Finding::EnteredRateDiffers { open, .. } => {
                Some(*open as f64)
            }
            Finding::BacktestOutside { .. } => None,
        }
    }

    /// The sentences of a back-test: one per count outside its range.
    pub fn from_backtest(backtest: &Backtest) -> Vec<Finding> {
        let mut out = Vec::new();
        for stage in &backtest.stages {
            for (count, checked) in [
                (Count::Entered, &stage.entered),
                (Count::Advanced, &stage.advanced),
                (Count::Lost, &stage.lost),
                (Count::Open, &stage.open),
            ] {
                if checked.outside {
                    out.push(Finding::BacktestOutside {
                        stage: stage.stage.clone(),
                        count,
                        actual: checked.actual,
                        low: checked.low,
                        high: checked.high,
                    });
                }
            }
        }
        out
    }

    /// The sentence's placeholders, numbers written plainly (percentages with one decimal).
    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Finding::ClosedRateDiffers {
                stage,
                closed,
                open,
                rate,
            } => vec![
                ("stage", stage.clone()),
                ("closed", percent(*closed)),
                ("n", open.to_string()),
                ("rate", percent(*rate)),
            ],
            Finding::EnteredRateDiffers {
                stage,
                entered,
                open,
                rate,
            } => vec![
                ("stage", stage.clone()),
                ("entered", percent(*entered)),
                ("n", open.to_string()),
                ("rate", percent(*rate)),
            ],
            Finding::BacktestOutside {
                stage,
                actual,
                low,
                high,
                ..
            } => vec![
                ("stage", stage.clone()),
                ("actual", actual.to_string()),
                ("low", low.to_string()),
                ("high", high.to_string()),
            ],
        }
    }
}

/// A catalogue lookup: the message `key` with its placeholders filled, the plural form for
/// the count when one is given (the command line passes `i18n::tf` / `i18n::tn` in English).
pub type Text<'a> = dyn Fn(&str, Option<f64>, &[(&str, &str)]) -> String + 'a;

fn percent(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn optional_percent(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), percent)
}

fn days(x: f64) -> String {
    format!("{x:.1}")
}

/// A law in words, from the catalogue.
fn law_text(law: &Delay, text: &Text) -> String {
    let n = |x: f64| format!("{x:.3}");
    match *law {
        Delay::Fixed(d) => text("calibrate.law.fixed", None, &[("days", &d.to_string())]),
        Delay::Uniform { min, max } => text(
            "calibrate.law.uniform",
            None,
            &[("min", &min.to_string()), ("max", &max.to_string())],
        ),
        Delay::Exponential { mean } => {
            text("calibrate.law.exponential", None, &[("mean", &n(mean))])
        }
        Delay::Lognormal { median, sigma } => text(
            "calibrate.law.lognormal",
            None,
            &[("median", &n(median)), ("sigma", &n(sigma))],
        ),
        Delay::Gamma { shape, scale } => text(
            "calibrate.law.gamma",
            None,
            &[("shape", &n(shape)), ("scale", &n(scale))],
        ),
    }
}

/// Columns padded to their widest cell, two spaces apart.
fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| format!("{cell}{}", " ".repeat(w - cell.chars().count())))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

impl CalibrationReport {
    /// The report as plain-text tables, for the command line's standard error.
    pub fn render_table(&self, text: &Text) -> String {
        let h = |key: &str| text(key, None, &[]);
        let mut out = text(
            "calibrate.title",
            None,
            &[
                ("deals", &self.deals.to_string()),
                ("first", &self.first_day),
                ("as_of", &self.as_of),
                ("days", &self.window_days.to_string()),
            ],
        );
        out.push_str("\n\n");
        let mut rows = vec![
            [
                "calibrate.table.stage",
                "calibrate.table.entered",
                "calibrate.table.advanced",
                "calibrate.table.lost",
                "calibrate.table.open",
                "calibrate.table.rate_entered",
                "calibrate.table.rate_closed",
                "calibrate.table.calibrated",
                "calibrate.table.interval",
                "calibrate.table.aalen_johansen",
            ]
            .map(h)
            .to_vec(),
        ];
        for s in &self.stages {
            rows.push(vec![
                s.name.clone(),
                s.entered.to_string(),
                s.advanced.to_string(),
                s.lost.to_string(),
                s.open.to_string(),
                optional_percent(s.rate_entered),
                optional_percent(s.rate_closed),
                optional_percent(s.calibrated),
                s.interval.map_or_else(
                    || "–".to_string(),
                    |[lo, hi]| format!("{}–{}", percent(lo), percent(hi)),
                ),
                optional_percent(s.aalen_johansen),
            ]);
        }
        out.push_str(&table(&rows));
        out.push('\n');

        let mut rows = vec![
            [
                "calibrate.table.stage",
                "calibrate.table.end",
                "calibrate.table.law",
                "calibrate.table.mean_days",
                "calibrate.table.aic",
            ]
            .map(h)
            .to_vec(),
        ];
        let mut law_rows = |stage: &str, end: String, law: &LawReport| {
            for c in &law.candidates {
                rows.push(vec![
                    stage.to_string(),
                    end.clone(),
                    format!(
                        "{}{}",
                        law_text(&c.law, text),
                        if c.chosen {
                            format!(" ({})", h("calibrate.table.chosen"))
                        } else {
                            String::new()
                        }
                    ),
                    days(c.mean_days),
                    c.aic.map_or_else(|| "–".to_string(), |a| format!("{a:.1}")),
                ]);
            }
        };
        for s in &self.stages {
            if let Some(delay) = &s.delay {
                let end = if s.lost_delay.is_some() {
                    h("calibrate.table.delay")
                } else {
                    h("calibrate.table.delay_both")
                };
                law_rows(&s.name, end, delay);
            }
            if let Some(lost) = &s.lost_delay {
                law_rows(&s.name, h("calibrate.table.lost_delay"), lost);
            }
            if let Some(n) = &s.nurture {
                law_rows(&s.name, h("calibrate.table.nurture_delay"), &n.delay);
            }
        }
        out.push_str(&table(&rows));
        out.push('\n');

        for s in &self.stages {
            if let Some(n) = &s.nurture {
                out.push_str(&text(
                    "calibrate.table.nurture",
                    None,
                    &[
                        ("stage", &s.name),
                        ("share", &percent(n.share)),
                        ("at_risk", &n.at_risk.to_string()),
                        ("to", &n.to),
                        ("mean", &days(n.delay.mean_days)),
                        ("cycles", &n.max_cycles.to_string()),
                    ],
                ));
                out.push('\n');
            }
        }
        let mut rows = vec![
            [
                "calibrate.table.source",
                "calibrate.table.deals",
                "calibrate.table.entry",
                "calibrate.table.per_day",
            ]
            .map(h)
            .to_vec(),
        ];
        for s in &self.sources {
            rows.push(vec![
                s.name.clone(),
                s.deals.to_string(),
                s.entry.clone(),
                format!("{:.3}", s.per_day),
            ]);
        }
        out.push_str(&table(&rows));
        if let Some(v) = &self.values {
            out.push_str(&text(
                "calibrate.table.values",
                None,
                &[
                    ("n", &v.amounts.to_string()),
                    ("mean", &format!("{:.2}", v.mean)),
                    ("sd", &format!("{:.2}", v.sd)),
                ],
            ));
            out.push('\n');
        }
        if let Some(bt) = &self.backtest {
            out.push('\n');
            out.push_str(&text(
                "calibrate.backtest.title",
                None,
                &[
                    ("days", &bt.days.to_string()),
                    ("runs", &bt.runs.to_string()),
                ],
            ));
            out.push('\n');
            let mut rows = vec![
                [
                    "calibrate.table.stage",
                    "calibrate.backtest.count",
                    "calibrate.backtest.actual",
                    "calibrate.backtest.range",
                    "",
                ]
                .map(|k| if k.is_empty() { String::new() } else { h(k) })
                .to_vec(),
            ];
            for s in &bt.stages {
                for (key, c) in [
                    ("calibrate.table.entered", &s.entered),
                    ("calibrate.table.advanced", &s.advanced),
                    ("calibrate.table.lost", &s.lost),
                    ("calibrate.table.open", &s.open),
                ] {
                    rows.push(checked_row(
                        &s.stage,
                        &h(key),
                        c,
                        &h("calibrate.backtest.outside"),
                    ));
                }
            }
            out.push_str(&table(&rows));
        }
        if !self.findings.is_empty() {
            out.push('\n');
            for f in &self.findings {
                let args = f.args();
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                out.push_str(&text(f.key(), f.plural(), &args));
                out.push('\n');
            }
        }
        out
    }
}

fn checked_row(stage: &str, count: &str, c: &Checked, outside: &str) -> Vec<String> {
    vec![
        stage.to_string(),
        count.to_string(),
        c.actual.to_string(),
        format!("{}–{}", c.low, c.high),
        if c.outside {
            outside.to_string()
        } else {
            String::new()
        },
    ]
}
