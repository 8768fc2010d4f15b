//! `ferry exec` / `ferry container exec`: runs another command in a running container, in all its
//! namespaces and with its security settings. ferry does not enter its own user namespace here:
//! rootless, the container's is joined instead (see `runtime::nsenter`).

use std::os::fd::AsFd;
use std::os::unix::net::UnixStream;
use std::path::PathBuf;

use anyhow::{Context as _, Result, anyhow, bail};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use super::{Context, ExitStatus};
use crate::cli::ExecArgs;
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
    super::debug(&format!(
        "joining the namespaces of process {pid}: {}",
        namespaces.kinds().collect::<Vec<_>>().join(", ")
    ));
    let container_spec = super::run::read_spec(&store, &rec.id)?;
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
        super::warn("a detached exec gets no terminal: its output is discarded");
    }
    let (terminal, stdio) = if args.detach {
        (None, Stdio::Null)
    } else if args.tty {
        let (ours, theirs) = UnixStream::pair().context("creating the terminal socket")?;
        let size = tty::get_size(std::io::stdin().as_fd()).or_else(|| tty::get_size(std::io::stdout().as_fd()));
        (
            Some(ours),
            Stdio::Terminal {
                socket: theirs.into(),
                size,
            },
        )
    } else if args.interactive {
        (None, Stdio::Inherit)
    } else {
        (None, Stdio::NullInput)
    };
    let detach_keys = match &terminal {
        Some(_) => Some(tty::DetachKeys::parse(
            args.detach_keys.as_deref().unwrap_or(tty::DEFAULT_DETACH_KEYS),
        )?),
        None => None,
    };
    let request = Exec {
        namespaces: &namespaces,
        spec: &spec,
        security: &security,
        stdio,
        detach: args.detach,
    };
    let started = exec::spawn(&request);
    // Closes ferry's copy of the command's end of the terminal socket.
    drop(request);
    let pid = match started {
        Ok(Some(pid)) => pid,
        Ok(None) => return Ok(ExitStatus::SUCCESS),
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
    match (terminal, detach_keys) {
        (Some(socket), Some(keys)) => relay_terminal(pid, &socket, keys, args.interactive),
        _ => {
            let _proxy = SignalProxy::install(pid)?;
            Ok(ExitStatus(launch::reap_exit(pid)?))
        }
    }
}

/// Hands a detached exec session's terminal to a small process of its own (in its own session,
/// re-parented away from ferry) that drains the output until the session's last process closes
/// the terminal, then exits.
fn keep_terminal(master: std::os::fd::OwnedFd) -> Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: fork of the single-threaded exec command; the child only forks again and exits.
    match unsafe { libc::fork() } {
        -1 => return Err(std::io::Error::last_os_error().into()),
        0 => {
            // SAFETY: as above; the grandchild only reads and exits.
            if unsafe { libc::fork() } == 0 {
                let _ = nix::unistd::setsid();
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
            }
            // SAFETY: leaving the forked children without running destructors.
            unsafe { libc::_exit(0) }
        }
        child => while let Err(nix::errno::Errno::EINTR) = nix::sys::wait::waitpid(Pid::from_raw(child), None) {},
    }
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
