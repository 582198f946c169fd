//! Messages to and from the workers: any text is a request or reply, or an error; what
//! parses writes back to JSON that parses to the same message.
#![no_main]

use funnelcast::worker::{Reply, Request};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(request) = serde_json::from_str::<Request>(text) {
        let again: Request =
            serde_json::from_str(&serde_json::to_string(&request).expect("writes"))
                .expect("a written request parses");
        assert_eq!(again, request);
    }
    if let Ok(reply) = serde_json::from_str::<Reply>(text) {
        let again: Reply = serde_json::from_str(&serde_json::to_string(&reply).expect("writes"))
            .expect("a written reply parses");
        assert_eq!(again, reply);
    }
});
