//! `ferry diff`: what a container changed in its filesystem, or what an image's top layer
//! changed over the layers below it.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use serde_json::{Map, Value};

use crate::cli::DiffArgs;
use crate::commands::{Context, ExitStatus};
use crate::image::diff::{self, ChangeKind};
use crate::image::lookup;
use crate::output;
use crate::store::containers::ContainerError;
use crate::store::layers::chain_id;
use crate::store::{Digest, Store};

pub fn exec(ctx: &mut Context, args: DiffArgs) -> Result<ExitStatus> {
    let json = match args.format.as_deref() {
        None => false,
        Some(f) if output::is_json(f) => true,
        Some(f) => bail!("invalid --format {f:?}: only json is supported"),
    };
    // Container files belong to the container's ids: read them as the container sees them.
    ctx.enter_userns()?;
    let store = ctx.store()?.clone();
    let (upper, lowers, exclude) = match store.containers().lookup(&args.target) {
        Ok(rec) => {
            let lowers = diff::container_lowers(&store, rec.top_layer.as_ref())?;
            let config = store.containers().config_path(&rec.id);
            // A spec that is missing (a container being created) has no mounts to hide yet.
            let exclude = if config.exists() {
                diff::mount_destinations(&config)?
            } else {
                Vec::new()
            };
            (store.containers().diff_dir(&rec.id), lowers, exclude)
        }
        Err(ContainerError::NotFound(_)) => match image_layers(&store, &args.target)? {
            Some((upper, lowers)) => (upper, lowers, Vec::new()),
            None => return print(&[], json),
        },
        Err(e) => return Err(e.into()),
    };
    let changes = diff::changes(&upper, &lowers, &exclude).with_context(|| format!("comparing {}", args.target))?;
    print(&changes, json)
}

/// An image's top layer and the layers below it (None for an image without layers).
fn image_layers(store: &Store, name: &str) -> Result<Option<(PathBuf, Vec<PathBuf>)>> {
    let rec = lookup::find(store, name).map_err(|e| match e {
        lookup::LookupError::NotKnown(_) => anyhow::anyhow!("{name}: no such container or image"),
        e => e.into(),
    })?;
    let img = lookup::open(store, &rec)?;
    let mut chain: Option<Digest> = None;
    let mut parent: Option<Digest> = None;
    for d in &img.config.rootfs.diff_ids {
        parent = chain.clone();
        chain = Some(chain_id(chain.as_ref(), d));
    }
    let Some(top) = chain else { return Ok(None) };
    if !store.layers().has(&top) {
        bail!("image {}: its layers are not unpacked", rec.id.short());
    }
    let lowers = diff::container_lowers(store, parent.as_ref())?;
    Ok(Some((store.layers().diff_dir(&top), lowers)))
}

fn print(changes: &[diff::Change], json: bool) -> Result<ExitStatus> {
    let mut out = std::io::stdout().lock();
    if json {
        // Podman's report: one list per kind, absent when empty.
        let mut report = Map::new();
        for (key, kind) in [
            ("changed", ChangeKind::Changed),
            ("added", ChangeKind::Added),
            ("deleted", ChangeKind::Deleted),
        ] {
            let paths: Vec<Value> = changes
                .iter()
                .filter(|c| c.kind == kind)
                .map(|c| Value::String(c.path.to_string_lossy().into_owned()))
                .collect();
            if !paths.is_empty() {
                report.insert(key.to_string(), Value::Array(paths));
            }
        }
        out.write_all(output::pretty_json(&Value::Object(report))?.as_bytes())?;
    } else {
        for c in changes {
            writeln!(out, "{} {}", c.kind, c.path.to_string_lossy())?;
        }
    }
    Ok(ExitStatus::SUCCESS)
}
