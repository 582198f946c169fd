//! Plan A and its variants: tabs to switch between them, a button duplicating the current one
//! as a new variant, and what the shown variant changes from plan A.

use leptos::prelude::*;

use super::state::AppState;
use super::text::{t, tf};
use crate::app_model::action::Action;
use crate::app_model::changes::changes;
use crate::app_model::explain::{Style, change_sentence};

/// The letter of variant `index`: A, B, ..., Z, then AA, AB, ... (`app_model::edit`).
pub use crate::app_model::edit::variant_letter as letter;

pub use crate::app_model::action::MAX_VARIANTS;

/// The variant tabs.
#[component]
pub fn VariantTabs() -> impl IntoView {
    let state = AppState::get();
    let count = move || state.variants.with(Vec::len);
    let full = move || count() >= MAX_VARIANTS;
    let duplicate = move |_| state.act(Action::DuplicateVariant);
    let remove = move |_| state.act(Action::RemoveVariant);
    view! {
        // The tab list holds the tabs only (ARIA allows nothing else in a tablist); the
        // buttons that add and remove a variant sit beside it.
        <div class="variant-bar">
            <div class="variant-tabs" role="tablist" aria-label=move || t("compare.select_variant")>
            <For each=move || 0..count() key=|index| *index let(index)>
                <button
                    type="button"
                    role="tab"
                    class="variant-tab"
                    data-testid=format!("variant-tab-{}", letter(index))
                    aria-selected=move || (state.active.get() == index).to_string()
                    on:click=move |_| state.act(Action::SelectVariant(index))
                >
                    {move || tf("compare.variant", &[("letter", letter(index))])}
                </button>
            </For>
            </div>
            <button
                type="button"
                class="add"
                data-testid="duplicate-variant"
                disabled=full
                on:click=duplicate
            >
                {move || t("compare.duplicate")}
            </button>
            <Show when=move || { state.active.get() != 0 }>
                <button type="button" class="link" data-testid="remove-variant" on:click=remove>
                    {move || tf("compare.remove_variant", &[("letter", letter(state.active.get()))])}
                </button>
            </Show>
        </div>
    }
}

/// What the active variant changes from plan A, in the editor, in sentences
/// (`app_model::changes` and `app_model::explain::change_sentence`).
#[component]
pub fn DifferencesFromA() -> impl IntoView {
    let state = AppState::get();
    let changes = move || {
        let active = state.active.get();
        if active == 0 {
            return None;
        }
        state
            .variants
            .with(|variants| Some(changes(variants.first()?, variants.get(active)?)))
    };
    move || {
        changes().map(|changes| {
            let style = Style {
                locale: state.locale.get(),
                currency: state.currency.get(),
            };
            let items = if changes.is_empty() {
                view! { <li>{move || t("compare.differences.none")}</li> }.into_any()
            } else {
                changes
                    .iter()
                    .map(|change| view! { <li>{change_sentence(style, change)}</li> })
                    .collect_view()
                    .into_any()
            };
            view! {
                <div class="differences" data-testid="differences">
                    <strong>{move || t("compare.differences.heading")}</strong>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}
