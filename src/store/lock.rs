//! flock(2)-based locks on files in the store.
//!
//! Lock order (always acquire in this order, release in reverse):
//! 1. `gc.lock`    shared by every process that adds content (blobs, layers),
//!    exclusive for anything that deletes content (rmi, prune, reset);
//! 2. `index.lock` exclusive around each read-modify-write of `index.json`;
//! 3. `volumes.lock` exclusive while volumes are created or removed, and while a container
//!    that mounts volumes is being created (from resolving its mounts until its `mounts.json`
//!    is written); `volume rm -f` removes the containers using a volume while holding it;
//! 4. `networks.lock` exclusive while networks are created or removed, while a container's
//!    attachments (`userdata/networks.json`) change, and around each read-modify-write of a
//!    network's leases (container start and exit); never held while waiting for a container
//!    to exit (its supervisor takes it to release the container's addresses);
//! 5. `containers.lock` exclusive around each read-modify-write of `containers.json` (the
//!    container records and name index).
//!
//! Readers of `index.json` take no lock: it is only ever replaced by rename.

use std::fs::{File, OpenOptions};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

use super::{Result, StoreError};

/// A held lock; released on drop (closing the file descriptor).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

#[derive(Clone, Copy)]
pub enum Mode {
    Shared,
    Exclusive,
}

pub fn lock(path: &Path, mode: Mode) -> Result<Lock> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    let op = match mode {
        Mode::Shared => libc::LOCK_SH,
        Mode::Exclusive => libc::LOCK_EX,
    };
    loop {
        // SAFETY: flock on a file descriptor we own.
        let rc = unsafe { libc::flock(file.as_raw_fd(), op) };
        if rc == 0 {
            return Ok(Lock { _file: file });
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(StoreError::Lock {
                path: PathBuf::from(path),
                source: err,
            });
        }
    }
}
