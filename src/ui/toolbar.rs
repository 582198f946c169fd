//! The scenario's toolbar (import, export, share, undo, redo, import a CRM history) and the
//! notice bar that reports what an action did.

use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser;
use super::persistence::{ShareButton, UndoRedo};
use super::state::{AppState, Notice};
use super::text::{t, tf};
use crate::app_model::action::Action;
use crate::app_model::share::Shared;
use crate::app_model::{export, messages};
use crate::scenario::Scenario;

/// Import and export of the work as a JSON file (every variant, the one shown, runs, seed,
/// currency and target); a plain scenario file imports too.
#[component]
pub fn Toolbar() -> impl IntoView {
    let state = AppState::get();
    let file_input = NodeRef::<Input>::new();
    let export = move |_| {
        let work = state.work();
        let json = Shared::of_work(&work).to_pretty_json();
        let file = export::scenario_file_name(&work.variants[0].name);
        if let Err(message) = browser::download(&file, "application/json", json.as_bytes()) {
            state.notice.set(Notice::error(message));
        }
    };
    let import = move |_| {
        let Some(input) = file_input.get_untracked() else {
            return;
        };
        spawn_local(async move {
            let input_name = browser::chosen_file_name(&input).unwrap_or_default();
            let text = browser::read_chosen_file(&input).await;
            input.set_value("");
            let text = match text {
                Ok(text) => {
                    let work = split::read_work_file(text.clone()).await;
                    Ok((text, work))
                }
                Err(message) => Err(message),
            };
            match text {
                Err(message) => state.notice.set(Notice::error(message)),
                // A file that reads as a scenario is loaded even if it breaks rules: the editor
                // then shows each message at its field. Only unreadable text is refused.
                Ok((_, Some(work))) => match work {
                    Ok(shared) => {
                        let name = shared.scenario.name.clone();
                        state.act(Action::ReplaceWork(shared.work()));
                        state
                            .notice
                            .set(Notice::info(tf("import.success", &[("name", name)])));
                    }
                    Err(error) => state.notice.set(Notice::error(tf(
                        "import.failed",
                        &[
                            ("file", input_name.clone()),
                            (
                                "reason",
                                messages::share_error(state.locale.get_untracked(), &error),
                            ),
                        ],
                    ))),
                },
                Ok((text, None)) => match Scenario::from_json(&text) {
                    Ok(scenario) => {
                        let name = scenario.name.clone();
                        state.act(Action::Replace(scenario));
                        state
                            .notice
                            .set(Notice::info(tf("import.success", &[("name", name)])));
                    }
                    Err(error) => state.notice.set(Notice::error(tf(
                        "import.failed",
                        &[
                            ("file", input_name.clone()),
                            (
                                "reason",
                                messages::scenario_error(state.locale.get_untracked(), &error),
                            ),
                        ],
                    ))),
                },
            }
        });
    };
    view! {
        <div class="toolbar-row" role="toolbar">
            <UndoRedo />
            <ShareButton />
            <button type="button" data-testid="export-json" on:click=export>
                {move || t("export.json.button")}
            </button>
            <label class="button-like">
                {move || t("import.button")}
                <input
                    type="file"
                    accept=".json,application/json"
                    class="visually-hidden"
                    data-testid="import-json"
                    node_ref=file_input
                    on:change=import
                />
            </label>
            <super::crm::CrmImport />
            <super::teach::TeachButton />
        </div>
    }
}

/// The latest notice, dismissable.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let state = AppState::get();
    move || {
        state.notice.get().map(|notice| {
            let class = if notice.error { "notice error" } else { "notice info" };
            view! {
                <div class=class role=if notice.error { "alert" } else { "status" } data-testid="notice">
                    <pre>{notice.text}</pre>
                    <button
                        type="button"
                        class="icon"
                        aria-label=move || t("common.close")
                        on:click=move |_| state.notice.set(None)
                    >
                        "×"
                    </button>
                </div>
            }
        })
    }
}

/// A work file's reader (the share payload's checks) is in a chunk fetched at the first
/// import, not in the module every visit loads (`super::lazy`).
#[allow(unsafe_code)]
mod split {
    use crate::app_model::share::{self, ShareError, Shared};

    /// The work file in `text`, or `None` when `text` is not one (a plain scenario file).
    #[cfg_attr(feature = "split", leptos::lazy)]
    pub(super) async fn read_work_file(text: String) -> Option<Result<Shared, ShareError>> {
        share::is_work_file(&text).then(|| share::work_file_from_json(&text))
    }
}
