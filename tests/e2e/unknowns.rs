//! Which unknown matters most (issue 15), on the page: after the report's charts, the sentence
//! is the one `app_model::uncertainty::sentence` writes from `funnelcast run --json`'s report for
//! the same scenario, runs and seed; the chart is drawn; "Plan a test of the … rate" chooses
//! that stage in the experiment planner. Then the section in each language, as screenshots.

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::editor::{choose, click, scenario_json, value_of, wait_ready};
use crate::harness::*;
use crate::layout::set_viewport;

fn command_line_report(
    scenario: &serde_json::Value,
    runs: u32,
    seed: u64,
) -> Result<funnelcast::engine::Report, String> {
    let path = std::env::temp_dir().join(format!(
        "funnelcast-e2e-unknowns-{}.json",
        std::process::id()
    ));
    std::fs::write(&path, scenario.to_string()).map_err(|error| error.to_string())?;
    let args: Vec<String> = [
        "funnelcast",
        "run",
        &path.display().to_string(),
        "--runs",
        &runs.to_string(),
        "--seed",
        &seed.to_string(),
        "--json",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = funnelcast::cli::main_with_args(args, &mut out, &mut err);
    let _ = std::fs::remove_file(&path);
    if code != 0 {
        return Err(String::from_utf8_lossy(&err).into_owned());
    }
    serde_json::from_slice(&out).map_err(|error| error.to_string())
}

async fn show_section(client: &Client) -> Result<(), String> {
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(
            "[data-testid='uncertainty-chart'][data-drawn='true']",
        ))
        .await
        .map_err(|error| format!("the uncertainty chart was not drawn: {error}"))?;
    client
        .execute(
            "document.querySelector(\"[data-testid='which-unknown']\").scrollIntoView();",
            Vec::new(),
        )
        .await
        .map(|_| ())
        .map_err(|error| error.to_string())
}

#[test]
fn the_page_names_the_unknown_worth_measuring_as_the_report_says() {
    with_app(async |client, server| {
        client
            .goto(&page_url(server))
            .await
            .map_err(|error| error.to_string())?;
        wait_ready(client).await?;
        show_section(client).await?;
        let summary = text_of(client, "[data-testid='run-summary']").await?;
        let (runs, seed) = crate::runs_and_seed(&summary)?;
        let scenario = scenario_json(client).await?;
        let report = command_line_report(&scenario, runs, seed)?;
        let style = funnelcast::app_model::explain::Style {
            locale: funnelcast::i18n::Locale::En,
            currency: funnelcast::i18n::Currency::default(),
        };
        let expected = funnelcast::app_model::uncertainty::sentence(style, &report);
        let shown = text_of(client, "[data-testid='which-unknown-sentence']").await?;
        println!("e2e: unknowns: {shown}");
        assert_eq!(
            shown, expected,
            "the sentence of funnelcast run --json's report"
        );
        if let Some(stage) = funnelcast::app_model::uncertainty::stage_to_measure(&report) {
            click(client, "[data-testid='which-unknown-experiment']").await?;
            assert_eq!(
                value_of(client, "[data-testid='experiment-stage']").await?,
                stage.to_string(),
                "the planner is set to the stage worth measuring"
            );
        }
        for language in ["en", "ru", "zh"] {
            choose(client, "[data-testid='language-menu']", language).await?;
            for (width, height) in [(1440, 900), (1280, 720)] {
                set_viewport(client, width, height).await?;
                tokio::time::sleep(Duration::from_millis(300)).await;
                show_section(client).await?;
                let text = text_of(client, "[data-testid='which-unknown']").await?;
                assert!(!text.contains("uncertainty."), "{language}: a key is shown");
                save_screenshot(client, &format!("unknowns-{language}-{width}x{height}")).await?;
            }
        }
        choose(client, "[data-testid='language-menu']", "en").await?;

        // "Lead quality ties the stages together": strong, and what it does to the range.
        choose(client, "[data-testid='correlation-menu']", "0.8").await?;
        client
            .wait()
            .at_most(Duration::from_secs(60))
            .for_element(Locator::Css("[data-testid='correlation-range']"))
            .await
            .map_err(|error| format!("no sentence on the revenue range: {error}"))?;
        let range = text_of(client, "[data-testid='correlation-range']").await?;
        println!("e2e: unknowns: {range}");
        assert!(
            range.starts_with("With strong ties the 90% range of revenue is"),
            "{range}"
        );
        assert_eq!(scenario_json(client).await?["rate_correlation"], 0.8);
        client
            .execute(
                "document.querySelector(\"[data-testid='correlation']\").scrollIntoView();",
                Vec::new(),
            )
            .await
            .map_err(|error| error.to_string())?;
        save_screenshot(client, "correlation-en-1280x720").await
    });
}
