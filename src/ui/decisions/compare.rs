//! Plan A against its variants on coupled runs (computed in the decisions' worker): figures
//! side by side, the chance each variant beats A, overlaid distributions and fans, and the
//! difference from A.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::{failure_view, models};
use crate::app_model::chart_text;
use crate::charts::{
    self, ChartStyle, DifferenceLabels, DifferenceMapping, FanOverlayLabels, FanOverlayMapping,
    OverlayLabels, OverlayMapping, Variant, VariantBands,
};
use crate::scenario::Scenario;
use crate::ui::chart_canvas::{ChartCanvas, DrawFn, ReadoutFn};
use crate::ui::job::{Outcome, Pool, use_job};
use crate::ui::state::AppState;
use crate::ui::text::{ChartFormat, count, money, percent, style, t, tf};
use crate::ui::variants::letter;
use crate::worker::{ComparisonResult, DecisionJob, WorkerError};

/// Plan A against its variants: side-by-side figures, overlaid charts, the difference and
/// the probability that each variant beats A.
#[component]
pub fn ComparePlans() -> impl IntoView {
    let state = AppState::get();
    let (result, set_result) = signal(None::<Result<Arc<ComparisonResult>, WorkerError>>);
    let (shown, set_shown) = signal(1_usize);
    let job = use_job(Pool::Decisions);
    let running = job.running();
    let run = move |_| {
        let settings = state.settings.get_untracked();
        if let Err(error) = models(state) {
            set_result.set(Some(Err(error)));
            return;
        }
        let scenarios = state
            .variants
            .with_untracked(|variants| variants.iter().map(Scenario::to_json).collect());
        let decision = DecisionJob::Compare {
            scenarios,
            runs: settings.runs,
            seed: settings.seed,
        };
        job.decide(
            state,
            decision,
            move |outcome: Outcome<ComparisonResult>| match outcome {
                Ok(answer) => set_result.set(Some(Ok(Arc::new(answer)))),
                Err(Some(error)) => set_result.set(Some(Err(error))),
                // Cancelled or superseded: nothing to show.
                Err(None) => {}
            },
        );
    };
    // A changed variant makes the comparison stale: it is run again on request.
    Effect::new(move |_| {
        state.variants.track();
        job.invalidate();
        set_result.set(None);
    });
    let body = move || match result.get() {
        None => None,
        Some(Err(error)) => Some(failure_view(state, &error)),
        Some(Ok(comparison)) => Some(
            view! { <ComparisonView comparison=comparison shown=shown set_shown=set_shown /> }
                .into_any(),
        ),
    };
    view! {
        <div class="decision" data-testid="compare">
            <h3>{move || t("compare.heading")}</h3>
            <p class="note">{move || t("compare.coupled_note")}</p>
            <button type="button" data-testid="compare-run" on:click=run disabled=running>
                {move || if running.get() { t("sensitivity.running") } else { t("compare.run_all") }}
            </button>
            {body}
        </div>
    }
}

#[component]
fn ComparisonView(
    comparison: Arc<ComparisonResult>,
    shown: ReadSignal<usize>,
    set_shown: WriteSignal<usize>,
) -> impl IntoView {
    let names: Vec<String> = (0..comparison.comparison.reports.len())
        .map(letter)
        .collect();
    let header = names
        .iter()
        .map(|name| view! { <th scope="col">{name.clone()}</th> })
        .collect_view();
    let figure_row = |key: &'static str,
                      value: fn(&crate::engine::Report) -> (f64, f64, f64),
                      money_kind: bool| {
        let cells = comparison
            .comparison
            .reports
            .iter()
            .map(|report| {
                let (mean, low, high) = value(report);
                let format = move |v: f64| if money_kind { money(v) } else { count(v) };
                view! {
                    <td>
                        <strong>{format(mean)}</strong>
                        <br />
                        <small>{tf("results.range", &[("low", format(low)), ("high", format(high))])}</small>
                    </td>
                }
            })
            .collect_view();
        view! { <tr><th scope="row">{move || t(key)}</th>{cells}</tr> }
    };
    let rows = view! {
        {figure_row("results.revenue", |r| (r.revenue.mean, r.revenue.p5, r.revenue.p95), true)}
        {figure_row("results.customers", |r| (r.customers.mean, r.customers.p5, r.customers.p95), false)}
        {figure_row("results.profit", |r| (r.profit.mean, r.profit.p5, r.profit.p95), true)}
        {figure_row(
            "results.cost_per_customer",
            |r| (r.cost_per_customer.mean, r.cost_per_customer.p5, r.cost_per_customer.p95),
            true,
        )}
    };
    let beats = comparison
        .comparison
        .diffs
        .iter()
        .enumerate()
        .map(|(index, diff)| {
            let b = letter(index + 1);
            let line = |metric: &'static str, p: Option<f64>| {
                p.map(|p| {
                    let b = b.clone();
                    view! {
                        <li data-testid=format!("p-beats-{}-{}", letter(index + 1), metric.rsplit('.').next().unwrap_or_default())>
                            {move || tf("compare.p_beats.sentence", &[("b", b.clone()), ("a", "A".to_string()), ("metric", t(metric)), ("percent", percent(p, 1))])}
                        </li>
                    }
                })
            };
            view! {
                <div class="beats">
                    <strong>{tf("compare.p_beats", &[("b", b.clone()), ("a", "A".to_string())])}</strong>
                    <ul>
                        {line("compare.p_beats.revenue", Some(diff.revenue.p_b_beats_a))}
                        {line("compare.p_beats.customers", Some(diff.customers.p_b_beats_a))}
                        {line("compare.p_beats.profit", Some(diff.profit.p_b_beats_a))}
                        {line("compare.p_beats.cost_per_customer", diff.cost_per_customer.map(|d| d.p_b_beats_a))}
                    </ul>
                    <p>
                        {tf("compare.difference", &[("b", b.clone()), ("a", "A".to_string())])}
                        ": "
                        {money(diff.revenue.mean)}
                        " · "
                        {tf("compare.difference.interval", &[("low", money(diff.revenue.p5)), ("high", money(diff.revenue.p95))])}
                    </p>
                </div>
            }
        })
        .collect_view();

    let for_overlay = Arc::clone(&comparison);
    let overlay_names = names.clone();
    let draw_overlay: DrawFn<OverlayMapping> = Rc::new(move |area, ratio| {
        let variants: Vec<Variant<'_>> = for_overlay
            .comparison
            .reports
            .iter()
            .zip(&overlay_names)
            .map(|(report, name)| Variant {
                name: name.as_str(),
                histogram: &report.distributions.revenue,
            })
            .collect();
        let labels = OverlayLabels {
            x_title: t("chart.revenue_histogram.x"),
            // "Share of runs per €50,000 of revenue": the heights are densities.
            y_title: t("chart.compare.revenue_histogram.y"),
        };
        charts::draw_revenue_overlay(
            area,
            &variants,
            &labels,
            &ChartFormat::current(),
            &ChartStyle { pixel_ratio: ratio },
        )
        .map_err(|error| error.to_string())
    });
    let overlay_readout: ReadoutFn<OverlayMapping> = Rc::new(|mapping, pixel| {
        let hover = mapping.at(pixel)?;
        Some(money(hover.revenue))
    });
    let for_fans = Arc::clone(&comparison);
    let fan_names = names.clone();
    let draw_fans: DrawFn<FanOverlayMapping> = Rc::new(move |area, ratio| {
        let variants: Vec<VariantBands<'_>> = for_fans
            .comparison
            .reports
            .iter()
            .zip(&fan_names)
            .map(|(report, name)| VariantBands {
                name: name.as_str(),
                bands: &report.daily.cumulative_revenue,
            })
            .collect();
        let labels = FanOverlayLabels {
            x_title: t("chart.revenue_over_time.x"),
            y_title: t("chart.revenue_over_time.y"),
            band: t("chart.band.outer"),
            median: t("chart.median"),
        };
        charts::draw_fan_overlay(
            area,
            &variants,
            &labels,
            &ChartFormat::current(),
            &ChartStyle { pixel_ratio: ratio },
        )
        .map_err(|error| error.to_string())
    });
    let fan_names_readout = names.clone();
    let fans_readout: ReadoutFn<FanOverlayMapping> = Rc::new(move |mapping, pixel| {
        let hover = mapping.at(pixel)?;
        let parts: Vec<String> = hover
            .variants
            .iter()
            .zip(&fan_names_readout)
            .map(|(fan, name)| format!("{name} {}", money(fan.p50)))
            .collect();
        Some(format!(
            "{}: {}",
            tf("chart.hover.day", &[("day", hover.day.to_string())]),
            parts.join(" · ")
        ))
    });
    let for_difference = Arc::clone(&comparison);
    let draw_difference: DrawFn<DifferenceMapping> = Rc::new(move |area, ratio| {
        let variant = shown.get().max(1);
        // Variant `variant` (1 is B) minus A in every run.
        let differences = for_difference
            .revenue_differences
            .get(variant - 1)
            .map_or(&[][..], Vec::as_slice);
        let b = letter(variant);
        let labels = DifferenceLabels {
            // The difference B − A, with its currency as the unit.
            x_title: with_currency_unit(tf(
                "chart.compare.difference.x",
                &[("b", b.clone()), ("a", "A".to_string())],
            )),
            y_title: t("chart.compare.difference.y"),
            // What the bars are: runs where B is ahead, runs where A is.
            better: tf("chart.compare.difference.ahead", &[("b", b.clone())]),
            worse: tf("chart.compare.difference.ahead", &[("b", "A".to_string())]),
            even: t("chart.compare.difference.even"),
            interval_legend: t("chart.tornado.interval"),
            interval: tf(
                "chart.compare.difference.interval",
                &[("low", "{low}".to_string()), ("high", "{high}".to_string())],
            ),
            zero: t("chart.compare.difference.zero"),
        };
        charts::draw_difference(
            area,
            differences,
            &labels,
            &ChartFormat::current(),
            &ChartStyle { pixel_ratio: ratio },
        )
        .map_err(|error| error.to_string())
    });
    let difference_readout: ReadoutFn<DifferenceMapping> = Rc::new(|mapping, pixel| {
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
    let variant_count = comparison.comparison.reports.len();
    // The charts' text alternatives, in the page's language.
    let plan_names = move |count: usize| -> Vec<String> {
        (0..count)
            .map(|index| tf("compare.variant", &[("letter", letter(index))]))
            .collect()
    };
    let described = Arc::clone(&comparison);
    let overlay_description = Signal::derive(move || {
        let reports = &described.comparison.reports;
        chart_text::compare_revenue(style(), &plan_names(reports.len()), reports)
    });
    let described = Arc::clone(&comparison);
    let fans_description = Signal::derive(move || {
        let reports = &described.comparison.reports;
        chart_text::compare_over_time(style(), &plan_names(reports.len()), reports)
    });
    let described = Arc::clone(&comparison);
    let difference_description = Signal::derive(move || {
        let variant = shown.get().max(1);
        let plan = |index: usize| tf("compare.variant", &[("letter", letter(index))]);
        described
            .comparison
            .diffs
            .get(variant - 1)
            .map(|diff| chart_text::difference(style(), &plan(variant), &plan(0), &diff.revenue))
            .unwrap_or_default()
    });
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || t("compare.side_by_side")>
            <table class="stage-table" data-testid="compare-table">
                <caption>{move || t("compare.side_by_side")}</caption>
                <thead><tr><th scope="col">{move || t("compare.metric")}</th>{header}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <div class="beats-grid" data-testid="p-beats">{beats}</div>
        <div class="chart-grid">
            <ChartCanvas testid="compare-revenue" caption="chart.compare.revenue_histogram.title" draw=draw_overlay readout=overlay_readout description=overlay_description />
            <ChartCanvas testid="compare-fans" caption="chart.compare.revenue_over_time.title" draw=draw_fans readout=fans_readout description=fans_description />
        </div>
        <Show when=move || { variant_count > 2 }>
            <label class="field inline">
                <span class="field-label">{move || t("compare.select_variant")}</span>
                <select on:change=move |ev| {
                    if let Ok(index) = event_target_value(&ev).parse::<usize>() {
                        set_shown.set(index);
                    }
                }>
                    {(1..variant_count)
                        .map(|index| view! { <option value=index.to_string()>{letter(index)}</option> })
                        .collect_view()}
                </select>
            </label>
        </Show>
        <ChartCanvas testid="compare-difference" caption="chart.compare.aria" draw=draw_difference readout=difference_readout description=difference_description />
    }
}

/// An axis title of money with the page's currency as its unit ("…, B − A (EUR)"); as it is
/// without a currency.
fn with_currency_unit(title: String) -> String {
    let currency = ChartFormat::current().currency;
    if currency == crate::i18n::format::Currency::None {
        title
    } else {
        tf(
            "chart.axis.money",
            &[("title", title), ("currency", currency.code().to_string())],
        )
    }
}
