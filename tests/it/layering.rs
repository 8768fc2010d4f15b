//! The source tree keeps its layers (the table `LAYERS` below is their one written form): a
//! module imports only modules below it (or the peers listed for it), and no command verb file
//! imports another verb file. These tests read `src/` as text (comments and string literals
//! left out); they fail listing every offending `file:line`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The layers, bottom first. A module may import any module of a lower layer, and the peers of
/// its own layer listed for it; nothing may import upwards. A new top-level module must be
/// added here.
///
/// - `sys`: thin OS wrappers (atomic files, locks, fork, xattr, tty size, in-root paths, id
///   mappings); imports nothing from the crate.
/// - `store`: the on-disk store (records, blobs, layers, locks).
/// - `image`, `config`, `yaml`: image formats (references, manifests, layer apply and diff,
///   archives, commit), registries.conf, the YAML parser. `config` reads image references and
///   `image` resolves short names with registries.conf, so the two are peers.
/// - the subsystems `registry`, `runtime`, `network` (pasta and slirp4netns, published ports,
///   and `network::bridge`: user-defined bridge networks), `build`, `monitor`. Peers where it is
///   a real dependency: `monitor` supervises with `runtime` and sets up `network`;
///   `build` runs steps with `runtime`/`monitor`, pulls with `registry`, and networks steps.
/// - `spec`: parsers of user syntax shared by every front end (typed values for the engine).
/// - `engine`: the operations per noun.
/// - `output`: tables, templates, JSON for the CLI.
/// - the front ends `commands`, `cli`, `api`, `compose`, `kube`; `commands` holds the CLI
///   verbs over `cli`'s definitions and starts the `api` service and `compose`.
///
/// `src/main.rs` is the binary over the library (it uses `ferry::`); nothing imports it.
const LAYERS: &[&[(&str, &[&str])]] = &[
    &[("sys", &[])],
    &[("store", &[])],
    &[("image", &["config"]), ("config", &["image"]), ("yaml", &[])],
    &[
        ("registry", &[]),
        ("runtime", &[]),
        ("network", &[]),
        ("monitor", &["runtime", "network"]),
        ("build", &["registry", "runtime", "monitor", "network"]),
    ],
    &[("spec", &[])],
    &[("engine", &[])],
    &[("output", &[])],
    &[
        ("commands", &["cli", "api", "compose", "kube"]),
        ("cli", &[]),
        ("api", &[]),
        ("compose", &[]),
        ("kube", &[]),
    ],
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a file below `src/` (`src/store/lock.rs` → `["store", "lock"]`,
/// `src/store/mod.rs` → `["store"]`).
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel.iter().map(|c| c.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

/// `text` with comments, string and char literals blanked out (newlines kept), so that only
/// code is searched.
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |out: &mut String, c: u8| out.push(if c == b'\n' { '\n' } else { ' ' });
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            let mut depth = 0;
            while i < b.len() {
                if b[i..].starts_with(b"/*") {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if b[i..].starts_with(b"*/") {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, b[i]);
                    i += 1;
                }
            }
        } else if b[i] == b'r' && (b[i..].starts_with(b"r\"") || b[i..].starts_with(b"r#")) && !ident_before(b, i) {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while j < b.len() && b[j] == b'#' {
                hashes += 1;
                j += 1;
            }
            if j >= b.len() || b[j] != b'"' {
                out.push('r');
                i += 1;
                continue;
            }
            let close: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
            j += 1;
            while j < b.len() && !b[j..].starts_with(&close) {
                j += 1;
            }
            for &c in &b[i..(j + close.len()).min(b.len())] {
                blank(&mut out, c);
            }
            i = j + close.len();
        } else if b[i] == b'"' {
            blank(&mut out, b[i]);
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    blank(&mut out, b[i]);
                    i += 1;
                }
                if i < b.len() {
                    blank(&mut out, b[i]);
                    i += 1;
                }
            }
            if i < b.len() {
                blank(&mut out, b[i]);
                i += 1;
            }
        } else if b[i] == b'\'' && char_literal_len(&b[i..]).is_some() {
            let n = char_literal_len(&b[i..]).unwrap();
            for &c in &b[i..i + n] {
                blank(&mut out, c);
            }
            i += n;
        } else {
            // Multi-byte UTF-8 sequences are copied whole.
            let ch = text[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn ident_before(b: &[u8], i: usize) -> bool {
    i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')
}

/// The length of a char literal at the start of `b` ('a', '\n', '\'', '\u{1F600}'), or `None`
/// for a lifetime.
fn char_literal_len(b: &[u8]) -> Option<usize> {
    if b.len() >= 4 && b[1] == b'\\' {
        let end = b[3..].iter().position(|&c| c == b'\'')? + 3;
        return (end <= 12).then_some(end + 1);
    }
    let s = std::str::from_utf8(&b[1..b.len().min(6)]).ok().or_else(|| {
        // Cut inside a multi-byte char: take what decodes.
        (1..5)
            .rev()
            .find_map(|n| std::str::from_utf8(&b[1..(1 + n).min(b.len())]).ok())
    })?;
    let c = s.chars().next()?;
    let n = c.len_utf8();
    (b.get(1 + n) == Some(&b'\'')).then_some(n + 2)
}

/// Every path in `code` that starts with `crate::` or `super::`, as (line, segments), with
/// `crate::{a, b::c}` groups expanded to one path per member (first segment only inside).
fn paths(code: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let b = line.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let start_ok = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_' || b[i - 1] == b':');
            let word = ["crate::", "super::"].into_iter().find(|w| line[i..].starts_with(w));
            if let (true, Some(_)) = (start_ok, word) {
                let (segs, end) = read_path(line, i);
                if let Some(rest) = line[end..].strip_prefix("::{") {
                    // A group: each member's first segment.
                    let close = rest.find('}').unwrap_or(rest.len());
                    for member in rest[..close].split(',') {
                        let first: String = member
                            .trim()
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                            .collect();
                        if !first.is_empty() && first != "self" {
                            let mut p = segs.clone();
                            p.push(first);
                            out.push((n + 1, p));
                        } else if first == "self" {
                            out.push((n + 1, segs.clone()));
                        }
                    }
                } else {
                    out.push((n + 1, segs));
                }
                i = end.max(i + 1);
            } else {
                i += 1;
            }
        }
    }
    out
}

/// Reads `a::b::c` from `line[i..]`: the segments and where the path ends.
fn read_path(line: &str, mut i: usize) -> (Vec<String>, usize) {
    let b = line.as_bytes();
    let mut segs = Vec::new();
    loop {
        let s = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            i += 1;
        }
        if i == s {
            break;
        }
        segs.push(line[s..i].to_string());
        if line[i..].starts_with("::") && line[i + 2..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            i += 2;
        } else {
            break;
        }
    }
    (segs, i)
}

/// A path written in module `module`, made absolute from the crate root; `None` when it does
/// not start with `crate` or `super`.
fn absolute(module: &[String], path: &[String]) -> Option<Vec<String>> {
    let mut segs = path.iter().peekable();
    let mut base: Vec<String> = match segs.peek()?.as_str() {
        "crate" => {
            segs.next();
            Vec::new()
        }
        "super" => module.to_vec(),
        _ => return None,
    };
    while segs.peek().is_some_and(|s| *s == "super") {
        segs.next();
        base.pop()?;
    }
    base.extend(segs.cloned());
    Some(base)
}

struct Source {
    rel: PathBuf,
    module: Vec<String>,
    code: String,
}

fn sources() -> Vec<Source> {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files
        .into_iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n != "main.rs" || p.parent() != Some(&root))
        })
        .map(|p| {
            let rel = p.strip_prefix(&root).unwrap().to_path_buf();
            let module = module_of(&rel);
            let code = code_only(&std::fs::read_to_string(&p).unwrap());
            Source { rel, module, code }
        })
        .collect()
}

/// For each top-level module: its layer index and the peers it may import.
fn table() -> BTreeMap<&'static str, (usize, &'static [&'static str])> {
    let mut t = BTreeMap::new();
    for (rank, layer) in LAYERS.iter().enumerate() {
        for &(name, peers) in *layer {
            assert!(t.insert(name, (rank, peers)).is_none(), "{name} is listed twice");
            for p in peers {
                assert!(
                    layer.iter().any(|(n, _)| n == p),
                    "{name}'s peer {p} is not in its layer"
                );
            }
        }
    }
    t
}

#[test]
fn modules_import_only_downward() {
    let table = table();
    let mut bad = Vec::new();
    for s in sources() {
        let Some(top) = s.module.first() else { continue };
        let Some(&(rank, peers)) = table.get(top.as_str()) else {
            bad.push(format!(
                "src/{}: module {top} is not in the LAYERS table",
                s.rel.display()
            ));
            continue;
        };
        for (line, path) in paths(&s.code) {
            let Some(abs) = absolute(&s.module, &path) else {
                continue;
            };
            let Some(target) = abs.first() else { continue };
            if target == top {
                continue;
            }
            let Some(&(target_rank, _)) = table.get(target.as_str()) else {
                // `crate::some_macro` or an item of lib.rs: not a module.
                continue;
            };
            if target_rank < rank || (target_rank == rank && peers.contains(&target.as_str())) {
                continue;
            }
            bad.push(format!(
                "src/{}:{line}: {top} imports {}",
                s.rel.display(),
                abs.join("::")
            ));
        }
    }
    bad.sort();
    bad.dedup();
    assert!(
        bad.is_empty(),
        "imports against the layers (see LAYERS):\n{}",
        bad.join("\n")
    );
}

/// Whether the absolute module path `abs` names (or reaches into) a verb file under
/// `src/commands/`: a file other than a `mod.rs`. Returns that file, relative to `src/`.
fn verb_file(abs: &[String]) -> Option<PathBuf> {
    if abs.first().map(String::as_str) != Some("commands") {
        return None;
    }
    let root = src();
    let mut dir = root.join("commands");
    for seg in &abs[1..] {
        let file = dir.join(format!("{seg}.rs"));
        if file.is_file() {
            return Some(file.strip_prefix(&root).unwrap().to_path_buf());
        }
        dir = dir.join(seg);
        if !dir.is_dir() {
            return None;
        }
    }
    None
}

#[test]
fn command_verbs_import_no_other_verb() {
    let mut bad = Vec::new();
    for s in sources() {
        if s.module.first().map(String::as_str) != Some("commands") || s.rel.ends_with("mod.rs") {
            continue;
        }
        for (line, path) in paths(&s.code) {
            let Some(abs) = absolute(&s.module, &path) else {
                continue;
            };
            let Some(target) = verb_file(&abs) else { continue };
            if target != s.rel {
                bad.push(format!(
                    "src/{}:{line}: imports the verb file src/{}",
                    s.rel.display(),
                    target.display()
                ));
            }
        }
    }
    bad.dedup();
    assert!(
        bad.is_empty(),
        "command verb files importing other verb files (shared code belongs in the noun's mod.rs, \
         src/commands/mod.rs, output or the engine):\n{}",
        bad.join("\n")
    );
}

#[test]
fn path_reading() {
    let code = code_only("use crate::{store::x, sys}; // crate::engine\nlet s = \"crate::api\"; super::super::y::z();");
    let found = paths(&code);
    assert_eq!(
        found,
        vec![
            (1, vec!["crate".into(), "store".into()]),
            (1, vec!["crate".into(), "sys".into()]),
            (2, vec!["super".into(), "super".into(), "y".into(), "z".into()]),
        ]
    );
    let m: Vec<String> = vec!["commands".into(), "image".into(), "pull".into()];
    assert_eq!(
        absolute(&m, &found[2].1),
        Some(vec!["commands".into(), "y".into(), "z".into()])
    );
    assert_eq!(code_only("let c = '\"'; crate::a"), "let c =    ; crate::a");
    assert_eq!(code_only("fn f<'a>(x: &'a str) {}"), "fn f<'a>(x: &'a str) {}");
    assert_eq!(
        code_only("r#\"crate::x\"# crate::y"),
        format!("{}crate::y", " ".repeat(14))
    );
}
