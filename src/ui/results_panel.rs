//! The results panel: the state of the forecast, the headline figures, the charts and the
//! stage table. An invalid scenario keeps the last forecast on screen, marked stale.

use std::sync::Arc;

use leptos::prelude::*;

use super::browser;
use super::forecast_chart::ForecastChart;
use super::lazy::{self, ReportBuilder, Slot};
use super::result_charts::{DaysToPurchaseChart, FunnelChart, RevenueDistributionChart};
use super::state::{AppState, Notice};
use super::text::{count, days, money, number, percent, t, tf, tn};
use crate::app_model::export;

use crate::engine::Report;
use crate::engine::report::Stats;

/// The banner above the results: what stops the forecast, its progress, or its failure.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Banner {
    Errors,
    Running,
    Failure,
    None,
}

/// Shows the forecast and its state.
#[component]
pub fn ResultsPanel() -> impl IntoView {
    let state = AppState::get();
    let forecast = state.forecast;
    // A field whose text cannot be read makes the forecast as stale as an invalid value: what
    // is on screen is not what the person typed.
    let unreadable = move || state.unreadable.with(|u| !u.is_empty());
    let status = move || {
        if unreadable() {
            "invalid"
        } else {
            forecast.with(|f| f.state())
        }
    };
    let report = Memo::new(move |_| forecast.with(|f| f.report.clone()));
    let stale = move || forecast.with(|f| (f.stale || unreadable()) && f.report.is_some());
    let errors = move || forecast.with(|f| f.errors.clone());
    let progress = move || forecast.with(|f| f.progress);
    let failure = move || forecast.with(|f| f.failure.clone());

    let cancel = move |_| {
        if let Some(pool) = state.pool.get_value() {
            pool.cancel();
        }
        forecast.update(|forecast| {
            if let Some((done, total)) = forecast.progress.take() {
                forecast.cancelled = true;
                state.notice.set(Notice::info(if forecast.report.is_some() {
                    tf(
                        "progress.cancelled",
                        &[
                            ("done", count(f64::from(done))),
                            ("total", count(f64::from(total))),
                        ],
                    )
                } else {
                    t("progress.cancelled.nothing")
                }));
            }
        });
    };
    // Which banner shows is a memo, and each banner follows what it shows: the running one is
    // built once per forecast, not again for each progress step (40 times in a third of a
    // second for a long funnel, its live region announced anew each time).
    let kind = Memo::new(move |_| {
        if !errors().is_empty() || unreadable() {
            Banner::Errors
        } else if progress().is_some() {
            Banner::Running
        } else if failure().is_some() {
            Banner::Failure
        } else {
            Banner::None
        }
    });
    let error_items = move || {
        let typed = state.unreadable.get().into_iter().map(|(path, message)| {
            let field = crate::app_model::messages::field_label(state.locale.get(), &path);
            view! { <li data-path=path><strong>{field}</strong> ": " {message}</li> }
        });
        errors()
            .into_iter()
            .map(|error| {
                // Named as the editor labels the field, never by its path.
                let locale = state.locale.get();
                let field = crate::app_model::messages::field_label(locale, &error.path);
                let message = crate::i18n::localize_field_error(locale, &error);
                view! { <li data-path=error.path.clone()><strong>{field}</strong> ": " {message}</li> }
            })
            .collect::<Vec<_>>()
            .into_iter()
            .chain(typed.collect::<Vec<_>>())
            .collect_view()
    };
    let done_total = move || progress().unwrap_or((0, 0));
    let percent = move || {
        let (done, total) = done_total();
        if total > 0 {
            f64::from(done) / f64::from(total) * 100.0
        } else {
            0.0
        }
    };
    let banner = move || {
        match kind.get() {
        Banner::Errors => Some(
            view! {
                <div class="banner errors" data-testid="forecast-errors" role="alert">
                    <p>{move || t("validation.heading")}</p>
                    <ul>{error_items}</ul>
                </div>
            }
            .into_any(),
        ),
        Banner::Running => Some(
            view! {
                <div class="banner running" data-testid="forecast-status" role="status">
                    <span>
                        {move || tn("progress.simulating", f64::from(done_total().1), &[])}
                    </span>
                    <progress max="100" value=percent data-testid="progress"></progress>
                    <span class="progress-count">
                        {move || {
                            let (done, total) = done_total();
                            tf("progress.done_of", &[("done", count(f64::from(done))), ("total", count(f64::from(total)))])
                        }}
                    </span>
                    <button type="button" data-testid="cancel" on:click=cancel>
                        {move || t("progress.cancel")}
                    </button>
                </div>
            }
            .into_any(),
        ),
        Banner::Failure => Some(
            view! {
                <div class="banner errors" role="alert" data-testid="forecast-failure">
                    <p>
                        {move || t("results.failed")}
                        " "
                        {move || {
                            failure().map(|error| {
                                crate::app_model::messages::worker_error(state.locale.get(), &error)
                            })
                        }}
                    </p>
                    <button
                        type="button"
                        data-testid="retry"
                        on:click=move |_| state.retry.update(|n| *n = n.wrapping_add(1))
                    >
                        {move || t("results.retry")}
                    </button>
                </div>
            }
            .into_any(),
        ),
        Banner::None => None,
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
            <div class="results-head">
                <h2 id="results-heading">{move || t("results.heading")}</h2>
                // Shown on narrow screens only, where the editor comes after the forecast.
                <button type="button" class="link to-editor" data-testid="to-editor" on:click=|_| browser::go_to_editor()>
                    {move || t("results.to_editor")}
                </button>
            </div>
            {banner}
            <Show when=stale>
                <p class="stale-note" data-testid="stale-note">
                    {move || {
                        // After a failed run the scenario is valid: the figures are the last
                        // ones that were simulated.
                        let failed = errors().is_empty() && !unreadable() && failure().is_some();
                        t(if failed { "results.stale_failed" } else { "results.stale" })
                    }}
                </p>
            </Show>
            <div class="results-body" class:stale=stale>
                {move || report.get().map(|report| view! { <ReportView report=report /> })}
            </div>
        </section>
    }
}

/// The figures, charts and table of one report: the figures and the funnel first; the other
/// charts and what follows them load on demand (`super::lazy`).
#[component]
fn ReportView(report: Arc<Report>) -> impl IntoView {
    let exact = report.exact.within_horizon.clone();
    view! {
        {lazy::of_report(lazy::part_with_text(&ASSUMPTIONS, split::assumptions_builder), report.clone())}
        <div class="figures">
            <Figure label="results.leads" testid="leads"
                kind=Kind::Count stats=report.leads exact=Some(exact.leads) />
            <Figure
                label="results.customers"
                testid="customers"
                kind=Kind::Count
                stats=report.customers
                exact=Some(exact.customers)
            />
            <Figure
                label="results.purchases"
                testid="purchases"
                kind=Kind::Count
                stats=report.purchases
                exact=Some(exact.purchases)
            />
            <Figure
                label="results.revenue"
                testid="revenue"
                kind=Kind::Money
                stats=report.revenue
                exact=Some(exact.revenue)
            />
            <Figure label="results.cost" testid="cost"
                kind=Kind::Money stats=report.cost exact=Some(exact.cost) />
            // Revenue minus lead cost run by run (its range is profit's own), expected as the
            // expected revenue minus the expected cost.
            <Figure
                label="results.profit"
                testid="profit"
                kind=Kind::Money
                stats=report.profit
                exact=Some(exact.revenue - exact.cost)
                help="results.profit.help"
            />
            <Figure
                label="results.cost_per_customer"
                testid="cost-per-customer"
                kind=Kind::Money
                stats=report.cost_per_customer
                exact=crate::app_model::explain::expected_cost_per_customer(exact.cost, exact.customers)
                help="results.cost_per_customer.help"
            />
            // Without a lead cost there is nothing to return on: no card (0× would read as a
            // loss), as the channel table says "no cost".
            {(report.cost.mean > 0.0).then(|| view! {
                <Figure
                    label="results.return_on_spend"
                    testid="return-on-spend"
                    kind=Kind::Ratio
                    stats=report.return_on_spend
                    exact=None
                />
            })}
        </div>
        <div class="chart-grid">
            <FunnelChart report=report.clone() />
            {lazy::of_report(lazy::part_with_text(&CHARTS, split::charts_builder), report.clone())}
        </div>
        {lazy::of_report(lazy::part(&DETAILS, split::details_builder), report.clone())}
        // Figures per segment, only for a scenario cut into segments (its chunk and texts are
        // fetched then).
        {report.has_segments().then(|| {
            lazy::of_report(lazy::part_with_text(&SEGMENTS, split::segments_builder), report.clone())
        })}
    }
}

/// The charts after the funnel (loaded on demand).
fn report_charts(report: Arc<Report>) -> AnyView {
    view! {
        <ForecastChart report=report.clone() />
        <RevenueDistributionChart report=report.clone() />
        <DaysToPurchaseChart report=report.clone() />
        <super::uncertainty::WhichUnknown report=report.clone() />
    }
    .into_any()
}

/// What follows the charts (loaded on demand): the stage table, the figures per channel, the
/// CSV exports and the run summary.
fn report_details(report: Arc<Report>) -> AnyView {
    let state = AppState::get();
    let runs = f64::from(report.runs);
    let horizon = f64::from(report.horizon_days);
    let seed = report.seed.to_string();
    let outcome = report.automatic;
    // "Runs: automatic": how precise it came out, on a line of its own.
    let automatic = outcome.map(|outcome| {
        let sentence = move || {
            crate::app_model::precision::automatic_sentence(
                crate::ui::text::locale(),
                runs as u32,
                &outcome,
            )
        };
        view! { <p class="run-summary" data-testid="run-automatic">{sentence}</p> }
    });
    let summary = move || {
        tn(
            "results.run_summary",
            runs,
            &[("days", days(horizon)), ("seed", seed.clone())],
        )
    };
    // Written when shown, so that a language switch rewrites it.
    let elapsed_ms = state.forecast.with_untracked(|f| f.elapsed_ms);
    let timing = move || {
        elapsed_ms
            .map(|ms| {
                format!(
                    ", {}",
                    tf("results.timing", &[("seconds", number(ms / 1000.0, 2))])
                )
            })
            .unwrap_or_default()
    };
    view! {
        <StageTable report=report.clone() />
        <super::channels::ChannelSection report=report.clone() />
        <div class="toolbar-row exports">
            <button
                type="button"
                data-testid="export-summary-csv"
                on:click={
                    let report = Arc::clone(&report);
                    move |_| {
                        let (year, month, day) = browser::today();
                        let text = export::summary_csv(
                            &report,
                            &export::iso_date(year, month, day),
                            state.currency.get_untracked(),
                        );
                        save_csv(state, &export::summary_file_name(&report.scenario), &text)
                    }
                }
            >
                {move || t("export.csv_summary")}
            </button>
            <button
                type="button"
                data-testid="export-daily-csv"
                on:click={
                    let report = Arc::clone(&report);
                    move |_| save_csv(state, &export::daily_file_name(&report.scenario), &export::daily_csv(&report))
                }
            >
                {move || t("export.csv_daily")}
            </button>
        </div>
        <p class="run-summary" data-testid="run-summary">
            {summary}
            <span data-testid="run-timing">{timing}</span>
        </p>
        {automatic}
    }
    .into_any()
}

/// How a figure's numbers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Count,
    Money,
    Ratio,
}

impl Kind {
    fn format(self, value: f64) -> String {
        match self {
            Kind::Count => count(value),
            Kind::Money => money(value),
            Kind::Ratio => tf(
                "results.return_on_spend.value",
                &[("ratio", number(value, 2))],
            ),
        }
    }
}

/// Offers a CSV file for download, saying so if the browser refuses.
fn save_csv(state: AppState, file_name: &str, text: &str) {
    if let Err(reason) = browser::download(file_name, "text/csv;charset=utf-8", text.as_bytes()) {
        state
            .notice
            .set(Notice::error(tf("export.failed", &[("reason", reason)])));
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
    kind: Kind,
    /// What the figure is, when its mean and its expectation are not the same kind of thing.
    #[prop(optional)]
    help: Option<&'static str>,
) -> impl IntoView {
    let range = move || {
        tf(
            "results.range",
            &[
                ("low", kind.format(stats.p5)),
                ("high", kind.format(stats.p95)),
            ],
        )
    };
    // How precise each end of the range is (issue 12): 95% order-statistics intervals for p5
    // and p95, in the tooltip.
    let range_precision = move || {
        stats.precision.map(|p| {
            tf(
                "results.range.precision",
                &[
                    ("p5_low", kind.format(p.p5[0])),
                    ("p5_high", kind.format(p.p5[1])),
                    ("p95_low", kind.format(p.p95[0])),
                    ("p95_high", kind.format(p.p95[1])),
                ],
            )
        })
    };
    let exact = exact.map(|value| {
        view! {
            <p class="figure-exact" data-testid=format!("{testid}-exact") data-value=value.to_string()>
                {move || tf("results.expected", &[("value", kind.format(value))])}
            </p>
        }
    });
    view! {
        <div class="figure">
            <p class="figure-label">{move || t(label)}</p>
            <div class="figure-headline">
                <p class="figure-mean" data-testid=format!("{testid}-mean") data-value=stats.mean.to_string()>{move || kind.format(stats.mean)}</p>
                {stats.precision.map(|precision| {
                    // How precise the simulated mean is (issue 12): its Monte Carlo standard
                    // error, beside it; what it is, in its tooltip.
                    let se = precision.mean_se;
                    view! {
                        <span class="figure-se" data-testid=format!("{testid}-se") data-value=se.to_string()
                            title=move || t("results.se.help")>
                            {move || tf("results.se", &[("value", kind.format(se))])}
                        </span>
                    }
                })}
            </div>
            <p
                class="figure-range"
                data-testid=format!("{testid}-range")
                data-p5-interval=stats.precision.map(|p| format!("{} {}", p.p5[0], p.p5[1]))
                data-p95-interval=stats.precision.map(|p| format!("{} {}", p.p95[0], p.p95[1]))
                title=range_precision
            >
                {range}
            </p>
            {exact}
            {help.map(|key| view! { <p class="figure-help" data-testid=format!("{testid}-help")>{move || t(key)}</p> })}
        </div>
    }
}

/// Entries, conversions, conversion, win rate among closed leads, mean days in the stage and
/// leads still open at the horizon, for each stage.
#[component]
fn StageTable(report: Arc<Report>) -> impl IntoView {
    // Where conversion and win rate part by more than a point, open leads are the reason.
    let differs = report
        .stages
        .iter()
        .any(|stage| (stage.win_rate - stage.conversion).abs() > 0.01);
    let open_total: f64 = report.stages.iter().map(|stage| stage.open.mean).sum();
    let table_report = Arc::clone(&report);
    // A long funnel's rows come a batch per frame (`progressive`).
    let stage_count = report.stages.len();
    let shown = super::progressive::shown(move || stage_count);
    // Keyed by index, so that a batch adds rows without building the earlier ones again; each
    // row follows the language on its own.
    let row = move |index: usize| {
        let report = Arc::clone(&table_report);
        move || {
            report.stages.get(index).map(|stage| {
                view! {
                    <tr data-testid="stage-table-row">
                        <th scope="row">{stage.name.clone()}</th>
                        <td>{count(stage.entered.mean)}</td>
                        <td>{count(stage.converted.mean)}</td>
                        <td>{percent(stage.conversion, 1)}</td>
                        <td>{percent(stage.win_rate, 1)}</td>
                        <td>{count(stage.open.mean)}</td>
                        <td>{count(stage.open_in_nurture.mean)}</td>
                        <td>{number(stage.mean_days, 1)}</td>
                    </tr>
                }
            })
        }
    };
    view! {
        // A table wider than the panel scrolls sideways: the region takes the keyboard's focus
        // so that the arrow keys scroll it, and is named as the table.
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || t("table.heading")>
            <table class="stage-table" data-testid="stage-table">
                <caption>{move || t("table.heading")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t("table.stage")}</th>
                        <th scope="col">{move || t("table.entries")}</th>
                        <th scope="col">{move || t("table.conversions")}</th>
                        <th scope="col">{move || t("table.conversion")}</th>
                        <th scope="col">{move || t("table.win_rate")}</th>
                        <th scope="col" title=move || t("table.open_stage.help")>{move || t("table.open_stage")}</th>
                        <th scope="col" title=move || t("table.open_nurture.help")>{move || t("table.open_nurture")}</th>
                        <th scope="col">{move || t("table.mean_days")}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || 0..shown.get() key=|index| *index let(index)>
                        {row(index)}
                    </For>
                </tbody>
            </table>
        </div>
        <Show when=move || differs>
            <p class="note" data-testid="win-rate-note">{move || tf("table.explain", &[("open", count(open_total))])}</p>
        </Show>
    }
}

thread_local! {
    /// The builders of the charts after the funnel and of what follows them, once their chunks
    /// have come.
    static CHARTS: Slot<ReportBuilder> = ArcRwSignal::new(None);
    static DETAILS: Slot<ReportBuilder> = ArcRwSignal::new(None);
    static ASSUMPTIONS: Slot<ReportBuilder> = ArcRwSignal::new(None);
    static SEGMENTS: Slot<ReportBuilder> = ArcRwSignal::new(None);
}

/// Starts fetching the report's chunks right after mounting (they are asked for when the
/// first forecast arrives), without waiting for them.
pub fn preload() {
    lazy::part_with_text(&CHARTS, split::charts_builder);
    lazy::part(&DETAILS, split::details_builder);
    lazy::part_with_text(&ASSUMPTIONS, split::assumptions_builder);
}

/// The charts after the funnel (the fan chart, the revenue distribution, the days to the first
/// purchase) and what follows them (the stage table, figures per channel, CSV exports, run
/// summary) are in chunks of their own, under the first screen (`super::lazy`).
#[allow(unsafe_code)]
mod split {
    use super::ReportBuilder;

    #[cfg_attr(feature = "split", leptos::lazy)]
    pub(super) async fn assumptions_builder() -> ReportBuilder {
        crate::ui::assumptions::report_assumptions as ReportBuilder
    }

    #[cfg_attr(feature = "split", leptos::lazy)]
    pub(super) async fn segments_builder() -> ReportBuilder {
        crate::ui::segments::segment_section as ReportBuilder
    }

    #[cfg_attr(feature = "split", leptos::lazy)]
    pub(super) async fn charts_builder() -> ReportBuilder {
        super::report_charts as ReportBuilder
    }

    #[cfg_attr(feature = "split", leptos::lazy)]
    pub(super) async fn details_builder() -> ReportBuilder {
        super::report_details as ReportBuilder
    }
}
