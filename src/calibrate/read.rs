//! Reading a CRM export (CSV bytes) into a `History`: the separator, the shape (long: one row
//! per stage visit; wide: one row per deal with a date column per stage; change log: one row
//! per stage change), which column is which, and every row, with every error found named by
//! line and column.
//!
//! The work is two passes over the records: the first checks the rows' lengths, skips blank
//! rows and finds how slash dates are written; the second reads the cells (`long.rs`,
//! `wide.rs` or `changelog.rs`) into raw visits, which `assemble.rs` checks and orders into the
//! history.

use std::collections::HashSet;

use super::assemble;
use super::columns::{self, Role};
use super::dates::{DateOrder, slash_order};
use super::errors::{MAX_BYTES, MAX_ROWS, ReadError, ReadErrors, ReadWarning};
use super::history::Outcome;
use super::layout::{ColumnUse, Layout, ReadOptions, Reading, Row, Separator, Shape};
use super::{changelog, long, wide};

/// The header line's cells (spaces around them dropped) and the separator, as `read` finds
/// them: what the page lists for the person to assign columns even when the rows cannot be
/// read. `None` when the bytes are not text or hold no CSV header line.
pub fn headers(bytes: &[u8]) -> Option<(Separator, Vec<String>)> {
    let bytes = bytes.get(..bytes.len().min(MAX_BYTES))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // The header line is all that is needed: a cut inside a character is harmless here.
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => std::str::from_utf8(&bytes[..error.valid_up_to()]).ok()?,
    };
    if text.trim().is_empty() || text.contains('\0') {
        return None;
    }
    let separator = detect_separator(text);
    let mut header = None;
    each_record(text, separator, |record| {
        header = record
            .ok()
            .map(|(_, cells)| cells.iter().map(|h| h.trim().to_string()).collect());
        false
    });
    header.map(|headers| (separator, headers))
}

/// Reads a CRM export. Never panics; on failure returns every error found (up to
/// `errors::MAX_ERRORS`, the rest counted).
pub fn read(bytes: &[u8], options: &ReadOptions) -> Result<Reading, ReadErrors> {
    if bytes.len() > MAX_BYTES {
        return Err(ReadErrors::one(ReadError::TooLarge { bytes: bytes.len() }));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(ReadErrors::one(ReadError::NotText));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(ReadErrors::one(ReadError::NotText));
    };
    if text.trim().is_empty() {
        return Err(ReadErrors::one(ReadError::Empty));
    }
    let separator = detect_separator(text);
    let mut header: Option<Result<Vec<String>, usize>> = None;
    each_record(text, separator, |record| {
        header =
            Some(record.map(|(_, cells)| cells.iter().map(|h| h.trim().to_string()).collect()));
        false
    });
    let headers = match header {
        Some(Ok(headers)) => headers,
        Some(Err(line)) => return Err(ReadErrors::one(ReadError::NotCsv { line })),
        None => return Err(ReadErrors::one(ReadError::Empty)),
    };
    let mut warnings = Vec::new();
    let layout = assign(&headers, options, &mut warnings)?;
    let order = first_pass(text, separator, &layout, options, &mut warnings)?;
    let mut errors = ReadErrors::default();
    let (deals, stages) = match layout.shape {
        Shape::Long => {
            let mut reader = long::Reader::new(&layout, options, order);
            for_each_row(text, separator, &layout, |row| reader.row(row, &mut errors));
            reader.finish(&mut warnings)
        }
        Shape::Wide => {
            let mut reader = wide::Reader::new(&layout, options, order);
            for_each_row(text, separator, &layout, |row| reader.row(row, &mut errors));
            reader.finish(&mut warnings)
        }
        Shape::ChangeLog => {
            let mut reader = changelog::Reader::new(&layout, options, order);
            for_each_row(text, separator, &layout, |row| reader.row(row, &mut errors));
            reader.finish(&mut errors, &mut warnings)
        }
    };
    let history = assemble::assemble(deals, stages, &layout, options, &mut errors, &mut warnings);
    match history {
        Some(history) if errors.is_empty() => Ok(Reading {
            history,
            shape: layout.shape,
            separator,
            headers: layout.headers,
            columns: layout.uses,
            warnings,
        }),
        _ => Err(errors),
    }
}

/// Calls `f` on every data row that is not blank and has as many fields as the header (the
/// first pass reported the others).
fn for_each_row(text: &str, separator: Separator, layout: &Layout, mut f: impl FnMut(&Row)) {
    let mut first = true;
    each_record(text, separator, |record| {
        let Ok((line, cells)) = record else {
            return false;
        };
        if !std::mem::take(&mut first) && !is_blank(cells) && cells.len() >= layout.headers.len() {
            f(&Row { line, cells });
        }
        true
    });
}

/// Calls `f` on each record of `text` with its first line (the same record reused), or on the
/// line where splitting failed, until `f` returns `false`.
fn each_record(
    text: &str,
    separator: Separator,
    mut f: impl FnMut(Result<(usize, &csv::StringRecord), usize>) -> bool,
) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator.byte())
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // Lines are counted here rather than by the reader, which counts a CRLF file's rows from
    // the line before (it starts a record at the `\n` of the previous line's `\r\n`).
    let bytes = text.as_bytes();
    let (mut counted_to, mut lines) = (0usize, 1usize);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                let mut start = record.position().map_or(0, |p| p.byte() as usize);
                while bytes.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
                    start += 1;
                }
                let start = start.min(bytes.len()).max(counted_to);
                lines += bytes[counted_to..start]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                counted_to = start;
                if !f(Ok((lines, &record))) {
                    return;
                }
            }
            Ok(false) => return,
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line() as usize);
                f(Err(line));
                return;
            }
        }
    }
}

fn is_blank(cells: &csv::StringRecord) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// The separator of the header line: the most frequent of tab, semicolon and comma outside
/// quotes (ties in that order; a comma when there is none).
fn detect_separator(text: &str) -> Separator {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            '\t' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = counts.iter().copied().max().unwrap_or(0);
    if best == 0 || counts[2] == best {
        if counts[0] == best && best > 0 {
            Separator::Tab
        } else if counts[1] == best && best > 0 {
            Separator::Semicolon
        } else {
            Separator::Comma
        }
    } else if counts[0] == best {
        Separator::Tab
    } else {
        Separator::Semicolon
    }
}

/// Which column is which: the person's mapping first, then the names of `columns::SYNONYMS`
/// (by `columns::rank`), then the wide shape's per-stage columns. The shape is wide when it has
/// per-stage entry columns and no column for `entered` (or only a change's date, which is a
/// record date there); a change log when it has deal, stage and entered columns and none for
/// `left` or `outcome`; long otherwise.
fn assign(
    headers: &[String],
    options: &ReadOptions,
    warnings: &mut Vec<ReadWarning>,
) -> Result<Layout, ReadErrors> {
    let mut errors = ReadErrors::default();
    let mut uses = vec![ColumnUse::Ignored; headers.len()];
    let mut taken: HashSet<Role> = HashSet::new();
    for (role, header) in &options.columns {
        let wanted = columns::normalise(header);
        match headers
            .iter()
            .position(|h| columns::normalise(h) == wanted && !wanted.is_empty())
        {
            Some(c) if taken.insert(*role) => uses[c] = ColumnUse::Role(*role),
            Some(_) => {}
            None => errors.push(ReadError::NoSuchHeader {
                role: *role,
                header: header.clone(),
                headers: headers.to_vec(),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mapped: Vec<bool> = uses.iter().map(|u| *u != ColumnUse::Ignored).collect();
    // Headers a role is known by first take it before the names that yield (`columns::rank`),
    // each in the file's order.
    let mut by_rank: Vec<usize> = (0..headers.len()).collect();
    by_rank.sort_by_key(|&c| columns::rank(&headers[c]));
    for &c in &by_rank {
        let header = &headers[c];
        if mapped[c] {
            continue;
        }
        if let Some(role) = columns::role_of(header) {
            if taken.insert(role) {
                uses[c] = ColumnUse::Role(role);
            } else if let Some(kept) = uses.iter().position(|u| *u == ColumnUse::Role(role)) {
                warnings.push(ReadWarning::SameRole {
                    role,
                    kept: headers[kept].clone(),
                    ignored: header.clone(),
                });
            }
        }
    }
    for (c, header) in headers.iter().enumerate() {
        if mapped[c] || columns::role_of(header).is_some() {
            continue;
        }
        if let Some(column) = columns::stage_column(header) {
            uses[c] = match (columns::outcome_stage(&column.stage), column.exited) {
                (Some(Outcome::Advanced), false) => ColumnUse::WonDate,
                (Some(_), false) => ColumnUse::LostDate,
                (Some(_), true) => ColumnUse::Ignored,
                (None, false) => ColumnUse::StageEntered(column.stage),
                (None, true) => ColumnUse::StageExited(column.stage),
            };
        }
    }
    let has_stage_columns = uses.iter().any(|u| matches!(u, ColumnUse::StageEntered(_)));
    // A change's date (`Last Modified Date`) is also a wide export's record date.
    let entered = uses
        .iter()
        .position(|u| *u == ColumnUse::Role(Role::Entered));
    let record_date = entered.is_some_and(|c| !mapped[c] && columns::is_record_date(&headers[c]));
    let shape = if has_stage_columns && (entered.is_none() || record_date) {
        Shape::Wide
    } else if [Role::Deal, Role::Stage, Role::Entered]
        .iter()
        .all(|r| taken.contains(r))
        && !taken.contains(&Role::Left)
        && !taken.contains(&Role::Outcome)
    {
        Shape::ChangeLog
    } else {
        Shape::Long
    };
    // What a shape does not read is shown as not read.
    let unread: &[Role] = match shape {
        Shape::Long => &[Role::StageKind],
        Shape::Wide => &[Role::StageKind, Role::Entered],
        Shape::ChangeLog => &[Role::CloseDate],
    };
    for used in &mut uses {
        let ignored = match used {
            ColumnUse::Role(role) => unread.contains(role),
            _ => shape != Shape::Wide,
        };
        if ignored {
            *used = ColumnUse::Ignored;
        }
    }
    if shape == Shape::Wide {
        wide::name_stages(&mut uses);
    }
    let required: &[Role] = match shape {
        Shape::Long => &[Role::Deal, Role::Stage, Role::Entered, Role::Outcome],
        Shape::Wide => &[Role::Deal],
        Shape::ChangeLog => &[Role::Deal, Role::Stage, Role::Entered],
    };
    for role in required {
        if !taken.contains(role) {
            errors.push(ReadError::MissingColumn {
                role: *role,
                headers: headers.to_vec(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Layout {
        headers: headers.to_vec(),
        uses,
        shape,
    })
}

/// The first pass: rows of the wrong length, blank rows, too many rows, and the slash-date
/// order (the person's, else the first value that decides it).
fn first_pass(
    text: &str,
    separator: Separator,
    layout: &Layout,
    options: &ReadOptions,
    warnings: &mut Vec<ReadWarning>,
) -> Result<Option<DateOrder>, ReadErrors> {
    let mut errors = ReadErrors::default();
    let expected = layout.headers.len();
    let date_columns = layout.date_columns();
    let mut rows = 0usize;
    let (mut blank, mut first_blank) = (0usize, 0usize);
    let mut decided = options.date_order;
    let mut undecided: Option<(usize, String)> = None;
    let mut first = true;
    let mut too_many = false;
    each_record(text, separator, |record| {
        if std::mem::take(&mut first) {
            return true;
        }
        let (line, cells) = match record {
            Ok(record) => record,
            Err(line) => {
                errors.push(ReadError::NotCsv { line });
                return false;
            }
        };
        if is_blank(cells) {
            blank += 1;
            if first_blank == 0 {
                first_blank = line;
            }
            return true;
        }
        rows += 1;
        if rows > MAX_ROWS {
            too_many = true;
            return false;
        }
        let extra_empty = cells.iter().skip(expected).all(|c| c.trim().is_empty());
        if cells.len() < expected || !extra_empty {
            errors.push(ReadError::FieldCount {
                line,
                found: cells.len(),
                expected,
            });
            return true;
        }
        if decided.is_none() {
            for &c in &date_columns {
                let cell = cells.get(c).unwrap_or("").trim();
                match slash_order(cell) {
                    Some(Some(order)) => {
                        decided = Some(order);
                        break;
                    }
                    Some(None) if undecided.is_none() => {
                        undecided = Some((c, cell.to_string()));
                    }
                    _ => {}
                }
            }
        }
        true
    });
    if too_many {
        return Err(ReadErrors::one(ReadError::TooManyRows));
    }
    if blank > 0 {
        warnings.push(ReadWarning::BlankRows {
            count: blank,
            first_line: first_blank,
        });
    }
    if rows == 0 && errors.is_empty() {
        errors.push(ReadError::NoRows);
    }
    if let (None, Some((column, text))) = (decided, undecided) {
        errors.push(ReadError::AmbiguousDates {
            column: layout.headers[column].clone(),
            text,
        });
    }
    if errors.is_empty() {
        Ok(decided)
    } else {
        Err(errors)
    }
}
