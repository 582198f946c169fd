//! The wide shape's rows: one per deal, a `Date entered <stage>` column per stage (optionally
//! `Date exited <stage>`), the deal's final status or current stage, amount, close date and
//! source, as HubSpot exports deals and spreadsheet trackers keep them.
//!
//! A row becomes visits: the stages entered, in the order of their dates (ties in column
//! order); each advanced on the day it was exited (its `Date exited` column), else on the day
//! the next began; the last one advanced on the close date when the deal was won (the purchase,
//! with the amount), lost on it when lost, and is open otherwise. The status is an outcome
//! word (`Closed won`, `Closed lost`, `open`, ...) or a stage's name (the deal is open there);
//! without a status column, a `Date entered Closed Won` / `Closed Lost` cell says it. The
//! close date is the last stage's `Date exited`, else the won or lost column's date, else the
//! `close date` column.

use std::collections::HashMap;

use super::assemble::{RawDeal, RawVisit, StageNames};
use super::columns::{self, Role};
use super::dates::{DateOrder, parse_day};
use super::errors::{ReadError, ReadErrors, ReadWarning};
use super::history::{Day, Outcome};
use super::layout::{ColumnUse, Layout, ReadOptions, Row};
use super::values::{parse_amount, parse_outcome};

/// Drops the pipeline's name HubSpot adds to every stage column (`Qualified (Sales Pipeline)`).
pub(super) fn name_stages(uses: &mut [ColumnUse]) {
    let names: Vec<String> = uses
        .iter()
        .filter_map(|u| match u {
            ColumnUse::StageEntered(s) | ColumnUse::StageExited(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    let mut short = columns::without_common_pipeline(&names).into_iter();
    for used in uses {
        if let ColumnUse::StageEntered(s) | ColumnUse::StageExited(s) = used
            && let Some(name) = short.next()
        {
            *s = name;
        }
    }
}

/// Reads wide rows one at a time.
pub(super) struct Reader<'a> {
    layout: &'a Layout,
    order: Option<DateOrder>,
    stages: StageNames,
    /// Entry columns in column order: column, stage key (`None`: not in the funnel), and the
    /// stage's exit column.
    entries: Vec<(usize, Option<usize>, Option<usize>)>,
    deal: Option<usize>,
    status: Option<usize>,
    amount: Option<usize>,
    close: Option<usize>,
    source: Option<usize>,
    won: Option<usize>,
    lost: Option<usize>,
    deals: Vec<RawDeal>,
    index: HashMap<String, usize>,
    without_dates: (usize, usize),
}

impl<'a> Reader<'a> {
    pub fn new(layout: &'a Layout, options: &ReadOptions, order: Option<DateOrder>) -> Self {
        let mut stages = StageNames::new(options.stages.as_deref());
        let uses = &layout.uses;
        let exit_of = |stage: &str| {
            let wanted = columns::normalise(stage);
            uses.iter().position(
                |u| matches!(u, ColumnUse::StageExited(s) if columns::normalise(s) == wanted),
            )
        };
        let entries = (0..uses.len())
            .filter_map(|c| match &uses[c] {
                ColumnUse::StageEntered(stage) => Some((c, stages.key(stage), exit_of(stage))),
                _ => None,
            })
            .collect();
        let first = |wanted: ColumnUse| uses.iter().position(|u| *u == wanted);
        Reader {
            layout,
            order,
            stages,
            entries,
            deal: layout.column(Role::Deal),
            status: layout
                .column(Role::Outcome)
                .or_else(|| layout.column(Role::Stage)),
            amount: layout.column(Role::Amount),
            close: layout.column(Role::CloseDate),
            source: layout.column(Role::Source),
            won: first(ColumnUse::WonDate),
            lost: first(ColumnUse::LostDate),
            deals: Vec::new(),
            index: HashMap::new(),
            without_dates: (0, 0),
        }
    }

    fn date(&self, row: &Row, column: Option<usize>, errors: &mut ReadErrors) -> Option<Day> {
        let text = row.cell(column);
        if text.is_empty() {
            return None;
        }
        let day = parse_day(text, self.order);
        if day.is_none() {
            errors.push(ReadError::UnreadableDate {
                line: row.line,
                column: self.layout.name(column, Role::Entered),
                text: text.to_string(),
            });
        }
        day
    }

    /// The deal's status: an outcome word, or a stage's name (open there).
    fn status(&self, row: &Row, won: Option<Day>, lost: Option<Day>) -> Result<Outcome, String> {
        let text = row.cell(self.status);
        if text.is_empty() {
            return Ok(match (won, lost) {
                (Some(_), _) => Outcome::Advanced,
                (None, Some(_)) => Outcome::Lost,
                (None, None) => Outcome::Open,
            });
        }
        if let Some(outcome) = parse_outcome(text) {
            return Ok(outcome);
        }
        // A stage's name, with or without a pipeline's name in parentheses.
        let bare = text.rsplit_once(" (").map_or(text, |(head, _)| head);
        if self.stages.find(text).is_some() || self.stages.find(bare).is_some() {
            return Ok(Outcome::Open);
        }
        if let Some(outcome) = parse_outcome(bare) {
            return Ok(outcome);
        }
        Err(text.to_string())
    }

    pub fn row(&mut self, row: &Row, errors: &mut ReadErrors) {
        let before = errors.errors.len() + errors.more;
        let id = row.cell(self.deal);
        if id.is_empty() {
            errors.push(ReadError::MissingValue {
                line: row.line,
                column: self.layout.name(self.deal, Role::Deal),
            });
        }
        let mut entered = Vec::new();
        for (at, &(column, key, exit)) in self.entries.iter().enumerate() {
            let Some(day) = self.date(row, Some(column), errors) else {
                continue;
            };
            let exited = self.date(row, exit, errors);
            if let Some(key) = key {
                entered.push((day, at, key, column, exited.map(|d| (d, exit))));
            }
        }
        let won = self.date(row, self.won, errors);
        let lost = self.date(row, self.lost, errors);
        let close = self.date(row, self.close, errors);
        let status = match self.status(row, won, lost) {
            Ok(status) => Some(status),
            Err(text) => {
                errors.push(ReadError::UnknownOutcome {
                    line: row.line,
                    column: self.layout.name(self.status, Role::Outcome),
                    text,
                });
                None
            }
        };
        let amount_text = row.cell(self.amount);
        let amount = if amount_text.is_empty() {
            None
        } else {
            let amount = parse_amount(amount_text);
            if amount.is_none() {
                errors.push(ReadError::UnreadableAmount {
                    line: row.line,
                    column: self.layout.name(self.amount, Role::Amount),
                    text: amount_text.to_string(),
                });
            }
            amount
        };
        let Some(status) = status else { return };
        if errors.errors.len() + errors.more > before {
            return;
        }
        if entered.is_empty() {
            self.without_dates.0 += 1;
            if self.without_dates.1 == 0 {
                self.without_dates.1 = row.line;
            }
            return;
        }
        entered.sort_by_key(|&(day, at, ..)| (day, at));
        let mut visits = Vec::with_capacity(entered.len());
        for (i, &(day, _, key, column, exited)) in entered.iter().enumerate() {
            let next = entered.get(i + 1);
            let (outcome, left, left_column, amount) = match next {
                Some(&(next_day, _, _, next_column, _)) => match exited {
                    Some((d, c)) => (Outcome::Advanced, Some(d), c, None),
                    None => (Outcome::Advanced, Some(next_day), Some(next_column), None),
                },
                None => {
                    let (end, end_column) = match (exited, status) {
                        (Some((d, c)), _) => (Some(d), c),
                        (None, Outcome::Advanced) if won.is_some() => (won, self.won),
                        (None, Outcome::Lost) if lost.is_some() => (lost, self.lost),
                        _ => (close, self.close),
                    };
                    if status != Outcome::Open && end.is_none() {
                        errors.push(ReadError::MissingValue {
                            line: row.line,
                            column: self.layout.name(self.close, Role::CloseDate),
                        });
                        return;
                    }
                    match status {
                        Outcome::Open => (Outcome::Open, None, None, None),
                        Outcome::Advanced => (Outcome::Advanced, end, end_column, amount),
                        Outcome::Lost => (Outcome::Lost, end, end_column, None),
                    }
                }
            };
            visits.push(RawVisit {
                stage: key,
                entered: day,
                left,
                outcome: Some(outcome),
                amount,
                line: row.line,
                entered_column: Some(column),
                left_column,
            });
        }
        let next = self.deals.len();
        let at = *self.index.entry(id.to_string()).or_insert(next);
        if at == next {
            let source = row.cell(self.source);
            self.deals.push(RawDeal {
                id: id.to_string(),
                source: (!source.is_empty()).then(|| source.to_string()),
                visits: Vec::new(),
            });
        }
        self.deals[at].visits.extend(visits);
    }

    pub fn finish(self, warnings: &mut Vec<ReadWarning>) -> (Vec<RawDeal>, StageNames) {
        if self.without_dates.0 > 0 {
            warnings.push(ReadWarning::NoStageDates {
                count: self.without_dates.0,
                first_line: self.without_dates.1,
            });
        }
        (self.deals, self.stages)
    }
}
