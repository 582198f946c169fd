//! The results panel: the headline figures of the forecast and its chart.

use leptos::prelude::*;

use super::app::{Forecast, Settings};
use super::forecast_chart::ForecastChart;
use crate::charts::numbers::grouped;
use crate::engine::report::Stats;

/// Shows the forecast: a "simulating" note, the scenario's errors, or the figures and chart.
#[component]
pub fn ResultsPanel(
    #[prop(into)] forecast: Signal<Forecast>,
    #[prop(into)] settings: Signal<Settings>,
) -> impl IntoView {
    let state = move || match forecast.get() {
        Forecast::Running => "running",
        Forecast::Ready { .. } => "ready",
        Forecast::Invalid(_) => "invalid",
    };
    let body = move || match forecast.get() {
        Forecast::Running => {
            let runs = grouped(f64::from(settings.get().runs));
            view! {
                <p class="status" data-testid="forecast-status" role="status">
                    "Simulating " {runs} " runs…"
                </p>
            }
            .into_any()
        }
        Forecast::Invalid(errors) => view! {
            <div class="errors" data-testid="forecast-errors" role="alert">
                <p>"This scenario cannot be simulated:"</p>
                <ul>{errors.into_iter().map(|error| view! { <li>{error}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
        Forecast::Ready { report, elapsed_ms } => {
            let summary = format!(
                "{} runs over {} days, seed {}",
                grouped(f64::from(report.runs)),
                report.horizon_days,
                report.seed,
            );
            let timing = elapsed_ms
                .map(|ms| format!(", simulated in {:.1} s", ms / 1000.0))
                .unwrap_or_default();
            view! {
                <div class="figures">
                    <Figure label="Leads" testid="leads" stats=report.leads />
                    <Figure label="Customers" testid="customers" stats=report.customers />
                    <Figure label="Revenue" testid="revenue" stats=report.revenue />
                    <Figure label="Lead cost" testid="cost" stats=report.cost />
                </div>
                <ForecastChart report=report.clone() />
                <p class="run-summary" data-testid="run-summary">
                    {summary}
                    <span data-testid="run-timing">{timing}</span>
                </p>
            }
            .into_any()
        }
    };

    view! {
        <section
            class="panel results-panel"
            aria-labelledby="results-heading"
            aria-busy=move || (state() == "running").to_string()
            data-testid="results"
            data-state=state
        >
            <h2 id="results-heading">"Forecast"</h2>
            {body}
        </section>
    }
}

/// One headline figure: its mean, and the range holding 90% of the runs (p5 to p95).
#[component]
fn Figure(label: &'static str, testid: &'static str, stats: Stats) -> impl IntoView {
    view! {
        <div class="figure">
            <p class="figure-label">{label}</p>
            <p class="figure-mean" data-testid=format!("{testid}-mean")>{grouped(stats.mean)}</p>
            <p class="figure-range" data-testid=format!("{testid}-range")>
                "90% of runs: " {grouped(stats.p5)} " to " {grouped(stats.p95)}
            </p>
        </div>
    }
}
