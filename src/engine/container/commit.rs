//! Committing a container: a new image from its changes (its upper directory, or with squash
//! its whole filesystem) and the configuration it was run with, as Podman commits.

use serde_json::Value;

use super::error::{Error, Result};
use crate::image::apply::ApplyOptions;
use crate::image::commit::pause::Paused;
use crate::image::commit::{CommitChange, CommitOptions, ImageFormat, apply_commit_changes, commit_image};
use crate::image::diff;
use crate::image::lookup;
use crate::image::manifest::{History, RunConfig};
use crate::store::containers::{ContainerRecord, Status, is_alive};
use crate::store::{Digest, Store};

/// What to commit and how.
#[derive(Debug, Clone, Default)]
pub struct CommitContainerOptions {
    /// Dockerfile-style changes applied to the configuration.
    pub changes: Vec<CommitChange>,
    pub format: ImageFormat,
    /// The image's names (none: an unnamed image).
    pub names: Vec<String>,
    /// One layer with the whole filesystem instead of the container's changes.
    pub squash: bool,
    pub author: Option<String>,
    /// The commit message (Docker format only).
    pub message: Option<String>,
}

/// A container ready to be committed: paused when it runs and pausing was asked for (it runs
/// again when this is dropped).
pub struct CommitSource {
    pub record: ContainerRecord,
    paused: Option<Paused>,
}

/// Looks the container up and, if it runs and `pause`, pauses it. Rootless, call it before
/// entering the user namespace, from where the container's processes that run as other ids could
/// no longer be signalled; then [`commit`] inside it.
pub fn prepare(store: &Store, name: &str, pause: bool) -> Result<CommitSource> {
    let rec = store.containers().lookup(name)?;
    let state = store.containers().refresh(&rec)?;
    let running = state.status == Status::Running && is_alive(&state);
    let paused = match (running && pause, state.pid) {
        (true, Some(pid)) => Some(Paused::pause(pid).map_err(|source| Error::Pause {
            name: rec.name.clone(),
            source,
        })?),
        _ => None,
    };
    Ok(CommitSource { record: rec, paused })
}

/// Writes the image; returns its id. Warnings go to `warn` as they come. Rootless, the caller
/// is in the user namespace.
pub fn commit(
    store: &Store,
    apply: &ApplyOptions,
    source: CommitSource,
    opts: &CommitContainerOptions,
    warn: &mut dyn FnMut(&str),
) -> Result<Digest> {
    let rec = &source.record;
    let _lock = store
        .content_lock()
        .map_err(crate::store::containers::ContainerError::from)?;
    let parent = lookup::find(store, rec.image_id.hex())
        .and_then(|r| lookup::open(store, &r))
        .map_err(|source| Error::CommitParent {
            name: rec.name.clone(),
            source: Box::new(source),
        })?;
    let spec_path = store.containers().config_path(&rec.id);
    let spec_error = |source: Box<dyn std::error::Error + Send + Sync>| Error::ReadSpec {
        path: spec_path.clone(),
        source,
    };
    let spec: Value = serde_json::from_slice(&std::fs::read(&spec_path).map_err(|e| spec_error(e.into()))?)
        .map_err(|e| spec_error(e.into()))?;
    let lowers = diff::container_lowers(store, rec.top_layer.as_ref())?;
    let exclude = diff::mount_destinations(&spec_path)?;
    let upper = store.containers().diff_dir(&rec.id);
    let layer = if opts.squash {
        let mut all = vec![upper];
        all.extend(lowers);
        diff::store_squashed(store, &all, &exclude)
    } else {
        diff::store_layer(store, &upper, &lowers, &exclude)
    }
    .map_err(|source| Error::CommitLayer {
        name: rec.name.clone(),
        source,
    })?;
    if let Some(p) = source.paused {
        p.resume();
    }

    let image_config = parent.config.run_config();
    let mut config = container_config(&image_config, &spec);
    apply_commit_changes(&mut config, &opts.changes);
    let author = opts.author.clone().filter(|a| !a.is_empty());
    let history = History {
        created: None,
        // What Podman (buildah) records for a commit.
        created_by: Some("/bin/sh".to_string()),
        author: author.clone(),
        comment: Some(format!("FROM {}", rec.image_name)),
        empty_layer: false,
    };
    // Docker's image config carries the commit message as its top-level `comment`; a parent's
    // comment does not describe this image.
    let mut base = parent.clone();
    base.config.extra.remove("comment");
    if opts.squash {
        // One layer with the whole filesystem: the parent's history stays, as entries without layers.
        base.manifest.layers.clear();
        base.config.rootfs.diff_ids.clear();
        for h in &mut base.config.history {
            h.empty_layer = true;
        }
    }
    match (&opts.message, opts.format) {
        (Some(m), ImageFormat::Docker) => {
            base.config
                .extra
                .insert("comment".to_string(), Value::String(m.clone()));
        }
        (Some(m), ImageFormat::Oci) => warn(&format!(
            "COMMENT is not supported for OCI image format, comment {m} will be ignored. Must use `docker` format"
        )),
        (None, _) => {}
    }
    let image = CommitOptions {
        parent: Some(&base),
        layer: Some(&layer),
        config,
        history: vec![history],
        author,
        format: opts.format,
        names: &opts.names,
    };
    let mut warnings = Vec::new();
    let id = commit_image(store, &image, apply, &mut warnings);
    warnings.iter().for_each(|w| warn(w));
    id.map_err(|source| Error::Commit {
        name: rec.name.clone(),
        source,
    })
}

/// The image's runtime config with what the container was run with, as Podman commits it: its
/// environment, working directory and command.
fn container_config(image: &RunConfig, spec: &Value) -> RunConfig {
    let mut config = image.clone();
    let process = &spec["process"];
    let strings = |v: &Value| -> Option<Vec<String>> {
        v.as_array()
            .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
    };
    if let Some(env) = strings(&process["env"]) {
        let image_env = image.env.clone().unwrap_or_default();
        let image_has = |k: &str| {
            image_env
                .iter()
                .any(|e| e.split_once('=').map_or(e.as_str(), |(ek, _)| ek) == k)
        };
        // HOSTNAME and a default HOME are ferry's per-container additions, not the image's.
        let env: Vec<String> = env
            .into_iter()
            .filter(|e| {
                let key = e.split_once('=').map_or(e.as_str(), |(k, _)| k);
                key != "HOSTNAME" && (key != "HOME" || image_has("HOME"))
            })
            .collect();
        config.env = Some(env);
    }
    if let Some(cwd) = process["cwd"].as_str().filter(|c| !c.is_empty()) {
        config.working_dir = Some(cwd.to_string());
    }
    if let Some(args) = strings(&process["args"]).filter(|a| !a.is_empty()) {
        let entrypoint = image.entrypoint.clone().unwrap_or_default();
        if args.starts_with(&entrypoint) {
            let cmd = args[entrypoint.len()..].to_vec();
            if !cmd.is_empty() {
                config.cmd = Some(cmd);
            }
        } else {
            // The entrypoint was overridden: its first word, then the arguments.
            config.entrypoint = Some(args[..1].to_vec());
            config.cmd = Some(args[1..].to_vec());
        }
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn config_from_the_container() {
        let image = RunConfig {
            env: Some(s(&["PATH=/bin"])),
            entrypoint: Some(s(&["/entry"])),
            cmd: Some(s(&["default"])),
            ..Default::default()
        };
        let spec = json!({"process": {
            "args": ["/entry", "sh", "-c", "x"],
            "env": ["PATH=/bin", "FOO=bar", "HOSTNAME=abc", "HOME=/root", "TERM=xterm"],
            "cwd": "/tmp"
        }});
        let c = container_config(&image, &spec);
        assert_eq!(c.env, Some(s(&["PATH=/bin", "FOO=bar", "TERM=xterm"])));
        assert_eq!(c.entrypoint, Some(s(&["/entry"])));
        assert_eq!(c.cmd, Some(s(&["sh", "-c", "x"])));
        assert_eq!(c.working_dir.as_deref(), Some("/tmp"));

        let overridden = json!({"process": {"args": ["/bin/other", "-v"]}});
        let c = container_config(&image, &overridden);
        assert_eq!((c.entrypoint, c.cmd), (Some(s(&["/bin/other"])), Some(s(&["-v"]))));

        // Only the entrypoint ran: the image's CMD stays.
        let bare = json!({"process": {"args": ["/entry"]}});
        assert_eq!(container_config(&image, &bare).cmd, Some(s(&["default"])));

        // Hostile specs change nothing rather than fail.
        for bad in [
            json!({}),
            json!({"process": 5}),
            json!({"process": {"args": [], "env": "x", "cwd": 3}}),
        ] {
            assert_eq!(container_config(&image, &bad), image);
        }
    }
}
