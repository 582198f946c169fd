//! A CRM history as calibration reads it: deals, each with its stage visits in the order they
//! happened, and the export date on which visits without an end are still open.
//!
//! Dates are whole days (`Day`, days since 1970-01-01 in the proleptic Gregorian calendar): a
//! time of day in a file is dropped, so a visit's duration is a whole number of days.

/// A calendar date as a day number: days since 1970-01-01 (negative before it).
pub type Day = i32;

/// How a stage visit ended, as of the export date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Went on to the next stage (on the last stage: the purchase).
    Advanced,
    /// Lost at this stage (it may come back later, from nurture, at an earlier stage).
    Lost,
    /// Still in the stage on the export date.
    Open,
}

/// One deal's stay in one stage.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    /// Index into `History::stages`.
    pub stage: usize,
    pub entered: Day,
    /// The day it left the stage; `None` while it is open on the export date.
    pub left: Option<Day>,
    pub outcome: Outcome,
    /// The purchase's value, on the visit of the last stage that advanced.
    pub amount: Option<f64>,
    /// The file's line this visit was read from (1-based, the header being line 1), so that
    /// messages can name it; 0 for a history not read from a file.
    pub line: usize,
}

/// One deal (or lead) and its visits.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    pub id: String,
    /// Index into `History::sources`; `None` when the file gives no channel.
    pub source: Option<usize>,
    /// In the order they happened: by entry day, ties in file order.
    pub visits: Vec<Visit>,
}

/// A whole history.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    /// Stage names in the funnel's order.
    pub stages: Vec<String>,
    /// Channel names, in order of first appearance.
    pub sources: Vec<String>,
    pub deals: Vec<Deal>,
    /// The export date: every visit without `left` is open on this day.
    pub as_of: Day,
}

impl History {
    /// The first day of the observed window: the earliest entry (the export date when there is
    /// no visit).
    pub fn first_day(&self) -> Day {
        self.deals
            .iter()
            .flat_map(|d| d.visits.iter().map(|v| v.entered))
            .min()
            .unwrap_or(self.as_of)
    }

    /// Days observed: from the first entry to the export date, both included.
    pub fn window_days(&self) -> u32 {
        u32::try_from(self.as_of - self.first_day() + 1).unwrap_or(0)
    }
}

/// The day number of a calendar date, or `None` when the date does not exist (month 13,
/// 31 April, 29 February of a common year) or is out of the range 1..=9999.
pub fn day_from_date(year: i32, month: u32, day: u32) -> Option<Day> {
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day < 1 {
        return None;
    }
    if day > days_in_month(year, month) {
        return None;
    }
    // Howard Hinnant's days_from_civil: years start in March, so the leap day is last.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let m = month as i32;
    let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// The calendar date (year, month, day) of a day number: the inverse of `day_from_date`.
pub fn date_from_day(day: Day) -> (i32, u32, u32) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let d = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = year_of_era + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

/// `YYYY-MM-DD` of a day number.
pub fn iso_date(day: Day) -> String {
    let (y, m, d) = date_from_day(day);
    format!("{y:04}-{m:02}-{d:02}")
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_of_known_dates() {
        assert_eq!(day_from_date(1970, 1, 1), Some(0));
        assert_eq!(day_from_date(1970, 1, 2), Some(1));
        assert_eq!(day_from_date(1969, 12, 31), Some(-1));
        assert_eq!(day_from_date(2000, 3, 1), Some(11_017));
        assert_eq!(day_from_date(2026, 12, 1), Some(20_788));
        assert_eq!(
            day_from_date(2024, 2, 29).map(|d| d + 1),
            day_from_date(2024, 3, 1)
        );
        assert_eq!(day_from_date(2023, 2, 29), None);
        assert_eq!(day_from_date(1900, 2, 29), None);
        assert!(day_from_date(2000, 2, 29).is_some());
        assert_eq!(day_from_date(2026, 4, 31), None);
        assert_eq!(day_from_date(2026, 13, 1), None);
        assert_eq!(day_from_date(2026, 0, 1), None);
        assert_eq!(day_from_date(2026, 1, 0), None);
        assert_eq!(day_from_date(10_000, 1, 1), None);
    }

    #[test]
    fn dates_round_trip_over_centuries() {
        let first = day_from_date(1, 1, 1).expect("year 1");
        let last = day_from_date(9999, 12, 31).expect("year 9999");
        let mut previous = None;
        for day in (first..=last).step_by(7) {
            let (y, m, d) = date_from_day(day);
            assert_eq!(day_from_date(y, m, d), Some(day), "{y}-{m}-{d}");
            if let Some(p) = previous {
                assert!(date_from_day(p) < (y, m, d));
            }
            previous = Some(day);
        }
        assert_eq!(iso_date(20_788), "2026-12-01");
        assert_eq!(iso_date(-1), "1969-12-31");
    }
}
