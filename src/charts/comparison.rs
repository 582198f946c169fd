//! Charts comparing scenario variants (A/B): revenue distributions overlaid, cumulative
//! revenue fans overlaid, and the distribution of the per-run difference B − A.

use plotters::coord::Shift;
use plotters::prelude::*;

use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{
    self, Axis, Fonts, Left, LegendEntry, Linear, Scale, backend, fill, fit_text, signed,
    text_style, text_width,
};
use super::palette::{self, INK};
use super::revenue_distribution::{
    BinHover, HistogramMapping, check_histogram, dashed_vertical, draw_bins,
};
use super::{ChartError, ChartStyle, NumberFormat};
use crate::engine::report::{Bands, Histogram};

/// The colours of variants A, B, C, ... in order (Okabe–Ito, yellow left out as too light on
/// white), repeating after seven.
const VARIANT_COLORS: [RGBColor; 7] = [
    palette::BLUE,
    palette::ORANGE,
    palette::BLUISH_GREEN,
    palette::REDDISH_PURPLE,
    palette::VERMILLION,
    palette::SKY_BLUE,
    palette::BLACK,
];

/// The colour the comparison charts give to the variant at `index`.
pub fn variant_color(index: usize) -> RGBColor {
    VARIANT_COLORS[index % VARIANT_COLORS.len()]
}

/// One variant's revenue distribution (a report's `distributions.revenue`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Variant<'a> {
    /// The variant's name as the user gave it (legend entry).
    pub name: &'a str,
    pub histogram: &'a Histogram,
}

/// The texts of the overlaid revenue distributions, from the caller's message catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct OverlayLabels {
    /// Title of the revenue axis, with its unit (e.g. "Revenue over the horizon, USD").
    pub x_title: String,
    /// Title of the density axis: `{width}` is the revenue step the shares are given per
    /// (e.g. "Share of runs per {width} of revenue").
    pub y_title: String,
}

/// What is under the pointer in the overlaid distributions: a revenue and each variant's
/// bin there (`None` where a variant has no bin).
#[derive(Debug, Clone, PartialEq)]
pub struct OverlayHover {
    pub revenue: f64,
    pub variants: Vec<Option<BinHover>>,
}

/// Where the overlaid distributions went, to map a pointer back to a revenue and bins.
#[derive(Debug, Clone, PartialEq)]
pub struct OverlayMapping {
    /// The revenue axis.
    pub x: Linear,
    /// The density axis (share of runs per `step` of revenue).
    pub y: Linear,
    /// The revenue step the density axis is given per.
    pub step: f64,
    /// The variants' histograms as drawn.
    pub histograms: Vec<Histogram>,
}

impl OverlayMapping {
    /// The revenue under a backend pixel and each variant's bin there; `None` outside the plot.
    pub fn at(&self, (x, y): (i32, i32)) -> Option<OverlayHover> {
        self.y.value(y)?;
        let revenue = self.x.value(x)?;
        let variants = self
            .histograms
            .iter()
            .map(|histogram| bin_of(histogram, revenue))
            .collect();
        Some(OverlayHover { revenue, variants })
    }
}

/// The bin of `histogram` holding `value` (its last bin holds its upper edge).
fn bin_of(histogram: &Histogram, value: f64) -> Option<BinHover> {
    if histogram.counts.is_empty() || value < histogram.lower || value > histogram.upper() {
        return None;
    }
    let index =
        (((value - histogram.lower) / histogram.width) as usize).min(histogram.counts.len() - 1);
    let lower = histogram.lower + index as f64 * histogram.width;
    let total = histogram.total();
    Some(BinHover {
        index,
        lower,
        upper: lower + histogram.width,
        count: histogram.counts[index],
        share: if total > 0.0 {
            histogram.counts[index] / total
        } else {
            0.0
        },
    })
}

/// A round step (1, 2 or 5 times a power of ten) near `value`.
fn round_step(value: f64) -> f64 {
    if !(value.is_finite() && value > 0.0) {
        return 1.0;
    }
    let power = 10f64.powf(value.log10().floor());
    let multiple = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .min_by(|a, b| {
            (a * power - value)
                .abs()
                .total_cmp(&(b * power - value).abs())
        })
        .unwrap_or(1.0);
    multiple * power
}

/// Draws the revenue distributions of several variants on one axis, each as a step outline
/// over a translucent fill in its own colour. Their bins may differ, so heights are densities:
/// the share of runs per round revenue step (`OverlayMapping::step`, written into the y
/// title's `{width}`), comparable across variants. A variant whose runs all had the same
/// revenue (one bin) is drawn as a narrow column of its whole weight.
///
/// # Errors
/// `Empty` without variants or for a variant without runs, `NotFiniteValue` or `Invalid`
/// naming the broken field (`variants[1].histogram.width`), `TooSmall`, `Backend`.
pub fn draw_revenue_overlay<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    variants: &[Variant<'_>],
    labels: &OverlayLabels,
    format: &dyn NumberFormat,
    style: &ChartStyle,
) -> Result<OverlayMapping, ChartError> {
    if variants.is_empty() {
        return Err(ChartError::Empty {
            what: "variants".to_string(),
        });
    }
    for (index, variant) in variants.iter().enumerate() {
        check_histogram(&format!("variants[{index}].histogram"), variant.histogram)?;
    }
    let low = variants
        .iter()
        .map(|v| v.histogram.lower)
        .fold(f64::INFINITY, f64::min);
    let high = variants
        .iter()
        .map(|v| v.histogram.upper())
        .fold(f64::NEG_INFINITY, f64::max);
    let span = if high > low { high - low } else { 1.0 };
    // A single bin is the summary's stand-in for "every run the same": it is shown a 60th of
    // the axis wide, not its nominal width, so it neither vanishes nor towers over the rest.
    let drawn: Vec<Histogram> = variants
        .iter()
        .map(|variant| {
            let histogram = variant.histogram;
            if histogram.counts.len() == 1 {
                let width = span / 60.0;
                let middle = histogram.lower + histogram.width / 2.0;
                Histogram {
                    lower: middle - width / 2.0,
                    width,
                    counts: histogram.counts.clone(),
                }
            } else {
                histogram.clone()
            }
        })
        .collect();
    let low = drawn.iter().map(|h| h.lower).fold(low, f64::min);
    let high = drawn.iter().map(|h| h.upper()).fold(high, f64::max);
    let step = round_step((high - low) / 30.0);
    let density =
        |histogram: &Histogram, count: f64| count / histogram.total() / histogram.width * step;
    let highest = drawn
        .iter()
        .map(|h| {
            h.counts
                .iter()
                .map(|count| density(h, *count))
                .fold(0.0, f64::max)
        })
        .fold(0.0, f64::max);

    let scale = Scale::new(style.pixel_ratio);
    let (width, _) = area.dim_in_pixel();
    let width = width as i32;
    let legend: Vec<LegendEntry<'_>> = variants
        .iter()
        .enumerate()
        .map(|(index, variant)| LegendEntry {
            text: variant.name,
            color: variant_color(index),
            line: true,
        })
        .collect();
    let margin = scale.px(10.0);
    let legend_room = frame::legend_height(area, &legend, scale, width - 2 * margin);
    let y_title = fill(&labels.y_title, &[("width", &format.money(step))]);
    let money = |value: f64| format.money_short(value);
    let percent = |value: f64| format.percent(value);
    let laid = frame::layout(
        area,
        scale,
        &Axis {
            range: low..high,
            title: &labels.x_title,
            label: &money,
        },
        &Left::Values(Axis {
            range: 0.0..highest * 1.1,
            title: &y_title,
            label: &percent,
        }),
        legend_room,
    )?;
    frame::clear(area)?;
    laid.draw_axes(area, &labels.x_title, &y_title)?;
    frame::draw_legend(area, &legend, scale, (margin, margin), width - 2 * margin)?;

    let line = scale.size(2.0) as u32;
    for (index, histogram) in drawn.iter().enumerate() {
        let color = variant_color(index);
        let mut outline = vec![(laid.x.pixel(histogram.lower), laid.bottom)];
        for (bin, count) in histogram.counts.iter().enumerate() {
            let left = laid.x.pixel(histogram.lower + bin as f64 * histogram.width);
            let right = laid
                .x
                .pixel(histogram.lower + (bin + 1) as f64 * histogram.width);
            let top = laid.y.pixel(density(histogram, *count));
            outline.push((left, top));
            outline.push((right, top));
        }
        outline.push((laid.x.pixel(histogram.upper()), laid.bottom));
        area.draw(&Polygon::new(outline.clone(), color.mix(0.18).filled()))
            .map_err(backend)?;
        area.draw(&PathElement::new(outline, color.stroke_width(line)))
            .map_err(backend)?;
    }
    area.present().map_err(backend)?;
    Ok(OverlayMapping {
        x: laid.x.clone(),
        y: laid.y.clone(),
        step,
        histograms: drawn,
    })
}

/// One variant's cumulative revenue bands (a report's `daily.cumulative_revenue`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VariantBands<'a> {
    /// The variant's name as the user gave it (legend entry).
    pub name: &'a str,
    pub bands: &'a Bands,
}

/// The texts of the overlaid fans, from the caller's message catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct FanOverlayLabels {
    /// Title of the day axis (e.g. "Day").
    pub x_title: String,
    /// Title of the revenue axis, with its unit (e.g. "Cumulative revenue, USD").
    pub y_title: String,
    /// Legend entry explaining the bands (e.g. "Band: 90% of runs (p5 to p95)").
    pub band: String,
    /// Legend entry explaining the lines (e.g. "Line: median run").
    pub median: String,
}

/// One variant's fan on one day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VariantFan {
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
}

/// What is under the pointer in the overlaid fans: a day and each variant's fan that day.
#[derive(Debug, Clone, PartialEq)]
pub struct FanOverlayHover {
    pub day: usize,
    pub variants: Vec<VariantFan>,
}

/// Where the overlaid fans went, to map a pointer back to a day.
#[derive(Debug, Clone, PartialEq)]
pub struct FanOverlayMapping {
    /// The day axis.
    pub x: Linear,
    /// The revenue axis.
    pub y: Linear,
    /// Each variant's fan per day, as drawn.
    pub fans: Vec<Vec<VariantFan>>,
}

impl FanOverlayMapping {
    /// The day nearest a backend pixel and each variant's fan that day; `None` outside the
    /// plot.
    pub fn at(&self, (x, y): (i32, i32)) -> Option<FanOverlayHover> {
        self.y.value(y)?;
        let day = self.x.value(x)?.round().max(0.0) as usize;
        let days = self.fans.iter().map(Vec::len).min()?;
        let day = day.min(days.checked_sub(1)?);
        Some(FanOverlayHover {
            day,
            variants: self.fans.iter().map(|fan| fan[day]).collect(),
        })
    }
}

/// Draws the cumulative revenue fans of several variants on one chart: per variant, the
/// p5–p95 band as a translucent fill and the median as a line, in the variant's colour.
/// Variants with fewer days are drawn as far as they go.
///
/// # Errors
/// `Empty` without variants or days, `NotFiniteValue` naming a NaN or infinite value
/// (`variants[1].bands.p95[30]`), `TooSmall`, `Backend`.
pub fn draw_fan_overlay<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    variants: &[VariantBands<'_>],
    labels: &FanOverlayLabels,
    format: &dyn NumberFormat,
    style: &ChartStyle,
) -> Result<FanOverlayMapping, ChartError> {
    if variants.is_empty() {
        return Err(ChartError::Empty {
            what: "variants".to_string(),
        });
    }
    let mut fans = Vec::with_capacity(variants.len());
    for (index, variant) in variants.iter().enumerate() {
        let bands = variant.bands;
        let days = bands.p5.len().min(bands.p50.len()).min(bands.p95.len());
        if days == 0 {
            return Err(ChartError::Empty {
                what: format!("variants[{index}].bands"),
            });
        }
        for (name, series) in [("p5", &bands.p5), ("p50", &bands.p50), ("p95", &bands.p95)] {
            frame::check_finite(&format!("variants[{index}].bands.{name}"), &series[..days])?;
        }
        fans.push(
            (0..days)
                .map(|day| VariantFan {
                    p5: bands.p5[day],
                    p50: bands.p50[day],
                    p95: bands.p95[day],
                })
                .collect::<Vec<_>>(),
        );
    }
    let all = || fans.iter().flatten().flat_map(|f| [f.p5, f.p50, f.p95]);
    let highest = all().fold(0.0, f64::max);
    let lowest = all().fold(0.0, f64::min);
    let last_day = fans.iter().map(Vec::len).max().unwrap_or(1) - 1;

    let scale = Scale::new(style.pixel_ratio);
    let (width, _) = area.dim_in_pixel();
    let width = width as i32;
    let mut legend: Vec<LegendEntry<'_>> = variants
        .iter()
        .enumerate()
        .map(|(index, variant)| LegendEntry {
            text: variant.name,
            color: variant_color(index),
            line: false,
        })
        .collect();
    legend.push(LegendEntry {
        text: &labels.band,
        color: palette::tint(INK, 0.25),
        line: false,
    });
    legend.push(LegendEntry {
        text: &labels.median,
        color: INK,
        line: true,
    });
    let margin = scale.px(10.0);
    let legend_room = frame::legend_height(area, &legend, scale, width - 2 * margin);
    let days = |value: f64| format.days(value);
    let money = |value: f64| format.money_short(value);
    let laid = frame::layout(
        area,
        scale,
        &Axis {
            range: 0.0..(last_day as f64).max(1.0),
            title: &labels.x_title,
            label: &days,
        },
        &Left::Values(Axis {
            range: lowest..if highest > lowest {
                highest * 1.05
            } else {
                lowest + 1.0
            },
            title: &labels.y_title,
            label: &money,
        }),
        legend_room,
    )?;
    frame::clear(area)?;
    laid.draw_axes(area, &labels.x_title, &labels.y_title)?;
    frame::draw_legend(area, &legend, scale, (margin, margin), width - 2 * margin)?;

    let point = |day: usize, value: f64| (laid.x.pixel(day as f64), laid.y.pixel(value));
    for (index, fan) in fans.iter().enumerate() {
        let color = variant_color(index);
        let band: Vec<(i32, i32)> = fan
            .iter()
            .enumerate()
            .map(|(day, f)| point(day, f.p95))
            .chain(
                fan.iter()
                    .enumerate()
                    .rev()
                    .map(|(day, f)| point(day, f.p5)),
            )
            .collect();
        area.draw(&Polygon::new(band, color.mix(0.2).filled()))
            .map_err(backend)?;
    }
    // Lines over all the bands, so no band hides another variant's median.
    for (index, fan) in fans.iter().enumerate() {
        let color = variant_color(index);
        let median: Vec<(i32, i32)> = fan
            .iter()
            .enumerate()
            .map(|(day, f)| point(day, f.p50))
            .collect();
        area.draw(&PathElement::new(
            median,
            color.stroke_width(scale.size(2.5) as u32),
        ))
        .map_err(backend)?;
    }
    area.present().map_err(backend)?;
    Ok(FanOverlayMapping {
        x: laid.x.clone(),
        y: laid.y.clone(),
        fans,
    })
}

/// The texts of the difference chart, from the caller's message catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct DifferenceLabels {
    /// Title of the difference axis, with its unit (e.g. "Difference in revenue per run,
    /// B − A (USD)").
    pub x_title: String,
    /// Title of the other axis (e.g. "Share of runs").
    pub y_title: String,
    /// Legend entry of the bars right of zero: what they are, not a probability (e.g. "Runs
    /// where B is ahead").
    pub better: String,
    /// Legend entry of the bars left of zero (e.g. "Runs where A is ahead").
    pub worse: String,
    /// Legend entry of a bar astride zero, drawn when every run differs by the same amount
    /// and that amount is zero, as for two identical variants (e.g. "Runs with no
    /// difference").
    pub even: String,
    /// Legend entry of the shaded interval (e.g. "90% of runs").
    pub interval_legend: String,
    /// Written on the chart: `{low}` and `{high}` are the interval's ends
    /// (e.g. "90% interval: {low} to {high}").
    pub interval: String,
    /// Legend entry of the zero line (e.g. "No difference").
    pub zero: String,
}

/// Where the difference chart went: its histogram, bins and the interval drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct DifferenceMapping {
    /// The bins of the differences and their pixels.
    pub histogram: HistogramMapping,
    /// The 5th and 95th percentiles of the differences (the 90% interval drawn).
    pub interval: (f64, f64),
    /// The box of the interval's label, `(left, top, right, bottom)` in backend pixels: in a
    /// row of its own between the legend and the plot, over the interval, so that it covers
    /// neither the "No difference" line nor the interval's ends; `None` when it has no room.
    pub interval_label: Option<(i32, i32, i32, i32)>,
}

/// What is under the pointer in the difference chart: a bin of differences.
pub type DifferenceHover = BinHover;

impl DifferenceMapping {
    /// The bin of differences under a backend pixel, `None` outside the plot or between bins.
    pub fn bin_at(&self, pixel: (i32, i32)) -> Option<&DifferenceHover> {
        self.histogram.bin_at(pixel)
    }
}

/// Quantile `q` of sorted values by linear interpolation between order statistics (as the
/// engine's summaries do).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let position = q * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    sorted[below] + (sorted[above] - sorted[below]) * (position - below as f64)
}

/// `values` (finite, at least one) in equal bins: about the square root of their number,
/// 5 to 40 bins, on round edges; values all equal get one bin centred on them.
pub(crate) fn bin_values(values: &[f64]) -> Histogram {
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if high <= low {
        let width = if low == 0.0 {
            1.0
        } else {
            round_step(low.abs() / 10.0)
        };
        return Histogram {
            lower: low - width / 2.0,
            width,
            counts: vec![values.len() as f64],
        };
    }
    let wanted = ((values.len() as f64).sqrt().ceil()).clamp(5.0, 40.0);
    let width = round_step((high - low) / wanted);
    let lower = (low / width).floor() * width;
    // At most a few times the bins wanted, whatever rounding did (a guard, not a choice).
    let bins = (((high - lower) / width).floor() as usize + 1).clamp(1, 200);
    let mut counts = vec![0.0; bins];
    for value in values {
        let bin = (((value - lower) / width) as usize).min(bins - 1);
        counts[bin] += 1.0;
    }
    Histogram {
        lower,
        width,
        counts,
    }
}

/// Draws the distribution of per-run differences (B − A, one value per run of the coupled
/// simulation) as a histogram binned here, with the 90% interval (p5 to p95) shaded and
/// written above the plot, over the interval, and a line at zero. Runs where B did better are
/// drawn in blue, where it did worse in orange; when every run differs by zero (identical
/// variants), their one bar is grey.
///
/// # Errors
/// `Empty` without differences, `NotFiniteValue` naming a NaN or infinite one
/// (`differences[12]`), `TooSmall`, `Backend`.
pub fn draw_difference<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    differences: &[f64],
    labels: &DifferenceLabels,
    format: &dyn NumberFormat,
    style: &ChartStyle,
) -> Result<DifferenceMapping, ChartError> {
    if differences.is_empty() {
        return Err(ChartError::Empty {
            what: "differences".to_string(),
        });
    }
    frame::check_finite("differences", differences)?;
    let mut sorted = differences.to_vec();
    sorted.sort_by(f64::total_cmp);
    if let (Some(first), Some(last)) = (sorted.first(), sorted.last())
        && !(last - first).is_finite()
    {
        return Err(ChartError::Invalid {
            field: "differences".to_string(),
            rule: "their range must be a finite number",
        });
    }
    let interval = (quantile(&sorted, 0.05), quantile(&sorted, 0.95));
    let histogram = bin_values(&sorted);
    let total = histogram.total();
    let highest_share = histogram.counts.iter().copied().fold(0.0, f64::max) / total;
    let padding = histogram.width / 2.0;
    let low = histogram.lower.min(-padding);
    let high = histogram.upper().max(padding);

    let scale = Scale::new(style.pixel_ratio);
    let (width, _) = area.dim_in_pixel();
    let width = width as i32;
    let better = palette::BLUE;
    let worse = palette::ORANGE;
    let shade = palette::tint(palette::YELLOW, 0.35);
    // Bins have round edges, zero among them, so a bin lies astride zero only when every
    // difference is the same and zero: neither variant is ahead in those runs.
    let even = palette::tint(INK, 0.45);
    let astride = |index: usize| {
        let start = histogram.lower + index as f64 * histogram.width;
        start < 0.0 && start + histogram.width > 0.0
    };
    let any_astride = (0..histogram.counts.len()).any(astride);
    let mut legend = vec![
        LegendEntry {
            text: &labels.better,
            color: better,
            line: false,
        },
        LegendEntry {
            text: &labels.worse,
            color: worse,
            line: false,
        },
    ];
    if any_astride {
        legend.push(LegendEntry {
            text: &labels.even,
            color: even,
            line: false,
        });
    }
    legend.extend([
        LegendEntry {
            text: &labels.interval_legend,
            color: shade,
            line: false,
        },
        LegendEntry {
            text: &labels.zero,
            color: INK,
            line: true,
        },
    ]);
    let margin = scale.px(10.0);
    let legend_room = frame::legend_height(area, &legend, scale, width - 2 * margin);
    // The interval's label gets a row of its own above the plot: inside it, it would cover the
    // zero line or the interval's ends wherever the data put them.
    let note = Fonts::for_area(scale, area.dim_in_pixel()).note;
    let pad = scale.px(4.0);
    let note_height = note.ceil() as i32 + 2 * pad;
    let note_top = margin + legend_room;
    let money = |value: f64| signed(value, |v| format.money_short(v));
    let percent = |value: f64| format.percent(value);
    let laid = frame::layout(
        area,
        scale,
        &Axis {
            range: low..high,
            title: &labels.x_title,
            label: &money,
        },
        &Left::Values(Axis {
            range: 0.0..highest_share * 1.12,
            title: &labels.y_title,
            label: &percent,
        }),
        legend_room + note_height + pad,
    )?;
    frame::clear(area)?;
    // The interval's shade goes under the grid and the bars.
    let (low_x, high_x) = (laid.x.pixel(interval.0), laid.x.pixel(interval.1));
    area.draw(&Rectangle::new(
        [(low_x, laid.top), (high_x.max(low_x + 1), laid.bottom)],
        shade.filled(),
    ))
    .map_err(backend)?;
    laid.draw_axes(area, &labels.x_title, &labels.y_title)?;
    frame::draw_legend(area, &legend, scale, (margin, margin), width - 2 * margin)?;

    let start = |index: usize| histogram.lower + index as f64 * histogram.width;
    let color = |index: usize| {
        if astride(index) {
            even
        } else if start(index) + histogram.width / 2.0 < 0.0 {
            worse
        } else {
            better
        }
    };
    let bins = draw_bins(
        area,
        &laid,
        &histogram,
        total,
        &start,
        &|count| count / total,
        &color,
    )?;
    for x in [low_x, high_x] {
        dashed_vertical(
            area,
            x,
            (laid.top, laid.bottom),
            INK.stroke_width(scale.size(1.0) as u32),
            scale.px(4.0),
        )?;
    }
    let zero = laid.x.pixel(0.0);
    area.draw(&PathElement::new(
        [(zero, laid.top), (zero, laid.bottom)],
        INK.stroke_width(scale.size(2.0) as u32),
    ))
    .map_err(backend)?;
    let text = fill(
        &labels.interval,
        &[
            ("low", &signed(interval.0, |v| format.money(v))),
            ("high", &signed(interval.1, |v| format.money(v))),
        ],
    );
    let text = fit_text(area, &text, note, laid.right - laid.left - 2 * pad);
    let interval_label = if text.is_empty() {
        None
    } else {
        // Centred over the interval, kept over the plot; filled with the interval's shade.
        let box_width = text_width(area, &text, note) + 2 * pad;
        let centre = (low_x + high_x) / 2;
        let left = (centre - box_width / 2)
            .min(laid.right - box_width)
            .max(laid.left);
        let bounds = (left, note_top, left + box_width, note_top + note_height);
        area.draw(&Rectangle::new(
            [(bounds.0, bounds.1), (bounds.2, bounds.3)],
            shade.filled(),
        ))
        .map_err(backend)?;
        area.draw_text(
            &text,
            &text_style(note, INK, HPos::Center, VPos::Center),
            (left + box_width / 2, note_top + note_height / 2),
        )
        .map_err(backend)?;
        Some(bounds)
    };
    area.present().map_err(backend)?;
    Ok(DifferenceMapping {
        histogram: HistogramMapping {
            x: laid.x.clone(),
            y: laid.y.clone(),
            bins,
            target_probability: None,
        },
        interval,
        interval_label,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binning_counts_every_value_once_on_round_edges() {
        let values: Vec<f64> = (0..100).map(|i| f64::from(i) * 3.0 - 50.0).collect();
        let histogram = bin_values(&values);
        assert_eq!(histogram.total(), 100.0);
        assert!(histogram.lower <= -50.0 && histogram.upper() >= 247.0);
        assert_eq!(histogram.width, 20.0);
        assert_eq!(histogram.lower, -60.0);
    }

    #[test]
    fn equal_values_get_one_bin_around_them() {
        let zero = bin_values(&[0.0; 50]);
        assert_eq!(
            (zero.lower, zero.width, zero.counts.clone()),
            (-0.5, 1.0, vec![50.0])
        );
        let equal = bin_values(&[1_000.0; 3]);
        assert_eq!(equal.counts, vec![3.0]);
        assert!(equal.lower < 1_000.0 && equal.upper() > 1_000.0);
    }

    #[test]
    fn round_steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(round_step(0.9), 1.0);
        assert_eq!(round_step(2.7), 2.0);
        assert_eq!(round_step(3.8), 5.0);
        assert_eq!(round_step(7_600.0), 10_000.0);
        assert_eq!(round_step(f64::NAN), 1.0);
    }
}
