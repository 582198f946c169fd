//! Colours: the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies.

use plotters::style::RGBColor;

pub const BLACK: RGBColor = RGBColor(0x00, 0x00, 0x00);
pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
pub const SKY_BLUE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
pub const BLUISH_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
pub const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
pub const REDDISH_PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);

/// The chart background.
pub const BACKGROUND: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
/// Axis lines, tick labels and titles: near-black, softer than pure black.
pub const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);
/// Grid lines: light enough to stay behind the data.
pub const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);

/// `color` laid over the background at `opacity` (0 to 1), as an opaque colour.
///
/// Bands are drawn opaque rather than translucent so that their colours are the same on every
/// backend and where they overlap.
pub const fn tint(color: RGBColor, opacity: f64) -> RGBColor {
    const fn mix(channel: u8, background: u8, opacity: f64) -> u8 {
        let mixed = channel as f64 * opacity + background as f64 * (1.0 - opacity);
        (mixed + 0.5) as u8
    }
    RGBColor(
        mix(color.0, BACKGROUND.0, opacity),
        mix(color.1, BACKGROUND.1, opacity),
        mix(color.2, BACKGROUND.2, opacity),
    )
}
