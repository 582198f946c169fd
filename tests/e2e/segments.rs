//! Segments in the page (issue 15): the B2B preset's per-segment table shows what
//! `funnelcast run --json` gives for the same scenario, runs and seed; the funnel split by
//! segment is drawn and described; the editor's grid sets a segment's own rate (and refuses a
//! rate of 150% naming it, keeping what was there), a share that breaks the sum is said and
//! the forecast waits, and a source is sent to a segment. Then the sections in each language
//! at 1440x900 and 1280x720, saved as screenshots.

use fantoccini::Client;

use crate::channels::command_line_report;
use crate::editor::{choose, scenario_json, type_into, wait_ready};
use crate::harness::*;
use crate::layout::set_viewport;

/// The per-segment table's rows: each row's segment and its cells' `data-value`s in order.
async fn rows(client: &Client) -> Result<Vec<(String, Vec<String>)>, String> {
    let rows = client
        .execute(
            "return [...document.querySelectorAll(\"[data-testid='segment-row']\")].map((row) =>
                 [row.dataset.segment,
                  [...row.querySelectorAll('td')].map((cell) => cell.dataset.value)]);",
            Vec::new(),
        )
        .await
        .map_err(|error| error.to_string())?;
    serde_json::from_value(rows).map_err(|error| error.to_string())
}

async fn wait_for(client: &Client, selector: &str) -> Result<(), String> {
    client
        .wait()
        .at_most(FORECAST_TIMEOUT)
        .for_element(fantoccini::Locator::Css(selector))
        .await
        .map(|_| ())
        .map_err(|error| format!("no {selector}: {error}"))
}

async fn open_b2b(client: &Client, server: &StaticServer) -> Result<(), String> {
    crate::api::open(client, server).await?;
    choose(client, "[data-testid='preset-menu']", "b2b-segments").await?;
    wait_ready(client).await?;
    wait_for(client, "[data-testid='segment-row']").await
}

/// The grid cell of `field` for segment `segment` at stage `stage`.
fn cell(field: &str, segment: usize, stage: usize) -> String {
    format!("[data-testid='segment-cell-{field}'][data-segment='{segment}'][data-stage='{stage}']")
}

#[test]
fn segments_agree_with_the_command_line_and_the_grid_edits_them() {
    with_app(async |client, server| {
        open_b2b(client, server).await?;
        let summary = text_of(client, "[data-testid='run-summary']").await?;
        let (runs, seed) = crate::runs_and_seed(&summary)?;
        let scenario = scenario_json(client).await?;
        let report = command_line_report(&scenario, runs, seed)?;
        let segments = report["segments"].as_array().cloned().unwrap_or_default();
        assert_eq!(segments.len(), 2, "two segments in the preset");
        let shown = rows(client).await?;
        assert_eq!(shown.len(), 2);
        for ((name, cells), segment) in shown.iter().zip(&segments) {
            assert_eq!(name, segment["name"].as_str().unwrap_or(""));
            for (value, key) in cells.iter().zip(["leads", "cost", "customers", "revenue"]) {
                let value: f64 = value
                    .parse()
                    .map_err(|_| format!("{name} {key}: {value:?}"))?;
                let wanted = segment[key]["mean"].as_f64().unwrap_or(f64::NAN);
                let difference = (value - wanted).abs() / wanted.abs().max(1e-9);
                assert!(
                    difference < 1e-9,
                    "{name} {key}: page {value}, funnelcast run --json {wanted}"
                );
            }
        }
        let drawn =
            crate::editor::attribute(client, "[data-testid='segments-chart']", "data-drawn")
                .await?;
        assert_eq!(drawn, "true");
        let description = text_of(client, "[data-testid='segments-chart-description']").await?;
        for (name, _) in &shown {
            assert!(
                description.contains(name.as_str()),
                "{name} in {description}"
            );
        }

        // The grid: Enterprise's own Proposal rate, typed.
        wait_for(client, "[data-testid='segment-grid']").await?;
        let proposal = 2;
        type_into(client, &cell("conversion", 1, proposal), "40%").await?;
        wait_ready(client).await?;
        let scenario = scenario_json(client).await?;
        let own = &scenario["segments"][1]["stages"]["Proposal"]["conversion"];
        assert_eq!(own.as_f64(), Some(0.4), "{own}");
        // 150% is refused next to the cell, and the 40% stays.
        type_into(client, &cell("conversion", 1, proposal), "150%").await?;
        let problem = text_of(
            client,
            "[data-testid='field-error'][data-path='segments[1].stages.Proposal.conversion']",
        )
        .await?;
        println!("e2e: segments: 150% says {problem:?}");
        assert!(!problem.is_empty(), "a message under the cell");
        let scenario = scenario_json(client).await?;
        assert_eq!(
            scenario["segments"][1]["stages"]["Proposal"]["conversion"].as_f64(),
            Some(0.4)
        );
        // An empty cell gives the stage's own back.
        client
            .execute(
                "const input = document.querySelector(arguments[0]);
                 input.value = '';
                 input.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![cell("conversion", 1, proposal).into()],
            )
            .await
            .map_err(|error| error.to_string())?;
        wait_ready(client).await?;
        let scenario = scenario_json(client).await?;
        assert!(
            scenario["segments"][1]["stages"]["Proposal"]
                .get("conversion")
                .is_none(),
            "{}",
            scenario["segments"][1]
        );

        // A share that breaks the sum: said under the list and by validation, nothing lost.
        type_into(client, "[data-path='segments[0].share'] input", "50").await?;
        wait_for(client, "[data-testid='segments-shares-note']").await?;
        let note = text_of(client, "[data-testid='segments-shares-note']").await?;
        assert!(note.contains("65%"), "{note}");
        let scenario = scenario_json(client).await?;
        assert_eq!(scenario["segments"][0]["share"].as_f64(), Some(0.5));
        type_into(client, "[data-path='segments[0].share'] input", "85").await?;
        wait_ready(client).await?;
        assert!(
            client
                .find(fantoccini::Locator::Css(
                    "[data-testid='segments-shares-note']"
                ))
                .await
                .is_err()
        );

        // The website's leads sent to Enterprise: its leads then are every lead.
        choose(client, "[data-testid='source-segment']", "Enterprise").await?;
        wait_ready(client).await?;
        let scenario = scenario_json(client).await?;
        assert_eq!(
            scenario["sources"][0]["segment"].as_str(),
            Some("Enterprise")
        );
        let shown = rows(client).await?;
        let leads = |row: &(String, Vec<String>)| row.1[0].parse::<f64>().unwrap_or(f64::NAN);
        assert_eq!(leads(&shown[0]), 0.0, "no small business left: {shown:?}");
        assert!(console_errors(client).await?.is_empty());
        Ok(())
    });
}

/// The editor's segments and the per-segment results in each language at the two common
/// laptop sizes, for a person to look at.
#[test]
fn the_segment_sections_in_three_languages() {
    with_app(async |client, server| {
        for language in ["en", "ru", "zh"] {
            client
                .goto(&page_url(server))
                .await
                .map_err(|error| error.to_string())?;
            client
                .execute("localStorage.clear();", Vec::new())
                .await
                .map_err(|error| error.to_string())?;
            client.refresh().await.map_err(|error| error.to_string())?;
            wait_ready(client).await?;
            choose(client, "[data-testid='language-menu']", language).await?;
            wait_ready(client).await?;
            choose(client, "[data-testid='preset-menu']", "b2b-segments").await?;
            wait_ready(client).await?;
            wait_for(client, "[data-testid='segment-row']").await?;
            wait_for(client, "[data-testid='segment-grid']").await?;
            let heading = text_of(client, "#segments-heading").await?;
            assert_eq!(
                heading.to_lowercase() == "by segment",
                language == "en",
                "{language}: {heading}"
            );
            assert!(!heading.contains('.'), "{language}: a key shown: {heading}");
            for (width, height) in [(1440, 900), (1280, 720)] {
                set_viewport(client, width, height).await?;
                for (section, name) in [
                    ("segments-results", "segments"),
                    ("segments-editor", "segments-editor"),
                ] {
                    client
                        .execute(
                            &format!(
                                "document.querySelector(\"[data-testid='{section}']\").scrollIntoView();"
                            ),
                            Vec::new(),
                        )
                        .await
                        .map_err(|error| error.to_string())?;
                    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
                    save_screenshot(client, &format!("{name}-{language}-{width}x{height}")).await?;
                }
            }
            let description = text_of(client, "[data-testid='segments-chart-description']").await?;
            assert!(!description.contains('{'), "{language}: {description}");
        }
        Ok(())
    });
}
