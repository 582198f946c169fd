//! The page header: the product's name, the presets menu and the language switch.

use leptos::prelude::*;

use super::state::AppState;
use super::text::t;
use crate::app_model::action::Action;
use crate::i18n::format::Currency;
use crate::i18n::{self, Locale};
use crate::scenario::{Scenario, presets};

/// An empty scenario: a year's horizon, no source, no stage (the editor's starting point).
pub fn empty_scenario(name: String) -> Scenario {
    Scenario {
        name,
        description: String::new(),
        horizon_days: 365,
        sources: Vec::new(),
        stages: Vec::new(),
        retention: None,
        rate_correlation: None,
        segments: Vec::new(),
    }
}

/// The header bar.
#[component]
pub fn Header() -> impl IntoView {
    let state = AppState::get();
    let load_preset = move |id: String| {
        if id == "empty" {
            state.act(Action::Replace(empty_scenario(t("scenario.untitled"))));
        } else if let Some(preset) = presets::find(&id) {
            let locale = state.locale.get_untracked();
            state.act(Action::Replace(
                i18n::localized_preset(&id, locale).unwrap_or_else(|| preset.scenario()),
            ));
        }
    };
    view! {
        <header class="app-header">
            <div class="brand">
                <h1 class="app-title" data-testid="app-title">"Funnelcast"</h1>
                <p class="app-tagline">{move || t("app.tagline")}</p>
            </div>
            <div class="toolbar">
                <label class="tool">
                    <span>{move || t("header.presets")}</span>
                    <select
                        data-testid="preset-menu"
                        on:change=move |ev| {
                            load_preset(event_target_value(&ev));
                            // A menu, not a setting: it shows its title again, never a cut
                            // "title — description" of the preset loaded (the scenario's name
                            // says which it was).
                            event_target::<web_sys::HtmlSelectElement>(&ev).set_value("");
                        }
                    >
                        <option value="" selected>{move || t("presets.heading")}</option>
                        <option value="empty">{move || t("presets.new_empty")}</option>
                        {presets::PRESETS
                            .iter()
                            .map(|preset| {
                                let id = preset.id;
                                let title = move || {
                                    i18n::preset_title(id, state.locale.get()).unwrap_or(id).to_string()
                                };
                                let description = move || {
                                    i18n::preset_description(id, state.locale.get())
                                        .unwrap_or_default()
                                        .to_string()
                                };
                                view! {
                                    <option value=id title=description>
                                        {title}
                                        " — "
                                        {description}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="tool">
                    <span>{move || t("header.language")}</span>
                    <select
                        data-testid="language-menu"
                        on:change=move |ev| {
                            if let Some(locale) = Locale::from_code(&event_target_value(&ev)) {
                                super::text::switch_locale(state, locale);
                            }
                        }
                    >
                        {Locale::ALL
                            .iter()
                            .map(|&locale| {
                                view! {
                                    <option
                                        value=locale.code()
                                        selected=move || state.locale.get() == locale
                                    >
                                        {locale.native_name()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="tool">
                    <span>{move || t("header.currency")}</span>
                    <select
                        data-testid="currency-menu"
                        on:change=move |ev| {
                            if let Some(currency) = Currency::from_code(&event_target_value(&ev)) {
                                state.act(Action::SetCurrency(currency));
                            }
                        }
                    >
                        {Currency::ALL
                            .iter()
                            .map(|&currency| {
                                let key = match currency {
                                    Currency::Usd => "currency.usd",
                                    Currency::Eur => "currency.eur",
                                    Currency::Gbp => "currency.gbp",
                                    Currency::Rub => "currency.rub",
                                    Currency::Cny => "currency.cny",
                                    Currency::None => "currency.none",
                                };
                                view! {
                                    <option
                                        value=currency.code()
                                        selected=move || state.currency.get() == currency
                                    >
                                        {move || t(key)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
            </div>
        </header>
    }
}
