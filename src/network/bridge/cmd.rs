//! Running `ip` and `nft` inside a given network namespace (a forked child joins it with setns
//! before exec, so ferry itself never changes namespace).

use std::fs::File;
use std::io::Write;
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{BridgeError, Result};

/// Finds a system tool in the usual directories ($PATH of an unprivileged user may lack sbin).
pub fn program(name: &'static str) -> Result<PathBuf> {
    let path = std::env::var("PATH").unwrap_or_default();
    path.split(':')
        .filter(|d| !d.is_empty())
        .chain(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
        .ok_or(BridgeError::Missing(name))
}

/// A network namespace to run tools in: `None` is ferry's own.
pub type Netns<'a> = Option<&'a File>;

/// Runs `tool args…` in `ns` with `input` on its stdin and returns its output; its stderr
/// becomes the error message.
pub fn run(ns: Netns<'_>, tool: &'static str, args: &[&str], input: &str, what: &str) -> Result<String> {
    let prog = program(tool)?;
    let mut cmd = Command::new(&prog);
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(f) = ns {
        let fd = f.as_raw_fd();
        // SAFETY: only setns, an async-signal-safe system call, runs between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                if libc::setns(fd, libc::CLONE_NEWNET) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let tool_err = |message: String| BridgeError::Tool {
        tool,
        what: what.to_string(),
        message,
    };
    let mut child = cmd.spawn().map_err(|e| tool_err(e.to_string()))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).map_err(|e| tool_err(e.to_string()))?;
    }
    let out = child.wait_with_output().map_err(|e| tool_err(e.to_string()))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(tool_err(String::from_utf8_lossy(&out.stderr).trim().to_string()))
    }
}

/// `ip -batch -` with one command a line.
pub fn ip(ns: Netns<'_>, script: &str, what: &str) -> Result<()> {
    run(ns, "ip", &["-batch", "-"], script, what).map(drop)
}

/// `nft -f -`.
pub fn nft(ns: Netns<'_>, script: &str, what: &str) -> Result<()> {
    run(ns, "nft", &["-f", "-"], script, what).map(drop)
}

/// The interface names of the network namespace of process `pid` (`self` for ferry's own).
pub fn interfaces(pid: &str) -> Vec<String> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/net/dev")).unwrap_or_default();
    parse_dev(&text)
}

fn parse_dev(text: &str) -> Vec<String> {
    text.lines()
        .skip(2)
        .filter_map(|l| l.split_once(':').map(|(n, _)| n.trim().to_string()))
        .filter(|n| !n.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_lines() {
        let text = "Inter-|   Receive\n face |bytes\n    lo: 1 2 3\nferry1: 0 0\n  fv0123: 5\nbogus\n";
        assert_eq!(parse_dev(text), ["lo", "ferry1", "fv0123"]);
        assert!(parse_dev("").is_empty());
    }
}
