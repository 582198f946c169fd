//! Conversion rates typed the way people think ("20%", "15-25%", "42 of 180") and back.
//!
//! `parse` reads one line of text into the scenario format's `Rate`; `describe` gives a rate's
//! mean and 90% range and the text that re-creates it exactly, so the editor can show a rate
//! as text and read back what the person changes.
//!
//! The forms, and how each is read:
//! - **One number**: `20%`, `20 %`, `20 percent`, `20 процентов`, `12,5%` (a decimal comma is
//!   a decimal point), `0.2`, `20`.
//!   With a percent sign it is a percentage. Without one, a number below 1 is a share (`0.2`
//!   is 20%) and a number of 1 or more is a percentage (`20` is 20%, and `1` is 1%, since
//!   nobody types "1" meaning a certain conversion; type `100%` for that). The result is a
//!   fixed rate.
//! - **A range**: `15-25%`, `15–25 %`, `15% - 25%`, `15 to 25%`, `between 15 and 25%`,
//!   `от 15 до 25%`, `15到25%`, `15~25%`. A range becomes the uniform law over it
//!   (`{"uniform": {"low": 0.15, "high": 0.25}}`): it is what "somewhere between 15 and 25"
//!   says (every value in the range alike, nothing outside it), it is in the format as typed
//!   so the text round-trips exactly, and it needs no numerical fitting. A beta law whose 90%
//!   interval matched the range would put 10% of the runs outside what the person said was
//!   possible. Without a percent sign the ends are shares when the high end is below 1, and
//!   percentages otherwise (the one-number rule, applied to the high end).
//! - **Counts seen**: `42 of 180`, `observed 42 of 180`, `42 out of 180`, `42/180`,
//!   `42 из 180`, `180中42` (of 180, 42), `观察到180中有42`. These become the beta law
//!   `Beta(42 + 1, 180 - 42 + 1)`: the posterior of the rate after seeing 42 conversions in 180
//!   tries, starting from the uniform prior `Beta(1, 1)` (every rate alike before any data;
//!   Bayes–Laplace). Its mean is (42 + 1) / (180 + 2), close to 42 / 180 once counts are large.
//! - **Explicit laws**, as in a scenario file: `beta(2.5, 7)` and `uniform(0.15, 0.25)` (shares,
//!   with a decimal point). `describe` writes these when no friendlier form is exact.
//!
//! Parsing never panics; an error says what was wrong and which forms are accepted.

use std::fmt;

use crate::i18n::{self, Locale};
use crate::scenario::{Rate, RateLaw, UncertainRate};

/// The most tries `k of n` accepts: keeps both beta parameters within the format's bound
/// (at most 1e9).
pub const MAX_TRIALS: u64 = 999_999_999;

/// The largest beta parameter the format accepts.
const MAX_BETA_PARAMETER: f64 = 1e9;

/// The forms `parse` accepts, for error messages and the editor's hint.
pub const ACCEPTED_FORMS: &str = "Type a rate as 20%, 0.2 or 20; a range as 15-25%; \
     conversions seen as 42 of 180 (or 42/180); or a law as beta(2.5, 7) or uniform(0.15, 0.25).";

/// Why a text is not a rate.
#[derive(Debug, Clone, PartialEq)]
pub enum RateInputError {
    /// Nothing was typed.
    Empty,
    /// The text matches none of the accepted forms.
    NotUnderstood { input: String },
    /// A number with more than one decimal separator, such as `1,000.5` or `1.2.3`.
    BadNumber { number: String },
    /// A rate below zero.
    Negative,
    /// A rate above 100% (`percent` as the person wrote it, in percent).
    AboveHundredPercent { percent: f64 },
    /// A range whose low end is above its high end (both in percent).
    ReversedRange { low_percent: f64, high_percent: f64 },
    /// Counts must be whole numbers written without separators.
    CountNotWhole { count: String },
    /// More conversions than tries, as in `50 of 40`.
    MoreConversionsThanTries { conversions: u64, tries: u64 },
    /// `0 of 0`: counts say nothing without a try.
    NoTries,
    /// More tries than `MAX_TRIALS` (or a count too long to be a number).
    TooManyTries,
    /// A parameter of `beta(..)` or `uniform(..)` that is not what the format allows.
    BadParameter {
        form: &'static str,
        problem: ParameterProblem,
    },
}

/// What is wrong with the parameters of `beta(..)` or `uniform(..)`.
#[derive(Debug, Clone, PartialEq)]
pub enum ParameterProblem {
    /// Not two numbers separated by a comma.
    NotTwoNumbers { arguments: String },
    /// A parameter that is not a number written with a decimal point.
    NotANumber { raw: String },
    /// A beta parameter not above 0 or above the format's bound, or a uniform end outside 0 to 1.
    OutOfRange { name: &'static str, value: f64 },
}

impl fmt::Display for RateInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RateInputError::Empty => write!(f, "No rate typed. {ACCEPTED_FORMS}"),
            RateInputError::NotUnderstood { input } => {
                write!(f, "\"{input}\" is not a rate. {ACCEPTED_FORMS}")
            }
            RateInputError::BadNumber { number } => write!(
                f,
                "\"{number}\" is not a number: use one decimal separator (12.5 or 12,5) and no \
                 thousands separators."
            ),
            RateInputError::Negative => write!(
                f,
                "A rate cannot be negative: it is a share from 0% to 100%. {ACCEPTED_FORMS}"
            ),
            RateInputError::AboveHundredPercent { percent } => write!(
                f,
                "A rate cannot be above 100% (this reads as {percent}%). A bare number of 1 or \
                 more is a percentage and one below 1 a share: 20 and 0.2 both mean 20%."
            ),
            RateInputError::ReversedRange {
                low_percent,
                high_percent,
            } => write!(
                f,
                "The range starts above where it ends ({low_percent}% to {high_percent}%): put \
                 the lower end first, as in 15-25%."
            ),
            RateInputError::CountNotWhole { count } => write!(
                f,
                "Counts are whole numbers written without separators (such as 42 of 180), not \
                 \"{count}\"."
            ),
            RateInputError::MoreConversionsThanTries { conversions, tries } => write!(
                f,
                "{conversions} conversions out of {tries} tries is impossible: the first number \
                 counts the conversions among the second."
            ),
            RateInputError::NoTries => write!(
                f,
                "Counts need at least one try (such as 0 of 10): 0 of 0 says nothing about the rate."
            ),
            RateInputError::TooManyTries => write!(
                f,
                "Counts can go up to {MAX_TRIALS} tries; for more, type the rate itself (such as 23.3%)."
            ),
            RateInputError::BadParameter { form, problem } => match problem {
                ParameterProblem::NotTwoNumbers { arguments } => write!(
                    f,
                    "{form}(..) takes two numbers separated by a comma, with decimal points \
                     (such as {form}(0.15, 0.25)), not \"{arguments}\""
                ),
                ParameterProblem::NotANumber { raw } => {
                    write!(f, "{form}(..): \"{raw}\" is not a number")
                }
                ParameterProblem::OutOfRange { name, value } if *form == "beta" => write!(
                    f,
                    "beta(..): {name} must be greater than 0 and at most {MAX_BETA_PARAMETER}, \
                     not {value}"
                ),
                ParameterProblem::OutOfRange { name, value } => write!(
                    f,
                    "{form}(..): {name} must be a share between 0 and 1 (0.25 means 25%), not \
                     {value}"
                ),
            },
        }
    }
}

impl std::error::Error for RateInputError {}

/// A rate as the editor shows it: its mean, its 90% range and the text that re-creates it.
#[derive(Debug, Clone, PartialEq)]
pub struct RateSummary {
    /// The expected rate (a share, 0.25 for 25%).
    pub mean: f64,
    /// The rate below which 5% of runs fall (equal to the mean for a fixed rate).
    pub p5: f64,
    /// The rate above which 5% of runs fall.
    pub p95: f64,
    /// Text that `parse` reads back into exactly this rate (for a valid rate).
    pub input_text: String,
}

/// Reads a rate typed by a person (see the module documentation for the forms).
///
/// # Errors
/// Empty or unrecognised text, a negative rate or one above 100%, a reversed range, counts
/// that are not whole, more conversions than tries, or law parameters out of range; each
/// says what is accepted.
pub fn parse(text: &str) -> Result<Rate, RateInputError> {
    let normal = normalise(text);
    if normal.is_empty() {
        return Err(RateInputError::Empty);
    }
    if let Some(arguments) = call_arguments(&normal, "beta") {
        return parse_beta(arguments);
    }
    if let Some(arguments) = call_arguments(&normal, "uniform") {
        return parse_uniform(arguments);
    }
    if normal.starts_with('-') {
        return Err(RateInputError::Negative);
    }
    let not_understood = || RateInputError::NotUnderstood {
        input: text.trim().to_string(),
    };
    let tokens = tokenize(&normal).ok_or_else(not_understood)?;
    match tokens.as_slice() {
        [Token::Number { raw, percent }] => {
            let value = decimal(raw)?;
            // Only a bare number below 1 is a share; anything else is a percentage.
            if *percent || value >= 1.0 {
                check_share(value / 100.0, value)?;
                Ok(Rate::Fixed(value / 100.0))
            } else {
                Ok(Rate::Fixed(value))
            }
        }
        [
            Token::Number {
                raw: low_raw,
                percent: low_percent,
            },
            Token::Dash,
            Token::Number {
                raw: high_raw,
                percent: high_percent,
            },
        ] => {
            let low = decimal(low_raw)?;
            let high = decimal(high_raw)?;
            let in_percent = *low_percent || *high_percent || high >= 1.0;
            // Dividing (not multiplying by 0.01) gives the double nearest to "15%", as for
            // one number: 17.5 * 0.01 is 0.17500000000000002.
            let divisor = if in_percent { 100.0 } else { 1.0 };
            let (low_share, high_share) = (low / divisor, high / divisor);
            check_share(high_share, high_share * 100.0)?;
            check_share(low_share, low_share * 100.0)?;
            if low_share > high_share {
                return Err(RateInputError::ReversedRange {
                    low_percent: low_share * 100.0,
                    high_percent: high_share * 100.0,
                });
            }
            Ok(Rate::Uncertain(UncertainRate::Uniform {
                low: low_share,
                high: high_share,
            }))
        }
        [
            Token::Number {
                raw: conversions,
                percent: false,
            },
            Token::Of,
            Token::Number {
                raw: tries,
                percent: false,
            },
        ] => counts(conversions, tries),
        [
            Token::Number {
                raw: tries,
                percent: false,
            },
            Token::Among,
            Token::Number {
                raw: conversions,
                percent: false,
            },
        ] => counts(conversions, tries),
        _ => Err(not_understood()),
    }
}

/// A rate's mean, 90% range and the text `parse` reads back into it.
///
/// The text is the friendliest exact form: a percentage (`25%`, or a share such as `0.0001`
/// when no short percentage is exact), a range (`15-25%`), counts (`42 of 180`, for a beta law
/// with whole parameters of at least 1), or else the explicit law (`beta(2.5, 7)`,
/// `uniform(0.15, 0.25)`). For a rate the format rejects (a rate of 1.5) the text shows the
/// numbers but does not parse back.
pub fn describe(rate: &Rate) -> RateSummary {
    let law = match *rate {
        Rate::Fixed(p) => RateLaw::Fixed(p),
        Rate::Uncertain(UncertainRate::Beta { alpha, beta }) => RateLaw::Beta { alpha, beta },
        Rate::Uncertain(UncertainRate::Uniform { low, high }) => RateLaw::Uniform { low, high },
    };
    let (p5, p95) = law.interval90();
    RateSummary {
        mean: law.mean(),
        p5,
        p95,
        input_text: input_text(rate),
    }
}

/// The text `parse` reads back into `rate` (see `describe`), as the command line and the
/// comparison of variants write it: the English forms, with decimal points.
pub fn input_text(rate: &Rate) -> String {
    english_text(rate)
}

/// The text the rate field shows for `rate` in `locale`, which `parse` reads back into exactly
/// `rate` (for every valid rate, in every locale: `tests/app_model.rs` holds it by a property
/// test): a percentage with the locale's decimal mark (`12,5%` in Russian), a range (`15-25%`),
/// counts in the locale's words (`observed 42 of 180`, `наблюдали 42 из 180`), or the explicit
/// law (`beta(2.5, 7)`).
/// So a person sees how what they typed was read: `1` becomes `1%`.
pub fn text(rate: &Rate, locale: Locale) -> String {
    let decimal_mark = |text: String| {
        if locale == Locale::Ru {
            text.replace('.', ",")
        } else {
            text
        }
    };
    let exact = |candidate: String| (parse(&candidate) == Ok(*rate)).then_some(candidate);
    let localized = match *rate {
        Rate::Fixed(p) => share_text(p).map(decimal_mark),
        Rate::Uncertain(UncertainRate::Uniform { low, high }) => percent_text(low)
            .zip(percent_text(high))
            .map(|(low, high)| decimal_mark(format!("{low}-{high}%"))),
        Rate::Uncertain(UncertainRate::Beta { alpha, beta }) => {
            let whole = |x: f64| x >= 1.0 && x.fract() == 0.0 && x <= MAX_BETA_PARAMETER;
            (whole(alpha) && whole(beta) && alpha + beta > 2.0).then(|| {
                // Whole numbers up to 1e9 convert to u64 exactly.
                let conversions = alpha as u64 - 1;
                let tries = conversions + beta as u64 - 1;
                i18n::tf(
                    locale,
                    "rate.input.observed",
                    &[
                        ("successes", &conversions.to_string()),
                        ("trials", &tries.to_string()),
                    ],
                )
            })
        }
    };
    localized
        .and_then(exact)
        .unwrap_or_else(|| english_text(rate))
}

/// The English forms of `rate` (see `input_text`).
fn english_text(rate: &Rate) -> String {
    match *rate {
        // A rate the format rejects is written as a percentage ("150%"), which `parse` refuses
        // with a reason, rather than "1.5", which it would read as 1.5%.
        Rate::Fixed(p) => share_text(p).unwrap_or_else(|| {
            if p.is_finite() {
                format!("{}%", p * 100.0)
            } else {
                p.to_string()
            }
        }),
        Rate::Uncertain(UncertainRate::Uniform { low, high }) => {
            if let (Some(low_text), Some(high_text)) = (percent_text(low), percent_text(high)) {
                let text = format!("{low_text}-{high_text}%");
                if parse(&text) == Ok(*rate) {
                    return text;
                }
            }
            format!("uniform({low}, {high})")
        }
        Rate::Uncertain(UncertainRate::Beta { alpha, beta }) => {
            let whole = |x: f64| x >= 1.0 && x.fract() == 0.0 && x <= MAX_BETA_PARAMETER;
            if whole(alpha) && whole(beta) && alpha + beta > 2.0 {
                // Whole numbers up to 1e9 convert to u64 exactly.
                let conversions = alpha as u64 - 1;
                let tries = conversions + beta as u64 - 1;
                let text = format!("{conversions} of {tries}");
                if parse(&text) == Ok(*rate) {
                    return text;
                }
            }
            format!("beta({alpha}, {beta})")
        }
    }
}

/// A share written as a percentage when a short one is exact, else as a share; `None` for a
/// value outside 0 to 1.
fn share_text(p: f64) -> Option<String> {
    if !(0.0..=1.0).contains(&p) {
        return None;
    }
    if let Some(percent) = percent_text(p) {
        return Some(format!("{percent}%"));
    }
    // Rust prints the shortest decimal that reads back as the same number, never with an
    // exponent; a bare number below 1 is read as a share.
    let text = p.to_string();
    (parse(&text) == Ok(Rate::Fixed(p))).then_some(text)
}

/// The shortest percentage (without the sign, at most 12 decimals) that reads back as `p`.
fn percent_text(p: f64) -> Option<String> {
    if !(0.0..=1.0).contains(&p) {
        return None;
    }
    (0..=12).find_map(|decimals| {
        let text = format!("{:.*}", decimals, p * 100.0);
        (decimal(&text).ok().map(|percent| percent / 100.0) == Some(p)).then_some(text)
    })
}

/// One piece of the typed text.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// Digits with separators as typed, and whether a percent sign follows.
    Number { raw: String, percent: bool },
    /// A range separator: `-`, `–`, `~`, `to`, `and`, `до`, `到`, `至`.
    Dash,
    /// Counts in the order conversions, tries: `of`, `/`, `из`.
    Of,
    /// Counts in the order tries, conversions: `中` ("180中42": of 180, 42).
    Among,
}

/// Lower case, ASCII forms of full-width characters, one kind of space, trimmed.
fn normalise(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            // Full-width forms, as Chinese input methods type them.
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '％' => '%',
            '（' => '(',
            '）' => ')',
            '，' => ',',
            '．' => '.',
            '／' => '/',
            '～' => '~',
            '\u{2212}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    // Phrases whose characters would otherwise read as separators ("到" in "观察到").
    let mapped = mapped
        .replace("观察到", " ")
        .replace("观察", " ")
        .replace("out of", " of ");
    mapped.trim().to_string()
}

/// The text between `name(` and a final `)`, if `normal` is such a call.
fn call_arguments<'a>(normal: &'a str, name: &str) -> Option<&'a str> {
    normal
        .strip_prefix(name)?
        .trim_start()
        .strip_prefix('(')?
        .strip_suffix(')')
}

/// Splits normalised text into tokens; `None` when a word or sign is not part of any form.
fn tokenize(normal: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = normal.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let starts_number = c.is_ascii_digit()
            || (matches!(c, '.' | ',') && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        if c == ' ' {
            i += 1;
        } else if starts_number {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || matches!(chars[i], '.' | ',')) {
                i += 1;
            }
            tokens.push(Token::Number {
                raw: chars[start..i].iter().collect(),
                percent: false,
            });
        } else if c == '%' {
            match tokens.last_mut() {
                Some(Token::Number { percent, .. }) if !*percent => *percent = true,
                _ => return None,
            }
            i += 1;
        } else if matches!(c, '-' | '–' | '—' | '~') {
            tokens.push(Token::Dash);
            i += 1;
        } else if c == '/' {
            tokens.push(Token::Of);
            i += 1;
        } else if is_cjk(c) {
            match c {
                '到' | '至' => tokens.push(Token::Dash),
                '中' => tokens.push(Token::Among),
                // "从15到25", "180人中有42人", "约": words that add nothing to the numbers.
                '从' | '有' | '人' | '个' | '次' | '约' | '在' => {}
                _ => return None,
            }
            i += 1;
        } else if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() && !is_cjk(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            match word.as_str() {
                "percent" | "pct" | "процент" | "процента" | "процентов" => {
                    match tokens.last_mut() {
                        Some(Token::Number { percent, .. }) if !*percent => *percent = true,
                        _ => return None,
                    }
                }
                "to" | "and" | "до" | "и" => tokens.push(Token::Dash),
                "of" | "из" => tokens.push(Token::Of),
                "observed"
                | "observe"
                | "seen"
                | "saw"
                | "from"
                | "between"
                | "about"
                | "наблюдали"
                | "наблюдалось"
                | "от"
                | "между"
                | "около" => {}
                _ => return None,
            }
        } else {
            return None;
        }
    }
    Some(tokens)
}

/// Whether `c` is a CJK ideograph (each one a word of its own).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// A decimal number with at most one separator (`.` or `,`).
fn decimal(raw: &str) -> Result<f64, RateInputError> {
    let separators = raw.chars().filter(|c| matches!(c, '.' | ',')).count();
    let digits = raw.chars().filter(char::is_ascii_digit).count();
    if separators > 1 || digits == 0 || digits + separators != raw.chars().count() {
        return Err(RateInputError::BadNumber {
            number: raw.to_string(),
        });
    }
    raw.replace(',', ".")
        .parse::<f64>()
        .map_err(|_| RateInputError::BadNumber {
            number: raw.to_string(),
        })
}

/// Checks that `share` is a rate; `percent` is how the error shows it.
fn check_share(share: f64, percent: f64) -> Result<(), RateInputError> {
    if !share.is_finite() || share > 1.0 {
        Err(RateInputError::AboveHundredPercent { percent })
    } else if share < 0.0 {
        Err(RateInputError::Negative)
    } else {
        Ok(())
    }
}

/// A whole count.
fn count(raw: &str) -> Result<u64, RateInputError> {
    if !raw.chars().all(|c| c.is_ascii_digit()) {
        return Err(RateInputError::CountNotWhole {
            count: raw.to_string(),
        });
    }
    raw.parse::<u64>().map_err(|_| RateInputError::TooManyTries)
}

/// `conversions of tries` as the posterior beta law from the uniform prior.
fn counts(conversions: &str, tries: &str) -> Result<Rate, RateInputError> {
    let conversions = count(conversions)?;
    let tries = count(tries)?;
    if tries > MAX_TRIALS {
        return Err(RateInputError::TooManyTries);
    }
    if tries == 0 {
        return Err(RateInputError::NoTries);
    }
    if conversions > tries {
        return Err(RateInputError::MoreConversionsThanTries { conversions, tries });
    }
    Ok(Rate::Uncertain(UncertainRate::Beta {
        alpha: (conversions + 1) as f64,
        beta: (tries - conversions + 1) as f64,
    }))
}

/// The two numbers of `beta(a, b)` or `uniform(low, high)`, written with decimal points.
fn two_parameters(arguments: &str, form: &'static str) -> Result<(f64, f64), RateInputError> {
    let parts: Vec<&str> = arguments.split(',').map(str::trim).collect();
    let bad = |problem: ParameterProblem| RateInputError::BadParameter { form, problem };
    let [first, second] = parts.as_slice() else {
        return Err(bad(ParameterProblem::NotTwoNumbers {
            arguments: arguments.to_string(),
        }));
    };
    let number = |raw: &str| {
        let not_a_number = || {
            bad(ParameterProblem::NotANumber {
                raw: raw.to_string(),
            })
        };
        if raw.contains(',') {
            return Err(not_a_number());
        }
        decimal(raw).map_err(|_| not_a_number())
    };
    Ok((number(first)?, number(second)?))
}

fn parse_beta(arguments: &str) -> Result<Rate, RateInputError> {
    let (alpha, beta) = two_parameters(arguments, "beta")?;
    for (name, value) in [("alpha", alpha), ("beta", beta)] {
        if !(value > 0.0 && value <= MAX_BETA_PARAMETER) {
            return Err(RateInputError::BadParameter {
                form: "beta",
                problem: ParameterProblem::OutOfRange { name, value },
            });
        }
    }
    Ok(Rate::Uncertain(UncertainRate::Beta { alpha, beta }))
}

fn parse_uniform(arguments: &str) -> Result<Rate, RateInputError> {
    let (low, high) = two_parameters(arguments, "uniform")?;
    for (name, value) in [("low", low), ("high", high)] {
        if !(0.0..=1.0).contains(&value) {
            return Err(RateInputError::BadParameter {
                form: "uniform",
                problem: ParameterProblem::OutOfRange { name, value },
            });
        }
    }
    if low > high {
        return Err(RateInputError::ReversedRange {
            low_percent: low * 100.0,
            high_percent: high * 100.0,
        });
    }
    Ok(Rate::Uncertain(UncertainRate::Uniform { low, high }))
}
