//! What the page says about money and where the numbers go (issue 11, items 15, 18 and 19):
//! the tornado ranks levers by the figure the person picks and says each lever's step; a
//! stage's value per conversion shows in its row and profit is a headline figure; the summary
//! CSV is headed with its settings and rounded as the page shows it.

use std::time::Duration;

use fantoccini::Client;
use serde_json::Value as Json;

use crate::editor::{
    attribute, capture_downloads, choose, click, count, downloads, figure_value, wait_ready,
};
use crate::harness::*;

async fn wait_for(client: &Client, selector: &str, seconds: u64) -> Result<(), String> {
    client
        .wait()
        .at_most(Duration::from_secs(seconds))
        .for_element(fantoccini::Locator::Css(selector))
        .await
        .map(|_| ())
        .map_err(|error| format!("{selector} did not appear within {seconds} s: {error}"))
}

async fn open_preset(client: &Client, server: &StaticServer, preset: &str) -> Result<(), String> {
    client
        .goto(&page_url(server))
        .await
        .map_err(|error| error.to_string())?;
    wait_ready(client).await?;
    choose(client, "[data-testid='preset-menu']", preset).await?;
    crate::editor::wait_new_forecast(client).await
}

/// Moves the pointer down the middle of the tornado's canvas, a few pixels at a time, and
/// collects every read-out it shows (one per lever row), top to bottom.
async fn tornado_readouts(client: &Client) -> Result<Vec<String>, String> {
    let height = client
        .execute(
            "const canvas = document.querySelector(\"canvas[data-testid='tornado-chart']\");
             canvas.scrollIntoView({ block: 'center' });
             return canvas.getBoundingClientRect().height;",
            Vec::new(),
        )
        .await
        .map_err(|error| error.to_string())?
        .as_f64()
        .unwrap_or(0.0);
    let mut seen: Vec<String> = Vec::new();
    let mut y = 2.0;
    while y < height {
        let text = client
            .execute(
                "const canvas = document.querySelector(\"canvas[data-testid='tornado-chart']\");
                 const box = canvas.getBoundingClientRect();
                 canvas.dispatchEvent(new MouseEvent('mousemove', {
                     clientX: box.left + box.width / 2, clientY: box.top + arguments[0],
                     bubbles: true,
                 }));
                 await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
                 const readout = document.querySelector(\"[data-testid='tornado-chart-readout']\");
                 return readout ? readout.textContent.trim() : null;",
                vec![y.into()],
            )
            .await
            .map_err(|error| error.to_string())?;
        if let Some(text) = text.as_str()
            && seen.last().map(String::as_str) != Some(text)
        {
            seen.push(text.to_string());
        }
        y += 4.0;
    }
    Ok(seen)
}

/// A signed amount as the read-out writes it in English ("+50.00", "-$1,234").
fn amount(text: &str) -> Result<f64, String> {
    text.chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
        .collect::<String>()
        .parse()
        .map_err(|_| format!("{text:?} is not an amount"))
}

/// The improved and worsened changes of a read-out "Lever (step): Lever improved +50.00 ·
/// Lever worsened -50.00".
fn readout_values(readout: &str) -> Result<(f64, f64), String> {
    let improved = readout
        .split("Lever improved ")
        .nth(1)
        .and_then(|rest| rest.split(" · ").next())
        .ok_or_else(|| format!("no improved value in {readout:?}"))?;
    let worsened = readout
        .split("Lever worsened ")
        .nth(1)
        .ok_or_else(|| format!("no worsened value in {readout:?}"))?;
    Ok((amount(improved)?, amount(worsened)?))
}

/// Item 15. A trainer ranks the classroom cohort's levers by profit: a 5% cheaper lead saves
/// exactly 5% of the 1,000 leads' cost of 1.00 each, so the cost-per-lead lever has a bar of
/// +50.00 (revenue alone showed it as 0), its read-out says the step, the caption and the best
/// change follow the metric, and ranking by cost per customer says what that costs.
#[test]
fn the_tornado_ranks_levers_by_the_metric_chosen_and_says_each_step() {
    with_app(async |client, server| {
        open_preset(client, server, "classroom-cohort").await?;
        click(client, "[data-testid='sensitivity-run']").await?;
        wait_for(
            client,
            "canvas[data-testid='tornado-chart'][data-drawn='true']",
            240,
        )
        .await?;
        let revenue = tornado_readouts(client).await?;
        println!("e2e: tornado by revenue: {revenue:#?}");
        let cost_lever = "Cost per lead of “Cohort” (−5%): ";
        let by_revenue = revenue
            .iter()
            .find(|text| text.starts_with(cost_lever))
            .ok_or_else(|| format!("no read-out for the cost lever in {revenue:?}"))?;
        assert_eq!(
            readout_values(by_revenue)?,
            (0.0, 0.0),
            "revenue does not move with the cost per lead"
        );
        assert!(
            revenue
                .iter()
                .any(|text| text.starts_with("Conversion at “Interest” (+5 points): ")),
            "each lever says its step: {revenue:?}"
        );

        choose(client, "[data-testid='sensitivity-metric']", "profit").await?;
        wait_for(
            client,
            "[data-testid='best-lever'][data-metric='profit']",
            5,
        )
        .await?;
        wait_for(
            client,
            "canvas[data-testid='tornado-chart'][data-drawn='true']",
            10,
        )
        .await?;
        let caption = text_of(client, "[data-testid='sensitivity'] figcaption").await?;
        assert!(
            caption.starts_with("What each lever does to profit"),
            "{caption:?}"
        );
        let profit = tornado_readouts(client).await?;
        println!("e2e: tornado by profit: {profit:#?}");
        let by_profit = profit
            .iter()
            .find(|text| text.starts_with(cost_lever))
            .ok_or_else(|| format!("no read-out for the cost lever in {profit:?}"))?;
        let (better, worse) = readout_values(by_profit)?;
        assert!(
            (better - 50.0).abs() < 0.005 && (worse + 50.0).abs() < 0.005,
            "5% of 1,000 leads at 1.00: {by_profit:?}"
        );
        let position = |list: &[String]| list.iter().position(|text| text.starts_with(cost_lever));
        assert!(
            position(&profit) < position(&revenue),
            "ranked by profit the cost lever moves up: {profit:?}"
        );
        let sentence = text_of(client, "[data-testid='best-lever']").await?;
        assert!(sentence.contains(" in profit over "), "{sentence:?}");
        let delta: f64 = attribute(client, "[data-testid='best-lever']", "data-delta")
            .await?
            .parse()
            .map_err(|_| "data-delta is not a number".to_string())?;
        assert!(delta > 50.0, "the best change adds more than the cost cut");
        save_screenshot(client, "screenshot-tornado-profit").await?;

        choose(
            client,
            "[data-testid='sensitivity-metric']",
            "cost_per_customer",
        )
        .await?;
        wait_for(
            client,
            "[data-testid='best-lever'][data-metric='cost_per_customer']",
            5,
        )
        .await?;
        let sentence = text_of(client, "[data-testid='best-lever']").await?;
        assert!(
            sentence.contains("cuts the cost per customer by about"),
            "{sentence:?}"
        );
        let per_customer = tornado_readouts(client).await?;
        let (better, _) = readout_values(
            per_customer
                .iter()
                .find(|text| text.starts_with(cost_lever))
                .ok_or_else(|| format!("no cost lever in {per_customer:?}"))?,
        )?;
        assert!(better < 0.0, "a cheaper lead lowers the cost per customer");
        Ok(())
    });
}

/// Item 18. The classroom cohort's last stage is worth 300 a conversion: its row says so (in
/// the page's currency once one is chosen), the other rows say nothing, and the Profit card
/// is revenue minus lead cost, as the cards beside it give them.
#[test]
fn the_stage_row_shows_its_value_and_profit_is_a_headline_figure() {
    with_app(async |client, server| {
        open_preset(client, server, "classroom-cohort").await?;
        assert_eq!(
            text_of(client, "[data-testid='stage-5-value']").await?,
            "value 300 per conversion"
        );
        assert_eq!(
            count(client, "[data-testid^='stage-'][data-testid$='-value']").await?,
            1,
            "only the stage with a value says one"
        );
        choose(client, "[data-testid='currency-menu']", "USD").await?;
        wait_for(client, "[data-testid='stage-5-value']", 5).await?;
        assert_eq!(
            text_of(client, "[data-testid='stage-5-value']").await?,
            "value $300 per conversion"
        );
        client
            .execute(
                "document.querySelector(\"[data-testid='stage-5-value']\")\
                 .scrollIntoView({ block: 'center' });",
                Vec::new(),
            )
            .await
            .map_err(|error| error.to_string())?;
        save_screenshot(client, "screenshot-stage-value").await?;

        let shown = |text: String| -> Result<f64, String> {
            text.replace(['$', ','], "")
                .trim()
                .parse()
                .map_err(|_| format!("{text:?} is not an amount"))
        };
        let revenue = shown(text_of(client, "[data-testid='revenue-mean']").await?)?;
        let cost = shown(text_of(client, "[data-testid='cost-mean']").await?)?;
        let profit = shown(text_of(client, "[data-testid='profit-mean']").await?)?;
        println!("e2e: revenue {revenue}, cost {cost}, profit {profit}");
        assert!(
            (profit - (revenue - cost)).abs() <= 1.0,
            "the Profit card ({profit}) is revenue ({revenue}) minus cost ({cost}) within rounding"
        );
        let exact = |testid: &'static str| async move {
            attribute(
                client,
                &format!("[data-testid='{testid}-exact']"),
                "data-value",
            )
            .await?
            .parse::<f64>()
            .map_err(|_| format!("{testid}-exact has no number"))
        };
        let (revenue_exact, cost_exact, profit_exact) = (
            exact("revenue").await?,
            exact("cost").await?,
            exact("profit").await?,
        );
        assert!(
            (profit_exact - (revenue_exact - cost_exact)).abs() < 1e-6 * revenue_exact.abs(),
            "expected profit {profit_exact} = {revenue_exact} - {cost_exact}"
        );
        let range = text_of(client, "[data-testid='profit-range']").await?;
        assert!(range.starts_with("90% of runs: $"), "{range:?}");
        let help = text_of(client, "[data-testid='profit-help']").await?;
        assert_eq!(help, "Revenue minus lead cost.");
        // The mean profit is the mean of per-run profits: the means subtract exactly.
        let means = figure_value(client, "revenue").await? - figure_value(client, "cost").await?;
        let profit_value = figure_value(client, "profit").await?;
        assert!(
            (profit_value - means).abs() < 1e-6 * means.abs(),
            "{profit_value} vs {means}"
        );
        client
            .execute("window.scrollTo(0, 0);", Vec::new())
            .await
            .map_err(|error| error.to_string())?;
        save_screenshot(client, "screenshot-profit-card").await
    });
}

/// The person's local date as the page's clock gives it, `2025-06-01`.
async fn page_date(client: &Client) -> Result<String, String> {
    let date = client
        .execute(
            "const d = new Date();
             const two = (n) => String(n).padStart(2, '0');
             return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;",
            Vec::new(),
        )
        .await
        .map_err(|error| error.to_string())?;
    Ok(date.as_str().unwrap_or_default().to_string())
}

/// Item 19. The summary CSV downloaded from the page starts with the scenario, runs, seed,
/// horizon, currency and date, every record as wide as the header, and its numbers are the
/// page's, rounded as the page shows them (no 79.62640126169802).
#[test]
fn the_summary_csv_is_headed_with_its_settings_and_rounded() {
    with_app(async |client, server| {
        open_preset(client, server, "six-step").await?;
        choose(client, "[data-testid='currency-menu']", "EUR").await?;
        let summary = text_of(client, "[data-testid='run-summary']").await?;
        let (runs, seed) = crate::runs_and_seed(&summary)?;
        capture_downloads(client).await?;
        let date_before = page_date(client).await?;
        click(client, "[data-testid='export-summary-csv']").await?;
        let list: Vec<Json> = downloads(client, 1).await?;
        let date_after = page_date(client).await?;
        let name = list[0]["name"].as_str().unwrap_or_default();
        let text = list[0]["text"].as_str().unwrap_or_default();
        assert_eq!(name, "funnelcast-six-step-marketing-funnel-summary.csv");
        // `Response.text()` decodes UTF-8 and drops the byte order mark (tests/app_model.rs
        // holds the file's bytes, the mark included).
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines: Vec<&str> = text.split("\r\n").collect();
        println!(
            "e2e: summary CSV head: {:#?}",
            &lines[..10.min(lines.len())]
        );
        let date = |line: &str| line.trim_end_matches(',').to_string();
        assert_eq!(
            &lines[..5],
            [
                "scenario,Six-step marketing funnel,,,,,,,,",
                &format!("runs,{runs},,,,,,,,"),
                &format!("seed,{seed},,,,,,,,"),
                "horizon days,365,,,,,,,,",
                "currency,EUR,,,,,,,,",
            ]
        );
        let dated = date(lines[5]);
        assert!(
            dated == format!("date,{date_before}") || dated == format!("date,{date_after}"),
            "{dated:?} is the page's date {date_before}"
        );
        assert_eq!(lines[6], "figure,stage,mean,sd,p5,p25,p50,p75,p95,expected");
        assert_eq!(lines.last(), Some(&""), "the last record ends with CRLF");
        let records: Vec<Vec<&str>> = lines[..lines.len() - 1]
            .iter()
            .map(|line| line.split(',').collect())
            .collect();
        assert!(
            records.iter().all(|fields| fields.len() == 10),
            "every record has the header's ten fields"
        );
        // No number has more digits than the page shows: at most three decimals (a share to
        // a tenth of a percent).
        for fields in &records[7..] {
            for field in &fields[2..] {
                if let Some((_, decimals)) = field.split_once('.') {
                    assert!(decimals.len() <= 3, "{field:?} in {fields:?}");
                }
            }
        }
        // The revenue row is the Revenue card, rounded as it is shown.
        let row = |figure: &str| {
            records
                .iter()
                .find(|fields| fields[0] == figure)
                .cloned()
                .unwrap_or_default()
        };
        let revenue = figure_value(client, "revenue").await?;
        assert_eq!(row("revenue")[2], format!("{}", revenue.round()));
        let profit = figure_value(client, "profit").await?;
        assert_eq!(row("profit")[2], format!("{}", profit.round()));
        let shown = text_of(client, "[data-testid='revenue-mean']").await?;
        assert_eq!(
            shown.replace(['€', ','], ""),
            row("revenue")[2],
            "the file's revenue is the card's"
        );
        Ok(())
    });
}
