//! The fan chart of cumulative revenue, with a read-out of the day under the pointer.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::chart_canvas::{ChartCanvas, DrawFn, ReadoutFn};
use super::text::money;
use super::text::{ChartFormat, t, tf};
use crate::charts::{self, ChartLabels, ChartMapping, ChartOptions};
use crate::engine::Report;

/// The fan chart of cumulative revenue over the horizon.
#[component]
pub fn ForecastChart(report: Arc<Report>) -> impl IntoView {
    let drawn = Arc::clone(&report);
    let drawn_report = Arc::clone(&report);
    let draw: DrawFn<ChartMapping> = Rc::new(move |area, ratio| {
        let options = ChartOptions {
            pixel_ratio: ratio,
            labels: ChartLabels {
                x_title: t("chart.revenue_over_time.x"),
                y_title: t("chart.revenue_over_time.y"),
                outer_band: t("chart.band.outer"),
                inner_band: t("chart.band.inner"),
                median: t("chart.median"),
            },
        };
        let format = ChartFormat::current();
        charts::draw_cumulative_revenue_with(area, &drawn, &options, Some(&format))
            .map_err(|error| error.to_string())
    });
    let readout: ReadoutFn<ChartMapping> = Rc::new(move |mapping, pixel| {
        let day = mapping.day_at(pixel)?;
        let bands = &report.daily.cumulative_revenue;
        Some(tf(
            "chart.revenue_over_time.readout",
            &[
                ("day", day.to_string()),
                ("median", money(*bands.p50.get(day)?)),
                ("low", money(*bands.p5.get(day)?)),
                ("high", money(*bands.p95.get(day)?)),
            ],
        ))
    });
    let described = Arc::clone(&drawn_report);
    let description = Signal::derive(move || {
        crate::app_model::chart_text::revenue_over_time(super::text::style(), &described)
    });
    view! {
        <ChartCanvas testid="forecast-chart" caption="chart.revenue_over_time.caption" draw=draw readout=readout description=description />
    }
}
