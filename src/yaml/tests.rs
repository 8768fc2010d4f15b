use std::collections::BTreeMap;

use serde::Deserialize;

use super::de::from_node;
use super::*;

fn one(text: &str) -> Node {
    parse_one(text, "f.yaml", Limits::default()).unwrap().unwrap()
}

fn err(text: &str) -> String {
    parse(text, "f.yaml", Limits::default()).unwrap_err().to_string()
}

#[test]
fn nodes_know_their_lines() {
    let doc = one("a: 1\nb:\n  - x\n  - y: z\n");
    assert_eq!(doc.get("a").unwrap().mark.line, 1);
    let b = doc.get("b").unwrap().as_seq().unwrap();
    assert_eq!(b[1].mark.line, 4);
    assert_eq!(b[1].as_map().unwrap()[0].0.mark.line, 4);
    assert_eq!(b[1].as_map().unwrap()[0].0.mark.col, 5);
}

#[test]
fn anchors_aliases_and_merge_keys() {
    let doc = one("base: &b\n  x: 1\n  y: 2\nother: &o\n  y: 3\n  z: 4\nuse:\n  <<: [*b, *o]\n  x: 10\nlist: [*b]\n");
    let u = doc.get("use").unwrap();
    let keys: Vec<_> = u
        .as_map()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.text.as_str(), v.as_str().unwrap()))
        .collect();
    // Explicit keys win, then the first merged mapping that has the key.
    assert_eq!(keys, [("x", "10"), ("y", "2"), ("z", "4")]);
    assert_eq!(
        doc.get("list").unwrap().as_seq().unwrap()[0].get("y").unwrap().as_str(),
        Some("2")
    );
}

#[test]
fn single_merge_and_bad_merge() {
    let doc = one("a: &a {p: 1}\nb:\n  <<: *a\n");
    assert_eq!(doc.get("b").unwrap().get("p").unwrap().as_str(), Some("1"));
    assert!(err("b:\n  <<: 3\n").contains("f.yaml:2: a merge key (<<) takes a mapping"));
    assert!(err("a: &a [1]\nb:\n  <<: [*a]\n").contains("not a sequence"));
}

#[test]
fn duplicate_keys_are_refused_with_both_lines() {
    assert_eq!(
        err("a: 1\nb: 2\na: 3\n"),
        "f.yaml:3: duplicate key \"a\" (first at line 1)"
    );
}

#[test]
fn unknown_alias_and_syntax_errors_have_lines() {
    let e = err("a: *nope\n");
    assert!(e.starts_with("f.yaml:1: ") && e.contains("unknown anchor"), "{e}");
    let e = err("a: [1, 2\nb: 3\n");
    assert!(e.starts_with("f.yaml:"), "{e}");
    assert!(e.contains("invalid YAML"), "{e}");
    assert!(err("? [a]\n: 1\n").contains("mapping keys must be scalars"));
}

#[test]
fn billion_laughs_is_bounded() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let prev = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
        ));
    }
    let start = std::time::Instant::now();
    let e = err(&text);
    assert!(e.contains("more than 250000 nodes"), "{e}");
    assert!(start.elapsed() < std::time::Duration::from_secs(2));
}

#[test]
fn deep_nesting_is_bounded() {
    let e = err(&"[".repeat(200));
    assert!(e.contains("f.yaml:1: nesting is deeper than 128 levels"), "{e}");
    // The scanner's own bound (255 flow levels) stops longer runs before any tree is built.
    let e = err(&"[".repeat(100_000));
    assert!(e.starts_with("f.yaml:1: "), "{e}");
    let text = "a:\n".to_string() + &(1..200).map(|i| format!("{}k:\n", " ".repeat(i))).collect::<String>();
    assert!(err(&text).contains("nesting is deeper"));
}

#[test]
fn size_is_bounded() {
    let limits = Limits {
        max_bytes: 10,
        ..Limits::default()
    };
    let e = parse("a: 1234567890\n", "big.yaml", limits).unwrap_err().to_string();
    assert_eq!(e, "big.yaml: file is larger than 10 bytes");
}

#[test]
fn hostile_inputs_never_panic() {
    for text in [
        "",
        "\0",
        "\u{feff}",
        "---\n---\n",
        "&a",
        "*a",
        "!",
        "!!",
        "!!int [1]",
        "? ",
        ": :",
        "- - - -",
        "{",
        "}",
        "[",
        "]",
        "a: |\n",
        "a: >-\n  \n",
        "\"\\u",
        "'",
        "%YAML 9\n---\n",
        "a: !!binary x",
        "&x [*x]",
        "<<: *x",
        "a: 1\n\ta: 2",
        "\u{10ffff}: x",
        "a:\n- b\n -c",
        "{a: 1, a: 2}",
        "[*a, &a 1]",
    ] {
        let _ = parse(text, "f", Limits::default());
    }
}

#[test]
fn tags() {
    let doc = one("a: !!str 10\nb: !reset []\nc: !override x\n");
    assert_eq!(
        doc.get("a").unwrap().value,
        Value::Scalar {
            text: "10".into(),
            plain: false
        }
    );
    assert_eq!(doc.get("b").unwrap().tag.as_deref(), Some("!reset"));
    assert_eq!(doc.get("c").unwrap().tag.as_deref(), Some("!override"));
    assert!(err("a: !!map x\n").contains("tag !!map does not apply to a scalar"));
}

#[test]
fn multiple_documents() {
    let docs = parse("a: 1\n---\nb: 2\n", "f", Limits::default()).unwrap();
    assert_eq!(docs.len(), 2);
    assert!(parse("", "f", Limits::default()).unwrap().is_empty());
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Inner {
    port: u16,
    #[serde(default)]
    on: bool,
    name: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Outer {
    items: Vec<Inner>,
    #[serde(default)]
    env: BTreeMap<String, Option<String>>,
}

#[test]
fn typed_values_follow_the_target() {
    let doc = one("items:\n  - port: 80\n    on: yes\n    name: 0123\n  - port: \"81\"\nenv:\n  A: 1.10\n  B:\n");
    let v: Outer = from_node(&doc).unwrap();
    assert_eq!(v.items[0].port, 80);
    assert!(v.items[0].on);
    assert_eq!(v.items[0].name.as_deref(), Some("0123"));
    assert_eq!(v.items[1].port, 81);
    assert_eq!(v.env["A"].as_deref(), Some("1.10"));
    assert_eq!(v.env["B"], None);
}

#[test]
fn typing_errors_name_file_line_and_path() {
    let doc = one("items:\n  - port: 80\n  - port: http\n");
    let e = from_node::<Outer>(&doc).unwrap_err();
    assert_eq!(
        e.to_string(),
        "f.yaml:3: items[1].port: expected an integer from 0 to 65535, found \"http\""
    );
    let doc = one("items:\n  - port: 80\n    prot: 1\n");
    let e = from_node::<Outer>(&doc).unwrap_err();
    assert_eq!(
        e.to_string(),
        "f.yaml:3: items[0]: unknown key \"prot\" (did you mean \"port\"?)"
    );
    let doc = one("items:\n  - {}\n");
    let e = from_node::<Outer>(&doc).unwrap_err();
    assert_eq!(e.to_string(), "f.yaml:2: items[0]: missing key \"port\"");
    let doc = one("items: 3\n");
    let e = from_node::<Outer>(&doc).unwrap_err();
    assert_eq!(e.to_string(), "f.yaml:1: items: expected a sequence, found \"3\"");
}

#[test]
fn any_types_plain_scalars_by_the_core_schema() {
    let doc = one("[1, -2, 1.5, true, null, '1', x, 0x10, 1e3, .inf, 007]");
    let v: serde_json::Value = from_node(&doc).unwrap();
    assert_eq!(v.to_string(), r#"[1,-2,1.5,true,null,"1","x",16,1000.0,null,7]"#);
}
