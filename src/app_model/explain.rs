//! The decisions' answers in sentences, in the person's language: a lever's name and value, the
//! best single change, the goal search's answer, the experiment's size and duration. Plain
//! functions of the answer, the locale and the currency, tested natively; the page's
//! components only place them.

use super::changes::{Change, Shown, changes, names_text};
use super::channels;
use super::laws::delay_mean;
use super::rate_input;
use crate::decisions::{
    ConversionMode, ExperimentPlan, GoalResult, Lever, LeverChange, LeverKind, LeverPair, Metric,
    SensitivityReport, StageExperiment, apply,
};
use crate::engine::{SourceReport, StageReport, stage_losing_most, weakest_stage};
use crate::i18n::format::{self, Currency};
use crate::i18n::{self, Locale};
use crate::scenario::{Arrivals, Delay, Model, Rate, Value};

/// How numbers are written: the locale and the currency money is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub locale: Locale,
    pub currency: Currency,
}

impl Style {
    pub(super) fn tf(self, key: &str, args: &[(&str, String)]) -> String {
        let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
        i18n::tf(self.locale, key, &args)
    }

    pub(super) fn money(self, amount: f64) -> String {
        format::money(self.locale, self.currency, amount)
    }

    pub(super) fn percent(self, share: f64, decimals: usize) -> String {
        format::percent(self.locale, share, decimals)
    }

    pub(super) fn days(self, days: f64) -> String {
        format::format_days(self.locale, days)
    }
}

/// A lever's name: "Consideration: conversion", "Search ads: volume".
pub fn lever_label(style: Style, kind: LeverKind, target: &str) -> String {
    let target = target.to_string();
    match kind {
        LeverKind::Conversion => style.tf("sensitivity.lever.conversion", &[("stage", target)]),
        LeverKind::Delay => style.tf("sensitivity.lever.delay", &[("stage", target)]),
        LeverKind::Reentry => style.tf("sensitivity.lever.reentry", &[("stage", target)]),
        LeverKind::Volume => style.tf("sensitivity.lever.volume", &[("source", target)]),
        LeverKind::CostPerLead => style.tf("sensitivity.lever.cost", &[("source", target)]),
        LeverKind::Repeat => i18n::t(style.locale, "sensitivity.lever.repeat").to_string(),
    }
}

/// What a lever measures, written as a sentence reads it: a rate as a percentage, a delay in
/// days, a volume in leads a day, a cost as money.
pub fn lever_value(style: Style, kind: LeverKind, value: f64) -> String {
    match kind {
        LeverKind::Conversion | LeverKind::Reentry | LeverKind::Repeat => style.percent(value, 1),
        LeverKind::Delay => style.days(value),
        LeverKind::Volume => style.tf(
            "lever.value.volume",
            &[("n", format::number(style.locale, value, 1))],
        ),
        LeverKind::CostPerLead => style.money(value),
    }
}

/// The best single change for `metric` in a sentence ("Raising Consideration from 25% to 30%
/// adds about 120,338 in revenue over 365 days (+19%), more than any other single change."):
/// the lever whose improvement helps the metric most (`SensitivityReport::best`), its amount
/// in the metric's unit and against the baseline. `None` when no improvement helps it.
pub fn best_lever(
    style: Style,
    report: &SensitivityReport,
    metric: Metric,
    horizon_days: u32,
) -> Option<String> {
    let best = report.best(metric)?;
    let effect = best.better;
    let change = effect.delta(metric).mean;
    let share = match report.baseline(metric) {
        Some(baseline) if baseline.abs() > 0.0 => change / baseline.abs(),
        _ => 0.0,
    };
    let action_key = match best.kind {
        LeverKind::Conversion => "sensitivity.action.conversion",
        LeverKind::Delay => "sensitivity.action.delay",
        LeverKind::Reentry => "sensitivity.action.reentry",
        LeverKind::Volume => "sensitivity.action.volume",
        LeverKind::CostPerLead => "sensitivity.action.cost",
        LeverKind::Repeat => "sensitivity.action.repeat",
    };
    let value = |v: Option<f64>| {
        v.map(|v| lever_value(style, best.kind, v))
            .unwrap_or_default()
    };
    let action = style.tf(
        action_key,
        &[
            ("stage", best.target.clone()),
            ("source", best.target.clone()),
            ("from", value(effect.from)),
            ("to", value(effect.to)),
        ],
    );
    let args = [
        ("action", action),
        ("amount", style.money(change.abs())),
        ("period", style.days(f64::from(horizon_days))),
        ("percent", format::percent_change(style.locale, share, 0)),
    ];
    Some(match metric {
        Metric::Revenue => style.tf("sensitivity.best.revenue", &args),
        Metric::Profit => style.tf("sensitivity.best.profit", &args),
        Metric::CostPerCustomer => style.tf("sensitivity.best.cost_per_customer", &args),
        Metric::Customers => {
            let count = customers(change);
            let text = format::number(style.locale, count, 1);
            let args: Vec<(&str, &str)> = args
                .iter()
                .map(|(name, value)| (*name, value.as_str()))
                .chain([("n", text.as_str())])
                .collect();
            i18n::tn(style.locale, "sensitivity.best.customers", count, &args)
        }
    })
}

/// A change in customers as written: whole from 10 up, one decimal below.
fn customers(change: f64) -> f64 {
    if change.abs() >= 10.0 {
        change.round()
    } else {
        (change * 10.0).round() / 10.0
    }
}

/// What each improvement of the analysis is, in a few words beside the lever's name: "+5
/// points", "+5% of the rate", "−5% drop-off", "−5%" of a delay or a cost per lead, "+5%" of
/// a volume (the tornado's bars are this change and its opposite).
pub fn lever_step(style: Style, lever: Lever, step: f64) -> String {
    let key = match lever {
        Lever::Conversion {
            mode: ConversionMode::Points,
            ..
        }
        | Lever::SegmentConversion {
            mode: ConversionMode::Points,
            ..
        }
        | Lever::Reentry { .. }
        | Lever::Repeat => "sensitivity.step.points",
        Lever::Conversion {
            mode: ConversionMode::Relative,
            ..
        }
        | Lever::SegmentConversion {
            mode: ConversionMode::Relative,
            ..
        } => "sensitivity.step.relative",
        Lever::Conversion {
            mode: ConversionMode::Dropoff,
            ..
        }
        | Lever::SegmentConversion {
            mode: ConversionMode::Dropoff,
            ..
        } => "sensitivity.step.dropoff",
        Lever::Delay { .. } => "sensitivity.step.delay",
        Lever::Volume { .. } => "sensitivity.step.volume",
        Lever::CostPerLead { .. } => "sensitivity.step.cost",
    };
    style.tf(key, &[("n", format::number(style.locale, step.abs(), 2))])
}

/// A tornado bar's label: the lever and its step, "Conversion at “Interest” (+5 points)".
pub fn tornado_label(style: Style, pair: &LeverPair) -> String {
    style.tf(
        "sensitivity.lever.with_step",
        &[
            ("lever", lever_label(style, pair.kind, &pair.target)),
            ("step", lever_step(style, pair.lever, pair.better.change)),
        ],
    )
}

/// A change in `metric` as the tornado writes it, signed: "+$41,000", "-12.5" customers.
pub fn metric_change(style: Style, metric: Metric, change: f64) -> String {
    if metric.is_money() {
        format::money_change(style.locale, style.currency, change)
    } else {
        format::number_change(style.locale, change, 1)
    }
}

/// The tornado's hover read-out: "Conversion at “Interest” (+5 points): Lever improved
/// +$41,000 · Lever worsened -$40,000".
pub fn tornado_readout(
    style: Style,
    metric: Metric,
    label: &str,
    worse: f64,
    better: f64,
) -> String {
    format!(
        "{label}: {} {} · {} {}",
        i18n::t(style.locale, "chart.tornado.improved"),
        metric_change(style, metric, better),
        i18n::t(style.locale, "chart.tornado.worsened"),
        metric_change(style, metric, worse),
    )
}

/// The tornado's value axis: the metric and its unit, "Change in mean profit, USD".
pub fn tornado_axis(style: Style, metric: Metric) -> String {
    let unit = if style.currency == Currency::None {
        i18n::t(style.locale, "sensitivity.unit.money").to_string()
    } else {
        style.currency.code().to_string()
    };
    let key = match metric {
        Metric::Revenue => "sensitivity.axis.revenue",
        Metric::Profit => "sensitivity.axis.profit",
        Metric::Customers => "sensitivity.axis.customers",
        Metric::CostPerCustomer => "sensitivity.axis.cost_per_customer",
    };
    style.tf(key, &[("unit", unit)])
}

/// The catalogue key of the tornado's caption for `metric`.
pub fn tornado_title_key(metric: Metric) -> &'static str {
    match metric {
        Metric::Revenue => "chart.tornado.title",
        Metric::Profit => "sensitivity.title.profit",
        Metric::Customers => "sensitivity.title.customers",
        Metric::CostPerCustomer => "sensitivity.title.cost_per_customer",
    }
}

/// The catalogue key naming `metric` in the tornado's choice.
pub fn metric_key(metric: Metric) -> &'static str {
    match metric {
        Metric::Revenue => "sensitivity.metric.revenue",
        Metric::Profit => "sensitivity.metric.profit",
        Metric::Customers => "sensitivity.metric.customers",
        Metric::CostPerCustomer => "sensitivity.metric.cost_per_customer",
    }
}

/// A stage's value per conversion in a few words, in the page's currency: "value 250 per
/// conversion", "value 40 to 80 per conversion", "value 250 per conversion on average".
pub fn stage_value(style: Style, value: &Value) -> String {
    match *value {
        Value::Fixed(amount) => style.tf(
            "editor.stage.value.fixed_shown",
            &[("amount", style.money(amount))],
        ),
        Value::Uniform { low, high } => style.tf(
            "editor.stage.value.uniform_shown",
            &[("low", style.money(low)), ("high", style.money(high))],
        ),
        Value::Lognormal { mean, .. } => style.tf(
            "editor.stage.value.lognormal_shown",
            &[("mean", style.money(mean))],
        ),
    }
}

/// What the person asked the goal search.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalQuestion {
    pub lever: Lever,
    /// The revenue target.
    pub target: f64,
    /// The chance of reaching it that is asked for.
    pub probability: f64,
}

/// The goal search's answer in a sentence: already reached, the change that reaches it (the
/// lever's value after it and now), or unreachable within the lever's range (with the best
/// chance found).
pub fn goal_answer(
    style: Style,
    model: &Model,
    question: &GoalQuestion,
    answer: &GoalResult,
) -> String {
    let lever = question.lever;
    let kind = lever.kind();
    let label = lever_label(style, kind, &lever.target(model));
    let value_after = |change: f64| {
        apply(model, &LeverChange { lever, change })
            .ok()
            .and_then(|changed| lever.value(&changed))
            .map(|value| lever_value(style, kind, value))
            .unwrap_or_default()
    };
    let now = lever
        .value(model)
        .map(|value| lever_value(style, kind, value))
        .unwrap_or_default();
    match *answer {
        GoalResult::AlreadyReached { probability } => style.tf(
            "goal.already",
            &[
                ("target", style.money(question.target)),
                ("probability", style.percent(probability, 0)),
            ],
        ),
        GoalResult::Reached {
            change,
            probability,
            ..
        } => style.tf(
            "goal.found",
            &[
                ("lever", label),
                ("value", value_after(change)),
                ("target", style.money(question.target)),
                ("probability", style.percent(probability, 0)),
                ("current", now),
            ],
        ),
        GoalResult::Unreachable {
            max_change,
            probability,
        } => style.tf(
            "goal.unreachable",
            &[
                ("lever", label),
                ("low", now),
                ("high", value_after(max_change)),
                ("target", style.money(question.target)),
                ("probability", style.percent(question.probability, 0)),
                ("best", value_after(max_change)),
                ("achieved", style.percent(probability, 0)),
            ],
        ),
    }
}

/// The experiment's size: leads per arm and in all.
pub fn experiment_size(style: Style, plan: &ExperimentPlan) -> String {
    let per_arm = plan.per_arm as f64;
    style.tf(
        "experiment.result",
        &[
            ("n", format::integer(style.locale, per_arm)),
            ("total", format::integer(style.locale, per_arm * 2.0)),
        ],
    )
}

/// How long the experiment runs on the stage's traffic: the days, longer than the horizon, or
/// no traffic at all.
pub fn experiment_duration(
    style: Style,
    experiment: &StageExperiment,
    horizon_days: u32,
) -> String {
    match experiment.days {
        Some(needed) if needed > u64::from(horizon_days) => style.tf(
            "experiment.too_long",
            &[("days", style.days(needed as f64))],
        ),
        Some(needed) => style.tf(
            "experiment.duration",
            &[
                (
                    "rate",
                    format::number(style.locale, experiment.entries_per_day, 1),
                ),
                ("stage", experiment.stage.clone()),
                ("days", style.days(needed as f64)),
            ],
        ),
        None => style.tf(
            "experiment.no_traffic",
            &[("stage", experiment.stage.clone())],
        ),
    }
}

/// Where leads are lost, in a sentence: the stage losing the most leads in number and, when
/// another one, the weakest stage in rate (losing the largest share of those who reach it).
/// `None` when no stage loses any.
pub fn loss_sentence(style: Style, stages: &[StageReport]) -> Option<String> {
    let most = stages.get(stage_losing_most(stages)?)?;
    let weakest = weakest_stage(stages).and_then(|index| stages.get(index));
    let count = format::integer(style.locale, most.lost());
    let share = style.percent(most.lost_share(), 0);
    Some(match weakest {
        Some(weakest) if weakest.name != most.name => style.tf(
            "chart.funnel.losses.both",
            &[
                ("stage", most.name.clone()),
                ("count", count),
                ("share", share),
                ("weakest", weakest.name.clone()),
                ("weakest_share", style.percent(weakest.lost_share(), 0)),
            ],
        ),
        _ => style.tf(
            "chart.funnel.losses.same",
            &[
                ("stage", most.name.clone()),
                ("count", count),
                ("share", share),
            ],
        ),
    })
}

/// Which source brings the cheapest customers (figures per channel), in a sentence: the one
/// with the lowest mean cost per customer and the runner-up's, every source on a tie, the only
/// source making customers, the one source of a scenario, or that none makes a customer; then
/// the sources that brought no customer in any run. `None` without sources.
pub fn cheapest_source_sentence(style: Style, sources: &[SourceReport]) -> Option<String> {
    if sources.is_empty() {
        return None;
    }
    let cheapest = channels::cheapest(sources);
    let Some(&first) = cheapest.first() else {
        return Some(i18n::t(style.locale, "explain.channels.none").to_string());
    };
    let cost = |index: usize| style.money(sources[index].cost_per_customer.mean);
    let name = |index: usize| {
        style.tf(
            "explain.channels.name",
            &[("name", sources[index].name.clone())],
        )
    };
    if sources.len() == 1 {
        return Some(style.tf(
            "explain.channels.one",
            &[("source", name(first)), ("cost", cost(first))],
        ));
    }
    let making: Vec<usize> = (0..sources.len())
        .filter(|&index| {
            channels::ChannelColumn::CostPerCustomer
                .value(&sources[index])
                .is_some()
                && sources[index].customers.mean > 0.0
        })
        .collect();
    let next = channels::order(
        sources,
        channels::ChannelSort::default().click(channels::ChannelColumn::CostPerCustomer),
    )
    .into_iter()
    .find(|index| making.contains(index) && !cheapest.contains(index));
    let mut sentence = if cheapest.len() > 1 {
        let names: Vec<String> = cheapest.iter().map(|&index| name(index)).collect();
        style.tf(
            "explain.channels.tie",
            &[("sources", joined(style, &names)), ("cost", cost(first))],
        )
    } else if let Some(next) = next {
        style.tf(
            "explain.channels.cheapest",
            &[
                ("source", name(first)),
                ("cost", cost(first)),
                ("next", name(next)),
                ("next_cost", cost(next)),
            ],
        )
    } else {
        return Some(style.tf(
            "explain.channels.only",
            &[("source", name(first)), ("cost", cost(first))],
        ));
    };
    let without: Vec<String> = (0..sources.len())
        .filter(|index| !making.contains(index))
        .map(name)
        .collect();
    if !without.is_empty() {
        let without = style.tf(
            "explain.channels.without",
            &[("sources", joined(style, &without))],
        );
        sentence = style.tf(
            "explain.channels.then",
            &[("first", sentence), ("second", without)],
        );
    }
    Some(sentence)
}

/// Names joined as the language lists them: "A", "A and B", "A, B and C".
fn joined(style: Style, names: &[String]) -> String {
    match names {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => style.tf(
            "explain.channels.and",
            &[
                (
                    "first",
                    rest.join(i18n::t(style.locale, "explain.channels.separator")),
                ),
                ("last", last.clone()),
            ],
        ),
    }
}

/// The expected cost per customer: expected lead cost over expected customers (what dividing
/// the two cards gives), `None` without customers.
pub fn expected_cost_per_customer(cost: f64, customers: f64) -> Option<f64> {
    (customers > 0.0 && cost.is_finite()).then(|| cost / customers)
}

/// A rate as the editor writes it, with its mean when it is uncertain ("24 of 98 (24%)").
fn rate_text(style: Style, rate: &Rate) -> String {
    let text = rate_input::text(rate, style.locale);
    match rate {
        Rate::Fixed(_) => text,
        Rate::Uncertain(_) => format!(
            "{text} ({})",
            style.percent(rate_input::describe(rate).mean, 0)
        ),
    }
}

/// A delay in words: "exactly 14 days", "2 to 6 days", "about 3 days (exponential)".
pub(super) fn delay_words(style: Style, delay: &Delay) -> String {
    let days = |d: f64| style.days(d);
    match *delay {
        Delay::Fixed(d) => style.tf("delay.words.fixed", &[("days", days(d as f64))]),
        Delay::Uniform { min, max } => style.tf(
            "delay.words.uniform",
            &[
                ("min", format::number(style.locale, min as f64, 0)),
                ("days", days(max as f64)),
            ],
        ),
        _ => {
            let law = match delay {
                Delay::Exponential { .. } => "delay.words.law.exponential",
                Delay::Lognormal { .. } => "delay.words.law.lognormal",
                _ => "delay.words.law.gamma",
            };
            style.tf(
                "delay.words.mean",
                &[
                    ("days", days(delay_mean(delay))),
                    ("law", i18n::t(style.locale, law).to_string()),
                ],
            )
        }
    }
}

/// A value per conversion in words: an amount, a range, or a mean; "nothing" when none.
pub(super) fn value_words(style: Style, value: &Option<Value>) -> String {
    match *value {
        None => i18n::t(style.locale, "value.words.none").to_string(),
        Some(Value::Fixed(x)) => style.money(x),
        Some(Value::Uniform { low, high }) => style.tf(
            "value.words.uniform",
            &[("low", style.money(low)), ("high", style.money(high))],
        ),
        Some(Value::Lognormal { mean, sd }) => style.tf(
            "value.words.lognormal",
            &[("mean", style.money(mean)), ("sd", style.money(sd))],
        ),
    }
}

pub(super) fn arrivals_words(style: Style, arrivals: &Arrivals) -> String {
    match *arrivals {
        Arrivals::Poisson(mean) => style.tf(
            "arrivals.words.poisson",
            &[("n", format::number(style.locale, mean, 1))],
        ),
        Arrivals::Fixed(n) => style.tf(
            "arrivals.words.fixed",
            &[("n", format::number(style.locale, n as f64, 0))],
        ),
    }
}

/// One side of a change, in words.
fn shown(style: Style, value: &Shown) -> String {
    match value {
        Shown::Text(text) => text.clone(),
        Shown::Whole(n) => format::number(style.locale, *n as f64, 0),
        Shown::Money(x) => style.money(*x),
        Shown::Share(p) => style.percent(*p, 1),
        Shown::Rate(rate) => rate_text(style, rate),
        Shown::Delay(delay) => delay_words(style, delay),
        Shown::LostDelay(Some(delay)) => delay_words(style, delay),
        Shown::LostDelay(None) => i18n::t(style.locale, "editor.stage.lost_delay.same").to_string(),
        Shown::Value(value) => value_words(style, value),
        Shown::Arrivals(arrivals) => arrivals_words(style, arrivals),
        Shown::EndDay(Some(day)) => format::number(style.locale, *day as f64, 0),
        Shown::EndDay(None) => i18n::t(style.locale, "editor.source.end_day.none").to_string(),
        Shown::Names(names) => names_text(names),
    }
}

/// The catalogue key naming a field of a stage, a source or the repeat purchases.
fn field_key(field: &str) -> &'static str {
    match field {
        "conversion" => "editor.stage.conversion",
        "delay_days" => "editor.stage.delay",
        "lost_delay_days" => "editor.stage.lost_delay",
        "value" => "editor.stage.value",
        "nurture.share" => "nurture.share",
        "nurture.delay_days" => "nurture.delay",
        "nurture.reentry" => "nurture.reentry",
        "nurture.to" => "nurture.to",
        "nurture.max_cycles" => "nurture.max_cycles",
        "entry" => "editor.source.entry",
        "per_day" => "editor.source.per_day",
        "start_day" => "editor.source.start_day",
        "end_day" => "editor.source.end_day",
        "cost_per_lead" => "editor.source.cost_per_lead",
        "repeat" => "retention.repeat",
        "max_repeats" => "retention.max_repeats",
        _ => "common.none",
    }
}

/// A change from plan A in a sentence, as a person would write it.
pub fn change_sentence(style: Style, change: &Change) -> String {
    let t = |key: &str| i18n::t(style.locale, key).to_string();
    match change {
        Change::Name { a, b } => style.tf("diff.name", &[("a", a.clone()), ("b", b.clone())]),
        Change::Horizon { a, b } => style.tf(
            "diff.horizon",
            &[("a", style.days(*a as f64)), ("b", style.days(*b as f64))],
        ),
        Change::RateCorrelation { a, b } => style.tf(
            "diff.rate_correlation",
            &[
                ("a", format::number(style.locale, *a, 2)),
                ("b", format::number(style.locale, *b, 2)),
            ],
        ),
        Change::Order { a, b } => {
            style.tf("diff.order", &[("a", names_text(a)), ("b", names_text(b))])
        }
        Change::StageAdded(stage) => style.tf(
            "diff.stage_added",
            &[
                ("stage", stage.name.clone()),
                ("rate", rate_text(style, &stage.conversion)),
                ("delay", delay_words(style, &stage.delay_days)),
            ],
        ),
        Change::StageRemoved(stage) => style.tf(
            "diff.stage_removed",
            &[
                ("stage", stage.name.clone()),
                ("rate", rate_text(style, &stage.conversion)),
            ],
        ),
        Change::StageRenamed { a, b } => {
            style.tf("diff.stage_renamed", &[("a", a.clone()), ("b", b.clone())])
        }
        Change::Stage { stage, field, a, b } => {
            let (a, b) = (shown(style, a), shown(style, b));
            let stage = stage.clone();
            match *field {
                "conversion" => {
                    style.tf("diff.conversion", &[("stage", stage), ("a", a), ("b", b)])
                }
                "delay_days" => style.tf("diff.delay", &[("stage", stage), ("a", a), ("b", b)]),
                "value" => style.tf("diff.value", &[("stage", stage), ("a", a), ("b", b)]),
                field => style.tf(
                    "diff.stage_field",
                    &[
                        ("stage", stage),
                        ("field", t(field_key(field))),
                        ("a", a),
                        ("b", b),
                    ],
                ),
            }
        }
        Change::NurtureAdded { stage, nurture } => style.tf(
            "diff.nurture_added",
            &[
                ("stage", stage.clone()),
                ("share", style.percent(nurture.share, 0)),
                ("delay", delay_words(style, &nurture.delay_days)),
                ("reentry", style.percent(nurture.reentry, 0)),
                ("to", nurture.to.clone()),
            ],
        ),
        Change::NurtureRemoved { stage } => {
            style.tf("diff.nurture_removed", &[("stage", stage.clone())])
        }
        Change::SourceAdded(source) => style.tf(
            "diff.source_added",
            &[
                ("source", source.name.clone()),
                ("volume", arrivals_words(style, &source.per_day)),
                ("entry", source.entry.clone()),
            ],
        ),
        Change::SourceRemoved(source) => style.tf(
            "diff.source_removed",
            &[
                ("source", source.name.clone()),
                ("volume", arrivals_words(style, &source.per_day)),
            ],
        ),
        Change::Source {
            source,
            field,
            a,
            b,
        } => {
            let (a, b) = (shown(style, a), shown(style, b));
            let source = source.clone();
            match *field {
                "per_day" => style.tf("diff.volume", &[("source", source), ("a", a), ("b", b)]),
                "entry" => style.tf("diff.entry", &[("source", source), ("a", a), ("b", b)]),
                field => style.tf(
                    "diff.source_field",
                    &[
                        ("source", source),
                        ("field", t(field_key(field))),
                        ("a", a),
                        ("b", b),
                    ],
                ),
            }
        }
        Change::RetentionAdded(retention) => style.tf(
            "diff.retention_added",
            &[
                ("repeat", style.percent(retention.repeat, 0)),
                ("delay", delay_words(style, &retention.delay_days)),
                (
                    "max",
                    format::number(style.locale, retention.max_repeats as f64, 0),
                ),
            ],
        ),
        Change::RetentionRemoved => t("diff.retention_removed"),
        Change::Retention { field, a, b } => style.tf(
            "diff.retention_field",
            &[
                (
                    "field",
                    t(match *field {
                        "delay_days" => "retention.delay",
                        "value" => "retention.value",
                        other => field_key(other),
                    }),
                ),
                ("a", shown(style, a)),
                ("b", shown(style, b)),
            ],
        ),
    }
}

/// The experiment a variant proposes: the first stage whose conversion it changes from plan A,
/// and the change of its mean rate in points ("B raises Proposal by 5.5 points"), `None` when
/// it changes no conversion.
pub fn experiment_from_variant(
    a: &crate::scenario::Scenario,
    b: &crate::scenario::Scenario,
) -> Option<(usize, f64)> {
    changes(a, b).iter().find_map(|change| match change {
        Change::Stage {
            stage,
            field: "conversion",
            a: Shown::Rate(before),
            b: Shown::Rate(after),
        } => {
            let index = b.stages.iter().position(|s| s.name == *stage)?;
            let points =
                100.0 * (rate_input::describe(after).mean - rate_input::describe(before).mean);
            (points.abs() > 1e-9).then_some((index, points))
        }
        _ => None,
    })
}
