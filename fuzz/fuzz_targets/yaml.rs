//! The YAML parser (Compose files): every document parsed with the default limits and with small
//! ones, turned into JSON values as `compose config` does, emitted as YAML again, and the emitted
//! text must parse back to the same values (what `compose config` prints must mean the same).
#![no_main]

use ferry::yaml::{self, Limits, de, emit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let small = Limits {
        max_bytes: 4096,
        max_depth: 8,
        max_nodes: 200,
    };
    let _ = yaml::parse(text, "small.yaml", small);
    let Ok(docs) = yaml::parse(text, "fuzz.yaml", Limits::default()) else {
        return;
    };
    for doc in &docs {
        let Ok(value) = de::from_node::<serde_json::Value>(doc) else {
            continue;
        };
        let out = emit::to_string(&value);
        let again = match yaml::parse_one(&out, "emitted.yaml", Limits::default()) {
            Ok(Some(n)) => n,
            Ok(None) => panic!("emitted YAML has no document: {out:?} from {value:?}"),
            Err(e) => panic!("emitted YAML does not parse: {e}\n{out}\nfrom {value:?}"),
        };
        let back: serde_json::Value =
            de::from_node(&again).unwrap_or_else(|e| panic!("emitted YAML does not convert: {e}\n{out}"));
        assert_eq!(back, value, "emitted YAML reads back differently:\n{out}");
    }
});
