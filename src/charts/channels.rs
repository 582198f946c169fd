//! Figures per channel: one horizontal bar per source, its mean cost per customer, with the
//! p5–p95 range of the runs as an error bar; the cheapest source (every one on a tie) drawn in
//! bluish green and outlined; a source that made no customer in any run says so in its row.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{
    self, Left, LegendEntry, Linear, Scale, backend, fit_text, text_style, text_width,
};
use super::palette::{self, INK};
use super::{ChartError, ChartStyle, NumberFormat};
use crate::engine::report::{SourceReport, Stats, cheapest_sources};

/// The texts of the per-channel chart, from the caller's message catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelLabels {
    /// Title of the value axis, with its unit (e.g. "Cost per customer, USD").
    pub x_title: String,
    /// Title of the source axis (may be empty).
    pub y_title: String,
    /// Legend entry of the bars (e.g. "Mean over the runs").
    pub bars: String,
    /// Legend entry of the error bars (e.g. "90% of runs").
    pub range: String,
    /// Legend entry of the marked source (e.g. "Cheapest per customer").
    pub cheapest: String,
    /// Written in the row of a source without a customer in any run.
    pub no_customers: String,
}

/// What is under the pointer in the per-channel chart: one source's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelHover {
    /// The source's index in the slice drawn.
    pub source: usize,
    pub name: String,
    pub cost_per_customer: Stats,
    /// Mean customers per run.
    pub customers: f64,
    /// Whether any run made a customer from this source (else the cost per customer is not
    /// defined and no bar is drawn).
    pub has_customers: bool,
    /// Whether this source is marked as the cheapest.
    pub cheapest: bool,
}

/// A bar in backend pixels: `(left, top)`, `(right, bottom)`.
pub type BarPixels = ((i32, i32), (i32, i32));

/// Where the chart put its sources, to map a pointer back to a source.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelMapping {
    /// The value axis: pixels of the plot's left and right edges and the amounts they show.
    pub x: Linear,
    /// Each source's row, top to bottom, in backend y pixels.
    pub rows: Vec<Range<i32>>,
    /// Each source's bar in backend pixels, `None` for a source without customers.
    pub bars: Vec<Option<BarPixels>>,
    /// The figures shown for each source, in the same order.
    pub sources: Vec<ChannelHover>,
    /// Backend x pixels of the chart's rows (the names' column and the plot).
    pub row_pixels: Range<i32>,
}

impl ChannelMapping {
    /// The source whose row is under a backend pixel, `None` outside the rows.
    pub fn source_at(&self, (x, y): (i32, i32)) -> Option<&ChannelHover> {
        if !self.row_pixels.contains(&x) {
            return None;
        }
        let index = self.rows.iter().position(|row| row.contains(&y))?;
        self.sources.get(index)
    }
}

/// Checks that every figure the chart draws is finite and not negative.
fn check(sources: &[SourceReport]) -> Result<(), ChartError> {
    if sources.is_empty() {
        return Err(ChartError::Empty {
            what: "sources".to_string(),
        });
    }
    for (index, source) in sources.iter().enumerate() {
        let cost = &source.cost_per_customer;
        for (name, value) in [
            ("cost_per_customer.mean", cost.mean),
            ("cost_per_customer.p5", cost.p5),
            ("cost_per_customer.p95", cost.p95),
            ("customers.mean", source.customers.mean),
        ] {
            if !value.is_finite() {
                return Err(ChartError::NotFiniteValue {
                    field: format!("sources[{index}].{name}"),
                });
            }
            if value < 0.0 {
                return Err(ChartError::Invalid {
                    field: format!("sources[{index}].{name}"),
                    rule: "must not be negative",
                });
            }
        }
    }
    Ok(())
}

/// Draws the mean cost per customer of each of `sources` (a report's `sources`, in the order
/// to show them, top to bottom), filling `area`.
///
/// # Errors
/// `Empty` without sources, `NotFiniteValue` or `Invalid` naming a NaN, infinite or negative
/// figure, `TooSmall` when the area cannot hold the axes, `Backend` when the backend fails.
pub fn draw_channels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    sources: &[SourceReport],
    labels: &ChannelLabels,
    format: &dyn NumberFormat,
    style: &ChartStyle,
) -> Result<ChannelMapping, ChartError> {
    check(sources)?;
    let scale = Scale::new(style.pixel_ratio);
    let (width, _) = area.dim_in_pixel();
    let width = width as i32;
    let cheapest = cheapest_sources(sources);
    let defined = |source: &SourceReport| source.has_customers() && source.customers.mean > 0.0;

    let bar_color = palette::tint(palette::SKY_BLUE, 0.8);
    let marked_color = palette::BLUISH_GREEN;
    let mut legend = vec![
        LegendEntry {
            text: &labels.bars,
            color: bar_color,
            line: false,
        },
        LegendEntry {
            text: &labels.range,
            color: INK,
            line: true,
        },
    ];
    if !cheapest.is_empty() {
        legend.push(LegendEntry {
            text: &labels.cheapest,
            color: marked_color,
            line: false,
        });
    }
    let margin = scale.px(10.0);
    let legend_room = frame::legend_height(area, &legend, scale, width - 2 * margin);

    // Names take what they need, up to a third of the width; longer ones are cut.
    let fonts = frame::Fonts::for_area(scale, area.dim_in_pixel());
    let widest_name = sources
        .iter()
        .map(|source| text_width(area, &source.name, fonts.tick))
        .max()
        .unwrap_or(0);
    let names_width = widest_name.min(width / 3).max(scale.px(20.0));

    // The mean's label goes right of the longer of the bar and its error bar, so the value
    // range leaves room for it.
    let ends: Vec<f64> = sources
        .iter()
        .map(|source| {
            if defined(source) {
                source
                    .cost_per_customer
                    .mean
                    .max(source.cost_per_customer.p95)
            } else {
                0.0
            }
        })
        .collect();
    let value_texts: Vec<String> = sources
        .iter()
        .map(|source| {
            if defined(source) {
                format.money(source.cost_per_customer.mean)
            } else {
                String::new()
            }
        })
        .collect();
    let money_label = |value: f64| format.money_short(value);
    let gap = scale.px(6.0);
    let names = Left::Categories {
        width: names_width,
        title: &labels.y_title,
    };
    let laid = frame::layout_with_end_labels(
        area,
        scale,
        &labels.x_title,
        &money_label,
        &names,
        legend_room,
        &ends,
        &value_texts,
        fonts.note,
    )?;

    frame::clear(area)?;
    laid.draw_axes(area, &labels.x_title, &labels.y_title)?;
    frame::draw_legend(area, &legend, scale, (margin, margin), width - 2 * margin)?;

    let count = sources.len() as i32;
    let row_height = (laid.bottom - laid.top) / count;
    let bar_height = (row_height * 3 / 5).max(1);
    let value_font = fonts.note.min(f64::from(bar_height) * 0.95);

    let mut rows = Vec::with_capacity(sources.len());
    let mut bars = Vec::with_capacity(sources.len());
    let mut hovers = Vec::with_capacity(sources.len());
    for (index, source) in sources.iter().enumerate() {
        let row_top = laid.top + index as i32 * row_height;
        let bar_top = row_top + (row_height - bar_height) / 2;
        let bar_bottom = bar_top + bar_height;
        let middle = (bar_top + bar_bottom) / 2;
        let is_cheapest = cheapest.contains(&index);

        let name = fit_text(area, &source.name, fonts.tick, names_width);
        area.draw_text(
            &name,
            &text_style(fonts.tick, INK, HPos::Right, VPos::Center),
            (laid.left - gap, middle),
        )
        .map_err(backend)?;

        let bar = if defined(source) {
            let cost = &source.cost_per_customer;
            let bar_right = laid.x.pixel(cost.mean).max(laid.left);
            let color = if is_cheapest { marked_color } else { bar_color };
            area.draw(&Rectangle::new(
                [(laid.left, bar_top), (bar_right, bar_bottom)],
                color.filled(),
            ))
            .map_err(backend)?;
            if is_cheapest {
                area.draw(&Rectangle::new(
                    [(laid.left, bar_top), (bar_right, bar_bottom)],
                    INK.stroke_width(scale.size(2.0) as u32),
                ))
                .map_err(backend)?;
            }
            // The error bar: p5 to p95 of the runs' cost per customer, with caps.
            let low = laid.x.pixel(cost.p5);
            let high = laid.x.pixel(cost.p95);
            let cap = (bar_height / 3).max(1);
            let whisker = INK.stroke_width(scale.size(1.5) as u32);
            area.draw(&PathElement::new([(low, middle), (high, middle)], whisker))
                .map_err(backend)?;
            for x in [low, high] {
                area.draw(&PathElement::new(
                    [(x, middle - cap), (x, middle + cap)],
                    whisker,
                ))
                .map_err(backend)?;
            }
            let text_left = bar_right.max(high) + gap;
            let room = laid.right + margin - text_left;
            let value = fit_text(area, &value_texts[index], value_font, room);
            area.draw_text(
                &value,
                &text_style(value_font, INK, HPos::Left, VPos::Center),
                (text_left, middle),
            )
            .map_err(backend)?;
            Some(((laid.left, bar_top), (bar_right, bar_bottom)))
        } else {
            let room = laid.right - laid.left - gap;
            let note = fit_text(area, &labels.no_customers, value_font, room);
            area.draw_text(
                &note,
                &text_style(value_font, INK, HPos::Left, VPos::Center),
                (laid.left + gap, middle),
            )
            .map_err(backend)?;
            None
        };

        rows.push(row_top..row_top + row_height);
        bars.push(bar);
        hovers.push(ChannelHover {
            source: index,
            name: source.name.clone(),
            cost_per_customer: source.cost_per_customer,
            customers: source.customers.mean,
            has_customers: defined(source),
            cheapest: is_cheapest,
        });
    }
    area.present().map_err(backend)?;
    Ok(ChannelMapping {
        x: laid.x.clone(),
        rows,
        bars,
        sources: hovers,
        row_pixels: 0..laid.right + 1,
    })
}
