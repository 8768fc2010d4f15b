//! flock(2)-based locks on files in the store.
//!
//! Lock order (always acquire in this order, release in reverse):
//! 0. a container's lock: its directory `containers/<id>` itself, locked exclusive while the
//!    container is created and started (from the directory's birth until its state says
//!    running, or the start failed), and while it is removed (from the check that it is not
//!    running until its directory is gone). At most one container lock is waited for at a time;
//!    a process that needs several takes the others with [`try_lock_dir`] (never waiting) and
//!    gives up or retries when one is busy. `create` takes a new container's lock while holding
//!    `gc.lock` shared; nobody else can know the directory yet, so that never waits.
//!    A container's supervisor (its monitor or a foreground `run`) never waits for its
//!    container's lock either: `rm` and `system reset` hold it while they wait for the
//!    supervisor to record the exit. The supervisor only tries it to perform `--rm`; when it is
//!    busy, whoever holds it is removing or restarting the container.
//! 1. `gc.lock`    shared by every process that adds content (blobs, layers) and while a
//!    container record is created, exclusive for anything that deletes content (rmi, prune,
//!    reset) or looks for container directories without a record;
//! 2. `index.lock` exclusive around each read-modify-write of `index.json`;
//! 3. `volumes.lock` exclusive while volumes are created or removed, and while a container
//!    that mounts volumes is being created (from resolving its mounts until its `mounts.json`
//!    is written); `volume rm -f` removes the containers using a volume before taking it;
//! 4. `networks.lock` exclusive while networks are created or removed, while a container's
//!    attachments (`userdata/networks.json`) change, and around each read-modify-write of a
//!    network's leases (container start and exit); never held while waiting for a container
//!    to exit (its supervisor takes it to release the container's addresses);
//! 5. `containers.lock` exclusive around each read-modify-write of `containers.json` (the
//!    container records and name index).
//!
//! Readers of `index.json` take no lock: it is only ever replaced by rename.

use std::path::Path;

use super::Result;

pub use crate::sys::lock::{Lock, Mode};

/// Locks the file `path` (creating it), waiting for it.
pub fn lock(path: &Path, mode: Mode) -> Result<Lock> {
    Ok(crate::sys::lock::lock(path, mode)?)
}

/// Locks the directory `path` itself, exclusive (a container's lock). With `wait` false,
/// `Ok(None)` when another process holds it.
pub fn lock_dir(path: &Path, wait: bool) -> Result<Option<Lock>> {
    Ok(crate::sys::lock::lock_dir(path, wait)?)
}

/// [`lock_dir`] without waiting.
pub fn try_lock_dir(path: &Path) -> Result<Option<Lock>> {
    lock_dir(path, false)
}
