//! `ferry volume inspect`: Podman's JSON for volumes; and the `Mounts` of `container inspect`.

use std::collections::BTreeMap;

use anyhow::Result;
use serde_json::{Value, json};

use crate::cli::VolumeInspectArgs;
use crate::commands::{Context, ExitStatus};
use crate::output;
use crate::store::Store;
use crate::store::containers::{ContainerRecord, Status};
use crate::store::volumes::{MountKind, MountRecord, Volume};

/// Podman's object for one volume; `users` are the containers that mount it.
pub(crate) fn volume_json(store: &Store, vol: &Volume, users: &[ContainerRecord]) -> Value {
    let containers = store.containers();
    let mounted = users
        .iter()
        .filter(|c| containers.refresh(c).is_ok_and(|s| s.status == Status::Running))
        .count();
    let mut v = json!({
        "Name": vol.name,
        "Driver": vol.driver,
        "Mountpoint": store.volumes().data_dir(&vol.name).display().to_string(),
        "CreatedAt": vol.created_at,
        "Labels": vol.labels,
        "Scope": "local",
        "Options": vol.options,
        "MountCount": mounted,
        "NeedsCopyUp": vol.needs_copy_up,
        "NeedsChown": vol.needs_copy_up,
    });
    if let Ok(o) = crate::store::volumes::parse_options(&vol.options) {
        if let Some(uid) = o.uid {
            v["UID"] = json!(uid);
        }
        if let Some(gid) = o.gid {
            v["GID"] = json!(gid);
        }
    }
    if vol.anonymous {
        v["Anonymous"] = json!(true);
    }

    v
}

/// The `Mounts` of a container's inspect object (binds and volumes, as Podman shows them).
pub(crate) fn container_mounts_json(store: &Store, id: &str) -> Value {
    let records = store.volumes().read_mounts(id).unwrap_or_default();
    records
        .iter()
        .filter(|m| m.kind != MountKind::Tmpfs)
        .map(|m| {
            let kind = match m.kind {
                MountKind::Volume => "volume",
                MountKind::Image => "image",
                _ => "bind",
            };
            let options: Vec<&String> = m
                .options
                .iter()
                .filter(|o| {
                    !matches!(o.as_str(), "ro" | "rw" | "userxattr" | crate::runtime::mounts::COPY)
                        && *o != m.propagation()
                        && !o.starts_with("lowerdir=")
                })
                .collect();
            let mut v = serde_json::Map::new();
            v.insert("Type".into(), json!(kind));
            if let Some(n) = &m.name {
                v.insert("Name".into(), json!(n));
            }
            // An image mount's source is the image, as Podman shows it.
            let source = m.image.clone().unwrap_or_else(|| m.source.display().to_string());
            v.insert("Source".into(), json!(source));
            v.insert("Destination".into(), json!(m.destination));
            let driver = if m.kind == MountKind::Volume { "local" } else { "" };
            v.insert("Driver".into(), json!(driver));
            v.insert("Mode".into(), json!(""));
            v.insert("Options".into(), json!(options));
            v.insert("RW".into(), json!(!m.readonly()));
            v.insert("Propagation".into(), json!(m.propagation()));
            Value::Object(v)
        })
        .collect()
}

/// Options as Podman lists them in `HostConfig`: without ferry's own markers.
fn shown_options(m: &MountRecord) -> String {
    let opts: Vec<&str> = m
        .options
        .iter()
        .map(String::as_str)
        .filter(|o| !matches!(*o, crate::runtime::mounts::COPY | crate::runtime::mounts::TMPCOPYUP))
        .collect();
    opts.join(",")
}

/// `HostConfig.Binds`: `SOURCE:DESTINATION:OPTIONS` of bind mounts and volumes (by name).
pub(crate) fn container_binds_json(store: &Store, id: &str) -> Value {
    let records = store.volumes().read_mounts(id).unwrap_or_default();
    records
        .iter()
        .filter(|m| matches!(m.kind, MountKind::Bind | MountKind::Volume))
        .map(|m| {
            let source = m.name.clone().unwrap_or_else(|| m.source.display().to_string());
            json!(format!("{source}:{}:{}", m.destination, shown_options(m)))
        })
        .collect()
}

/// `HostConfig.Tmpfs`: destination → options.
pub(crate) fn container_tmpfs_json(store: &Store, id: &str) -> Value {
    let records = store.volumes().read_mounts(id).unwrap_or_default();
    let map: serde_json::Map<String, Value> = records
        .iter()
        .filter(|m| m.kind == MountKind::Tmpfs)
        .map(|m| (m.destination.clone(), json!(shown_options(m))))
        .collect();
    Value::Object(map)
}

pub fn exec(ctx: &mut Context, args: VolumeInspectArgs) -> Result<ExitStatus> {
    let store = ctx.store()?;
    let volumes = store.volumes();
    let users: BTreeMap<String, Vec<ContainerRecord>> = volumes.users()?;
    let none = Vec::new();
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let names: Vec<String> = if args.all {
        volumes.list()?.into_iter().map(|v| v.name).collect()
    } else {
        args.names.clone()
    };
    for name in &names {
        match volumes.get(name) {
            Ok(v) => found.push(volume_json(store, &v, users.get(name).unwrap_or(&none))),
            Err(e) => errors.push(anyhow::Error::from(e)),
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
                print!("{}", output::render_one(fmt, v)?);
            }
        }
    }
    crate::commands::inspect::report_errors(errors)
}
