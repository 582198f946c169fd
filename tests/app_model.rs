//! The app's state logic: scenario edits, rate input, undo/redo, share links, autosave and
//! CSV export, tested natively.

use funnelcast::app_model::autosave::{self, Restored, SaveError, Saved};
use funnelcast::app_model::edit::StageReference;
use funnelcast::app_model::edit::{self, Direction, EditError};
use funnelcast::app_model::export;
use funnelcast::app_model::history::{COALESCE_MS, History};
use funnelcast::app_model::rate_input::{self, ACCEPTED_FORMS, RateInputError};
use funnelcast::app_model::share::{self, MAX_INFLATED_BYTES, ShareError, Shared, SharedView};
use funnelcast::app_model::{MAX_RUNS, Settings};
use funnelcast::engine;
use funnelcast::i18n::Locale;
use funnelcast::i18n::format::Currency;
use funnelcast::scenario::presets::{self, PRESETS};
use funnelcast::scenario::{Nurture, Rate, Scenario, UncertainRate};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use proptest::prelude::*;

fn six_step() -> Scenario {
    presets::find("six-step")
        .expect("six-step preset")
        .scenario()
}

fn beta(alpha: f64, beta: f64) -> Rate {
    Rate::Uncertain(UncertainRate::Beta { alpha, beta })
}

fn uniform(low: f64, high: f64) -> Rate {
    Rate::Uncertain(UncertainRate::Uniform { low, high })
}

fn stage_index(scenario: &Scenario, name: &str) -> usize {
    scenario
        .stages
        .iter()
        .position(|s| s.name == name)
        .unwrap_or_else(|| panic!("no stage {name}"))
}

// ---------------------------------------------------------------------------------------------
// Rate input

#[track_caller]
fn check_rate(input: &str, expected: Rate) {
    assert_eq!(rate_input::parse(input), Ok(expected), "input {input:?}");
}

#[track_caller]
fn check_rate_error(input: &str, expected: RateInputError) {
    let error = rate_input::parse(input).expect_err(input);
    assert_eq!(error, expected, "input {input:?}");
    assert!(!error.to_string().is_empty());
}

#[test]
fn rates_parse_in_the_forms_people_type() {
    check_rate("20%", Rate::Fixed(0.2));
    check_rate(" 20 % ", Rate::Fixed(0.2));
    check_rate("0.2", Rate::Fixed(0.2));
    check_rate("20", Rate::Fixed(0.2));
    check_rate("1", Rate::Fixed(0.01));
    check_rate("100%", Rate::Fixed(1.0));
    check_rate("100", Rate::Fixed(1.0));
    check_rate("0", Rate::Fixed(0.0));
    check_rate("0%", Rate::Fixed(0.0));
    check_rate(".5", Rate::Fixed(0.5));
    check_rate("12,5%", Rate::Fixed(0.125));
    check_rate("12.5%", Rate::Fixed(0.125));
    check_rate("0,125", Rate::Fixed(0.125));
    check_rate("１２％", Rate::Fixed(0.12));
    check_rate("7%", Rate::Fixed(0.07));
    check_rate("20 percent", Rate::Fixed(0.2));
    check_rate("12,5 процента", Rate::Fixed(0.125));
    check_rate("0.5 percent", Rate::Fixed(0.005));
    check_rate("15 to 25 percent", uniform(0.15, 0.25));
}

#[test]
fn ranges_become_uniform_rates() {
    let expected = uniform(0.15, 0.25);
    for input in [
        "15-25%",
        "15–25 %",
        "15—25%",
        "15 to 25%",
        "15% - 25%",
        "15%-25%",
        "between 15 and 25%",
        "from 15 to 25 %",
        "от 15 до 25%",
        "15到25%",
        "从15至25%",
        "15~25%",
        "15 - 25",
        "0.15-0.25",
        "0,15 - 0,25",
        "uniform(0.15, 0.25)",
        "Uniform( 0.15 ,0.25 )",
    ] {
        check_rate(input, expected);
    }
    check_rate("12,5-17,5%", uniform(0.125, 0.175));
    check_rate("0-100%", uniform(0.0, 1.0));
    check_rate("20-20%", uniform(0.2, 0.2));
}

#[test]
fn observed_counts_become_the_beta_posterior_from_a_uniform_prior() {
    let expected = beta(43.0, 139.0);
    for input in [
        "observed 42 of 180",
        "Observed 42 out of 180",
        "42 of 180",
        "42/180",
        "42 / 180",
        "42 из 180",
        "наблюдали 42 из 180",
        "180中42",
        "180 中 42",
        "180人中有42人",
        "观察到180中有42",
        "４２／１８０",
    ] {
        check_rate(input, expected);
    }
    check_rate("0 of 10", beta(1.0, 11.0));
    check_rate("10 of 10", beta(11.0, 1.0));
    check_rate("beta(2.5, 7)", beta(2.5, 7.0));
    check_rate("BETA(2,3)", beta(2.0, 3.0));
}

#[test]
fn bad_rates_are_errors_that_say_what_is_accepted() {
    check_rate_error("", RateInputError::Empty);
    check_rate_error("   ", RateInputError::Empty);
    check_rate_error(
        "150%",
        RateInputError::AboveHundredPercent { percent: 150.0 },
    );
    check_rate_error(
        "150",
        RateInputError::AboveHundredPercent { percent: 150.0 },
    );
    check_rate_error("-5%", RateInputError::Negative);
    check_rate_error("−5%", RateInputError::Negative);
    check_rate_error(
        "50 of 40",
        RateInputError::MoreConversionsThanTries {
            conversions: 50,
            tries: 40,
        },
    );
    check_rate_error("0 of 0", RateInputError::NoTries);
    check_rate_error(
        "1,000 of 2,000",
        RateInputError::CountNotWhole {
            count: "1,000".to_string(),
        },
    );
    check_rate_error(
        "4.5 of 10",
        RateInputError::CountNotWhole {
            count: "4.5".to_string(),
        },
    );
    check_rate_error("1000000000 of 1000000000", RateInputError::TooManyTries);
    check_rate_error(
        "99999999999999999999999999 of 99999999999999999999999999",
        RateInputError::TooManyTries,
    );
    check_rate_error(
        "25-15%",
        RateInputError::ReversedRange {
            low_percent: 25.0,
            high_percent: 15.0,
        },
    );
    check_rate_error(
        "15-250%",
        RateInputError::AboveHundredPercent { percent: 250.0 },
    );
    check_rate_error(
        "1.2.3%",
        RateInputError::BadNumber {
            number: "1.2.3".to_string(),
        },
    );
    for input in [
        "percent",
        "20 percent percent",
        "20% percent",
        "abc",
        "percent",
        "20 percent percent",
        "20% percent",
        "20%%",
        "% 20",
        "1e5",
        "20 30",
        "of 180",
        "42 of",
        "NaN",
        "inf",
    ] {
        let error = rate_input::parse(input).expect_err(input);
        assert!(
            matches!(error, RateInputError::NotUnderstood { .. }),
            "{input:?}: {error:?}"
        );
        assert!(error.to_string().contains(ACCEPTED_FORMS), "{error}");
    }
    assert!(
        rate_input::parse("")
            .expect_err("empty")
            .to_string()
            .contains(ACCEPTED_FORMS)
    );
    // Huge numbers are errors, not infinities or panics.
    let huge = format!("{}%", "9".repeat(400));
    assert!(matches!(
        rate_input::parse(&huge),
        Err(RateInputError::AboveHundredPercent { .. })
    ));
    for input in [
        "beta(0, 1)",
        "beta(1, -2)",
        "beta(1e3, 2)",
        "beta(1,2,3)",
        "beta(2e10, 1)",
    ] {
        let error = rate_input::parse(input).expect_err(input);
        assert!(
            matches!(error, RateInputError::BadParameter { form: "beta", .. }),
            "{input:?}: {error:?}"
        );
    }
    assert!(matches!(
        rate_input::parse("uniform(0.3, 1.2)"),
        Err(RateInputError::BadParameter {
            form: "uniform",
            ..
        })
    ));
    check_rate_error(
        "uniform(0.3, 0.2)",
        RateInputError::ReversedRange {
            low_percent: 30.0,
            high_percent: 20.0,
        },
    );
}

#[track_caller]
fn check_describe(rate: Rate, text: &str, mean: f64, p5: f64, p95: f64) {
    let summary = rate_input::describe(&rate);
    assert_eq!(summary.input_text, text, "{rate:?}");
    let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
    assert!(close(summary.mean, mean), "{rate:?} mean {}", summary.mean);
    assert!(close(summary.p5, p5), "{rate:?} p5 {}", summary.p5);
    assert!(close(summary.p95, p95), "{rate:?} p95 {}", summary.p95);
    assert_eq!(rate_input::parse(&summary.input_text), Ok(rate));
}

#[test]
fn describe_gives_mean_range_and_the_text_that_recreates_the_rate() {
    check_describe(Rate::Fixed(0.25), "25%", 0.25, 0.25, 0.25);
    check_describe(Rate::Fixed(0.125), "12.5%", 0.125, 0.125, 0.125);
    check_describe(Rate::Fixed(1.0), "100%", 1.0, 1.0, 1.0);
    check_describe(uniform(0.15, 0.25), "15-25%", 0.2, 0.155, 0.245);
    // Quantiles computed independently of statrs: bisection on the regularised incomplete
    // beta function (continued fraction, Numerical Recipes' betacf).
    check_describe(beta(30.0, 70.0), "29 of 98", 0.3, 0.227_299, 0.377_271);
    check_describe(
        beta(43.0, 139.0),
        "42 of 180",
        43.0 / 182.0,
        0.186_297,
        0.289_534,
    );
    check_describe(
        beta(2.5, 7.0),
        "beta(2.5, 7)",
        2.5 / 9.5,
        0.071_530,
        0.513_741,
    );
    // Beta(1, 1) is uniform: "0 of 0" is refused, so the explicit form is written.
    check_describe(beta(1.0, 1.0), "beta(1, 1)", 0.5, 0.05, 0.95);
    check_describe(beta(2.0, 2.0), "1 of 2", 0.5, 0.135_350, 0.864_650);
    // Shares with no short exact percentage are written as shares.
    for p in [1e-7, 1.234_567_890_123_456_7e-20, 0.1 + 0.2, 1.0 / 3.0] {
        let text = rate_input::describe(&Rate::Fixed(p)).input_text;
        assert_eq!(rate_input::parse(&text), Ok(Rate::Fixed(p)), "{text}");
    }
    // Extreme but valid parameters end quickly with a sensible range: statrs' own inverse never
    // returns for the first two (the counts "999999999 of 999999999" give the first).
    // Beta(a, 1) has the distribution function x^a, so its quantile q is q^(1/a).
    check_describe(
        beta(1e9, 1.0),
        "999999999 of 999999999",
        1e9 / (1e9 + 1.0),
        0.05f64.powf(1e-9),
        0.95f64.powf(1e-9),
    );
    check_describe(
        beta(1.0, 1e9),
        "0 of 999999999",
        1.0 / (1e9 + 1.0),
        1.0 - 0.95f64.powf(1e-9),
        1.0 - 0.05f64.powf(1e-9),
    );
    for (alpha, beta_) in [(1e-300, 1e9), (0.001, 1e9), (1e9, 1e-300), (1e-300, 1e-300)] {
        let summary = rate_input::describe(&beta(alpha, beta_));
        assert!(summary.p5 <= summary.p95, "{alpha}, {beta_}: {summary:?}");
    }
    // Lopsided and large laws against the same independent computation, to a hundred-thousandth
    // of the interval's width, on both sides of the switch to the skew-corrected normal law.
    for (alpha, beta_, p5, p95) in [
        (100.0, 1e9, 8.413_925_510_4e-8, 1.169_971_398_1e-7),
        (10.0, 1e6, 5.425_366_564_9e-6, 1.570_502_242_5e-5),
        (1e5, 1e5, 4.981_610_016_6e-1, 5.018_389_983_4e-1),
        (2e5, 7e5, 2.215_017_525_4e-1, 2.229_433_937_8e-1),
        (100_001.0, 1e9, 9.947_149_663_9e-5, 1.005_116_416_5e-4),
    ] {
        let summary = rate_input::describe(&beta(alpha, beta_));
        let width = p95 - p5;
        assert!(
            (summary.p5 - p5).abs() < 1e-5 * width && (summary.p95 - p95).abs() < 1e-5 * width,
            "Beta({alpha}, {beta_}): {summary:?}"
        );
    }
    // Normal approximation for a huge symmetric law: 0.5 -/+ 1.645 sd.
    let sd = 0.5 / (2e9f64 + 1.0).sqrt();
    check_describe(
        beta(1e9, 1e9),
        "beta(1000000000, 1000000000)",
        0.5,
        0.5 - 1.644_854 * sd,
        0.5 + 1.644_854 * sd,
    );
    // Parameters the format rejects: no panic, and the text shows the numbers.
    for rate in [
        beta(f64::NAN, 1.0),
        beta(-1.0, 2.0),
        beta(0.0, 0.0),
        uniform(0.5, 0.2),
        Rate::Fixed(1.5),
        Rate::Fixed(-0.2),
        Rate::Fixed(f64::NAN),
        Rate::Fixed(f64::INFINITY),
    ] {
        let summary = rate_input::describe(&rate);
        assert!(
            rate_input::parse(&summary.input_text).is_err(),
            "{summary:?}"
        );
    }
}

/// The rates `describe` writes text for: every valid fixed, uniform and beta rate.
fn valid_rate() -> impl Strategy<Value = Rate> {
    prop_oneof![
        (0.0..=1.0f64).prop_map(Rate::Fixed),
        (0u32..=1000).prop_map(|n| Rate::Fixed(f64::from(n) / 1000.0)),
        (0.0..=1.0f64, 0.0..=1.0f64).prop_map(|(a, b)| uniform(a.min(b), a.max(b))),
        (0u32..=100, 0u32..=100).prop_map(|(a, b)| {
            uniform(f64::from(a.min(b)) / 100.0, f64::from(a.max(b)) / 100.0)
        }),
        (0u64..=1_000_000, 1u64..=1_000_000).prop_map(|(k, extra)| {
            let n = k + extra;
            beta((k + 1) as f64, (n - k + 1) as f64)
        }),
        (1e-6..1e6f64, 1e-6..1e6f64).prop_map(|(a, b)| beta(a, b)),
    ]
}

proptest! {
    #[test]
    fn describe_text_parses_back_to_the_same_rate(rate in valid_rate()) {
        let summary = rate_input::describe(&rate);
        prop_assert_eq!(rate_input::parse(&summary.input_text), Ok(rate));
        // (A law as lopsided as Beta(0.01, 1) has its mean above its 95th percentile.)
        prop_assert!(0.0 <= summary.p5 && summary.p5 <= summary.p95 && summary.p95 <= 1.0);
    }

    #[test]
    fn parsing_any_text_never_panics(text in ".{0,40}") {
        let _ = rate_input::parse(&text);
    }

    #[test]
    fn parsing_rate_like_text_never_panics_and_accepts_only_valid_rates(
        text in "[0-9.,%\\- /()ofizuntbea中到−–]{0,24}"
    ) {
        if let Ok(rate) = rate_input::parse(&text) {
            let scenario = one_stage_scenario(rate);
            prop_assert!(scenario.validate().is_ok(), "{:?} -> {:?}", text, rate);
        }
    }
}

/// A valid one-stage scenario with this conversion rate.
fn one_stage_scenario(rate: Rate) -> Scenario {
    let mut scenario = Scenario::from_json(
        r#"{"name": "one", "horizon_days": 30,
            "sources": [{"name": "Ads", "entry": "Only", "per_day": {"fixed": 5}}],
            "stages": [{"name": "Only", "conversion": 0.5, "delay_days": {"fixed": 1}}]}"#,
    )
    .expect("scenario");
    scenario.stages[0].conversion = rate;
    scenario
}

// ---------------------------------------------------------------------------------------------
// Editing

#[test]
fn added_stages_get_unique_names_and_keep_the_scenario_valid() {
    let scenario = six_step();
    let added = edit::add_stage(&scenario, Locale::En);
    assert_eq!(added.stages.len(), 7);
    assert_eq!(added.stages[6].name, "Stage 7");
    assert_eq!(added.stages[..6], scenario.stages[..]);
    assert!(added.validate().is_ok());
    assert_eq!(
        edit::add_stage(&added, Locale::En).stages[7].name,
        "Stage 8"
    );

    // A name already taken is skipped.
    let mut taken = one_stage_scenario(Rate::Fixed(0.5));
    taken.stages[0].name = "Stage 2".to_string();
    assert_eq!(
        edit::add_stage(&taken, Locale::En).stages[1].name,
        "Stage 3"
    );
}

#[test]
fn a_stage_something_refers_to_is_not_removed() {
    let mut scenario = six_step();
    // The Intent stage's nurture loop sends leads back to Interest.
    let intent = stage_index(&scenario, "Intent");
    scenario.stages[intent].nurture = Some(Nurture {
        share: 0.5,
        delay_days: funnelcast::scenario::Delay::Fixed(7),
        reentry: 0.2,
        to: "Interest".to_string(),
        max_cycles: 1,
    });
    let interest = stage_index(&scenario, "Interest");
    let error = edit::remove_stage(&scenario, interest).expect_err("Interest is referenced");
    assert_eq!(
        error,
        EditError::StageInUse {
            stage: "Interest".to_string(),
            references: vec![
                StageReference::SourceEntry {
                    index: 1,
                    source: "Partners".to_string()
                },
                StageReference::NurtureTarget {
                    index: intent,
                    stage: "Intent".to_string()
                },
            ],
        }
    );
    let message = error.to_string();
    assert!(
        message.contains("\"Partners\"") && message.contains("\"Intent\""),
        "{message}"
    );

    // Consideration's loop returns to itself: that does not keep it.
    let consideration = stage_index(&scenario, "Consideration");
    let removed = edit::remove_stage(&scenario, consideration).expect("own loop only");
    assert_eq!(removed.stages.len(), 5);
    assert!(removed.stages.iter().all(|s| s.name != "Consideration"));
    assert!(removed.validate().is_ok());

    assert_eq!(
        edit::remove_stage(&scenario, 6),
        Err(EditError::NoSuchStage { index: 6 })
    );
}

#[test]
fn renaming_a_stage_renames_every_reference() {
    let scenario = six_step();
    let renamed = edit::rename_stage(&scenario, 0, "Attention").expect("rename");
    assert_eq!(renamed.stages[0].name, "Attention");
    assert_eq!(renamed.sources[0].entry, "Attention");
    assert!(renamed.validate().is_ok());

    let consideration = stage_index(&scenario, "Consideration");
    let renamed = edit::rename_stage(&scenario, consideration, "Думает, 考虑").expect("rename");
    let nurture = renamed.stages[consideration]
        .nurture
        .as_ref()
        .expect("nurture");
    assert_eq!(nurture.to, "Думает, 考虑");
    assert!(renamed.validate().is_ok());
    // Nothing else changed.
    assert_eq!(
        edit::rename_stage(&renamed, consideration, "Consideration").expect("back"),
        scenario
    );

    let check_refused = |name: &str, expected: EditError| {
        assert_eq!(
            edit::rename_stage(&scenario, 0, name),
            Err(expected),
            "{name:?}"
        );
    };
    check_refused("", EditError::EmptyName);
    check_refused("   ", EditError::EmptyName);
    check_refused("Two\nlines", EditError::ControlCharacterInName);
    check_refused(
        "Int\u{202E}erest",
        EditError::HiddenCharacterInName {
            code: "U+202E".to_string(),
        },
    );
    // The page says which character, in the person's language.
    let message = funnelcast::app_model::messages::edit_error(
        funnelcast::i18n::Locale::Ru,
        &EditError::HiddenCharacterInName {
            code: "U+202E".to_string(),
        },
    );
    assert!(
        message.contains("U+202E") && message.contains("невидим"),
        "{message}"
    );
    check_refused(
        "Interest",
        EditError::DuplicateStageName {
            name: "Interest".to_string(),
        },
    );
    assert_eq!(
        edit::rename_stage(&scenario, 0, "Awareness"),
        Ok(scenario.clone())
    );
    assert_eq!(
        edit::rename_stage(&scenario, 9, "X"),
        Err(EditError::NoSuchStage { index: 9 })
    );
}

#[test]
fn stages_move_up_and_down_within_the_list() {
    let scenario = six_step();
    let moved = edit::move_stage(&scenario, 1, Direction::Up).expect("move");
    assert_eq!(moved.stages[0].name, "Interest");
    assert_eq!(moved.stages[1].name, "Awareness");
    assert_eq!(
        edit::move_stage(&moved, 0, Direction::Down).expect("back"),
        scenario
    );
    assert_eq!(
        edit::move_stage(&scenario, 0, Direction::Up),
        Err(EditError::CannotMove {
            index: 0,
            direction: Direction::Up
        })
    );
    assert_eq!(
        edit::move_stage(&scenario, 5, Direction::Down),
        Err(EditError::CannotMove {
            index: 5,
            direction: Direction::Down
        })
    );
    assert_eq!(
        edit::move_stage(&scenario, 6, Direction::Up),
        Err(EditError::NoSuchStage { index: 6 })
    );
}

#[test]
fn sources_are_added_removed_and_renamed() {
    let scenario = six_step();
    let added = edit::add_source(&scenario, Locale::En);
    assert_eq!(added.sources.len(), 3);
    assert_eq!(added.sources[2].name, "Source 3");
    assert_eq!(added.sources[2].entry, "Awareness");
    assert!(added.validate().is_ok());

    let removed = edit::remove_source(&added, 0).expect("remove");
    assert_eq!(removed.sources.len(), 2);
    assert_eq!(removed.sources[0].name, "Partners");
    assert_eq!(
        edit::remove_source(&added, 3),
        Err(EditError::NoSuchSource { index: 3 })
    );

    let renamed = edit::rename_source(&scenario, 0, "Поиск").expect("rename");
    assert_eq!(renamed.sources[0].name, "Поиск");
    assert_eq!(
        edit::rename_source(&scenario, 0, "Partners"),
        Err(EditError::DuplicateSourceName {
            name: "Partners".to_string()
        })
    );
    assert_eq!(
        edit::rename_source(&scenario, 0, " "),
        Err(EditError::EmptyName)
    );
}

#[test]
fn retention_switches_on_and_off() {
    let scenario = six_step();
    let off = edit::set_retention(&scenario, false);
    assert_eq!(off.retention, None);
    let on = edit::set_retention(&off, true);
    assert_eq!(on.retention, Some(edit::default_retention()));
    assert!(on.validate().is_ok());
    // Switching on what is on keeps the person's settings.
    assert_eq!(edit::set_retention(&scenario, true), scenario);
}

#[test]
fn variants_are_named_with_the_next_letter() {
    let mut plan = six_step();
    plan.name = "Plan".to_string();
    let b = edit::duplicate_as_variant(&plan, std::slice::from_ref(&plan));
    assert_eq!(b.name, "Plan (B)");
    assert_eq!(b.stages, plan.stages);
    let c = edit::duplicate_as_variant(&plan, &[plan.clone(), b.clone()]);
    assert_eq!(c.name, "Plan (C)");
    // Duplicating B gives the next free letter too.
    let from_b = edit::duplicate_as_variant(&b, &[plan.clone(), b.clone(), c.clone()]);
    assert_eq!(from_b.name, "Plan (D)");

    let mut open = vec![plan.clone()];
    for _ in 0..26 {
        let next = edit::duplicate_as_variant(&plan, &open);
        open.push(next);
    }
    assert_eq!(open[25].name, "Plan (Z)");
    assert_eq!(open[26].name, "Plan (AA)");

    let mut unnamed = plan.clone();
    unnamed.name = String::new();
    assert_eq!(edit::duplicate_as_variant(&unnamed, &[]).name, "(B)");
}

/// "What differs from A" was developer notation (`stages[Consideration].conversion: 24 of 98 ->
/// 30%`); it is sentences now, from typed changes, and a renamed stage is a rename.
#[test]
fn what_differs_from_a_reads_as_a_person_would_write_it() {
    use funnelcast::app_model::changes::{Change, Shown, changes};
    use funnelcast::app_model::explain::{Style, change_sentence};
    use funnelcast::i18n::format::Currency;
    let style = Style {
        locale: Locale::En,
        currency: Currency::Usd,
    };
    let say = |a: &Scenario, b: &Scenario| -> Vec<String> {
        changes(a, b)
            .iter()
            .map(|change| change_sentence(style, change))
            .collect()
    };
    let a = six_step();
    assert!(changes(&a, &a).is_empty());

    let consideration = stage_index(&a, "Consideration");
    let mut b = a.clone();
    b.stages[consideration].conversion = Rate::Fixed(0.3);
    assert_eq!(
        say(&a, &b),
        ["“Consideration” converts 30% instead of observed 24 of 98 (25%)."]
    );

    // Moving a stage: the order changes, nothing else.
    let moved = edit::move_stage(&a, 0, Direction::Down).expect("move");
    assert!(matches!(
        changes(&a, &moved).as_slice(),
        [Change::Order { .. }]
    ));

    // Added and removed stages and sources, retention, nurture and source fields.
    let mut c = edit::add_stage(&a, Locale::En);
    c = edit::remove_source(&c, 1).expect("remove");
    c = edit::set_retention(&c, false);
    c.stages[consideration]
        .nurture
        .as_mut()
        .expect("nurture")
        .reentry = 0.4;
    c.sources[0].cost_per_lead = 0.75;
    c.horizon_days = 180;
    let said = say(&a, &c);
    assert_eq!(
        said,
        [
            "Looks 180 days ahead instead of 365 days.",
            "“Consideration”: Share coming back 40% instead of 30%.",
            "New stage “Stage 7”: converts 50%, deciding in about 3 days (most decide quickly).",
            "“Search ads”: Cost per lead $0.75 instead of $0.50.",
            "No source “Partners” (in A it sends about 40 leads a day).",
            "No repeat purchases (A has them).",
        ],
        "{said:#?}"
    );

    // A new source in words.
    let mut d = a.clone();
    d.sources.push(funnelcast::scenario::Source {
        name: "Social ads".to_string(),
        entry: "Awareness".to_string(),
        per_day: funnelcast::scenario::Arrivals::Poisson(150.0),
        start_day: 0,
        end_day: None,
        cost_per_lead: 0.0,
        segment: None,
    });
    assert_eq!(
        say(&a, &d),
        ["New source “Social ads”: about 150 leads a day into “Awareness”."]
    );

    // A renamed stage is a rename (its source and loops follow it), not a removal and an
    // addition.
    let renamed = edit::rename_stage(&a, 0, "Reach").expect("rename");
    assert_eq!(
        changes(&a, &renamed),
        [Change::StageRenamed {
            a: "Awareness".to_string(),
            b: "Reach".to_string()
        }]
    );
    let mut renamed_and_changed = renamed.clone();
    renamed_and_changed.stages[0].conversion = Rate::Fixed(0.9);
    let found = changes(&a, &renamed_and_changed);
    assert!(
        found.iter().any(|c| matches!(c, Change::StageRemoved(_)))
            || found.iter().any(|c| matches!(
                c,
                Change::Stage {
                    field: "conversion",
                    b: Shown::Rate(_),
                    ..
                }
            )),
        "{found:?}"
    );

    // In Russian, with law names in Russian.
    let ru = Style {
        locale: Locale::Ru,
        currency: Currency::Usd,
    };
    let text = change_sentence(ru, &changes(&a, &c)[2]);
    assert!(
        text.contains("Новый этап") && text.contains("большинство решает быстро"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// Undo and redo

fn with_horizon(days: i64) -> Scenario {
    let mut scenario = six_step();
    scenario.horizon_days = days;
    scenario
}

#[test]
fn undo_and_redo_walk_the_history() {
    let mut history = History::new(with_horizon(1));
    assert!(!history.can_undo() && !history.can_redo());
    assert_eq!(history.undo(), None);
    history.push(with_horizon(2));
    history.push(with_horizon(3));
    // Pushing what is already current records nothing.
    history.push(with_horizon(3));
    assert_eq!(history.undo_steps(), 2);
    assert_eq!(history.undo().map(|s| s.horizon_days), Some(2));
    assert_eq!(history.undo().map(|s| s.horizon_days), Some(1));
    assert_eq!(history.undo(), None);
    assert!(history.can_redo() && !history.can_undo());
    assert_eq!(history.redo().map(|s| s.horizon_days), Some(2));
    // A new edit after undoing drops the redo branch.
    history.push(with_horizon(10));
    assert!(!history.can_redo());
    assert_eq!(history.redo(), None);
    assert_eq!(history.current().horizon_days, 10);
    assert_eq!(history.undo().map(|s| s.horizon_days), Some(2));
}

#[test]
fn the_history_is_bounded() {
    let mut history = History::with_limit(with_horizon(0), 5);
    for days in 1..=20 {
        history.push(with_horizon(days));
    }
    assert_eq!(history.undo_steps(), 5);
    let mut seen = Vec::new();
    while let Some(scenario) = history.undo() {
        seen.push(scenario.horizon_days);
    }
    assert_eq!(seen, [19, 18, 17, 16, 15]);
    assert_eq!(history.redo_steps(), 5);

    let mut default_limit = History::new(with_horizon(0));
    for days in 1..=250 {
        default_limit.push(with_horizon(days));
    }
    assert_eq!(default_limit.undo_steps(), 100);
}

#[test]
fn quick_edits_of_one_field_are_one_undo_step() {
    let mut history = History::new(with_horizon(1));
    // Typing "365" into the horizon: three edits, 200 ms apart.
    history.push_edit(with_horizon(3), "horizon_days", 1_000);
    history.push_edit(with_horizon(36), "horizon_days", 1_200);
    history.push_edit(with_horizon(365), "horizon_days", 1_400);
    assert_eq!(history.undo_steps(), 1);
    // Another field is another step.
    history.push_edit(with_horizon(365).tap_name("x"), "name", 1_500);
    assert_eq!(history.undo_steps(), 2);
    // The same field after a pause is another step.
    history.push_edit(
        with_horizon(365).tap_name("xy"),
        "name",
        1_500 + COALESCE_MS + 1,
    );
    assert_eq!(history.undo_steps(), 3);
    assert_eq!(
        history.undo().map(|s| s.name.clone()),
        Some("x".to_string())
    );
    // After an undo, the next edit of the same field is a new step (the redo branch goes).
    history.push_edit(with_horizon(365).tap_name("xz"), "name", 2_600);
    assert_eq!(history.undo_steps(), 3);
    assert!(!history.can_redo());
    // A clock going backwards never coalesces.
    history.push_edit(with_horizon(365).tap_name("xzz"), "name", 100);
    assert_eq!(history.undo_steps(), 4);
    history.undo();
    history.undo();
    history.undo();
    assert_eq!(history.undo().map(|s| s.horizon_days), Some(1));
}

#[test]
fn the_history_can_hold_a_scenario_with_its_variants() {
    let a = six_step();
    let b = edit::duplicate_as_variant(&a, std::slice::from_ref(&a));
    let mut history: History<Vec<Scenario>> = History::new(vec![a.clone()]);
    history.push(vec![a.clone(), b.clone()]);
    assert_eq!(history.undo().map(Vec::len), Some(1));
    history.reset(vec![b.clone()]);
    assert!(!history.can_undo() && !history.can_redo());
    assert_eq!(history.current(), &vec![b]);
}

trait TapName {
    fn tap_name(self, name: &str) -> Scenario;
}

impl TapName for Scenario {
    fn tap_name(mut self, name: &str) -> Scenario {
        self.name = name.to_string();
        self
    }
}

// ---------------------------------------------------------------------------------------------
// Share links

fn shared(scenario: Scenario) -> Shared {
    Shared::new(
        scenario,
        Settings {
            runs: 5_000,
            seed: 42,
            precision: None,
        },
    )
}

/// A link holding these bytes as its zlib-compressed payload.
fn link_of_json(json: &str) -> String {
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 6);
    format!("v1.{}", URL_SAFE_NO_PAD.encode(compressed))
}

#[test]
fn every_preset_round_trips_through_a_short_link() {
    for preset in PRESETS {
        let payload = shared(preset.scenario());
        let link = share::encode(&payload);
        assert!(link.starts_with("v1."));
        assert!(
            link.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')),
            "{link}"
        );
        eprintln!(
            "share link for {:<17} {:>4} characters (JSON {} bytes)",
            preset.id,
            link.len(),
            serde_json::to_string(&payload).expect("json").len()
        );
        // Short enough for any browser, chat program or QR code.
        assert!(
            link.len() < 2_000,
            "{}: {} characters",
            preset.id,
            link.len()
        );
        assert_eq!(share::decode(&link), Ok(payload.clone()));
        assert_eq!(share::decode(&format!("#{link}")), Ok(payload.clone()));
        assert_eq!(
            share::decode(&format!("https://example.org/funnelcast/#{link}\n")),
            Ok(payload)
        );
    }
}

/// A trainer's link opens straight into the teaching view (in projector mode if asked); the
/// JSON export never carries it; a link without it opens the editor as before; a view the app
/// does not have is refused with the field named.
#[test]
fn a_link_can_open_into_the_teaching_view() {
    let plain = shared(six_step());
    assert_eq!(plain.view, None);
    for view in [SharedView::Teach, SharedView::Projector] {
        let payload = plain.clone().opening(view);
        let decoded = share::decode(&share::encode(&payload));
        assert_eq!(decoded.as_ref().map(|s| s.view), Ok(Some(view)));
        assert_eq!(decoded.map(|s| s.work()), Ok(plain.work()), "the same work");
    }
    let json = serde_json::to_value(plain.clone().opening(SharedView::Projector)).expect("json");
    assert_eq!(json["view"], "projector");
    assert!(
        !Shared::of_work(&plain.work())
            .to_pretty_json()
            .contains("\"view\""),
        "the JSON export opens no view"
    );
    let mut odd = json;
    odd["view"] = "cinema".into();
    check_share_error(
        &link_of_json(&odd.to_string()),
        |e| matches!(e, ShareError::Format { path, message } if path == "view" && message.contains("projector")),
    );
}

#[track_caller]
fn check_share_error(link: &str, matches: impl Fn(&ShareError) -> bool) {
    match share::decode(link) {
        Ok(shared) => panic!("{link:?} decoded to {shared:?}"),
        Err(error) => {
            assert!(matches(&error), "{link:?}: {error:?}");
            assert!(!error.to_string().is_empty());
        }
    }
}

#[test]
fn broken_links_give_distinct_errors() {
    let good = share::encode(&shared(six_step()));
    check_share_error("", |e| *e == ShareError::Empty);
    check_share_error("#", |e| *e == ShareError::Empty);
    check_share_error("hello", |e| {
        *e == ShareError::UnknownVersion {
            found: String::new(),
        }
    });
    check_share_error(&good.replacen("v1.", "v2.", 1), |e| {
        *e == ShareError::UnknownVersion {
            found: "v2".to_string(),
        }
    });
    check_share_error("v1.abc$def", |e| matches!(e, ShareError::NotBase64 { .. }));
    check_share_error("v1.abcde", |e| matches!(e, ShareError::NotBase64 { .. }));
    check_share_error(
        &format!("v1.{}", URL_SAFE_NO_PAD.encode(b"plain text")),
        |e| matches!(e, ShareError::NotCompressed { .. }),
    );
    // Cut short: the stream ends early.
    check_share_error(&good[..good.len() / 2], |e| {
        matches!(
            e,
            ShareError::NotCompressed { .. } | ShareError::NotBase64 { .. }
        )
    });
    // A bomb: 2 MB of spaces compresses to a few kilobytes.
    let bomb = link_of_json(&" ".repeat(2 * MAX_INFLATED_BYTES));
    assert!(bomb.len() < 20_000, "{}", bomb.len());
    check_share_error(&bomb, |e| {
        *e == ShareError::TooLarge {
            limit: MAX_INFLATED_BYTES,
        }
    });
    check_share_error(&link_of_json("not json"), |e| {
        matches!(e, ShareError::NotJson { .. })
    });
    check_share_error(&link_of_json("[1, 2]"), |e| {
        matches!(e, ShareError::Format { .. })
    });

    let payload = serde_json::to_value(shared(six_step())).expect("json");
    let with = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut value = payload.clone();
        edit(&mut value);
        link_of_json(&value.to_string())
    };
    check_share_error(&with(&|v| v["version"] = 2.into()), |e| {
        *e == ShareError::UnknownVersion {
            found: "version 2".to_string(),
        }
    });
    check_share_error(
        &with(&|v| v["extra"] = 1.into()),
        |e| matches!(e, ShareError::Format { path, .. } if path == "extra"),
    );
    check_share_error(
        &with(&|v| v["scenario"]["stages"][2]["conversion"] = "high".into()),
        |e| matches!(e, ShareError::Format { path, message } if path == "scenario.stages[2].conversion" && message.contains("a rate between 0 and 1")),
    );
    check_share_error(
        &with(&|v| v["scenario"]["horizon_days"] = 1.5.into()),
        |e| matches!(e, ShareError::Format { path, message } if path == "scenario.horizon_days" && message.contains("whole number")),
    );
    check_share_error(
        &with(&|v| v["settings"]["runs"] = "many".into()),
        |e| matches!(e, ShareError::Format { path, .. } if path == "settings.runs"),
    );
    check_share_error(
        &with(&|v| v["settings"]["runs"] = (MAX_RUNS + 1).into()),
        |e| matches!(e, ShareError::InvalidSettings(errors) if errors[0].path == "settings.runs"),
    );
    check_share_error(
        &with(&|v| v["scenario"]["stages"][3]["conversion"] = 1.5.into()),
        |e| match e {
            ShareError::InvalidScenario { errors, shared } => {
                errors.len() == 1
                    && errors[0].path == "stages[3].conversion"
                    && shared.scenario.stages[3].conversion == Rate::Fixed(1.5)
            }
            _ => false,
        },
    );
    // Missing settings fall back to the defaults.
    let without_settings = with(&|v| {
        v.as_object_mut().expect("object").remove("settings");
    });
    assert_eq!(
        share::decode(&without_settings).map(|s| s.settings),
        Ok(Settings::default())
    );
}

/// One change to a link: a character replaced, removed or inserted, or the link cut.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, char),
    Remove(usize),
    Insert(usize, char),
    Truncate(usize),
}

fn link_character() -> impl Strategy<Value = char> {
    prop_oneof![
        proptest::char::range('A', 'Z'),
        proptest::char::range('a', 'z'),
        proptest::char::range('0', '9'),
        Just('-'),
        Just('_'),
        Just('.'),
        Just('='),
        Just('é'),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), link_character()).prop_map(|(i, c)| Mutation::Replace(i, c)),
        any::<usize>().prop_map(Mutation::Remove),
        (any::<usize>(), link_character()).prop_map(|(i, c)| Mutation::Insert(i, c)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(link: &str, mutation: &Mutation) -> String {
    let mut chars: Vec<char> = link.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    match *mutation {
        Mutation::Replace(i, c) => {
            let i = i % chars.len();
            chars[i] = c;
        }
        Mutation::Remove(i) => {
            let i = i % chars.len();
            chars.remove(i);
        }
        Mutation::Insert(i, c) => {
            let i = i % (chars.len() + 1);
            chars.insert(i, c);
        }
        Mutation::Truncate(i) => chars.truncate(i % chars.len()),
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn damaged_links_never_panic_and_never_give_an_invalid_scenario(
        preset in 0..PRESETS.len(),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let original = shared(PRESETS[preset].scenario());
        let mut link = share::encode(&original);
        for m in &mutations {
            link = apply(&link, m);
        }
        if let Ok(decoded) = share::decode(&link) {
            // Whatever decodes is whole and valid (a change the checksum cannot see, such as
            // a changed trailing bit, leaves the same scenario).
            prop_assert!(decoded.scenario.validate().is_ok());
            prop_assert!(decoded.settings.validate().is_ok());
        }
    }

    #[test]
    fn arbitrary_bytes_and_compressed_text_never_panic_the_decoder(
        bytes in proptest::collection::vec(any::<u8>(), 0..300),
        text in "[{}\\[\\]\":,0-9a-z_ .-]{0,200}",
    ) {
        let _ = share::decode(&format!("v1.{}", URL_SAFE_NO_PAD.encode(&bytes)));
        let _ = share::decode(&link_of_json(&text));
        let _ = share::decode(&link_of_json(&format!("{{\"version\":1,\"scenario\":{text}}}")));
    }

    #[test]
    fn arbitrary_text_never_panics_the_decoder(text in ".{0,200}") {
        let _ = share::decode(&text);
        let _ = share::decode(&format!("v1.{text}"));
    }
}

#[test]
fn a_changed_character_in_a_link_is_detected() {
    // Zlib's checksum and deflate's structure catch a change to any one character: every
    // single-character replacement of a preset's link is an error.
    let link = share::encode(&shared(
        presets::find("classroom-cohort")
            .expect("preset")
            .scenario(),
    ));
    let prefix = "v1.".len();
    let mut accepted = 0;
    for (i, c) in link.char_indices().skip(prefix) {
        let replacement = if c == 'A' { 'B' } else { 'A' };
        let mut damaged = link.clone();
        damaged.replace_range(i..i + 1, &replacement.to_string());
        if share::decode(&damaged).is_ok() {
            accepted += 1;
        }
    }
    // Even the last character, whose low bits carry no data, is caught: the decoder refuses
    // trailing bits that are not zero.
    assert_eq!(accepted, 0, "of {} characters", link.len() - prefix);
}

// ---------------------------------------------------------------------------------------------
// Autosave

#[test]
fn saved_work_round_trips_with_its_variants() {
    let a = six_step();
    let mut b = edit::duplicate_as_variant(&a, std::slice::from_ref(&a));
    b.stages[2].conversion = Rate::Fixed(1.5); // invalid work is saved as typed
    let mut saved = Saved::new(
        a,
        Settings {
            runs: 3_000,
            seed: 9,
            precision: None,
        },
        vec![b],
        1_763_900_000_000,
    );
    saved.active = 1;
    let text = saved.to_json();
    assert_eq!(Saved::from_json(&text), Ok(saved.clone()));
    assert_eq!(
        autosave::restore(Some(&text)),
        Restored::Saved(saved.clone())
    );
    assert_eq!(
        saved.active_scenario().stages[2].conversion,
        Rate::Fixed(1.5)
    );
}

#[test]
fn unreadable_saved_work_keeps_its_raw_text() {
    assert_eq!(autosave::restore(None), Restored::Nothing);
    assert_eq!(autosave::restore(Some("  ")), Restored::Nothing);

    let saved = Saved::new(six_step(), Settings::default(), Vec::new(), 5);
    let text = saved.to_json();
    let check_corrupt =
        |raw: &str, matches: &dyn Fn(&SaveError) -> bool| match autosave::restore(Some(raw)) {
            Restored::Corrupt { raw: kept, error } => {
                assert_eq!(kept, raw);
                assert!(matches(&error), "{error:?}");
                assert!(!error.to_string().is_empty());
            }
            other => panic!("{raw:?} restored as {other:?}"),
        };
    check_corrupt(&text[..text.len() / 2], &|e| {
        matches!(e, SaveError::NotJson { .. })
    });
    check_corrupt("plain words", &|e| matches!(e, SaveError::NotJson { .. }));
    check_corrupt(&text.replacen("\"version\":1", "\"version\":2", 1), &|e| {
        *e == SaveError::UnknownVersion { found: 2 }
    });
    check_corrupt(
        "{}",
        &|e| matches!(e, SaveError::Format { path, .. } if path == "version"),
    );
    check_corrupt(
        &text.replacen("\"horizon_days\":365", "\"horizon_days\":\"a year\"", 1),
        &|e| matches!(e, SaveError::Format { path, message } if path == "scenario.horizon_days" && message.contains("whole number")),
    );
    let with_variant = Saved::new(six_step(), Settings::default(), vec![six_step()], 5).to_json();
    let broken_variant =
        with_variant.replacen("\"variants\":[{\"name\"", "\"variants\":[{\"nam\"", 1);
    assert_ne!(broken_variant, with_variant);
    check_corrupt(
        &broken_variant,
        &|e| matches!(e, SaveError::Format { path, message } if path == "variants[0].nam" && message.contains("unknown field")),
    );
    check_corrupt(
        &text.replacen("\"saved_at_ms\":5", "\"saved_at_ms\":-5", 1),
        &|e| matches!(e, SaveError::Format { path, .. } if path == "saved_at_ms"),
    );
    check_corrupt(
        &text.replacen("{", "{\"extra\":1,", 1),
        &|e| matches!(e, SaveError::Format { path, .. } if path == "extra"),
    );
    check_corrupt(
        &text.replacen("\"active\":0", "\"active\":3", 1),
        &|e| matches!(e, SaveError::Format { path, .. } if path == "active"),
    );
}

#[test]
fn a_share_link_asks_before_replacing_work_only_when_work_would_be_lost() {
    let default = presets::default_scenario();
    let mut mine = default.clone();
    mine.horizon_days = 90;
    let mut theirs = default.clone();
    theirs.horizon_days = 180;
    let incoming = shared(theirs.clone());
    let saved = |scenario: Scenario, variants: Vec<Scenario>| {
        Restored::Saved(Saved::new(scenario, Settings::default(), variants, 0))
    };
    let ask =
        |restored: &Restored| autosave::should_ask_before_replacing(restored, &incoming, &default);

    assert!(!ask(&Restored::Nothing));
    assert!(
        !ask(&saved(default.clone(), Vec::new())),
        "untouched default"
    );
    assert!(
        !ask(&saved(theirs.clone(), Vec::new())),
        "already the shared scenario"
    );
    assert!(ask(&saved(mine.clone(), Vec::new())), "own work");
    assert!(
        ask(&saved(theirs.clone(), vec![mine.clone()])),
        "variants are work"
    );
    assert!(ask(&Restored::Corrupt {
        raw: "{".to_string(),
        error: SaveError::NotJson {
            message: "EOF".to_string()
        }
    }));
}

#[test]
fn settings_bound_the_runs() {
    assert!(Settings::default().validate().is_ok());
    assert!(
        Settings {
            runs: 0,
            ..Settings::default()
        }
        .validate()
        .is_err()
    );
    assert!(
        Settings {
            runs: MAX_RUNS,
            seed: u64::MAX,
            precision: None,
        }
        .validate()
        .is_ok()
    );
    assert!(
        Settings {
            runs: MAX_RUNS + 1,
            seed: 1,
            precision: None,
        }
        .validate()
        .is_err()
    );
}

#[test]
fn settings_bound_the_precision_and_links_carry_it() {
    let automatic = |precision| Settings {
        precision: Some(precision),
        ..Settings::default()
    };
    assert!(automatic(0.01).validate().is_ok());
    assert!(automatic(0.1).validate().is_ok());
    for bad in [0.0, -0.01, 0.1001, f64::NAN, f64::INFINITY] {
        let errors = automatic(bad).validate().expect_err("refused");
        assert_eq!(errors[0].path, "settings.precision", "{bad}");
    }
    // A link with automatic runs brings them back; one without still reads as fixed runs,
    // and fixed settings are written exactly as before (no new key).
    let link = funnelcast::app_model::share::encode(&Shared::new(six_step(), automatic(0.005)));
    let read = funnelcast::app_model::share::decode(&link).expect("the link reads");
    assert_eq!(read.settings.precision, Some(0.005));
    let fixed = serde_json::to_string(&Settings::default()).expect("JSON");
    assert_eq!(fixed, r#"{"runs":2000,"seed":1}"#);
    let old: Settings = serde_json::from_str(r#"{"runs":300,"seed":2}"#).expect("reads");
    assert_eq!(old.precision, None);
}

// ---------------------------------------------------------------------------------------------
// CSV export

/// A tiny RFC 4180 reader: records of fields, quoted fields with doubled quotes, CRLF ends.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let text = text
        .strip_prefix(export::BYTE_ORDER_MARK)
        .expect("byte order mark");
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
        } else {
            match c {
                '"' => {
                    assert!(field.is_empty(), "a quote inside an unquoted field");
                    quoted = true;
                }
                ',' => record.push(std::mem::take(&mut field)),
                '\r' => {
                    assert_eq!(chars.next(), Some('\n'), "CR without LF");
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                }
                '\n' => panic!("a bare LF ends a record"),
                c => field.push(c),
            }
        }
    }
    assert!(!quoted, "unterminated quote");
    assert!(
        field.is_empty() && record.is_empty(),
        "last record without CRLF"
    );
    records
}

fn export_scenario() -> Scenario {
    Scenario::from_json(
        r#"{"name": "Воронка, \"test\" 漏斗", "horizon_days": 40,
            "sources": [{"name": "Ads", "entry": "Visit, \"first\"", "per_day": {"poisson": 30}, "cost_per_lead": 1.5}],
            "stages": [
              {"name": "Visit, \"first\"", "conversion": {"beta": {"alpha": 3, "beta": 7}}, "delay_days": {"exponential": {"mean": 2}}},
              {"name": "=SUM(A1)", "conversion": 0.4, "delay_days": {"fixed": 3},
               "nurture": {"share": 0.5, "delay_days": {"fixed": 5}, "reentry": 0.5, "to": "=SUM(A1)", "max_cycles": 1}},
              {"name": "Покупка 购买", "conversion": 0.8, "delay_days": {"uniform": {"min": 1, "max": 4}}, "value": {"lognormal": {"mean": 100, "sd": 30}}}
            ]}"#,
    )
    .expect("scenario")
}

fn export_report() -> engine::Report {
    let model = export_scenario().validate().expect("valid");
    engine::simulate(&model, 300, 7)
}

#[track_caller]
fn check_number(field: &str, expected: f64) {
    if expected.is_finite() {
        assert_eq!(field.parse::<f64>().ok(), Some(expected), "field {field:?}");
    } else {
        assert_eq!(field, "");
    }
}

/// How the page rounds a figure, and so the summary CSV: the unit of the last digit kept.
#[derive(Clone, Copy, Debug)]
enum Shown {
    Count,
    Money,
    Share,
    Days,
    Ratio,
}

impl Shown {
    fn unit(self, value: f64) -> f64 {
        match self {
            Shown::Count => 1.0,
            Shown::Money if value.abs() >= 100.0 => 1.0,
            Shown::Money => 0.01,
            Shown::Share => 0.001,
            Shown::Days => 0.1,
            Shown::Ratio => 0.01,
        }
    }
}

/// A rounded field: within half its unit of the report's value, and a whole number of units.
#[track_caller]
fn check_rounded(field: &str, expected: f64, shown: Shown) {
    if !expected.is_finite() {
        assert_eq!(field, "");
        return;
    }
    let Ok(value) = field.parse::<f64>() else {
        panic!("field {field:?} is not a number")
    };
    let unit = shown.unit(expected);
    assert!(
        (value - expected).abs() <= unit / 2.0 + 1e-9 * expected.abs(),
        "{field:?} is {expected} rounded to {unit} ({shown:?})"
    );
    let units = value / unit;
    assert!(
        (units - units.round()).abs() < 1e-6,
        "{field:?} has more digits than {unit}"
    );
}

#[track_caller]
fn check_stats_row(
    row: &[String],
    figure: &str,
    stage: &str,
    shown: Shown,
    stats: &engine::Stats,
    expected: Option<f64>,
) {
    assert_eq!(row[0], figure);
    assert_eq!(row[1], stage);
    for (field, value) in row[2..9].iter().zip([
        stats.mean, stats.sd, stats.p5, stats.p25, stats.p50, stats.p75, stats.p95,
    ]) {
        check_rounded(field, value, shown);
    }
    match expected {
        Some(value) => check_rounded(&row[9], value, shown),
        None => assert_eq!(row[9], ""),
    }
}

#[test]
fn the_summary_csv_reads_back_as_the_report_rounded_as_the_page_shows_it() {
    let report = export_report();
    let text = export::summary_csv(&report, "2025-06-01", Currency::Eur);
    let records = read_csv(&text);
    assert!(
        records
            .iter()
            .all(|r| r.len() == export::SUMMARY_HEADER.len()),
        "every record has the same number of fields"
    );
    // The settings first, padded to the summary's width.
    let settings: Vec<(&str, &str)> = records[..6]
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(
        settings,
        [
            ("scenario", "Воронка, \"test\" 漏斗"),
            ("runs", "300"),
            ("seed", "7"),
            ("horizon days", "40"),
            ("currency", "EUR"),
            ("date", "2025-06-01"),
        ]
    );
    assert_eq!(
        settings.iter().map(|(name, _)| *name).collect::<Vec<_>>(),
        export::SUMMARY_SETTINGS
    );
    assert!(
        records[..6]
            .iter()
            .all(|r| r[2..].iter().all(String::is_empty))
    );
    assert_eq!(records[6], export::SUMMARY_HEADER);
    let exact = &report.exact.within_horizon;
    let totals = [
        ("leads", Shown::Count, &report.leads, Some(exact.leads)),
        ("cost", Shown::Money, &report.cost, Some(exact.cost)),
        (
            "customers",
            Shown::Count,
            &report.customers,
            Some(exact.customers),
        ),
        (
            "purchases",
            Shown::Count,
            &report.purchases,
            Some(exact.purchases),
        ),
        (
            "repeat purchases",
            Shown::Count,
            &report.repeat_purchases,
            None,
        ),
        (
            "revenue",
            Shown::Money,
            &report.revenue,
            Some(exact.revenue),
        ),
        (
            "profit",
            Shown::Money,
            &report.profit,
            Some(exact.revenue - exact.cost),
        ),
        (
            "cost per customer",
            Shown::Money,
            &report.cost_per_customer,
            Some(exact.cost / exact.customers),
        ),
        (
            "return on spend",
            Shown::Ratio,
            &report.return_on_spend,
            None,
        ),
        (
            "first purchase day",
            Shown::Days,
            &report.first_purchase_day,
            None,
        ),
        (
            "days to first purchase",
            Shown::Days,
            &report.days_to_first_purchase,
            None,
        ),
    ];
    let first = 7;
    for (row, (figure, shown, stats, expected)) in records[first..].iter().zip(totals) {
        check_stats_row(row, figure, "", shown, stats, expected);
    }
    assert!(report.revenue.mean > 0.0, "the scenario sells something");

    // Stage names with commas, quotes, non-ASCII text and a formula come back intact (the
    // formula defused with a leading quote).
    let shown_names = ["Visit, \"first\"", "'=SUM(A1)", "Покупка 购买"];
    let mut row = first + totals.len();
    for (k, stage) in report.stages.iter().enumerate() {
        let name = shown_names[k];
        let expectation = &exact.stages[k];
        let counts = [
            ("entered", &stage.entered, Some(expectation.entered)),
            ("converted", &stage.converted, Some(expectation.converted)),
            ("failed", &stage.failed, None),
            ("open", &stage.open, None),
            ("open in nurture", &stage.open_in_nurture, None),
            ("reentered", &stage.reentered, None),
        ];
        for (offset, (figure, stats, expected)) in counts.into_iter().enumerate() {
            check_stats_row(
                &records[row + offset],
                figure,
                name,
                Shown::Count,
                stats,
                expected,
            );
        }
        for (offset, figure, value, shown) in [
            (6, "conversion", stage.conversion, Shown::Share),
            (7, "win rate", stage.win_rate, Shown::Share),
            (8, "mean days", stage.mean_days, Shown::Days),
        ] {
            let record = &records[row + offset];
            assert_eq!((record[0].as_str(), record[1].as_str()), (figure, name));
            check_rounded(&record[2], value, shown);
            assert!(record[3..].iter().all(String::is_empty));
        }
        row += 9;
    }
    assert!(
        report.stages[1].reentered.mean > 0.0,
        "the nurture loop is exercised"
    );
    let derived = &report.derived;
    let tail: Vec<&str> = records[row..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        tail,
        [
            "overall conversion",
            "cost per lead",
            "revenue per lead",
            "average order value"
        ]
    );
    for (record, (value, shown)) in records[row..].iter().zip([
        (derived.overall_conversion, Shown::Share),
        (derived.cost_per_lead, Shown::Money),
        (derived.revenue_per_lead, Shown::Money),
        (derived.average_order_value.expect("orders"), Shown::Money),
    ]) {
        check_rounded(&record[2], value, shown);
    }
    // The report's JSON keeps the figures at full precision.
    let json: serde_json::Value = serde_json::to_value(&report).expect("json");
    assert_eq!(json["revenue"]["mean"].as_f64(), Some(report.revenue.mean));
}

/// The whole summary of a small report written by hand, to the byte: the settings, the
/// header, every figure rounded as the page shows it (79.62640126169802 as 79.63, 12345.5 as
/// 12346, a conversion of 0.24567 as 0.246), a negative profit still a number, a figure that
/// does not exist empty, a stage name defused and quoted.
#[test]
fn a_small_summary_csv_to_the_byte() {
    let stats = |mean: f64, sd: f64, p5: f64, p95: f64| engine::Stats {
        mean,
        sd,
        p5,
        p25: mean,
        p50: mean,
        p75: mean,
        p95,
        precision: None,
    };
    let mut report = engine::Report {
        scenario: "=Demo, \"A\"".to_string(),
        runs: 2000,
        seed: 42,
        horizon_days: 30,
        leads: stats(20.4, 4.51, 13.0, 28.0),
        cost: stats(30.6, 6.765, 19.5, 42.0),
        customers: stats(2.5, 1.58, 0.0, 5.0),
        purchases: stats(2.5, 1.58, 0.0, 5.0),
        revenue: stats(79.62640126169802, 40.123, 0.0, 12345.5),
        profit: stats(-1234.5678, 40.0, -99.995, 150.5),
        cost_per_customer: stats(12.345, 3.0, 6.125, 30.6),
        return_on_spend: stats(2.604, 1.0, 0.0, 4.005),
        first_purchase_day: stats(14.25, 7.0, 2.0, 27.0),
        days_to_first_purchase: stats(4.04, 2.0, 1.0, 9.0),
        ..engine::Report::default()
    };
    report.stages = vec![engine::StageReport {
        name: "Buy".to_string(),
        entered: stats(20.4, 4.51, 13.0, 28.0),
        converted: stats(5.0, 2.0, 2.0, 9.0),
        failed: stats(15.0, 3.0, 10.0, 20.0),
        conversion: 0.24567,
        win_rate: 1.0 / 3.0,
        mean_days: 2.25,
        ..engine::StageReport::default()
    }];
    report.exact.within_horizon = engine::report::Expectations {
        leads: 20.0,
        cost: 30.0,
        customers: 2.4,
        purchases: 2.4,
        revenue: 80.004,
        stages: vec![engine::report::StageExpectation {
            name: "Buy".to_string(),
            entered: 20.0,
            converted: 4.9,
        }],
    };
    report.derived = engine::report::Derived {
        overall_conversion: 0.1225,
        cost_per_lead: 1.5,
        cost_per_customer: Some(12.24),
        revenue_per_lead: 3.903,
        return_on_spend: Some(2.6),
        average_order_value: None,
    };
    let expected = [
        "\u{feff}scenario,\"'=Demo, \"\"A\"\"\",,,,,,,,",
        "runs,2000,,,,,,,,",
        "seed,42,,,,,,,,",
        "horizon days,30,,,,,,,,",
        "currency,,,,,,,,,",
        "date,2025-06-01,,,,,,,,",
        "figure,stage,mean,sd,p5,p25,p50,p75,p95,expected",
        "leads,,20,5,13,20,20,20,28,20",
        "cost,,30.6,6.77,19.5,30.6,30.6,30.6,42,30",
        "customers,,3,2,0,3,3,3,5,2",
        "purchases,,3,2,0,3,3,3,5,2",
        "repeat purchases,,0,0,0,0,0,0,0,",
        "revenue,,79.63,40.12,0,79.63,79.63,79.63,12346,80",
        "profit,,-1235,40,-100,-1235,-1235,-1235,151,50",
        "cost per customer,,12.35,3,6.13,12.35,12.35,12.35,30.6,12.5",
        "return on spend,,2.6,1,0,2.6,2.6,2.6,4.01,",
        "first purchase day,,14.3,7,2,14.3,14.3,14.3,27,",
        "days to first purchase,,4,2,1,4,4,4,9,",
        "entered,Buy,20,5,13,20,20,20,28,20",
        "converted,Buy,5,2,2,5,5,5,9,5",
        "failed,Buy,15,3,10,15,15,15,20,",
        "open,Buy,0,0,0,0,0,0,0,",
        "open in nurture,Buy,0,0,0,0,0,0,0,",
        "reentered,Buy,0,0,0,0,0,0,0,",
        "conversion,Buy,0.246,,,,,,,",
        "win rate,Buy,0.333,,,,,,,",
        "mean days,Buy,2.3,,,,,,,",
        "overall conversion,,0.123,,,,,,,",
        "cost per lead,,1.5,,,,,,,",
        "revenue per lead,,3.9,,,,,,,",
        "average order value,,,,,,,,,",
    ];
    let text = export::summary_csv(&report, "2025-06-01", Currency::None);
    let lines: Vec<&str> = text.split("\r\n").collect();
    let mut wanted: Vec<&str> = expected.to_vec();
    wanted.push("");
    assert_eq!(lines, wanted);
    assert_eq!(text, expected.map(|line| format!("{line}\r\n")).concat());
    assert_eq!(export::iso_date(2025, 6, 1), "2025-06-01");
    assert_eq!(export::iso_date(987, 12, 31), "0987-12-31");
}

#[test]
fn the_daily_csv_has_one_row_per_day_with_the_bands() {
    let report = export_report();
    let records = read_csv(&export::daily_csv(&report));
    assert_eq!(records[0], export::daily_header());
    assert_eq!(records[0].len(), 19);
    assert_eq!(records.len(), 1 + report.horizon_days as usize);
    for (day, record) in records[1..].iter().enumerate() {
        assert_eq!(record[0], day.to_string());
        let mut column = 1;
        for bands in [
            &report.daily.new_customers,
            &report.daily.revenue,
            &report.daily.cumulative_revenue,
        ] {
            for values in [
                &bands.mean,
                &bands.p5,
                &bands.p25,
                &bands.p50,
                &bands.p75,
                &bands.p95,
            ] {
                check_number(&record[column], values[day]);
                column += 1;
            }
        }
    }
    let last = records.last().expect("rows");
    assert!(
        last[13].parse::<f64>().expect("number") > 0.0,
        "cumulative revenue grows"
    );
}

#[test]
fn file_names_are_safe_slugs_of_the_scenario_name() {
    let check = |name: &str, expected: &str| {
        assert_eq!(
            export::summary_file_name(name),
            format!("funnelcast-{expected}-summary.csv"),
            "{name:?}"
        );
    };
    check("Six-step marketing funnel", "six-step-marketing-funnel");
    check("Воронка продаж 2025", "воронка-продаж-2025");
    check("销售漏斗 (B)", "销售漏斗-b");
    check("../../etc/passwd", "etc-passwd");
    check("CON: <a|b>?*", "con-a-b");
    check("<img src=x onerror=alert(1)>", "img-src-x-onerror-alert-1");
    check("<script>alert('x')</script>", "script-alert-x-script");
    check("", "scenario");
    check(" -- ", "scenario");
    let long = export::slug(&"abc ".repeat(100));
    assert!(long.chars().count() <= 60 && !long.ends_with('-'), "{long}");
    assert_eq!(
        export::daily_file_name("Plan A"),
        "funnelcast-plan-a-daily.csv"
    );
    assert_eq!(
        export::scenario_file_name("Plan (B)"),
        "funnelcast-plan-b.json"
    );
}

/// Failures of jobs and decisions are written from their data in every language: every kind
/// has its own text (no key shown raw, no placeholder left), and the numbers and names it
/// carries appear in it, written the locale's way.
#[test]
fn job_and_decision_failures_are_written_from_their_data_in_every_language() {
    use funnelcast::app_model::messages::{decision_error, worker_error};
    use funnelcast::decisions::{ChangedQuantity, DecisionError, Problem};
    use funnelcast::scenario::{FieldError, Rule, ScenarioError, Structure};
    use funnelcast::worker::WorkerError;

    let decision = |problem: Problem| DecisionError {
        field: "goal.probability".to_string(),
        problem,
    };
    let problems = vec![
        Problem::NoVariants,
        Problem::NotFinite,
        Problem::NotStrictlyBetweenZeroAndOne { value: 1.5 },
        Problem::NotAProbability { value: 1.5 },
        Problem::NotPositive { value: -2.5 },
        Problem::StepOutOfRange { step: 150.0 },
        Problem::UpliftOutOfRange {
            baseline: 0.25,
            variant: 1.25,
        },
        Problem::NoSuchStage {
            index: 7,
            stages: 3,
        },
        Problem::NoSuchSource {
            index: 7,
            sources: 3,
        },
        Problem::NoNurture {
            stage: "Demo <b>".to_string(),
        },
        Problem::NoRetention,
        Problem::GoalLever,
        Problem::ChangeLeavesNothing {
            change: 120.0,
            what: ChangedQuantity::Leads,
        },
        Problem::TooManyLeads {
            change: 500.0,
            most: 1e8,
        },
        Problem::NoRuns,
        Problem::MismatchedTotals {
            variants: 4,
            expected: 5,
        },
        Problem::UnevenTotals,
    ];
    let mut errors: Vec<WorkerError> = problems
        .into_iter()
        .map(|problem| WorkerError::Decision(decision(problem)))
        .collect();
    errors.extend([
        WorkerError::Unreadable(ScenarioError {
            path: String::new(),
            line: 3,
            column: 14,
            message: "expected `,` or `}`".to_string(),
            structure: Structure::Syntax,
        }),
        WorkerError::Unreadable(ScenarioError {
            path: "stages[0]".to_string(),
            line: 5,
            column: 2,
            message: "unknown field `convertion`".to_string(),
            structure: Structure::UnknownKey {
                key: "convertion".to_string(),
                allowed: vec!["name".to_string(), "conversion".to_string()],
            },
        }),
        WorkerError::Invalid {
            errors: vec![FieldError::new(
                "stages[1].conversion",
                Rule::Probability { value: 1.5 },
            )],
        },
        WorkerError::InScenario {
            index: 1,
            error: Box::new(WorkerError::Runs {
                field: "runs".to_string(),
                runs: 0,
                most: 1_000_000,
            }),
        },
        WorkerError::RunsMemory {
            runs: 900_000,
            most: 27_397,
            days: 365,
        },
        WorkerError::TooManyTotals {
            variants: 37,
            runs: 1_000_000,
            most: 20_000_000,
        },
        WorkerError::protocol("the batches hold 3 runs, not 4"),
        WorkerError::Crashed {
            detail: "RuntimeError: unreachable".to_string(),
        },
    ]);
    for error in &errors {
        let english = worker_error(Locale::En, error);
        for locale in [Locale::En, Locale::Ru, Locale::Zh] {
            let text = worker_error(locale, error);
            assert!(
                !text.contains('{')
                    && !text.contains("worker.error")
                    && !text.contains("decision."),
                "{locale}: {text}"
            );
            if locale != Locale::En {
                assert_ne!(text, english, "{locale}: not translated");
            }
        }
    }
    // What each carries is said, the locale's way.
    let text = worker_error(
        Locale::Ru,
        &WorkerError::RunsMemory {
            runs: 900_000,
            most: 27_397,
            days: 365,
        },
    );
    assert!(
        text.contains("27\u{a0}397") && text.contains("900\u{a0}000"),
        "{text}"
    );
    let text = worker_error(
        Locale::En,
        &WorkerError::InScenario {
            index: 1,
            error: Box::new(WorkerError::Invalid {
                errors: vec![FieldError::new(
                    "stages[1].conversion",
                    Rule::Probability { value: 1.5 },
                )],
            }),
        },
    );
    assert!(
        text.starts_with("Variant B: ")
            && text.contains("Stage 2 · Conversion: must be from 0% to 100%, not 150%"),
        "{text}"
    );
    let text = decision_error(
        Locale::Zh,
        &decision(Problem::NotAProbability { value: 1.5 }),
    );
    assert!(
        text.starts_with("goal.probability：") && text.contains("1.5"),
        "{text}"
    );
}

/// The results panel showed paths (`horizon_days`, `sources[0].per_day.poisson`): fields are
/// named as the editor labels them, in the page's language.
#[test]
fn fields_are_named_as_the_editor_labels_them() {
    use funnelcast::app_model::messages::field_label;
    let cases = [
        ("horizon_days", "Horizon (days)"),
        ("stages[1].conversion", "Stage 2 · Conversion"),
        (
            "stages[1].conversion.beta.alpha",
            "Stage 2 · Conversion · alpha",
        ),
        ("sources[0].per_day.poisson", "Source 1 · Leads per day"),
        (
            "stages[2].nurture.delay_days.uniform.max",
            "Stage 3 · Nurture loop · Time in nurture · To (days)",
        ),
        (
            "stages[0].value.lognormal.sd",
            "Stage 1 · Value per conversion · Standard deviation",
        ),
        (
            "retention.max_repeats",
            "Repeat purchases · At most (repeat purchases)",
        ),
        ("stages", "Stages"),
        ("settings.runs", "Simulated runs"),
    ];
    for (path, label) in cases {
        assert_eq!(field_label(Locale::En, path), label, "{path}");
    }
    assert_eq!(
        field_label(Locale::Ru, "stages[1].conversion"),
        "Этап 2 · Конверсия"
    );
    // A path it does not know is shown as it is, never hidden.
    assert_eq!(
        field_label(Locale::En, "stages[1].color"),
        "stages[1].color"
    );
}

/// A time to lose set in a variant reads as a sentence in each language, and so does its
/// return to "the same as the time to decide"; a validation error of it names the field as
/// the editor does.
#[test]
fn a_time_to_lose_reads_in_what_differs_from_a_and_in_its_errors() {
    use funnelcast::app_model::changes::{Change, Shown, changes};
    use funnelcast::app_model::explain::{Style, change_sentence};
    use funnelcast::i18n::format::Currency;
    use funnelcast::scenario::Delay;
    let a = six_step();
    let consideration = stage_index(&a, "Consideration");
    let mut b = a.clone();
    b.stages[consideration].lost_delay_days = Some(Delay::Fixed(2));
    let found = changes(&a, &b);
    assert_eq!(
        found,
        [Change::Stage {
            stage: "Consideration".to_string(),
            field: "lost_delay_days",
            a: Shown::LostDelay(None),
            b: Shown::LostDelay(Some(Delay::Fixed(2))),
        }]
    );
    let say = |locale, change: &Change| {
        change_sentence(
            Style {
                locale,
                currency: Currency::Usd,
            },
            change,
        )
    };
    assert_eq!(
        say(Locale::En, &found[0]),
        "“Consideration”: Time to lose exactly 2 days instead of Same as time to decide."
    );
    let back = changes(&b, &a);
    assert_eq!(
        say(Locale::En, &back[0]),
        "“Consideration”: Time to lose Same as time to decide instead of exactly 2 days."
    );
    for (locale, words) in [
        (Locale::Ru, ["Время до отказа", "Как время на решение"]),
        (Locale::Zh, ["流失时长", "与决策时长相同"]),
    ] {
        let text = say(locale, &found[0]);
        assert!(words.iter().all(|w| text.contains(w)), "{locale}: {text}");
    }

    // The field of an error, as the editor names it.
    let mut broken = a.clone();
    broken.stages[consideration].lost_delay_days = Some(Delay::Uniform { min: 5, max: 2 });
    let errors = broken.validate().expect_err("min above max");
    assert_eq!(errors[0].path, "stages[2].lost_delay_days.uniform");
    use funnelcast::app_model::messages::field_label;
    assert_eq!(
        field_label(Locale::En, "stages[2].lost_delay_days.uniform.min"),
        "Stage 3 · Time to lose · From (days)"
    );
    assert_eq!(
        field_label(Locale::Ru, "stages[2].lost_delay_days.exponential.mean"),
        format!(
            "Этап 3 · Время до отказа · {}",
            funnelcast::i18n::t(Locale::Ru, "delay.mean")
        )
    );
}

// ---------------------------------------------------------------------------------------
// Figures per channel (issue 12): the per-channel table's order.

mod channel_table {
    use funnelcast::app_model::channels::{ChannelColumn, ChannelSort, Direction, order};
    use funnelcast::engine::{SourceReport, Stats};

    fn source(
        name: &str,
        leads: f64,
        customers: f64,
        cost_per_customer: Option<f64>,
        cost: f64,
    ) -> SourceReport {
        let stats = |mean: f64| Stats {
            mean,
            ..Default::default()
        };
        SourceReport {
            name: name.to_string(),
            leads: stats(leads),
            cost: stats(cost),
            customers: stats(customers),
            purchases: stats(customers * 1.5),
            revenue: stats(customers * 100.0),
            cost_per_customer: stats(cost_per_customer.unwrap_or(0.0)),
            return_on_spend: stats(if cost > 0.0 {
                customers * 100.0 / cost
            } else {
                0.0
            }),
            runs_with_customers: if cost_per_customer.is_some() { 10 } else { 0 },
            runs_with_cost: if cost > 0.0 { 10 } else { 0 },
            ..Default::default()
        }
    }

    fn sources() -> Vec<SourceReport> {
        vec![
            source("search ads", 1000.0, 50.0, Some(20.0), 1000.0),
            source("Partners", 100.0, 10.0, Some(50.0), 500.0),
            source("Cold calls", 300.0, 0.0, None, 300.0),
            source("Word of mouth", 40.0, 4.0, Some(0.0), 0.0),
        ]
    }

    #[test]
    fn clicking_a_header_sorts_by_it_and_again_turns_it_round() {
        let sources = sources();
        let sort = ChannelSort::default();
        assert_eq!(
            order(&sources, sort),
            [0, 1, 2, 3],
            "the scenario's order at first"
        );
        for column in ChannelColumn::ALL {
            assert_eq!(sort.aria_sort(column), "none");
        }
        // Cost per customer: cheapest first, the source without customers last both ways.
        let by_cost = sort.click(ChannelColumn::CostPerCustomer);
        assert_eq!(
            by_cost.by,
            Some((ChannelColumn::CostPerCustomer, Direction::Ascending))
        );
        assert_eq!(order(&sources, by_cost), [3, 0, 1, 2]);
        assert_eq!(
            by_cost.aria_sort(ChannelColumn::CostPerCustomer),
            "ascending"
        );
        assert_eq!(by_cost.aria_sort(ChannelColumn::Leads), "none");
        let round = by_cost.click(ChannelColumn::CostPerCustomer);
        assert_eq!(order(&sources, round), [1, 0, 3, 2]);
        assert_eq!(
            round.aria_sort(ChannelColumn::CostPerCustomer),
            "descending"
        );
        assert_eq!(
            order(&sources, round.click(ChannelColumn::CostPerCustomer)),
            [3, 0, 1, 2]
        );
        // Counts and money largest first; names A to Z whatever the case.
        assert_eq!(
            order(&sources, sort.click(ChannelColumn::Leads)),
            [0, 2, 1, 3]
        );
        assert_eq!(
            order(&sources, sort.click(ChannelColumn::Revenue)),
            [0, 1, 3, 2]
        );
        assert_eq!(
            order(&sources, sort.click(ChannelColumn::Cost)),
            [3, 2, 1, 0]
        );
        assert_eq!(
            order(&sources, sort.click(ChannelColumn::Name)),
            [2, 1, 0, 3]
        );
        assert_eq!(
            order(
                &sources,
                sort.click(ChannelColumn::Name).click(ChannelColumn::Name)
            ),
            [3, 0, 1, 2]
        );
        // Return on spend: the free source has none and goes last.
        assert_eq!(
            order(&sources, sort.click(ChannelColumn::ReturnOnSpend)),
            [0, 1, 2, 3]
        );
        assert_eq!(
            order(
                &sources,
                sort.click(ChannelColumn::ReturnOnSpend)
                    .click(ChannelColumn::ReturnOnSpend)
            ),
            [2, 1, 0, 3]
        );
        // Another column starts in its own first direction.
        let switched = round.click(ChannelColumn::Customers);
        assert_eq!(
            switched.by,
            Some((ChannelColumn::Customers, Direction::Descending))
        );
        // Ties keep the scenario's order, in both directions.
        let tied = vec![
            source("B", 10.0, 1.0, Some(5.0), 5.0),
            source("A", 10.0, 1.0, Some(5.0), 5.0),
        ];
        assert_eq!(order(&tied, sort.click(ChannelColumn::Leads)), [0, 1]);
        assert_eq!(
            order(
                &tied,
                sort.click(ChannelColumn::Leads).click(ChannelColumn::Leads)
            ),
            [0, 1]
        );
        assert!(order(&[], by_cost).is_empty());
        // Every column has its own id for the page.
        let ids: std::collections::BTreeSet<_> =
            ChannelColumn::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids.len(), ChannelColumn::ALL.len());
    }
}

/// The teaching view in words: a lead's journey as a sentence, and the lessons, in English
/// and Russian, with numbers and money in the locale's formats.
#[test]
fn the_teaching_view_says_journeys_and_lessons() {
    use funnelcast::app_model::teach;
    use funnelcast::engine::journeys::{JourneyEvent, Kind, LeadJourney, Tally};
    use funnelcast::i18n::format::Currency;
    let step = |day, kind, stage: &str, value| JourneyEvent {
        day,
        kind,
        stage: stage.to_string(),
        value,
    };
    let lead = LeadJourney {
        source: "Ads".into(),
        segment: None,
        events: vec![
            step(3, Kind::Entered, "Interest", None),
            step(5, Kind::Advanced, "Interest", None),
            step(5, Kind::Entered, "Consideration", None),
            step(9, Kind::Nurture, "Consideration", None),
            step(23, Kind::Returned, "Consideration", None),
            step(30, Kind::Purchased, "Consideration", Some(250.0)),
            step(60, Kind::Repeat, "Consideration", Some(1250.5)),
        ],
    };
    let en = teach::journey_in_words(Locale::En, &lead, Currency::Usd);
    assert_eq!(
        en,
        "Day 3: entered Interest · Day 5: moved on from Interest · Day 5: entered Consideration · \
         Day 9: went to nurture · Day 23: came back to Consideration · Day 30: bought for $250 · \
         Day 60: bought again for $1,251"
    );
    let ru = teach::journey_in_words(Locale::Ru, &lead, Currency::Usd);
    assert!(ru.starts_with("День 3: вошёл в этап «Interest» · "), "{ru}");
    assert!(
        ru.contains("День 23: вернулся в этап «Consideration»"),
        "{ru}"
    );

    let stages = vec!["Awareness".to_string(), "Interest".to_string()];
    let tally = |entered, now, advanced, lost, nurture, open| Tally {
        entered,
        now,
        advanced,
        lost,
        nurture,
        open,
    };
    let tallies = [tally(10, 2, 3, 5, 0, 0), tally(3, 1, 1, 1, 0, 0)];
    assert_eq!(
        teach::most_lost_sentence(Locale::En, &stages, &tallies).as_deref(),
        Some("So far Awareness has lost the most leads: 5.")
    );
    assert_eq!(
        teach::most_lost_sentence(Locale::En, &stages, &[tally(1, 1, 0, 0, 0, 0)]),
        None
    );
    // 3 of 8 closed (38%) against 3 of 10 entered (30%), 2 still deciding.
    let open = teach::rates_sentence(Locale::En, "Awareness", &tallies[0]).expect("a sentence");
    assert!(
        open.starts_with("Awareness: 38% of the closed leads converted, 30% of all that entered. 2 are still deciding"),
        "{open}"
    );
    let ru = teach::rates_sentence(Locale::Ru, "Awareness", &tally(10, 1, 3, 5, 1, 0)).expect("ru");
    assert!(ru.contains("Ещё 2 лида решают"), "{ru}");
    let done = teach::rates_sentence(Locale::En, "Interest", &tally(4, 0, 1, 3, 0, 0));
    assert_eq!(
        done.as_deref(),
        Some("Interest: 25% converted; every lead has decided, so the two rates agree.")
    );
    let none = teach::rates_sentence(Locale::En, "Interest", &tally(1, 1, 0, 0, 0, 0));
    assert_eq!(
        none.as_deref(),
        Some("Interest: no lead has decided yet; 1 is still deciding.")
    );
    assert_eq!(
        teach::rates_sentence(Locale::En, "Interest", &Tally::default()),
        None
    );
}

/// A variant whose only difference is the correlation of its rates says so (it read as "no
/// change" before), in the person's language; a correlation of 0 and none are the same.
#[test]
fn a_variant_that_ties_the_rates_says_so() {
    use funnelcast::app_model::changes::{Change, changes};
    use funnelcast::app_model::explain::{Style, change_sentence};
    use funnelcast::i18n::format::Currency;
    let a = six_step();
    let mut b = a.clone();
    b.rate_correlation = Some(0.5);
    let found = changes(&a, &b);
    assert_eq!(found, vec![Change::RateCorrelation { a: 0.0, b: 0.5 }]);
    let en = Style {
        locale: Locale::En,
        currency: Currency::Usd,
    };
    assert_eq!(
        change_sentence(en, &found[0]),
        "Lead quality ties the stages together at 0.5 instead of 0."
    );
    let ru = Style {
        locale: Locale::Ru,
        currency: Currency::Rub,
    };
    assert!(change_sentence(ru, &found[0]).contains("0,5"));
    let mut zero = a.clone();
    zero.rate_correlation = Some(0.0);
    assert!(changes(&a, &zero).is_empty());
}

// ---------------------------------------------------------------------------------------------
// Storage that refuses

/// The browser's exceptions are read as the person's problem: full, switched off, or in the
/// browser's words; and each is said in every language without a placeholder left.
#[test]
fn a_refusing_storage_is_named_for_what_it_is() {
    use funnelcast::app_model::autosave::StorageProblem;
    use funnelcast::app_model::messages::storage_problem;
    assert_eq!(
        StorageProblem::from_exception("QuotaExceededError", "The quota has been exceeded."),
        StorageProblem::Full
    );
    assert_eq!(
        StorageProblem::from_exception("NS_ERROR_DOM_QUOTA_REACHED", ""),
        StorageProblem::Full
    );
    assert_eq!(
        StorageProblem::from_exception("SecurityError", "Access is denied for this document."),
        StorageProblem::Unavailable
    );
    assert_eq!(
        StorageProblem::from_exception("UnknownError", "disk I/O"),
        StorageProblem::Other("UnknownError: disk I/O".to_string())
    );
    assert_eq!(
        StorageProblem::from_exception("", "odd"),
        StorageProblem::Other("odd".to_string())
    );
    for locale in Locale::ALL {
        let texts = [
            storage_problem(locale, &StorageProblem::Full),
            storage_problem(locale, &StorageProblem::Unavailable),
            storage_problem(locale, &StorageProblem::Other("disk I/O".to_string())),
        ];
        assert!(texts[2].contains("disk I/O"), "{locale:?}: {}", texts[2]);
        for text in &texts {
            assert!(
                !text.contains('{') && !text.contains("autosave."),
                "{locale:?}: {text}"
            );
        }
        assert_ne!(texts[0], texts[1], "{locale:?}");
    }
}

/// A storage that keeps refusing is said once, not at every edit; a new kind of problem is
/// said; after a save that works, the next failure is said again.
#[test]
fn a_refusing_storage_is_said_once() {
    use funnelcast::app_model::autosave::{SaveWatch, StorageProblem};
    let mut watch = SaveWatch::default();
    assert_eq!(watch.after_save(Ok(())), None);
    assert!(!watch.failing());
    assert_eq!(
        watch.after_save(Err(StorageProblem::Full)),
        Some(StorageProblem::Full)
    );
    for _ in 0..5 {
        assert_eq!(
            watch.after_save(Err(StorageProblem::Full)),
            None,
            "said once"
        );
    }
    assert!(watch.failing());
    assert_eq!(
        watch.after_save(Err(StorageProblem::Unavailable)),
        Some(StorageProblem::Unavailable),
        "a different problem is said"
    );
    assert_eq!(
        watch.after_save(Err(StorageProblem::Other("a".into()))),
        Some(StorageProblem::Other("a".into()))
    );
    assert_eq!(
        watch.after_save(Err(StorageProblem::Other("b".into()))),
        None
    );
    assert_eq!(watch.after_save(Ok(())), None);
    assert!(!watch.failing());
    assert_eq!(
        watch.after_save(Err(StorageProblem::Full)),
        Some(StorageProblem::Full),
        "said again after saving worked"
    );
}

mod batches {
    use funnelcast::app_model::batches::{PER_FRAME, REMOVED_PER_FRAME, step};

    /// Every step from `shown` to `total`.
    fn steps(mut shown: usize, total: usize) -> Vec<usize> {
        let mut seen = Vec::new();
        loop {
            let (next, more) = step(shown, total);
            seen.push(next);
            shown = next;
            if !more {
                return seen;
            }
        }
    }

    #[test]
    fn a_list_grows_by_a_few_items_a_step_after_the_first_ones() {
        assert_eq!(steps(0, 3), [3]);
        assert_eq!(steps(0, 8), [8]);
        assert_eq!(steps(0, 17), [8, 12, 16, 17]);
        assert_eq!(steps(5, 10), [8, 10]);
        let long = steps(0, 200);
        assert_eq!(long.last(), Some(&200));
        assert!(long.windows(2).all(|pair| pair[1] - pair[0] <= PER_FRAME));
    }

    #[test]
    fn a_list_shrinks_by_at_most_a_batch_a_step() {
        assert_eq!(steps(200, 21).last(), Some(&21));
        assert!(
            steps(200, 21)
                .windows(2)
                .all(|pair| pair[0] - pair[1] <= REMOVED_PER_FRAME)
        );
        assert_eq!(steps(200, 21)[0], 175);
        assert_eq!(steps(30, 10), [10]);
        assert_eq!(steps(4, 0), [0]);
        assert_eq!(step(21, 21), (21, false));
    }
}
