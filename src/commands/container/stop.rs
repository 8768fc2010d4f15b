//! `ferry stop` / `ferry container stop`: the container's stop signal, then SIGKILL after the
//! timeout. Also the first half of `restart`.

use std::time::{Duration, Instant};

use anyhow::{Result, bail};

use crate::cli::StopArgs;
use crate::commands::{Context, ExitStatus};
use crate::store::containers::{ContainerRecord, ContainerStore, Status, is_alive};

/// How long to wait for a container's supervisor to record the exit after SIGKILL.
const KILL_GRACE: Duration = Duration::from_secs(10);

pub fn exec(ctx: &mut Context, args: StopArgs) -> Result<ExitStatus> {
    let store = ctx.store()?.clone();
    let containers = store.containers();
    let targets = select(&containers, &args.containers, args.all)?;
    let mut status = ExitStatus::SUCCESS;
    for (given, rec) in targets {
        match rec.and_then(|rec| stop_one(&containers, &rec, args.time)) {
            Ok(()) => println!("{given}"),
            Err(e) => {
                eprintln!("Error: {}", crate::commands::chain(&e));
                status = ExitStatus::ENGINE_ERROR;
            }
        }
    }
    Ok(status)
}

/// The containers named on the command line (each looked up on its own, so that one bad name
/// does not stop the others), or with `all` every running one, named by id.
pub(crate) fn select(
    containers: &ContainerStore<'_>,
    names: &[String],
    all: bool,
) -> Result<Vec<(String, Result<ContainerRecord>)>> {
    if all {
        let mut out = Vec::new();
        for rec in containers.list()? {
            if containers.refresh(&rec)?.status == Status::Running {
                out.push((rec.id.clone(), Ok(rec)));
            }
        }
        return Ok(out);
    }
    Ok(names
        .iter()
        .map(|n| (n.clone(), containers.lookup(n).map_err(anyhow::Error::from)))
        .collect())
}

/// Sends `signal` to the container's init if it is the recorded, live process. Rootless, the
/// caller must not have entered a user namespace of its own (see `rm`).
pub(crate) fn signal(containers: &ContainerStore<'_>, rec: &ContainerRecord, signal: i32) -> Result<bool> {
    let state = containers.refresh(rec)?;
    if !is_alive(&state) {
        return Ok(false);
    }
    super::rm::signal_init(rec, &state, signal)
}

/// Waits until the container's supervisor has recorded its exit (or its record is gone).
fn wait_stopped(containers: &ContainerStore<'_>, rec: &ContainerRecord, timeout: Duration) -> Result<bool> {
    let deadline = Instant::now() + timeout;
    loop {
        if containers.refresh(rec)?.status != Status::Running {
            return Ok(true);
        }
        if Instant::now() >= deadline {
            return Ok(false);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Stops one container: its stop signal, up to `timeout` seconds (default: its own
/// `--stop-timeout`) to exit, then SIGKILL. A container that is not running is left as is.
pub(crate) fn stop_one(containers: &ContainerStore<'_>, rec: &ContainerRecord, timeout: Option<u32>) -> Result<()> {
    let state = containers.refresh(rec)?;
    if state.status != Status::Running {
        return Ok(());
    }
    containers.mark_stopping(&rec.id, &state)?;
    let settings = containers.read_settings(&rec.id)?;
    let timeout = Duration::from_secs(timeout.unwrap_or(settings.stop_timeout).into());
    if signal(containers, rec, settings.stop_signal)? && wait_stopped(containers, rec, timeout)? {
        return Ok(());
    }
    signal(containers, rec, libc::SIGKILL)?;
    if !wait_stopped(containers, rec, KILL_GRACE)? {
        bail!("container {} did not stop after SIGKILL", &rec.id[..12]);
    }
    Ok(())
}
