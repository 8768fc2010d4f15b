//! auth.json / Docker config.json files, and what registries send during authentication
//! (WWW-Authenticate challenges and token responses).
#![no_main]

use ferry::registry::auth::{AuthFile, Credentials, lookup_keys, parse_challenges, parse_token_response};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(mut file) = AuthFile::parse(data) {
        for (registry, repo) in [
            ("docker.io", "library/busybox"),
            ("localhost:5000", "a/b"),
            ("quay.io", ""),
        ] {
            let _ = file.find(&lookup_keys(registry, repo));
        }
        file.set(
            "localhost:5000",
            &Credentials {
                username: "user".into(),
                password: "pass:word".into(),
            },
        );
        let _ = file.get("localhost:5000").expect("credentials just set are readable");
        file.remove("localhost:5000");
        file.remove_all();
    }
    let _ = parse_token_response(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_challenges(text);
        let _ = Credentials::decode(text);
    }
});
