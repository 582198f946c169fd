//! The printed report: printing the page (or saving it as PDF) gives one or two pages of the
//! forecast with the scenario's assumptions in words, and no control. Checked on Chromium's
//! own PDF (`Page.printToPDF`, what "Save as PDF" writes), in the three languages, and on
//! the page laid out for print (`Emulation.setEmulatedMedia`). The PDFs are saved next to the
//! screenshots (`target/screenshots/report-*.pdf`) to be looked at.

use std::time::Duration;

use base64::Engine as _;
use fantoccini::Client;
use serde_json::{Value as Json, json};

use crate::api::open;
use crate::editor::{choose, wait_for_script};
use crate::harness::*;

/// What a person reading the printed page sees, measured with the page laid out for print:
/// the controls still rendered, the sections shown, and the widest box.
async fn print_layout(client: &Client) -> Result<Json, String> {
    devtools(
        client,
        "Emulation.setEmulatedMedia",
        json!({ "media": "print" }),
    )
    .await?;
    let script = r#"
        const shown = (element) => element.getClientRects().length > 0
            && getComputedStyle(element).visibility !== 'hidden';
        // A sortable column's title is a button on screen and plain text on paper.
        const controls = [...document.querySelectorAll('input, select, textarea, button')]
            .filter((element) => !element.matches('th button.sort'))
            .filter(shown)
            .map((element) => element.outerHTML.slice(0, 120));
        const sections = {};
        for (const id of ['print-assumptions', 'results', 'leads-mean', 'revenue-mean',
                          'funnel-chart', 'forecast-chart', 'channels']) {
            const element = document.querySelector(`[data-testid='${id}']`);
            sections[id] = element ? shown(element) : null;
        }
        const assumptions = [...document.querySelectorAll("[data-testid='print-assumptions'] li")]
            .map((item) => item.textContent);
        return { controls, sections, assumptions,
                 editor: shown(document.querySelector('section.editor-panel')) };
    "#;
    let layout = client
        .execute(script, vec![])
        .await
        .map_err(|error| format!("cannot read the print layout: {error}"))?;
    devtools(client, "Emulation.setEmulatedMedia", json!({ "media": "" })).await?;
    Ok(layout)
}

/// The page as Chromium prints it to PDF on A4 paper, and its number of pages.
async fn pdf(client: &Client) -> Result<(Vec<u8>, usize), String> {
    let printed = devtools(
        client,
        "Page.printToPDF",
        json!({ "paperWidth": 8.27, "paperHeight": 11.69, "printBackground": true }),
    )
    .await?;
    let data = printed["data"]
        .as_str()
        .ok_or_else(|| format!("no PDF data: {printed}"))?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|error| format!("the PDF is not base64: {error}"))?;
    // Each page is an object of `/Type /Page` (the tree of pages is `/Type /Pages`).
    let text = String::from_utf8_lossy(&bytes);
    let pages = text
        .match_indices("/Type /Page")
        .filter(|(at, found)| !text[at + found.len()..].starts_with('s'))
        .count();
    Ok((bytes, pages))
}

#[test]
fn printing_gives_a_report_of_one_or_two_pages_with_its_assumptions_and_no_controls() {
    with_app(async |client, server| {
        open(client, server).await?;
        for language in ["en", "ru", "zh"] {
            choose(client, "[data-testid='language-menu']", language).await?;
            wait_for_script(
                client,
                &format!(
                    "return document.documentElement.lang.startsWith('{language}') \
                     && document.querySelectorAll(\"[data-testid='print-assumptions'] li\").length > 0 \
                     && !!document.querySelector(\"[data-testid='channels']\");"
                ),
                "the report in the language, with its assumptions and channels",
            )
            .await?;
            // The charts redraw in the language.
            tokio::time::sleep(Duration::from_millis(800)).await;
            let layout = print_layout(client).await?;
            println!("e2e: print layout in {language}: {layout}");
            let controls = layout["controls"].as_array().cloned().unwrap_or_default();
            assert!(
                controls.is_empty(),
                "{language}: no control is printed: {controls:#?}"
            );
            assert_eq!(
                layout["editor"], false,
                "{language}: the editor is not printed"
            );
            for (section, shown) in layout["sections"].as_object().into_iter().flatten() {
                assert_eq!(shown, true, "{language}: {section} is printed: {layout}");
            }
            let assumptions = layout["assumptions"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            assert!(
                assumptions.len() >= 3,
                "{language}: the horizon, the source and the stages in words: {assumptions:?}"
            );
            let (bytes, pages) = pdf(client).await?;
            let path = screenshot_directory().join(format!("report-{language}.pdf"));
            std::fs::create_dir_all(screenshot_directory()).map_err(|error| error.to_string())?;
            std::fs::write(&path, &bytes).map_err(|error| error.to_string())?;
            println!(
                "e2e: printed report in {language}: {pages} pages, {}",
                path.display()
            );
            assert!(
                (1..=2).contains(&pages),
                "{language}: the printed report takes {pages} pages, not one or two"
            );
        }
        Ok(())
    });
}
