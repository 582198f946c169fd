//! The cells of a CRM export that are not dates: amounts and outcome words.
//!
//! **Amounts** are read per value, whatever the file's language, by these rules:
//! 1. a currency sign or code at either end is dropped (`$`, `€`, `₽`, `USD`, `руб.`, ...), and
//!    so are spaces anywhere (also no-break and thin spaces) and apostrophes (`1'234.50`);
//!    a leading `-` makes the amount negative, which is refused (a purchase is worth at least 0);
//! 2. with both `.` and `,`, the one written last is the decimal mark and the other groups
//!    thousands (`1,234.50`, `1.234,50`);
//! 3. one mark written more than once groups thousands (`1,234,567`, `1.234.567`);
//! 4. one mark written once is the decimal mark (`1234,5`, `99.90`), except when exactly three
//!    digits follow it, the digits before it are not `0` and no space grouped the digits: then
//!    it groups thousands (`1,234` and `1.234` are 1234; `0.125` and `1 234,567` are decimals);
//! 5. groups of thousands have three digits after the first (`1,23,4` is not read).
//!
//! **Outcomes**: `advanced`, `lost`, empty or `open`, and what CRMs write for them, without
//! case: won, closed won, win, success, purchased; lost, closed lost, lose, failed; open, in
//! progress, active; in Russian `выиграна`, `успешно`, `успешно реализовано`, `сделка успешна`,
//! `проиграна`, `закрыта и не реализована`, `закрыто и не реализовано`, `сделка провалена`,
//! `в работе`; in Chinese 赢单, 成交, 输单, 丢单, 进行中.

use super::history::Outcome;

/// The outcome a cell names (`Some(Outcome::Open)` for an empty cell), `None` for other text.
pub fn parse_outcome(text: &str) -> Option<Outcome> {
    let word = normalise(text);
    OUTCOME_WORDS
        .iter()
        .find(|(words, _)| words.contains(&word.as_str()))
        .map(|(_, outcome)| *outcome)
}

/// Every word read as an outcome, lower case, single spaces.
const OUTCOME_WORDS: &[(&[&str], Outcome)] = &[
    (
        &[
            "advanced",
            "advance",
            "won",
            "win",
            "closed won",
            "closed/won",
            "closed - won",
            "success",
            "successful",
            "purchased",
            "converted",
            "выиграна",
            "выиграно",
            "успешно",
            "успешно реализовано",
            "успешно реализована",
            "сделка успешна",
            "успешна",
            "赢单",
            "成交",
            "已成交",
        ],
        Outcome::Advanced,
    ),
    (
        &[
            "lost",
            "lose",
            "closed lost",
            "closed/lost",
            "closed - lost",
            "failed",
            "проиграна",
            "проиграно",
            "закрыта и не реализована",
            "закрыто и не реализовано",
            "не реализовано",
            "сделка провалена",
            "провалена",
            "输单",
            "丢单",
        ],
        Outcome::Lost,
    ),
    (
        &[
            "",
            "open",
            "in progress",
            "active",
            "pending",
            "в работе",
            "открыта",
            "进行中",
        ],
        Outcome::Open,
    ),
];

/// Lower case, surrounding spaces and quotes dropped, inner runs of spaces (and `_`) as one.
pub fn normalise(text: &str) -> String {
    let lower = text.trim().trim_matches('"').to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for word in lower
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Characters that group digits and are dropped: spaces of every kind and apostrophes.
fn is_grouping_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '’')
}

/// An amount in a cell, by the rules of this module's header; `None` when it cannot be read
/// (an empty cell is the caller's business).
pub fn parse_amount(text: &str) -> Option<f64> {
    // 1. Currency at either end: at the end anything after the last digit; at the start
    // anything before the first digit, sign or mark, and a mark that no digit follows (`руб. 5`).
    let text = text.trim();
    let core = text.trim_end_matches(|c: char| !c.is_ascii_digit());
    let mut core = core
        .trim_start_matches(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | ',')));
    let negative = core.starts_with('-');
    if negative {
        return None;
    }
    core = core.strip_prefix('+').unwrap_or(core);
    while let Some(rest) = core.strip_prefix(['.', ','])
        && !rest.starts_with(|c: char| c.is_ascii_digit())
    {
        core = rest.trim_start_matches(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',')));
    }
    let core = core.trim();
    let spaced = core.contains(is_grouping_space);
    let digits: String = core.chars().filter(|&c| !is_grouping_space(c)).collect();
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let dots = digits.matches('.').count();
    let commas = digits.matches(',').count();
    let (group, decimal) = match (dots, commas) {
        (0, 0) => (None, None),
        (_, 0) | (0, _) => {
            let mark = if dots > 0 { '.' } else { ',' };
            if dots + commas > 1 {
                (Some(mark), None)
            } else {
                let (before, after) = digits.split_once(mark)?;
                let thousands = after.len() == 3 && !spaced && !before.is_empty() && before != "0";
                if thousands {
                    (Some(mark), None)
                } else {
                    (None, Some(mark))
                }
            }
        }
        _ => {
            let last_dot = digits.rfind('.')?;
            let last_comma = digits.rfind(',')?;
            if last_dot > last_comma {
                (Some(','), Some('.'))
            } else {
                (Some('.'), Some(','))
            }
        }
    };
    let (whole, fraction) = match decimal {
        Some(mark) => {
            let (whole, fraction) = digits.rsplit_once(mark)?;
            if fraction.contains(['.', ',']) {
                return None;
            }
            (whole, fraction)
        }
        None => (digits.as_str(), ""),
    };
    let whole = match group {
        Some(mark) => {
            let mut groups = whole.split(mark);
            let first = groups.next()?;
            if first.is_empty() || first.len() > 3 {
                return None;
            }
            let mut joined = first.to_string();
            for group in groups {
                if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                joined.push_str(group);
            }
            joined
        }
        None => whole.to_string(),
    };
    if whole.contains(['.', ',']) || (whole.is_empty() && fraction.is_empty()) {
        return None;
    }
    let number = format!(
        "{}.{}",
        if whole.is_empty() { "0" } else { &whole },
        if fraction.is_empty() { "0" } else { fraction }
    );
    number.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// An amount written so that `parse_amount` reads it back exactly, with `decimal` as the mark:
/// the shortest text that round-trips, and a `0` added when exactly three decimals would be
/// read as a thousands group (`1234.5670`).
pub fn amount_text(amount: f64, decimal: char) -> String {
    let mut text = format!("{amount}");
    if let Some((_, fraction)) = text.split_once('.')
        && fraction.len() == 3
    {
        text.push('0');
    }
    if decimal != '.' {
        text = text.replace('.', &decimal.to_string());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_by_the_rules() {
        let cases: &[(&str, Option<f64>)] = &[
            ("1234", Some(1234.0)),
            ("1 234,50", Some(1234.5)),
            ("1\u{a0}234,50 ₽", Some(1234.5)),
            ("1.234,50", Some(1234.5)),
            ("1,234.50", Some(1234.5)),
            ("$1,234.50", Some(1234.5)),
            ("USD 99.90", Some(99.9)),
            ("99,9 руб.", Some(99.9)),
            ("1,234", Some(1234.0)),
            ("1.234", Some(1234.0)),
            ("0.125", Some(0.125)),
            ("1 234,567", Some(1234.567)),
            ("1234.5670", Some(1234.567)),
            ("1,234,567", Some(1_234_567.0)),
            ("1.234.567,5", Some(1_234_567.5)),
            ("1'234.50", Some(1234.5)),
            ("€ 12", Some(12.0)),
            (".5", Some(0.5)),
            ("-5", None),
            ("abc", None),
            ("1,23,4", None),
            ("1.2.3,4,5", None),
            ("12,34.56,78", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_amount(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn written_amounts_read_back() {
        for amount in [0.0, 1.5, 1234.567, 0.125, 1e21, 123_456.789, 5e-7] {
            assert_eq!(parse_amount(&amount_text(amount, '.')), Some(amount));
            assert_eq!(parse_amount(&amount_text(amount, ',')), Some(amount));
        }
    }

    #[test]
    fn outcome_words() {
        assert_eq!(parse_outcome(" Closed Won "), Some(Outcome::Advanced));
        assert_eq!(
            parse_outcome("ЗАКРЫТО И НЕ РЕАЛИЗОВАНО"),
            Some(Outcome::Lost)
        );
        assert_eq!(parse_outcome("in_progress"), Some(Outcome::Open));
        assert_eq!(parse_outcome(""), Some(Outcome::Open));
        assert_eq!(parse_outcome("maybe"), None);
    }
}
