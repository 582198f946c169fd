//! Figures per channel (issue 12), below the results' charts: the sentence naming the cheapest
//! source per customer (`app_model::explain`), the per-channel table, sortable by each column
//! (a header click sorts, `app_model::channels`), and the chart of cost per customer by source
//! with its text alternative.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::chart_canvas::{ChartCanvas, DrawFn, ReadoutFn};
use super::state::AppState;
use super::text::{ChartFormat, count, money, number, t, tf};
use crate::app_model::channels::{ChannelColumn, ChannelSort, order};
use crate::charts::{self, ChannelLabels, ChannelMapping, ChartStyle};
use crate::engine::{Report, SourceReport, Stats};

/// The catalogue key of a column's header.
fn header_key(column: ChannelColumn) -> &'static str {
    match column {
        ChannelColumn::Name => "channels.source",
        ChannelColumn::Leads => "channels.leads",
        ChannelColumn::Cost => "channels.cost",
        ChannelColumn::Customers => "channels.customers",
        ChannelColumn::Purchases => "channels.purchases",
        ChannelColumn::Revenue => "channels.revenue",
        ChannelColumn::CostPerCustomer => "channels.cost_per_customer",
        ChannelColumn::ReturnOnSpend => "channels.return_on_spend",
    }
}

/// A figure's mean and, beneath it, the range holding 90% of the runs.
fn figure_cell(
    column: ChannelColumn,
    stats: Stats,
    format: fn(f64) -> String,
    undefined: Option<&'static str>,
) -> impl IntoView {
    let id = column.id();
    match undefined {
        Some(key) => view! {
            <td data-column=id data-value="">
                <span class="channel-none">{move || t(key)}</span>
            </td>
        }
        .into_any(),
        None => view! {
            <td data-column=id data-value=stats.mean.to_string()>
                <span class="channel-mean">{move || format(stats.mean)}</span>
                <span class="channel-range">
                    {move || tf("channels.range", &[("low", format(stats.p5)), ("high", format(stats.p95))])}
                </span>
            </td>
        }
        .into_any(),
    }
}

fn ratio(value: f64) -> String {
    tf(
        "results.return_on_spend.value",
        &[("ratio", number(value, 2))],
    )
}

/// One source's row.
fn row(source: SourceReport) -> impl IntoView {
    let no_customer = (!source.has_customers()).then_some("channels.no_customer");
    let no_cost = (source.runs_with_cost == 0).then_some("channels.no_cost");
    view! {
        <tr data-testid="channel-row" data-source=source.name.clone()>
            <th scope="row" data-column="name">{source.name.clone()}</th>
            {figure_cell(ChannelColumn::Leads, source.leads, count, None)}
            {figure_cell(ChannelColumn::Cost, source.cost, money, None)}
            {figure_cell(ChannelColumn::Customers, source.customers, count, None)}
            {figure_cell(ChannelColumn::Purchases, source.purchases, count, None)}
            {figure_cell(ChannelColumn::Revenue, source.revenue, money, None)}
            {figure_cell(ChannelColumn::CostPerCustomer, source.cost_per_customer, money, no_customer)}
            {figure_cell(ChannelColumn::ReturnOnSpend, source.return_on_spend, ratio, no_cost)}
        </tr>
    }
}

/// The per-channel section of a report: sentence, table and chart.
#[component]
pub fn ChannelSection(report: Arc<Report>) -> impl IntoView {
    let state = AppState::get();
    // How the table is sorted is the view's own state, not the work: a header click changes
    // it through `ChannelSort::click`.
    let sort = RwSignal::new(ChannelSort::default());
    let rows_style = format!("--channel-rows: {}", report.sources.len());
    let sentence_report = Arc::clone(&report);
    let sentence = move || {
        let style = crate::app_model::explain::Style {
            locale: state.locale.get(),
            currency: state.currency.get(),
        };
        crate::app_model::explain::cheapest_source_sentence(style, &sentence_report.sources)
            .unwrap_or_default()
    };
    let table_report = Arc::clone(&report);
    let rows = move || {
        // Rewritten when the language or currency changes, or the order.
        state.locale.track();
        state.currency.track();
        let sources = &table_report.sources;
        order(sources, sort.get())
            .into_iter()
            .map(|index| row(sources[index].clone()))
            .collect_view()
    };
    let headers = ChannelColumn::ALL
        .into_iter()
        .map(|column| {
            let key = header_key(column);
            view! {
                <th scope="col" data-column=column.id() aria-sort=move || sort.get().aria_sort(column)>
                    <button
                        type="button"
                        class="sort"
                        data-testid=format!("channel-sort-{}", column.id())
                        title=move || tf("channels.sort", &[("column", t(key))])
                        on:click=move |_| sort.update(|s| *s = s.click(column))
                    >
                        {move || t(key)}
                    </button>
                </th>
            }
        })
        .collect_view();
    view! {
        <section
            class="channels"
            data-testid="channels"
            aria-labelledby="channels-heading"
            style=rows_style
        >
            <h3 id="channels-heading">{move || t("channels.heading")}</h3>
            <p class="note" data-testid="cheapest-source">{sentence}</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label=move || t("channels.heading")>
                <table class="stage-table channel-table" data-testid="channel-table">
                    <caption class="visually-hidden">{move || t("channels.heading")}</caption>
                    <thead>
                        <tr>{headers}</tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="note">{move || t("channels.help")}</p>
            <ChannelChart report=report />
        </section>
    }
}

/// Cost per customer by source, cheapest first.
#[component]
fn ChannelChart(report: Arc<Report>) -> impl IntoView {
    let cheapest_first = ChannelSort::default().click(ChannelColumn::CostPerCustomer);
    let sources: Arc<Vec<SourceReport>> = Arc::new(
        order(&report.sources, cheapest_first)
            .into_iter()
            .map(|index| report.sources[index].clone())
            .collect(),
    );
    let state = AppState::get();
    let drawn = Arc::clone(&sources);
    let draw: DrawFn<ChannelMapping> = Rc::new(move |area, ratio| {
        let format = ChartFormat::current();
        let code = state.currency.get().code();
        let labels = ChannelLabels {
            x_title: if code.is_empty() {
                t("channels.cost_per_customer")
            } else {
                tf("chart.channels.x", &[("currency", code.to_string())])
            },
            y_title: t("chart.channels.y"),
            bars: t("chart.channels.bars"),
            range: t("chart.channels.range"),
            cheapest: t("chart.channels.cheapest"),
            no_customers: t("chart.channels.no_customers"),
        };
        charts::draw_channels(
            area,
            &drawn,
            &labels,
            &format,
            &ChartStyle { pixel_ratio: ratio },
        )
        .map_err(|error| error.to_string())
    });
    let readout: ReadoutFn<ChannelMapping> = Rc::new(move |mapping, pixel| {
        let hover = mapping.source_at(pixel)?;
        if !hover.has_customers {
            return Some(format!(
                "{}: {}",
                hover.name,
                t("chart.channels.no_customers")
            ));
        }
        let cost = hover.cost_per_customer;
        Some(tf(
            "chart.channels.hover",
            &[
                ("source", hover.name.clone()),
                ("mean", money(cost.mean)),
                ("low", money(cost.p5)),
                ("high", money(cost.p95)),
                ("customers", count(hover.customers)),
            ],
        ))
    });
    let described = Arc::clone(&sources);
    let description = Signal::derive(move || {
        crate::app_model::chart_text::channels(super::text::style(), &described)
    });
    view! {
        <ChartCanvas
            testid="channels-chart"
            caption="chart.channels.title"
            draw=draw
            readout=readout
            description=description
        />
    }
}
