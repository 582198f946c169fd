//! Which lever to pull first: every lever improved and worsened alone on coupled runs, in
//! the decisions' worker, drawn as a tornado with the best single change in a sentence.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::{failure_view, style};
use crate::app_model::chart_text as explain_text;
use crate::app_model::explain;
use crate::charts::{self, ChartStyle, TornadoBar, TornadoLabels, TornadoMapping};
use crate::decisions::{ConversionMode, SensitivityOptions, SensitivityReport};
use crate::ui::chart_canvas::{ChartCanvas, DrawFn, ReadoutFn};
use crate::ui::editor::NumberField;
use crate::ui::job::{Outcome, Pool, use_job};
use crate::ui::state::AppState;
use crate::ui::text::{ChartFormat, money, t};
use crate::worker::{DecisionJob, WorkerError};

/// Which lever to pull first: every lever alone, both ways, on coupled runs.
#[component]
pub fn SensitivitySection() -> impl IntoView {
    let state = AppState::get();
    let (mode, set_mode) = signal(ConversionMode::Points);
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

#[component]
fn TornadoView(report: Arc<SensitivityReport>) -> impl IntoView {
    let state = AppState::get();
    let horizon = state
        .scenario
        .with_untracked(|s| u32::try_from(s.horizon_days.max(0)).unwrap_or(u32::MAX));
    let pairs = report.pairs();
    let bars: Vec<TornadoBar> = pairs
        .iter()
        .map(|pair| TornadoBar {
            label: explain::lever_label(style(state), pair.kind, &pair.target),
            worse: pair
                .worse
                .as_ref()
                .map_or(0.0, |worse| worse.revenue_delta.mean),
            better: pair.better.revenue_delta.mean,
        })
        .collect();
    // Written when shown, so that a language or currency switch rewrites it.
    let sentence_report = Arc::clone(&report);
    let headline = (!pairs.is_empty()).then_some(move || {
        explain::best_lever(style(state), &sentence_report, horizon).unwrap_or_default()
    });
    let described_bars: Vec<(crate::decisions::LeverKind, String, f64, f64)> = pairs
        .iter()
        .zip(&bars)
        .map(|(pair, bar)| (pair.kind, pair.target.clone(), bar.better, bar.worse))
        .collect();
    // Written when shown, in the page's language (the lever names too).
    let description = Signal::derive(move || {
        let style = crate::ui::text::style();
        let bars: Vec<explain_text::LeverBar> = described_bars
            .iter()
            .map(|(kind, target, better, worse)| explain_text::LeverBar {
                label: explain::lever_label(style, *kind, target),
                better: *better,
                worse: *worse,
            })
            .collect();
        explain_text::tornado(style, &bars)
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
                data-kind=pairs.first().map(|best| best.kind.id())
                data-target=pairs.first().map(|best| best.target.clone())
                data-revenue-delta=pairs.first().map(|best| best.better.revenue_delta.mean.to_string())
            >
                {sentence}
            </p>
        })}
        <ChartCanvas testid="tornado-chart" caption="chart.tornado.title" draw=draw readout=readout description=description tall=true />
    }
}
