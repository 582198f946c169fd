//! Time to lose (issue 12) in the browser: a stage's "Time to lose", under "More options",
//! starts as "Same as time to decide"; set to a day of its own, the stage's losers leave
//! sooner (its mean days in the table drop) while its winners, and so the revenue, keep their
//! timing, as the native engine computes them; back to "Same as time to decide", the page
//! shows exactly the forecast it started with.

use fantoccini::Client;
use funnelcast::engine;
use funnelcast::scenario::{Delay, Scenario, presets};

use crate::editor::{
    attribute, choose, figure_value, scenario_json, type_into, value_of, wait_new_forecast,
    wait_ready,
};
use crate::harness::*;

/// The default scenario's Intent: no nurture, decides after a gamma of mean 6 days, converts
/// half of its leads.
const STAGE: usize = 3;

/// The time to lose's law choice and its days field of `STAGE`.
const LAW: &str = "[data-testid='stage-3-lost-delay-law']";
const DAYS: &str = "[data-path='stages[3].lost_delay_days.fixed'] input";

/// The mean days in stage `index`, as the stage table shows them (the last column).
async fn mean_days_shown(client: &Client, index: usize) -> Result<f64, String> {
    let text = client
        .execute(
            "const rows = document.querySelectorAll(\"[data-testid='stage-table-row']\");
             const row = rows[arguments[0]];
             return row ? row.lastElementChild.textContent : null;",
            vec![index.into()],
        )
        .await
        .map_err(|error| format!("cannot read the stage table: {error}"))?;
    number_in(text.as_str().ok_or("no such stage row")?)
}

/// The saved scenario's time to lose at `STAGE`, once the autosave holds `expected`.
async fn wait_saved_lost_delay(client: &Client, expected: Option<Delay>) -> Result<(), String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let saved = scenario_json(client).await?;
        let lost = &saved["stages"][STAGE]["lost_delay_days"];
        let read: Option<Delay> = serde_json::from_value(lost.clone()).ok();
        if read == expected && (expected.is_some() || lost.is_null()) {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("saved time to lose {lost}, expected {expected:?}"));
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The native engine's report of the default scenario with `STAGE`'s time to lose, at the
/// page's default runs and seed.
fn native(lost: Option<Delay>) -> Result<engine::Report, String> {
    let mut scenario: Scenario = presets::default_scenario();
    scenario.stages[STAGE].lost_delay_days = lost;
    let model = scenario
        .validate()
        .map_err(|errors| format!("{errors:?}"))?;
    Ok(engine::simulate(&model, 2_000, 1))
}

#[test]
fn a_time_to_lose_set_in_the_editor_moves_the_losses_and_goes_back() {
    with_app(async |client, server| {
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
        client
            .execute(
                "document.querySelectorAll('details.stage-details').forEach((d) => d.open = true);",
                Vec::new(),
            )
            .await
            .map_err(|error| error.to_string())?;
        assert_eq!(
            value_of(client, LAW).await?,
            "same",
            "a stage loses as it decides until told otherwise"
        );
        let revenue_before = figure_value(client, "revenue").await?;
        let days_before = mean_days_shown(client, STAGE).await?;
        let without = native(None)?;
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
        assert!(
            close(revenue_before, without.revenue.mean),
            "the page's revenue {revenue_before} is the native engine's {}",
            without.revenue.mean
        );

        crate::layout::set_viewport(client, 1440, 900).await?;
        client
            .execute(
                "document.querySelector(\"[data-testid='stage-3-lost-delay']\")\
                 .scrollIntoView({ block: 'center' });",
                Vec::new(),
            )
            .await
            .map_err(|error| error.to_string())?;
        save_screenshot(client, "lost-delay-editor-same-en-1440x900").await?;

        // Its own time to lose: a fixed number of days, then 1 day.
        choose(client, LAW, "fixed").await?;
        wait_new_forecast(client).await?;
        type_into(client, DAYS, "1").await?;
        wait_new_forecast(client).await?;
        wait_saved_lost_delay(client, Some(Delay::Fixed(1))).await?;
        let with = native(Some(Delay::Fixed(1)))?;
        let revenue_after = figure_value(client, "revenue").await?;
        assert!(
            close(revenue_after, with.revenue.mean),
            "the page's revenue with a time to lose {revenue_after} is the native engine's {}",
            with.revenue.mean
        );
        // The losers leave after a day instead of about 6: the stage's mean days drop to
        // about (6 + 1) / 2, and the page shows the native figure.
        let days_after = mean_days_shown(client, STAGE).await?;
        assert!(
            days_after < days_before - 2.0,
            "mean days at the stage {days_before} -> {days_after}"
        );
        assert!(
            (days_after - with.stages[STAGE].mean_days).abs() <= 0.05,
            "the page shows {days_after}, the native engine {}",
            with.stages[STAGE].mean_days
        );
        // The winners keep their clock: the revenue is the same up to the simulation's error.
        let se = |report: &engine::Report| report.revenue.precision.map_or(0.0, |p| p.mean_se);
        let allowed = 4.0 * (se(&with).powi(2) + se(&without).powi(2)).sqrt();
        assert!(
            (revenue_after - revenue_before).abs() <= allowed,
            "revenue {revenue_before} -> {revenue_after} (allowed ± {allowed})"
        );
        let summary = attribute(client, "[data-testid='stage-3-lost-delay']", "data-path").await?;
        assert_eq!(summary, "stages[3].lost_delay_days");

        // Screenshots of the control, in each language and at both sizes.
        for language in ["en", "ru", "zh"] {
            choose(client, "[data-testid='language-menu']", language).await?;
            client
                .wait()
                .at_most(std::time::Duration::from_secs(5))
                .for_element(fantoccini::Locator::Css(&format!(
                    "html[lang^='{language}']"
                )))
                .await
                .map_err(|error| error.to_string())?;
            for (width, height) in [(1440, 900), (1280, 720)] {
                crate::layout::set_viewport(client, width, height).await?;
                client
                    .execute(
                        "document.querySelector(\"[data-testid='stage-3-lost-delay']\")\
                         .scrollIntoView({ block: 'center' });",
                        Vec::new(),
                    )
                    .await
                    .map_err(|error| error.to_string())?;
                save_screenshot(
                    client,
                    &format!("lost-delay-editor-{language}-{width}x{height}"),
                )
                .await?;
            }
        }
        choose(client, "[data-testid='language-menu']", "en").await?;
        wait_ready(client).await?;

        // Back to the same as the time to decide: the key is gone and the forecast is the
        // one the page started with, to the last digit.
        choose(client, LAW, "same").await?;
        wait_new_forecast(client).await?;
        wait_saved_lost_delay(client, None).await?;
        assert_eq!(value_of(client, LAW).await?, "same");
        assert_eq!(figure_value(client, "revenue").await?, revenue_before);
        assert_eq!(mean_days_shown(client, STAGE).await?, days_before);
        Ok(())
    });
}
