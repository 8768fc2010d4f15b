//! Writes a JSON-shaped value as block-style YAML (two-space indents, sequences indented under
//! their key), quoting every string that a YAML 1.1 or 1.2 reader would take for something else.

use serde_json::Value;

/// The YAML text of `value`, ending with a newline.
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_map(&mut out, map, 0),
        Value::Array(items) if !items.is_empty() => write_seq(&mut out, items, 0),
        other => {
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
    out
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// YAML limits an implicit key (`key: value`) to 1024 characters; a longer key is written as an
/// explicit one (`? key` then `: value` on the next line, at `level`).
const MAX_IMPLICIT_KEY: usize = 1024;

/// `key:`, for the value [`write_child`] appends; the key starts where `out` ends.
fn write_key(out: &mut String, key: &str, level: usize) {
    let text = scalar_string(key);
    // The limit counts up to and including the `:`.
    if text.chars().count() < MAX_IMPLICIT_KEY {
        out.push_str(&text);
    } else {
        out.push_str("? ");
        out.push_str(&text);
        out.push('\n');
        indent(out, level);
    }
    out.push(':');
}

fn write_map(out: &mut String, map: &serde_json::Map<String, Value>, level: usize) {
    for (key, value) in map {
        indent(out, level);
        write_key(out, key, level);
        write_child(out, value, level);
    }
}

fn write_seq(out: &mut String, items: &[Value], level: usize) {
    for item in items {
        indent(out, level);
        out.push('-');
        match item {
            Value::Object(map) if !map.is_empty() => {
                // The first entry shares the dash's line; the others align with it.
                let mut first = true;
                for (key, value) in map {
                    if first {
                        out.push(' ');
                        first = false;
                    } else {
                        indent(out, level + 2);
                    }
                    write_key(out, key, level + 2);
                    write_child(out, value, level + 2);
                }
            }
            Value::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                write_seq(out, inner, level + 2);
            }
            other => {
                out.push(' ');
                out.push_str(&inline(other));
                out.push('\n');
            }
        }
    }
}

/// The value after `key:` at `level`.
fn write_child(out: &mut String, value: &Value, level: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_map(out, map, level + 2);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            write_seq(out, items, level + 2);
        }
        other => {
            out.push(' ');
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
}

fn inline(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => scalar_string(s),
        Value::Array(_) => "[]".to_string(),
        Value::Object(_) => "{}".to_string(),
    }
}

/// A string as a plain scalar when that reads back as the same string, else double-quoted.
pub fn scalar_string(s: &str) -> String {
    if needs_quotes(s) {
        serde_json::to_string(s).expect("strings serialize")
    } else {
        s.to_string()
    }
}

fn needs_quotes(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return true };
    if s.starts_with(' ') || s.ends_with(' ') || s.ends_with(':') {
        return true;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) && !(first == '-' && s.len() > 1 && !s[1..].starts_with(' ')) {
        return true;
    }
    if s == "-" || s.starts_with("- ") || s.starts_with("---") || s.starts_with("...") {
        return true;
    }
    if s.contains(": ") || s.contains(" #") || s.chars().any(|c| c.is_control() || c == '\u{feff}') {
        return true;
    }
    // Anything a reader could type as null, boolean, number or date.
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "~" | "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | ".inf" | "-.inf" | "+.inf" | ".nan"
    ) {
        return true;
    }
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && body.chars().all(|c| c.is_ascii_hexdigit() || "._:-+xXoObB".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{Limits, parse_one};

    /// Every emitted string reads back as the same string.
    #[test]
    fn strings_round_trip() {
        let samples = [
            "",
            "true",
            "no",
            "Off",
            "null",
            "~",
            "8080",
            "1.5",
            "1e3",
            "0x1F",
            "2001-12-14",
            "12:30",
            "-",
            "- x",
            "-x",
            "a: b",
            "a #b",
            "#x",
            "*alias",
            "&anchor",
            "!tag",
            "'q'",
            "\"dq\"",
            "line\nbreak",
            " lead",
            "trail ",
            "%x",
            "@x",
            "`x",
            "{a}",
            "[a]",
            "ends:",
            "plain text",
            "/usr/bin/env",
            "$$HOME",
            "a=b",
            "--flag",
            ".5",
            "+1",
            "..",
            "ünïcode",
            "tab\there",
        ];
        for s in samples {
            let text = to_string(&serde_json::json!({ "k": s }));
            let node = parse_one(&text, "t", Limits::default()).unwrap().unwrap();
            let back: std::collections::BTreeMap<String, String> = crate::yaml::de::from_node(&node).unwrap();
            assert_eq!(back["k"], s, "{text}");
            let plain = matches!(
                &node.get("k").unwrap().value,
                crate::yaml::Value::Scalar { plain: true, .. }
            );
            if plain {
                assert!(
                    matches!(crate::yaml::de::resolve_plain(s), crate::yaml::de::Plain::Str),
                    "{s:?} emitted plain but reads as a non-string"
                );
            }
        }
    }

    #[test]
    fn long_keys_round_trip() {
        // From the yaml fuzz target: a key whose quoted form passed 1024 characters was written
        // as an implicit key, which no YAML reader accepts.
        let mut keys: Vec<String> = [1000, 1022, 1023, 1024, 1025, 3000].map(|n| "k".repeat(n)).to_vec();
        keys.push("a&x \u{14}\u{14}soft\u{7f}\u{b}".repeat(120));
        keys.push("\u{e9}".repeat(1030));
        for key in &keys {
            let value = serde_json::json!({
                key.as_str(): {key.as_str(): "v", "n": {key.as_str(): [1]}},
                "list": [{key.as_str(): "first", "b": {key.as_str(): null}}, {"a": 1, key.as_str(): []}],
            });
            let text = to_string(&value);
            let node = parse_one(&text, "t", Limits::default())
                .unwrap_or_else(|e| panic!("{e}\n{text}"))
                .unwrap();
            let back: Value = crate::yaml::de::from_node(&node).unwrap();
            assert_eq!(back, value, "{text}");
        }
        assert_eq!(to_string(&serde_json::json!({"k": 1})), "k: 1\n");
        let long = "k".repeat(1024);
        assert_eq!(
            to_string(&serde_json::json!({ long.as_str(): {"a": 1} })),
            format!("? {long}\n:\n  a: 1\n")
        );
    }

    #[test]
    fn layout() {
        let value = serde_json::json!({
            "name": "p",
            "services": {"web": {"command": ["a", "b"], "ports": [{"target": 80, "published": "8080"}], "x": {}}},
            "empty": [],
            "nested": [[1, 2], []],
        });
        assert_eq!(
            to_string(&value),
            "name: p\nservices:\n  web:\n    command:\n      - a\n      - b\n    ports:\n      - target: 80\n        published: \"8080\"\n    x: {}\nempty: []\nnested:\n  -\n    - 1\n    - 2\n  - []\n"
        );
    }
}
