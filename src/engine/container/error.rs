//! The failures of the container operations, classified so that each front end can map them
//! (the CLI to exit codes, the API service to HTTP statuses).

use std::time::Duration;

use nix::errno::Errno;

use crate::store::containers::ContainerError;
use crate::store::volumes::VolumeError;

/// Failures of the container operations; each names the container it is about.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Lookups (no such container, ambiguous prefix) and record reads and writes.
    #[error(transparent)]
    Store(#[from] ContainerError),
    #[error(
        "cannot remove container {id} as it is running - running or paused containers cannot be removed without force: container state improper"
    )]
    RemoveRunning { id: String },
    #[error("can only kill running containers. {id} is in state {state}: container state improper")]
    NotRunning { id: String, state: String },
    #[error(
        "sending {signal} to container {id}: operation not permitted (this ferry process is in a user namespace that does not own the container's)"
    )]
    SignalDenied { id: String, signal: String },
    #[error("sending {signal} to container {id}")]
    Signal {
        id: String,
        signal: String,
        #[source]
        source: Errno,
    },
    #[error("container {id} did not exit within {timeout:?} of SIGKILL")]
    KillTimeout { id: String, timeout: Duration },
    #[error("container {id} did not stop after SIGKILL")]
    StopTimeout { id: String },
    #[error("container {id} was started again while it was being removed")]
    StartedDuringRemoval {
        id: String,
        #[source]
        source: Box<Error>,
    },
    #[error("removing container {id}")]
    Remove {
        id: String,
        #[source]
        source: VolumeError,
    },
    #[error("container {id} has no image layers")]
    NoLayers { id: String },
    /// Reading what the container was created with (its runtime spec, its image's layers).
    #[error("reading the configuration of container {id}")]
    Config {
        id: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("container {id} was removed while waiting")]
    RemovedWhileWaiting { id: String },
    #[error("renaming container {id}")]
    Rename {
        id: String,
        #[source]
        source: ContainerError,
    },
    #[error("finishing interrupted container removals")]
    FinishRemovals(#[source] ContainerError),
    #[error(transparent)]
    Network(#[from] crate::network::NetworkError),
    /// Reaching the container's files (mounting its overlay, a process in its root).
    #[error(transparent)]
    View(#[from] crate::runtime::rootview::RootViewError),
    #[error("exporting container {id}")]
    Export {
        id: String,
        #[source]
        source: crate::runtime::rootview::RootViewError,
    },
    #[error("container {id} does not keep a log (its log driver is not k8s-file)")]
    NoLog { id: String },
    #[error("opening the container log {path}")]
    LogOpen {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("reading the container log {path}")]
    LogRead {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The sink the log lines were given to failed (the reader went away).
    #[error(transparent)]
    LogWrite(std::io::Error),
    #[error("{name}: no such container or image")]
    NoSuchObject { name: String },
    #[error(transparent)]
    Image(Box<crate::image::lookup::LookupError>),
    #[error("image {id}: its layers are not unpacked")]
    NotUnpacked { id: String },
    #[error(transparent)]
    Layers(#[from] crate::image::diff::DiffError),
    #[error("comparing {target}")]
    Diff {
        target: String,
        #[source]
        source: crate::image::diff::DiffError,
    },
    #[error("top can only be used on running containers: container state improper")]
    TopNotRunning,
    #[error("reading the processes of {id}")]
    Processes {
        id: String,
        #[source]
        source: crate::runtime::procs::ProcsError,
    },
    #[error("pausing container {name}")]
    Pause {
        name: String,
        #[source]
        source: crate::image::commit::pause::PauseError,
    },
    #[error("the image of container {name}")]
    CommitParent {
        name: String,
        #[source]
        source: Box<crate::image::lookup::LookupError>,
    },
    #[error("reading {path}")]
    ReadSpec {
        path: std::path::PathBuf,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("parsing the runtime spec {path}")]
    ParseSpec {
        path: std::path::PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("writing the changes of container {name}")]
    CommitLayer {
        name: String,
        #[source]
        source: crate::image::diff::DiffError,
    },
    #[error("committing container {name}")]
    Commit {
        name: String,
        #[source]
        source: crate::image::commit::CommitError,
    },
    #[error(transparent)]
    Copy(#[from] crate::image::copy::CopyError),
    /// The host side of a copy failed on the stream because the container side failed.
    #[error("{message}")]
    CopyAborted {
        message: String,
        #[source]
        source: crate::runtime::rootview::RootViewError,
    },
    #[error("creating a pipe")]
    Pipe(#[source] nix::errno::Errno),
    #[error("invalid filter {filter:?}: {why}")]
    InvalidFilter { filter: String, why: String },
    #[error("cannot run command \"ferry {command}\" in rootless mode, must execute `ferry unshare` first")]
    RootlessMount { command: String },
}

impl From<crate::image::lookup::LookupError> for Error {
    fn from(e: crate::image::lookup::LookupError) -> Error {
        Error::Image(Box::new(e))
    }
}

/// What kind of failure an [`Error`] is, for front ends that map failures to codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// No such container (Podman exits 1, HTTP 404).
    NotFound,
    /// The container's state forbids the operation (Podman exits 2 for `rm`, HTTP 409).
    StateImproper,
    /// The request itself is wrong (HTTP 400).
    InvalidArgument,
    /// Anything else: ferry failed (exit 125, HTTP 500).
    Internal,
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Store(ContainerError::NotFound(_)) => ErrorKind::NotFound,
            Error::Store(ContainerError::Ambiguous(_) | ContainerError::InvalidName(_)) => ErrorKind::InvalidArgument,
            Error::Store(ContainerError::NameInUse { .. })
            | Error::Rename {
                source: ContainerError::NameInUse { .. },
                ..
            } => ErrorKind::StateImproper,
            Error::Rename {
                source: ContainerError::InvalidName(_),
                ..
            } => ErrorKind::InvalidArgument,
            Error::RemoveRunning { .. } | Error::NotRunning { .. } | Error::TopNotRunning => ErrorKind::StateImproper,
            Error::NoSuchObject { .. } => ErrorKind::NotFound,
            Error::RootlessMount { .. } | Error::InvalidFilter { .. } => ErrorKind::InvalidArgument,
            _ => ErrorKind::Internal,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
