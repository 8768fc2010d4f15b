//! flock(2) locks on files and directories; released when the [`Lock`] is dropped.
//! The store's lock order is documented in `store::lock`.

use std::fs::{File, OpenOptions};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

use super::{Error, Result, io_err};

/// A held lock; released on drop (closing the file descriptor).
#[derive(Debug)]
pub struct Lock {
    file: File,
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
        .map_err(io_err(path))?;
    let op = match mode {
        Mode::Shared => libc::LOCK_SH,
        Mode::Exclusive => libc::LOCK_EX,
    };
    loop {
        // SAFETY: flock on a file descriptor we own.
        let rc = unsafe { libc::flock(file.as_raw_fd(), op) };
        if rc == 0 {
            return Ok(Lock { file });
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(Error::Lock {
                path: PathBuf::from(path),
                source: err,
            });
        }
    }
}

/// Locks the directory `path` itself, exclusive (a container's lock). With `wait` false,
/// `Ok(None)` when another process holds it.
pub fn lock_dir(path: &Path, wait: bool) -> Result<Option<Lock>> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY)
        .open(path)
        .map_err(io_err(path))?;
    let op = if wait {
        libc::LOCK_EX
    } else {
        libc::LOCK_EX | libc::LOCK_NB
    };
    loop {
        // SAFETY: flock on a file descriptor we own.
        let rc = unsafe { libc::flock(file.as_raw_fd(), op) };
        if rc == 0 {
            return Ok(Some(Lock { file }));
        }
        let err = std::io::Error::last_os_error();
        match err.raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::EWOULDBLOCK) if !wait => return Ok(None),
            _ => {
                return Err(Error::Lock {
                    path: PathBuf::from(path),
                    source: err,
                });
            }
        }
    }
}

impl Lock {
    /// The locked file or directory's inode, to check that a path still names it.
    pub fn ino(&self) -> Option<u64> {
        use std::os::unix::fs::MetadataExt;
        self.file.metadata().ok().map(|m| m.ino())
    }
}
