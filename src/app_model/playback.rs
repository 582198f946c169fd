//! The teaching view's journeys in motion, sans IO: the playback clock (play, pause, a day
//! forward or back, back to day 0, speed in days per second) and where each lead's dot is at a
//! moment of it, given where the flow diagram drew its nodes. A dot sits in the node of the
//! stage it is deciding in, spread over the node by a jitter of its own; it glides to the next
//! node over the day it moves; a lost lead falls below its stage and fades out over
//! `FADE_DAYS`; a lead in nurture circles above the stage it failed; a customer sits in the
//! customers node; a lead still open at the horizon stays where it is.

use std::collections::HashMap;

use crate::engine::journeys::{Cohort, Kind};

/// A node of the flow diagram in backend pixels: `(left, top)`, `(right, bottom)`.
pub type Rect = ((i32, i32), (i32, i32));

/// The speeds the view offers, in days per second.
pub const SPEEDS: [f64; 5] = [1.0, 2.0, 5.0, 10.0, 20.0];
/// The speed a view starts at.
pub const DEFAULT_SPEED: f64 = 5.0;
/// The cohort sizes the view offers (the default and its most).
pub const LEAD_CHOICES: [u32; 4] = [200, 500, 1000, 2000];
/// Days over which a lost lead fades out.
pub const FADE_DAYS: f64 = 3.0;

/// The playback clock.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Playback {
    /// The moment shown, in days (fractional while playing).
    pub time: f64,
    /// The last day (the horizon minus one).
    pub last_day: u32,
    pub playing: bool,
    /// Days per second.
    pub speed: f64,
}

impl Playback {
    /// At day 0, paused, for a scenario of `horizon` days.
    pub fn new(horizon: u32) -> Playback {
        Playback {
            time: 0.0,
            last_day: horizon.saturating_sub(1),
            playing: false,
            speed: DEFAULT_SPEED,
        }
    }

    /// The day shown (what `teach-day` says).
    pub fn day(&self) -> u32 {
        (self.time.max(0.0).floor() as u32).min(self.last_day)
    }

    /// `elapsed_ms` of play: the clock moves by the speed; at the last day it stops there.
    pub fn tick(&mut self, elapsed_ms: f64) {
        if !self.playing || !elapsed_ms.is_finite() || elapsed_ms <= 0.0 {
            return;
        }
        // A tab in the background sends one late frame: never jump more than a second.
        let seconds = (elapsed_ms / 1000.0).min(1.0);
        self.time += seconds * self.speed;
        let last = f64::from(self.last_day);
        if self.time >= last {
            self.time = last;
            self.playing = false;
        }
    }

    /// Play, or pause; playing from the last day starts again from day 0.
    pub fn toggle(&mut self) {
        if !self.playing && self.day() >= self.last_day {
            self.time = 0.0;
        }
        self.playing = !self.playing;
    }

    /// One day forward (paused).
    pub fn step(&mut self) {
        self.playing = false;
        self.time = f64::from((self.day() + 1).min(self.last_day));
    }

    /// One day back (paused).
    pub fn back(&mut self) {
        self.playing = false;
        self.time = f64::from(self.day().saturating_sub(1));
    }

    /// Back to day 0 (paused).
    pub fn reset(&mut self) {
        self.playing = false;
        self.time = 0.0;
    }

    /// A speed from the menu (ignored unless positive and finite).
    pub fn set_speed(&mut self, speed: f64) {
        if speed.is_finite() && speed > 0.0 {
            self.speed = speed;
        }
    }
}

/// One dot to draw (the chart's `Dot`, made here in the same shape).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dot {
    /// The lead's index in the cohort.
    pub lead: usize,
    pub x: f64,
    pub y: f64,
    /// 1 opaque, 0 gone (a lost lead fading).
    pub alpha: f64,
    pub state: DotState,
}

/// What a dot shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DotState {
    Deciding,
    Nurture,
    Lost,
    Customer,
}

/// Where a lead is at the end of a day.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    Hidden,
    Stage(usize),
    Nurture(usize),
    Lost { stage: usize, since: u32 },
    Customer,
}

/// Where the flow diagram put its nodes (the chart's mapping), for the dots.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub nodes: Vec<Rect>,
    pub customers: Rect,
    /// The dot's radius in backend pixels (nodes are inset by it).
    pub radius: f64,
}

/// The lead's own spread inside a node: two numbers in [0, 1), fixed for the lead.
fn jitter(lead: usize) -> (f64, f64) {
    // SplitMix64 of the index: well spread, the same on every run.
    let mut z = (lead as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    let u = (z >> 40) as f64 / f64::from(1u32 << 24);
    let v = ((z >> 16) & 0xFF_FFFF) as f64 / f64::from(1u32 << 24);
    (u, v)
}

/// The dots of `cohort` at `time` (days), its leads' stages named as `stages` names them.
/// Leads that have not arrived yet, or have faded after being lost, have no dot.
pub fn dots(cohort: &Cohort, stages: &[String], layout: &Layout, time: f64) -> Vec<Dot> {
    let index: HashMap<&str, usize> = stages
        .iter()
        .enumerate()
        .map(|(k, s)| (s.as_str(), k))
        .collect();
    let time = time.max(0.0);
    let day = time.floor() as u32;
    let fraction = time - time.floor();
    let mut out = Vec::with_capacity(cohort.leads.len());
    for (lead, journey) in cohort.leads.iter().enumerate() {
        let place_on = |day: u32| {
            let mut place = Place::Hidden;
            for event in journey.events.iter().take_while(|e| e.day <= day) {
                let Some(&k) = index.get(event.stage.as_str()) else {
                    continue;
                };
                place = match event.kind {
                    Kind::Entered | Kind::Returned => Place::Stage(k),
                    Kind::Advanced => Place::Stage((k + 1).min(stages.len().saturating_sub(1))),
                    Kind::Purchased | Kind::Repeat => Place::Customer,
                    Kind::Lost => Place::Lost {
                        stage: k,
                        since: event.day,
                    },
                    Kind::Nurture => Place::Nurture(k),
                    // Still there at the horizon: it stays where it was.
                    Kind::Open => place,
                };
            }
            place
        };
        let now = place_on(day);
        let next = if fraction > 0.0 {
            place_on(day + 1)
        } else {
            now
        };
        let Some(here) = position(layout, lead, now, time) else {
            continue;
        };
        let (x, y, alpha, state) = match position(layout, lead, next, time) {
            // Moving to another node over the day: glide.
            Some(there) if next != now && !matches!(next, Place::Lost { .. }) => (
                here.0 + (there.0 - here.0) * fraction,
                here.1 + (there.1 - here.1) * fraction,
                here.2,
                there.3,
            ),
            _ => here,
        };
        if alpha > 0.0 {
            out.push(Dot {
                lead,
                x,
                y,
                alpha,
                state,
            });
        }
    }
    out
}

/// A dot's place in pixels, its opacity and state; `None` when it has none.
fn position(
    layout: &Layout,
    lead: usize,
    place: Place,
    time: f64,
) -> Option<(f64, f64, f64, DotState)> {
    let (u, v) = jitter(lead);
    let inside = |((l, t), (r, b)): Rect| {
        let inset = layout.radius;
        let (l, t, r, b) = (f64::from(l), f64::from(t), f64::from(r), f64::from(b));
        let width = (r - l - 2.0 * inset).max(0.0);
        let height = (b - t - 2.0 * inset).max(0.0);
        (l + inset + u * width, t + inset + v * height)
    };
    match place {
        Place::Hidden => None,
        Place::Stage(k) => {
            let (x, y) = inside(*layout.nodes.get(k)?);
            Some((x, y, 1.0, DotState::Deciding))
        }
        Place::Customer => {
            let (x, y) = inside(layout.customers);
            Some((x, y, 1.0, DotState::Customer))
        }
        Place::Nurture(k) => {
            // Circling above the stage it failed, each on its own part of the ring.
            let ((l, t), (r, _)) = *layout.nodes.get(k)?;
            let (cx, cy) = (f64::from(l + r) / 2.0, f64::from(t) - 3.0 * layout.radius);
            let rx = f64::from(r - l) / 2.0;
            let ry = 2.0 * layout.radius;
            let angle = std::f64::consts::TAU * (u + time / 8.0);
            Some((
                cx + rx * angle.cos(),
                cy + ry * angle.sin(),
                1.0,
                DotState::Nurture,
            ))
        }
        Place::Lost { stage, since } => {
            let ((l, _), (r, b)) = *layout.nodes.get(stage)?;
            let age = (time - f64::from(since)).max(0.0);
            let alpha = 1.0 - age / FADE_DAYS;
            let x = f64::from(l) + u * f64::from(r - l);
            let y = f64::from(b) + layout.radius * (2.0 + 6.0 * age);
            Some((x, y, alpha.max(0.0), DotState::Lost))
        }
    }
}

/// The lead whose dot is nearest `(x, y)`, within `reach` pixels.
pub fn dot_at(dots: &[Dot], (x, y): (f64, f64), reach: f64) -> Option<usize> {
    dots.iter()
        .map(|d| (d.lead, (d.x - x).hypot(d.y - y)))
        .filter(|(_, distance)| *distance <= reach)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(lead, _)| lead)
}
