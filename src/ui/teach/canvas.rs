//! The teaching view's chart: the flow diagram on one canvas (drawn as `ChartCanvas` draws,
//! redrawn on resize and when what it reads changes) and the moving dots on a second canvas
//! over it, redrawn on every `tick` without redrawing the diagram; the pointer reads out the
//! diagram's part under it, a click picks a dot. In the view's own chunk, so that the charts of
//! the first screen do not carry the layer.

use std::cell::RefCell;
use std::rc::Rc;

use crate::ui::canvas_text::ChartBackend;
use leptos::ev;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

use crate::charts::FlowMapping;
use crate::ui::chart_canvas::{DrawFn, ReadoutFn, draw_on, pixel_ratio};
use crate::ui::text::t;

/// Draws the dots from the diagram's mapping on a canvas area with a pixel ratio.
pub type LayerFn =
    Rc<dyn Fn(&DrawingArea<ChartBackend, Shift>, f64, &FlowMapping) -> Result<(), String>>;
/// What a click does, given the diagram's mapping and the backend pixel.
pub type ClickFn = Rc<dyn Fn(&FlowMapping, (i32, i32))>;

/// Sizes the layer like the diagram (only when that changed), clears it and draws on it.
fn draw_layer(
    canvas: &HtmlCanvasElement,
    draw: &LayerFn,
    mapping: &FlowMapping,
) -> Result<(), String> {
    let ratio = pixel_ratio();
    let (css_width, css_height) = (canvas.client_width(), canvas.client_height());
    if css_width <= 0 || css_height <= 0 {
        return Ok(());
    }
    let width = (f64::from(css_width) * ratio).round() as u32;
    let height = (f64::from(css_height) * ratio).round() as u32;
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    } else if let Some(context) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|context| context.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    {
        context.clear_rect(0.0, 0.0, f64::from(width), f64::from(height));
    }
    let Some(backend) = ChartBackend::new(canvas) else {
        return Err(t("chart.error.no_canvas"));
    };
    draw(&backend.into_drawing_area(), ratio, mapping)
}

#[component]
pub fn LayeredChart(
    draw: DrawFn<FlowMapping>,
    readout: ReadoutFn<FlowMapping>,
    layer: LayerFn,
    tick: Signal<u64>,
    on_click: ClickFn,
    #[prop(into)] description: Signal<String>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let dots = NodeRef::<Canvas>::new();
    let (resized, set_resized) = signal(0_u32);
    let (drawn, set_drawn) = signal(false);
    let (problem, set_problem) = signal(None::<String>);
    let (hover, set_hover) = signal(None::<String>);
    let mapping: Rc<RefCell<Option<FlowMapping>>> = Rc::new(RefCell::new(None));
    let listener = window_event_listener(ev::resize, move |_| set_resized.update(|n| *n += 1));
    on_cleanup(move || listener.remove());

    let stored = Rc::clone(&mapping);
    Effect::new(move |_| {
        resized.track();
        let Some(element) = canvas.get() else { return };
        match draw_on(&element, &draw) {
            Ok(new_mapping) => {
                *stored.borrow_mut() = Some(new_mapping);
                set_problem.set(None);
                set_drawn.update(|d| *d = true);
            }
            Err(message) => set_problem.set(Some(message)),
        }
    });
    let layered = Rc::clone(&mapping);
    Effect::new(move |_| {
        resized.track();
        tick.track();
        if !drawn.get() {
            return;
        }
        let Some(element) = dots.get() else { return };
        if let Some(mapping) = layered.borrow().as_ref()
            && let Err(message) = draw_layer(&element, &layer, mapping)
        {
            set_problem.set(Some(message));
        }
    });
    let pixel_of = |event: &ev::MouseEvent| {
        let ratio = pixel_ratio();
        (
            (f64::from(event.offset_x()) * ratio).round() as i32,
            (f64::from(event.offset_y()) * ratio).round() as i32,
        )
    };
    let read = Rc::clone(&mapping);
    let on_move = move |event: ev::MouseEvent| {
        let text = read
            .borrow()
            .as_ref()
            .and_then(|mapping| readout(mapping, pixel_of(&event)));
        set_hover.set(text);
    };
    let clicked = Rc::clone(&mapping);
    let on_press = move |event: ev::MouseEvent| {
        if let Some(mapping) = clicked.borrow().as_ref() {
            on_click(mapping, pixel_of(&event));
        }
    };
    view! {
        <figure class="chart">
            <div class="chart-frame tall">
                <canvas
                    node_ref=canvas
                    data-testid="teach-flow"
                    data-drawn=move || drawn.get().to_string()
                    role="img"
                    aria-label=move || t("teach.flow.title")
                    aria-describedby="teach-flow-description"
                ></canvas>
                <canvas
                    node_ref=dots
                    class="layer"
                    data-testid="teach-dots"
                    aria-hidden="true"
                    on:mousemove=on_move
                    on:mouseleave=move |_| set_hover.set(None)
                    on:click=on_press
                ></canvas>
                <Show when=move || hover.get().is_some()>
                    <div class="readout" data-testid="teach-flow-readout" aria-live="polite">
                        {move || hover.get()}
                    </div>
                </Show>
            </div>
            <p id="teach-flow-description" class="visually-hidden">{move || description.get()}</p>
            <figcaption>{move || t("teach.flow.title")}</figcaption>
            {move || problem.get().map(|message| view! { <p class="errors">{message}</p> })}
        </figure>
    }
}
