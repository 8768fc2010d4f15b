//! Image names and roots: the OCI layout's `index.json`.
//!
//! Each image is a manifest (its id is the digest of its config, as in Podman and Docker). A
//! named image has one `index.json` entry per name, carrying the name in the
//! `org.opencontainers.image.ref.name` annotation; an image without names keeps one entry
//! without that annotation (a "dangling" image). Anything not reachable from `index.json` is
//! garbage.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use serde::{Deserialize, Serialize};

use super::digest::Digest;
use super::layers::chain_id;
use super::{Result, Store, StoreError, atomic, io_err, lock};

pub const REF_NAME: &str = "org.opencontainers.image.ref.name";
pub const EMPTY_INDEX: &str =
    r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#;

pub const MEDIA_OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const MEDIA_OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const MEDIA_DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const MEDIA_DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Platform {
    pub architecture: String,
    pub os: String,
    #[serde(rename = "os.version", default, skip_serializing_if = "Option::is_none")]
    pub os_version: Option<String>,
    #[serde(rename = "os.features", default, skip_serializing_if = "Option::is_none")]
    pub os_features: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
}

/// An OCI content descriptor.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Descriptor {
    pub media_type: String,
    pub digest: Digest,
    pub size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urls: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artifact_type: Option<String>,
}

impl Descriptor {
    pub fn new(media_type: &str, digest: Digest, size: u64) -> Descriptor {
        Descriptor {
            media_type: media_type.to_string(),
            digest,
            size,
            urls: None,
            annotations: None,
            platform: None,
            artifact_type: None,
        }
    }

    pub fn ref_name(&self) -> Option<&str> {
        self.annotations.as_ref()?.get(REF_NAME).map(String::as_str)
    }

    fn with_name(&self, name: Option<&str>) -> Descriptor {
        let mut d = self.clone();
        let mut ann = d.annotations.take().unwrap_or_default();
        ann.remove(REF_NAME);
        if let Some(n) = name {
            ann.insert(REF_NAME.to_string(), n.to_string());
        }
        d.annotations = if ann.is_empty() { None } else { Some(ann) };
        d
    }
}

/// An OCI image index (`index.json`, or a multi-platform index blob).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Index {
    pub schema_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    pub manifests: Vec<Descriptor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<BTreeMap<String, String>>,
}

/// One image in the store.
#[derive(Debug, Clone)]
pub struct ImageRecord {
    /// The config digest.
    pub id: Digest,
    pub manifest: Descriptor,
    /// Full names (`docker.io/library/busybox:latest`), in index order.
    pub names: Vec<String>,
}

/// The fields of a manifest the store needs for reachability.
#[derive(Deserialize)]
struct ManifestRefs {
    #[serde(default)]
    config: Option<DigestOnly>,
    #[serde(default)]
    layers: Vec<DigestOnly>,
    #[serde(default)]
    manifests: Vec<DigestOnly>,
}

#[derive(Deserialize)]
struct DigestOnly {
    digest: Digest,
}

#[derive(Deserialize)]
struct ConfigRootfs {
    rootfs: RootfsIds,
}

#[derive(Deserialize)]
struct RootfsIds {
    #[serde(default)]
    diff_ids: Vec<Digest>,
}

pub struct ImageStore<'a> {
    store: &'a Store,
}

/// What a garbage collection must keep.
#[derive(Debug, Default)]
pub struct Reachable {
    pub blobs: BTreeSet<Digest>,
    pub layers: BTreeSet<Digest>,
}

impl<'a> ImageStore<'a> {
    pub(super) fn new(store: &'a Store) -> Self {
        ImageStore { store }
    }

    pub fn read_index(&self) -> Result<Index> {
        let p = self.store.oci_dir().join("index.json");
        let data = fs::read(&p).map_err(io_err(&p))?;
        serde_json::from_slice(&data).map_err(|source| StoreError::Json { path: p, source })
    }

    /// Reads, modifies and atomically replaces `index.json` under the index lock.
    pub fn update<T>(&self, f: impl FnOnce(&mut Index) -> Result<T>) -> Result<T> {
        let _l = lock::lock(&self.store.root().join("index.lock"), lock::Mode::Exclusive)?;
        let mut idx = self.read_index()?;
        let out = f(&mut idx)?;
        let p = self.store.oci_dir().join("index.json");
        let json = serde_json::to_vec(&idx).expect("index serializes");
        atomic::write_file(&p, &json, 0o644)?;
        Ok(out)
    }

    /// The config digest of a stored manifest (the image id).
    pub fn image_id(&self, manifest: &Digest) -> Result<Digest> {
        let data = self.store.blobs().read(manifest)?;
        let m: ManifestRefs = serde_json::from_slice(&data).map_err(|source| StoreError::Json {
            path: self.store.blobs().path(manifest),
            source,
        })?;
        m.config.map(|c| c.digest).ok_or_else(|| StoreError::Corrupt {
            path: self.store.blobs().path(manifest),
            message: "manifest has no config".into(),
        })
    }

    /// Every image, grouped by id, in order of first appearance in `index.json`.
    pub fn list(&self) -> Result<Vec<ImageRecord>> {
        let idx = self.read_index()?;
        group(&idx, |d| self.image_id(d))
    }

    /// Adds an image whose manifest and blobs are already stored, giving it `names` (taken
    /// away from any other image that had them). An image with the same id keeps its manifest.
    pub fn add(&self, manifest: Descriptor, names: &[String]) -> Result<Digest> {
        let id = self.image_id(&manifest.digest)?;
        self.update(|idx| {
            let records = group(idx, |d| self.image_id(d))?;
            let base = records
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.manifest.clone())
                .unwrap_or(manifest);
            let mut records = records;
            for r in records.iter_mut() {
                r.names.retain(|n| !names.contains(n));
            }
            match records.iter_mut().find(|r| r.id == id) {
                Some(r) => r.names.extend(names.iter().cloned()),
                None => records.push(ImageRecord {
                    id: id.clone(),
                    manifest: base,
                    names: names.to_vec(),
                }),
            }
            idx.manifests = flatten(&records);
            Ok(())
        })?;
        Ok(id)
    }

    /// Gives image `id` the additional name `name`.
    pub fn tag(&self, id: &Digest, name: &str) -> Result<()> {
        self.update(|idx| {
            let mut records = group(idx, |d| self.image_id(d))?;
            if !records.iter().any(|r| &r.id == id) {
                return Err(StoreError::Corrupt {
                    path: self.store.oci_dir(),
                    message: format!("image {} vanished", id.short()),
                });
            }
            for r in records.iter_mut() {
                r.names.retain(|n| n != name);
                if &r.id == id {
                    r.names.push(name.to_string());
                }
            }
            idx.manifests = flatten(&records);
            Ok(())
        })
    }

    /// Removes `name` from image `id`; returns whether it had that name. Works on a full disk
    /// (see `Store::freeing`).
    pub fn untag(&self, id: &Digest, name: &str) -> Result<bool> {
        self.store.freeing(|| self.untag_once(id, name))
    }

    fn untag_once(&self, id: &Digest, name: &str) -> Result<bool> {
        self.update(|idx| {
            let mut records = group(idx, |d| self.image_id(d))?;
            let mut found = false;
            for r in records.iter_mut().filter(|r| &r.id == id) {
                let before = r.names.len();
                r.names.retain(|n| n != name);
                found |= r.names.len() != before;
            }
            idx.manifests = flatten(&records);
            Ok(found)
        })
    }

    /// Removes image `id` and all its names; returns whether it existed. Works on a full disk
    /// (see `Store::freeing`).
    pub fn remove(&self, id: &Digest) -> Result<bool> {
        self.store.freeing(|| self.remove_once(id))
    }

    fn remove_once(&self, id: &Digest) -> Result<bool> {
        self.update(|idx| {
            let mut records = group(idx, |d| self.image_id(d))?;
            let before = records.len();
            records.retain(|r| &r.id != id);
            idx.manifests = flatten(&records);
            Ok(records.len() != before)
        })
    }

    /// Blobs and layer chains reachable from `index.json`. Only stable while holding the gc lock.
    pub fn reachable(&self) -> Result<Reachable> {
        let idx = self.read_index()?;
        let mut out = Reachable::default();
        let mut todo: Vec<Digest> = idx.manifests.iter().map(|d| d.digest.clone()).collect();
        while let Some(d) = todo.pop() {
            if !out.blobs.insert(d.clone()) {
                continue;
            }
            let Ok(data) = self.store.blobs().read(&d) else {
                continue;
            };
            let Ok(m) = serde_json::from_slice::<ManifestRefs>(&data) else {
                continue;
            };
            todo.extend(m.manifests.into_iter().map(|x| x.digest));
            out.blobs.extend(m.layers.into_iter().map(|x| x.digest));
            if let Some(c) = m.config {
                out.blobs.insert(c.digest.clone());
                if let Ok(cfg) = self.store.blobs().read(&c.digest)
                    && let Ok(cfg) = serde_json::from_slice::<ConfigRootfs>(&cfg)
                {
                    let mut parent: Option<Digest> = None;
                    for diff in &cfg.rootfs.diff_ids {
                        let chain = chain_id(parent.as_ref(), diff);
                        out.layers.insert(chain.clone());
                        parent = Some(chain);
                    }
                }
            }
        }
        Ok(out)
    }
}

/// Groups index entries into images by id (config digest).
fn group(idx: &Index, id_of: impl Fn(&Digest) -> Result<Digest>) -> Result<Vec<ImageRecord>> {
    let mut out: Vec<ImageRecord> = Vec::new();
    let mut ids: BTreeMap<Digest, Digest> = BTreeMap::new();
    for d in &idx.manifests {
        let id = match ids.get(&d.digest) {
            Some(id) => id.clone(),
            None => match id_of(&d.digest) {
                Ok(id) => {
                    ids.insert(d.digest.clone(), id.clone());
                    id
                }
                // Readers take no lock: the image was removed (and its manifest collected) after we
                // read index.json. Under the index lock this drops an entry whose manifest is gone.
                Err(StoreError::BlobUnknown(_)) => continue,
                Err(e) => return Err(e),
            },
        };
        let rec = match out.iter_mut().position(|r| r.id == id) {
            Some(i) => &mut out[i],
            None => {
                out.push(ImageRecord {
                    id,
                    manifest: d.with_name(None),
                    names: Vec::new(),
                });
                out.last_mut().expect("just pushed")
            }
        };
        if let Some(n) = d.ref_name()
            && !rec.names.iter().any(|x| x == n)
        {
            rec.names.push(n.to_string());
        }
    }
    Ok(out)
}

fn flatten(records: &[ImageRecord]) -> Vec<Descriptor> {
    let mut out = Vec::new();
    for r in records {
        if r.names.is_empty() {
            out.push(r.manifest.with_name(None));
        }
        for n in &r.names {
            out.push(r.manifest.with_name(Some(n)));
        }
    }
    out
}
