//! Languages: the catalogues agree key for key and placeholder for placeholder, plural forms
//! are complete and right, every key the UI and charts use exists, numbers are written the
//! locale's way, and translated presets are the same funnels under other names.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use funnelcast::engine::{Exact, Simulation};
use funnelcast::i18n::format::{self, Currency, NO_BREAK_SPACE};
use funnelcast::i18n::{
    self, Locale, Plural, localize_scenario, localized_preset, parse_catalogue, plural_category,
    preset_description, preset_slug, preset_title, t, tf, tn,
};
use funnelcast::scenario::presets::PRESETS;
use funnelcast::scenario::{Quantity, Rule, Scenario};

/// A catalogue's messages: base key to the plural categories it has (`None` for a plain
/// message) and their texts.
type Messages = BTreeMap<String, BTreeMap<Option<String>, String>>;

fn messages(locale: Locale) -> Messages {
    let entries = parse_catalogue(i18n::catalogue_source(locale))
        .unwrap_or_else(|errors| panic!("{locale}.ftl does not parse:\n{}", errors.join("\n")));
    let mut messages = Messages::new();
    for entry in entries {
        let lines = messages.entry(entry.base_key().to_string()).or_default();
        let previous = lines.insert(entry.plural().map(str::to_string), entry.text.to_string());
        assert!(
            previous.is_none(),
            "{locale}.ftl: `{}` is written twice",
            entry.key
        );
    }
    messages
}

#[test]
fn catalogues_parse_without_errors_or_repeated_keys() {
    for locale in Locale::ALL {
        let messages = messages(locale);
        assert!(
            messages.len() > 300,
            "{locale}: only {} keys",
            messages.len()
        );
        for (key, lines) in &messages {
            let plain = lines.contains_key(&None);
            assert!(
                !(plain && lines.len() > 1),
                "{locale}: `{key}` is both a plain and a plural message"
            );
        }
    }
}

#[test]
fn every_catalogue_has_every_key() {
    let all: Vec<(Locale, Messages)> = Locale::ALL.iter().map(|&l| (l, messages(l))).collect();
    let mut problems = Vec::new();
    for (locale, messages) in &all {
        for (other, other_messages) in &all {
            for (key, lines) in other_messages {
                match messages.get(key) {
                    None => problems.push(format!("{locale}.ftl lacks `{key}` ({other} has it)")),
                    Some(ours) => {
                        let plural =
                            |lines: &BTreeMap<Option<String>, String>| !lines.contains_key(&None);
                        if plural(ours) != plural(lines) {
                            problems.push(format!(
                                "`{key}` is plural in one of {locale}.ftl and {other}.ftl only"
                            ));
                        }
                    }
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn placeholders_are_the_same_in_every_language_and_plural_form() {
    let english = messages(Locale::En);
    let mut problems = Vec::new();
    for locale in Locale::ALL {
        for (key, lines) in messages(locale) {
            let Some(reference) = english.get(&key).and_then(|lines| lines.values().next()) else {
                continue;
            };
            let expected = i18n::placeholders(reference);
            for (category, text) in &lines {
                let found = i18n::placeholders(text);
                if found != expected {
                    problems.push(format!(
                        "{locale} `{key}`{}: placeholders {found:?}, English has {expected:?}",
                        category
                            .as_deref()
                            .map(|c| format!("[{c}]"))
                            .unwrap_or_default()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn plural_messages_have_exactly_the_categories_each_language_needs() {
    let mut problems = Vec::new();
    for locale in Locale::ALL {
        let needed: BTreeSet<&str> = locale
            .plural_categories()
            .iter()
            .map(|c| c.name())
            .collect();
        for (key, lines) in messages(locale) {
            if lines.contains_key(&None) {
                continue;
            }
            let present: BTreeSet<&str> = lines.keys().flatten().map(String::as_str).collect();
            if present != needed {
                problems.push(format!(
                    "{locale} `{key}` has {present:?}, the language needs {needed:?}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The message keys used in Rust source: the second argument of calls to `t`, `tf` and `tn`
/// (plain or path-qualified, such as `i18n::t(locale, "results.revenue")`) when it is a
/// string literal, or the first when it is one (the UI's `t("results.revenue")`, which takes
/// the locale from context); and the keys components take as `label="…"`, `caption="…"` or
/// `unit="…"` props. Keys built at run time are not seen.
fn keys_used(source: &str) -> Vec<String> {
    let bytes = source.as_bytes();
    let mut keys = Vec::new();
    for name in ["t(", "tf(", "tn("] {
        let mut from = 0;
        while let Some(found) = source[from..].find(name) {
            let start = from + found;
            from = start + name.len();
            let before = start.checked_sub(1).map(|i| bytes[i]);
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
                continue;
            }
            if let Some(literal) = source[from..].trim_start().strip_prefix('"') {
                if let Some(end) = literal.find('"') {
                    keys.push(literal[..end].to_string());
                }
                continue;
            }
            // Skip the first argument (the locale) up to the comma at depth 0.
            let mut depth = 0_i32;
            let mut i = from;
            while i < bytes.len() {
                match bytes[i] {
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' if depth == 0 => break,
                    b')' | b']' | b'}' => depth -= 1,
                    b',' if depth == 0 => break,
                    _ => {}
                }
                i += 1;
            }
            if bytes.get(i) != Some(&b',') {
                continue;
            }
            let rest = source[i + 1..].trim_start();
            let Some(literal) = rest.strip_prefix('"') else {
                continue;
            };
            if let Some(end) = literal.find('"') {
                keys.push(literal[..end].to_string());
            }
        }
    }
    for prop in ["label=\"", "caption=\"", "unit=\""] {
        let mut from = 0;
        while let Some(found) = source[from..].find(prop) {
            from += found + prop.len();
            if let Some(end) = source[from..].find('"') {
                let key = &source[from..from + end];
                if key.contains('.') && !key.contains(' ') {
                    keys.push(key.to_string());
                }
            }
        }
    }
    keys
}

fn rust_files(directory: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(directory) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

#[test]
fn the_key_finder_sees_calls_and_only_calls() {
    let source = r#"
        let a = t(locale, "results.revenue");
        let b = i18n::tf(locale.get(), "chart.hover.day", &[("day", &day)]);
        let c = tn(
            current_locale(),
            "unit.days",
            n,
            &[],
        );
        let d = format(x, "not.a.key"); let e = list.t(l, "method.call");
        let f = t(locale, key_variable);
        let g = t("editor.heading"); let h = view! { <Field label="delay.days" /> };
    "#;
    assert_eq!(
        keys_used(source),
        vec![
            "results.revenue",
            "editor.heading",
            "chart.hover.day",
            "unit.days",
            "delay.days"
        ]
    );
}

#[test]
fn every_key_the_ui_and_charts_use_exists() {
    let english = messages(Locale::En);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/ui"), &mut files);
    rust_files(&root.join("src/charts"), &mut files);
    assert!(
        !files.is_empty(),
        "no source found under src/ui and src/charts"
    );
    let mut missing = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap_or_default();
        for key in keys_used(&source) {
            if !english.contains_key(&key) {
                missing.push(format!("{}: `{key}`", file.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys used but not in the catalogues:\n{}",
        missing.join("\n")
    );
}

#[test]
fn russian_plurals_follow_cldr() {
    let expected = [
        (1.0, Plural::One, "1 день"),
        (2.0, Plural::Few, "2 дня"),
        (5.0, Plural::Many, "5 дней"),
        (11.0, Plural::Many, "11 дней"),
        (12.0, Plural::Many, "12 дней"),
        (14.0, Plural::Many, "14 дней"),
        (21.0, Plural::One, "21 день"),
        (22.0, Plural::Few, "22 дня"),
        (25.0, Plural::Many, "25 дней"),
        (111.0, Plural::Many, "111 дней"),
        (101.0, Plural::One, "101 день"),
        (0.0, Plural::Many, "0 дней"),
        (1.5, Plural::Other, "1,5 дня"),
    ];
    for (n, category, days) in expected {
        assert_eq!(plural_category(Locale::Ru, n), category, "category of {n}");
        assert_eq!(format::format_days(Locale::Ru, n), days);
    }
    assert_eq!(
        tn(Locale::Ru, "unit.runs", 1000.0, &[]),
        "1\u{a0}000 прогонов"
    );
    assert_eq!(tn(Locale::Ru, "unit.leads", 3.0, &[]), "3 лида");
}

#[test]
fn english_and_chinese_plurals() {
    assert_eq!(plural_category(Locale::En, 1.0), Plural::One);
    assert_eq!(plural_category(Locale::En, 21.0), Plural::Other);
    assert_eq!(plural_category(Locale::En, 1.5), Plural::Other);
    assert_eq!(plural_category(Locale::Zh, 1.0), Plural::Other);
    assert_eq!(plural_category(Locale::Ru, f64::NAN), Plural::Other);
    assert_eq!(tn(Locale::En, "unit.runs", 1.0, &[]), "1 run");
    assert_eq!(tn(Locale::En, "unit.runs", 2000.0, &[]), "2,000 runs");
    assert_eq!(format::format_days(Locale::Zh, 12.0), "12天");
    assert_eq!(format::format_days(Locale::En, 1.0), "1 day");
    // An explicit `n` wins over the formatted count.
    assert_eq!(
        tn(Locale::En, "unit.days", 3.0, &[("n", "three")]),
        "three days"
    );
}

#[test]
fn messages_fill_their_placeholders() {
    let action = tf(
        Locale::En,
        "sensitivity.action.conversion",
        &[("stage", "Consideration"), ("from", "25%"), ("to", "30%")],
    );
    assert_eq!(
        tf(
            Locale::En,
            "sensitivity.best.revenue",
            &[
                ("action", action.as_str()),
                ("amount", "41,000"),
                ("period", "365 days"),
                ("percent", "+12%"),
            ]
        ),
        "Raising Consideration from 25% to 30% adds about 41,000 in revenue over 365 days \
         (+12%), more than any other single change."
    );
    let russian = tf(
        Locale::Ru,
        "results.range",
        &[("low", "1 000"), ("high", "2 000")],
    );
    assert_eq!(russian, "В 90% прогонов: от 1 000 до 2 000");
    let separator = t(Locale::En, "scenario.list_separator");
    assert_eq!(separator, ", ", "quoted texts keep their spaces");
}

#[test]
fn a_missing_key_falls_back_without_panicking() {
    assert_eq!(t(Locale::Ru, "no.such.key"), "no.such.key");
    assert_eq!(tf(Locale::Zh, "no.such.key", &[("a", "b")]), "no.such.key");
    assert_eq!(tn(Locale::Ru, "no.such.key", 3.0, &[]), "no.such.key");
    assert_eq!(t(Locale::Ru, "results.revenue"), "Выручка");
    assert_eq!(t(Locale::Zh, "results.revenue"), "营收");
    assert_eq!(i18n::lookup(Locale::Ru, "no.such.key"), None);
}

#[test]
fn the_browser_language_picks_the_locale() {
    #[track_caller]
    fn check(tags: &[&str], expected: Locale) {
        assert_eq!(Locale::from_browser(tags), expected, "{tags:?}");
    }
    check(&["ru-RU", "en-US"], Locale::Ru);
    check(&["zh-CN"], Locale::Zh);
    check(&["zh-Hans"], Locale::Zh);
    // Traditional Chinese readers get Simplified Chinese rather than English.
    check(&["zh-TW"], Locale::Zh);
    check(&["en-GB", "ru"], Locale::En);
    check(&["de-DE", "fr", "RU"], Locale::Ru);
    check(&["de-DE"], Locale::En);
    check(&[], Locale::En);
    check(&["", "  ", "zh_Hant_HK"], Locale::Zh);
    for locale in Locale::ALL {
        assert_eq!(Locale::from_code(locale.code()), Some(locale));
        assert!(!locale.native_name().is_empty());
    }
    assert_eq!(Locale::Zh.native_name(), "中文");
}

#[test]
fn formatting_matches_cldr() {
    let nb = NO_BREAK_SPACE;
    assert_eq!(format::number(Locale::En, 1_234_567.8, 1), "1,234,567.8");
    assert_eq!(
        format::number(Locale::Ru, 1_234_567.8, 1),
        format!("1{nb}234{nb}567,8")
    );
    assert_eq!(format::number(Locale::Zh, 1_234_567.8, 1), "1,234,567.8");
    assert_eq!(format::percent(Locale::Ru, 0.125, 1), format!("12,5{nb}%"));
    assert_eq!(
        format::compact(Locale::Ru, 350_000.0),
        format!("350{nb}тыс.")
    );
    assert_eq!(format::compact(Locale::Zh, 120_000_000.0), "1.2亿");
    assert_eq!(
        format::money(Locale::Ru, Currency::Rub, 1234.0),
        format!("1{nb}234{nb}₽")
    );
    assert_eq!(format::money(Locale::Zh, Currency::Usd, 1234.0), "US$1,234");
    assert_eq!(format::money(Locale::En, Currency::Eur, f64::NAN), "—");
    assert_eq!(
        format::integer(Locale::Zh, 1e18),
        "1,000,000,000,000,000,000"
    );
    assert!(format::number(Locale::Ru, 1e300, 2).len() > 300);
}

// ── Translated presets ───────────────────────────────────────────────────────────────────

/// The scenario with every name replaced by its position, so two scenarios that differ only
/// in names compare equal.
fn without_names(scenario: &Scenario) -> Scenario {
    let index: HashMap<&str, usize> = scenario
        .stages
        .iter()
        .enumerate()
        .map(|(k, stage)| (stage.name.as_str(), k))
        .collect();
    let placeholder = |name: &str| match index.get(name) {
        Some(k) => format!("stage {k}"),
        None => format!("unknown {name}"),
    };
    let mut plain = scenario.clone();
    plain.name = String::new();
    plain.description = String::new();
    for (k, stage) in plain.stages.iter_mut().enumerate() {
        stage.name = format!("stage {k}");
        if let Some(nurture) = &mut stage.nurture {
            nurture.to = placeholder(&nurture.to);
        }
    }
    let segment_index: HashMap<&str, usize> = scenario
        .segments
        .iter()
        .enumerate()
        .map(|(g, segment)| (segment.name.as_str(), g))
        .collect();
    for (k, source) in plain.sources.iter_mut().enumerate() {
        source.name = format!("source {k}");
        source.entry = placeholder(&source.entry);
        if let Some(segment) = &mut source.segment {
            *segment = match segment_index.get(segment.as_str()) {
                Some(g) => format!("segment {g}"),
                None => format!("unknown {segment}"),
            };
        }
    }
    for (g, segment) in plain.segments.iter_mut().enumerate() {
        segment.name = format!("segment {g}");
        segment.stages = std::mem::take(&mut segment.stages)
            .into_iter()
            .map(|(stage, over)| (placeholder(&stage), over))
            .collect();
    }
    plain
}

/// The closed-form expectations of a model, stage names cleared (the numbers must match to
/// the last bit: names play no part in them).
fn exact_without_names(model: &funnelcast::scenario::Model) -> Exact {
    let mut exact = Simulation::new(model).exact();
    for expectations in [&mut exact.within_horizon, &mut exact.unbounded] {
        for stage in &mut expectations.stages {
            stage.name.clear();
        }
    }
    exact
}

#[test]
fn the_english_catalogue_names_every_preset_as_shipped() {
    for preset in PRESETS {
        let scenario = preset.scenario();
        let id = preset.id;
        assert_eq!(preset_title(id, Locale::En), Some(scenario.name.as_str()));
        assert_eq!(
            preset_description(id, Locale::En),
            Some(scenario.description.as_str())
        );
        for stage in &scenario.stages {
            let key = format!("preset.{id}.stage.{}", preset_slug(&stage.name));
            assert_eq!(
                i18n::lookup(Locale::En, &key),
                Some(stage.name.as_str()),
                "{key}"
            );
        }
        for source in &scenario.sources {
            let key = format!("preset.{id}.source.{}", preset_slug(&source.name));
            assert_eq!(
                i18n::lookup(Locale::En, &key),
                Some(source.name.as_str()),
                "{key}"
            );
        }
        assert_eq!(localize_scenario(id, Locale::En, &scenario), scenario);
    }
}

#[test]
fn translated_presets_are_the_same_funnels_under_other_names() {
    for preset in PRESETS {
        let original = preset.scenario();
        let model = original.validate().expect("presets are valid");
        let expected = exact_without_names(&model);
        for locale in Locale::ALL {
            let context = format!("{} in {locale}", preset.id);
            let localized = localized_preset(preset.id, locale).expect("known preset");
            let model = localized
                .validate()
                .unwrap_or_else(|errors| panic!("{context}: {errors:?}"));
            assert_eq!(
                without_names(&localized),
                without_names(&original),
                "{context}"
            );
            assert_eq!(exact_without_names(&model), expected, "{context}");

            let stages: BTreeSet<&str> = localized.stages.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(
                stages.len(),
                localized.stages.len(),
                "{context}: stage names repeat"
            );
            let sources: BTreeSet<&str> =
                localized.sources.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(
                sources.len(),
                localized.sources.len(),
                "{context}: source names repeat"
            );

            assert_eq!(
                Some(localized.name.as_str()),
                preset_title(preset.id, locale)
            );
            if locale != Locale::En {
                for (stage, english) in localized.stages.iter().zip(&original.stages) {
                    assert_ne!(stage.name, english.name, "{context}: stage left in English");
                }
                for (source, english) in localized.sources.iter().zip(&original.sources) {
                    assert_ne!(
                        source.name, english.name,
                        "{context}: source left in English"
                    );
                }
            }
            // From any language to any other and back: the same scenario.
            for other in Locale::ALL {
                let there = localize_scenario(preset.id, other, &localized);
                assert_eq!(
                    localize_scenario(preset.id, locale, &there),
                    localized,
                    "{context} via {other}"
                );
            }
            assert_eq!(
                localize_scenario(preset.id, Locale::En, &localized),
                original
            );
        }
    }
}

#[test]
fn names_the_user_changed_are_kept_and_references_follow_renames() {
    let mut scenario = localized_preset("classroom-cohort", Locale::En).expect("known preset");
    // The user renamed the scenario and one stage, and called another stage by a name the
    // Russian translation gives to a different stage.
    scenario.name = "My course".to_string();
    scenario.stages[3].name = "Lesson".to_string();
    scenario.stages[4].name = "Интерес".to_string();
    let russian = localize_scenario("classroom-cohort", Locale::Ru, &scenario);
    assert_eq!(russian.name, "My course");
    assert_eq!(
        russian.description,
        t(Locale::Ru, "preset.classroom-cohort.description")
    );
    assert_eq!(russian.stages[0].name, "Узнавание");
    // "Interest" would become "Интерес", the user's own name for another stage: kept.
    assert_eq!(russian.stages[1].name, "Interest");
    assert_eq!(russian.stages[3].name, "Lesson");
    assert_eq!(russian.stages[2].name, "Рассмотрение");
    assert_eq!(russian.stages[4].name, "Интерес");
    assert_eq!(russian.sources[0].entry, "Узнавание");
    let nurture = russian.stages[2]
        .nurture
        .as_ref()
        .expect("consideration nurtures");
    assert_eq!(nurture.to, "Рассмотрение");
    assert!(russian.validate().is_ok());
    // An unknown preset id changes nothing.
    assert_eq!(
        localize_scenario("no-such-preset", Locale::Zh, &scenario),
        scenario
    );
    assert_eq!(preset_title("no-such-preset", Locale::Zh), None);
}

// ── Validation messages ──────────────────────────────────────────────────────────────────

/// Invalid scenarios that between them break every rule `Scenario::validate` checks.
fn broken_scenarios() -> Vec<Scenario> {
    use funnelcast::scenario::{Delay, Nurture, Rate, Retention, UncertainRate, Value};
    let base = localized_preset("six-step", Locale::En).expect("known preset");
    let mut broken = Vec::new();
    let mut edit = |change: &dyn Fn(&mut Scenario)| {
        let mut scenario = base.clone();
        change(&mut scenario);
        broken.push(scenario);
    };
    edit(&|s| s.stages.clear());
    edit(&|s| s.horizon_days = 0);
    // Segments: a name missing or used twice, shares not adding up, a source naming no
    // segment (with segments and without), too many segments.
    let segment = |name: &str, share: f64| funnelcast::scenario::Segment {
        name: name.to_string(),
        share,
        stages: Default::default(),
    };
    edit(&|s| s.segments = vec![segment("", 1.0)]);
    edit(&|s| s.segments = vec![segment("Small", 0.5), segment("Small", 0.5)]);
    edit(&|s| s.segments = vec![segment("Small", 0.5), segment("Big", 0.4)]);
    edit(&|s| {
        s.segments = vec![segment("Small", 1.0)];
        s.sources[0].segment = Some("Big".to_string());
    });
    edit(&|s| s.sources[0].segment = Some("Big".to_string()));
    edit(&|s| {
        s.segments = (0..13)
            .map(|g| segment(&format!("S{g}"), if g == 0 { 1.0 } else { 0.0 }))
            .collect()
    });
    edit(&|s| s.stages[1].name = String::new());
    edit(&|s| s.stages[1].name = "Inter\test".to_string());
    edit(&|s| s.stages[2].name = "Awareness".to_string());
    edit(&|s| s.sources[0].name = " ".to_string());
    edit(&|s| s.sources[0].name = "Search\nads".to_string());
    edit(&|s| s.stages[1].name = "Int\u{202E}erest".to_string());
    edit(&|s| s.sources[0].entry = "Nowhere".to_string());
    edit(&|s| s.stages[0].conversion = Rate::Fixed(1.5));
    edit(&|s| {
        s.stages[0].conversion = Rate::Uncertain(UncertainRate::Uniform {
            low: 0.5,
            high: 0.2,
        })
    });
    edit(&|s| {
        s.stages[0].conversion = Rate::Uncertain(UncertainRate::Beta {
            alpha: -1.0,
            beta: 2e9,
        })
    });
    edit(&|s| s.stages[0].delay_days = Delay::Uniform { min: 5, max: 2 });
    edit(&|s| s.stages[0].delay_days = Delay::Fixed(-1));
    edit(&|s| s.stages[0].delay_days = Delay::Exponential { mean: -1.0 });
    edit(&|s| {
        s.stages[0].value = Some(Value::Uniform {
            low: 10.0,
            high: 5.0,
        })
    });
    edit(&|s| {
        s.sources[0].start_day = 10;
        s.sources[0].end_day = Some(5);
    });
    edit(&|s| s.sources[0].cost_per_lead = -1.0);
    edit(&|s| s.rate_correlation = Some(1.0));
    edit(&|s| {
        s.horizon_days = 3650;
        for stage in &mut s.stages {
            stage.nurture = Some(Nurture {
                share: 0.5,
                delay_days: Delay::Fixed(1),
                reentry: 0.5,
                to: "Awareness".to_string(),
                max_cycles: 20,
            });
        }
        s.retention = Some(Retention {
            repeat: 0.5,
            delay_days: Delay::Fixed(1),
            value: None,
            max_repeats: 100,
        });
    });
    broken
}

#[test]
fn validation_messages_are_translated_and_the_english_catalogue_says_what_the_engine_says() {
    let mut used = BTreeSet::new();
    let mut differing = Vec::new();
    for scenario in broken_scenarios() {
        let errors = scenario.validate().expect_err("each scenario is broken");
        for error in errors {
            let (key, _) = i18n::validation::rule_key(&error.rule);
            used.insert(key);
            // The English catalogue, filled the way Rust writes numbers, is the engine's
            // sentence word for word: the command line and the page say the same thing.
            let from_catalogue = i18n::validation::english_from_catalogue(&error.rule);
            if from_catalogue.as_deref() != Some(error.message().as_str()) {
                differing.push(format!(
                    "{key}: {from_catalogue:?} != {:?}",
                    error.message()
                ));
            }
            let english = i18n::localize_field_error(Locale::En, &error);
            assert!(!english.contains('{') && !english.is_empty(), "{english}");
            for locale in [Locale::Ru, Locale::Zh] {
                let text = i18n::localize_field_error(locale, &error);
                assert_ne!(text, english, "{locale}: not translated");
                assert!(!text.contains('{'), "{locale}: {text}");
            }
        }
    }
    assert!(
        differing.is_empty(),
        "en.ftl's validation.rule.* differ from the engine's messages:\n{}",
        differing.join("\n")
    );
    let rules: BTreeSet<&str> = i18n::keys(Locale::En)
        .into_iter()
        .filter(|key| key.starts_with("validation.rule."))
        .collect();
    let unused: Vec<&&str> = rules.difference(&used).collect();
    assert!(
        unused.is_empty(),
        "rules no broken scenario produced: {unused:?}"
    );
}

#[test]
fn every_quantity_has_a_name_in_every_language() {
    for quantity in Quantity::ALL {
        let key = i18n::validation::quantity_key(quantity);
        assert_eq!(
            i18n::lookup(Locale::En, key),
            Some(quantity.english()),
            "{key} in English"
        );
        for locale in [Locale::Ru, Locale::Zh] {
            assert!(i18n::lookup(locale, key).is_some(), "{key} in {locale}");
        }
    }
}

#[test]
fn validation_messages_read_naturally() {
    #[track_caller]
    fn check(locale: Locale, rule: Rule, expected: &str) {
        assert_eq!(i18n::localize_rule(locale, &rule), expected);
    }
    check(
        Locale::Ru,
        Rule::AtLeastZero {
            what: Quantity::Mean,
            value: -1.5,
        },
        "«среднее» должно быть числом не меньше 0, а не -1,5",
    );
    check(
        Locale::Zh,
        Rule::AtMost {
            what: Quantity::LeadsPerDay,
            max: 1e8,
            value: 2e8,
        },
        "“每天线索数”不能大于 100,000,000，当前为 200,000,000",
    );
    check(
        Locale::Ru,
        Rule::UnknownStage {
            name: "Nowhere".to_string(),
            stages: vec!["A".to_string(), "B".to_string()],
        },
        "этапа «Nowhere» нет; есть этапы: \"A\", \"B\"",
    );
    // A name the person typed is quoted as typed, even one that looks like a placeholder or a
    // number: nothing reads the sentence back.
    check(
        Locale::Ru,
        Rule::UnknownStage {
            name: "{value} 1.5".to_string(),
            stages: vec!["A".to_string()],
        },
        "этапа «{value} 1.5» нет; есть этапы: \"A\"",
    );
    check(
        Locale::Ru,
        Rule::TooManyPaths {
            paths: None,
            most: 5000,
            days: 365,
        },
        "циклы прогрева и повторные покупки дают слишком много различных путей — больше, чем \
         5\u{a0}000, которые можно проследить на горизонте 365 дн.; уменьшите max_cycles прогрева или \
         retention.max_repeats (или горизонт)",
    );
}

/// 150% typed got "must be between 0 and 1 (a share: 0.25 means 25%), not 1.5" and a bound of
/// a hundred million was written 100000000: the page says it in the person's unit and with
/// separators (the command line keeps its own words).
#[test]
fn the_page_speaks_in_percent_and_with_separators() {
    let rate = Rule::Probability { value: 1.5 };
    assert_eq!(
        i18n::localize_rule(Locale::En, &rate),
        "must be from 0% to 100%, not 150%"
    );
    assert_eq!(
        i18n::localize_rule(Locale::Ru, &rate),
        "должно быть от 0% до 100%, а не 150\u{a0}%"
    );
    assert!(
        rate.to_string().contains("not 1.5"),
        "the CLI keeps its words"
    );
    let bound = Rule::AtMost {
        what: Quantity::LeadsPerDay,
        max: 1e8,
        value: 2e8,
    };
    assert_eq!(
        i18n::localize_rule(Locale::En, &bound),
        "leads per day must be at most 100,000,000, not 200,000,000"
    );
}

/// The browser app embeds English only (without its deferred keys) and fetches the other
/// catalogues, and the whole English one, from the site (issue 12, the app's size): each must
/// be copied to the path the app asks for, or the page could never switch to that language.
#[test]
fn the_site_ships_every_catalogue_the_app_fetches() {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html"))
        .expect("index.html");
    for locale in Locale::ALL {
        let file = i18n::catalogue_file(locale);
        let (directory, name) = file.rsplit_once('/').expect("a directory and a name");
        let link = format!(
            "<link data-trunk rel=\"copy-file\" href=\"src/i18n/{name}\" \
             data-target-path=\"{directory}\" />"
        );
        assert!(page.contains(&link), "index.html lacks {link}");
        assert!(i18n::catalogue_ready(locale), "native builds embed {name}");
    }
}

/// `build.rs` cuts the deferred keys out of the English the app embeds by its own list: the
/// two lists must be the same, or a key would be missing from the app (or embedded in vain).
#[test]
fn build_script_defers_the_keys_the_catalogue_says() {
    let script = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/build.rs"))
        .expect("build.rs");
    let list = script
        .split_once("const DEFERRED: &[&str] = &[")
        .and_then(|(_, rest)| rest.split_once("];"))
        .map(|(list, _)| list)
        .expect("build.rs holds `const DEFERRED: &[&str] = &[...];`");
    let prefixes: Vec<&str> = list
        .split(',')
        .map(|item| item.trim().trim_matches('"'))
        .filter(|item| !item.is_empty())
        .collect();
    assert_eq!(prefixes, i18n::DEFERRED_PREFIXES);
    // Every deferred prefix names keys that exist (a typo would defer nothing).
    let keys = i18n::keys(Locale::En);
    for prefix in i18n::DEFERRED_PREFIXES {
        assert!(
            keys.iter().any(|key| key.starts_with(prefix)),
            "no English key starts with {prefix}"
        );
    }
}

/// A deferred key shows only in the parts of the page loaded on demand (`src/ui/crm/`, the
/// CRM import; `src/ui/decisions/`, the decisions panel), which fetch the whole English file
/// before they show (`lazy::part_with_text`):
/// a first-screen file of `src/ui` using one would show the key itself.
#[test]
fn deferred_keys_are_used_only_by_parts_that_fetch_them() {
    // Each part's folder and the file that loads it.
    const LAZY_PARTS: &[(&str, &str)] = &[
        ("src/ui/crm", "src/ui/crm/mod.rs"),
        ("src/ui/decisions", "src/ui/app.rs"),
        ("src/ui/teach", "src/ui/teach/mod.rs"),
        ("src/ui/uncertainty", "src/ui/results_panel.rs"),
        ("src/ui/editor/correlation.rs", "src/ui/editor/mod.rs"),
        ("src/ui/assumptions.rs", "src/ui/results_panel.rs"),
        ("src/ui/segments.rs", "src/ui/results_panel.rs"),
        ("src/ui/editor/segments.rs", "src/ui/editor/mod.rs"),
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut offenders = Vec::new();
    let mut stack = vec![root.join("src/ui")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ui").flatten() {
            let path = entry.path();
            let relative = path.strip_prefix(root).expect("under the root");
            if LAZY_PARTS
                .iter()
                .any(|(part, _)| relative.starts_with(part))
            {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for prefix in i18n::DEFERRED_PREFIXES {
                if text.contains(&format!("\"{prefix}")) {
                    offenders.push(format!("{} uses {prefix}*", relative.display()));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
    for (part, loader) in LAZY_PARTS {
        let text = std::fs::read_to_string(root.join(loader)).expect("the loader");
        assert!(
            text.contains("part_with_text"),
            "{loader} must load {part} with lazy::part_with_text"
        );
    }
}
