//! One rate reader for every locale (`app_model::rate_input`): what the field writes for any
//! law, in any language, reads back as the same law; and the rules it shows a person.

use funnelcast::app_model::messages::rate_error;
use funnelcast::app_model::rate_input::{self, RateInputError};
use funnelcast::i18n::Locale;
use funnelcast::scenario::{Rate, UncertainRate};
use proptest::prelude::*;

const LOCALES: [Locale; 3] = [Locale::En, Locale::Ru, Locale::Zh];

fn beta(alpha: f64, beta: f64) -> Rate {
    Rate::Uncertain(UncertainRate::Beta { alpha, beta })
}

fn uniform(low: f64, high: f64) -> Rate {
    Rate::Uncertain(UncertainRate::Uniform { low, high })
}

#[track_caller]
fn round_trips(rate: Rate) {
    for locale in LOCALES {
        let text = rate_input::text(&rate, locale);
        assert_eq!(
            rate_input::parse(&text),
            Ok(rate),
            "{locale}: {rate:?} written as {text:?}"
        );
    }
}

/// Every law the format has: fixed shares, ranges, counts and beta laws of any parameters.
fn any_rate() -> impl Strategy<Value = Rate> {
    let share = prop_oneof![
        0.0..=1.0_f64,
        (0_u32..=10_000).prop_map(|n| f64::from(n) / 10_000.0),
        (0_u32..=100).prop_map(|n| f64::from(n) / 100.0),
    ];
    let parameter = prop_oneof![
        (1_u32..=10_000).prop_map(f64::from),
        1e-6..1e9_f64,
        (1_u32..1_000_000).prop_map(|n| f64::from(n) / 8.0),
    ];
    prop_oneof![
        share.clone().prop_map(Rate::Fixed),
        (share.clone(), share).prop_map(|(a, b)| uniform(a.min(b), a.max(b))),
        (parameter.clone(), parameter).prop_map(|(a, b)| beta(a, b)),
        (0_u64..5_000, 1_u64..5_000).prop_map(|(k, extra)| beta(k as f64 + 1.0, extra as f64)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn what_the_field_writes_reads_back_as_the_same_law(rate in any_rate()) {
        for locale in LOCALES {
            let text = rate_input::text(&rate, locale);
            prop_assert_eq!(rate_input::parse(&text), Ok(rate), "{}: {:?}", locale, text);
        }
    }
}

#[test]
fn the_written_forms_are_the_friendliest_exact_ones_in_each_language() {
    let cases = [
        (Rate::Fixed(0.25), ["25%", "25%", "25%"]),
        (Rate::Fixed(0.125), ["12.5%", "12,5%", "12.5%"]),
        (uniform(0.15, 0.25), ["15-25%", "15-25%", "15-25%"]),
        (
            beta(43.0, 139.0),
            [
                "observed 42 of 180",
                "наблюдали 42 из 180",
                "观察到 180 个中有 42 个",
            ],
        ),
        (
            beta(2.5, 7.0),
            ["beta(2.5, 7)", "beta(2.5, 7)", "beta(2.5, 7)"],
        ),
    ];
    for (rate, texts) in cases {
        for (locale, expected) in LOCALES.into_iter().zip(texts) {
            assert_eq!(rate_input::text(&rate, locale), expected, "{locale}");
        }
        round_trips(rate);
    }
}

/// The field read a beta law with non-integer parameters, shown as `beta 2.5 7`, back as a
/// uniform rate from 2.5% to 7%; now it is written so that it reads back as itself.
#[test]
fn a_beta_law_with_fractional_parameters_survives_an_edit_of_its_text() {
    let law = beta(2.5, 7.0);
    let shown = rate_input::text(&law, Locale::En);
    assert_eq!(rate_input::parse(&shown), Ok(law));
    assert_ne!(rate_input::parse(&shown), Ok(uniform(0.025, 0.07)));
}

/// The field read "1" as 100% and the documented reader as 1%: one rule now, said in the
/// field's hint and shown back once read.
#[test]
fn one_rule_for_a_bare_number() {
    assert_eq!(rate_input::parse("1"), Ok(Rate::Fixed(0.01)));
    assert_eq!(rate_input::parse("20"), Ok(Rate::Fixed(0.2)));
    assert_eq!(rate_input::parse("0.2"), Ok(Rate::Fixed(0.2)));
    assert_eq!(rate_input::parse("0,2"), Ok(Rate::Fixed(0.2)));
    assert_eq!(rate_input::parse("100%"), Ok(Rate::Fixed(1.0)));
    assert_eq!(rate_input::text(&Rate::Fixed(0.01), Locale::En), "1%");
    for locale in LOCALES {
        let hint = funnelcast::i18n::t(locale, "editor.stage.conversion.hint");
        assert!(
            hint.contains('1') && hint.contains("20"),
            "{locale}: {hint}"
        );
    }
}

#[test]
fn every_form_is_read_in_every_language() {
    for (text, rate) in [
        ("12,5%", Rate::Fixed(0.125)),
        ("от 15 до 25%", uniform(0.15, 0.25)),
        ("15到25%", uniform(0.15, 0.25)),
        ("наблюдали 42 из 180", beta(43.0, 139.0)),
        ("观察到 180 个中有 42 个", beta(43.0, 139.0)),
        ("42/180", beta(43.0, 139.0)),
    ] {
        assert_eq!(rate_input::parse(text), Ok(rate), "{text}");
    }
}

#[test]
fn why_a_rate_cannot_be_read_is_said_in_each_language() {
    let errors = [
        RateInputError::Empty,
        RateInputError::NotUnderstood {
            input: "abc".into(),
        },
        RateInputError::BadNumber {
            number: "1.2.3".into(),
        },
        RateInputError::Negative,
        RateInputError::AboveHundredPercent { percent: 150.0 },
        RateInputError::ReversedRange {
            low_percent: 30.0,
            high_percent: 20.0,
        },
        RateInputError::CountNotWhole {
            count: "4.5".into(),
        },
        RateInputError::MoreConversionsThanTries {
            conversions: 50,
            tries: 40,
        },
        RateInputError::NoTries,
        RateInputError::TooManyTries,
        rate_input::parse("beta(1,2,3)").expect_err("three numbers"),
        rate_input::parse("beta(x, 2)").expect_err("not a number"),
        rate_input::parse("beta(0, 2)").expect_err("zero"),
        rate_input::parse("uniform(0.3, 1.2)").expect_err("above one"),
    ];
    for error in &errors {
        let english = rate_error(Locale::En, error);
        for locale in LOCALES {
            let text = rate_error(locale, error);
            assert!(
                !text.contains('{') && !text.starts_with("rate."),
                "{locale}: {text}"
            );
            if locale != Locale::En {
                assert_ne!(text, english, "{locale}: not translated");
            }
        }
    }
    let text = rate_error(
        Locale::Ru,
        &RateInputError::AboveHundredPercent { percent: 150.5 },
    );
    assert!(text.contains("150,5"), "{text}");
}
