//! The change log's rows: one per stage change (deal, the stage it moved to, the day, and
//! optionally the stage's kind, an amount and a source), as Salesforce's Opportunity History,
//! Pipedrive's deal flow, Bitrix24's stage history and amoCRM's "status changed" events give
//! them. There is no `left` and no `outcome` column: a visit ends on the deal's next change.
//!
//! **What a row is.** A row whose stage-kind cell says won or lost (Bitrix24's `S` / `F`, or
//! an outcome word), or, when that cell is empty or absent, whose stage is an outcome word
//! (`Closed Won`, `Closed Lost`, `WON`, `LOSE`, `Успешно реализовано`, amoCRM's `142` / `143`:
//! `columns::change_marker`) is a **close**, not a stage. Every other row enters its stage on
//! its day. A kind cell that says in progress (`P`) makes the stage cell a stage whatever it
//! says.
//!
//! **Visits.** A deal's rows are taken in date order (rows of one day in the file's order).
//! A row at the stage the deal is already in continues that visit (Salesforce writes a row for
//! every change of amount or close date too). A row at a stage later in the funnel's order
//! ends the visit as advanced on its day; at an earlier stage, with no loss between, the
//! visit is read as lost on that day and the deal as come back at the earlier stage (a
//! warning counts these). A won close ends the visit as advanced (the purchase), a lost close
//! as lost; a row after a lost close is a return (nurture). The deal's last visit, when no
//! close follows it, is open on the export date. The stages' order is the funnel's, else the
//! one the deals' forward moves give (`assemble::stage_order`, with every move taken as an
//! advance).
//!
//! **Amounts.** The purchase's amount is the won row's, else the last amount the deal's rows
//! carried before it (CRMs write the deal's amount on every row); other amounts are not used.
//! A repeated close of the same kind (an amount edited after the win) changes nothing but the
//! purchase's amount.
//!
//! **Errors**: a deal whose first change is a close (the stage it closed at is not in the
//! file), a deal closed both ways with no stage change between (on one day, or two), a change
//! after the deal was won, and the cells' errors of the long shape, each by line and column.

use std::collections::HashMap;

use super::assemble::{RawDeal, RawVisit, StageNames, stage_order};
use super::columns::{self, Role};
use super::dates::{DateOrder, parse_day};
use super::errors::{ReadError, ReadErrors, ReadWarning};
use super::history::{Day, Outcome};
use super::layout::{Layout, ReadOptions, Row};
use super::values::parse_amount;

/// What one row does to its deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    /// Enters the stage (key into `StageNames`).
    Stage(usize),
    /// Closes the deal: `Advanced` (won) or `Lost`.
    Close(Outcome),
}

#[derive(Debug, Clone)]
struct Change {
    day: Day,
    to: Move,
    line: usize,
    amount: Option<f64>,
    /// The column and cell that made a close one, for `ClosedFirst`.
    said_by: Option<usize>,
    text: String,
}

struct Changes {
    id: String,
    source: Option<String>,
    rows: Vec<Change>,
}

/// Reads change-log rows one at a time; `finish` makes the visits.
pub(super) struct Reader<'a> {
    layout: &'a Layout,
    order: Option<DateOrder>,
    as_of: Option<Day>,
    funnel: bool,
    columns: [Option<usize>; 6],
    stages: StageNames,
    deals: Vec<Changes>,
    index: HashMap<String, usize>,
    varying: (usize, usize),
    varied: Vec<bool>,
}

const DEAL: usize = 0;
const STAGE: usize = 1;
const DATE: usize = 2;
const KIND: usize = 3;
const SOURCE: usize = 4;
const AMOUNT: usize = 5;
const ROLES: [Role; 6] = [
    Role::Deal,
    Role::Stage,
    Role::Entered,
    Role::StageKind,
    Role::Source,
    Role::Amount,
];

impl<'a> Reader<'a> {
    pub fn new(layout: &'a Layout, options: &ReadOptions, order: Option<DateOrder>) -> Self {
        Reader {
            layout,
            order,
            as_of: options.as_of,
            funnel: options.stages.is_some(),
            columns: ROLES.map(|role| layout.column(role)),
            stages: StageNames::new(options.stages.as_deref()),
            deals: Vec::new(),
            index: HashMap::new(),
            varying: (0, 0),
            varied: Vec::new(),
        }
    }

    fn name(&self, which: usize) -> String {
        self.layout.name(self.columns[which], ROLES[which])
    }

    pub fn row(&mut self, row: &Row, errors: &mut ReadErrors) {
        let before = errors.errors.len() + errors.more;
        let missing = |which: usize, this: &Self, errors: &mut ReadErrors| {
            errors.push(ReadError::MissingValue {
                line: row.line,
                column: this.name(which),
            });
        };
        let id = row.cell(self.columns[DEAL]);
        if id.is_empty() {
            missing(DEAL, self, errors);
        }
        let date_text = row.cell(self.columns[DATE]);
        let day = if date_text.is_empty() {
            missing(DATE, self, errors);
            None
        } else {
            let day = parse_day(date_text, self.order);
            if day.is_none() {
                errors.push(ReadError::UnreadableDate {
                    line: row.line,
                    column: self.name(DATE),
                    text: date_text.to_string(),
                });
            }
            day
        };
        if let (Some(day), Some(as_of)) = (day, self.as_of)
            && day > as_of
        {
            errors.push(ReadError::AfterExport {
                line: row.line,
                column: self.name(DATE),
                date: day,
                as_of,
            });
        }
        let kind_text = row.cell(self.columns[KIND]);
        let kind = columns::stage_kind(kind_text);
        if kind.is_none() {
            errors.push(ReadError::UnknownOutcome {
                line: row.line,
                column: self.name(KIND),
                text: kind_text.to_string(),
            });
        }
        let stage = row.cell(self.columns[STAGE]);
        let to = match kind {
            Some(close @ (Outcome::Advanced | Outcome::Lost)) => {
                Some((Move::Close(close), self.columns[KIND], kind_text))
            }
            _ if stage.is_empty() => {
                missing(STAGE, self, errors);
                None
            }
            Some(Outcome::Open)
                if kind_text.is_empty() && columns::change_marker(stage).is_some() =>
            {
                columns::change_marker(stage)
                    .map(|close| (Move::Close(close), self.columns[STAGE], stage))
            }
            _ => self
                .stages
                .key(stage)
                .map(|key| (Move::Stage(key), None, stage)),
        };
        let amount_text = row.cell(self.columns[AMOUNT]);
        let amount = if amount_text.is_empty() {
            None
        } else {
            let amount = parse_amount(amount_text);
            if amount.is_none() {
                errors.push(ReadError::UnreadableAmount {
                    line: row.line,
                    column: self.name(AMOUNT),
                    text: amount_text.to_string(),
                });
            }
            amount
        };
        let (Some(day), Some((to, said_by, text))) = (day, to) else {
            return;
        };
        if id.is_empty() || errors.errors.len() + errors.more > before {
            return;
        }
        let change = Change {
            day,
            to,
            line: row.line,
            amount,
            said_by,
            text: text.to_string(),
        };
        let source = row.cell(self.columns[SOURCE]);
        let next = self.deals.len();
        let at = *self.index.entry(id.to_string()).or_insert(next);
        if at == next {
            self.deals.push(Changes {
                id: id.to_string(),
                source: None,
                rows: Vec::new(),
            });
            self.varied.push(false);
        }
        let deal = &mut self.deals[at];
        if !source.is_empty() {
            match &deal.source {
                None => deal.source = Some(source.to_string()),
                Some(first) if first != source && !self.varied[at] => {
                    self.varied[at] = true;
                    self.varying.0 += 1;
                    if self.varying.1 == 0 {
                        self.varying.1 = row.line;
                    }
                }
                Some(_) => {}
            }
        }
        deal.rows.push(change);
    }

    /// The visits of every deal (see the module's header).
    pub fn finish(
        mut self,
        errors: &mut ReadErrors,
        warnings: &mut Vec<ReadWarning>,
    ) -> (Vec<RawDeal>, StageNames) {
        if self.varying.0 > 0 {
            warnings.push(ReadWarning::SourceVaries {
                count: self.varying.0,
                first_line: self.varying.1,
            });
        }
        for deal in &mut self.deals {
            deal.rows.sort_by_key(|c| c.day);
        }
        let position = self.positions();
        let date = self.columns[DATE];
        let (mut back, mut first_back) = (0usize, 0usize);
        let mut out = Vec::with_capacity(self.deals.len());
        'deals: for deal in std::mem::take(&mut self.deals) {
            let mut visits: Vec<RawVisit> = Vec::new();
            let mut open = false;
            // The last close while no visit is open: how and on which line.
            let mut closed: Option<(Outcome, usize)> = None;
            let mut amount: Option<f64> = None;
            for change in &deal.rows {
                amount = change.amount.or(amount);
                match change.to {
                    Move::Stage(key) => {
                        if let Some((Outcome::Advanced, won_line)) = closed {
                            errors.push(ReadError::ChangedAfterWon {
                                deal: deal.id.clone(),
                                won_line,
                                line: change.line,
                            });
                            continue 'deals;
                        }
                        if let Some(visit) = visits.last_mut().filter(|_| open) {
                            if visit.stage == key {
                                continue;
                            }
                            let forward = position[key] > position[visit.stage];
                            if !forward {
                                back += 1;
                                if first_back == 0 {
                                    first_back = change.line;
                                }
                            }
                            visit.left = Some(change.day);
                            visit.outcome = Some(if forward {
                                Outcome::Advanced
                            } else {
                                Outcome::Lost
                            });
                        }
                        visits.push(RawVisit {
                            stage: key,
                            entered: change.day,
                            left: None,
                            outcome: Some(Outcome::Open),
                            amount: None,
                            line: change.line,
                            entered_column: date,
                            left_column: date,
                        });
                        open = true;
                        closed = None;
                    }
                    Move::Close(how) => match (visits.last_mut(), open, closed) {
                        (Some(visit), true, _) => {
                            visit.left = Some(change.day);
                            visit.outcome = Some(how);
                            if how == Outcome::Advanced {
                                visit.amount = amount;
                            }
                            open = false;
                            closed = Some((how, change.line));
                        }
                        (Some(visit), false, Some((before, _))) if before == how => {
                            if how == Outcome::Advanced && change.amount.is_some() {
                                visit.amount = change.amount;
                            }
                        }
                        (_, _, Some((_, first_line))) => {
                            errors.push(ReadError::WonAndLost {
                                deal: deal.id.clone(),
                                first_line,
                                second_line: change.line,
                            });
                            continue 'deals;
                        }
                        _ => {
                            errors.push(ReadError::ClosedFirst {
                                line: change.line,
                                column: self.layout.name(change.said_by, Role::Stage),
                                text: change.text.clone(),
                            });
                            continue 'deals;
                        }
                    },
                }
            }
            out.push(RawDeal {
                id: deal.id,
                source: deal.source,
                visits,
            });
        }
        if back > 0 {
            warnings.push(ReadWarning::MovedBack {
                count: back,
                first_line: first_back,
            });
        }
        (out, self.stages)
    }

    /// Each stage key's place in the funnel: the funnel's, else the order the deals' moves
    /// give when every move between stages is taken as an advance.
    fn positions(&self) -> Vec<usize> {
        let count = self.stages.names.len();
        if self.funnel {
            return (0..count).collect();
        }
        let moves: Vec<RawDeal> = self
            .deals
            .iter()
            .map(|deal| {
                let mut visits: Vec<RawVisit> = Vec::new();
                for change in &deal.rows {
                    let Move::Stage(key) = change.to else {
                        // A close ends the path: what follows is a return, not an advance.
                        if let Some(visit) = visits.last_mut() {
                            visit.outcome = Some(Outcome::Lost);
                        }
                        continue;
                    };
                    if visits
                        .last()
                        .is_some_and(|v| v.stage == key && v.outcome == Some(Outcome::Advanced))
                    {
                        continue;
                    }
                    visits.push(RawVisit {
                        stage: key,
                        entered: change.day,
                        left: None,
                        outcome: Some(Outcome::Advanced),
                        amount: None,
                        line: change.line,
                        entered_column: None,
                        left_column: None,
                    });
                }
                RawDeal {
                    id: String::new(),
                    source: None,
                    visits,
                }
            })
            .collect();
        let mut position = vec![0; count];
        for (at, key) in stage_order(&moves, count).into_iter().enumerate() {
            position[key] = at;
        }
        position
    }
}
