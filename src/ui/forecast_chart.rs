//! The forecast chart: cumulative revenue drawn by `crate::charts` on a canvas.
//!
//! The canvas's backing store is its CSS size times `devicePixelRatio`, and the drawing is
//! scaled by the same ratio, so the chart is crisp on HiDPI screens. It is redrawn when the
//! window is resized.

use std::sync::Arc;

use leptos::ev;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::browser;
use super::text::t;
use crate::charts::{self, ChartMapping, ChartOptions};
use crate::engine::Report;

/// The fan chart of cumulative revenue over the horizon.
#[component]
pub fn ForecastChart(report: Arc<Report>) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let (resized, set_resized) = signal(0_u32);
    let (drawn, set_drawn) = signal(false);
    let (problem, set_problem) = signal(None::<String>);

    let listener = window_event_listener(ev::resize, move |_| set_resized.update(|n| *n += 1));
    on_cleanup(move || listener.remove());

    Effect::new(move |_| {
        resized.track();
        let Some(element) = canvas.get() else { return };
        match draw(&element, &report) {
            Ok(_mapping) => {
                set_problem.set(None);
                set_drawn.set(true);
            }
            Err(message) => set_problem.set(Some(message)),
        }
    });

    view! {
        <figure class="chart">
            <div class="chart-frame">
                <canvas
                    node_ref=canvas
                    data-testid="forecast-chart"
                    data-drawn=move || drawn.get().to_string()
                    role="img"
                    aria-label=move || t("chart.fan.caption")
                ></canvas>
            </div>
            <figcaption>
                {move || t("chart.fan.caption")}
                <button
                    type="button"
                    class="link"
                    data-testid="forecast-chart-png"
                    on:click=move |_| {
                        if let Some(element) = canvas.get_untracked() {
                            let _ = browser::download_canvas(&element, "funnelcast-revenue.png");
                        }
                    }
                >
                    {move || t("chart.download_png")}
                </button>
            </figcaption>
            {move || problem.get().map(|message| view! { <p class="errors">{message}</p> })}
        </figure>
    }
}

/// Sizes the canvas's backing store for the screen and draws the chart on it.
fn draw(canvas: &HtmlCanvasElement, report: &Report) -> Result<ChartMapping, String> {
    let ratio = web_sys::window()
        .map(|window| window.device_pixel_ratio())
        .unwrap_or(1.0);
    let ratio = if ratio.is_finite() && ratio > 0.0 {
        ratio
    } else {
        1.0
    };
    let (css_width, css_height) = (canvas.client_width(), canvas.client_height());
    if css_width <= 0 || css_height <= 0 {
        return Err("the chart has no room on the page".to_string());
    }
    canvas.set_width((f64::from(css_width) * ratio).round() as u32);
    canvas.set_height((f64::from(css_height) * ratio).round() as u32);
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
        return Err("this browser cannot draw on a canvas".to_string());
    };
    let area = backend.into_drawing_area();
    let options = ChartOptions {
        pixel_ratio: ratio,
        ..ChartOptions::default()
    };
    charts::draw_cumulative_revenue(&area, report, &options).map_err(|error| error.to_string())
}
