//! `ferry info`: host, store and version facts, as Podman-style YAML, JSON or a template.
//!
//! JSON keys follow Podman's JSON (`host.idMappings.uidmap`); templates see Podman's Go field
//! names instead (`{{.Host.IDMappings}}`, `{{.Store.GraphRoot}}`), because Podman's templates
//! run on its Go structs. `template_keys` converts one naming to the other.

use anyhow::Result;
use serde_json::Value;

use crate::cli::InfoArgs;
use crate::commands::{Context, ExitStatus};
use crate::output;

pub fn exec(ctx: &mut Context, args: InfoArgs) -> Result<ExitStatus> {
    let store = ctx.store()?.clone();
    let info = crate::engine::system::info(&ctx.engine, &store)?;
    let value = serde_json::to_value(&info).expect("info serializes");
    match args.format.as_deref() {
        None | Some("") => print!("{}", to_yaml(&value)),
        Some(f) if output::is_json(f) => print!("{}", output::pretty_json(&value)?),
        Some(t) => print!("{}", output::render_one(t, &template_keys(value))?),
    }
    Ok(ExitStatus::SUCCESS)
}

/// Renames JSON keys to Podman's Go field names, for templates: `graphRoot` → `GraphRoot`,
/// with the irregular ones spelled out.
fn template_keys(v: Value) -> Value {
    const IRREGULAR: &[(&str, &str)] = &[
        ("idMappings", "IDMappings"),
        ("uidmap", "UIDMap"),
        ("gidmap", "GIDMap"),
        ("container_id", "ContainerID"),
        ("host_id", "HostID"),
        ("cgroupVersion", "CgroupsVersion"),
        ("cpus", "CPUs"),
        ("os", "OS"),
    ];
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let k = match IRREGULAR.iter().find(|(from, _)| *from == k) {
                        Some((_, to)) => to.to_string(),
                        None => {
                            let mut c = k.chars();
                            c.next()
                                .map(|f| f.to_uppercase().chain(c).collect())
                                .unwrap_or_default()
                        }
                    };
                    (k, template_keys(v))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(template_keys).collect()),
        other => other,
    }
}

/// Renders a JSON value as block-style YAML the way Podman prints `info`: maps indented by two
/// spaces, sequence items at their key's indentation, strings quoted only where YAML would
/// read them as something else.
pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    match v {
        Value::Object(m) if !m.is_empty() => yaml_map(&mut out, m, 0),
        Value::Array(a) if !a.is_empty() => yaml_seq(&mut out, a, 0),
        scalar => {
            out.push_str(&yaml_scalar(scalar, 2));
            out.push('\n');
        }
    }
    out
}

fn yaml_map(out: &mut String, map: &serde_json::Map<String, Value>, indent: usize) {
    for (k, v) in map {
        out.push_str(&" ".repeat(indent));
        if is_plain(k) {
            out.push_str(k);
        } else {
            out.push_str(&serde_json::to_string(k).expect("strings serialize"));
        }
        out.push(':');
        match v {
            Value::Object(m) if !m.is_empty() => {
                out.push('\n');
                yaml_map(out, m, indent + 2);
            }
            Value::Array(a) if !a.is_empty() => {
                out.push('\n');
                yaml_seq(out, a, indent);
            }
            scalar => {
                out.push(' ');
                out.push_str(&yaml_scalar(scalar, indent + 2));
                out.push('\n');
            }
        }
    }
}

fn yaml_seq(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        let mut block = String::new();
        match item {
            Value::Object(m) if !m.is_empty() => yaml_map(&mut block, m, indent + 2),
            Value::Array(a) if !a.is_empty() => yaml_seq(&mut block, a, indent + 2),
            scalar => {
                block.push_str(&" ".repeat(indent + 2));
                block.push_str(&yaml_scalar(scalar, indent + 2));
                block.push('\n');
            }
        }
        // The item's first line starts right after the dash.
        out.push_str(&" ".repeat(indent));
        out.push_str("- ");
        out.push_str(&block[indent + 2..]);
    }
}

/// A scalar; `indent` is where continuation lines of a block string go.
fn yaml_scalar(v: &Value, indent: usize) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => yaml_string(s, indent),
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
    }
}

fn yaml_string(s: &str, indent: usize) -> String {
    if is_plain(s) {
        return s.to_string();
    }
    if let Some(block) = yaml_block(s, indent) {
        return block;
    }
    serde_json::to_string(s).expect("strings serialize")
}

/// A literal block (`|-`) for multi-line text that survives one unchanged.
fn yaml_block(s: &str, indent: usize) -> Option<String> {
    let body = s.strip_suffix('\n');
    let (header, body) = match body {
        Some(b) => ("|", b),
        None => ("|-", s),
    };
    if !body.contains('\n')
        || body.ends_with('\n')
        || body.starts_with([' ', '\n'])
        || body.chars().any(|c| c.is_control() && c != '\n')
        || body.lines().any(|l| l.ends_with(' '))
    {
        return None;
    }
    let pad = " ".repeat(indent);
    let mut out = header.to_string();
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    Some(out)
}

/// Whether `s` can be written unquoted and still be read back as the same string.
fn is_plain(s: &str) -> bool {
    const INDICATORS: &[char] = &[
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '.', '+', '~',
    ];
    let Some(first) = s.chars().next() else { return false };
    if INDICATORS.contains(&first)
        || s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace)
        || s.ends_with(':')
        || s.contains(": ")
        || s.contains(" #")
        || s.chars().any(|c| c.is_control() || c == '\u{feff}')
    {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) {
        return false;
    }
    // Numbers, YAML 1.1 sexagesimals (1:20) and dates (2024-01-02) in any spelling.
    let numeric = s.parse::<f64>().is_ok()
        || s.chars().all(|c| c.is_ascii_digit() || c == '_')
        || (s.contains(':') && s.chars().all(|c| c.is_ascii_digit() || "_:.".contains(c)))
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || lower.starts_with("0b");
    let b = s.as_bytes();
    let date = b.len() >= 8 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-';
    !numeric && !date
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn yaml_looks_like_podman_info() {
        let v = json!({
            "host": {
                "arch": "amd64",
                "cgroupControllers": ["cpu", "memory"],
                "distribution": {"distribution": "debian", "version": "12"},
                "idMappings": {
                    "gidmap": null,
                    "uidmap": [{"container_id": 0, "host_id": 1000, "size": 1}, {"container_id": 1, "host_id": 100000, "size": 65536}]
                },
                "security": {"rootless": true},
                "empty": {},
                "none": []
            },
            "store": {"graphRoot": "/var/lib/ferry", "imageStore": {"number": 2}}
        });
        let want = "\
host:
  arch: amd64
  cgroupControllers:
  - cpu
  - memory
  distribution:
    distribution: debian
    version: \"12\"
  idMappings:
    gidmap: null
    uidmap:
    - container_id: 0
      host_id: 1000
      size: 1
    - container_id: 1
      host_id: 100000
      size: 65536
  security:
    rootless: true
  empty: {}
  none: []
store:
  graphRoot: /var/lib/ferry
  imageStore:
    number: 2
";
        assert_eq!(to_yaml(&v), want);
    }

    #[test]
    fn yaml_quotes_what_would_change_meaning() {
        for s in [
            "",
            "12",
            "1.5",
            "-3",
            "1e3",
            "0x1f",
            "1:20",
            "1_000",
            "2024-01-02",
            "true",
            "No",
            "null",
            "~",
            "a: b",
            "x #c",
            "end:",
            " lead",
            "trail ",
            "- item",
            "[x]",
            "{x}",
            "*ref",
            "&anchor",
            "!tag",
            "'q'",
            "\"q\"",
            "%p",
            "@a",
            "`b",
            "tab\there",
            "nul\0",
            ".inf",
            "+1",
            "inf",
            "NaN",
            "1999-01-01x",
        ] {
            let y = to_yaml(&json!({ "k": s }));
            let quoted = y.strip_prefix("k: \"").is_some();
            assert!(quoted, "{s:?} rendered as {y:?}");
            let back: String = serde_json::from_str(y.trim_end().strip_prefix("k: ").unwrap()).unwrap();
            assert_eq!(back, s);
        }
        for s in [
            "amd64",
            "6.1.0-18-amd64",
            "/var/lib/ferry",
            "v1",
            "a:b",
            "C#",
            "debian",
            "über",
            "aüü-üü-x",
            "0.1.0",
            "1.2.3-rc1",
        ] {
            assert_eq!(to_yaml(&json!({ "k": s })), format!("k: {s}\n"));
        }
    }

    #[test]
    fn yaml_multiline_strings_become_blocks() {
        let v = json!({"a": {"version": "crun 1.9\ncommit: abc\n\n+SYSTEMD"}, "b": "two\nlines\n"});
        assert_eq!(
            to_yaml(&v),
            "a:\n  version: |-\n    crun 1.9\n    commit: abc\n\n    +SYSTEMD\nb: |\n  two\n  lines\n"
        );
        // Text a literal block cannot hold exactly falls back to a quoted string.
        for s in ["x\n\n", " lead\nx", "trail \nx", "ctl\u{7}\nx"] {
            let y = to_yaml(&json!({ "k": s }));
            assert!(y.starts_with("k: \""), "{s:?} rendered as {y:?}");
        }
    }

    #[test]
    fn yaml_nested_sequences_and_scalars() {
        assert_eq!(to_yaml(&json!([[1, 2], "x", {}])), "- - 1\n  - 2\n- x\n- {}\n");
        assert_eq!(to_yaml(&json!("plain")), "plain\n");
        assert_eq!(to_yaml(&json!({})), "{}\n");
        assert_eq!(to_yaml(&json!({"weird key: x": 1})), "\"weird key: x\": 1\n");
    }

    #[test]
    fn template_keys_use_go_field_names() {
        let v = json!({"host": {"idMappings": {"uidmap": [{"container_id": 0, "host_id": 1, "size": 1}]}, "cpus": 2, "os": "linux"},
                       "store": {"graphRoot": "/x"}, "version": {"OsArch": "linux/amd64"}});
        let t = template_keys(v);
        assert_eq!(t["Host"]["IDMappings"]["UIDMap"][0]["HostID"], 1);
        assert_eq!(t["Host"]["CPUs"], 2);
        assert_eq!(t["Host"]["OS"], "linux");
        assert_eq!(t["Store"]["GraphRoot"], "/x");
        assert_eq!(t["Version"]["OsArch"], "linux/amd64");
    }
}
