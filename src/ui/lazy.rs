//! The page's parts that load on demand, and how a view waits for one. A split point is an
//! `async fn` under `#[cfg_attr(feature = "split", leptos::lazy)]` in a `mod split` of the module
//! that uses it (`#[allow(unsafe_code)]`: the macro generates `#[no_mangle]` `extern "C"` pairs):
//! with the `split` feature (the app's builds, `index.html`) it is a Leptos `#[lazy]` function,
//! and `cargo xtask split` (a trunk post-build hook) cuts its code out of the app's wasm into a
//! chunk fetched the first time it is called; without it (the wasm tests) a plain async
//! function, so both builds render the same page.
//!
//! A part of the view is a builder function in its chunk: the split point hands back the
//! builder (a function pointer) once the chunk has come, and `part` keeps it in a signal for the
//! page's lifetime. The view shows nothing until then and calls the builder as it called the
//! component before, synchronously, in the reactive context it always had (not inside a
//! `Suspend`, whose future would build the part under an owner that a re-render may have
//! disposed).

use std::future::Future;
use std::sync::Arc;
use std::thread::LocalKey;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::engine::Report;

/// A part of the page that builds without arguments.
pub type Builder = fn() -> AnyView;
/// A part of the page that shows a report.
pub type ReportBuilder = fn(Arc<Report>) -> AnyView;

/// One part's builder, `None` until its chunk has come (kept in a `thread_local!` by the module
/// that shows it).
pub type Slot<B> = ArcRwSignal<Option<B>>;

/// The slot of a part, asking for its chunk if it has not come yet (asking twice is harmless:
/// a chunk is fetched once).
pub fn part<B, F>(slot: &'static LocalKey<Slot<B>>, load: impl FnOnce() -> F + 'static) -> Slot<B>
where
    B: Copy + Send + Sync + 'static,
    F: Future<Output = B> + 'static,
{
    let signal = slot.with(Clone::clone);
    if signal.with_untracked(Option::is_none) {
        spawn_local(async move {
            let builder = load().await;
            slot.with(|signal| signal.set(Some(builder)));
        });
    }
    signal
}

/// `part`, for a part whose texts the app does not embed (`i18n::DEFERRED_PREFIXES`): its slot
/// fills once both its chunk and the whole English catalogue have come, fetched side by side.
/// A catalogue that cannot be fetched shows the part anyway (its deferred texts then show in
/// the page's language if that catalogue has them, else as their keys) and says so in the
/// console.
pub fn part_with_text<B, F>(
    slot: &'static LocalKey<Slot<B>>,
    load: impl FnOnce() -> F + 'static,
) -> Slot<B>
where
    B: Copy + Send + Sync + 'static,
    F: Future<Output = B> + 'static,
{
    let signal = slot.with(Clone::clone);
    if signal.with_untracked(Option::is_none) {
        let (sent, text) = futures_channel::oneshot::channel();
        spawn_local(async move {
            if let Err(error) = super::text::load_catalogue(crate::i18n::Locale::En).await {
                leptos::logging::warn!("the English texts of a part did not come: {error}");
            }
            let _ = sent.send(());
        });
        spawn_local(async move {
            let builder = load().await;
            let _ = text.await;
            slot.with(|signal| signal.set(Some(builder)));
        });
    }
    signal
}

/// A part built untracked, as a component is, once its chunk has come.
pub fn untracked(slot: Slot<Builder>) -> impl IntoView {
    move || slot.get().map(untrack)
}

/// A part showing `report`, built in a render effect (rebuilt when what it reads changes, as
/// it was inside the report's view), once its chunk has come.
pub fn of_report(slot: Slot<ReportBuilder>, report: Arc<Report>) -> impl IntoView {
    move || slot.get().map(|build| build(Arc::clone(&report)))
}
