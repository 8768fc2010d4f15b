//! Removing containers. Two phases: rootless, only the host user's own user namespace may
//! signal every process of every container (it owns the namespaces ferry creates; the one a
//! command creates for itself is a sibling of the containers', without rights over processes
//! that run as other ids), so running containers are killed first ([`kill_and_wait`]); then,
//! in the user namespace (the upper directories hold subordinate ids), each is removed under its
//! lock ([`remove_one`]).

use std::time::{Duration, Instant};

use super::error::{Error, Result};
use super::lifecycle::signal_init;
use crate::store::Store;
use crate::store::containers::{ContainerError, ContainerRecord, Status};

/// How long a killed container's supervisor gets to record its exit.
const KILL_TIMEOUT: Duration = Duration::from_secs(10);

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
            return Err(Error::KillTimeout {
                id: rec.id[..12].to_string(),
                timeout: KILL_TIMEOUT,
            });
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Phase one of a forced removal: under the container's lock (so that a start in progress
/// finishes first, and none begins meanwhile), kills it if it runs and waits for the exit to be
/// recorded. Rootless, call it before entering the user namespace. A container that is gone
/// (or half removed) is left to [`remove_one`].
pub fn kill_and_wait(store: &Store, rec: &ContainerRecord) -> Result<()> {
    let _held = match store.containers().lock(&rec.id) {
        Ok(held) => held,
        Err(ContainerError::NotFound(_)) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    kill_locked(store, rec)
}

/// Phase one for the containers a forced removal of something they use takes along (a volume,
/// a network): [`kill_and_wait`] for each, once, in id order; returns them for phase two.
pub fn kill_and_wait_all(store: &Store, mut targets: Vec<ContainerRecord>) -> Result<Vec<ContainerRecord>> {
    targets.sort_by(|a, b| a.id.cmp(&b.id));
    targets.dedup_by(|a, b| a.id == b.id);
    for rec in &targets {
        kill_and_wait(store, rec)?;
    }
    Ok(targets)
}

/// Phase two: removes one container under its lock; refuses a running one unless `force`
/// (which kills it again: it was started after phase one). With `volumes`, its anonymous
/// volumes go too (those no other container mounts). Rootless, the caller is in the user
/// namespace. A container removed meanwhile by someone else (its `--rm` monitor) counts as
/// removed; a half removed one (an interrupted `rm`) is finished. Returns the volumes removed.
pub fn remove_one(store: &Store, rec: &ContainerRecord, force: bool, volumes: bool) -> Result<Vec<String>> {
    let containers = store.containers();
    let held = match containers.lock(&rec.id) {
        Ok(held) => Some(held),
        Err(ContainerError::NotFound(_)) => None,
        Err(e) => return Err(e.into()),
    };
    if held.is_some() {
        let state = containers.refresh(rec)?;
        if state.status == Status::Running {
            if !force {
                return Err(Error::RemoveRunning { id: rec.id.clone() });
            }
            kill_locked(store, rec).map_err(|e| Error::StartedDuringRemoval {
                id: rec.id[..12].to_string(),
                source: Box::new(e),
            })?;
        }
    }
    let removed = if volumes {
        store.volumes().remove_container(&rec.id)
    } else {
        containers.remove(&rec.id).map(|()| Vec::new()).map_err(Into::into)
    };
    drop(held);
    removed.map_err(|source| Error::Remove {
        id: rec.id[..12].to_string(),
        source,
    })
}

/// Removes every container that is not running, and finishes what interrupted removals left
/// (see the store's layout notes), telling `removed` each id as it goes (so that what was
/// removed before a failure is known). Rootless, the caller is in the user namespace.
pub fn prune(store: &Store, removed: &mut dyn FnMut(&str)) -> Result<()> {
    let containers = store.containers();
    for rec in containers.list()? {
        // Under its lock, read again just before removing: a container may have been started
        // meanwhile (or removed: then it is not ours to report).
        let _held = match containers.lock(&rec.id) {
            Ok(held) => held,
            Err(ContainerError::NotFound(_)) => continue,
            Err(e) => return Err(e.into()),
        };
        if containers.refresh(&rec)?.status == Status::Running {
            continue;
        }
        containers.remove(&rec.id).map_err(|e| Error::Remove {
            id: rec.id[..12].to_string(),
            source: e.into(),
        })?;
        removed(&rec.id);
    }
    // Directories without a record are leftovers only while no container is being created.
    let _gc = store.gc_lock().map_err(ContainerError::from)?;
    let (finished, _) = containers
        .finish_removals(true, &crate::image::gc::disk_usage)
        .map_err(Error::FinishRemovals)?;
    finished.iter().for_each(|id| removed(id));
    Ok(())
}
