use super::gofmt::{self, sprint_v};
use super::*;
use serde_json::json;

fn render(src: &str, data: &Value) -> String {
    Template::parse(src)
        .unwrap_or_else(|e| panic!("{src}: {e}"))
        .render(data)
        .unwrap_or_else(|e| panic!("{src}: {e}"))
}

fn parse_err(src: &str) -> String {
    Template::parse(src).expect_err(src).to_string()
}

fn exec_err(src: &str, data: &Value) -> String {
    Template::parse(src).unwrap().render(data).expect_err(src).to_string()
}

fn image() -> Value {
    json!({
        "Repository": "docker.io/library/alpine", "Tag": "latest", "ID": "9c6f07244728", "Size": 8082000,
        "Dangling": false, "RepoTags": ["alpine:latest", "alpine:3"], "Labels": {"foo": "bar", "a b": "c"},
        "Config": {"Cmd": ["/bin/sh", "-c", "echo hi"], "Env": null}, "Ratio": 1.5, "Empty": "",
        "Names": ["x", "y"], "Neg": -42, "Big": 18446744073709551615u64, "Float": 1234567.0
    })
}

#[test]
fn fields_and_text() {
    let d = image();
    assert_eq!(
        render("{{.Repository}}:{{.Tag}} {{.ID}}", &d),
        "docker.io/library/alpine:latest 9c6f07244728"
    );
    assert_eq!(render("{{.Config.Cmd}}", &d), "[/bin/sh -c echo hi]");
    assert_eq!(
        render("{{.Missing}}|{{.Missing.Deeper}}|{{.Config.Env}}", &d),
        "<no value>|<no value>|<no value>"
    );
    assert_eq!(render("{{.repository}}", &d), "<no value>");
    assert_eq!(render("{{.Labels}}", &d), "map[a b:c foo:bar]");
    assert_eq!(
        render("{{.Size}} {{.Neg}} {{.Big}} {{.Ratio}} {{.Float}} {{.Dangling}}", &d),
        "8082000 -42 18446744073709551615 1.5 1.234567e+06 false"
    );
    assert_eq!(render("a\\tb\\nc", &d), "a\tb\nc");
    assert_eq!(render("{{.}}", &json!("plain")), "plain");
    assert_eq!(render("{{.}}", &json!([1, null, "s", [true]])), "[1 <nil> s [true]]");
}

#[test]
fn json_function() {
    let d = image();
    assert_eq!(render("{{json .Config.Cmd}}", &d), r#"["/bin/sh","-c","echo hi"]"#);
    // Keys keep the data's order (structs in Go keep field order; our data come from structs).
    assert_eq!(render("{{json .Labels}}", &d), r#"{"foo":"bar","a b":"c"}"#);
    assert_eq!(render("{{json .Missing}}", &d), "null");
    assert_eq!(render("{{json .}}", &json!("<&>\u{2028}")), "\"<&>\\u2028\"");
}

#[test]
fn control_structures() {
    let d = image();
    assert_eq!(
        render("{{range .RepoTags}}{{.}} {{end}}", &d),
        "alpine:latest alpine:3 "
    );
    assert_eq!(
        render("{{range $i, $e := .RepoTags}}{{$i}}={{$e}};{{end}}", &d),
        "0=alpine:latest;1=alpine:3;"
    );
    assert_eq!(
        render("{{range $k, $v := .Labels}}{{$k}}={{$v}},{{end}}", &d),
        "a b=c,foo=bar,"
    );
    assert_eq!(render("{{range .Nothing}}x{{else}}none{{end}}", &d), "none");
    assert_eq!(render("{{range 3}}{{.}}{{end}}", &d), "012");
    assert_eq!(
        render("{{range .Names}}{{if eq . \"y\"}}{{break}}{{end}}{{.}}{{end}}", &d),
        "x"
    );
    assert_eq!(
        render("{{range .Names}}{{if eq . \"x\"}}{{continue}}{{end}}{{.}}{{end}}", &d),
        "y"
    );
    assert_eq!(render("{{if .Dangling}}x{{else}}y{{end}}", &d), "y");
    assert_eq!(render("{{if .Empty}}a{{else if .Tag}}b{{else}}c{{end}}", &d), "b");
    assert_eq!(render("{{with .Config}}{{.Cmd}}{{end}}", &d), "[/bin/sh -c echo hi]");
    assert_eq!(render("{{with .Empty}}x{{else}}empty{{end}}", &d), "empty");
    assert_eq!(render("{{with .Empty}}x{{else with .Tag}}{{.}}{{end}}", &d), "latest");
    assert_eq!(render("{{range .Names}}{{$.Tag}}{{end}}", &d), "latestlatest");
}

#[test]
fn variables() {
    let d = image();
    assert_eq!(render("{{$x := .Tag}}{{$x}}", &d), "latest");
    assert_eq!(render("{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}", &d), "2");
    assert_eq!(render("{{$x := .Config}}{{$x.Cmd}}", &d), "[/bin/sh -c echo hi]");
    assert!(parse_err("{{if true}}{{$y := 1}}{{end}}{{$y}}").contains("undefined variable \"$y\""));
    assert!(parse_err("{{$z = 1}}").contains("undefined variable"));
}

#[test]
fn trim_markers_and_comments() {
    let d = image();
    assert_eq!(render("a  {{- .Tag -}}  b", &d), "alatestb");
    assert_eq!(render("a {{/* hidden */}} b", &d), "a  b");
    assert_eq!(render("a {{- /* hidden */ -}} b", &d), "ab");
    assert_eq!(render("{{-3}}", &d), "-3");
    assert_eq!(render("{{range .Names -}}\n  {{.}}\n{{- end}}", &d), "xy");
}

#[test]
fn functions() {
    let d = image();
    assert_eq!(render("{{index .Labels \"foo\"}}", &d), "bar");
    assert_eq!(render("{{index .Labels \"nope\"}}", &d), "<no value>");
    assert_eq!(render("{{index .RepoTags 1}}", &d), "alpine:3");
    assert_eq!(render("{{join .Names \",\"}}", &d), "x,y");
    assert_eq!(
        render("{{upper .Tag}} {{lower \"AbC\"}} {{title \"hello wide-world\"}}", &d),
        "LATEST abc Hello Wide-World"
    );
    assert_eq!(render("{{len .RepoTags}} {{len .Tag}} {{len .Labels}}", &d), "2 6 2");
    assert_eq!(render("{{.Size | printf \"%v\"}}", &d), "8082000");
    assert_eq!(render("{{printf \"%s-%d\" .Tag .Size}}", &d), "latest-8082000");
    assert_eq!(render("{{print .Tag 1 2 \"x\"}}", &d), "latest1 2x");
    assert_eq!(render("{{println .Tag 1}}", &d), "latest 1\n");
    assert_eq!(render("{{truncate .ID 4}} [{{pad .Tag 1 2}}]", &d), "9c6f [ latest  ]");
    assert_eq!(render("{{split \"a:b\" \":\"}}", &d), "[a b]");
    assert_eq!(
        render("{{not .Dangling}} {{and 1 0 2}} {{or 0 \"\" .Tag}} {{and 1 2}}", &d),
        "true 0 latest 2"
    );
    assert_eq!(
        render(
            "{{eq .Tag \"x\" \"latest\"}} {{ne 1 2}} {{lt 1 2}} {{ge \"b\" \"a\"}} {{le 1.5 1}}",
            &d
        ),
        "true true true true false"
    );
    assert_eq!(render("{{eq .Size 8082000}} {{eq .Missing nil}}", &d), "true true");
    assert_eq!(render("{{slice .Tag 1 3}} {{slice .Names 1}}", &d), "at [y]");
    assert_eq!(
        render("{{html \"<a&b>\"}} {{urlquery \"a b&c\"}}", &d),
        "&lt;a&amp;b&gt; a+b%26c"
    );
    assert_eq!(render("{{(index .RepoTags 0) | upper}}", &d), "ALPINE:LATEST");
    assert_eq!(render("{{(.Config).Cmd}}", &d), "[/bin/sh -c echo hi]");
    assert_eq!(
        render("{{`raw\\n`}} {{'a'}} {{0x1F}} {{1e3}} {{\"q\\\"\\u00e9\"}}", &d),
        "raw\\n 97 31 1000 q\"é"
    );
    // and/or short-circuit: the erroring index is never evaluated.
    assert_eq!(render("{{or .Tag (index .RepoTags 99)}}", &d), "latest");
}

#[test]
fn printf_verbs() {
    let cases: &[(&str, Value, &str)] = &[
        (
            "%5d|%-5d|%05d|%+d|%x|%X|%#x|%o|%b|%c|%q|%U",
            json!([42, 42, -42, 42, 255, 255, 255, 8, 5, 65, 65, 65]),
            "   42|42   |-0042|+42|ff|FF|0xff|10|101|A|'A'|U+0041",
        ),
        (
            "%s|%q|%10s|%-4s|%.2s|%x",
            json!(["hi", "a\"b\n", "r", "l", "hello", "hi"]),
            "hi|\"a\\\"b\\n\"|         r|l   |he|6869",
        ),
        (
            "%f|%.2f|%e|%g|%v|%8.3f|%G",
            json!([1.5, 2.345, 123456.789, 0.000012, 1e21, 3.25159, 1e-7]),
            "1.500000|2.35|1.234568e+05|1.2e-05|1e+21|   3.252|1E-07",
        ),
        (
            "%t|%v|%v|%T|%T|%T",
            json!([true, null, {"b": 1, "a": [1, 2]}, "s", 1, 1.5]),
            "true|<nil>|map[a:[1 2] b:1]|string|int|float64",
        ),
        ("%d %d", json!([1]), "1 %!d(MISSING)"),
        ("%d", json!([1, "x", 2]), "1%!(EXTRA string=x, int=2)"),
        ("%d|%s|%z", json!(["x", 5, 1]), "%!d(string=x)|%!s(int=5)|%!z(int=1)"),
        ("%s", json!([null]), "%!s(<nil>)"),
        ("%d", json!([["a", 1]]), "[%!d(string=a) 1]"),
        ("100%%", json!([]), "100%"),
        ("%", json!([]), "%!(NOVERB)"),
        ("%*d|%.*f", json!([4, 7, 1, 2.25]), "   7|2.2"),
        ("%9999999d", json!([1]), "%!(BADWIDTH)1"),
    ];
    for (format, args, want) in cases {
        let args = args.as_array().unwrap();
        assert_eq!(gofmt::sprintf(format, args), *want, "{format}");
    }
}

#[test]
fn go_float_formatting() {
    let g = |f: f64| sprint_v(&json!(f));
    assert_eq!(g(1.0), "1");
    assert_eq!(g(100000.0), "100000");
    assert_eq!(g(1000000.0), "1e+06");
    assert_eq!(g(0.0001), "0.0001");
    assert_eq!(g(0.00001), "1e-05");
    assert_eq!(g(-2.5), "-2.5");
    assert_eq!(g(123456789.0), "1.23456789e+08");
    assert_eq!(format_g(5.83, 3), "5.83");
    assert_eq!(format_g(5.8, 3), "5.8");
    assert_eq!(format_g(100.0, 3), "100");
    assert_eq!(format_g(999.9999, 3), "1e+03");
    assert_eq!(format_g(12.345, 3), "12.3");
    assert_eq!(format_g(0.0, 3), "0");
}

#[test]
fn fields_list() {
    let t = Template::parse("{{.Repository}}\t{{.Tag}}\t{{json .Labels}}{{.Tag}}{{range .Names}}{{.Inner}}{{end}}{{if $.Dangling}}{{.Size}}{{end}}").unwrap();
    assert_eq!(t.fields(), ["Repository", "Tag", "Labels", "Names", "Dangling", "Size"]);
    assert_eq!(Template::parse("plain").unwrap().fields(), Vec::<String>::new());
}

#[test]
fn table_mode_turns_text_spaces_into_tabs() {
    let t = Template::parse_table("{{.A}} {{index .L \"x y\"}}\\t{{.B}}").unwrap();
    assert_eq!(
        t.render(&json!({"A": "1", "L": {"x y": "2"}, "B": "3 4"})).unwrap(),
        "1\t2\t3 4"
    );
}

#[test]
fn parse_errors_name_the_position() {
    assert_eq!(parse_err("a\n  {{.Foo"), "template: 2:3: unclosed action");
    assert_eq!(
        parse_err("ab\n{{.Foo }"),
        "template: 2:8: unrecognized character in action: U+007D '}'"
    );
    assert_eq!(parse_err("{{nope .X}}"), "template: 1:3: function \"nope\" not defined");
    assert!(parse_err("{{if .X}}").contains("unexpected EOF"));
    assert!(parse_err("{{end}}").contains("unexpected {{end}}"));
    assert!(parse_err("{{else}}").contains("unexpected {{else}}"));
    assert!(parse_err("{{}}").contains("missing value for command"));
    assert!(parse_err("{{.A | }}").contains("missing command"));
    assert!(parse_err("{{\"abc}}").contains("unterminated quoted string"));
    assert!(parse_err("{{(.A}}").contains("unclosed left paren"));
    assert!(parse_err("{{.A)}}").contains("unexpected right paren"));
    assert!(parse_err("{{/* x").contains("unclosed comment"));
    assert!(parse_err("{{break}}").contains("outside"));
    assert!(parse_err("{{template \"x\"}}").contains("not supported"));
    assert!(parse_err("{{.A | 3}}").contains("non executable command"));
    assert!(parse_err("{{1.2.3}}").contains("bad number syntax"));
    assert!(parse_err("{{.A+}}").contains("bad character"));
    assert!(parse_err("{{$x, $y := .A}}").contains("too many declarations"));
    assert!(parse_err("{{\"\\q\"}}").contains("bad string syntax"));
}

#[test]
fn exec_errors() {
    let d = image();
    assert_eq!(
        exec_err("{{.Tag.X}}", &d),
        "template: 1:3: executing at <.Tag.X>: can't evaluate field X in type string"
    );
    assert!(exec_err("{{index .RepoTags 5}}", &d).contains("error calling index: index out of range: 5"));
    assert!(exec_err("{{index .Missing 0}}", &d).contains("index of untyped nil"));
    assert!(exec_err("{{len .Size}}", &d).contains("len of type int"));
    assert!(exec_err("{{upper .Size}}", &d).contains("expected string"));
    assert!(exec_err("{{len 1 2}}", &d).contains("wrong number of args for len: want 1 got 2"));
    assert!(exec_err("{{eq .Tag 1}}", &d).contains("incompatible types"));
    assert!(exec_err("{{eq .Names .Names}}", &d).contains("non-comparable"));
    assert!(exec_err("{{lt true false}}", &d).contains("invalid type for comparison"));
    assert!(exec_err("{{.Tag 1}}", &d).contains("can't give argument to non-function"));
    assert!(exec_err("{{nil}}", &d).contains("nil is not a command"));
    assert!(exec_err("{{range .Tag}}{{end}}", &d).contains("range can't iterate over latest"));
    assert!(exec_err("{{truncate .Tag -1}}", &d).contains("negative length"));
    assert!(exec_err("{{pad .Tag 99999999 0}}", &d).contains("out of range"));
}

#[test]
fn hostile_input_fails_cleanly() {
    let deep = format!("{{{{{}1{}}}}}", "(".repeat(100_000), ")".repeat(100_000));
    assert!(parse_err(&deep).contains("nested more than"));
    let open = format!("{{{{{}", "(".repeat(100_000));
    assert!(parse_err(&open).contains("unclosed"));
    let ifs = "{{if 1}}".repeat(10_000);
    assert!(parse_err(&ifs).contains("nested more than"));
    assert!(exec_err("{{range 100000000000}}{{end}}", &json!({})).contains("steps"));
    assert!(
        exec_err(
            "{{range 10000000}}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{{end}}",
            &json!({})
        )
        .contains("bytes")
    );
    for src in [
        "{{",
        "}}",
        "{{{",
        "{{.}}}}",
        "{{'",
        "{{'ab'}}",
        "{{`",
        "{{$",
        "{{-",
        "{{- -}}",
        "{{\"\\",
        "é{{é}}",
        "{{.é}}",
        "{{(",
        ")",
        "{{,}}",
        "{{:}}",
        "{{range $a, $b, $c := .}}{{end}}",
        "{{else if 1}}",
        "{{if 1}}{{else}}{{else}}{{end}}",
        "{{0x}}",
        "{{1e999}}",
        "{{99999999999999999999999}}",
    ] {
        if let Ok(t) = Template::parse(src) {
            let _ = t.render(&image());
        }
    }
}
