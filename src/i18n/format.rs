//! Numbers, percentages, money and day counts written the way each locale writes them
//! (CLDR's conventions).
//!
//! - English and Chinese group thousands with `,` and mark decimals with `.`: `1,234,567.8`.
//! - Russian groups with U+00A0 NO-BREAK SPACE, CLDR's group symbol for `ru`, and marks
//!   decimals with `,`: `1 234 567,8`. The same no-break space separates a number from `%`,
//!   a currency sign or a compact unit (`12,5 %`, `1 234 ₽`, `1,2 млн`), so the two never
//!   fall on different lines.
//! - The minus sign is `-` (U+002D) in all three locales, as in CLDR.
//! - A value that is NaN or infinite is written [`NOT_A_NUMBER`] (an em dash); no function
//!   here panics on any `f64`.

use super::{Locale, tn};

/// What any formatter writes for a NaN or infinite value.
pub const NOT_A_NUMBER: &str = "—";

/// The no-break space (U+00A0) Russian uses between digit groups and before units.
pub const NO_BREAK_SPACE: char = '\u{00A0}';

fn group_separator(locale: Locale) -> char {
    match locale {
        Locale::Ru => NO_BREAK_SPACE,
        Locale::En | Locale::Zh => ',',
    }
}

fn decimal_separator(locale: Locale) -> char {
    match locale {
        Locale::Ru => ',',
        Locale::En | Locale::Zh => '.',
    }
}

/// Formats a finite `value` with exactly `fraction_digits` decimals (trimmed of trailing
/// zeros when `trim`), its integer part grouped by thousands when `group`.
fn digits(locale: Locale, value: f64, fraction_digits: usize, trim: bool, group: bool) -> String {
    let fraction_digits = fraction_digits.min(12);
    // Halves round away from zero, as the browser's `Intl.NumberFormat` does (Rust's
    // formatting alone rounds them to even). Above 1e15 an f64 has no fraction left to round.
    let factor = 10f64.powi(fraction_digits as i32);
    let scaled = value.abs() * factor;
    let magnitude = if scaled < 1e15 {
        scaled.round() / factor
    } else {
        value.abs()
    };
    let plain = format!("{:.*}", fraction_digits, magnitude);
    let (integer, fraction) = plain.split_once('.').unwrap_or((plain.as_str(), ""));
    let fraction = if trim {
        fraction.trim_end_matches('0')
    } else {
        fraction
    };
    let is_zero = integer.bytes().all(|b| b == b'0') && fraction.bytes().all(|b| b == b'0');
    let mut text = String::with_capacity(plain.len() + plain.len() / 3 + 2);
    // No "-0": a negative value that rounds to zero is written as zero.
    if value.is_sign_negative() && !is_zero {
        text.push('-');
    }
    let separator = group_separator(locale);
    for (i, digit) in integer.chars().enumerate() {
        if group && i > 0 && (integer.len() - i) % 3 == 0 {
            text.push(separator);
        }
        text.push(digit);
    }
    if !fraction.is_empty() {
        text.push(decimal_separator(locale));
        text.push_str(fraction);
    }
    text
}

/// A number with thousands grouped and at most `max_fraction_digits` decimals, trailing
/// zeros dropped: `number(En, 1234567.8, 2)` is `"1,234,567.8"`, in Russian
/// `"1 234 567,8"` (with no-break spaces).
pub fn number(locale: Locale, value: f64, max_fraction_digits: usize) -> String {
    if !value.is_finite() {
        return NOT_A_NUMBER.to_string();
    }
    digits(locale, value, max_fraction_digits, true, true)
}

/// A number with exactly `fraction_digits` decimals (kept even when zero), thousands
/// grouped: for columns of figures that should line up.
pub fn fixed(locale: Locale, value: f64, fraction_digits: usize) -> String {
    if !value.is_finite() {
        return NOT_A_NUMBER.to_string();
    }
    digits(locale, value, fraction_digits, false, true)
}

/// A whole number, rounded, thousands grouped: `integer(En, 1234.5)` is `"1,235"`.
pub fn integer(locale: Locale, value: f64) -> String {
    number(locale, value, 0)
}

/// A share (0.125 for 12.5%) as a percentage with at most `max_fraction_digits` decimals:
/// `"12.5%"` in English and Chinese, `"12,5 %"` in Russian (no-break space).
pub fn percent(locale: Locale, share: f64, max_fraction_digits: usize) -> String {
    if !share.is_finite() {
        return NOT_A_NUMBER.to_string();
    }
    let digits = number(locale, share * 100.0, max_fraction_digits);
    match locale {
        Locale::Ru => format!("{digits}{NO_BREAK_SPACE}%"),
        Locale::En | Locale::Zh => format!("{digits}%"),
    }
}

/// A signed percentage change, `+` shown for gains: `"+12%"`, `"-3.5%"`.
pub fn percent_change(locale: Locale, share: f64, max_fraction_digits: usize) -> String {
    with_plus(share, percent(locale, share, max_fraction_digits))
}

/// A signed number for changes, `+` shown for gains: `"+1,200"`, `"-35.5"`.
pub fn number_change(locale: Locale, value: f64, max_fraction_digits: usize) -> String {
    with_plus(value, number(locale, value, max_fraction_digits))
}

/// Puts a `+` before a formatted gain (a positive value that does not round to zero).
fn with_plus(value: f64, text: String) -> String {
    let rounds_to_zero = !text.chars().any(|c| c.is_ascii_digit() && c != '0');
    if value.is_finite() && value > 0.0 && !rounds_to_zero {
        format!("+{text}")
    } else {
        text
    }
}

/// The compact units of a locale: the power of ten each one stands for, and its suffix.
fn compact_units(locale: Locale) -> &'static [(i32, &'static str)] {
    match locale {
        // CLDR's short decimal formats.
        Locale::En => &[(3, "K"), (6, "M"), (9, "B"), (12, "T")],
        Locale::Ru => &[(3, "тыс."), (6, "млн"), (9, "млрд"), (12, "трлн")],
        // Chinese counts in myriads: 万 (10^4), 亿 (10^8), 万亿 (10^12).
        Locale::Zh => &[(4, "万"), (8, "亿"), (12, "万亿")],
    }
}

/// A short form for chart axes and tight spaces, as CLDR's short compact format writes it:
/// two significant digits below ten units, whole units above. English `"1.2M"`, `"350K"`;
/// Russian `"1,2 млн"`, `"350 тыс."`; Chinese `"120万"`, `"1.2亿"`. Numbers below the first
/// unit keep up to two decimals (`"950"`, `"0.25"`), without grouping.
pub fn compact(locale: Locale, value: f64) -> String {
    if !value.is_finite() {
        return NOT_A_NUMBER.to_string();
    }
    let magnitude = value.abs();
    let units = compact_units(locale);
    // The largest unit not above the value; rounding may carry it into the next unit
    // (999,999 is "1M", not "1000K").
    let Some(mut index) = units
        .iter()
        .rposition(|&(power, _)| magnitude >= 10f64.powi(power))
    else {
        return digits(locale, value, 2, true, false);
    };
    let mut scaled = round_compact(magnitude / 10f64.powi(units[index].0));
    if let Some(&(next, _)) = units.get(index + 1)
        && scaled >= 10f64.powi(next - units[index].0)
    {
        index += 1;
        scaled = round_compact(magnitude / 10f64.powi(next));
    }
    let suffix = units[index].1;
    let scaled = scaled.copysign(value);
    let text = digits(locale, scaled, 1, true, false);
    match locale {
        Locale::Ru => format!("{text}{NO_BREAK_SPACE}{suffix}"),
        Locale::En | Locale::Zh => format!("{text}{suffix}"),
    }
}

/// Rounds a scaled compact value: one decimal below 10, whole numbers from 10.
fn round_compact(scaled: f64) -> f64 {
    if scaled < 9.95 {
        (scaled * 10.0).round() / 10.0
    } else {
        scaled.round()
    }
}

/// A currency the user chooses for money figures; `None` writes plain numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Currency {
    Usd,
    Eur,
    Gbp,
    Rub,
    Cny,
    /// No currency sign: money is written as a plain number.
    #[default]
    None,
}

impl Currency {
    /// Every choice, in the order the currency menu lists them.
    pub const ALL: [Currency; 6] = [
        Currency::Usd,
        Currency::Eur,
        Currency::Gbp,
        Currency::Rub,
        Currency::Cny,
        Currency::None,
    ];

    /// The ISO 4217 code (`"USD"`), or `""` for no currency; what settings store.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
            Currency::Rub => "RUB",
            Currency::Cny => "CNY",
            Currency::None => "",
        }
    }

    /// The currency of an ISO 4217 code (any case); `""` is no currency.
    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL
            .into_iter()
            .find(|currency| currency.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The sign CLDR uses for this currency in `locale` (`$` in English, `US$` in Chinese).
    pub fn symbol(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Currency::Usd, Locale::Zh) => "US$",
            (Currency::Usd, _) => "$",
            (Currency::Eur, _) => "€",
            (Currency::Gbp, _) => "£",
            (Currency::Rub, Locale::Ru) => "₽",
            (Currency::Rub, _) => "RUB",
            (Currency::Cny, Locale::Zh) => "¥",
            (Currency::Cny, _) => "CN¥",
            (Currency::None, _) => "",
        }
    }
}

/// Places a currency sign around an already formatted amount, following the locale's
/// pattern: before it in English and Chinese (a space after a sign made of letters, as in
/// `"RUB 1,234"`), after it with a no-break space in Russian (`"1 234 ₽"`).
fn with_currency(locale: Locale, currency: Currency, amount: String) -> String {
    let symbol = currency.symbol(locale);
    if symbol.is_empty() {
        return amount;
    }
    match locale {
        Locale::Ru => format!("{amount}{NO_BREAK_SPACE}{symbol}"),
        Locale::En | Locale::Zh => {
            let (sign, digits) = match amount.strip_prefix('-') {
                Some(digits) => ("-", digits),
                None => ("", amount.as_str()),
            };
            let space = if symbol.chars().all(|c| c.is_ascii_alphabetic()) {
                "\u{00A0}"
            } else {
                ""
            };
            format!("{sign}{symbol}{space}{digits}")
        }
    }
}

/// An amount of money: whole units from 100 up (`"$1,234"`), cents below (`"$12.50"`), with
/// the currency placed as the locale does: `"$1,234"`, `"€1,234"` in English; `"1 234 ₽"`,
/// `"1 234 $"` in Russian; `"¥1,234"`, `"US$1,234"` in Chinese.
pub fn money(locale: Locale, currency: Currency, amount: f64) -> String {
    if !amount.is_finite() {
        return NOT_A_NUMBER.to_string();
    }
    let fraction_digits = if amount.abs() >= 100.0 { 0 } else { 2 };
    let mut text = fixed(locale, amount, fraction_digits);
    // An amount that rounds to zero cents has nothing after the decimal point worth showing.
    if fraction_digits == 2 && amount.abs() < 0.005 {
        text = "0".to_string();
    }
    with_currency(locale, currency, text)
}

/// A change in money, `+` shown for gains: `"+$41,000"`, `"-1 200 ₽"`.
pub fn money_change(locale: Locale, currency: Currency, amount: f64) -> String {
    with_plus(amount, money(locale, currency, amount))
}

/// A change in money in the compact form, `+` shown for gains: `"+$41K"`, `"+¥4.1万"`.
pub fn money_compact_change(locale: Locale, currency: Currency, amount: f64) -> String {
    with_plus(amount, money_compact(locale, currency, amount))
}

/// An amount of money in the compact form for chart axes: `"$1.2M"`, `"1,2 млн ₽"`,
/// `"¥120万"`.
pub fn money_compact(locale: Locale, currency: Currency, amount: f64) -> String {
    if !amount.is_finite() {
        return NOT_A_NUMBER.to_string();
    }
    with_currency(locale, currency, compact(locale, amount))
}

/// A number of days with its plural form: `"12 days"`, `"12 дней"`, `"12天"`; at most one
/// decimal (`"2.5 days"`, `"2,5 дня"`).
pub fn format_days(locale: Locale, days: f64) -> String {
    if !days.is_finite() {
        return NOT_A_NUMBER.to_string();
    }
    let rounded = (days * 10.0).round() / 10.0;
    tn(locale, "unit.days", rounded, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    const NB: char = NO_BREAK_SPACE;

    #[track_caller]
    fn check(actual: String, expected: &str) {
        assert_eq!(actual, expected.replace('_', &NB.to_string()));
    }

    #[test]
    fn numbers_group_and_mark_decimals_per_locale() {
        check(number(Locale::En, 1_234_567.8, 2), "1,234,567.8");
        check(number(Locale::Ru, 1_234_567.8, 2), "1_234_567,8");
        check(number(Locale::Zh, 1_234_567.8, 2), "1,234,567.8");
        check(number(Locale::En, -1_234.567, 2), "-1,234.57");
        check(number(Locale::En, 999.999, 2), "1,000");
        check(number(Locale::Ru, 0.5, 2), "0,5");
        check(number(Locale::En, -0.001, 2), "0");
        check(number(Locale::En, 1e18, 0), "1,000,000,000,000,000,000");
        check(fixed(Locale::Ru, 12.0, 2), "12,00");
        check(integer(Locale::En, 1234.5), "1,235");
        check(integer(Locale::Ru, 1000.0), "1_000");
        check(integer(Locale::Ru, 999.0), "999");
    }

    #[test]
    fn not_a_number_is_a_dash_everywhere() {
        for locale in Locale::ALL {
            for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                assert_eq!(number(locale, value, 2), NOT_A_NUMBER);
                assert_eq!(fixed(locale, value, 2), NOT_A_NUMBER);
                assert_eq!(percent(locale, value, 1), NOT_A_NUMBER);
                assert_eq!(percent_change(locale, value, 1), NOT_A_NUMBER);
                assert_eq!(number_change(locale, value, 1), NOT_A_NUMBER);
                assert_eq!(money_change(locale, Currency::Eur, value), NOT_A_NUMBER);
                assert_eq!(compact(locale, value), NOT_A_NUMBER);
                assert_eq!(money(locale, Currency::Usd, value), NOT_A_NUMBER);
                assert_eq!(money_compact(locale, Currency::Rub, value), NOT_A_NUMBER);
                assert_eq!(format_days(locale, value), NOT_A_NUMBER);
            }
        }
    }

    #[test]
    fn percentages() {
        check(percent(Locale::En, 0.125, 1), "12.5%");
        check(percent(Locale::Ru, 0.125, 1), "12,5_%");
        check(percent(Locale::Zh, 0.125, 1), "12.5%");
        check(percent(Locale::En, 0.3, 1), "30%");
        check(percent_change(Locale::En, 0.12, 0), "+12%");
        check(percent_change(Locale::Ru, -0.035, 1), "-3,5_%");
        check(percent_change(Locale::En, 0.0001, 0), "0%");
        check(number_change(Locale::Ru, 1200.0, 0), "+1_200");
        check(number_change(Locale::En, -35.5, 1), "-35.5");
        check(number_change(Locale::En, 0.001, 1), "0");
        check(
            money_change(Locale::En, Currency::Usd, 41_000.0),
            "+$41,000",
        );
        check(money_change(Locale::Ru, Currency::Rub, -1200.0), "-1_200_₽");
        check(
            money_compact_change(Locale::Zh, Currency::Cny, 41_000.0),
            "+¥4.1万",
        );
        check(
            money_compact_change(Locale::En, Currency::Usd, -41_000.0),
            "-$41K",
        );
    }

    #[test]
    fn compact_numbers_follow_cldr_short_forms() {
        check(compact(Locale::En, 1_234_567.0), "1.2M");
        check(compact(Locale::En, 350_000.0), "350K");
        check(compact(Locale::En, 999_999.0), "1M");
        check(compact(Locale::En, 999_400.0), "999K");
        check(compact(Locale::En, 9_960.0), "10K");
        check(compact(Locale::En, 12_345.0), "12K");
        check(compact(Locale::En, 950.0), "950");
        check(compact(Locale::En, 0.25), "0.25");
        check(compact(Locale::En, -2_500.0), "-2.5K");
        check(compact(Locale::En, 3e9), "3B");
        check(compact(Locale::En, 1e18), "1000000T");
        check(compact(Locale::Ru, 1_234_567.0), "1,2_млн");
        check(compact(Locale::Ru, 350_000.0), "350_тыс.");
        check(compact(Locale::Ru, 4e9), "4_млрд");
        check(compact(Locale::Zh, 1_200_000.0), "120万");
        check(compact(Locale::Zh, 120_000_000.0), "1.2亿");
        check(compact(Locale::Zh, 9_999.0), "9999");
        check(compact(Locale::Zh, 15_000.0), "1.5万");
        check(compact(Locale::Zh, 2e12), "2万亿");
        check(compact(Locale::En, 0.0), "0");
        check(compact(Locale::En, -0.0), "0");
    }

    #[test]
    fn money_places_the_currency_as_the_locale_does() {
        check(money(Locale::En, Currency::Usd, 1234.4), "$1,234");
        check(money(Locale::En, Currency::Eur, 1234.0), "€1,234");
        check(money(Locale::En, Currency::Gbp, -1234.0), "-£1,234");
        check(money(Locale::En, Currency::Usd, 12.5), "$12.50");
        check(money(Locale::En, Currency::Rub, 1234.0), "RUB_1,234");
        check(money(Locale::En, Currency::None, 1234.0), "1,234");
        check(money(Locale::Ru, Currency::Rub, 1234.0), "1_234_₽");
        check(money(Locale::Ru, Currency::Usd, 1234.0), "1_234_$");
        check(money(Locale::Ru, Currency::Eur, 0.8), "0,80_€");
        check(money(Locale::Zh, Currency::Cny, 1234.0), "¥1,234");
        check(money(Locale::Zh, Currency::Usd, 1234.0), "US$1,234");
        check(money(Locale::En, Currency::Usd, 0.001), "$0");
        check(
            money(Locale::En, Currency::Usd, 1e18),
            "$1,000,000,000,000,000,000",
        );
        check(
            money_compact(Locale::En, Currency::Usd, 1_200_000.0),
            "$1.2M",
        );
        check(
            money_compact(Locale::Ru, Currency::Rub, 1_200_000.0),
            "1,2_млн_₽",
        );
        check(
            money_compact(Locale::Zh, Currency::Cny, 1_200_000.0),
            "¥120万",
        );
    }

    #[test]
    fn currency_codes_round_trip() {
        for currency in Currency::ALL {
            assert_eq!(Currency::from_code(currency.code()), Some(currency));
        }
        assert_eq!(Currency::from_code("usd"), Some(Currency::Usd));
        assert_eq!(Currency::from_code("XYZ"), None);
    }

    #[test]
    fn days_take_the_plural_form() {
        check(format_days(Locale::En, 1.0), "1 day");
        check(format_days(Locale::En, 12.0), "12 days");
        check(format_days(Locale::En, 2.5), "2.5 days");
        check(format_days(Locale::Ru, 12.0), "12 дней");
        check(format_days(Locale::Ru, 21.0), "21 день");
        check(format_days(Locale::Ru, 3.0), "3 дня");
        check(format_days(Locale::Ru, 2.5), "2,5 дня");
        check(format_days(Locale::Zh, 12.0), "12天");
    }
}
