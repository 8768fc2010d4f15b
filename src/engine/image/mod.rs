//! Image operations: look up, name, remove, list, inspect, prune, save, load, import, pull,
//! push and build. Typed options in, typed reports out; multi-image operations report per
//! image. The caller enters the rootless user namespace first where an operation unpacks or
//! removes layers (noted on each function).

mod archive;
mod build;
mod history;
mod inspect;
mod list;
mod names;
mod prune;
mod pull;
mod push;

pub use archive::{ArchiveFormat, ImportRequest, LoadedImage, import, load, save, save_to_file};
pub use build::{BuildRequest, ContainerfileSource, ContextSource, build};
pub use history::{HistoryEntry, ImageHistory, history};
pub use inspect::{GraphDriver, ImageInspect, RootFsInfo, image_size, inspect, inspect_image, repo_digests};
pub use list::{ImageListing, ImageSummary, ListFilter, list};
pub use names::{RemoveOptions, Removed, exists, remove, remove_all, tag, untag};
pub use prune::{PruneFilter, prune, prune_images};
pub use pull::{PullMode, Pulled, pull};
pub use push::{PushRequest, parse_destination, push};

use std::path::PathBuf;

use super::container::ErrorKind;
use crate::build::executor::BuildError;
use crate::image::archive::ArchiveError;
use crate::image::gc::GcError;
use crate::image::import::ImportError;
use crate::image::lookup::LookupError;
use crate::image::reference::ReferenceError;
use crate::registry::RegistryError;
use crate::registry::pull::PullError;
use crate::registry::push::PushError;
use crate::store::StoreError;
use crate::store::containers::ContainerError;

/// One result per image (or name) of a multi-image operation, in the order given.
pub type PerItem<T> = Vec<(String, Result<T, Error>)>;

/// Why an image operation failed; each variant names the image, name or path involved.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The image (or name) is not in local storage, or a short id is ambiguous.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    #[error("image used by {container}: image is in use by a container")]
    InUse { id: String, container: String },
    #[error("unable to delete image {id:?} by ID with more than one tag ({names:?}): please force removal")]
    ManyNames { id: String, names: Vec<String> },
    #[error("{name}: tag can't be used with a digest")]
    TagWithDigest { name: String },
    #[error("{name}: tag not known")]
    TagNotKnown { name: String },
    #[error(transparent)]
    Reference(#[from] ReferenceError),
    #[error("invalid filter {filter:?}: {reason}")]
    InvalidFilter { filter: String, reason: String },
    #[error("tagging {id} as {name}")]
    Tag {
        id: String,
        name: String,
        #[source]
        source: StoreError,
    },
    #[error("reading image {id}")]
    Open {
        id: String,
        #[source]
        source: Box<LookupError>,
    },
    #[error("reading the config of image {id}")]
    Config { id: String },
    #[error("reading the image index")]
    Index(#[source] StoreError),
    #[error("listing images")]
    ListImages(#[source] StoreError),
    #[error("updating the image index")]
    UpdateIndex(#[source] StoreError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Containers(#[from] ContainerError),
    #[error("removing unused layers")]
    RemoveLayers(#[source] GcError),
    #[error("removing unreferenced content")]
    Collect(#[source] GcError),
    #[error("clearing the build cache")]
    ClearCache(#[source] StoreError),
    #[error("creating {path}")]
    Create {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("renaming {from} to {to}")]
    Rename {
        from: PathBuf,
        to: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("writing {target}")]
    Write {
        target: String,
        #[source]
        source: std::io::Error,
    },
    #[error("saving to {path}")]
    SaveTo {
        path: PathBuf,
        #[source]
        source: Box<Error>,
    },
    #[error(transparent)]
    Archive(#[from] ArchiveError),
    #[error("loading {source_name}")]
    Load {
        source_name: String,
        #[source]
        source: Box<ArchiveError>,
    },
    #[error("importing {source_name}")]
    Import {
        source_name: String,
        #[source]
        source: Box<ImportError>,
    },
    #[error(transparent)]
    Pull(#[from] PullError),
    #[error("invalid destination {input:?}")]
    InvalidDestination {
        input: String,
        #[source]
        source: ReferenceError,
    },
    #[error("{input}: unsupported transport {transport:?}: push writes only to registries (docker://)")]
    UnsupportedTransport { input: String, transport: String },
    #[error("{source_name}: no destination given and the image was not selected by one of its names")]
    NoDestination { source_name: String },
    #[error("{destination}: registries.conf gives no registry to push to")]
    NoPushRegistry { destination: String },
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error("pushing {source_name} to {destination}")]
    Push {
        source_name: String,
        destination: String,
        #[source]
        source: Box<PushError>,
    },
    #[error(transparent)]
    Build(#[from] BuildError),
    #[error("reading the build context from standard input")]
    BuildContextStdin(#[source] crate::build::context::ContextError),
    #[error(transparent)]
    BuildContext(#[from] crate::build::context::ContextError),
    #[error("no Containerfile or Dockerfile specified or found in context directory {context}: reading {path}")]
    NoContainerfile {
        context: PathBuf,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Parse(#[from] crate::build::parser::ParseError),
}

impl Error {
    /// What kind of failure this is, for front ends that map failures to codes (the kinds the
    /// container operations use: a missing image is `NotFound`, one a container uses is
    /// `StateImproper`).
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Lookup(LookupError::NotKnown(_)) | Error::TagNotKnown { .. } => ErrorKind::NotFound,
            Error::InUse { .. } | Error::ManyNames { .. } => ErrorKind::StateImproper,
            Error::Lookup(LookupError::Ambiguous { .. })
            | Error::TagWithDigest { .. }
            | Error::Reference(_)
            | Error::InvalidFilter { .. }
            | Error::InvalidDestination { .. }
            | Error::UnsupportedTransport { .. }
            | Error::NoDestination { .. } => ErrorKind::InvalidArgument,
            _ => ErrorKind::Internal,
        }
    }
}
