//! The decisions' sentences (`app_model::explain`): each says the right thing of the answer it
//! is given, in every language, with the page's currency.

use funnelcast::app_model::explain::{
    self, GoalQuestion, Style, best_lever, experiment_duration, experiment_size, goal_answer,
    lever_label, lever_value,
};
use funnelcast::decisions::{
    ConversionMode, ExperimentPlan, GoalResult, Lever, LeverKind, Sensitivity, SensitivityOptions,
    StageExperiment,
};
use funnelcast::i18n::Locale;
use funnelcast::i18n::format::Currency;
use funnelcast::scenario::{Model, presets};

const LOCALES: [Locale; 3] = [Locale::En, Locale::Ru, Locale::Zh];

fn style(locale: Locale) -> Style {
    Style {
        locale,
        currency: Currency::from_code("USD").unwrap_or_default(),
    }
}

fn model(id: &str) -> Model {
    presets::find(id)
        .expect("preset")
        .scenario()
        .validate()
        .expect("valid")
}

#[test]
fn every_lever_kind_has_its_own_name_and_unit_in_every_language() {
    for locale in LOCALES {
        let labels: Vec<String> = LeverKind::ALL
            .into_iter()
            .map(|kind| lever_label(style(locale), kind, "Demo"))
            .collect();
        for (kind, label) in LeverKind::ALL.into_iter().zip(&labels) {
            assert!(
                !label.contains('{') && !label.is_empty(),
                "{locale} {kind}: {label}"
            );
            if kind != LeverKind::Repeat {
                assert!(label.contains("Demo"), "{locale} {kind}: {label}");
            }
        }
        let mut distinct = labels.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), labels.len(), "{locale}: {labels:?}");
    }
    let en = style(Locale::En);
    assert_eq!(lever_value(en, LeverKind::Conversion, 0.3), "30%");
    assert_eq!(lever_value(en, LeverKind::Delay, 4.0), "4 days");
    assert_eq!(lever_value(en, LeverKind::Volume, 12.5), "12.5 leads a day");
    assert!(lever_value(en, LeverKind::CostPerLead, 2.5).contains("2.50"));
}

#[test]
fn the_best_lever_sentence_names_the_top_of_the_tornado() {
    let model = model("six-step");
    let options = SensitivityOptions {
        step: 5.0,
        mode: ConversionMode::Points,
        both_directions: true,
    };
    let report = Sensitivity::new(&model, options)
        .expect("analysis")
        .run(200, 7)
        .expect("report");
    let best = report.pairs().into_iter().next().expect("levers");
    for locale in LOCALES {
        let sentence = best_lever(style(locale), &report, model.horizon).expect("a sentence");
        assert!(sentence.contains(&best.target), "{locale}: {sentence}");
        let from = lever_value(style(locale), best.kind, best.better.from.expect("from"));
        let to = lever_value(style(locale), best.kind, best.better.to.expect("to"));
        assert!(
            sentence.contains(&from) && sentence.contains(&to),
            "{locale}: {sentence}"
        );
        assert!(!sentence.contains('{'), "{locale}: {sentence}");
    }
    let english = best_lever(style(Locale::En), &report, model.horizon).expect("sentence");
    assert!(
        english.contains('$') && english.contains("365 days"),
        "{english}"
    );

    // A cost cut is measured in profit, not in revenue (which it does not change).
    let mut cost = report.clone();
    for effect in &mut cost.levers {
        if effect.lever != LeverKind::CostPerLead {
            effect.revenue_delta.mean = 0.0;
        } else {
            effect.revenue_delta.mean = if effect.change > 0.0 { 1.0 } else { -0.5 };
        }
    }
    let sentence = best_lever(style(Locale::En), &cost, model.horizon).expect("sentence");
    assert!(sentence.contains("profit"), "{sentence}");
    let mut empty = report.clone();
    empty.levers.clear();
    assert_eq!(best_lever(style(Locale::En), &empty, model.horizon), None);
}

#[test]
fn the_goal_answer_says_what_to_change_to() {
    let model = model("classroom-cohort");
    let stage = 2;
    let lever = Lever::Conversion {
        stage,
        mode: ConversionMode::Points,
    };
    let question = GoalQuestion {
        lever,
        target: 5_000.0,
        probability: 0.8,
    };
    let now = model.stages[stage].conversion.mean();
    let reached = GoalResult::Reached {
        change: 5.0,
        probability: 0.83,
        below: 4.95,
        probability_below: 0.79,
        value: Some(now + 0.05),
    };
    let en = style(Locale::En);
    let text = goal_answer(en, &model, &question, &reached);
    let after = lever_value(en, LeverKind::Conversion, now + 0.05);
    let before = lever_value(en, LeverKind::Conversion, now);
    assert!(
        text.contains(&after) && text.contains(&before) && text.contains("83%"),
        "{text}"
    );
    assert!(text.contains(&model.stages[stage].name), "{text}");
    let already = goal_answer(
        en,
        &model,
        &question,
        &GoalResult::AlreadyReached { probability: 0.9 },
    );
    assert!(
        already.contains("90%") && already.contains("$5,000"),
        "{already}"
    );
    let unreachable = goal_answer(
        en,
        &model,
        &question,
        &GoalResult::Unreachable {
            max_change: 10.0,
            probability: 0.41,
        },
    );
    assert!(
        unreachable.contains("41%") && unreachable.contains("80%") && unreachable.contains(&before),
        "{unreachable}"
    );
    // Three different sentences, and none of them in English in Russian.
    assert_ne!(text, already);
    assert_ne!(text, unreachable);
    for answer in [reached, GoalResult::AlreadyReached { probability: 0.9 }] {
        let ru = goal_answer(style(Locale::Ru), &model, &question, &answer);
        assert_ne!(ru, goal_answer(en, &model, &question, &answer));
        assert!(!ru.contains('{'), "{ru}");
    }
}

#[test]
fn the_experiment_sentences_say_its_size_and_duration() {
    let plan = ExperimentPlan {
        p1: 0.1,
        p2: 0.12,
        per_arm: 3_841,
        per_arm_corrected: 3_941,
        exact_per_arm: 3_840.2,
    };
    let en = style(Locale::En);
    assert_eq!(
        experiment_size(en, &plan),
        "3,841 leads per arm, 7,682 in all."
    );
    let experiment = |days: Option<u64>| StageExperiment {
        stage: "Demo".to_string(),
        plan,
        entries_per_day: 120.5,
        days,
        days_corrected: days,
    };
    let fits = experiment_duration(en, &experiment(Some(64)), 365);
    assert!(fits.contains("64 days") && fits.contains("120.5"), "{fits}");
    let too_long = experiment_duration(en, &experiment(Some(400)), 365);
    assert!(
        too_long.contains("400 days") && too_long.contains("longer"),
        "{too_long}"
    );
    let none = experiment_duration(en, &experiment(None), 365);
    assert!(none.contains("Demo") && none.contains("No leads"), "{none}");
    let ru = explain::experiment_size(style(Locale::Ru), &plan);
    assert!(ru.contains("3\u{a0}841"), "{ru}");
}

/// "Most leads are lost at Request (40%)" named the stage losing the most leads while Meeting
/// lost 66% of those who reached it: the sentence says both.
#[test]
fn the_loss_sentence_names_the_biggest_loss_and_the_weakest_stage() {
    use funnelcast::app_model::explain::loss_sentence;
    use funnelcast::engine::{StageReport, Stats};
    let stage = |name: &str, entered: f64, failed: f64| StageReport {
        name: name.to_string(),
        entered: Stats {
            mean: entered,
            ..Stats::default()
        },
        failed: Stats {
            mean: failed,
            ..Stats::default()
        },
        ..StageReport::default()
    };
    // Request loses 400 of 1,000 (40%); Meeting 132 of 200 (66%).
    let stages = [
        stage("Request", 1000.0, 400.0),
        stage("Meeting", 200.0, 132.0),
    ];
    let text = loss_sentence(style(Locale::En), &stages).expect("a sentence");
    assert!(
        text.contains("Request") && text.contains("400") && text.contains("40%"),
        "{text}"
    );
    assert!(text.contains("Meeting") && text.contains("66%"), "{text}");
    // One stage both: one sentence.
    let one = [
        stage("Request", 1000.0, 700.0),
        stage("Meeting", 200.0, 10.0),
    ];
    let text = loss_sentence(style(Locale::En), &one).expect("a sentence");
    assert!(!text.contains("Meeting"), "{text}");
    assert_eq!(
        loss_sentence(style(Locale::En), &[stage("A", 10.0, 0.0)]),
        None
    );
    for locale in LOCALES {
        let text = loss_sentence(style(locale), &stages).expect("a sentence");
        assert!(
            text.contains("Meeting") && !text.contains('{'),
            "{locale}: {text}"
        );
    }
    assert_eq!(
        explain::expected_cost_per_customer(659.0 * 80.0, 80.0),
        Some(659.0)
    );
    assert_eq!(explain::expected_cost_per_customer(100.0, 0.0), None);
}

/// The experiment planner proposed a 2-point uplift while B raised a stage by 5.5 points: a
/// variant's change is where the test starts, and lever values carry their unit.
#[test]
fn a_variant_proposes_its_own_experiment() {
    use funnelcast::app_model::explain::experiment_from_variant;
    use funnelcast::scenario::Rate;
    let a = presets::find("six-step").expect("preset").scenario();
    let mut b = a.clone();
    b.stages[3].conversion = Rate::Fixed(0.655);
    let before = funnelcast::app_model::rate_input::describe(&a.stages[3].conversion).mean;
    let (stage, points) = experiment_from_variant(&a, &b).expect("a proposal");
    assert_eq!(stage, 3);
    assert!((points - 100.0 * (0.655 - before)).abs() < 1e-9, "{points}");
    assert_eq!(experiment_from_variant(&a, &a), None);
    assert_eq!(
        lever_value(style(Locale::En), LeverKind::Volume, 24.8),
        "24.8 leads a day"
    );
}
