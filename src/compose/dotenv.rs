//! Env files (`.env`, `--env-file`, a service's `env_file`) in Compose's format: `KEY=VALUE`
//! lines, `export` prefixes, `#` comments, single quotes (literal), double quotes (escapes,
//! several lines), interpolation of unquoted and double-quoted values from earlier lines and
//! the given environment, and a bare `KEY` taking its value from that environment.

use super::interpolate::{self, Lookup};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct Error {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The variables of an env file, in order (a later line wins when a key repeats).
pub fn parse(text: &str, source: &str, env: &dyn Lookup) -> Result<Vec<(String, String)>, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut vars: Vec<(String, String)> = Vec::new();
    let mut rest = text;
    let mut line = 1usize;
    while !rest.is_empty() {
        let start_line = line;
        let err = |message: String| Error {
            file: source.to_string(),
            line: start_line,
            message,
        };
        let (current, after) = rest.split_once('\n').unwrap_or((rest, ""));
        let trimmed = current.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            rest = after;
            line += 1;
            continue;
        }
        let body = current.trim_start();
        let body = body.strip_prefix("export ").map(str::trim_start).unwrap_or(body);
        let Some((key, value_start)) = body.split_once('=') else {
            let key = body.trim();
            check_key(key).map_err(err)?;
            let value = lookup(&vars, env, key);
            if let Some(value) = value {
                set(&mut vars, key, value);
            }
            rest = after;
            line += 1;
            continue;
        };
        let key = key.trim_end();
        check_key(key).map_err(err)?;
        let value_start = value_start.trim_start_matches([' ', '\t']);
        // The remainder of the file from the value on (quoted values may span lines).
        let offset = value_start.as_ptr() as usize - rest.as_ptr() as usize;
        let from_value = &rest[offset..];
        let (value, consumed) = match from_value.chars().next() {
            Some(q @ ('\'' | '"')) => {
                let (raw, len) = quoted(&from_value[1..], q).ok_or_else(|| err(format!("unterminated {q} quote")))?;
                let tail_start = 1 + len + 1;
                let tail = from_value[tail_start..].split('\n').next().unwrap_or("");
                let tail_trim = tail.trim();
                if !tail_trim.is_empty() && !tail_trim.starts_with('#') {
                    return Err(err(format!("unexpected text {tail_trim:?} after the closing quote")));
                }
                let value = if q == '"' {
                    let unescaped = unescape(&raw);
                    expand(&unescaped, &vars, env).map_err(|e| err(e.to_string()))?
                } else {
                    raw
                };
                (value, offset + tail_start + tail.len())
            }
            _ => {
                let line_text = from_value.split('\n').next().unwrap_or("");
                let value = match line_text.find(" #").or_else(|| line_text.find("\t#")) {
                    Some(i) => &line_text[..i],
                    None => line_text,
                };
                let value = value.trim_end();
                let value = expand(value, &vars, env).map_err(|e| err(e.to_string()))?;
                (value, offset + line_text.len())
            }
        };
        line += rest[..consumed].matches('\n').count();
        set(&mut vars, key, value);
        rest = &rest[consumed..];
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
            line += 1;
        }
    }
    Ok(vars)
}

fn check_key(key: &str) -> Result<(), String> {
    let valid = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
    if valid {
        Ok(())
    } else {
        Err(format!("invalid variable name {key:?}"))
    }
}

fn set(vars: &mut Vec<(String, String)>, key: &str, value: String) {
    match vars.iter_mut().find(|(k, _)| k == key) {
        Some(slot) => slot.1 = value,
        None => vars.push((key.to_string(), value)),
    }
}

/// The environment first (it wins over env files), then this file's earlier lines.
fn lookup(vars: &[(String, String)], env: &dyn Lookup, key: &str) -> Option<String> {
    env.get(key)
        .or_else(|| vars.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
}

fn expand(value: &str, vars: &[(String, String)], env: &dyn Lookup) -> Result<String, interpolate::Error> {
    let lookup = |k: &str| lookup(vars, env, k);
    Ok(interpolate::interpolate(value, &lookup)?.text)
}

/// The text up to the closing quote `q` (a backslash escapes it in double quotes), and its
/// length in bytes.
fn quoted(s: &str, q: char) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == q {
            return Some((out, i));
        }
        if c == '\\' && q == '"' {
            let (_, next) = chars.next()?;
            out.push('\\');
            out.push(next);
            continue;
        }
        out.push(c);
    }
    None
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            // `\$` keeps the dollar literal through interpolation.
            Some('$') => out.push_str("$$"),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(k: &str) -> Option<String> {
        match k {
            "HOME_DIR" => Some("/home/u".to_string()),
            "OVERRIDDEN" => Some("from-env".to_string()),
            _ => None,
        }
    }

    fn vars(text: &str) -> Vec<(String, String)> {
        parse(text, ".env", &env).unwrap()
    }

    #[test]
    fn formats() {
        let text = "# comment\n\nA=1\nexport B = two words  # note\nC='single $A #x'\nD=\"dq \\\"x\\\" $A\\n\"\nE=\nF=a#b\nHOME_DIR\nNOT_SET\nG=${A}${H:-d}\nOVERRIDDEN=file\nI=$OVERRIDDEN\n";
        assert_eq!(
            vars(text),
            [
                ("A", "1"),
                ("B", "two words"),
                ("C", "single $A #x"),
                ("D", "dq \"x\" 1\n"),
                ("E", ""),
                ("F", "a#b"),
                ("HOME_DIR", "/home/u"),
                ("G", "1d"),
                ("OVERRIDDEN", "file"),
                ("I", "from-env"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
        );
    }

    #[test]
    fn multiline_quotes_keep_line_numbers() {
        let text = "A=\"one\ntwo\"\nB='x\ny'\nbad key=1\n";
        let e = parse(text, ".env", &env).unwrap_err();
        assert_eq!(e.to_string(), ".env:5: invalid variable name \"bad key\"");
        assert_eq!(
            vars("A=\"one\ntwo\"\nB=2"),
            [("A".into(), "one\ntwo".into()), ("B".into(), "2".into())]
        );
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(
            parse("A=1\nB=\"open\n", "f", &env).unwrap_err().to_string(),
            "f:2: unterminated \" quote"
        );
        assert_eq!(
            parse("A='x' y\n", "f", &env).unwrap_err().to_string(),
            "f:1: unexpected text \"y\" after the closing quote"
        );
        assert!(
            parse("A=${B:?needed}\n", "f", &env)
                .unwrap_err()
                .to_string()
                .starts_with("f:1: required variable B")
        );
        assert!(parse("=1\n", "f", &env).is_err());
    }

    #[test]
    fn hostile_input_never_panics() {
        for text in [
            "=",
            "\"",
            "'",
            "A=\"\\",
            "A='",
            "export",
            "export =",
            "A=\"x\"\"",
            "\u{feff}A=1",
            "A=é\"\n",
            "A=\"é",
        ] {
            let _ = parse(text, "f", &env);
        }
    }
}
