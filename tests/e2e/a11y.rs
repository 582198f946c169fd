//! Issue 11, items 21 and 22: the Chinese UI draws real glyphs, not empty boxes; every control
//! has a name a screen reader reads, the editor works from the keyboard with a visible focus,
//! every chart has a text alternative, and axe-core finds no serious or critical violation.

use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use funnelcast::app_model::chart_text;
use funnelcast::app_model::explain::Style;
use funnelcast::i18n::Locale;
use funnelcast::i18n::format::Currency;
use serde_json::Value as Json;

use crate::editor::{
    attribute, choose, click, figure_value, type_into, wait_new_forecast, wait_ready,
};
use crate::harness::*;

/// How the characters of `selector`'s text render in its own computed font: for each
/// distinct character, a fingerprint of its pixels drawn alone on a canvas, and the same for
/// code points no font has (private use), which draw the fallback box (tofu).
async fn glyph_prints(client: &Client, selector: &str) -> Result<Json, String> {
    let script = r#"
        const [selector] = arguments;
        const element = document.querySelector(selector);
        if (!element) return null;
        const style = getComputedStyle(element);
        const font = `${style.fontWeight} 48px ${style.fontFamily}`;
        const canvas = document.createElement('canvas');
        canvas.width = 96;
        canvas.height = 96;
        const context = canvas.getContext('2d', { willReadFrequently: true });
        const print = (text) => {
            context.clearRect(0, 0, canvas.width, canvas.height);
            context.font = font;
            context.fillStyle = '#000';
            context.textBaseline = 'middle';
            context.fillText(text, 8, 48);
            const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
            let hash = 0, inked = 0;
            for (let i = 3; i < data.length; i += 4) {
                hash = (hash * 31 + data[i]) >>> 0;
                if (data[i] > 0) inked += 1;
            }
            return { hash, inked, width: Math.round(context.measureText(text).width * 10) / 10 };
        };
        const characters = [...new Set([...element.textContent.trim()])];
        return {
            font,
            text: element.textContent.trim(),
            characters: characters.map((character) => ({ character, ...print(character) })),
            tofu: ['\uE000', '\uE001', '\u{10FFFD}'].map((character) => print(character)),
        };
    "#;
    client
        .execute(script, vec![selector.into()])
        .await
        .map_err(|error| format!("cannot draw the glyphs of {selector}: {error}"))
}

/// In the Chinese UI, the results heading's characters are drawn as themselves: two different
/// characters never draw the same pixels (on a machine without a CJK font every one of them
/// is the same empty box, as are code points no font has).
#[test]
fn the_chinese_heading_draws_real_glyphs_not_boxes() {
    with_app(async |client, server| {
        client
            .goto(&page_url(server))
            .await
            .map_err(|error| error.to_string())?;
        wait_ready(client).await?;
        choose(client, "[data-testid='language-menu']", "zh").await?;
        let prints = glyph_prints(client, "#results-heading").await?;
        println!("e2e: glyphs of the Chinese heading: {prints}");
        // The page names fonts that cover Chinese on Windows, macOS and Linux, first in Chinese.
        let font = prints["font"].as_str().unwrap_or_default();
        for family in ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC"] {
            assert!(
                font.contains(family),
                "the Chinese UI's font stack names {family}: {font}"
            );
        }
        assert!(
            font.find("PingFang SC") < font.find("DejaVu Sans"),
            "in Chinese, the Chinese fonts come first: {font}"
        );
        let characters = prints["characters"].as_array().cloned().unwrap_or_default();
        assert!(
            characters.len() >= 2,
            "the Chinese heading has at least two different characters: {prints}"
        );
        let tofu: Vec<&Json> = prints["tofu"]
            .as_array()
            .map(|boxes| boxes.iter().map(|print| &print["hash"]).collect())
            .unwrap_or_default();
        for character in &characters {
            assert!(
                character["inked"].as_u64().unwrap_or(0) > 0,
                "{} draws nothing in {}",
                character["character"],
                prints["font"]
            );
            assert!(
                !tofu.contains(&&character["hash"]),
                "{} draws as the box of a missing glyph in {}: no font of the page's stack \
                 covers Chinese ({prints})",
                character["character"],
                prints["font"]
            );
        }
        let mut hashes: Vec<u64> = characters
            .iter()
            .filter_map(|character| character["hash"].as_u64())
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(
            hashes.len(),
            characters.len(),
            "different characters of the Chinese heading draw the same pixels (empty boxes) \
             in {}: {prints}",
            prints["font"]
        );
        save_screenshot(client, "screenshot-zh").await
    });
}

/// axe-core's script: `FUNNELCAST_AXE_JS` (`cargo xtask test` installs axe-core from npm into
/// `target/xtask-tools/` and passes its path), else what an earlier run installed there.
fn axe_source() -> Result<String, String> {
    let path = match std::env::var_os("FUNNELCAST_AXE_JS") {
        Some(path) => std::path::PathBuf::from(path),
        None => {
            let tools = screenshot_directory()
                .parent()
                .map(|target| target.join("xtask-tools"))
                .unwrap_or_default();
            let mut found: Vec<std::path::PathBuf> = std::fs::read_dir(&tools)
                .map(|entries| {
                    entries
                        .flatten()
                        .map(|entry| entry.path())
                        .filter(|path| {
                            path.file_name()
                                .and_then(|name| name.to_str())
                                .is_some_and(|name| name.starts_with("axe-core-"))
                        })
                        .map(|path| path.join("node_modules/axe-core/axe.min.js"))
                        .filter(|script| script.is_file())
                        .collect()
                })
                .unwrap_or_default();
            found.sort();
            found.pop().ok_or_else(|| {
                format!(
                    "axe-core is not installed: no FUNNELCAST_AXE_JS and no \
                     {}/axe-core-*/node_modules/axe-core/axe.min.js. `cargo xtask test` installs \
                     it from npm; the accessibility checks cannot run without it",
                    tools.display()
                )
            })?
        }
    };
    std::fs::read_to_string(&path).map_err(|error| {
        format!(
            "cannot read axe-core's script {}: {error} (`cargo xtask test` installs it)",
            path.display()
        )
    })
}

/// Runs axe-core on the whole page (injected once per page load) and returns its violations:
/// each rule's id, impact, help and the nodes it found, with axe's summary of what to fix.
async fn axe_violations(client: &Client) -> Result<Vec<Json>, String> {
    let loaded = client
        .execute("return typeof window.axe === 'object';", Vec::new())
        .await
        .map_err(|error| error.to_string())?;
    if loaded != Json::Bool(true) {
        let source = axe_source()?;
        client
            .execute(&format!("{source}\n;return true;"), Vec::new())
            .await
            .map_err(|error| format!("cannot inject axe-core: {error}"))?;
    }
    let result = client
        .execute_async(
            r#"
            const done = arguments[arguments.length - 1];
            window.axe
                .run(document, { resultTypes: ['violations'] })
                .then((results) => done({
                    violations: results.violations.map((rule) => ({
                        id: rule.id,
                        impact: rule.impact,
                        help: rule.help,
                        nodes: rule.nodes.map((node) => ({
                            target: node.target.join(' '),
                            html: node.html.slice(0, 160),
                            summary: node.failureSummary,
                        })),
                    })),
                }))
                .catch((error) => done({ error: String(error) }));
            "#,
            Vec::new(),
        )
        .await
        .map_err(|error| format!("axe.run failed: {error}"))?;
    if let Some(error) = result["error"].as_str() {
        return Err(format!("axe.run failed: {error}"));
    }
    Ok(result["violations"].as_array().cloned().unwrap_or_default())
}

/// The violations as lines a person can act on: impact, rule, help, and each node with axe's
/// summary of what to fix.
fn axe_summary(violations: &[Json]) -> String {
    violations
        .iter()
        .map(|rule| {
            let nodes: Vec<String> = rule["nodes"]
                .as_array()
                .map(|nodes| {
                    nodes
                        .iter()
                        .map(|node| {
                            format!(
                                "    {} {}\n      {}",
                                node["target"].as_str().unwrap_or_default(),
                                node["html"].as_str().unwrap_or_default(),
                                node["summary"]
                                    .as_str()
                                    .unwrap_or_default()
                                    .replace('\n', "\n      ")
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            format!(
                "  {} {} ({} nodes): {}\n{}",
                rule["impact"].as_str().unwrap_or("?"),
                rule["id"].as_str().unwrap_or("?"),
                nodes.len(),
                rule["help"].as_str().unwrap_or_default(),
                nodes.join("\n")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The serious and critical violations of axe-core on the page as it is, in each language,
/// written into `failures` (with every violation printed).
async fn axe_in_three_languages(
    client: &Client,
    page: &str,
    failures: &mut Vec<String>,
) -> Result<(), String> {
    for language in ["en", "ru", "zh"] {
        choose(client, "[data-testid='language-menu']", language).await?;
        let violations = axe_violations(client).await?;
        println!(
            "e2e: axe on {page} in {language}: {} rules violated\n{}",
            violations.len(),
            axe_summary(&violations)
        );
        let serious: Vec<Json> = violations
            .into_iter()
            .filter(|rule| matches!(rule["impact"].as_str(), Some("serious" | "critical")))
            .collect();
        if !serious.is_empty() {
            failures.push(format!(
                "{page}, in {language}: {} serious or critical violations\n{}",
                serious.len(),
                axe_summary(&serious)
            ));
        }
    }
    choose(client, "[data-testid='language-menu']", "en").await
}

/// Opens the page and waits for the default forecast.
async fn open(client: &Client, server: &StaticServer) -> Result<(), String> {
    client
        .goto(&page_url(server))
        .await
        .map_err(|error| error.to_string())?;
    wait_ready(client).await
}

async fn wait_for(client: &Client, selector: &str, seconds: u64) -> Result<(), String> {
    client
        .wait()
        .at_most(Duration::from_secs(seconds))
        .for_element(Locator::Css(selector))
        .await
        .map(|_| ())
        .map_err(|error| format!("{selector} did not appear within {seconds} s: {error}"))
}

/// Fails with every serious or critical violation axe-core found, page by page and language
/// by language.
fn assert_no_serious_violation(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "axe-core found serious or critical accessibility violations:\n{}",
        failures.join("\n")
    );
}

/// The default page, in English, Russian and Chinese.
#[test]
fn the_default_page_passes_axe_in_three_languages() {
    with_app(async |client, server| {
        open(client, server).await?;
        let mut failures = Vec::new();
        axe_in_three_languages(client, "the default page", &mut failures).await?;
        assert_no_serious_violation(&failures);
        Ok(())
    });
}

/// Every chart on the page: its canvas's accessible name and the text its `aria-describedby`
/// points at.
async fn chart_texts(client: &Client) -> Result<Vec<Json>, String> {
    let texts = client
        .execute(
            "return [...document.querySelectorAll('canvas')].map((canvas) => {
                 const described = (canvas.getAttribute('aria-describedby') || '')
                     .split(' ').map((id) => document.getElementById(id)).filter(Boolean);
                 return {
                     chart: canvas.dataset.testid,
                     role: canvas.getAttribute('role'),
                     name: canvas.getAttribute('aria-label') || '',
                     description: described.map((element) => element.textContent.trim()).join(' '),
                 };
             });",
            Vec::new(),
        )
        .await
        .map_err(|error| error.to_string())?;
    Ok(texts.as_array().cloned().unwrap_or_default())
}

/// Whether `text` is written in `language`'s script (a Cyrillic or a Han character for
/// Russian and Chinese, no such character for English).
fn in_script(text: &str, language: &str) -> bool {
    let cyrillic = text.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    let han = text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    match language {
        "ru" => cyrillic,
        "zh" => han,
        _ => !cyrillic && !han,
    }
}

/// Every chart has a name and a text alternative with numbers, in `language`.
async fn check_chart_texts(
    client: &Client,
    language: &str,
    expected_charts: &[&str],
) -> Result<(), String> {
    let texts = chart_texts(client).await?;
    let charts: Vec<&str> = texts
        .iter()
        .filter_map(|text| text["chart"].as_str())
        .collect();
    for chart in expected_charts {
        assert!(
            charts.contains(chart),
            "no chart {chart} on the page: {charts:?}"
        );
    }
    for text in &texts {
        let description = text["description"].as_str().unwrap_or_default();
        assert_eq!(text["role"], "img", "{text}");
        assert!(
            !text["name"].as_str().unwrap_or_default().is_empty(),
            "{text}"
        );
        assert!(
            description.chars().filter(char::is_ascii_digit).count() >= 3,
            "in {language}, the chart's text alternative gives its numbers: {text}"
        );
        assert!(
            in_script(description, language),
            "the chart's text alternative is in {language}: {text}"
        );
    }
    Ok(())
}

/// The fan chart's and the funnel's text alternatives are `app_model::chart_text`'s for the
/// forecast the page shows (the native engine, same runs and seed), in each language, and
/// every chart has one.
#[test]
fn every_chart_has_a_text_alternative_in_the_page_language() {
    with_app(async |client, server| {
        open(client, server).await?;
        let summary = text_of(client, "[data-testid='run-summary']").await?;
        let (runs, seed) = crate::runs_and_seed(&summary)?;
        let model = funnelcast::scenario::presets::default_scenario()
            .validate()
            .map_err(|errors| format!("{errors:?}"))?;
        let report = funnelcast::engine::simulate(&model, runs, seed);
        let charts = [
            "funnel-chart",
            "forecast-chart",
            "revenue-histogram",
            "days-chart",
        ];
        for (language, locale) in [("en", Locale::En), ("ru", Locale::Ru), ("zh", Locale::Zh)] {
            choose(client, "[data-testid='language-menu']", language).await?;
            check_chart_texts(client, language, &charts).await?;
            let style = Style {
                locale,
                currency: Currency::from_code(
                    &attribute(client, "[data-testid='currency-menu']", "value").await?,
                )
                .unwrap_or_default(),
            };
            let texts = chart_texts(client).await?;
            let of = |chart: &str| {
                texts
                    .iter()
                    .find(|text| text["chart"] == chart)
                    .and_then(|text| text["description"].as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            println!(
                "e2e: {language}: the fan chart reads {:?}",
                of("forecast-chart")
            );
            assert_eq!(
                of("forecast-chart"),
                chart_text::revenue_over_time(style, &report),
                "the fan chart's text, in {language}, is the native report's"
            );
            assert_eq!(
                of("funnel-chart"),
                chart_text::funnel(style, &report.stages),
                "the funnel's text, in {language}, is the native report's"
            );
        }
        // A revenue target enters the histogram's text with its chance.
        choose(client, "[data-testid='language-menu']", "en").await?;
        type_into(client, "label[data-path='target'] input", "400000").await?;
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        loop {
            let texts = chart_texts(client).await?;
            let histogram = texts
                .iter()
                .find(|text| text["chart"] == "revenue-histogram")
                .and_then(|text| text["description"].as_str())
                .unwrap_or_default()
                .to_string();
            if histogram.contains("of runs reach the target of") && histogram.contains("400,000") {
                break;
            }
            if std::time::Instant::now() > deadline {
                return Err(format!(
                    "the histogram's text does not name the target: {histogram}"
                ));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    });
}

/// Plan B beside plan A, with every part of the editor unfolded (delays, values, a nurture
/// loop and repeat purchases on) and the comparison and the tornado run: their charts, tables
/// and controls pass axe too, and every chart has its text in each language.
#[test]
fn a_page_with_a_variant_and_its_decisions_passes_axe_in_three_languages() {
    with_app(async |client, server| {
        open(client, server).await?;
        click(client, "[data-testid='duplicate-variant']").await?;
        wait_for(client, "[data-testid='variant-tab-B']", 5).await?;
        wait_ready(client).await?;
        type_into(client, "[data-testid='stage-0-conversion']", "40%").await?;
        wait_new_forecast(client).await?;
        client
            .execute(
                "document.querySelectorAll('details').forEach((d) => { d.open = true; });",
                Vec::new(),
            )
            .await
            .map_err(|error| error.to_string())?;
        for toggle in ["retention-toggle", "stage-0-nurture-toggle"] {
            let selector = format!("[data-testid='{toggle}']");
            let on = crate::editor::element(client, &selector)
                .await?
                .prop("checked")
                .await
                .map_err(|error| error.to_string())?;
            if on.as_deref() != Some("true") {
                click(client, &selector).await?;
                wait_new_forecast(client).await?;
            }
        }
        click(client, "[data-testid='compare-run']").await?;
        wait_for(
            client,
            "canvas[data-testid='compare-difference'][data-drawn='true']",
            240,
        )
        .await?;
        click(client, "[data-testid='sensitivity-run']").await?;
        wait_for(
            client,
            "canvas[data-testid='tornado-chart'][data-drawn='true']",
            240,
        )
        .await?;
        let charts = [
            "funnel-chart",
            "forecast-chart",
            "revenue-histogram",
            "days-chart",
            "compare-revenue",
            "compare-fans",
            "compare-difference",
            "tornado-chart",
        ];
        let mut failures = Vec::new();
        for language in ["en", "ru", "zh"] {
            choose(client, "[data-testid='language-menu']", language).await?;
            check_chart_texts(client, language, &charts).await?;
        }
        let texts = chart_texts(client).await?;
        println!("e2e: the charts' texts in Chinese: {texts:#?}");
        axe_in_three_languages(
            client,
            "the page with plan B, its comparison and the tornado, everything unfolded",
            &mut failures,
        )
        .await?;
        assert_no_serious_violation(&failures);
        save_screenshot(client, "screenshot-a11y-variant").await
    });
}

/// A field that cannot be read ("abc" leads a day) and one the engine refuses (150%): the
/// messages, the banner and the stale forecast pass axe in each language.
#[test]
fn a_page_with_invalid_fields_passes_axe_in_three_languages() {
    with_app(async |client, server| {
        open(client, server).await?;
        type_into(client, "label[data-path='sources[0].per_day'] input", "abc").await?;
        wait_for(
            client,
            "label[data-path='sources[0].per_day'] [data-testid='field-error']",
            5,
        )
        .await?;
        type_into(client, "[data-testid='stage-0-conversion']", "150%").await?;
        wait_for(client, "[data-testid='results'][data-state='invalid']", 5).await?;
        wait_for(client, "[data-testid='forecast-errors']", 5).await?;
        let mut failures = Vec::new();
        axe_in_three_languages(client, "the page with invalid fields", &mut failures).await?;
        assert_no_serious_violation(&failures);
        // The stale forecast, greyed but readable.
        save_screenshot(client, "screenshot-a11y-invalid").await
    });
}

/// The focused element and how its focus shows: its own ring (outline or box shadow), or its
/// label's for a control hidden behind its label (the file input behind "Import").
async fn focus_state(client: &Client) -> Result<Json, String> {
    client
        .execute(
            r#"
            const element = document.activeElement;
            if (!element || element === document.body) return { element: 'body', visible: false };
            const describe = (node) => {
                const style = getComputedStyle(node);
                const box = node.getBoundingClientRect();
                const outline = style.outlineStyle !== 'none' ? parseFloat(style.outlineWidth) || 0 : 0;
                return {
                    outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
                    outlineWidth: outline,
                    shadow: style.boxShadow,
                    width: box.width,
                    height: box.height,
                };
            };
            const rings = [element, element.closest('label')].filter(Boolean).map(describe);
            // A ring at least 2 CSS pixels thick (WCAG 2.4.13), on a box a person can see.
            const visible = rings.some((ring) =>
                (ring.outlineWidth >= 2 || ring.shadow !== 'none') && ring.width >= 4 && ring.height >= 4);
            return {
                element: `${element.tagName.toLowerCase()}${element.dataset.testid ? `[${element.dataset.testid}]` : ''}${element.type ? `(${element.type})` : ''}`,
                testid: element.dataset.testid || null,
                label: element.getAttribute('aria-label')
                    || (element.labels && element.labels[0]
                        ? (element.labels[0].querySelector('span') || element.labels[0]).textContent.trim()
                        : element.textContent.trim()).slice(0, 40),
                rings,
                visible,
            };
            "#,
            Vec::new(),
        )
        .await
        .map_err(|error| format!("cannot read the focus: {error}"))
}

/// Presses `keys` on the keyboard, one after the other (to whatever has the focus).
async fn press(client: &Client, keys: &[char]) -> Result<(), String> {
    let mut actions = KeyActions::new("keyboard".to_string());
    for &key in keys {
        actions = actions
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
    }
    client
        .perform_actions(actions)
        .await
        .map_err(|error| format!("cannot press {keys:?}: {error}"))
}

/// From the top of the page, Tab alone reaches the first stage's conversion field, every stop
/// on the way shows where the focus is, and typing a rate there changes the forecast.
#[test]
fn the_editor_works_from_the_keyboard_with_a_visible_focus() {
    with_app(async |client, server| {
        open(client, server).await?;
        let before = figure_value(client, "revenue").await?;
        client
            .execute(
                "document.activeElement.blur(); window.scrollTo(0, 0);",
                Vec::new(),
            )
            .await
            .map_err(|error| error.to_string())?;
        let target = "stage-0-conversion";
        let mut stops = Vec::new();
        let mut hidden = Vec::new();
        loop {
            press(client, &[char::from(Key::Tab)]).await?;
            let focus = focus_state(client).await?;
            if focus["visible"] != Json::Bool(true) {
                hidden.push(focus.clone());
            }
            stops.push(format!(
                "{} {:?}",
                focus["element"].as_str().unwrap_or("?"),
                focus["label"].as_str().unwrap_or_default()
            ));
            if focus["testid"] == "remove-stage"
                && stops
                    .iter()
                    .filter(|stop| stop.contains("[remove-stage]"))
                    .count()
                    == 1
            {
                // The picture of a focused icon button, its ring drawn by the page.
                save_screenshot(client, "screenshot-keyboard-focus").await?;
            }
            if focus["testid"] == target {
                break;
            }
            if stops.len() > 120 {
                return Err(format!(
                    "120 presses of Tab did not reach the stage's conversion field; the focus \
                     went through:\n{}",
                    stops.join("\n")
                ));
            }
        }
        println!(
            "e2e: {} Tab stops to the conversion field:\n{}",
            stops.len(),
            stops.join("\n")
        );
        assert!(
            hidden.is_empty(),
            "these focused elements show no focus ring at least 2px thick:\n{hidden:#?}"
        );
        // Typed from the keyboard: select what is there, a new rate, Enter.
        press_chord(client, char::from(Key::Control), 'a').await?;
        let mut keys: Vec<char> = "45%".chars().collect();
        keys.push(char::from(Key::Enter));
        press(client, &keys).await?;
        wait_new_forecast(client).await?;
        let typed = crate::editor::value_of(client, "[data-testid='stage-0-conversion']").await?;
        let after = figure_value(client, "revenue").await?;
        println!("e2e: typed {typed:?} from the keyboard: revenue {before} -> {after}");
        assert_eq!(typed, "45%", "the field shows the typed rate");
        assert!(
            (after - before).abs() > 1e-6 * before.abs().max(1.0),
            "typing a new conversion from the keyboard changes the forecast: {before} -> {after}"
        );
        Ok(())
    });
}

/// Holds `modifier` while pressing `key` (Ctrl+A).
async fn press_chord(client: &Client, modifier: char, key: char) -> Result<(), String> {
    let actions = KeyActions::new("keyboard".to_string())
        .then(KeyAction::Down { value: modifier })
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key })
        .then(KeyAction::Up { value: modifier });
    client
        .perform_actions(actions)
        .await
        .map_err(|error| format!("cannot press {modifier:?}+{key}: {error}"))
}
