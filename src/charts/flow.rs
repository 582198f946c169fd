//! The flow diagram (the teaching view): stages left to right as nodes as tall as their mean
//! entries, and every way leads leave them as bands as thick as the flow: converted into the
//! next stage, lost (turning down), back from nurture (arcs over the top to the stage they
//! re-enter, so nurture loops are drawn as loops, not refused as a layered graph would), still
//! open at the horizon (short stubs); new leads come in from the left, the last stage's
//! purchases go to a customers node, and under it the retention "skirt" widens with the
//! repeat purchases.
//!
//! The layout is returned with the drawing (`FlowMapping`): the nodes' rectangles (where the
//! journeys' dots sit) and every band's shape, to map a pointer back to a stage or a flow.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, LegendEntry, Scale, backend, fill, fit_text, text_style};
use super::palette::{self, INK};
use super::{ChartError, ChartStyle, NumberFormat};
use crate::engine::report::{StageReport, Stats};

/// The texts of the flow diagram, from the caller's message catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowLabels {
    /// Legend: leads arriving from the sources.
    pub arrivals: String,
    /// Legend: converted into the next stage (or buying, out of the last).
    pub converted: String,
    /// Legend: lost for good.
    pub lost: String,
    /// Legend: back from nurture.
    pub back: String,
    /// Legend: still deciding, or still in nurture, at the horizon.
    pub open: String,
    /// Legend: repeat purchases (the skirt).
    pub repeat: String,
    /// The name of the node after the last stage (e.g. "Customers").
    pub customers: String,
    /// Under a stage's lost band: `{count}` leads lost there.
    pub lost_note: String,
    /// On a nurture arc: `{count}` re-entries.
    pub back_note: String,
    /// Under the skirt: `{count}` repeat purchases.
    pub repeat_note: String,
}

/// What a part of the diagram shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowItem {
    /// A stage's node: its entries.
    Stage(usize),
    /// The customers node: the last stage's conversions.
    Customers,
    /// New leads from the sources into a stage.
    Arrivals(usize),
    /// Conversions out of a stage (into the next, or into the customers node).
    Converted(usize),
    /// Leads lost for good at a stage.
    Lost(usize),
    /// Re-entries from a stage's nurture into stage `to`.
    Back { from: usize, to: usize },
    /// Leads still deciding in a stage at the horizon.
    Open(usize),
    /// Leads still in a stage's nurture at the horizon.
    InNurture(usize),
    /// Repeat purchases.
    Repeats,
}

/// The read-out of the part under the pointer: its mean per run, and the runs' p5 to p95
/// where the report has them (lost leads and new arrivals are differences of means).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlowHover {
    pub item: FlowItem,
    pub mean: f64,
    pub range: Option<(f64, f64)>,
}

/// A band (filled polygon) or an arc (a thick path), in backend pixels.
#[derive(Debug, Clone, PartialEq)]
pub enum FlowShape {
    Band(Vec<(i32, i32)>),
    Path { points: Vec<(i32, i32)>, width: i32 },
}

/// Where the diagram put everything.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowMapping {
    /// Each stage's node: `(left, top)`, `(right, bottom)`.
    pub nodes: Vec<((i32, i32), (i32, i32))>,
    /// The customers node.
    pub customers: ((i32, i32), (i32, i32)),
    /// Every flow drawn, with what it shows.
    pub shapes: Vec<(FlowHover, FlowShape)>,
    /// Each node's read-out (stages in order, then the customers node).
    pub node_hovers: Vec<FlowHover>,
}

impl FlowMapping {
    /// What is under a backend pixel: a node first, then the topmost flow.
    pub fn at(&self, (x, y): (i32, i32)) -> Option<FlowHover> {
        let inside =
            |((l, t), (r, b)): ((i32, i32), (i32, i32))| l <= x && x <= r && t <= y && y <= b;
        let nodes = self.nodes.iter().copied().chain([self.customers]);
        if let Some(k) = nodes.clone().position(inside) {
            return self.node_hovers.get(k).copied();
        }
        self.shapes.iter().rev().find_map(|(hover, shape)| {
            let hit = match shape {
                FlowShape::Band(points) => in_polygon(points, (x, y)),
                FlowShape::Path { points, width } => {
                    near_path(points, (x, y), f64::from(*width) / 2.0 + 2.0)
                }
            };
            hit.then_some(*hover)
        })
    }
}

fn stats_hover(item: FlowItem, stats: &Stats) -> FlowHover {
    FlowHover {
        item,
        mean: stats.mean.max(0.0),
        range: Some((stats.p5.max(0.0), stats.p95.max(0.0))),
    }
}

fn mean_hover(item: FlowItem, mean: f64) -> FlowHover {
    FlowHover {
        item,
        mean: mean.max(0.0),
        range: None,
    }
}

/// Draws the flow of `stages` (a report's), where `nurture_to[k]` is the stage stage `k`'s
/// nurture sends leads back to, `repeats` the report's repeat purchases.
///
/// # Errors
/// `Empty` without stages, `NotFiniteValue` naming a NaN or infinite figure, `Invalid` when
/// `nurture_to` does not match the stages, `TooSmall` when the area cannot hold the diagram,
/// `Backend` when the backend fails.
pub fn draw_flow<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    stages: &[StageReport],
    nurture_to: &[Option<usize>],
    repeats: &Stats,
    labels: &FlowLabels,
    format: &dyn NumberFormat,
    style: &ChartStyle,
) -> Result<FlowMapping, ChartError> {
    check(stages, nurture_to, repeats)?;
    let n = stages.len();
    let scale = Scale::new(style.pixel_ratio);
    let (width, height) = area.dim_in_pixel();
    let (width, height) = (width as i32, height as i32);
    let fonts = frame::Fonts::for_area(scale, area.dim_in_pixel());
    let margin = scale.px(10.0);

    let arrivals_color = palette::tint(palette::BLUE, 0.35);
    let converted_color = palette::tint(palette::SKY_BLUE, 0.75);
    let lost_color = palette::tint(palette::VERMILLION, 0.55);
    let back_color = palette::tint(palette::ORANGE, 0.8);
    let open_color = palette::tint(INK, 0.35);
    let repeat_color = palette::tint(palette::BLUISH_GREEN, 0.6);
    let node_color = palette::BLUE;

    let mut legend = vec![
        LegendEntry {
            text: &labels.arrivals,
            color: arrivals_color,
            line: false,
        },
        LegendEntry {
            text: &labels.converted,
            color: converted_color,
            line: false,
        },
        LegendEntry {
            text: &labels.lost,
            color: lost_color,
            line: false,
        },
    ];
    let back = |k: usize| stages[k].reentered.mean.max(0.0);
    let loops: Vec<(usize, usize)> = (0..n)
        .filter_map(|k| nurture_to[k].filter(|_| back(k) > 0.0).map(|t| (k, t)))
        .collect();
    if !loops.is_empty() {
        legend.push(LegendEntry {
            text: &labels.back,
            color: back_color,
            line: true,
        });
    }
    legend.push(LegendEntry {
        text: &labels.open,
        color: open_color,
        line: false,
    });
    let customers = stages[n - 1].converted;
    let has_repeats = repeats.mean > 0.0;
    if has_repeats {
        legend.push(LegendEntry {
            text: &labels.repeat,
            color: repeat_color,
            line: false,
        });
    }
    let legend_room = frame::legend_height(area, &legend, scale, width - 2 * margin);

    // Rows from the top: legend, names, counts, the arcs' room, the nodes; at the bottom the
    // notes under the lost bands and the skirt.
    let name_height = fonts.tick.ceil() as i32 + scale.px(4.0);
    let count_height = fonts.note.ceil() as i32 + scale.px(6.0);
    let note_height = fonts.note.ceil() as i32 + scale.px(6.0);
    let names_top = margin + legend_room;
    let plot_top = names_top + name_height + count_height;
    let y_bottom = height - margin - note_height;
    let available = y_bottom - plot_top;
    let arc_room = if loops.is_empty() {
        0
    } else {
        available * 22 / 100
    };
    let y0 = plot_top + arc_room + scale.px(6.0);
    let node_room = (y_bottom - y0) * 62 / 100;
    let columns = n as i32 + 1;
    let column = (width - 2 * margin) / columns;
    let node_width = (column * 16 / 100).clamp(scale.px(6.0), scale.px(26.0));
    let gap = column - node_width;
    let turn = scale.px(6.0);
    if node_room < scale.px(24.0) || gap < scale.px(16.0) + turn {
        return Err(ChartError::TooSmall {
            width: width as u32,
            height: height as u32,
        });
    }

    // One scale for every flow: nodes fit their room, lost bands turn within their gap, the
    // arcs fit above the nodes.
    let lost: Vec<f64> = stages.iter().map(|s| s.lost()).collect();
    let largest = stages
        .iter()
        .map(|s| s.entered.mean.max(0.0))
        .fold(customers.mean.max(0.0), f64::max);
    let mut per_lead = f64::INFINITY;
    if largest > 0.0 {
        per_lead = per_lead.min(f64::from(node_room) / largest);
    }
    let most_lost = lost.iter().copied().fold(0.0, f64::max);
    if most_lost > 0.0 {
        per_lead = per_lead.min(f64::from(gap - turn - scale.px(10.0)) / most_lost);
    }
    // Each arc has its note above it, clear of the next arc out.
    let arc_spacing = fonts.note.ceil() as i32 + scale.px(5.0);
    let looped: f64 = loops.iter().map(|&(k, _)| back(k)).sum();
    if looped > 0.0 {
        let spacing = arc_spacing * loops.len() as i32 + scale.px(6.0);
        per_lead = per_lead.min(f64::from((arc_room - spacing).max(1)) / looped);
    }
    if !per_lead.is_finite() || per_lead <= 0.0 {
        return Err(ChartError::Empty {
            what: "flows".to_string(),
        });
    }
    let thick = |leads: f64| -> i32 {
        // Flows larger than their stage (figures that do not add up) are drawn no thicker
        // than the whole plot, so no coordinate overflows.
        let px = (leads.max(0.0) * per_lead).min(f64::from(height));
        if px > 0.0 {
            (px.round() as i32).max(1)
        } else {
            0
        }
    };

    let centre = |k: usize| margin + column * k as i32 + column / 2;
    let left_of = |k: usize| centre(k) - node_width / 2;
    let right_of = |k: usize| centre(k) + node_width / 2;
    let node_bottom = |leads: f64| y0 + thick(leads).max(1);

    frame::clear(area)?;
    frame::draw_legend(area, &legend, scale, (margin, margin), width - 2 * margin)?;

    let mut shapes: Vec<(FlowHover, FlowShape)> = Vec::new();
    let draw_band = |shapes: &mut Vec<(FlowHover, FlowShape)>,
                     hover: FlowHover,
                     points: Vec<(i32, i32)>,
                     color: RGBColor| {
        area.draw(&Polygon::new(points.clone(), color.filled()))
            .map_err(backend)?;
        shapes.push((hover, FlowShape::Band(points)));
        Ok::<(), ChartError>(())
    };

    // Inflows at each node's left edge, top to bottom: arcs (shortest span first), then the
    // previous stage's conversions, then new leads.
    let mut arcs_in: Vec<Vec<(usize, i32)>> = vec![Vec::new(); n];
    let mut by_span = loops.clone();
    by_span.sort_by_key(|&(k, t)| (k - t.min(k), k));
    for &(k, t) in &by_span {
        arcs_in[t].push((k, thick(back(k))));
    }
    let arcs_in_height = |t: usize| arcs_in[t].iter().map(|&(_, h)| h).sum::<i32>();

    // The arcs, outermost (longest span) highest.
    for (level, &(k, t)) in by_span.iter().enumerate() {
        let w = thick(back(k));
        // Level 0 just above the nodes, each next one above the last and its note.
        let lift = y0
            - scale.px(6.0)
            - arc_spacing * level as i32
            - by_span[..=level]
                .iter()
                .map(|&(k, _)| thick(back(k)))
                .sum::<i32>()
            + w / 2;
        let start = (right_of(k), y0 + w / 2);
        let out_leg = right_of(k) + scale.px(4.0) + w / 2;
        let above = arcs_in[t].iter().take_while(|&&(from, _)| from != k);
        let offset: i32 = above.map(|&(_, h)| h).sum();
        let in_leg = left_of(t) - scale.px(4.0) - offset - w / 2 - scale.px(3.0) * level as i32;
        let entry = y0 + offset + w / 2;
        let points = vec![
            start,
            (out_leg, start.1),
            (out_leg, lift),
            (in_leg, lift),
            (in_leg, entry),
            (left_of(t), entry),
        ];
        area.draw(&PathElement::new(
            points.clone(),
            back_color.stroke_width(w.max(1) as u32),
        ))
        .map_err(backend)?;
        let hover = stats_hover(FlowItem::Back { from: k, to: t }, &stages[k].reentered);
        shapes.push((
            hover,
            FlowShape::Path {
                points,
                width: w.max(1),
            },
        ));
        let note = fill(&labels.back_note, &[("count", &format.count(back(k)))]);
        // The note over the arc's top, as wide as its span or at least a column.
        let room = ((out_leg - in_leg).abs() - scale.px(4.0)).max(column - scale.px(4.0));
        let note = fit_text(area, &note, fonts.note, room);
        area.draw_text(
            &note,
            &text_style(fonts.note, INK, HPos::Center, VPos::Bottom),
            ((out_leg + in_leg) / 2, lift - w / 2 - scale.px(1.0)),
        )
        .map_err(backend)?;
    }

    let mut node_hovers = Vec::with_capacity(n + 1);
    let mut nodes = Vec::with_capacity(n);
    for (k, stage) in stages.iter().enumerate() {
        let entered = stage.entered.mean.max(0.0);
        let top = y0;
        let bottom = node_bottom(entered);
        // New leads: what the entries hold beyond the conversions into it and the re-entries.
        let came = if k > 0 {
            stages[k - 1].converted.mean.max(0.0)
        } else {
            0.0
        };
        let returned: f64 = arcs_in[k].iter().map(|&(from, _)| back(from)).sum();
        let arrivals = (entered - came - returned).max(0.0);
        let arrivals_px = thick(arrivals);
        if arrivals_px > 0 {
            let y = top + arcs_in_height(k) + thick(came);
            let from = centre(k) - column / 2 + scale.px(2.0);
            let points = band(from, y, left_of(k), y, arrivals_px);
            draw_band(
                &mut shapes,
                mean_hover(FlowItem::Arrivals(k), arrivals),
                points,
                arrivals_color,
            )?;
        }

        // Outflows at the right edge, top to bottom: back to nurture's target (the arc, drawn
        // above), conversions, still in nurture, lost, still open.
        let mut y = top + thick(back(k)).min(bottom - top);
        let converted = stage.converted.mean.max(0.0);
        let next_left = if k + 1 < n {
            left_of(k + 1)
        } else {
            left_of(n)
        };
        let next_top = if k + 1 < n {
            y0 + arcs_in_height(k + 1)
        } else {
            y0
        };
        let converted_px = thick(converted);
        if converted_px > 0 {
            let points = band(right_of(k), y, next_left, next_top, converted_px);
            draw_band(
                &mut shapes,
                stats_hover(FlowItem::Converted(k), &stage.converted),
                points,
                converted_color,
            )?;
            y += converted_px;
        }
        let stub = scale.px(14.0);
        let in_nurture_px = thick(stage.open_in_nurture.mean);
        if in_nurture_px > 0 {
            let points = band(right_of(k), y, right_of(k) + stub, y, in_nurture_px);
            draw_band(
                &mut shapes,
                stats_hover(FlowItem::InNurture(k), &stage.open_in_nurture),
                points,
                back_color,
            )?;
            y += in_nurture_px;
        }
        let lost_px = thick(lost[k]);
        if lost_px > 0 {
            let points = turn_down(right_of(k), y, lost_px, turn, y_bottom);
            draw_band(
                &mut shapes,
                mean_hover(FlowItem::Lost(k), lost[k]),
                points,
                lost_color,
            )?;
            let note = fill(&labels.lost_note, &[("count", &format.count(lost[k]))]);
            let middle = right_of(k) + turn + lost_px / 2;
            let note = fit_text(area, &note, fonts.note, gap - scale.px(2.0));
            area.draw_text(
                &note,
                &text_style(fonts.note, INK, HPos::Center, VPos::Top),
                (middle.min(width - margin), y_bottom + scale.px(3.0)),
            )
            .map_err(backend)?;
            y += lost_px;
        }
        let open_px = thick(stage.open.mean);
        if open_px > 0 {
            let points = band(right_of(k), y, right_of(k) + stub, y, open_px);
            draw_band(
                &mut shapes,
                stats_hover(FlowItem::Open(k), &stage.open),
                points,
                open_color,
            )?;
        }

        // The node over its flows, its name and mean entries above.
        area.draw(&Rectangle::new(
            [(left_of(k), top), (right_of(k), bottom)],
            node_color.filled(),
        ))
        .map_err(backend)?;
        nodes.push(((left_of(k), top), (right_of(k), bottom)));
        node_hovers.push(stats_hover(FlowItem::Stage(k), &stage.entered));
        draw_heading(
            area,
            &stage.name,
            &format.count(entered),
            centre(k),
            column,
            names_top,
            name_height,
            fonts,
            scale,
        )?;
    }

    // The customers node and the skirt of repeat purchases under it.
    let c_bottom = node_bottom(customers.mean.max(0.0));
    let c_node = ((left_of(n), y0), (right_of(n), c_bottom));
    if has_repeats {
        let customers_mean = customers.mean.max(f64::MIN_POSITIVE);
        let widening = (repeats.mean / customers_mean).clamp(0.0, 50.0);
        let half_top = node_width / 2;
        let half_bottom = ((f64::from(node_width) * (1.0 + widening) / 2.0) as i32)
            .min(column / 2 - scale.px(2.0))
            .max(half_top);
        let top = c_bottom + scale.px(2.0);
        let points = vec![
            (centre(n) - half_top, top),
            (centre(n) + half_top, top),
            (centre(n) + half_bottom, y_bottom),
            (centre(n) - half_bottom, y_bottom),
        ];
        draw_band(
            &mut shapes,
            stats_hover(FlowItem::Repeats, repeats),
            points,
            repeat_color,
        )?;
        let note = fill(
            &labels.repeat_note,
            &[("count", &format.count(repeats.mean))],
        );
        let note = fit_text(area, &note, fonts.note, column - scale.px(4.0));
        area.draw_text(
            &note,
            &text_style(fonts.note, INK, HPos::Center, VPos::Top),
            (centre(n), y_bottom + scale.px(3.0)),
        )
        .map_err(backend)?;
    }
    area.draw(&Rectangle::new(
        [c_node.0, c_node.1],
        palette::BLUISH_GREEN.filled(),
    ))
    .map_err(backend)?;
    node_hovers.push(stats_hover(FlowItem::Customers, &customers));
    draw_heading(
        area,
        &labels.customers,
        &format.count(customers.mean.max(0.0)),
        centre(n),
        column,
        names_top,
        name_height,
        fonts,
        scale,
    )?;

    area.present().map_err(backend)?;
    Ok(FlowMapping {
        nodes,
        customers: c_node,
        shapes,
        node_hovers,
    })
}

/// A node's name and its mean entries, centred over its column.
#[allow(clippy::too_many_arguments)]
fn draw_heading<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    name: &str,
    count: &str,
    centre: i32,
    column: i32,
    top: i32,
    name_height: i32,
    fonts: frame::Fonts,
    scale: Scale,
) -> Result<(), ChartError> {
    let room = column - scale.px(4.0);
    let name = fit_text(area, name, fonts.tick, room);
    area.draw_text(
        &name,
        &text_style(fonts.tick, INK, HPos::Center, VPos::Top),
        (centre, top),
    )
    .map_err(backend)?;
    let count = fit_text(area, count, fonts.note, room);
    area.draw_text(
        &count,
        &text_style(fonts.note, INK, HPos::Center, VPos::Top),
        (centre, top + name_height),
    )
    .map_err(backend)
}

/// A band `thickness` pixels thick from `(x0, y0)` (its top edge) to `(x1, y1)`, its edges
/// eased between the two heights (a smooth S, flat at both ends).
fn band(x0: i32, y0: i32, x1: i32, y1: i32, thickness: i32) -> Vec<(i32, i32)> {
    const STEPS: i32 = 16;
    let point = |i: i32| {
        let t = f64::from(i) / f64::from(STEPS);
        let ease = t * t * (3.0 - 2.0 * t);
        let x = x0 + ((f64::from(x1 - x0)) * t).round() as i32;
        let y = y0 + ((f64::from(y1 - y0)) * ease).round() as i32;
        (x, y)
    };
    let mut points: Vec<(i32, i32)> = (0..=STEPS).map(point).collect();
    points.extend((0..=STEPS).rev().map(|i| {
        let (x, y) = point(i);
        (x, y + thickness)
    }));
    points
}

/// A band leaving rightwards from `(x, y)` (its top edge), `thickness` thick, turning down
/// around a quarter circle of inner radius `inner`, then running down to `bottom`.
fn turn_down(x: i32, y: i32, thickness: i32, inner: i32, bottom: i32) -> Vec<(i32, i32)> {
    const STEPS: i32 = 10;
    let outer = f64::from(inner + thickness);
    let inner_r = f64::from(inner);
    // The centre of the turn: left of the band's vertical run, below its start.
    let (cx, cy) = (f64::from(x), f64::from(y) + outer);
    let arc = |radius: f64, i: i32| {
        let angle = std::f64::consts::FRAC_PI_2 * f64::from(i) / f64::from(STEPS);
        (
            (cx + radius * angle.sin()).round() as i32,
            (cy - radius * angle.cos()).round() as i32,
        )
    };
    let bottom = bottom.max(cy as i32);
    let mut points: Vec<(i32, i32)> = (0..=STEPS).map(|i| arc(outer, i)).collect();
    points.push(((cx + outer) as i32, bottom));
    points.push(((cx + inner_r) as i32, bottom));
    points.extend((0..=STEPS).rev().map(|i| arc(inner_r, i)));
    points
}

fn in_polygon(points: &[(i32, i32)], (x, y): (i32, i32)) -> bool {
    let (x, y) = (f64::from(x) + 0.5, f64::from(y) + 0.5);
    let mut inside = false;
    let mut j = points.len().wrapping_sub(1);
    for i in 0..points.len() {
        let (xi, yi) = (f64::from(points[i].0), f64::from(points[i].1));
        let (xj, yj) = (f64::from(points[j].0), f64::from(points[j].1));
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

fn near_path(points: &[(i32, i32)], (x, y): (i32, i32), reach: f64) -> bool {
    let (x, y) = (f64::from(x), f64::from(y));
    points.windows(2).any(|pair| {
        let (ax, ay) = (f64::from(pair[0].0), f64::from(pair[0].1));
        let (bx, by) = (f64::from(pair[1].0), f64::from(pair[1].1));
        let (dx, dy) = (bx - ax, by - ay);
        let length = dx * dx + dy * dy;
        let t = if length > 0.0 {
            (((x - ax) * dx + (y - ay) * dy) / length).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let (px, py) = (ax + t * dx - x, ay + t * dy - y);
        (px * px + py * py).sqrt() <= reach
    })
}

/// Checks that the figures are finite and that `nurture_to` names stages.
fn check(
    stages: &[StageReport],
    nurture_to: &[Option<usize>],
    repeats: &Stats,
) -> Result<(), ChartError> {
    if stages.is_empty() {
        return Err(ChartError::Empty {
            what: "stages".to_string(),
        });
    }
    if nurture_to.len() != stages.len() || nurture_to.iter().flatten().any(|&t| t >= stages.len()) {
        return Err(ChartError::Invalid {
            field: "nurture_to".to_string(),
            rule: "one entry per stage, each naming a stage",
        });
    }
    for (index, stage) in stages.iter().enumerate() {
        let figures = [
            ("entered", &stage.entered),
            ("converted", &stage.converted),
            ("failed", &stage.failed),
            ("open", &stage.open),
            ("open_in_nurture", &stage.open_in_nurture),
            ("reentered", &stage.reentered),
        ];
        for (name, stats) in figures {
            if [stats.mean, stats.p5, stats.p95]
                .iter()
                .any(|v| !v.is_finite())
            {
                return Err(ChartError::NotFiniteValue {
                    field: format!("stages[{index}].{name}"),
                });
            }
        }
    }
    if [repeats.mean, repeats.p5, repeats.p95]
        .iter()
        .any(|v| !v.is_finite())
    {
        return Err(ChartError::NotFiniteValue {
            field: "repeat_purchases".to_string(),
        });
    }
    Ok(())
}
