//! The page header: the product's name, the presets menu and the language switch.

use leptos::prelude::*;

use super::state::AppState;
use super::text::t;
use crate::scenario::{Scenario, presets};

/// The languages the catalogue ships, by code, each named in itself.
pub const LANGUAGES: [(&str, &str); 3] = [("en", "English"), ("ru", "Русский"), ("zh", "中文")];

/// An empty scenario: a year's horizon, no source, no stage (the editor's starting point).
pub fn empty_scenario(name: String) -> Scenario {
    Scenario {
        name,
        description: String::new(),
        horizon_days: 365,
        sources: Vec::new(),
        stages: Vec::new(),
        retention: None,
    }
}

/// The header bar.
#[component]
pub fn Header() -> impl IntoView {
    let state = AppState::get();
    let load_preset = move |id: String| {
        if id == "empty" {
            state.replace(empty_scenario(t("editor.untitled")));
        } else if let Some(preset) = presets::find(&id) {
            state.replace(preset.scenario());
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
                        }
                    >
                        <option value="" selected>{move || t("header.choose_preset")}</option>
                        <option value="empty">{move || t("header.empty_scenario")}</option>
                        {presets::PRESETS
                            .iter()
                            .map(|preset| {
                                let scenario = preset.scenario();
                                view! {
                                    <option value=preset.id title=scenario.description.clone()>
                                        {scenario.name.clone()}
                                        " — "
                                        {scenario.description.clone()}
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
                        on:change=move |ev| state.locale.set(event_target_value(&ev))
                    >
                        {LANGUAGES
                            .iter()
                            .map(|(code, name)| {
                                view! {
                                    <option value=*code selected=move || state.locale.get() == *code>
                                        {*name}
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
