//! The funnel chart: one horizontal bar per stage (mean entries, with the p5–p95 range of
//! runs as an error bar), the stage's conversion written under its bar, the stage that loses
//! the most leads marked, and re-entries from each stage's nurture noted.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{
    self, Left, LegendEntry, Linear, Scale, backend, fill, fit_text, text_style, text_width,
};
use super::palette::{self, INK};
use super::{ChartError, ChartStyle, NumberFormat};
use crate::engine::report::{StageReport, Stats};

/// The texts of the funnel chart, from the caller's message catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelLabels {
    /// Title of the value axis, with its unit (e.g. "Entries per run").
    pub x_title: String,
    /// Title of the stage axis (may be empty).
    pub y_title: String,
    /// Legend entry of the bars (e.g. "Mean entries").
    pub bars: String,
    /// Legend entry of the error bars (e.g. "90% of runs (p5 to p95)").
    pub range: String,
    /// Legend entry of the marked stage (e.g. "Loses the most leads").
    pub most_lost: String,
    /// Written under each bar: `{percent}` is the stage's conversion (converted over entered).
    pub conversion: String,
    /// Written under the marked stage's bar: `{count}` is the mean number of leads lost there.
    pub lost_here: String,
    /// Written under a stage whose nurture sends leads back: `{count}` is the mean number of
    /// re-entries from it.
    pub reentries: String,
}

/// What is under the pointer in the funnel chart: one stage's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelHover {
    /// The stage's index in the report.
    pub stage: usize,
    pub name: String,
    pub entered: Stats,
    pub converted: Stats,
    /// Converted over entered (means).
    pub conversion: f64,
    /// Converted over decided: the win rate among closed leads.
    pub win_rate: f64,
    /// Mean leads lost at this stage (`leads_lost`).
    pub lost: f64,
    /// Mean re-entries from this stage's nurture.
    pub reentered: f64,
    /// Mean leads still undecided in this stage at the horizon.
    pub open: f64,
    /// Whether this is the stage marked as losing the most leads.
    pub loses_most: bool,
}

/// Where the funnel chart put its stages, to map a pointer back to a stage.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelMapping {
    /// The value axis: pixels of the plot's left and right edges and the entries they show.
    pub x: Linear,
    /// Each stage's row, top to bottom, in backend y pixels (bar and note below it).
    pub rows: Vec<Range<i32>>,
    /// Each stage's bar in backend pixels: `(left, top)`, `(right, bottom)`.
    pub bars: Vec<((i32, i32), (i32, i32))>,
    /// The figures shown for each stage, in the same order.
    pub stages: Vec<FunnelHover>,
    /// Backend x pixels of the chart's rows (the stage names' column and the plot).
    pub row_pixels: Range<i32>,
    /// The stage marked as losing the most leads.
    pub marked: Option<usize>,
}

impl FunnelMapping {
    /// The stage whose row is under a backend pixel, `None` outside the rows.
    pub fn stage_at(&self, (x, y): (i32, i32)) -> Option<&FunnelHover> {
        if !self.row_pixels.contains(&x) {
            return None;
        }
        let index = self.rows.iter().position(|row| row.contains(&y))?;
        self.stages.get(index)
    }
}

/// Mean leads lost at a stage: those that decided against it (`failed`) and never came back,
/// that is, minus the re-entries from its nurture and minus those still waiting in its
/// nurture at the horizon (they are not lost yet). Never negative.
///
/// A lead sent to nurture and lost there (it did not re-enter) counts as lost at this stage.
/// Leads still undecided in the stage at the horizon are not lost.
pub fn leads_lost(stage: &StageReport) -> f64 {
    stage.lost()
}

/// The stage that loses the most leads (`leads_lost`, the largest mean number; the earlier
/// stage on a tie), `None` when no stage loses any.
pub fn stage_losing_most(stages: &[StageReport]) -> Option<usize> {
    crate::engine::stage_losing_most(stages)
}

/// Checks that every figure the chart draws is finite.
fn check(stages: &[StageReport]) -> Result<(), ChartError> {
    if stages.is_empty() {
        return Err(ChartError::Empty {
            what: "stages".to_string(),
        });
    }
    for (index, stage) in stages.iter().enumerate() {
        let figures = [
            ("entered.mean", stage.entered.mean),
            ("entered.p5", stage.entered.p5),
            ("entered.p95", stage.entered.p95),
            ("converted.mean", stage.converted.mean),
            ("failed.mean", stage.failed.mean),
            ("reentered.mean", stage.reentered.mean),
            ("open.mean", stage.open.mean),
            ("open_in_nurture.mean", stage.open_in_nurture.mean),
            ("conversion", stage.conversion),
            ("win_rate", stage.win_rate),
        ];
        if let Some((name, _)) = figures.iter().find(|(_, value)| !value.is_finite()) {
            return Err(ChartError::NotFiniteValue {
                field: format!("stages[{index}].{name}"),
            });
        }
    }
    Ok(())
}

/// Draws the funnel of `stages` (a report's `stages`), top to bottom, filling `area`.
///
/// Each bar is the stage's mean entries (re-entries from nurture included) with the p5–p95
/// range over runs as an error bar; under it, the stage's conversion, the re-entries from its
/// nurture when there are any, and on the stage losing the most leads (`stage_losing_most`) a
/// note with that number; that bar is also drawn in vermillion and outlined.
///
/// # Errors
/// `Empty` without stages, `NotFiniteValue` naming a NaN or infinite figure, `TooSmall` when
/// the area cannot hold the axes, `Backend` when the backend fails.
pub fn draw_funnel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    stages: &[StageReport],
    labels: &FunnelLabels,
    format: &dyn NumberFormat,
    style: &ChartStyle,
) -> Result<FunnelMapping, ChartError> {
    check(stages)?;
    let scale = Scale::new(style.pixel_ratio);
    let (width, _) = area.dim_in_pixel();
    let width = width as i32;
    let marked = stage_losing_most(stages);

    let bar_color = palette::tint(palette::SKY_BLUE, 0.8);
    let marked_color = palette::VERMILLION;
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
    if marked.is_some() {
        legend.push(LegendEntry {
            text: &labels.most_lost,
            color: marked_color,
            line: false,
        });
    }
    let margin = scale.px(10.0);
    let legend_room = frame::legend_height(area, &legend, scale, width - 2 * margin);

    // Stage names take what they need, up to a third of the width; longer ones are cut.
    let fonts = frame::Fonts::for_area(scale, area.dim_in_pixel());
    let widest_name = stages
        .iter()
        .map(|stage| text_width(area, &stage.name, fonts.tick))
        .max()
        .unwrap_or(0);
    let names_width = widest_name.min(width / 3).max(scale.px(20.0));

    // Bars end where the entries' p95 does; the mean's label goes right of the longer of the
    // bar and its error bar, so the value range leaves room for it.
    let ends: Vec<f64> = stages
        .iter()
        .map(|stage| stage.entered.mean.max(stage.entered.p95).max(0.0))
        .collect();
    let value_texts: Vec<String> = stages
        .iter()
        .map(|stage| format.count(stage.entered.mean.max(0.0)))
        .collect();
    let count_label = |value: f64| format.count_short(value);
    let gap = scale.px(6.0);
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
        &value_texts,
        fonts.note,
    )?;

    frame::clear(area)?;
    laid.draw_axes(area, &labels.x_title, &labels.y_title)?;
    frame::draw_legend(area, &legend, scale, (margin, margin), width - 2 * margin)?;

    let count = stages.len() as i32;
    // Rows share the plot's height evenly (a long funnel's rows are a pixel or two each, and
    // rounded down they would leave the plot's lower part empty).
    let row_span = f64::from(laid.bottom - laid.top) / f64::from(count);
    let row_start = |index: usize| laid.top + (index as f64 * row_span).round() as i32;
    let row_height = (row_span.floor() as i32).max(1);
    let bar_height = (row_height * 11 / 20).max(1);
    let note_height = row_height - bar_height;
    // The note under a bar shrinks with the row; below a readable size it is left out (the
    // hover read-out still has the figures).
    let note_font = fonts.note.min(f64::from(note_height) * 0.8);
    let notes_fit = note_font >= scale.size(8.0);
    let value_font = fonts.note.min(f64::from(bar_height) * 0.95);
    // Rows lower than a name's line (a long funnel) are named every few rows, with their
    // means, so that no two names overlap; the hover read-out names every row.
    let labelled_every = ((fonts.tick * 1.25) / row_span.max(1.0)).ceil().max(1.0) as usize;

    let mut rows = Vec::with_capacity(stages.len());
    let mut bars = Vec::with_capacity(stages.len());
    let mut hovers = Vec::with_capacity(stages.len());
    for (index, stage) in stages.iter().enumerate() {
        let row_top = row_start(index);
        let bar_top = row_top + scale.px(2.0).min(note_height / 4);
        let bar_bottom = bar_top + bar_height;
        let middle = (bar_top + bar_bottom) / 2;
        let mean = stage.entered.mean.max(0.0);
        let bar_right = laid.x.pixel(mean).max(laid.left);
        let is_marked = marked == Some(index);
        let color = if is_marked { marked_color } else { bar_color };
        area.draw(&Rectangle::new(
            [(laid.left, bar_top), (bar_right, bar_bottom)],
            color.filled(),
        ))
        .map_err(backend)?;
        if is_marked {
            area.draw(&Rectangle::new(
                [(laid.left, bar_top), (bar_right, bar_bottom)],
                INK.stroke_width(scale.size(2.0) as u32),
            ))
            .map_err(backend)?;
        }

        // The error bar: p5 to p95 of the runs' entries, with caps.
        let low = laid.x.pixel(stage.entered.p5.max(0.0));
        let high = laid.x.pixel(stage.entered.p95.max(0.0));
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

        if index % labelled_every == 0 {
            // The mean, right of the bar or its error bar, whichever ends further right.
            let text_left = bar_right.max(high) + gap;
            let room = laid.right + margin - text_left;
            let value = fit_text(area, &value_texts[index], value_font, room);
            area.draw_text(
                &value,
                &text_style(value_font, INK, HPos::Left, VPos::Center),
                (text_left, middle),
            )
            .map_err(backend)?;

            // The stage name, right-aligned against the plot.
            let name = fit_text(area, &stage.name, fonts.tick, names_width);
            area.draw_text(
                &name,
                &text_style(fonts.tick, INK, HPos::Right, VPos::Center),
                (laid.left - gap, middle),
            )
            .map_err(backend)?;
        }

        let lost = leads_lost(stage);
        if notes_fit {
            let mut notes = vec![(
                fill(
                    &labels.conversion,
                    &[("percent", &format.percent(stage.conversion))],
                ),
                INK,
            )];
            if is_marked {
                notes.push((
                    fill(&labels.lost_here, &[("count", &format.count(lost))]),
                    marked_color,
                ));
            }
            if stage.reentered.mean > 0.0 {
                notes.push((
                    fill(
                        &labels.reentries,
                        &[("count", &format.count(stage.reentered.mean))],
                    ),
                    INK,
                ));
            }
            let note_middle = bar_bottom + (row_top + row_height - bar_bottom) / 2;
            let mut x = laid.left + scale.px(2.0);
            for (text, color) in notes {
                let room = laid.right - x;
                let text = fit_text(area, &text, note_font, room);
                if text.is_empty() {
                    break;
                }
                area.draw_text(
                    &text,
                    &text_style(note_font, color, HPos::Left, VPos::Center),
                    (x, note_middle),
                )
                .map_err(backend)?;
                x += text_width(area, &text, note_font) + scale.px(14.0);
            }
        }

        rows.push(row_top..row_start(index + 1).max(row_top + 1));
        bars.push(((laid.left, bar_top), (bar_right, bar_bottom)));
        hovers.push(FunnelHover {
            stage: index,
            name: stage.name.clone(),
            entered: stage.entered,
            converted: stage.converted,
            conversion: stage.conversion,
            win_rate: stage.win_rate,
            lost,
            reentered: stage.reentered.mean,
            open: stage.open.mean,
            loses_most: is_marked,
        });
    }
    area.present().map_err(backend)?;
    Ok(FunnelMapping {
        x: laid.x.clone(),
        rows,
        bars,
        stages: hovers,
        row_pixels: 0..laid.right + 1,
        marked,
    })
}
