//! Plan A and its variants: tabs to switch between them, a button duplicating the current one
//! as a new variant, and what the shown variant changes from plan A.

use leptos::prelude::*;

use super::state::AppState;
use super::text::{t, tf};

/// The letter of variant `index`: A, B, ..., Z, then A2, B2, ...
pub fn letter(index: usize) -> String {
    let letter = char::from(b'A' + (index % 26) as u8);
    match index / 26 {
        0 => letter.to_string(),
        round => format!("{letter}{}", round + 1),
    }
}

/// The most variants the page keeps (each is simulated when they are compared).
pub const MAX_VARIANTS: usize = 6;

/// The variant tabs.
#[component]
pub fn VariantTabs() -> impl IntoView {
    let state = AppState::get();
    let count = move || state.variants.with(Vec::len);
    let full = move || count() >= MAX_VARIANTS;
    let duplicate = move |_| {
        let index = state.active.get_untracked();
        let mut added = None;
        state.variants.update(|variants| {
            if variants.len() >= MAX_VARIANTS {
                return;
            }
            if let Some(scenario) = variants.get(index).cloned() {
                variants.push(scenario);
                added = Some(variants.len() - 1);
            }
        });
        if let Some(added) = added {
            state.active.set(added);
        }
    };
    let remove = move |_| {
        let index = state.active.get_untracked();
        if index == 0 {
            return;
        }
        state.active.set(index - 1);
        state.variants.update(|variants| {
            if index < variants.len() {
                variants.remove(index);
            }
        });
    };
    view! {
        <div class="variant-bar" role="tablist" aria-label=move || t("compare.select_variant")>
            <For each=move || 0..count() key=|index| *index let(index)>
                <button
                    type="button"
                    role="tab"
                    class="variant-tab"
                    data-testid=format!("variant-tab-{}", letter(index))
                    aria-selected=move || (state.active.get() == index).to_string()
                    on:click=move |_| state.active.set(index)
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
