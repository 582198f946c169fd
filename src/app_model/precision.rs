//! "Runs: automatic" in words: the choices the runs menu offers and the sentence beside the
//! forecast that says how precise it came out, in the person's language.

use crate::engine::automatic::Outcome;
use crate::i18n::format;
use crate::i18n::{self, Locale};

/// A choice of the runs menu: "Automatic: ±1%".
pub fn precision_choice(locale: Locale, precision: f64) -> String {
    let precision = format::percent(locale, precision, 1);
    i18n::tf(locale, "runs.mode.automatic", &[("precision", &precision)])
}

/// How an automatic run ended, under the run summary: "Runs chosen automatically: revenue's
/// mean, p5 and p95 known to ±0.8% (±1% asked)", or that the most runs stopped it first.
pub fn automatic_sentence(locale: Locale, runs: u32, outcome: &Outcome) -> String {
    let worst = outcome.relative_errors.worst();
    let percent = |share: f64| {
        if share.is_finite() {
            format::percent(locale, share, 2)
        } else {
            "∞".to_string()
        }
    };
    let asked = format::percent(locale, outcome.tolerance, 2);
    if outcome.reached {
        i18n::tf(
            locale,
            "runs.automatic.reached",
            &[("error", &percent(worst)), ("asked", &asked)],
        )
    } else {
        let runs = format::integer(locale, f64::from(runs));
        i18n::tf(
            locale,
            "runs.automatic.not_reached",
            &[
                ("error", &percent(worst)),
                ("asked", &asked),
                ("runs", &runs),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::automatic::RelativeErrors;

    fn outcome(reached: bool, worst: f64) -> Outcome {
        Outcome {
            tolerance: 0.01,
            cap: 100_000,
            reached,
            relative_errors: RelativeErrors {
                mean: worst / 3.0,
                p5: worst,
                p95: worst / 2.0,
            },
        }
    }

    #[test]
    fn the_choices_and_the_sentences_in_three_languages() {
        assert_eq!(precision_choice(Locale::En, 0.005), "Automatic: ±0.5%");
        assert_eq!(
            precision_choice(Locale::Ru, 0.005),
            "Автоматически: ±0,5\u{a0}%"
        );
        assert_eq!(precision_choice(Locale::Zh, 0.02), "自动：±2%");
        assert_eq!(
            automatic_sentence(Locale::En, 8_000, &outcome(true, 0.0087)),
            "Runs chosen automatically: revenue's mean, p5 and p95 known to ±0.87% (±1% asked)"
        );
        assert_eq!(
            automatic_sentence(Locale::En, 100_000, &outcome(false, 0.0123)),
            "Runs chosen automatically: ±1% not reached within 100,000 runs (±1.23% now); ask for less \
             precision"
        );
        let ru = automatic_sentence(Locale::Ru, 100_000, &outcome(false, f64::INFINITY));
        assert!(ru.contains("100\u{a0}000") && ru.contains("±∞"), "{ru}");
        let zh = automatic_sentence(Locale::Zh, 2_500, &outcome(true, 0.004));
        assert!(zh.contains("±0.4%") && zh.contains("±1%"), "{zh}");
    }
}
