//! Figures per channel (issue 12): on the default scenario (the six-step preset, two sources)
//! the per-channel table shows each source with the figures `funnelcast run --json` gives for
//! the same scenario, runs and seed; clicking a header sorts the table (with `aria-sort`); the
//! sentence names the cheapest source per customer; the chart is drawn and described. Then
//! the section in each language at 1440x900 and 1280x720, saved as screenshots.

use fantoccini::Client;
use serde_json::Value as Json;

use crate::editor::{choose, click, scenario_json, wait_ready};
use crate::harness::*;
use crate::layout::set_viewport;

/// The table's rows as the page shows them: each row's source and its cells' `data-value` by
/// column (empty where a figure is undefined).
async fn rows(client: &Client) -> Result<Vec<(String, Vec<(String, String)>)>, String> {
    let rows = client
        .execute(
            "return [...document.querySelectorAll(\"[data-testid='channel-row']\")].map((row) =>
                 [row.dataset.source,
                  [...row.querySelectorAll('td')].map((cell) =>
                      [cell.dataset.column, cell.dataset.value])]);",
            Vec::new(),
        )
        .await
        .map_err(|error| error.to_string())?;
    serde_json::from_value(rows).map_err(|error| error.to_string())
}

/// The `aria-sort` of every header, by column.
async fn aria_sorts(client: &Client) -> Result<Vec<(String, String)>, String> {
    let sorts = client
        .execute(
            "return [...document.querySelectorAll(\"[data-testid='channel-table'] thead th\")]
                 .map((th) => [th.dataset.column, th.getAttribute('aria-sort')]);",
            Vec::new(),
        )
        .await
        .map_err(|error| error.to_string())?;
    serde_json::from_value(sorts).map_err(|error| error.to_string())
}

/// The report of `funnelcast run FILE --runs RUNS --seed SEED --json` for `scenario`.
pub(crate) fn command_line_report(scenario: &Json, runs: u32, seed: u64) -> Result<Json, String> {
    let path = std::env::temp_dir().join(format!(
        "funnelcast-e2e-channels-{}.json",
        std::process::id()
    ));
    std::fs::write(&path, scenario.to_string()).map_err(|error| error.to_string())?;
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let args = [
        "funnelcast".to_string(),
        "run".to_string(),
        path.display().to_string(),
        "--runs".to_string(),
        runs.to_string(),
        "--seed".to_string(),
        seed.to_string(),
        "--json".to_string(),
    ];
    let code = funnelcast::cli::main_with_args(args.to_vec(), &mut out, &mut err);
    let _ = std::fs::remove_file(&path);
    if code != 0 {
        return Err(format!(
            "funnelcast run failed: {}",
            String::from_utf8_lossy(&err)
        ));
    }
    serde_json::from_slice(&out).map_err(|error| error.to_string())
}

/// The JSON key of a table column.
fn json_key(column: &str) -> &str {
    match column {
        "cost-per-customer" => "cost_per_customer",
        "return-on-spend" => "return_on_spend",
        other => other,
    }
}

#[test]
fn the_channel_table_agrees_with_the_command_line_sorts_and_names_the_cheapest() {
    with_app(async |client, server| {
        client
            .goto(&page_url(server))
            .await
            .map_err(|error| error.to_string())?;
        wait_ready(client).await?;
        let summary = text_of(client, "[data-testid='run-summary']").await?;
        let (runs, seed) = crate::runs_and_seed(&summary)?;
        let scenario = scenario_json(client).await?;
        let report = command_line_report(&scenario, runs, seed)?;
        let sources = report["sources"].as_array().cloned().unwrap_or_default();
        assert!(
            sources.len() >= 2,
            "the default scenario has two sources: {sources:?}"
        );

        // Each source, in the scenario's order at first, with the command line's means.
        let shown = rows(client).await?;
        let names: Vec<&str> = shown.iter().map(|(name, _)| name.as_str()).collect();
        let expected: Vec<&str> = sources
            .iter()
            .map(|s| s["name"].as_str().unwrap_or(""))
            .collect();
        assert_eq!(
            names, expected,
            "one row per source, in the scenario's order"
        );
        let mut compared = 0;
        for ((name, cells), source) in shown.iter().zip(&sources) {
            for (column, value) in cells {
                let wanted = source[json_key(column)]["mean"]
                    .as_f64()
                    .unwrap_or(f64::NAN);
                let value: f64 = value
                    .parse()
                    .map_err(|_| format!("{name} {column}: data-value {value:?}"))?;
                // The page simulates in wasm: the same runs, the same sums to rounding.
                let difference = (value - wanted).abs() / wanted.abs().max(1e-9);
                assert!(
                    difference < 1e-9,
                    "{name} {column}: page {value}, funnelcast run --json {wanted} \
                     ({runs} runs, seed {seed})"
                );
                compared += 1;
            }
        }
        assert_eq!(compared, 7 * sources.len(), "seven figures per source");
        let cost = |name: &str| {
            sources
                .iter()
                .find(|s| s["name"] == name)
                .and_then(|s| s["cost_per_customer"]["mean"].as_f64())
                .unwrap_or(f64::NAN)
        };

        // The sentence names the cheapest source per customer, as the command line finds it.
        let cheapest = expected
            .iter()
            .copied()
            .min_by(|a, b| cost(a).total_cmp(&cost(b)))
            .unwrap_or_default();
        let sentence = text_of(client, "[data-testid='cheapest-source']").await?;
        println!("e2e: channels: {sentence}");
        assert!(
            sentence.starts_with(&format!("“{cheapest}” brings the cheapest customers")),
            "the sentence names {cheapest}: {sentence}"
        );

        // Sorting: cost per customer, cheapest first, then turned round; revenue, largest first.
        let order = async || -> Result<Vec<String>, String> {
            Ok(rows(client)
                .await?
                .into_iter()
                .map(|(name, _)| name)
                .collect())
        };
        let sorted_by = |key: &str, descending: bool| {
            let mut names: Vec<String> = expected.iter().map(|n| n.to_string()).collect();
            let value = |name: &String| {
                sources
                    .iter()
                    .find(|s| s["name"] == name.as_str())
                    .and_then(|s| s[key]["mean"].as_f64())
                    .unwrap_or(f64::NAN)
            };
            names.sort_by(|a, b| value(a).total_cmp(&value(b)));
            if descending {
                names.reverse();
            }
            names
        };
        assert!(
            aria_sorts(client)
                .await?
                .iter()
                .all(|(_, sort)| sort == "none")
        );
        click(client, "[data-testid='channel-sort-cost-per-customer']").await?;
        assert_eq!(order().await?, sorted_by("cost_per_customer", false));
        assert_eq!(order().await?[0], cheapest);
        let sorts = aria_sorts(client).await?;
        for (column, sort) in &sorts {
            let wanted = if column == "cost-per-customer" {
                "ascending"
            } else {
                "none"
            };
            assert_eq!(sort, wanted, "aria-sort of {column}: {sorts:?}");
        }
        click(client, "[data-testid='channel-sort-cost-per-customer']").await?;
        assert_eq!(order().await?, sorted_by("cost_per_customer", true));
        assert!(
            aria_sorts(client)
                .await?
                .contains(&("cost-per-customer".to_string(), "descending".to_string()))
        );
        click(client, "[data-testid='channel-sort-revenue']").await?;
        assert_eq!(order().await?, sorted_by("revenue", true));

        // The chart is drawn, and its text names every source.
        let drawn =
            crate::editor::attribute(client, "[data-testid='channels-chart']", "data-drawn")
                .await?;
        assert_eq!(drawn, "true");
        let description = text_of(client, "[data-testid='channels-chart-description']").await?;
        for name in &expected {
            assert!(description.contains(name), "{name} in {description}");
        }
        assert!(console_errors(client).await?.is_empty());
        Ok(())
    });
}

/// The section in each language at the two common laptop sizes, for a person to look at.
#[test]
fn the_channel_section_in_three_languages() {
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
            for (width, height) in [(1440, 900), (1280, 720)] {
                set_viewport(client, width, height).await?;
                client
                    .execute(
                        "document.querySelector(\"[data-testid='channels']\").scrollIntoView();",
                        Vec::new(),
                    )
                    .await
                    .map_err(|error| error.to_string())?;
                tokio::time::sleep(std::time::Duration::from_millis(400)).await;
                let sentence = text_of(client, "[data-testid='cheapest-source']").await?;
                assert!(
                    !sentence.is_empty() && !sentence.contains('{'),
                    "{language}: {sentence}"
                );
                let header =
                    text_of(client, "[data-testid='channel-sort-cost-per-customer']").await?;
                let english = "Cost per customer";
                assert_eq!(header == english, language == "en", "{language}: {header}");
                // The table fits its panel, with the two sources of the default scenario.
                let fits = client
                    .execute(
                        "const wrap = document.querySelector(\"[data-testid='channels'] .table-wrap\");
                         return wrap.scrollWidth <= wrap.clientWidth + 1;",
                        Vec::new(),
                    )
                    .await
                    .map_err(|error| error.to_string())?;
                println!("e2e: channels {language} {width}x{height}: the table fits: {fits}");
                assert_eq!(
                    fits,
                    Json::Bool(true),
                    "{language} {width}x{height}: the per-channel table scrolls sideways"
                );
                save_screenshot(client, &format!("channels-{language}-{width}x{height}")).await?;
            }
        }
        Ok(())
    });
}
