//! Where a stage's changes go: a fresh overlay upper directory per step (or one shared by the
//! stage with `--layers=false` and squash), turned into a layer by `image::diff` and unpacked into
//! the layer store so the next step can stack on it.

use std::path::{Path, PathBuf};

use super::{Exec, Result, Shared, StageRun, StepResult, now};
use crate::build::cache::StepState;
use crate::image::diff;
use crate::image::manifest::History;
use crate::image::unpack;
use crate::store::images::Descriptor;
use crate::store::{Digest, atomic};

impl Exec<'_> {
    /// Where a changing step writes: its own upper directory, or the stage's shared one.
    pub(super) fn workspace(
        &mut self,
        run: &StageRun,
        name: &str,
    ) -> StepResult<(PathBuf, PathBuf, PathBuf, Option<Digest>)> {
        self.need_userns()?;
        let scratch = self
            .tmp
            .join(format!("{name}-{}", crate::store::atomic::unique_name("")));
        atomic::create_dir_all(&scratch, 0o755)?;
        Ok(match &run.shared {
            Some(s) => (s.upper.clone(), s.work.clone(), scratch, s.base.clone()),
            None => {
                let (u, w) = (scratch.join("upper"), scratch.join("work"));
                atomic::create_dir_all(&u, 0o755)?;
                atomic::create_dir_all(&w, 0o755)?;
                (u, w, scratch, run.state.top.clone())
            }
        })
    }

    pub(super) fn lower_dirs(&self, top: &Option<Digest>) -> StepResult<Vec<PathBuf>> {
        Ok(match top {
            Some(t) => self.store.layers().chain_dirs(t)?,
            None => Vec::new(),
        })
    }

    /// Absolute overlay lower paths (short links) for `top`, never empty.
    pub(super) fn lower_links(&self, top: &Option<Digest>) -> StepResult<Vec<PathBuf>> {
        let mut out = Vec::new();
        let mut cur = top.clone();
        while let Some(c) = cur {
            let info = self.store.layers().get(&c)?;
            out.push(self.store.layers_dir().join("l").join(&info.link));
            cur = info.parent;
        }
        if out.is_empty() {
            out.push(self.empty.clone());
        }
        Ok(out)
    }

    /// Turns a step's upper directory into a layer on top of the stage (or, with a shared upper,
    /// only records the history entry).
    pub(super) fn add_layer(
        &mut self,
        run: &mut StageRun,
        upper: &Path,
        base: &Option<Digest>,
        exclude: Vec<PathBuf>,
        created_by: String,
    ) -> StepResult<()> {
        let created = now();
        let mut state = run.state.clone();
        state.config.created = Some(created.clone());
        state.config.history.push(History {
            created: Some(created),
            created_by: Some(created_by),
            empty_layer: run.shared.is_some(),
            ..Default::default()
        });
        if let Some(s) = &mut run.shared {
            s.last_change = Some(state.config.history.len() - 1);
            s.exclude.extend(exclude);
            run.state = state;
            return Ok(());
        }
        let lowers = self.lower_dirs(base)?;
        let stored = diff::store_layer(self.store, upper, &lowers, &exclude)?;
        let info = unpack::unpack_layer(
            self.store,
            base.as_ref(),
            &stored.blob.digest,
            Some(&stored.diff_id),
            &self.opts.apply,
            &mut self.warnings,
        )?;
        state.layers.push(Descriptor::new(
            stored.media_type,
            stored.blob.digest.clone(),
            stored.blob.size,
        ));
        state.config.rootfs.diff_ids.push(stored.diff_id);
        state.top = Some(info.chain_id);
        run.state = state;
        Ok(())
    }

    /// Commits a stage's shared upper directory as its one new layer.
    pub(super) fn finish_shared(&mut self, state: &mut StepState, shared: Shared) -> Result<()> {
        let Some(idx) = shared.last_change else {
            return Ok(());
        };
        self.need_userns()?;
        let lowers = match &shared.base {
            Some(t) => self.store.layers().chain_dirs(t)?,
            None => Vec::new(),
        };
        let stored = diff::store_layer(self.store, &shared.upper, &lowers, &shared.exclude)?;
        let info = unpack::unpack_layer(
            self.store,
            shared.base.as_ref(),
            &stored.blob.digest,
            Some(&stored.diff_id),
            &self.opts.apply,
            &mut self.warnings,
        )?;
        state.layers.push(Descriptor::new(
            stored.media_type,
            stored.blob.digest.clone(),
            stored.blob.size,
        ));
        state.config.rootfs.diff_ids.push(stored.diff_id);
        state.config.history[idx].empty_layer = false;
        state.top = Some(info.chain_id);
        Ok(())
    }
}
