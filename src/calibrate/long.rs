//! The long (canonical) shape's rows: one stage visit each (deal, stage, entered, left,
//! outcome, source, amount), read into raw visits grouped by deal in the order deals first
//! appear. A deal's source is the first one its rows name.

use std::collections::HashMap;

use super::assemble::{RawDeal, RawVisit, StageNames};
use super::columns::Role;
use super::dates::{DateOrder, parse_day};
use super::errors::{ReadError, ReadErrors, ReadWarning};
use super::history::Day;
use super::layout::{Layout, ReadOptions, Row};
use super::values::{parse_amount, parse_outcome};

/// Reads long rows one at a time.
pub(super) struct Reader<'a> {
    layout: &'a Layout,
    order: Option<DateOrder>,
    columns: [Option<usize>; 7],
    stages: StageNames,
    deals: Vec<RawDeal>,
    index: HashMap<String, usize>,
    /// Deals whose rows name another source than their first, and the first such line.
    varying: (usize, usize),
    varied: Vec<bool>,
}

const DEAL: usize = 0;
const STAGE: usize = 1;
const ENTERED: usize = 2;
const LEFT: usize = 3;
const OUTCOME: usize = 4;
const SOURCE: usize = 5;
const AMOUNT: usize = 6;
const ROLES: [Role; 7] = [
    Role::Deal,
    Role::Stage,
    Role::Entered,
    Role::Left,
    Role::Outcome,
    Role::Source,
    Role::Amount,
];

impl<'a> Reader<'a> {
    pub fn new(layout: &'a Layout, options: &ReadOptions, order: Option<DateOrder>) -> Self {
        Reader {
            layout,
            order,
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

    /// A date cell: `Ok(None)` when empty.
    fn date(&self, row: &Row, which: usize, errors: &mut ReadErrors) -> Result<Option<Day>, ()> {
        let text = row.cell(self.columns[which]);
        if text.is_empty() {
            return Ok(None);
        }
        match parse_day(text, self.order) {
            Some(day) => Ok(Some(day)),
            None => {
                errors.push(ReadError::UnreadableDate {
                    line: row.line,
                    column: self.name(which),
                    text: text.to_string(),
                });
                Err(())
            }
        }
    }

    pub fn row(&mut self, row: &Row, errors: &mut ReadErrors) {
        let missing = |which: usize, this: &Self, errors: &mut ReadErrors| {
            errors.push(ReadError::MissingValue {
                line: row.line,
                column: this.name(which),
            });
        };
        let id = row.cell(self.columns[DEAL]);
        let stage = row.cell(self.columns[STAGE]);
        let mut ok = true;
        if id.is_empty() {
            missing(DEAL, self, errors);
            ok = false;
        }
        if stage.is_empty() {
            missing(STAGE, self, errors);
            ok = false;
        }
        let entered = self.date(row, ENTERED, errors);
        if matches!(entered, Ok(None)) {
            missing(ENTERED, self, errors);
        }
        let left = self.date(row, LEFT, errors);
        let outcome_text = row.cell(self.columns[OUTCOME]);
        let outcome = if outcome_text.is_empty() {
            Ok(None)
        } else {
            parse_outcome(outcome_text).map(Some).ok_or(())
        };
        if outcome.is_err() {
            errors.push(ReadError::UnknownOutcome {
                line: row.line,
                column: self.name(OUTCOME),
                text: outcome_text.to_string(),
            });
        }
        let amount_text = row.cell(self.columns[AMOUNT]);
        let amount = if amount_text.is_empty() {
            Ok(None)
        } else {
            parse_amount(amount_text).map(Some).ok_or(())
        };
        if amount.is_err() {
            errors.push(ReadError::UnreadableAmount {
                line: row.line,
                column: self.name(AMOUNT),
                text: amount_text.to_string(),
            });
        }
        let key = if stage.is_empty() {
            None
        } else {
            self.stages.key(stage)
        };
        let (Ok(Some(entered)), Ok(left), Ok(outcome), Ok(amount), Some(key), true) =
            (entered, left, outcome, amount, key, ok)
        else {
            return;
        };
        let source = row.cell(self.columns[SOURCE]);
        let next = self.deals.len();
        let at = *self.index.entry(id.to_string()).or_insert(next);
        if at == next {
            self.deals.push(RawDeal {
                id: id.to_string(),
                source: None,
                visits: Vec::new(),
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
        deal.visits.push(RawVisit {
            stage: key,
            entered,
            left,
            outcome,
            amount,
            line: row.line,
            entered_column: self.columns[ENTERED],
            left_column: self.columns[LEFT],
        });
    }

    pub fn finish(self, warnings: &mut Vec<ReadWarning>) -> (Vec<RawDeal>, StageNames) {
        if self.varying.0 > 0 {
            warnings.push(ReadWarning::SourceVaries {
                count: self.varying.0,
                first_line: self.varying.1,
            });
        }
        (self.deals, self.stages)
    }
}
