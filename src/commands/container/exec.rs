//! `ferry exec` / `ferry container exec`: runs another command in a running container (see
//! `engine::container::exec`), relaying its terminal or its pipes.

use std::os::fd::{AsFd, OwnedFd};

use anyhow::{Result, anyhow, bail};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use crate::cli::ExecArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container::exec::{self as engine, ExecIo, ExecOptions, Session};
use crate::runtime::envfile::HostEnv;
use crate::runtime::tty;

pub fn exec(ctx: &mut Context, args: ExecArgs) -> Result<ExitStatus> {
    let (name, command) = args
        .container_and_command
        .split_first()
        .ok_or_else(|| anyhow!("a container and a command are required"))?;
    if command.is_empty() {
        bail!("a command is required after the container");
    }
    let env = crate::spec::environment(&args.env_file, &args.env, &HostEnv::current())?;
    let keys = if args.tty && !args.detach {
        Some(tty::DetachKeys::parse(
            args.detach_keys.as_deref().unwrap_or(tty::DEFAULT_DETACH_KEYS),
        )?)
    } else {
        None
    };
    let io = if args.detach {
        ExecIo::Detached
    } else if args.tty {
        ExecIo::Terminal {
            size: super::terminal_size(),
        }
    } else {
        ExecIo::Pipes {
            stdin: args.interactive,
        }
    };
    let opts = ExecOptions {
        container: name.clone(),
        command: command.to_vec(),
        env,
        user: args.user.clone(),
        workdir: args.workdir.clone(),
        privileged: args.privileged,
        io,
    };
    let session = match engine::exec(&mut ctx.engine, &opts, &mut |m: &str| crate::commands::debug(m)) {
        Ok(session) => session,
        Err(e) => return super::start_failed(e),
    };
    if args.tty && args.detach {
        crate::commands::warn("a detached exec gets no terminal: its output is discarded");
    }
    match (session, keys) {
        (Session::Terminal { pid, master }, Some(keys)) => relay_terminal(pid, master, keys, args.interactive),
        (Session::Pipes { pid, output, input }, _) => {
            let (out, err) = (std::io::stdout(), std::io::stderr());
            Ok(ExitStatus(engine::relay_pipes(
                pid,
                output,
                input,
                out.as_fd(),
                err.as_fd(),
            )?))
        }
        _ => Ok(ExitStatus::SUCCESS),
    }
}

/// `-t`: relays between ferry's terminal (raw while the command runs) and the pty the command
/// got in the container, forwarding signals ferry receives, then waits for the command.
fn relay_terminal(pid: Pid, master: OwnedFd, keys: tty::DetachKeys, interactive: bool) -> Result<ExitStatus> {
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
        // The session goes on without us (see `engine::container::exec::keep_terminal`).
        tty::RelayEnd::Detached => {
            engine::keep_terminal(peer.master)?;
            Ok(ExitStatus::SUCCESS)
        }
        _ => Ok(ExitStatus(engine::wait(pid)?)),
    }
}
