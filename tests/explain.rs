//! The decisions' sentences (`app_model::explain`): each says the right thing of the answer it
//! is given, in every language, with the page's currency.

use funnelcast::app_model::explain::{
    self, GoalQuestion, Style, best_lever, experiment_duration, experiment_size, goal_answer,
    lever_label, lever_value,
};
use funnelcast::decisions::{
    ConversionMode, ExperimentPlan, GoalResult, Lever, LeverKind, Metric, Sensitivity,
    SensitivityOptions, StageExperiment,
};
use funnelcast::i18n::Locale;
use funnelcast::i18n::format::{Currency, money};
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
fn the_best_lever_sentence_names_the_best_change_for_the_chosen_metric() {
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
    for metric in Metric::ALL {
        let best = report.best(metric).expect("a lever helps");
        // No other improvement helps the metric more.
        for pair in report.pairs_by(metric) {
            assert!(
                pair.better.gain(metric) <= best.better.gain(metric),
                "{metric:?}: {} of {} beats the best",
                pair.kind,
                pair.target
            );
        }
        for locale in LOCALES {
            let sentence =
                best_lever(style(locale), &report, metric, model.horizon).expect("a sentence");
            assert!(sentence.contains(&best.target), "{locale}: {sentence}");
            let from = lever_value(style(locale), best.kind, best.better.from.expect("from"));
            let to = lever_value(style(locale), best.kind, best.better.to.expect("to"));
            assert!(
                sentence.contains(&from) && sentence.contains(&to),
                "{locale}: {sentence}"
            );
            assert!(!sentence.contains('{'), "{locale}: {sentence}");
        }
    }
    let english = |metric| best_lever(style(Locale::En), &report, metric, model.horizon).unwrap();
    let revenue = english(Metric::Revenue);
    assert!(
        revenue.contains("in revenue") && revenue.contains('$') && revenue.contains("365 days"),
        "{revenue}"
    );
    let amount = money(
        Locale::En,
        Currency::Usd,
        report
            .best(Metric::Revenue)
            .unwrap()
            .better
            .revenue_delta
            .mean,
    );
    assert!(revenue.contains(&amount), "{revenue} names {amount}");
    assert!(english(Metric::Profit).contains("in profit"));
    let customers = english(Metric::Customers);
    assert!(
        customers.contains(" customers over 365 days") && !customers.contains('$'),
        "{customers}"
    );
    let cost = english(Metric::CostPerCustomer);
    let best_cost = report.best(Metric::CostPerCustomer).unwrap();
    assert!(
        best_cost.better.cost_per_customer_delta.mean < 0.0,
        "the best change for the cost per customer lowers it"
    );
    let cut = money(
        Locale::En,
        Currency::Usd,
        -best_cost.better.cost_per_customer_delta.mean,
    );
    assert!(
        cost.contains(&format!("cuts the cost per customer by about {cut} (-")),
        "{cost} names the cut {cut} and a fall in percent"
    );

    // A cost cut shows in profit and in the cost per customer, never in revenue: with every
    // other lever made useless, it is the best change for profit, and nothing helps revenue.
    let mut cost_only = report.clone();
    for effect in &mut cost_only.levers {
        if effect.lever != LeverKind::CostPerLead {
            effect.profit_delta.mean = 0.0;
            effect.revenue_delta.mean = 0.0;
        }
    }
    let sentence =
        best_lever(style(Locale::En), &cost_only, Metric::Profit, model.horizon).unwrap();
    assert!(
        sentence.starts_with("Cutting the cost per lead of ") && sentence.contains("in profit"),
        "{sentence}"
    );
    assert_eq!(
        best_lever(
            style(Locale::En),
            &cost_only,
            Metric::Revenue,
            model.horizon
        ),
        None
    );
    let mut empty = report.clone();
    empty.levers.clear();
    assert_eq!(
        best_lever(style(Locale::En), &empty, Metric::Revenue, model.horizon),
        None
    );
}

#[test]
fn tornado_labels_say_each_levers_step_and_the_axis_its_metric_and_unit() {
    let model = model("six-step");
    let report = Sensitivity::new(&model, SensitivityOptions::default())
        .expect("analysis")
        .run(50, 3)
        .expect("report");
    let en = style(Locale::En);
    let label = |kind: LeverKind, target: &str| {
        let pairs = report.pairs();
        let pair = pairs
            .iter()
            .find(|p| p.kind == kind && p.target == target)
            .expect("the lever");
        explain::tornado_label(en, pair)
    };
    assert_eq!(
        label(LeverKind::Conversion, "Awareness"),
        "Conversion at “Awareness” (+5 points)"
    );
    assert_eq!(
        label(LeverKind::Delay, "Awareness"),
        "Time to decide at “Awareness” (−5%)"
    );
    assert_eq!(
        label(LeverKind::CostPerLead, "Search ads"),
        "Cost per lead of “Search ads” (−5%)"
    );
    assert_eq!(
        label(LeverKind::Volume, "Search ads"),
        "Leads from “Search ads” (+5%)"
    );
    assert_eq!(
        label(LeverKind::Repeat, "retention"),
        "Repeat purchase probability (+5 points)"
    );
    for (mode, expected) in [
        (ConversionMode::Relative, "+2.5% of the rate"),
        (ConversionMode::Dropoff, "−2.5% drop-off"),
    ] {
        let lever = Lever::Conversion { stage: 0, mode };
        assert_eq!(explain::lever_step(en, lever, 2.5), expected);
    }
    for locale in [Locale::Ru, Locale::Zh] {
        for pair in report.pairs() {
            let text = explain::tornado_label(style(locale), &pair);
            assert!(
                text.contains('5') && !text.contains('{'),
                "{locale}: {text}"
            );
        }
    }

    let usd = style(Locale::En);
    let plain = Style {
        locale: Locale::En,
        currency: Currency::None,
    };
    assert_eq!(
        explain::tornado_axis(usd, Metric::Profit),
        "Change in mean profit, USD"
    );
    assert_eq!(
        explain::tornado_axis(plain, Metric::Revenue),
        "Change in mean revenue, money units"
    );
    assert_eq!(
        explain::tornado_axis(usd, Metric::Customers),
        "Change in mean customers, customers per run"
    );
    assert_eq!(
        explain::tornado_axis(usd, Metric::CostPerCustomer),
        "Change in mean cost per customer, USD"
    );
    assert_eq!(
        explain::tornado_readout(usd, Metric::Profit, "Cost", -120.0, 130.0),
        "Cost: Lever improved +$130 · Lever worsened -$120"
    );
    assert_eq!(
        explain::tornado_readout(usd, Metric::Customers, "Volume", -2.5, 3.0),
        "Volume: Lever improved +3 · Lever worsened -2.5"
    );
}

#[test]
fn a_stage_value_reads_in_the_page_currency() {
    use funnelcast::scenario::Value;
    let usd = style(Locale::En);
    assert_eq!(
        explain::stage_value(usd, &Value::Fixed(250.0)),
        "value $250 per conversion"
    );
    assert_eq!(
        explain::stage_value(
            usd,
            &Value::Uniform {
                low: 40.0,
                high: 80.0
            }
        ),
        "value $40.00 to $80.00 per conversion"
    );
    assert_eq!(
        explain::stage_value(
            usd,
            &Value::Lognormal {
                mean: 12_000.0,
                sd: 5_000.0
            }
        ),
        "value $12,000 per conversion on average"
    );
    let ru = Style {
        locale: Locale::Ru,
        currency: Currency::Rub,
    };
    assert_eq!(
        explain::stage_value(ru, &Value::Fixed(1500.0)),
        "выручка 1\u{a0}500\u{a0}₽ с каждой конверсии"
    );
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

// ---------------------------------------------------------------------------------------
// Figures per channel (issue 12): the sentence naming the cheapest source per customer.

/// A source by hand: mean customers and mean cost per customer (`None`: no customer in any
/// run).
fn source(
    name: &str,
    customers: f64,
    cost_per_customer: Option<f64>,
) -> funnelcast::engine::SourceReport {
    let stats = |mean: f64| funnelcast::engine::Stats {
        mean,
        p5: mean * 0.8,
        p50: mean,
        p95: mean * 1.3,
        ..Default::default()
    };
    funnelcast::engine::SourceReport {
        name: name.to_string(),
        customers: stats(customers),
        cost_per_customer: stats(cost_per_customer.unwrap_or(0.0)),
        runs_with_customers: if cost_per_customer.is_some() { 100 } else { 0 },
        runs_with_cost: 100,
        ..Default::default()
    }
}

#[test]
fn the_cheapest_source_per_customer_is_named_with_the_runner_up() {
    let sources = [
        source("Search ads", 1160.0, Some(67.9)),
        source("Partners", 388.0, Some(99.5)),
        source("Webinar", 20.0, Some(140.0)),
    ];
    let en = explain::cheapest_source_sentence(style(Locale::En), &sources);
    assert_eq!(
        en.as_deref(),
        Some(
            "“Search ads” brings the cheapest customers: $67.90 per customer on average, \
             against $99.50 from “Partners”."
        )
    );
    // The same whatever the order of the sources.
    let reversed: Vec<_> = sources.iter().rev().cloned().collect();
    assert_eq!(
        explain::cheapest_source_sentence(style(Locale::En), &reversed),
        en
    );
    for locale in LOCALES {
        let sentence =
            explain::cheapest_source_sentence(style(locale), &sources).unwrap_or_default();
        for name in ["Search ads", "Partners"] {
            assert!(sentence.contains(name), "{locale:?}: {sentence}");
        }
        assert!(
            !sentence.contains("Webinar"),
            "{locale:?}: only the two cheapest: {sentence}"
        );
        assert!(
            !sentence.contains('{'),
            "{locale:?}: a placeholder left: {sentence}"
        );
        for cost in [67.9, 99.5] {
            let amount = money(locale, style(locale).currency, cost);
            assert!(
                sentence.contains(&amount),
                "{locale:?}: {amount} in {sentence}"
            );
        }
    }
}

#[test]
fn ties_zero_customers_and_one_source_are_said_as_they_are() {
    let en = |sources: &[funnelcast::engine::SourceReport]| {
        explain::cheapest_source_sentence(style(Locale::En), sources)
    };
    // A tie: both named, neither as the cheaper.
    assert_eq!(
        en(&[
            source("A", 10.0, Some(50.0)),
            source("B", 30.0, Some(50.0)),
            source("C", 5.0, Some(80.0))
        ])
        .as_deref(),
        Some("“A” and “B” bring the cheapest customers, at $50.00 per customer on average each.")
    );
    // A source without customers is not the cheapest (its cost per customer is undefined,
    // not zero), and is said to bring none.
    assert_eq!(
        en(&[
            source("Cold calls", 0.0, None),
            source("Ads", 40.0, Some(75.0)),
            source("Referrals", 8.0, Some(20.0))
        ])
        .as_deref(),
        Some(
            "“Referrals” brings the cheapest customers: $20.00 per customer on average, \
             against $75.00 from “Ads”. “Cold calls” brought no customer in any run."
        )
    );
    // Only one source makes customers.
    assert_eq!(
        en(&[source("Ads", 40.0, Some(75.0)), source("Fair", 0.0, None)]).as_deref(),
        Some("Only “Ads” brings customers, at $75.00 per customer on average.")
    );
    // None does.
    assert_eq!(
        en(&[source("Ads", 0.0, None), source("Fair", 0.0, None)]).as_deref(),
        Some("No source brings a customer in these runs.")
    );
    // One source: no comparison.
    assert_eq!(
        en(&[source("Ads", 40.0, Some(75.0))]).as_deref(),
        Some("All customers come from “Ads”, at $75.00 per customer on average.")
    );
    assert_eq!(en(&[]), None);
    // A free source is the cheapest at no cost.
    assert_eq!(
        en(&[
            source("Ads", 40.0, Some(75.0)),
            source("Word of mouth", 3.0, Some(0.0))
        ])
        .as_deref(),
        Some(
            "“Word of mouth” brings the cheapest customers: $0 per customer on average, \
             against $75.00 from “Ads”."
        )
    );
    // Every case in every language, whole and with its names.
    let cases: [&[funnelcast::engine::SourceReport]; 4] = [
        &[source("A", 10.0, Some(50.0)), source("B", 30.0, Some(50.0))],
        &[
            source("A", 0.0, None),
            source("B", 30.0, Some(50.0)),
            source("C", 3.0, Some(9.0)),
        ],
        &[source("A", 0.0, None), source("B", 30.0, Some(50.0))],
        &[source("A", 0.0, None)],
    ];
    for locale in [Locale::Ru, Locale::Zh] {
        for sources in cases {
            let sentence =
                explain::cheapest_source_sentence(style(locale), sources).unwrap_or_default();
            let english =
                explain::cheapest_source_sentence(style(Locale::En), sources).unwrap_or_default();
            assert!(
                !sentence.is_empty() && sentence != english,
                "{locale:?}: {sentence}"
            );
            assert!(!sentence.contains('{'), "{locale:?}: {sentence}");
            for s in sources
                .iter()
                .filter(|s| s.runs_with_customers > 0 && sources.len() > 1)
            {
                assert!(
                    sentence.contains(&s.name),
                    "{locale:?}: {} in {sentence}",
                    s.name
                );
            }
        }
    }
}

/// On a real report (six-step's two sources), the sentence names the source the report
/// finds cheapest.
#[test]
fn the_sentence_names_the_cheapest_source_of_a_real_report() {
    let report = funnelcast::engine::simulate(&model("six-step"), 400, 1);
    let cheapest = funnelcast::engine::cheapest_sources(&report.sources);
    assert_eq!(cheapest.len(), 1);
    let name = &report.sources[cheapest[0]].name;
    let sentence =
        explain::cheapest_source_sentence(style(Locale::En), &report.sources).unwrap_or_default();
    assert!(
        sentence.starts_with(&format!("“{name}” brings the cheapest customers")),
        "{sentence}"
    );
}

/// The printed report's assumptions: one sentence for the horizon, each source and each
/// stage, one for the repeat purchases and one for a shared lead quality when the scenario
/// has them, naming every stage and source as the scenario does and quoting its numbers, in
/// every language, with no placeholder left.
#[test]
fn the_assumptions_say_every_source_stage_and_loop_in_every_language() {
    let mut scenario = presets::find("six-step").expect("preset").scenario();
    assert!(
        scenario.stages.iter().any(|stage| stage.nurture.is_some()),
        "a preset with nurture"
    );
    scenario.rate_correlation = Some(0.5);
    scenario.stages[1].lost_delay_days = Some(funnelcast::scenario::Delay::Fixed(4));
    scenario.sources[0].end_day = Some(45);
    scenario.sources[0].start_day = 3;
    for locale in LOCALES {
        let lines =
            funnelcast::app_model::assumptions::assumptions(style(locale), &scenario, 2000, 17);
        let extra = usize::from(scenario.retention.is_some()) + 1;
        assert_eq!(
            lines.len(),
            1 + scenario.sources.len() + scenario.stages.len() + extra,
            "{locale:?}: {lines:#?}"
        );
        let all = lines.join("\n");
        assert!(
            !all.contains('{') && !all.contains('}'),
            "{locale:?}: {all}"
        );
        assert!(
            lines[0].contains("17") && lines[0].contains("2"),
            "{}",
            lines[0]
        );
        for (source, line) in scenario.sources.iter().zip(&lines[1..]) {
            assert!(line.starts_with(&source.name), "{line}");
            assert!(line.contains(&source.entry), "{line}");
        }
        assert!(
            lines[1].contains("45") && lines[1].contains('3'),
            "the days: {}",
            lines[1]
        );
        let stages = &lines[1 + scenario.sources.len()..];
        for (stage, line) in scenario.stages.iter().zip(stages) {
            assert!(line.starts_with(&stage.name), "{line}");
            if let Some(nurture) = &stage.nurture {
                assert!(line.contains(&nurture.to), "the loop's target: {line}");
                assert!(
                    line.contains(&nurture.max_cycles.to_string()),
                    "its cycles: {line}"
                );
            }
        }
        // Each stage's line differs by what the stage has: the one given a time to lose
        // says more than without it.
        let without = {
            let mut plain = scenario.clone();
            plain.stages[1].lost_delay_days = None;
            funnelcast::app_model::assumptions::assumptions(style(locale), &plain, 2000, 17)
        };
        let at = 1 + scenario.sources.len() + 1;
        assert!(
            lines[at].len() > without[at].len(),
            "{} / {}",
            lines[at],
            without[at]
        );
        assert!(
            lines.last().is_some_and(
                |line| line.contains(&funnelcast::i18n::format::number(locale, 0.5, 2))
            )
        );
    }
    // Without a correlation, no sentence for it.
    scenario.rate_correlation = None;
    let lines =
        funnelcast::app_model::assumptions::assumptions(style(Locale::En), &scenario, 2000, 17);
    assert!(!lines.join(" ").contains("Lead quality"), "{lines:#?}");
}
