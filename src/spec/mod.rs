//! Front-end-neutral parsers of user syntax: what the CLI, the API service, compose and
//! `kube play` accept as text (`-v`, `-p`, `--ulimit`, `KEY=VALUE` lists, …) turned into typed
//! values once, at the top, and passed down, and containers.conf (the defaults under the flags of
//! `run`, read with the same parsers). Nothing here touches the store or the system.

pub mod containers_conf;
pub mod log;
pub mod mounts;
pub mod network;
pub mod ulimit;
pub mod userns;

use std::collections::BTreeMap;
use std::path::Path;

use crate::runtime::envfile::{self, EnvFileError, HostEnv};

/// A piece of user syntax that does not parse.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid {what} {item:?}: expected KEY=VALUE")]
    KeyValue { what: &'static str, item: String },
    #[error("invalid environment variable {entry:?}: {reason} (expected KEY=VALUE or KEY)")]
    EnvEntry { entry: String, reason: &'static str },
    #[error("reading the env file")]
    EnvFile(#[source] EnvFileError),
    #[error("unsupported log driver {0:?}: use k8s-file, none or passthrough")]
    LogDriver(String),
    #[error("unsupported log option {0:?}: ferry knows max-size=SIZE")]
    LogOption(String),
    #[error("invalid log max-size {0:?}")]
    LogSize(String),
    #[error("invalid stop signal {0:?}")]
    Signal(String),
    #[error(transparent)]
    Network(#[from] crate::network::NetworkError),
    #[error(transparent)]
    Port(#[from] crate::network::PortError),
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

/// The environment `--env-file` files and then `-e` entries give, in order (see
/// [`envfile::entry`]: `KEY=VALUE`, or `KEY` and `PREFIX*` taking values from `host`).
pub fn environment(env_files: &[impl AsRef<Path>], env: &[String], host: &HostEnv) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    for f in env_files {
        out.extend(envfile::read_env_file(f.as_ref(), host).map_err(Error::EnvFile)?);
    }
    for e in env {
        let entries = envfile::entry(e, host).map_err(|reason| Error::EnvEntry {
            entry: e.clone(),
            reason,
        })?;
        out.extend(entries);
    }
    Ok(out)
}

/// A stop signal by name or number (`TERM`, `SIGKILL`, `9`).
pub fn stop_signal(text: &str) -> Result<i32, Error> {
    crate::monitor::signal::parse_signal(text).ok_or_else(|| Error::Signal(text.to_string()))
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
    fn environment_takes_files_first_and_refuses_empty_keys() {
        let dir = std::env::temp_dir().join(format!("ferry-spec-env-{}", std::process::id()));
        std::fs::write(&dir, "A=file\n# comment\nB=2\n").unwrap();
        let host = HostEnv::from_pairs(&[("HOSTVAR", "h")]);
        let env = environment(&[&dir], &strings(&["A=flag", "HOSTVAR", "UNSET"]), &host).unwrap();
        assert_eq!(env, strings(&["A=file", "B=2", "A=flag", "HOSTVAR=h"]));
        for bad in ["", "=x"] {
            let e = environment(&[] as &[&Path], &strings(&[bad]), &host).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("invalid environment variable {bad:?}: the name is empty (expected KEY=VALUE or KEY)")
            );
        }
        let missing = dir.with_extension("missing");
        let e = environment(&[&missing], &[], &host).unwrap_err();
        assert_eq!(e.to_string(), "reading the env file");
        std::fs::remove_file(&dir).unwrap();
    }

    #[test]
    fn stop_signals_by_name_or_number() {
        assert_eq!(stop_signal("TERM").unwrap(), libc::SIGTERM);
        assert_eq!(stop_signal("SIGKILL").unwrap(), libc::SIGKILL);
        for bad in ["", "NOPE", "-1", "99999999999"] {
            assert_eq!(
                stop_signal(bad).unwrap_err().to_string(),
                format!("invalid stop signal {bad:?}")
            );
        }
    }

    #[test]
    fn key_values_refuse_an_empty_key() {
        for bad in ["=x", "", "="] {
            let e = key_values(&strings(&[bad]), "annotation").unwrap_err();
            assert_eq!(e.to_string(), format!("invalid annotation {bad:?}: expected KEY=VALUE"));
        }
    }
}
