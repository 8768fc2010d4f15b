//! Containerfile variable substitution: a word (before the first NUL) expanded against fixed
//! variables and one whose value is the rest of the input, with both escape characters, as a
//! word, as words, and as a heredoc body.
#![no_main]

use ferry::build::subst::{process_heredoc, process_word, process_words};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (word, value) = text.split_once('\0').unwrap_or((&text, "a b  c"));
    let lookup = |k: &str| match k {
        "V" => Some(value.to_string()),
        "EMPTY" => Some(String::new()),
        "HOME" => Some("/root".to_string()),
        "PATH" => Some("/usr/bin:/bin".to_string()),
        _ => None,
    };
    for escape in ['\\', '`'] {
        let _ = process_word(word, escape, &lookup);
        let _ = process_words(word, escape, &lookup);
        let _ = process_heredoc(word, escape, &lookup);
    }
});
