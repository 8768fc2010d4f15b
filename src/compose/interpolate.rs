//! Variable interpolation in Compose files and env files: `$VAR`, `${VAR}`, `${VAR:-default}`,
//! `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, nested in
//! defaults, and `$$` for a literal `$`. Applied to values, never to keys.

use crate::yaml::{Node, Value};

/// Looks a variable up: `None` when unset.
pub trait Lookup {
    fn get(&self, name: &str) -> Option<String>;
}

impl<F: Fn(&str) -> Option<String>> Lookup for F {
    fn get(&self, name: &str) -> Option<String> {
        self(name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("required variable {name} is missing a value: {message}")]
    Required { name: String, message: String },
    #[error("invalid interpolation format in {text:?}: {reason} (a literal $ is written $$)")]
    Syntax { text: String, reason: &'static str },
}

impl Lookup for std::collections::BTreeMap<String, String> {
    fn get(&self, name: &str) -> Option<String> {
        std::collections::BTreeMap::get(self, name).cloned()
    }
}

/// The result of interpolating one string: the text and the unset variables it used without a
/// default (Compose warns about them and substitutes an empty string).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Interpolated {
    pub text: String,
    pub unset: Vec<String>,
}

pub fn interpolate(text: &str, env: &dyn Lookup) -> Result<Interpolated, Error> {
    interpolate_at(text, env, 0)
}

/// How deeply `${A:-${B:-…}}` may nest (each level is a recursion).
const MAX_NESTING: usize = 32;

fn interpolate_at(text: &str, env: &dyn Lookup, depth: usize) -> Result<Interpolated, Error> {
    if depth > MAX_NESTING {
        return Err(Error::Syntax {
            text: text.to_string(),
            reason: "defaults nested too deeply",
        });
    }
    let mut out = Interpolated::default();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '$' {
            out.text.push(c);
            i += 1;
            continue;
        }
        match chars.get(i + 1) {
            Some('$') => {
                out.text.push('$');
                i += 2;
            }
            Some('{') => {
                let end = matching_brace(&chars, i + 2).ok_or_else(|| Error::Syntax {
                    text: text.to_string(),
                    reason: "unterminated ${",
                })?;
                let inner: String = chars[i + 2..end].iter().collect();
                braced(&inner, text, env, &mut out, depth)?;
                i = end + 1;
            }
            Some(c) if c.is_ascii_alphabetic() || *c == '_' => {
                let start = i + 1;
                let mut j = start;
                while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                    j += 1;
                }
                let name: String = chars[start..j].iter().collect();
                match env.get(&name) {
                    Some(v) => out.text.push_str(&v),
                    None => out.unset.push(name),
                }
                i = j;
            }
            // `$` before anything else stays as written (Compose's behaviour).
            _ => {
                out.text.push('$');
                i += 1;
            }
        }
    }
    Ok(out)
}

/// The index of the `}` closing a `${` whose content starts at `from`, skipping nested `${…}`.
fn matching_brace(chars: &[char], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = from;
    while i < chars.len() {
        match chars[i] {
            '$' if chars.get(i + 1) == Some(&'$') => i += 1,
            '$' if chars.get(i + 1) == Some(&'{') => {
                depth += 1;
                i += 1;
            }
            '}' if depth == 0 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    None
}

fn braced(inner: &str, whole: &str, env: &dyn Lookup, out: &mut Interpolated, depth: usize) -> Result<(), Error> {
    let syntax = |reason| Error::Syntax {
        text: whole.to_string(),
        reason,
    };
    let name_end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(inner.len());
    let name = &inner[..name_end];
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(syntax("a variable name must start with a letter or _"));
    }
    let rest = &inner[name_end..];
    let value = env.get(name);
    let (op, arg) = if rest.is_empty() {
        ("", "")
    } else if let Some(arg) = rest.strip_prefix(":-") {
        (":-", arg)
    } else if let Some(arg) = rest.strip_prefix(":?") {
        (":?", arg)
    } else if let Some(arg) = rest.strip_prefix(":+") {
        (":+", arg)
    } else if let Some(arg) = rest.strip_prefix('-') {
        ("-", arg)
    } else if let Some(arg) = rest.strip_prefix('?') {
        ("?", arg)
    } else if let Some(arg) = rest.strip_prefix('+') {
        ("+", arg)
    } else {
        // Whatever follows the name (any character, not only ASCII) is not a modifier.
        return Err(syntax("unsupported modifier after the variable name"));
    };
    let set_and_nonempty = value.as_deref().is_some_and(|v| !v.is_empty());
    let use_arg = |out: &mut Interpolated| -> Result<(), Error> {
        let nested = interpolate_at(arg, env, depth + 1)?;
        out.text.push_str(&nested.text);
        out.unset.extend(nested.unset);
        Ok(())
    };
    match op {
        "" => match value {
            Some(v) => out.text.push_str(&v),
            None => out.unset.push(name.to_string()),
        },
        ":-" if set_and_nonempty => out.text.push_str(&value.unwrap_or_default()),
        ":-" => use_arg(out)?,
        "-" => match value {
            Some(v) => out.text.push_str(&v),
            None => use_arg(out)?,
        },
        ":?" | "?" => {
            let missing = if op == ":?" { !set_and_nonempty } else { value.is_none() };
            if missing {
                let message = interpolate_at(arg, env, depth + 1)?.text;
                return Err(Error::Required {
                    name: name.to_string(),
                    message,
                });
            }
            out.text.push_str(&value.unwrap_or_default());
        }
        ":+" if set_and_nonempty => use_arg(out)?,
        "+" if value.is_some() => use_arg(out)?,
        _ => {}
    }
    Ok(())
}

/// An interpolation failure with the node it happened in.
#[derive(Debug)]
pub struct NodeError {
    pub node: Node,
    pub error: Error,
}

/// Interpolates every scalar value in a tree (keys are left alone). Returns the unset variables
/// used without defaults, in order of first use.
pub fn interpolate_tree(node: &mut Node, env: &dyn Lookup, unset: &mut Vec<String>) -> Result<(), Box<NodeError>> {
    match &mut node.value {
        Value::Scalar { text, .. } => {
            if !text.contains('$') {
                return Ok(());
            }
            match interpolate(text, env) {
                Ok(done) => {
                    *text = done.text;
                    for name in done.unset {
                        if !unset.contains(&name) {
                            unset.push(name);
                        }
                    }
                }
                Err(error) => {
                    return Err(Box::new(NodeError {
                        node: node.clone(),
                        error,
                    }));
                }
            }
        }
        Value::Seq(items) => {
            for item in items {
                interpolate_tree(item, env, unset)?;
            }
        }
        Value::Map(entries) => {
            for (_, value) in entries {
                interpolate_tree(value, env, unset)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn env() -> impl Fn(&str) -> Option<String> {
        let vars: HashMap<&str, &str> = [("SET", "value"), ("EMPTY", ""), ("PORT", "8080"), ("NAME", "SET")]
            .into_iter()
            .collect();
        move |k: &str| vars.get(k).map(|v| v.to_string())
    }

    fn run(text: &str) -> String {
        interpolate(text, &env()).unwrap().text
    }

    #[test]
    fn forms() {
        assert_eq!(run("$SET ${SET} x$SET-y"), "value value xvalue-y");
        assert_eq!(run("${UNSET:-d} ${EMPTY:-d} ${SET:-d}"), "d d value");
        assert_eq!(run("${UNSET-d} ${EMPTY-d} ${SET-d}"), "d  value");
        assert_eq!(run("${UNSET:+x} ${EMPTY:+x} ${SET:+x}"), "  x");
        assert_eq!(run("${UNSET+x} ${EMPTY+x} ${SET+x}"), " x x");
        assert_eq!(run("${SET:?boom} ${EMPTY?boom}"), "value ");
        assert_eq!(run("$$SET $${SET} $$$$"), "$SET ${SET} $$");
        assert_eq!(run("$ $1 a$ $-x ${SET}}"), "$ $1 a$ $-x value}");
        assert_eq!(run("${PORT:-80}:80"), "8080:80");
    }

    #[test]
    fn nested_defaults() {
        assert_eq!(run("${UNSET:-${SET}}"), "value");
        assert_eq!(run("${UNSET:-${ALSO_UNSET:-deep}}"), "deep");
        assert_eq!(run("${UNSET:-a${SET}b${X:-c}}"), "avaluebc");
        assert_eq!(run("${UNSET:-$$}"), "$");
        assert_eq!(run("${UNSET:-{}}"), "{}");
    }

    #[test]
    fn unset_variables_are_reported() {
        let done = interpolate("${A}-$B-${SET}-${C:-x}", &env()).unwrap();
        assert_eq!(done.text, "--value-x");
        assert_eq!(done.unset, ["A", "B"]);
    }

    #[test]
    fn required_variables() {
        let e = interpolate("${UNSET:?set UNSET to the ${SET} you want}", &env()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "required variable UNSET is missing a value: set UNSET to the value you want"
        );
        assert!(interpolate("${EMPTY:?no}", &env()).is_err());
        assert!(interpolate("${UNSET?no}", &env()).is_err());
    }

    #[test]
    fn bad_syntax() {
        for bad in [
            "${",
            "${SET",
            "${}",
            "${1A}",
            "${SET/a/b}",
            "${SET:x}",
            "${ SET}",
            "${UNSET:-${X}",
        ] {
            let e = interpolate(bad, &env()).unwrap_err();
            assert!(matches!(e, Error::Syntax { .. }), "{bad}: {e}");
        }
    }

    #[test]
    fn non_ascii_after_a_name_is_a_syntax_error() {
        // Found by the compose fuzz target: the modifier was sliced at byte 1, inside the
        // character, and panicked.
        for bad in ["${TAG\u{fffd}}", "${SET\u{e9}x}", "${A\u{1F600}}", "${SET:\u{e9}}"] {
            let e = interpolate(bad, &env()).unwrap_err();
            assert!(
                e.to_string().contains("unsupported modifier after the variable name"),
                "{bad}: {e}"
            );
        }
        assert_eq!(run("${UNSET-\u{e9}} ${SET+\u{e9}}"), "\u{e9} \u{e9}");
    }

    #[test]
    fn hostile_input_is_bounded() {
        // Deep nesting of defaults recurses once per level; long inputs stay linear.
        let deep = "${A:-".repeat(20) + &"}".repeat(20);
        assert_eq!(run(&deep), "");
        let deep = "${A:-".repeat(100_000) + &"}".repeat(100_000);
        let e = interpolate(&deep, &env()).unwrap_err();
        assert!(e.to_string().contains("nested too deeply"));
        let long = "$$".repeat(100_000);
        assert_eq!(run(&long).len(), 100_000);
        for text in ["$", "$$$", "${:-}", "${A:-${", "}}}", "${A:?${B:?x}}", "\u{0}${\u{0}}"] {
            let _ = interpolate(text, &env());
        }
    }
}
