//! Time to first purchase: how many customers per run buy after each number of days from
//! their arrival, with the median and the mean marked.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::{self, Axis, Left, LegendEntry, Scale, backend, fill};
use super::palette;
use super::revenue_distribution::{HistogramMapping, check_histogram, dashed_vertical, draw_bins};
use super::{ChartError, ChartStyle, NumberFormat};
use crate::engine::Report;
use crate::engine::report::Histogram;

/// The texts of the time-to-first-purchase chart, from the caller's message catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct DaysLabels {
    /// Title of the days axis (e.g. "Days from arrival to first purchase").
    pub x_title: String,
    /// Title of the other axis (e.g. "Customers per run").
    pub y_title: String,
    /// Legend entry of the bars (e.g. "Customers").
    pub bars: String,
    /// Legend entry of the median line: `{days}` is the median (e.g. "Median: {days} days").
    pub median: String,
    /// Legend entry of the mean line: `{days}` is the mean (e.g. "Mean: {days} days").
    pub mean: String,
}

/// The part of `histogram` drawn: up to the bin by which 99.5% of the weight is in, and at
/// least past `beyond`, so that a thin tail of late buyers (a year-long horizon has some)
/// does not squeeze the bulk of them into a corner.
fn shown(histogram: &Histogram, beyond: f64) -> Histogram {
    let total = histogram.total();
    let mut cumulative = 0.0;
    let mut last = histogram.counts.len();
    for (index, count) in histogram.counts.iter().enumerate() {
        cumulative += count;
        if cumulative >= 0.995 * total {
            last = index + 1;
            break;
        }
    }
    let past = ((beyond - histogram.lower) / histogram.width)
        .ceil()
        .max(0.0) as usize
        + 1;
    // A little room after the last bin drawn, then the rest is left out.
    let keep = (last.max(past) + last / 20 + 1).min(histogram.counts.len());
    Histogram {
        lower: histogram.lower,
        width: histogram.width,
        counts: histogram.counts[..keep].to_vec(),
    }
}

/// Draws `report.distributions.days_to_first_purchase` (one-day bins from day 0: the mean
/// number of customers per run whose first purchase came that many days after they arrived),
/// each bar centred on its day, with the median (solid) and the mean (dashed) of
/// `report.days_to_first_purchase` as vertical lines named in the legend. Days after the
/// one by which 99.5% of first purchases are made are left out (the median and mean stay in
/// view); bins' shares in the mapping are of all customers.
///
/// # Errors
/// `Empty` when no customer bought in any run, `NotFiniteValue` or `Invalid` naming a broken
/// field, `TooSmall`, `Backend`.
pub fn draw_days_to_first_purchase<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    report: &Report,
    labels: &DaysLabels,
    format: &dyn NumberFormat,
    style: &ChartStyle,
) -> Result<HistogramMapping, ChartError> {
    let full = &report.distributions.days_to_first_purchase;
    check_histogram("distributions.days_to_first_purchase", full)?;
    let stats = &report.days_to_first_purchase;
    for (name, value) in [("mean", stats.mean), ("p50", stats.p50)] {
        if !value.is_finite() {
            return Err(ChartError::NotFiniteValue {
                field: format!("days_to_first_purchase.{name}"),
            });
        }
    }
    let total = full.total();
    let histogram = &shown(full, stats.p50.max(stats.mean));
    let scale = Scale::new(style.pixel_ratio);
    let (width, _) = area.dim_in_pixel();
    let width = width as i32;

    let bar_color = palette::tint(palette::BLUISH_GREEN, 0.55);
    let median_color = palette::BLUE;
    let mean_color = palette::VERMILLION;
    let median_text = fill(&labels.median, &[("days", &format.days(stats.p50))]);
    let mean_text = fill(&labels.mean, &[("days", &format.days(stats.mean))]);
    let legend = [
        LegendEntry {
            text: &labels.bars,
            color: bar_color,
            line: false,
        },
        LegendEntry {
            text: &median_text,
            color: median_color,
            line: true,
        },
        LegendEntry {
            text: &mean_text,
            color: mean_color,
            line: true,
        },
    ];
    let margin = scale.px(10.0);
    let legend_room = frame::legend_height(area, &legend, scale, width - 2 * margin);

    // Bin i holds the customers who bought `lower + i * width` days after arriving, so each
    // bar is centred on that day.
    let half = histogram.width / 2.0;
    let low = (histogram.lower - half).min(stats.p50).min(stats.mean);
    let high = (histogram.upper() - half).max(stats.p50).max(stats.mean);
    let highest = histogram.counts.iter().copied().fold(0.0, f64::max);
    let days = |value: f64| format.days(value);
    let counts = |value: f64| format.count_short(value);
    let laid = frame::layout(
        area,
        scale,
        &Axis {
            range: low..high,
            title: &labels.x_title,
            label: &days,
        },
        &Left::Values(Axis {
            range: 0.0..highest * 1.1,
            title: &labels.y_title,
            label: &counts,
        }),
        legend_room,
    )?;
    frame::clear(area)?;
    laid.draw_axes(area, &labels.x_title, &labels.y_title)?;
    frame::draw_legend(area, &legend, scale, (margin, margin), width - 2 * margin)?;

    let start = |index: usize| histogram.lower + index as f64 * histogram.width - half;
    let bins = draw_bins(
        area,
        &laid,
        histogram,
        total,
        &start,
        &|count| count,
        &|_| bar_color,
    )?;

    let median_x = laid.x.pixel(stats.p50);
    area.draw(&PathElement::new(
        [(median_x, laid.top), (median_x, laid.bottom)],
        median_color.stroke_width(scale.size(2.5) as u32),
    ))
    .map_err(backend)?;
    dashed_vertical(
        area,
        laid.x.pixel(stats.mean),
        (laid.top, laid.bottom),
        mean_color.stroke_width(scale.size(2.5) as u32),
        scale.px(5.0),
    )?;
    area.present().map_err(backend)?;
    Ok(HistogramMapping {
        x: laid.x.clone(),
        y: laid.y.clone(),
        bins,
        target_probability: None,
    })
}
