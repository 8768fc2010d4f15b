//! `--network ns:PATH` and `--network container:NAME`: a container that joins an existing
//! network namespace instead of getting one of its own.
//!
//! The namespace is opened by the parent before the container's init is cloned; the init
//! enters it with setns(2). That needs privilege over the namespace in the user namespace that
//! owns it: rootless, the namespace of another container belongs to the user namespace of the
//! ferry process that started it, a sibling of this process's own, so this process joins that
//! one ([`owner_userns`]) instead of creating a new one with the same mapping.

use std::fs::File;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::{Mode, NetworkError, Result};
use crate::store::Store;
use crate::store::containers::{Status, is_alive};

/// ioctl(2) on a namespace file: the user namespace that owns it (linux/nsfs.h).
const NS_GET_USERNS: libc::c_ulong = 0xb701;

/// The namespace file a container with `mode` joins now, or `None` for the other modes. A
/// container's namespace can only be joined while that container runs.
pub fn target(store: &Store, mode: &Mode) -> Result<Option<PathBuf>> {
    match mode {
        Mode::Ns { path } => Ok(Some(path.clone())),
        Mode::Container { name } => {
            let fail = |reason: String| NetworkError::JoinContainer {
                name: name.clone(),
                reason,
            };
            let containers = store.containers();
            let rec = containers.lookup(name).map_err(|e| fail(e.to_string()))?;
            let state = containers.refresh(&rec).map_err(|e| fail(e.to_string()))?;
            match (state.status, state.pid) {
                (Status::Running, Some(pid)) if is_alive(&state) => {
                    if containers.read_settings(&rec.id).is_ok_and(|s| s.userns.is_some()) {
                        return Err(fail("it has a user namespace of its own".into()));
                    }
                    Ok(Some(PathBuf::from(format!("/proc/{pid}/ns/net"))))
                }
                _ => Err(fail("it is not running".into())),
            }
        }
        _ => Ok(None),
    }
}

/// Opens a network namespace file to join.
pub fn open(path: &Path) -> Result<OwnedFd> {
    let f = File::open(path).map_err(|source| NetworkError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(OwnedFd::from(f))
}

/// The user namespace owning the network namespace at `path`, when it is not this process's
/// own (so that this process must join it to be privileged there).
pub fn owner_userns(path: &Path) -> Result<Option<OwnedFd>> {
    let ns = open(path)?;
    // SAFETY: NS_GET_USERNS on a namespace descriptor returns a new descriptor or -1.
    let fd = unsafe { libc::ioctl(ns.as_raw_fd(), NS_GET_USERNS as _) };
    if fd < 0 {
        return Err(NetworkError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::last_os_error(),
        });
    }
    // SAFETY: the descriptor was just returned to us and is owned by nobody else.
    let owner = unsafe { OwnedFd::from_raw_fd(fd) };
    let owner_ino = File::from(owner.try_clone().map_err(|source| NetworkError::Io {
        path: path.to_path_buf(),
        source,
    })?)
    .metadata()
    .map(|m| m.ino())
    .ok();
    let own_ino = std::fs::metadata("/proc/self/ns/user").map(|m| m.ino()).ok();
    Ok((owner_ino != own_ino).then_some(owner))
}
