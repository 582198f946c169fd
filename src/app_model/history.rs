//! Undo and redo: a bounded history of scenario snapshots.
//!
//! Snapshots are whole scenarios (a few kilobytes each), so undoing is replacing, never
//! replaying edits. The history is generic over what it keeps (a `Scenario` unless told), so
//! the app may keep A and its variants together as one state. Typing into one field makes many edits; the caller passes a key naming the
//! field and the time in milliseconds, and edits of the same field close together in time are
//! coalesced into one undo step. There is no clock here: the caller owns time.

use std::collections::VecDeque;

use crate::scenario::Scenario;

/// The number of undo steps kept by `History::new`.
pub const DEFAULT_LIMIT: usize = 100;

/// Edits of the same field at most this many milliseconds apart make one undo step.
pub const COALESCE_MS: u64 = 1_000;

/// The last edit pushed, for coalescing the next one into it.
#[derive(Debug, Clone, PartialEq)]
struct LastEdit {
    key: String,
    at_ms: u64,
}

/// The scenario being edited, with the states before it (undo) and after it (redo).
#[derive(Debug, Clone, PartialEq)]
pub struct History<T = Scenario> {
    /// Older states, oldest first; at most `limit`.
    past: VecDeque<T>,
    present: T,
    /// States undone, the next one to redo last.
    future: Vec<T>,
    limit: usize,
    last_edit: Option<LastEdit>,
}

impl<T: Clone + PartialEq> History<T> {
    /// A history starting at `initial`, keeping `DEFAULT_LIMIT` undo steps.
    pub fn new(initial: T) -> History<T> {
        History::with_limit(initial, DEFAULT_LIMIT)
    }

    /// A history keeping at most `limit` undo steps (at least one).
    pub fn with_limit(initial: T, limit: usize) -> History<T> {
        History {
            past: VecDeque::new(),
            present: initial,
            future: Vec::new(),
            limit: limit.max(1),
            last_edit: None,
        }
    }

    /// The scenario as it stands.
    pub fn current(&self) -> &T {
        &self.present
    }

    /// Records `new` as the current scenario, one undo step after the previous one; the redo
    /// branch is dropped. A scenario equal to the current one records nothing.
    pub fn push(&mut self, new: T) {
        if new == self.present {
            return;
        }
        self.last_edit = None;
        self.record(new);
    }

    /// Records `new` as the result of editing the field `key` at `now_ms`. When the previous
    /// record was an edit of the same key at most `COALESCE_MS` earlier (and nothing was undone
    /// since), `new` replaces it: one undo step goes back to before the whole burst.
    pub fn push_edit(&mut self, new: T, key: &str, now_ms: u64) {
        if new == self.present {
            return;
        }
        let coalesce = self.last_edit.as_ref().is_some_and(|last| {
            last.key == key && now_ms >= last.at_ms && now_ms - last.at_ms <= COALESCE_MS
        });
        self.last_edit = Some(LastEdit {
            key: key.to_string(),
            at_ms: now_ms,
        });
        if coalesce {
            self.present = new;
            self.future.clear();
        } else {
            self.record(new);
        }
    }

    fn record(&mut self, new: T) {
        let old = std::mem::replace(&mut self.present, new);
        self.past.push_back(old);
        while self.past.len() > self.limit {
            self.past.pop_front();
        }
        self.future.clear();
    }

    /// Goes back one step; the scenario now current, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<&T> {
        let previous = self.past.pop_back()?;
        let undone = std::mem::replace(&mut self.present, previous);
        self.future.push(undone);
        self.last_edit = None;
        Some(&self.present)
    }

    /// Goes forward one undone step; the scenario now current, or `None` when there is
    /// nothing to redo.
    pub fn redo(&mut self) -> Option<&T> {
        let next = self.future.pop()?;
        let redone = std::mem::replace(&mut self.present, next);
        self.past.push_back(redone);
        self.last_edit = None;
        Some(&self.present)
    }

    /// Whether `undo` would change anything.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether `redo` would change anything.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// The number of steps `undo` can go back.
    pub fn undo_steps(&self) -> usize {
        self.past.len()
    }

    /// The number of steps `redo` can go forward.
    pub fn redo_steps(&self) -> usize {
        self.future.len()
    }

    /// Starts afresh at `state` with nothing to undo or redo (after opening a file, a
    /// preset or a share link the caller chose not to make undoable).
    pub fn reset(&mut self, state: T) {
        *self = History::with_limit(state, self.limit);
    }
}
