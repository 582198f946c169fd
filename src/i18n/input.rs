//! Reading what people type, in their language: numbers and conversion rates.
//!
//! A conversion rate is typed the way people think of it (issue #4): a plain rate (`25%`,
//! `0.25`, Russian `0,25`), a range (`15-25%`, `15–25 %`, `от 15 до 25%`, `15至25%`), or
//! observed counts (`observed 42 of 180`, `42/180`, `наблюдали 42 из 180`,
//! `观察到 180 个中有 42 个`). Every form is accepted in every locale; the locale decides only
//! whether `,` is a decimal mark (Russian) or groups thousands (`1,000` in English and
//! Chinese). Turning observed counts into a law (such as a beta law) is the editor's choice,
//! not this module's.

use super::{Locale, format, tf};

/// A conversion rate as typed, its numbers as shares (0.25 for 25%).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RateInput {
    /// One known rate.
    Fixed(f64),
    /// A range the rate is believed to lie in, `low <= high`.
    Range { low: f64, high: f64 },
    /// `successes` of `trials` leads were seen to convert.
    Observed { successes: u64, trials: u64 },
}

/// Why a typed rate could not be read; [`RateInputError::message`] says it in the user's
/// language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateInputError {
    /// Not a rate, a range or observed counts.
    Unreadable,
    /// A rate below 0% or above 100%.
    OutOfRange,
    /// A range whose first end is above its second.
    RangeOrder,
    /// More conversions than leads observed.
    ObservedTooMany { successes: u64, trials: u64 },
    /// No lead observed.
    ObservedEmpty,
}

impl RateInputError {
    /// The catalogue key of the message.
    pub fn key(self) -> &'static str {
        match self {
            RateInputError::Unreadable => "rate.error.unreadable",
            RateInputError::OutOfRange => "rate.error.out_of_range",
            RateInputError::RangeOrder => "rate.error.range_order",
            RateInputError::ObservedTooMany { .. } => "rate.error.observed_too_many",
            RateInputError::ObservedEmpty => "rate.error.observed_empty",
        }
    }

    /// The message in `locale`, for the field's inline error.
    pub fn message(self, locale: Locale) -> String {
        match self {
            RateInputError::ObservedTooMany { successes, trials } => tf(
                locale,
                self.key(),
                &[
                    ("successes", &format::integer(locale, successes as f64)),
                    ("trials", &format::integer(locale, trials as f64)),
                ],
            ),
            _ => tf(locale, self.key(), &[]),
        }
    }
}

/// A number found in typed text, and whether it was written with a fraction.
#[derive(Debug, Clone, Copy)]
struct Number {
    value: f64,
    whole: bool,
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
                whole,
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

/// Reads a conversion rate typed in any of the accepted forms. Without a `%` sign, numbers
/// up to 1 are shares (`0.25`) and larger ones percentages (`25`).
///
/// # Errors
/// [`RateInputError`], naming what is wrong, for the field's inline message.
pub fn parse_rate(locale: Locale, text: &str) -> Result<RateInput, RateInputError> {
    let lower = text.trim().to_lowercase();
    if lower.starts_with(['-', '−']) {
        return Err(RateInputError::OutOfRange);
    }
    let found = numbers(locale, &lower);
    let percent = lower.contains('%');
    let observed_words = ["observed", " of ", "наблюд", " из ", "观察", "中有", "/"];
    let observed = observed_words.iter().any(|word| lower.contains(word));
    // Chinese writes the total first: "180 个中有 42 个".
    let total_first = lower.contains("中有");
    let share = |number: Number| {
        if percent || number.value > 1.0 {
            number.value / 100.0
        } else {
            number.value
        }
    };
    match found.as_slice() {
        [] => Err(RateInputError::Unreadable),
        [one] if !observed => {
            let rate = share(*one);
            if (0.0..=1.0).contains(&rate) {
                Ok(RateInput::Fixed(rate))
            } else {
                Err(RateInputError::OutOfRange)
            }
        }
        [first, second] if observed => {
            let (successes, trials) = if total_first {
                (second, first)
            } else {
                (first, second)
            };
            if !(successes.whole && trials.whole) {
                return Err(RateInputError::Unreadable);
            }
            let (successes, trials) = (successes.value as u64, trials.value as u64);
            if trials == 0 {
                Err(RateInputError::ObservedEmpty)
            } else if successes > trials {
                Err(RateInputError::ObservedTooMany { successes, trials })
            } else {
                Ok(RateInput::Observed { successes, trials })
            }
        }
        [first, second] => {
            // One `%` after the range ("15-25%") applies to both ends; "0.15-0.25" are shares.
            let both_shares = !percent && first.value <= 1.0 && second.value <= 1.0;
            let (low, high) = if both_shares {
                (first.value, second.value)
            } else if percent || first.value > 1.0 || second.value > 1.0 {
                (first.value / 100.0, second.value / 100.0)
            } else {
                (share(*first), share(*second))
            };
            if !(0.0..=1.0).contains(&low) || !(0.0..=1.0).contains(&high) {
                Err(RateInputError::OutOfRange)
            } else if low > high {
                Err(RateInputError::RangeOrder)
            } else {
                Ok(RateInput::Range { low, high })
            }
        }
        _ => Err(RateInputError::Unreadable),
    }
}

impl RateInput {
    /// The rate written back for the input field in `locale`, in a form [`parse_rate`]
    /// reads back to the same value (percentages with up to two decimals).
    pub fn to_text(self, locale: Locale) -> String {
        match self {
            RateInput::Fixed(rate) => format::percent(locale, rate, 2),
            RateInput::Range { low, high } => {
                let low = format::number(locale, low * 100.0, 2);
                let high = format::percent(locale, high, 2);
                format!("{low}–{high}")
            }
            RateInput::Observed { successes, trials } => tf(
                locale,
                "rate.input.observed",
                &[
                    ("successes", &successes.to_string()),
                    ("trials", &trials.to_string()),
                ],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(locale: Locale, text: &str, expected: Result<RateInput, RateInputError>) {
        assert_eq!(parse_rate(locale, text), expected, "{text:?}");
    }

    #[test]
    fn reads_plain_rates() {
        check(Locale::En, "25%", Ok(RateInput::Fixed(0.25)));
        check(Locale::En, " 25 % ", Ok(RateInput::Fixed(0.25)));
        check(Locale::En, "0.25", Ok(RateInput::Fixed(0.25)));
        check(Locale::Ru, "0,25", Ok(RateInput::Fixed(0.25)));
        check(Locale::Ru, "12,5 %", Ok(RateInput::Fixed(0.125)));
        check(Locale::En, "25", Ok(RateInput::Fixed(0.25)));
        check(Locale::En, "1", Ok(RateInput::Fixed(1.0)));
        check(Locale::En, "150%", Err(RateInputError::OutOfRange));
        check(Locale::En, "-5%", Err(RateInputError::OutOfRange));
        check(Locale::En, "abc", Err(RateInputError::Unreadable));
        check(Locale::En, "", Err(RateInputError::Unreadable));
        check(Locale::En, "1 2 3", Err(RateInputError::Unreadable));
    }

    #[test]
    fn reads_ranges() {
        let range = Ok(RateInput::Range {
            low: 0.15,
            high: 0.25,
        });
        check(Locale::En, "15-25%", range);
        check(Locale::En, "15% - 25%", range);
        check(Locale::Ru, "15–25 %", range);
        check(Locale::Ru, "от 15 до 25%", range);
        check(Locale::Zh, "15至25%", range);
        check(Locale::En, "0.15-0.25", range);
        check(Locale::En, "15-25", range);
        check(Locale::En, "25-15%", Err(RateInputError::RangeOrder));
        check(Locale::En, "50-150%", Err(RateInputError::OutOfRange));
    }

    #[test]
    fn reads_observed_counts() {
        let observed = Ok(RateInput::Observed {
            successes: 42,
            trials: 180,
        });
        check(Locale::En, "observed 42 of 180", observed);
        check(Locale::En, "42 of 180", observed);
        check(Locale::En, "42/180", observed);
        check(Locale::Ru, "наблюдали 42 из 180", observed);
        check(Locale::Zh, "观察到 180 个中有 42 个", observed);
        check(
            Locale::En,
            "42 of 1,000",
            Ok(RateInput::Observed {
                successes: 42,
                trials: 1000,
            }),
        );
        check(
            Locale::Ru,
            "42 из 1 000",
            Ok(RateInput::Observed {
                successes: 42,
                trials: 1000,
            }),
        );
        check(
            Locale::En,
            "200 of 180",
            Err(RateInputError::ObservedTooMany {
                successes: 200,
                trials: 180,
            }),
        );
        check(Locale::En, "0 of 0", Err(RateInputError::ObservedEmpty));
        check(Locale::En, "4.5 of 10", Err(RateInputError::Unreadable));
    }

    #[test]
    fn written_rates_read_back() {
        let inputs = [
            RateInput::Fixed(0.125),
            RateInput::Fixed(0.0),
            RateInput::Range {
                low: 0.155,
                high: 0.25,
            },
            RateInput::Observed {
                successes: 42,
                trials: 1800,
            },
        ];
        for locale in Locale::ALL {
            for input in inputs {
                let text = input.to_text(locale);
                assert_eq!(parse_rate(locale, &text), Ok(input), "{locale}: {text}");
            }
        }
    }

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

    #[test]
    fn errors_speak_the_users_language() {
        let error = RateInputError::ObservedTooMany {
            successes: 2000,
            trials: 1800,
        };
        assert!(error.message(Locale::Ru).contains("2\u{a0}000"));
        assert!(error.message(Locale::Zh).contains("1,800"));
    }
}
