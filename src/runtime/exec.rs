//! Running another process in a running container (`exec`): the exec's spec (the container's,
//! with the exec's command, environment, user and working directory), and the processes that
//! start it.
//!
//! ferry forks a helper that joins the container's namespaces (see `nsenter`) and takes on the
//! exec's identity, limits and security settings, all outside the container's PID namespace
//! (joining one only applies to children) and not dumpable from before it joins anything. It
//! then executes the sealed exec stub (see `stub`), which creates the process in the container:
//! in the foreground a sibling (CLONE_PARENT) that is ferry's own child, so that ferry waits for
//! it and forwards signals to it directly; detached a grandchild whose parent exits at once, so
//! that the container's init adopts it. Either way the new process is in a session of its own
//! and nothing of ferry (its binary, memory or the caller's environment) is ever in the
//! container's PID namespace. Failures before exec come back over a close-on-exec pipe, in the
//! container init's encoding (`process::InitFailure`).

use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};

use nix::errno::Errno;
use nix::sys::wait::waitpid;
use nix::unistd::Pid;
use oci_spec::runtime::{Capability, LinuxCapabilitiesBuilder, Spec};

use super::launch::errno_text;
use super::nsenter::Namespaces;
use super::process::{self, InitFailure};
use super::security::Prepared;
use super::spec::{self, ResolvedUser, SpecOptions};
use super::stub;
use super::tty::{self, WinSize};

#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    #[error("the container's runtime spec has no process")]
    NoProcess,
    #[error("building the exec's capabilities: {0}")]
    Spec(#[from] oci_spec::OciSpecError),
    #[error("{what}: {}", errno.desc())]
    Sys { what: &'static str, errno: Errno },
    #[error("{message}{}", errno_text(*errno))]
    Setup { message: String, errno: i32 },
    #[error("executable file `{command}` not found in $PATH: No such file or directory")]
    NotFound { command: String },
    #[error("{command}: cannot execute: {}", Errno::from_raw(*errno).desc())]
    CannotExecute { command: String, errno: i32 },
}

fn sys(what: &'static str) -> impl Fn(Errno) -> ExecError {
    move |errno| ExecError::Sys { what, errno }
}

/// What the exec changes in the container's process.
#[derive(Debug, Clone, Default)]
pub struct ExecSettings {
    pub args: Vec<String>,
    /// `KEY=VALUE` entries that override the container's environment, in order.
    pub env: Vec<String>,
    /// `-u`, resolved in the container's files; `None` keeps the container's user.
    pub user: Option<ResolvedUser>,
    /// `-w`; `None` keeps the container's working directory.
    pub workdir: Option<String>,
    /// Every capability and no seccomp filter.
    pub privileged: bool,
    /// `-t`: the process gets a terminal (recorded in the spec's `terminal`).
    pub terminal: bool,
}

fn key(entry: &str) -> &str {
    entry.split_once('=').map_or(entry, |(k, _)| k)
}

/// The spec of an exec: the container's, with the exec's settings in its process.
pub fn exec_spec(container: &Spec, settings: &ExecSettings) -> Result<Spec, ExecError> {
    let mut spec = container.clone();
    let mut process = spec.process().clone().ok_or(ExecError::NoProcess)?;
    process.set_args(Some(settings.args.clone()));
    process.set_terminal(Some(settings.terminal));
    let mut env = process.env().clone().unwrap_or_default();
    if let Some(user) = &settings.user {
        let mut u = process.user().clone();
        u.set_uid(user.uid);
        u.set_gid(user.gid);
        u.set_additional_gids(Some(user.additional_gids.clone()));
        u.set_username(user.name.clone());
        process.set_user(u);
        // The exec's user has its own home, unless the command line sets HOME.
        if let Some(home) = user.home.as_deref().filter(|h| !h.is_empty())
            && !settings.env.iter().any(|e| key(e) == "HOME")
        {
            env.retain(|e| key(e) != "HOME");
            env.push(format!("HOME={home}"));
        }
    }
    for e in &settings.env {
        env.retain(|o| key(o) != key(e));
        env.push(e.clone());
    }
    // As Podman: a terminal without a type set gets xterm's.
    if settings.terminal && !env.iter().any(|e| key(e) == "TERM") {
        env.push("TERM=xterm".into());
    }
    process.set_env(Some(env));
    if let Some(w) = &settings.workdir {
        process.set_cwd(w.into());
    }
    let root = process.user().uid() == 0;
    if settings.privileged || settings.user.is_some() {
        let bounding: Vec<Capability> = if settings.privileged {
            spec::capabilities(&SpecOptions {
                privileged: true,
                ..SpecOptions::default()
            })
            .unwrap_or_default()
            .into_iter()
            .collect()
        } else {
            process
                .capabilities()
                .as_ref()
                .and_then(|c| c.bounding().clone())
                .unwrap_or_default()
                .into_iter()
                .collect()
        };
        // As at create: a non-root process starts with no effective capabilities, only the bounding set.
        let running: Vec<Capability> = if root { bounding.clone() } else { Vec::new() };
        process.set_capabilities(Some(
            LinuxCapabilitiesBuilder::default()
                .bounding(bounding.into_iter().collect::<std::collections::HashSet<_>>())
                .effective(running.iter().copied().collect::<std::collections::HashSet<_>>())
                .permitted(running.into_iter().collect::<std::collections::HashSet<_>>())
                .inheritable(std::collections::HashSet::new())
                .ambient(std::collections::HashSet::new())
                .build()?,
        ));
    }
    spec.set_process(Some(process));
    if settings.privileged
        && let Some(mut linux) = spec.linux().clone()
    {
        linux.set_seccomp(None);
        spec.set_linux(Some(linux));
    }
    Ok(spec)
}

/// Where the exec's standard streams come from.
#[derive(Debug)]
pub enum Stdio {
    /// Pipes to ferry, which relays them: the read end of the stdin pipe (`-i`; `None` reads
    /// /dev/null) and the write ends of the stdout and stderr pipes.
    Pipes {
        stdin: Option<OwnedFd>,
        stdout: OwnedFd,
        stderr: OwnedFd,
    },
    /// All three on /dev/null (detached).
    Null,
    /// A new terminal in the container: its master goes over `socket` (see
    /// `tty::console_in_root`), the slave becomes the process's stdio and controlling terminal.
    Terminal { socket: OwnedFd, size: Option<WinSize> },
}

/// An exec to start.
pub struct Exec<'a> {
    pub namespaces: &'a Namespaces,
    /// The exec's spec (see [`exec_spec`]).
    pub spec: &'a Spec,
    /// `security::prepare` of that spec.
    pub security: &'a Prepared,
    pub stdio: Stdio,
    /// Leave the process running as a child of the container's init.
    pub detach: bool,
    /// The container's cgroup, which the exec's processes join before its namespaces.
    pub cgroup: Option<&'a super::cgroup::Cgroup>,
}

fn pipe() -> Result<(std::fs::File, std::fs::File), ExecError> {
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(sys("creating a pipe"))?;
    Ok((r.into(), w.into()))
}

/// Reaps a child that is known to have exited or to be exiting.
fn reap(pid: Pid) {
    while let Err(Errno::EINTR) = waitpid(pid, None) {}
}

/// Starts the exec and returns once its command runs: in the foreground, its pid (a child of
/// the caller, to wait for with `launch::reap_exit`), detached `None`. The caller must be
/// single-threaded.
pub fn spawn(exec: &Exec<'_>) -> Result<Option<Pid>, ExecError> {
    let stub = stub::sealed().map_err(|e| ExecError::Setup {
        message: e.to_string(),
        errno: 0,
    })?;
    let (mut err_r, err_w) = pipe()?;
    let (mut pid_r, pid_w) = pipe()?;
    let null = match &exec.stdio {
        Stdio::Null | Stdio::Pipes { stdin: None, .. } => Some(
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/null")
                .map(OwnedFd::from)
                .map_err(|e| ExecError::Sys {
                    what: "opening /dev/null",
                    errno: Errno::from_raw(e.raw_os_error().unwrap_or(libc::EIO)),
                })?,
        ),
        _ => None,
    };
    // The caller is single-threaded; the child only runs `helper`, which ends in exec or _exit.
    let helper_pid = match super::cgroup::clone_into(exec.cgroup, libc::SIGCHLD as u64) {
        Err(e) => return Err(sys("forking the exec helper")(e)),
        Ok(s) if s.pid == 0 => {
            drop(err_r);
            drop(pid_r);
            helper(exec, s, stub.as_fd(), null.as_ref(), err_w, pid_w)
        }
        Ok(s) => Pid::from_raw(s.pid),
    };
    drop(err_w);
    drop(pid_w);
    drop(null);
    let mut raw = Vec::new();
    let _ = pid_r.read_to_end(&mut raw);
    let command = <[u8; 4]>::try_from(raw.as_slice())
        .ok()
        .map(|b| Pid::from_raw(i32::from_le_bytes(b)));
    let mut data = Vec::new();
    let _ = err_r.read_to_end(&mut data);
    reap(helper_pid);
    let Some(failure) = InitFailure::decode(&data) else {
        return match (exec.detach, command) {
            (true, _) => Ok(None),
            (false, Some(pid)) => Ok(Some(pid)),
            (false, None) => Err(ExecError::Setup {
                message: "the exec helper exited without starting the command".into(),
                errno: 0,
            }),
        };
    };
    if let Some(pid) = command {
        reap(pid);
    }
    Err(match failure {
        InitFailure::Setup { message, errno } => ExecError::Setup { message, errno },
        InitFailure::NotFound { command } => ExecError::NotFound { command },
        InitFailure::CannotExecute { command, errno } => ExecError::CannotExecute { command, errno },
    })
}

fn setup(what: &str) -> impl Fn(Errno) -> InitFailure + '_ {
    move |e| InitFailure::Setup {
        message: what.to_string(),
        errno: e as i32,
    }
}

/// Not dumpable: /proc/PID/{exe,mem,environ,fd} of this process stay closed to the container's
/// processes (and to anyone without CAP_SYS_PTRACE over ferry's user namespace). Joining a user
/// namespace and changing ids reset it to fs.suid_dumpable, so it is set again after each.
fn not_dumpable() {
    // SAFETY: prctl with integer arguments.
    unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) };
}

/// The forked helper: joins the namespaces, becomes the exec's process in every respect but
/// the PID namespace, then executes the stub, which creates the process inside it.
fn helper(
    exec: &Exec<'_>,
    spawned: super::cgroup::Spawned,
    stub: BorrowedFd<'_>,
    null: Option<&OwnedFd>,
    mut err_w: std::fs::File,
    pid_w: std::fs::File,
) -> ! {
    let Err(failure) = prepare(exec, &spawned, stub, null, &err_w, &pid_w);
    let _ = err_w.write_all(&failure.encode());
    // SAFETY: leaving the forked helper without running the parent's destructors.
    unsafe { libc::_exit(1) }
}

fn dup_onto(fd: RawFd, targets: &[i32]) -> Result<(), InitFailure> {
    for t in targets {
        // SAFETY: dup2 of a descriptor we hold onto a standard stream.
        if unsafe { libc::dup2(fd, *t) } < 0 {
            return Err(setup("redirecting the standard streams")(Errno::last()));
        }
    }
    Ok(())
}

/// The helper's work, in the container's namespaces: stdio, identity, working directory,
/// security settings, then the stub.
fn prepare(
    exec: &Exec<'_>,
    spawned: &super::cgroup::Spawned,
    stub: BorrowedFd<'_>,
    null: Option<&OwnedFd>,
    err_w: &std::fs::File,
    pid_w: &std::fs::File,
) -> Result<std::convert::Infallible, InitFailure> {
    not_dumpable();
    // The cgroup first: its namespace (joined below) would hide it.
    spawned.settle(exec.cgroup).map_err(|e| setup(e.what)(e.errno))?;
    exec.namespaces.join().map_err(|e| InitFailure::Setup {
        message: e.to_string(),
        errno: 0,
    })?;
    not_dumpable();
    let spec = exec.spec;
    let process = spec
        .process()
        .as_ref()
        .ok_or_else(|| setup("the spec has no process")(Errno::EINVAL))?;
    let null = null.map(|n| n.as_raw_fd());
    let mut terminal = false;
    match &exec.stdio {
        Stdio::Null => dup_onto(null.unwrap_or(-1), &[0, 1, 2])?,
        Stdio::Pipes { stdin, stdout, stderr } => {
            dup_onto(stdin.as_ref().map(|f| f.as_raw_fd()).or(null).unwrap_or(-1), &[0])?;
            dup_onto(stdout.as_raw_fd(), &[1])?;
            dup_onto(stderr.as_raw_fd(), &[2])?;
        }
        Stdio::Terminal { socket, size } => {
            // The stub makes it the controlling terminal of the command's new session.
            let slave = tty::console_in_root(socket.as_fd(), *size, Some(process.user().uid())).map_err(|e| {
                InitFailure::Setup {
                    message: e.to_string(),
                    errno: 0,
                }
            })?;
            dup_onto(slave.as_raw_fd(), &[0, 1, 2])?;
            terminal = true;
        }
    }
    process::set_rlimits(spec)?;
    process::set_identity(spec, exec.security)?;
    not_dumpable();
    let cwd = process.cwd().to_string_lossy().into_owned();
    nix::unistd::chdir(cwd.as_str()).map_err(|e| InitFailure::Setup {
        message: format!("chdir to `{cwd}`"),
        errno: e as i32,
    })?;
    let args = process.args().clone().unwrap_or_default();
    let env = process.env().clone().unwrap_or_default();
    let cmd = args.first().ok_or_else(|| setup("no command")(Errno::EINVAL))?;
    let path = process::lookup(cmd, &env)?;
    let c_path = std::ffi::CString::new(std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()))
        .map_err(|_| setup("NUL in the command")(Errno::EINVAL))?;
    let c_args = process::cstrings(&args)?;
    let c_env = process::cstrings(&env)?;
    exec.security.apply().map_err(|e| InitFailure::Setup {
        message: e.to_string(),
        errno: 0,
    })?;
    // Descriptors ferry inherited must not leak into the container.
    // SAFETY: close_range with CLOSE_RANGE_CLOEXEC only sets flags on this process's descriptors.
    unsafe { libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, libc::CLOSE_RANGE_CLOEXEC) };
    let (mode, keep) = if exec.detach {
        (stub::Mode::Detached, vec![err_w.as_raw_fd()])
    } else {
        (
            stub::Mode::Sibling {
                pid_fd: pid_w.as_raw_fd(),
                terminal,
            },
            vec![err_w.as_raw_fd(), pid_w.as_raw_fd()],
        )
    };
    let argv = stub::argv(mode, err_w.as_raw_fd(), &c_path, &c_args);
    let errno = stub::exec(stub, &keep, &argv, &c_env);
    Err(setup("executing the exec's init (ferry-init)")(errno))
}

#[cfg(test)]
mod tests {
    use super::*;
    use oci_spec::runtime::{LinuxSeccomp, ProcessBuilder, UserBuilder};

    fn container() -> Spec {
        let caps: std::collections::HashSet<Capability> = [Capability::Kill, Capability::Chown].into_iter().collect();
        let mut spec = Spec::default();
        spec.set_process(Some(
            ProcessBuilder::default()
                .args(vec!["sleep".to_string(), "100".to_string()])
                .env(vec![
                    "PATH=/bin".to_string(),
                    "HOME=/root".to_string(),
                    "A=1".to_string(),
                ])
                .cwd("/srv")
                .user(UserBuilder::default().uid(0u32).gid(0u32).build().unwrap())
                .capabilities(
                    LinuxCapabilitiesBuilder::default()
                        .bounding(caps.clone())
                        .effective(caps.clone())
                        .permitted(caps)
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        ));
        let mut linux = spec.linux().clone().unwrap_or_default();
        linux.set_seccomp(Some(LinuxSeccomp::default()));
        spec.set_linux(Some(linux));
        spec
    }

    fn env(spec: &Spec) -> Vec<String> {
        spec.process().as_ref().unwrap().env().clone().unwrap()
    }

    #[test]
    fn defaults_keep_the_container_settings() {
        let c = container();
        let s = exec_spec(
            &c,
            &ExecSettings {
                args: vec!["ls".into()],
                ..Default::default()
            },
        )
        .unwrap();
        let p = s.process().as_ref().unwrap();
        assert_eq!(p.args().as_deref(), Some(&["ls".to_string()][..]));
        assert_eq!(p.cwd().to_str(), Some("/srv"));
        assert_eq!(env(&s), env(&c));
        assert_eq!(p.capabilities(), c.process().as_ref().unwrap().capabilities());
        assert!(s.linux().as_ref().unwrap().seccomp().is_some());
    }

    #[test]
    fn env_overrides_by_key_and_user_home() {
        let s = exec_spec(
            &container(),
            &ExecSettings {
                args: vec!["env".into()],
                env: vec!["A=2".into(), "B=x=y".into()],
                user: Some(ResolvedUser {
                    uid: 33,
                    gid: 33,
                    additional_gids: vec![2000],
                    name: Some("www-data".into()),
                    home: Some("/var/www".into()),
                }),
                workdir: Some("/tmp".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(env(&s), ["PATH=/bin", "HOME=/var/www", "A=2", "B=x=y"]);
        let p = s.process().as_ref().unwrap();
        assert_eq!((p.user().uid(), p.user().gid()), (33, 33));
        assert_eq!(p.user().additional_gids().as_deref(), Some(&[2000][..]));
        assert_eq!(p.cwd().to_str(), Some("/tmp"));
        // Not root: no effective capabilities, the container's bounding set.
        let caps = p.capabilities().as_ref().unwrap();
        assert_eq!(caps.effective().as_ref().map(|e| e.len()), Some(0));
        assert_eq!(caps.bounding().as_ref().map(|e| e.len()), Some(2));
        // An explicit HOME wins over the user's.
        let s = exec_spec(
            &container(),
            &ExecSettings {
                env: vec!["HOME=/h".into()],
                user: Some(ResolvedUser {
                    home: Some("/var/www".into()),
                    ..Default::default()
                }),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(env(&s), ["PATH=/bin", "A=1", "HOME=/h"]);
    }

    #[test]
    fn privileged_drops_seccomp_and_widens_capabilities() {
        let s = exec_spec(
            &container(),
            &ExecSettings {
                privileged: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert!(s.linux().as_ref().unwrap().seccomp().is_none());
        let caps = s.process().as_ref().unwrap().capabilities().clone().unwrap();
        assert!(caps.bounding().as_ref().unwrap().len() >= 2);
        assert_eq!(caps.effective(), caps.bounding());
    }

    #[test]
    fn a_terminal_gets_a_term_unless_set() {
        let with = |env: Vec<String>| {
            let s = exec_spec(
                &container(),
                &ExecSettings {
                    env,
                    terminal: true,
                    ..Default::default()
                },
            )
            .unwrap();
            self::env(&s)
        };
        assert_eq!(with(vec![]), ["PATH=/bin", "HOME=/root", "A=1", "TERM=xterm"]);
        assert_eq!(
            with(vec!["TERM=vt100".into()]),
            ["PATH=/bin", "HOME=/root", "A=1", "TERM=vt100"]
        );
    }
}
