//! Every change a person can make to the work, as a value: `Action`, applied by `apply`.
//!
//! The work is plan A and its variants, the variant shown, and the settings of the forecast
//! (`Work`). The page turns each click and each committed field into one `Action` and hands it
//! to `apply`; it never edits the scenario itself. Undo steps are actions too: `Action::undo_key`
//! says which field an action edits, so that a burst of edits of one field is one undo step and
//! two different edits never merge (the history lives in `history.rs`, the page calls it with
//! the action's key). The defaults of a new stage, source, nurture loop, retention and variant
//! are `edit.rs`'s, in the person's language.

use crate::i18n::Locale;
use crate::i18n::format::Currency;
use std::collections::BTreeMap;

use crate::scenario::{Arrivals, Delay, Nurture, Rate, Retention, Scenario, Value, presets};

use super::Settings;
use super::edit::{self, Direction, EditError};
use super::history::History;
use super::laws::{DelayKind, ValueKind, lost_delay_of_kind, value_of_kind};

/// The most variants the page keeps (each is simulated when they are compared).
pub const MAX_VARIANTS: usize = 6;

/// What the person works on: plan A and its variants, the one shown, the settings, the
/// currency money is shown in and the revenue target. Share links, the JSON export and the
/// autosave carry all of it (`share::Shared`, `autosave::Saved`).
#[derive(Debug, Clone, PartialEq)]
pub struct Work {
    /// Plan A first, then its variants B, C, ...; never empty.
    pub variants: Vec<Scenario>,
    /// The variant the editor shows and the forecast is of.
    pub active: usize,
    pub settings: Settings,
    pub currency: Currency,
    /// The revenue target the distribution chart measures the forecast against.
    pub target: Option<f64>,
    /// What was switched off, kept so that switching it on again brings it back (not saved:
    /// a reload or a link holds the scenario as it is).
    pub parked: Parked,
}

/// Parts of the variants that were switched off: a stage's nurture loop or value (by variant
/// and stage name) and a variant's retention.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parked {
    nurture: BTreeMap<(usize, String), Nurture>,
    value: BTreeMap<(usize, String), Value>,
    lost_delay: BTreeMap<(usize, String), Delay>,
    retention: BTreeMap<usize, Retention>,
    retention_value: BTreeMap<usize, Value>,
}

impl Work {
    /// `variants` (plan A first) showing `active`; an empty list holds the default scenario.
    pub fn new(variants: Vec<Scenario>, active: usize, settings: Settings) -> Work {
        let variants = if variants.is_empty() {
            vec![presets::default_scenario()]
        } else {
            variants
        };
        let active = active.min(variants.len() - 1);
        Work {
            variants,
            active,
            settings,
            currency: Currency::None,
            target: None,
            parked: Parked::default(),
        }
    }

    /// The same work shown in `currency`, measured against `target`.
    pub fn with_view(mut self, currency: Currency, target: Option<f64>) -> Work {
        self.currency = currency;
        self.target = target.filter(|target| target.is_finite() && *target > 0.0);
        self
    }

    /// The variant shown.
    pub fn scenario(&self) -> &Scenario {
        &self.variants[self.active.min(self.variants.len() - 1)]
    }
}

/// Which way a source's leads arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrivalKind {
    /// A Poisson count around the mean each day.
    Poisson,
    /// Exactly the number each day.
    Fixed,
}

/// A field of a lead source.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceField {
    Entry(String),
    /// Switching keeps the number of leads a day (rounded for fixed arrivals).
    Arrivals(ArrivalKind),
    /// Leads a day (the mean for Poisson arrivals; rounded for fixed ones).
    PerDay(f64),
    StartDay(i64),
    /// `None`: active until the horizon.
    EndDay(Option<i64>),
    CostPerLead(f64),
    /// The segment all its leads belong to, or `None`: each lead's drawn by the shares.
    Segment(Option<String>),
}

/// A field of a stage.
#[derive(Debug, Clone, PartialEq)]
pub enum StageField {
    Conversion(Rate),
    Delay(Delay),
    /// The time to lose: `None` is "the same as the time to decide" (the key absent).
    LostDelay(Option<Delay>),
    /// The time to lose's law switched (keeping its mean; from the time to decide when the
    /// stage had none), or back to the same as the time to decide (`None`), which keeps the
    /// one switched off for when it is switched on again.
    LostDelayKind(Option<DelayKind>),
    Value(Option<Value>),
    /// The value's law switched (keeping its mean), or off (`ValueKind::None`); switching a
    /// value on again brings back the one switched off.
    ValueKind(ValueKind),
    /// A nurture loop on (the one switched off before, else the default loop back to the stage
    /// itself) or off.
    Nurture(bool),
}

/// A field of a stage's nurture loop.
#[derive(Debug, Clone, PartialEq)]
pub enum NurtureField {
    Share(f64),
    Reentry(f64),
    To(String),
    MaxCycles(i64),
    Delay(Delay),
}

/// A field of the repeat purchases.
#[derive(Debug, Clone, PartialEq)]
pub enum RetentionField {
    Repeat(f64),
    MaxRepeats(i64),
    Delay(Delay),
    Value(Option<Value>),
    /// As `StageField::ValueKind`, for repeat purchases.
    ValueKind(ValueKind),
}

/// One change of the work.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The shown scenario's name.
    SetName(String),
    SetHorizon(i64),
    /// How strongly lead quality ties the stages' uncertain rates together
    /// (`rate_correlation`); 0 takes the key out of the scenario, as it was before.
    SetRateCorrelation(f64),
    /// A new source (`edit::add_source`).
    AddSource,
    RemoveSource(usize),
    RenameSource {
        index: usize,
        name: String,
    },
    SetSource {
        index: usize,
        field: SourceField,
    },
    /// A new last stage (`edit::add_stage`).
    AddStage,
    RemoveStage(usize),
    /// Renames a stage and every reference to it.
    RenameStage {
        index: usize,
        name: String,
    },
    MoveStage {
        index: usize,
        direction: Direction,
    },
    SetStage {
        index: usize,
        field: StageField,
    },
    SetNurture {
        stage: usize,
        field: NurtureField,
    },
    /// A new last segment (`segments::add_segment`).
    AddSegment,
    RemoveSegment(usize),
    /// Renames a segment and the sources naming it.
    RenameSegment {
        index: usize,
        name: String,
    },
    /// A segment's share, as a fraction.
    SetSegmentShare {
        index: usize,
        share: f64,
    },
    /// One cell of the segments' grid: what `segment` meets at `stage`.
    SetSegmentStage {
        segment: usize,
        stage: usize,
        field: super::segments::OverrideField,
    },
    /// Repeat purchases on (the default retention unless already on) or off.
    SetRetention(bool),
    SetRetentionField(RetentionField),
    SetRuns(u32),
    /// "Runs: automatic" until this relative standard error (`runs` becomes the most runs),
    /// or `None`: exactly `runs` runs.
    SetPrecision(Option<f64>),
    SetSeed(u64),
    /// The currency money is shown in.
    SetCurrency(Currency),
    /// The revenue target (`None`, or a non-positive amount, clears it).
    SetTarget(Option<f64>),
    /// A copy of the shown variant as a new variant, shown next.
    DuplicateVariant,
    /// Removes the shown variant (never plan A) and shows the one before it.
    RemoveVariant,
    /// Shows another variant (not an edit: it is no undo step).
    SelectVariant(usize),
    /// Replaces the whole work by one scenario (a preset, an empty scenario, an imported
    /// file), shown as plan A.
    Replace(Scenario),
    /// A scenario made elsewhere (calibrated from a CRM history) as a new variant, named like
    /// a copy of it (`Plan (B)`), shown next.
    AddVariant(Scenario),
    /// The shown variant's scenario replaced by one made elsewhere (calibrated from a CRM
    /// history), keeping the variant's name: one undo step.
    ReplaceShown(Scenario),
    /// Replaces the whole work (a share link or saved work): variants, shown one, settings.
    ReplaceWork(Work),
    /// A goal's answer applied: the lever moved by `change` in the shown variant, or in a new
    /// variant copied from it (then shown).
    ApplyLever {
        lever: crate::decisions::Lever,
        change: f64,
        as_variant: bool,
    },
    /// Goes back one undo step (nothing when there is none).
    Undo,
    /// Goes forward one undone step (nothing when there is none).
    Redo,
}

/// Why an action was refused; the work is left as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionError {
    /// The scenario edit was refused (a name taken, a stage in use, ...).
    Edit(EditError),
    /// There is no variant at this index.
    NoSuchVariant { index: usize },
    /// Plan A cannot be removed.
    CannotRemovePlanA,
    /// The page keeps at most `MAX_VARIANTS` variants.
    TooManyVariants,
    /// Runs from 1 to `super::MAX_RUNS`.
    RunsOutOfRange { runs: u32 },
    /// A precision not above 0 or above `engine::automatic::MAX_TOLERANCE`.
    PrecisionOutOfRange,
}

impl From<EditError> for ActionError {
    fn from(error: EditError) -> ActionError {
        ActionError::Edit(error)
    }
}

impl Action {
    /// The field this action edits, for undo: edits of the same field in a burst make one undo
    /// step; `None` for an action that is always a step of its own (adding, removing, moving,
    /// switching on or off, replacing) or no edit at all (showing another variant).
    pub fn undo_key(&self) -> Option<String> {
        Some(match self {
            Action::SetName(_) => "name".to_string(),
            Action::SetHorizon(_) => "horizon_days".to_string(),
            Action::SetRateCorrelation(_) => "rate_correlation".to_string(),
            Action::RenameSource { index, .. } => format!("sources[{index}].name"),
            Action::SetSource { index, field } => format!(
                "sources[{index}].{}",
                match field {
                    SourceField::Entry(_) => "entry",
                    SourceField::Arrivals(_) => return None,
                    SourceField::PerDay(_) => "per_day",
                    SourceField::StartDay(_) => "start_day",
                    SourceField::EndDay(_) => "end_day",
                    SourceField::CostPerLead(_) => "cost_per_lead",
                    SourceField::Segment(_) => "segment",
                }
            ),
            Action::RenameSegment { index, .. } => format!("segments[{index}].name"),
            Action::SetSegmentShare { index, .. } => format!("segments[{index}].share"),
            Action::SetSegmentStage {
                segment,
                stage,
                field,
            } => format!(
                "segments[{segment}].stages[{stage}].{}",
                match field {
                    super::segments::OverrideField::Conversion(_) => "conversion",
                    super::segments::OverrideField::Delay(_) => "delay_days",
                    super::segments::OverrideField::Value(_) => "value",
                }
            ),
            Action::RenameStage { index, .. } => format!("stages[{index}].name"),
            Action::SetStage { index, field } => format!(
                "stages[{index}].{}",
                match field {
                    StageField::Conversion(_) => "conversion",
                    StageField::Delay(_) => "delay_days",
                    StageField::LostDelay(_) => "lost_delay_days",
                    StageField::Value(_) => "value",
                    StageField::ValueKind(_)
                    | StageField::LostDelayKind(_)
                    | StageField::Nurture(_) => return None,
                }
            ),
            Action::SetNurture { stage, field } => format!(
                "stages[{stage}].nurture.{}",
                match field {
                    NurtureField::Share(_) => "share",
                    NurtureField::Reentry(_) => "reentry",
                    NurtureField::To(_) => "to",
                    NurtureField::MaxCycles(_) => "max_cycles",
                    NurtureField::Delay(_) => "delay_days",
                }
            ),
            Action::SetRetentionField(field) => format!(
                "retention.{}",
                match field {
                    RetentionField::Repeat(_) => "repeat",
                    RetentionField::MaxRepeats(_) => "max_repeats",
                    RetentionField::Delay(_) => "delay_days",
                    RetentionField::Value(_) => "value",
                    RetentionField::ValueKind(_) => return None,
                }
            ),
            Action::SetRuns(_) => "settings.runs".to_string(),
            Action::SetPrecision(_) => "settings.precision".to_string(),
            Action::SetSeed(_) => "settings.seed".to_string(),
            Action::SetCurrency(_) => "currency".to_string(),
            Action::SetTarget(_) => "target".to_string(),
            Action::AddSource
            | Action::RemoveSource(_)
            | Action::AddSegment
            | Action::RemoveSegment(_)
            | Action::AddStage
            | Action::RemoveStage(_)
            | Action::MoveStage { .. }
            | Action::SetRetention(_)
            | Action::DuplicateVariant
            | Action::RemoveVariant
            | Action::SelectVariant(_)
            | Action::Replace(_)
            | Action::AddVariant(_)
            | Action::ReplaceShown(_)
            | Action::ReplaceWork(_)
            | Action::ApplyLever { .. }
            | Action::Undo
            | Action::Redo => return None,
        })
    }
}

/// The work after `action`, with default names in `locale`.
///
/// # Errors
/// The action is refused (see `ActionError`); the work is unchanged.
pub fn apply(work: &Work, action: &Action, locale: Locale) -> Result<Work, ActionError> {
    let mut next = work.clone();
    let active = work.active.min(work.variants.len() - 1);
    let scenario = &work.variants[active];
    let edited: Option<Scenario> = match action {
        Action::SetName(name) => Some(Scenario {
            name: name.clone(),
            ..scenario.clone()
        }),
        Action::SetHorizon(days) => Some(Scenario {
            horizon_days: *days,
            ..scenario.clone()
        }),
        Action::SetRateCorrelation(r) => Some(Scenario {
            rate_correlation: (*r != 0.0).then_some(*r),
            ..scenario.clone()
        }),
        Action::AddSource => Some(edit::add_source(scenario, locale)),
        Action::RemoveSource(index) => Some(edit::remove_source(scenario, *index)?),
        Action::RenameSource { index, name } => Some(edit::rename_source(scenario, *index, name)?),
        Action::SetSource { index, field } => Some(set_source(scenario, *index, field)?),
        Action::AddSegment => Some(super::segments::add_segment(scenario, locale)),
        Action::RemoveSegment(index) => Some(super::segments::remove_segment(scenario, *index)?),
        Action::RenameSegment { index, name } => Some(super::segments::rename_segment(
            scenario,
            *index,
            name.trim(),
        )?),
        Action::SetSegmentShare { index, share } => {
            Some(super::segments::set_share(scenario, *index, *share)?)
        }
        Action::SetSegmentStage {
            segment,
            stage,
            field,
        } => Some(super::segments::set_override(
            scenario, *segment, *stage, field,
        )?),
        Action::AddStage => Some(edit::add_stage(scenario, locale)),
        Action::RemoveStage(index) => Some(edit::remove_stage(scenario, *index)?),
        Action::RenameStage { index, name } => {
            Some(edit::rename_stage(scenario, *index, name.trim())?)
        }
        Action::MoveStage { index, direction } => {
            Some(edit::move_stage(scenario, *index, *direction)?)
        }
        Action::SetStage { index, field } => Some(set_stage(
            scenario,
            *index,
            field,
            &mut next.parked,
            active,
        )?),
        Action::SetNurture { stage, field } => Some(set_nurture(scenario, *stage, field)?),
        Action::SetRetention(on) => {
            let mut edited = scenario.clone();
            if !on {
                if let Some(retention) = edited.retention.take() {
                    next.parked.retention.insert(active, retention);
                }
            } else if edited.retention.is_none() {
                edited.retention = Some(
                    next.parked
                        .retention
                        .remove(&active)
                        .unwrap_or_else(edit::default_retention),
                );
            }
            Some(edited)
        }
        Action::SetRetentionField(field) => Some(set_retention_field(
            scenario,
            field,
            &mut next.parked,
            active,
        )),
        Action::SetRuns(runs) => {
            if !(1..=super::MAX_RUNS).contains(runs) {
                return Err(ActionError::RunsOutOfRange { runs: *runs });
            }
            next.settings.runs = *runs;
            None
        }
        Action::SetPrecision(precision) => {
            let settings = super::Settings {
                precision: *precision,
                ..next.settings
            };
            if settings.validate().is_err() {
                return Err(ActionError::PrecisionOutOfRange);
            }
            next.settings = settings;
            None
        }
        Action::SetSeed(seed) => {
            next.settings.seed = *seed;
            None
        }
        Action::SetCurrency(currency) => {
            next.currency = *currency;
            None
        }
        Action::SetTarget(target) => {
            next.target = target.filter(|target| target.is_finite() && *target > 0.0);
            None
        }
        Action::DuplicateVariant => {
            if work.variants.len() >= MAX_VARIANTS {
                return Err(ActionError::TooManyVariants);
            }
            next.variants
                .push(edit::duplicate_as_variant(scenario, &work.variants));
            next.active = next.variants.len() - 1;
            None
        }
        Action::RemoveVariant => {
            if active == 0 {
                return Err(ActionError::CannotRemovePlanA);
            }
            next.variants.remove(active);
            next.active = active - 1;
            next.parked = Parked::default();
            None
        }
        Action::SelectVariant(index) => {
            if *index >= work.variants.len() {
                return Err(ActionError::NoSuchVariant { index: *index });
            }
            next.active = *index;
            None
        }
        Action::Replace(scenario) => {
            next.variants = vec![scenario.clone()];
            next.active = 0;
            next.parked = Parked::default();
            None
        }
        Action::AddVariant(made) => {
            if work.variants.len() >= MAX_VARIANTS {
                return Err(ActionError::TooManyVariants);
            }
            next.variants
                .push(edit::duplicate_as_variant(made, &work.variants));
            next.active = next.variants.len() - 1;
            None
        }
        Action::ReplaceShown(made) => Some(Scenario {
            name: scenario.name.clone(),
            ..made.clone()
        }),
        Action::ReplaceWork(work) => {
            next = Work::new(work.variants.clone(), work.active, work.settings)
                .with_view(work.currency, work.target);
            None
        }
        Action::ApplyLever {
            lever,
            change,
            as_variant,
        } => {
            let applied = edit::apply_lever(scenario, lever, *change)?;
            if *as_variant {
                if work.variants.len() >= MAX_VARIANTS {
                    return Err(ActionError::TooManyVariants);
                }
                let mut variant = edit::duplicate_as_variant(scenario, &work.variants);
                variant.stages = applied.stages;
                variant.sources = applied.sources;
                next.variants.push(variant);
                next.active = next.variants.len() - 1;
                None
            } else {
                Some(applied)
            }
        }
        // Undo and redo need the history: `Editing::dispatch` does them.
        Action::Undo | Action::Redo => None,
    };
    if let Some(edited) = edited {
        next.variants[active] = edited;
    }
    Ok(next)
}

fn set_source(
    scenario: &Scenario,
    index: usize,
    field: &SourceField,
) -> Result<Scenario, EditError> {
    let mut edited = scenario.clone();
    let source = edited
        .sources
        .get_mut(index)
        .ok_or(EditError::NoSuchSource { index })?;
    let per_day = |arrivals: &Arrivals| match *arrivals {
        Arrivals::Poisson(mean) => mean,
        Arrivals::Fixed(count) => count as f64,
    };
    match field {
        SourceField::Entry(entry) => source.entry = entry.clone(),
        SourceField::Arrivals(kind) => {
            let mean = per_day(&source.per_day);
            source.per_day = match kind {
                ArrivalKind::Fixed => Arrivals::Fixed(whole(mean)),
                ArrivalKind::Poisson => Arrivals::Poisson(mean),
            };
        }
        SourceField::PerDay(value) => {
            source.per_day = match source.per_day {
                Arrivals::Fixed(_) => Arrivals::Fixed(whole(*value)),
                Arrivals::Poisson(_) => Arrivals::Poisson(*value),
            };
        }
        SourceField::StartDay(day) => source.start_day = *day,
        SourceField::EndDay(day) => source.end_day = *day,
        SourceField::CostPerLead(cost) => source.cost_per_lead = *cost,
        SourceField::Segment(segment) => source.segment.clone_from(segment),
    }
    Ok(edited)
}

/// A number of leads as a whole number: rounded, and a number beyond `i64` (or not a number)
/// kept as its nearest `i64`, which validation then refuses with the field named.
fn whole(value: f64) -> i64 {
    if value.is_nan() {
        -1
    } else {
        value.round() as i64
    }
}

fn set_stage(
    scenario: &Scenario,
    index: usize,
    field: &StageField,
    parked: &mut Parked,
    variant: usize,
) -> Result<Scenario, EditError> {
    let mut edited = scenario.clone();
    let stage = edited
        .stages
        .get_mut(index)
        .ok_or(EditError::NoSuchStage { index })?;
    let key = (variant, stage.name.clone());
    match field {
        StageField::Conversion(rate) => stage.conversion = *rate,
        StageField::Delay(delay) => stage.delay_days = *delay,
        StageField::LostDelay(lost) => stage.lost_delay_days = *lost,
        StageField::LostDelayKind(kind) => {
            if kind.is_none() {
                if let Some(lost) = stage.lost_delay_days.take() {
                    parked.lost_delay.insert(key, lost);
                }
            } else {
                let restored = match stage.lost_delay_days {
                    None => parked.lost_delay.remove(&key),
                    Some(_) => None,
                };
                stage.lost_delay_days =
                    lost_delay_of_kind(*kind, &stage.lost_delay_days, restored, &stage.delay_days);
            }
        }
        StageField::Value(value) => stage.value = *value,
        StageField::ValueKind(kind) => {
            stage.value = switch_value(stage.value, *kind, &mut parked.value, key);
        }
        StageField::Nurture(on) => {
            if !on {
                if let Some(nurture) = stage.nurture.take() {
                    parked.nurture.insert(key, nurture);
                }
            } else if stage.nurture.is_none() {
                let default = edit::default_nurture(&stage.name);
                stage.nurture = Some(parked.nurture.remove(&key).unwrap_or(default));
            }
        }
    }
    Ok(edited)
}

/// A value switched to `kind`: off parks it under `key`, on again brings the parked one back
/// (in the new law when another is chosen), a change of law keeps the mean.
fn switch_value<K: Ord>(
    current: Option<Value>,
    kind: ValueKind,
    parked: &mut BTreeMap<K, Value>,
    key: K,
) -> Option<Value> {
    match (current, kind) {
        (Some(value), ValueKind::None) => {
            parked.insert(key, value);
            None
        }
        (None, ValueKind::None) => None,
        (None, kind) => {
            let restored = parked.remove(&key);
            value_of_kind(kind, &restored)
        }
        (current, kind) => value_of_kind(kind, &current),
    }
}

fn set_nurture(
    scenario: &Scenario,
    index: usize,
    field: &NurtureField,
) -> Result<Scenario, EditError> {
    let mut edited = scenario.clone();
    let stage = edited
        .stages
        .get_mut(index)
        .ok_or(EditError::NoSuchStage { index })?;
    // A field of a loop that is off (a stale row) changes nothing.
    if let Some(nurture) = stage.nurture.as_mut() {
        match field {
            NurtureField::Share(share) => nurture.share = *share,
            NurtureField::Reentry(reentry) => nurture.reentry = *reentry,
            NurtureField::To(to) => nurture.to = to.clone(),
            NurtureField::MaxCycles(cycles) => nurture.max_cycles = *cycles,
            NurtureField::Delay(delay) => nurture.delay_days = *delay,
        }
    }
    Ok(edited)
}

fn set_retention_field(
    scenario: &Scenario,
    field: &RetentionField,
    parked: &mut Parked,
    variant: usize,
) -> Scenario {
    let mut edited = scenario.clone();
    if let Some(retention) = edited.retention.as_mut() {
        match field {
            RetentionField::Repeat(repeat) => retention.repeat = *repeat,
            RetentionField::MaxRepeats(repeats) => retention.max_repeats = *repeats,
            RetentionField::Delay(delay) => retention.delay_days = *delay,
            RetentionField::Value(value) => retention.value = *value,
            RetentionField::ValueKind(kind) => {
                retention.value =
                    switch_value(retention.value, *kind, &mut parked.retention_value, variant);
            }
        }
    }
    edited
}

/// The work with its undo history: what the page edits, one action at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct Editing {
    pub work: Work,
    /// Plan A and its variants before each undo step (settings and the shown variant are not
    /// undone: they are how the work is looked at, not the work).
    pub history: History<Vec<Scenario>>,
}

impl Editing {
    /// Editing `work`, with nothing to undo.
    pub fn new(work: Work) -> Editing {
        let history = History::new(work.variants.clone());
        Editing { work, history }
    }

    /// Applies `action` (at `now_ms`, for undo steps: edits of one field within
    /// `history::COALESCE_MS` make one step) and records it; `Undo` and `Redo` walk the history.
    ///
    /// # Errors
    /// Why the action was refused; nothing changes then.
    pub fn dispatch(
        &mut self,
        action: &Action,
        locale: Locale,
        now_ms: u64,
    ) -> Result<(), ActionError> {
        match action {
            Action::Undo | Action::Redo => {
                let found = if *action == Action::Redo {
                    self.history.redo()
                } else {
                    self.history.undo()
                };
                if let Some(variants) = found.cloned() {
                    let active = self.work.active.min(variants.len().saturating_sub(1));
                    self.work = Work {
                        variants,
                        active,
                        ..self.work.clone()
                    };
                }
                Ok(())
            }
            _ => {
                let next = apply(&self.work, action, locale)?;
                if next.variants != self.work.variants {
                    match action.undo_key() {
                        Some(key) => self.history.push_edit(next.variants.clone(), &key, now_ms),
                        None => self.history.push(next.variants.clone()),
                    }
                }
                self.work = next;
                Ok(())
            }
        }
    }
}
