//! A chart on a canvas: sized for the screen's pixel ratio, redrawn on resize, with a read-out
//! of the data under the pointer and a PNG download. The drawing is a `crate::charts` function
//! passed in; this and the teaching view's layered chart (`teach/canvas.rs`, which shares its
//! sizing) are the only code that touches a canvas.

use std::cell::RefCell;
use std::rc::Rc;

use super::canvas_text::ChartBackend;
use leptos::ev;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use web_sys::HtmlCanvasElement;

use super::browser;
use super::text::t;

/// Draws a chart on a canvas area with a pixel ratio, returning its pointer mapping.
pub type DrawFn<M> = Rc<dyn Fn(&DrawingArea<ChartBackend, Shift>, f64) -> Result<M, String>>;
/// The read-out for a backend pixel under the pointer, if it points at data.
pub type ReadoutFn<M> = Rc<dyn Fn(&M, (i32, i32)) -> Option<String>>;

/// The device pixel ratio, or 1 when the browser gives none that makes sense.
pub(super) fn pixel_ratio() -> f64 {
    let ratio = web_sys::window()
        .map(|window| window.device_pixel_ratio())
        .unwrap_or(1.0);
    if ratio.is_finite() && ratio > 0.0 {
        ratio
    } else {
        1.0
    }
}

/// Sizes the canvas's backing store for the screen and draws on it.
pub(super) fn draw_on<M>(canvas: &HtmlCanvasElement, draw: &DrawFn<M>) -> Result<M, String> {
    let ratio = pixel_ratio();
    let (css_width, css_height) = (canvas.client_width(), canvas.client_height());
    if css_width <= 0 || css_height <= 0 {
        return Err(t("chart.error.no_room"));
    }
    canvas.set_width((f64::from(css_width) * ratio).round() as u32);
    canvas.set_height((f64::from(css_height) * ratio).round() as u32);
    let Some(backend) = ChartBackend::new(canvas) else {
        return Err(t("chart.error.no_canvas"));
    };
    draw(&backend.into_drawing_area(), ratio)
}

/// A chart: canvas, caption, read-out and PNG download.
#[component]
pub fn ChartCanvas<M: 'static>(
    /// The canvas's test id (also the PNG's file name).
    testid: &'static str,
    /// Catalogue key of the caption (also the canvas's accessible label).
    caption: &'static str,
    draw: DrawFn<M>,
    readout: ReadoutFn<M>,
    /// What the chart shows in words and numbers (`app_model::chart_text`), in the page's
    /// language: the canvas's text alternative, read by screen readers.
    #[prop(into)]
    description: Signal<String>,
    #[prop(optional)] tall: bool,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let (resized, set_resized) = signal(0_u32);
    let (drawn, set_drawn) = signal(false);
    let (problem, set_problem) = signal(None::<String>);
    let (hover, set_hover) = signal(None::<String>);
    let mapping: Rc<RefCell<Option<M>>> = Rc::new(RefCell::new(None));

    let listener = window_event_listener(ev::resize, move |_| set_resized.update(|n| *n += 1));
    on_cleanup(move || listener.remove());

    let stored = Rc::clone(&mapping);
    // Each drawing is a task of its own (a timer), not part of the one that built the page: a
    // report's charts, its figures and a long funnel's rows then never add up to one long
    // task. The first effect asks for a drawing when the canvas is there or the window was
    // resized; the second draws once asked (so it follows what the drawing reads, such as the
    // page's language, as well).
    let (turn, set_turn) = signal(0_u64);
    // The text alternative (every stage's figures, for a long funnel a long text) is written
    // in a task of its own as well, once the chart is on the page.
    let (described, set_described) = signal(false);
    set_timeout(
        move || {
            set_described.try_set(true);
        },
        std::time::Duration::ZERO,
    );
    Effect::new(move |_| {
        resized.track();
        if canvas.get().is_some() {
            set_timeout(
                move || {
                    set_turn.try_update(|turn| *turn += 1);
                },
                std::time::Duration::ZERO,
            );
        }
    });
    Effect::new(move |_| {
        if turn.get() == 0 {
            return;
        }
        let Some(element) = canvas.get() else { return };
        match draw_on(&element, &draw) {
            Ok(new_mapping) => {
                *stored.borrow_mut() = Some(new_mapping);
                set_problem.set(None);
                set_drawn.set(true);
            }
            Err(message) => set_problem.set(Some(message)),
        }
    });

    let on_move = move |event: ev::MouseEvent| {
        let ratio = pixel_ratio();
        let pixel = (
            (f64::from(event.offset_x()) * ratio).round() as i32,
            (f64::from(event.offset_y()) * ratio).round() as i32,
        );
        let text = mapping
            .borrow()
            .as_ref()
            .and_then(|mapping| readout(mapping, pixel));
        set_hover.set(text);
    };
    let file_name = format!("funnelcast-{testid}.png");
    let description_id = format!("{testid}-description");
    view! {
        <figure class="chart">
            <div class="chart-frame" class:tall=tall>
                <canvas
                    node_ref=canvas
                    data-testid=testid
                    data-drawn=move || drawn.get().to_string()
                    role="img"
                    aria-label=move || t(caption)
                    aria-describedby=description_id.clone()
                    on:mousemove=on_move
                    on:mouseleave=move |_| set_hover.set(None)
                ></canvas>
                <Show when=move || hover.get().is_some()>
                    <div class="readout" data-testid=format!("{testid}-readout") aria-live="polite">
                        {move || hover.get()}
                    </div>
                </Show>
            </div>
            <p id=description_id class="visually-hidden" data-testid=format!("{testid}-description")>
                {move || described.get().then(|| description.get())}
            </p>
            <figcaption>
                {move || t(caption)}
                <button
                    type="button"
                    class="link"
                    data-testid=format!("{testid}-png")
                    on:click=move |_| {
                        if let Some(element) = canvas.get_untracked() {
                            let _ = browser::download_canvas(&element, &file_name);
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
