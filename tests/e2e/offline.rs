//! Offline and installable: the release site is a progressive web app. Its manifest and icons
//! load; the service worker keeps every file of the site on the first visit; with the server
//! gone the page reloads, simulates and gives the same report, its parts loaded on demand and
//! its other languages included; and a new release deployed is offered as a reload.

use std::time::Duration;

use fantoccini::Client;
use serde_json::Value as Json;

use crate::api::open;
use crate::editor::{choose, click, type_into, wait_for_script, wait_new_forecast, wait_ready};
use crate::harness::*;
use crate::workers::headline;

/// Waits (up to a minute) until the service worker serves this page: installed, every file
/// stored, active.
async fn wait_until_kept(client: &Client) -> Result<(), String> {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let kept = client
            .execute("return !!navigator.serviceWorker.controller;", vec![])
            .await
            .map_err(|error| error.to_string())?;
        if kept == Json::Bool(true) {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err("no service worker serves the page a minute after it opened".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The names of the site's caches.
async fn caches(client: &Client) -> Result<Vec<String>, String> {
    let names = client
        .execute_async(
            "const done = arguments[arguments.length - 1]; caches.keys().then(done);",
            vec![],
        )
        .await
        .map_err(|error| format!("cannot list the caches: {error}"))?;
    Ok(names
        .as_array()
        .map(|names| {
            names
                .iter()
                .filter_map(|name| name.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default())
}

#[test]
fn once_opened_the_app_reloads_and_simulates_offline_with_the_same_report() {
    with_app(async |client, server| {
        open(client, server).await?;
        // Installable: the manifest and its icons are there, and the page links them.
        let manifest: Json = serde_json::from_slice(&server.file("manifest.webmanifest")?)
            .map_err(|error| format!("the manifest is not JSON: {error}"))?;
        assert_eq!(manifest["start_url"], "./", "relative, for any base path");
        for icon in manifest["icons"].as_array().into_iter().flatten() {
            let src = icon["src"].as_str().unwrap_or_default();
            let bytes = server.file(src)?;
            if let Some((width, height)) = icon["sizes"]
                .as_str()
                .and_then(|sizes| sizes.split_once('x'))
            {
                // A PNG's width and height are bytes 16 to 24, big-endian.
                let size = |at: usize| {
                    bytes
                        .get(at..at + 4)
                        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]).to_string())
                };
                assert_eq!(size(16).as_deref(), Some(width), "{src}'s width");
                assert_eq!(size(20).as_deref(), Some(height), "{src}'s height");
            }
        }
        wait_until_kept(client).await?;
        let online = headline(client).await?;
        let kept = caches(client).await?;
        assert_eq!(kept.len(), 1, "one cache, of this release: {kept:?}");

        // No network: the server drops every connection.
        server.go_offline(true);
        client.refresh().await.map_err(|error| error.to_string())?;
        wait_ready(client).await?;
        assert_eq!(headline(client).await?, online, "the same report offline");
        // The parts loaded on demand and another language come from the cache too.
        wait_for_script(
            client,
            "return !!document.querySelector(\"[data-testid='channels']\") \
             && !!document.querySelector(\"[data-testid='forecast-chart']\");",
            "the charts and channels, offline",
        )
        .await?;
        choose(client, "[data-testid='language-menu']", "ru").await?;
        wait_for_script(
            client,
            "return document.documentElement.lang.startsWith('ru') \
             && document.querySelector(\"[data-testid='app-title']\") !== null \
             && document.querySelector('#results-heading').textContent === 'Прогноз';",
            "the Russian page, offline",
        )
        .await?;
        // And a new simulation runs in the workers, whose files come from the cache.
        type_into(client, "[data-testid='seed-input']", "7").await?;
        wait_new_forecast(client).await?;
        assert_ne!(
            headline(client).await?,
            online,
            "a new seed, simulated offline"
        );
        save_screenshot(client, "offline-ru").await?;
        choose(client, "[data-testid='language-menu']", "en").await?;
        server.go_offline(false);
        Ok(())
    });
}

#[test]
fn a_new_release_is_offered_as_a_reload_and_then_serves_the_page() {
    with_app(async |client, server| {
        open(client, server).await?;
        wait_until_kept(client).await?;
        let before = caches(client).await?;
        assert!(
            client
                .find(fantoccini::Locator::Css("[data-testid='update-offer']"))
                .await
                .is_err(),
            "no offer on the first visit"
        );

        // A new release: its service worker names another version.
        let worker = String::from_utf8_lossy(&server.file("service-worker.js")?).into_owned();
        let version = worker
            .lines()
            .find_map(|line| line.strip_prefix("const VERSION = \""))
            .and_then(|rest| rest.split('"').next())
            .ok_or("the service worker has no VERSION")?
            .to_string();
        let next = worker.replace(&version, &format!("{version}-next"));
        server.replace("service-worker.js", next.into_bytes());
        client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => done(true), (e) => done(String(e)));",
                vec![],
            )
            .await
            .map_err(|error| format!("cannot look for the update: {error}"))?;
        client
            .wait()
            .at_most(Duration::from_secs(60))
            .for_element(fantoccini::Locator::Css("[data-testid='update-offer']"))
            .await
            .map_err(|error| format!("no reload offered for the new release: {error}"))?;
        save_screenshot(client, "update-offer").await?;
        let offer = text_of(client, "[data-testid='update-offer']").await?;
        assert!(offer.contains("new version"), "{offer:?}");

        client
            .execute("window.beforeTheUpdate = true;", vec![])
            .await
            .map_err(|error| error.to_string())?;
        click(client, "[data-testid='update-reload']").await?;
        // The page reloads: scripts may fail while it does.
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            let reloaded = client
                .execute(
                    "return window.beforeTheUpdate === undefined && document.readyState === 'complete';",
                    vec![],
                )
                .await;
            if matches!(reloaded, Ok(Json::Bool(true))) {
                break;
            }
            if std::time::Instant::now() > deadline {
                return Err("the page did not reload within 30 s of the click".into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        wait_ready(client).await?;
        let after = caches(client).await?;
        assert_eq!(
            after,
            vec![format!("funnelcast-{version}-next")],
            "the new release's cache alone (before: {before:?})"
        );
        assert!(
            client
                .find(fantoccini::Locator::Css("[data-testid='update-offer']"))
                .await
                .is_err(),
            "no offer once updated"
        );
        Ok(())
    });
}
