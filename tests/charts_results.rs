//! Tests of the results and decisions charts (funnel, revenue distribution, time to first
//! purchase, tornado, comparisons), rendered to SVG in memory.
//!
//! Three kinds of checks: exact snapshots of hand-made data (`tests/snapshots/*.svg`; run
//! with `UPDATE_SNAPSHOTS=1` to rewrite them after a deliberate change), structural checks
//! that read the SVG back (titles, the marked stage, the tornado's order, the target
//! probability, no two texts overlapping, everything inside the picture), and degenerate
//! inputs that must give a drawing or a `ChartError`, never a panic. Engine data come from
//! real runs of the presets.
//!
//! Text boxes are estimated from the font size and the characters (0.55 em per narrow
//! character, 1 em per CJK one): the charts lay out with a wider estimate, so a box that
//! overlaps here would overlap on screen.

use std::path::PathBuf;
use std::sync::OnceLock;

use funnelcast::charts::{
    self, BacktestLabels, ChartError, ChartStyle, DaysLabels, DifferenceLabels, FanOverlayLabels,
    FlowItem, FlowLabels, FlowShape, FunnelLabels, NumberFormat, OverlayLabels, RangeRow,
    RevenueLabels, TornadoBar, TornadoLabels, TornadoUnit, Variant, VariantBands, numbers, palette,
};
use funnelcast::engine::report::{Bands, Histogram, Report, StageReport, Stats};
use funnelcast::engine::{self, Simulation};
use funnelcast::scenario::{self, presets};
use plotters::coord::Shift;
use plotters::prelude::*;

// ---------------------------------------------------------------------------------------
// Test-side formatting and labels (the app fills these from its message catalogue).

/// English number formats for the tests.
struct English;

impl NumberFormat for English {
    fn money(&self, value: f64) -> String {
        numbers::grouped(value)
    }
    fn money_short(&self, value: f64) -> String {
        numbers::compact(value)
    }
    fn count(&self, value: f64) -> String {
        if value.abs() >= 10.0 || value == 0.0 {
            numbers::grouped(value)
        } else {
            format!("{value:.1}")
        }
    }
    fn count_short(&self, value: f64) -> String {
        numbers::compact(value)
    }
    fn percent(&self, fraction: f64) -> String {
        let percent = fraction * 100.0;
        if percent != 0.0 && percent.abs() < 10.0 && percent.fract().abs() > 1e-9 {
            format!("{percent:.1}%")
        } else {
            format!("{percent:.0}%")
        }
    }
    fn days(&self, value: f64) -> String {
        if value.fract() == 0.0 {
            format!("{value:.0}")
        } else {
            format!("{value:.1}")
        }
    }
}

fn funnel_labels() -> FunnelLabels {
    FunnelLabels {
        x_title: "Entries per run".to_string(),
        y_title: "Stage".to_string(),
        bars: "Mean entries".to_string(),
        range: "90% of runs".to_string(),
        most_lost: "Loses the most leads".to_string(),
        conversion: "↓ {percent} convert".to_string(),
        lost_here: "{count} lost here".to_string(),
        reentries: "↺ {count} back from nurture".to_string(),
    }
}

fn revenue_labels() -> RevenueLabels {
    RevenueLabels {
        x_title: "Revenue over the horizon, USD".to_string(),
        y_title: "Share of runs".to_string(),
        bars: "Runs".to_string(),
        target: "Target: {target}".to_string(),
        probability: "P(revenue ≥ {target}) = {probability}".to_string(),
    }
}

fn days_labels() -> DaysLabels {
    DaysLabels {
        x_title: "Days from arrival to first purchase".to_string(),
        y_title: "Customers per run".to_string(),
        bars: "Customers".to_string(),
        median: "Median: {days} days".to_string(),
        mean: "Mean: {days} days".to_string(),
    }
}

fn tornado_labels() -> TornadoLabels {
    TornadoLabels {
        x_title: "Change in mean revenue, USD".to_string(),
        y_title: String::new(),
        better: "Lever improved".to_string(),
        worse: "Lever worsened".to_string(),
        unit: TornadoUnit::Money,
    }
}

fn overlay_labels() -> OverlayLabels {
    OverlayLabels {
        x_title: "Revenue over the horizon, USD".to_string(),
        y_title: "Share of runs per {width}".to_string(),
    }
}

fn fan_labels() -> FanOverlayLabels {
    FanOverlayLabels {
        x_title: "Day".to_string(),
        y_title: "Cumulative revenue, USD".to_string(),
        band: "Band: 90% of runs".to_string(),
        median: "Line: median".to_string(),
    }
}

fn difference_labels() -> DifferenceLabels {
    DifferenceLabels {
        x_title: "Difference in revenue per run, B − A (USD)".to_string(),
        y_title: "Share of runs".to_string(),
        better: "Runs where B is ahead".to_string(),
        worse: "Runs where A is ahead".to_string(),
        even: "Runs with no difference".to_string(),
        interval_legend: "90% of runs".to_string(),
        interval: "90% interval: {low} to {high}".to_string(),
        zero: "No difference".to_string(),
    }
}

fn style() -> ChartStyle {
    ChartStyle::default()
}

// ---------------------------------------------------------------------------------------
// Rendering and reading the SVG back.

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Renders a chart to an SVG string of `width` × `height` pixels.
fn render<T>(
    (width, height): (u32, u32),
    draw: impl FnOnce(&Area<'_>) -> Result<T, ChartError>,
) -> (String, Result<T, ChartError>) {
    let mut svg = String::new();
    let result = {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        draw(&area)
    };
    (svg, result)
}

/// Renders a chart that must draw, returning the SVG and the mapping.
#[track_caller]
fn drawn<T: std::fmt::Debug>(
    size: (u32, u32),
    draw: impl FnOnce(&Area<'_>) -> Result<T, ChartError>,
) -> (String, T) {
    let (svg, result) = render(size, draw);
    match result {
        Ok(mapping) => (svg, mapping),
        Err(error) => panic!("the chart did not draw: {error}"),
    }
}

/// A `<text>` element: where it is anchored, how, its size and content.
#[derive(Debug, Clone)]
struct Text {
    x: f64,
    y: f64,
    anchor: String,
    dy: String,
    size: f64,
    rotated: bool,
    content: String,
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let after = tag.split(&format!(" {name}=\"")).nth(1)?;
    Some(after.split('"').next()?.to_string())
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn texts(svg: &str) -> Vec<Text> {
    let mut found = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        let element = &rest[start..];
        let (Some(tag_end), Some(close)) = (element.find('>'), element.find("</text>")) else {
            break;
        };
        let tag = &element[..tag_end];
        let number = |name| {
            attribute(tag, name)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0.0)
        };
        found.push(Text {
            x: number("x"),
            y: number("y"),
            anchor: attribute(tag, "text-anchor").unwrap_or_default(),
            dy: attribute(tag, "dy").unwrap_or_default(),
            size: number("font-size"),
            rotated: tag.contains("transform="),
            content: unescape(element[tag_end + 1..close].trim()),
        });
        rest = &element[close..];
    }
    found
}

fn has_text(svg: &str, content: &str) -> bool {
    texts(svg).iter().any(|t| t.content == content)
}

#[track_caller]
fn text(svg: &str, content: &str) -> Text {
    match texts(svg).into_iter().find(|t| t.content == content) {
        Some(text) => text,
        None => panic!(
            "no text {content:?}; texts: {:?}",
            texts(svg)
                .iter()
                .map(|t| t.content.clone())
                .collect::<Vec<_>>()
        ),
    }
}

fn is_wide(c: char) -> bool {
    matches!(u32::from(c), 0x2E80..=0x9FFF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFF00..=0xFF60)
}

/// A text's box as `(left, top, right, bottom)`, estimated from its size and characters.
fn text_box(text: &Text) -> (f64, f64, f64, f64) {
    let width: f64 = text
        .content
        .chars()
        .map(|c| if is_wide(c) { 1.0 } else { 0.55 } * text.size)
        .sum();
    let left = match text.anchor.as_str() {
        "middle" => text.x - width / 2.0,
        "end" => text.x - width,
        _ => text.x,
    };
    let top = match text.dy.as_str() {
        "0.76em" => text.y,
        "0.5ex" => text.y - text.size / 2.0,
        _ => text.y - text.size,
    };
    (left, top, left + width, top + text.size)
}

/// What is wrong with the layout of `svg`: two unrotated texts whose boxes overlap, a text
/// leaving the picture, no text at all, or a NaN or infinity written into it.
fn layout_problem(svg: &str, (width, height): (u32, u32)) -> Option<String> {
    let all: Vec<Text> = texts(svg)
        .into_iter()
        .filter(|t| !t.rotated && !t.content.is_empty())
        .collect();
    if all.is_empty() {
        return Some("no text drawn".to_string());
    }
    for (i, a) in all.iter().enumerate() {
        let (left, top, right, bottom) = text_box(a);
        if left < -0.5
            || top < -0.5
            || right > f64::from(width) + 0.5
            || bottom > f64::from(height) + 0.5
        {
            return Some(format!(
                "text {:?} leaves the {width}x{height} picture: {:?}",
                a.content,
                text_box(a)
            ));
        }
        for b in &all[i + 1..] {
            let (l2, t2, r2, b2) = text_box(b);
            if left < r2 - 0.5 && l2 < right - 0.5 && top < b2 - 0.5 && t2 < bottom - 0.5 {
                return Some(format!(
                    "texts overlap: {:?} at {:?} and {:?} at {:?}",
                    a.content,
                    text_box(a),
                    b.content,
                    text_box(b)
                ));
            }
        }
    }
    if svg.contains("NaN") || svg.contains("inf") {
        return Some("NaN or infinity in the drawing".to_string());
    }
    None
}

/// Fails if `layout_problem` finds anything.
#[track_caller]
fn check_layout(svg: &str, size: (u32, u32)) {
    if let Some(problem) = layout_problem(svg, size) {
        panic!("{problem}");
    }
}

#[test]
fn the_layout_check_finds_overlapping_and_escaping_texts() {
    let text = |x: i32, y: i32, content: &str| {
        format!(
            "<text x=\"{x}\" y=\"{y}\" dy=\"0.76em\" text-anchor=\"start\" \
             font-family=\"sans-serif\" font-size=\"10\">{content}</text>"
        )
    };
    let size = (200, 100);
    let apart = text(10, 10, "12,000") + &text(50, 10, "14,000");
    assert_eq!(layout_problem(&apart, size), None);
    // "12,000" is about 33 pixels wide at size 10: a label 20 pixels on touches it.
    let close = text(10, 10, "12,000") + &text(30, 14, "14,000");
    assert!(layout_problem(&close, size).is_some_and(|p| p.contains("overlap")));
    let wide = text(10, 10, "考虑考虑") + &text(40, 10, "1");
    assert!(layout_problem(&wide, size).is_some_and(|p| p.contains("overlap")));
    let out = text(190, 10, "12,000");
    assert!(layout_problem(&out, size).is_some_and(|p| p.contains("leaves")));
}

/// The `(x, y, width, height, fill)` of every `<rect>`.
fn rects(svg: &str) -> Vec<(i32, i32, i32, i32, String)> {
    svg.match_indices("<rect")
        .filter_map(|(start, _)| {
            let tag = &svg[start..start + svg[start..].find('>')?];
            let number = |name| attribute(tag, name)?.parse::<i32>().ok();
            Some((
                number("x")?,
                number("y")?,
                number("width")?,
                number("height")?,
                attribute(tag, "fill").unwrap_or_default(),
            ))
        })
        .collect()
}

fn hex(color: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", color.0, color.1, color.2)
}

/// Compares `svg` with `tests/snapshots/NAME.svg`; `UPDATE_SNAPSHOTS=1` rewrites it instead.
#[track_caller]
fn check_snapshot(name: &str, svg: &str) {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "snapshots",
        &format!("{name}.svg"),
    ]
    .iter()
    .collect();
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("creating tests/snapshots");
        }
        std::fs::write(&path, svg).expect("writing a snapshot");
        return;
    }
    let Ok(expected) = std::fs::read_to_string(&path) else {
        panic!(
            "no snapshot {}: run `UPDATE_SNAPSHOTS=1 cargo test --test charts_results` to \
             create it, then look at it and commit it",
            path.display()
        );
    };
    if expected != svg {
        let actual = path.with_extension("actual.svg");
        let _ = std::fs::write(&actual, svg);
        panic!(
            "the chart differs from its snapshot {} (the new drawing is in {}). If the change \
             is intended, look at it, then run `UPDATE_SNAPSHOTS=1 cargo test --test \
             charts_results` and commit the snapshots",
            path.display(),
            actual.display()
        );
    }
}

// ---------------------------------------------------------------------------------------
// Data: real engine runs and hand-made reports.

const RUNS: u32 = 200;
const SEED: u64 = 7;

fn preset_model(id: &str) -> scenario::Model {
    let Some(preset) = presets::find(id) else {
        panic!("no preset {id}")
    };
    match preset.scenario().validate() {
        Ok(model) => model,
        Err(errors) => panic!("preset {id} is invalid: {errors:?}"),
    }
}

/// The six-step preset (with a nurture loop at Consideration), simulated once for all tests.
fn six_step() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| engine::simulate(&preset_model("six-step"), RUNS, SEED))
}

fn stats(mean: f64, spread: f64) -> Stats {
    Stats {
        mean,
        sd: spread / 3.0,
        p5: (mean - spread).max(0.0),
        p25: mean - spread / 2.0,
        p50: mean,
        p75: mean + spread / 2.0,
        p95: mean + spread,
        precision: None,
    }
}

/// A stage with these mean figures; `failed` counts everyone who decided against it.
fn stage(name: &str, entered: f64, converted: f64, failed: f64, reentered: f64) -> StageReport {
    StageReport {
        name: name.to_string(),
        entered: stats(entered, entered * 0.1),
        converted: stats(converted, converted * 0.1),
        failed: stats(failed, failed * 0.1),
        open: stats(entered - converted - failed, 1.0),
        reentered: stats(reentered, reentered * 0.1),
        conversion: if entered > 0.0 {
            converted / entered
        } else {
            0.0
        },
        win_rate: if converted + failed > 0.0 {
            converted / (converted + failed)
        } else {
            0.0
        },
        ..StageReport::default()
    }
}

/// A funnel where the stage failing the most leads is not the one losing the most: Demo
/// fails 600 but 300 of them come back from nurture, while Lead loses 400 outright.
fn hand_made_stages() -> Vec<StageReport> {
    vec![
        stage("Lead", 1_000.0, 580.0, 400.0, 0.0),
        stage("Demo", 880.0, 250.0, 600.0, 300.0),
        stage("Proposal", 250.0, 120.0, 120.0, 0.0),
        stage("Payment", 120.0, 100.0, 15.0, 0.0),
    ]
}

/// Revenue runs spread evenly from 0 to 100,000 (percentile p is 1,000 p).
fn even_distribution() -> funnelcast::engine::Distributions {
    funnelcast::engine::Distributions {
        revenue: Histogram {
            lower: 0.0,
            width: 10_000.0,
            counts: vec![50.0; 10],
        },
        revenue_percentiles: (0..=100).map(|p| f64::from(p) * 1_000.0).collect(),
        days_to_first_purchase: Histogram::default(),
    }
}

fn hand_made_days() -> Report {
    let counts: Vec<f64> = (0..40)
        .map(|day| {
            let d = f64::from(day);
            30.0 * d * (-d / 6.0).exp() / 6.0
        })
        .collect();
    let mut report = Report::default();
    report.distributions.days_to_first_purchase = Histogram {
        lower: 0.0,
        width: 1.0,
        counts,
    };
    report.days_to_first_purchase = Stats {
        mean: 12.0,
        p50: 10.0,
        ..Stats::default()
    };
    report
}

fn hand_made_levers() -> Vec<TornadoBar> {
    vec![
        TornadoBar {
            label: "Interest conversion ±5 points".to_string(),
            worse: -12_000.0,
            better: 11_500.0,
        },
        TornadoBar {
            label: "Search ads cost per lead −10%, a lever with a long name".to_string(),
            worse: -1_500.0,
            better: 1_500.0,
        },
        TornadoBar {
            label: "Consideration conversion ±5 points".to_string(),
            worse: -40_000.0,
            better: 41_000.0,
        },
        TornadoBar {
            label: "Purchase delay −20%".to_string(),
            worse: -3_000.0,
            better: 2_000.0,
        },
        TornadoBar {
            label: "Nurture re-entry ±5 points".to_string(),
            worse: -8_000.0,
            better: 9_000.0,
        },
    ]
}

fn fan_bands(days: usize, slope: f64, spread: f64) -> Bands {
    let mut bands = Bands::default();
    for day in 0..days {
        let median = slope * (day as f64 + 1.0);
        bands.mean.push(median);
        bands.p5.push(median * (1.0 - spread));
        bands.p25.push(median * (1.0 - spread / 2.0));
        bands.p50.push(median);
        bands.p75.push(median * (1.0 + spread / 2.0));
        bands.p95.push(median * (1.0 + spread));
    }
    bands
}

/// Per-run differences: a bell of 1,000 values around 2,000 (deterministic).
fn hand_made_differences() -> Vec<f64> {
    (0..1_000)
        .map(|i| {
            // Quantiles of a logistic law, a smooth bell without a random generator.
            let u = (f64::from(i) + 0.5) / 1_000.0;
            2_000.0 + 1_500.0 * (u / (1.0 - u)).ln()
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The funnel chart.

#[test]
fn funnel_marks_the_stage_losing_most_leads_net_of_nurture_returns() {
    let stages = hand_made_stages();
    assert_eq!(charts::stage_losing_most(&stages), Some(0));
    let size = (800, 480);
    let (svg, mapping) = drawn(size, |area| {
        charts::draw_funnel(area, &stages, &funnel_labels(), &English, &style())
    });
    check_snapshot("funnel", &svg);
    check_layout(&svg, size);
    assert_eq!(mapping.marked, Some(0));
    assert!(mapping.stages[0].loses_most && !mapping.stages[1].loses_most);
    assert_eq!(mapping.stages[1].lost, 300.0);

    let labels = funnel_labels();
    for title in [
        &labels.x_title,
        &labels.y_title,
        &labels.bars,
        &labels.most_lost,
    ] {
        assert!(has_text(&svg, title), "missing {title:?}");
    }
    for stage in &stages {
        assert!(has_text(&svg, &stage.name), "missing stage {}", stage.name);
    }
    assert!(has_text(&svg, "400 lost here"));
    assert!(has_text(&svg, "↺ 300 back from nurture"));
    assert!(has_text(&svg, "↓ 58% convert"));
    assert!(
        has_text(&svg, "1,000"),
        "the mean entries of the first stage"
    );

    // The marked bar is the vermillion one, in the first row.
    let marked: Vec<_> = rects(&svg)
        .into_iter()
        .filter(|r| r.4 == hex(palette::VERMILLION) && r.2 > 20)
        .collect();
    assert_eq!(marked.len(), 1, "one vermillion bar: {marked:?}");
    assert!(mapping.rows[0].contains(&(marked[0].1 + marked[0].3 / 2)));
}

#[test]
fn funnel_pixels_map_back_to_their_stage() {
    let stages = hand_made_stages();
    let (_, mapping) = drawn((800, 480), |area| {
        charts::draw_funnel(area, &stages, &funnel_labels(), &English, &style())
    });
    for (index, ((left, top), (right, bottom))) in mapping.bars.iter().enumerate() {
        let centre = ((left + right) / 2, (top + bottom) / 2);
        let Some(hover) = mapping.stage_at(centre) else {
            panic!("nothing under the centre of bar {index}")
        };
        assert_eq!(hover.stage, index);
        assert_eq!(hover.name, stages[index].name);
        assert_eq!(hover.entered, stages[index].entered);
    }
    // Bars are as long as their mean entries.
    let (first, third) = (mapping.bars[0], mapping.bars[2]);
    let ratio = f64::from(third.1.0 - third.0.0) / f64::from(first.1.0 - first.0.0);
    assert!((ratio - 0.25).abs() < 0.01, "bar ratio {ratio}");
    assert_eq!(mapping.stage_at((-5, mapping.rows[0].start)), None);
    assert_eq!(mapping.stage_at((100, mapping.rows[3].end + 1)), None);
}

#[test]
fn funnel_of_a_real_run_marks_the_stage_with_most_leads_never_coming_back() {
    let report = six_step();
    let size = (900, 520);
    let (svg, mapping) = drawn(size, |area| {
        charts::draw_funnel(area, &report.stages, &funnel_labels(), &English, &style())
    });
    check_layout(&svg, size);
    // Worked out here from the report's own figures, not through the chart's helper.
    let lost: Vec<f64> = report
        .stages
        .iter()
        .map(|s| s.failed.mean - s.reentered.mean - s.open_in_nurture.mean)
        .collect();
    let worst = (0..lost.len())
        .max_by(|&a, &b| lost[a].total_cmp(&lost[b]))
        .unwrap_or(0);
    assert_eq!(mapping.marked, Some(worst), "lost per stage: {lost:?}");
    // Consideration's nurture sends leads back.
    let consideration = &report.stages[2];
    assert!(consideration.reentered.mean > 0.0);
    let note = format!(
        "↺ {} back from nurture",
        English.count(consideration.reentered.mean)
    );
    assert!(has_text(&svg, &note), "missing {note:?}");
    // Every stage's row maps back to its figures.
    for (index, row) in mapping.rows.iter().enumerate() {
        let Some(hover) = mapping.stage_at((mapping.x.pixels.start + 1, (row.start + row.end) / 2))
        else {
            panic!("nothing in row {index}")
        };
        assert_eq!(hover.entered, report.stages[index].entered);
    }
}

#[test]
fn funnel_degenerate_inputs_draw_or_fail_cleanly() {
    let labels = funnel_labels();
    let (_, result) = render((400, 300), |area| {
        charts::draw_funnel(area, &[], &labels, &English, &style())
    });
    assert!(
        matches!(result, Err(ChartError::Empty { .. })),
        "{result:?}"
    );

    let one = vec![stage("Only", 10.0, 4.0, 6.0, 0.0)];
    let (svg, mapping) = drawn((320, 240), |area| {
        charts::draw_funnel(area, &one, &labels, &English, &style())
    });
    check_layout(&svg, (320, 240));
    assert_eq!(mapping.marked, Some(0));

    let zero = vec![
        stage("Empty", 0.0, 0.0, 0.0, 0.0),
        stage("Also", 0.0, 0.0, 0.0, 0.0),
    ];
    let (svg, mapping) = drawn((400, 300), |area| {
        charts::draw_funnel(area, &zero, &labels, &English, &style())
    });
    check_layout(&svg, (400, 300));
    assert_eq!(mapping.marked, None, "nothing lost, nothing marked");

    let mut broken = hand_made_stages();
    broken[2].entered.p95 = f64::NAN;
    let (_, result) = render((400, 300), |area| {
        charts::draw_funnel(area, &broken, &labels, &English, &style())
    });
    assert_eq!(
        result.err(),
        Some(ChartError::NotFiniteValue {
            field: "stages[2].entered.p95".to_string()
        })
    );

    let (_, result) = render((60, 40), |area| {
        charts::draw_funnel(area, &hand_made_stages(), &labels, &English, &style())
    });
    assert!(
        matches!(result, Err(ChartError::TooSmall { .. })),
        "{result:?}"
    );

    // Many stages with long names in a small area: names cut, nothing overlapping.
    let many: Vec<StageReport> = (0..12)
        .map(|i| {
            let entered = 1_000.0 / f64::from(i + 1);
            stage(
                &format!("A rather long stage name number {i}"),
                entered,
                entered / 2.0,
                entered / 2.0,
                0.0,
            )
        })
        .collect();
    let (svg, _) = drawn((320, 240), |area| {
        charts::draw_funnel(area, &many, &labels, &English, &style())
    });
    check_layout(&svg, (320, 240));
    assert!(
        texts(&svg).iter().any(|t| t.content.ends_with('…')),
        "long names are cut"
    );

    // More stages than pixels to spare: drawn without a panic (notes left out).
    let crowd: Vec<StageReport> = (0..300)
        .map(|i| stage(&format!("S{i}"), 10.0, 5.0, 5.0, 1.0))
        .collect();
    let (_, result) = render((320, 240), |area| {
        charts::draw_funnel(area, &crowd, &labels, &English, &style())
    });
    assert!(result.is_ok(), "{result:?}");

    // 200 stages on a chart of ordinary size: a name every few rows, none overlapping, the
    // first stage named; every row still found under the pointer.
    let long: Vec<StageReport> = (0..200)
        .map(|i| stage(&format!("Stage {}", i + 1), 1_000.0, 900.0, 100.0, 0.0))
        .collect();
    let (svg, mapping) = drawn((640, 480), |area| {
        charts::draw_funnel(area, &long, &labels, &English, &style())
    });
    check_layout(&svg, (640, 480));
    let names: Vec<String> = texts(&svg)
        .into_iter()
        .map(|text| text.content)
        .filter(|text| text.starts_with("Stage "))
        .collect();
    assert!(names.contains(&"Stage 1".to_string()), "{names:?}");
    assert!(
        (10..100).contains(&names.len()),
        "{} of 200 names drawn: {names:?}",
        names.len()
    );
    assert_eq!(mapping.stages.len(), 200);
    // The rows fill the plot: the last one ends at its bottom, as with a few stages.
    let few = &long[..4];
    let (_, few_mapping) = drawn((640, 480), |area| {
        charts::draw_funnel(area, few, &labels, &English, &style())
    });
    let bottom = |rows: &[std::ops::Range<i32>]| rows.last().map_or(0, |row| row.end);
    assert!(
        (bottom(&mapping.rows) - bottom(&few_mapping.rows)).abs() <= 4,
        "200 rows end at {}, 4 at {}",
        bottom(&mapping.rows),
        bottom(&few_mapping.rows)
    );
    assert!(
        mapping
            .rows
            .windows(2)
            .all(|pair| pair[0].end == pair[1].start)
    );
}

#[test]
fn funnel_draws_russian_and_chinese_text_as_given() {
    let stages = vec![
        stage("Осведомленность", 1_000.0, 300.0, 700.0, 0.0),
        stage("考虑", 300.0, 80.0, 220.0, 40.0),
        stage("购买", 80.0, 60.0, 20.0, 0.0),
    ];
    let labels = FunnelLabels {
        x_title: "Входы за прогон".to_string(),
        y_title: "阶段".to_string(),
        bars: "Среднее число входов".to_string(),
        range: "90% прогонов".to_string(),
        most_lost: "Больше всего потерь".to_string(),
        conversion: "↓ 转化率 {percent}".to_string(),
        lost_here: "потеряно {count}".to_string(),
        reentries: "↺ {count} 培育后返回".to_string(),
    };
    let size = (800, 400);
    let (svg, mapping) = drawn(size, |area| {
        charts::draw_funnel(area, &stages, &labels, &English, &style())
    });
    check_snapshot("funnel-ru-zh", &svg);
    check_layout(&svg, size);
    assert_eq!(mapping.marked, Some(0));
    for expected in [
        "Осведомленность",
        "考虑",
        "Входы за прогон",
        "потеряно 700",
        "↺ 40 培育后返回",
    ] {
        assert!(has_text(&svg, expected), "missing {expected:?}");
    }
}

// ---------------------------------------------------------------------------------------
// The revenue distribution.

#[test]
fn revenue_distribution_writes_the_probability_of_reaching_the_target() {
    let distributions = even_distribution();
    let size = (800, 420);
    let (svg, mapping) = drawn(size, |area| {
        charts::draw_revenue_distribution(
            area,
            &distributions,
            Some(70_000.0),
            &revenue_labels(),
            &English,
            &style(),
        )
    });
    check_snapshot("revenue-distribution", &svg);
    check_layout(&svg, size);
    assert!(has_text(&svg, "P(revenue ≥ 70,000) = 30%"));
    assert!(has_text(&svg, "Target: 70,000"));
    assert!(has_text(&svg, "Revenue over the horizon, USD"));
    assert!(has_text(&svg, "Share of runs"));
    let Some(probability) = mapping.target_probability else {
        panic!("no probability")
    };
    assert!((probability - 0.3).abs() < 1e-9, "{probability}");

    // The bin at the centre of the fourth bar is the fourth bin.
    let (pixels, _) = &mapping.bins[3];
    let centre = (
        (pixels.start + pixels.end) / 2,
        (mapping.y.pixels.start + mapping.y.pixels.end) / 2,
    );
    let Some(bin) = mapping.bin_at(centre) else {
        panic!("no bin under the fourth bar")
    };
    assert_eq!(
        (bin.index, bin.lower, bin.upper, bin.count),
        (3, 30_000.0, 40_000.0, 50.0)
    );
    assert!((bin.share - 0.1).abs() < 1e-12);
}

#[test]
fn the_target_probability_matches_the_share_of_real_runs_reaching_it() {
    let model = preset_model("six-step");
    let simulation = Simulation::new(&model);
    let batch = simulation.batch(SEED, 0..RUNS);
    let report = simulation.report(SEED, vec![batch.clone()]);
    let revenues: Vec<f64> = batch.runs.iter().map(|run| run.revenue).collect();
    for quantile in [0.1, 0.5, 0.8] {
        let target = report.distributions.revenue_percentiles[(quantile * 100.0) as usize] * 1.001;
        let share =
            revenues.iter().filter(|&&r| r >= target).count() as f64 / revenues.len() as f64;
        let Some(probability) =
            charts::probability_at_least(&report.distributions.revenue_percentiles, target)
        else {
            panic!("no probability")
        };
        assert!(
            (probability - share).abs() <= 1.0 / f64::from(RUNS) + 1e-9,
            "target {target}: chart {probability}, runs {share}"
        );
    }
    let target = report.revenue.p50;
    let size = (640, 360);
    let (svg, _) = drawn(size, |area| {
        charts::draw_revenue_distribution(
            area,
            &report.distributions,
            Some(target),
            &revenue_labels(),
            &English,
            &style(),
        )
    });
    check_layout(&svg, size);
    let expected = format!("P(revenue ≥ {}) = 50%", English.money(target));
    assert!(has_text(&svg, &expected), "missing {expected:?}");
}

#[test]
fn revenue_distribution_degenerate_inputs_draw_or_fail_cleanly() {
    let labels = revenue_labels();
    let draw = |distributions: &funnelcast::engine::Distributions, target, size| {
        render(size, |area| {
            charts::draw_revenue_distribution(
                area,
                distributions,
                target,
                &labels,
                &English,
                &style(),
            )
        })
    };
    let (_, result) = draw(&Default::default(), None, (400, 300));
    assert!(
        matches!(result, Err(ChartError::Empty { .. })),
        "{result:?}"
    );

    // Every run at zero revenue: the summary's single bin; a target above it is never reached.
    let zero = funnelcast::engine::Distributions {
        revenue: Histogram {
            lower: 0.0,
            width: 1.0,
            counts: vec![200.0],
        },
        revenue_percentiles: vec![0.0; 101],
        days_to_first_purchase: Histogram::default(),
    };
    let (svg, result) = draw(&zero, Some(1_000.0), (320, 240));
    assert!(result.is_ok(), "{result:?}");
    check_layout(&svg, (320, 240));
    assert!(has_text(&svg, "P(revenue ≥ 1,000) = 0%"));
    let (svg, _) = draw(&zero, Some(0.0), (320, 240));
    assert!(has_text(&svg, "P(revenue ≥ 0) = 100%"));

    // A target far outside the runs widens the axis to show it.
    let (svg, result) = draw(&even_distribution(), Some(250_000.0), (640, 360));
    let Ok(mapping) = result else {
        panic!("{result:?}")
    };
    assert!(mapping.x.values.end >= 250_000.0);
    check_layout(&svg, (640, 360));

    let (_, result) = draw(&even_distribution(), Some(f64::NAN), (400, 300));
    assert!(
        matches!(result, Err(ChartError::Invalid { ref field, .. }) if field == "target"),
        "{result:?}"
    );
    let mut broken = even_distribution();
    broken.revenue.counts[4] = f64::INFINITY;
    let (_, result) = draw(&broken, None, (400, 300));
    assert_eq!(
        result.err(),
        Some(ChartError::NotFiniteValue {
            field: "distributions.revenue.counts[4]".to_string()
        })
    );
    broken.revenue.counts[4] = 1.0;
    broken.revenue.width = 0.0;
    let (_, result) = draw(&broken, None, (400, 300));
    assert!(
        matches!(result, Err(ChartError::Invalid { .. })),
        "{result:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Time to first purchase.

#[test]
fn days_to_first_purchase_marks_median_and_mean() {
    let report = hand_made_days();
    let size = (800, 400);
    let (svg, mapping) = drawn(size, |area| {
        charts::draw_days_to_first_purchase(area, &report, &days_labels(), &English, &style())
    });
    check_snapshot("days-to-first-purchase", &svg);
    check_layout(&svg, size);
    for expected in [
        "Days from arrival to first purchase",
        "Customers per run",
        "Median: 10 days",
        "Mean: 12 days",
    ] {
        assert!(has_text(&svg, expected), "missing {expected:?}");
    }
    // The median line is a path at the median day's pixel, the centre of that day's bar.
    let x = mapping.x.pixel(10.0);
    let (pixels, bin) = &mapping.bins[10];
    assert_eq!(bin.lower, 10.0);
    assert!(
        pixels.contains(&x),
        "day 10's bar {pixels:?} holds the median line at {x}"
    );
    assert!(svg.contains(&format!(
        "{x},{} {x},{}",
        mapping.y.pixels.end, mapping.y.pixels.start
    )));
    let Some(hover) = mapping.bin_at(((pixels.start + pixels.end) / 2, mapping.y.pixels.start - 2))
    else {
        panic!("no bin under day 10")
    };
    assert_eq!(hover.index, 10);
}

#[test]
fn days_to_first_purchase_of_a_real_run() {
    let report = six_step();
    let size = (640, 360);
    let (svg, mapping) = drawn(size, |area| {
        charts::draw_days_to_first_purchase(area, report, &days_labels(), &English, &style())
    });
    check_layout(&svg, size);
    let median = format!(
        "Median: {} days",
        English.days(report.days_to_first_purchase.p50)
    );
    assert!(has_text(&svg, &median), "missing {median:?}");
    // The long tail past 99.5% of customers is left out; shares stay shares of everyone.
    let customers = report.customers.mean;
    let shown: f64 = mapping.bins.iter().map(|(_, bin)| bin.count).sum();
    assert!(
        shown >= 0.995 * customers - 1e-6 && shown <= customers * (1.0 + 1e-9),
        "customers per run shown {shown} of the report's {customers}"
    );
    assert!(mapping.bins.len() < report.distributions.days_to_first_purchase.counts.len());
    let shares: f64 = mapping.bins.iter().map(|(_, bin)| bin.share).sum();
    assert!((shares - shown / customers).abs() < 1e-6, "shares {shares}");
}

#[test]
fn days_to_first_purchase_without_customers_is_an_error() {
    let (_, result) = render((400, 300), |area| {
        charts::draw_days_to_first_purchase(
            area,
            &Report::default(),
            &days_labels(),
            &English,
            &style(),
        )
    });
    assert!(
        matches!(result, Err(ChartError::Empty { .. })),
        "{result:?}"
    );
    let mut one_day = hand_made_days();
    one_day.distributions.days_to_first_purchase.counts = vec![3.0];
    one_day.days_to_first_purchase = Stats::default();
    let (svg, result) = render((320, 240), |area| {
        charts::draw_days_to_first_purchase(area, &one_day, &days_labels(), &English, &style())
    });
    assert!(result.is_ok(), "{result:?}");
    check_layout(&svg, (320, 240));
}

// ---------------------------------------------------------------------------------------
// The tornado chart.

#[test]
fn tornado_puts_the_largest_total_effect_on_top() {
    let levers = hand_made_levers();
    let size = (800, 420);
    let (svg, mapping) = drawn(size, |area| {
        charts::draw_tornado(area, &levers, &tornado_labels(), &English, &style())
    });
    check_snapshot("tornado", &svg);
    check_layout(&svg, size);
    assert_eq!(mapping.order(), vec![2, 0, 4, 3, 1]);
    // Labels read top to bottom in that order.
    let mut ys: Vec<(f64, usize)> = Vec::new();
    for (index, lever) in levers.iter().enumerate() {
        let found = texts(&svg).into_iter().find(|t| {
            t.content == lever.label
                || (t.content.ends_with('…')
                    && lever.label.starts_with(t.content.trim_end_matches('…')))
        });
        let Some(found) = found else {
            panic!("no label for lever {index}")
        };
        ys.push((found.y, index));
    }
    ys.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert_eq!(
        ys.iter().map(|(_, i)| *i).collect::<Vec<_>>(),
        vec![2, 0, 4, 3, 1]
    );
    for expected in [
        "+41,000",
        "-40,000",
        "+11,500",
        "Lever improved",
        "Lever worsened",
        "Change in mean revenue, USD",
    ] {
        assert!(has_text(&svg, expected), "missing {expected:?}");
    }
    // The pixel at the centre of each row maps to that row's lever.
    for (rank, (pixels, lever)) in mapping.rows.iter().enumerate() {
        let centre = (
            (mapping.x.pixels.start + mapping.x.pixels.end) / 2,
            (pixels.start + pixels.end) / 2,
        );
        let Some(hover) = mapping.lever_at(centre) else {
            panic!("nothing in row {rank}")
        };
        assert_eq!((hover.rank, hover.index), (rank, lever.index));
    }
    // The zero line is where the bars meet.
    let zero = mapping.x.pixel(0.0);
    let bars: Vec<_> = rects(&svg)
        .into_iter()
        .filter(|r| r.4 == hex(palette::BLUE) && r.0 >= mapping.x.pixels.start)
        .collect();
    assert_eq!(bars.len(), levers.len(), "one improved bar per lever");
    assert!(
        bars.iter().all(|r| r.0 == zero),
        "improved bars start at zero: {bars:?}"
    );
}

/// A tornado of customers writes its numbers as counts, in the bars' ends and on the axis,
/// through the caller's `count` and `count_short`, never as money.
#[test]
fn a_tornado_of_counts_writes_counts() {
    struct Marked;
    impl NumberFormat for Marked {
        fn money(&self, value: f64) -> String {
            format!("M{value}")
        }
        fn money_short(&self, value: f64) -> String {
            format!("m{value}")
        }
        fn count(&self, value: f64) -> String {
            format!("C{value}")
        }
        fn count_short(&self, value: f64) -> String {
            format!("c{value}")
        }
        fn percent(&self, fraction: f64) -> String {
            format!("{fraction}")
        }
        fn days(&self, value: f64) -> String {
            format!("{value}")
        }
    }
    let bars = vec![
        TornadoBar {
            label: "Lever one".to_string(),
            worse: -12.0,
            better: 13.0,
        },
        TornadoBar {
            label: "Lever two".to_string(),
            worse: 0.0,
            better: 0.0,
        },
    ];
    for (unit, long, short) in [
        (TornadoUnit::Count, 'C', 'c'),
        (TornadoUnit::Money, 'M', 'm'),
    ] {
        let labels = TornadoLabels {
            unit,
            ..tornado_labels()
        };
        let (svg, _) = drawn((640, 360), |area| {
            charts::draw_tornado(area, &bars, &labels, &Marked, &style())
        });
        let contents: Vec<String> = texts(&svg).into_iter().map(|t| t.content).collect();
        assert!(
            contents.iter().any(|t| t == &format!("+{long}13"))
                && contents.iter().any(|t| t == &format!("{long}-12")),
            "{unit:?}: the bars' ends in {contents:?}"
        );
        assert!(
            contents
                .iter()
                .any(|t| t.starts_with(short) || t.starts_with(&format!("+{short}"))),
            "{unit:?}: the axis ticks in {contents:?}"
        );
        // A number written by the other kind's formatter: its mark then a digit or a minus.
        let other = if long == 'C' { ['M', 'm'] } else { ['C', 'c'] };
        let marked = |t: &String| {
            let mut chars = t.trim_start_matches('+').chars();
            let mark = chars.next().unwrap_or(' ');
            other.contains(&mark) && chars.next().is_some_and(|c| c.is_ascii_digit() || c == '-')
        };
        assert!(
            !contents.iter().any(marked),
            "{unit:?}: no number of the other kind in {contents:?}"
        );
    }
}

#[test]
fn tornado_cuts_long_labels_and_survives_degenerate_input() {
    let labels = tornado_labels();
    let long = vec![
        TornadoBar {
            label: "Raising the conversion of the consideration stage by five points".repeat(2),
            worse: -5.0,
            better: 5.0,
        },
        TornadoBar {
            label: "提高考虑阶段的转化率五个百分点，并且减少延迟".to_string(),
            worse: -2.0,
            better: 3.0,
        },
    ];
    let (svg, _) = drawn((320, 240), |area| {
        charts::draw_tornado(area, &long, &labels, &English, &style())
    });
    check_layout(&svg, (320, 240));
    assert!(
        texts(&svg)
            .iter()
            .filter(|t| t.content.ends_with('…'))
            .count()
            >= 2,
        "both labels cut"
    );

    let (_, result) = render((400, 300), |area| {
        charts::draw_tornado(area, &[], &labels, &English, &style())
    });
    assert!(
        matches!(result, Err(ChartError::Empty { .. })),
        "{result:?}"
    );
    let nan = vec![TornadoBar {
        label: "x".to_string(),
        worse: f64::NAN,
        better: 1.0,
    }];
    let (_, result) = render((400, 300), |area| {
        charts::draw_tornado(area, &nan, &labels, &English, &style())
    });
    assert_eq!(
        result.err(),
        Some(ChartError::NotFiniteValue {
            field: "bars[0].worse".to_string()
        })
    );
    let crowd: Vec<TornadoBar> = (0..300)
        .map(|i| TornadoBar {
            label: format!("L{i}"),
            worse: -f64::from(i),
            better: f64::from(i) * 2.0,
        })
        .collect();
    let (_, result) = render((320, 240), |area| {
        charts::draw_tornado(area, &crowd, &labels, &English, &style())
    });
    assert!(result.is_ok(), "{result:?}");
    let zero = vec![TornadoBar {
        label: "Nothing".to_string(),
        worse: 0.0,
        better: 0.0,
    }];
    let (svg, result) = render((400, 300), |area| {
        charts::draw_tornado(area, &zero, &labels, &English, &style())
    });
    assert!(result.is_ok(), "{result:?}");
    check_layout(&svg, (400, 300));
    // Both changes on the same side (a lever that helps either way) still draw.
    let same = vec![TornadoBar {
        label: "Odd".to_string(),
        worse: 100.0,
        better: 300.0,
    }];
    let (svg, result) = render((400, 300), |area| {
        charts::draw_tornado(area, &same, &labels, &English, &style())
    });
    assert!(result.is_ok(), "{result:?}");
    check_layout(&svg, (400, 300));
}

// ---------------------------------------------------------------------------------------
// Comparisons.

#[test]
fn revenue_overlay_compares_variants_with_different_bins() {
    let a = Histogram {
        lower: 0.0,
        width: 10_000.0,
        counts: vec![5.0, 20.0, 40.0, 25.0, 10.0],
    };
    let b = Histogram {
        lower: 15_000.0,
        width: 5_000.0,
        counts: vec![2.0, 8.0, 20.0, 30.0, 25.0, 10.0, 5.0],
    };
    let variants = [
        Variant {
            name: "A",
            histogram: &a,
        },
        Variant {
            name: "B: more demos",
            histogram: &b,
        },
    ];
    let size = (800, 420);
    let (svg, mapping) = drawn(size, |area| {
        charts::draw_revenue_overlay(area, &variants, &overlay_labels(), &English, &style())
    });
    check_snapshot("revenue-overlay", &svg);
    check_layout(&svg, size);
    assert!(has_text(&svg, "A") && has_text(&svg, "B: more demos"));
    let title = format!("Share of runs per {}", English.money(mapping.step));
    assert!(
        texts(&svg).iter().any(|t| t.rotated && t.content == title),
        "missing {title:?}"
    );
    // Both outlines, in their colours, with translucent fills.
    for color in [charts::variant_color(0), charts::variant_color(1)] {
        assert!(
            svg.contains(&format!("stroke=\"{}\"", hex(color))),
            "no outline in {}",
            hex(color)
        );
    }
    assert!(
        svg.contains("fill-opacity=\"0.18\"") || svg.contains("opacity=\"0.18\""),
        "fills are translucent"
    );
    // At 30,000 the pointer is in A's fourth bin and B's fourth bin.
    let x = mapping.x.pixel(32_000.0);
    let Some(hover) = mapping.at((x, mapping.y.pixels.start - 3)) else {
        panic!("nothing at 32,000")
    };
    assert_eq!(hover.variants[0].as_ref().map(|bin| bin.index), Some(3));
    assert_eq!(hover.variants[1].as_ref().map(|bin| bin.index), Some(3));
    assert!(
        mapping
            .at((mapping.x.pixels.start - 2, mapping.y.pixels.start - 3))
            .is_none()
    );
}

#[test]
fn revenue_overlay_of_identical_runs_and_bad_input() {
    let labels = overlay_labels();
    let flat = Histogram {
        lower: 0.0,
        width: 1.0,
        counts: vec![100.0],
    };
    let spread = Histogram {
        lower: 0.0,
        width: 500.0,
        counts: vec![10.0, 50.0, 40.0],
    };
    let variants = [
        Variant {
            name: "A",
            histogram: &flat,
        },
        Variant {
            name: "B",
            histogram: &spread,
        },
    ];
    let (svg, result) = render((320, 240), |area| {
        charts::draw_revenue_overlay(area, &variants, &labels, &English, &style())
    });
    assert!(result.is_ok(), "{result:?}");
    check_layout(&svg, (320, 240));
    let (_, result) = render((400, 300), |area| {
        charts::draw_revenue_overlay(area, &[], &labels, &English, &style())
    });
    assert!(
        matches!(result, Err(ChartError::Empty { .. })),
        "{result:?}"
    );
    let empty = Histogram::default();
    let variants = [
        Variant {
            name: "A",
            histogram: &spread,
        },
        Variant {
            name: "B",
            histogram: &empty,
        },
    ];
    let (_, result) = render((400, 300), |area| {
        charts::draw_revenue_overlay(area, &variants, &labels, &English, &style())
    });
    assert_eq!(
        result.err(),
        Some(ChartError::Empty {
            what: "variants[1].histogram".to_string()
        })
    );
}

#[test]
fn fan_overlay_draws_a_band_and_a_median_per_variant() {
    let a = fan_bands(90, 1_000.0, 0.3);
    let b = fan_bands(90, 1_200.0, 0.25);
    let variants = [
        VariantBands {
            name: "A",
            bands: &a,
        },
        VariantBands {
            name: "B",
            bands: &b,
        },
    ];
    let size = (800, 420);
    let (svg, mapping) = drawn(size, |area| {
        charts::draw_fan_overlay(area, &variants, &fan_labels(), &English, &style())
    });
    check_snapshot("fan-overlay", &svg);
    check_layout(&svg, size);
    for expected in [
        "A",
        "B",
        "Band: 90% of runs",
        "Line: median",
        "Day",
        "Cumulative revenue, USD",
    ] {
        assert!(has_text(&svg, expected), "missing {expected:?}");
    }
    assert_eq!(svg.matches("<polygon").count(), 2, "one band per variant");
    let Some(hover) = mapping.at((mapping.x.pixel(45.0), mapping.y.pixels.start - 1)) else {
        panic!("no day")
    };
    assert_eq!(hover.day, 45);
    assert_eq!(hover.variants[1].p50, 1_200.0 * 46.0);

    // Real engine bands, and a variant with fewer days.
    let report = six_step();
    let short = fan_bands(30, 500.0, 0.1);
    let variants = [
        VariantBands {
            name: "Six-step",
            bands: &report.daily.cumulative_revenue,
        },
        VariantBands {
            name: "Short",
            bands: &short,
        },
    ];
    let (svg, result) = render((320, 240), |area| {
        charts::draw_fan_overlay(area, &variants, &fan_labels(), &English, &style())
    });
    assert!(result.is_ok(), "{result:?}");
    check_layout(&svg, (320, 240));

    let mut broken = fan_bands(10, 1.0, 0.1);
    broken.p95[3] = f64::NAN;
    let variants = [VariantBands {
        name: "A",
        bands: &broken,
    }];
    let (_, result) = render((400, 300), |area| {
        charts::draw_fan_overlay(area, &variants, &fan_labels(), &English, &style())
    });
    assert_eq!(
        result.err(),
        Some(ChartError::NotFiniteValue {
            field: "variants[0].bands.p95[3]".to_string()
        })
    );
}

#[test]
fn difference_chart_marks_the_90_percent_interval_and_zero() {
    let differences = hand_made_differences();
    let size = (800, 420);
    let (svg, mapping) = drawn(size, |area| {
        charts::draw_difference(area, &differences, &difference_labels(), &English, &style())
    });
    check_snapshot("difference", &svg);
    check_layout(&svg, size);
    // The interval by hand: 5th and 95th percentiles of the sorted values.
    let mut sorted = differences.clone();
    sorted.sort_by(f64::total_cmp);
    let at = |q: f64| {
        let position = q * 999.0;
        let below = position.floor() as usize;
        sorted[below] + (sorted[below + 1] - sorted[below]) * (position - below as f64)
    };
    let (low, high) = (at(0.05), at(0.95));
    assert!((mapping.interval.0 - low).abs() < 1e-9 && (mapping.interval.1 - high).abs() < 1e-9);
    let expected = format!(
        "90% interval: {} to +{}",
        English.money(low),
        English.money(high)
    );
    assert!(has_text(&svg, &expected), "missing {expected:?}");
    assert!(has_text(&svg, "Difference in revenue per run, B − A (USD)"));
    let total: f64 = mapping
        .histogram
        .bins
        .iter()
        .map(|(_, bin)| bin.count)
        .sum();
    assert_eq!(total, 1_000.0);
    let zero = mapping.histogram.x.pixel(0.0);
    assert!(
        svg.contains(&format!(
            "{zero},{} {zero},{}",
            mapping.histogram.y.pixels.end, mapping.histogram.y.pixels.start
        )),
        "no zero line"
    );
    let (pixels, bin) = &mapping.histogram.bins[4];
    let Some(hover) = mapping.bin_at((
        (pixels.start + pixels.end) / 2,
        mapping.histogram.y.pixels.start - 1,
    )) else {
        panic!("no bin")
    };
    assert_eq!(hover, bin);
}

#[test]
fn difference_of_coupled_real_runs_and_of_identical_variants() {
    let model = preset_model("classroom-cohort");
    let a = Simulation::new(&model).batch(SEED, 0..RUNS);
    // The same scenario again: coupled runs give exactly zero difference in every run.
    let b = Simulation::new(&model).batch(SEED, 0..RUNS);
    let differences: Vec<f64> = a
        .runs
        .iter()
        .zip(&b.runs)
        .map(|(a, b)| b.revenue - a.revenue)
        .collect();
    assert!(differences.iter().all(|d| *d == 0.0));
    let (svg, result) = render((320, 240), |area| {
        charts::draw_difference(area, &differences, &difference_labels(), &English, &style())
    });
    let Ok(mapping) = result else {
        panic!("{result:?}")
    };
    check_layout(&svg, (320, 240));
    assert_eq!(mapping.interval, (0.0, 0.0));
    assert!(has_text(&svg, "90% interval: 0 to 0"));
    // Neither is ahead in any run: the one bar is grey and the legend says so (it was blue,
    // "B is ahead").
    assert!(has_text(&svg, "Runs with no difference"));
    let grey = hex(palette::tint(palette::INK, 0.45));
    let plot_top = mapping.histogram.y.pixels.end;
    let bars: Vec<_> = rects(&svg)
        .into_iter()
        .filter(|(_, y, _, _, _)| *y >= plot_top)
        .filter(|(_, _, _, _, fill)| *fill == hex(palette::BLUE) || *fill == grey)
        .collect();
    assert!(
        !bars.is_empty() && bars.iter().all(|(_, _, _, _, fill)| *fill == grey),
        "{bars:?}"
    );

    let other = Simulation::new(&preset_model("classroom-cohort")).batch(SEED + 1, 0..RUNS);
    let differences: Vec<f64> = a
        .runs
        .iter()
        .zip(&other.runs)
        .map(|(a, b)| b.revenue - a.revenue)
        .collect();
    let (svg, result) = render((640, 360), |area| {
        charts::draw_difference(area, &differences, &difference_labels(), &English, &style())
    });
    assert!(result.is_ok(), "{result:?}");
    check_layout(&svg, (640, 360));

    let (_, result) = render((400, 300), |area| {
        charts::draw_difference(area, &[], &difference_labels(), &English, &style())
    });
    assert!(
        matches!(result, Err(ChartError::Empty { .. })),
        "{result:?}"
    );
    let (_, result) = render((400, 300), |area| {
        charts::draw_difference(
            area,
            &[-1e308, 1e308],
            &difference_labels(),
            &English,
            &style(),
        )
    });
    assert!(
        matches!(result, Err(ChartError::Invalid { .. })),
        "{result:?}"
    );
    let (_, result) = render((400, 300), |area| {
        charts::draw_difference(
            area,
            &[1.0, f64::NAN],
            &difference_labels(),
            &English,
            &style(),
        )
    });
    assert_eq!(
        result.err(),
        Some(ChartError::NotFiniteValue {
            field: "differences[1]".to_string()
        })
    );
}

/// Whether two boxes `(left, top, right, bottom)` overlap (touching is not overlapping).
fn boxes_overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.2 - 0.5 && b.0 < a.2 - 0.5 && a.1 < b.3 - 0.5 && b.1 < a.3 - 0.5
}

/// Per-run differences: a logistic bell of 1,000 values around `centre` (deterministic).
fn differences_around(centre: f64, spread: f64) -> Vec<f64> {
    (0..1_000)
        .map(|i| {
            let u = (f64::from(i) + 0.5) / 1_000.0;
            centre + spread * (u / (1.0 - u)).ln()
        })
        .collect()
}

/// Issue 11, item 14: the "90% interval" label box was written at the plot's top left, over
/// the "No difference" line whenever zero was near the left (B ahead in most runs). Now, for
/// B ahead, A ahead, either, no difference at all, in three languages, small and large and at
/// a pixel ratio of 2, its box covers neither the zero line nor the interval's dashed ends
/// (the whole height of the plot), nor any other text; and no two texts overlap.
#[test]
fn difference_chart_labels_cover_neither_the_zero_line_nor_each_other() {
    let russian = DifferenceLabels {
        x_title: "Разница в выручке за прогон, B − A, RUB".to_string(),
        y_title: "Доля прогонов".to_string(),
        better: "Прогоны, где впереди B".to_string(),
        worse: "Прогоны, где впереди A".to_string(),
        even: "Прогоны без разницы".to_string(),
        interval_legend: "90% интервал".to_string(),
        interval: "90% интервал: от {low} до {high}".to_string(),
        zero: "Нет разницы".to_string(),
    };
    let chinese = DifferenceLabels {
        x_title: "每次模拟的营收差异 B − A（CNY）".to_string(),
        y_title: "模拟占比".to_string(),
        better: "B 领先的模拟".to_string(),
        worse: "A 领先的模拟".to_string(),
        even: "无差异的模拟".to_string(),
        interval_legend: "90% 区间".to_string(),
        interval: "90% 区间：{low} 至 {high}".to_string(),
        zero: "无差异".to_string(),
    };
    let cases = [
        (
            "B ahead in nearly every run",
            differences_around(6_000.0, 600.0),
        ),
        (
            "A ahead in nearly every run",
            differences_around(-6_000.0, 600.0),
        ),
        ("either", hand_made_differences()),
        ("B far ahead", differences_around(250_000.0, 2_000.0)),
        ("no difference", vec![0.0; 200]),
    ];
    let mut checked = 0;
    for (case, differences) in &cases {
        for labels in [difference_labels(), russian.clone(), chinese.clone()] {
            for (size, ratio) in [
                ((320, 240), 1.0),
                ((800, 420), 1.0),
                ((640, 360), 1.0),
                ((1600, 840), 2.0),
            ] {
                let style = ChartStyle { pixel_ratio: ratio };
                let (svg, mapping) = drawn(size, |area| {
                    charts::draw_difference(area, differences, &labels, &English, &style)
                });
                let context = format!("{case}, {:?} at {size:?} x{ratio}", labels.zero);
                if let Some(problem) = layout_problem(&svg, size) {
                    panic!("{context}: {problem}");
                }
                let Some((left, top, right, bottom)) = mapping.interval_label else {
                    panic!("{context}: the interval has no label")
                };
                let label = (
                    f64::from(left),
                    f64::from(top),
                    f64::from(right),
                    f64::from(bottom),
                );
                assert!(
                    label.0 >= 0.0 && label.2 <= f64::from(size.0) && label.1 >= 0.0,
                    "{context}: the label leaves the picture: {label:?}"
                );
                // The zero line (2 CSS pixels wide) and the dashed ends, over the plot's height.
                let x = &mapping.histogram.x;
                let (plot_bottom, plot_top) = (
                    f64::from(mapping.histogram.y.pixels.start),
                    f64::from(mapping.histogram.y.pixels.end),
                );
                let half = ratio;
                for (line, value) in [
                    ("the \"No difference\" line", 0.0),
                    ("the interval's low end", mapping.interval.0),
                    ("the interval's high end", mapping.interval.1),
                ] {
                    let at = f64::from(x.pixel(value));
                    let line_box = (at - half, plot_top, at + half, plot_bottom);
                    assert!(
                        !boxes_overlap(label, line_box),
                        "{context}: the interval's label {label:?} covers {line} at x {at}"
                    );
                }
                // Every other text: the legend, the ticks, the axis titles.
                let own = texts(&svg)
                    .into_iter()
                    .filter(|t| {
                        t.x >= label.0 && t.x <= label.2 && t.y >= label.1 && t.y <= label.3
                    })
                    .count();
                assert_eq!(own, 1, "{context}: the label box holds {own} texts");
                for text in texts(&svg).iter().filter(|t| !t.rotated) {
                    let inside = text.x >= label.0
                        && text.x <= label.2
                        && text.y >= label.1
                        && text.y <= label.3;
                    if !inside {
                        assert!(
                            !boxes_overlap(label, text_box(text)),
                            "{context}: the interval's label {label:?} covers {:?} at {:?}",
                            text.content,
                            text_box(text)
                        );
                    }
                }
                // The legend says what the bars are: runs where B, or A, is ahead; runs with
                // no difference only when every run has none.
                assert!(has_text(&svg, &labels.better), "{context}");
                assert!(has_text(&svg, &labels.worse), "{context}");
                assert_eq!(
                    has_text(&svg, &labels.even),
                    *case == "no difference",
                    "{context}"
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 60);
}

// ---------------------------------------------------------------------------------------
// Every chart, everywhere.

#[test]
fn every_chart_is_readable_small_and_large_and_scales_with_the_pixel_ratio() {
    let report = six_step();
    let levers = hand_made_levers();
    let differences = hand_made_differences();
    let target = report.revenue.mean;
    for (size, ratio) in [((320, 240), 1.0), ((1600, 900), 1.0), ((1600, 960), 2.0)] {
        let style = ChartStyle { pixel_ratio: ratio };
        let svgs = [
            render(size, |area| {
                charts::draw_funnel(area, &report.stages, &funnel_labels(), &English, &style)
                    .map(|_| ())
            }),
            render(size, |area| {
                charts::draw_revenue_distribution(
                    area,
                    &report.distributions,
                    Some(target),
                    &revenue_labels(),
                    &English,
                    &style,
                )
                .map(|_| ())
            }),
            render(size, |area| {
                charts::draw_days_to_first_purchase(area, report, &days_labels(), &English, &style)
                    .map(|_| ())
            }),
            render(size, |area| {
                charts::draw_tornado(area, &levers, &tornado_labels(), &English, &style).map(|_| ())
            }),
            render(size, |area| {
                let variants = [
                    Variant {
                        name: "A",
                        histogram: &report.distributions.revenue,
                    },
                    Variant {
                        name: "B",
                        histogram: &even_distribution().revenue,
                    },
                ];
                charts::draw_revenue_overlay(area, &variants, &overlay_labels(), &English, &style)
                    .map(|_| ())
            }),
            render(size, |area| {
                let variants = [VariantBands {
                    name: "A",
                    bands: &report.daily.cumulative_revenue,
                }];
                charts::draw_fan_overlay(area, &variants, &fan_labels(), &English, &style)
                    .map(|_| ())
            }),
            render(size, |area| {
                charts::draw_difference(area, &differences, &difference_labels(), &English, &style)
                    .map(|_| ())
            }),
        ];
        for (index, (svg, result)) in svgs.iter().enumerate() {
            // CHARTS_OUT=dir keeps the drawings, to look at them.
            if let Ok(dir) = std::env::var("CHARTS_OUT") {
                let name = format!("{dir}/{index}-{}x{}-x{ratio}.svg", size.0, size.1);
                std::fs::write(&name, svg).expect("writing a drawing to CHARTS_OUT");
            }
            assert!(
                result.is_ok(),
                "chart {index} at {size:?} x{ratio}: {result:?}"
            );
            check_layout(svg, size);
        }
        if ratio == 2.0 {
            let (svg, _) = &svgs[3];
            let size_double = text(svg, "Change in mean revenue, USD").size;
            let (single, _) = render((800, 480), |area| {
                charts::draw_tornado(
                    area,
                    &levers,
                    &tornado_labels(),
                    &English,
                    &ChartStyle::default(),
                )
            });
            let size_single = text(&single, "Change in mean revenue, USD").size;
            assert!(
                (size_double / size_single - 2.0).abs() < 0.1,
                "{size_single} -> {size_double}"
            );
        }
    }
}

#[test]
fn charts_draw_no_text_of_their_own() {
    // With every label empty and numbers formatted as "#", no letter may appear in a chart.
    struct Blank;
    impl NumberFormat for Blank {
        fn money(&self, _: f64) -> String {
            "#".to_string()
        }
        fn money_short(&self, _: f64) -> String {
            "#".to_string()
        }
        fn count(&self, _: f64) -> String {
            "#".to_string()
        }
        fn count_short(&self, _: f64) -> String {
            "#".to_string()
        }
        fn percent(&self, _: f64) -> String {
            "#".to_string()
        }
        fn days(&self, _: f64) -> String {
            "#".to_string()
        }
    }
    let stages = hand_made_stages();
    let blank_funnel = FunnelLabels {
        x_title: String::new(),
        y_title: String::new(),
        bars: String::new(),
        range: String::new(),
        most_lost: String::new(),
        conversion: String::new(),
        lost_here: String::new(),
        reentries: String::new(),
    };
    let nameless: Vec<StageReport> = stages
        .into_iter()
        .map(|s| StageReport {
            name: String::new(),
            ..s
        })
        .collect();
    let (svg, _) = drawn((640, 360), |area| {
        charts::draw_funnel(area, &nameless, &blank_funnel, &Blank, &style())
    });
    let blank_revenue = RevenueLabels {
        x_title: String::new(),
        y_title: String::new(),
        bars: String::new(),
        target: String::new(),
        probability: String::new(),
    };
    let (svg2, _) = drawn((640, 360), |area| {
        charts::draw_revenue_distribution(
            area,
            &even_distribution(),
            Some(5.0),
            &blank_revenue,
            &Blank,
            &style(),
        )
    });
    let blank_tornado = TornadoLabels {
        x_title: String::new(),
        y_title: String::new(),
        better: String::new(),
        worse: String::new(),
        unit: TornadoUnit::Money,
    };
    let levers: Vec<TornadoBar> = hand_made_levers()
        .into_iter()
        .map(|l| TornadoBar {
            label: String::new(),
            ..l
        })
        .collect();
    let (svg3, _) = drawn((640, 360), |area| {
        charts::draw_tornado(area, &levers, &blank_tornado, &Blank, &style())
    });
    let blank_difference = DifferenceLabels {
        x_title: String::new(),
        y_title: String::new(),
        better: String::new(),
        worse: String::new(),
        even: String::new(),
        interval_legend: String::new(),
        interval: String::new(),
        zero: String::new(),
    };
    let (svg4, _) = drawn((640, 360), |area| {
        charts::draw_difference(
            area,
            &hand_made_differences(),
            &blank_difference,
            &Blank,
            &style(),
        )
    });
    for svg in [svg, svg2, svg3, svg4] {
        for text in texts(&svg) {
            assert!(
                !text.content.chars().any(char::is_alphabetic),
                "the chart wrote {:?} itself",
                text.content
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// No input panics.

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Finite values of every size, zero, and now and then NaN or infinity.
    fn value() -> impl Strategy<Value = f64> {
        prop_oneof![
            200 => -1e9..1e9f64,
            40 => 0.0..1e4f64,
            20 => Just(0.0),
            1 => Just(f64::NAN),
            1 => Just(f64::INFINITY),
            3 => -1e300..1e300f64,
        ]
    }

    fn size() -> impl Strategy<Value = (u32, u32)> {
        (1u32..1_800, 1u32..1_000)
    }

    fn histogram() -> impl Strategy<Value = Histogram> {
        (value(), value(), prop::collection::vec(value(), 0..50)).prop_map(
            |(lower, width, counts)| Histogram {
                lower,
                width,
                counts,
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn histograms(histogram in histogram(), target in prop::option::of(value()), size in size(), ratio in 0.0..4.0f64) {
            let distributions = funnelcast::engine::Distributions {
                revenue: histogram.clone(),
                revenue_percentiles: Vec::new(),
                days_to_first_purchase: histogram.clone(),
            };
            let style = ChartStyle { pixel_ratio: ratio };
            let _ = render(size, |area| charts::draw_revenue_distribution(area, &distributions, target, &revenue_labels(), &English, &style).map(|_| ()));
            let report = Report {
                distributions,
                ..Report::default()
            };
            let _ = render(size, |area| charts::draw_days_to_first_purchase(area, &report, &days_labels(), &English, &style).map(|_| ()));
            let variants = [Variant { name: "A", histogram: &histogram }, Variant { name: "B", histogram: &even_distribution().revenue }];
            let _ = render(size, |area| charts::draw_revenue_overlay(area, &variants, &overlay_labels(), &English, &style).map(|_| ()));
        }

        #[test]
        fn differences_and_levers(values in prop::collection::vec(value(), 0..60), size in size()) {
            let _ = render(size, |area| charts::draw_difference(area, &values, &difference_labels(), &English, &style()).map(|_| ()));
            let levers: Vec<TornadoBar> = values.chunks(2).map(|pair| TornadoBar {
                label: "Lever".repeat(pair.len() * 3),
                worse: pair[0],
                better: *pair.last().unwrap_or(&0.0),
            }).collect();
            let _ = render(size, |area| charts::draw_tornado(area, &levers, &tornado_labels(), &English, &style()).map(|_| ()));
        }

        #[test]
        fn funnels(figures in prop::collection::vec((value(), value(), value(), value()), 0..12), size in size()) {
            let stages: Vec<StageReport> = figures.iter().enumerate().map(|(i, (entered, converted, failed, reentered))| {
                stage(&format!("Stage {i}"), *entered, *converted, *failed, *reentered)
            }).collect();
            let _ = render(size, |area| charts::draw_funnel(area, &stages, &funnel_labels(), &English, &style()).map(|_| ()));
            // The flow diagram, with loops to earlier stages and a skirt from the same figures.
            let targets: Vec<Option<usize>> = (0..stages.len()).map(|i| (i % 2 == 1).then_some(i / 2)).collect();
            let repeats = Stats { mean: figures.first().map_or(0.0, |f| f.3), ..Stats::default() };
            let _ = render(size, |area| charts::draw_flow(area, &stages, &targets, &repeats, &flow_labels(), &English, &style()).map(|_| ()));
            let bands = Bands { p5: figures.iter().map(|f| f.0).collect(), p50: figures.iter().map(|f| f.1).collect(), p95: figures.iter().map(|f| f.2).collect(), ..Bands::default() };
            let variants = [VariantBands { name: "A", bands: &bands }];
            let _ = render(size, |area| charts::draw_fan_overlay(area, &variants, &fan_labels(), &English, &style()).map(|_| ()));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Figures per channel (issue 12): cost per customer by source.

fn channel_labels() -> charts::ChannelLabels {
    charts::ChannelLabels {
        x_title: "Cost per customer (USD)".to_string(),
        y_title: "Source".to_string(),
        bars: "Mean over the runs".to_string(),
        range: "90% of runs".to_string(),
        cheapest: "Cheapest per customer".to_string(),
        no_customers: "No customer in any run".to_string(),
    }
}

/// A source by hand: mean customers and cost per customer's mean, p5, p95 (`None`: no
/// customer in any run).
fn channel(name: &str, customers: f64, cost: Option<(f64, f64, f64)>) -> engine::SourceReport {
    let (mean, low, high) = cost.unwrap_or_default();
    engine::SourceReport {
        name: name.to_string(),
        customers: Stats {
            mean: customers,
            ..Stats::default()
        },
        cost_per_customer: Stats {
            mean,
            p5: low,
            p50: mean,
            p95: high,
            ..Stats::default()
        },
        runs_with_customers: if cost.is_some() { 100 } else { 0 },
        ..engine::SourceReport::default()
    }
}

fn hand_made_channels() -> Vec<engine::SourceReport> {
    vec![
        channel("Search ads", 1160.0, Some((68.0, 43.0, 103.0))),
        channel("Partners", 388.0, Some((99.0, 69.0, 139.0))),
        channel("Cold calls", 0.0, None),
    ]
}

#[test]
fn channels_mark_the_cheapest_source_with_each_range() {
    let sources = hand_made_channels();
    let size = (800, 360);
    let (svg, mapping) = drawn(size, |area| {
        charts::draw_channels(area, &sources, &channel_labels(), &English, &style())
    });
    check_snapshot("channels", &svg);
    check_layout(&svg, size);
    let labels = channel_labels();
    for text in [
        &labels.x_title,
        &labels.y_title,
        &labels.bars,
        &labels.range,
        &labels.cheapest,
        &labels.no_customers,
    ] {
        assert!(has_text(&svg, text), "missing {text:?}");
    }
    for source in &sources {
        assert!(has_text(&svg, &source.name), "missing {}", source.name);
    }
    assert!(has_text(&svg, "68") && has_text(&svg, "99"), "the means");
    // The cheapest bar is the bluish green one, in the first row; no bar for Cold calls.
    let green: Vec<_> = rects(&svg)
        .into_iter()
        .filter(|r| r.4 == hex(palette::BLUISH_GREEN) && r.2 > 20)
        .collect();
    assert_eq!(green.len(), 1, "one bluish green bar: {green:?}");
    assert!(mapping.rows[0].contains(&(green[0].1 + green[0].3 / 2)));
    assert!(mapping.sources[0].cheapest && !mapping.sources[1].cheapest);
    assert_eq!(mapping.bars[2], None);
    assert!(!mapping.sources[2].has_customers);
    // Bars are as long as their means, and pixels map back to their source.
    let (Some(first), Some(second)) = (mapping.bars[0], mapping.bars[1]) else {
        panic!("two bars: {:?}", mapping.bars)
    };
    let ratio = f64::from(second.1.0 - second.0.0) / f64::from(first.1.0 - first.0.0);
    assert!((ratio - 99.0 / 68.0).abs() < 0.02, "bar ratio {ratio}");
    for (index, bar) in mapping.bars.iter().enumerate() {
        if let Some(((left, top), (right, bottom))) = bar {
            let hover = mapping.source_at(((left + right) / 2, (top + bottom) / 2));
            assert_eq!(hover.map(|h| h.source), Some(index));
        }
    }
    let last = &mapping.rows[2];
    assert_eq!(
        mapping
            .source_at((mapping.x.pixel(10.0), (last.start + last.end) / 2))
            .map(|h| h.name.as_str()),
        Some("Cold calls")
    );
    assert_eq!(mapping.source_at((-5, mapping.rows[0].start)), None);
}

#[test]
fn channels_of_a_real_report_in_russian_and_chinese() {
    let report = six_step();
    let labels = charts::ChannelLabels {
        x_title: "Стоимость клиента (USD)".to_string(),
        y_title: "来源".to_string(),
        bars: "Среднее по прогонам".to_string(),
        range: "90% прогонов".to_string(),
        cheapest: "获客成本最低".to_string(),
        no_customers: "Ни одного клиента".to_string(),
    };
    for size in [(900, 300), (420, 260)] {
        let (svg, mapping) = drawn(size, |area| {
            charts::draw_channels(area, &report.sources, &labels, &English, &style())
        });
        check_layout(&svg, size);
        assert_eq!(mapping.sources.len(), report.sources.len());
        let cheapest = engine::cheapest_sources(&report.sources);
        for (index, hover) in mapping.sources.iter().enumerate() {
            assert_eq!(hover.cheapest, cheapest.contains(&index));
            assert_eq!(
                hover.cost_per_customer,
                report.sources[index].cost_per_customer
            );
        }
        for text in ["Стоимость клиента (USD)", "获客成本最低"] {
            assert!(has_text(&svg, text), "{size:?}: missing {text:?}");
        }
    }
}

#[test]
fn channels_degenerate_inputs_draw_or_fail_cleanly() {
    let draw = |sources: &[engine::SourceReport], size| {
        render(size, |area| {
            charts::draw_channels(area, sources, &channel_labels(), &English, &style())
        })
        .1
    };
    assert!(matches!(
        draw(&[], (600, 300)),
        Err(ChartError::Empty { .. })
    ));
    let mut broken = hand_made_channels();
    broken[1].cost_per_customer.p95 = f64::NAN;
    assert_eq!(
        draw(&broken, (600, 300)).err(),
        Some(ChartError::NotFiniteValue {
            field: "sources[1].cost_per_customer.p95".to_string()
        })
    );
    broken[1].cost_per_customer.p95 = -1.0;
    assert!(matches!(
        draw(&broken, (600, 300)),
        Err(ChartError::Invalid { .. })
    ));
    // No customer anywhere, a free source, one source, a tiny area, many sources.
    let none = vec![channel("A", 0.0, None), channel("B", 0.0, None)];
    assert!(draw(&none, (600, 300)).is_ok());
    let free = vec![channel("Free", 3.0, Some((0.0, 0.0, 0.0)))];
    let mapping = draw(&free, (600, 300)).expect("a free source draws");
    assert!(mapping.sources[0].cheapest);
    assert!(draw(&free, (10, 10)).is_err());
    let many: Vec<_> = (0..30)
        .map(|i| {
            channel(
                &format!("Source with a long name {i}"),
                5.0,
                Some((f64::from(i), 0.0, 2.0 * f64::from(i))),
            )
        })
        .collect();
    let (svg, result) = render((700, 500), |area| {
        charts::draw_channels(area, &many, &channel_labels(), &English, &style())
    });
    assert!(result.is_ok(), "{result:?}");
    assert!(!svg.is_empty());
}

// ---------------------------------------------------------------------------------------
// The flow diagram (the teaching view).

/// A funnel whose third stage's nurture sends leads back to the first (a loop to an earlier
/// stage), whose second stage loops onto itself, with retention: every part of the diagram.
const LOOPING: &str = r#"{
  "name": "Loops",
  "horizon_days": 120,
  "sources": [
    {"name": "Ads", "entry": "Interest", "per_day": {"poisson": 40}, "end_day": 60},
    {"name": "Partners", "entry": "Demo", "per_day": {"fixed": 5}, "end_day": 60}
  ],
  "stages": [
    {"name": "Interest", "conversion": 0.5, "delay_days": {"exponential": {"mean": 3}}},
    {"name": "Demo", "conversion": 0.4, "delay_days": {"fixed": 4},
     "nurture": {"share": 0.5, "delay_days": {"fixed": 10}, "reentry": 0.5, "to": "Demo", "max_cycles": 2}},
    {"name": "Proposal", "conversion": 0.5, "delay_days": {"exponential": {"mean": 6}},
     "nurture": {"share": 0.6, "delay_days": {"fixed": 14}, "reentry": 0.4, "to": "Interest", "max_cycles": 1}},
    {"name": "Purchase", "conversion": 0.8, "delay_days": {"fixed": 2}, "value": {"fixed": 500}}
  ],
  "retention": {"repeat": 0.5, "delay_days": {"fixed": 20}, "max_repeats": 3}
}"#;

fn flow_labels() -> FlowLabels {
    FlowLabels {
        arrivals: "New leads".into(),
        converted: "Converted".into(),
        lost: "Lost".into(),
        back: "Back from nurture".into(),
        open: "Still open at the horizon".into(),
        repeat: "Repeat purchases".into(),
        customers: "Customers".into(),
        lost_note: "{count} lost".into(),
        back_note: "{count} back".into(),
        repeat_note: "+{count} repeats".into(),
    }
}

fn looping() -> (scenario::Model, Report) {
    let (_, model) = scenario::load(LOOPING).expect("a valid scenario");
    let report = engine::simulate(&model, 2_000, 3);
    (model, report)
}

fn nurture_targets(model: &scenario::Model) -> Vec<Option<usize>> {
    model
        .stages
        .iter()
        .map(|s| s.nurture.as_ref().map(|n| n.to))
        .collect()
}

/// The diagram draws every part, readable at the view's sizes (no label overlaps another or
/// leaves the area) and as the snapshot records it; nodes are as tall as their mean entries,
/// the loops are arcs as thick as their re-entries, and the pointer finds what it is over.
#[test]
fn the_flow_diagram_draws_loops_and_the_skirt() {
    let (model, report) = looping();
    let targets = nurture_targets(&model);
    let draw = |area: &Area<'_>| {
        charts::draw_flow(
            area,
            &report.stages,
            &targets,
            &report.repeat_purchases,
            &flow_labels(),
            &English,
            &ChartStyle::default(),
        )
    };
    for size in [(1200, 600), (960, 540), (640, 420)] {
        let (svg, _) = drawn(size, draw);
        check_layout(&svg, size);
    }
    let (svg, mapping) = drawn((1200, 600), draw);
    check_snapshot("flow", &svg);

    // Nodes: as tall as the mean entries, on one scale.
    let heights: Vec<f64> = mapping
        .nodes
        .iter()
        .map(|((_, top), (_, bottom))| f64::from(bottom - top))
        .collect();
    let per_lead = heights[0] / report.stages[0].entered.mean;
    for (k, stage) in report.stages.iter().enumerate() {
        let expected = stage.entered.mean * per_lead;
        assert!(
            (heights[k] - expected).abs() <= 1.5,
            "{}: {} px for {:.1} entries ({expected:.1} px expected)",
            stage.name,
            heights[k],
            stage.entered.mean
        );
    }
    // The two loops: arcs from Demo to itself and from Proposal back to Interest, each as thick
    // as its re-entries.
    let arcs: Vec<(FlowItem, i32)> = mapping
        .shapes
        .iter()
        .filter_map(|(hover, shape)| match shape {
            FlowShape::Path { width, .. } => Some((hover.item, *width)),
            FlowShape::Band(_) => None,
        })
        .collect();
    assert_eq!(
        arcs.iter().map(|(item, _)| *item).collect::<Vec<_>>(),
        vec![
            FlowItem::Back { from: 1, to: 1 },
            FlowItem::Back { from: 2, to: 0 }
        ]
    );
    for (item, width) in &arcs {
        let FlowItem::Back { from, .. } = item else {
            unreachable!()
        };
        let expected = report.stages[*from].reentered.mean * per_lead;
        assert!(
            (f64::from(*width) - expected).abs() <= 1.5,
            "{item:?}: {width} px, {expected:.1} expected"
        );
    }
    // Lost bands for every stage that loses leads; the skirt under the customers node is wider
    // at the bottom than the node.
    let lost: Vec<usize> = mapping
        .shapes
        .iter()
        .filter_map(|(hover, _)| match hover.item {
            FlowItem::Lost(k) => Some(k),
            _ => None,
        })
        .collect();
    assert_eq!(lost, vec![0, 1, 2, 3]);
    let skirt = mapping
        .shapes
        .iter()
        .find_map(|(hover, shape)| match (hover.item, shape) {
            (FlowItem::Repeats, FlowShape::Band(points)) => Some(points.clone()),
            _ => None,
        })
        .expect("the skirt");
    let top_width = skirt[1].0 - skirt[0].0;
    let bottom_width = skirt[2].0 - skirt[3].0;
    assert!(bottom_width > top_width, "{skirt:?}");
    // The pointer: over a node, over the self-loop's top, over Interest's lost band.
    let ((l, t), (r, b)) = mapping.nodes[2];
    assert_eq!(
        mapping.at(((l + r) / 2, (t + b) / 2)).map(|h| h.item),
        Some(FlowItem::Stage(2))
    );
    let arc_points = mapping
        .shapes
        .iter()
        .find_map(|(hover, shape)| match (hover.item, shape) {
            (FlowItem::Back { from: 1, .. }, FlowShape::Path { points, .. }) => {
                Some(points.clone())
            }
            _ => None,
        })
        .expect("the self-loop");
    let top = ((arc_points[2].0 + arc_points[3].0) / 2, arc_points[2].1);
    let hover = mapping.at(top).expect("something under the loop's top");
    assert_eq!(hover.item, FlowItem::Back { from: 1, to: 1 });
    let reentered = report.stages[1].reentered;
    assert_eq!(hover.range, Some((reentered.p5, reentered.p95)));
    assert_eq!(mapping.at((0, 0)), None);
}

/// Bad input is refused with the field named, never drawn wrong.
#[test]
fn the_flow_diagram_refuses_bad_input() {
    let (model, report) = looping();
    let targets = nurture_targets(&model);
    let try_draw = |stages: &[StageReport], targets: &[Option<usize>]| {
        render((800, 500), |area| {
            charts::draw_flow(
                area,
                stages,
                targets,
                &report.repeat_purchases,
                &flow_labels(),
                &English,
                &ChartStyle::default(),
            )
        })
        .1
    };
    assert!(matches!(try_draw(&[], &[]), Err(ChartError::Empty { .. })));
    assert!(matches!(
        try_draw(&report.stages, &targets[..2]),
        Err(ChartError::Invalid { .. })
    ));
    let mut broken = report.stages.clone();
    broken[1].reentered.mean = f64::NAN;
    assert_eq!(
        try_draw(&broken, &targets).err(),
        Some(ChartError::NotFiniteValue {
            field: "stages[1].reentered".into()
        })
    );
    let tiny = render((120, 80), |area| {
        charts::draw_flow(
            area,
            &report.stages,
            &targets,
            &report.repeat_purchases,
            &flow_labels(),
            &English,
            &ChartStyle::default(),
        )
    })
    .1;
    assert!(matches!(tiny, Err(ChartError::TooSmall { .. })), "{tiny:?}");
}

// ---------------------------------------------------------------------------------------
// The calibration's back-test.

fn backtest_labels() -> BacktestLabels {
    BacktestLabels {
        x_title: "Deals".to_string(),
        y_title: String::new(),
        range: "90% of simulated runs".to_string(),
        actual: "In the history".to_string(),
        outside: "Outside the range".to_string(),
    }
}

fn backtest_rows() -> Vec<RangeRow> {
    let row = |label: &str, actual: f64, low: f64, high: f64| RangeRow {
        label: label.to_string(),
        actual,
        low,
        high,
        outside: actual < low || actual > high,
    };
    vec![
        row("Interest · entered", 1200.0, 1150.0, 1260.0),
        row("Interest · advanced", 410.0, 380.0, 440.0),
        row("Interest · lost", 700.0, 690.0, 760.0),
        row("Interest · open", 90.0, 60.0, 85.0),
        row("Proposal · entered", 410.0, 380.0, 440.0),
        row("Proposal · advanced", 120.0, 100.0, 140.0),
    ]
}

#[test]
fn the_backtest_chart_marks_counts_outside_their_range() {
    let rows = backtest_rows();
    let draw = |area: &Area<'_>| {
        charts::draw_backtest(
            area,
            &rows,
            &backtest_labels(),
            &English,
            &ChartStyle::default(),
        )
    };
    for size in [(1000, 420), (760, 360), (560, 320)] {
        let (svg, _) = drawn(size, draw);
        check_layout(&svg, size);
    }
    let (svg, mapping) = drawn((1000, 420), draw);
    check_snapshot("backtest", &svg);
    for title in [
        "Deals",
        "90% of simulated runs",
        "In the history",
        "Outside the range",
    ] {
        assert!(has_text(&svg, title), "{title} missing");
    }
    // Rows top to bottom in the order given; a pointer on a row reads it back.
    assert_eq!(mapping.rows.len(), rows.len());
    for (index, row) in mapping.rows.iter().enumerate() {
        let y = (row.start + row.end) / 2;
        assert_eq!(mapping.row_at((mapping.x.pixel(500.0), y)), Some(index));
    }
    // The one count outside its range is drawn in vermillion, the others in ink.
    let vermillion = hex(palette::VERMILLION);
    let outside_circles = svg
        .lines()
        .filter(|line| line.contains("<circle") && line.contains(&vermillion))
        .count();
    assert_eq!(
        outside_circles, 2,
        "a filled dot and its ring for the one outside"
    );
}

#[test]
fn the_backtest_chart_refuses_bad_input() {
    let draw = |rows: Vec<RangeRow>| {
        let labels = backtest_labels();
        let (_, result) = render((600, 300), |area| {
            charts::draw_backtest(area, &rows, &labels, &English, &ChartStyle::default())
        });
        result
    };
    assert!(matches!(draw(Vec::new()), Err(ChartError::Empty { .. })));
    let mut nan = backtest_rows();
    nan[2].high = f64::NAN;
    assert!(
        matches!(draw(nan), Err(ChartError::NotFiniteValue { field }) if field == "rows[2].high")
    );
    let mut upside_down = backtest_rows();
    upside_down[1].low = 500.0;
    assert!(
        matches!(draw(upside_down), Err(ChartError::Invalid { field, .. }) if field == "rows[1].low")
    );
}

// ---------------------------------------------------------------------------------------
// Which unknown matters most (issue 15): the shares of the spread of revenue.

fn uncertainty_labels() -> charts::UncertaintyLabels {
    charts::UncertaintyLabels {
        x_title: "Share of the variance of revenue (%)".to_string(),
        y_title: "Not knowing".to_string(),
        rate: "{stage} rate".to_string(),
        lead_quality: "Lead quality".to_string(),
        chance: "Chance".to_string(),
        rates_legend: "A conversion rate".to_string(),
        error: "± 2 standard errors".to_string(),
    }
}

fn share(share: f64, standard_error: f64) -> Option<engine::Share> {
    Some(engine::Share {
        share,
        standard_error,
    })
}

fn uncertain(
    name: &str,
    stage: Option<u32>,
    revenue: f64,
    error: f64,
) -> engine::UncertaintySource {
    engine::UncertaintySource {
        name: name.to_string(),
        kind: if stage.is_some() {
            engine::UncertaintyKind::ConversionRate
        } else {
            engine::UncertaintyKind::LeadQuality
        },
        stage,
        segment: None,
        revenue: share(revenue, error),
        customers: share(revenue * 0.9, error),
    }
}

/// Three rates and the lead quality, given in the scenario's order (not the drawn one).
fn hand_made_uncertainty() -> engine::Uncertainty {
    engine::Uncertainty {
        bins: 50,
        sources: vec![
            uncertain("Visit", Some(0), 0.12, 0.01),
            uncertain("Consideration", Some(2), 0.46, 0.02),
            uncertain("Checkout", Some(3), 0.04, 0.008),
            uncertain("lead quality", None, 0.2, 0.015),
        ],
        chance: engine::VarianceParts {
            revenue: share(0.18, 0.03),
            customers: share(0.262, 0.03),
        },
    }
}

#[test]
fn uncertainty_ranks_the_unknowns_with_chance_last() {
    let uncertainty = hand_made_uncertainty();
    let size = (800, 380);
    let (svg, mapping) = drawn(size, |area| {
        charts::draw_uncertainty(
            area,
            &uncertainty,
            engine::VarianceOf::Revenue,
            &uncertainty_labels(),
            &English,
            &style(),
        )
    });
    check_snapshot("uncertainty", &svg);
    check_layout(&svg, size);
    let labels = uncertainty_labels();
    for text in [
        &labels.x_title,
        &labels.y_title,
        &labels.lead_quality,
        &labels.chance,
        &labels.rates_legend,
        &labels.error,
        "Consideration rate",
        "Visit rate",
        "46%",
        "18%",
        "4%",
    ] {
        assert!(has_text(&svg, text), "missing {text:?}");
    }
    // Largest first, chance last whatever its size.
    let order: Vec<&str> = mapping
        .rows
        .iter()
        .map(|(_, bar)| bar.label.as_str())
        .collect();
    assert_eq!(
        order,
        [
            "Consideration rate",
            "Lead quality",
            "Visit rate",
            "Checkout rate",
            "Chance"
        ]
    );
    assert_eq!(
        mapping.rows[0].1.kind,
        charts::UncertaintyBarKind::Rate { stage: 2 }
    );
    assert_eq!(mapping.rows[4].1.kind, charts::UncertaintyBarKind::Chance);
    // Bars as long as their shares: Consideration's is 46 / 12 of Visit's; the lead quality's
    // is the one orange bar, in the second row; chance's the grey one, last.
    let bar = |color: RGBColor| -> Vec<(i32, i32, i32, i32, String)> {
        rects(&svg)
            .into_iter()
            .filter(|r| r.4 == hex(color) && r.2 > 20 && r.3 > 5)
            .collect()
    };
    let blue = bar(charts::RATE_COLOR);
    assert_eq!(blue.len(), 3, "{blue:?}");
    let widest = blue.iter().map(|r| r.2).max().unwrap_or(0);
    let visit = blue
        .iter()
        .find(|r| mapping.rows[2].0.contains(&(r.1 + r.3 / 2)))
        .map_or(0, |r| r.2);
    let ratio = f64::from(widest) / f64::from(visit);
    assert!((ratio - 46.0 / 12.0).abs() < 0.1, "bar ratio {ratio}");
    let orange = bar(charts::LEAD_QUALITY_COLOR);
    assert_eq!(orange.len(), 1, "{orange:?}");
    assert!(mapping.rows[1].0.contains(&(orange[0].1 + orange[0].3 / 2)));
    let grey = bar(charts::CHANCE_COLOR);
    assert_eq!(grey.len(), 1, "{grey:?}");
    assert!(mapping.rows[4].0.contains(&(grey[0].1 + grey[0].3 / 2)));
    // Pixels map back to their bar.
    for (rank, (rows, hover)) in mapping.rows.iter().enumerate() {
        let found = mapping.bar_at((mapping.x.pixel(0.01), (rows.start + rows.end) / 2));
        assert_eq!(found.map(|h| h.rank), Some(rank));
        assert_eq!(hover.rank, rank);
    }
    assert_eq!(mapping.bar_at((-5, mapping.rows[0].0.start)), None);
    // The customers' shares are another picture of the same sources.
    let (_, customers) = drawn(size, |area| {
        charts::draw_uncertainty(
            area,
            &uncertainty,
            engine::VarianceOf::Customers,
            &uncertainty_labels(),
            &English,
            &style(),
        )
    });
    assert!((customers.rows[4].1.share.share - 0.262).abs() < 1e-12);
}

#[test]
fn uncertainty_of_a_real_report_in_russian_and_chinese() {
    let mut model = preset_model("ecommerce");
    model.rate_correlation = 0.5;
    let report = engine::simulate(&model, 400, 3);
    let uncertainty = report.uncertainty.expect("uncertain rates");
    let labels = charts::UncertaintyLabels {
        x_title: "Доля дисперсии (%)".to_string(),
        y_title: "不确定".to_string(),
        rate: "Конверсия «{stage}»".to_string(),
        lead_quality: "线索质量".to_string(),
        chance: "Случай".to_string(),
        rates_legend: "Конверсия этапа".to_string(),
        error: "± 2 стандартные ошибки".to_string(),
    };
    for size in [(900, 320), (420, 280)] {
        let (svg, mapping) = drawn(size, |area| {
            charts::draw_uncertainty(
                area,
                &uncertainty,
                engine::VarianceOf::Revenue,
                &labels,
                &English,
                &style(),
            )
        });
        check_layout(&svg, size);
        assert_eq!(mapping.rows.len(), uncertainty.sources.len() + 1);
        for text in ["Доля дисперсии (%)", "线索质量"] {
            assert!(has_text(&svg, text), "{size:?}: missing {text:?}");
        }
        let drawn: f64 = mapping.rows.iter().map(|(_, bar)| bar.share.share).sum();
        assert!((drawn - 1.0).abs() < 1e-12, "{drawn}");
    }
}

#[test]
fn uncertainty_degenerate_inputs_draw_or_fail_cleanly() {
    let draw = |uncertainty: &engine::Uncertainty, size| {
        render(size, |area| {
            charts::draw_uncertainty(
                area,
                uncertainty,
                engine::VarianceOf::Revenue,
                &uncertainty_labels(),
                &English,
                &style(),
            )
        })
        .1
    };
    let mut broken = hand_made_uncertainty();
    broken.chance.revenue = None;
    assert!(matches!(
        draw(&broken, (600, 300)),
        Err(ChartError::Empty { .. })
    ));
    let mut broken = hand_made_uncertainty();
    broken.sources[1].revenue = share(f64::NAN, 0.01);
    assert!(matches!(
        draw(&broken, (600, 300)),
        Err(ChartError::NotFiniteValue { .. })
    ));
    broken.sources[1].revenue = share(1.5, 0.01);
    assert!(matches!(
        draw(&broken, (600, 300)),
        Err(ChartError::Invalid { .. })
    ));
    broken.sources[1].revenue = share(0.5, -0.01);
    assert!(matches!(
        draw(&broken, (600, 300)),
        Err(ChartError::Invalid { .. })
    ));
    // All chance (no source has a share), everything zero, a tiny area, many sources.
    let mut all_chance = hand_made_uncertainty();
    for source in &mut all_chance.sources {
        source.revenue = None;
    }
    all_chance.chance.revenue = share(1.0, 0.0);
    let mapping = draw(&all_chance, (600, 300)).expect("chance alone draws");
    assert_eq!(mapping.rows.len(), 1);
    let mut zero = hand_made_uncertainty();
    for source in &mut zero.sources {
        source.revenue = share(0.0, 0.0);
    }
    zero.chance.revenue = share(0.0, 0.0);
    assert!(draw(&zero, (600, 300)).is_ok());
    assert!(draw(&hand_made_uncertainty(), (10, 10)).is_err());
    let mut many = hand_made_uncertainty();
    many.sources = (0..30)
        .map(|i| uncertain(&format!("Stage with a long name {i}"), Some(i), 0.02, 0.01))
        .collect();
    assert!(draw(&many, (700, 500)).is_ok());
    // No text of its own: blank labels and "#" numbers leave no letter.
    let blank = charts::UncertaintyLabels {
        x_title: String::new(),
        y_title: String::new(),
        rate: String::new(),
        lead_quality: String::new(),
        chance: String::new(),
        rates_legend: String::new(),
        error: String::new(),
    };
    struct Hash;
    impl NumberFormat for Hash {
        fn money(&self, _: f64) -> String {
            "#".to_string()
        }
        fn money_short(&self, _: f64) -> String {
            "#".to_string()
        }
        fn count(&self, _: f64) -> String {
            "#".to_string()
        }
        fn count_short(&self, _: f64) -> String {
            "#".to_string()
        }
        fn percent(&self, _: f64) -> String {
            "#".to_string()
        }
        fn days(&self, _: f64) -> String {
            "#".to_string()
        }
    }
    let (svg, _) = drawn((640, 360), |area| {
        charts::draw_uncertainty(
            area,
            &hand_made_uncertainty(),
            engine::VarianceOf::Revenue,
            &blank,
            &Hash,
            &style(),
        )
    });
    for text in texts(&svg) {
        assert!(
            !text.content.chars().any(char::is_alphabetic),
            "the chart wrote {:?} itself",
            text.content
        );
    }
}

mod uncertainty_never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn any_shares(shares in prop::collection::vec((prop_oneof![20 => -0.5..1.5f64, 1 => Just(f64::NAN)], 0.0..0.3f64), 0..12), size in (1u32..1_800, 1u32..1_000)) {
            let mut uncertainty = hand_made_uncertainty();
            uncertainty.sources = shares.iter().enumerate().map(|(i, &(s, e))| uncertain(&format!("S{i}"), Some(i as u32), s, e)).collect();
            let _ = render(size, |area| charts::draw_uncertainty(area, &uncertainty, engine::VarianceOf::Revenue, &uncertainty_labels(), &English, &style()).map(|_| ()));
        }
    }
}

/// The funnel split by segment (issue 15): every stage's bar is cut into its segments' mean
/// entries, in the segments' colours and proportions, the legend names the segments, the
/// totals are written at the bars' ends, nothing overlaps in English, Russian or Chinese, a
/// pixel maps back to its stage and segment, and bad figures fail by name.
#[test]
fn the_funnel_split_by_segment_shows_each_segments_part_of_each_stage() {
    let model = preset_model("b2b-segments");
    let report = engine::simulate(&model, 400, 1);
    let stages: Vec<String> = report.stages.iter().map(|s| s.name.clone()).collect();
    for (x_title, small, big) in [
        (
            "Leads entering the stage, mean per run",
            "Small business",
            "Enterprise",
        ),
        (
            "Лидов на этапе, в среднем за прогон",
            "Малый бизнес",
            "Крупные компании",
        ),
        ("进入阶段的线索（每次运行平均）", "小企业", "大型企业"),
    ] {
        let mut segments = report.segments.clone();
        segments[0].name = small.to_string();
        segments[1].name = big.to_string();
        let labels = charts::SegmentFunnelLabels {
            x_title: x_title.to_string(),
            y_title: String::new(),
        };
        for size in [(900, 320), (640, 300)] {
            let (svg, mapping) = drawn(size, |area| {
                charts::draw_segment_funnel(area, &stages, &segments, &labels, &English, &style())
            });
            check_layout(&svg, size);
            for text in [x_title, small, big] {
                assert!(has_text(&svg, text), "{size:?}: missing {text:?}");
            }
            // Each stage's two parts are as wide as their means, in their colours.
            let bars = rects(&svg);
            for (k, (values, total)) in mapping.entered.iter().enumerate() {
                let expected = report.stages[k].entered.mean;
                assert!(
                    (total - expected).abs() < 1e-6 * expected.max(1.0),
                    "stage {k}"
                );
                let widths: Vec<f64> = mapping.parts[k]
                    .iter()
                    .map(|p| f64::from(p.end - p.start - 1))
                    .collect();
                let plot = f64::from(mapping.parts[k][1].end - mapping.parts[k][0].start);
                if *total > 0.0 && plot > 20.0 {
                    let share = values[1] / total;
                    let drawn_share = widths[1] / (widths[0] + widths[1]);
                    assert!(
                        (share - drawn_share).abs() < 0.05,
                        "stage {k}: {share} vs {drawn_share}"
                    );
                }
                for (g, &width) in widths.iter().enumerate() {
                    if width > 1.0 {
                        let color = hex(charts::segment_color(g));
                        assert!(
                            bars.iter().any(|(x, _, w, _, fill)| *fill == color
                                && (*x - mapping.parts[k][g].start).abs() <= 1
                                && (*w - width as i32).abs() <= 2),
                            "stage {k} segment {g}: no bar of {color}"
                        );
                    }
                }
                let row = &mapping.rows[k];
                let middle = (row.start + row.end) / 2;
                let first = &mapping.parts[k][0];
                if first.end - first.start > 2 {
                    let hover = mapping
                        .part_at((first.start + 1, middle))
                        .expect("a part under the pointer");
                    assert_eq!((hover.stage, hover.segment), (k, 0));
                }
            }
        }
    }
    let mut broken = report.segments.clone();
    broken[1].stage_entered[2] = f64::NAN;
    let (_, result) = render((600, 300), |area| {
        charts::draw_segment_funnel(
            area,
            &stages,
            &broken,
            &charts::SegmentFunnelLabels {
                x_title: "x".to_string(),
                y_title: String::new(),
            },
            &English,
            &style(),
        )
    });
    assert!(
        matches!(result, Err(ChartError::NotFiniteValue { ref field }) if field == "segments[1].stage_entered[2]"),
        "{result:?}"
    );
    let (_, empty) = render((600, 300), |area| {
        charts::draw_segment_funnel(
            area,
            &stages,
            &[],
            &charts::SegmentFunnelLabels {
                x_title: "x".to_string(),
                y_title: String::new(),
            },
            &English,
            &style(),
        )
    });
    assert!(matches!(empty, Err(ChartError::Empty { .. })));
}
