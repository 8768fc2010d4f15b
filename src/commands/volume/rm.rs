//! `ferry volume rm`: removes volumes no container uses; with `-f`, removes those containers
//! first (as Podman does). Exit 1 for a missing volume, 2 for one in use.

use anyhow::{Context as _, Result};

use crate::cli::VolumeRmArgs;
use crate::commands::{Context, ExitStatus};
use crate::store::volumes::VolumeError;

/// No such volume (Podman exits 1).
const NO_SUCH_VOLUME: ExitStatus = ExitStatus(1);
/// A volume in use without `--force` (Podman exits 2).
const IN_USE: ExitStatus = ExitStatus(2);

pub fn exec(ctx: &mut Context, args: VolumeRmArgs) -> Result<ExitStatus> {
    // The content holds subordinate ids.
    ctx.enter_userns()?;
    let store = ctx.store()?.clone();
    let volumes = store.volumes();
    let mut status = ExitStatus::SUCCESS;
    let names: Vec<String> = if args.all {
        volumes.list()?.into_iter().map(|v| v.name).collect()
    } else {
        args.names.clone()
    };
    for name in &names {
        let _l = volumes.lock()?;
        if let Err(e) = volumes.get(name) {
            eprintln!("Error: {e}");
            status = NO_SUCH_VOLUME;
            continue;
        }
        let users = volumes.users()?.remove(name).unwrap_or_default();
        if !users.is_empty() {
            if !args.force {
                let e = VolumeError::InUse {
                    name: name.clone(),
                    containers: users.iter().map(|c| c.id.clone()).collect(),
                };
                eprintln!("Error: {e}");
                status = IN_USE;
                continue;
            }
            for rec in &users {
                crate::commands::container::rm::kill_and_wait(&store, rec)?;
                let anonymous = volumes.anonymous_of(&rec.id);
                store
                    .containers()
                    .remove(&rec.id)
                    .with_context(|| format!("removing container {}", &rec.id[..12]))?;
                // The container's other anonymous volumes go with it (this lock is held, so not
                // through remove_unused).
                let others = volumes.users()?;
                for a in anonymous.iter().filter(|a| *a != name && !others.contains_key(*a)) {
                    let _ = volumes.remove(a);
                }
            }
        }
        volumes
            .remove(name)
            .with_context(|| format!("removing volume {name}"))?;
        println!("{name}");
    }
    Ok(status)
}
