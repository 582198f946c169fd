//! The teaching view's moving leads: one dot per lead over the flow diagram, coloured by what
//! it is doing (deciding in a stage, in nurture, lost and fading, a customer), the lead the
//! person clicked ringed. Drawn on a layer of its own above the diagram, every frame: the
//! caller clears that layer first (a canvas is cleared by its own API, an SVG starts empty).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::palette::{self, INK};
use super::{ChartError, ChartStyle, frame::backend};

/// What a lead's dot shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DotState {
    Deciding,
    Nurture,
    Lost,
    Customer,
}

/// One dot: where (backend pixels), how opaque (1 opaque, 0 gone), what it shows, and whose
/// (the lead's index, for the ring of the selected one).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dot {
    pub lead: usize,
    pub x: f64,
    pub y: f64,
    pub alpha: f64,
    pub state: DotState,
}

/// The colour of a dot in each state (the legend's swatches).
pub fn dot_color(state: DotState) -> RGBColor {
    match state {
        // Ink, not the nodes' blue, so that a dot shows on its node.
        DotState::Deciding => INK,
        DotState::Nurture => palette::ORANGE,
        DotState::Lost => palette::VERMILLION,
        DotState::Customer => palette::BLUISH_GREEN,
    }
}

/// Draws `dots` of `radius` backend pixels; `selected` (a lead's index) gets a ring.
///
/// # Errors
/// `NotFiniteValue` for a dot at a NaN or infinite place, `Backend` when the backend fails.
pub fn draw_dots<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    dots: &[Dot],
    radius: f64,
    selected: Option<usize>,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    if let Some(index) = dots
        .iter()
        .position(|d| !(d.x.is_finite() && d.y.is_finite() && d.alpha.is_finite()))
    {
        return Err(ChartError::NotFiniteValue {
            field: format!("dots[{index}]"),
        });
    }
    let r = radius.max(1.0).round() as i32;
    for dot in dots {
        let color = dot_color(dot.state).mix(dot.alpha.clamp(0.0, 1.0) * 0.85);
        let at = (dot.x.round() as i32, dot.y.round() as i32);
        area.draw(&Circle::new(at, r, color.filled()))
            .map_err(backend)?;
        // A thin white ring parts dots that touch and lifts them off the bands.
        let ring = palette::BACKGROUND.mix(dot.alpha.clamp(0.0, 1.0));
        area.draw(&Circle::new(at, r, ring.stroke_width(1)))
            .map_err(backend)?;
    }
    if let Some(dot) = selected.and_then(|lead| dots.iter().find(|d| d.lead == lead)) {
        let ring = (style.pixel_ratio * 2.0).max(1.0) as u32;
        area.draw(&Circle::new(
            (dot.x.round() as i32, dot.y.round() as i32),
            r + (style.pixel_ratio * 3.0).round() as i32,
            INK.stroke_width(ring),
        ))
        .map_err(backend)?;
    }
    area.present().map_err(backend)
}
