//! Finding local images by name, short name, id or id prefix, and reading their manifest and config.

use super::manifest::{ImageConfig, Manifest};
use super::reference::{Reference, matches_short};
use crate::config::ConfigError;
use crate::config::registries::RegistriesConf;
use crate::store::images::ImageRecord;
use crate::store::{Digest, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    #[error("{0}: image not known")]
    NotKnown(String),
    #[error("{input}: short id is ambiguous: it matches {count} images")]
    Ambiguous { input: String, count: usize },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("image {id}: invalid {what} {digest}: {source}")]
    Json {
        id: String,
        what: &'static str,
        digest: Digest,
        source: serde_json::Error,
    },
}

pub type Result<T, E = LookupError> = std::result::Result<T, E>;

/// Set on the `index.json` entry of an image pulled from an image index or manifest list: the
/// index's digest, so `repo@<index digest>` finds the image as it does on the registry.
pub const INDEX_DIGEST_ANNOTATION: &str = "io.ferry.index.digest";

/// An image with its manifest and config read from the store.
#[derive(Debug, Clone)]
pub struct LocalImage {
    pub record: ImageRecord,
    pub manifest: Manifest,
    pub config: ImageConfig,
}

/// Finds one image by what a user typed: a full or short name (`busybox`, `busybox:1.36`,
/// `localhost/app`), `name@sha256:…`, a full id (with or without `sha256:`) or a unique id prefix.
pub fn find(store: &Store, input: &str) -> Result<ImageRecord> {
    let records = store.images().list()?;
    find_in(&records, input).cloned()
}

/// The same over an already read list.
pub fn find_in<'a>(records: &'a [ImageRecord], input: &str) -> Result<&'a ImageRecord> {
    let not_known = || LookupError::NotKnown(input.to_string());
    let hex = input.strip_prefix("sha256:").unwrap_or(input);
    let is_hex =
        !hex.is_empty() && hex.len() <= 64 && hex.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
    if is_hex {
        let hits: Vec<&ImageRecord> = records.iter().filter(|r| r.id.hex().starts_with(hex)).collect();
        match hits.len() {
            1 => return Ok(hits[0]),
            0 if input.starts_with("sha256:") => {
                if let Some(r) = records.iter().find(|r| r.manifest.digest.hex() == hex) {
                    return Ok(r);
                }
                return Err(not_known());
            }
            0 => {}
            n => {
                return Err(LookupError::Ambiguous {
                    input: input.to_string(),
                    count: n,
                });
            }
        }
    }
    if Reference::is_short_name(input) {
        // Podman's order: localhost/, then the unqualified-search-registries of registries.conf,
        // then docker.io, then any repository suffix match.
        let mut candidates: Vec<Reference> = Reference::parse_local(input).into_iter().collect();
        if Reference::parse(input).is_ok() {
            candidates.extend(RegistriesConf::load()?.resolve_short_name(input)?);
        }
        candidates.extend(Reference::parse(input));
        for candidate in &candidates {
            if let Some(r) = find_exact(records, candidate) {
                return Ok(r);
            }
        }
        for r in records {
            for n in &r.names {
                if let Ok(stored) = Reference::parse(n)
                    && matches_short(&stored, input)
                {
                    return Ok(r);
                }
            }
        }
        return Err(not_known());
    }
    let Ok(reference) = Reference::parse(input) else {
        return Err(not_known());
    };
    find_exact(records, &reference).ok_or_else(not_known)
}

fn find_exact<'a>(records: &'a [ImageRecord], want: &Reference) -> Option<&'a ImageRecord> {
    if let Some(d) = &want.digest {
        let index_digest = d.to_string();
        return records.iter().find(|r| {
            (&r.manifest.digest == d
                || r.manifest
                    .annotations
                    .as_ref()
                    .is_some_and(|a| a.get(INDEX_DIGEST_ANNOTATION) == Some(&index_digest)))
                && r.names
                    .iter()
                    .any(|n| Reference::parse(n).map(|s| s.name() == want.name()).unwrap_or(false))
        });
    }
    let full = want.to_string();
    records.iter().find(|r| r.names.contains(&full))
}

/// The stored name that `input` selected (`busybox` → `docker.io/library/busybox:latest`), or
/// `None` when the input named the image by id.
pub fn selected_name(record: &ImageRecord, input: &str) -> Option<String> {
    for c in [Reference::parse_local(input), Reference::parse(input)]
        .into_iter()
        .flatten()
    {
        let s = c.to_string();
        if record.names.contains(&s) {
            return Some(s);
        }
    }
    record
        .names
        .iter()
        .find(|n| Reference::parse(n).is_ok_and(|r| matches_short(&r, input)))
        .cloned()
}

/// Reads an image's manifest and config.
pub fn open(store: &Store, record: &ImageRecord) -> Result<LocalImage> {
    // A concurrent `rmi` may remove the image between listing and reading it.
    let vanished = |e: StoreError| match e {
        StoreError::BlobUnknown(_) => LookupError::NotKnown(record.id.hex().to_string()),
        e => e.into(),
    };
    let mdata = store.blobs().read(&record.manifest.digest).map_err(vanished)?;
    let manifest: Manifest = serde_json::from_slice(&mdata).map_err(|source| LookupError::Json {
        id: record.id.short().to_string(),
        what: "manifest",
        digest: record.manifest.digest.clone(),
        source,
    })?;
    let cdata = store.blobs().read(&manifest.config.digest).map_err(vanished)?;
    let config: ImageConfig = serde_json::from_slice(&cdata).map_err(|source| LookupError::Json {
        id: record.id.short().to_string(),
        what: "config",
        digest: manifest.config.digest.clone(),
        source,
    })?;
    Ok(LocalImage {
        record: record.clone(),
        manifest,
        config,
    })
}
