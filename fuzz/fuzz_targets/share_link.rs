//! Share links: any text decodes to shared work whose scenarios validate, or to an error;
//! decoded work encodes to a link that decodes to the same work.
#![no_main]

use funnelcast::app_model::share;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Either as it is, or as a payload behind the current version's prefix (so the fuzzer
    // reaches the base64, zlib and JSON layers without guessing the prefix).
    for link in [text.to_string(), format!("v1.{text}")] {
        if let Ok(shared) = share::decode(&link) {
            let work = shared.work();
            for variant in &work.variants {
                assert!(
                    variant.validate().is_ok(),
                    "a decoded scenario does not validate"
                );
            }
            let again = share::decode(&share::encode(&shared)).expect("an encoded link decodes");
            assert_eq!(again, shared, "the round trip changed the shared work");
        }
    }
});
