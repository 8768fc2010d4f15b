//! `ferry volume rm`: removes volumes no container uses; with `-f`, removes those containers
//! first (as Podman does). Exit 1 for a missing volume, 2 for one in use.

use std::collections::BTreeSet;

use anyhow::{Context as _, Result};

use crate::cli::VolumeRmArgs;
use crate::commands::{Context, ExitStatus};
use crate::store::volumes::VolumeError;

/// No such volume (Podman exits 1).
const NO_SUCH_VOLUME: ExitStatus = ExitStatus(1);
/// A volume in use without `--force` (Podman exits 2).
const IN_USE: ExitStatus = ExitStatus(2);

pub fn exec(ctx: &mut Context, args: VolumeRmArgs) -> Result<ExitStatus> {
    let store = ctx.store()?.clone();
    let volumes = store.volumes();
    let mut status = ExitStatus::SUCCESS;
    let names: Vec<String> = if args.all {
        volumes.list()?.into_iter().map(|v| v.name).collect()
    } else {
        args.names.clone()
    };
    // With --force, the containers using the volumes go first: killed from the host user's own
    // namespace (see `rm`), then removed (with their other anonymous volumes) under their locks,
    // which come before the volume lock.
    let mut gone = BTreeSet::new();
    if args.force {
        let mut users = volumes.users()?;
        let mut targets: Vec<_> = names.iter().filter_map(|n| users.remove(n)).flatten().collect();
        targets.sort_by(|a, b| a.id.cmp(&b.id));
        targets.dedup_by(|a, b| a.id == b.id);
        for rec in &targets {
            crate::engine::container::remove::kill_and_wait(&store, rec)?;
        }
        // The content holds subordinate ids.
        ctx.enter_userns()?;
        for rec in &targets {
            let removed = crate::engine::container::remove::remove_one(&store, rec, true, true)?;
            gone.extend(removed);
        }
    }
    ctx.enter_userns()?;
    for name in &names {
        let _l = volumes.lock()?;
        if gone.contains(name) {
            // An anonymous volume that went with its container.
            println!("{name}");
            continue;
        }
        if let Err(e) = volumes.get(name) {
            eprintln!("Error: {e}");
            status = NO_SUCH_VOLUME;
            continue;
        }
        let users = volumes.users()?.remove(name).unwrap_or_default();
        if !users.is_empty() {
            // Without --force; with it, containers created since they were removed above.
            let e = VolumeError::InUse {
                name: name.clone(),
                containers: users.iter().map(|c| c.id.clone()).collect(),
            };
            eprintln!("Error: {e}");
            status = IN_USE;
            continue;
        }
        volumes
            .remove(name)
            .with_context(|| format!("removing volume {name}"))?;
        println!("{name}");
    }
    Ok(status)
}
