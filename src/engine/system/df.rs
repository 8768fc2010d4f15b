//! `system df`: the space images and volumes take (containers take none of their own yet).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::{Error, Result};
use crate::engine::volume::{self, VolumeUsage};
use crate::image::manifest::ImageConfig;
use crate::store::layers::chain_id;
use crate::store::{Digest, Store};

/// One image's share of the layers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageUsage {
    pub id: Digest,
    pub names: Vec<String>,
    pub created: Option<DateTime<Utc>>,
    /// Its layers' uncompressed sizes (a layer not unpacked takes none).
    pub size: u64,
    /// The part of `size` in layers other images use too.
    pub shared: u64,
    /// The containers made from it.
    pub containers: usize,
}

/// The space the store's images and volumes take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskUsage {
    pub images: Vec<ImageUsage>,
    /// The images' distinct layers, each counted once.
    pub images_size: u64,
    pub volumes: Vec<VolumeUsage>,
}

pub fn df(store: &Store) -> Result<DiskUsage> {
    let (images, images_size) = image_usage(store)?;
    Ok(DiskUsage {
        images,
        images_size,
        volumes: volume::usage(store)?,
    })
}

/// Each image's size and the part of it shared with other images, plus the total over
/// distinct layers.
fn image_usage(store: &Store) -> Result<(Vec<ImageUsage>, u64)> {
    let mut layer_users: BTreeMap<Digest, (u64, usize)> = BTreeMap::new();
    let mut per_image = Vec::new();
    for rec in store.images().list().map_err(Error::Index)? {
        let config: Option<ImageConfig> = store
            .blobs()
            .read(&rec.id)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok());
        let created = config
            .as_ref()
            .and_then(|c| c.created.as_deref())
            .and_then(|c| DateTime::parse_from_rfc3339(c).ok())
            .map(|c| c.with_timezone(&Utc));
        let mut chains = Vec::new();
        let mut parent: Option<Digest> = None;
        for diff in config.iter().flat_map(|c| &c.rootfs.diff_ids) {
            let chain = chain_id(parent.as_ref(), diff);
            // A layer not unpacked (yet) takes no space.
            let size = store.layers().get(&chain).map(|l| l.size).unwrap_or(0);
            let entry = layer_users.entry(chain.clone()).or_insert((size, 0));
            entry.1 += 1;
            chains.push(chain.clone());
            parent = Some(chain);
        }
        per_image.push((rec, created, chains));
    }
    let images = per_image
        .into_iter()
        .map(|(rec, created, chains)| {
            let mut size = 0;
            let mut shared = 0;
            for c in &chains {
                let (s, users) = layer_users[c];
                size += s;
                if users > 1 {
                    shared += s;
                }
            }
            ImageUsage {
                id: rec.id,
                names: rec.names,
                created,
                size,
                shared,
                containers: 0,
            }
        })
        .collect();
    let total = layer_users.values().map(|(s, _)| s).sum();
    Ok((images, total))
}
