//! Translated presets: the presets' names, descriptions, stage and source names in each
//! language, with every reference to a renamed stage renamed with it.
//!
//! The translations live in the catalogues under `preset.<id>.name`,
//! `preset.<id>.description`, `preset.<id>.stage.<slug>` and `preset.<id>.source.<slug>`,
//! where the slug is the English name in lower case with runs of other characters turned
//! into `-` ("Proposal sent" is `proposal-sent`). A name is recognised in any of the
//! languages, so a preset can be switched from Russian to Chinese directly, and a name the
//! user has changed is left alone.

use std::collections::HashMap;

use super::{Locale, lookup};
use crate::scenario::{Scenario, presets};

/// The catalogue slug of an English name: lower case ASCII letters and digits, other runs
/// of characters turned into one `-`.
pub fn slug(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// The preset's title in `locale`, as the presets menu shows it (`None` for an unknown id).
pub fn preset_title(preset_id: &str, locale: Locale) -> Option<&'static str> {
    preset_text(preset_id, "name", locale)
}

/// The preset's one-line description in `locale` (`None` for an unknown id).
pub fn preset_description(preset_id: &str, locale: Locale) -> Option<&'static str> {
    preset_text(preset_id, "description", locale)
}

fn preset_text(preset_id: &str, field: &str, locale: Locale) -> Option<&'static str> {
    let key = format!("preset.{preset_id}.{field}");
    lookup(locale, &key).or_else(|| lookup(Locale::En, &key))
}

/// The preset `preset_id` in `locale`, `None` for an unknown id.
pub fn localized_preset(preset_id: &str, locale: Locale) -> Option<Scenario> {
    let preset = presets::find(preset_id)?;
    Some(localize_scenario(preset_id, locale, &preset.scenario()))
}

/// The translation in `locale` of `name`, a name of kind `kind` (`"stage"`, `"source"`,
/// `"name"`, `"description"`) in preset `preset_id`, written in any of the languages;
/// `None` when the name is not one of the preset's (the user wrote it).
fn translate(preset_id: &str, kind: &str, name: &str, locale: Locale) -> Option<&'static str> {
    let key = if matches!(kind, "name" | "description") {
        format!("preset.{preset_id}.{kind}")
    } else {
        // English names find their key by slug; other languages by comparing texts.
        let by_slug = format!("preset.{preset_id}.{kind}.{}", slug(name));
        if lookup(Locale::En, &by_slug).is_some_and(|english| english == name) {
            by_slug
        } else {
            let prefix = format!("preset.{preset_id}.{kind}.");
            let candidates = super::keys(Locale::En);
            let found = candidates
                .into_iter()
                .filter(|key| key.starts_with(&prefix))
                .find(|key| {
                    Locale::ALL
                        .iter()
                        .any(|&language| lookup(language, key) == Some(name))
                })?;
            found.to_string()
        }
    };
    let known = Locale::ALL
        .iter()
        .any(|&language| lookup(language, &key) == Some(name));
    if !known {
        return None;
    }
    lookup(locale, &key).or_else(|| lookup(Locale::En, &key))
}

/// Renames a list of names through `translate`, keeping a name as it was wherever the
/// translations would make two names equal (so a user's own name is never shadowed).
fn rename_all(names: &[String], translate: impl Fn(&str) -> Option<&'static str>) -> Vec<String> {
    let mut proposed: Vec<String> = names
        .iter()
        .map(|name| translate(name).map_or_else(|| name.clone(), str::to_string))
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for name in &proposed {
        *count.entry(name.as_str()).or_default() += 1;
    }
    let clashing: Vec<bool> = proposed
        .iter()
        .zip(names)
        .map(|(new, old)| new != old && count.get(new.as_str()).copied().unwrap_or(0) > 1)
        .collect();
    for ((new, old), clash) in proposed.iter_mut().zip(names).zip(clashing) {
        if clash {
            new.clone_from(old);
        }
    }
    proposed
}

/// The scenario of preset `preset_id` (as shipped, or already translated into any
/// language) with its name, description, stage names and source names in `locale`, and
/// every reference to a stage (a source's `entry`, a nurture loop's `to`) renamed with it.
/// Names the user has changed, and everything that is not a name, are kept as they are.
pub fn localize_scenario(preset_id: &str, locale: Locale, scenario: &Scenario) -> Scenario {
    let mut localized = scenario.clone();
    if let Some(name) = translate(preset_id, "name", &scenario.name, locale) {
        localized.name = name.to_string();
    }
    if let Some(description) = translate(preset_id, "description", &scenario.description, locale) {
        localized.description = description.to_string();
    }

    let stage_names: Vec<String> = scenario.stages.iter().map(|s| s.name.clone()).collect();
    let new_stage_names = rename_all(&stage_names, |name| {
        translate(preset_id, "stage", name, locale)
    });
    // Only a name that was a stage's is renamed in references: a reference to no stage
    // stays as it is, for validation to report.
    let renamed: HashMap<&str, &str> = stage_names
        .iter()
        .zip(&new_stage_names)
        .map(|(old, new)| (old.as_str(), new.as_str()))
        .collect();
    let rename = |name: &str| {
        renamed
            .get(name)
            .map_or_else(|| name.to_string(), |new| new.to_string())
    };
    for (stage, new_name) in localized.stages.iter_mut().zip(&new_stage_names) {
        stage.name.clone_from(new_name);
        if let Some(nurture) = &mut stage.nurture {
            nurture.to = rename(&nurture.to);
        }
    }

    let source_names: Vec<String> = scenario.sources.iter().map(|s| s.name.clone()).collect();
    let new_source_names = rename_all(&source_names, |name| {
        translate(preset_id, "source", name, locale)
    });
    let segment_names: Vec<String> = scenario.segments.iter().map(|s| s.name.clone()).collect();
    let new_segment_names = rename_all(&segment_names, |name| {
        translate(preset_id, "segment", name, locale)
    });
    let renamed_segments: HashMap<&str, &str> = segment_names
        .iter()
        .zip(&new_segment_names)
        .map(|(old, new)| (old.as_str(), new.as_str()))
        .collect();
    for (source, new_name) in localized.sources.iter_mut().zip(new_source_names) {
        source.name = new_name;
        source.entry = rename(&source.entry);
        if let Some(segment) = &mut source.segment
            && let Some(new) = renamed_segments.get(segment.as_str())
        {
            *segment = new.to_string();
        }
    }
    for (segment, new_name) in localized.segments.iter_mut().zip(&new_segment_names) {
        segment.name.clone_from(new_name);
        // The overrides are keyed by stage name: they follow the stages' new names.
        segment.stages = std::mem::take(&mut segment.stages)
            .into_iter()
            .map(|(stage, over)| (rename(&stage), over))
            .collect();
    }
    localized
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Proposal sent"), "proposal-sent");
        assert_eq!(slug("Sign-up"), "sign-up");
        assert_eq!(slug("  E-mail / SMS  "), "e-mail-sms");
    }
}
