//! `ferry volume inspect`: Podman's JSON for volumes.

use std::collections::BTreeMap;

use anyhow::Result;
use serde_json::{Value, json};

use crate::cli::VolumeInspectArgs;
use crate::commands::{Context, ExitStatus};
use crate::output;
use crate::store::Store;
use crate::store::containers::{ContainerRecord, Status};
use crate::store::volumes::Volume;

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
    crate::commands::report_errors(errors)
}
