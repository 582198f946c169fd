//! Chart tests: the fan chart rendered to SVG in memory, checked for its parts.
//!
//! Text needs no font here. With plotters' font features off, native builds use plotters'
//! built-in estimate of text extents for the layout, and the SVG backend writes text as
//! `<text>` elements for the viewer to render, so no font file has to exist on the machine.
//! (The browser measures and draws text with its own fonts.)

use funnelcast::charts::{self, ChartError, ChartMapping, ChartOptions, palette};
use funnelcast::engine::Report;
use funnelcast::engine::report::Bands;
use plotters::prelude::*;

/// A report whose cumulative revenue grows linearly, the bands spreading around the median.
fn report_with_days(days: usize) -> Report {
    let mut bands = Bands::default();
    for day in 0..days {
        let median = 1_000.0 * (day as f64 + 1.0);
        bands.mean.push(median);
        bands.p5.push(median * 0.6);
        bands.p25.push(median * 0.85);
        bands.p50.push(median);
        bands.p75.push(median * 1.15);
        bands.p95.push(median * 1.4);
    }
    let mut report = Report {
        horizon_days: days as u32,
        ..Report::default()
    };
    report.daily.cumulative_revenue = bands;
    report
}

/// Renders the chart to an SVG string of `width` × `height` backend pixels.
fn render(
    report: &Report,
    options: &ChartOptions,
    (width, height): (u32, u32),
) -> (String, Result<ChartMapping, ChartError>) {
    let mut svg = String::new();
    let result = {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        charts::draw_cumulative_revenue(&area, report, options)
    };
    (svg, result)
}

fn hex(color: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", color.0, color.1, color.2)
}

/// Every `<text>` element as its start tag's attributes and its trimmed content.
fn texts(svg: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        let element = &rest[start..];
        let (Some(tag_end), Some(close)) = (element.find('>'), element.find("</text>")) else {
            break;
        };
        found.push((&element[..tag_end], element[tag_end + 1..close].trim()));
        rest = &element[close..];
    }
    found
}

fn has_text(svg: &str, text: &str) -> bool {
    texts(svg).iter().any(|(_, content)| *content == text)
}

/// The font size of the `<text>` element whose content is `text`.
fn font_size_of(svg: &str, text: &str) -> Option<f64> {
    let (attributes, _) = texts(svg)
        .into_iter()
        .find(|(_, content)| *content == text)?;
    let after = attributes.split("font-size=\"").nth(1)?;
    after.split('"').next()?.parse().ok()
}

#[test]
fn draws_both_bands_the_median_line_axis_titles_and_legend() {
    let (svg, result) = render(&report_with_days(90), &ChartOptions::default(), (800, 400));
    assert!(result.is_ok(), "{result:?}");

    let outer = hex(palette::tint(palette::SKY_BLUE, 0.35));
    let inner = hex(palette::tint(palette::SKY_BLUE, 0.75));
    let median = hex(palette::BLUE);
    assert!(svg.contains("<polygon"), "no band drawn");
    assert!(
        svg.contains(&format!("fill=\"{outer}\"")),
        "no p5-p95 band in {outer}"
    );
    assert!(
        svg.contains(&format!("fill=\"{inner}\"")),
        "no p25-p75 band in {inner}"
    );
    assert!(svg.contains("<polyline"), "no median line");
    assert!(
        svg.contains(&format!("stroke=\"{median}\"")),
        "no median line in {median}"
    );

    let labels = ChartOptions::default().labels;
    for text in [
        &labels.x_title,
        &labels.y_title,
        &labels.outer_band,
        &labels.inner_band,
        &labels.median,
    ] {
        assert!(has_text(&svg, text), "missing text {text:?}");
    }
    // Tick labels are short forms: revenue in thousands, whole days.
    assert!(has_text(&svg, "100k"), "no revenue tick label in thousands");
    assert!(has_text(&svg, "0"), "no day 0 tick label");
    assert!(!svg.contains("NaN"), "NaN in the drawing");
    assert!(!svg.contains("inf"), "infinity in the drawing");
}

#[test]
fn fonts_and_lines_scale_with_the_pixel_ratio() {
    let report = report_with_days(30);
    let single = ChartOptions::default();
    let double = ChartOptions {
        pixel_ratio: 2.0,
        ..ChartOptions::default()
    };
    let (svg_single, _) = render(&report, &single, (800, 400));
    let (svg_double, _) = render(&report, &double, (1600, 800));
    let title = &single.labels.x_title;
    let (Some(size_single), Some(size_double)) = (
        font_size_of(&svg_single, title),
        font_size_of(&svg_double, title),
    ) else {
        panic!("the x axis title has no font size");
    };
    assert!(
        (size_double / size_single - 2.0).abs() < 0.1,
        "{size_single} -> {size_double}"
    );
}

#[test]
fn the_mapping_turns_pixels_back_into_days_and_values() {
    let report = report_with_days(90);
    let (_, result) = render(&report, &ChartOptions::default(), (800, 400));
    let Ok(mapping) = result else {
        panic!("{result:?}")
    };
    assert_eq!(mapping.day_count, 90);
    assert!(mapping.x_pixels.start < mapping.x_pixels.end);
    assert!(
        mapping.y_pixels.start > mapping.y_pixels.end,
        "y grows upwards"
    );

    let left_bottom = (mapping.x_pixels.start, mapping.y_pixels.start);
    assert_eq!(mapping.day_at(left_bottom), Some(0));
    let right_top = (mapping.x_pixels.end, mapping.y_pixels.end);
    assert_eq!(mapping.day_at(right_top), Some(89));
    let Some((_, top_value)) = mapping.data_at(right_top) else {
        panic!("top right corner")
    };
    assert!(
        top_value >= 90_000.0 * 1.4,
        "the p95 band fits under the top: {top_value}"
    );

    let middle_x = (mapping.x_pixels.start + mapping.x_pixels.end) / 2;
    let Some(day) = mapping.day_at((middle_x, mapping.y_pixels.start)) else {
        panic!("middle")
    };
    assert!((43..=46).contains(&day), "middle of 0..89 is day {day}");

    assert_eq!(
        mapping.data_at((mapping.x_pixels.start - 1, mapping.y_pixels.start)),
        None
    );
    assert_eq!(
        mapping.data_at((mapping.x_pixels.start, mapping.y_pixels.end - 1)),
        None
    );
}

#[test]
fn an_empty_forecast_is_an_error_not_a_panic() {
    let (_, result) = render(&Report::default(), &ChartOptions::default(), (400, 200));
    assert_eq!(result, Err(ChartError::NoDays));
}

#[test]
fn a_nan_is_reported_with_its_series_and_day() {
    let mut report = report_with_days(10);
    report.daily.cumulative_revenue.p95[3] = f64::NAN;
    let (_, result) = render(&report, &ChartOptions::default(), (400, 200));
    assert_eq!(
        result,
        Err(ChartError::NotFinite {
            series: "p95",
            day: 3
        })
    );
}

#[test]
fn a_single_day_and_a_zero_forecast_still_draw() {
    let (svg, result) = render(&report_with_days(1), &ChartOptions::default(), (400, 200));
    assert!(result.is_ok(), "{result:?}");
    assert!(!svg.contains("NaN"));

    let mut zero = report_with_days(5);
    let bands = &mut zero.daily.cumulative_revenue;
    for series in [
        &mut bands.p5,
        &mut bands.p25,
        &mut bands.p50,
        &mut bands.p75,
        &mut bands.p95,
    ] {
        series.iter_mut().for_each(|value| *value = 0.0);
    }
    let (svg, result) = render(&zero, &ChartOptions::default(), (400, 200));
    assert!(result.is_ok(), "{result:?}");
    assert!(!svg.contains("NaN"));
}
