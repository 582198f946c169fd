//! "Which unknown matters most" (issue 15), after the report's charts (a part loaded on demand
//! with the whole English catalogue, `results_panel`'s charts part): the sentence naming the
//! unknown worth measuring first (`app_model::uncertainty`), the bar chart of the shares of the
//! variance of revenue (`charts::draw_uncertainty`), and a link to the experiment planner for
//! that stage. Shown only when the scenario has an uncertain rate.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::chart_canvas::{ChartCanvas, DrawFn, ReadoutFn};
use super::text::{ChartFormat, percent, style, t, tf};
use crate::charts::{self, ChartStyle, UncertaintyLabels, UncertaintyMapping};
use crate::engine::{Report, VarianceOf};

/// The section, or nothing when the report has no uncertainty to split.
#[component]
pub fn WhichUnknown(report: Arc<Report>) -> impl IntoView {
    // A worker's report comes with its uncertainty unread (`Report::unread`): read here, the
    // report's sentence and stage are taken from a copy that holds it.
    let uncertainty = report.read_uncertainty()?;
    let report = if report.uncertainty.is_none() {
        Arc::new(Report {
            uncertainty: Some(uncertainty.clone()),
            ..Report::clone(&report)
        })
    } else {
        report
    };
    let said = Arc::clone(&report);
    let sentence = move || crate::app_model::uncertainty::sentence(style(), &said);
    let stage = crate::app_model::uncertainty::stage_to_measure(&report)
        .and_then(|k| report.stages.get(k).map(|s| (k, s.name.clone())));
    let drawn = uncertainty.clone();
    let draw: DrawFn<UncertaintyMapping> = Rc::new(move |area, ratio| {
        let labels = UncertaintyLabels {
            x_title: t("chart.uncertainty.x"),
            y_title: t("chart.uncertainty.y"),
            rate: t("chart.uncertainty.rate"),
            lead_quality: t("chart.uncertainty.lead_quality"),
            chance: t("chart.uncertainty.chance"),
            rates_legend: t("chart.uncertainty.rates"),
            error: t("chart.uncertainty.error"),
        };
        charts::draw_uncertainty(
            area,
            &drawn,
            VarianceOf::Revenue,
            &labels,
            &ChartFormat::current(),
            &ChartStyle { pixel_ratio: ratio },
        )
        .map_err(|error| error.to_string())
    });
    let readout: ReadoutFn<UncertaintyMapping> = Rc::new(move |mapping, pixel| {
        let bar = mapping.bar_at(pixel)?;
        Some(tf(
            "chart.uncertainty.hover",
            &[
                ("name", bar.label.clone()),
                ("share", percent(bar.share.share, 1)),
                ("error", percent(bar.share.standard_error, 1)),
            ],
        ))
    });
    let described = uncertainty.clone();
    let description = Signal::derive(move || {
        crate::app_model::chart_text::uncertainty(style(), &described, VarianceOf::Revenue)
    });
    Some(view! {
        <section class="which-unknown" data-testid="which-unknown" aria-labelledby="which-unknown-title">
            <h3 id="which-unknown-title">{move || t("chart.uncertainty.title")}</h3>
            <p data-testid="which-unknown-sentence">{sentence}</p>
            {stage.map(|(index, name)| {
                let label = name.clone();
                view! {
                    <p>
                        <button
                            type="button"
                            class="link"
                            data-testid="which-unknown-experiment"
                            data-stage=name
                            on:click=move |_| {
                                // The planner, below: its stage chosen, scrolled into view.
                                crate::ui::browser::choose_and_show(
                                    "[data-testid='experiment-stage']",
                                    &index.to_string(),
                                    "[data-testid='experiment']",
                                );
                            }
                        >
                            {move || tf("uncertainty.plan_test", &[("stage", label.clone())])}
                        </button>
                    </p>
                }
            })}
            <ChartCanvas
                testid="uncertainty-chart"
                caption="chart.uncertainty.title"
                draw=draw
                readout=readout
                description=description
            />
            <p class="hint">{move || t("uncertainty.help")}</p>
        </section>
    })
}
