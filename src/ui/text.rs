//! The UI's only way to text: every word a component shows is a catalogue key looked up here
//! in the page's language (`crate::i18n`), and every number is formatted for it. Called inside
//! a reactive closure, these re-run when the language or the currency changes.

use leptos::prelude::*;

use super::state::AppState;
use crate::i18n::{self, Locale, format};

thread_local! {
    /// The page's language and currency for code running outside the components' context
    /// (event handlers, tasks); `remember` keeps them up to date.
    static CURRENT: std::cell::Cell<(Locale, format::Currency)> =
        const { std::cell::Cell::new((Locale::En, format::Currency::None)) };
}

/// Records the page's language and currency for code outside the components' context.
pub fn remember(locale: Locale, currency: format::Currency) {
    CURRENT.with(|current| current.set((locale, currency)));
}

/// The page's language: from the app's state when in context (and then reactive), else the
/// last one recorded.
pub fn locale() -> Locale {
    use_context::<AppState>()
        .map(|state| state.locale.get())
        .unwrap_or_else(|| CURRENT.with(|current| current.get().0))
}

fn currency() -> format::Currency {
    use_context::<AppState>()
        .map(|state| state.currency.get())
        .unwrap_or_else(|| CURRENT.with(|current| current.get().1))
}

/// The text of `key`.
pub fn t(key: &'static str) -> String {
    i18n::t(locale(), key).to_string()
}

/// The text of `key` with its `{name}` placeholders filled in.
pub fn tf(key: &'static str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, &str)> = args
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    i18n::tf(locale(), key, &args)
}

/// The plural form of `key` for `n`, placeholders filled in (`{n}` is `n` formatted).
pub fn tn(key: &'static str, n: f64, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, &str)> = args
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    i18n::tn(locale(), key, n, &args)
}

/// A count or quantity: grouped digits, no decimals.
pub fn count(value: f64) -> String {
    format::integer(locale(), value)
}

/// A number with at most `decimals` decimals.
pub fn number(value: f64, decimals: usize) -> String {
    format::number(locale(), value, decimals)
}

/// A share (0.25) as a percentage with at most `decimals` decimals.
pub fn percent(share: f64, decimals: usize) -> String {
    format::percent(locale(), share, decimals)
}

/// An amount of money in the chosen currency.
pub fn money(value: f64) -> String {
    format::money(locale(), currency(), value)
}

/// A number of days ("12 days").
pub fn days(value: f64) -> String {
    format::format_days(locale(), value)
}

/// Numbers in chart annotations and ticks, formatted for the page's language and currency.
#[derive(Debug, Clone, Copy)]
pub struct ChartFormat {
    pub locale: Locale,
    pub currency: format::Currency,
}

impl ChartFormat {
    /// The page's current format (read inside a reactive closure to redraw on a change).
    pub fn current() -> ChartFormat {
        ChartFormat {
            locale: locale(),
            currency: currency(),
        }
    }
}

impl crate::charts::NumberFormat for ChartFormat {
    fn money(&self, value: f64) -> String {
        format::money(self.locale, self.currency, value)
    }

    fn money_short(&self, value: f64) -> String {
        format::money_compact(self.locale, self.currency, value)
    }

    fn count(&self, value: f64) -> String {
        if value.abs() < 10.0 && value.fract() != 0.0 {
            format::number(self.locale, value, 1)
        } else {
            format::integer(self.locale, value)
        }
    }

    fn count_short(&self, value: f64) -> String {
        format::compact(self.locale, value)
    }

    fn percent(&self, fraction: f64) -> String {
        format::percent(self.locale, fraction, 1)
    }

    fn days(&self, value: f64) -> String {
        format::number(self.locale, value, 1)
    }
}

/// A template for a chart: the catalogue text of `key` with its placeholder `from` renamed
/// `{to}` (the chart fills `{to}` in itself).
pub fn template(key: &'static str, from: &str, to: &str) -> String {
    tf(key, &[(from, format!("{{{to}}}"))])
}

/// The page's language and currency, for `app_model`'s sentences (reactive in the app).
pub fn style() -> crate::app_model::explain::Style {
    crate::app_model::explain::Style {
        locale: locale(),
        currency: currency(),
    }
}

/// Fetches `locale`'s catalogue if the app does not have it yet (the browser app embeds
/// English only, and without the keys of the parts loaded on demand: issue 12, the app's
/// size). For English, the whole file (`i18n::DEFERRED_PREFIXES`).
pub async fn load_catalogue(locale: Locale) -> Result<(), String> {
    if i18n::catalogue_ready(locale) && (locale != Locale::En || i18n::complete(locale)) {
        return Ok(());
    }
    let text = super::browser::fetch_text(&i18n::catalogue_file(locale)).await?;
    i18n::install_catalogue(locale, text);
    Ok(())
}

thread_local! {
    /// The language last chosen in the menu, so that a slow catalogue never overrides a later
    /// choice.
    static CHOSEN: std::cell::Cell<Option<Locale>> = const { std::cell::Cell::new(None) };
}

/// Switches the page to `locale` once its catalogue is at hand. A catalogue that cannot be
/// fetched leaves the page in its language, with a notice saying why.
pub fn switch_locale(state: AppState, locale: Locale) {
    CHOSEN.with(|chosen| chosen.set(Some(locale)));
    if i18n::catalogue_ready(locale) {
        state.locale.set(locale);
        return;
    }
    leptos::task::spawn_local(async move {
        let loaded = load_catalogue(locale).await;
        if CHOSEN.with(|chosen| chosen.get()) != Some(locale) {
            return;
        }
        match loaded {
            Ok(()) => state.locale.set(locale),
            Err(error) => {
                // The menu shows the language the page kept.
                state.locale.set(state.locale.get_untracked());
                let text = i18n::tf(
                    state.locale.get_untracked(),
                    "language.unavailable",
                    &[("language", locale.native_name()), ("error", &error)],
                );
                state.notice.set(super::state::Notice::error(text));
            }
        }
    });
}
