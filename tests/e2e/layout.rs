//! What a person can see (issue 11, items 12, 13, 14 and 20): every drop-down shows its whole
//! choice, the selected variant tab stays readable under the pointer, the difference chart's
//! "No difference" line is not covered, and the forecast is in sight at 1280x720 and at 200%
//! zoom, with a stage table that fits.

use std::time::Duration;

use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use fantoccini::{Client, Locator};
use serde_json::{Value as Json, json};

use crate::editor::{choose, click, element, type_into, wait_ready};
use crate::harness::*;

const LANGUAGES: [&str; 3] = ["en", "ru", "zh"];

/// Sizes the window so that the page's viewport is `width` × `height` CSS pixels (the
/// window's frame, if any, is added).
pub async fn set_viewport(client: &Client, width: u32, height: u32) -> Result<(), String> {
    let inner = async || -> Result<(i64, i64), String> {
        let seen = client
            .execute(
                "return [window.innerWidth, window.innerHeight];",
                Vec::new(),
            )
            .await
            .map_err(|error| format!("cannot read the viewport: {error}"))?;
        Ok((
            seen[0].as_i64().unwrap_or_default(),
            seen[1].as_i64().unwrap_or_default(),
        ))
    };
    let (mut window_width, mut window_height) = (i64::from(width), i64::from(height));
    for _ in 0..3 {
        client
            .set_window_size(window_width as u32, window_height as u32)
            .await
            .map_err(|error| format!("cannot size the window: {error}"))?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let (seen_width, seen_height) = inner().await?;
        if (seen_width, seen_height) == (i64::from(width), i64::from(height)) {
            return Ok(());
        }
        window_width += i64::from(width) - seen_width;
        window_height += i64::from(height) - seen_height;
    }
    Err(format!(
        "cannot make the viewport {width}x{height}: it is {:?}",
        inner().await?
    ))
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

async fn run(client: &Client, script: &str, arguments: Vec<Json>) -> Result<Json, String> {
    client
        .execute(script, arguments)
        .await
        .map_err(|error| format!("script failed: {error}"))
}

/// A fresh page (nothing saved) in `language`, showing the forecast of the default scenario.
async fn fresh_page(client: &Client, server: &StaticServer, language: &str) -> Result<(), String> {
    client
        .goto(&page_url(server))
        .await
        .map_err(|error| error.to_string())?;
    run(client, "localStorage.clear();", Vec::new()).await?;
    client.refresh().await.map_err(|error| error.to_string())?;
    wait_ready(client).await?;
    choose(client, "[data-testid='language-menu']", language).await?;
    wait_for(client, &format!("html[lang^='{language}']"), 5).await?;
    wait_ready(client).await?;
    run(client, "window.scrollTo(0, 0);", Vec::new()).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Item 12: drop-downs.

/// Every drop-down on screen: its name, the width inside its border, and the widths the
/// text of its selected option and of its widest option take in its own font, measured on a
/// canvas, plus its horizontal padding and the room Chromium's arrow takes.
const MEASURE_SELECTS: &str = r#"
    const context = document.createElement('canvas').getContext('2d');
    const ARROW = 20;
    return [...document.querySelectorAll('select')]
        .filter((select) => select.getClientRects().length > 0)
        .map((select) => {
            const style = getComputedStyle(select);
            context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const width = (text) => context.measureText(text).width;
            const room = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + ARROW;
            const options = [...select.options];
            const selected = options[select.selectedIndex];
            const widest = options.reduce((a, b) => (width(b.text) > width(a.text) ? b : a), options[0]);
            const label = select.closest('label, fieldset');
            const legend = label && label.querySelector('legend, .field-label, span');
            return {
                name: select.dataset.testid
                    || (label && label.dataset.path)
                    || (legend && legend.textContent.trim())
                    || select.outerHTML.slice(0, 60),
                clientWidth: select.clientWidth,
                selected: selected ? selected.text : '',
                selectedNeeds: (selected ? width(selected.text) : 0) + room,
                widest: widest ? widest.text : '',
                widestNeeds: (widest ? width(widest.text) : 0) + room,
            };
        });
"#;

/// The drop-downs on screen whose choice does not fit, as lines saying so. A menu that goes
/// back to its title after use (the presets) is checked on what it shows; every other
/// drop-down on every one of its options, since a person may pick any.
async fn cut_drop_downs(client: &Client, context: &str) -> Result<(usize, Vec<String>), String> {
    let selects = run(client, MEASURE_SELECTS, Vec::new()).await?;
    let selects = selects.as_array().cloned().unwrap_or_default();
    let mut cut = Vec::new();
    for select in &selects {
        let name = select["name"].as_str().unwrap_or_default();
        let width = select["clientWidth"].as_f64().unwrap_or_default();
        let (text, needs) = if name == "preset-menu" {
            (&select["selected"], select["selectedNeeds"].as_f64())
        } else {
            (&select["widest"], select["widestNeeds"].as_f64())
        };
        let needs = needs.unwrap_or(f64::INFINITY);
        println!("e2e: {context}: {name:?}: {width} px for {text} ({needs:.1} px)");
        // Half a pixel for the rounding of clientWidth.
        if width + 0.5 < needs {
            cut.push(format!(
                "{context}: {name:?} is {width} px wide, {text} needs {needs:.1} px"
            ));
        }
    }
    Ok((selects.len(), cut))
}

/// The six-step preset in each language, with a comparison of three variants on screen and
/// every "More options" open: every drop-down of the editor, the header and the decisions
/// shows its choice whole, at 1280x720 and at 1440x900. The drop-downs were cut ("+N
/// percentage p", "Conversion at “R", "Varies around the me") by fixed narrow columns.
#[test]
fn every_drop_down_shows_its_whole_choice() {
    with_app(async |client, server| {
        let mut cut = Vec::new();
        for language in LANGUAGES {
            set_viewport(client, 1280, 720).await?;
            fresh_page(client, server, language).await?;
            choose(client, "[data-testid='preset-menu']", "six-step").await?;
            wait_ready(client).await?;
            // The presets menu is a menu: after loading, it shows its title again.
            let shown = run(
                client,
                "const s = document.querySelector(\"[data-testid='preset-menu']\"); \
                 return s.options[s.selectedIndex].value;",
                Vec::new(),
            )
            .await?;
            assert_eq!(
                shown,
                json!(""),
                "{language}: the presets menu still shows the preset loaded"
            );
            click(client, "[data-testid='duplicate-variant']").await?;
            wait_ready(client).await?;
            click(client, "[data-testid='duplicate-variant']").await?;
            wait_ready(client).await?;
            click(client, "[data-testid='compare-run']").await?;
            wait_for(client, "[data-testid='compare-table']", 120).await?;
            run(
                client,
                "document.querySelectorAll('details').forEach((d) => { d.open = true; });",
                Vec::new(),
            )
            .await?;
            for (width, height) in [(1280, 720), (1440, 900)] {
                set_viewport(client, width, height).await?;
                let context = format!("{language} {width}x{height}");
                let (count, mut found) = cut_drop_downs(client, &context).await?;
                // The editor's (sources, laws, nurture, values, repeat purchases), the header's
                // three and the decisions' (lever, mode, stage, uplift, variant shown).
                assert!(count >= 20, "{context}: only {count} drop-downs on screen");
                cut.append(&mut found);
            }
            run(
                client,
                "document.querySelector('.stage-details').scrollIntoView({ block: 'start' });",
                Vec::new(),
            )
            .await?;
            save_screenshot(
                client,
                &format!("layout-drop-downs-editor-{language}-1440x900"),
            )
            .await?;
            run(
                client,
                "document.querySelector(\"[data-testid='sensitivity']\")\
                 .scrollIntoView({ block: 'start' });",
                Vec::new(),
            )
            .await?;
            save_screenshot(client, &format!("layout-drop-downs-{language}-1440x900")).await?;
        }
        assert!(cut.is_empty(), "drop-downs cut:\n{}", cut.join("\n"));
        Ok(())
    });
}

// ---------------------------------------------------------------------------------------
// Item 13: the selected tab under the pointer.

/// The text colour of `selector` and the colour behind it (its background over its
/// ancestors'), as `[r, g, b]` in 0..=255, and whether the pointer is over it.
const COLOURS: &str = r#"
    const element = document.querySelector(arguments[0]);
    const parse = (text) => {
        const [r, g, b, a] = text.match(/[\d.]+/g).map(Number);
        return [r, g, b, a === undefined ? 1 : a];
    };
    // The background: this element's over its ancestors', down to an opaque one (white).
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
        const colour = parse(getComputedStyle(node).backgroundColor);
        layers.push(colour);
        if (colour[3] >= 1) break;
    }
    let behind = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse()) {
        behind = [r * a + behind[0] * (1 - a), g * a + behind[1] * (1 - a), b * a + behind[2] * (1 - a)];
    }
    const [r, g, b, a] = parse(getComputedStyle(element).color);
    const text = [r * a + behind[0] * (1 - a), g * a + behind[1] * (1 - a), b * a + behind[2] * (1 - a)];
    return { text, behind, hovered: element.matches(':hover') };
"#;

/// WCAG 2's contrast ratio of two sRGB colours.
fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
    let luminance = |[r, g, b]: [f64; 3]| {
        let channel = |c: f64| {
            let c = c / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn colour(value: &Json) -> [f64; 3] {
    let channel = |i: usize| value[i].as_f64().unwrap_or(f64::NAN);
    [channel(0), channel(1), channel(2)]
}

/// Moves the mouse over `selector` with WebDriver actions and returns the contrast of its
/// label against its background then.
async fn contrast_under_pointer(client: &Client, selector: &str) -> Result<f64, String> {
    let target = element(client, selector).await?;
    let actions = MouseActions::new("mouse".to_string()).then(PointerAction::MoveToElement {
        element: target,
        duration: Some(Duration::from_millis(50)),
        x: 0.0,
        y: 0.0,
    });
    client
        .perform_actions(actions)
        .await
        .map_err(|error| format!("cannot move the mouse over {selector}: {error}"))?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let seen = run(client, COLOURS, vec![selector.into()]).await?;
    assert_eq!(
        seen["hovered"],
        json!(true),
        "the pointer is not over {selector}"
    );
    let ratio = contrast(colour(&seen["text"]), colour(&seen["behind"]));
    println!(
        "e2e: {selector} under the pointer: text {} on {}: contrast {ratio:.2}:1",
        seen["text"], seen["behind"]
    );
    Ok(ratio)
}

/// The selected variant tab under the pointer: its label turned white on pale blue (about
/// 1.1:1); it must keep at least 4.5:1, as must the other tab and the tab at rest.
#[test]
fn the_selected_variant_tab_stays_readable_under_the_pointer() {
    with_app(async |client, server| {
        set_viewport(client, 1280, 720).await?;
        fresh_page(client, server, "en").await?;
        click(client, "[data-testid='duplicate-variant']").await?;
        wait_for(
            client,
            "[data-testid='variant-tab-B'][aria-selected='true']",
            5,
        )
        .await?;
        // At rest: the pointer away in the header.
        client
            .perform_actions(
                MouseActions::new("mouse".to_string()).then(PointerAction::MoveTo {
                    duration: None,
                    x: 5.0,
                    y: 5.0,
                }),
            )
            .await
            .map_err(|error| format!("cannot move the mouse away: {error}"))?;
        let at_rest = run(
            client,
            COLOURS,
            vec!["[data-testid='variant-tab-B']".into()],
        )
        .await?;
        assert_eq!(
            at_rest["hovered"],
            json!(false),
            "the pointer is still over tab B"
        );
        let rest = contrast(colour(&at_rest["text"]), colour(&at_rest["behind"]));
        let selected = contrast_under_pointer(client, "[data-testid='variant-tab-B']").await?;
        save_screenshot(client, "layout-variant-tab-hover").await?;
        let other = contrast_under_pointer(client, "[data-testid='variant-tab-A']").await?;
        client
            .release_actions()
            .await
            .map_err(|error| error.to_string())?;
        for (what, ratio) in [
            ("the selected tab at rest", rest),
            ("the selected tab under the pointer", selected),
            ("the other tab under the pointer", other),
        ] {
            assert!(
                ratio >= 4.5,
                "{what}: its label's contrast is {ratio:.2}:1, under 4.5:1"
            );
        }
        Ok(())
    });
}

// ---------------------------------------------------------------------------------------
// Item 14: the difference chart in the browser.

/// The longest unbroken vertical run of the chart's ink colour in each column of the
/// difference chart's canvas: the y axis and the "No difference" line run the plot's height.
const INK_RUNS: &str = r#"
    const [ink] = arguments;
    const canvas = document.querySelector("canvas[data-testid='compare-difference']");
    const { width, height } = canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    const runs = [];
    for (let x = 0; x < width; x += 1) {
        let best = 0, current = 0;
        for (let y = 0; y < height; y += 1) {
            const i = (y * width + x) * 4;
            const same = data[i] === ink[0] && data[i + 1] === ink[1] && data[i + 2] === ink[2];
            current = same ? current + 1 : 0;
            best = Math.max(best, current);
        }
        runs.push(best);
    }
    return runs;
"#;

/// Plan B converts its first stage at 45% instead of about 30%: B is ahead in nearly every run, so
/// the "No difference" line is near the left, where the "90% interval" label was written over
/// it. The line must run unbroken from the plot's top to its bottom, as the y axis does.
#[test]
fn the_difference_chart_does_not_cover_the_no_difference_line() {
    with_app(async |client, server| {
        set_viewport(client, 1440, 900).await?;
        for language in LANGUAGES {
            fresh_page(client, server, language).await?;
            // In euros: the difference axis names its unit.
            choose(client, "[data-testid='currency-menu']", "EUR").await?;
            wait_ready(client).await?;
            click(client, "[data-testid='duplicate-variant']").await?;
            wait_ready(client).await?;
            type_into(client, "[data-testid='stage-0-conversion']", "45%").await?;
            wait_ready(client).await?;
            click(client, "[data-testid='compare-run']").await?;
            wait_for(
                client,
                "canvas[data-testid='compare-difference'][data-drawn='true']",
                120,
            )
            .await?;
            let ink = funnelcast::charts::palette::INK;
            let runs = run(client, INK_RUNS, vec![json!([ink.0, ink.1, ink.2])]).await?;
            let runs: Vec<u64> = runs
                .as_array()
                .map(|runs| runs.iter().filter_map(Json::as_u64).collect())
                .unwrap_or_default();
            // Columns of long ink runs, in groups of neighbours: the y axis is the first
            // group, the "No difference" line the next (the dashed ends are short runs).
            let mut groups: Vec<(usize, u64)> = Vec::new();
            for (x, &run) in runs.iter().enumerate() {
                if run < 50 {
                    continue;
                }
                match groups.last_mut() {
                    Some((last, longest)) if x <= *last + 1 => {
                        *last = x;
                        *longest = (*longest).max(run);
                    }
                    _ => groups.push((x, run)),
                }
            }
            println!("e2e: {language}: difference chart: columns of ink (last x, run): {groups:?}");
            let (axis_height, zero_line) = match groups.as_slice() {
                [(_, axis), (_, zero), ..] => (*axis, *zero),
                [(_, axis)] => (*axis, 0),
                [] => return Err("no ink in the difference chart".to_string()),
            };
            client
                .execute(
                    "document.querySelector(\"[data-testid='compare-difference']\")\
                     .scrollIntoView({ block: 'center' });",
                    Vec::new(),
                )
                .await
                .map_err(|error| error.to_string())?;
            save_screenshot(client, &format!("layout-difference-{language}")).await?;
            assert!(
                axis_height > 100 && zero_line + 2 >= axis_height && groups.len() == 2,
                "{language}: the \"No difference\" line is broken: its longest unbroken part is \
                 {zero_line} px, the plot is {axis_height} px tall; long ink columns: {groups:?}"
            );
        }
        Ok(())
    });
}

// ---------------------------------------------------------------------------------------
// Item 20: the forecast in sight.

/// Where the page's parts are, in CSS pixels from the top of the viewport (scrolled to the
/// top): the results panel, the headline figures, the first chart, the editor; the stage
/// table's widths.
const PLACES: &str = r#"
    window.scrollTo(0, 0);
    const box = (selector) => {
        const element = document.querySelector(selector);
        if (!element) return null;
        const r = element.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const figures = [...document.querySelectorAll("[data-testid='results'] .figure")]
        .map((figure) => figure.getBoundingClientRect().bottom);
    const chart = document.querySelector("[data-testid='results'] .chart canvas");
    const wrap = document.querySelector("[data-testid='stage-table']").parentElement;
    const table = document.querySelector("[data-testid='stage-table']");
    return {
        viewport: [window.innerWidth, window.innerHeight],
        results: box("[data-testid='results']"),
        editor: box('section.editor-panel'),
        figuresBottom: Math.max(...figures),
        figureCount: figures.length,
        chart: chart ? { top: chart.getBoundingClientRect().top, height: chart.getBoundingClientRect().height } : null,
        table: { scrollWidth: wrap.scrollWidth, clientWidth: wrap.clientWidth, width: table.getBoundingClientRect().width },
        pageWidth: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
    };
"#;

fn number(value: &Json) -> f64 {
    value.as_f64().unwrap_or(f64::NAN)
}

/// At 1280x720 only the headline cards fitted above the fold; at 200% zoom (a 720x450 CSS
/// pixel viewport, as a 1440x900 screen zoomed to 200%) the forecast started about six
/// screens down, after the whole editor; the stage table scrolled sideways. Now, in every
/// language: at 1280x720 and 1440x900 the headline figures and the top quarter of the first
/// chart are in the first screen; at 200% the forecast comes first, its first figures in
/// the first screen, and the editor follows it; the stage table and the page never scroll
/// sideways.
#[test]
fn the_forecast_is_in_sight_at_1280x720_and_at_200_percent_zoom() {
    with_app(async |client, server| {
        let mut problems = Vec::new();
        for language in LANGUAGES {
            for (width, height) in [(1280, 720), (1440, 900), (720, 450)] {
                set_viewport(client, width, height).await?;
                fresh_page(client, server, language).await?;
                let places = run(client, PLACES, Vec::new()).await?;
                let context = format!("{language} {width}x{height}");
                println!("e2e: {context}: {places}");
                let viewport = number(&places["viewport"][1]);
                let table = &places["table"];
                if number(&table["scrollWidth"]) > number(&table["clientWidth"]) {
                    problems.push(format!(
                        "{context}: the stage table scrolls sideways ({} px in {} px)",
                        table["scrollWidth"], table["clientWidth"]
                    ));
                }
                if number(&places["pageWidth"][0]) > number(&places["pageWidth"][1]) {
                    problems.push(format!(
                        "{context}: the page scrolls sideways: {}",
                        places["pageWidth"]
                    ));
                }
                if width >= 1280 {
                    let figures = number(&places["figuresBottom"]);
                    let in_sight = figures <= viewport;
                    if !in_sight {
                        problems.push(format!(
                            "{context}: the headline figures end at {figures} px, below the \
                             fold at {viewport} px"
                        ));
                    }
                    let top = number(&places["chart"]["top"]);
                    let chart_height = number(&places["chart"]["height"]);
                    let in_sight = top + chart_height / 4.0 <= viewport;
                    if !in_sight {
                        problems.push(format!(
                            "{context}: the first chart starts at {top} px: less than a quarter \
                             of its {chart_height} px is above the fold at {viewport} px"
                        ));
                    }
                    let hidden = run(
                        client,
                        "return getComputedStyle(document.querySelector(\"[data-testid='to-editor']\")).display;",
                        Vec::new(),
                    )
                    .await?;
                    if hidden != json!("none") {
                        problems.push(format!(
                            "{context}: the way to the editor shows beside it ({hidden})"
                        ));
                    }
                } else {
                    let results = number(&places["results"]["top"]);
                    let editor = number(&places["editor"]["top"]);
                    // The forecast's heading and its first row of figures.
                    let first_figure = run(
                        client,
                        "return document.querySelector(\"[data-testid='leads-mean']\")\
                         .closest('.figure').getBoundingClientRect().bottom;",
                        Vec::new(),
                    )
                    .await?;
                    let first_figure = number(&first_figure);
                    if !(results < viewport / 2.0 && first_figure <= viewport) {
                        problems.push(format!(
                            "{context}: the forecast starts at {results} px, its first figure \
                             ends at {first_figure} px: not in the first screen ({viewport} px)"
                        ));
                    }
                    let after = editor > results;
                    if !after {
                        problems.push(format!(
                            "{context}: the editor ({editor} px) comes before the forecast \
                             ({results} px)"
                        ));
                    }
                }
                save_screenshot(client, &format!("layout-{language}-{width}x{height}")).await?;
                if width == 720 {
                    // The way to the editor, which now follows the forecast: the button at the
                    // forecast's head brings it to the top with the keyboard focus in it.
                    click(client, "[data-testid='to-editor']").await?;
                    tokio::time::sleep(Duration::from_millis(300)).await;
                    let editor = run(
                        client,
                        "const editor = document.querySelector('section.editor-panel');
                         return [editor.getBoundingClientRect().top, editor.contains(document.activeElement)];",
                        Vec::new(),
                    )
                    .await?;
                    let top = number(&editor[0]);
                    if !(top.abs() <= 2.0 && editor[1] == json!(true)) {
                        problems.push(format!(
                            "{context}: after \"Edit the scenario\" the editor is at {top} px, \
                             focus in it: {}",
                            editor[1]
                        ));
                    }
                    run(
                        client,
                        "document.querySelector(\"[data-testid='stage-table']\")\
                         .scrollIntoView({ block: 'center' });",
                        Vec::new(),
                    )
                    .await?;
                    save_screenshot(client, &format!("layout-{language}-{width}x{height}-table"))
                        .await?;
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        Ok(())
    });
}

#[test]
fn contrast_is_wcag_s() {
    // White on black, and on the page's accent blue (#0072b2, about 5.2:1).
    assert!((contrast([255.0; 3], [0.0; 3]) - 21.0).abs() < 1e-9);
    let on_accent = contrast([255.0; 3], [0.0, 114.0, 178.0]);
    assert!((5.0..5.5).contains(&on_accent), "{on_accent}");
}
