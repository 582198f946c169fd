//! Chart drawing with plotters, generic over the drawing backend.
//!
//! Architecture invariant: no web dependency. The browser draws these charts on a canvas
//! (`plotters-canvas`, in `ui`), the native tests render them to SVG; both run the same code.
//! Each chart is a function from an area, its data and options to a mapping (`ChartMapping`
//! for the fan chart, one mapping type per newer chart) which turns a pointer position back
//! into data: the stage, bin, lever, day or series under it, for a hover read-out.
//! Sizes are backend (device) pixels; `ChartStyle::pixel_ratio` scales text, lines and margins.
//! The newer charts lay themselves out by hand (`frame.rs`): tick counts from the pixel size
//! and the labels' widths, long names cut with an ellipsis, the legend in rows above the plot.
//!
//! The charts added for the results and decisions pages (funnel, revenue distribution, time to
//! first purchase, cost per customer by source, tornado, comparisons, the shares of the
//! spread by unknown) draw no text of their own: every title, legend entry
//! and annotation comes from a labels struct the caller fills from its message catalogue, and
//! every number goes through the caller's `NumberFormat`, so the same code draws English,
//! Russian and Chinese charts with the locale's number formats.

mod backtest;
mod channels;
mod comparison;
mod cumulative_revenue;
mod days_to_purchase;
mod dots;
mod flow;
mod frame;
mod funnel;
pub mod numbers;
pub mod palette;
mod revenue_distribution;
mod segments;
mod tornado;
mod uncertainty;

use std::fmt;
use std::ops::Range;

pub use backtest::{BacktestLabels, BacktestMapping, RangeRow, draw_backtest};
pub use channels::{ChannelHover, ChannelLabels, ChannelMapping, draw_channels};
pub use comparison::{
    DifferenceHover, DifferenceLabels, DifferenceMapping, FanOverlayHover, FanOverlayLabels,
    FanOverlayMapping, OverlayHover, OverlayLabels, OverlayMapping, Variant, VariantBands,
    VariantFan, draw_difference, draw_fan_overlay, draw_revenue_overlay, variant_color,
};
pub use cumulative_revenue::{draw_cumulative_revenue, draw_cumulative_revenue_with};
pub use days_to_purchase::{DaysLabels, draw_days_to_first_purchase};
pub use dots::{Dot, DotState, dot_color, draw_dots};
pub use flow::{FlowHover, FlowItem, FlowLabels, FlowMapping, FlowShape, draw_flow};
pub use frame::Linear;
pub use funnel::{
    FunnelHover, FunnelLabels, FunnelMapping, draw_funnel, leads_lost, stage_losing_most,
};
pub use revenue_distribution::{
    BinHover, HistogramMapping, RevenueLabels, draw_revenue_distribution, probability_at_least,
};
pub use segments::{
    SegmentFunnelLabels, SegmentFunnelMapping, SegmentHover, draw_segment_funnel, segment_color,
};
pub use tornado::{
    TornadoBar, TornadoHover, TornadoLabels, TornadoMapping, TornadoUnit, draw_tornado,
};
pub use uncertainty::{
    CHANCE_COLOR, LEAD_QUALITY_COLOR, RATE_COLOR, UncertaintyBarKind, UncertaintyHover,
    UncertaintyLabels, UncertaintyMapping, draw_uncertainty,
};

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartError {
    /// The report has no day to draw (its daily series are empty).
    NoDays,
    /// A value to draw is NaN or infinite.
    NotFinite { series: &'static str, day: usize },
    /// The drawing backend failed (its message).
    Backend(String),
    /// There is nothing to draw: `what` is empty (no stage, no bin, no run, no bar).
    Empty { what: String },
    /// An input value is NaN or infinite; `field` names it (`stages[2].entered.mean`).
    NotFiniteValue { field: String },
    /// An input breaks a rule other than finiteness; `field` names it, `rule` says what is
    /// allowed.
    Invalid { field: String, rule: &'static str },
    /// The area is too small to hold the chart's axes and labels.
    TooSmall { width: u32, height: u32 },
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartError::NoDays => f.write_str("the forecast has no day to draw"),
            ChartError::NotFinite { series, day } => {
                write!(f, "the {series} series is not a finite number on day {day}")
            }
            ChartError::Backend(message) => write!(f, "drawing failed: {message}"),
            ChartError::Empty { what } => write!(f, "nothing to draw: {what} is empty"),
            ChartError::NotFiniteValue { field } => {
                write!(f, "{field} is not a finite number")
            }
            ChartError::Invalid { field, rule } => write!(f, "{field}: {rule}"),
            ChartError::TooSmall { width, height } => {
                write!(
                    f,
                    "a {width}x{height} pixel area is too small for this chart"
                )
            }
        }
    }
}

impl std::error::Error for ChartError {}

/// The texts of a chart: axis titles and legend entries.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartLabels {
    pub x_title: String,
    pub y_title: String,
    /// Legend entry of the wide band (p5 to p95).
    pub outer_band: String,
    /// Legend entry of the narrow band (p25 to p75).
    pub inner_band: String,
    /// Legend entry of the median line.
    pub median: String,
}

impl Default for ChartLabels {
    fn default() -> ChartLabels {
        ChartLabels {
            x_title: "Day".to_string(),
            y_title: "Cumulative revenue".to_string(),
            outer_band: "90% of runs (p5 to p95)".to_string(),
            inner_band: "50% of runs (p25 to p75)".to_string(),
            median: "Median".to_string(),
        }
    }
}

/// How to draw a chart: its texts and the device pixel ratio.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartOptions {
    pub labels: ChartLabels,
    /// Backend pixels per CSS pixel (the browser's `devicePixelRatio`): fonts, lines and
    /// margins are scaled by it, so a canvas whose backing store is `ratio` times its CSS size
    /// looks the same as at ratio 1, only sharper.
    pub pixel_ratio: f64,
}

impl Default for ChartOptions {
    fn default() -> ChartOptions {
        ChartOptions {
            labels: ChartLabels::default(),
            pixel_ratio: 1.0,
        }
    }
}

/// How the caller writes numbers: the charts format every number they draw through it, so
/// the UI can apply the locale's separators and currency.
pub trait NumberFormat {
    /// A money amount in full, for annotations and read-outs (`41,250`).
    fn money(&self, value: f64) -> String;
    /// A money amount in short form, for axis ticks (`41k`).
    fn money_short(&self, value: f64) -> String;
    /// A number of leads or customers; a mean over runs may have decimals (`1,234`, `0.4`).
    fn count(&self, value: f64) -> String;
    /// A count in short form, for axis ticks (`1.2k`).
    fn count_short(&self, value: f64) -> String;
    /// A fraction as a percentage (`0.25` as `25%`).
    fn percent(&self, fraction: f64) -> String;
    /// A number of days (`12`, or `12.5` for a mean).
    fn days(&self, value: f64) -> String;
}

/// How to draw the newer charts besides their texts: the device pixel ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartStyle {
    /// Backend pixels per CSS pixel (the browser's `devicePixelRatio`): fonts, lines and
    /// margins are scaled by it. Sizes of the area are in backend (device) pixels.
    pub pixel_ratio: f64,
}

impl Default for ChartStyle {
    fn default() -> ChartStyle {
        ChartStyle { pixel_ratio: 1.0 }
    }
}

/// Where the data went on the backend: the plot area in backend pixels and the data ranges
/// it shows, so that a pointer position can be mapped back to a day and a value.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartMapping {
    /// Backend x pixels of the first and last day.
    pub x_pixels: Range<i32>,
    /// Backend y pixels of the lowest value (bottom) and the highest value (top).
    pub y_pixels: Range<i32>,
    /// Days shown, as the first and last day index.
    pub days: Range<f64>,
    /// Values shown, lowest to highest.
    pub values: Range<f64>,
    /// Number of days in the series.
    pub day_count: usize,
}

impl ChartMapping {
    /// The day and value under a backend pixel, `None` outside the plot area.
    pub fn data_at(&self, (x, y): (i32, i32)) -> Option<(f64, f64)> {
        let fraction_x = fraction(x, &self.x_pixels)?;
        let fraction_y = fraction(y, &self.y_pixels)?;
        let day = self.days.start + fraction_x * (self.days.end - self.days.start);
        let value = self.values.start + fraction_y * (self.values.end - self.values.start);
        Some((day, value))
    }

    /// The index of the day nearest to a backend pixel, `None` outside the plot area.
    pub fn day_at(&self, pixel: (i32, i32)) -> Option<usize> {
        let (day, _) = self.data_at(pixel)?;
        let last = self.day_count.checked_sub(1)?;
        Some((day.round().max(0.0) as usize).min(last))
    }
}

/// Where `pixel` lies from `range.start` (0) to `range.end` (1), `None` outside.
fn fraction(pixel: i32, range: &Range<i32>) -> Option<f64> {
    let span = f64::from(range.end) - f64::from(range.start);
    if span == 0.0 {
        return None;
    }
    let fraction = (f64::from(pixel) - f64::from(range.start)) / span;
    (0.0..=1.0).contains(&fraction).then_some(fraction)
}
