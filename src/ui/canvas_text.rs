//! The charts' canvas backend: plotters-canvas's `CanvasBackend`, but measuring text with the
//! canvas's own `measureText`.
//!
//! plotters measures a label (to place axis titles, end labels, legends) through its web font
//! code, which adds a `<span>` to the page and reads its `offsetHeight`: a layout of the whole
//! page for every label. With 200 stages on the page that was a third of a second of the
//! main thread for one redraw of the charts (Chromium's CPU profile of an import: 235 ms in
//! `offsetHeight` alone). `measureText` lays out the one string in the canvas's font and
//! nothing else, and each text is measured once per drawing (a long funnel's chart asks for
//! its stage names several times). Everything else is the `CanvasBackend`'s own drawing.

use std::cell::RefCell;
use std::collections::HashMap;

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A canvas to draw charts on (see the module's comment).
pub struct ChartBackend {
    canvas: CanvasBackend,
    context: CanvasRenderingContext2d,
    /// The texts measured in this drawing, by font and text.
    measured: RefCell<HashMap<(String, String), (u32, u32)>>,
}

type Error = <CanvasBackend as DrawingBackend>::ErrorType;

impl ChartBackend {
    /// The backend drawing on `canvas`, `None` when it has no 2D context.
    pub fn new(canvas: &HtmlCanvasElement) -> Option<ChartBackend> {
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(ChartBackend {
            canvas: CanvasBackend::with_canvas_object(canvas.clone())?,
            context,
            measured: RefCell::new(HashMap::new()),
        })
    }
}

impl DrawingBackend for ChartBackend {
    type ErrorType = Error;

    fn get_size(&self) -> (u32, u32) {
        self.canvas.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Error>> {
        self.canvas.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Error>> {
        self.canvas.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.canvas.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.canvas.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.canvas.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.canvas.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.canvas.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.canvas.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.canvas.draw_text(text, style, pos)
    }

    /// The text's box before any rotation, as plotters' own estimate gives it: its advance
    /// width, and the font's line height (its ascent and descent, as a `<span>` of it has).
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Error>> {
        // The font exactly as `CanvasBackend::draw_text` sets it.
        let font = format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str(),
        );
        let key = (font, text.to_string());
        if let Some(known) = self.measured.borrow().get(&key) {
            return Ok(*known);
        }
        self.context.set_font(&key.0);
        let size = style.size();
        let (width, height) = match self.context.measure_text(text) {
            Ok(metrics) => {
                let line = metrics.font_bounding_box_ascent() + metrics.font_bounding_box_descent();
                let line = if line.is_finite() && line > 0.0 {
                    line
                } else {
                    size * 1.2
                };
                (metrics.width(), line)
            }
            // A context that cannot measure: the plain estimate of a proportional font.
            Err(_) => (size * 0.6 * text.chars().count() as f64, size * 1.2),
        };
        let measured = (
            width.round().max(0.0) as u32,
            height.round().max(0.0) as u32,
        );
        self.measured.borrow_mut().insert(key, measured);
        Ok(measured)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.canvas.blit_bitmap(pos, size, src)
    }
}
