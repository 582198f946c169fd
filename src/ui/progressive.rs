//! Long lists shown a batch per frame. A funnel of 200 stages is 200 editor rows of a dozen
//! fields each: built in one go, that was a third of a second of the main thread (the page
//! frozen while a file is imported). `shown` gives how many of a list's items to show: the
//! first `FIRST` at once, then `PER_FRAME` more each animation frame until all are, so no
//! frame builds more than a few rows. A list that grows later is caught up the same way.

use leptos::prelude::*;

/// Items shown at once: every preset fits.
pub const FIRST: usize = 8;
/// Items added each frame after the first ones.
pub const PER_FRAME: usize = 4;

/// How many of the `total()` items to show now (reactive): all of them within a few frames.
pub fn shown(total: impl Fn() -> usize + Send + Sync + 'static) -> Signal<usize> {
    let ready = RwSignal::new(FIRST);
    let total = Memo::new(move |_| total());
    Effect::new(move |_| {
        if ready.get() < total.get() {
            request_animation_frame(move || {
                // The list may be gone by the next frame.
                let _ = ready.try_update(|ready| *ready += PER_FRAME);
            });
        }
    });
    Signal::derive(move || total.get().min(ready.get()))
}
