//! Reading numbers as people type them, in their language. (Conversion rates have one reader
//! for every locale, `app_model::rate_input`.)
//!
//! The locale decides only whether `,` is a decimal mark (Russian) or groups thousands
//! (`1,000` in English and Chinese); a `.` decimal mark is read in every locale.

use super::Locale;

/// A number found in typed text.
#[derive(Debug, Clone, Copy)]
struct Number {
    value: f64,
    /// Characters from the start of the text to the number's first and past its last.
    span: (usize, usize),
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// The numbers in `text` in order. Digits grouped by a space (any locale) or by `,`
/// (English and Chinese) in threes are one number; `.`, or `,` where it does not group,
/// marks decimals.
fn numbers(locale: Locale, text: &str) -> Vec<Number> {
    let chars: Vec<char> = text.chars().collect();
    let three_digits_then_end = |at: usize| {
        (at..at + 3).all(|i| chars.get(i).is_some_and(char::is_ascii_digit))
            && !chars.get(at + 3).is_some_and(char::is_ascii_digit)
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = String::new();
        let mut whole = true;
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_digit() {
                digits.push(c);
                i += 1;
            } else if (is_space(c) || (c == ',' && locale != Locale::Ru))
                && whole
                && three_digits_then_end(i + 1)
            {
                i += 1;
            } else if (c == '.' || c == ',')
                && whole
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            {
                digits.push('.');
                whole = false;
                i += 1;
            } else {
                break;
            }
        }
        if let Ok(value) = digits.parse::<f64>() {
            found.push(Number {
                value,
                span: (start, i),
            });
        }
    }
    found
}

/// Reads a plain number typed in `locale`: `1,234.5` in English, `1 234,5` in Russian (a
/// `.` decimal mark is accepted too), with an optional leading minus. `None` when the text
/// holds anything else.
pub fn parse_number(locale: Locale, text: &str) -> Option<f64> {
    let text = text.trim_matches(is_space);
    let (sign, rest) = match text.strip_prefix(['-', '−']) {
        Some(rest) => (-1.0, rest.trim_start_matches(is_space)),
        None => (1.0, text.strip_prefix('+').unwrap_or(text)),
    };
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',') || is_space(c);
    if rest.is_empty() || !rest.chars().all(allowed) {
        return None;
    }
    match numbers(locale, rest).as_slice() {
        // Every character must be part of the one number: "1 2" is two numbers.
        [number] if number.span == (0, rest.chars().count()) => Some(sign * number.value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_plain_numbers() {
        assert_eq!(parse_number(Locale::En, "1,234.5"), Some(1234.5));
        assert_eq!(parse_number(Locale::Ru, "1 234,5"), Some(1234.5));
        assert_eq!(parse_number(Locale::Ru, "1\u{a0}234.5"), Some(1234.5));
        assert_eq!(parse_number(Locale::En, "-12"), Some(-12.0));
        assert_eq!(parse_number(Locale::En, "0.5"), Some(0.5));
        assert_eq!(parse_number(Locale::En, "1 2"), None);
        assert_eq!(parse_number(Locale::En, "12abc"), None);
        assert_eq!(parse_number(Locale::En, ""), None);
        assert_eq!(parse_number(Locale::En, "1.2.3"), None);
    }
}
