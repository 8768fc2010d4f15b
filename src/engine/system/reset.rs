//! `system reset`: stops every container, then deletes the whole store and runtime directory.
//! It never forgets a container that still runs: when one cannot be stopped, or is started
//! while the reset works, nothing is deleted and the error says which. Two phases, as removing
//! containers (see `engine::container::remove`): [`stop_all`] before entering the user
//! namespace, [`reset`] inside it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{Error, Result};
use crate::engine::Engine;
use crate::store::containers::{ContainerError, Status};
use crate::store::{Store, atomic};
use crate::sys::process::start_time;

/// How long a container's supervisor gets to exit after recording the container's exit.
const SUPERVISOR_EXIT: Duration = Duration::from_secs(10);

/// The store and runtime roots `reset` deletes; refuses a filesystem root or an empty path (a
/// typo in `--root` must not wipe a system directory).
pub fn reset_paths(engine: &Engine) -> Result<(PathBuf, PathBuf)> {
    let (root, runroot) = engine.paths()?;
    for dir in [&root, &runroot] {
        if dir.parent().is_none() || dir.as_os_str().is_empty() {
            return Err(Error::RefuseRemove { path: dir.clone() });
        }
    }
    Ok((root, runroot))
}

/// Whether a store was made at `root` (then there may be containers to stop).
pub fn store_exists(root: &Path) -> bool {
    root.join("containers.json").exists()
}

/// Phase one: kills every running container and waits until its supervisor has recorded the
/// exit and itself exited (taking the network helpers with it). Rootless, call it before
/// entering the user namespace.
pub fn stop_all(store: &Store) -> Result<()> {
    let containers = store.containers();
    for rec in containers.list()? {
        let before = containers.refresh(&rec)?;
        crate::engine::container::remove::kill_and_wait(store, &rec).map_err(|source| Error::Stop {
            id: rec.id[..12].to_string(),
            source: Box::new(source),
        })?;
        let (Some(pid), Some(start)) = (before.monitor_pid, before.monitor_start) else {
            continue;
        };
        let deadline = Instant::now() + SUPERVISOR_EXIT;
        while start_time(pid) == Some(start) {
            if Instant::now() > deadline {
                return Err(Error::SupervisorAlive {
                    pid,
                    id: rec.id[..12].to_string(),
                });
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
    Ok(())
}

/// Phase two: deletes `runroot` and `root` (the paths [`reset_paths`] gave) once no process
/// adds content or creates, starts or removes a container; `store` is the store [`stop_all`]
/// stopped the containers of (None when there was none). Rootless callers are in the user
/// namespace: the files belong to subordinate ids.
pub fn reset(root: &Path, runroot: &Path, store: Option<&Store>) -> Result<()> {
    // Wait for processes adding content (or creating containers) to finish, and keep new ones
    // out until the end.
    let _gc = match store {
        Some(store) => Some(store.gc_lock()?),
        None if root.join("gc.lock").exists() => Some(crate::store::lock::lock(
            &root.join("gc.lock"),
            crate::store::lock::Mode::Exclusive,
        )?),
        None => None,
    };
    // Held until everything is deleted: no container starts meanwhile.
    let _held = match store {
        Some(store) => claim_stopped(store)?,
        None => Vec::new(),
    };
    if store.is_some() {
        crate::network::bridge::holder::stop(&runroot.join("networks"));
    }
    remove(runroot)?;
    remove(root)
}

/// The locks of every container, each checked not running; fails (nothing deleted yet) when
/// one is busy (another process starts or removes it) or runs (started after [`stop_all`]).
/// The caller holds the exclusive gc lock, so no container is being created; the locks are
/// only tried, never waited for (see `store::lock` for the order).
fn claim_stopped(store: &Store) -> Result<Vec<crate::store::lock::Lock>> {
    let containers = store.containers();
    let mut held = Vec::new();
    for rec in containers.list()? {
        match containers.try_lock(&rec.id) {
            Ok(Some(l)) => held.push(l),
            Ok(None) => {
                return Err(Error::Busy {
                    id: rec.id[..12].to_string(),
                });
            }
            // Half removed: nothing runs there.
            Err(ContainerError::NotFound(_)) => continue,
            Err(e) => return Err(e.into()),
        }
        if containers.refresh(&rec)?.status == Status::Running {
            return Err(Error::StartedDuringReset {
                id: rec.id[..12].to_string(),
            });
        }
    }
    Ok(held)
}

fn remove(dir: &Path) -> Result<()> {
    atomic::remove_tree(dir).map_err(|source| Error::Remove {
        path: dir.to_path_buf(),
        source,
    })
}
