//! containers.conf: one file read over the built-in defaults, or (when the input holds a NUL) a
//! file and an override read in order as `CONTAINERS_CONF` and `CONTAINERS_CONF_OVERRIDE` name
//! them, the second applied over the first. Then everything `run` asks of the result.
//! Errors must point into the file they name.
#![no_main]

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ferry::spec::containers_conf::{ContainersConf, Error, Settings};
use libfuzzer_sys::fuzz_target;

/// The two files, named once in the environment.
fn files() -> &'static (PathBuf, PathBuf) {
    static FILES: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    FILES.get_or_init(|| {
        let d = common::scratch("containers-conf");
        let files = (d.join("containers.conf"), d.join("override.conf"));
        // SAFETY: set once, before any other thread of this process reads the environment.
        unsafe {
            std::env::set_var("CONTAINERS_CONF", &files.0);
            std::env::set_var("CONTAINERS_CONF_OVERRIDE", &files.1);
        }
        files
    })
}

/// An error names a line and column inside the text it was read from.
fn check_error(e: &Error, texts: &[(&Path, &str)]) {
    let msg = e.to_string();
    assert!(!msg.is_empty());
    let (path, line, column) = match e {
        Error::Syntax { path, line, column, .. } | Error::Invalid { path, line, column, .. } => (path, *line, *column),
        _ => return,
    };
    let Some((_, text)) = texts.iter().find(|(p, _)| *p == path.as_path()) else {
        panic!("error names {path:?}, which was not read: {msg}");
    };
    let lines = text.split('\n').count();
    assert!(line >= 1 && line <= lines, "line {line} of {lines}: {msg}");
    assert!(column >= 1, "column {column}: {msg}");
}

fn use_settings(s: &Settings) {
    let _ = s.warnings();
    let _ = s.cgroup_manager();
    let _ = s.files().len();
    for u in s.unknown_keys() {
        // TOML allows an empty quoted name (`['']`): such a key is recorded as it is named.
        assert!(u.origin.line >= 1, "{}: {}", u.key, u.origin);
    }
    for key in [
        "containers.log_driver",
        "containers.pids_limit",
        "containers.env",
        "engine.cgroup_manager",
        "engine.env",
        "network.default_subnet",
    ] {
        if let Some(o) = s.origin(key) {
            assert!(o.line >= 1, "{key}: {o}");
        }
    }
    let _ = format!("{s:?}");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match text.split_once('\0') {
        None => {
            let path = Path::new("/etc/containers/containers.conf");
            match ContainersConf::from_toml(path, text) {
                Ok(s) => use_settings(&s),
                Err(e) => check_error(&e, &[(path, text)]),
            }
        }
        Some((base, over)) => {
            let (a, b) = files();
            std::fs::write(a, base).unwrap();
            std::fs::write(b, over).unwrap();
            match ContainersConf::load() {
                Ok(s) => {
                    assert_eq!(s.files(), [a.clone(), b.clone()]);
                    use_settings(&s);
                }
                Err(e) => check_error(&e, &[(a.as_path(), base), (b.as_path(), over)]),
            }
        }
    }
});
