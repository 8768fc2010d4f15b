//! Turns layer blobs into unpacked layer directories, once per layer chain.

use std::io::BufReader;
use std::path::{Path, PathBuf};

use super::apply::{ApplyError, ApplyOptions, apply_layer};
use super::manifest::{ImageConfig, Manifest, decompress};
use crate::store::layers::{LayerInfo, PendingLayer, chain_id};
use crate::store::{Digest, Store, StoreError, atomic};

#[derive(Debug, thiserror::Error)]
pub enum UnpackError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("layer {blob}: {source}")]
    Apply { blob: Digest, source: ApplyError },
    #[error("layer {blob}: reading {path}: {source}")]
    Read {
        blob: Digest,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("layer {blob} unpacks to diff id {actual}, but the image config says {expected}")]
    DiffIdMismatch {
        blob: Digest,
        expected: Digest,
        actual: Digest,
    },
    #[error("manifest lists {layers} layers but the config lists {diff_ids} diff ids")]
    LayerCount { layers: usize, diff_ids: usize },
}

pub type Result<T, E = UnpackError> = std::result::Result<T, E>;

/// Unpacks a stored blob (plain, gzip or zstd tar) as the layer above `parent`. When
/// `expected_diff_id` is given and its chain is already unpacked, nothing is read.
pub fn unpack_layer(
    store: &Store,
    parent: Option<&Digest>,
    blob: &Digest,
    expected_diff_id: Option<&Digest>,
    opts: &ApplyOptions,
    warnings: &mut Vec<String>,
) -> Result<LayerInfo> {
    if let Some(diff) = expected_diff_id {
        let chain = chain_id(parent, diff);
        if store.layers().has(&chain) {
            return Ok(store.layers().get(&chain)?);
        }
    }
    let path = store.blobs().path(blob);
    let file = store.blobs().open(blob)?;
    let read_err = |source| UnpackError::Read {
        blob: blob.clone(),
        path: path.clone(),
        source,
    };
    let mut tar = decompress(BufReader::with_capacity(256 * 1024, file)).map_err(read_err)?;
    unpack_stream(store, parent, &mut tar, blob, expected_diff_id, opts, warnings)
}

/// Unpacks an uncompressed tar stream as the layer above `parent`. `what` names the layer in errors.
pub fn unpack_stream(
    store: &Store,
    parent: Option<&Digest>,
    tar: &mut dyn std::io::Read,
    what: &Digest,
    expected_diff_id: Option<&Digest>,
    opts: &ApplyOptions,
    warnings: &mut Vec<String>,
) -> Result<LayerInfo> {
    stage_stream(store, parent, tar, what, expected_diff_id, opts, warnings)?.commit()
}

/// A layer applied under a temporary name with its diff id checked, not yet visible in the store:
/// the caller can verify something else first (a download's compressed digest) before
/// [`StagedLayer::commit`]. Dropping it removes the files.
pub struct StagedLayer<'a> {
    store: &'a Store,
    pending: Option<PendingLayer>,
    parent: Option<Digest>,
    diff_id: Digest,
    size: u64,
}

impl StagedLayer<'_> {
    /// Renames the layer into place (or, when another process committed the same chain first,
    /// discards this copy) and returns the stored layer.
    pub fn commit(mut self) -> Result<LayerInfo> {
        let pending = self.pending.take().expect("pending until commit or drop");
        let res = self
            .store
            .layers()
            .commit(&pending, self.parent.as_ref(), &self.diff_id, self.size);
        match res {
            Ok((info, true)) => Ok(info),
            Ok((info, false)) => {
                remove_tree(pending.path());
                Ok(info)
            }
            Err(e) => {
                remove_tree(pending.path());
                Err(e.into())
            }
        }
    }
}

impl Drop for StagedLayer<'_> {
    fn drop(&mut self) {
        if let Some(p) = self.pending.take() {
            remove_tree(p.path());
        }
    }
}

/// Applies an uncompressed tar stream as the layer above `parent` without committing it.
pub fn stage_stream<'a>(
    store: &'a Store,
    parent: Option<&Digest>,
    tar: &mut dyn std::io::Read,
    what: &Digest,
    expected_diff_id: Option<&Digest>,
    opts: &ApplyOptions,
    warnings: &mut Vec<String>,
) -> Result<StagedLayer<'a>> {
    let layers = store.layers();
    let lowers: Vec<PathBuf> = match parent {
        Some(p) => layers.chain_dirs(p)?,
        None => Vec::new(),
    };
    let pending = layers.begin()?;
    let result = (|| {
        let report = apply_layer(tar, &pending.dir(), &lowers, opts).map_err(|source| UnpackError::Apply {
            blob: what.clone(),
            source,
        })?;
        if let Some(exp) = expected_diff_id
            && exp != &report.diff_id
        {
            return Err(UnpackError::DiffIdMismatch {
                blob: what.clone(),
                expected: exp.clone(),
                actual: report.diff_id,
            });
        }
        Ok(report)
    })();
    match result {
        Ok(report) => {
            warnings.extend(report.warnings);
            Ok(StagedLayer {
                store,
                pending: Some(pending),
                parent: parent.cloned(),
                diff_id: report.diff_id,
                size: report.size,
            })
        }
        Err(e) => {
            remove_tree(pending.path());
            Err(e)
        }
    }
}

/// Makes sure every layer of an image is unpacked; returns the top chain id.
pub fn unpack_image(
    store: &Store,
    manifest: &Manifest,
    config: &ImageConfig,
    opts: &ApplyOptions,
    warnings: &mut Vec<String>,
) -> Result<Option<Digest>> {
    if manifest.layers.len() != config.rootfs.diff_ids.len() {
        return Err(UnpackError::LayerCount {
            layers: manifest.layers.len(),
            diff_ids: config.rootfs.diff_ids.len(),
        });
    }
    let mut parent: Option<Digest> = None;
    for (layer, diff) in manifest.layers.iter().zip(&config.rootfs.diff_ids) {
        let info = unpack_layer(store, parent.as_ref(), &layer.digest, Some(diff), opts, warnings)?;
        parent = Some(info.chain_id);
    }
    Ok(parent)
}

/// Best-effort removal of an abandoned tree; anything left is garbage that `system prune` removes.
fn remove_tree(path: &Path) {
    let _ = atomic::remove_tree(path);
}
