//! The results panel: the state of the forecast, the headline figures, the charts and the
//! stage table. An invalid scenario keeps the last forecast on screen, marked stale.

use std::sync::Arc;

use leptos::prelude::*;

use super::forecast_chart::ForecastChart;
use super::state::AppState;
use super::text::{t, tf};
use crate::charts::numbers::grouped;
use crate::engine::Report;
use crate::engine::report::Stats;

/// Shows the forecast and its state.
#[component]
pub fn ResultsPanel() -> impl IntoView {
    let state = AppState::get();
    let forecast = state.forecast;
    let status = move || forecast.with(|f| f.state());
    let report = Memo::new(move |_| forecast.with(|f| f.report.clone()));
    let stale = move || forecast.with(|f| f.stale && f.report.is_some());
    let errors = move || forecast.with(|f| f.errors.clone());
    let progress = move || forecast.with(|f| f.progress);
    let failure = move || forecast.with(|f| f.failure.clone());

    let banner = move || {
        if !errors().is_empty() {
            let items = errors()
                .into_iter()
                .map(|error| view! { <li><code>{error.path}</code> " " {error.message}</li> })
                .collect_view();
            Some(
                view! {
                    <div class="banner errors" data-testid="forecast-errors" role="alert">
                        <p>{move || t("results.invalid")}</p>
                        <ul>{items}</ul>
                    </div>
                }
                .into_any(),
            )
        } else if let Some((done, total)) = progress() {
            let percent = if total > 0 {
                f64::from(done) / f64::from(total) * 100.0
            } else {
                0.0
            };
            Some(
                view! {
                    <div class="banner running" data-testid="forecast-status" role="status">
                        <span>
                            {move || {
                                tf("results.simulating", &[("runs", grouped(f64::from(total)))])
                            }}
                        </span>
                        <progress max="100" value=percent data-testid="progress"></progress>
                    </div>
                }
                .into_any(),
            )
        } else {
            failure().map(|message| {
                view! {
                    <div class="banner errors" role="alert">
                        <p>{move || t("results.failed")} " " {message}</p>
                    </div>
                }
                .into_any()
            })
        }
    };

    view! {
        <section
            class="panel results-panel"
            aria-labelledby="results-heading"
            aria-busy=move || (status() == "running").to_string()
            data-testid="results"
            data-state=status
        >
            <h2 id="results-heading">{move || t("results.title")}</h2>
            {banner}
            <Show when=stale>
                <p class="stale-note" data-testid="stale-note">{move || t("results.stale")}</p>
            </Show>
            <div class="results-body" class:stale=stale>
                {move || report.get().map(|report| view! { <ReportView report=report /> })}
            </div>
        </section>
    }
}

/// The figures, charts and table of one report.
#[component]
fn ReportView(report: Arc<Report>) -> impl IntoView {
    let state = AppState::get();
    let exact = report.exact.within_horizon.clone();
    let summary = tf(
        "results.run_summary",
        &[
            ("runs", grouped(f64::from(report.runs))),
            ("days", report.horizon_days.to_string()),
            ("seed", report.seed.to_string()),
        ],
    );
    let timing = state
        .forecast
        .with_untracked(|f| f.elapsed_ms)
        .map(|ms| {
            tf(
                "results.timing",
                &[("seconds", format!("{:.2}", ms / 1000.0))],
            )
        })
        .unwrap_or_default();
    view! {
        <div class="figures">
            <Figure label="results.leads" testid="leads" stats=report.leads exact=Some(exact.leads) />
            <Figure
                label="results.customers"
                testid="customers"
                stats=report.customers
                exact=Some(exact.customers)
            />
            <Figure
                label="results.purchases"
                testid="purchases"
                stats=report.purchases
                exact=Some(exact.purchases)
            />
            <Figure
                label="results.revenue"
                testid="revenue"
                stats=report.revenue
                exact=Some(exact.revenue)
            />
            <Figure label="results.cost" testid="cost" stats=report.cost exact=Some(exact.cost) />
            <Figure
                label="results.cost_per_customer"
                testid="cost-per-customer"
                stats=report.cost_per_customer
                exact=None
            />
            <Figure
                label="results.return_on_spend"
                testid="return-on-spend"
                stats=report.return_on_spend
                exact=None
            />
        </div>
        <ForecastChart report=report.clone() />
        <StageTable report=report.clone() />
        <p class="run-summary" data-testid="run-summary">
            {summary}
            <span data-testid="run-timing">{timing}</span>
        </p>
    }
}

/// One headline figure: its mean, the range holding 90% of the runs (p5 to p95), and the
/// closed-form expectation beside it.
#[component]
fn Figure(
    label: &'static str,
    testid: &'static str,
    stats: Stats,
    exact: Option<f64>,
) -> impl IntoView {
    let range = move || {
        tf(
            "results.range90",
            &[("low", grouped(stats.p5)), ("high", grouped(stats.p95))],
        )
    };
    let exact = exact.map(|value| {
        view! {
            <p class="figure-exact" data-testid=format!("{testid}-exact")>
                {move || tf("results.expected", &[("value", grouped(value))])}
            </p>
        }
    });
    view! {
        <div class="figure">
            <p class="figure-label">{move || t(label)}</p>
            <p class="figure-mean" data-testid=format!("{testid}-mean")>{grouped(stats.mean)}</p>
            <p class="figure-range" data-testid=format!("{testid}-range")>{range}</p>
            {exact}
        </div>
    }
}

/// Entries, conversions, conversion, win rate among closed leads, mean days in the stage and
/// leads still open at the horizon, for each stage.
#[component]
fn StageTable(report: Arc<Report>) -> impl IntoView {
    let percent = |value: f64| format!("{:.1}%", value * 100.0);
    // Where conversion and win rate part by more than a point, open leads are the reason.
    let differs = report
        .stages
        .iter()
        .any(|stage| (stage.win_rate - stage.conversion).abs() > 0.01);
    let rows = report
        .stages
        .iter()
        .map(|stage| {
            view! {
                <tr data-testid="stage-table-row">
                    <th scope="row">{stage.name.clone()}</th>
                    <td>{grouped(stage.entered.mean)}</td>
                    <td>{grouped(stage.converted.mean)}</td>
                    <td>{percent(stage.conversion)}</td>
                    <td>{percent(stage.win_rate)}</td>
                    <td>{format!("{:.1}", stage.mean_days)}</td>
                    <td>{grouped(stage.open.mean + stage.open_in_nurture.mean)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="stage-table" data-testid="stage-table">
                <caption>{move || t("table.caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t("table.stage")}</th>
                        <th scope="col">{move || t("table.entered")}</th>
                        <th scope="col">{move || t("table.converted")}</th>
                        <th scope="col">{move || t("table.conversion")}</th>
                        <th scope="col">{move || t("table.win_rate")}</th>
                        <th scope="col">{move || t("table.mean_days")}</th>
                        <th scope="col">{move || t("table.open")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Show when=move || differs>
            <p class="note" data-testid="win-rate-note">{move || t("table.win_rate_note")}</p>
        </Show>
    }
}
