//! Editing segments (`segments`): adding, naming, sharing out and removing them, which source
//! sends its leads where, and the grid of what each segment meets differently at each stage.
//!
//! The grid's cells hold the three things a person changes per segment: the conversion (typed
//! as a rate, `rate_input`), the mean time to decide in days and the mean value. A delay or a
//! value typed in a cell keeps the law of the stage's own (an exponential delay stays
//! exponential with the new mean, a lognormal value keeps its spread relative to its mean), so
//! one number is enough; an override read from a file keeps its own law until it is retyped.
//! An empty cell takes the override out: the segment then meets the stage's own.

use crate::i18n::{self, Locale};
use crate::scenario::{Delay, Rate, Scenario, Segment, StageOverride, Value};

use super::edit::{EditError, check_name, unique_name};
use super::laws::delay_mean;
use super::rate_input;

/// What a cell of the grid changes.
#[derive(Debug, Clone, PartialEq)]
pub enum OverrideField {
    /// The segment's own conversion, or `None` for the stage's.
    Conversion(Option<Rate>),
    /// The segment's own time to decide, or `None` for the stage's.
    Delay(Option<Delay>),
    /// The segment's own value, or `None` for the stage's.
    Value(Option<Value>),
}

/// The scenario with a new last segment: a unique name in `locale` ("Segment 2") and the
/// share the others leave (all of it for the first, so the forecast does not change).
pub fn add_segment(scenario: &Scenario, locale: Locale) -> Scenario {
    let mut edited = scenario.clone();
    let name = unique_name(
        "editor.segment.default_name",
        locale,
        scenario.segments.len() + 1,
        scenario.segments.iter().map(|s| s.name.as_str()),
    );
    let taken: f64 = scenario.segments.iter().map(|s| s.share).sum();
    let share = if taken.is_finite() {
        (1.0 - taken).clamp(0.0, 1.0)
    } else {
        0.0
    };
    edited.segments.push(Segment {
        name,
        share: round_share(share),
        stages: Default::default(),
    });
    edited
}

/// Shares are kept to 12 decimals, so that 0.7 + 0.3 stays 1 within validation's 1e-9.
fn round_share(share: f64) -> f64 {
    (share * 1e12).round() / 1e12
}

/// The scenario without segment `index`: its share goes to the first segment left (so the
/// shares still add up), and sources that named it are left to the shares.
///
/// # Errors
/// `NoSuchSegment`.
pub fn remove_segment(scenario: &Scenario, index: usize) -> Result<Scenario, EditError> {
    let removed = scenario
        .segments
        .get(index)
        .ok_or(EditError::NoSuchSegment { index })?;
    let mut edited = scenario.clone();
    edited.segments.remove(index);
    if let Some(first) = edited.segments.first_mut() {
        first.share = round_share((first.share + removed.share).clamp(0.0, 1.0));
    }
    for source in &mut edited.sources {
        if source.segment.as_deref() == Some(removed.name.as_str()) {
            source.segment = None;
        }
    }
    Ok(edited)
}

/// The scenario with segment `index` named `name`, and the sources that named it renamed too.
///
/// # Errors
/// `NoSuchSegment`, the name errors of stages and sources, or `DuplicateSegmentName`.
pub fn rename_segment(
    scenario: &Scenario,
    index: usize,
    name: &str,
) -> Result<Scenario, EditError> {
    let old = &scenario
        .segments
        .get(index)
        .ok_or(EditError::NoSuchSegment { index })?
        .name;
    check_name(name)?;
    if old == name {
        return Ok(scenario.clone());
    }
    if scenario
        .segments
        .iter()
        .enumerate()
        .any(|(g, s)| g != index && s.name == name)
    {
        return Err(EditError::DuplicateSegmentName {
            name: name.to_string(),
        });
    }
    let mut edited = scenario.clone();
    for source in &mut edited.sources {
        if source.segment.as_ref() == Some(old) {
            source.segment = Some(name.to_string());
        }
    }
    edited.segments[index].name = name.to_string();
    Ok(edited)
}

/// The scenario with segment `index`'s share set to `share` (a fraction, as typed: a share
/// outside [0, 1] or shares that do not add up are for validation to say).
///
/// # Errors
/// `NoSuchSegment`.
pub fn set_share(scenario: &Scenario, index: usize, share: f64) -> Result<Scenario, EditError> {
    let mut edited = scenario.clone();
    let segment = edited
        .segments
        .get_mut(index)
        .ok_or(EditError::NoSuchSegment { index })?;
    segment.share = share;
    Ok(edited)
}

/// The scenario with segment `segment`'s cell at stage `stage` set: `None` takes that override
/// out (and the stage's entry when nothing is left in it).
///
/// # Errors
/// `NoSuchSegment` or `NoSuchStage`.
pub fn set_override(
    scenario: &Scenario,
    segment: usize,
    stage: usize,
    field: &OverrideField,
) -> Result<Scenario, EditError> {
    let name = scenario
        .stages
        .get(stage)
        .ok_or(EditError::NoSuchStage { index: stage })?
        .name
        .clone();
    let mut edited = scenario.clone();
    let target = edited
        .segments
        .get_mut(segment)
        .ok_or(EditError::NoSuchSegment { index: segment })?;
    let mut over = target.stages.remove(&name).unwrap_or_default();
    match field {
        OverrideField::Conversion(rate) => over.conversion = *rate,
        OverrideField::Delay(delay) => over.delay_days = *delay,
        OverrideField::Value(value) => over.value = *value,
    }
    if !over.is_empty() {
        target.stages.insert(name, over);
    }
    Ok(edited)
}

/// A delay of the law of `base` with mean `days` (a fixed or uniform delay in whole days).
pub fn delay_with_mean(base: &Delay, days: f64) -> Delay {
    let days = if days.is_finite() { days.max(0.0) } else { 0.0 };
    let old = delay_mean(base);
    match *base {
        Delay::Fixed(_) => Delay::Fixed(days.round() as i64),
        Delay::Uniform { min, max } => {
            let half = (max - min) as f64 / 2.0 * if old > 0.0 { days / old } else { 1.0 };
            Delay::Uniform {
                min: (days - half).round().max(0.0) as i64,
                max: (days + half).round() as i64,
            }
        }
        Delay::Exponential { .. } => Delay::Exponential { mean: days },
        Delay::Lognormal { sigma, .. } => Delay::Lognormal {
            median: (days / (sigma * sigma / 2.0).exp()).max(0.01),
            sigma,
        },
        Delay::Gamma { shape, .. } => Delay::Gamma {
            shape,
            scale: (days / shape).max(0.01),
        },
    }
}

/// The mean of a value law.
pub fn value_mean(value: &Value) -> f64 {
    match *value {
        Value::Fixed(amount) => amount,
        Value::Uniform { low, high } => (low + high) / 2.0,
        Value::Lognormal { mean, .. } => mean,
    }
}

/// A value of the law of `base` (fixed without one) with mean `amount`, its spread scaled with
/// its mean.
pub fn value_with_mean(base: Option<&Value>, amount: f64) -> Value {
    let old = base.map_or(0.0, value_mean);
    let scale = if old > 0.0 { amount / old } else { 1.0 };
    match base {
        None | Some(Value::Fixed(_)) => Value::Fixed(amount),
        Some(&Value::Uniform { low, high }) => Value::Uniform {
            low: low * scale,
            high: high * scale,
        },
        Some(&Value::Lognormal { sd, .. }) => Value::Lognormal {
            mean: amount,
            sd: sd * scale,
        },
    }
}

/// One cell of the grid as the editor shows it: each field's text (empty when the segment
/// meets the stage's own) and the stage's own, shown as the placeholder.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub conversion: String,
    pub conversion_base: String,
    pub delay: String,
    pub delay_base: String,
    pub value: String,
    pub value_base: String,
}

/// The texts of segment `segment`'s cell at stage `stage` in `locale`.
pub fn cell(scenario: &Scenario, segment: usize, stage: usize, locale: Locale) -> Cell {
    let Some(base) = scenario.stages.get(stage) else {
        return Cell::default();
    };
    let over: StageOverride = scenario
        .segments
        .get(segment)
        .and_then(|g| g.stages.get(&base.name))
        .cloned()
        .unwrap_or_default();
    let days = |delay: &Delay| i18n::format::number(locale, delay_mean(delay), 1);
    let amount = |value: &Value| i18n::format::number(locale, value_mean(value), 2);
    Cell {
        conversion: over
            .conversion
            .map(|rate| rate_input::text(&rate, locale))
            .unwrap_or_default(),
        conversion_base: rate_input::text(&base.conversion, locale),
        delay: over.delay_days.as_ref().map(days).unwrap_or_default(),
        delay_base: days(&base.delay_days),
        value: over.value.as_ref().map(amount).unwrap_or_default(),
        value_base: base.value.as_ref().map(amount).unwrap_or_default(),
    }
}

/// Why a cell's text was not taken.
#[derive(Debug, Clone, PartialEq)]
pub enum CellProblem {
    /// Not a rate (`rate_input`'s reason).
    Rate(rate_input::RateInputError),
    /// Not a number of days or an amount.
    NotANumber,
}

/// The change a cell's text makes: an empty text takes the override out; a conversion is read
/// as the stage's field reads it, a delay as a mean in days and a value as a mean amount, each
/// in the law of the stage's own (see the module's documentation).
///
/// # Errors
/// Text that is not a rate, or not a number.
pub fn read_cell(
    scenario: &Scenario,
    stage: usize,
    kind: CellKind,
    text: &str,
    locale: Locale,
) -> Result<OverrideField, CellProblem> {
    let blank = text.trim().is_empty();
    let base = scenario.stages.get(stage);
    let number = || i18n::input::parse_number(locale, text).ok_or(CellProblem::NotANumber);
    Ok(match kind {
        CellKind::Conversion if blank => OverrideField::Conversion(None),
        CellKind::Conversion => {
            OverrideField::Conversion(Some(rate_input::parse(text).map_err(CellProblem::Rate)?))
        }
        CellKind::Delay if blank => OverrideField::Delay(None),
        CellKind::Delay => {
            let days = number()?;
            let law = base.map_or(Delay::Fixed(0), |s| s.delay_days);
            OverrideField::Delay(Some(delay_with_mean(&law, days)))
        }
        CellKind::Value if blank => OverrideField::Value(None),
        CellKind::Value => {
            let amount = number()?;
            OverrideField::Value(Some(value_with_mean(
                base.and_then(|s| s.value.as_ref()),
                amount,
            )))
        }
    })
}

/// Which field of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Conversion,
    Delay,
    Value,
}

impl CellKind {
    /// The field's key in the scenario format, for paths.
    pub fn key(self) -> &'static str {
        match self {
            CellKind::Conversion => "conversion",
            CellKind::Delay => "delay_days",
            CellKind::Value => "value",
        }
    }
}

/// The shares of the segments in percent, added up, as the editor says it under the list
/// ("Shares add up to 90%: they must make 100%"), or `None` when they make 100% (or no source
/// is left to them).
pub fn shares_note(scenario: &Scenario, locale: Locale) -> Option<String> {
    if scenario.segments.is_empty() || scenario.sources.iter().all(|s| s.segment.is_some()) {
        return None;
    }
    let sum: f64 = scenario.segments.iter().map(|s| s.share).sum();
    ((sum - 1.0).abs() > 1e-9).then(|| {
        i18n::tf(
            locale,
            "editor.segments.shares_sum",
            &[("sum", &i18n::format::percent(locale, sum, 1))],
        )
    })
}
