//! Front-end-neutral parsers of user syntax: what the CLI, the API service, compose and
//! `kube play` accept as text (`-v`, `-p`, `--ulimit`, `KEY=VALUE` lists, …) turned into typed
//! values once, at the top, and passed down. Nothing here touches the store or the system.

use std::collections::BTreeMap;

/// A piece of user syntax that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("invalid {what} {item:?}: expected KEY=VALUE")]
    KeyValue { what: &'static str, item: String },
}

/// `KEY=VALUE` items (`KEY` alone means an empty value; a later key wins), as `--label` and
/// `--annotation` take them; `what` names the option in the error.
pub fn key_values(items: &[String], what: &'static str) -> Result<BTreeMap<String, String>, Error> {
    let mut out = BTreeMap::new();
    for it in items {
        let (k, v) = it.split_once('=').unwrap_or((it.as_str(), ""));
        if k.is_empty() {
            return Err(Error::KeyValue { what, item: it.clone() });
        }
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn key_values_take_bare_keys_and_the_last_value() {
        let m = key_values(&strings(&["a=1", "b", "a=2", "c==x"]), "label").unwrap();
        assert_eq!(m["a"], "2");
        assert_eq!(m["b"], "");
        assert_eq!(m["c"], "=x");
    }

    #[test]
    fn key_values_refuse_an_empty_key() {
        for bad in ["=x", "", "="] {
            let e = key_values(&strings(&[bad]), "annotation").unwrap_err();
            assert_eq!(e.to_string(), format!("invalid annotation {bad:?}: expected KEY=VALUE"));
        }
    }
}
