//! `ferry inspect` / `ferry image inspect`: Podman's JSON for images and containers.

use anyhow::Result;
use serde_json::{Value, json};

use super::{Context, ExitStatus};
use crate::cli::{InspectArgs, InspectType};
use crate::image::lookup::{self, LocalImage};
use crate::image::reference::Reference;
use crate::output;
use crate::store::images::ImageRecord;
use crate::store::layers::chain_id;
use crate::store::{Digest, Store};

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

/// Podman's `image inspect` object.
pub fn image_inspect_json(store: &Store, image: &LocalImage) -> Value {
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
        config = json!({});
    }
    json!({
        "Id": r.id.hex(),
        "Digest": r.manifest.digest.to_string(),
        "RepoTags": r.names,
        "RepoDigests": repo_digests(r),
        "Parent": "",
        "Comment": cfg.history.last().and_then(|h| h.comment.clone()).unwrap_or_default(),
        "Created": cfg.created,
        "Config": config,
        "Version": cfg.extra.get("docker_version").cloned().unwrap_or(Value::String(String::new())),
        "Author": cfg.author.clone().unwrap_or_default(),
        "Architecture": cfg.architecture,
        "Os": cfg.os,
        "Variant": cfg.variant,
        "Size": size,
        "VirtualSize": size,
        "GraphDriver": {
            "Name": "overlay",
            "Data": { "LowerDir": lowers },
        },
        "RootFS": { "Type": cfg.rootfs.kind, "Layers": cfg.rootfs.diff_ids },
        "Labels": run.labels,
        "Annotations": image.manifest.annotations.clone().unwrap_or_default(),
        "ManifestType": image.manifest.kind(),
        "User": run.user.clone().unwrap_or_default(),
        "History": cfg.history,
        "NamesHistory": r.names,
    })
}

fn top_chain(image: &LocalImage) -> Option<Digest> {
    let mut parent: Option<Digest> = None;
    for d in &image.config.rootfs.diff_ids {
        parent = Some(chain_id(parent.as_ref(), d));
    }
    parent
}

pub fn exec(ctx: &mut Context, args: InspectArgs) -> Result<ExitStatus> {
    let store = ctx.store()?;
    let records = store.images().list()?;
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for name in &args.names {
        // As Podman: with --type all, a container of that name or id wins over an image.
        if args.kind != InspectType::Image {
            match crate::engine::container::inspect::inspect(store, name) {
                Ok(v) => {
                    found.push(serde_json::to_value(v)?);
                    continue;
                }
                Err(e) if args.kind == InspectType::Container => {
                    errors.push(e.into());
                    continue;
                }
                Err(_) => {}
            }
        }
        match lookup::find_in(&records, name)
            .map_err(anyhow::Error::from)
            .and_then(|r| Ok(lookup::open(store, r)?))
        {
            Ok(img) => found.push(image_inspect_json(store, &img)),
            Err(e) => errors.push(match args.kind {
                InspectType::All => anyhow::anyhow!("no such object: {name:?}"),
                _ => e,
            }),
        }
    }
    match args.format.as_deref() {
        None | Some("json") => {
            if !found.is_empty() || errors.is_empty() {
                println!("{}", output::render_one("json", &Value::Array(found))?.trim_end());
            }
        }
        Some(fmt) => {
            for v in &found {
                let s = output::render_one(fmt, v)?;
                println!("{}", s.trim_end_matches('\n'));
            }
        }
    }
    super::report_errors(errors)
}
