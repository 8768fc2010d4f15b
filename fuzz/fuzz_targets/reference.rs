//! Image references as users, archives, Containerfiles and registries give them: parsed, printed
//! and parsed again (a printed reference must parse to itself).
#![no_main]

use ferry::image::reference::{Reference, matches_short, name_part};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let _ = Reference::is_short_name(s);
    let _ = name_part(s);
    for parsed in [Reference::parse(s), Reference::parse_local(s)] {
        let Ok(r) = parsed else { continue };
        let printed = r.to_string();
        let again =
            Reference::parse(&printed).unwrap_or_else(|e| panic!("{printed:?} (from {s:?}) does not parse: {e}"));
        assert_eq!(again, r, "{printed:?} (from {s:?}) parses to another reference");
        let _ = r.name();
        let _ = matches_short(&r, s);
    }
});
