//! Decisions: plan A against its variants (coupled runs), which lever to pull first (the
//! tornado), and how long an A/B test at one stage must run. The work is `crate::decisions`;
//! this is its page. The comparison, the sensitivity analysis and the goal search take
//! seconds: they run in the decisions' own Web Worker (`AppState::decisions_pool`, see
//! `crate::worker::decide`), on the main thread only when no worker can start.

use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;

use super::chart_canvas::{ChartCanvas, DrawFn, ReadoutFn};
use super::editor::NumberField;
use super::pool::JobError;
use super::state::AppState;
use super::text::{ChartFormat, count, days, money, number, percent, t, tf};
use super::variants::letter;
use crate::app_model::edit::{Difference, diff};
use crate::app_model::messages;
use crate::charts::{
    self, ChartStyle, DifferenceLabels, DifferenceMapping, FanOverlayLabels, FanOverlayMapping,
    OverlayLabels, OverlayMapping, TornadoBar, TornadoLabels, TornadoMapping, Variant,
    VariantBands,
};
use crate::decisions::{
    ConversionMode, ExperimentRequest, GoalRequest, GoalResult, Lever, LeverChange,
    SensitivityOptions, SensitivityReport, Uplift, apply, plan_stage_experiment,
};
use crate::scenario::{Model, Scenario};
use crate::worker::{self, ComparisonResult, DecisionJob, WorkerError};

/// Runs `work` after the page has painted its "working" state.
fn later(work: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(work, Duration::ZERO));
}

/// The variants' validated models, or the first variant's errors.
fn models(state: AppState) -> Result<Vec<Model>, WorkerError> {
    state.variants.with_untracked(|variants| {
        variants
            .iter()
            .enumerate()
            .map(|(index, scenario)| {
                scenario
                    .validate()
                    .map_err(|errors| WorkerError::InScenario {
                        index,
                        error: Box::new(WorkerError::Invalid { errors }),
                    })
            })
            .collect()
    })
}

/// A failed decision as the page shows it, in the page's language (read reactively).
fn failure_view(state: AppState, error: &WorkerError) -> AnyView {
    let text = messages::worker_error(state.locale.get(), error);
    view! { <p class="errors" role="alert">{text}</p> }.into_any()
}

/// The performance mark set when a decision's answer (or failure) reaches the page, before it
/// is shown: profiles and the end-to-end tests measure the main thread up to it.
pub const ANSWER_MARK: &str = "funnelcast:decision-answer";

fn mark_answer() {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        // A mark is only a measuring aid: a browser that refuses it changes nothing.
        let _ = performance.mark(ANSWER_MARK);
    }
}

/// A decision's answer, the failure's message, or `None` when a newer decision superseded it.
type Answer<T> = Option<Result<T, WorkerError>>;

/// Computes `decision` in the decisions' Web Worker, or on the main thread (after the page
/// has painted its "working" state) when no worker can run, and hands `done` the answer or
/// the failure's message; `None` when a newer decision superseded this one.
fn decide<T: DeserializeOwned + 'static>(
    state: AppState,
    decision: DecisionJob,
    done: impl FnOnce(Answer<T>) + 'static,
) {
    let read = |json: String| {
        serde_json::from_str::<T>(&json)
            .map_err(|error| WorkerError::protocol(format!("cannot read the answer: {error}")))
    };
    let on_main_thread = move |decision: DecisionJob, done: Box<dyn FnOnce(Answer<T>)>| {
        later(move || {
            let answer = worker::decide(&decision).and_then(read);
            mark_answer();
            done(Some(answer));
        });
    };
    let Some(pool) = state.decisions_pool.get_value() else {
        on_main_thread(decision, Box::new(done));
        return;
    };
    let job = pool.decide(decision.clone());
    spawn_local(async move {
        match job.await {
            Ok(json) => {
                mark_answer();
                done(Some(read(json)));
            }
            Err(JobError::Cancelled) => done(None),
            Err(JobError::Failed(error)) => {
                mark_answer();
                done(Some(Err(error)));
            }
            Err(JobError::Unavailable(reason)) => {
                leptos::logging::warn!("deciding on the main thread: {reason}");
                on_main_thread(decision, Box::new(done));
            }
        }
    });
}

/// Numbers a section's requests: an answer is shown only if the scenario has not changed
/// since it was asked for.
#[derive(Clone, Copy)]
struct Tickets(StoredValue<u64>);

impl Tickets {
    fn new() -> Tickets {
        Tickets(StoredValue::new(0))
    }

    /// The scenario changed: answers asked for before are stale.
    fn bump(self) {
        self.0.update_value(|ticket| *ticket += 1);
    }

    /// The ticket of a request made now.
    fn current(self) -> u64 {
        self.0.try_get_value().unwrap_or_default()
    }

    /// No change since `ticket` was taken (and the section is still on the page).
    fn still(self, ticket: u64) -> bool {
        self.0.try_get_value() == Some(ticket)
    }
}

/// The decisions panel, under the forecast.
#[component]
pub fn DecisionsPanel() -> impl IntoView {
    let state = AppState::get();
    let several = move || state.variants.with(Vec::len) > 1;
    view! {
        <section class="panel decisions-panel" aria-labelledby="decisions-heading">
            <h2 id="decisions-heading" class="visually-hidden">{move || t("compare.heading")}</h2>
            <Show when=several>
                <ComparePlans />
            </Show>
            <SensitivitySection />
            <GoalSection />
            <ExperimentSection />
        </section>
    }
}

/// What the active variant changes from plan A, in the editor.
#[component]
pub fn DifferencesFromA() -> impl IntoView {
    let state = AppState::get();
    let differences = move || {
        let active = state.active.get();
        if active == 0 {
            return None;
        }
        state
            .variants
            .with(|variants| Some(diff(variants.first()?, variants.get(active)?)))
    };
    move || {
        differences().map(|differences| {
            let items = if differences.is_empty() {
                view! { <li>{move || t("compare.differences.none")}</li> }.into_any()
            } else {
                differences
                    .into_iter()
                    .map(|difference| view! { <li>{describe(&difference)}</li> })
                    .collect_view()
                    .into_any()
            };
            view! {
                <div class="differences" data-testid="differences">
                    <strong>{move || t("compare.differences.heading")}</strong>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

fn describe(difference: &Difference) -> String {
    let none = || t("common.none");
    // Added and removed parts read as a change from or to "none".
    tf(
        "compare.differences.changed",
        &[
            ("field", difference.path.clone()),
            ("from", difference.a_value.clone().unwrap_or_else(none)),
            ("to", difference.b_value.clone().unwrap_or_else(none)),
        ],
    )
}

/// Plan A against its variants: side-by-side figures, overlaid charts, the difference and
/// the probability that each variant beats A.
#[component]
fn ComparePlans() -> impl IntoView {
    let state = AppState::get();
    let (result, set_result) = signal(None::<Result<Arc<ComparisonResult>, WorkerError>>);
    let (running, set_running) = signal(false);
    let (shown, set_shown) = signal(1_usize);
    let tickets = Tickets::new();
    let run = move |_| {
        let settings = state.settings.get_untracked();
        if let Err(error) = models(state) {
            set_result.set(Some(Err(error)));
            return;
        }
        set_running.set(true);
        let scenarios = state
            .variants
            .with_untracked(|variants| variants.iter().map(Scenario::to_json).collect());
        let decision = DecisionJob::Compare {
            scenarios,
            runs: settings.runs,
            seed: settings.seed,
        };
        let ticket = tickets.current();
        decide(state, decision, move |answer| {
            set_running.set(false);
            if let Some(outcome) = answer.filter(|_| tickets.still(ticket)) {
                set_result.set(Some(outcome.map(Arc::new)));
            }
        });
    };
    // A changed variant makes the comparison stale: it is run again on request.
    Effect::new(move |_| {
        state.variants.track();
        tickets.bump();
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
            y_title: format!("{} ({{width}})", t("chart.share_of_runs")),
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
            x_title: tf(
                "chart.compare.difference.x",
                &[("b", b.clone()), ("a", "A".to_string())],
            ),
            y_title: t("chart.compare.difference.y"),
            better: tf(
                "compare.p_beats",
                &[("b", b.clone()), ("a", "A".to_string())],
            ),
            worse: tf(
                "compare.p_beats",
                &[("b", "A".to_string()), ("a", b.clone())],
            ),
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
    view! {
        <div class="table-wrap">
            <table class="stage-table" data-testid="compare-table">
                <caption>{move || t("compare.side_by_side")}</caption>
                <thead><tr><th scope="col">{move || t("compare.metric")}</th>{header}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <div class="beats-grid" data-testid="p-beats">{beats}</div>
        <div class="chart-grid">
            <ChartCanvas testid="compare-revenue" caption="chart.compare.revenue_histogram.title" draw=draw_overlay readout=overlay_readout />
            <ChartCanvas testid="compare-fans" caption="chart.compare.revenue_over_time.title" draw=draw_fans readout=fans_readout />
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
        <ChartCanvas testid="compare-difference" caption="chart.compare.aria" draw=draw_difference readout=difference_readout />
    }
}

/// Which lever to pull first: every lever alone, both ways, on coupled runs.
#[component]
fn SensitivitySection() -> impl IntoView {
    let state = AppState::get();
    let (mode, set_mode) = signal(ConversionMode::Points);
    let step = RwSignal::new(5.0_f64);
    let (result, set_result) = signal(None::<Result<Arc<SensitivityReport>, WorkerError>>);
    let (running, set_running) = signal(false);
    let tickets = Tickets::new();
    Effect::new(move |_| {
        state.scenario.track();
        tickets.bump();
        set_result.set(None);
    });
    let run = move |_| {
        let (mode, step) = (mode.get_untracked(), step.get_untracked());
        let settings = state.settings.get_untracked();
        let scenario = state.scenario.get_untracked();
        if let Err(errors) = scenario.validate() {
            set_result.set(Some(Err(WorkerError::Invalid { errors })));
            return;
        }
        set_running.set(true);
        let options = SensitivityOptions {
            step,
            mode,
            both_directions: true,
        };
        // Every lever both ways is 2 × levers simulations: half the runs (from 200 to 1,000)
        // keeps it interactive; coupling keeps the noise small.
        let runs = (settings.runs / 2).clamp(200.min(settings.runs), 1_000);
        let decision = DecisionJob::Sensitivity {
            scenario: scenario.to_json(),
            options,
            runs,
            seed: settings.seed,
        };
        let ticket = tickets.current();
        decide(state, decision, move |answer| {
            set_running.set(false);
            if let Some(outcome) = answer.filter(|_| tickets.still(ticket)) {
                set_result.set(Some(outcome.map(Arc::new)));
            }
        });
    };
    let body = move || match result.get() {
        None => None,
        Some(Err(error)) => Some(failure_view(state, &error)),
        Some(Ok(report)) => Some(view! { <TornadoView report=report /> }.into_any()),
    };
    view! {
        <div class="decision" data-testid="sensitivity">
            <h3>{move || t("sensitivity.heading")}</h3>
            <p class="note">{move || t("sensitivity.help")}</p>
            <div class="field-grid">
                <label class="field">
                    <span class="field-label">{move || t("sensitivity.mode")}</span>
                    <select on:change=move |ev| {
                        set_mode.set(match event_target_value(&ev).as_str() {
                            "relative" => ConversionMode::Relative,
                            "dropoff" => ConversionMode::Dropoff,
                            _ => ConversionMode::Points,
                        })
                    }>
                        <option value="points">{move || t("sensitivity.mode.points")}</option>
                        <option value="relative">{move || t("sensitivity.mode.relative")}</option>
                        <option value="dropoff">{move || t("sensitivity.mode.dropoff")}</option>
                    </select>
                </label>
                <NumberField
                    label="sensitivity.step"
                    value=Signal::derive(move || step.get())
                    on_set=Callback::new(move |value: f64| step.set(value))
                    path="sensitivity.step".to_string()
                />
            </div>
            <button type="button" data-testid="sensitivity-run" on:click=run disabled=running>
                {move || if running.get() { t("sensitivity.running") } else { t("sensitivity.run") }}
            </button>
            {body}
        </div>
    }
}

/// A lever's name in the page's language.
fn lever_label(kind: &str, target: &str) -> String {
    let target = target.to_string();
    match kind {
        "conversion" => tf("sensitivity.lever.conversion", &[("stage", target)]),
        "delay" => tf("sensitivity.lever.delay", &[("stage", target)]),
        "reentry" => tf("sensitivity.lever.reentry", &[("stage", target)]),
        "volume" => tf("sensitivity.lever.volume", &[("source", target)]),
        "cost_per_lead" => tf("sensitivity.lever.cost", &[("source", target)]),
        _ => t("sensitivity.lever.repeat"),
    }
}

/// A lever's value as the sentence reads it.
fn lever_value(kind: &str, value: f64) -> String {
    match kind {
        "conversion" | "reentry" | "repeat" => percent(value, 1),
        "delay" => days(value),
        "volume" => number(value, 1),
        _ => money(value),
    }
}

#[component]
fn TornadoView(report: Arc<SensitivityReport>) -> impl IntoView {
    let state = AppState::get();
    let horizon = state
        .scenario
        .with_untracked(|s| s.horizon_days.max(0) as f64);
    let pairs = report.pairs();
    let bars: Vec<TornadoBar> = pairs
        .iter()
        .map(|pair| TornadoBar {
            label: lever_label(&pair.kind, &pair.target),
            worse: pair
                .worse
                .as_ref()
                .map_or(0.0, |worse| worse.revenue_delta.mean),
            better: pair.better.revenue_delta.mean,
        })
        .collect();
    let headline = pairs.first().map(|best| {
        let effect = best.better.clone();
        let kind = best.kind.clone();
        let baseline = if kind == "cost_per_lead" {
            report.baseline_profit
        } else {
            report.baseline_revenue
        };
        let amount = if kind == "cost_per_lead" {
            effect.profit_delta.mean
        } else {
            effect.revenue_delta.mean
        };
        let share = if baseline.abs() > 0.0 {
            amount / baseline
        } else {
            0.0
        };
        let key = match kind.as_str() {
            "conversion" => "sensitivity.best.conversion",
            "delay" => "sensitivity.best.delay",
            "reentry" => "sensitivity.best.reentry",
            "volume" => "sensitivity.best.volume",
            "cost_per_lead" => "sensitivity.best.cost",
            _ => "sensitivity.best.repeat",
        };
        let target = best.target.clone();
        move || {
            let value = |v: Option<f64>| v.map(|v| lever_value(&kind, v)).unwrap_or_default();
            tf(
                key,
                &[
                    ("stage", target.clone()),
                    ("source", target.clone()),
                    ("from", value(effect.from)),
                    ("to", value(effect.to)),
                    ("amount", money(amount)),
                    ("period", days(horizon)),
                    (
                        "percent",
                        format!(
                            "{}{}",
                            if share >= 0.0 { "+" } else { "" },
                            percent(share, 0)
                        ),
                    ),
                ],
            )
        }
    });
    let tornado_bars = bars.clone();
    let draw: DrawFn<TornadoMapping> = Rc::new(move |area, ratio| {
        let labels = TornadoLabels {
            x_title: t("chart.tornado.x"),
            y_title: t("sensitivity.lever"),
            better: t("chart.tornado.improved"),
            worse: t("chart.tornado.worsened"),
        };
        charts::draw_tornado(
            area,
            &tornado_bars,
            &labels,
            &ChartFormat::current(),
            &ChartStyle { pixel_ratio: ratio },
        )
        .map_err(|error| error.to_string())
    });
    let readout: ReadoutFn<TornadoMapping> = Rc::new(|mapping, pixel| {
        let hover = mapping.lever_at(pixel)?;
        Some(format!(
            "{}: {} {} · {} {}",
            hover.label,
            t("chart.tornado.improved"),
            money(hover.better),
            t("chart.tornado.worsened"),
            money(hover.worse)
        ))
    });
    view! {
        {headline.map(|sentence| view! {
            <p
                class="headline"
                data-testid="best-lever"
                data-kind=pairs.first().map(|best| best.kind.clone())
                data-target=pairs.first().map(|best| best.target.clone())
                data-revenue-delta=pairs.first().map(|best| best.better.revenue_delta.mean.to_string())
            >
                {sentence}
            </p>
        })}
        <ChartCanvas testid="tornado-chart" caption="chart.tornado.title" draw=draw readout=readout tall=true />
    }
}

/// The smallest change of one lever that reaches a revenue target with a chosen probability.
#[component]
fn GoalSection() -> impl IntoView {
    let state = AppState::get();
    let (choice, set_choice) = signal(0_usize);
    let target = RwSignal::new(0.0_f64);
    let probability = RwSignal::new(0.8_f64);
    let (result, set_result) = signal(None::<Result<(String, GoalResult), WorkerError>>);
    let (running, set_running) = signal(false);
    // The levers goal seeking takes: each stage's conversion (in points), each source's volume.
    let levers = move || {
        state.scenario.with(|s| {
            let stages = s.stages.iter().enumerate().map(|(stage, item)| {
                (
                    Lever::Conversion {
                        stage,
                        mode: ConversionMode::Points,
                    },
                    lever_label("conversion", &item.name),
                )
            });
            let sources = s.sources.iter().enumerate().map(|(source, item)| {
                (Lever::Volume { source }, lever_label("volume", &item.name))
            });
            stages.chain(sources).collect::<Vec<_>>()
        })
    };
    let tickets = Tickets::new();
    Effect::new(move |_| {
        state.scenario.track();
        tickets.bump();
        set_result.set(None);
    });
    let run = move |_| {
        let Some((lever, label)) = levers().get(choice.get_untracked()).cloned() else {
            return;
        };
        let settings = state.settings.get_untracked();
        let scenario = state.scenario.get_untracked();
        let (goal, chance) = (target.get_untracked(), probability.get_untracked());
        let model = match scenario.validate() {
            Ok(model) => model,
            Err(errors) => {
                set_result.set(Some(Err(WorkerError::Invalid { errors })));
                return;
            }
        };
        set_running.set(true);
        let request = GoalRequest {
            lever,
            target_revenue: goal,
            probability: chance,
            runs: settings.runs.min(2_000),
            seed: settings.seed,
            max_change: None,
            tolerance: None,
        };
        let decision = DecisionJob::Goal {
            scenario: scenario.to_json(),
            request,
        };
        let ticket = tickets.current();
        decide(state, decision, move |answer: Answer<GoalResult>| {
            set_running.set(false);
            let Some(outcome) = answer.filter(|_| tickets.still(ticket)) else {
                return;
            };
            let outcome = outcome.map(|found| {
                let kind = lever.kind();
                let value_after = |change: f64| {
                    apply(&model, &LeverChange { lever, change })
                        .ok()
                        .and_then(|changed| lever.value(&changed))
                        .map(|value| lever_value(kind, value))
                        .unwrap_or_default()
                };
                let now = lever
                    .value(&model)
                    .map(|value| lever_value(kind, value))
                    .unwrap_or_default();
                let text = match found {
                    GoalResult::AlreadyReached { probability } => tf(
                        "goal.already",
                        &[
                            ("target", money(goal)),
                            ("probability", percent(probability, 0)),
                        ],
                    ),
                    GoalResult::Reached {
                        change,
                        probability,
                        ..
                    } => tf(
                        "goal.found",
                        &[
                            ("lever", label.clone()),
                            ("value", value_after(change)),
                            ("target", money(goal)),
                            ("probability", percent(probability, 0)),
                            ("current", now.clone()),
                        ],
                    ),
                    GoalResult::Unreachable {
                        max_change,
                        probability,
                    } => tf(
                        "goal.unreachable",
                        &[
                            ("lever", label.clone()),
                            ("low", now.clone()),
                            ("high", value_after(max_change)),
                            ("target", money(goal)),
                            ("probability", percent(chance, 0)),
                            ("best", value_after(max_change)),
                            ("achieved", percent(probability, 0)),
                        ],
                    ),
                };
                // The answer at full precision beside the sentence, for the browser tests.
                (text, found)
            });
            set_result.set(Some(outcome));
        });
    };
    view! {
        <div class="decision" data-testid="goal">
            <h3>{move || t("goal.heading")}</h3>
            <p class="note">{move || t("goal.help")}</p>
            <div class="field-grid">
                <label class="field">
                    <span class="field-label">{move || t("goal.lever")}</span>
                    <select data-testid="goal-lever" on:change=move |ev| {
                        if let Ok(index) = event_target_value(&ev).parse::<usize>() {
                            set_choice.set(index);
                        }
                    }>
                        {move || levers()
                            .into_iter()
                            .enumerate()
                            .map(|(index, (_, label))| view! { <option value=index.to_string() selected=move || choice.get() == index>{label}</option> })
                            .collect_view()}
                    </select>
                </label>
                <NumberField
                    label="goal.target"
                    value=Signal::derive(move || target.get())
                    on_set=Callback::new(move |value: f64| target.set(value))
                    path="goal.target".to_string()
                />
                <NumberField
                    label="goal.probability"
                    value=Signal::derive(move || probability.get())
                    on_set=Callback::new(move |value: f64| probability.set(value))
                    path="goal.probability".to_string()
                    unit="unit.percent"
                    scale=100.0
                />
            </div>
            <button type="button" data-testid="goal-run" on:click=run disabled=running>
                {move || if running.get() { t("goal.searching") } else { t("goal.run") }}
            </button>
            {move || result.get().map(|outcome| match outcome {
                Ok((text, found)) => view! {
                    <p class="headline" data-testid="goal-result" data-answer=serde_json::to_string(&found).unwrap_or_default()>{text}</p>
                }.into_any(),
                Err(error) => failure_view(state, &error),
            })}
        </div>
    }
}

/// How many leads and days an A/B test at one stage needs.
#[component]
fn ExperimentSection() -> impl IntoView {
    let state = AppState::get();
    let (stage, set_stage) = signal(0_usize);
    let uplift = RwSignal::new(2.0_f64);
    let (relative, set_relative) = signal(false);
    let alpha = RwSignal::new(0.05_f64);
    let power = RwSignal::new(0.8_f64);
    let names = move || {
        state.scenario.with(|s| {
            s.stages
                .iter()
                .map(|stage| stage.name.clone())
                .collect::<Vec<_>>()
        })
    };
    let outcome = move || {
        let model = state.scenario.with(|s| s.validate()).ok()?;
        let index = stage.get().min(model.stages.len().checked_sub(1)?);
        let baseline = model.stages.get(index)?.conversion.mean();
        let change = uplift.get();
        let mut request = ExperimentRequest::new(
            baseline,
            if relative.get() {
                Uplift::Relative(change)
            } else {
                Uplift::Points(change)
            },
        );
        request.alpha = alpha.get();
        request.power = power.get();
        Some((baseline, plan_stage_experiment(&model, index, &request)))
    };
    let text = move || {
        outcome().map(|(baseline, result)| match result {
            Err(error) => failure_view(state, &WorkerError::Decision(error)),
            Ok(plan) => {
                let per_arm = plan.plan.per_arm as f64;
                let duration = match plan.days {
                    Some(needed) if needed as f64 > f64::from(state.scenario.with(|s| s.horizon_days.max(0) as u32)) => {
                        tf("experiment.too_long", &[("days", days(needed as f64))])
                    }
                    Some(needed) => tf(
                        "experiment.duration",
                        &[("rate", number(plan.entries_per_day, 1)), ("stage", plan.stage.clone()), ("days", days(needed as f64))],
                    ),
                    None => tf("experiment.no_traffic", &[("stage", plan.stage.clone())]),
                };
                view! {
                    <p data-testid="experiment-result">
                        {t("experiment.baseline")} ": " {percent(baseline, 1)} ". "
                        <strong>{tf("experiment.result", &[("n", count(per_arm)), ("total", count(per_arm * 2.0))])}</strong>
                    </p>
                    <p data-testid="experiment-duration">{duration}</p>
                }
                .into_any()
            }
        })
    };
    view! {
        <div class="decision" data-testid="experiment">
            <h3>{move || t("experiment.heading")}</h3>
            <p class="note">{move || t("experiment.help")}</p>
            <div class="field-grid">
                <label class="field">
                    <span class="field-label">{move || t("experiment.stage")}</span>
                    <select data-testid="experiment-stage" on:change=move |ev| {
                        if let Ok(index) = event_target_value(&ev).parse::<usize>() {
                            set_stage.set(index);
                        }
                    }>
                        {move || names()
                            .into_iter()
                            .enumerate()
                            .map(|(index, name)| view! { <option value=index.to_string() selected=move || stage.get() == index>{name}</option> })
                            .collect_view()}
                    </select>
                </label>
                <NumberField
                    label="experiment.uplift"
                    value=Signal::derive(move || uplift.get())
                    on_set=Callback::new(move |value: f64| uplift.set(value))
                    path="experiment.uplift".to_string()
                />
                <label class="field">
                    <span class="field-label">" "</span>
                    <select on:change=move |ev| set_relative.set(event_target_value(&ev) == "relative")>
                        <option value="points">{move || t("experiment.uplift.absolute")}</option>
                        <option value="relative">{move || t("experiment.uplift.relative")}</option>
                    </select>
                </label>
                <NumberField
                    label="experiment.significance"
                    value=Signal::derive(move || alpha.get())
                    on_set=Callback::new(move |value: f64| alpha.set(value))
                    path="experiment.alpha".to_string()
                    unit="unit.percent"
                    scale=100.0
                />
                <NumberField
                    label="experiment.power"
                    value=Signal::derive(move || power.get())
                    on_set=Callback::new(move |value: f64| power.set(value))
                    path="experiment.power".to_string()
                    unit="unit.percent"
                    scale=100.0
                />
            </div>
            {text}
        </div>
    }
}
