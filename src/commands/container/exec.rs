//! `ferry exec` / `ferry container exec`: runs another command in a running container, in all its
//! namespaces and with its security settings. ferry does not enter its own user namespace here:
//! rootless, the container's is joined instead (see `runtime::nsenter`).

use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;

use anyhow::{Context as _, Result, anyhow, bail};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use crate::cli::ExecArgs;
use crate::commands::{Context, ExitStatus};
use crate::runtime::cgroup::Cgroup;
use crate::runtime::exec::{self, Exec, ExecError, ExecSettings, Stdio};
use crate::runtime::launch::{self, SignalProxy};
use crate::runtime::nsenter::Namespaces;
use crate::runtime::rootfs::resolve_user;
use crate::runtime::{envfile, security, tty};
use crate::store::containers::Status;

/// The command cannot be invoked (Podman's and Docker's code).
const CANNOT_INVOKE: ExitStatus = ExitStatus(126);
/// The command was not found.
const NOT_FOUND: ExitStatus = ExitStatus(127);

/// `-e` and `--env-file` entries, in order (files first, as `run`).
fn env_overrides(args: &ExecArgs) -> Result<Vec<String>> {
    let host = envfile::HostEnv::current();
    let mut env = Vec::new();
    for f in &args.env_file {
        env.extend(envfile::read_env_file(f, &host).context("reading the env file")?);
    }
    for e in &args.env {
        let entries = envfile::entry(e, &host)
            .map_err(|reason| anyhow!("invalid environment variable {e:?}: {reason} (expected KEY=VALUE or KEY)"))?;
        env.extend(entries);
    }
    Ok(env)
}

pub fn exec(ctx: &mut Context, args: ExecArgs) -> Result<ExitStatus> {
    let (name, command) = args
        .container_and_command
        .split_first()
        .ok_or_else(|| anyhow!("a container and a command are required"))?;
    if command.is_empty() {
        bail!("a command is required after the container");
    }
    let env = env_overrides(&args)?;
    let store = ctx.store()?.clone();
    let containers = store.containers();
    let rec = containers.lookup(name)?;
    let state = containers.refresh(&rec)?;
    let pid = match (state.status, state.pid) {
        (Status::Running, Some(pid)) => pid,
        _ => bail!("can only create exec sessions on running containers: container state improper"),
    };
    let namespaces = Namespaces::open(pid, state.pid_start)
        .with_context(|| format!("joining container {}", &rec.id[..12]))
        .map_err(|e| {
            if containers.refresh(&rec).is_ok_and(|s| s.status != Status::Running) {
                anyhow!("can only create exec sessions on running containers: container state improper")
            } else {
                e
            }
        })?;
    crate::commands::debug(&format!(
        "joining the namespaces of process {pid}: {}",
        namespaces.kinds().collect::<Vec<_>>().join(", ")
    ));
    let container_spec = crate::engine::container::read_spec(&store, &rec.id)?;
    // Names resolve through the container's files as they are now, seen through its init's root.
    let user = match &args.user {
        Some(u) => Some(resolve_user(&[PathBuf::from(format!("/proc/{pid}/root"))], u)?),
        None => None,
    };
    let settings = ExecSettings {
        args: command.to_vec(),
        env,
        user,
        workdir: args.workdir.clone(),
        privileged: args.privileged,
        terminal: args.tty && !args.detach,
    };
    let spec = exec::exec_spec(&container_spec, &settings)?;
    let cache = store.root().join("cache");
    std::fs::create_dir_all(&cache).with_context(|| format!("creating {}", cache.display()))?;
    let security = security::prepare(&spec, &cache).context("preparing the security settings")?;
    if args.tty && args.detach {
        crate::commands::warn("a detached exec gets no terminal: its output is discarded");
    }
    // What ferry holds of the exec's streams while it runs.
    enum Ours {
        Detached,
        Terminal(UnixStream, tty::DetachKeys),
        Pipes((OwnedFd, OwnedFd), Option<OwnedFd>),
    }
    let (ours, stdio) = if args.detach {
        (Ours::Detached, Stdio::Null)
    } else if args.tty {
        let keys = tty::DetachKeys::parse(args.detach_keys.as_deref().unwrap_or(tty::DEFAULT_DETACH_KEYS))?;
        let (ours, theirs) = UnixStream::pair().context("creating the terminal socket")?;
        let size = tty::get_size(std::io::stdin().as_fd()).or_else(|| tty::get_size(std::io::stdout().as_fd()));
        (
            Ours::Terminal(ours, keys),
            Stdio::Terminal {
                socket: theirs.into(),
                size,
            },
        )
    } else {
        // Pipes that ferry relays: the exec never holds the caller's descriptors.
        let (readers, writers) = crate::monitor::output_pipes()?;
        let (stdin, input) = if args.interactive {
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
    };
    let cgroup = Cgroup::open(&state.cgroups, ctx.engine.host.rootless)
        .with_context(|| format!("joining the cgroup of container {}", &rec.id[..12]))?;
    let request = Exec {
        namespaces: &namespaces,
        spec: &spec,
        security: &security,
        stdio,
        detach: args.detach,
        cgroup: cgroup.as_ref(),
    };
    let started = exec::spawn(&request);
    // Closes ferry's copies of the command's ends of the terminal socket and pipes.
    drop(request);
    let pid = match started {
        Ok(pid) => pid,
        Err(e @ ExecError::NotFound { .. }) => {
            eprintln!("Error: {e}: OCI runtime attempted to invoke a command that was not found");
            return Ok(NOT_FOUND);
        }
        Err(e @ ExecError::CannotExecute { .. }) => {
            eprintln!("Error: {e}: OCI permission denied");
            return Ok(CANNOT_INVOKE);
        }
        Err(e) => return Err(anyhow!(e).context(format!("exec in container {}", &rec.id[..12]))),
    };
    match (ours, pid) {
        (Ours::Terminal(socket, keys), Some(pid)) => relay_terminal(pid, &socket, keys, args.interactive),
        (Ours::Pipes(pipes, input), Some(pid)) => {
            let proxy = SignalProxy::install(pid)?;
            let (out, err) = (std::io::stdout(), std::io::stderr());
            let pumped = crate::monitor::pump(pid, pipes, input, None, Some((out.as_fd(), err.as_fd())));
            let code = launch::reap_exit(pid)?;
            drop(proxy);
            pumped.context("relaying the exec's input and output")?;
            Ok(ExitStatus(code))
        }
        // Detached: the command runs on its own (spawn returns its pid only in the foreground).
        _ => Ok(ExitStatus::SUCCESS),
    }
}

/// Hands a detached exec session's terminal to a small process of its own (in its own session,
/// re-parented away from ferry) that drains the output until the session's last process closes
/// the terminal, then exits.
fn keep_terminal(master: std::os::fd::OwnedFd) -> Result<()> {
    use std::os::fd::AsRawFd;
    // The exec command is single-threaded; the closure's drop closes `master` here.
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
    })?;
    Ok(())
}

/// `-t`: relays between ferry's terminal (raw while the command runs) and the pty the command
/// got in the container, forwarding signals ferry receives, then waits for the command.
fn relay_terminal(pid: Pid, socket: &UnixStream, keys: tty::DetachKeys, interactive: bool) -> Result<ExitStatus> {
    let master = match tty::recv_fd(socket.as_fd()) {
        Ok(Some(fd)) => fd,
        Ok(None) => bail!("the exec process did not send its terminal"),
        Err(e) => return Err(anyhow!(e).context("receiving the exec's terminal")),
    };
    let raw = if interactive {
        tty::RawTerminal::new(std::io::stdin().as_fd())?
    } else {
        None
    };
    let mut forward = |sig: i32| {
        if let Ok(sig) = Signal::try_from(sig) {
            let _ = kill(pid, sig);
        }
    };
    let mut peer = tty::PtyPeer { master };
    let end = tty::relay(
        &mut peer,
        tty::RelayOptions {
            stdin: interactive,
            tty: true,
            detach_keys: keys,
            on_signal: Some(&mut forward),
        },
    );
    drop(raw);
    match end? {
        // The session goes on without us, as with Podman: someone must keep its terminal open
        // (closing the master would hang it up) and read what it writes (or it blocks).
        tty::RelayEnd::Detached => {
            keep_terminal(peer.master).context("keeping the detached exec session's terminal")?;
            Ok(ExitStatus::SUCCESS)
        }
        _ => Ok(ExitStatus(launch::reap_exit(pid)?)),
    }
}
