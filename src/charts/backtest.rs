//! The calibration's back-test: one row per stage count (entered, advanced, lost, open), the
//! range holding 90% of the simulated runs as a band with caps and the history's own count as
//! a dot on it; a count outside its range drawn in vermillion with a ring, so it shows without
//! colour too. Every text is the caller's: row labels, axis titles, legend.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, Left, LegendEntry, Linear, Scale, backend, fit_text, text_style};
use super::palette::{self, INK};
use super::{ChartError, ChartStyle, NumberFormat};

/// One row of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeRow {
    /// The row's name (e.g. "Proposal · advanced").
    pub label: String,
    /// The history's count.
    pub actual: f64,
    /// The range of 90% of the simulated runs.
    pub low: f64,
    pub high: f64,
    /// The count is outside its range.
    pub outside: bool,
}

/// The texts of the back-test chart, from the caller's message catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct BacktestLabels {
    /// Title of the count axis, with its unit (e.g. "Deals").
    pub x_title: String,
    /// Title of the rows' axis (may be empty).
    pub y_title: String,
    /// Legend entry of the bands (e.g. "90% of simulated runs").
    pub range: String,
    /// Legend entry of the dots (e.g. "In the history").
    pub actual: String,
    /// Legend entry of a dot outside its band (e.g. "Outside the range").
    pub outside: String,
}

/// Where the chart put its rows, to map a pointer back to one.
#[derive(Debug, Clone, PartialEq)]
pub struct BacktestMapping {
    pub x: Linear,
    /// Each row's band of backend y pixels, top to bottom.
    pub rows: Vec<Range<i32>>,
    /// Backend x pixels of the rows (labels and plot).
    pub row_pixels: Range<i32>,
}

impl BacktestMapping {
    /// The index of the row under a backend pixel.
    pub fn row_at(&self, (x, y): (i32, i32)) -> Option<usize> {
        if !self.row_pixels.contains(&x) {
            return None;
        }
        self.rows.iter().position(|row| row.contains(&y))
    }
}

fn check(rows: &[RangeRow]) -> Result<(), ChartError> {
    if rows.is_empty() {
        return Err(ChartError::Empty {
            what: "rows".to_string(),
        });
    }
    for (index, row) in rows.iter().enumerate() {
        for (name, value) in [("actual", row.actual), ("low", row.low), ("high", row.high)] {
            if !value.is_finite() {
                return Err(ChartError::NotFiniteValue {
                    field: format!("rows[{index}].{name}"),
                });
            }
            if value < 0.0 {
                return Err(ChartError::Invalid {
                    field: format!("rows[{index}].{name}"),
                    rule: "must not be negative",
                });
            }
        }
        if row.low > row.high {
            return Err(ChartError::Invalid {
                field: format!("rows[{index}].low"),
                rule: "must not be above high",
            });
        }
    }
    Ok(())
}

/// Draws the back-test's `rows` (top to bottom), filling `area`.
///
/// # Errors
/// `Empty` without rows, `NotFiniteValue` or `Invalid` naming a bad figure, `TooSmall` when
/// the area cannot hold the axes, `Backend` when the backend fails.
pub fn draw_backtest<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[RangeRow],
    labels: &BacktestLabels,
    format: &dyn NumberFormat,
    style: &ChartStyle,
) -> Result<BacktestMapping, ChartError> {
    check(rows)?;
    let scale = Scale::new(style.pixel_ratio);
    let (width, _) = area.dim_in_pixel();
    let width = width as i32;
    let band_color = palette::tint(palette::SKY_BLUE, 0.55);
    let outside_color = palette::VERMILLION;
    let legend = [
        LegendEntry {
            text: &labels.range,
            color: band_color,
            line: false,
        },
        LegendEntry {
            text: &labels.actual,
            color: INK,
            line: false,
        },
        LegendEntry {
            text: &labels.outside,
            color: outside_color,
            line: false,
        },
    ];
    let margin = scale.px(10.0);
    let legend_room = frame::legend_height(area, &legend, scale, width - 2 * margin);
    let fonts = frame::Fonts::for_area(scale, area.dim_in_pixel());
    let widest = rows
        .iter()
        .map(|row| frame::text_width(area, &row.label, fonts.tick))
        .max()
        .unwrap_or(0);
    let names_width = widest.min(width * 2 / 5).max(scale.px(20.0));
    let ends: Vec<f64> = rows.iter().map(|row| row.high.max(row.actual)).collect();
    let texts: Vec<String> = rows.iter().map(|row| format.count(row.actual)).collect();
    let count_label = |value: f64| format.count_short(value);
    let names = Left::Categories {
        width: names_width,
        title: &labels.y_title,
    };
    let laid = frame::layout_with_end_labels(
        area,
        scale,
        &labels.x_title,
        &count_label,
        &names,
        legend_room,
        &ends,
        &texts,
        fonts.note,
    )?;
    frame::clear(area)?;
    laid.draw_axes(area, &labels.x_title, &labels.y_title)?;
    frame::draw_legend(area, &legend, scale, (margin, margin), width - 2 * margin)?;

    let count = rows.len() as i32;
    let row_height = ((laid.bottom - laid.top) / count).max(1);
    let band_height = (row_height / 2).max(1);
    let radius = (f64::from(row_height) * 0.22).clamp(2.0, scale.size(5.0)) as i32;
    let gap = scale.px(6.0);
    let value_font = fonts.note.min(f64::from(row_height) * 0.8);
    let mut pixels = Vec::with_capacity(rows.len());
    for (index, row) in rows.iter().enumerate() {
        let top = laid.top + index as i32 * row_height;
        let middle = top + row_height / 2;
        let name = fit_text(area, &row.label, fonts.tick, names_width);
        area.draw_text(
            &name,
            &text_style(fonts.tick, INK, HPos::Right, VPos::Center),
            (laid.left - gap, middle),
        )
        .map_err(backend)?;
        let (low, high) = (laid.x.pixel(row.low), laid.x.pixel(row.high));
        area.draw(&Rectangle::new(
            [
                (low, middle - band_height / 2),
                (high.max(low + 1), middle + band_height / 2),
            ],
            band_color.filled(),
        ))
        .map_err(backend)?;
        let whisker = INK.stroke_width(scale.size(1.0).max(1.0) as u32);
        for x in [low, high] {
            area.draw(&PathElement::new(
                [(x, middle - band_height / 2), (x, middle + band_height / 2)],
                whisker,
            ))
            .map_err(backend)?;
        }
        let at = laid.x.pixel(row.actual);
        let dot = if row.outside { outside_color } else { INK };
        area.draw(&Circle::new((at, middle), radius, dot.filled()))
            .map_err(backend)?;
        if row.outside {
            area.draw(&Circle::new(
                (at, middle),
                radius + scale.px(3.0),
                outside_color.stroke_width(scale.size(1.5).max(1.0) as u32),
            ))
            .map_err(backend)?;
        }
        let text_left = high.max(at + radius) + gap;
        let room = laid.right + margin - text_left;
        let value = fit_text(area, &texts[index], value_font, room);
        area.draw_text(
            &value,
            &text_style(value_font, dot, HPos::Left, VPos::Center),
            (text_left, middle),
        )
        .map_err(backend)?;
        pixels.push(top..top + row_height);
    }
    area.present().map_err(backend)?;
    Ok(BacktestMapping {
        x: laid.x.clone(),
        rows: pixels,
        row_pixels: 0..laid.right + 1,
    })
}
