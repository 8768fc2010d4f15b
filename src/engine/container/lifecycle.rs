//! Signalling, stopping and waiting for containers. The container's supervisor (the foreground
//! `run` or its monitor) records the exit; these operations signal its init and watch its state.
//! Rootless, signalling needs the host user's own user namespace (see [`super::remove`]).

use std::time::{Duration, Instant};

use super::error::{Error, Result};
use crate::store::Store;
use crate::store::containers::{ContainerError, ContainerRecord, ContainerState, ContainerStore, Status, is_alive};

/// How long to wait for a container's supervisor to record the exit after SIGKILL.
const KILL_GRACE: Duration = Duration::from_secs(10);

/// Sends `sig` to the container's init as `state` records it (see
/// [`crate::monitor::signal_process`]); false when it is gone.
pub fn signal_init(rec: &ContainerRecord, state: &ContainerState, sig: i32) -> Result<bool> {
    let (Some(pid), Some(start)) = (state.pid, state.pid_start) else {
        return Ok(false);
    };
    crate::monitor::signal_process(pid, start, sig).map_err(|e| {
        let signal = crate::monitor::signal::signal_name(sig);
        let id = rec.id[..12].to_string();
        match e {
            nix::errno::Errno::EPERM => Error::SignalDenied { id, signal },
            source => Error::Signal { id, signal, source },
        }
    })
}

/// Sends `sig` to the container's init if it is the recorded, live process; false when it is
/// not running. Rootless, the caller must not have entered a user namespace of its own.
pub fn signal(containers: &ContainerStore<'_>, rec: &ContainerRecord, sig: i32) -> Result<bool> {
    let state = containers.refresh(rec)?;
    if !is_alive(&state) {
        return Ok(false);
    }
    signal_init(rec, &state, sig)
}

/// Sends `sig` to a running container; refuses one that is not running.
pub fn kill(containers: &ContainerStore<'_>, rec: &ContainerRecord, sig: i32) -> Result<()> {
    if signal(containers, rec, sig)? {
        return Ok(());
    }
    let state = containers.read_state(&rec.id)?;
    Err(Error::NotRunning {
        id: rec.id.clone(),
        state: status_word(state.status).to_string(),
    })
}

/// The state's name as Podman writes it in messages (`created`, `running`, `exited`).
pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::Created => "created",
        Status::Running => "running",
        Status::Exited => "exited",
    }
}

/// The containers named (each looked up on its own, so that one bad name does not stop the
/// others), or with `all` every running one, named by id.
pub fn select(
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
        .map(|n| (n.clone(), containers.lookup(n).map_err(Error::from)))
        .collect())
}

/// Waits until the container's supervisor has recorded its exit (or its record is gone); false
/// when `timeout` passed first.
pub fn wait_stopped(containers: &ContainerStore<'_>, rec: &ContainerRecord, timeout: Duration) -> Result<bool> {
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
pub fn stop(containers: &ContainerStore<'_>, rec: &ContainerRecord, timeout: Option<u32>) -> Result<()> {
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
        return Err(Error::StopTimeout {
            id: rec.id[..12].to_string(),
        });
    }
    Ok(())
}

/// Which containers a multi-container operation is about.
#[derive(Debug, Clone, Copy)]
pub enum Targets<'a> {
    /// These names, ids or id prefixes, each looked up on its own.
    Named(&'a [String]),
    /// Every running container.
    AllRunning,
}

impl Targets<'_> {
    fn select(self, containers: &ContainerStore<'_>) -> Result<Vec<(String, Result<ContainerRecord>)>> {
        match self {
            Targets::Named(names) => select(containers, names, false),
            Targets::AllRunning => select(containers, &[], true),
        }
    }
}

/// Stops each target (see [`stop`]); the result per target, keyed by the name given (by id
/// for [`Targets::AllRunning`]).
pub fn stop_each(store: &Store, targets: Targets<'_>, timeout: Option<u32>) -> Result<Vec<(String, Result<()>)>> {
    let containers = store.containers();
    Ok(targets
        .select(&containers)?
        .into_iter()
        .map(|(given, rec)| (given, rec.and_then(|rec| stop(&containers, &rec, timeout))))
        .collect())
}

/// Sends `sig` to each target (see [`kill`]); the result per target.
pub fn kill_each(store: &Store, targets: Targets<'_>, sig: i32) -> Result<Vec<(String, Result<()>)>> {
    let containers = store.containers();
    Ok(targets
        .select(&containers)?
        .into_iter()
        .map(|(given, rec)| (given, rec.and_then(|rec| kill(&containers, &rec, sig))))
        .collect())
}

/// The state [`wait`] waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitCondition {
    Running,
    /// Stopped or exited: ferry has no paused or stopping state, so both mean exited.
    Exited,
}

/// Polls the container's state every `interval` until it reaches `condition`; returns its exit
/// code (-1 when it did not exit: it runs). The container's supervisor records the exit;
/// `refresh` notices a supervisor that died.
pub fn wait(
    containers: &ContainerStore<'_>,
    rec: &ContainerRecord,
    condition: WaitCondition,
    interval: Duration,
) -> Result<i32> {
    loop {
        if !containers.dir(&rec.id).exists() {
            return Err(Error::RemovedWhileWaiting {
                id: rec.id[..12].to_string(),
            });
        }
        let state = containers.refresh(rec)?;
        let reached = match condition {
            WaitCondition::Running => state.status == Status::Running,
            WaitCondition::Exited => state.status == Status::Exited,
        };
        if reached {
            return Ok(if state.status == Status::Exited {
                state.exit_code.unwrap_or(-1)
            } else {
                -1
            });
        }
        std::thread::sleep(interval);
    }
}

/// Renames the container `name` (a name, id or id prefix) to `new_name`.
pub fn rename(store: &Store, name: &str, new_name: &str) -> Result<()> {
    let containers = store.containers();
    let rec = containers.lookup(name)?;
    containers.rename(&rec.id, new_name).map_err(|source| Error::Rename {
        id: rec.id[..12].to_string(),
        source,
    })
}

/// Whether a container of that name, id or id prefix exists.
pub fn exists(store: &Store, name: &str) -> Result<bool> {
    match store.containers().lookup(name) {
        Ok(_) => Ok(true),
        Err(ContainerError::NotFound(_)) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// The processes of the running container `name` (in its PID namespace), for `top`.
pub fn processes(store: &Store, name: &str) -> Result<crate::runtime::procs::Snapshot> {
    let containers = store.containers();
    let rec = containers.lookup(name)?;
    let state = containers.refresh(&rec)?;
    let (Status::Running, Some(pid)) = (state.status, state.pid) else {
        return Err(Error::TopNotRunning);
    };
    match crate::runtime::procs::snapshot(pid, state.pid_start) {
        Ok(s) => Ok(s),
        Err(crate::runtime::procs::ProcsError::Gone { .. }) => Err(Error::TopNotRunning),
        Err(source) => Err(Error::Processes {
            id: rec.id[..12].to_string(),
            source,
        }),
    }
}
