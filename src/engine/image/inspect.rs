//! `image inspect`: Podman's image object as a typed value.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::Error;
use crate::image::lookup::{self, LocalImage};
use crate::image::manifest::History;
use crate::image::reference::Reference;
use crate::store::images::ImageRecord;
use crate::store::layers::chain_id;
use crate::store::{Digest, Store};

/// Podman's `image inspect` object (field order as Podman prints it).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ImageInspect {
    pub id: String,
    pub digest: String,
    pub repo_tags: Vec<String>,
    pub repo_digests: Vec<String>,
    pub parent: String,
    pub comment: String,
    pub created: Option<String>,
    /// The runtime config as stored (an empty object when the image has none).
    pub config: Value,
    pub version: Value,
    pub author: String,
    pub architecture: String,
    pub os: String,
    pub variant: Option<String>,
    pub size: u64,
    pub virtual_size: u64,
    pub graph_driver: GraphDriver,
    #[serde(rename = "RootFS")]
    pub root_fs: RootFsInfo,
    pub labels: Option<BTreeMap<String, String>>,
    pub annotations: BTreeMap<String, String>,
    pub manifest_type: String,
    pub user: String,
    pub history: Vec<History>,
    pub names_history: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GraphDriver {
    pub name: String,
    pub data: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RootFsInfo {
    #[serde(rename = "Type")]
    pub kind: String,
    pub layers: Vec<Digest>,
}

/// The image `input` selects, inspected.
pub fn inspect(store: &Store, input: &str) -> Result<ImageInspect, Error> {
    let rec = lookup::find(store, input)?;
    let image = lookup::open(store, &rec)?;
    Ok(inspect_image(store, &image))
}

/// An image already opened, inspected.
pub fn inspect_image(store: &Store, image: &LocalImage) -> ImageInspect {
    let r = &image.record;
    let cfg = &image.config;
    let run = cfg.run_config();
    let size = image_size(store, image);
    let lowers = top_chain(image)
        .and_then(|top| store.layers().chain_dirs(&top).ok())
        .map(|dirs| {
            dirs.iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(":")
        })
        .unwrap_or_default();
    let mut config = serde_json::to_value(&run).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut config
        && m.is_empty()
    {
        config = Value::Object(serde_json::Map::new());
    }
    ImageInspect {
        id: r.id.hex().to_string(),
        digest: r.manifest.digest.to_string(),
        repo_tags: r.names.clone(),
        repo_digests: repo_digests(r),
        parent: String::new(),
        comment: cfg.history.last().and_then(|h| h.comment.clone()).unwrap_or_default(),
        created: cfg.created.clone(),
        config,
        version: cfg
            .extra
            .get("docker_version")
            .cloned()
            .unwrap_or(Value::String(String::new())),
        author: cfg.author.clone().unwrap_or_default(),
        architecture: cfg.architecture.clone(),
        os: cfg.os.clone(),
        variant: cfg.variant.clone(),
        size,
        virtual_size: size,
        graph_driver: GraphDriver {
            name: "overlay".to_string(),
            data: BTreeMap::from([("LowerDir".to_string(), lowers)]),
        },
        root_fs: RootFsInfo {
            kind: cfg.rootfs.kind.clone(),
            layers: cfg.rootfs.diff_ids.clone(),
        },
        labels: run.labels.clone(),
        annotations: image.manifest.annotations.clone().unwrap_or_default(),
        manifest_type: image.manifest.kind().to_string(),
        user: run.user.clone().unwrap_or_default(),
        history: cfg.history.clone(),
        names_history: r.names.clone(),
    }
}

/// Uncompressed size of an image's layers (falling back to blob sizes for layers not unpacked).
pub fn image_size(store: &Store, image: &LocalImage) -> u64 {
    let mut parent: Option<Digest> = None;
    let mut total = 0;
    for (i, diff) in image.config.rootfs.diff_ids.iter().enumerate() {
        let chain = chain_id(parent.as_ref(), diff);
        total += match store.layers().get(&chain) {
            Ok(info) => info.size,
            Err(_) => image.manifest.layers.get(i).map(|l| l.size).unwrap_or(0),
        };
        parent = Some(chain);
    }
    total
}

/// `repo@sha256:…` for each repository the image is named in.
pub fn repo_digests(r: &ImageRecord) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in &r.names {
        if let Ok(rf) = Reference::parse(n) {
            let d = format!("{}@{}", rf.name(), r.manifest.digest);
            if !out.contains(&d) {
                out.push(d);
            }
        }
    }
    out
}

fn top_chain(image: &LocalImage) -> Option<Digest> {
    let mut parent: Option<Digest> = None;
    for d in &image.config.rootfs.diff_ids {
        parent = Some(chain_id(parent.as_ref(), d));
    }
    parent
}
