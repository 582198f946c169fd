//! The distribution of total revenue over runs as a histogram, with an optional target line
//! and the probability of reaching the target; and the histogram pieces the other
//! distribution charts share (bars, dashed markers, the bin under the pointer).

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{
    self, Axis, Frame, Left, LegendEntry, Linear, Scale, backend, fill, fit_text, text_style,
    text_width,
};
use super::palette::{self, BACKGROUND, INK};
use super::{ChartError, ChartStyle, NumberFormat};
use crate::engine::report::{Distributions, Histogram};

/// The texts of the revenue distribution chart, from the caller's message catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct RevenueLabels {
    /// Title of the revenue axis, with its unit (e.g. "Revenue over the horizon, USD").
    pub x_title: String,
    /// Title of the other axis (e.g. "Share of runs").
    pub y_title: String,
    /// Legend entry of the bars (e.g. "Runs").
    pub bars: String,
    /// Legend entry of the target line: `{target}` is the target (e.g. "Target: {target}").
    pub target: String,
    /// Written beside the target line: `{target}` is the target and `{probability}` the
    /// chance of reaching it (e.g. "P(revenue ≥ {target}) = {probability}").
    pub probability: String,
}

/// One bin of a histogram under the pointer.
#[derive(Debug, Clone, PartialEq)]
pub struct BinHover {
    /// The bin's index in its histogram.
    pub index: usize,
    /// The values the bin holds: `lower` up to `upper`.
    pub lower: f64,
    pub upper: f64,
    /// The bin's weight as given (runs, or customers per run).
    pub count: f64,
    /// The bin's share of the total weight (0 to 1).
    pub share: f64,
}

/// Where a histogram chart put its bins, to map a pointer back to a bin.
#[derive(Debug, Clone, PartialEq)]
pub struct HistogramMapping {
    /// The value axis (backend x pixels of the plot's edges and the values there).
    pub x: Linear,
    /// The other axis (backend y pixels of the bottom and top, and the heights there).
    pub y: Linear,
    /// Each bin's backend x pixels, with its figures.
    pub bins: Vec<(Range<i32>, BinHover)>,
    /// The probability of reaching the target written on the chart, if any.
    pub target_probability: Option<f64>,
}

impl HistogramMapping {
    /// The bin whose column is under a backend pixel, `None` outside the plot or between bins.
    pub fn bin_at(&self, (x, y): (i32, i32)) -> Option<&BinHover> {
        self.y.value(y)?;
        self.bins
            .iter()
            .find(|(pixels, _)| pixels.contains(&x))
            .map(|(_, bin)| bin)
    }
}

/// The probability that revenue is at least `target`, read from its percentiles 0 to 100
/// (any number of at least two evenly spaced quantiles, the first the smallest run and the
/// last the largest) by linear interpolation between them.
///
/// Below the smallest run it is 1, above the largest it is 0. On a plateau (many runs with
/// the same revenue, e.g. zero) it counts every run at that value as reaching it.
/// `None` for fewer than one percentile, a NaN, or percentiles out of order.
pub fn probability_at_least(percentiles: &[f64], target: f64) -> Option<f64> {
    if percentiles.is_empty()
        || target.is_nan()
        || percentiles.iter().any(|p| !p.is_finite())
        || percentiles.windows(2).any(|pair| pair[1] < pair[0])
    {
        return None;
    }
    let last = percentiles.len() - 1;
    let level = |index: usize| {
        if last == 0 {
            0.0
        } else {
            index as f64 / last as f64
        }
    };
    // The first percentile at or above the target: everything from its level up reaches it.
    let Some(above) = percentiles.iter().position(|&p| p >= target) else {
        return Some(0.0);
    };
    if above == 0 {
        return Some(1.0);
    }
    let (low, high) = (percentiles[above - 1], percentiles[above]);
    let fraction = (target - low) / (high - low);
    let quantile = level(above - 1) + fraction * (level(above) - level(above - 1));
    Some((1.0 - quantile).clamp(0.0, 1.0))
}

/// The probability that a value is at least `target`, read from a histogram whose weights
/// are spread evenly within each bin. `None` for an empty histogram.
pub(crate) fn histogram_probability_at_least(histogram: &Histogram, target: f64) -> Option<f64> {
    let total = histogram.total();
    if total <= 0.0 || !total.is_finite() || histogram.width <= 0.0 {
        return None;
    }
    let above: f64 = histogram
        .counts
        .iter()
        .enumerate()
        .map(|(index, count)| {
            let lower = histogram.lower + index as f64 * histogram.width;
            let part = ((lower + histogram.width - target) / histogram.width).clamp(0.0, 1.0);
            count * part
        })
        .sum();
    Some((above / total).clamp(0.0, 1.0))
}

/// Checks a histogram the charts draw: at least one bin, finite, non-negative weights, a
/// positive total, a finite start and a positive finite width. `field` names it in errors.
pub(crate) fn check_histogram(field: &str, histogram: &Histogram) -> Result<(), ChartError> {
    if histogram.counts.is_empty() {
        return Err(ChartError::Empty {
            what: field.to_string(),
        });
    }
    if !histogram.lower.is_finite() {
        return Err(ChartError::NotFiniteValue {
            field: format!("{field}.lower"),
        });
    }
    if !(histogram.width.is_finite() && histogram.width > 0.0) {
        return Err(ChartError::Invalid {
            field: format!("{field}.width"),
            rule: "must be a positive finite number",
        });
    }
    frame::check_finite(&format!("{field}.counts"), &histogram.counts)?;
    if let Some(index) = histogram.counts.iter().position(|count| *count < 0.0) {
        return Err(ChartError::Invalid {
            field: format!("{field}.counts[{index}]"),
            rule: "must not be negative",
        });
    }
    if histogram.total() <= 0.0 {
        return Err(ChartError::Empty {
            what: field.to_string(),
        });
    }
    Ok(())
}

/// Draws the bins of `histogram` as bars `height(count)` high, bin `i` spanning
/// `start(i)..start(i) + width` on the value axis, coloured by `color(i)`; returns each bin's
/// pixels and figures, its share taken of `total`.
pub(crate) fn draw_bins<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    laid: &Frame,
    histogram: &Histogram,
    total: f64,
    start: &dyn Fn(usize) -> f64,
    height: &dyn Fn(f64) -> f64,
    color: &dyn Fn(usize) -> RGBColor,
) -> Result<Vec<(Range<i32>, BinHover)>, ChartError> {
    let mut bins = Vec::with_capacity(histogram.counts.len());
    let separator = laid.scale.px(1.0).min(1);
    for (index, &count) in histogram.counts.iter().enumerate() {
        let left = laid.x.pixel(start(index));
        let right = laid.x.pixel(start(index) + histogram.width);
        let top = laid.y.pixel(height(count));
        // Neighbouring bars keep a hairline between them when they are wide enough.
        let inner_right = if right - left > 3 {
            right - separator
        } else {
            right
        };
        if count > 0.0 {
            area.draw(&Rectangle::new(
                [
                    (left, top.min(laid.bottom - 1)),
                    (inner_right.max(left + 1), laid.bottom),
                ],
                color(index).filled(),
            ))
            .map_err(backend)?;
        }
        let lower = histogram.lower + index as f64 * histogram.width;
        bins.push((
            left..right.max(left + 1),
            BinHover {
                index,
                lower,
                upper: lower + histogram.width,
                count,
                share: count / total,
            },
        ));
    }
    Ok(bins)
}

/// Draws a dashed vertical line at `x` from `top` to `bottom`.
pub(crate) fn dashed_vertical<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    x: i32,
    (top, bottom): (i32, i32),
    style: ShapeStyle,
    dash: i32,
) -> Result<(), ChartError> {
    let dash = dash.max(1);
    let mut y = top;
    while y < bottom {
        let end = (y + dash).min(bottom);
        area.draw(&PathElement::new([(x, y), (x, end)], style))
            .map_err(backend)?;
        y += 2 * dash;
    }
    Ok(())
}

/// Writes `text` on a background patch at the top of the plot, beside `x`: to its right when
/// there is room, else to its left; cut to the plot's width if need be.
pub(crate) fn note_beside<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    laid: &Frame,
    x: i32,
    row: i32,
    text: &str,
    color: RGBColor,
) -> Result<(), ChartError> {
    let font = laid.fonts.note;
    let pad = laid.scale.px(4.0);
    let text = fit_text(area, text, font, laid.right - laid.left - 2 * pad);
    if text.is_empty() {
        return Ok(());
    }
    let width = text_width(area, &text, font);
    let line_height = font.ceil() as i32 + 2 * pad;
    let top = laid.top + pad + row * line_height;
    let left = if x + pad + width + pad <= laid.right {
        x + pad
    } else {
        (x - pad - width - pad).max(laid.left)
    };
    area.draw(&Rectangle::new(
        [
            (left, top),
            (left + width + 2 * pad, top + line_height - pad),
        ],
        BACKGROUND.mix(0.85).filled(),
    ))
    .map_err(backend)?;
    area.draw_text(
        &text,
        &text_style(font, color, HPos::Left, VPos::Center),
        (left + pad, top + (line_height - pad) / 2),
    )
    .map_err(backend)
}

/// Draws the distribution of total revenue over runs (`distributions.revenue`, the share of
/// runs in each bin) and, given a `target`, a dashed line there with the probability of
/// reaching it (`probability_at_least` on `distributions.revenue_percentiles`, or on the
/// histogram when there are no percentiles) written beside it. Bins from the target up are
/// drawn darker.
///
/// # Errors
/// `Empty` when the histogram has no bin or no run, `NotFiniteValue` or `Invalid` naming a
/// broken field (a target that is not finite is `Invalid` on `target`), `TooSmall`,
/// `Backend`.
pub fn draw_revenue_distribution<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    distributions: &Distributions,
    target: Option<f64>,
    labels: &RevenueLabels,
    format: &dyn NumberFormat,
    style: &ChartStyle,
) -> Result<HistogramMapping, ChartError> {
    let histogram = &distributions.revenue;
    check_histogram("distributions.revenue", histogram)?;
    if let Some(target) = target
        && !target.is_finite()
    {
        return Err(ChartError::Invalid {
            field: "target".to_string(),
            rule: "must be a finite number",
        });
    }
    let scale = Scale::new(style.pixel_ratio);
    let (width, _) = area.dim_in_pixel();
    let width = width as i32;
    let total = histogram.total();
    let highest_share = histogram.counts.iter().copied().fold(0.0, f64::max) / total;

    let (mut low, mut high) = (histogram.lower, histogram.upper());
    if let Some(target) = target {
        let padding = (high - low) * 0.03;
        low = low.min(target - padding);
        high = high.max(target + padding);
    }
    let probability = target.and_then(|target| {
        probability_at_least(&distributions.revenue_percentiles, target)
            .or_else(|| histogram_probability_at_least(histogram, target))
    });

    let bar_color = palette::tint(palette::SKY_BLUE, 0.75);
    let reached_color = palette::BLUE;
    let target_color = palette::VERMILLION;
    let target_text =
        target.map(|target| fill(&labels.target, &[("target", &format.money(target))]));
    let mut legend = vec![LegendEntry {
        text: &labels.bars,
        color: bar_color,
        line: false,
    }];
    if let Some(text) = &target_text {
        legend.push(LegendEntry {
            text,
            color: target_color,
            line: true,
        });
    }
    let margin = scale.px(10.0);
    let legend_room = frame::legend_height(area, &legend, scale, width - 2 * margin);

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
            range: 0.0..highest_share * 1.12,
            title: &labels.y_title,
            label: &percent,
        }),
        legend_room,
    )?;
    frame::clear(area)?;
    laid.draw_axes(area, &labels.x_title, &labels.y_title)?;
    frame::draw_legend(area, &legend, scale, (margin, margin), width - 2 * margin)?;

    let start = |index: usize| histogram.lower + index as f64 * histogram.width;
    let color = |index: usize| match target {
        Some(target) if start(index) + histogram.width / 2.0 >= target => reached_color,
        _ => bar_color,
    };
    let bins = draw_bins(
        area,
        &laid,
        histogram,
        total,
        &start,
        &|count| count / total,
        &color,
    )?;

    if let (Some(target), Some(probability)) = (target, probability) {
        let x = laid.x.pixel(target);
        dashed_vertical(
            area,
            x,
            (laid.top, laid.bottom),
            target_color.stroke_width(scale.size(2.0) as u32),
            scale.px(6.0),
        )?;
        let text = fill(
            &labels.probability,
            &[
                ("target", &format.money(target)),
                ("probability", &format.percent(probability)),
            ],
        );
        note_beside(area, &laid, x, 0, &text, INK)?;
    }
    area.present().map_err(backend)?;
    Ok(HistogramMapping {
        x: laid.x.clone(),
        y: laid.y.clone(),
        bins,
        target_probability: probability,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(percentiles: &[f64], target: f64, expected: Option<f64>) {
        let got = probability_at_least(percentiles, target);
        match (got, expected) {
            (Some(got), Some(expected)) => {
                assert!((got - expected).abs() < 1e-12, "{got} != {expected}")
            }
            _ => assert_eq!(got, expected),
        }
    }

    /// Percentiles 0..=100 of the values 0, 1, ..., 1000 (so percentile p is 10 p).
    fn even() -> Vec<f64> {
        (0..=100).map(|p| f64::from(p) * 10.0).collect()
    }

    #[test]
    fn interpolates_between_percentiles() {
        check(&even(), 500.0, Some(0.5));
        check(&even(), 735.0, Some(0.265));
        check(&even(), 0.0, Some(1.0));
        check(&even(), -5.0, Some(1.0));
        check(&even(), 1000.0, Some(0.0));
        check(&even(), 1000.5, Some(0.0));
        check(&[0.0, 10.0], 2.5, Some(0.75));
    }

    #[test]
    fn plateaus_count_every_run_at_the_value() {
        // 30% of runs at zero revenue, the rest spread from 100 to 800.
        let mut percentiles = vec![0.0; 31];
        percentiles.extend((1..=70).map(|i| 100.0 + f64::from(i) * 10.0));
        check(&percentiles, 0.0, Some(1.0));
        check(&percentiles, 50.0, Some(0.7 - 0.01 * (50.0 / 110.0)));
        // All runs equal: reached exactly at the value, missed just above it.
        let equal = vec![42.0; 101];
        check(&equal, 42.0, Some(1.0));
        check(&equal, 42.1, Some(0.0));
    }

    #[test]
    fn broken_percentiles_have_no_probability() {
        check(&[], 1.0, None);
        check(&even(), f64::NAN, None);
        check(&[1.0, f64::NAN, 3.0], 2.0, None);
        check(&[3.0, 2.0, 1.0], 2.0, None);
    }

    #[test]
    fn a_histogram_gives_the_share_above_by_even_spread() {
        let histogram = Histogram {
            lower: 0.0,
            width: 10.0,
            counts: vec![1.0, 2.0, 1.0],
        };
        let at = |target| histogram_probability_at_least(&histogram, target);
        assert_eq!(at(-1.0), Some(1.0));
        assert_eq!(at(15.0), Some(0.5));
        assert_eq!(at(30.0), Some(0.0));
        assert_eq!(
            histogram_probability_at_least(&Histogram::default(), 1.0),
            None
        );
    }
}
