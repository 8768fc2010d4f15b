//! Environment entries from `-e` and `--env-file`, as Podman reads them: `NAME=VALUE` (the
//! value kept as written), `NAME` alone takes the host's value (nothing when unset there),
//! `NAME*` alone every host variable whose name starts with `NAME`. In files, leading blanks
//! are dropped and blank lines and `#` comments skipped. Lines are bounded (Podman's reader
//! stops at 64 KiB too), so `--env-file /dev/zero` fails at once instead of filling memory.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The longest line a file of variables may have (that of Go's `bufio.Scanner`, which
/// Podman reads them with).
pub const MAX_LINE: usize = 64 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum EnvFileError {
    #[error("{path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}: the line is longer than {MAX_LINE} bytes")]
    LineTooLong { path: PathBuf, line: usize },
    #[error("{path}:{line}: the line is not UTF-8 text")]
    NotText { path: PathBuf, line: usize },
    #[error("{path}:{line}: invalid environment variable {text:?}: {reason}")]
    Invalid {
        path: PathBuf,
        line: usize,
        text: String,
        reason: &'static str,
    },
}

/// The host's environment, which `NAME` and `NAME*` entries take values from.
#[derive(Debug, Clone, Default)]
pub struct HostEnv(Vec<(String, String)>);

impl HostEnv {
    /// This process's environment (variables that are not text are left out).
    pub fn current() -> HostEnv {
        HostEnv(
            std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .collect(),
        )
    }

    pub fn from_pairs(pairs: &[(&str, &str)]) -> HostEnv {
        HostEnv(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// One entry (a `-e` value or a file's line, leading blanks removed): the `NAME=VALUE`
/// strings it stands for, or why it is invalid.
pub fn entry(raw: &str, host: &HostEnv) -> Result<Vec<String>, &'static str> {
    if raw.contains('\0') {
        return Err("it contains a NUL byte");
    }
    match raw.split_once('=') {
        Some(("", _)) => Err("the name is empty"),
        Some(_) => Ok(vec![raw.to_string()]),
        None if raw.is_empty() => Err("the name is empty"),
        None => match raw.strip_suffix('*') {
            Some(prefix) => Ok(host
                .0
                .iter()
                .filter(|(k, _)| k.starts_with(prefix))
                .map(|(k, v)| format!("{k}={v}"))
                .collect()),
            None => Ok(host.get(raw).map(|v| vec![format!("{raw}={v}")]).unwrap_or_default()),
        },
    }
}

/// The lines of the file at `path` (numbered from 1, without their end: `\n` or `\r\n`),
/// each at most [`MAX_LINE`] bytes.
pub fn read_lines(path: &Path) -> Result<Vec<(usize, String)>, EnvFileError> {
    let read_err = |source| EnvFileError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_err)?;
    lines_of(BufReader::new(file), path)
}

fn lines_of(mut reader: impl BufRead, path: &Path) -> Result<Vec<(usize, String)>, EnvFileError> {
    let mut out = Vec::new();
    let mut buf = Vec::new();
    for number in 1.. {
        buf.clear();
        let n = reader
            .by_ref()
            .take(MAX_LINE as u64 + 2)
            .read_until(b'\n', &mut buf)
            .map_err(|source| EnvFileError::Read {
                path: path.to_path_buf(),
                source,
            })?;
        if n == 0 {
            break;
        }
        if buf.last() == Some(&b'\n') {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        }
        if buf.len() > MAX_LINE {
            return Err(EnvFileError::LineTooLong {
                path: path.to_path_buf(),
                line: number,
            });
        }
        let text = String::from_utf8(std::mem::take(&mut buf)).map_err(|_| EnvFileError::NotText {
            path: path.to_path_buf(),
            line: number,
        })?;
        out.push((number, text));
    }
    Ok(out)
}

/// The entries of an env file.
pub fn read_env_file(path: &Path, host: &HostEnv) -> Result<Vec<String>, EnvFileError> {
    parse(read_lines(path)?, path, host)
}

fn parse(lines: Vec<(usize, String)>, path: &Path, host: &HostEnv) -> Result<Vec<String>, EnvFileError> {
    let mut out = Vec::new();
    for (number, line) in lines {
        let l = line.trim_start_matches([' ', '\t']);
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        out.extend(entry(l, host).map_err(|reason| EnvFileError::Invalid {
            path: path.to_path_buf(),
            line: number,
            text: l.to_string(),
            reason,
        })?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host() -> HostEnv {
        HostEnv::from_pairs(&[("HOME", "/h"), ("LC_ALL", "C"), ("LC_TIME", "x"), ("EMPTY", "")])
    }

    fn file(text: &[u8]) -> Result<Vec<String>, EnvFileError> {
        let p = Path::new("vars.env");
        parse(lines_of(text, p)?, p, &host())
    }

    #[test]
    fn podman_rules() {
        let f = file(b"# comment\n\n   \n\tA=b=c\n  HOME\nUNSET\nLC_*\nSP= x \nQ=\"q\"\r\nEMPTY\nE=\n").unwrap();
        assert_eq!(
            f,
            [
                "A=b=c",
                "HOME=/h",
                "LC_ALL=C",
                "LC_TIME=x",
                "SP= x ",
                "Q=\"q\"",
                "EMPTY=",
                "E="
            ]
        );
        // No newline at the end; a lone `#` after blanks is a comment.
        assert_eq!(file(b"  # x\nK=v").unwrap(), ["K=v"]);
        assert_eq!(file(b"").unwrap(), Vec::<String>::new());
        assert_eq!(entry("K", &host()).unwrap(), Vec::<String>::new());
        assert_eq!(entry("HOME", &host()).unwrap(), ["HOME=/h"]);
        assert_eq!(entry("NOPE*", &host()).unwrap(), Vec::<String>::new());
        // As Podman: `*` alone is every host variable.
        assert_eq!(entry("*", &host()).unwrap().len(), 4);
    }

    #[test]
    fn hostile_lines() {
        let e = file(b"A=1\n=bad\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "vars.env:2: invalid environment variable \"=bad\": the name is empty"
        );
        for (text, want) in [
            (&b"  =x\n"[..], "the name is empty"),
            (b"A=b\0c\n", "NUL byte"),
            (b"A=\xff\n", "not UTF-8"),
        ] {
            let e = file(text).unwrap_err().to_string();
            assert!(e.contains(want), "{text:?}: {e}");
        }
        // /dev/zero: one endless line, refused after MAX_LINE bytes.
        let zeros = std::io::repeat(0).take(10 * MAX_LINE as u64);
        let e = lines_of(BufReader::new(zeros), Path::new("/dev/zero")).unwrap_err();
        assert_eq!(e.to_string(), "/dev/zero:1: the line is longer than 65536 bytes");
        // The longest line is fine, with either line end.
        let mut ok = vec![b'A', b'='];
        ok.resize(MAX_LINE, b'v');
        for end in [&b"\n"[..], b"\r\n", b""] {
            let mut t = ok.clone();
            t.extend_from_slice(end);
            assert_eq!(file(&t).unwrap()[0].len(), MAX_LINE);
        }
        let mut long = ok.clone();
        long.push(b'v');
        assert!(matches!(file(&long), Err(EnvFileError::LineTooLong { line: 1, .. })));
    }

    #[test]
    fn the_device_itself() {
        let e = read_env_file(Path::new("/dev/zero"), &host()).unwrap_err();
        assert!(matches!(e, EnvFileError::LineTooLong { line: 1, .. }), "{e}");
        let e = read_env_file(Path::new("/nonexistent/env"), &host()).unwrap_err();
        assert!(e.to_string().starts_with("/nonexistent/env: "), "{e}");
    }
}
