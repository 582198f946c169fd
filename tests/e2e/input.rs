//! What people type into number fields (issue 11, item 6): a text that cannot be read marks
//! the forecast stale exactly as a value out of range does, keeps what was typed and says why;
//! money and counts are read as people write them ("$600,000", "600k", "1e6", "1 000 000").

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::editor::{type_into, value_of, wait_ready};
use crate::harness::*;

async fn wait_state(client: &Client, state: &str) -> Result<(), String> {
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(&format!(
            "[data-testid='results'][data-state='{state}']"
        )))
        .await
        .map(|_| ())
        .map_err(|error| format!("the forecast never turned {state}: {error}"))
}

/// "abc" in leads per day showed a message but left the forecast looking current; runs of 0
/// the same. Now each marks it stale, names the field in the banner, and keeps the text.
#[test]
fn unreadable_text_marks_the_forecast_stale_like_an_invalid_value() {
    with_app(async |client, server| {
        client
            .goto(&page_url(server))
            .await
            .map_err(|error| error.to_string())?;
        wait_ready(client).await?;
        let per_day = "[data-path='sources[0].per_day'] input";
        type_into(client, per_day, "abc").await?;
        wait_state(client, "invalid").await?;
        assert_eq!(value_of(client, per_day).await?, "abc", "the text stays");
        let stale = text_of(client, "[data-testid='stale-note']").await?;
        assert!(!stale.is_empty(), "the forecast is marked stale");
        let banner = text_of(client, "[data-testid='forecast-errors']").await?;
        assert!(banner.contains("Source 1 · Leads per day"), "{banner}");

        // People's way of writing a count: read, and the forecast is current again.
        type_into(client, per_day, "1 500").await?;
        wait_ready(client).await?;
        assert_eq!(value_of(client, per_day).await?, "1500");

        type_into(client, "[data-testid='runs-input']", "0").await?;
        wait_state(client, "invalid").await?;
        type_into(client, "[data-testid='runs-input']", "1e3").await?;
        wait_ready(client).await?;
        Ok(())
    });
}

/// A target of "$600,000" or "600k" was refused: both read as 600,000.
#[test]
fn money_is_read_as_people_write_it() {
    with_app(async |client, server| {
        client
            .goto(&page_url(server))
            .await
            .map_err(|error| error.to_string())?;
        wait_ready(client).await?;
        let target = "[data-path='target'] input";
        for typed in ["$600,000", "600k", "6e5"] {
            type_into(client, target, typed).await?;
            wait_ready(client).await?;
            assert_eq!(value_of(client, target).await?, "600000", "{typed}");
            let probability = text_of(client, "[data-testid='target-probability']").await?;
            assert!(probability.contains('%'), "{typed}: {probability}");
        }
        Ok(())
    });
}

/// Messages speak to a person (issue 11, item 7): a blocked removal is grammatical, and an
/// empty scenario says what to do in words.
#[test]
fn messages_say_what_to_do_in_words() {
    with_app(async |client, server| {
        client
            .goto(&page_url(server))
            .await
            .map_err(|error| error.to_string())?;
        wait_ready(client).await?;
        // The first stage: one source enters it.
        crate::editor::choose(client, "[data-testid='preset-menu']", "classroom-cohort").await?;
        wait_ready(client).await?;
        crate::editor::click(client, "[data-testid='remove-stage']").await?;
        let message = text_of(
            client,
            "[data-testid='stage-row'] [data-testid='field-error']",
        )
        .await?;
        assert!(
            message.contains("refers to it") && !message.contains(" refer to it"),
            "{message}"
        );
        crate::editor::choose(client, "[data-testid='preset-menu']", "empty").await?;
        wait_state(client, "invalid").await?;
        let banner = text_of(client, "[data-testid='forecast-errors']").await?;
        assert!(banner.contains("Add stage"), "{banner}");
        Ok(())
    });
}
