//! The funnel split by segment: one row per stage, a bar of the mean leads entering it per
//! run, cut into each segment's part (in the segments' colours, left to right in the
//! scenario's order), with the stage's total at the bar's end and the segments in the legend.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{
    self, Left, LegendEntry, Linear, Scale, backend, fit_text, text_style, text_width,
};
use super::palette::{self, INK};
use super::{ChartError, ChartStyle, NumberFormat};
use crate::engine::SegmentReport;

/// The segments' colours, in order (colour-blind safe; a thirteenth would repeat, but
/// validation allows twelve).
const COLORS: [RGBColor; 6] = [
    palette::SKY_BLUE,
    palette::ORANGE,
    palette::BLUISH_GREEN,
    palette::REDDISH_PURPLE,
    palette::BLUE,
    palette::VERMILLION,
];

/// The colour of segment `g`: the palette's, then lighter tints of it.
pub fn segment_color(g: usize) -> RGBColor {
    let base = COLORS[g % COLORS.len()];
    if g < COLORS.len() {
        base
    } else {
        palette::tint(base, 0.55)
    }
}

/// The texts of the split funnel, from the caller's catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentFunnelLabels {
    /// Title of the value axis with its unit ("Leads entering the stage, mean per run").
    pub x_title: String,
    /// Title of the stages' axis (may be empty).
    pub y_title: String,
}

/// What is under the pointer: one stage's part of one segment.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentHover {
    pub stage: usize,
    pub segment: usize,
    /// Mean leads of the segment entering the stage per run.
    pub entered: f64,
    /// The stage's mean total over the segments.
    pub total: f64,
}

/// Where the chart put its bars.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentFunnelMapping {
    pub x: Linear,
    /// Each stage's row, top to bottom, in backend y pixels.
    pub rows: Vec<Range<i32>>,
    /// Per stage, each segment's part as backend x pixels.
    pub parts: Vec<Vec<Range<i32>>>,
    /// Per stage, each segment's mean entries, and the stage's total.
    pub entered: Vec<(Vec<f64>, f64)>,
}

impl SegmentFunnelMapping {
    /// The stage and segment under a backend pixel.
    pub fn part_at(&self, (x, y): (i32, i32)) -> Option<SegmentHover> {
        let stage = self.rows.iter().position(|row| row.contains(&y))?;
        let segment = self.parts.get(stage)?.iter().position(|p| p.contains(&x))?;
        let (values, total) = self.entered.get(stage)?;
        Some(SegmentHover {
            stage,
            segment,
            entered: values[segment],
            total: *total,
        })
    }
}

/// Draws the funnel of `stages` (names, top to bottom) split by `segments` (a report's
/// `segments`), filling `area`.
///
/// # Errors
/// `Empty` without a stage or a segment, `NotFiniteValue` or `Invalid` naming a NaN, infinite
/// or negative mean, `TooSmall`, `Backend`.
pub fn draw_segment_funnel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    stages: &[String],
    segments: &[SegmentReport],
    labels: &SegmentFunnelLabels,
    format: &dyn NumberFormat,
    style: &ChartStyle,
) -> Result<SegmentFunnelMapping, ChartError> {
    if stages.is_empty() {
        return Err(ChartError::Empty {
            what: "stages".to_string(),
        });
    }
    if segments.is_empty() {
        return Err(ChartError::Empty {
            what: "segments".to_string(),
        });
    }
    let mut entered = Vec::with_capacity(stages.len());
    for k in 0..stages.len() {
        let mut values = Vec::with_capacity(segments.len());
        for (g, segment) in segments.iter().enumerate() {
            let value = segment.stage_entered.get(k).copied().unwrap_or(0.0);
            let field = || format!("segments[{g}].stage_entered[{k}]");
            if !value.is_finite() {
                return Err(ChartError::NotFiniteValue { field: field() });
            }
            if value < 0.0 {
                return Err(ChartError::Invalid {
                    field: field(),
                    rule: "must not be negative",
                });
            }
            values.push(value);
        }
        let total = values.iter().sum::<f64>();
        entered.push((values, total));
    }

    let scale = Scale::new(style.pixel_ratio);
    let (width, _) = area.dim_in_pixel();
    let width = width as i32;
    let legend: Vec<LegendEntry> = segments
        .iter()
        .enumerate()
        .map(|(g, segment)| LegendEntry {
            text: &segment.name,
            color: segment_color(g),
            line: false,
        })
        .collect();
    let margin = scale.px(10.0);
    let legend_room = frame::legend_height(area, &legend, scale, width - 2 * margin);
    let fonts = frame::Fonts::for_area(scale, area.dim_in_pixel());
    let widest = stages
        .iter()
        .map(|name| text_width(area, name, fonts.tick))
        .max()
        .unwrap_or(0);
    let names_width = widest.min(width / 3).max(scale.px(20.0));
    let ends: Vec<f64> = entered.iter().map(|(_, total)| *total).collect();
    let value_texts: Vec<String> = ends.iter().map(|&total| format.count(total)).collect();
    let tick = |value: f64| format.count_short(value);
    let names = Left::Categories {
        width: names_width,
        title: &labels.y_title,
    };
    let laid = frame::layout_with_end_labels(
        area,
        scale,
        &labels.x_title,
        &tick,
        &names,
        legend_room,
        &ends,
        &value_texts,
        fonts.note,
    )?;
    frame::clear(area)?;
    laid.draw_axes(area, &labels.x_title, &labels.y_title)?;
    frame::draw_legend(area, &legend, scale, (margin, margin), width - 2 * margin)?;

    let count = stages.len() as i32;
    let row_height = (laid.bottom - laid.top) / count;
    let bar_height = (row_height * 3 / 5).max(1);
    let value_font = fonts.note.min(f64::from(bar_height) * 0.95);
    let gap = scale.px(6.0);
    let mut rows = Vec::with_capacity(stages.len());
    let mut parts = Vec::with_capacity(stages.len());
    for (k, name) in stages.iter().enumerate() {
        let row_top = laid.top + k as i32 * row_height;
        let bar_top = row_top + (row_height - bar_height) / 2;
        let bar_bottom = bar_top + bar_height;
        let middle = (bar_top + bar_bottom) / 2;
        let shown = fit_text(area, name, fonts.tick, names_width);
        area.draw_text(
            &shown,
            &text_style(fonts.tick, INK, HPos::Right, VPos::Center),
            (laid.left - gap, middle),
        )
        .map_err(backend)?;
        let (values, total) = &entered[k];
        let mut sum = 0.0;
        let mut stage_parts = Vec::with_capacity(values.len());
        for (g, value) in values.iter().enumerate() {
            let left = laid.x.pixel(sum).max(laid.left);
            sum += value;
            let right = laid.x.pixel(sum).max(left);
            if right > left {
                area.draw(&Rectangle::new(
                    [(left, bar_top), (right, bar_bottom)],
                    segment_color(g).filled(),
                ))
                .map_err(backend)?;
                // A thin white seam keeps neighbouring parts apart.
                area.draw(&PathElement::new(
                    [(right, bar_top), (right, bar_bottom)],
                    palette::BACKGROUND.stroke_width(scale.size(1.0) as u32),
                ))
                .map_err(backend)?;
            }
            stage_parts.push(left..right + 1);
        }
        let text_left = laid.x.pixel(*total).max(laid.left) + gap;
        let room = laid.right + margin - text_left;
        let value = fit_text(area, &value_texts[k], value_font, room);
        area.draw_text(
            &value,
            &text_style(value_font, INK, HPos::Left, VPos::Center),
            (text_left, middle),
        )
        .map_err(backend)?;
        rows.push(row_top..row_top + row_height);
        parts.push(stage_parts);
    }
    area.present().map_err(backend)?;
    Ok(SegmentFunnelMapping {
        x: laid.x.clone(),
        rows,
        parts,
        entered,
    })
}
