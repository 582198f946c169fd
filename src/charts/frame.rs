//! What the charts share: sizes scaled for the screen, text measured and fitted, round axis
//! ticks chosen so their labels never overlap, the plot frame with its axes, and the legend.
//!
//! The charts lay themselves out by hand rather than through plotters' `ChartBuilder`, so that
//! every label's room is measured before it is drawn (the browser's canvas measures real text;
//! natively plotters estimates it, and `text_width` never trusts a smaller guess than its own).

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ChartError;
use super::palette::{BACKGROUND, GRID, INK};

/// Sizes in CSS pixels turned into backend pixels by the device pixel ratio.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scale {
    ratio: f64,
}

impl Scale {
    /// A scale of `ratio` backend pixels per CSS pixel; a ratio that is not a positive finite
    /// number is taken as 1.
    pub(crate) fn new(ratio: f64) -> Scale {
        let ratio = if ratio.is_finite() && ratio > 0.0 {
            ratio.clamp(0.25, 8.0)
        } else {
            1.0
        };
        Scale { ratio }
    }

    /// `css` CSS pixels in backend pixels, at least 1.
    pub(crate) fn size(&self, css: f64) -> f64 {
        (css * self.ratio).round().max(1.0)
    }

    /// `css` CSS pixels as a whole number of backend pixels, at least 1.
    pub(crate) fn px(&self, css: f64) -> i32 {
        self.size(css) as i32
    }
}

/// The font sizes of a chart (in plotters' units, as passed to `into_font`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fonts {
    pub(crate) tick: f64,
    pub(crate) title: f64,
    pub(crate) note: f64,
}

impl Fonts {
    /// The usual sizes, made smaller in a small area so that the data keep most of the room.
    pub(crate) fn for_area(scale: Scale, (width, height): (u32, u32)) -> Fonts {
        let css_short_side = f64::from(width.min(height)) / scale.size(1.0).max(1.0);
        let factor = if css_short_side < 260.0 { 0.85 } else { 1.0 };
        Fonts {
            tick: scale.size(14.0 * factor),
            title: scale.size(15.0 * factor),
            note: scale.size(14.0 * factor),
        }
    }
}

/// A text style of `size` in the chart's ink, anchored at `h`, `v`.
pub(crate) fn text_style(size: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    ("sans-serif", size)
        .into_font()
        .color(&color)
        .pos(Pos::new(h, v))
}

/// Width of `text` at font `size` by a rule that errs on the wide side: 0.6 of the size per
/// narrow (Latin, digit) character, 0.68 per other alphabetic one (Cyrillic), a whole size per
/// wide (CJK) character.
pub(crate) fn estimated_width(text: &str, size: f64) -> f64 {
    text.chars().map(|c| char_width(c) * size).sum()
}

fn char_width(c: char) -> f64 {
    if c.is_ascii() {
        0.6
    } else if is_wide(c) {
        1.0
    } else {
        0.68
    }
}

/// East Asian wide characters: CJK ideographs, kana, hangul, full-width forms and punctuation.
fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// The width of `text` in backend pixels. In the browser the canvas measures the text with
/// the fonts it will draw with, and that measure is used. Natively there are no fonts: plotters
/// then guesses from the number of bytes (too narrow for Latin, too wide for Cyrillic), so
/// `estimated_width` is used instead.
pub(crate) fn text_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    size: f64,
) -> i32 {
    if cfg!(target_arch = "wasm32") {
        let style = TextStyle::from(("sans-serif", size).into_font());
        if let Ok((width, _)) = area.estimate_text_size(text, &style) {
            return width as i32;
        }
    }
    estimated_width(text, size).ceil() as i32
}

/// `text` cut with an ellipsis so that it is at most `max_width` pixels wide (empty if not
/// even the ellipsis fits).
pub(crate) fn fit_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    size: f64,
    max_width: i32,
) -> String {
    if text_width(area, text, size) <= max_width {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    for keep in (1..chars.len()).rev() {
        let candidate: String = chars[..keep]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string()
            + "…";
        if text_width(area, &candidate, size) <= max_width {
            return candidate;
        }
    }
    if text_width(area, "…", size) <= max_width {
        "…".to_string()
    } else {
        String::new()
    }
}

/// `template` with each `{name}` replaced by its value; unknown placeholders stay as written.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// `value` with a plus sign when positive (a change), formatted by `format`.
pub(crate) fn signed(value: f64, format: impl Fn(f64) -> String) -> String {
    let text = format(value);
    if value > 0.0 && !text.starts_with('+') {
        format!("+{text}")
    } else {
        text
    }
}

/// A linear map between a pixel range and a value range (either may run backwards).
#[derive(Debug, Clone, PartialEq)]
pub struct Linear {
    /// Pixels of `values.start` and `values.end`.
    pub pixels: Range<i32>,
    /// The values at the two ends.
    pub values: Range<f64>,
}

impl Linear {
    /// The pixel of `value` (not clamped).
    pub fn pixel(&self, value: f64) -> i32 {
        let span = self.values.end - self.values.start;
        let fraction = if span == 0.0 {
            0.0
        } else {
            (value - self.values.start) / span
        };
        let pixel = f64::from(self.pixels.start)
            + fraction * (f64::from(self.pixels.end) - f64::from(self.pixels.start));
        pixel.round().clamp(-1e6, 1e6) as i32
    }

    /// The value at `pixel`, `None` outside the range.
    pub fn value(&self, pixel: i32) -> Option<f64> {
        let fraction = super::fraction(pixel, &self.pixels)?;
        Some(self.values.start + fraction * (self.values.end - self.values.start))
    }
}

/// Round tick values in `range`, at most `max_count` of them, on a step of 1, 2 or 5 times a
/// power of ten.
pub(crate) fn round_ticks(range: &Range<f64>, max_count: usize) -> Vec<f64> {
    if !(range.start.is_finite() && range.end.is_finite()) {
        return Vec::new();
    }
    let (low, high) = (range.start.min(range.end), range.start.max(range.end));
    let span = high - low;
    if max_count == 0 || !span.is_finite() || span <= 0.0 {
        return if low.is_finite() {
            vec![low]
        } else {
            Vec::new()
        };
    }
    let rough = span / max_count as f64;
    let mut power = 10f64.powf(rough.log10().floor());
    loop {
        for multiple in [1.0, 2.0, 5.0] {
            let step = multiple * power;
            let first = (low / step).ceil();
            let last = (high / step).floor();
            let count = last - first + 1.0;
            if count <= max_count as f64 {
                return (0..count.max(0.0) as usize)
                    .map(|i| {
                        let value = (first + i as f64) * step;
                        // Ticks at zero print as "0", never "-0".
                        if value == 0.0 { 0.0 } else { value }
                    })
                    .collect();
            }
        }
        power *= 10.0;
    }
}

/// Ticks along `pixels` pixels of `range`, as many as fit with `room(label)` pixels each
/// (a label's width on a horizontal axis, its height on a vertical one) plus `gap`.
pub(crate) fn fitting_ticks(
    range: &Range<f64>,
    pixels: i32,
    gap: i32,
    label: &dyn Fn(f64) -> String,
    room: &dyn Fn(&str) -> i32,
) -> Vec<(f64, String)> {
    let span = (range.end - range.start).abs();
    for max_count in (2..=12).rev() {
        let ticks = round_ticks(range, max_count);
        let labelled: Vec<(f64, String)> = ticks.iter().map(|&v| (v, label(v))).collect();
        if labelled.len() < 2 {
            return labelled;
        }
        let step_pixels = (ticks[1] - ticks[0]).abs() / span * f64::from(pixels);
        let widest = labelled
            .iter()
            .map(|(_, text)| room(text))
            .max()
            .unwrap_or(0);
        // Neighbouring labels must not touch, and equal labels (rounded alike) say nothing.
        let distinct = labelled.windows(2).all(|pair| pair[0].1 != pair[1].1);
        if step_pixels >= f64::from(widest + gap) && distinct {
            return labelled;
        }
    }
    // Not even two labels fit: show the ends' labels only if there is room for one.
    let labelled: Vec<(f64, String)> = round_ticks(range, 1)
        .into_iter()
        .map(|v| (v, label(v)))
        .collect();
    if labelled.iter().all(|(_, text)| room(text) <= pixels) {
        labelled
    } else {
        Vec::new()
    }
}

/// One axis to lay out: its data range, title and tick label format.
pub(crate) struct Axis<'a> {
    pub(crate) range: Range<f64>,
    pub(crate) title: &'a str,
    pub(crate) label: &'a dyn Fn(f64) -> String,
}

/// What goes left of the plot: value ticks, or category names drawn by the chart itself in a
/// column this wide.
pub(crate) enum Left<'a> {
    Values(Axis<'a>),
    Categories { width: i32, title: &'a str },
}

/// The frame of a bar chart whose bars run from 0 to `ends` along the bottom axis, each with
/// its value label (`value_texts`, at `font` size) just past its end: the axis range is widened
/// from `0..highest end` until every label fits beside its bar (a bar keeps at least 30% of the
/// plot's width). Laid out twice, as the plot's width depends a little on the range's tick
/// labels.
#[allow(clippy::too_many_arguments)]
pub(crate) fn layout_with_end_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
    title: &str,
    label: &dyn Fn(f64) -> String,
    left: &Left<'_>,
    top_room: i32,
    ends: &[f64],
    value_texts: &[String],
    font: f64,
) -> Result<Frame, ChartError> {
    let highest = ends.iter().copied().fold(0.0, f64::max);
    let gap = scale.px(6.0);
    let mut range = 0.0..if highest > 0.0 { highest } else { 1.0 };
    let layout = |range: &Range<f64>| {
        let x = Axis {
            range: range.clone(),
            title,
            label,
        };
        layout(area, scale, &x, left, top_room)
    };
    for _ in 0..2 {
        let laid = layout(&range)?;
        let plot_width = f64::from(laid.right - laid.left);
        let mut pixels_per_unit = f64::INFINITY;
        for (end, text) in ends.iter().zip(value_texts) {
            let room = plot_width - f64::from(gap + text_width(area, text, font));
            if *end > 0.0 {
                pixels_per_unit = pixels_per_unit.min(room.max(plot_width * 0.3) / end);
            }
        }
        if pixels_per_unit.is_finite() && pixels_per_unit > 0.0 {
            range = 0.0..plot_width / pixels_per_unit;
        }
    }
    layout(&range)
}

/// The plot area of a chart and how data map onto it.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    pub(crate) x: Linear,
    /// For a categorical left side the value range is `0..1` (unused).
    pub(crate) y: Linear,
    pub(crate) left: i32,
    pub(crate) right: i32,
    pub(crate) top: i32,
    pub(crate) bottom: i32,
    pub(crate) x_ticks: Vec<(f64, String)>,
    pub(crate) y_ticks: Vec<(f64, String)>,
    pub(crate) fonts: Fonts,
    pub(crate) scale: Scale,
}

/// Lays out a plot with a value axis at the bottom and `left` on the left, `top_room` pixels
/// left free above it (for a legend). Fails if the area is too small to hold a plot.
pub(crate) fn layout<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
    x: &Axis<'_>,
    left: &Left<'_>,
    top_room: i32,
) -> Result<Frame, ChartError> {
    let (width, height) = area.dim_in_pixel();
    let fonts = Fonts::for_area(scale, (width, height));
    let (width, height) = (width as i32, height as i32);
    let margin = scale.px(10.0);
    let tick_length = scale.px(4.0);
    let gap = scale.px(4.0);
    let tick_height = fonts.tick.ceil() as i32;
    let title_height = if x.title.is_empty() {
        0
    } else {
        fonts.title.ceil() as i32 + gap
    };
    let top = margin + top_room;
    let bottom = height - margin - title_height - tick_height - tick_length - gap;
    if bottom - top < scale.px(30.0) {
        return Err(ChartError::TooSmall {
            width: width as u32,
            height: height as u32,
        });
    }
    let tick_room = |text: &str| text_width(area, text, fonts.tick);

    let (left_edge, y, y_ticks) = match left {
        Left::Values(axis) => {
            let y = Linear {
                pixels: bottom..top,
                values: axis.range.clone(),
            };
            let ticks = fitting_ticks(
                &axis.range,
                bottom - top,
                tick_height / 2,
                axis.label,
                &|_| tick_height,
            );
            let widest = ticks.iter().map(|(_, t)| tick_room(t)).max().unwrap_or(0);
            let title_room = if axis.title.is_empty() {
                0
            } else {
                fonts.title.ceil() as i32 + 2 * gap
            };
            (margin + title_room + widest + gap + tick_length, y, ticks)
        }
        Left::Categories { width, title } => {
            let title_room = if title.is_empty() {
                0
            } else {
                fonts.title.ceil() as i32 + 2 * gap
            };
            let y = Linear {
                pixels: bottom..top,
                values: 0.0..1.0,
            };
            (margin + title_room + width + gap, y, Vec::new())
        }
    };
    // Room on the right for half of the last x tick label, which is centred on its tick.
    let probe = [(x.label)(x.range.start), (x.label)(x.range.end)];
    let half_label = probe.iter().map(|t| tick_room(t)).max().unwrap_or(0) / 2;
    let right = width - margin.max(half_label + gap);
    if right - left_edge < scale.px(40.0) {
        return Err(ChartError::TooSmall {
            width: width as u32,
            height: height as u32,
        });
    }
    let x_ticks = fitting_ticks(
        &x.range,
        right - left_edge,
        scale.px(10.0),
        x.label,
        &tick_room,
    );
    Ok(Frame {
        x: Linear {
            pixels: left_edge..right,
            values: x.range.clone(),
        },
        y,
        left: left_edge,
        right,
        top,
        bottom,
        x_ticks,
        y_ticks,
        fonts,
        scale,
    })
}

impl Frame {
    /// Clears the area and draws the grid, the axes, their ticks and titles.
    pub(crate) fn draw_axes<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        x_title: &str,
        y_title: &str,
    ) -> Result<(), ChartError> {
        let line = self.scale.size(1.0) as u32;
        let tick_length = self.scale.px(4.0);
        let gap = self.scale.px(4.0);
        let (_, height) = area.dim_in_pixel();
        let margin = self.scale.px(10.0);
        let grid = GRID.stroke_width(line);
        let ink = INK.stroke_width(line);
        let tick_style = |h, v| text_style(self.fonts.tick, INK, h, v);

        for (value, label) in &self.y_ticks {
            let y = self.y.pixel(*value);
            area.draw(&PathElement::new([(self.left, y), (self.right, y)], grid))
                .map_err(backend)?;
            area.draw(&PathElement::new(
                [(self.left - tick_length, y), (self.left, y)],
                ink,
            ))
            .map_err(backend)?;
            area.draw_text(
                label,
                &tick_style(HPos::Right, VPos::Center),
                (self.left - tick_length - gap, y),
            )
            .map_err(backend)?;
        }
        for (value, label) in &self.x_ticks {
            let x = self.x.pixel(*value);
            area.draw(&PathElement::new([(x, self.top), (x, self.bottom)], grid))
                .map_err(backend)?;
            area.draw(&PathElement::new(
                [(x, self.bottom), (x, self.bottom + tick_length)],
                ink,
            ))
            .map_err(backend)?;
            area.draw_text(
                label,
                &tick_style(HPos::Center, VPos::Top),
                (x, self.bottom + tick_length + gap),
            )
            .map_err(backend)?;
        }
        area.draw(&PathElement::new(
            [
                (self.left, self.top),
                (self.left, self.bottom),
                (self.right, self.bottom),
            ],
            ink,
        ))
        .map_err(backend)?;

        if !x_title.is_empty() {
            let room = self.right - self.left;
            let title = fit_text(area, x_title, self.fonts.title, room);
            area.draw_text(
                &title,
                &text_style(self.fonts.title, INK, HPos::Center, VPos::Bottom),
                ((self.left + self.right) / 2, height as i32 - margin),
            )
            .map_err(backend)?;
        }
        if !y_title.is_empty() {
            let room = self.bottom - self.top;
            let title = fit_text(area, y_title, self.fonts.title, room);
            let style = text_style(self.fonts.title, INK, HPos::Center, VPos::Top)
                .transform(FontTransform::Rotate270);
            area.draw_text(&title, &style, (margin, (self.top + self.bottom) / 2))
                .map_err(backend)?;
        }
        Ok(())
    }
}

/// A legend entry: a swatch of `color` (filled, or a line) and its text.
pub(crate) struct LegendEntry<'a> {
    pub(crate) text: &'a str,
    pub(crate) color: RGBColor,
    pub(crate) line: bool,
}

/// The rows of a legend laid out left to right within `width`, wrapping as needed: each
/// entry's `(x, row)` and the total height.
fn legend_positions<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry<'_>],
    fonts: Fonts,
    scale: Scale,
    width: i32,
) -> (Vec<(i32, i32, String)>, i32) {
    let swatch = scale.px(18.0);
    let gap = scale.px(6.0);
    let spacing = scale.px(16.0);
    let row_height = fonts.tick.ceil() as i32 + scale.px(6.0);
    let mut placed = Vec::new();
    let (mut x, mut row) = (0, 0);
    for entry in entries {
        let room = (width - swatch - gap).max(0);
        let text = fit_text(area, entry.text, fonts.tick, room);
        let entry_width = swatch + gap + text_width(area, &text, fonts.tick);
        if x > 0 && x + entry_width > width {
            x = 0;
            row += 1;
        }
        placed.push((x, row, text));
        x += entry_width + spacing;
    }
    let rows = if entries.is_empty() { 0 } else { row + 1 };
    (placed, rows * row_height)
}

/// The height a legend of `entries` needs above a plot `width` pixels wide.
pub(crate) fn legend_height<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry<'_>],
    scale: Scale,
    width: i32,
) -> i32 {
    let fonts = Fonts::for_area(scale, area.dim_in_pixel());
    let (_, height) = legend_positions(area, entries, fonts, scale, width);
    if height > 0 {
        height + scale.px(4.0)
    } else {
        0
    }
}

/// Draws a legend in rows from `(left, top)`, within `width` pixels.
pub(crate) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry<'_>],
    scale: Scale,
    (left, top): (i32, i32),
    width: i32,
) -> Result<(), ChartError> {
    let fonts = Fonts::for_area(scale, area.dim_in_pixel());
    let (placed, _) = legend_positions(area, entries, fonts, scale, width);
    let swatch = scale.px(18.0);
    let gap = scale.px(6.0);
    let row_height = fonts.tick.ceil() as i32 + scale.px(6.0);
    for (entry, (x, row, text)) in entries.iter().zip(placed) {
        let x = left + x;
        let middle = top + row * row_height + row_height / 2;
        if entry.line {
            area.draw(&PathElement::new(
                [(x, middle), (x + swatch, middle)],
                entry.color.stroke_width(scale.size(2.5) as u32),
            ))
            .map_err(backend)?;
        } else {
            let half = scale.px(5.0);
            area.draw(&Rectangle::new(
                [(x, middle - half), (x + swatch, middle + half)],
                entry.color.filled(),
            ))
            .map_err(backend)?;
        }
        area.draw_text(
            &text,
            &text_style(fonts.tick, INK, HPos::Left, VPos::Center),
            (x + swatch + gap, middle),
        )
        .map_err(backend)?;
    }
    Ok(())
}

/// Fills the area with the background.
pub(crate) fn clear<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
    area.fill(&BACKGROUND).map_err(backend)
}

/// A backend failure as a chart error.
pub(crate) fn backend<E: std::error::Error + Send + Sync>(
    error: DrawingAreaErrorKind<E>,
) -> ChartError {
    ChartError::Backend(error.to_string())
}

/// The first value of `values` that is not finite, as an `Invalid` error naming it.
pub(crate) fn check_finite(field: &str, values: &[f64]) -> Result<(), ChartError> {
    match values.iter().position(|value| !value.is_finite()) {
        Some(index) => Err(ChartError::NotFiniteValue {
            field: format!("{field}[{index}]"),
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_ticks(range: Range<f64>, max_count: usize, expected: &[f64]) {
        assert_eq!(round_ticks(&range, max_count), expected);
    }

    #[test]
    fn ticks_are_round_and_within_the_range() {
        check_ticks(0.0..10.0, 6, &[0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        check_ticks(0.0..10.0, 3, &[0.0, 5.0, 10.0]);
        check_ticks(-3.0..7.0, 3, &[0.0, 5.0]);
        check_ticks(
            12_345.0..98_765.0,
            5,
            &[20_000.0, 40_000.0, 60_000.0, 80_000.0],
        );
        check_ticks(0.0..0.0, 5, &[0.0]);
        check_ticks(f64::NAN..1.0, 5, &[]);
    }

    #[test]
    fn templates_fill_named_placeholders() {
        assert_eq!(
            fill("P(≥ {target}) = {p}", &[("target", "50k"), ("p", "73%")]),
            "P(≥ 50k) = 73%"
        );
        assert_eq!(fill("{a} {b}", &[("a", "1")]), "1 {b}");
    }

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(estimated_width("ab", 10.0), 12.0);
        assert_eq!(estimated_width("考虑", 10.0), 20.0);
        assert!((estimated_width("Лид", 10.0) - 20.4).abs() < 1e-9);
    }

    #[test]
    // Pixel ranges run backwards on purpose: y pixels grow downwards.
    #[allow(clippy::reversed_empty_ranges)]
    fn a_linear_map_goes_both_ways() {
        let map = Linear {
            pixels: 300..100,
            values: 0.0..50.0,
        };
        assert_eq!(map.pixel(25.0), 200);
        assert_eq!(map.value(200), Some(25.0));
        assert_eq!(map.value(99), None);
    }
}
