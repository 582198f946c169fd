//! Scenario files: any text loads to a valid scenario, or gives errors each naming a field;
//! what loads writes back to JSON that loads to the same scenario.
#![no_main]

use funnelcast::scenario::{self, LoadError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match scenario::load(text) {
        Ok((scenario, _model)) => {
            let written = serde_json::to_string(&scenario).expect("a scenario writes as JSON");
            let (again, _) = scenario::load(&written).expect("what loaded loads again");
            assert_eq!(again, scenario, "the round trip changed the scenario");
        }
        Err(LoadError::Invalid(errors)) => {
            assert!(!errors.is_empty(), "invalid without an error");
            for error in &errors {
                assert!(
                    !error.path.is_empty(),
                    "an error without its field: {error}"
                );
            }
        }
        Err(LoadError::Format(_)) => {}
    }
});
