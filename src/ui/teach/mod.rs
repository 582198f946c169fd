//! The teaching view: the toolbar's button that opens it (first screen) and the view, a part
//! loaded on demand (`view.rs`) together with the whole English catalogue
//! (`lazy::part_with_text`: its `teach.*` texts are not embedded in the app's first module).
//! The view sits above the forecast, so the editor stays beside it (editing a rate restarts
//! the journeys) until projector mode hides it.

mod canvas;
mod view;

use leptos::prelude::*;

use super::lazy::{self, Builder, Slot};
use super::text::t;
use crate::app_model::share::SharedView;

/// Whether the teaching view is open, and in projector mode (provided by the app, read by the
/// button and the view, set by a share link that opens into the view).
#[derive(Debug, Clone, Copy)]
pub struct Open {
    pub open: RwSignal<bool>,
    pub projector: RwSignal<bool>,
}

impl Open {
    /// Closed, or open as a share link asks (`SharedView`).
    pub fn new(view: Option<SharedView>) -> Open {
        Open {
            open: RwSignal::new(view.is_some()),
            projector: RwSignal::new(view == Some(SharedView::Projector)),
        }
    }

    /// Opens the view a share link asks for, if any (a link opened in a page already open).
    pub fn show(self, view: Option<SharedView>) {
        if let Some(view) = view {
            self.projector.set(view == SharedView::Projector);
            self.open.set(true);
        }
    }
}

thread_local! {
    /// The view's builder, once its chunk (and the English catalogue) has come.
    static VIEW: Slot<Builder> = ArcRwSignal::new(None);
}

/// The button that opens the view.
#[component]
pub fn TeachButton() -> impl IntoView {
    let Open { open, .. } = expect_context::<Open>();
    view! {
        <button
            type="button"
            data-testid="teach-open"
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.set(true)
        >
            {move || t("toolbar.teach")}
        </button>
    }
}

/// The view while it is open.
#[component]
pub fn TeachArea() -> impl IntoView {
    let Open { open, .. } = expect_context::<Open>();
    move || {
        open.get()
            .then(|| lazy::untracked(lazy::part_with_text(&VIEW, split::view_builder)))
    }
}

/// The view is in a chunk of its own: most visits never open it.
#[allow(unsafe_code)]
mod split {
    use super::Builder;

    #[cfg_attr(feature = "split", leptos::lazy)]
    pub(super) async fn view_builder() -> Builder {
        super::view::build as Builder
    }
}
