//! Languages: the app's message catalogues, plural rules, locale formatting, reading typed
//! numbers and rates, translated validation messages and translated presets.
//!
//! Every text the app shows goes through one catalogue per language (`en.ftl`, `ru.ftl`,
//! `zh.ftl`, embedded with `include_str!` and parsed once; the browser app embeds English
//! only and fetches the others when first needed, see [`catalogue_source`]). A catalogue is
//! plain lines of `key = text`; `#` starts a comment line; a text in straight double quotes
//! is taken as written, spaces included (`list.separator = ", "`). A text may hold
//! placeholders such as `{stage}`, filled by [`tf`] and [`tn`]. A message that depends on a
//! count has one line per CLDR plural category the language uses, the category in brackets
//! after the key:
//!
//! ```text
//! unit.days[one] = {n} day
//! unit.days[other] = {n} days
//! ```
//!
//! Keys are dotted, stable and descriptive: the first part names the place in the app
//! (`header`, `editor`, `results`, `chart`, `table`, `share`, `compare`, `sensitivity`, ...),
//! the rest what the text is (`editor.stage.add`, `chart.funnel.title`).
//!
//! Calling it: `t(locale, "results.revenue")` for a plain text, `tf(locale, "results.range",
//! &[("low", &low), ("high", &high)])` with values already formatted by [`mod@format`]
//! (numbers, money, percentages and days written the locale's way), and `tn(locale,
//! "unit.runs", n, &[])` for a count. Keys are string literals at the call, so the test that
//! every used key exists (`tests/i18n.rs`) can find them in `src/ui` and `src/charts`.
//! [`input`] reads what people type (numbers, rates such as "15-25%" or "observed 42 of
//! 180"), [`validation`] puts the engine's validation messages in the user's language, and
//! [`localize_scenario`] renames a preset's stages and sources.
//!
//! Architecture invariant: plain Rust, no web dependency, no global state other than the
//! parsed catalogues; a missing key never panics (the English text, else the key itself, is
//! shown), and `tests/i18n.rs` fails on any key one catalogue has and another lacks.

pub mod format;
pub mod input;
mod presets;
pub mod validation;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

pub use format::Currency;
pub use presets::{
    localize_scenario, localized_preset, preset_description, preset_title, slug as preset_slug,
};
pub use validation::{localize_field_error, localize_rule};

/// A language the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Locale {
    /// English, the catalogue every other one falls back to.
    #[default]
    En,
    /// Russian.
    Ru,
    /// Simplified Chinese.
    Zh,
}

impl Locale {
    /// Every locale, in the order the language menu lists them.
    pub const ALL: [Locale; 3] = [Locale::En, Locale::Ru, Locale::Zh];

    /// The short language code, as stored in settings and written in `<html lang>`:
    /// `"en"`, `"ru"` or `"zh"`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ru => "ru",
            Locale::Zh => "zh",
        }
    }

    /// The tag for the page's `<html lang>` attribute: `"zh-Hans"` for Chinese, so that the
    /// browser picks Simplified Chinese glyphs and fonts.
    pub fn html_lang(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ru => "ru",
            Locale::Zh => "zh-Hans",
        }
    }

    /// The language's name in that language, as the language menu shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Ru => "Русский",
            Locale::Zh => "中文",
        }
    }

    /// The locale of a language code or BCP 47 tag (`"ru"`, `"ru-RU"`, `"zh-Hans-CN"`), if
    /// the app speaks that language; case and `_` separators are accepted.
    pub fn from_code(tag: &str) -> Option<Locale> {
        let tag = tag.trim();
        let language = tag
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match language.as_str() {
            "en" => Some(Locale::En),
            "ru" => Some(Locale::Ru),
            // Every Chinese tag maps to Simplified Chinese, the only Chinese catalogue: a
            // reader of Traditional Chinese (zh-TW, zh-Hant) reads it far more easily than
            // the English fallback.
            "zh" => Some(Locale::Zh),
            _ => None,
        }
    }

    /// The best locale for the browser's preferred languages (`navigator.languages`, most
    /// preferred first): the first tag the app speaks, English when none.
    pub fn from_browser(tags: &[&str]) -> Locale {
        tags.iter()
            .find_map(|tag| Locale::from_code(tag))
            .unwrap_or_default()
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A CLDR plural category (the ones the shipped languages use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Plural {
    One,
    Few,
    Many,
    Other,
}

impl Plural {
    /// The category's CLDR name, as written in catalogue keys (`key[few]`).
    pub fn name(self) -> &'static str {
        match self {
            Plural::One => "one",
            Plural::Few => "few",
            Plural::Many => "many",
            Plural::Other => "other",
        }
    }
}

impl Locale {
    /// The plural categories this language distinguishes (CLDR cardinal rules).
    pub fn plural_categories(self) -> &'static [Plural] {
        match self {
            Locale::En => &[Plural::One, Plural::Other],
            Locale::Ru => &[Plural::One, Plural::Few, Plural::Many, Plural::Other],
            Locale::Zh => &[Plural::Other],
        }
    }
}

/// The CLDR cardinal plural category of `n` as it is displayed: a whole number (within 1e-9)
/// has no visible fraction digits (CLDR's `v = 0`), any other number has some, and NaN or
/// infinite values are `Other`.
pub fn plural_category(locale: Locale, n: f64) -> Plural {
    if !n.is_finite() {
        return Plural::Other;
    }
    let whole = (n - n.round()).abs() < 1e-9;
    if !whole {
        // Russian and English both put numbers with visible fraction digits in "other"
        // ("1,5 дня", "1.5 days").
        return Plural::Other;
    }
    // CLDR's `i`: the integer digits. Only its last two digits matter to the rules below.
    let i = (n.round().abs() % 100.0) as u32;
    match locale {
        Locale::En => {
            if n.round().abs() == 1.0 {
                Plural::One
            } else {
                Plural::Other
            }
        }
        Locale::Ru => {
            let (last, last_two) = (i % 10, i % 100);
            if last == 1 && last_two != 11 {
                Plural::One
            } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
                Plural::Few
            } else {
                Plural::Many
            }
        }
        Locale::Zh => Plural::Other,
    }
}

/// One line of a catalogue: a key (with its plural category, if any) and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The key as written, plural category included: `unit.days[one]`.
    pub key: &'a str,
    /// The text, spaces around it trimmed (or as written between straight double quotes).
    pub text: &'a str,
}

impl<'a> Entry<'a> {
    /// The key without its plural category: `unit.days` for `unit.days[one]`.
    pub fn base_key(&self) -> &'a str {
        self.key.split('[').next().unwrap_or(self.key)
    }

    /// The plural category named in the key, `None` for a plain message.
    pub fn plural(&self) -> Option<&'a str> {
        let start = self.key.find('[')?;
        self.key[start + 1..].strip_suffix(']')
    }
}

/// Reads a catalogue's text: its entries in order, or every malformed line ("line 12: ...").
///
/// # Errors
/// A line that is neither blank, a `#` comment nor `key = text`; a key with characters other
/// than ASCII lower-case letters, digits, `.`, `_` and `-` (plus a bracketed plural
/// category); an unknown plural category; an empty text.
pub fn parse_catalogue(text: &str) -> Result<Vec<Entry<'_>>, Vec<String>> {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, value)) = trimmed.split_once('=') else {
            errors.push(format!("line {number}: expected `key = text`"));
            continue;
        };
        let value = value.trim();
        // A text in straight double quotes keeps its spaces (a separator such as ", ").
        let value = match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            Some(quoted) if value.len() >= 2 => quoted,
            _ => value,
        };
        let entry = Entry {
            key: key.trim(),
            text: value,
        };
        let base_ok = !entry.base_key().is_empty()
            && entry.base_key().chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')
            });
        let plural_ok = match entry.key.find('[') {
            None => true,
            Some(_) => matches!(entry.plural(), Some("one" | "few" | "many" | "other")),
        };
        if !base_ok || !plural_ok {
            errors.push(format!(
                "line {number}: bad key `{}` (use a-z, 0-9, `.`, `_`, `-`, and optionally \
                 [one], [few], [many] or [other])",
                entry.key
            ));
        } else if entry.text.is_empty() {
            errors.push(format!("line {number}: `{}` has no text", entry.key));
        } else {
            entries.push(entry);
        }
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

/// The text of a locale's catalogue file. Native builds embed all three. The browser app
/// embeds English only and fetches the others as static files next to it (see
/// [`catalogue_file`]) when the page first needs them: until [`install_catalogue`] has one,
/// its text is empty and every key falls back to English.
pub fn catalogue_source(locale: Locale) -> &'static str {
    available_source(locale).unwrap_or("")
}

#[cfg(not(target_arch = "wasm32"))]
fn available_source(locale: Locale) -> Option<&'static str> {
    Some(match locale {
        Locale::En => include_str!("en.ftl"),
        Locale::Ru => include_str!("ru.ftl"),
        Locale::Zh => include_str!("zh.ftl"),
    })
}

/// In the browser app: English embedded (the fallback of every key) without the entries only
/// the parts loaded on demand show (`DEFERRED_PREFIXES`, cut out by `build.rs`), the whole
/// English file and the other languages once fetched. Embedding them made up 130 KB of the
/// app's wasm (issue 12).
#[cfg(target_arch = "wasm32")]
fn available_source(locale: Locale) -> Option<&'static str> {
    match locale {
        Locale::En => Some(
            INSTALLED[0]
                .get()
                .copied()
                .unwrap_or(include_str!(concat!(env!("OUT_DIR"), "/en-first.ftl"))),
        ),
        other => INSTALLED[index(other)].get().copied(),
    }
}

/// Keys of the English catalogue the browser app does not embed: the parts of the page that
/// show them (the CRM import, the teaching view, the decisions panel, which unknown matters
/// most, the lead-quality control) are loaded on demand and fetch the whole English file first ([`complete`], [`install_catalogue`]). `build.rs` cuts them out; the
/// two lists are held equal by `tests/i18n.rs`.
pub const DEFERRED_PREFIXES: &[&str] = &[
    "crm.",
    "calibrate.",
    "teach.",
    "sensitivity.",
    "experiment.",
    "goal.",
    "uncertainty.",
    "chart.uncertainty.",
    "chart.compare.",
    "decision.",
    "editor.correlation.",
    "explain.correlation.",
    "report.assumptions.",
    "segments.",
];

/// The catalogues the browser app fetched, indexed like `Locale::ALL`.
static INSTALLED: [OnceLock<&'static str>; 3] = [const { OnceLock::new() }; 3];

/// Whether `locale`'s catalogue is at hand: always, except in the browser app before its file
/// has been fetched (English is always at hand, without its deferred keys until fetched).
pub fn catalogue_ready(locale: Locale) -> bool {
    available_source(locale).is_some()
}

/// Whether `locale`'s catalogue is whole: every key, the deferred ones included (native builds:
/// always; the browser app: once the file has been fetched).
pub fn complete(locale: Locale) -> bool {
    cfg!(not(target_arch = "wasm32")) || INSTALLED[index(locale)].get().is_some()
}

/// Where the browser app finds the catalogue of `locale`, relative to the page: a static file
/// of the site (`dist/i18n/ru.ftl`), so it works from any base path.
pub fn catalogue_file(locale: Locale) -> String {
    format!("i18n/{}.ftl", locale.code())
}

/// Hands over the text of a catalogue file the browser app fetched. It is kept for the page's
/// lifetime; a catalogue already whole (embedded, or installed before) is left as it is.
pub fn install_catalogue(locale: Locale, text: String) {
    if !complete(locale) {
        let _ = INSTALLED[index(locale)].set(Box::leak(text.into_boxed_str()));
    }
}

type Catalogue = HashMap<&'static str, &'static str>;

/// A catalogue's entries. Malformed lines are skipped here (the tests reject them), so a
/// broken catalogue degrades to fallbacks instead of a panic.
fn parse_leniently(source: &'static str) -> Catalogue {
    let entries = match parse_catalogue(source) {
        Ok(entries) => entries,
        Err(_) => source
            .lines()
            .filter_map(|line| parse_catalogue(line).ok())
            .flatten()
            .collect(),
    };
    entries
        .into_iter()
        .map(|entry| (entry.key, entry.text))
        .collect()
}

fn index(locale: Locale) -> usize {
    match locale {
        Locale::En => 0,
        Locale::Ru => 1,
        Locale::Zh => 2,
    }
}

/// The parsed catalogue of `locale`, parsed once when first asked for (empty while the browser
/// app has not fetched it yet).
fn catalogue(locale: Locale) -> &'static Catalogue {
    // The fourth slot: the browser app's English before the whole file has come.
    static CATALOGUES: [OnceLock<Catalogue>; 4] = [const { OnceLock::new() }; 4];
    static NOT_YET: OnceLock<Catalogue> = OnceLock::new();
    let slot = if locale == Locale::En && !complete(locale) {
        3
    } else {
        index(locale)
    };
    match available_source(locale) {
        Some(source) => CATALOGUES[slot].get_or_init(|| parse_leniently(source)),
        None => NOT_YET.get_or_init(Catalogue::new),
    }
}

/// The text of `key` in `locale` alone, without falling back: `None` when that catalogue
/// lacks it. A plural message's lines are looked up as `key[one]`, `key[other]`, ...
pub fn lookup(locale: Locale, key: &str) -> Option<&'static str> {
    catalogue(locale).get(key).copied()
}

/// Every key of `locale`'s catalogue (plural lines as `key[category]`), sorted.
pub fn keys(locale: Locale) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = catalogue(locale).keys().copied().collect();
    keys.sort_unstable();
    keys
}

/// The message `key` in `locale`: the English text when that catalogue lacks it, the key
/// itself when English lacks it too (so a typo shows on screen instead of panicking).
pub fn t(locale: Locale, key: &str) -> &str {
    lookup(locale, key)
        .or_else(|| lookup(Locale::En, key))
        .unwrap_or(key)
}

/// The message `key` in `locale` with its placeholders filled: each `{name}` becomes the value
/// paired with `name` in `args`. Values are text: format numbers with [`mod@format`] first. A
/// placeholder without a value is left as written.
pub fn tf(locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
    fill(t(locale, key), args).into_owned()
}

/// The plural message `key` for the count `n` in `locale`, placeholders filled: the line for
/// `n`'s CLDR category (`key[one]`, `key[few]`, ...), else the language's `key[other]`, else
/// English's. `{n}` is `n` formatted for the locale (at most two decimals) unless `args`
/// gives a value for `n`.
pub fn tn(locale: Locale, key: &str, n: f64, args: &[(&str, &str)]) -> String {
    let plural_line =
        |locale: Locale, category: Plural| lookup(locale, &format!("{key}[{}]", category.name()));
    let text = plural_line(locale, plural_category(locale, n))
        .or_else(|| plural_line(locale, Plural::Other))
        .or_else(|| plural_line(Locale::En, plural_category(Locale::En, n)))
        .or_else(|| plural_line(Locale::En, Plural::Other))
        .unwrap_or(key);
    if args.iter().any(|(name, _)| *name == "n") {
        fill(text, args).into_owned()
    } else {
        let count = format::number(locale, n, 2);
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(("n", count.as_str()));
        all.extend_from_slice(args);
        fill(text, &all).into_owned()
    }
}

/// `text` with each `{name}` replaced by its value in `args`; unknown placeholders and
/// unmatched braces are kept as written.
pub fn fill<'a>(text: &'a str, args: &[(&str, &str)]) -> Cow<'a, str> {
    if !text.contains('{') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(arg, _)| *arg == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The placeholder names in `text` (`{stage}` gives `stage`), sorted and without repeats.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_fill(text: &str, args: &[(&str, &str)], expected: &str) {
        assert_eq!(fill(text, args), expected);
    }

    #[test]
    fn fills_placeholders() {
        check_fill("no braces", &[("a", "1")], "no braces");
        check_fill("{a} and {b}", &[("a", "1"), ("b", "2")], "1 and 2");
        check_fill("{a}{a}", &[("a", "x")], "xx");
        check_fill("{missing} stays", &[], "{missing} stays");
        check_fill("open { brace", &[], "open { brace");
        check_fill("ends with {", &[], "ends with {");
        check_fill("русский {имя}", &[("имя", "текст")], "русский текст");
    }

    #[test]
    fn finds_placeholders() {
        assert_eq!(placeholders("{b} {a} {b} {"), vec!["a", "b"]);
        assert!(placeholders("plain").is_empty());
    }

    #[test]
    fn rejects_malformed_lines() {
        let errors = parse_catalogue("# fine\nok = yes\nno equals sign\nBad Key = x\nk[two] = x\n")
            .unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with("line 3"));
        let entries = parse_catalogue("a.b[one] = {n} thing = more").unwrap();
        assert_eq!(entries[0].base_key(), "a.b");
        assert_eq!(entries[0].plural(), Some("one"));
        assert_eq!(entries[0].text, "{n} thing = more");
    }
}
