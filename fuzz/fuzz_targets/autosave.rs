//! Autosaved work: whatever storage holds is read back as saved work, or kept as it is with
//! the error (nothing the person typed is lost); what reads back writes back the same.
#![no_main]

use funnelcast::app_model::autosave::{self, Restored, Saved};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match autosave::restore(Some(text)) {
        Restored::Saved(saved) => {
            let again = Saved::from_json(&saved.to_json()).expect("saved work reads back");
            assert_eq!(again, saved, "the round trip changed the saved work");
        }
        Restored::Corrupt { raw, .. } => assert_eq!(raw, text, "the stored text was not kept"),
        // Empty storage is nothing stored.
        Restored::Nothing => assert!(text.trim().is_empty(), "{text:?} read as nothing stored"),
    }
});
