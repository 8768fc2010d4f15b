//! Moves the current process into a new user namespace with the rootless id mapping.
//!
//! Rootless ferry enters its user namespace once, early, before any thread exists: from then
//! on it is root over the subordinate ids, so it can create files owned by any mapped id and
//! delete everything in its store. The mapping is written by newuidmap/newgidmap, which must run
//! outside the namespace, so a child forked beforehand runs them.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::process::{Command, Stdio};

use nix::sched::{CloneFlags, unshare};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, Pid, fork, getpid};

use crate::sys::idmap::{IdMapping, IdRange};

#[derive(Debug, thiserror::Error)]
pub enum UsernsError {
    #[error("creating a user namespace: {0}")]
    Unshare(nix::Error),
    #[error("{tool} failed: {message}")]
    MapTool { tool: &'static str, message: String },
    #[error("writing {path}: {source}")]
    WriteMap { path: &'static str, source: std::io::Error },
    #[error("user namespace setup: {0}")]
    Sys(nix::Error),
}

fn pipe() -> Result<(std::fs::File, std::fs::File), UsernsError> {
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(UsernsError::Sys)?;
    Ok((std::fs::File::from(r), std::fs::File::from(w)))
}

fn map_args(pid: Pid, ranges: &[IdRange]) -> Vec<OsString> {
    let mut args = vec![OsString::from(pid.to_string())];
    for r in ranges {
        args.push(r.container.to_string().into());
        args.push(r.host.to_string().into());
        args.push(r.size.to_string().into());
    }
    args
}

/// Root needs no setuid helper: it writes the maps itself.
fn write_maps(pid: Pid, mapping: &IdMapping) -> Result<(), String> {
    for (file, ranges) in [("uid_map", &mapping.uids), ("gid_map", &mapping.gids)] {
        let text: String = ranges.iter().map(|r| format!("{r}\n")).collect();
        std::fs::write(format!("/proc/{pid}/{file}"), text).map_err(|e| format!("writing {file}: {e}"))?;
    }
    Ok(())
}

/// Runs newuidmap and newgidmap side by side (each is a setuid exec: running them one after
/// the other doubles the fixed cost of every rootless command).
fn run_tools(pid: Pid, mapping: &IdMapping) -> Result<(), String> {
    let spawn = |tool: &'static str, ranges: &[IdRange]| {
        Command::new(tool)
            .args(map_args(pid, ranges))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map(|c| (tool, c))
            .map_err(|e| format!("{tool}: {e}"))
    };
    let children = [spawn("newuidmap", &mapping.uids), spawn("newgidmap", &mapping.gids)];
    let mut first_error = None;
    for child in children {
        let result = child.and_then(|(tool, c)| {
            let out = c.wait_with_output().map_err(|e| format!("{tool}: {e}"))?;
            if out.status.success() {
                Ok(())
            } else {
                Err(format!("{tool}: {}", String::from_utf8_lossy(&out.stderr).trim()))
            }
        });
        if let Err(e) = result {
            first_error.get_or_insert(e);
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// Enters a new user namespace with `mapping`. Must be called while the process is
/// single-threaded.
pub fn enter(mapping: &IdMapping) -> Result<(), UsernsError> {
    if mapping.is_single() {
        return enter_single(mapping);
    }
    let me = getpid();
    let (mut go_r, mut go_w) = pipe()?;
    let (mut err_r, mut err_w) = pipe()?;
    // SAFETY: the process is single-threaded here (documented precondition), so the child may
    // run arbitrary code, including spawning the map tools.
    let child = match unsafe { fork() }.map_err(UsernsError::Sys)? {
        ForkResult::Child => {
            drop(go_w);
            drop(err_r);
            let mut b = [0u8; 1];
            let code = match go_r.read(&mut b) {
                Ok(1) => match if nix::unistd::geteuid().is_root() {
                    write_maps(me, mapping)
                } else {
                    run_tools(me, mapping)
                } {
                    Ok(()) => 0,
                    Err(msg) => {
                        let _ = err_w.write_all(msg.as_bytes());
                        1
                    }
                },
                _ => 1,
            };
            // SAFETY: leaving the forked child without running the parent's destructors.
            unsafe { libc::_exit(code) }
        }
        ForkResult::Parent { child } => child,
    };
    drop(go_r);
    drop(err_w);
    let unshared = unshare(CloneFlags::CLONE_NEWUSER);
    if unshared.is_ok() {
        let _ = go_w.write_all(b"1");
    }
    drop(go_w);
    let mut msg = String::new();
    let _ = err_r.read_to_string(&mut msg);
    let status = loop {
        match waitpid(child, None) {
            Err(nix::errno::Errno::EINTR) => continue,
            other => break other.map_err(UsernsError::Sys)?,
        }
    };
    unshared.map_err(UsernsError::Unshare)?;
    match status {
        WaitStatus::Exited(_, 0) => Ok(()),
        _ => Err(UsernsError::MapTool {
            tool: if msg.starts_with("newgidmap") {
                "newgidmap"
            } else {
                "newuidmap"
            },
            message: if msg.is_empty() {
                "the helper process died".into()
            } else {
                msg
            },
        }),
    }
}

fn enter_single(mapping: &IdMapping) -> Result<(), UsernsError> {
    unshare(CloneFlags::CLONE_NEWUSER).map_err(UsernsError::Unshare)?;
    let write = |path: &'static str, data: String| {
        std::fs::write(path, data).map_err(|source| UsernsError::WriteMap { path, source })
    };
    write("/proc/self/setgroups", "deny".into())?;
    write("/proc/self/uid_map", format!("{}\n", mapping.uids[0]))?;
    write("/proc/self/gid_map", format!("{}\n", mapping.gids[0]))?;
    Ok(())
}
