//! "Runs: automatic": the page runs until the revenue is known to the precision chosen, takes
//! the runs the command line takes for it, says how precise it came out, and goes back to a
//! fixed number; `funnelcast.simulate` with `precision` gives `funnelcast run --precision`'s
//! report.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use serde_json::json;

use super::api;
use super::harness::*;
use funnelcast::engine::{self, automatic::Automatic};

/// Waits until `selector`'s text satisfies `done`, and returns it.
async fn text_when(
    client: &Client,
    selector: &str,
    done: impl Fn(&str) -> bool,
) -> Result<String, String> {
    let started = Instant::now();
    loop {
        let text = text_of(client, selector).await.unwrap_or_default();
        if done(&text) {
            return Ok(text);
        }
        if started.elapsed() > FORECAST_TIMEOUT {
            return Err(format!("{selector} still reads {text:?}"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn choose_runs(client: &Client, value: &str) -> Result<(), String> {
    client
        .find(Locator::Css("select[data-testid='runs-mode']"))
        .await
        .map_err(|error| format!("no runs menu: {error}"))?
        .select_by_value(value)
        .await
        .map_err(|error| format!("cannot choose {value}: {error}"))
}

#[test]
fn automatic_runs_take_the_runs_the_precision_needs_and_say_so() {
    with_app(async |client, server| {
        api::open(client, server).await?;
        // What the engine does natively for the default scenario at ±1% (the page's cap is
        // 100,000 runs, or fewer where they do not fit in memory).
        let model = funnelcast::scenario::presets::default_scenario()
            .validate()
            .map_err(|errors| format!("{errors:?}"))?;
        let cap = funnelcast::worker::automatic_cap(&model, funnelcast::app_model::MAX_RUNS);
        let simulation = engine::Simulation::new(&model);
        let schedule = Automatic::new(0.01, cap).map_err(|error| error.to_string())?;
        let native = simulation.automatic(1, schedule, |runs| vec![simulation.batch(1, runs)]);
        assert!(
            native.runs > 500,
            "the check needs more than one chunk: {}",
            native.runs
        );

        choose_runs(client, "1").await?;
        let sentence = text_when(client, "[data-testid='run-automatic']", |text| {
            text.contains("automatically")
        })
        .await?;
        assert!(
            sentence.contains("±1% asked") && sentence.contains("known to ±"),
            "{sentence}"
        );
        let summary = text_of(client, "[data-testid='run-summary']").await?;
        let shown = number_in(summary.split(" runs").next().unwrap_or_default())?;
        assert_eq!(shown, f64::from(native.runs), "{summary}");
        // The fixed runs field is put away while the runs are automatic.
        let fields = client
            .find_all(Locator::Css("[data-testid='runs-input']"))
            .await
            .map_err(|error| error.to_string())?;
        assert!(fields.is_empty(), "the runs field is hidden");
        let revenue_se = client
            .find(Locator::Css("[data-testid='revenue-se']"))
            .await
            .map_err(|error| error.to_string())?
            .attr("data-value")
            .await
            .map_err(|error| error.to_string())?
            .unwrap_or_default();
        let expected = native.revenue.precision.ok_or("no precision")?.mean_se;
        let revenue_se: f64 = revenue_se.parse().map_err(|_| revenue_se.clone())?;
        assert!(
            (revenue_se - expected).abs() <= 1e-9 * expected,
            "{revenue_se} / {expected}"
        );
        save_screenshot(client, "automatic-runs-en").await?;
        // The menu and the sentence in the other languages (their screenshots are looked at).
        for (language, words) in [("ru", "автоматически"), ("zh", "自动")] {
            crate::editor::choose(client, "[data-testid='language-menu']", language).await?;
            let sentence = text_when(client, "[data-testid='run-automatic']", |text| {
                text.contains(words)
            })
            .await?;
            assert!(sentence.contains('±'), "{language}: {sentence}");
            save_screenshot(client, &format!("automatic-runs-{language}")).await?;
            client
                .execute(
                    "document.querySelector(\"[data-testid='run-summary']\").scrollIntoView({block: 'center'});",
                    vec![],
                )
                .await
                .map_err(|error| error.to_string())?;
            save_screenshot(client, &format!("automatic-runs-{language}-summary")).await?;
        }
        crate::editor::choose(client, "[data-testid='language-menu']", "en").await?;

        // Back to a fixed number: the 2,000 runs it had, and no sentence.
        choose_runs(client, "fixed").await?;
        text_when(client, "[data-testid='run-summary']", |text| {
            text.starts_with("2,000 runs")
        })
        .await?;
        let sentences = client
            .find_all(Locator::Css("[data-testid='run-automatic']"))
            .await
            .map_err(|error| error.to_string())?;
        assert!(sentences.is_empty(), "no sentence with fixed runs");
        Ok(())
    });
}

#[test]
fn the_api_with_a_precision_gives_the_command_line_s_report() {
    with_app(async |client, server| {
        api::open(client, server).await?;
        let scenario = api::scenario("classroom-b2.json");
        let (page, _) = api::report(
            client,
            &scenario,
            // The cap given: the page's memory bound is not the command line's.
            json!({"precision": 0.01, "runs": 20_000, "seed": 3, "workers": 2}),
        )
        .await?;
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/classroom-b2.json");
        let output = Command::new(env!("CARGO_BIN_EXE_funnelcast"))
            .arg("run")
            .arg(&path)
            .args([
                "--precision",
                "1%",
                "--runs",
                "20000",
                "--seed",
                "3",
                "--json",
            ])
            .output()
            .map_err(|error| error.to_string())?;
        let native = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(native.contains("\"automatic\""), "{native}");
        api::check_against_the_command_line(&page, &native);
        // A precision that is not one is refused by name.
        let refused = client
            .execute(
                "return window.funnelcast.simulate(arguments[0], {precision: 2}).then(\
                 () => 'accepted', (error) => error.message);",
                vec![json!(scenario)],
            )
            .await
            .map_err(|error| error.to_string())?;
        let message = refused.as_str().unwrap_or_default();
        assert!(message.starts_with("options.precision:"), "{message}");
        Ok(())
    });
}
