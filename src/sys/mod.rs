//! The bottom layer: thin, audited wrappers over the operating system that every other module
//! shares. Nothing here imports anything else from the crate (the layering test checks it);
//! callers above attach their own meaning (the store's lock order, an image's whiteouts).
//!
//! - [`atomic`]: crash-safe file writes, directory creation and removal
//! - [`lock`]: flock(2) locks on files and directories
//! - [`process`]: detached (double-forked) children, process start times
//! - [`xattr`]: extended attributes of paths and descriptors
//! - [`tty`]: terminal window sizes
//! - [`rootpath`]: resolving untrusted paths beneath a root directory
//! - [`idmap`]: user namespace id mappings and `/etc/subuid` ranges
//! - [`now`]: the timestamp format of every record ferry writes

pub mod atomic;
pub mod idmap;
pub mod lock;
pub mod process;
pub mod rootpath;
pub mod tty;
pub mod xattr;

use std::path::PathBuf;

/// A failed file operation of this layer, naming the path it failed on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("locking {path}: {source}")]
    Lock { path: PathBuf, source: std::io::Error },
    #[error("{path}: extended attribute {name}: {source}")]
    Xattr {
        path: PathBuf,
        name: String,
        source: std::io::Error,
    },
}

impl Error {
    /// The underlying OS error, for callers that name the file their own way (an image's
    /// entry rather than a `/proc/self/fd` path) or test for an errno.
    pub fn into_io(self) -> std::io::Error {
        match self {
            Error::Io { source, .. } | Error::Lock { source, .. } | Error::Xattr { source, .. } => source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn io_err(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The current time as every record ferry writes it: RFC 3339, UTC, nanoseconds.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}
