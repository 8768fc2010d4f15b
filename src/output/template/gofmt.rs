//! Go's fmt for JSON values: how `print`, `printf` and plain actions show data.

use super::funcs;
use serde_json::{Number, Value};
use std::fmt::Write as _;

/// Largest printf width or precision, as Go's fmt (larger ones print `%!(BADWIDTH)`).
pub(super) const MAX_WIDTH: i128 = 1_000_000;

/// `fmt.Sprint(v)` of the Go value a JSON value stands for: `[a b]`, `map[k:v]`, integers without a point.
pub(super) fn sprint_v(v: &Value) -> String {
    let mut out = String::new();
    print_arg(&mut out, v, &Spec::verb('v'), 0);
    out
}

/// Compact JSON like Go's encoder with HTML escaping off, which still escapes U+2028 and U+2029.
pub(super) fn compact_json(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_default()
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

pub(super) struct Spec {
    verb: char,
    plus: bool,
    minus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

impl Spec {
    pub(super) fn verb(verb: char) -> Spec {
        Spec {
            verb,
            plus: false,
            minus: false,
            sharp: false,
            space: false,
            zero: false,
            width: None,
            prec: None,
        }
    }
}

fn go_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "<nil>",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float64",
        Value::Number(_) => "int",
        Value::String(_) => "string",
        Value::Array(_) => "[]interface {}",
        Value::Object(_) => "map[string]interface {}",
    }
}

pub(super) fn sprint(args: &[Value]) -> String {
    let mut out = String::new();
    let mut prev_string = false;
    for (i, a) in args.iter().enumerate() {
        let is_string = a.is_string();
        if i > 0 && !is_string && !prev_string {
            out.push(' ');
        }
        print_arg(&mut out, a, &Spec::verb('v'), 0);
        prev_string = is_string;
    }
    out
}

pub(super) fn sprintln(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        print_arg(&mut out, a, &Spec::verb('v'), 0);
    }
    out.push('\n');
    out
}

fn number_arg(args: &[Value], argi: &mut usize) -> Option<usize> {
    let v = args.get(*argi)?;
    *argi += 1;
    let n = funcs::int(v).ok().filter(|_| v.is_number())?;
    (0..=MAX_WIDTH).contains(&n).then_some(n as usize)
}

pub(super) fn sprintf(format: &str, args: &[Value]) -> String {
    let mut out = String::new();
    let mut argi = 0;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = Spec::verb('v');
        while let Some(&f) = chars.peek() {
            match f {
                '+' => spec.plus = true,
                '-' => spec.minus = true,
                '#' => spec.sharp = true,
                ' ' => spec.space = true,
                '0' => spec.zero = true,
                _ => break,
            }
            chars.next();
        }
        let mut bad_width = false;
        if chars.peek() == Some(&'*') {
            chars.next();
            spec.width = number_arg(args, &mut argi);
            bad_width = spec.width.is_none();
        } else {
            spec.width = digits(&mut chars)
                .map(|w| w.ok_or(()))
                .transpose()
                .unwrap_or_else(|()| {
                    bad_width = true;
                    None
                });
        }
        if bad_width {
            out.push_str("%!(BADWIDTH)");
        }
        if chars.peek() == Some(&'.') {
            chars.next();
            let prec = if chars.peek() == Some(&'*') {
                chars.next();
                number_arg(args, &mut argi)
            } else {
                digits(&mut chars).unwrap_or(Some(0))
            };
            if prec.is_none() {
                out.push_str("%!(BADPREC)");
            }
            spec.prec = prec;
        }
        let Some(verb) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        spec.verb = verb;
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = args.get(argi) else {
            let _ = write!(out, "%!{verb}(MISSING)");
            continue;
        };
        argi += 1;
        print_arg(&mut out, arg, &spec, 0);
    }
    if argi < args.len() {
        out.push_str("%!(EXTRA ");
        for (i, a) in args[argi..].iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if !a.is_null() {
                out.push_str(go_type(a));
                out.push('=');
            }
            print_arg(&mut out, a, &Spec::verb('v'), 0);
        }
        out.push(')');
    }
    out
}

/// A run of decimal digits: None when absent, Some(None) when too large.
fn digits(chars: &mut std::iter::Peekable<std::str::Chars>) -> Option<Option<usize>> {
    let mut n: Option<i128> = None;
    while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
        chars.next();
        n = Some((n.unwrap_or(0) * 10 + i128::from(d)).min(MAX_WIDTH + 1));
    }
    n.map(|n| (n <= MAX_WIDTH).then_some(n as usize))
}

fn pad(out: &mut String, s: &str, spec: &Spec) {
    let len = s.chars().count();
    let fill = spec.width.unwrap_or(0).saturating_sub(len);
    if spec.minus {
        out.push_str(s);
        out.extend(std::iter::repeat_n(' ', fill));
    } else {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(s);
    }
}

/// Pads a signed number: zeros go between the sign (and prefix) and the digits.
fn pad_number(out: &mut String, sign: &str, body: &str, spec: &Spec, zero_ok: bool) {
    if spec.zero && zero_ok && !spec.minus {
        let len = sign.chars().count() + body.chars().count();
        let fill = spec.width.unwrap_or(0).saturating_sub(len);
        out.push_str(sign);
        out.extend(std::iter::repeat_n('0', fill));
        out.push_str(body);
    } else {
        pad(out, &format!("{sign}{body}"), spec);
    }
}

fn bad_verb(out: &mut String, v: &Value, verb: char) {
    let _ = write!(out, "%!{verb}(");
    if v.is_null() {
        out.push_str("<nil>");
    } else {
        out.push_str(go_type(v));
        out.push('=');
        print_arg(out, v, &Spec::verb('v'), 0);
    }
    out.push(')');
}

pub(super) fn print_arg(out: &mut String, v: &Value, spec: &Spec, depth: usize) {
    if spec.verb == 'T' {
        pad(out, go_type(v), spec);
        return;
    }
    match v {
        Value::Null if depth > 0 || spec.verb == 'v' => pad(out, "<nil>", spec),
        Value::Null => bad_verb(out, v, spec.verb),
        Value::Bool(b) => match spec.verb {
            't' | 'v' => pad(out, if *b { "true" } else { "false" }, spec),
            _ => bad_verb(out, v, spec.verb),
        },
        Value::Number(n) => number(out, v, n, spec),
        Value::String(s) => match spec.verb {
            'v' | 's' => {
                let s = match spec.prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s.clone(),
                };
                pad(out, &s, spec);
            }
            'q' => pad(out, &quote(s, '"'), spec),
            'x' | 'X' => {
                let mut hex = String::new();
                for (i, b) in s.bytes().enumerate() {
                    if spec.space && i > 0 {
                        hex.push(' ');
                    }
                    if spec.sharp && (spec.space || i == 0) {
                        hex.push_str(if spec.verb == 'x' { "0x" } else { "0X" });
                    }
                    let _ = if spec.verb == 'x' {
                        write!(hex, "{b:02x}")
                    } else {
                        write!(hex, "{b:02X}")
                    };
                }
                pad(out, &hex, spec);
            }
            _ => bad_verb(out, v, spec.verb),
        },
        Value::Array(a) => {
            out.push('[');
            for (i, e) in a.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                print_arg(out, e, spec, depth + 1);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push_str("map[");
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                print_arg(out, &Value::String(k.clone()), spec, depth + 1);
                out.push(':');
                print_arg(out, &m[k], spec, depth + 1);
            }
            out.push(']');
        }
    }
}

fn sign_of(negative: bool, spec: &Spec) -> &'static str {
    match (negative, spec.plus, spec.space) {
        (true, _, _) => "-",
        (false, true, _) => "+",
        (false, false, true) => " ",
        _ => "",
    }
}

fn number(out: &mut String, v: &Value, n: &Number, spec: &Spec) {
    if n.is_f64() {
        let f = n.as_f64().unwrap_or(0.0);
        let (fmt, prec) = match spec.verb {
            'v' | 'g' | 'G' => ('g', spec.prec),
            'e' | 'E' => ('e', Some(spec.prec.unwrap_or(6))),
            'f' | 'F' => ('f', Some(spec.prec.unwrap_or(6))),
            _ => return bad_verb(out, v, spec.verb),
        };
        let mut body = float(f.abs(), fmt, prec);
        if spec.verb.is_ascii_uppercase() {
            body = body.to_uppercase();
        }
        let negative = f.is_sign_negative();
        return pad_number(out, sign_of(negative, spec), &body, spec, true);
    }
    let i = n
        .as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
        .unwrap_or(0);
    let magnitude = i.unsigned_abs();
    let (digits, prefix) = match spec.verb {
        'd' | 'v' => (magnitude.to_string(), ""),
        'b' => (format!("{magnitude:b}"), if spec.sharp { "0b" } else { "" }),
        'o' => (format!("{magnitude:o}"), if spec.sharp { "0" } else { "" }),
        'O' => (format!("{magnitude:o}"), "0o"),
        'x' => (format!("{magnitude:x}"), if spec.sharp { "0x" } else { "" }),
        'X' => (format!("{magnitude:X}"), if spec.sharp { "0X" } else { "" }),
        'c' | 'q' | 'U' => {
            let ch = u32::try_from(i).ok().and_then(char::from_u32).unwrap_or('\u{FFFD}');
            let s = match spec.verb {
                'c' => ch.to_string(),
                'q' => quote(&ch.to_string(), '\''),
                _ => format!("U+{:04X}", u32::try_from(i).unwrap_or(0xFFFD)),
            };
            return pad(out, &s, spec);
        }
        _ => return bad_verb(out, v, spec.verb),
    };
    let digits = match spec.prec {
        Some(0) if i == 0 => String::new(),
        Some(p) if digits.len() < p => format!("{}{digits}", "0".repeat(p - digits.len())),
        _ => digits,
    };
    let sign = format!("{}{prefix}", sign_of(i < 0, spec));
    pad_number(out, &sign, &digits, spec, spec.prec.is_none());
}

/// Go's strconv.FormatFloat of a non-negative value for 'e', 'f' and 'g' (None = shortest).
pub(super) fn float(f: f64, fmt: char, prec: Option<usize>) -> String {
    let sign = if f.is_sign_negative() { "-" } else { "" };
    let f = f.abs();
    if fmt == 'f' {
        return format!("{sign}{f:.*}", prec.unwrap_or(6));
    }
    // Decimal digits and exponent, from Rust's exactly rounded scientific formatting.
    let sci = match (fmt, prec) {
        ('e', Some(p)) => format!("{f:.p$e}"),
        (_, Some(p)) => format!("{f:.*e}", p.max(1) - 1),
        (_, None) => format!("{f:e}"),
    };
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    if fmt == 'e' {
        return format!("{sign}{}", exp_form(&digits, exp, digits.len() - 1));
    }
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    let nd = digits.len();
    let eprec = match prec {
        None => 6,
        Some(p) => p.max(1),
    } as i32;
    let prec = prec.map_or(nd, |p| p.max(1));
    if exp < -4 || exp >= eprec {
        return format!("{sign}{}", exp_form(&digits, exp, prec.min(nd) - 1));
    }
    let dp = exp + 1;
    let prec = if prec as i32 > dp { nd } else { prec };
    let decimals = (prec as i32 - dp).max(0) as usize;
    let mut s = String::from(sign);
    if dp > 0 {
        for i in 0..dp as usize {
            s.push(digits.get(i).map_or('0', |d| *d as char));
        }
    } else {
        s.push('0');
    }
    if decimals > 0 {
        s.push('.');
        for i in 0..decimals as i32 {
            let at = dp + i;
            s.push(if at >= 0 {
                digits.get(at as usize).map_or('0', |d| *d as char)
            } else {
                '0'
            });
        }
    }
    s
}

fn exp_form(digits: &[u8], exp: i32, decimals: usize) -> String {
    let mut s = String::new();
    s.push(digits.first().map_or('0', |d| *d as char));
    if decimals > 0 {
        s.push('.');
        for i in 1..=decimals {
            s.push(digits.get(i).map_or('0', |d| *d as char));
        }
    }
    let _ = write!(s, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    s
}

/// Go's strconv.Quote (or QuoteRune with `'`).
fn quote(s: &str, q: char) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            c if c == q || c == '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            c if c.is_control() && (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_control() && (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}
