//! The tornado chart of a sensitivity analysis: for each lever, the change in an outcome when
//! it is worsened and when it is improved, as bars either side of a zero line, the lever with
//! the largest total effect on top.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{
    self, Axis, Left, LegendEntry, Linear, Scale, backend, fit_text, signed, text_style, text_width,
};
use super::palette::{self, INK};
use super::{ChartError, ChartStyle, NumberFormat};

/// One lever of a tornado chart.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoBar {
    /// The lever in words (e.g. "Consideration conversion ±5 points").
    pub label: String,
    /// The change in the outcome when the lever is worsened.
    pub worse: f64,
    /// The change in the outcome when the lever is improved.
    pub better: f64,
}

impl TornadoBar {
    /// The lever's total effect, by which bars are ordered: `|worse| + |better|`.
    pub fn total_effect(&self) -> f64 {
        self.worse.abs() + self.better.abs()
    }
}

/// What a tornado's changes are: amounts of money (revenue, profit, cost per customer) or
/// counts (customers). It picks the caller's formatter for the bars' ends and the axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TornadoUnit {
    #[default]
    Money,
    Count,
}

/// The texts of the tornado chart, from the caller's message catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoLabels {
    /// Title of the value axis, with its unit (e.g. "Change in mean revenue, USD").
    pub x_title: String,
    /// Title of the levers' axis (may be empty).
    pub y_title: String,
    /// Legend entry of the improved side (e.g. "Lever improved").
    pub better: String,
    /// Legend entry of the worsened side (e.g. "Lever worsened").
    pub worse: String,
    /// What the changes are, and so how their numbers are written.
    pub unit: TornadoUnit,
}

/// What is under the pointer in the tornado chart: one lever.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoHover {
    /// The lever's index in the input.
    pub index: usize,
    /// Its row from the top (0 is the largest total effect).
    pub rank: usize,
    pub label: String,
    pub worse: f64,
    pub better: f64,
}

/// Where the tornado chart put its levers, to map a pointer back to a lever.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoMapping {
    /// The value axis: backend x pixels of the plot's edges and the changes there.
    pub x: Linear,
    /// Each row's backend y pixels, top to bottom, with its lever.
    pub rows: Vec<(Range<i32>, TornadoHover)>,
    /// Backend x pixels of the rows (the labels' column and the plot).
    pub row_pixels: Range<i32>,
}

impl TornadoMapping {
    /// The lever whose row is under a backend pixel, `None` outside the rows.
    pub fn lever_at(&self, (x, y): (i32, i32)) -> Option<&TornadoHover> {
        if !self.row_pixels.contains(&x) {
            return None;
        }
        self.rows
            .iter()
            .find(|(pixels, _)| pixels.contains(&y))
            .map(|(_, lever)| lever)
    }

    /// The levers' input indices from top to bottom.
    pub fn order(&self) -> Vec<usize> {
        self.rows.iter().map(|(_, lever)| lever.index).collect()
    }
}

/// Draws a tornado chart of `bars` (in any order): one row per lever, sorted by
/// `TornadoBar::total_effect` with the largest on top (input order on ties), the improved
/// side in blue and the worsened side in orange either side of a zero line, each bar's end
/// labelled with its signed value (`format.money`, or `format.count` for `TornadoUnit::Count`). Labels too long for a third of the width
/// are cut with an ellipsis.
///
/// # Errors
/// `Empty` without bars, `NotFiniteValue` naming a NaN or infinite change
/// (`bars[2].worse`), `TooSmall`, `Backend`.
pub fn draw_tornado<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    bars: &[TornadoBar],
    labels: &TornadoLabels,
    format: &dyn NumberFormat,
    style: &ChartStyle,
) -> Result<TornadoMapping, ChartError> {
    if bars.is_empty() {
        return Err(ChartError::Empty {
            what: "bars".to_string(),
        });
    }
    for (index, bar) in bars.iter().enumerate() {
        for (name, value) in [("worse", bar.worse), ("better", bar.better)] {
            if !value.is_finite() {
                return Err(ChartError::NotFiniteValue {
                    field: format!("bars[{index}].{name}"),
                });
            }
        }
    }
    let mut order: Vec<usize> = (0..bars.len()).collect();
    order.sort_by(|&a, &b| {
        bars[b]
            .total_effect()
            .total_cmp(&bars[a].total_effect())
            .then(a.cmp(&b))
    });

    let scale = Scale::new(style.pixel_ratio);
    let (width, _) = area.dim_in_pixel();
    let width = width as i32;
    let fonts = frame::Fonts::for_area(scale, area.dim_in_pixel());
    let better_color = palette::BLUE;
    let worse_color = palette::ORANGE;
    let legend = [
        LegendEntry {
            text: &labels.better,
            color: better_color,
            line: false,
        },
        LegendEntry {
            text: &labels.worse,
            color: worse_color,
            line: false,
        },
    ];
    let margin = scale.px(10.0);
    let legend_room = frame::legend_height(area, &legend, scale, width - 2 * margin);
    let widest_label = bars
        .iter()
        .map(|bar| text_width(area, &bar.label, fonts.tick))
        .max()
        .unwrap_or(0);
    let labels_width = widest_label.min(width / 3).max(scale.px(20.0));

    // The value range leaves room beyond each bar's end for its value label.
    let values: Vec<f64> = bars
        .iter()
        .flat_map(|bar| [bar.worse, bar.better])
        .collect();
    let most_negative = values.iter().copied().fold(0.0, f64::min);
    let most_positive = values.iter().copied().fold(0.0, f64::max);
    let unit = labels.unit;
    let value_text = |value: f64| {
        signed(value, |v| match unit {
            TornadoUnit::Money => format.money(v),
            TornadoUnit::Count => format.count(v),
        })
    };
    let gap = scale.px(5.0);
    let room_for = |side: &dyn Fn(f64) -> bool| {
        values
            .iter()
            .filter(|value| side(**value))
            .map(|value| text_width(area, &value_text(*value), fonts.note) + gap)
            .max()
            .unwrap_or(0)
    };
    let left_room = room_for(&|value| value < 0.0);
    let right_room = room_for(&|value| value >= 0.0);
    let span = most_positive - most_negative;
    let money = |value: f64| {
        signed(value, |v| match unit {
            TornadoUnit::Money => format.money_short(v),
            TornadoUnit::Count => format.count_short(v),
        })
    };
    let names = Left::Categories {
        width: labels_width,
        title: &labels.y_title,
    };
    let layout = |range: &Range<f64>| {
        frame::layout(
            area,
            scale,
            &Axis {
                range: range.clone(),
                title: &labels.x_title,
                label: &money,
            },
            &names,
            legend_room,
        )
    };
    let mut range = if span > 0.0 {
        most_negative..most_positive
    } else {
        -1.0..1.0
    };
    // Twice: the plot's width depends a little on the range's tick labels.
    for _ in 0..2 {
        let laid = layout(&range)?;
        let plot_width = f64::from(laid.right - laid.left);
        let for_bars = (plot_width - f64::from(left_room + right_room)).max(plot_width * 0.4);
        if span > 0.0 {
            let per_pixel = span / for_bars;
            range = most_negative - f64::from(left_room) * per_pixel
                ..most_positive + f64::from(right_room) * per_pixel;
        }
    }
    let laid = layout(&range)?;
    frame::clear(area)?;
    laid.draw_axes(area, &labels.x_title, &labels.y_title)?;
    frame::draw_legend(area, &legend, scale, (margin, margin), width - 2 * margin)?;

    let count = bars.len() as i32;
    let row_height = ((laid.bottom - laid.top) / count).max(1);
    let bar_height = (row_height * 3 / 5).max(1);
    let label_font = fonts.tick.min(f64::from(row_height) * 0.9);
    let value_font = fonts.note.min(f64::from(row_height) * 0.9);
    let zero = laid.x.pixel(0.0);
    let mut rows = Vec::with_capacity(bars.len());
    for (rank, &index) in order.iter().enumerate() {
        let bar = &bars[index];
        let row_top = laid.top + rank as i32 * row_height;
        let middle = row_top + row_height / 2;
        let (top, bottom) = (
            middle - bar_height / 2,
            middle + (bar_height - bar_height / 2),
        );
        for (value, color) in [(bar.worse, worse_color), (bar.better, better_color)] {
            let end = laid.x.pixel(value);
            if end != zero {
                area.draw(&Rectangle::new(
                    [(zero.min(end), top), (zero.max(end), bottom)],
                    color.filled(),
                ))
                .map_err(backend)?;
            }
        }
        // Value labels beyond each bar's end, on its side of zero; when both changes lie on
        // the same side, only the larger one is written (the hover read-out has both).
        let same_side = (bar.worse >= 0.0) == (bar.better >= 0.0);
        let labelled: Vec<f64> = if same_side {
            let larger = if bar.worse.abs() >= bar.better.abs() {
                bar.worse
            } else {
                bar.better
            };
            vec![larger]
        } else {
            vec![bar.worse, bar.better]
        };
        for value in labelled {
            let end = laid.x.pixel(value);
            let text = value_text(value);
            let (anchor, x) = if value < 0.0 {
                (HPos::Right, end - gap)
            } else {
                (HPos::Left, end + gap)
            };
            area.draw_text(
                &text,
                &text_style(value_font, INK, anchor, VPos::Center),
                (x, middle),
            )
            .map_err(backend)?;
        }
        let label = fit_text(area, &bar.label, label_font, labels_width);
        area.draw_text(
            &label,
            &text_style(label_font, INK, HPos::Right, VPos::Center),
            (laid.left - gap, middle),
        )
        .map_err(backend)?;
        rows.push((
            row_top..row_top + row_height,
            TornadoHover {
                index,
                rank,
                label: bar.label.clone(),
                worse: bar.worse,
                better: bar.better,
            },
        ));
    }
    area.draw(&PathElement::new(
        [(zero, laid.top), (zero, laid.bottom)],
        INK.stroke_width(scale.size(1.5) as u32),
    ))
    .map_err(backend)?;
    area.present().map_err(backend)?;
    Ok(TornadoMapping {
        x: laid.x.clone(),
        rows,
        row_pixels: 0..laid.right + 1,
    })
}
