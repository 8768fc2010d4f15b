//! One registry's HTTP API (`/v2/…`): keep-alive connections, bounded timeouts, retries with
//! backoff on connection errors and 5xx/429 (honouring `Retry-After`), bearer/basic auth with
//! tokens cached per scope, registry error bodies turned into clear messages, blob redirects
//! followed without forwarding `Authorization`.

use std::io::Read;
use std::path::PathBuf;

use crate::store::Digest;

/// How to reach and authenticate to registries; built by commands from flags and config files.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    /// `--tls-verify`: `Some(false)` allows plain HTTP and unverified TLS; `None` follows
    /// registries.conf (`insecure = true`).
    pub tls_verify: Option<bool>,
    /// `--creds user[:pass]`.
    pub creds: Option<super::auth::Credentials>,
    /// `--authfile`: read (and for login/logout, write) only this file.
    pub authfile: Option<PathBuf>,
    /// `--cert-dir`: use this directory instead of the certs.d search path.
    pub cert_dir: Option<PathBuf>,
}

/// A fetched manifest or index, verified against the digest when fetched by digest.
#[derive(Debug, Clone)]
pub struct FetchedManifest {
    pub data: Vec<u8>,
    pub media_type: String,
    pub digest: Digest,
}

/// A client for one registry host (`host[:port]`).
pub struct Client {
    // Filled in by the implementation: agent, base URL (https or http), credentials, token cache.
}

impl Client {
    /// Connects lazily; `insecure` (from registries.conf) allows HTTP and unverified TLS.
    pub fn new(registry: &str, insecure: bool, opts: &ClientOptions) -> Result<Client, super::RegistryError> {
        let _ = (registry, insecure, opts);
        unimplemented!()
    }

    /// `GET /v2/`: checks reachability and credentials (used by login).
    pub fn ping(&self) -> Result<(), super::RegistryError> {
        unimplemented!()
    }

    /// `GET /v2/<repo>/manifests/<reference>` accepting OCI and Docker schema2 manifests and
    /// indexes. Refuses schema1 with a clear message. Bounded in size.
    pub fn get_manifest(&self, repo: &str, reference: &str) -> Result<FetchedManifest, super::RegistryError> {
        let _ = (repo, reference);
        unimplemented!()
    }

    /// `GET /v2/<repo>/blobs/<digest>` as a stream (the caller verifies while reading).
    pub fn get_blob(&self, repo: &str, digest: &Digest) -> Result<Box<dyn Read + Send>, super::RegistryError> {
        let _ = (repo, digest);
        unimplemented!()
    }

    /// `HEAD /v2/<repo>/blobs/<digest>`.
    pub fn blob_exists(&self, repo: &str, digest: &Digest) -> Result<bool, super::RegistryError> {
        let _ = (repo, digest);
        unimplemented!()
    }

    /// Cross-repository mount; `Ok(false)` when the registry started an upload instead.
    pub fn mount_blob(&self, repo: &str, digest: &Digest, from: &str) -> Result<bool, super::RegistryError> {
        let _ = (repo, digest, from);
        unimplemented!()
    }

    /// Uploads a blob: monolithic when `chunk_size` is None, else PATCH chunks then PUT.
    pub fn upload_blob(
        &self,
        repo: &str,
        digest: &Digest,
        size: u64,
        data: &mut dyn Read,
        chunk_size: Option<u64>,
    ) -> Result<(), super::RegistryError> {
        let _ = (repo, digest, size, data, chunk_size);
        unimplemented!()
    }

    /// `PUT /v2/<repo>/manifests/<reference>`; returns the digest the registry reports.
    pub fn put_manifest(
        &self,
        repo: &str,
        reference: &str,
        media_type: &str,
        data: &[u8],
    ) -> Result<Digest, super::RegistryError> {
        let _ = (repo, reference, media_type, data);
        unimplemented!()
    }

    /// `GET /v2/<repo>/tags/list`, following pagination.
    pub fn list_tags(&self, repo: &str) -> Result<Vec<String>, super::RegistryError> {
        let _ = repo;
        unimplemented!()
    }
}
