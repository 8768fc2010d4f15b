//! System operations over every noun: disk usage (`df`), `prune` (images, volumes and the
//! leftovers of interrupted work, through the image and volume operations), host and store
//! facts (`info`), and `reset` (stop every container, delete the store).

mod df;
mod info;
mod reset;

pub use df::{DiskUsage, ImageUsage, df};
pub use info::{ContainerCount, Count, HostInfo, IdMappings, Info, Security, StoreInfo, info};
pub use reset::{reset, reset_paths, stop_all, store_exists};

use std::path::PathBuf;

use serde::Serialize;

use super::container::ErrorKind;
use crate::image::gc::{self, GcError};
use crate::store::containers::ContainerError;
use crate::store::{Digest, Store, StoreError};

/// Why a system operation failed; each variant names the container or path involved.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Engine(#[from] super::Error),
    #[error(transparent)]
    Image(#[from] super::image::Error),
    #[error(transparent)]
    Volume(#[from] super::volume::Error),
    #[error(transparent)]
    Containers(#[from] ContainerError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("reading the image index")]
    Index(#[source] StoreError),
    #[error("removing unreferenced content")]
    Collect(#[source] GcError),
    #[error(transparent)]
    Registries(#[from] crate::config::ConfigError),
    #[error("refusing to remove {:?}", path.display().to_string())]
    RefuseRemove { path: PathBuf },
    #[error("stopping container {id} (nothing was removed)")]
    Stop {
        id: String,
        #[source]
        source: Box<super::container::Error>,
    },
    #[error("the supervisor (pid {pid}) of container {id} did not exit: nothing was removed")]
    SupervisorAlive { pid: i32, id: String },
    #[error("container {id} is being started or removed by another process: nothing was removed, try again")]
    Busy { id: String },
    #[error("container {id} was started during the reset: nothing was removed, stop it and try again")]
    StartedDuringReset { id: String },
    #[error("removing {path}")]
    Remove {
        path: PathBuf,
        #[source]
        source: StoreError,
    },
}

impl Error {
    /// What kind of failure this is, for front ends that map failures to codes.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Image(e) => e.kind(),
            Error::Volume(e) => e.kind(),
            Error::RefuseRemove { .. } => ErrorKind::InvalidArgument,
            Error::Busy { .. } | Error::StartedDuringReset { .. } => ErrorKind::StateImproper,
            _ => ErrorKind::Internal,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// This ferry's version record (`version`, and the `version` section of `info`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VersionInfo {
    pub version: &'static str,
    pub os_arch: String,
    pub os: &'static str,
}

impl VersionInfo {
    pub fn current() -> VersionInfo {
        VersionInfo {
            version: env!("CARGO_PKG_VERSION"),
            os_arch: format!("linux/{}", crate::image::manifest::host_arch()),
            os: "linux",
        }
    }
}

/// What `system prune` removes besides the leftovers of interrupted work.
#[derive(Debug, Clone, Copy, Default)]
pub struct PruneOptions {
    /// Every image no container uses, not only dangling ones.
    pub all: bool,
    /// The volumes no container uses too.
    pub volumes: bool,
}

/// What `system prune` removed.
#[derive(Debug, Clone, Default)]
pub struct Pruned {
    pub images: Vec<Digest>,
    pub volumes: Vec<String>,
    /// Bytes freed by the volumes and the content nothing referenced any more.
    pub reclaimed: u64,
}

/// `system prune`: image prune, volume prune with `volumes`, then the content nothing
/// references (including what interrupted downloads, unpacks and container removals left: see
/// `gc::collect`). Returns what was removed and how it went: what a later step's failure
/// leaves behind was removed all the same. Rootless callers are in the user namespace.
pub fn prune(store: &Store, options: PruneOptions) -> (Pruned, Result<()>) {
    let mut pruned = Pruned::default();
    let result = (|| {
        pruned.images = super::image::prune_images(store, options.all, &[])?;
        if options.volumes {
            let volumes = super::volume::prune(store, &[])?;
            pruned.volumes = volumes.names;
            pruned.reclaimed += volumes.bytes;
        }
        pruned.reclaimed += gc::collect(store).map_err(Error::Collect)?.bytes;
        Ok(())
    })();
    (pruned, result)
}
