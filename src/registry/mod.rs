//! The OCI distribution API: a synchronous client (ping, auth challenges and tokens, TLS), and
//! pull and push built on it.

pub mod auth;
pub mod client;
pub mod endpoint;
pub mod pull;
pub mod push;
pub mod tls;

use std::path::PathBuf;

use crate::store::{Digest, StoreError};

/// Errors talking to a registry; each names the registry (and repository or blob) involved.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// The registry answered with an error status; `message` is decoded from its error body
    /// (`manifest unknown`, `unauthorized: authentication required`, ...).
    #[error("{operation}: {message}")]
    Api {
        registry: String,
        /// What was being done, naming the repository, tag or blob: `reading manifest latest in quay.io/x/y`.
        operation: String,
        status: u16,
        message: String,
    },
    /// The registry could not be reached or the connection failed (DNS, refused, timeout, TLS).
    #[error("{operation}: {message}")]
    Transport {
        registry: String,
        operation: String,
        message: String,
    },
    /// The registry answered something that breaks the protocol (bad JSON, missing header, redirect
    /// loop, oversized manifest).
    #[error("{operation}: {message}")]
    Protocol {
        registry: String,
        operation: String,
        message: String,
    },
    #[error("{operation}: digest mismatch: expected {expected}, got {actual}")]
    DigestMismatch {
        registry: String,
        operation: String,
        expected: Digest,
        actual: Digest,
    },
    #[error(
        "{operation}: Docker schema1 manifests are not supported (a deprecated format): push the image again with a current tool"
    )]
    Schema1 { registry: String, operation: String },
    #[error("registry {registry} is blocked in registries.conf")]
    Blocked { registry: String },
    #[error("invalid registry location {location:?} for {reference}: {reason}")]
    Location {
        reference: String,
        location: String,
        reason: String,
    },
    /// An auth.json file that cannot be used; never includes credentials.
    #[error("{path}: {message}")]
    AuthFile { path: PathBuf, message: String },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// A certificate or key in certs.d (or `--cert-dir`) that cannot be used.
    #[error("{path}: {message}")]
    Certificate { path: PathBuf, message: String },
    #[error("invalid registry {input:?}: expected host[:port][/namespace]")]
    InvalidRegistry { input: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl RegistryError {
    /// The HTTP status of an error response, for callers that treat some specially (404 → try
    /// the next registry, 401 after sending credentials → wrong password).
    pub fn status(&self) -> Option<u16> {
        match self {
            RegistryError::Api { status, .. } => Some(*status),
            _ => None,
        }
    }
}
