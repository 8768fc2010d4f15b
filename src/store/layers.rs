//! Unpacked layers, one directory per layer chain, ready to be overlayfs lower directories.
//!
//! `overlay/<chain-hex>/diff` holds the layer's files (whiteouts as 0/0 character devices,
//! opaque directories marked with the overlay xattr); `overlay/<chain-hex>/layer.json` records
//! what it is. `overlay/l/<link>` is a short symlink to `../<chain-hex>/diff`. A layer directory
//! is built under a `.tmp-` name and renamed into place only when complete.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::digest::{Digest, to_hex};
use super::{Result, Store, StoreError, atomic, io_err};

/// Number of hex characters of the chain id used for the short link name.
const LINK_LEN: usize = 20;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct LayerInfo {
    /// sha256 over the parent's chain id and this layer's diff id (OCI "ChainID").
    pub chain_id: Digest,
    /// sha256 of the uncompressed tar stream.
    pub diff_id: Digest,
    pub parent: Option<Digest>,
    /// Short name under `overlay/l/`.
    pub link: String,
    /// Size of the uncompressed tar stream.
    pub size: u64,
}

/// The OCI chain id: `sha256(parent_chain + " " + diff_id)`, or the diff id for a base layer.
pub fn chain_id(parent: Option<&Digest>, diff_id: &Digest) -> Digest {
    match parent {
        None => diff_id.clone(),
        Some(p) => {
            let s = format!("{p} {diff_id}");
            Digest::from_hex(&to_hex(&Sha256::digest(s.as_bytes()))).expect("sha256 hex is valid")
        }
    }
}

pub struct LayerStore<'a> {
    store: &'a Store,
}

/// A layer being unpacked: `dir()` is where its files go.
pub struct PendingLayer {
    top: PathBuf,
}

impl PendingLayer {
    /// The directory the layer's files are applied into.
    pub fn dir(&self) -> PathBuf {
        self.top.join("diff")
    }
    /// The whole temp tree (to be removed on failure, inside the user namespace when rootless).
    pub fn path(&self) -> &Path {
        &self.top
    }
}

impl<'a> LayerStore<'a> {
    pub(super) fn new(store: &'a Store) -> Self {
        LayerStore { store }
    }

    pub fn dir(&self, chain: &Digest) -> PathBuf {
        self.store.layers_dir().join(chain.hex())
    }

    /// The unpacked files of a layer.
    pub fn diff_dir(&self, chain: &Digest) -> PathBuf {
        self.dir(chain).join("diff")
    }

    pub fn has(&self, chain: &Digest) -> bool {
        self.dir(chain).join("layer.json").exists()
    }

    pub fn get(&self, chain: &Digest) -> Result<LayerInfo> {
        let p = self.dir(chain).join("layer.json");
        let data = fs::read(&p).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                StoreError::LayerUnknown(chain.clone())
            } else {
                StoreError::Io {
                    path: p.clone(),
                    source: e,
                }
            }
        })?;
        serde_json::from_slice(&data).map_err(|source| StoreError::Json { path: p, source })
    }

    /// Starts a new layer directory under a temporary name.
    pub fn begin(&self) -> Result<PendingLayer> {
        let top = self.store.layers_dir().join(atomic::unique_name(".tmp-"));
        fs::create_dir(&top).map_err(io_err(&top))?;
        let diff = top.join("diff");
        fs::create_dir(&diff).map_err(io_err(&diff))?;
        Ok(PendingLayer { top })
    }

    /// Records the layer and renames it into place. Returns `Ok(false)` when another process
    /// committed the same chain first; the caller then discards `pending`.
    pub fn commit(
        &self,
        pending: &PendingLayer,
        parent: Option<&Digest>,
        diff_id: &Digest,
        size: u64,
    ) -> Result<(LayerInfo, bool)> {
        let chain = chain_id(parent, diff_id);
        let info = LayerInfo {
            chain_id: chain.clone(),
            diff_id: diff_id.clone(),
            parent: parent.cloned(),
            link: chain.hex()[..LINK_LEN].to_string(),
            size,
        };
        if self.has(&chain) {
            return Ok((info, false));
        }
        let json = serde_json::to_vec_pretty(&info).expect("layer info serializes");
        atomic::write_file(&pending.top.join("layer.json"), &json, 0o644)?;
        let link = self.store.layers_dir().join("l").join(&info.link);
        match std::os::unix::fs::symlink(format!("../{}/diff", chain.hex()), &link) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(StoreError::Io { path: link, source: e }),
        }
        let dest = self.dir(&chain);
        match fs::rename(&pending.top, &dest) {
            Ok(()) => {}
            // Lost a race with another process unpacking the same chain.
            Err(e) if matches!(e.raw_os_error(), Some(libc::ENOTEMPTY) | Some(libc::EEXIST)) => {
                return Ok((info, false));
            }
            Err(e) => return Err(StoreError::Io { path: dest, source: e }),
        }
        atomic::sync_dir(&self.store.layers_dir())?;
        Ok((info, true))
    }

    /// The chain's diff directories from the top layer down, for lower-layer lookups.
    pub fn chain_dirs(&self, top: &Digest) -> Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        let mut cur = Some(top.clone());
        while let Some(c) = cur {
            let info = self.get(&c)?;
            out.push(self.diff_dir(&c));
            cur = info.parent;
        }
        Ok(out)
    }

    /// Paths to delete to remove a layer: its link, then its directory. The caller deletes the
    /// directory (inside the user namespace when rootless, since files belong to mapped ids).
    pub fn unlink(&self, info: &LayerInfo) -> Result<PathBuf> {
        let link = self.store.layers_dir().join("l").join(&info.link);
        match fs::remove_file(&link) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::Io { path: link, source: e }),
        }
        // Rename first so a half-deleted layer is never visible under its final name.
        let dir = self.dir(&info.chain_id);
        let doomed = self.store.layers_dir().join(atomic::unique_name(".tmp-rm-"));
        fs::rename(&dir, &doomed).map_err(io_err(&dir))?;
        Ok(doomed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_id_matches_oci_definition() {
        let a = Digest::of_bytes(b"a");
        let b = Digest::of_bytes(b"b");
        assert_eq!(chain_id(None, &a), a);
        let expect = Digest::of_bytes(format!("{a} {b}").as_bytes());
        assert_eq!(chain_id(Some(&a), &b), expect);
    }
}
