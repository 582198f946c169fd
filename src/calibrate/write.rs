//! A `History` written out as a CRM export, in the dialects `read` reads: the canonical long
//! file (comma, ISO dates, `.` decimals), the same with semicolons, `DD.MM.YYYY` dates and
//! decimal commas (what Excel writes in Russian and much of Europe), the wide shape (one
//! row per deal, HubSpot's column names) and the change log (one row per stage change,
//! Salesforce's names, `Closed Won` / `Closed Lost` rows). Used for the example files and the round-trip tests:
//! `read(write(h))` gives `h` back (with the funnel's stages and export date as options).
//!
//! The wide shape keeps one entry and one exit per stage: a deal that visits a stage twice (a
//! nurture return) is written with its last visit there, so only histories without returns
//! come back whole from it. Stage names that are outcome words (`Lost`) would be read back as
//! the won or lost date's column.

use super::history::{Day, History, Outcome, date_from_day, iso_date};
use super::values::amount_text;

/// The canonical long file: `deal,stage,entered,left,outcome,source,amount`, one row per visit.
pub fn canonical(history: &History) -> String {
    long(history, ',', iso_date, '.')
}

/// The long file with `;`, `DD.MM.YYYY` dates and decimal commas.
pub fn semicolon(history: &History) -> String {
    long(history, ';', dotted_date, ',')
}

/// `DD.MM.YYYY` of a day number.
pub fn dotted_date(day: Day) -> String {
    let (y, m, d) = date_from_day(day);
    format!("{d:02}.{m:02}.{y:04}")
}

fn long(history: &History, separator: char, date: fn(Day) -> String, decimal: char) -> String {
    let mut out = String::new();
    line(
        &mut out,
        separator,
        [
            "deal", "stage", "entered", "left", "outcome", "source", "amount",
        ]
        .map(String::from),
    );
    for deal in &history.deals {
        let source = source_name(history, deal.source);
        for visit in &deal.visits {
            let outcome = match visit.outcome {
                Outcome::Advanced => "advanced",
                Outcome::Lost => "lost",
                Outcome::Open => "",
            };
            line(
                &mut out,
                separator,
                [
                    deal.id.clone(),
                    stage_name(history, visit.stage),
                    date(visit.entered),
                    visit.left.map(date).unwrap_or_default(),
                    outcome.to_string(),
                    source.clone(),
                    visit
                        .amount
                        .map(|a| amount_text(a, decimal))
                        .unwrap_or_default(),
                ],
            );
        }
    }
    out
}

/// The wide shape: `Record ID,Deal Stage,Amount,Close Date,Source`, then `Date entered "<stage>"`
/// and `Date exited "<stage>"` for every stage (comma, ISO dates). The status is `Closed won`
/// or `Closed lost` when the deal's last visit advanced or was lost, else the stage it is in.
pub fn wide(history: &History) -> String {
    let mut out = String::new();
    let mut header: Vec<String> = ["Record ID", "Deal Stage", "Amount", "Close Date", "Source"]
        .map(String::from)
        .to_vec();
    for stage in &history.stages {
        header.push(format!("Date entered \"{stage}\""));
    }
    for stage in &history.stages {
        header.push(format!("Date exited \"{stage}\""));
    }
    line(&mut out, ',', header);
    let stages = history.stages.len();
    for deal in &history.deals {
        let Some(last) = deal.visits.last() else {
            continue;
        };
        let status = match last.outcome {
            Outcome::Advanced => "Closed won".to_string(),
            Outcome::Lost => "Closed lost".to_string(),
            Outcome::Open => {
                let name = stage_name(history, last.stage);
                match super::values::parse_outcome(&name) {
                    None => name,
                    Some(_) => "open".to_string(),
                }
            }
        };
        let amount = deal.visits.iter().rev().find_map(|v| v.amount);
        let close = match last.outcome {
            Outcome::Open => None,
            _ => last.left,
        };
        let mut entered = vec![String::new(); stages];
        let mut exited = vec![String::new(); stages];
        for visit in &deal.visits {
            if let Some(cell) = entered.get_mut(visit.stage) {
                *cell = iso_date(visit.entered);
            }
            if let Some(cell) = exited.get_mut(visit.stage) {
                *cell = visit.left.map(iso_date).unwrap_or_default();
            }
        }
        let mut cells = vec![
            deal.id.clone(),
            status,
            amount.map(|a| amount_text(a, '.')).unwrap_or_default(),
            close.map(iso_date).unwrap_or_default(),
            source_name(history, deal.source),
        ];
        cells.extend(entered);
        cells.extend(exited);
        line(&mut out, ',', cells);
    }
    out
}

/// The change log, as Salesforce's Opportunity History report gives it: `Opportunity ID,To
/// Stage,Last Modified,Amount,Lead Source` (comma, ISO dates), one row per visit on the day it
/// began, a `Closed Lost` row on the day a visit was lost and a `Closed Won` row (with the
/// amount) on the day a deal's last visit advanced.
///
/// A change log has no row for leaving a stage, so a visit that advanced ends on the day the
/// next one begins: only histories whose advanced visits end on the next one's entry, at a
/// later stage, come back whole from it (the generated histories and the reference's).
pub fn change_log(history: &History) -> String {
    let mut out = String::new();
    line(
        &mut out,
        ',',
        [
            "Opportunity ID",
            "To Stage",
            "Last Modified",
            "Amount",
            "Lead Source",
        ]
        .map(String::from),
    );
    for deal in &history.deals {
        let source = source_name(history, deal.source);
        let row = |out: &mut String, stage: String, day: Day, amount: Option<f64>| {
            let amount = amount.map(|a| amount_text(a, '.')).unwrap_or_default();
            line(
                out,
                ',',
                [
                    deal.id.clone(),
                    stage,
                    iso_date(day),
                    amount,
                    source.clone(),
                ],
            );
        };
        for (i, visit) in deal.visits.iter().enumerate() {
            row(
                &mut out,
                stage_name(history, visit.stage),
                visit.entered,
                None,
            );
            let last = i + 1 == deal.visits.len();
            match (visit.outcome, visit.left) {
                (Outcome::Lost, Some(left)) => row(&mut out, "Closed Lost".into(), left, None),
                (Outcome::Advanced, Some(left)) if last => {
                    row(&mut out, "Closed Won".into(), left, visit.amount)
                }
                _ => {}
            }
        }
    }
    out
}

fn stage_name(history: &History, stage: usize) -> String {
    history.stages.get(stage).cloned().unwrap_or_default()
}

fn source_name(history: &History, source: Option<usize>) -> String {
    source
        .and_then(|s| history.sources.get(s).cloned())
        .unwrap_or_default()
}

/// One CSV line, fields quoted when they hold the separator, a quote, a line break or
/// surrounding spaces (RFC 4180), ended by `\n`.
fn line<I: IntoIterator<Item = String>>(out: &mut String, separator: char, cells: I) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(separator);
        }
        let quote = cell.contains([separator, '"', '\n', '\r']) || cell.trim() != cell;
        if quote {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push('\n');
}
