//! Broken environments for the simulation's workers: a browser where no worker can start
//! (forbidden, or its script missing on the host) and a worker that dies in the middle of a
//! run. The page falls back to its own thread with the same forecast, or says what happened;
//! it never waits forever, and the work on screen stays.

use std::time::{Duration, Instant};

use fantoccini::Client;

use crate::api::open;
use crate::editor::{
    attribute, click, figure_value, scenario_json, type_into, value_of, wait_new_forecast,
    wait_ready,
};
use crate::harness::*;

/// Forbids workers in every page opened afterwards: the constructor throws, as in a browser
/// whose policy forbids them.
const NO_WORKERS: &str = r#"
    window.Worker = class {
        constructor() { throw new DOMException("workers are forbidden here", "SecurityError"); }
    };
"#;

/// Once `window.funnelcastKillNext` is set, the next request the page posts to a worker kills
/// that worker instead: it is terminated and its `error` event fires, as when a worker's wasm
/// traps or runs out of memory. Only once: the worker the page starts in its place works.
const ONE_WORKER_DIES: &str = r#"
    (() => {
        const Real = window.Worker;
        let killed = false;
        window.funnelcastKilled = 0;
        window.Worker = class extends Real {
            postMessage(...message) {
                if (window.funnelcastKillNext && !killed) {
                    killed = true;
                    this.terminate();
                    setTimeout(() => {
                        window.funnelcastKilled += 1;
                        this.dispatchEvent(new ErrorEvent("error", { message: "test: the worker died" }));
                    }, 50);
                    return;
                }
                return super.postMessage(...message);
            }
        };
    })();
"#;

/// The forecast's headline means at full precision.
pub async fn headline(client: &Client) -> Result<Vec<f64>, String> {
    let mut figures = Vec::new();
    for figure in ["leads", "customers", "purchases", "revenue"] {
        figures.push(figure_value(client, figure).await?);
    }
    Ok(figures)
}

/// Waits until the results' state is `state`, for at most `seconds`.
async fn wait_state(client: &Client, state: &str, seconds: u64) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut seen = String::new();
    while Instant::now() < deadline {
        seen = attribute(client, "[data-testid='results']", "data-state").await?;
        if seen == state {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!(
        "the results stayed {seen:?}, not {state:?}, for {seconds} s"
    ))
}

#[test]
fn where_no_worker_can_start_the_page_forecasts_on_its_own_thread_with_the_same_numbers() {
    with_app(async |client, server| {
        open(client, server).await?;
        let with_workers = headline(client).await?;
        let scenario = scenario_json(client).await?;

        // Workers forbidden: the same work (restored from storage) is forecast on the page's
        // own thread, to the same numbers, since a report depends on scenario, seed and runs.
        before_every_page(client, NO_WORKERS).await?;
        open(client, server).await?;
        assert_eq!(scenario_json(client).await?, scenario, "the work stayed");
        let refused = client
            .execute(
                "try { new Worker('x.js'); return 'started'; } catch (e) { return e.name; }",
                vec![],
            )
            .await
            .map_err(|error| error.to_string())?;
        assert_eq!(
            refused, "SecurityError",
            "workers really are forbidden in this page"
        );
        assert_eq!(
            headline(client).await?,
            with_workers,
            "without workers the forecast is the workers' one"
        );
        // And an edit is forecast again there.
        type_into(client, "[data-testid='seed-input']", "7").await?;
        wait_new_forecast(client).await?;
        assert_ne!(
            headline(client).await?,
            with_workers,
            "the new seed was simulated"
        );
        Ok(())
    });
}

#[test]
fn where_the_workers_script_is_missing_the_page_still_forecasts() {
    with_app(async |client, server| {
        open(client, server).await?;
        let with_workers = headline(client).await?;

        // A host that lost the worker's files: the worker fails before it is ready, so no
        // worker can start here, and the page simulates on its own thread.
        server.refuse("worker_loader.js");
        server.refuse("worker.js");
        // The copy the service worker kept on the first visit would serve them still.
        forget_offline_copy(client).await?;
        open(client, server).await?;
        assert!(
            server
                .not_found()
                .iter()
                .any(|path| path.ends_with("worker_loader.js")),
            "the page asked for the worker and was refused: {:?}",
            server.not_found()
        );
        assert_eq!(headline(client).await?, with_workers, "the same forecast");
        Ok(())
    });
}

#[test]
fn a_worker_that_dies_mid_run_is_named_the_page_does_not_hang_and_the_next_run_works() {
    with_app(async |client, server| {
        before_every_page(client, ONE_WORKER_DIES).await?;
        open(client, server).await?;
        let scenario = scenario_json(client).await?;

        client
            .execute("window.funnelcastKillNext = true;", vec![])
            .await
            .map_err(|error| error.to_string())?;
        type_into(client, "[data-testid='seed-input']", "7").await?;
        // Within seconds, not never: the run fails, and the page says why.
        wait_state(client, "failed", 20).await?;
        let killed = client
            .execute("return window.funnelcastKilled;", vec![])
            .await
            .map_err(|error| error.to_string())?;
        assert_eq!(killed, 1, "one worker was killed");
        let message = text_of(client, "[data-testid='results'] [role='alert']").await?;
        assert!(
            message.contains("test: the worker died"),
            "the page names the failure: {message:?}"
        );
        save_screenshot(client, "worker-died").await?;
        for language in ["ru", "zh", "en"] {
            crate::editor::choose(client, "[data-testid='language-menu']", language).await?;
            crate::editor::wait_for_script(
                client,
                &format!(
                    "return document.documentElement.lang.startsWith('{language}') \
                     && !!document.querySelector(\"[data-testid='retry']\");"
                ),
                "the failure in the language",
            )
            .await?;
            if language != "en" {
                save_screenshot(client, &format!("worker-died-{language}")).await?;
            }
        }
        assert_eq!(
            scenario_json(client).await?,
            scenario,
            "the scenario is as it was"
        );
        assert_eq!(
            value_of(client, "[data-testid='seed-input']").await?,
            "7",
            "and the seed typed stays"
        );

        let stale = text_of(client, "[data-testid='stale-note']").await?;
        assert!(
            stale.contains("last forecast that finished"),
            "the figures on screen are said to be the last finished ones: {stale:?}"
        );

        // "Try again" runs the same scenario on the worker started in the dead one's place:
        // the forecast of seed 7, as a page that never lost a worker gives it.
        click(client, "[data-testid='retry']").await?;
        wait_ready(client).await?;
        let retried = headline(client).await?;
        type_into(client, "[data-testid='seed-input']", "8").await?;
        wait_new_forecast(client).await?;
        type_into(client, "[data-testid='seed-input']", "7").await?;
        wait_new_forecast(client).await?;
        assert_eq!(
            headline(client).await?,
            retried,
            "the retried forecast is seed 7's"
        );
        Ok(())
    });
}
