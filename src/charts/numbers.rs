//! Numbers as people read them: grouped thousands for figures, short forms for axis labels.

/// A whole number with thousands separated by commas: `1234567.8` becomes `"1,234,568"`.
pub fn grouped(value: f64) -> String {
    if !value.is_finite() {
        return "n/a".to_string();
    }
    let rounded = value.round();
    let digits = format!("{:.0}", rounded.abs());
    let mut text = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if rounded < 0.0 {
        text.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

/// A short label for an axis: `250000.0` becomes `"250k"`, `1500000.0` becomes `"1.5M"`.
pub fn compact(value: f64) -> String {
    if !value.is_finite() {
        return "n/a".to_string();
    }
    let magnitude = value.abs();
    let (scaled, suffix) = if magnitude >= 1e9 {
        (value / 1e9, "G")
    } else if magnitude >= 1e6 {
        (value / 1e6, "M")
    } else if magnitude >= 1e3 {
        (value / 1e3, "k")
    } else {
        (value, "")
    };
    // Two decimals at most, trailing zeros dropped: axis ticks are round numbers, so this
    // keeps neighbouring labels distinct without printing noise.
    let mut text = format!("{scaled:.2}");
    while text.ends_with('0') {
        text.pop();
    }
    if text.ends_with('.') {
        text.pop();
    }
    if text == "-0" {
        text = "0".to_string();
    }
    text.push_str(suffix);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_grouped(value: f64, expected: &str) {
        assert_eq!(grouped(value), expected);
    }

    #[track_caller]
    fn check_compact(value: f64, expected: &str) {
        assert_eq!(compact(value), expected);
    }

    #[test]
    fn groups_thousands() {
        check_grouped(0.0, "0");
        check_grouped(999.4, "999");
        check_grouped(1000.0, "1,000");
        check_grouped(1_234_567.8, "1,234,568");
        check_grouped(-12_345.0, "-12,345");
        check_grouped(f64::NAN, "n/a");
    }

    #[test]
    fn shortens_axis_labels() {
        check_compact(0.0, "0");
        check_compact(-0.0, "0");
        check_compact(950.0, "950");
        check_compact(2_500.0, "2.5k");
        check_compact(1_250.0, "1.25k");
        check_compact(250_000.0, "250k");
        check_compact(1_500_000.0, "1.5M");
        check_compact(3e9, "3G");
        check_compact(f64::INFINITY, "n/a");
    }
}
