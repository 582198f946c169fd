//! Figures per segment (issue 15), below the per-channel figures when the scenario has
//! `segments`: a table of each segment's leads, lead cost, customers, revenue and revenue per
//! customer (means with the range of 90% of the runs), and the funnel split by segment
//! (`charts::draw_segment_funnel`) with its text alternative. A part of its own, loaded with
//! its texts (`segments.*`) only for a report that has segments.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::chart_canvas::{ChartCanvas, DrawFn, ReadoutFn};
use super::state::AppState;
use super::text::{ChartFormat, count, money, t, tf};
use crate::charts::{self, ChartStyle, SegmentFunnelLabels, SegmentFunnelMapping};
use crate::engine::{Report, SegmentReport, Stats};

/// A figure's mean and, beneath it, the range holding 90% of the runs.
fn cell(stats: Stats, format: fn(f64) -> String) -> impl IntoView {
    view! {
        <td data-value=stats.mean.to_string()>
            <span class="channel-mean">{move || format(stats.mean)}</span>
            <span class="channel-range">
                {move || tf("segments.results.range", &[("low", format(stats.p5)), ("high", format(stats.p95))])}
            </span>
        </td>
    }
}

fn row(segment: SegmentReport) -> impl IntoView {
    let per_customer = if segment.customers.mean > 0.0 {
        segment.revenue.mean / segment.customers.mean
    } else {
        0.0
    };
    view! {
        <tr data-testid="segment-row" data-segment=segment.name.clone()>
            <th scope="row">{segment.name.clone()}</th>
            {cell(segment.leads, count)}
            {cell(segment.cost, money)}
            {cell(segment.customers, count)}
            {cell(segment.revenue, money)}
            <td data-value=per_customer.to_string()>{move || money(per_customer)}</td>
        </tr>
    }
}

/// The per-segment section of a report (nothing without segments).
pub fn segment_section(report: Arc<Report>) -> AnyView {
    let segments = report.read_segments();
    if segments.is_empty() {
        return ().into_any();
    }
    // The figures read here (a worker's report holds them unread): the report as this part
    // shows it.
    let report = Arc::new(Report {
        segments,
        ..(*report).clone()
    });
    let state = AppState::get();
    let table = Arc::clone(&report);
    let rows = move || {
        state.locale.track();
        state.currency.track();
        table.segments.iter().cloned().map(row).collect_view()
    };
    view! {
        <section class="segments" data-testid="segments-results" aria-labelledby="segments-heading">
            <h3 id="segments-heading">{move || t("segments.results.heading")}</h3>
            <div class="table-wrap" tabindex="0" role="region" aria-label=move || t("segments.results.heading")>
                <table class="stage-table channel-table" data-testid="segment-table">
                    <caption class="visually-hidden">{move || t("segments.results.heading")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t("segments.results.segment")}</th>
                            <th scope="col">{move || t("segments.results.leads")}</th>
                            <th scope="col">{move || t("segments.results.cost")}</th>
                            <th scope="col">{move || t("segments.results.customers")}</th>
                            <th scope="col">{move || t("segments.results.revenue")}</th>
                            <th scope="col">{move || t("segments.results.per_customer")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="note">{move || t("segments.results.note")}</p>
            <SegmentFunnelChart report=report />
        </section>
    }
    .into_any()
}

/// The funnel split by segment.
#[component]
fn SegmentFunnelChart(report: Arc<Report>) -> impl IntoView {
    let stages: Arc<Vec<String>> = Arc::new(report.stages.iter().map(|s| s.name.clone()).collect());
    let drawn = (Arc::clone(&stages), Arc::clone(&report));
    let draw: DrawFn<SegmentFunnelMapping> = Rc::new(move |area, ratio| {
        let labels = SegmentFunnelLabels {
            x_title: t("segments.chart.x"),
            y_title: String::new(),
        };
        charts::draw_segment_funnel(
            area,
            &drawn.0,
            &drawn.1.segments,
            &labels,
            &ChartFormat::current(),
            &ChartStyle { pixel_ratio: ratio },
        )
        .map_err(|error| error.to_string())
    });
    let named = (Arc::clone(&stages), Arc::clone(&report));
    let readout: ReadoutFn<SegmentFunnelMapping> = Rc::new(move |mapping, pixel| {
        let hover = mapping.part_at(pixel)?;
        Some(tf(
            "segments.chart.readout",
            &[
                (
                    "stage",
                    named.0.get(hover.stage).cloned().unwrap_or_default(),
                ),
                (
                    "segment",
                    named
                        .1
                        .segments
                        .get(hover.segment)
                        .map(|s| s.name.clone())
                        .unwrap_or_default(),
                ),
                ("entered", count(hover.entered)),
                ("total", count(hover.total)),
            ],
        ))
    });
    let described = (stages, report);
    let description = Signal::derive(move || {
        crate::app_model::chart_text::segments(
            super::text::style(),
            &described.0,
            &described.1.segments,
        )
    });
    view! {
        <ChartCanvas
            testid="segments-chart"
            caption="segments.chart.title"
            draw=draw
            readout=readout
            description=description
        />
    }
}
