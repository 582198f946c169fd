//! End-to-end: the release build in headless Chromium, driven through ChromeDriver. Each
//! module checks one part of what a person sees; `harness` serves the build and starts the
//! browser.
//!
//! The checks that a loaded machine can fail (no main-thread task over 50 ms, cancel within
//! 100 ms) are in `timing`, and run after all the others: `cargo xtask test` runs this binary
//! twice, first with `--skip timing::`, then only `timing::` (see xtask/src/tasks.rs), so a
//! slow machine's failure there is told apart from a broken page.

#![cfg(not(target_arch = "wasm32"))]
// The browser tests are native: they serve the build from threads and wait with deadlines.
#![allow(
    clippy::disallowed_methods,
    reason = "native only; clippy.toml bans these for the code that runs in wasm"
)]

mod a11y;
mod api;
mod automatic;
mod channels;
mod crm;
mod decisions;
mod editor;
mod figures;
mod harness;
mod input;
mod layout;
mod lost;
mod metrics;
mod offline;
mod print;
mod segments;
mod teach;
mod timing;
mod unknowns;
mod workers;

use std::time::Duration;

use fantoccini::{Client, Locator};

use harness::*;

#[test]
fn the_release_build_shows_the_default_forecast_in_chromium() {
    with_app(check_page);
}

async fn check_page(client: &Client, server: &StaticServer) -> Result<(), String> {
    let url = page_url(server);
    client
        .goto(&url)
        .await
        .map_err(|error| format!("cannot open {url}: {error}"))?;

    // The page's load event comes before the app's wasm has started: wait for the app.
    client
        .wait()
        .at_most(FORECAST_TIMEOUT)
        .for_element(Locator::Css("[data-testid='app-title']"))
        .await
        .map_err(|error| format!("the app did not start: {error}"))?;
    let title = text_of(client, "[data-testid='app-title']").await?;
    assert_eq!(title, "Funnelcast", "the header shows the product's name");

    client
        .wait()
        .at_most(FORECAST_TIMEOUT)
        .for_element(Locator::Css("[data-testid='results'][data-state='ready']"))
        .await
        .map_err(|error| format!("no forecast after {FORECAST_TIMEOUT:?}: {error}"))?;
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(
            "canvas[data-testid='forecast-chart'][data-drawn='true']",
        ))
        .await
        .map_err(|error| format!("the chart was not drawn: {error}"))?;

    // The default forecast: every headline figure is a number, and revenue is not zero.
    for figure in ["leads", "customers", "revenue", "cost"] {
        let mean = number_in(&text_of(client, &format!("[data-testid='{figure}-mean']")).await?)?;
        assert!(mean.is_finite() && mean >= 0.0, "{figure} mean is {mean}");
        // The figure shown is its full-precision value (data-value), rounded.
        let value = editor::figure_value(client, figure).await?;
        assert!(
            (mean - value).abs() <= 0.5,
            "{figure}: the page shows {mean}, its data-value is {value}"
        );
        let range = text_of(client, &format!("[data-testid='{figure}-range']")).await?;
        assert!(
            range.starts_with("90% of runs: "),
            "{figure} range reads {range:?}"
        );
    }
    let revenue = editor::figure_value(client, "revenue").await?;
    assert!(
        revenue > 0.0,
        "the default scenario's mean revenue is {revenue}"
    );
    check_against_the_native_engine(client, revenue).await?;
    let stages = client
        .find_all(Locator::Css("[data-testid='stage-row']"))
        .await
        .map_err(|error| format!("cannot list the stages: {error}"))?;
    assert!(!stages.is_empty(), "the editor lists no stage");

    let canvas = canvas_pixels(client).await?;
    println!("e2e: canvas {canvas}");
    let number = |key: &str| canvas[key].as_f64().unwrap_or(f64::NAN);
    assert_eq!(
        number("ratio"),
        f64::from(PIXEL_RATIO),
        "the browser's device pixel ratio"
    );
    assert_eq!(
        number("width"),
        (number("cssWidth") * number("ratio")).round(),
        "the backing store is the CSS width times the pixel ratio"
    );
    assert_eq!(
        number("height"),
        (number("cssHeight") * number("ratio")).round()
    );
    let inked = number("inked") / number("total");
    assert!(
        inked > 0.05,
        "only {:.1}% of the chart's pixels are not background",
        inked * 100.0
    );
    assert!(
        number("outerBand") > 1000.0,
        "the p5-p95 band's colour is missing"
    );
    assert!(
        number("innerBand") > 1000.0,
        "the p25-p75 band's colour is missing"
    );
    assert!(
        number("medianLine") > 100.0,
        "the median line's colour is missing"
    );

    let errors = console_errors(client).await?;
    assert!(errors.is_empty(), "the console has errors: {errors:#?}");
    let missing = server.not_found();
    assert!(
        missing.is_empty(),
        "the page asked for files that are not there: {missing:?}"
    );

    save_screenshot(client, "screenshot").await
}

/// The page's revenue comes from the engine: simulating the default scenario natively with
/// the runs and seed the page states gives the same mean, to 1e-12 relatively. Not bit for bit:
/// the browser's `exp` and `ln` come from Rust's libm, the native ones from glibc, and differ
/// in the last bit for some arguments (the JavaScript API's report agrees with the command
/// line's to about 2e-15, see api.rs). Another seed or run count moves the mean by far more.
async fn check_against_the_native_engine(client: &Client, shown: f64) -> Result<(), String> {
    let summary = text_of(client, "[data-testid='run-summary']").await?;
    let (runs, seed) = runs_and_seed(&summary)?;
    let scenario = funnelcast::scenario::presets::default_scenario();
    let model = scenario
        .validate()
        .map_err(|errors| format!("the default scenario is invalid: {errors:?}"))?;
    let expected = funnelcast::engine::simulate(&model, runs, seed)
        .revenue
        .mean;
    let difference = (shown - expected).abs() / expected.abs().max(1.0);
    println!(
        "e2e: mean revenue: page {shown}, native {expected} ({runs} runs, seed {seed}): \
         relative difference {difference:.1e}"
    );
    assert!(
        difference < 1e-12,
        "the page shows a mean revenue of {shown}, the native engine gives {expected} \
         for {runs} runs with seed {seed}: relative difference {difference:.3e}, over 1e-12"
    );
    Ok(())
}

/// The runs and seed in the page's run summary, "2,000 runs over 365 days, seed 1, ...".
pub fn runs_and_seed(summary: &str) -> Result<(u32, u64), String> {
    let words: Vec<&str> = summary
        .split([' ', ','])
        .filter(|word| !word.is_empty())
        .collect();
    let runs_text: String = summary
        .split(" runs")
        .next()
        .unwrap_or_default()
        .replace(',', "");
    let seed_text = words
        .iter()
        .position(|word| *word == "seed")
        .and_then(|index| words.get(index + 1))
        .copied()
        .unwrap_or_default();
    match (runs_text.parse::<u32>(), seed_text.parse::<u64>()) {
        (Ok(runs), Ok(seed)) => Ok((runs, seed)),
        _ => Err(format!("cannot read the runs and seed in {summary:?}")),
    }
}
