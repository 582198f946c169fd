//! Browser tests: the engine, the chart and the app inside headless Chromium.
//!
//! Run by `cargo test --target wasm32-unknown-unknown --test web` (`cargo xtask test` does),
//! through wasm-bindgen-test-runner and ChromeDriver, with Chromium's options from
//! webdriver.json. Natively this file compiles to nothing.

#![cfg(target_arch = "wasm32")]

use funnelcast::charts::{self, ChartOptions};
use funnelcast::engine;
use funnelcast::scenario::presets;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlCanvasElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        panic!("the test runs without a document");
    };
    document
}

/// A fresh element of `tag`, attached to the body so that it is laid out.
fn attached<T: JsCast>(tag: &str) -> T {
    let document = document();
    let Ok(element) = document.create_element(tag) else {
        panic!("cannot create <{tag}>")
    };
    let Some(body) = document.body() else {
        panic!("the document has no body")
    };
    if body.append_child(&element).is_err() {
        panic!("cannot attach <{tag}>");
    }
    let Ok(element) = element.dyn_into::<T>() else {
        panic!("<{tag}> has another type")
    };
    element
}

/// Waits `ms` milliseconds, letting the browser and Leptos' effects run.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn text(root: &HtmlElement, selector: &str) -> Option<String> {
    let element = root.query_selector(selector).ok()??;
    element.text_content().map(|text| text.trim().to_string())
}

#[wasm_bindgen_test]
fn the_default_scenario_simulates_sanely_in_wasm() {
    let scenario = presets::default_scenario();
    let model = match scenario.validate() {
        Ok(model) => model,
        Err(errors) => panic!("the default scenario is invalid: {errors:?}"),
    };
    let report = engine::simulate(&model, 200, 7);
    assert_eq!(report.runs, 200);
    assert!(
        report.revenue.mean > 0.0,
        "revenue mean {}",
        report.revenue.mean
    );
    assert!(
        report.customers.mean > 0.0,
        "customers mean {}",
        report.customers.mean
    );
    for stats in [report.leads, report.customers, report.revenue, report.cost] {
        assert!(stats.p5 <= stats.p50 && stats.p50 <= stats.p95, "{stats:?}");
    }
    let cumulative = &report.daily.cumulative_revenue;
    assert_eq!(cumulative.p50.len(), report.horizon_days as usize);
    assert!(
        cumulative.p50.windows(2).all(|pair| pair[0] <= pair[1]),
        "cumulative grows"
    );
}

/// The page reads a worker's report before its first screen without the readers of its
/// `uncertainty` (`Report::unread`); the section that shows it reads the same shares.
#[wasm_bindgen_test]
fn the_page_reads_the_uncertainty_of_a_workers_report_when_it_shows_it() {
    let scenario = presets::default_scenario();
    let model = match scenario.validate() {
        Ok(model) => model,
        Err(errors) => panic!("the default scenario is invalid: {errors:?}"),
    };
    let computed = engine::simulate(&model, 400, 7);
    let Some(shares) = computed.uncertainty.clone() else {
        panic!("the default scenario has uncertain rates, yet no uncertainty");
    };
    let json = match serde_json::to_string(&computed) {
        Ok(json) => json,
        Err(error) => panic!("cannot write the report: {error}"),
    };
    assert!(json.contains("\"uncertainty\""), "the worker writes it");
    let read: engine::Report = match serde_json::from_str(&json) {
        Ok(report) => report,
        Err(error) => panic!("cannot read the report: {error}"),
    };
    assert_eq!(read.uncertainty, None, "left unread");
    assert!(read.unread.is_some(), "kept as JSON");
    assert_eq!(read.read_uncertainty(), Some(shares.clone()));
    assert_eq!(computed.read_uncertainty(), Some(shares));
    assert_eq!(read.revenue, computed.revenue, "the rest is read as before");
}

#[wasm_bindgen_test]
fn the_chart_draws_on_a_hidpi_canvas() {
    let Ok(model) = presets::default_scenario().validate() else {
        panic!("invalid preset")
    };
    let report = engine::simulate(&model, 100, 3);
    let canvas: HtmlCanvasElement = attached("canvas");
    // A 600 × 300 CSS-pixel chart on a screen with two device pixels per CSS pixel.
    canvas.set_width(1200);
    canvas.set_height(600);
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
        panic!("no 2d context");
    };
    let options = ChartOptions {
        pixel_ratio: 2.0,
        ..ChartOptions::default()
    };
    let drawn = charts::draw_cumulative_revenue(&backend.into_drawing_area(), &report, &options);
    assert!(drawn.is_ok(), "{drawn:?}");

    let Ok(Some(context)) = canvas.get_context("2d") else {
        panic!("no 2d context")
    };
    let Ok(context) = context.dyn_into::<web_sys::CanvasRenderingContext2d>() else {
        panic!("not a 2d context");
    };
    let Ok(image) = context.get_image_data(0.0, 0.0, 1200.0, 600.0) else {
        panic!("cannot read the pixels");
    };
    let pixels = image.data();
    let inked = pixels
        .chunks_exact(4)
        .filter(|p| p[0] < 245 || p[1] < 245 || p[2] < 245)
        .count();
    let share = inked as f64 / (1200.0 * 600.0);
    assert!(
        share > 0.05,
        "only {:.1}% of the pixels have ink",
        share * 100.0
    );
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_shows_the_default_forecast() {
    let container: HtmlElement = attached("div");
    let handle = leptos::mount::mount_to(container.clone(), funnelcast::ui::App);

    assert_eq!(
        text(&container, "[data-testid='app-title']").as_deref(),
        Some("Funnelcast")
    );

    // The simulation runs after the first paint; wait for its figures (a debug build is slow).
    let mut revenue = None;
    for _ in 0..1200 {
        sleep(50).await;
        revenue = text(&container, "[data-testid='revenue-mean']");
        if revenue.is_some() {
            break;
        }
    }
    let Some(revenue) = revenue else {
        panic!("no revenue figure after 60 s")
    };
    let Ok(revenue) = revenue.replace(',', "").parse::<f64>() else {
        panic!("the revenue figure {revenue:?} is not a number");
    };
    assert!(revenue > 0.0, "mean revenue {revenue}");
    // Input values are properties, set once the view has rendered.
    let scenario_name = container
        .query_selector("[data-testid='scenario-name-input']")
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_default();
    assert_eq!(scenario_name, presets::default_scenario().name);
    let range = text(&container, "[data-testid='revenue-range']").unwrap_or_default();
    assert!(range.starts_with("90% of runs: "), "{range:?}");
    drop(handle);
}
