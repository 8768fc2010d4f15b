//! `import`: a root filesystem tarball becomes a one-layer image; `--change` instructions
//! (a subset of Containerfile syntax) set its runtime config.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read};

use serde_json::Value;

use super::apply::ApplyOptions;
use super::manifest::{Compression, History, ImageConfig, MEDIA_OCI_CONFIG, Manifest, RunConfig};
use super::unpack::{UnpackError, unpack_layer};
use crate::store::blobs::BlobWriter;
use crate::store::images::{Descriptor, MEDIA_OCI_MANIFEST};
use crate::store::{Digest, Store, StoreError};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ChangeError {
    #[error("invalid change {input:?}: {reason}")]
    Invalid { input: String, reason: String },
    #[error(
        "invalid change {input:?}: unknown or unsupported instruction {instruction:?} (supported: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR)"
    )]
    Unsupported { input: String, instruction: String },
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("reading the tarball: {0}")]
    Read(#[source] io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Unpack(#[from] UnpackError),
}

/// One parsed `--change` instruction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Cmd(Vec<String>),
    Entrypoint(Vec<String>),
    Env(Vec<(String, String)>),
    /// Port keys such as `80/tcp`.
    Expose(Vec<String>),
    Label(Vec<(String, String)>),
    User(String),
    Workdir(String),
    Volume(Vec<String>),
    StopSignal(String),
}

/// Parses `INSTRUCTION value` or `INSTRUCTION=value` (instruction names are case-insensitive).
pub fn parse_change(input: &str) -> Result<Change, ChangeError> {
    let invalid = |reason: &str| ChangeError::Invalid {
        input: input.to_string(),
        reason: reason.to_string(),
    };
    if input.contains('\0') {
        return Err(invalid("NUL character"));
    }
    let trimmed = input.trim_start();
    let end = trimmed
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(trimmed.len());
    let (instr, rest) = trimmed.split_at(end);
    if instr.is_empty() {
        return Err(invalid("expected an instruction such as CMD or ENV"));
    }
    let value = match rest.chars().next() {
        Some(c) if c == '=' || c.is_whitespace() => rest[c.len_utf8()..].trim(),
        None => "",
        Some(_) => {
            return Err(ChangeError::Unsupported {
                input: input.to_string(),
                instruction: trimmed
                    .split(|c: char| c.is_whitespace() || c == '=')
                    .next()
                    .unwrap_or("")
                    .into(),
            });
        }
    };
    let upper = instr.to_ascii_uppercase();
    let known = [
        "CMD",
        "ENTRYPOINT",
        "ENV",
        "EXPOSE",
        "LABEL",
        "USER",
        "WORKDIR",
        "VOLUME",
        "STOPSIGNAL",
    ];
    if !known.contains(&upper.as_str()) {
        return Err(ChangeError::Unsupported {
            input: input.to_string(),
            instruction: instr.to_string(),
        });
    }
    if value.is_empty() {
        return Err(invalid(&format!("{upper} requires a value")));
    }
    Ok(match upper.as_str() {
        "CMD" => Change::Cmd(command(value)),
        "ENTRYPOINT" => Change::Entrypoint(command(value)),
        "ENV" => Change::Env(pairs(value, true).map_err(|r| invalid(&r))?),
        "LABEL" => Change::Label(pairs(value, false).map_err(|r| invalid(&r))?),
        "EXPOSE" => Change::Expose(ports(value).map_err(|r| invalid(&r))?),
        "USER" => Change::User(value.to_string()),
        "WORKDIR" => Change::Workdir(value.to_string()),
        "VOLUME" => {
            let v = match json_array(value) {
                Some(v) => v,
                None => words(value).map_err(|r| invalid(&r))?,
            };
            if v.is_empty() || v.iter().any(|p| p.is_empty()) {
                return Err(invalid("VOLUME requires non-empty paths"));
            }
            Change::Volume(v)
        }
        "STOPSIGNAL" => Change::StopSignal(signal(value).map_err(|r| invalid(&r))?),
        _ => unreachable!("checked against the known list"),
    })
}

/// Exec form (a JSON array of strings) or shell form, as a Containerfile reads them: text that
/// is not a valid JSON array is a shell command.
fn command(value: &str) -> Vec<String> {
    json_array(value).unwrap_or_else(|| vec!["/bin/sh".into(), "-c".into(), value.to_string()])
}

fn json_array(value: &str) -> Option<Vec<String>> {
    if !value.starts_with('[') {
        return None;
    }
    serde_json::from_str::<Vec<String>>(value).ok()
}

/// Splits on whitespace, honouring double and single quotes and backslash escapes.
fn words(s: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some(n) => cur.push(n),
                    None => return Err("trailing backslash".into()),
                }
            }
            '"' | '\'' => {
                in_word = true;
                let quote = c;
                loop {
                    match chars.next() {
                        None => return Err(format!("unterminated {quote} quote")),
                        Some(n) if n == quote => break,
                        Some('\\') if quote == '"' => match chars.next() {
                            Some(n) => cur.push(n),
                            None => return Err(format!("unterminated {quote} quote")),
                        },
                        Some(n) => cur.push(n),
                    }
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        out.push(cur);
    }
    Ok(out)
}

/// `K=V K2="v 2"` pairs, or the legacy `K value with spaces` form.
fn pairs(value: &str, is_env: bool) -> Result<Vec<(String, String)>, String> {
    let what = if is_env { "variable" } else { "label" };
    let ws = words(value)?;
    let Some(first) = ws.first() else {
        return Err(format!("{what} needs a name"));
    };
    if !first.contains('=') {
        if ws.len() < 2 {
            return Err(format!("{what} {first:?} needs a value (K=V or K V)"));
        }
        return Ok(vec![(check_key(first, what)?, ws[1..].join(" "))]);
    }
    let mut out = Vec::new();
    for w in ws {
        let Some((k, v)) = w.split_once('=') else {
            return Err(format!("{w:?} is not of the form K=V"));
        };
        out.push((check_key(k, what)?, v.to_string()));
    }
    Ok(out)
}

fn check_key(k: &str, what: &str) -> Result<String, String> {
    if k.is_empty() {
        return Err(format!("empty {what} name"));
    }
    if what == "variable" && k.contains('=') {
        return Err(format!("{what} name {k:?} contains '='"));
    }
    Ok(k.to_string())
}

/// `80`, `80/tcp`, `53/udp`, `8000-8002/tcp` → `80/tcp`-style keys.
fn ports(value: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for w in value.split_whitespace() {
        let (range, proto) = match w.split_once('/') {
            Some((r, p)) => (r, p.to_ascii_lowercase()),
            None => (w, "tcp".to_string()),
        };
        if !matches!(proto.as_str(), "tcp" | "udp" | "sctp") {
            return Err(format!("invalid protocol in {w:?} (tcp, udp or sctp)"));
        }
        let port = |s: &str| -> Result<u16, String> {
            match s.parse::<u16>() {
                Ok(p) if p > 0 && !s.starts_with('+') => Ok(p),
                _ => Err(format!("invalid port {s:?} in {w:?}")),
            }
        };
        let (lo, hi) = match range.split_once('-') {
            Some((a, b)) => (port(a)?, port(b)?),
            None => {
                let p = port(range)?;
                (p, p)
            }
        };
        if lo > hi {
            return Err(format!("invalid port range {w:?}"));
        }
        for p in lo..=hi {
            out.push(format!("{p}/{proto}"));
        }
    }
    Ok(out)
}

/// A signal name (`SIGTERM`, `TERM`) or number (1-64), as given.
fn signal(value: &str) -> Result<String, String> {
    if let Ok(n) = value.parse::<u32>() {
        return if (1..=64).contains(&n) {
            Ok(value.to_string())
        } else {
            Err(format!("signal number {n} is out of range"))
        };
    }
    let upper = value.to_ascii_uppercase();
    let name = if upper.starts_with("SIG") {
        upper
    } else {
        format!("SIG{upper}")
    };
    let rt = name
        .strip_prefix("SIGRTMIN")
        .or_else(|| name.strip_prefix("SIGRTMAX"))
        .is_some_and(|r| {
            r.is_empty()
                || r.strip_prefix('+')
                    .or_else(|| r.strip_prefix('-'))
                    .is_some_and(|n| n.parse::<u8>().is_ok())
        });
    if rt || name.parse::<nix::sys::signal::Signal>().is_ok() {
        Ok(value.to_string())
    } else {
        Err(format!("unknown signal {value:?}"))
    }
}

/// Applies parsed changes in order, later ones overriding earlier ones.
pub fn apply_changes(config: &mut RunConfig, changes: &[Change]) {
    for c in changes {
        match c {
            Change::Cmd(v) => config.cmd = Some(v.clone()),
            Change::Entrypoint(v) => config.entrypoint = Some(v.clone()),
            Change::Env(kvs) => {
                let env = config.env.get_or_insert_with(Vec::new);
                for (k, v) in kvs {
                    env.retain(|e| e.split_once('=').map_or(e.as_str(), |(ek, _)| ek) != k);
                    env.push(format!("{k}={v}"));
                }
            }
            Change::Expose(ports) => {
                let m = config.exposed_ports.get_or_insert_with(BTreeMap::new);
                for p in ports {
                    m.insert(p.clone(), Value::Object(Default::default()));
                }
            }
            Change::Label(kvs) => {
                let m = config.labels.get_or_insert_with(BTreeMap::new);
                for (k, v) in kvs {
                    m.insert(k.clone(), v.clone());
                }
            }
            Change::User(u) => config.user = Some(u.clone()),
            Change::Workdir(w) => {
                config.working_dir = Some(if w.starts_with('/') {
                    w.clone()
                } else {
                    let base = config.working_dir.as_deref().unwrap_or("/");
                    format!("{}/{w}", base.trim_end_matches('/'))
                })
            }
            Change::Volume(v) => {
                let m = config.volumes.get_or_insert_with(BTreeMap::new);
                for p in v {
                    m.insert(p.clone(), Value::Object(Default::default()));
                }
            }
            Change::StopSignal(s) => config.stop_signal = Some(s.clone()),
        }
    }
}

/// What an import makes of the tarball.
pub struct ImportOptions<'a> {
    pub changes: &'a [Change],
    /// Stored as the history entry's comment.
    pub message: Option<&'a str>,
    /// Full names for the new image.
    pub names: &'a [String],
}

/// Stores a (plain, gzip or zstd) root filesystem tarball as the single layer of a new image
/// and returns the image id. The caller holds the content lock (and, rootless, is inside the
/// user namespace).
pub fn import(
    store: &Store,
    input: &mut dyn Read,
    opts: &ImportOptions,
    apply: &ApplyOptions,
    warnings: &mut Vec<String>,
) -> Result<Digest, ImportError> {
    let mut input = BufReader::with_capacity(256 * 1024, input);
    let compression = Compression::sniff(input.fill_buf().map_err(ImportError::Read)?);
    let mut w = BlobWriter::create(store)?;
    io::copy(&mut input, &mut w).map_err(ImportError::Read)?;
    let blob = w.commit(store, None)?;
    let layer = unpack_layer(store, None, &blob.digest, None, apply, warnings)?;

    let created = crate::sys::now();
    let mut config = ImageConfig::new_for_host(vec![layer.diff_id.clone()]);
    config.created = Some(created.clone());
    let mut run = config.run_config();
    apply_changes(&mut run, opts.changes);
    config.config = Some(run);
    config.history.push(History {
        created: Some(created),
        created_by: Some(format!("/bin/sh -c #(nop) ADD file:{} in / ", layer.diff_id.hex())),
        author: None,
        comment: opts.message.map(str::to_string),
        empty_layer: false,
    });
    let cdata = serde_json::to_vec(&config).expect("config serializes");
    let cinfo = store.blobs().put_bytes(&cdata, None)?;
    let manifest = Manifest::oci(
        Descriptor::new(MEDIA_OCI_CONFIG, cinfo.digest, cinfo.size),
        vec![Descriptor::new(compression.oci_media_type(), blob.digest, blob.size)],
    );
    let mdata = serde_json::to_vec(&manifest).expect("manifest serializes");
    let minfo = store.blobs().put_bytes(&mdata, None)?;
    let id = store.images().add(
        Descriptor::new(MEDIA_OCI_MANIFEST, minfo.digest, minfo.size),
        opts.names,
    )?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }
    fn kv(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn cmd_and_entrypoint_forms() {
        assert_eq!(
            parse_change(r#"CMD ["sh","-c","x"]"#),
            Ok(Change::Cmd(s(&["sh", "-c", "x"])))
        );
        assert_eq!(parse_change(r#"CMD=["/bin/top"]"#), Ok(Change::Cmd(s(&["/bin/top"]))));
        assert_eq!(
            parse_change("cmd echo hi"),
            Ok(Change::Cmd(s(&["/bin/sh", "-c", "echo hi"])))
        );
        assert_eq!(
            parse_change("ENTRYPOINT [\"a\", \"b\"]"),
            Ok(Change::Entrypoint(s(&["a", "b"])))
        );
        // Not a valid JSON array: shell form, as in a Containerfile.
        assert_eq!(
            parse_change("ENTRYPOINT [oops"),
            Ok(Change::Entrypoint(s(&["/bin/sh", "-c", "[oops"])))
        );
        assert_eq!(
            parse_change("CMD=echo a=b"),
            Ok(Change::Cmd(s(&["/bin/sh", "-c", "echo a=b"])))
        );
    }

    #[test]
    fn env_forms() {
        assert_eq!(parse_change("ENV A=1"), Ok(Change::Env(kv(&[("A", "1")]))));
        assert_eq!(parse_change("ENV=A=1"), Ok(Change::Env(kv(&[("A", "1")]))));
        assert_eq!(
            parse_change("ENV A hello world"),
            Ok(Change::Env(kv(&[("A", "hello world")])))
        );
        assert_eq!(
            parse_change(r#"ENV A=1 B="two words" C='x y' D=a\ b E="q\"q""#),
            Ok(Change::Env(kv(&[
                ("A", "1"),
                ("B", "two words"),
                ("C", "x y"),
                ("D", "a b"),
                ("E", "q\"q")
            ])))
        );
        assert_eq!(parse_change("ENV A="), Ok(Change::Env(kv(&[("A", "")]))));
    }

    #[test]
    fn label_expose_and_the_rest() {
        assert_eq!(
            parse_change(r#"LABEL a=b "c d"="e f""#),
            Ok(Change::Label(kv(&[("a", "b"), ("c d", "e f")])))
        );
        assert_eq!(
            parse_change("EXPOSE 80 53/udp 443/TCP 8000-8001"),
            Ok(Change::Expose(s(&[
                "80/tcp", "53/udp", "443/tcp", "8000/tcp", "8001/tcp"
            ])))
        );
        assert_eq!(parse_change("USER 1000:1000"), Ok(Change::User("1000:1000".into())));
        assert_eq!(parse_change("WORKDIR=/srv"), Ok(Change::Workdir("/srv".into())));
        assert_eq!(
            parse_change(r#"VOLUME ["/a", "/b"]"#),
            Ok(Change::Volume(s(&["/a", "/b"])))
        );
        assert_eq!(parse_change("VOLUME /a /b"), Ok(Change::Volume(s(&["/a", "/b"]))));
        assert_eq!(
            parse_change("STOPSIGNAL SIGINT"),
            Ok(Change::StopSignal("SIGINT".into()))
        );
        assert_eq!(parse_change("stopsignal 9"), Ok(Change::StopSignal("9".into())));
        assert_eq!(parse_change("STOPSIGNAL TERM"), Ok(Change::StopSignal("TERM".into())));
        assert_eq!(
            parse_change("STOPSIGNAL SIGRTMIN+3"),
            Ok(Change::StopSignal("SIGRTMIN+3".into()))
        );
    }

    #[test]
    fn hostile_and_invalid_changes() {
        for bad in [
            "",
            "   ",
            "=",
            "CMD",
            "CMD ",
            "ENV",
            "ENV A",
            "ENV =x",
            "ENV A=1 B",
            "ENV A=\"unterminated",
            "ENV A='x",
            "ENV A=x\\",
            "LABEL =v",
            "EXPOSE 0",
            "EXPOSE 65536",
            "EXPOSE 80/icmp",
            "EXPOSE -1",
            "EXPOSE +80",
            "EXPOSE 90-80",
            "EXPOSE abc",
            "VOLUME []",
            "VOLUME [\"\"]",
            "STOPSIGNAL SIGNOPE",
            "STOPSIGNAL SIGRTMINé",
            "STOPSIGNAL SIGRTMIN+",
            "STOPSIGNAL 0",
            "STOPSIGNAL 99999999999999999999",
            "USER a\0b",
            "123 x",
            "CMD\u{0}x",
        ] {
            assert!(parse_change(bad).is_err(), "{bad:?} should be refused");
        }
        for (bad, name) in [
            ("RUN echo", "RUN"),
            ("ONBUILD RUN x", "ONBUILD"),
            ("FROM x", "FROM"),
            ("HEALTHCHECK NONE", "HEALTHCHECK"),
        ] {
            match parse_change(bad) {
                Err(ChangeError::Unsupported { instruction, .. }) => assert_eq!(instruction, name),
                other => panic!("{bad}: {other:?}"),
            }
        }
        let err = parse_change("BOGUS x").unwrap_err().to_string();
        assert!(err.contains("BOGUS"), "{err}");
        let long = format!("ENV A={}", "x".repeat(1 << 20));
        assert!(parse_change(&long).is_ok());
    }

    #[test]
    fn changes_apply_in_order() {
        let mut rc = RunConfig {
            env: Some(s(&["PATH=/bin", "A=0"])),
            ..Default::default()
        };
        let changes: Vec<Change> = [
            "ENV A=1 B=2",
            "EXPOSE 80",
            "LABEL x=y",
            "WORKDIR /srv",
            "WORKDIR app",
            "VOLUME /data",
            "CMD [\"sh\"]",
            "ENTRYPOINT [\"tini\"]",
            "USER nobody",
            "STOPSIGNAL SIGINT",
        ]
        .iter()
        .map(|c| parse_change(c).unwrap())
        .collect();
        apply_changes(&mut rc, &changes);
        assert_eq!(rc.env, Some(s(&["PATH=/bin", "A=1", "B=2"])));
        assert!(rc.exposed_ports.unwrap().contains_key("80/tcp"));
        assert_eq!(rc.labels.unwrap()["x"], "y");
        assert_eq!(rc.working_dir.as_deref(), Some("/srv/app"));
        assert!(rc.volumes.unwrap().contains_key("/data"));
        assert_eq!(rc.cmd, Some(s(&["sh"])));
        assert_eq!(rc.entrypoint, Some(s(&["tini"])));
        assert_eq!(rc.user.as_deref(), Some("nobody"));
        assert_eq!(rc.stop_signal.as_deref(), Some("SIGINT"));
    }
}
