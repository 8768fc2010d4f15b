//! `ferry rm` / `ferry container rm`: removes containers (killing running ones with `-f`), with
//! partial success over several arguments and Podman's exit codes.

use std::time::{Duration, Instant};

use anyhow::{Result, bail};

use crate::cli::RmArgs;
use crate::commands::{Context, ExitStatus};
use crate::store::Store;
use crate::store::containers::{ContainerError, ContainerRecord, Status, process_start_time};

/// A container name or id that matches nothing (Podman exits 1).
const NO_SUCH_CONTAINER: ExitStatus = ExitStatus(1);
/// A running container without `--force` (Podman exits 2).
const STATE_IMPROPER: ExitStatus = ExitStatus(2);
/// How long a killed container's supervisor gets to record its exit.
const KILL_TIMEOUT: Duration = Duration::from_secs(10);

/// Sends SIGKILL to a running container's init and waits until its supervisor has recorded the
/// exit (or, with no supervisor left, `refresh` has). A container that is not running is left alone.
pub(crate) fn kill_and_wait(store: &Store, rec: &ContainerRecord) -> Result<()> {
    let containers = store.containers();
    let state = containers.refresh(rec)?;
    if state.status != Status::Running {
        return Ok(());
    }
    // Only signal the process recorded, never a process that reused its pid.
    if let Some(pid) = state.pid
        && pid > 0
        && state.pid_start.is_some()
        && process_start_time(pid) == state.pid_start
    {
        match nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), nix::sys::signal::Signal::SIGKILL) {
            Ok(()) | Err(nix::errno::Errno::ESRCH) => {}
            Err(e) => bail!("killing container {}: {e}", &rec.id[..12]),
        }
    }
    let deadline = Instant::now() + KILL_TIMEOUT;
    loop {
        match containers.refresh(rec) {
            Ok(s) if s.status != Status::Running => return Ok(()),
            Ok(_) => {}
            // Removed meanwhile (a `--rm` supervisor cleaned up).
            Err(_) if !containers.dir(&rec.id).exists() => return Ok(()),
            Err(e) => return Err(e.into()),
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

/// Removes one container: refuses a running one unless `force`, which kills it first.
/// With `volumes`, its anonymous volumes go too (those no other container mounts).
fn remove_one(
    store: &Store,
    rec: &ContainerRecord,
    force: bool,
    volumes: bool,
) -> Result<(), (ExitStatus, anyhow::Error)> {
    let containers = store.containers();
    let state = containers
        .refresh(rec)
        .map_err(|e| (ExitStatus::ENGINE_ERROR, e.into()))?;
    if state.status == Status::Running {
        if !force {
            return Err((
                STATE_IMPROPER,
                anyhow::anyhow!(
                    "cannot remove container {} as it is running - running or paused containers cannot be removed without force: container state improper",
                    rec.id
                ),
            ));
        }
        kill_and_wait(store, rec).map_err(|e| (ExitStatus::ENGINE_ERROR, e))?;
    }
    let removed = if volumes {
        store
            .volumes()
            .remove_container(&rec.id)
            .map(drop)
            .map_err(anyhow::Error::from)
    } else {
        containers.remove(&rec.id).map_err(anyhow::Error::from)
    };
    removed.map_err(|e| {
        (
            ExitStatus::ENGINE_ERROR,
            e.context(format!("removing container {}", &rec.id[..12])),
        )
    })
}

pub fn exec(ctx: &mut Context, args: RmArgs) -> Result<ExitStatus> {
    if args.all && !args.containers.is_empty() {
        bail!("when using the --all switch, you may not pass any containers names or IDs");
    }
    if !args.all && args.containers.is_empty() {
        bail!("must specify at least one container name or ID");
    }
    // The upper directories hold files owned by subordinate ids.
    ctx.enter_userns()?;
    let store = ctx.store()?.clone();
    let containers = store.containers();
    let mut targets = Vec::new();
    let mut status = ExitStatus::SUCCESS;
    let mut fail = |code: ExitStatus, e: anyhow::Error| {
        eprintln!("Error: {e:#}");
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
    for rec in &targets {
        match remove_one(&store, rec, args.force, args.volumes) {
            Ok(()) => println!("{}", rec.id),
            Err((code, e)) => fail(code, e),
        }
    }
    Ok(status)
}
