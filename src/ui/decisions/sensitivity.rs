//! Which lever to pull first: every lever improved and worsened alone on coupled runs, in
//! the decisions' workers (split by variant over them), drawn as a tornado with the best
//! single change in a sentence.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::{failure_view, style};
use crate::app_model::chart_text as explain_text;
use crate::app_model::explain;
use crate::charts::{self, ChartStyle, TornadoBar, TornadoLabels, TornadoMapping, TornadoUnit};
use crate::decisions::{ConversionMode, Metric, SensitivityOptions, SensitivityReport};
use crate::ui::chart_canvas::{ChartCanvas, DrawFn, ReadoutFn};
use crate::ui::editor::NumberField;
use crate::ui::job::{Outcome, Pool, use_job};
use crate::ui::state::AppState;
use crate::ui::text::{ChartFormat, t};
use crate::worker::{DecisionJob, WorkerError};

/// Which lever to pull first: every lever alone, both ways, on coupled runs.
#[component]
pub fn SensitivitySection() -> impl IntoView {
    let state = AppState::get();
    let (mode, set_mode) = signal(ConversionMode::Points);
    // What the levers are ranked by: a way of looking at the same answer, so a change redraws
    // the tornado without simulating again.
    let (metric, set_metric) = signal(Metric::Revenue);
    let step = RwSignal::new(5.0_f64);
    let (result, set_result) = signal(None::<Result<Arc<SensitivityReport>, WorkerError>>);
    let job = use_job(Pool::Decisions);
    let running = job.running();
    Effect::new(move |_| {
        state.scenario.track();
        job.invalidate();
        set_result.set(None);
    });
    let run = move |_| {
        let (mode, step) = (mode.get_untracked(), step.get_untracked());
        let settings = state.settings.get_untracked();
        let scenario = state.scenario.get_untracked();
        if let Err(errors) = state.validated.get_untracked() {
            set_result.set(Some(Err(WorkerError::Invalid { errors })));
            return;
        }
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
        job.decide(
            state,
            decision,
            move |outcome: Outcome<SensitivityReport>| match outcome {
                Ok(answer) => set_result.set(Some(Ok(Arc::new(answer)))),
                Err(Some(error)) => set_result.set(Some(Err(error))),
                // Cancelled or superseded: nothing to show.
                Err(None) => {}
            },
        );
    };
    let body = move || match result.get() {
        None => None,
        Some(Err(error)) => Some(failure_view(state, &error)),
        Some(Ok(report)) => Some(view! { <TornadoView report=report metric=metric /> }.into_any()),
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
                <label class="field metric-choice">
                    <span class="field-label">{move || t("sensitivity.metric")}</span>
                    <select
                        data-testid="sensitivity-metric"
                        on:change=move |ev| {
                            if let Some(chosen) = Metric::from_id(&event_target_value(&ev)) {
                                set_metric.set(chosen);
                            }
                        }
                    >
                        {Metric::ALL
                            .into_iter()
                            .map(|choice| {
                                view! {
                                    <option value=choice.id() selected=move || metric.get() == choice>
                                        {move || t(explain::metric_key(choice))}
                                    </option>
                                }
                            })
                            .collect_view()}
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

/// The tornado of `metric` and the best single change for it, rewritten when the metric, the
/// language or the currency changes.
#[component]
fn TornadoView(report: Arc<SensitivityReport>, metric: ReadSignal<Metric>) -> impl IntoView {
    let state = AppState::get();
    let horizon = state
        .scenario
        .with_untracked(|s| u32::try_from(s.horizon_days.max(0)).unwrap_or(u32::MAX));
    let sentence_report = Arc::clone(&report);
    let headline = move || {
        let metric = metric.get();
        let best = sentence_report.best(metric)?;
        let sentence = explain::best_lever(style(state), &sentence_report, metric, horizon)?;
        Some(view! {
            <p
                class="headline"
                data-testid="best-lever"
                data-metric=metric.id()
                data-kind=best.kind.id()
                data-target=best.target.clone()
                data-revenue-delta=best.better.revenue_delta.mean.to_string()
                data-delta=best.better.delta(metric).mean.to_string()
            >
                {sentence}
            </p>
        })
    };
    let chart = move || {
        let metric = metric.get();
        let pairs = report.pairs_by(metric);
        let draw: DrawFn<TornadoMapping> = Rc::new(move |area, ratio| {
            // Read here, so that a language or currency switch redraws the chart.
            let style = style(state);
            let bars: Vec<TornadoBar> = pairs
                .iter()
                .map(|pair| {
                    let (worse, better) = pair.values(metric);
                    TornadoBar {
                        label: explain::tornado_label(style, pair),
                        worse,
                        better,
                    }
                })
                .collect();
            let labels = TornadoLabels {
                x_title: explain::tornado_axis(style, metric),
                y_title: t("sensitivity.lever"),
                better: t("chart.tornado.improved"),
                worse: t("chart.tornado.worsened"),
                unit: if metric.is_money() {
                    TornadoUnit::Money
                } else {
                    TornadoUnit::Count
                },
            };
            charts::draw_tornado(
                area,
                &bars,
                &labels,
                &ChartFormat::current(),
                &ChartStyle { pixel_ratio: ratio },
            )
            .map_err(|error| error.to_string())
        });
        let readout: ReadoutFn<TornadoMapping> = Rc::new(move |mapping, pixel| {
            let hover = mapping.lever_at(pixel)?;
            Some(explain::tornado_readout(
                style(state),
                metric,
                &hover.label,
                hover.worse,
                hover.better,
            ))
        });
        // The chart's text alternative, in the page's language (the lever names too).
        let described = report.pairs_by(metric);
        let description = Signal::derive(move || {
            let style = style(state);
            let bars: Vec<explain_text::LeverBar> = described
                .iter()
                .map(|pair| {
                    let (worse, better) = pair.values(metric);
                    explain_text::LeverBar {
                        label: explain::tornado_label(style, pair),
                        better,
                        worse,
                    }
                })
                .collect();
            explain_text::tornado_of(
                style,
                &explain::tornado_axis(style, metric),
                metric.is_money(),
                &bars,
            )
        });
        view! {
            <ChartCanvas
                testid="tornado-chart"
                caption=explain::tornado_title_key(metric)
                draw=draw
                readout=readout
                description=description
                tall=true
            />
        }
    };
    view! {
        {headline}
        {chart}
    }
}
