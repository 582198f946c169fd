//! "Import CRM history": the toolbar's button (first screen) and the panel it opens, a part
//! loaded on demand (`panel.rs`) together with the whole English catalogue
//! (`lazy::part_with_text`: the panel's `crm.*` and `calibrate.*` texts are not embedded in the
//! app's first module, `i18n::DEFERRED_PREFIXES`).

mod panel;

use leptos::prelude::*;

use super::lazy::{self, Builder, Slot};
use super::text::t;

/// Whether the import panel is open (provided to the panel by the button).
#[derive(Debug, Clone, Copy)]
pub struct Open(pub RwSignal<bool>);

thread_local! {
    /// The panel's builder, once its chunk (and the English catalogue) has come.
    static PANEL: Slot<Builder> = ArcRwSignal::new(None);
}

/// The button, and the panel while it is open.
#[component]
pub fn CrmImport() -> impl IntoView {
    let open = RwSignal::new(false);
    provide_context(Open(open));
    view! {
        <button
            type="button"
            data-testid="crm-open"
            aria-haspopup="dialog"
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.set(true)
        >
            {move || t("toolbar.crm_import")}
        </button>
        {move || {
            open.get().then(|| lazy::untracked(lazy::part_with_text(&PANEL, split::panel_builder)))
        }}
    }
}

/// The panel is in a chunk of its own: most visits never import a history.
#[allow(unsafe_code)]
mod split {
    use super::Builder;

    #[cfg_attr(feature = "split", leptos::lazy)]
    pub(super) async fn panel_builder() -> Builder {
        super::panel::build as Builder
    }
}
