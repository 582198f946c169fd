//! The fan chart of cumulative revenue over the horizon: the p5–p95 and p25–p75 bands over
//! runs, and the median line.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::palette::{self, BACKGROUND, GRID, INK};
use super::{ChartError, ChartMapping, ChartOptions};
use crate::engine::Report;
use crate::engine::report::Bands;

/// The series of the fan, each checked to be finite on every day.
struct Fan<'a> {
    p5: &'a [f64],
    p25: &'a [f64],
    p50: &'a [f64],
    p75: &'a [f64],
    p95: &'a [f64],
}

impl<'a> Fan<'a> {
    fn new(bands: &'a Bands) -> Result<Fan<'a>, ChartError> {
        // Every series should have one value per day; should they differ, the common days are
        // drawn rather than reading past the end of the shorter ones.
        let days = [&bands.p5, &bands.p25, &bands.p50, &bands.p75, &bands.p95]
            .iter()
            .map(|series| series.len())
            .min()
            .unwrap_or(0);
        if days == 0 {
            return Err(ChartError::NoDays);
        }
        let fan = Fan {
            p5: &bands.p5[..days],
            p25: &bands.p25[..days],
            p50: &bands.p50[..days],
            p75: &bands.p75[..days],
            p95: &bands.p95[..days],
        };
        for (series, values) in fan.named() {
            if let Some(day) = values.iter().position(|value| !value.is_finite()) {
                return Err(ChartError::NotFinite { series, day });
            }
        }
        Ok(fan)
    }

    fn named(&self) -> [(&'static str, &'a [f64]); 5] {
        [
            ("p5", self.p5),
            ("p25", self.p25),
            ("median", self.p50),
            ("p75", self.p75),
            ("p95", self.p95),
        ]
    }

    fn days(&self) -> usize {
        self.p50.len()
    }

    fn highest(&self) -> f64 {
        self.named()
            .iter()
            .flat_map(|(_, values)| values.iter().copied())
            .fold(0.0, f64::max)
    }

    fn lowest(&self) -> f64 {
        self.named()
            .iter()
            .flat_map(|(_, values)| values.iter().copied())
            .fold(0.0, f64::min)
    }
}

/// The band between two series as a closed outline: along `upper`, then back along `lower`.
fn band_outline(lower: &[f64], upper: &[f64]) -> Vec<(f64, f64)> {
    let forward = upper
        .iter()
        .enumerate()
        .map(|(day, value)| (day as f64, *value));
    let back = lower
        .iter()
        .enumerate()
        .rev()
        .map(|(day, value)| (day as f64, *value));
    forward.chain(back).collect()
}

/// Draws cumulative revenue per day as a fan chart, filling `area`.
///
/// # Errors
/// `NoDays` for an empty daily series, `NotFinite` for a NaN or infinite value (nothing is
/// drawn then), `Backend` when the backend fails.
pub fn draw_cumulative_revenue<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    report: &Report,
    options: &ChartOptions,
) -> Result<ChartMapping, ChartError> {
    draw_cumulative_revenue_with(area, report, options, None)
}

/// `draw_cumulative_revenue` with the value axis's ticks written by `format` (its short money
/// form, e.g. for the page's language and currency); `None` keeps the plain compact form.
pub fn draw_cumulative_revenue_with<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    report: &Report,
    options: &ChartOptions,
    format: Option<&dyn super::NumberFormat>,
) -> Result<ChartMapping, ChartError> {
    let fan = Fan::new(&report.daily.cumulative_revenue)?;
    let labels = &options.labels;
    let ratio = if options.pixel_ratio.is_finite() && options.pixel_ratio > 0.0 {
        options.pixel_ratio
    } else {
        1.0
    };
    let scaled = |size: f64| (size * ratio).round().max(1.0);
    let pixels = |size: f64| scaled(size) as u32;

    let last_day = (fan.days() - 1) as f64;
    // A single day still gets a visible width; values get 5% headroom above the highest band.
    let days = 0.0..last_day.max(1.0);
    let highest = fan.highest();
    let values = fan.lowest()..if highest > 0.0 { highest * 1.05 } else { 1.0 };

    area.fill(&BACKGROUND).map_err(backend)?;
    let mut chart = ChartBuilder::on(area)
        .margin(pixels(14.0))
        .margin_left(pixels(8.0))
        .x_label_area_size(pixels(46.0))
        .y_label_area_size(pixels(72.0))
        .build_cartesian_2d(days.clone(), values.clone())
        .map_err(backend)?;

    let tick_font = ("sans-serif", scaled(13.0)).into_font().color(&INK);
    let title_font = ("sans-serif", scaled(14.0)).into_font().color(&INK);
    let day_label = |day: &f64| format!("{day:.0}");
    let value_label = |value: &f64| match format {
        Some(format) => format.money_short(*value),
        None => super::numbers::compact(*value),
    };
    chart
        .configure_mesh()
        .x_desc(labels.x_title.as_str())
        .y_desc(labels.y_title.as_str())
        .axis_desc_style(title_font)
        .label_style(tick_font.clone())
        .x_labels(10)
        .y_labels(8)
        .x_label_formatter(&day_label)
        .y_label_formatter(&value_label)
        .bold_line_style(GRID.stroke_width(pixels(1.0)))
        .light_line_style(TRANSPARENT)
        .axis_style(INK.stroke_width(pixels(1.0)))
        .set_all_tick_mark_size(pixels(4.0))
        .draw()
        .map_err(backend)?;

    let outer = palette::tint(palette::SKY_BLUE, 0.35);
    let inner = palette::tint(palette::SKY_BLUE, 0.75);
    let median = palette::BLUE;
    let swatch = pixels(7.0) as i32;

    chart
        .draw_series(std::iter::once(Polygon::new(
            band_outline(fan.p5, fan.p95),
            outer.filled(),
        )))
        .map_err(backend)?
        .label(labels.outer_band.as_str())
        .legend(move |(x, y)| {
            Rectangle::new(
                [(x, y - swatch), (x + 2 * swatch, y + swatch)],
                outer.filled(),
            )
        });
    chart
        .draw_series(std::iter::once(Polygon::new(
            band_outline(fan.p25, fan.p75),
            inner.filled(),
        )))
        .map_err(backend)?
        .label(labels.inner_band.as_str())
        .legend(move |(x, y)| {
            Rectangle::new(
                [(x, y - swatch), (x + 2 * swatch, y + swatch)],
                inner.filled(),
            )
        });
    let line_width = pixels(2.5);
    chart
        .draw_series(LineSeries::new(
            fan.p50
                .iter()
                .enumerate()
                .map(|(day, value)| (day as f64, *value)),
            median.stroke_width(line_width),
        ))
        .map_err(backend)?
        .label(labels.median.as_str())
        .legend(move |(x, y)| {
            PathElement::new(
                [(x, y), (x + 2 * swatch, y)],
                median.stroke_width(line_width),
            )
        });

    // Cumulative revenue rises to the right, so the upper left corner is the emptiest.
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .margin(pixels(10.0))
        .legend_area_size(pixels(26.0))
        .label_font(tick_font)
        .background_style(BACKGROUND.mix(0.92))
        .border_style(GRID.stroke_width(pixels(1.0)))
        .draw()
        .map_err(backend)?;

    let (left, bottom) = chart.backend_coord(&(days.start, values.start));
    let (right, top) = chart.backend_coord(&(days.end, values.end));
    area.present().map_err(backend)?;
    Ok(ChartMapping {
        x_pixels: left..right,
        y_pixels: bottom..top,
        days,
        values,
        day_count: fan.days(),
    })
}

fn backend<E: std::error::Error + Send + Sync>(error: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Backend(error.to_string())
}
