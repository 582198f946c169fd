//! What each chart shows, in words and numbers: the text alternative a screen reader reads for
//! a chart (issue 11, item 22), in the person's language, from the same data the chart draws.
//! Plain functions of the data and the `Style`, tested natively; `ui::chart_canvas` places the
//! text beside its canvas (`aria-describedby`).

use crate::app_model::explain::Style;
use crate::decisions::DiffStats;
use crate::engine::{
    Report, SourceReport, StageReport, Uncertainty, UncertaintyKind, VarianceOf, report::Stats,
};
use crate::i18n::format;
use crate::i18n::{self, Locale};

fn tf(locale: Locale, key: &str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    i18n::tf(locale, key, &args)
}

/// Items of a list joined as the language writes them ("; " or "；").
fn list(locale: Locale, items: Vec<String>) -> String {
    items.join(i18n::t(locale, "scenario.clause_separator"))
}

fn money(style: Style, amount: f64) -> String {
    format::money(style.locale, style.currency, amount)
}

/// "median $X, 90% of runs from $L to $H" for money `stats`.
fn spread(style: Style, median: f64, low: f64, high: f64) -> String {
    tf(
        style.locale,
        "chart.text.spread",
        &[
            ("median", money(style, median)),
            ("low", money(style, low)),
            ("high", money(style, high)),
        ],
    )
}

/// The funnel: each stage's mean entries, conversions and conversion rate, in order.
pub fn funnel(style: Style, stages: &[StageReport]) -> String {
    let locale = style.locale;
    if stages.is_empty() {
        return i18n::t(locale, "chart.text.empty").to_string();
    }
    let items = stages
        .iter()
        .map(|stage| {
            tf(
                locale,
                "chart.text.funnel.stage",
                &[
                    ("stage", stage.name.clone()),
                    ("entered", format::integer(locale, stage.entered.mean)),
                    ("converted", format::integer(locale, stage.converted.mean)),
                    ("conversion", format::percent(locale, stage.conversion, 1)),
                ],
            )
        })
        .collect();
    tf(
        locale,
        "chart.text.funnel",
        &[("stages", list(locale, items))],
    )
}

/// The cost per customer by source (figures per channel): each source's mean and 90% range
/// over the runs, in the order drawn, the cheapest named, and the sources without a customer.
pub fn channels(style: Style, sources: &[SourceReport]) -> String {
    let locale = style.locale;
    if sources.is_empty() {
        return i18n::t(locale, "chart.text.empty").to_string();
    }
    let cheapest = crate::engine::cheapest_sources(sources);
    let items = sources
        .iter()
        .enumerate()
        .map(|(index, source)| {
            let cost = &source.cost_per_customer;
            let key = if !source.has_customers() || source.customers.mean <= 0.0 {
                "chart.text.channels.none"
            } else if cheapest.contains(&index) {
                "chart.text.channels.cheapest"
            } else {
                "chart.text.channels.source"
            };
            tf(
                locale,
                key,
                &[
                    ("source", source.name.clone()),
                    ("mean", money(style, cost.mean)),
                    ("low", money(style, cost.p5)),
                    ("high", money(style, cost.p95)),
                ],
            )
        })
        .collect();
    tf(
        locale,
        "chart.text.channels",
        &[("sources", list(locale, items))],
    )
}

/// The fan chart of cumulative revenue: the median and 90% band halfway and at the horizon.
pub fn revenue_over_time(style: Style, report: &Report) -> String {
    let locale = style.locale;
    let bands = &report.daily.cumulative_revenue;
    let days = bands.p50.len().min(bands.p5.len()).min(bands.p95.len());
    if days == 0 {
        return i18n::t(locale, "chart.text.empty").to_string();
    }
    // Day index `i` holds the revenue of days 0 to i: `i + 1` days.
    let at = |index: usize| {
        tf(
            locale,
            "chart.text.revenue_over_time.at",
            &[
                ("days", format::format_days(locale, (index + 1) as f64)),
                (
                    "spread",
                    spread(style, bands.p50[index], bands.p5[index], bands.p95[index]),
                ),
            ],
        )
    };
    let mut parts = Vec::new();
    if days >= 2 {
        parts.push(at(days / 2 - 1));
    }
    parts.push(at(days - 1));
    tf(
        locale,
        "chart.text.revenue_over_time",
        &[("points", list(locale, parts))],
    )
}

/// The distribution of total revenue: median, middle half, 90% of runs, and the chance of
/// reaching the target (`(target, probability)`) when one is set.
pub fn revenue_distribution(style: Style, report: &Report, target: Option<(f64, f64)>) -> String {
    let locale = style.locale;
    let revenue: &Stats = &report.revenue;
    let mut text = tf(
        locale,
        "chart.text.revenue_distribution",
        &[
            (
                "days",
                format::format_days(locale, f64::from(report.horizon_days)),
            ),
            ("median", money(style, revenue.p50)),
            ("p25", money(style, revenue.p25)),
            ("p75", money(style, revenue.p75)),
            ("p5", money(style, revenue.p5)),
            ("p95", money(style, revenue.p95)),
        ],
    );
    if let Some((target, probability)) = target {
        text.push(' ');
        text.push_str(&tf(
            locale,
            "chart.text.revenue_distribution.target",
            &[
                ("percent", format::percent(locale, probability, 0)),
                ("target", money(style, target)),
            ],
        ));
    }
    text
}

/// Days from a lead's arrival to its first purchase: median, mean and 90% range, and how many
/// customers per run the chart counts.
pub fn days_to_purchase(style: Style, report: &Report) -> String {
    let locale = style.locale;
    let days = &report.days_to_first_purchase;
    if report.customers.mean <= 0.0 {
        return i18n::t(locale, "chart.text.days_to_purchase.none").to_string();
    }
    tf(
        locale,
        "chart.text.days_to_purchase",
        &[
            ("customers", format::integer(locale, report.customers.mean)),
            ("median", format::format_days(locale, days.p50)),
            ("mean", format::format_days(locale, days.mean)),
            ("low", format::format_days(locale, days.p5)),
            ("high", format::format_days(locale, days.p95)),
        ],
    )
}

/// One bar of the tornado: the lever's name and the change in revenue when it is improved and
/// when it is worsened by the step.
#[derive(Debug, Clone, PartialEq)]
pub struct LeverBar {
    pub label: String,
    pub better: f64,
    pub worse: f64,
}

/// The tornado: each lever's change in revenue both ways, in the chart's order.
pub fn tornado(style: Style, bars: &[LeverBar]) -> String {
    let locale = style.locale;
    if bars.is_empty() {
        return i18n::t(locale, "chart.text.empty").to_string();
    }
    let items = bars
        .iter()
        .map(|bar| {
            tf(
                locale,
                "chart.text.tornado.lever",
                &[
                    ("lever", bar.label.clone()),
                    (
                        "better",
                        format::money_change(locale, style.currency, bar.better),
                    ),
                    (
                        "worse",
                        format::money_change(locale, style.currency, bar.worse),
                    ),
                ],
            )
        })
        .collect();
    tf(
        locale,
        "chart.text.tornado",
        &[("levers", list(locale, items))],
    )
}

/// The tornado of another figure than revenue: `what` names it with its unit (the chart's axis
/// title, "Change in mean profit, USD"), `money` says whether its values are money or counts.
pub fn tornado_of(style: Style, what: &str, money: bool, bars: &[LeverBar]) -> String {
    let locale = style.locale;
    if bars.is_empty() {
        return i18n::t(locale, "chart.text.empty").to_string();
    }
    let value = |x: f64| {
        if money {
            format::money_change(locale, style.currency, x)
        } else {
            format::number_change(locale, x, 1)
        }
    };
    let items = bars
        .iter()
        .map(|bar| {
            tf(
                locale,
                "chart.text.tornado.lever",
                &[
                    ("lever", bar.label.clone()),
                    ("better", value(bar.better)),
                    ("worse", value(bar.worse)),
                ],
            )
        })
        .collect();
    tf(
        locale,
        "chart.text.tornado.metric",
        &[("what", what.to_string()), ("levers", list(locale, items))],
    )
}

/// Total revenue of each plan (`names[i]` for `reports[i]`): median and 90% of runs.
pub fn compare_revenue(style: Style, names: &[String], reports: &[Report]) -> String {
    let locale = style.locale;
    let items = names
        .iter()
        .zip(reports)
        .map(|(name, report)| {
            tf(
                locale,
                "chart.text.compare.plan",
                &[
                    ("plan", name.clone()),
                    (
                        "spread",
                        spread(
                            style,
                            report.revenue.p50,
                            report.revenue.p5,
                            report.revenue.p95,
                        ),
                    ),
                ],
            )
        })
        .collect();
    tf(
        locale,
        "chart.text.compare.revenue",
        &[("plans", list(locale, items))],
    )
}

/// Cumulative revenue of each plan at the horizon: median and 90% band.
pub fn compare_over_time(style: Style, names: &[String], reports: &[Report]) -> String {
    let locale = style.locale;
    let days = reports
        .iter()
        .map(|report| report.daily.cumulative_revenue.p50.len())
        .max()
        .unwrap_or(0);
    let items = names
        .iter()
        .zip(reports)
        .filter_map(|(name, report)| {
            let bands = &report.daily.cumulative_revenue;
            let median = bands.p50.last()?;
            Some(tf(
                locale,
                "chart.text.compare.plan",
                &[
                    ("plan", name.clone()),
                    (
                        "spread",
                        spread(style, *median, *bands.p5.last()?, *bands.p95.last()?),
                    ),
                ],
            ))
        })
        .collect::<Vec<_>>();
    if items.is_empty() {
        return i18n::t(locale, "chart.text.empty").to_string();
    }
    tf(
        locale,
        "chart.text.compare.over_time",
        &[
            ("days", format::format_days(locale, days as f64)),
            ("plans", list(locale, items)),
        ],
    )
}

/// The difference of revenue between plan `b` and plan `a` over the runs: mean, 90% of runs,
/// and how often `b` is ahead.
pub fn difference(style: Style, b: &str, a: &str, revenue: &DiffStats) -> String {
    let locale = style.locale;
    tf(
        locale,
        "chart.text.difference",
        &[
            ("b", b.to_string()),
            ("a", a.to_string()),
            (
                "mean",
                format::money_change(locale, style.currency, revenue.mean),
            ),
            (
                "low",
                format::money_change(locale, style.currency, revenue.p5),
            ),
            (
                "high",
                format::money_change(locale, style.currency, revenue.p95),
            ),
            ("percent", format::percent(locale, revenue.p_b_beats_a, 0)),
        ],
    )
}

/// Which unknown matters most: each source's share of `figure`'s variance with its standard
/// error, largest first, then chance's, as the chart draws them.
pub fn uncertainty(style: Style, uncertainty: &Uncertainty, figure: VarianceOf) -> String {
    let locale = style.locale;
    let Some(chance) = uncertainty.chance.of(figure) else {
        return i18n::t(locale, "chart.text.empty").to_string();
    };
    let item = |name: String, share: crate::engine::Share| {
        tf(
            locale,
            "chart.text.uncertainty.item",
            &[
                ("name", name),
                ("share", super::uncertainty::share_text(style, share.share)),
                (
                    "error",
                    super::uncertainty::share_text(style, share.standard_error),
                ),
            ],
        )
    };
    let mut items: Vec<String> = uncertainty
        .ranked(figure)
        .into_iter()
        .map(|(_, source, share)| {
            let name = match source.kind {
                UncertaintyKind::ConversionRate => tf(
                    locale,
                    "chart.uncertainty.rate",
                    &[("stage", source.name.clone())],
                ),
                UncertaintyKind::LeadQuality => {
                    i18n::t(locale, "chart.uncertainty.lead_quality").to_string()
                }
            };
            item(name, share)
        })
        .collect();
    items.push(item(
        i18n::t(locale, "chart.uncertainty.chance").to_string(),
        chance,
    ));
    let key = match figure {
        VarianceOf::Revenue => "chart.text.uncertainty",
        VarianceOf::Customers => "chart.text.uncertainty.customers",
    };
    tf(locale, key, &[("items", list(locale, items))])
}

/// The funnel split by segment: per stage, each segment's mean entries ("Request: Small
/// business 2,100, Enterprise 980"), the stages joined as the locale joins a list.
pub fn segments(
    style: Style,
    stages: &[String],
    segments: &[crate::engine::SegmentReport],
) -> String {
    let locale = style.locale;
    if stages.is_empty() || segments.is_empty() {
        return i18n::t(locale, "chart.text.empty").to_string();
    }
    let rows: Vec<String> = stages
        .iter()
        .enumerate()
        .map(|(k, stage)| {
            let parts: Vec<String> = segments
                .iter()
                .map(|segment| {
                    let entered = segment.stage_entered.get(k).copied().unwrap_or(0.0);
                    format!("{} {}", segment.name, format::number(locale, entered, 1))
                })
                .collect();
            format!("{stage}: {}", parts.join(", "))
        })
        .collect();
    tf(locale, "segments.chart.alt", &[("rows", rows.join("; "))])
}
