//! The end of a build: the target stage's state written as an image by the image writer
//! (`image::commit::write_image`), squashed into one layer first with `--squash-all`.

use std::collections::BTreeMap;

use super::{BuildError, Built, Exec, Result, now};
use crate::build::cache::StepState;
use crate::build::workspace;
use crate::image::commit::{WriteOptions, write_image};
use crate::image::diff;
use crate::image::manifest::RunConfig;
use crate::image::unpack;
use crate::store::atomic;
use crate::store::images::Descriptor;

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
        let id = write_image(
            self.store,
            &config,
            state.layers.clone(),
            &WriteOptions {
                format: self.opts.format,
                annotations: Some(self.opts.annotations.clone()),
                names: &self.opts.names,
            },
        )?;
        Ok(Built {
            id,
            names: self.opts.names.clone(),
        })
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
