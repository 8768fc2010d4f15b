//! `history`: an image's history entries with the size each added.

use super::Error;
use crate::image::lookup;
use crate::store::layers::chain_id;
use crate::store::{Digest, Store};

/// An image's history, newest entry first.
#[derive(Debug, Clone)]
pub struct ImageHistory {
    pub id: Digest,
    pub names: Vec<String>,
    pub entries: Vec<HistoryEntry>,
}

/// One history entry; `size` is that of the layer it added (0 for an empty layer).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryEntry {
    pub created: Option<String>,
    pub created_by: Option<String>,
    pub comment: Option<String>,
    pub size: u64,
}

/// The history of the image `input` selects. An image without history entries gets one empty
/// entry per layer.
pub fn history(store: &Store, input: &str) -> Result<ImageHistory, Error> {
    let rec = lookup::find(store, input)?;
    let img = lookup::open(store, &rec)?;
    // Sizes of the non-empty history entries come from the layers, in order.
    let mut sizes = Vec::new();
    let mut parent: Option<Digest> = None;
    for (i, d) in img.config.rootfs.diff_ids.iter().enumerate() {
        let chain = chain_id(parent.as_ref(), d);
        sizes.push(
            store
                .layers()
                .get(&chain)
                .map(|l| l.size)
                .unwrap_or_else(|_| img.manifest.layers.get(i).map(|l| l.size).unwrap_or(0)),
        );
        parent = Some(chain);
    }
    let mut history = img.config.history.clone();
    if history.is_empty() {
        history = img.config.rootfs.diff_ids.iter().map(|_| Default::default()).collect();
    }
    let mut layer = 0;
    let mut entries: Vec<HistoryEntry> = history
        .into_iter()
        .map(|h| {
            let size = if h.empty_layer {
                0
            } else {
                let s = sizes.get(layer).copied().unwrap_or(0);
                layer += 1;
                s
            };
            HistoryEntry {
                created: h.created,
                created_by: h.created_by,
                comment: h.comment,
                size,
            }
        })
        .collect();
    entries.reverse();
    Ok(ImageHistory {
        id: rec.id,
        names: rec.names,
        entries,
    })
}
