//! The run codec (the workers' runs as bytes): any bytes decode to runs or to an error; what
//! decodes encodes to bytes that decode to the same runs, bit for bit.
#![no_main]

use funnelcast::worker::codec;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(batch) = codec::decode(data) {
        let again = codec::decode(&codec::encode(&batch)).expect("encoded runs decode");
        // Bit for bit: NaN payloads and signed zeros included.
        assert_eq!(format!("{again:?}"), format!("{batch:?}"));
    }
    if let Ok(part) = codec::decode_part(data) {
        let again =
            codec::decode_part(&codec::encode_part(&part)).expect("an encoded part decodes");
        assert_eq!(format!("{again:?}"), format!("{part:?}"));
    }
});
