//! Containerfiles: directives, continuations, heredocs, every instruction's arguments and flags,
//! and ONBUILD triggers.
#![no_main]

use ferry::build::parser::{parse, parse_trigger};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(file) = parse("Containerfile", &text) {
        let _ = format!("{file:?}");
    }
    for escape in ['\\', '`'] {
        let _ = parse_trigger(&text, escape);
    }
});
