//! What the reader decided about a file and what it tells the page: the person's options, the
//! shape, the separator, what each column is used for, and the rows as the readers of each
//! shape see them (`read.rs` decides, `long.rs`, `wide.rs`, `changelog.rs` and `assemble.rs`
//! read).

use super::columns::Role;
use super::dates::DateOrder;
use super::errors::ReadWarning;
use super::history::{Day, History};

/// What the person says about the file; every field may be left to the reader.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadOptions {
    /// The export date; default the latest date in the file.
    pub as_of: Option<Day>,
    /// The funnel's stage names in order. Stage names in the file are matched to them without
    /// case or surrounding spaces, and stages it does not have are an error. Without a funnel
    /// the stages are ordered as the deals go through them (`assemble::stage_order`), and in
    /// the wide shape as its columns are.
    pub stages: Option<Vec<String>>,
    /// How slash dates are written; needed only when no date in the file tells.
    pub date_order: Option<DateOrder>,
    /// Columns the person assigned: role and header (as the file writes it, matched without
    /// case). These win over the names the reader recognises.
    pub columns: Vec<(Role, String)>,
}

/// The file's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Shape {
    /// One row per stage visit (the canonical file).
    Long,
    /// One row per deal, a date column per stage (HubSpot's export, spreadsheet trackers).
    Wide,
    /// One row per stage change: deal, the stage it moved to, the day (Salesforce's
    /// Opportunity History, Pipedrive's deal flow, Bitrix24's stage history, amoCRM's status
    /// events); won and lost are rows of their own (`changelog.rs`).
    ChangeLog,
}

/// The separator found in the header line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Separator {
    Comma,
    Semicolon,
    Tab,
}

impl Separator {
    pub fn byte(self) -> u8 {
        match self {
            Separator::Comma => b',',
            Separator::Semicolon => b';',
            Separator::Tab => b'\t',
        }
    }
}

/// What one column was used for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ColumnUse {
    Role(Role),
    /// Wide shape: the day the deal entered this stage (the history's name for it).
    StageEntered(String),
    /// Wide shape: the day the deal left this stage.
    StageExited(String),
    /// Wide shape: a `Date entered Closed Won` column, the day the deal was won.
    WonDate,
    /// Wide shape: a `Date entered Closed Lost` column, the day the deal was lost.
    LostDate,
    /// Not read.
    Ignored,
}

/// A file read: the history and what the page shows about how it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub history: History,
    pub shape: Shape,
    pub separator: Separator,
    /// The header's cells, as the file writes them (spaces around them dropped).
    pub headers: Vec<String>,
    /// What each header was used for, in the headers' order.
    pub columns: Vec<ColumnUse>,
    pub warnings: Vec<ReadWarning>,
}

/// The columns as assigned, by index into the headers.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    pub headers: Vec<String>,
    pub uses: Vec<ColumnUse>,
    pub shape: Shape,
}

impl Layout {
    /// The column playing `role`.
    pub fn column(&self, role: Role) -> Option<usize> {
        self.uses.iter().position(|u| *u == ColumnUse::Role(role))
    }

    /// The name errors give a column: its header, or the role's name when there is none.
    pub fn name(&self, column: Option<usize>, role: Role) -> String {
        column
            .and_then(|c| self.headers.get(c).cloned())
            .unwrap_or_else(|| role.name().to_string())
    }

    /// Every column holding dates.
    pub(super) fn date_columns(&self) -> Vec<usize> {
        (0..self.uses.len())
            .filter(|&c| {
                matches!(
                    &self.uses[c],
                    ColumnUse::Role(Role::Entered | Role::Left | Role::CloseDate)
                        | ColumnUse::StageEntered(_)
                        | ColumnUse::StageExited(_)
                        | ColumnUse::WonDate
                        | ColumnUse::LostDate
                )
            })
            .collect()
    }
}

/// One data row: its file line and trimmed cells.
pub(super) struct Row<'a> {
    pub line: usize,
    pub cells: &'a csv::StringRecord,
}

impl Row<'_> {
    pub fn cell(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.cells.get(c))
            .map(str::trim)
            .unwrap_or("")
    }
}
