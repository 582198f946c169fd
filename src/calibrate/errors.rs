//! Why a CRM export could not be read, and what was read with a caveat: errors and warnings as
//! data (the page writes them in the person's language from their fields, `app_model::
//! crm_messages`), each naming the file's line and the column as the file names it. `Display`
//! is the command line's English.

use std::fmt;

use super::columns::Role;
use super::history::{Day, iso_date};

/// The largest file read: 200 MB.
pub const MAX_BYTES: usize = 200 * 1024 * 1024;
/// The most data rows read: 2,000,000.
pub const MAX_ROWS: usize = 2_000_000;
/// The most errors listed; the rest are counted.
pub const MAX_ERRORS: usize = 20;

/// One reason a file could not be read. `line` is the file's line (the header is line 1; a
/// row whose quoted field spans lines is named by its first); `column` is the header as the file
/// writes it (or the role's canonical name when the file has no such column).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ReadError {
    /// The bytes are not UTF-8 text (binary, or another encoding).
    NotText,
    /// The text could not be split into CSV records at this line.
    NotCsv { line: usize },
    /// Nothing but spaces.
    Empty,
    /// A header and no data rows.
    NoRows,
    /// Larger than `MAX_BYTES`.
    TooLarge { bytes: usize },
    /// More than `MAX_ROWS` data rows.
    TooManyRows,
    /// No column plays a role the shape needs.
    MissingColumn { role: Role, headers: Vec<String> },
    /// The mapping names a header the file does not have.
    NoSuchHeader {
        role: Role,
        header: String,
        headers: Vec<String>,
    },
    /// A row with another number of fields than the header.
    FieldCount {
        line: usize,
        found: usize,
        expected: usize,
    },
    /// A cell that must be filled is empty.
    MissingValue { line: usize, column: String },
    /// A cell that is not a date of an accepted form.
    UnreadableDate {
        line: usize,
        column: String,
        text: String,
    },
    /// Slash dates that could be day/month or month/day, with no value over 12 to tell.
    AmbiguousDates { column: String, text: String },
    /// A visit that ends before it began.
    LeftBeforeEntered {
        line: usize,
        column: String,
        entered: Day,
        left: Day,
    },
    /// A date after the export date given.
    AfterExport {
        line: usize,
        column: String,
        date: Day,
        as_of: Day,
    },
    /// An outcome that is not one of the known words.
    UnknownOutcome {
        line: usize,
        column: String,
        text: String,
    },
    /// An amount that cannot be read as a number of at least 0.
    UnreadableAmount {
        line: usize,
        column: String,
        text: String,
    },
    /// A visit said to be open that has a left date.
    LeftWhileOpen { line: usize, column: String },
    /// Stages the funnel does not have (all of them, once), and the funnel's.
    UnknownStages {
        stages: Vec<String>,
        known: Vec<String>,
    },
    /// Two visits of one deal at once: the first has not ended when the second begins.
    Overlap {
        deal: String,
        first_line: usize,
        second_line: usize,
    },
    /// Change log: a deal's first change (in date order) closes it as won or lost, so the
    /// stage it was in is not in the file. `column` is the stage's column (or the stage
    /// kind's, when that says it), `text` the cell.
    ClosedFirst {
        line: usize,
        column: String,
        text: String,
    },
    /// Change log: one deal closed both as won and as lost with no stage change between
    /// (on one day, or on two): which one holds cannot be told.
    WonAndLost {
        deal: String,
        first_line: usize,
        second_line: usize,
    },
    /// Change log: a change of a deal after the change that won it.
    ChangedAfterWon {
        deal: String,
        won_line: usize,
        line: usize,
    },
}

/// Every error found (up to `MAX_ERRORS`) and how many more there were.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ReadErrors {
    pub errors: Vec<ReadError>,
    pub more: usize,
}

impl ReadErrors {
    pub(super) fn push(&mut self, error: ReadError) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(error);
        } else {
            self.more += 1;
        }
    }

    pub(super) fn one(error: ReadError) -> ReadErrors {
        ReadErrors {
            errors: vec![error],
            more: 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }
}

/// What was read with a caveat.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ReadWarning {
    /// Rows with no text in any field, skipped.
    BlankRows { count: usize, first_line: usize },
    /// Wide rows with no stage date, skipped.
    NoStageDates { count: usize, first_line: usize },
    /// Deals whose rows name different sources: the first named is kept.
    SourceVaries { count: usize, first_line: usize },
    /// Amounts on rows that are not a purchase (the last stage, advanced): a deal's last such
    /// amount is its purchase's when the purchase row has none; the others are not used.
    AmountNotOnPurchase { count: usize, first_line: usize },
    /// Change log: deals moved back to an earlier stage without a loss between; each such
    /// move is read as lost at the later stage and come back at the earlier one.
    MovedBack { count: usize, first_line: usize },
    /// Two columns for one role: the first is read, the other ignored.
    SameRole {
        role: Role,
        kept: String,
        ignored: String,
    },
}

fn list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotText => write!(f, "not a CSV file: the file is not UTF-8 text"),
            ReadError::NotCsv { line } => {
                write!(
                    f,
                    "line {line}: not a CSV file: the line cannot be split into fields"
                )
            }
            ReadError::Empty => write!(f, "the file is empty"),
            ReadError::NoRows => write!(f, "the file has a header but no rows"),
            ReadError::TooLarge { bytes } => write!(
                f,
                "the file is too large ({bytes} bytes): at most {MAX_BYTES} bytes (200 MB) are read"
            ),
            ReadError::TooManyRows => {
                write!(
                    f,
                    "the file has more than {MAX_ROWS} rows, the most that is read"
                )
            }
            ReadError::MissingColumn { role, headers } => write!(
                f,
                "no column for \"{}\": the columns are {}",
                role.name(),
                list(headers)
            ),
            ReadError::NoSuchHeader {
                role,
                header,
                headers,
            } => write!(
                f,
                "the column \"{header}\" given for \"{}\" is not in the file: the columns are {}",
                role.name(),
                list(headers)
            ),
            ReadError::FieldCount {
                line,
                found,
                expected,
            } => write!(
                f,
                "line {line}: {found} fields, but the header has {expected}"
            ),
            ReadError::MissingValue { line, column } => {
                write!(f, "line {line}, column \"{column}\": the value is missing")
            }
            ReadError::UnreadableDate { line, column, text } => write!(
                f,
                "line {line}, column \"{column}\": \"{text}\" is not a date \
                 (YYYY-MM-DD, DD.MM.YYYY, MM/DD/YYYY or DD/MM/YYYY)"
            ),
            ReadError::AmbiguousDates { column, text } => write!(
                f,
                "column \"{column}\": dates such as \"{text}\" can be read as day/month or \
                 month/day, and no date in the file tells which: say which"
            ),
            ReadError::LeftBeforeEntered {
                line,
                column,
                entered,
                left,
            } => write!(
                f,
                "line {line}, column \"{column}\": left on {} before it entered on {}",
                iso_date(*left),
                iso_date(*entered)
            ),
            ReadError::AfterExport {
                line,
                column,
                date,
                as_of,
            } => write!(
                f,
                "line {line}, column \"{column}\": {} is after the export date {}",
                iso_date(*date),
                iso_date(*as_of)
            ),
            ReadError::UnknownOutcome { line, column, text } => write!(
                f,
                "line {line}, column \"{column}\": \"{text}\" is not an outcome \
                 (advanced, lost, open or empty; won, closed won, closed lost, in progress)"
            ),
            ReadError::UnreadableAmount { line, column, text } => write!(
                f,
                "line {line}, column \"{column}\": \"{text}\" is not an amount (a number, at least 0)"
            ),
            ReadError::LeftWhileOpen { line, column } => write!(
                f,
                "line {line}, column \"{column}\": the visit is open but has a date it left"
            ),
            ReadError::UnknownStages { stages, known } => write!(
                f,
                "stages not in the funnel: {}; the funnel's stages are {}",
                list(stages),
                list(known)
            ),
            ReadError::Overlap {
                deal,
                first_line,
                second_line,
            } => write!(
                f,
                "deal \"{deal}\": the visit on line {first_line} has not ended when the one on \
                 line {second_line} begins"
            ),
            ReadError::ClosedFirst { line, column, text } => write!(
                f,
                "line {line}, column \"{column}\": \"{text}\" closes the deal, but it is the \
                 deal's first change: the stage it closed at is not in the file"
            ),
            ReadError::WonAndLost {
                deal,
                first_line,
                second_line,
            } => write!(
                f,
                "deal \"{deal}\": closed on line {first_line} and closed the other way on line \
                 {second_line} with no stage change between: won or lost cannot be told"
            ),
            ReadError::ChangedAfterWon {
                deal,
                won_line,
                line,
            } => write!(
                f,
                "deal \"{deal}\": line {line} changes its stage after it was won on line {won_line}"
            ),
        }
    }
}

impl fmt::Display for ReadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        if self.more > 0 {
            write!(f, "\nand {} more errors", self.more)?;
        }
        Ok(())
    }
}

impl std::error::Error for ReadErrors {}

impl fmt::Display for ReadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadWarning::BlankRows { count, first_line } => write!(
                f,
                "{count} blank rows skipped (the first on line {first_line})"
            ),
            ReadWarning::NoStageDates { count, first_line } => write!(
                f,
                "{count} rows without any stage date skipped (the first on line {first_line})"
            ),
            ReadWarning::SourceVaries { count, first_line } => write!(
                f,
                "{count} deals name different sources on different rows; the first is kept \
                 (line {first_line})"
            ),
            ReadWarning::AmountNotOnPurchase { count, first_line } => write!(
                f,
                "{count} amounts are on rows that are not a purchase (the first on line \
                 {first_line}); a deal's last one is its purchase's value when the purchase \
                 row has none"
            ),
            ReadWarning::MovedBack { count, first_line } => write!(
                f,
                "{count} moves back to an earlier stage without a loss (the first on line \
                 {first_line}): each is read as lost at the later stage and come back at the \
                 earlier one"
            ),
            ReadWarning::SameRole {
                role,
                kept,
                ignored,
            } => write!(
                f,
                "columns \"{kept}\" and \"{ignored}\" are both \"{}\": \"{kept}\" is read",
                role.name()
            ),
        }
    }
}
