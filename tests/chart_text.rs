//! The charts' text alternatives (`app_model::chart_text`, issue 11 item 22): each says the
//! chart's numbers, the ones the chart draws, in the page's language and currency.

use funnelcast::app_model::chart_text::{self, LeverBar};
use funnelcast::app_model::explain::Style;
use funnelcast::decisions::DiffStats;
use funnelcast::engine::report::{Bands, Stats};
use funnelcast::engine::{Report, StageReport};
use funnelcast::i18n::Locale;
use funnelcast::i18n::format::{self, Currency};
use funnelcast::scenario::presets;

const LOCALES: [Locale; 3] = [Locale::En, Locale::Ru, Locale::Zh];

fn style(locale: Locale) -> Style {
    Style {
        locale,
        currency: Currency::Usd,
    }
}

fn stats(mean: f64, p5: f64, p25: f64, p50: f64, p75: f64, p95: f64) -> Stats {
    Stats {
        mean,
        sd: 0.0,
        p5,
        p25,
        p50,
        p75,
        p95,
        precision: None,
    }
}

fn stage(name: &str, entered: f64, converted: f64) -> StageReport {
    StageReport {
        name: name.to_string(),
        entered: stats(entered, 0.0, 0.0, entered, 0.0, 0.0),
        converted: stats(converted, 0.0, 0.0, converted, 0.0, 0.0),
        conversion: converted / entered,
        ..StageReport::default()
    }
}

/// A four-day report with round numbers.
fn report() -> Report {
    let mut report = Report {
        horizon_days: 4,
        stages: vec![
            stage("Awareness", 1000.0, 300.0),
            stage("Purchase", 300.0, 60.0),
        ],
        revenue: stats(410.0, 200.0, 300.0, 400.0, 500.0, 600.0),
        customers: stats(60.0, 40.0, 50.0, 60.0, 70.0, 80.0),
        days_to_first_purchase: stats(14.5, 2.0, 6.0, 12.0, 20.0, 40.0),
        ..Report::default()
    };
    report.daily.cumulative_revenue = Bands {
        mean: vec![100.0, 200.0, 300.0, 410.0],
        p5: vec![50.0, 100.0, 150.0, 200.0],
        p25: vec![75.0, 150.0, 225.0, 300.0],
        p50: vec![100.0, 200.0, 300.0, 400.0],
        p75: vec![125.0, 250.0, 375.0, 500.0],
        p95: vec![150.0, 300.0, 450.0, 600.0],
    };
    report
}

#[test]
fn the_funnel_says_each_stage_s_entries_conversions_and_rate_in_order() {
    assert_eq!(
        chart_text::funnel(style(Locale::En), &report().stages),
        "Leads at each stage, mean over the runs: Awareness: 1,000 enter, 300 convert (30%); \
         Purchase: 300 enter, 60 convert (20%)."
    );
    let russian = chart_text::funnel(style(Locale::Ru), &report().stages);
    assert!(
        russian.starts_with("Лиды на каждом этапе") && russian.contains("«Awareness»: входят 1"),
        "{russian}"
    );
    let chinese = chart_text::funnel(style(Locale::Zh), &report().stages);
    assert!(
        chinese.contains("“Awareness”：进入 1,000，转化 300（30%）；“Purchase”"),
        "{chinese}"
    );
    assert_eq!(
        chart_text::funnel(style(Locale::En), &[]),
        "The chart has no data to show."
    );
}

#[test]
fn the_fan_chart_says_the_median_and_band_halfway_and_at_the_horizon() {
    assert_eq!(
        chart_text::revenue_over_time(style(Locale::En), &report()),
        "Revenue added up day by day: after 2 days, median $200, 90% of runs from $100 to $300; \
         after 4 days, median $400, 90% of runs from $200 to $600."
    );
    let russian = chart_text::revenue_over_time(style(Locale::Ru), &report());
    assert!(russian.contains("за 2 дня — медиана 200"), "{russian}");
    let chinese = chart_text::revenue_over_time(style(Locale::Zh), &report());
    assert!(chinese.contains("4天后，中位数 US$400"), "{chinese}");
}

#[test]
fn the_revenue_distribution_says_its_spread_and_the_chance_of_the_target() {
    let target = Some((500.0, 0.25));
    assert_eq!(
        chart_text::revenue_distribution(style(Locale::En), &report(), target),
        "Total revenue over 4 days: median $400; half of the runs from $300 to $500, 90% from \
         $200 to $600. 25% of runs reach the target of $500."
    );
    let without = chart_text::revenue_distribution(style(Locale::En), &report(), None);
    assert!(!without.contains("target"), "{without}");
    for locale in LOCALES {
        let text = chart_text::revenue_distribution(style(locale), &report(), target);
        for amount in [200.0, 300.0, 400.0, 500.0, 600.0] {
            let written = format::money(locale, Currency::Usd, amount);
            assert!(text.contains(&written), "{locale:?}: {written} in {text}");
        }
    }
}

#[test]
fn the_time_to_purchase_says_median_mean_and_range_in_days() {
    assert_eq!(
        chart_text::days_to_purchase(style(Locale::En), &report()),
        "Days from a lead's arrival to its first purchase, for about 60 customers per run: \
         median 12 days, mean 14.5 days, 90% of customers between 2 days and 40 days."
    );
    let none = Report {
        customers: Stats::default(),
        ..report()
    };
    assert!(
        chart_text::days_to_purchase(style(Locale::En), &none).starts_with("No lead"),
        "no customer, no waiting time"
    );
    let russian = chart_text::days_to_purchase(style(Locale::Ru), &report());
    assert!(russian.contains("медиана 12 дней"), "{russian}");
}

#[test]
fn the_tornado_says_each_lever_both_ways_in_the_chart_s_order() {
    let bars = [
        LeverBar {
            label: "Conversion at “Consideration”".to_string(),
            better: 1200.0,
            worse: -1100.0,
        },
        LeverBar {
            label: "Volume of “Search ads”".to_string(),
            better: 300.0,
            worse: -300.0,
        },
    ];
    let text = chart_text::tornado(style(Locale::En), &bars);
    let better = format::money_change(Locale::En, Currency::Usd, 1200.0);
    let worse = format::money_change(Locale::En, Currency::Usd, -1100.0);
    assert_eq!(better, "+$1,200");
    assert!(
        text.contains(&format!(
            "Conversion at “Consideration”: {better} improved, {worse} worsened; Volume"
        )),
        "{text}"
    );
    assert!(
        text.find("Consideration") < text.find("Search ads"),
        "in the chart's order: {text}"
    );
    assert_eq!(
        chart_text::tornado(style(Locale::En), &[]),
        "The chart has no data to show."
    );
}

#[test]
fn the_comparison_charts_say_each_plan_and_the_difference() {
    let a = report();
    let b = Report {
        revenue: stats(610.0, 300.0, 450.0, 600.0, 750.0, 900.0),
        ..report()
    };
    let names = ["Variant A".to_string(), "Variant B".to_string()];
    assert_eq!(
        chart_text::compare_revenue(style(Locale::En), &names, &[a.clone(), b]),
        "Total revenue of each plan: Variant A: median $400, 90% of runs from $200 to $600; \
         Variant B: median $600, 90% of runs from $300 to $900."
    );
    assert_eq!(
        chart_text::compare_over_time(style(Locale::En), &names, &[a.clone(), a]),
        "Revenue added up over 4 days, for each plan: Variant A: median $400, 90% of runs from \
         $200 to $600; Variant B: median $400, 90% of runs from $200 to $600."
    );
    let difference = DiffStats {
        mean: 200.0,
        sd: 50.0,
        p5: -150.0,
        p50: 190.0,
        p95: 520.0,
        p_b_beats_a: 0.83,
        runs: 1000,
    };
    let text = chart_text::difference(style(Locale::En), "Variant B", "Variant A", &difference);
    assert_eq!(
        text,
        format!(
            "Revenue of Variant B minus Variant A in the same runs: mean +$200, 90% of runs from \
             {} to +$520; Variant B is ahead in 83% of runs.",
            format::money_change(Locale::En, Currency::Usd, -150.0)
        )
    );
    let chinese = chart_text::difference(style(Locale::Zh), "方案 B", "方案 A", &difference);
    assert!(chinese.contains("方案 B 在 83% 的模拟中领先"), "{chinese}");
}

/// On a real report (the default scenario), every text is in the page's language: the three
/// differ, and each quotes the figures the page shows.
#[test]
fn on_a_real_report_the_texts_quote_its_figures_in_each_language() {
    let model = presets::default_scenario().validate().expect("valid");
    let report = funnelcast::engine::simulate(&model, 200, 1);
    let mut seen = Vec::new();
    for locale in LOCALES {
        let style = style(locale);
        let texts = [
            chart_text::funnel(style, &report.stages),
            chart_text::revenue_over_time(style, &report),
            chart_text::revenue_distribution(style, &report, None),
            chart_text::days_to_purchase(style, &report),
        ];
        let first = &report.stages[0];
        assert!(
            texts[0].contains(&format::integer(locale, first.entered.mean)),
            "{locale:?}: {}",
            texts[0]
        );
        let end = report
            .daily
            .cumulative_revenue
            .p50
            .last()
            .copied()
            .unwrap_or_default();
        assert!(
            texts[1].contains(&format::money(locale, Currency::Usd, end)),
            "{locale:?}: {}",
            texts[1]
        );
        assert!(
            texts[2].contains(&format::money(locale, Currency::Usd, report.revenue.p50)),
            "{locale:?}: {}",
            texts[2]
        );
        seen.push(texts);
    }
    assert_ne!(seen[0], seen[1]);
    assert_ne!(seen[0], seen[2]);
    assert_ne!(seen[1], seen[2]);
}

/// The tornado ranked by profit (or customers) says so, in its unit, not "change in revenue".
#[test]
fn the_tornados_text_names_the_figure_it_ranks_by() {
    let bars = [chart_text::LeverBar {
        label: "Cost per lead".to_string(),
        better: 50.0,
        worse: -50.0,
    }];
    let text = chart_text::tornado_of(style(Locale::En), "Change in mean profit", true, &bars);
    assert!(
        text.starts_with("Change in mean profit,") && !text.contains("revenue"),
        "{text}"
    );
    let counts =
        chart_text::tornado_of(style(Locale::En), "Change in mean customers", false, &bars);
    assert!(counts.contains("+50") && !counts.contains('$'), "{counts}");
}

/// Figures per channel (issue 12): the cost per customer chart's text names every source in
/// the order drawn with its mean and 90% range, marks the cheapest and says which source
/// made no customer.
#[test]
fn the_channels_text_reads_each_sources_cost_per_customer() {
    let source = |name: &str, customers: f64, cost: Option<(f64, f64, f64)>| {
        let (mean, low, high) = cost.unwrap_or_default();
        funnelcast::engine::SourceReport {
            name: name.to_string(),
            customers: stats(customers, 0.0, 0.0, customers, 0.0, 0.0),
            cost_per_customer: stats(mean, low, 0.0, mean, 0.0, high),
            runs_with_customers: if cost.is_some() { 50 } else { 0 },
            ..Default::default()
        }
    };
    let sources = [
        source("Partners", 388.0, Some((99.5, 69.0, 138.6))),
        source("Search ads", 1160.0, Some((67.9, 43.2, 103.2))),
        source("Cold calls", 0.0, None),
    ];
    assert_eq!(
        chart_text::channels(style(Locale::En), &sources),
        "Cost per customer by source, mean over the runs: Partners: $99.50 (90% of runs from \
         $69.00 to $139); Search ads, the cheapest: $67.90 (90% of runs from $43.20 to $103); \
         Cold calls: no customer in any run."
    );
    for locale in LOCALES {
        let text = chart_text::channels(style(locale), &sources);
        let positions: Vec<usize> = ["Partners", "Search ads", "Cold calls"]
            .iter()
            .map(|name| text.find(name).unwrap_or(usize::MAX))
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{locale:?}: in order: {text}"
        );
        for amount in [99.5, 69.0, 138.6, 67.9, 43.2, 103.2] {
            let money = format::money(locale, Currency::Usd, amount);
            assert!(text.contains(&money), "{locale:?}: {money} in {text}");
        }
        assert!(!text.contains('{'), "{locale:?}: {text}");
    }
    assert_eq!(
        chart_text::channels(style(Locale::En), &[]),
        funnelcast::i18n::t(Locale::En, "chart.text.empty")
    );
}

#[test]
fn the_uncertainty_text_reads_each_share_largest_first_then_chance() {
    use funnelcast::engine::{Share, Uncertainty, UncertaintyKind, UncertaintySource, VarianceOf};
    let share = |share: f64, standard_error: f64| {
        Some(Share {
            share,
            standard_error,
        })
    };
    let source = |name: &str, stage: Option<u32>, revenue: f64| UncertaintySource {
        name: name.to_string(),
        kind: if stage.is_some() {
            UncertaintyKind::ConversionRate
        } else {
            UncertaintyKind::LeadQuality
        },
        stage,
        segment: None,
        revenue: share(revenue, 0.012),
        customers: share(revenue / 2.0, 0.01),
    };
    let uncertainty = Uncertainty {
        bins: 50,
        sources: vec![
            source("Visit", Some(0), 0.12),
            source("Consideration", Some(1), 0.46),
            source("lead quality", None, 0.2),
        ],
        chance: funnelcast::engine::VarianceParts {
            revenue: share(0.22, 0.02),
            customers: share(0.61, 0.02),
        },
    };
    assert_eq!(
        chart_text::uncertainty(style(Locale::En), &uncertainty, VarianceOf::Revenue),
        "Where the spread of revenue comes from, as shares of its variance: Consideration rate \
         46% (± 1.2%); Lead quality 20% (± 1.2%); Visit rate 12% (± 1.2%); Chance 22% (± 2%)."
    );
    let customers = chart_text::uncertainty(style(Locale::En), &uncertainty, VarianceOf::Customers);
    assert!(
        customers.contains("customers") && customers.contains("61%"),
        "{customers}"
    );
    for locale in LOCALES {
        let text = chart_text::uncertainty(style(locale), &uncertainty, VarianceOf::Revenue);
        let positions: Vec<usize> = ["Consideration", "Visit"]
            .iter()
            .map(|name| text.find(name).unwrap_or(usize::MAX))
            .collect();
        assert!(positions[0] < positions[1], "{locale:?}: in order: {text}");
        for value in [0.46, 0.2, 0.12, 0.22] {
            let percent = format::percent(locale, value, 0);
            assert!(text.contains(&percent), "{locale:?}: {percent} in {text}");
        }
        assert!(!text.contains('{'), "{locale:?}: {text}");
    }
    let mut none = uncertainty.clone();
    none.chance.revenue = None;
    assert_eq!(
        chart_text::uncertainty(style(Locale::En), &none, VarianceOf::Revenue),
        funnelcast::i18n::t(Locale::En, "chart.text.empty")
    );
}
