//! The report's charts besides the fan chart: the funnel, the distribution of total revenue
//! with a target, and the time to first purchase. Texts come from the catalogue, numbers from
//! the page's format; hovering reads out the stage or bin under the pointer.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::chart_canvas::{ChartCanvas, DrawFn, ReadoutFn};
use super::editor::NumberField;
use super::text::{ChartFormat, count, money, percent, t, template, tf};
use crate::charts::{
    self, ChartStyle, DaysLabels, FunnelLabels, FunnelMapping, HistogramMapping, RevenueLabels,
    probability_at_least,
};
use crate::engine::Report;

fn funnel_labels() -> FunnelLabels {
    FunnelLabels {
        x_title: t("chart.funnel.y"),
        y_title: t("chart.funnel.x"),
        bars: t("chart.mean"),
        range: t("chart.funnel.range"),
        most_lost: t("chart.funnel.biggest_loss"),
        conversion: template("chart.funnel.step_conversion", "rate", "percent"),
        lost_here: template("chart.funnel.lost_here", "count", "count"),
        reentries: template("chart.funnel.reentries", "count", "count"),
    }
}

/// One bar per stage with its 90% range, the conversion between stages and the stage losing
/// the most leads marked.
#[component]
pub fn FunnelChart(report: Arc<Report>) -> impl IntoView {
    let drawn = Arc::clone(&report);
    let draw: DrawFn<FunnelMapping> = Rc::new(move |area, ratio| {
        let format = ChartFormat::current();
        charts::draw_funnel(
            area,
            &drawn.stages,
            &funnel_labels(),
            &format,
            &ChartStyle { pixel_ratio: ratio },
        )
        .map_err(|error| error.to_string())
    });
    let readout: ReadoutFn<FunnelMapping> = Rc::new(move |mapping, pixel| {
        let hover = mapping.stage_at(pixel)?;
        Some(format!(
            "{}: {} · {} {} · {}",
            hover.name,
            tf(
                "results.range",
                &[
                    ("low", count(hover.entered.p5)),
                    ("high", count(hover.entered.p95))
                ]
            ),
            t("table.conversion"),
            percent(hover.conversion, 1),
            tf("chart.funnel.lost_here", &[("count", count(hover.lost))]),
        ))
    });
    // The biggest loss in leads and the weakest stage in rate (`app_model::explain`), written
    // when shown so that a language switch rewrites it.
    let state = crate::ui::state::AppState::get();
    let stages = report.stages.clone();
    let sentence = crate::engine::stage_losing_most(&stages).map(|_| {
        move || {
            let style = crate::app_model::explain::Style {
                locale: state.locale.get(),
                currency: state.currency.get(),
            };
            crate::app_model::explain::loss_sentence(style, &stages).unwrap_or_default()
        }
    });
    let described = Arc::clone(&report);
    let description = Signal::derive(move || {
        crate::app_model::chart_text::funnel(super::text::style(), &described.stages)
    });
    view! {
        <ChartCanvas testid="funnel-chart" caption="chart.funnel.title" draw=draw readout=readout description=description />
        {sentence.map(|sentence| view! { <p class="note" data-testid="biggest-loss">{sentence}</p> })}
    }
}

/// The distribution of total revenue, with an optional target and the chance of reaching it.
#[component]
pub fn RevenueDistributionChart(report: Arc<Report>) -> impl IntoView {
    let state = crate::ui::state::AppState::get();
    let target = state.target;
    let drawn = Arc::clone(&report);
    let draw: DrawFn<HistogramMapping> = Rc::new(move |area, ratio| {
        let format = ChartFormat::current();
        let labels = RevenueLabels {
            x_title: t("chart.revenue_histogram.x"),
            y_title: t("chart.revenue_histogram.y"),
            bars: t("chart.runs"),
            target: template("chart.revenue_histogram.target", "amount", "target"),
            probability: t("chart.revenue_histogram.probability_at"),
        };
        charts::draw_revenue_distribution(
            area,
            &drawn.distributions,
            target.get(),
            &labels,
            &format,
            &ChartStyle { pixel_ratio: ratio },
        )
        .map_err(|error| error.to_string())
    });
    let readout: ReadoutFn<HistogramMapping> = Rc::new(move |mapping, pixel| {
        let bin = mapping.bin_at(pixel)?;
        Some(tf(
            "chart.hover.bin",
            &[
                ("low", money(bin.lower)),
                ("high", money(bin.upper)),
                ("share", percent(bin.share, 1)),
            ],
        ))
    });
    let described = Arc::clone(&report);
    let description = Signal::derive(move || {
        let chance = target.get().and_then(|goal| {
            probability_at_least(&described.distributions.revenue_percentiles, goal)
                .map(|p| (goal, p))
        });
        crate::app_model::chart_text::revenue_distribution(super::text::style(), &described, chance)
    });
    let percentiles = report.distributions.revenue_percentiles.clone();
    let probability = move || {
        let goal = target.get()?;
        let p = probability_at_least(&percentiles, goal)?;
        Some(tf(
            "chart.revenue_histogram.probability",
            &[("percent", percent(p, 0))],
        ))
    };
    view! {
        <div class="target-row">
            <NumberField
                label="chart.revenue_histogram.target.input"
                value=Signal::derive(move || target.get().unwrap_or(0.0))
                on_set=Callback::new(move |value: f64| {
                    state.act(crate::app_model::action::Action::SetTarget(Some(value)))
                })
                path="target".to_string()
            />
            <p class="target-probability" data-testid="target-probability">
                {move || probability().unwrap_or_else(|| t("chart.revenue_histogram.target.hint"))}
            </p>
        </div>
        <ChartCanvas
            testid="revenue-histogram"
            caption="chart.revenue_histogram.title"
            draw=draw
            readout=readout
            description=description
        />
    }
}

/// Days from a lead's arrival to its first purchase.
#[component]
pub fn DaysToPurchaseChart(report: Arc<Report>) -> impl IntoView {
    let drawn = Arc::clone(&report);
    let draw: DrawFn<HistogramMapping> = Rc::new(move |area, ratio| {
        let format = ChartFormat::current();
        let labels = DaysLabels {
            x_title: t("chart.time_to_purchase.x"),
            y_title: t("chart.time_to_purchase.y_mean"),
            bars: t("results.customers"),
            median: t("chart.time_to_purchase.median_days"),
            mean: t("chart.time_to_purchase.mean_days"),
        };
        charts::draw_days_to_first_purchase(
            area,
            &drawn,
            &labels,
            &format,
            &ChartStyle { pixel_ratio: ratio },
        )
        .map_err(|error| error.to_string())
    });
    let readout: ReadoutFn<HistogramMapping> = Rc::new(move |mapping, pixel| {
        let bin = mapping.bin_at(pixel)?;
        Some(format!(
            "{}: {} · {}",
            tf("chart.hover.day", &[("day", count(bin.lower))]),
            count(bin.count),
            percent(bin.share, 1)
        ))
    });
    let described = Arc::clone(&report);
    let description = Signal::derive(move || {
        crate::app_model::chart_text::days_to_purchase(super::text::style(), &described)
    });
    view! {
        <ChartCanvas
            testid="days-chart"
            caption="chart.time_to_purchase.title"
            draw=draw
            readout=readout
            description=description
        />
    }
}
