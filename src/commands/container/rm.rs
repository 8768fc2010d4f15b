//! `ferry rm` / `ferry container rm`: removes containers (killing running ones with `-f`), with
//! partial success over several arguments and Podman's exit codes.
//!
//! Two phases. Rootless, only the host user's own user namespace may signal every process of
//! every container (it owns the namespaces ferry creates; the one a command creates for itself
//! is a sibling of the containers', without rights over processes that run as other ids), so
//! running containers are killed first ([`kill_and_wait`]); then, in the user namespace (the
//! upper directories hold subordinate ids), each is removed under its lock ([`remove_one`]).

use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail};

use crate::cli::RmArgs;
use crate::commands::{Context, ExitStatus};
use crate::store::Store;
use crate::store::containers::{ContainerError, ContainerRecord, ContainerState, Status};

/// A container name or id that matches nothing (Podman exits 1).
const NO_SUCH_CONTAINER: ExitStatus = ExitStatus(1);
/// A running container without `--force` (Podman exits 2).
const STATE_IMPROPER: ExitStatus = ExitStatus(2);
/// How long a killed container's supervisor gets to record its exit.
const KILL_TIMEOUT: Duration = Duration::from_secs(10);

/// Sends `sig` to the container's init as `state` records it (see
/// [`crate::monitor::signal_process`]); false when it is gone.
pub(crate) fn signal_init(rec: &ContainerRecord, state: &ContainerState, sig: i32) -> Result<bool> {
    let (Some(pid), Some(start)) = (state.pid, state.pid_start) else {
        return Ok(false);
    };
    crate::monitor::signal_process(pid, start, sig).map_err(|e| {
        let name = crate::monitor::signal::signal_name(sig);
        match e {
            nix::errno::Errno::EPERM => anyhow!(
                "sending {name} to container {}: operation not permitted (this ferry process is in a user namespace that does not own the container's)",
                &rec.id[..12]
            ),
            e => anyhow!("sending {name} to container {}: {e}", &rec.id[..12]),
        }
    })
}

/// Kills a running container's init and waits until its supervisor has recorded the exit (or,
/// with no supervisor left, `refresh` has). The caller holds the container's lock.
fn kill_locked(store: &Store, rec: &ContainerRecord) -> Result<()> {
    let containers = store.containers();
    let state = containers.refresh(rec)?;
    if state.status != Status::Running {
        return Ok(());
    }
    signal_init(rec, &state, libc::SIGKILL)?;
    let deadline = Instant::now() + KILL_TIMEOUT;
    loop {
        if containers.refresh(rec)?.status != Status::Running {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!(
                "container {} did not exit within {KILL_TIMEOUT:?} of SIGKILL",
                &rec.id[..12]
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Phase one of a forced removal: under the container's lock (so that a start in progress
/// finishes first, and none begins meanwhile), kills it if it runs and waits for the exit to be
/// recorded. Rootless, call it before entering the user namespace. A container that is gone
/// (or half removed) is left to [`remove_one`].
pub(crate) fn kill_and_wait(store: &Store, rec: &ContainerRecord) -> Result<()> {
    let _held = match store.containers().lock(&rec.id) {
        Ok(held) => held,
        Err(ContainerError::NotFound(_)) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    kill_locked(store, rec)
}

/// Phase two: removes one container under its lock; refuses a running one unless `force`
/// (which kills it again: it was started after phase one). With `volumes`, its anonymous
/// volumes go too (those no other container mounts). Rootless, the caller is in the user
/// namespace. A container removed meanwhile by someone else (its `--rm` monitor) counts as
/// removed; a half removed one (an interrupted `rm`) is finished. Returns the volumes removed.
pub(crate) fn remove_one(
    store: &Store,
    rec: &ContainerRecord,
    force: bool,
    volumes: bool,
) -> Result<Vec<String>, (ExitStatus, anyhow::Error)> {
    let containers = store.containers();
    let engine = |e: anyhow::Error| (ExitStatus::ENGINE_ERROR, e);
    let held = match containers.lock(&rec.id) {
        Ok(held) => Some(held),
        Err(ContainerError::NotFound(_)) => None,
        Err(e) => return Err(engine(e.into())),
    };
    if held.is_some() {
        let state = containers.refresh(rec).map_err(|e| engine(e.into()))?;
        if state.status == Status::Running {
            if !force {
                return Err((
                    STATE_IMPROPER,
                    anyhow!(
                        "cannot remove container {} as it is running - running or paused containers cannot be removed without force: container state improper",
                        rec.id
                    ),
                ));
            }
            kill_locked(store, rec).map_err(|e| {
                engine(e.context(format!(
                    "container {} was started again while it was being removed",
                    &rec.id[..12]
                )))
            })?;
        }
    }
    let removed = if volumes {
        store.volumes().remove_container(&rec.id).map_err(anyhow::Error::from)
    } else {
        containers
            .remove(&rec.id)
            .map(|()| Vec::new())
            .map_err(anyhow::Error::from)
    };
    drop(held);
    removed.map_err(|e| engine(e.context(format!("removing container {}", &rec.id[..12]))))
}

pub fn exec(ctx: &mut Context, args: RmArgs) -> Result<ExitStatus> {
    if args.all && !args.containers.is_empty() {
        bail!("when using the --all switch, you may not pass any containers names or IDs");
    }
    if !args.all && args.containers.is_empty() {
        bail!("must specify at least one container name or ID");
    }
    let store = ctx.store()?.clone();
    let containers = store.containers();
    let mut targets = Vec::new();
    let mut status = ExitStatus::SUCCESS;
    let mut fail = |code: ExitStatus, e: anyhow::Error| {
        eprintln!("Error: {}", crate::commands::chain(&e));
        status = code;
    };
    if args.all {
        targets = containers.list()?;
    }
    for name in &args.containers {
        match containers.lookup(name) {
            Ok(rec) => targets.push(rec),
            Err(ContainerError::NotFound(_)) if args.ignore => {}
            Err(e @ ContainerError::NotFound(_)) => fail(NO_SUCH_CONTAINER, e.into()),
            Err(e) => fail(ExitStatus::ENGINE_ERROR, e.into()),
        }
    }
    let mut stopped = Vec::new();
    for rec in targets {
        if args.force
            && let Err(e) = kill_and_wait(&store, &rec)
        {
            fail(ExitStatus::ENGINE_ERROR, e);
            continue;
        }
        stopped.push(rec);
    }
    ctx.enter_userns()?;
    for rec in &stopped {
        match remove_one(&store, rec, args.force, args.volumes) {
            Ok(_) => println!("{}", rec.id),
            Err((code, e)) => fail(code, e),
        }
    }
    Ok(status)
}
