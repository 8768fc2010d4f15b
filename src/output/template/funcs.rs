//! The functions a template can call: Go's builtins and Podman's extra ones.

use super::exec::{kind, truth};
use super::gofmt::{self, MAX_WIDTH, sprint_v};

use serde_json::Value;

type Res = std::result::Result<Value, String>;

fn arity(name: &str, args: &[Value], want: usize) -> std::result::Result<(), String> {
    if args.len() != want {
        return Err(format!(
            "wrong number of args for {name}: want {want} got {}",
            args.len()
        ));
    }
    Ok(())
}

/// A string parameter; a missing value counts as "", as a Go struct's zero value would.
fn string(v: &Value) -> std::result::Result<&str, String> {
    match v {
        Value::String(s) => Ok(s),
        Value::Null => Ok(""),
        other => Err(format!("wrong type for value; expected string; got {}", kind(other))),
    }
}

pub(super) fn int(v: &Value) -> std::result::Result<i128, String> {
    match v {
        Value::Number(n) => n
            .as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 1e18)
                    .map(|f| f as i128)
            })
            .ok_or_else(|| format!("wrong type for value; expected int; got {n}")),
        Value::Null => Ok(0),
        other => Err(format!("wrong type for value; expected int; got {}", kind(other))),
    }
}

fn count(v: &Value) -> std::result::Result<usize, String> {
    let n = int(v)?;
    if !(0..=MAX_WIDTH).contains(&n) {
        return Err(format!("count {n} out of range"));
    }
    Ok(n as usize)
}

pub(super) fn call(name: &str, args: &[Value]) -> Res {
    let called = |e: String| format!("error calling {name}: {e}");
    match name {
        "not" => {
            arity(name, args, 1)?;
            Ok(Value::Bool(!truth(&args[0])))
        }
        "len" => {
            arity(name, args, 1)?;
            match &args[0] {
                Value::String(s) => Ok(s.len().into()),
                Value::Array(a) => Ok(a.len().into()),
                Value::Object(m) => Ok(m.len().into()),
                other => Err(called(format!("len of type {}", kind(other)))),
            }
        }
        "index" => {
            let Some((item, indices)) = args.split_first() else {
                return Err("wrong number of args for index: want at least 1 got 0".into());
            };
            let mut cur = item.clone();
            for idx in indices {
                cur = index(&cur, idx).map_err(called)?;
            }
            Ok(cur)
        }
        "slice" => {
            let Some((item, indices)) = args.split_first() else {
                return Err("wrong number of args for slice: want at least 1 got 0".into());
            };
            slice(item, indices).map_err(called)
        }
        "print" => Ok(Value::String(gofmt::sprint(args))),
        "println" => Ok(Value::String(gofmt::sprintln(args))),
        "printf" => {
            let Some((format, rest)) = args.split_first() else {
                return Err("wrong number of args for printf: want at least 1 got 0".into());
            };
            Ok(Value::String(gofmt::sprintf(string(format)?, rest)))
        }
        "eq" => {
            let Some((first, rest)) = args.split_first() else {
                return Err(called("missing argument for comparison".into()));
            };
            if rest.is_empty() {
                return Err(called("missing argument for comparison".into()));
            }
            for other in rest {
                if equal(first, other).map_err(called)? {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        "ne" => {
            arity(name, args, 2)?;
            Ok(Value::Bool(!equal(&args[0], &args[1]).map_err(called)?))
        }
        "lt" | "le" | "gt" | "ge" => {
            arity(name, args, 2)?;
            let ord = compare(&args[0], &args[1]).map_err(called)?;
            Ok(Value::Bool(match name {
                "lt" => ord.is_lt(),
                "le" => ord.is_le(),
                "gt" => ord.is_gt(),
                _ => ord.is_ge(),
            }))
        }
        "html" => Ok(Value::String(html(&text_of(args)))),
        "urlquery" => Ok(Value::String(urlquery(&text_of(args)))),
        "json" => {
            arity(name, args, 1)?;
            Ok(Value::String(gofmt::compact_json(&args[0])))
        }
        "join" => {
            arity(name, args, 2)?;
            let sep = string(&args[1])?;
            match &args[0] {
                Value::Array(a) => {
                    let parts: Vec<String> = a
                        .iter()
                        .map(|v| {
                            if let Value::String(s) = v {
                                s.clone()
                            } else {
                                sprint_v(v)
                            }
                        })
                        .collect();
                    Ok(Value::String(parts.join(sep)))
                }
                Value::Null => Ok(Value::String(String::new())),
                other => Err(format!("wrong type for value; expected array; got {}", kind(other))),
            }
        }
        "lower" | "upper" | "title" => {
            arity(name, args, 1)?;
            let s = string(&args[0])?;
            Ok(Value::String(match name {
                "lower" => s.to_lowercase(),
                "upper" => s.to_uppercase(),
                _ => title(s),
            }))
        }
        "split" => {
            arity(name, args, 2)?;
            let (s, sep) = (string(&args[0])?, string(&args[1])?);
            let parts: Vec<Value> = if sep.is_empty() {
                s.chars().map(|c| Value::String(c.to_string())).collect()
            } else {
                s.split(sep).map(|p| Value::String(p.to_string())).collect()
            };
            Ok(Value::Array(parts))
        }
        "truncate" => {
            arity(name, args, 2)?;
            let s = string(&args[0])?;
            let n = int(&args[1])?;
            if n < 0 {
                return Err(called(format!("negative length {n}")));
            }
            let cut = super::floor_char_boundary(s, (n as usize).min(s.len()));
            Ok(Value::String(s[..cut].to_string()))
        }
        "pad" => {
            arity(name, args, 3)?;
            let s = string(&args[0])?;
            let (before, after) = (count(&args[1]).map_err(called)?, count(&args[2]).map_err(called)?);
            Ok(Value::String(format!("{}{s}{}", " ".repeat(before), " ".repeat(after))))
        }
        _ => Err(format!("function {name:?} not defined")),
    }
}

fn text_of(args: &[Value]) -> String {
    match args {
        [Value::String(s)] => s.clone(),
        _ => gofmt::sprint(args),
    }
}

fn index(item: &Value, idx: &Value) -> Res {
    match item {
        Value::Array(a) => {
            let i = int(idx)?;
            usize::try_from(i)
                .ok()
                .and_then(|i| a.get(i))
                .cloned()
                .ok_or_else(|| format!("index out of range: {i}"))
        }
        Value::String(s) => {
            let i = int(idx)?;
            usize::try_from(i)
                .ok()
                .and_then(|i| s.as_bytes().get(i))
                .map(|b| Value::from(*b))
                .ok_or_else(|| format!("index out of range: {i}"))
        }
        Value::Object(m) => match idx {
            Value::String(k) => Ok(m.get(k).cloned().unwrap_or(Value::Null)),
            other => Err(format!("value has type {}; should be string", kind(other))),
        },
        Value::Null => Err("index of untyped nil".into()),
        other => Err(format!("can't index item of type {}", kind(other))),
    }
}

fn slice(item: &Value, indices: &[Value]) -> Res {
    if indices.len() > 3 {
        return Err(format!("too many slice indexes: {}", indices.len()));
    }
    let len = match item {
        Value::String(s) => s.len(),
        Value::Array(a) => a.len(),
        Value::Null => return Err("slice of untyped nil".into()),
        other => return Err(format!("can't slice item of type {}", kind(other))),
    };
    if indices.len() == 3 && item.is_string() {
        return Err("cannot 3-index slice a string".into());
    }
    let mut bounds = [0, len, len];
    for (i, idx) in indices.iter().enumerate() {
        let n = int(idx)?;
        bounds[i] = usize::try_from(n)
            .ok()
            .filter(|n| *n <= len)
            .ok_or_else(|| format!("index out of range: {n}"))?;
    }
    let (lo, hi) = (bounds[0], bounds[1]);
    if lo > hi || (indices.len() == 3 && hi > bounds[2]) {
        return Err(format!("invalid slice index: {lo} > {hi}"));
    }
    match item {
        Value::String(s) => s
            .get(lo..hi)
            .map(|s| Value::String(s.to_string()))
            .ok_or_else(|| "slice splits a character".to_string()),
        Value::Array(a) => Ok(Value::Array(a[lo..hi].to_vec())),
        _ => unreachable!("checked above"),
    }
}

fn equal(a: &Value, b: &Value) -> std::result::Result<bool, String> {
    match (a, b) {
        (Value::Null, Value::Null) => Ok(true),
        (Value::Null, _) | (_, Value::Null) => Ok(false),
        (Value::Array(_) | Value::Object(_), _) | (_, Value::Array(_) | Value::Object(_)) => {
            Err("non-comparable type".into())
        }
        (Value::Bool(x), Value::Bool(y)) => Ok(x == y),
        (Value::String(x), Value::String(y)) => Ok(x == y),
        (Value::Number(_), Value::Number(_)) => Ok(compare(a, b)?.is_eq()),
        _ => Err("incompatible types for comparison".into()),
    }
}

fn compare(a: &Value, b: &Value) -> std::result::Result<std::cmp::Ordering, String> {
    match (a, b) {
        (Value::String(x), Value::String(y)) => Ok(x.as_bytes().cmp(y.as_bytes())),
        (Value::Number(x), Value::Number(y)) => {
            if let (Ok(i), Ok(j)) = (int(a), int(b))
                && !x.is_f64()
                && !y.is_f64()
            {
                return Ok(i.cmp(&j));
            }
            let (x, y) = (x.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0));
            x.partial_cmp(&y)
                .ok_or_else(|| "invalid type for comparison".to_string())
        }
        (Value::String(_), Value::Number(_)) | (Value::Number(_), Value::String(_)) => {
            Err("incompatible types for comparison".into())
        }
        _ => Err("invalid type for comparison".into()),
    }
}

/// Go's strings.Title: upper-case the first letter of each word.
fn title(s: &str) -> String {
    let separator = |c: char| {
        if c.is_ascii() {
            !(c.is_ascii_alphanumeric() || c == '_')
        } else {
            !c.is_alphanumeric() && c.is_whitespace()
        }
    };
    let mut out = String::with_capacity(s.len());
    let mut prev_sep = true;
    for c in s.chars() {
        if prev_sep {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev_sep = separator(c);
    }
    out
}

fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\'' => out.push_str("&#39;"),
            '"' => out.push_str("&#34;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn urlquery(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
