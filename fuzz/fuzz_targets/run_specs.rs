//! The values of `run`/`create` options: `-p`, `port` filters, `-v`, `--mount`, `--tmpfs`,
//! `--volumes-from`, `--ulimit`, `--env-file` text, and `commit`/`import --change`. The first byte
//! picks the parser; the rest (lines, for the list options) is the value.
#![no_main]

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use ferry::image::import::parse_change;
use ferry::network::publish::{check_conflicts, inspect_map, parse_port_filter, parse_publish, port_lines, ps_column};
use ferry::runtime::envfile::{HostEnv, entry, read_env_file};
use ferry::spec::mounts::{parse, parse_mount, parse_tmpfs, parse_volume, parse_volumes_from};
use ferry::spec::ulimit::parse_ulimit;
use libfuzzer_sys::fuzz_target;

/// A directory with a file and a subdirectory, for host paths to name.
fn cwd() -> &'static PathBuf {
    static CWD: OnceLock<PathBuf> = OnceLock::new();
    CWD.get_or_init(|| {
        let d = common::scratch("specs");
        std::fs::create_dir_all(d.join("dir")).unwrap();
        std::fs::write(d.join("file"), b"x").unwrap();
        d
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    match which % 9 {
        0 => {
            let mut all = Vec::new();
            for l in &lines {
                if let Ok(m) = parse_publish(l) {
                    for p in &m {
                        // A mapping of a range must stay within u16 on both sides.
                        let _ = p.pairs().count();
                    }
                    all.extend(m);
                }
            }
            let _ = check_conflicts(&all);
            let _ = port_lines(&all, None);
            let _ = ps_column(&all);
            let _ = inspect_map(&all);
        }
        1 => {
            let _ = parse_port_filter(text);
        }
        2 => {
            let _ = parse_volume(text, cwd());
        }
        3 => {
            let _ = parse_mount(text, cwd());
        }
        4 => {
            let _ = parse_tmpfs(text);
        }
        5 => {
            let _ = parse_volumes_from(text);
            // Everything at once, as `run` does, which also checks destinations for duplicates.
            let (mut v, mut m, mut t) = (Vec::new(), Vec::new(), Vec::new());
            for (i, l) in lines.iter().enumerate() {
                [&mut v, &mut m, &mut t][i % 3].push(l.clone());
            }
            let _ = parse(&v, &m, &t, &[], cwd());
        }
        6 => {
            for can_raise in [true, false] {
                let _ = parse_ulimit(text, can_raise, |_| 4096);
            }
        }
        7 => {
            let host = HostEnv::from_pairs(&[("HOME", "/root"), ("PRE_A", "a"), ("PRE_B", "b")]);
            for l in &lines {
                let _ = entry(l, &host);
            }
            let file = cwd().join("env");
            std::fs::write(&file, text).unwrap();
            let _ = read_env_file(&file, &host);
        }
        _ => {
            let _ = parse_change(text);
        }
    }
});
