//! Running another command in a running container, in all its namespaces and with its security
//! settings ([`exec`]). Rootless, the caller does not enter ferry's user namespace: the
//! container's is joined instead (see `runtime::nsenter`).

use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;

use nix::unistd::Pid;

use super::{RunError, RunResult, read_spec, short};
use crate::engine::Engine;
use crate::monitor::supervise::StartFailure;
use crate::runtime::cgroup::Cgroup;
use crate::runtime::exec::{self as runtime_exec, Exec, ExecSettings, Stdio};
use crate::runtime::launch::{self, SignalProxy};
use crate::runtime::nsenter::Namespaces;
use crate::runtime::rootfs::resolve_user;
use crate::runtime::security;
use crate::runtime::tty::{self, WinSize};
use crate::store::containers::Status;

/// How the exec's streams are connected.
#[derive(Debug, Clone, Copy)]
pub enum ExecIo {
    /// All on /dev/null; the command runs on its own.
    Detached,
    /// A new terminal in the container (of `size`); its master comes back to the caller.
    Terminal { size: Option<WinSize> },
    /// Pipes the caller relays (see [`relay_pipes`]); with `stdin`, one for its input too.
    Pipes { stdin: bool },
}

/// An exec session to start.
#[derive(Debug, Clone)]
pub struct ExecOptions {
    /// The container's name or id (prefix).
    pub container: String,
    pub command: Vec<String>,
    /// `KEY=VALUE` entries added to the container's environment.
    pub env: Vec<String>,
    /// A user name or id, resolved in the container's files as they are now.
    pub user: Option<String>,
    pub workdir: Option<String>,
    pub privileged: bool,
    pub io: ExecIo,
}

/// A started exec session.
pub enum Session {
    /// Detached: the command runs on its own.
    Detached,
    /// With a terminal: the command's pid and its terminal's master.
    Terminal { pid: Pid, master: OwnedFd },
    /// With pipes: the command's pid, the read ends of its stdout and stderr, and the write end
    /// of its stdin.
    Pipes {
        pid: Pid,
        output: (OwnedFd, OwnedFd),
        input: Option<OwnedFd>,
    },
}

const NOT_RUNNING: &str = "can only create exec sessions on running containers: container state improper";

/// Starts an exec session in a running container. `debug` hears which namespaces are joined. A
/// command that cannot be started comes back as [`RunError::Command`] with the code `exec` exits
/// with.
pub fn exec(engine: &mut Engine, opts: &ExecOptions, debug: &mut dyn FnMut(&str)) -> RunResult<Session> {
    let rootless = engine.host.rootless;
    let store = engine.store()?.clone();
    let store = &store;
    let containers = store.containers();
    let rec = containers.lookup(&opts.container)?;
    let state = containers.refresh(&rec)?;
    let pid = match (state.status, state.pid) {
        (Status::Running, Some(pid)) => pid,
        _ => return Err(RunError::NotRunning(NOT_RUNNING.into())),
    };
    let namespaces = Namespaces::open(pid, state.pid_start).map_err(|source| {
        if containers.refresh(&rec).is_ok_and(|s| s.status != Status::Running) {
            RunError::NotRunning(NOT_RUNNING.into())
        } else {
            RunError::Join {
                id: short(&rec.id),
                source,
            }
        }
    })?;
    debug(&format!(
        "joining the namespaces of process {pid}: {}",
        namespaces.kinds().collect::<Vec<_>>().join(", ")
    ));
    let container_spec = read_spec(store, &rec.id)?;
    // Names resolve through the container's files as they are now, seen through its init's root.
    let user = match &opts.user {
        Some(u) => Some(resolve_user(&[PathBuf::from(format!("/proc/{pid}/root"))], u)?),
        None => None,
    };
    let settings = ExecSettings {
        args: opts.command.clone(),
        env: opts.env.clone(),
        user,
        workdir: opts.workdir.clone(),
        privileged: opts.privileged,
        terminal: matches!(opts.io, ExecIo::Terminal { .. }),
    };
    let exec_error = |source| RunError::Exec {
        id: short(&rec.id),
        source,
    };
    let spec = runtime_exec::exec_spec(&container_spec, &settings).map_err(RunError::ExecSetup)?;
    let cache = store.root().join("cache");
    if let Err(source) = std::fs::create_dir_all(&cache) {
        return Err(RunError::CreateDir { path: cache, source });
    }
    let security = security::prepare(&spec, &cache).map_err(RunError::Security)?;
    // What the caller gets of the exec's streams while it runs.
    enum Ours {
        Detached,
        Terminal(UnixStream),
        Pipes((OwnedFd, OwnedFd), Option<OwnedFd>),
    }
    let (ours, stdio) = match opts.io {
        ExecIo::Detached => (Ours::Detached, Stdio::Null),
        ExecIo::Terminal { size } => {
            let (ours, theirs) = UnixStream::pair().map_err(RunError::TerminalSocket)?;
            (
                Ours::Terminal(ours),
                Stdio::Terminal {
                    socket: theirs.into(),
                    size,
                },
            )
        }
        ExecIo::Pipes { stdin } => {
            // Pipes that the caller relays: the exec never holds the caller's descriptors.
            let (readers, writers) = crate::monitor::output_pipes().map_err(RunError::Supervisor)?;
            let (stdin, input) = if stdin {
                let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
                (Some(r), Some(w))
            } else {
                (None, None)
            };
            (
                Ours::Pipes(readers, input),
                Stdio::Pipes {
                    stdin,
                    stdout: writers.0,
                    stderr: writers.1,
                },
            )
        }
    };
    let cgroup = Cgroup::open(&state.cgroups, rootless).map_err(|source| RunError::JoinCgroup {
        id: short(&rec.id),
        source,
    })?;
    let request = Exec {
        namespaces: &namespaces,
        spec: &spec,
        security: &security,
        stdio,
        detach: matches!(opts.io, ExecIo::Detached),
        cgroup: cgroup.as_ref(),
    };
    let started = runtime_exec::spawn(&request);
    // Closes our copies of the command's ends of the terminal socket and pipes.
    drop(request);
    let pid = match started {
        Ok(pid) => pid,
        Err(e) => {
            return Err(match e.exit_report() {
                (crate::monitor::supervise::ENGINE_FAILED, _) => exec_error(e),
                (code, message) => RunError::Command { code, message },
            });
        }
    };
    match (ours, pid) {
        (Ours::Terminal(socket), Some(pid)) => {
            let master = match tty::recv_fd(socket.as_fd()) {
                Ok(Some(fd)) => fd,
                Ok(None) => return Err(RunError::NoTerminal),
                Err(e) => return Err(RunError::ReceiveTerminal(e)),
            };
            Ok(Session::Terminal { pid, master })
        }
        (Ours::Pipes(output, input), Some(pid)) => Ok(Session::Pipes { pid, output, input }),
        // Detached: the command runs on its own (spawn returns its pid only in the foreground).
        _ => Ok(Session::Detached),
    }
}

/// Relays an exec session's pipes (see [`Session::Pipes`]): its stdout and stderr to `stdout`
/// and `stderr`, this process's stdin to its input, forwarding the signals this process gets;
/// returns its exit code once it has exited.
pub fn relay_pipes(
    pid: Pid,
    output: (OwnedFd, OwnedFd),
    input: Option<OwnedFd>,
    stdout: BorrowedFd<'_>,
    stderr: BorrowedFd<'_>,
) -> RunResult<i32> {
    let proxy = SignalProxy::install(pid).map_err(RunError::Process)?;
    let pumped = crate::monitor::pump(pid, output, input, None, Some((stdout, stderr)));
    let code = launch::reap_exit(pid).map_err(RunError::Process)?;
    drop(proxy);
    pumped.map_err(RunError::RelayExec)?;
    Ok(code)
}

/// Waits for an exec session's command to exit (after its terminal was relayed); its code.
pub fn wait(pid: Pid) -> RunResult<i32> {
    launch::reap_exit(pid).map_err(RunError::Process)
}

/// Hands a detached exec session's terminal to a small process of its own (in its own session,
/// re-parented away from the caller) that drains the output until the session's last process
/// closes the terminal, then exits: someone must keep it open (closing the master would hang it
/// up) and read what it writes (or it blocks), as with Podman.
pub fn keep_terminal(master: OwnedFd) -> RunResult<()> {
    use std::os::fd::AsRawFd;
    // The caller is single-threaded; the closure's drop closes `master` here.
    crate::sys::process::spawn_detached(|| {
        // SAFETY: plain descriptor calls on descriptors this process owns.
        unsafe {
            let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
            for fd in 0..3 {
                libc::dup2(null, fd);
            }
        }
        let mut buf = [0u8; 4096];
        // A pty master reads EIO once no process has the terminal open any more.
        // SAFETY: reading into a buffer we own.
        while unsafe { libc::read(master.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) } > 0 {}
        // SAFETY: leaving the forked child without running destructors.
        unsafe { libc::_exit(0) }
    })
    .map_err(|e| RunError::KeepTerminal(e.into()))
}
