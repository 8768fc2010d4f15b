//! `.containerignore`/`.dockerignore` files and COPY source patterns: the first line is a path to
//! test, the rest the ignore file; each line is also tried as a Go `filepath.Match` pattern.
#![no_main]

use ferry::build::ignore::{Ignore, path_match};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (path, rules) = text.split_once('\n').unwrap_or(("a/b/c", &text));
    if let Ok(ignore) = Ignore::parse(rules) {
        let _ = ignore.is_excluded(path);
        let _ = ignore.may_contain_included(path);
        let mut prefix = String::new();
        for part in path.split('/') {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(part);
            let _ = ignore.is_excluded(&prefix);
        }
    }
    for line in rules.lines().take(8) {
        let _ = path_match(line, path);
    }
});
