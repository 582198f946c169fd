//! "Import CRM history" in words and choices, sans IO: what the person chose (export date,
//! the plan's stages or the file's, columns they assigned) turned into the worker's
//! `CalibrationJob`, the worker's `CalibrationAnswer` written in the person's language (how
//! the file was read, what each column was used for, every error naming its line and column,
//! the report's rows and sentences, the back-test's verdict), and what the back-test chart
//! draws. Nothing here changes the work: accepting the result is `Action::AddVariant` or
//! `Action::ReplaceShown`.

use crate::calibrate::history::iso_date;
use crate::calibrate::report::Count;
use crate::calibrate::{
    Backtest, CalibrationError, CalibrationReport, ColumnUse, Finding, ReadError, Role, Separator,
    Shape, VisitProblem, dates,
};
use crate::i18n::{self, Locale, format};
use crate::scenario::{Delay, Scenario};
use crate::worker::calibrate::{CalibrationAnswer, CalibrationJob, ReadSummary};

use super::crm_messages::{read_errors, read_warning, role_key};

/// The back-test's runs in the page (the command line's default).
pub const BACKTEST_RUNS: u32 = 1000;

/// What the person chose for an import, kept while they fix it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Choices {
    /// The export date as typed; empty: the latest date in the file.
    pub as_of: String,
    /// Keep the shown plan's stages, costs per lead and retention (else the file's stages).
    pub use_plan: bool,
    /// Columns the person assigned: role and header.
    pub columns: Vec<(Role, String)>,
}

/// Why the choices cannot be sent, in the person's language (the field named).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceError(pub String);

/// The worker's job for `choices`, the shown plan and the page's seed.
///
/// # Errors
/// The export date cannot be read (the message names the field and quotes the text).
pub fn job(
    choices: &Choices,
    plan: &Scenario,
    seed: u64,
    locale: Locale,
) -> Result<CalibrationJob, ChoiceError> {
    let typed = choices.as_of.trim();
    let as_of = if typed.is_empty() {
        None
    } else {
        Some(dates::parse_day(typed, None).ok_or_else(|| {
            ChoiceError(i18n::tf(
                locale,
                "crm.import.as_of.invalid",
                &[("text", typed)],
            ))
        })?)
    };
    Ok(CalibrationJob {
        as_of,
        funnel: choices.use_plan.then(|| plan.to_json()),
        date_order: None,
        columns: choices.columns.clone(),
        seed,
        backtest_runs: BACKTEST_RUNS,
    })
}

/// Assigns `role` to `header` (`None`: the reader decides again), taking it from any other
/// header it was assigned to.
pub fn assign(columns: &mut Vec<(Role, String)>, header: &str, role: Option<Role>) {
    columns.retain(|(r, h)| h != header && Some(*r) != role);
    if let Some(role) = role {
        columns.push((role, header.to_string()));
    }
}

/// The role the person assigned to `header`, if any.
pub fn assigned(columns: &[(Role, String)], header: &str) -> Option<Role> {
    columns.iter().find(|(_, h)| h == header).map(|(r, _)| *r)
}

/// A role's name in `locale` (the column menu's entries).
pub fn role_name(locale: Locale, role: Role) -> String {
    i18n::t(locale, role_key(role)).to_string()
}

/// What a column was used for, in words.
pub fn column_use(locale: Locale, used: &ColumnUse) -> String {
    match used {
        ColumnUse::Role(role) => role_name(locale, *role),
        ColumnUse::StageEntered(stage) => {
            i18n::tf(locale, "crm.import.column.entered", &[("stage", stage)])
        }
        ColumnUse::StageExited(stage) => {
            i18n::tf(locale, "crm.import.column.exited", &[("stage", stage)])
        }
        ColumnUse::WonDate => i18n::t(locale, "crm.import.column.won").to_string(),
        ColumnUse::LostDate => i18n::t(locale, "crm.import.column.lost").to_string(),
        ColumnUse::Ignored => i18n::t(locale, "crm.import.column.ignored").to_string(),
    }
}

/// How the file was read: its shape, separator and deals, in one sentence.
pub fn reading_sentence(locale: Locale, reading: &ReadSummary) -> String {
    let shape = match reading.shape {
        Shape::Long => "crm.import.shape.long",
        Shape::Wide => "crm.import.shape.wide",
        Shape::ChangeLog => "crm.import.shape.change_log",
    };
    i18n::tn(
        locale,
        "crm.import.read",
        reading.deals as f64,
        &[
            ("shape", i18n::t(locale, shape)),
            ("separator", separator_name(locale, reading.separator)),
            (
                "stages",
                &reading
                    .stages
                    .join(i18n::t(locale, "scenario.list_separator")),
            ),
        ],
    )
}

fn separator_name(locale: Locale, separator: Separator) -> &'static str {
    i18n::t(
        locale,
        match separator {
            Separator::Comma => "crm.import.separator.comma",
            Separator::Semicolon => "crm.import.separator.semicolon",
            Separator::Tab => "crm.import.separator.tab",
        },
    )
}

/// Why the import gave no result, one message a line (each naming the line and the column
/// where there is one); empty when it was calibrated.
pub fn problems(locale: Locale, answer: &CalibrationAnswer) -> Vec<String> {
    match answer {
        CalibrationAnswer::Calibrated { .. } => Vec::new(),
        CalibrationAnswer::Unreadable { errors, .. } => {
            let mut lines: Vec<String> = read_errors(locale, errors)
                .lines()
                .map(str::to_string)
                .collect();
            // In the page the funnel is the plan, whose stages the person may not want.
            if errors
                .errors
                .iter()
                .any(|e| matches!(e, ReadError::UnknownStages { .. }))
            {
                lines.push(i18n::t(locale, "crm.import.hint.stages").to_string());
            }
            lines
        }
        CalibrationAnswer::Uncalibrated { error, .. } => vec![calibration_error(locale, error)],
    }
}

/// The warnings of the reading, in words.
pub fn warnings(locale: Locale, answer: &CalibrationAnswer) -> Vec<String> {
    match answer {
        CalibrationAnswer::Calibrated { reading, .. }
        | CalibrationAnswer::Uncalibrated { reading, .. } => reading
            .warnings
            .iter()
            .map(|w| read_warning(locale, w))
            .collect(),
        CalibrationAnswer::Unreadable { .. } => Vec::new(),
    }
}

/// The headers of the file as the answer knows them (for the column menus).
pub fn headers(answer: &CalibrationAnswer) -> &[String] {
    match answer {
        CalibrationAnswer::Calibrated { reading, .. }
        | CalibrationAnswer::Uncalibrated { reading, .. } => &reading.headers,
        CalibrationAnswer::Unreadable { headers, .. } => headers,
    }
}

/// What each header was used for, when the file was read.
pub fn uses(answer: &CalibrationAnswer) -> Option<&[ColumnUse]> {
    match answer {
        CalibrationAnswer::Calibrated { reading, .. }
        | CalibrationAnswer::Uncalibrated { reading, .. } => Some(&reading.columns),
        CalibrationAnswer::Unreadable { .. } => None,
    }
}

/// A calibration error in `locale`.
pub fn calibration_error(locale: Locale, error: &CalibrationError) -> String {
    let list = |names: &[String]| {
        names
            .iter()
            .map(|n| i18n::tf(locale, "crm.quoted", &[("name", n)]))
            .collect::<Vec<_>>()
            .join(i18n::t(locale, "scenario.list_separator"))
    };
    match error {
        CalibrationError::NoDeals => i18n::t(locale, "crm.import.error.no_deals").to_string(),
        CalibrationError::NoVisits => i18n::t(locale, "crm.import.error.no_visits").to_string(),
        CalibrationError::FunnelInvalid(_) => {
            i18n::t(locale, "crm.import.error.plan_invalid").to_string()
        }
        CalibrationError::StagesNotInFunnel(names) => i18n::tf(
            locale,
            "crm.import.error.not_in_plan",
            &[("stages", &list(names))],
        ),
        CalibrationError::BadVisit {
            deal,
            line,
            problem,
        } => {
            let what = i18n::t(
                locale,
                match problem {
                    VisitProblem::UnknownStage => "crm.import.visit.unknown_stage",
                    VisitProblem::EnteredAfterExport => "crm.import.visit.after_export",
                    VisitProblem::OutcomeWithoutLeft => "crm.import.visit.outcome_without_left",
                    VisitProblem::LeftOutOfRange => "crm.import.visit.left_out_of_range",
                    VisitProblem::Overlaps => "crm.import.visit.overlaps",
                },
            );
            i18n::tf(
                locale,
                "crm.import.error.bad_visit",
                &[
                    ("deal", deal),
                    ("line", &format::number(locale, *line as f64, 0)),
                    ("problem", what),
                ],
            )
        }
        CalibrationError::Undecided(stage) => {
            i18n::tf(locale, "crm.import.error.undecided", &[("stage", stage)])
        }
        CalibrationError::Invalid(errors) => {
            let texts: Vec<String> = errors
                .iter()
                .map(|e| i18n::localize_field_error(locale, e))
                .collect();
            i18n::tf(
                locale,
                "crm.import.error.invalid",
                &[("errors", &texts.join("; "))],
            )
        }
    }
}

/// One row of the report's stage table, every cell written for `locale`.
#[derive(Debug, Clone, PartialEq)]
pub struct StageRow {
    pub stage: String,
    pub entered: String,
    pub advanced: String,
    pub lost: String,
    pub open: String,
    pub rate_entered: String,
    pub rate_closed: String,
    /// The calibrated rate with its 90% interval, or "kept from the plan".
    pub calibrated: String,
    pub delay: String,
    pub lost_delay: String,
}

fn percent(locale: Locale, share: Option<f64>) -> String {
    share.map_or_else(|| "–".to_string(), |s| format::percent(locale, s, 1))
}

fn whole(locale: Locale, n: u64) -> String {
    format::number(locale, n as f64, 0)
}

/// A delay law and its mean, in words.
pub fn law(locale: Locale, law: &Delay, mean_days: f64) -> String {
    let n = |x: f64| format::number(locale, x, 2);
    let what = match *law {
        Delay::Fixed(d) => i18n::tf(locale, "crm.import.law.fixed", &[("days", &d.to_string())]),
        Delay::Uniform { min, max } => i18n::tf(
            locale,
            "crm.import.law.uniform",
            &[("min", &min.to_string()), ("max", &max.to_string())],
        ),
        Delay::Exponential { .. } => i18n::t(locale, "crm.import.law.exponential").to_string(),
        Delay::Lognormal { sigma, .. } => {
            i18n::tf(locale, "crm.import.law.lognormal", &[("sigma", &n(sigma))])
        }
        Delay::Gamma { shape, .. } => {
            i18n::tf(locale, "crm.import.law.gamma", &[("shape", &n(shape))])
        }
    };
    i18n::tf(
        locale,
        "crm.import.law.mean",
        &[
            ("law", &what),
            ("mean", &format::format_days(locale, mean_days)),
        ],
    )
}

/// The report's stage table.
pub fn stage_rows(locale: Locale, report: &CalibrationReport) -> Vec<StageRow> {
    report
        .stages
        .iter()
        .map(|s| StageRow {
            stage: s.name.clone(),
            entered: whole(locale, s.entered),
            advanced: whole(locale, s.advanced),
            lost: whole(locale, s.lost),
            open: whole(locale, s.open),
            rate_entered: percent(locale, s.rate_entered),
            rate_closed: percent(locale, s.rate_closed),
            calibrated: match (s.calibrated, s.interval) {
                (Some(rate), Some([low, high])) => i18n::tf(
                    locale,
                    "crm.import.rate.calibrated",
                    &[
                        ("rate", &percent(locale, Some(rate))),
                        ("low", &percent(locale, Some(low))),
                        ("high", &percent(locale, Some(high))),
                    ],
                ),
                _ => i18n::t(locale, "crm.import.rate.kept").to_string(),
            },
            delay: s
                .delay
                .as_ref()
                .map_or_else(|| "–".to_string(), |d| law(locale, &d.law, d.mean_days)),
            lost_delay: s.lost_delay.as_ref().map_or_else(
                || i18n::t(locale, "crm.import.law.same").to_string(),
                |d| law(locale, &d.law, d.mean_days),
            ),
        })
        .collect()
}

/// The report's sentences: where the naive rates mislead, nurture, sources, values, and each
/// back-test count outside its range.
pub fn sentences(locale: Locale, report: &CalibrationReport) -> Vec<String> {
    let mut out: Vec<String> = report
        .findings
        .iter()
        .filter(|f| !matches!(f, Finding::BacktestOutside { .. }))
        .map(|f| finding(locale, f))
        .collect();
    for stage in &report.stages {
        if let Some(n) = &stage.nurture {
            out.push(i18n::tf(
                locale,
                "crm.import.nurture",
                &[
                    ("stage", &stage.name),
                    ("share", &percent(locale, Some(n.share))),
                    ("to", &n.to),
                    ("mean", &format::format_days(locale, n.delay.mean_days)),
                ],
            ));
        }
    }
    for source in &report.sources {
        out.push(i18n::tf(
            locale,
            "crm.import.source",
            &[
                ("source", &source.name),
                ("per_day", &format::number(locale, source.per_day, 2)),
                ("entry", &source.entry),
            ],
        ));
    }
    if let Some(values) = &report.values {
        out.push(i18n::tn(
            locale,
            "crm.import.values",
            values.amounts as f64,
            &[
                ("mean", &format::number(locale, values.mean, 0)),
                ("sd", &format::number(locale, values.sd, 0)),
            ],
        ));
    }
    out
}

/// One finding in `locale`, numbers written the locale's way.
pub fn finding(locale: Locale, finding: &Finding) -> String {
    let p = |x: f64| percent(locale, Some(x));
    match finding {
        Finding::ClosedRateDiffers {
            stage,
            closed,
            open,
            rate,
        } => i18n::tn(
            locale,
            finding.key(),
            *open as f64,
            &[
                ("stage", stage),
                ("closed", &p(*closed)),
                ("rate", &p(*rate)),
            ],
        ),
        Finding::EnteredRateDiffers {
            stage,
            entered,
            open,
            rate,
        } => i18n::tn(
            locale,
            finding.key(),
            *open as f64,
            &[
                ("stage", stage),
                ("entered", &p(*entered)),
                ("rate", &p(*rate)),
            ],
        ),
        Finding::BacktestOutside {
            stage,
            actual,
            low,
            high,
            ..
        } => i18n::tf(
            locale,
            finding.key(),
            &[
                ("stage", stage),
                ("actual", &whole(locale, *actual)),
                ("low", &whole(locale, *low)),
                ("high", &whole(locale, *high)),
            ],
        ),
    }
}

/// The back-test's verdict: every count within its range, or which fall outside.
pub fn backtest_sentences(locale: Locale, report: &CalibrationReport) -> Vec<String> {
    let Some(backtest) = &report.backtest else {
        return vec![i18n::t(locale, "crm.import.backtest.none").to_string()];
    };
    let counts = backtest.stages.len() * 4;
    let outside = backtest.outside();
    let mut out = vec![i18n::tf(
        locale,
        if outside == 0 {
            "crm.import.backtest.all_within"
        } else {
            "crm.import.backtest.some_outside"
        },
        &[
            ("counts", &format::number(locale, counts as f64, 0)),
            ("outside", &format::number(locale, outside as f64, 0)),
            ("days", &format::number(locale, f64::from(backtest.days), 0)),
            ("runs", &format::number(locale, f64::from(backtest.runs), 0)),
        ],
    )];
    out.extend(
        report
            .findings
            .iter()
            .filter(|f| matches!(f, Finding::BacktestOutside { .. }))
            .map(|f| finding(locale, f)),
    );
    out
}

/// The window observed, in words.
pub fn window(locale: Locale, report: &CalibrationReport) -> String {
    i18n::tn(
        locale,
        "crm.import.window",
        report.deals as f64,
        &[
            ("first", &report.first_day),
            ("as_of", &report.as_of),
            (
                "days",
                &format::number(locale, f64::from(report.window_days), 0),
            ),
        ],
    )
}

/// The export date as the page shows it in the field's placeholder.
pub fn as_of_text(day: i32) -> String {
    iso_date(day)
}

/// One bar of the back-test chart: a stage's count, the history's figure against the range
/// of 90% of the simulated runs.
#[derive(Debug, Clone, PartialEq)]
pub struct BacktestBar {
    pub stage: String,
    pub count: Count,
    pub actual: f64,
    pub low: f64,
    pub high: f64,
    pub outside: bool,
}

/// What the back-test chart draws, stage by stage, in the order entered, advanced, lost,
/// open.
pub fn backtest_bars(backtest: &Backtest) -> Vec<BacktestBar> {
    backtest
        .stages
        .iter()
        .flat_map(|s| {
            [
                (Count::Entered, &s.entered),
                (Count::Advanced, &s.advanced),
                (Count::Lost, &s.lost),
                (Count::Open, &s.open),
            ]
            .into_iter()
            .map(|(count, c)| BacktestBar {
                stage: s.stage.clone(),
                count,
                actual: c.actual as f64,
                low: c.low as f64,
                high: c.high as f64,
                outside: c.outside,
            })
        })
        .collect()
}

/// A back-test row's name: the stage and the count (`Proposal · advanced`).
pub fn bar_label(locale: Locale, bar: &BacktestBar) -> String {
    i18n::tf(
        locale,
        "crm.import.chart.row",
        &[
            ("stage", &bar.stage),
            ("count", count_name(locale, bar.count)),
        ],
    )
}

/// The back-test chart in words (its text alternative): each count against its range.
pub fn chart_description(locale: Locale, bars: &[BacktestBar]) -> String {
    let n = |x: f64| format::number(locale, x, 0);
    let parts: Vec<String> = bars
        .iter()
        .map(|bar| {
            i18n::tf(
                locale,
                if bar.outside {
                    "crm.import.chart.item_outside"
                } else {
                    "crm.import.chart.item"
                },
                &[
                    ("what", &bar_label(locale, bar)),
                    ("actual", &n(bar.actual)),
                    ("low", &n(bar.low)),
                    ("high", &n(bar.high)),
                ],
            )
        })
        .collect();
    i18n::tf(
        locale,
        "crm.import.chart.description",
        &[("items", &parts.join("; "))],
    )
}

/// A count's name in `locale` (the chart's legend and the table's headers).
pub fn count_name(locale: Locale, count: Count) -> &'static str {
    i18n::t(
        locale,
        match count {
            Count::Entered => "calibrate.table.entered",
            Count::Advanced => "calibrate.table.advanced",
            Count::Lost => "calibrate.table.lost",
            Count::Open => "calibrate.table.open",
        },
    )
}
