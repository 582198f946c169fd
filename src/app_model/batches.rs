//! How a long list reaches its length a batch at a time (the page takes one step per animation
//! frame, `ui::progressive`): the first `FIRST` items at once, then `PER_FRAME` more a step; a
//! list that shrinks loses at most `REMOVED_PER_FRAME` items a step. A funnel of 200 stages is
//! 200 editor rows of a dozen fields each: built in one go that was a third of a second of the
//! main thread, and taking 180 of them away at once a tenth of a second.

/// Items shown at once: every preset fits.
pub const FIRST: usize = 8;
/// Items added each frame after the first ones.
pub const PER_FRAME: usize = 4;
/// Items taken away each frame when a list shrinks by more: the items past the list's end
/// meanwhile show nothing (their rows hide themselves, see `editor::stages`).
pub const REMOVED_PER_FRAME: usize = 25;

/// The next number of items to show, from `shown` towards `total`, and whether more steps
/// follow (each a frame later).
pub fn step(shown: usize, total: usize) -> (usize, bool) {
    if shown < total {
        let next = if shown < FIRST {
            total.min(FIRST)
        } else {
            total.min(shown + PER_FRAME)
        };
        (next, next < total)
    } else {
        let next = total.max(shown.saturating_sub(REMOVED_PER_FRAME));
        (next, next > total)
    }
}
