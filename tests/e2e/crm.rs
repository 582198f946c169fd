//! "Import CRM history" (issue 13): the example history calibrated in the page agrees with
//! `funnelcast calibrate` on the same file and plan, stage by stage; the columns it read are
//! listed, the report and the back-test chart are shown, and only then does "Use as a new
//! variant" add the calibrated plan (one undo takes it back). A file with a bad date names the
//! line and the column and changes nothing; stages the plan lacks are listed, and unticking
//! "Keep my plan's stages" calibrates with the file's. Then the panel in each language at
//! 1440x900 and 1280x720, saved as screenshots. The 100,000-row timing is in `timing`.

use std::path::PathBuf;
use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::Value as Json;

use crate::editor::{attribute, choose, click, count, element, scenario_json, wait_ready};
use crate::harness::*;
use crate::layout::set_viewport;

pub fn example(name: &str) -> PathBuf {
    [env!("CARGO_MANIFEST_DIR"), "examples", "crm", name]
        .iter()
        .collect()
}

/// `funnelcast calibrate FILE --funnel pipeline.json --report R`: the scenario and the report.
fn command_line(history: &std::path::Path) -> Result<(Json, Json), String> {
    let report =
        std::env::temp_dir().join(format!("funnelcast-e2e-crm-{}.json", std::process::id()));
    let args = [
        "funnelcast".to_string(),
        "calibrate".to_string(),
        history.display().to_string(),
        "--funnel".to_string(),
        example("pipeline.json").display().to_string(),
        "--report".to_string(),
        report.display().to_string(),
    ];
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = funnelcast::cli::main_with_args(args.to_vec(), &mut out, &mut err);
    if code != 0 {
        return Err(format!(
            "funnelcast calibrate failed: {}",
            String::from_utf8_lossy(&err)
        ));
    }
    let text = std::fs::read_to_string(&report).map_err(|error| error.to_string())?;
    let _ = std::fs::remove_file(&report);
    let scenario = serde_json::from_slice(&out).map_err(|error| error.to_string())?;
    let report = serde_json::from_str(&text).map_err(|error| error.to_string())?;
    Ok((scenario, report))
}

/// Opens the panel (its part and texts load on demand).
pub async fn open_panel(client: &Client) -> Result<(), String> {
    click(client, "[data-testid='crm-open']").await?;
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("[data-testid='crm-import']"))
        .await
        .map_err(|error| format!("the import panel did not open: {error}"))?;
    Ok(())
}

/// Chooses `file` in the panel's file input.
pub async fn choose_file(client: &Client, file: &std::path::Path) -> Result<(), String> {
    element(client, "[data-testid='crm-file']")
        .await?
        .send_keys(&file.display().to_string())
        .await
        .map_err(|error| format!("cannot choose {}: {error}", file.display()))
}

/// Waits until the panel shows `selector` (the report, the errors, ...).
pub async fn wait_for_panel(client: &Client, selector: &str) -> Result<(), String> {
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(selector))
        .await
        .map(|_| ())
        .map_err(|error| format!("the panel never showed {selector}: {error}"))
}

async fn texts(client: &Client, selector: &str) -> Result<Vec<String>, String> {
    let found = client
        .execute(
            "return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent);",
            vec![Json::String(selector.to_string())],
        )
        .await
        .map_err(|error| error.to_string())?;
    serde_json::from_value(found).map_err(|error| error.to_string())
}

/// Loads examples/crm/pipeline.json as the plan (through the toolbar's JSON import).
async fn load_pipeline(client: &Client) -> Result<(), String> {
    element(client, "[data-testid='import-json']")
        .await?
        .send_keys(&example("pipeline.json").display().to_string())
        .await
        .map_err(|error| format!("cannot import the plan: {error}"))?;
    crate::editor::wait_new_forecast(client).await
}

#[test]
fn the_page_calibrates_the_example_history_as_the_command_line_does() {
    with_app(async |client, server| {
        client
            .goto(&page_url(server))
            .await
            .map_err(|error| error.to_string())?;
        wait_ready(client).await?;
        load_pipeline(client).await?;
        let plan = scenario_json(client).await?;

        open_panel(client).await?;
        let history = example("history.csv");
        choose_file(client, &history).await?;
        wait_for_panel(client, "[data-testid='crm-report']").await?;
        let (cli_scenario, cli_report) = command_line(&history)?;

        // The columns read, each with what it was read as.
        let headers: Vec<String> = client
            .execute(
                "return [...document.querySelectorAll(\"[data-testid='crm-columns'] tbody tr\")]
                     .map((row) => row.dataset.header);",
                Vec::new(),
            )
            .await
            .map_err(|error| error.to_string())
            .and_then(|v| serde_json::from_value(v).map_err(|error| error.to_string()))?;
        assert_eq!(
            headers,
            [
                "deal", "stage", "entered", "left", "outcome", "source", "amount"
            ]
        );
        let reading = crate::harness::text_of(client, "[data-testid='crm-reading']").await?;
        let deals = cli_report["deals"].as_u64().unwrap_or_default();
        println!("e2e: crm: {reading}");
        assert!(
            reading.contains(&format_thousands(deals)),
            "the sentence gives the {deals} deals: {reading}"
        );

        // Each stage's calibrated rate is the command line's.
        let shown: Vec<(String, Option<String>)> = client
            .execute(
                "return [...document.querySelectorAll(\"[data-testid='crm-report'] tbody tr\")]
                     .map((row) => [row.dataset.stage, row.dataset.calibrated ?? null]);",
                Vec::new(),
            )
            .await
            .map_err(|error| error.to_string())
            .and_then(|v| serde_json::from_value(v).map_err(|error| error.to_string()))?;
        let stages = cli_report["stages"].as_array().cloned().unwrap_or_default();
        assert_eq!(shown.len(), stages.len());
        for ((name, rate), stage) in shown.iter().zip(&stages) {
            assert_eq!(name, stage["name"].as_str().unwrap_or_default());
            let page: f64 = rate.as_deref().unwrap_or("nan").parse().unwrap_or(f64::NAN);
            let native = stage["calibrated"].as_f64().unwrap_or(f64::NAN);
            assert!(
                (page - native).abs() < 1e-9,
                "{name}: the page calibrated {page}, funnelcast calibrate {native}"
            );
        }
        let sentences = texts(client, "[data-testid='crm-sentences'] li").await?;
        assert!(!sentences.is_empty(), "the report says what it found");
        let backtest = texts(client, "[data-testid='crm-backtest'] li").await?;
        println!("e2e: crm: {}", backtest.join(" / "));
        assert!(backtest[0].contains("1,000 times"), "{backtest:?}");
        client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(
                "[data-testid='crm-backtest-chart'][data-drawn='true']",
            ))
            .await
            .map_err(|error| format!("the back-test chart was not drawn: {error}"))?;
        // Nothing changed before accepting.
        assert_eq!(scenario_json(client).await?, plan, "the plan is as it was");

        click(client, "[data-testid='crm-use-variant']").await?;
        wait_for_panel(
            client,
            "[data-testid='variant-tab-B'][aria-selected='true']",
        )
        .await?;
        assert_eq!(
            count(client, "[data-testid='crm-import']").await?,
            0,
            "closed"
        );
        let variant = scenario_json(client).await?;
        let shown_stages = variant["stages"].as_array().cloned().unwrap_or_default();
        let cli_stages = cli_scenario["stages"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(shown_stages.len(), cli_stages.len());
        for (page, native) in shown_stages.iter().zip(&cli_stages) {
            let mean = |stage: &Json| {
                let conversion = &stage["conversion"];
                conversion.as_f64().or_else(|| {
                    let beta = &conversion["beta"];
                    let (a, b) = (beta["alpha"].as_f64()?, beta["beta"].as_f64()?);
                    Some(a / (a + b))
                })
            };
            let (page_mean, native_mean) = (mean(page), mean(native));
            assert!(
                matches!((page_mean, native_mean), (Some(p), Some(n)) if (p - n).abs() < 1e-9),
                "{}: the variant's rate {page_mean:?}, the command line's {native_mean:?}",
                page["name"]
            );
        }
        assert_eq!(
            variant["sources"], cli_scenario["sources"],
            "sources as measured"
        );
        let notice = crate::harness::text_of(client, "[data-testid='notice']").await?;
        assert!(notice.contains("history.csv"), "{notice}");
        click(client, "[data-testid='undo']").await?;
        wait_for_panel(
            client,
            "[data-testid='variant-tab-A'][aria-selected='true']",
        )
        .await?;
        assert_eq!(count(client, "[data-testid='variant-tab-B']").await?, 0);
        assert_eq!(
            scenario_json(client).await?,
            plan,
            "undo puts the plan back"
        );
        Ok(())
    });
}

fn format_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn a_bad_file_names_the_line_and_column_and_the_plan_stays() {
    with_app(async |client, server| {
        client
            .goto(&page_url(server))
            .await
            .map_err(|error| error.to_string())?;
        wait_ready(client).await?;
        let plan = scenario_json(client).await?;
        open_panel(client).await?;

        // Line 4's entered date is not a date.
        let text = std::fs::read_to_string(example("history.csv")).map_err(|e| e.to_string())?;
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines[3] = lines[3].replacen("2026-01-07", "2026-13-07", 1);
        let broken = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("broken-history.csv");
        std::fs::write(&broken, lines.join("\n") + "\n").map_err(|e| e.to_string())?;
        choose_file(client, &broken).await?;
        wait_for_panel(client, "[data-testid='crm-errors'] li").await?;
        let errors = texts(client, "[data-testid='crm-errors'] li").await?;
        println!("e2e: crm: {errors:?}");
        assert!(
            errors[0].contains("Line 4")
                && errors[0].contains("entered")
                && errors[0].contains("2026-13-07"),
            "the message names the line, the column and the text: {errors:?}"
        );
        assert_eq!(
            attribute(client, "[data-testid='crm-use-variant']", "disabled").await?,
            "true",
            "nothing to use"
        );

        // The good file against the default plan: its stages are not the plan's.
        choose_file(client, &example("history.csv")).await?;
        client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::XPath(
                "//*[@data-testid='crm-errors']/li[contains(., 'Lead')]",
            ))
            .await
            .map_err(|error| format!("no message listing the stages: {error}"))?;
        let errors = texts(client, "[data-testid='crm-errors'] li").await?;
        assert!(errors.iter().any(|e| e.contains("Untick")), "{errors:?}");
        // Unticked: the file's stages.
        click(client, "[data-testid='crm-use-plan']").await?;
        wait_for_panel(
            client,
            "[data-testid='crm-report'] tbody tr[data-stage='Contract']",
        )
        .await?;
        assert_eq!(
            scenario_json(client).await?,
            plan,
            "nothing changed before accepting"
        );

        // Every other kind of bad file: its message, and the plan as it was.
        let header = lines[0].clone();
        let good_rows: Vec<String> = text.lines().skip(1).take(6).map(str::to_string).collect();
        let mut overlapping = vec![header.clone()];
        overlapping.push("X1,Lead,2026-01-05,2026-01-09,advanced,Website,".to_string());
        overlapping.push("X1,Meeting,2026-01-07,2026-01-12,lost,Website,".to_string());
        let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
            (
                "missing-column.csv",
                (std::iter::once(header.replacen("deal", "ticket", 1))
                    .chain(good_rows.iter().cloned())
                    .collect::<Vec<_>>()
                    .join("\n")
                    + "\n")
                    .into_bytes(),
                vec!["No column for", "deal", "ticket"],
            ),
            (
                "overlapping.csv",
                (overlapping.join("\n") + "\n").into_bytes(),
                vec!["X1", "line 2", "line 3"],
            ),
            (
                "not-csv.csv",
                vec![0x89, b'P', b'N', b'G', 0, 0, 0x1a, 0xff, 0xfe, 0],
                vec!["not a CSV file"],
            ),
            ("empty.csv", b"   \n".to_vec(), vec!["empty"]),
        ];
        for (name, bytes, words) in cases {
            let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
            std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
            choose_file(client, &path).await?;
            let wanted = format!(
                "//*[@data-testid='crm-errors']/li[contains(., '{}')]",
                words[0]
            );
            client
                .wait()
                .at_most(Duration::from_secs(30))
                .for_element(Locator::XPath(&wanted))
                .await
                .map_err(|error| format!("{name}: no message with {:?}: {error}", words[0]))?;
            let errors = texts(client, "[data-testid='crm-errors'] li").await?;
            println!("e2e: crm: {name}: {errors:?}");
            for word in &words {
                assert!(
                    errors.iter().any(|e| e.contains(word)),
                    "{name}: the message names {word}: {errors:?}"
                );
            }
            assert_eq!(
                scenario_json(client).await?,
                plan,
                "{name}: nothing changed"
            );
        }

        click(client, "[data-testid='crm-close']").await?;
        assert_eq!(count(client, "[data-testid='crm-import']").await?, 0);
        assert_eq!(
            scenario_json(client).await?,
            plan,
            "closing changes nothing"
        );
        Ok(())
    });
}

#[test]
fn the_import_panel_reads_well_in_every_language() {
    with_app(async |client, server| {
        client
            .goto(&page_url(server))
            .await
            .map_err(|error| error.to_string())?;
        wait_ready(client).await?;
        load_pipeline(client).await?;
        open_panel(client).await?;
        choose_file(client, &example("history.csv")).await?;
        wait_for_panel(
            client,
            "[data-testid='crm-backtest-chart'][data-drawn='true']",
        )
        .await?;
        for language in ["en", "ru", "zh"] {
            choose(client, "[data-testid='language-menu']", language).await?;
            let title = crate::harness::text_of(client, "#crm-title").await?;
            assert!(!title.starts_with("crm."), "{language}: {title}");
            let everything = crate::harness::text_of(client, "[data-testid='crm-import']").await?;
            assert!(
                !everything.contains("crm.import.") && !everything.contains("calibrate."),
                "{language}: a key is shown instead of its text"
            );
            for (width, height) in [(1440, 900), (1280, 720)] {
                set_viewport(client, width, height).await?;
                tokio::time::sleep(Duration::from_millis(300)).await;
                save_screenshot(client, &format!("crm-import-{language}-{width}x{height}")).await?;
            }
            // The report's end: the back-test's verdict and chart.
            client
                .execute(
                    "const panel = document.querySelector(\"[data-testid='crm-import']\");
                     panel.scrollTop = panel.scrollHeight;",
                    Vec::new(),
                )
                .await
                .map_err(|error| error.to_string())?;
            tokio::time::sleep(Duration::from_millis(300)).await;
            save_screenshot(client, &format!("crm-import-{language}-backtest-1280x720")).await?;
            client
                .execute(
                    "document.querySelector(\"[data-testid='crm-import']\").scrollTop = 0;",
                    Vec::new(),
                )
                .await
                .map_err(|error| error.to_string())?;
        }
        choose(client, "[data-testid='language-menu']", "en").await
    });
}
