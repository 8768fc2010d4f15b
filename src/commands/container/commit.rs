//! `ferry commit`: a new image from a container's changes.

use std::path::Path;

use anyhow::{Context as _, Result, bail};
use serde_json::Value;

use crate::cli::CommitArgs;
use crate::commands::{Context, ExitStatus, warn};
use crate::image::commit::pause::Paused;
use crate::image::commit::{
    CommitChange, CommitOptions, ImageFormat, apply_commit_changes, commit_image, parse_commit_change,
};
use crate::image::diff;
use crate::image::lookup;
use crate::image::manifest::{History, RunConfig};
use crate::image::reference::Reference;
use crate::store::containers::{Status, is_alive};

pub fn exec(ctx: &mut Context, args: CommitArgs) -> Result<ExitStatus> {
    // Everything the user typed is checked before anything is paused or written.
    let changes = args
        .change
        .iter()
        .map(|c| parse_commit_change(c))
        .collect::<Result<Vec<CommitChange>, _>>()?;
    let format: ImageFormat = args.format.parse()?;
    let names = match &args.image {
        Some(name) => {
            let r = Reference::parse_local(name).with_context(|| format!("invalid image name {name:?}"))?;
            if r.digest.is_some() {
                bail!("invalid image name {name:?}: an image cannot be committed to a digest reference");
            }
            vec![r.to_string()]
        }
        None => Vec::new(),
    };
    let store = ctx.store()?.clone();
    let rec = store.containers().lookup(&args.container)?;
    let state = store.containers().refresh(&rec)?;
    let running = state.status == Status::Running && is_alive(&state);
    // Stopped before entering the user namespace, from where the container's processes that run
    // as other ids could no longer be signalled.
    let paused = match (running && args.pause, state.pid) {
        (true, Some(pid)) => Some(Paused::pause(pid).with_context(|| format!("pausing container {}", rec.name))?),
        _ => None,
    };
    ctx.enter_userns()?;
    let apply = ctx.apply_options();
    let _lock = store.content_lock()?;
    let parent = lookup::find(&store, rec.image_id.hex())
        .and_then(|r| lookup::open(&store, &r))
        .with_context(|| format!("the image of container {}", rec.name))?;
    let spec_path = store.containers().config_path(&rec.id);
    let spec: Value =
        serde_json::from_slice(&std::fs::read(&spec_path).with_context(|| format!("reading {}", spec_path.display()))?)
            .with_context(|| format!("reading {}", spec_path.display()))?;
    let lowers = diff::container_lowers(&store, rec.top_layer.as_ref())?;
    let exclude = diff::mount_destinations(&spec_path)?;
    let upper = store.containers().diff_dir(&rec.id);
    let layer = if args.squash {
        let mut all = vec![upper];
        all.extend(lowers);
        diff::store_squashed(&store, &all, &exclude)
    } else {
        diff::store_layer(&store, &upper, &lowers, &exclude)
    }
    .with_context(|| format!("writing the changes of container {}", rec.name))?;
    if let Some(p) = paused {
        p.resume();
    }

    let image_config = parent.config.run_config();
    let mut config = container_config(&image_config, &spec);
    apply_commit_changes(&mut config, &changes);
    let mut warnings = Vec::new();
    let author = args.author.clone().filter(|a| !a.is_empty());
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
    if args.squash {
        // One layer with the whole filesystem: the parent's history stays, as entries without layers.
        base.manifest.layers.clear();
        base.config.rootfs.diff_ids.clear();
        for h in &mut base.config.history {
            h.empty_layer = true;
        }
    }
    match (&args.message, format) {
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
    let opts = CommitOptions {
        parent: Some(&base),
        layer: Some(&layer),
        config,
        history: vec![history],
        author,
        format,
        names: &names,
    };
    let id = commit_image(&store, &opts, &apply, &mut warnings);
    for w in &warnings {
        warn(w);
    }
    let id = id.with_context(|| format!("committing container {}", rec.name))?;
    if let Some(f) = &args.iidfile {
        write_iidfile(f, &id.to_string())?;
    }
    println!("{}", id.hex());
    Ok(ExitStatus::SUCCESS)
}

fn write_iidfile(path: &Path, id: &str) -> Result<()> {
    std::fs::write(path, id).with_context(|| format!("writing the image id to {}", path.display()))
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
