//! Editing a scenario: pure functions from a scenario to the edited one, or a reason why not.
//!
//! Stages and sources are addressed by their index (a row of the editor). References by name
//! (a source's `entry`, a nurture's `to`) follow renames, and a stage that something refers to
//! is never removed silently: the error lists what refers to it, for the editor to say so.
//! What differs between two scenarios is `changes.rs`.

use std::fmt;

use crate::i18n::{self, Locale};
use crate::scenario::{Arrivals, Delay, Nurture, Retention, Scenario, Source, Stage};

/// Something that refers to a stage by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StageReference {
    /// The source at `index`, named `source`, sends its leads into the stage.
    SourceEntry { index: usize, source: String },
    /// The nurture loop of the stage at `index`, named `stage`, sends leads back to the stage.
    NurtureTarget { index: usize, stage: String },
}

impl fmt::Display for StageReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StageReference::SourceEntry { source, .. } => {
                write!(f, "source \"{source}\" sends its leads there")
            }
            StageReference::NurtureTarget { stage, .. } => {
                write!(
                    f,
                    "the nurture loop of stage \"{stage}\" sends leads back there"
                )
            }
        }
    }
}

/// Which way a stage moves in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Towards the first stage.
    Up,
    /// Towards the last stage.
    Down,
}

/// Why an edit was refused; the scenario is left as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// No stage at this index.
    NoSuchStage { index: usize },
    /// No source at this index.
    NoSuchSource { index: usize },
    /// The stage cannot be removed while these refer to it.
    StageInUse {
        stage: String,
        references: Vec<StageReference>,
    },
    /// A name must have a visible character.
    EmptyName,
    /// A name cannot hold control characters (a line break, a tab).
    ControlCharacterInName,
    /// A name cannot hold an invisible character that reorders or hides text (`code` as
    /// `U+202E`; see `scenario::hidden_character`).
    HiddenCharacterInName { code: String },
    /// Another stage already has this name.
    DuplicateStageName { name: String },
    /// Another source already has this name.
    DuplicateSourceName { name: String },
    /// The stage is already first (up) or last (down).
    CannotMove { index: usize, direction: Direction },
    /// No segment at this index.
    NoSuchSegment { index: usize },
    /// Another segment already has this name.
    DuplicateSegmentName { name: String },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoSuchStage { index } => write!(f, "there is no stage number {}", index + 1),
            EditError::NoSuchSource { index } => {
                write!(f, "there is no source number {}", index + 1)
            }
            EditError::NoSuchSegment { index } => {
                write!(f, "there is no segment number {}", index + 1)
            }
            EditError::DuplicateSegmentName { name } => write!(
                f,
                "another segment is already called \"{name}\"; segment names must be unique"
            ),
            EditError::StageInUse { stage, references } => {
                write!(f, "stage \"{stage}\" cannot be removed: ")?;
                for (i, reference) in references.iter().enumerate() {
                    if i > 0 {
                        write!(f, "; ")?;
                    }
                    write!(f, "{reference}")?;
                }
                write!(f, ". Point them to another stage first.")
            }
            EditError::EmptyName => write!(f, "a name needs at least one visible character"),
            EditError::ControlCharacterInName => write!(
                f,
                "a name cannot contain control characters (such as a line break or tab)"
            ),
            EditError::HiddenCharacterInName { code } => write!(
                f,
                "a name cannot contain the invisible character {code}: it can reorder or hide the \
                 text around it"
            ),
            EditError::DuplicateStageName { name } => write!(
                f,
                "another stage is already named \"{name}\"; stage names must be unique"
            ),
            EditError::DuplicateSourceName { name } => write!(
                f,
                "another source is already named \"{name}\"; source names must be unique"
            ),
            EditError::CannotMove { direction, .. } => match direction {
                Direction::Up => write!(f, "the stage is already the first one"),
                Direction::Down => write!(f, "the stage is already the last one"),
            },
        }
    }
}

impl std::error::Error for EditError {}

/// The first of the catalogue's `key` with `{number}` = `start`, `start + 1`, ... ("Stage 4",
/// "Этап 4") that no name in `taken` has.
pub(super) fn unique_name<'a>(
    key: &str,
    locale: Locale,
    start: usize,
    taken: impl Iterator<Item = &'a str>,
) -> String {
    let taken: Vec<&str> = taken.collect();
    (start..)
        .map(|n| i18n::tf(locale, key, &[("number", &n.to_string())]))
        .find(|name| !taken.contains(&name.as_str()))
        .unwrap_or_default()
}

/// Checks a name a person typed (kept as typed: trimming on each keystroke would eat spaces).
pub(super) fn check_name(name: &str) -> Result<(), EditError> {
    if name.trim().is_empty() {
        Err(EditError::EmptyName)
    } else if name.chars().any(char::is_control) {
        Err(EditError::ControlCharacterInName)
    } else if let Some(code) = crate::scenario::hidden_character(name) {
        Err(EditError::HiddenCharacterInName { code })
    } else {
        Ok(())
    }
}

/// The scenario with a new last stage: a unique name in `locale` (`Stage 4` for the fourth),
/// a 50% rate decided after about three days (exponential, mean 3), no value and no nurture.
/// A scenario without sources also gets one, entering the new stage, so that a funnel built
/// from empty has leads to simulate.
pub fn add_stage(scenario: &Scenario, locale: Locale) -> Scenario {
    let mut edited = scenario.clone();
    let name = unique_name(
        "editor.stage.default_name",
        locale,
        scenario.stages.len() + 1,
        scenario.stages.iter().map(|s| s.name.as_str()),
    );
    edited.stages.push(Stage {
        name,
        conversion: crate::scenario::Rate::Fixed(0.5),
        delay_days: Delay::Exponential { mean: 3.0 },
        lost_delay_days: None,
        value: None,
        nurture: None,
    });
    if edited.sources.is_empty() {
        edited = add_source(&edited, locale);
    }
    edited
}

/// The nurture loop a stage gets when it is switched on: half of the stage's losses wait two
/// weeks, a fifth of them come back to the same stage, at most two cycles.
pub fn default_nurture(stage: &str) -> Nurture {
    Nurture {
        share: 0.5,
        delay_days: Delay::Fixed(14),
        reentry: 0.2,
        to: stage.to_string(),
        max_cycles: 2,
    }
}

/// What refers to the stage at `index` by name, other than the stage's own nurture loop.
pub fn references_to_stage(scenario: &Scenario, index: usize) -> Vec<StageReference> {
    let Some(stage) = scenario.stages.get(index) else {
        return Vec::new();
    };
    let name = stage.name.as_str();
    // With two stages of one name (possible in an imported file), a reference is ambiguous;
    // it is listed, so the stage is not removed from under it.
    let sources = scenario
        .sources
        .iter()
        .enumerate()
        .filter(|(_, source)| source.entry == name)
        .map(|(i, source)| StageReference::SourceEntry {
            index: i,
            source: source.name.clone(),
        });
    let loops = scenario
        .stages
        .iter()
        .enumerate()
        .filter(|(k, other)| *k != index && other.nurture.as_ref().is_some_and(|n| n.to == name))
        .map(|(k, other)| StageReference::NurtureTarget {
            index: k,
            stage: other.name.clone(),
        });
    sources.chain(loops).collect()
}

/// The scenario without the stage at `index` (and its own nurture loop).
///
/// # Errors
/// `NoSuchStage`, or `StageInUse` listing the sources entering the stage and the other stages'
/// nurture loops returning to it.
pub fn remove_stage(scenario: &Scenario, index: usize) -> Result<Scenario, EditError> {
    let stage = scenario
        .stages
        .get(index)
        .ok_or(EditError::NoSuchStage { index })?;
    let references = references_to_stage(scenario, index);
    if !references.is_empty() {
        return Err(EditError::StageInUse {
            stage: stage.name.clone(),
            references,
        });
    }
    let mut edited = scenario.clone();
    edited.stages.remove(index);
    // What segments changed at the stage goes with it (unless another stage keeps the name).
    if !edited.stages.iter().any(|s| s.name == stage.name) {
        for segment in &mut edited.segments {
            segment.stages.remove(&stage.name);
        }
    }
    Ok(edited)
}

/// The scenario with the stage at `index` named `name`, and every source entry and nurture
/// target that named it renamed too.
///
/// # Errors
/// `NoSuchStage`, `EmptyName`, `ControlCharacterInName`, or `DuplicateStageName` when another
/// stage has that name already.
pub fn rename_stage(scenario: &Scenario, index: usize, name: &str) -> Result<Scenario, EditError> {
    let old = &scenario
        .stages
        .get(index)
        .ok_or(EditError::NoSuchStage { index })?
        .name;
    check_name(name)?;
    if old == name {
        return Ok(scenario.clone());
    }
    if scenario
        .stages
        .iter()
        .enumerate()
        .any(|(k, s)| k != index && s.name == name)
    {
        return Err(EditError::DuplicateStageName {
            name: name.to_string(),
        });
    }
    // When another stage shares the old name (an imported file), references stay with it.
    let old_is_unique = scenario.stages.iter().filter(|s| &s.name == old).count() == 1;
    let mut edited = scenario.clone();
    if old_is_unique {
        for source in &mut edited.sources {
            if &source.entry == old {
                source.entry = name.to_string();
            }
        }
        for stage in &mut edited.stages {
            if let Some(nurture) = &mut stage.nurture
                && &nurture.to == old
            {
                nurture.to = name.to_string();
            }
        }
        // Segments' overrides are keyed by the stage's name: they follow it.
        for segment in &mut edited.segments {
            if let Some(over) = segment.stages.remove(old) {
                segment.stages.insert(name.to_string(), over);
            }
        }
    }
    edited.stages[index].name = name.to_string();
    Ok(edited)
}

/// The scenario with the stage at `index` swapped with its neighbour above or below.
///
/// # Errors
/// `NoSuchStage`, or `CannotMove` for the first stage up or the last one down.
pub fn move_stage(
    scenario: &Scenario,
    index: usize,
    direction: Direction,
) -> Result<Scenario, EditError> {
    if index >= scenario.stages.len() {
        return Err(EditError::NoSuchStage { index });
    }
    let other = match direction {
        Direction::Up => index.checked_sub(1),
        Direction::Down => Some(index + 1).filter(|&k| k < scenario.stages.len()),
    }
    .ok_or(EditError::CannotMove { index, direction })?;
    let mut edited = scenario.clone();
    edited.stages.swap(index, other);
    Ok(edited)
}

/// The scenario with a new source: a unique name in `locale` (`Source 3`), entering the first
/// stage, 10 leads a day (Poisson), free.
pub fn add_source(scenario: &Scenario, locale: Locale) -> Scenario {
    let mut edited = scenario.clone();
    let name = unique_name(
        "editor.source.default_name",
        locale,
        scenario.sources.len() + 1,
        scenario.sources.iter().map(|s| s.name.as_str()),
    );
    edited.sources.push(Source {
        name,
        entry: scenario
            .stages
            .first()
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        per_day: Arrivals::Poisson(10.0),
        start_day: 0,
        end_day: None,
        cost_per_lead: 0.0,
        segment: None,
    });
    edited
}

/// The scenario without the source at `index`.
///
/// # Errors
/// `NoSuchSource`.
pub fn remove_source(scenario: &Scenario, index: usize) -> Result<Scenario, EditError> {
    if index >= scenario.sources.len() {
        return Err(EditError::NoSuchSource { index });
    }
    let mut edited = scenario.clone();
    edited.sources.remove(index);
    Ok(edited)
}

/// The scenario with the source at `index` named `name`.
///
/// # Errors
/// `NoSuchSource`, `EmptyName`, `ControlCharacterInName`, or `DuplicateSourceName` (sources
/// are matched by name when comparing variants, so names stay unique).
pub fn rename_source(scenario: &Scenario, index: usize, name: &str) -> Result<Scenario, EditError> {
    if index >= scenario.sources.len() {
        return Err(EditError::NoSuchSource { index });
    }
    check_name(name)?;
    if scenario
        .sources
        .iter()
        .enumerate()
        .any(|(i, s)| i != index && s.name == name)
    {
        return Err(EditError::DuplicateSourceName {
            name: name.to_string(),
        });
    }
    let mut edited = scenario.clone();
    edited.sources[index].name = name.to_string();
    Ok(edited)
}

/// The retention a scenario gets when it is switched on: a 30% chance of buying again about
/// a month (exponential, mean 30 days) after each purchase, at most 3 repeats, at the last
/// stage's value.
pub fn default_retention() -> Retention {
    Retention {
        repeat: 0.3,
        delay_days: Delay::Exponential { mean: 30.0 },
        value: None,
        max_repeats: 3,
    }
}

/// The scenario with repeat purchases switched on (`default_retention` unless already on) or
/// off.
pub fn set_retention(scenario: &Scenario, enabled: bool) -> Scenario {
    let mut edited = scenario.clone();
    if !enabled {
        edited.retention = None;
    } else if edited.retention.is_none() {
        edited.retention = Some(default_retention());
    }
    edited
}

/// A copy of `scenario` as a new variant, named with the next free letter: "Plan" becomes
/// "Plan (B)", then "Plan (C)" when "Plan (B)" is among `open` (the scenarios already open,
/// A and its variants); "Plan (B)" itself gives "Plan (C)". After Z come AA, AB, ...
pub fn duplicate_as_variant(scenario: &Scenario, open: &[Scenario]) -> Scenario {
    let base = strip_variant_letter(&scenario.name);
    let taken: Vec<&str> = open
        .iter()
        .map(|s| s.name.as_str())
        .chain([scenario.name.as_str()])
        .collect();
    let name = (1usize..)
        .map(|n| {
            let letters = variant_letter(n);
            if base.is_empty() {
                format!("({letters})")
            } else {
                format!("{base} ({letters})")
            }
        })
        .find(|name| !taken.contains(&name.as_str()))
        .unwrap_or_default();
    let mut variant = scenario.clone();
    variant.name = name;
    variant
}

/// "Plan (B)" without its " (B)"; other names unchanged.
fn strip_variant_letter(name: &str) -> &str {
    if let Some(open) = name.rfind('(')
        && let Some(letters) = name[open + 1..].strip_suffix(')')
        && !letters.is_empty()
        && letters.chars().all(|c| c.is_ascii_uppercase())
    {
        return name[..open].trim_end();
    }
    name
}

/// The letter of the variant at `index`: 0 is A, 1 is B, ..., 25 is Z, 26 is AA (spreadsheet
/// column letters).
pub fn variant_letter(mut n: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.iter().rev().map(|&b| char::from(b)).collect()
}

/// A lever's change applied to the scenario itself (what "Apply" on a goal's answer does):
/// a stage's conversion moved by `points` (a range shifted, a beta law keeping its weight of
/// evidence, all kept within 0% to 100%), or a source's leads a day scaled by `percent`.
///
/// # Errors
/// `NoSuchStage` or `NoSuchSource`.
pub fn apply_lever(
    scenario: &Scenario,
    lever: &crate::decisions::Lever,
    change: f64,
) -> Result<Scenario, EditError> {
    use crate::decisions::Lever;
    use crate::scenario::{Rate, UncertainRate};
    let mut edited = scenario.clone();
    let clamp = |p: f64| p.clamp(0.0, 1.0);
    let shifted = |rate: Rate| -> Rate {
        let shift = change / 100.0;
        match rate {
            Rate::Fixed(p) => Rate::Fixed(clamp(p + shift)),
            Rate::Uncertain(UncertainRate::Uniform { low, high }) => {
                Rate::Uncertain(UncertainRate::Uniform {
                    low: clamp(low + shift),
                    high: clamp(high + shift),
                })
            }
            Rate::Uncertain(UncertainRate::Beta { alpha, beta }) => {
                let weight = alpha + beta;
                let mean = (alpha / weight + shift).clamp(1e-6, 1.0 - 1e-6);
                Rate::Uncertain(UncertainRate::Beta {
                    alpha: mean * weight,
                    beta: (1.0 - mean) * weight,
                })
            }
        }
    };
    match *lever {
        Lever::Conversion { stage, .. } => {
            let target = edited
                .stages
                .get_mut(stage)
                .ok_or(EditError::NoSuchStage { index: stage })?;
            target.conversion = shifted(target.conversion);
        }
        Lever::SegmentConversion { stage, segment, .. } => {
            let name = scenario
                .stages
                .get(stage)
                .map(|s| s.name.clone())
                .ok_or(EditError::NoSuchStage { index: stage })?;
            let own = edited
                .segments
                .get_mut(segment)
                .and_then(|g| g.stages.get_mut(&name))
                .and_then(|over| over.conversion.as_mut())
                .ok_or(EditError::NoSuchStage { index: stage })?;
            *own = shifted(*own);
        }
        Lever::Volume { source } => {
            let target = edited
                .sources
                .get_mut(source)
                .ok_or(EditError::NoSuchSource { index: source })?;
            let factor = (1.0 + change / 100.0).max(0.0);
            target.per_day = match target.per_day {
                Arrivals::Poisson(mean) => Arrivals::Poisson(mean * factor),
                Arrivals::Fixed(n) => Arrivals::Fixed((n as f64 * factor).round() as i64),
            };
        }
        // Goal seeking moves a conversion or a volume; other levers leave the scenario.
        _ => {}
    }
    Ok(edited)
}
