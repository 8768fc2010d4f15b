//! The end of a build: the target stage's state written as an image (config and manifest
//! blobs, the index entry with its names), squashed into one layer first with `--squash-all`.

use std::collections::BTreeMap;

use super::{BuildError, Built, Exec, Format, Result, now};
use crate::build::cache::StepState;
use crate::build::workspace;
use crate::image::diff;
use crate::image::manifest::{MEDIA_OCI_CONFIG, Manifest, RunConfig};
use crate::image::unpack;
use crate::store::images::{Descriptor, MEDIA_DOCKER_MANIFEST, MEDIA_OCI_MANIFEST};
use crate::store::{Digest, atomic};

const MEDIA_DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
const MEDIA_DOCKER_LAYER: &str = "application/vnd.docker.image.rootfs.diff.tar";
const MEDIA_DOCKER_LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";

impl Exec<'_> {
    /// Writes the final image: config and manifest blobs, the index entry with the names.
    pub(super) fn commit(&mut self, mut state: StepState) -> Result<Built> {
        if self.opts.squash_all && state.layers.len() > 1 {
            state = self.squash_all(state)?;
        }
        let mut config = state.config.clone();
        if !self.opts.labels.is_empty() {
            let rc = config.config.get_or_insert_with(RunConfig::default);
            let labels = rc.labels.get_or_insert_with(BTreeMap::new);
            labels.extend(self.opts.labels.clone());
        }
        if config.created.is_none() {
            config.created = Some(now());
        }
        self.progress.commit(&self.opts.names);
        let (manifest_type, config_type) = match self.opts.format {
            Format::Oci => (MEDIA_OCI_MANIFEST, MEDIA_OCI_CONFIG),
            Format::Docker => (MEDIA_DOCKER_MANIFEST, MEDIA_DOCKER_CONFIG),
        };
        let cdata = serde_json::to_vec(&config).expect("config serializes");
        let cinfo = self.put_blob(&cdata)?;
        let layers: Vec<Descriptor> = state
            .layers
            .iter()
            .map(|l| {
                let mut l = l.clone();
                if self.opts.format == Format::Docker {
                    l.media_type = match l.media_type.as_str() {
                        crate::image::manifest::MEDIA_OCI_LAYER => MEDIA_DOCKER_LAYER.into(),
                        crate::image::manifest::MEDIA_OCI_LAYER_GZIP => MEDIA_DOCKER_LAYER_GZIP.into(),
                        _ => l.media_type,
                    };
                }
                l
            })
            .collect();
        let mut manifest = Manifest::oci(Descriptor::new(config_type, cinfo.digest, cinfo.size), layers);
        manifest.media_type = Some(manifest_type.to_string());
        if !self.opts.annotations.is_empty() {
            manifest.annotations = Some(self.opts.annotations.clone());
        }
        let mdata = serde_json::to_vec(&manifest).expect("manifest serializes");
        let minfo = self.put_blob(&mdata)?;
        let descriptor = Descriptor::new(manifest_type, minfo.digest, minfo.size);
        // A fully cached rebuild usually finds the image already there with its names: leave
        // index.json alone then (updating it costs a lock and an fsync).
        let unchanged = self
            .store
            .images()
            .list()?
            .into_iter()
            .any(|r| r.manifest.digest == descriptor.digest && self.opts.names.iter().all(|n| r.names.contains(n)));
        let id = if unchanged {
            self.store.images().image_id(&descriptor.digest)?
        } else {
            self.store.images().add(descriptor, &self.opts.names)?
        };
        Ok(Built {
            id,
            names: self.opts.names.clone(),
        })
    }

    /// Stores a small blob unless it is already there.
    fn put_blob(&self, data: &[u8]) -> Result<crate::store::blobs::BlobInfo> {
        let digest = Digest::of_bytes(data);
        if self.store.blobs().has(&digest) {
            return Ok(crate::store::blobs::BlobInfo {
                digest,
                size: data.len() as u64,
            });
        }
        Ok(self.store.blobs().put_bytes(data, None)?)
    }

    /// The whole image as one layer: the merged tree of all layers, written as a layer over nothing.
    fn squash_all(&mut self, mut state: StepState) -> Result<StepState> {
        self.need_userns()?;
        let lowers = self.lower_links(&state.top).map_err(|e| BuildError::Step {
            location: self.file.file.clone(),
            step: "squash".into(),
            source: Box::new(e),
        })?;
        let merged = self.tmp.join("squash");
        atomic::create_dir_all(&merged, 0o755)?;
        let mut all = lowers;
        all.push(self.empty.clone());
        let m = workspace::mount_overlay(&merged, &all, None, self.opts.userns.is_some())?;
        let stored = diff::store_layer(self.store, m.path(), &[], &[])?;
        drop(m);
        let info = unpack::unpack_layer(
            self.store,
            None,
            &stored.blob.digest,
            Some(&stored.diff_id),
            &self.opts.apply,
            &mut self.warnings,
        )?;
        state.layers = vec![Descriptor::new(
            stored.media_type,
            stored.blob.digest.clone(),
            stored.blob.size,
        )];
        state.config.rootfs.diff_ids = vec![stored.diff_id];
        let n = state.config.history.len();
        for (i, h) in state.config.history.iter_mut().enumerate() {
            h.empty_layer = i + 1 != n;
        }
        state.top = Some(info.chain_id);
        Ok(state)
    }
}
