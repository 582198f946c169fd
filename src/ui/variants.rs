//! Plan A and its variants: tabs to switch between them, a button duplicating the current one
//! as a new variant, and what the shown variant changes from plan A.

use leptos::prelude::*;

use super::state::AppState;
use super::text::{t, tf};
use crate::app_model::action::Action;

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
        <div class="variant-bar" role="tablist" aria-label=move || t("compare.select_variant")>
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
