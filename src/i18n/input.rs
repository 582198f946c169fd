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
    // Money as people write it: a currency sign or code before or after the amount.
    let rest = strip_currency(rest);
    // "600k", "1.5m", "2 млн": a multiplier after the number.
    let (rest, multiplier) = strip_multiplier(rest);
    // "1e6": an exponent after the number.
    if let Some((mantissa, exponent)) = rest.split_once(['e', 'E'])
        && let Ok(exponent) = exponent.trim().parse::<i32>()
        && (-300..=300).contains(&exponent)
    {
        return parse_number(locale, mantissa)
            .filter(|_| !mantissa.trim().is_empty())
            .map(|m| sign * m * multiplier * 10f64.powi(exponent))
            .filter(|value| value.is_finite());
    }
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',') || is_space(c);
    if rest.is_empty() || !rest.chars().all(allowed) {
        return None;
    }
    match numbers(locale, rest).as_slice() {
        // Every character must be part of the one number: "1 2" is two numbers.
        [number] if number.span == (0, rest.chars().count()) => {
            Some(sign * number.value * multiplier).filter(|value| value.is_finite())
        }
        _ => None,
    }
}

/// `text` without a currency sign or code before or after the amount ("$600,000", "600 000 ₽",
/// "EUR 50", "50 руб.").
fn strip_currency(text: &str) -> &str {
    const SIGNS: [&str; 12] = [
        "$", "€", "£", "₽", "¥", "￥", "USD", "EUR", "GBP", "RUB", "CNY", "руб.",
    ];
    let mut text = text.trim_matches(is_space);
    for sign in SIGNS {
        if let Some(rest) = text.strip_prefix(sign) {
            text = rest.trim_start_matches(is_space);
        }
        if let Some(rest) = text.strip_suffix(sign) {
            text = rest.trim_end_matches(is_space);
        }
    }
    if let Some(rest) = text.strip_suffix("руб") {
        text = rest.trim_end_matches(is_space);
    }
    if let Some(rest) = text.strip_suffix('元') {
        text = rest.trim_end_matches(is_space);
    }
    text
}

/// `text` without a thousands or millions word after the number, and the factor it stood for
/// ("600k", "1.5M", "2 млн", "3 тыс", "5万").
fn strip_multiplier(text: &str) -> (&str, f64) {
    const WORDS: [(&str, f64); 10] = [
        ("k", 1e3),
        ("K", 1e3),
        ("m", 1e6),
        ("M", 1e6),
        ("bn", 1e9),
        ("тыс.", 1e3),
        ("тыс", 1e3),
        ("млн", 1e6),
        ("万", 1e4),
        ("亿", 1e8),
    ];
    for (word, factor) in WORDS {
        if let Some(rest) = text.strip_suffix(word)
            && rest.ends_with(|c: char| c.is_ascii_digit() || is_space(c))
        {
            return (rest.trim_end_matches(is_space), factor);
        }
    }
    (text, 1.0)
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

    /// "$600,000", "600k", "1e6" and "1 000 000" are what people type for money and counts.
    #[test]
    fn reads_money_and_counts_as_people_type_them() {
        for (locale, text, value) in [
            (Locale::En, "$600,000", 600_000.0),
            (Locale::En, "600k", 600_000.0),
            (Locale::En, "1.5M", 1_500_000.0),
            (Locale::En, "1e6", 1_000_000.0),
            (Locale::En, "2.5e3", 2_500.0),
            (Locale::En, "1 000 000", 1_000_000.0),
            (Locale::En, "EUR 50", 50.0),
            (Locale::Ru, "600 000 ₽", 600_000.0),
            (Locale::Ru, "2 млн", 2_000_000.0),
            (Locale::Ru, "12,5 тыс", 12_500.0),
            (Locale::Zh, "¥5万", 50_000.0),
            (Locale::En, "-$20", -20.0),
        ] {
            assert_eq!(parse_number(locale, text), Some(value), "{locale}: {text}");
        }
        for text in ["abc", "600kk", "e6", "1e", "$", "k", "1e999", "12abc"] {
            assert_eq!(parse_number(Locale::En, text), None, "{text}");
        }
    }
}
