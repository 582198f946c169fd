//! Which unknown matters most: one horizontal bar per source of uncertainty, its share of the
//! variance of revenue (or customers), largest on top, with chance last; each with its Monte
//! Carlo error bar (two standard errors either side) and its share written past its end.
//! Conversion rates in sky blue, the lead quality in orange, chance in grey.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, Left, LegendEntry, Linear, Scale, backend, fill, fit_text, text_style};
use super::palette::{self, INK};
use super::{ChartError, ChartStyle, NumberFormat};
use crate::engine::report::{Share, Uncertainty, UncertaintyKind, VarianceOf};

/// The bars' colours, light enough for the error bars drawn over them to stand out.
pub const RATE_COLOR: RGBColor = palette::tint(palette::SKY_BLUE, 0.8);
pub const LEAD_QUALITY_COLOR: RGBColor = palette::tint(palette::ORANGE, 0.8);
pub const CHANCE_COLOR: RGBColor = palette::tint(palette::BLACK, 0.25);

/// The texts of the chart, from the caller's message catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct UncertaintyLabels {
    /// Title of the share axis, with its unit (e.g. "Share of the variance of revenue, %").
    pub x_title: String,
    /// Title of the sources' axis (may be empty).
    pub y_title: String,
    /// A conversion rate's bar, with a `{stage}` placeholder (e.g. "{stage} rate").
    pub rate: String,
    /// The lead quality's bar (e.g. "Lead quality").
    pub lead_quality: String,
    /// Chance's bar (e.g. "Chance").
    pub chance: String,
    /// Legend entry of the rates' bars (e.g. "Not knowing a conversion rate").
    pub rates_legend: String,
    /// Legend entry of the error bars (e.g. "± 2 standard errors of the simulation").
    pub error: String,
}

/// What a bar stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UncertaintyBarKind {
    /// A stage's conversion rate: its index in the scenario's stages.
    Rate {
        stage: usize,
    },
    LeadQuality,
    Chance,
}

/// What is under the pointer: one bar.
#[derive(Debug, Clone, PartialEq)]
pub struct UncertaintyHover {
    /// Its row from the top.
    pub rank: usize,
    pub kind: UncertaintyBarKind,
    /// The bar's label as drawn in full.
    pub label: String,
    pub share: Share,
}

/// Where the chart put its bars, to map a pointer back to a bar.
#[derive(Debug, Clone, PartialEq)]
pub struct UncertaintyMapping {
    /// The share axis: backend x pixels of the plot's edges and the shares there (0 to 1).
    pub x: Linear,
    /// Each row's backend y pixels, top to bottom, with its bar.
    pub rows: Vec<(Range<i32>, UncertaintyHover)>,
    /// Backend x pixels of the rows (the labels' column and the plot).
    pub row_pixels: Range<i32>,
}

impl UncertaintyMapping {
    /// The bar whose row is under a backend pixel, `None` outside the rows.
    pub fn bar_at(&self, (x, y): (i32, i32)) -> Option<&UncertaintyHover> {
        if !self.row_pixels.contains(&x) {
            return None;
        }
        self.rows
            .iter()
            .find(|(pixels, _)| pixels.contains(&y))
            .map(|(_, bar)| bar)
    }
}

/// The bars in the order drawn: the sources by share, largest first, then chance.
fn bars(
    uncertainty: &Uncertainty,
    figure: VarianceOf,
    labels: &UncertaintyLabels,
) -> Result<Vec<(UncertaintyBarKind, String, Share)>, ChartError> {
    let Some(chance) = uncertainty.chance.of(figure) else {
        return Err(ChartError::Empty {
            what: "uncertainty.chance".to_string(),
        });
    };
    let mut bars: Vec<(UncertaintyBarKind, String, Share)> = uncertainty
        .ranked(figure)
        .into_iter()
        .map(|(_, source, share)| match (source.kind, source.stage) {
            (UncertaintyKind::ConversionRate, Some(stage)) => (
                UncertaintyBarKind::Rate {
                    stage: stage as usize,
                },
                fill(&labels.rate, &[("stage", &source.display_name())]),
                share,
            ),
            _ => (
                UncertaintyBarKind::LeadQuality,
                labels.lead_quality.clone(),
                share,
            ),
        })
        .collect();
    bars.push((UncertaintyBarKind::Chance, labels.chance.clone(), chance));
    let field = |index: usize, part: &str| {
        if index + 1 == bars.len() {
            format!("uncertainty.chance.{part}")
        } else {
            format!("uncertainty.sources[{index}].{part}")
        }
    };
    for (index, (_, _, share)) in bars.iter().enumerate() {
        for (part, value) in [
            ("share", share.share),
            ("standard_error", share.standard_error),
        ] {
            if !value.is_finite() {
                return Err(ChartError::NotFiniteValue {
                    field: field(index, part),
                });
            }
        }
        if !(0.0..=1.0).contains(&share.share) {
            return Err(ChartError::Invalid {
                field: field(index, "share"),
                rule: "must be between 0 and 1",
            });
        }
        if share.standard_error < 0.0 {
            return Err(ChartError::Invalid {
                field: field(index, "standard_error"),
                rule: "must not be negative",
            });
        }
    }
    Ok(bars)
}

/// Draws the shares of `figure`'s variance in `uncertainty` (a report's `uncertainty`),
/// filling `area`: one row per source with a share, largest on top (the scenario's order on a
/// tie), then chance; shares written with `format.percent`.
///
/// # Errors
/// `Empty` when the figure has no shares (too few runs, or it does not vary), `NotFiniteValue`
/// or `Invalid` naming a share that is not a number from 0 to 1 or a negative error,
/// `TooSmall` when the area cannot hold the axes, `Backend` when the backend fails.
pub fn draw_uncertainty<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    uncertainty: &Uncertainty,
    figure: VarianceOf,
    labels: &UncertaintyLabels,
    format: &dyn NumberFormat,
    style: &ChartStyle,
) -> Result<UncertaintyMapping, ChartError> {
    let bars = bars(uncertainty, figure, labels)?;
    let scale = Scale::new(style.pixel_ratio);
    let (width, _) = area.dim_in_pixel();
    let width = width as i32;
    let color = |kind: UncertaintyBarKind| match kind {
        UncertaintyBarKind::Rate { .. } => RATE_COLOR,
        UncertaintyBarKind::LeadQuality => LEAD_QUALITY_COLOR,
        UncertaintyBarKind::Chance => CHANCE_COLOR,
    };
    let mut legend = vec![LegendEntry {
        text: &labels.rates_legend,
        color: RATE_COLOR,
        line: false,
    }];
    if bars
        .iter()
        .any(|(kind, _, _)| *kind == UncertaintyBarKind::LeadQuality)
    {
        legend.push(LegendEntry {
            text: &labels.lead_quality,
            color: LEAD_QUALITY_COLOR,
            line: false,
        });
    }
    legend.push(LegendEntry {
        text: &labels.chance,
        color: color(UncertaintyBarKind::Chance),
        line: false,
    });
    legend.push(LegendEntry {
        text: &labels.error,
        color: INK,
        line: true,
    });
    let margin = scale.px(10.0);
    let legend_room = frame::legend_height(area, &legend, scale, width - 2 * margin);

    let fonts = frame::Fonts::for_area(scale, area.dim_in_pixel());
    let widest = bars
        .iter()
        .map(|(_, label, _)| frame::text_width(area, label, fonts.tick))
        .max()
        .unwrap_or(0);
    let names_width = widest.min(width / 3).max(scale.px(20.0));
    // An error bar reaches two standard errors either side, within 0 and 1.
    let reach = |share: &Share| {
        (
            (share.share - 2.0 * share.standard_error).max(0.0),
            (share.share + 2.0 * share.standard_error).min(1.0),
        )
    };
    let ends: Vec<f64> = bars.iter().map(|(_, _, share)| reach(share).1).collect();
    let texts: Vec<String> = bars
        .iter()
        .map(|(_, _, share)| format.percent(share.share))
        .collect();
    let percent = |value: f64| format.percent(value);
    let names = Left::Categories {
        width: names_width,
        title: &labels.y_title,
    };
    let laid = frame::layout_with_end_labels(
        area,
        scale,
        &labels.x_title,
        &percent,
        &names,
        legend_room,
        &ends,
        &texts,
        fonts.note,
    )?;
    frame::clear(area)?;
    laid.draw_axes(area, &labels.x_title, &labels.y_title)?;
    frame::draw_legend(area, &legend, scale, (margin, margin), width - 2 * margin)?;

    let row_height = ((laid.bottom - laid.top) / bars.len() as i32).max(1);
    let bar_height = (row_height * 3 / 5).max(1);
    let label_font = fonts.tick.min(f64::from(row_height) * 0.9);
    let value_font = fonts.note.min(f64::from(bar_height) * 0.95);
    let gap = scale.px(6.0);
    let mut rows = Vec::with_capacity(bars.len());
    for (rank, (kind, label, share)) in bars.into_iter().enumerate() {
        let row_top = laid.top + rank as i32 * row_height;
        let top = row_top + (row_height - bar_height) / 2;
        let bottom = top + bar_height;
        let middle = (top + bottom) / 2;
        let right = laid.x.pixel(share.share).max(laid.left);
        if right > laid.left {
            area.draw(&Rectangle::new(
                [(laid.left, top), (right, bottom)],
                color(kind).filled(),
            ))
            .map_err(backend)?;
        }
        let (low, high) = reach(&share);
        let (low, high) = (laid.x.pixel(low), laid.x.pixel(high));
        if high > low {
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
        }
        let text_left = right.max(high) + gap;
        let value = fit_text(
            area,
            &format.percent(share.share),
            value_font,
            laid.right + margin - text_left,
        );
        area.draw_text(
            &value,
            &text_style(value_font, INK, HPos::Left, VPos::Center),
            (text_left, middle),
        )
        .map_err(backend)?;
        let name = fit_text(area, &label, label_font, names_width);
        area.draw_text(
            &name,
            &text_style(label_font, INK, HPos::Right, VPos::Center),
            (laid.left - gap, middle),
        )
        .map_err(backend)?;
        rows.push((
            row_top..row_top + row_height,
            UncertaintyHover {
                rank,
                kind,
                label,
                share,
            },
        ));
    }
    area.present().map_err(backend)?;
    Ok(UncertaintyMapping {
        x: laid.x.clone(),
        rows,
        row_pixels: 0..laid.right + 1,
    })
}
