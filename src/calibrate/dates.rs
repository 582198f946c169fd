//! Dates as CRM exports write them, read into whole `Day`s: ISO `YYYY-MM-DD` (or `YYYY/MM/DD`),
//! `DD.MM.YYYY`, and slash dates `MM/DD/YYYY` or `DD/MM/YYYY`, each optionally followed by a
//! time of day (`T10:00`, ` 10:00:00`, `Z`, `+03:00`, ` 9:30 PM`), which is dropped.
//!
//! Slash dates are ambiguous: `03/04/2026` is 4 March in the United States and 3 April in most
//! of Europe. [`DateOrder`] says which; `slash_order` finds the one a value decides (a first
//! part above 12 can only be a day, a second part above 12 only a day too).

use super::history::{Day, day_from_date};

/// How slash dates are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DateOrder {
    /// `DD/MM/YYYY`.
    DayFirst,
    /// `MM/DD/YYYY`.
    MonthFirst,
}

/// The date part of a cell, split into its numbers and the separator between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parts {
    first: u32,
    second: u32,
    third: u32,
    separator: u8,
    /// Four digits first (`YYYY-MM-DD`), else four digits last.
    year_first: bool,
}

/// Whether `text` is a slash date (`a/b/YYYY`), and if so which order its numbers force:
/// `Some(Some(order))` when one part is above 12, `Some(None)` when both could be a month.
pub fn slash_order(text: &str) -> Option<Option<DateOrder>> {
    let parts = parts(text)?;
    if parts.separator != b'/' || parts.year_first {
        return None;
    }
    Some(match (parts.first > 12, parts.second > 12) {
        (true, false) => Some(DateOrder::DayFirst),
        (false, true) => Some(DateOrder::MonthFirst),
        _ => None,
    })
}

/// The day a cell names, or `None` when it is not a date of one of the accepted forms or does
/// not exist (31 April). Slash dates need `order`; without it they are not read.
pub fn parse_day(text: &str, order: Option<DateOrder>) -> Option<Day> {
    let parts = parts(text)?;
    let (year, month, day) = match parts.separator {
        // YYYY-MM-DD or YYYY/MM/DD: a four-digit year first.
        b'-' | b'/' if parts.year_first => (parts.first, parts.second, parts.third),
        b'.' if !parts.year_first => (parts.third, parts.second, parts.first),
        b'/' => match order? {
            DateOrder::DayFirst => (parts.third, parts.second, parts.first),
            DateOrder::MonthFirst => (parts.third, parts.first, parts.second),
        },
        _ => return None,
    };
    day_from_date(i32::try_from(year).ok()?, month, day)
}

/// Splits `text` into three numbers with one separator (`-`, `.` or `/`) and checks that what
/// follows, if anything, is a time of day.
fn parts(text: &str) -> Option<Parts> {
    let text = text.trim();
    let date_end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '.' || c == '/'))
        .unwrap_or(text.len());
    let (date, rest) = text.split_at(date_end);
    if !is_time_of_day(rest) {
        return None;
    }
    // A trailing `.` (`05.01.2026.`) is not a date.
    let separator = *date.as_bytes().iter().find(|b| !b.is_ascii_digit())?;
    let mut numbers = date.split(separator as char);
    let mut next = || -> Option<u32> {
        let digits = numbers.next()?;
        if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()
    };
    let (first, second, third) = (next()?, next()?, next()?);
    if numbers.next().is_some() {
        return None;
    }
    // Month and day have one or two digits; the year four (checked by the callers' ranges).
    let lengths: Vec<usize> = date.split(separator as char).map(str::len).collect();
    let year_first = lengths[0] == 4;
    let ok = if year_first {
        lengths[1] <= 2 && lengths[2] <= 2
    } else {
        lengths[0] <= 2 && lengths[1] <= 2 && lengths[2] == 4
    };
    ok.then_some(Parts {
        first,
        second,
        third,
        separator,
        year_first,
    })
}

/// What may follow a date: nothing, `Z`, or `T`/space and a time of day with an optional
/// offset or AM/PM (`T10:00`, ` 10:00:00.123`, `T10:00:00+03:00`, ` 9:30 PM`).
fn is_time_of_day(rest: &str) -> bool {
    if rest.is_empty() || rest == "Z" {
        return true;
    }
    let Some(time) = rest
        .strip_prefix('T')
        .or_else(|| rest.strip_prefix(' '))
        .map(str::trim)
    else {
        return false;
    };
    let time = time
        .strip_suffix("AM")
        .or_else(|| time.strip_suffix("PM"))
        .or_else(|| time.strip_suffix("am"))
        .or_else(|| time.strip_suffix("pm"))
        .unwrap_or(time)
        .trim_end();
    let mut chars = time.chars();
    chars.next().is_some_and(|c| c.is_ascii_digit())
        && time.contains(':')
        && chars.all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | ',' | '+' | '-' | 'Z'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_times() {
        let day = day_from_date(2026, 3, 4);
        assert_eq!(parse_day("2026-03-04", None), day);
        assert_eq!(parse_day("2026/03/04", None), day);
        assert_eq!(parse_day("04.03.2026", None), day);
        assert_eq!(parse_day("4.3.2026", None), day);
        assert_eq!(parse_day("0500-01-02", None), day_from_date(500, 1, 2));
        assert_eq!(parse_day("2026-03-04T10:00", None), day);
        assert_eq!(parse_day("2026-03-04T10:00:00Z", None), day);
        assert_eq!(parse_day("2026-03-04Z", None), day);
        assert_eq!(parse_day("2026-03-04 10:00:00+03:00", None), day);
        assert_eq!(parse_day("04.03.2026 9:30", None), day);
        assert_eq!(
            parse_day("03/04/2026 9:30 PM", Some(DateOrder::MonthFirst)),
            day
        );
        assert_eq!(parse_day("04/03/2026", Some(DateOrder::DayFirst)), day);
        assert_eq!(parse_day("03/04/2026", None), None);
        for bad in [
            "",
            "2026-3",
            "2026-02-30",
            "04.03.26",
            "2026-03-04 noon",
            "2026-03-04x",
            "1.2.3.2026",
            "20260304",
            "-1-03-04",
            "2026-03-04T",
            "04.03.2026.",
        ] {
            assert_eq!(parse_day(bad, Some(DateOrder::DayFirst)), None, "{bad:?}");
        }
    }

    #[test]
    fn slash_dates_decide_their_order_when_a_part_is_above_twelve() {
        assert_eq!(slash_order("13/04/2026"), Some(Some(DateOrder::DayFirst)));
        assert_eq!(slash_order("04/13/2026"), Some(Some(DateOrder::MonthFirst)));
        assert_eq!(slash_order("04/03/2026 10:00"), Some(None));
        assert_eq!(slash_order("2026/04/03"), None);
        assert_eq!(slash_order("04.03.2026"), None);
    }
}
