//! Long lists shown a batch per frame. A funnel of 200 stages is 200 editor rows of a dozen
//! fields each: built in one go, that was a third of a second of the main thread (the page
//! frozen while a file is imported), and taking most of them away at once (importing a short
//! funnel over a long one) was a tenth of a second. `shown` gives how many of a list's items
//! to show, taking the steps of `app_model::batches` a frame apart: no frame builds or takes
//! away more than a few rows.

use leptos::prelude::*;

use crate::app_model::batches::{FIRST, REMOVED_PER_FRAME, step};

/// How many of the `total()` items to show now (reactive): all of them within a few frames.
pub fn shown(total: impl Fn() -> usize + Send + Sync + 'static) -> Signal<usize> {
    let total = Memo::new(move |_| total());
    let shown = RwSignal::new(step(0, total.get_untracked()).0);
    // Growing to the first items, or shrinking by a batch at most, happens at once (a stage
    // removed leaves at once); every other step a frame after the one before.
    let waiting = StoredValue::new(false);
    Effect::new(move |_| {
        let (now, wanted) = (shown.get(), total.get());
        if now == wanted || waiting.get_value() {
            return;
        }
        if now < FIRST.min(wanted) || now > wanted && now - wanted <= REMOVED_PER_FRAME {
            shown.set(step(now, wanted).0);
            return;
        }
        waiting.set_value(true);
        request_animation_frame(move || {
            // The list may be gone by the next frame.
            let _ = waiting.try_set_value(false);
            let _ = shown.try_update(|shown| {
                *shown = step(*shown, total.get_untracked()).0;
            });
        });
    });
    shown.into()
}
