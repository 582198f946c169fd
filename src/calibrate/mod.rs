//! Calibration: from a CRM's stage history to a scenario whose rates, delays, volumes and
//! values come from the data (issue 13).
//!
//! `history` is the one shape every CRM export is read into (deals, their stage visits, the
//! export date); reading files into it, estimating from it and reporting on it build on it.
//! `read` reads a CSV export (long or wide, any common dialect) into a `History`, with every
//! error named by line and column; `write` writes a `History` back out in three dialects.

mod assemble;
pub mod columns;
pub mod dates;
pub mod errors;
pub mod history;
mod layout;
mod long;
pub mod read;
pub mod values;
mod wide;
pub mod write;

pub use columns::Role;
pub use dates::DateOrder;
pub use errors::{ReadError, ReadErrors, ReadWarning};
pub use history::{Day, Deal, History, Outcome, Visit};
pub use layout::{ColumnUse, ReadOptions, Reading, Separator, Shape};
pub use read::read;
