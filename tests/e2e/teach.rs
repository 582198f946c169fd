//! The teaching view (issue 14): it opens over the forecast; play advances the day, pause stops
//! it, one step moves it by one day and back by minus one; the dots' canvas changes between two
//! frames while playing; at the horizon the tallies equal the counts computed from
//! `window.funnelcast.journeys` for the same seed, which is the command line's text; editing a
//! rate restarts at day 0; projector mode enlarges the text and hides the editor. Then the
//! view in each language, and in projector mode, saved as screenshots.

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::{Value as Json, json};

use crate::editor::{choose, click, scenario_json, type_into, wait_ready};
use crate::harness::*;
use crate::layout::set_viewport;

async fn day(client: &Client) -> Result<u32, String> {
    let text = text_of(client, "[data-testid='teach-day']").await?;
    text.trim()
        .parse()
        .map_err(|_| format!("teach-day says {text:?}"))
}

async fn wait_day(
    client: &Client,
    wanted: impl Fn(u32) -> bool,
    what: &str,
) -> Result<u32, String> {
    let started = std::time::Instant::now();
    loop {
        let now = day(client).await?;
        if wanted(now) {
            return Ok(now);
        }
        if started.elapsed() > Duration::from_secs(30) {
            return Err(format!("the day never became {what}: it is {now}"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The tally table: per stage, its counts by kind.
async fn tally(client: &Client) -> Result<Vec<(String, Vec<(String, u32)>)>, String> {
    let rows = client
        .execute(
            "return [...document.querySelectorAll(\"[data-testid='teach-tally'] tbody tr\")]
                 .map((row) => [row.dataset.stage,
                     [...row.querySelectorAll('td')].map((cell) =>
                         [cell.dataset.count, Number(cell.textContent.replace(/[^0-9]/g, ''))])]);",
            Vec::new(),
        )
        .await
        .map_err(|error| error.to_string())?;
    serde_json::from_value(rows).map_err(|error| error.to_string())
}

async fn dots_picture(client: &Client) -> Result<String, String> {
    client
        .execute(
            "return document.querySelector(\"[data-testid='teach-dots']\").toDataURL();",
            Vec::new(),
        )
        .await
        .map(|value| value.as_str().unwrap_or_default().to_string())
        .map_err(|error| error.to_string())
}

pub async fn open_view(client: &Client) -> Result<(), String> {
    click(client, "[data-testid='teach-open']").await?;
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(
            "[data-testid='teach-tally'] tbody tr[data-stage]",
        ))
        .await
        .map_err(|error| format!("the teaching view did not show its leads: {error}"))?;
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(
            "[data-testid='teach-flow'][data-drawn='true']",
        ))
        .await
        .map_err(|error| format!("the flow diagram was not drawn: {error}"))?;
    Ok(())
}

#[test]
fn the_teaching_view_plays_steps_and_counts_as_the_journeys_say() {
    with_app(async |client, server| {
        client
            .goto(&page_url(server))
            .await
            .map_err(|error| error.to_string())?;
        wait_ready(client).await?;
        let summary = text_of(client, "[data-testid='run-summary']").await?;
        let (_, seed) = crate::runs_and_seed(&summary)?;
        open_view(client).await?;
        assert_eq!(day(client).await?, 0);

        // One day forward, one back.
        click(client, "[data-testid='teach-step']").await?;
        assert_eq!(day(client).await?, 1);
        click(client, "[data-testid='teach-step']").await?;
        click(client, "[data-testid='teach-back']").await?;
        assert_eq!(day(client).await?, 1);
        click(client, "[data-testid='teach-reset']").await?;
        assert_eq!(day(client).await?, 0);

        // Play: the day advances and the dots move; pause: it stops.
        click(client, "[data-testid='teach-play']").await?;
        let first = dots_picture(client).await?;
        let reached = wait_day(client, |d| d >= 4, "4 or more").await?;
        let second = dots_picture(client).await?;
        assert_ne!(
            first, second,
            "the dots moved between two frames while playing"
        );
        click(client, "[data-testid='teach-play']").await?;
        let paused = day(client).await?;
        assert!(paused >= reached);
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(day(client).await?, paused, "paused: the day stays");

        // At the horizon, the tallies are the journeys' own counts.
        choose(client, "[data-testid='teach-speed']", "20").await?;
        click(client, "[data-testid='teach-play']").await?;
        let scenario = scenario_json(client).await?;
        let text = scenario.to_string();
        let (_, model) = funnelcast::scenario::load(&text).map_err(|e| format!("{e:?}"))?;
        let last = model.horizon - 1;
        wait_day(client, |d| d == last, "the last day").await?;
        let api = client
            .execute_async(
                "const [scenario, options, done] = arguments;
                 window.funnelcast.journeys(scenario, options).then(done, (e) => done('error: ' + e.message));",
                vec![json!(text), json!({"leads": 200, "seed": seed})],
            )
            .await
            .map_err(|error| error.to_string())?;
        let api = api.as_str().unwrap_or_default().to_string();
        let cohort: funnelcast::engine::journeys::Cohort =
            serde_json::from_str(&api).map_err(|error| format!("{error}: {api:.200}"))?;
        let expected = funnelcast::engine::journeys::tallies(&cohort, &model, last);
        let shown = tally(client).await?;
        assert_eq!(shown.len(), model.stages.len());
        for ((name, cells), (stage, wanted)) in shown.iter().zip(model.stages.iter().zip(&expected))
        {
            assert_eq!(name, &stage.name);
            let cell = |kind: &str| cells.iter().find(|(k, _)| k == kind).map(|(_, n)| *n);
            for (kind, n) in [
                ("entered", wanted.entered),
                ("now", wanted.now),
                ("advanced", wanted.advanced),
                ("lost", wanted.lost),
                ("nurture", wanted.nurture),
                ("open", wanted.open),
            ] {
                assert_eq!(cell(kind), Some(n), "{name} {kind} at day {last}");
            }
        }
        println!(
            "e2e: teach: tallies at day {last} = the journeys' ({} stages)",
            shown.len()
        );
        // The API's journeys are the command line's.
        let path =
            std::env::temp_dir().join(format!("funnelcast-e2e-teach-{}.json", std::process::id()));
        std::fs::write(&path, &text).map_err(|error| error.to_string())?;
        let args: Vec<String> = [
            "funnelcast",
            "journeys",
            &path.display().to_string(),
            "--leads",
            "200",
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
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
        assert!(
            api == String::from_utf8_lossy(&out),
            "window.funnelcast.journeys = funnelcast journeys --json"
        );

        // Editing a rate restarts the journeys at day 0.
        type_into(client, "[data-testid='stage-1-conversion']", "35%").await?;
        wait_day(client, |d| d == 0, "0 after an edit").await?;

        // Projector mode: larger text, the editor hidden.
        let size = |client: &Client| {
            let client = client.clone();
            async move {
                client
                    .execute(
                        "return parseFloat(getComputedStyle(document.querySelector(\"[data-testid='teach-view']\")).fontSize);",
                        Vec::new(),
                    )
                    .await
                    .map(|v| v.as_f64().unwrap_or(0.0))
                    .map_err(|error| error.to_string())
            }
        };
        let before = size(client).await?;
        click(client, "[data-testid='teach-projector']").await?;
        let after = size(client).await?;
        assert!(
            after > before * 1.3,
            "projector text {after}px against {before}px"
        );
        let editor_shown: Json = client
            .execute(
                "return document.querySelector('section.editor-panel').getClientRects().length;",
                Vec::new(),
            )
            .await
            .map_err(|error| error.to_string())?;
        assert_eq!(
            editor_shown,
            json!(0),
            "projector mode hides the editor (it has no box)"
        );
        click(client, "[data-testid='teach-projector']").await?;
        Ok(())
    });
}

#[test]
fn the_teaching_view_reads_well_in_every_language_and_on_a_projector() {
    with_app(async |client, server| {
        client
            .goto(&page_url(server))
            .await
            .map_err(|error| error.to_string())?;
        wait_ready(client).await?;
        open_view(client).await?;
        for _ in 0..30 {
            click(client, "[data-testid='teach-step']").await?;
        }
        for language in ["en", "ru", "zh"] {
            choose(client, "[data-testid='language-menu']", language).await?;
            tokio::time::sleep(Duration::from_millis(300)).await;
            let everything = text_of(client, "[data-testid='teach-view']").await?;
            assert!(!everything.contains("teach."), "{language}: a key is shown");
            for (width, height) in [(1440, 900), (1280, 720)] {
                set_viewport(client, width, height).await?;
                tokio::time::sleep(Duration::from_millis(300)).await;
                save_screenshot(client, &format!("teach-{language}-{width}x{height}")).await?;
            }
        }
        choose(client, "[data-testid='language-menu']", "en").await?;
        click(client, "[data-testid='teach-projector']").await?;
        set_viewport(client, 1280, 720).await?;
        tokio::time::sleep(Duration::from_millis(400)).await;
        save_screenshot(client, "teach-projector-1280x720").await?;
        click(client, "[data-testid='teach-projector']").await
    });
}

/// A trainer's link opens the page straight into the teaching view, in projector mode when it
/// was on: someone with nothing saved opens it and sees the view, large, the editor hidden.
#[test]
fn a_link_opens_straight_into_the_teaching_view_on_a_projector() {
    with_app(async |client, server| {
        client
            .goto(&page_url(server))
            .await
            .map_err(|error| error.to_string())?;
        wait_ready(client).await?;
        open_view(client).await?;
        click(client, "[data-testid='teach-projector']").await?;
        click(client, "[data-testid='teach-share']").await?;
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("[data-testid='teach-share-link']"))
            .await
            .map_err(|error| format!("no link to the view: {error}"))?;
        let link = crate::editor::value_of(client, "[data-testid='teach-share-link']").await?;
        assert!(link.contains("#v1."), "a share link: {link}");

        client
            .execute("localStorage.clear();", Vec::new())
            .await
            .map_err(|error| error.to_string())?;
        client
            .goto("about:blank")
            .await
            .map_err(|error| error.to_string())?;
        client
            .goto(&link)
            .await
            .map_err(|error| error.to_string())?;
        open_view_already(client).await?;
        let state: Json = client
            .execute(
                "return [document.querySelector(\"[data-testid='teach-view']\").classList.contains('projector'),
                         document.body.classList.contains('projector'),
                         document.querySelector('section.editor-panel').getClientRects().length,
                         document.querySelector(\"[data-testid='teach-projector']\").getAttribute('aria-pressed')];",
                Vec::new(),
            )
            .await
            .map_err(|error| error.to_string())?;
        assert_eq!(
            state,
            json!([true, true, 0, "true"]),
            "the view, in projector mode, the editor hidden"
        );
        // Out of projector mode, the plain view's link opens the view without it.
        click(client, "[data-testid='teach-projector']").await?;
        click(client, "[data-testid='teach-share']").await?;
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("[data-testid='teach-share-link']"))
            .await
            .map_err(|error| format!("no link to the plain view: {error}"))?;
        let asked = std::time::Instant::now();
        let plain = loop {
            let now = crate::editor::value_of(client, "[data-testid='teach-share-link']").await?;
            if now != link {
                break now;
            }
            if asked.elapsed() > Duration::from_secs(20) {
                return Err("the link stayed the projector's after projector mode was left".into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        client
            .goto("about:blank")
            .await
            .map_err(|error| error.to_string())?;
        client
            .goto(&plain)
            .await
            .map_err(|error| error.to_string())?;
        open_view_already(client).await?;
        let projector: Json = client
            .execute(
                "return document.body.classList.contains('projector');",
                Vec::new(),
            )
            .await
            .map_err(|error| error.to_string())?;
        assert_eq!(projector, json!(false), "the plain view");
        Ok(())
    });
}

/// Waits for the teaching view a link opened (no click: it is open already).
async fn open_view_already(client: &Client) -> Result<(), String> {
    client
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css(
            "[data-testid='teach-view'] [data-testid='teach-tally'] tbody tr[data-stage]",
        ))
        .await
        .map(|_| ())
        .map_err(|error| format!("the link did not open the teaching view: {error}"))
}
