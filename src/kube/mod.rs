//! Kubernetes YAML for `kube play` and `kube generate`, without the engine: the typed objects
//! (`model`), reading manifests with located errors (`parse`), the plan `kube play` executes
//! (`play`), the objects `kube generate` builds from inspect data (`generate`) and the YAML it
//! writes (`emit`).
//!
//! Entry points for the engine layer:
//! - reading: [`parse_file`], [`parse_reader`], [`parse_bytes`], [`parse_str`] → [`Manifest`]
//!   (objects in order plus warnings for fields without local meaning);
//! - playing: [`play::plan`] (a [`Manifest`] and [`play::PlayOptions`] → [`play::Plan`]: pods
//!   with their containers named `<pod>-<container>`, env resolved, publications, mounts,
//!   volumes and secrets to create);
//! - generating: [`generate::pod`], [`generate::deployment`], [`generate::daemon_set`],
//!   [`generate::service`], [`generate::persistent_volume_claim`] from plain descriptions, then
//!   [`emit::manifest`] for the text.

pub mod emit;
mod fields;
pub mod generate;
pub mod model;
mod parse;
pub mod play;
pub mod quantity;
mod validate;

use std::path::PathBuf;

pub use model::{Kind, Object};
pub use parse::{Document, Location, Manifest, Warning, limits, parse_bytes, parse_file, parse_reader, parse_str};

/// Why a manifest could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("reading {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("reading {source_name}: {error}")]
    ReadStream { source_name: String, error: std::io::Error },
    #[error("{source_name}: input is larger than {limit} bytes")]
    TooLarge { source_name: String, limit: usize },
    #[error("{source_name}: not UTF-8 text")]
    NotUtf8 { source_name: String },
    /// Invalid YAML or input past the limits; `document` is counted from the `---` lines.
    #[error("{error} (document {document})")]
    Yaml { document: usize, error: crate::yaml::Error },
    #[error("{at}kind {kind:?} is not supported (supported kinds: {})", supported_kinds())]
    UnsupportedKind { at: Box<Location>, kind: String },
    /// A wrong type, an unknown or refused key, or a value Kubernetes would reject.
    #[error("{at}{message}")]
    Invalid { at: Box<Location>, message: String },
}

fn supported_kinds() -> String {
    Kind::ALL.map(Kind::name).join(", ")
}
