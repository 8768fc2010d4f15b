//! `ferry attach` / `ferry container attach`: connects the terminal to a running container
//! through its monitor's attach socket; `run -it` and `start -ai` of a container with a terminal
//! use the same relay ([`relay_attached`]).

use std::io::{IsTerminal, Write};
use std::os::fd::{AsFd, OwnedFd};

use anyhow::{Context as _, Result, bail};

use crate::cli::AttachArgs;
use crate::commands::{Context, ExitStatus};
use crate::monitor::attach::{self, AttachClient};
use crate::runtime::tty::{self, DetachKeys, RawTerminal, RelayEnd, RelayOptions};
use crate::store::Store;
use crate::store::containers::{ContainerRecord, Status};

pub fn exec(ctx: &mut Context, args: AttachArgs) -> Result<ExitStatus> {
    let detach_keys = DetachKeys::parse(&args.detach_keys)?;
    let store = ctx.store()?.clone();
    let containers = store.containers();
    let rec = containers.lookup(&args.container)?;
    if containers.refresh(&rec)?.status != Status::Running {
        bail!("you can only attach to running containers");
    }
    let sock = match attach::connect(&containers.dir(&rec.id)) {
        Ok(sock) => sock,
        // It exited in between: its monitor has closed the socket.
        Err(_) if containers.refresh(&rec).is_ok_and(|s| s.status != Status::Running) => {
            bail!("you can only attach to running containers")
        }
        Err(e) => {
            return Err(e).with_context(|| format!("connecting to the monitor of container {}", &rec.id[..12]));
        }
    };
    let spec = crate::engine::container::read_spec(&store, &rec.id)?;
    let settings = containers.read_settings(&rec.id)?;
    let session = Session {
        // The monitor drops the input of a container that was not created with -i: don't read it.
        stdin: !args.no_stdin && settings.interactive,
        tty: spec.process().as_ref().and_then(|p| p.terminal()).unwrap_or(false),
        detach_keys,
        sig_proxy: args.sig_proxy,
    };
    relay_attached(&store, &rec, sock, session)
}

/// How a client is attached.
pub(crate) struct Session {
    /// Forward ferry's stdin.
    pub stdin: bool,
    /// The container has a terminal.
    pub tty: bool,
    pub detach_keys: DetachKeys,
    /// Forward the signals ferry gets (only when the user's terminal is not in raw mode: then
    /// keys are bytes for the container, and a signal ends the client).
    pub sig_proxy: bool,
}

/// Relays between the user's terminal and a connection to the container's monitor until the
/// container exits (its code is returned), the user detaches (0), or a signal ends ferry
/// (128+n; the container keeps running). The terminal is in raw mode meanwhile, and restored
/// on every way out.
pub(crate) fn relay_attached(
    store: &Store,
    rec: &ContainerRecord,
    sock: OwnedFd,
    session: Session,
) -> Result<ExitStatus> {
    let containers = store.containers();
    let raw = if session.tty && session.stdin {
        RawTerminal::new(std::io::stdin().as_fd())?
    } else {
        None
    };
    let mut proxy = |sig: i32| {
        // The container may just be exiting; its exit is reported by the relay.
        let _ = crate::engine::container::lifecycle::signal(&containers, rec, sig);
    };
    let on_signal: Option<&mut dyn FnMut(i32)> = if session.sig_proxy && raw.is_none() {
        Some(&mut proxy)
    } else {
        None
    };
    let mut peer = AttachClient::new(sock);
    let end = tty::relay(
        &mut peer,
        RelayOptions {
            stdin: session.stdin,
            tty: session.tty,
            detach_keys: session.detach_keys,
            on_signal,
        },
    );
    let was_raw = raw.is_some();
    drop(raw);
    let end = end.with_context(|| format!("attached to container {}", &rec.id[..12]))?;
    if matches!(end, RelayEnd::Detached) || (was_raw && matches!(end, RelayEnd::Signaled(_))) {
        // As Podman: the user's prompt starts on a line of its own, not after the container's.
        let mut out = std::io::stdout();
        let _ = out.write_all(b"\n").and_then(|()| out.flush());
    }
    match end {
        RelayEnd::Detached => Ok(ExitStatus::SUCCESS),
        RelayEnd::Exited(code) => Ok(ExitStatus(code)),
        RelayEnd::Signaled(sig) => Ok(ExitStatus(128 + sig)),
        RelayEnd::Closed => {
            // The monitor went away without a word: the record says how the container ended.
            let state = match containers.refresh(rec) {
                Ok(s) => s,
                Err(_) => bail!("container {} is gone", &rec.id[..12]),
            };
            match (state.status, state.exit_code) {
                (Status::Exited, Some(code)) => Ok(ExitStatus(code)),
                _ => bail!("lost the connection to the monitor of container {}", &rec.id[..12]),
            }
        }
    }
}

/// Podman's warning for `-t` with `-i` when stdin is not a terminal.
pub(crate) fn warn_if_not_a_terminal(tty: bool, interactive: bool) {
    if tty && interactive && !std::io::stdin().is_terminal() {
        crate::commands::warn(
            "The input device is not a TTY. The --tty and --interactive flags might not work properly",
        );
    }
}
