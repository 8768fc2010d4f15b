//! `ferry network rm`: removes networks no container uses; with `-f`, removes those containers
//! first (as Podman does). Exit 1 for a missing network, 2 for one in use.

use anyhow::Result;

use crate::cli::NetworkRmArgs;
use crate::commands::{Context, ExitStatus};
use crate::store::networks::NetworkError;

/// No such network (Podman exits 1).
const NO_SUCH_NETWORK: ExitStatus = ExitStatus(1);
/// A network in use without `--force` (Podman exits 2).
const IN_USE: ExitStatus = ExitStatus(2);

pub fn exec(ctx: &mut Context, args: NetworkRmArgs) -> Result<ExitStatus> {
    let store = ctx.store()?.clone();
    let nets = store.networks();
    // With --force, the containers on the networks go first: killed from the host user's own
    // namespace (see `rm`), then removed under their locks. Not under the network lock: a
    // container's supervisor takes it when it exits.
    if args.force {
        let mut users = nets.users()?;
        let mut targets = Vec::new();
        for key in &args.names {
            if let Ok(net) = nets.get(key) {
                targets.extend(users.remove(&net.name).unwrap_or_default());
            }
        }
        targets.sort_by(|a, b| a.id.cmp(&b.id));
        targets.dedup_by(|a, b| a.id == b.id);
        for rec in &targets {
            crate::engine::container::remove::kill_and_wait(&store, rec)?;
        }
        // Removing containers deletes files owned by subordinate ids; rootless, the bridges
        // are in the network namespace whose user namespace this joins.
        ctx.enter_userns()?;
        for rec in &targets {
            crate::engine::container::remove::remove_one(&store, rec, true, true)?;
        }
    }
    ctx.enter_userns()?;
    let mut status = ExitStatus::SUCCESS;
    for key in &args.names {
        let net = match nets.get(key) {
            Ok(n) => n,
            Err(e) => {
                eprintln!("Error: {e}");
                status = NO_SUCH_NETWORK;
                continue;
            }
        };
        let users = nets.users()?.remove(&net.name).unwrap_or_default();
        if !users.is_empty() && !args.force {
            let e = NetworkError::InUse {
                name: net.name.clone(),
                containers: users.iter().map(|c| c.id.clone()).collect(),
            };
            eprintln!("Error: {e}");
            status = IN_USE;
            continue;
        }
        let _l = nets.lock()?;
        let left = nets.users()?.remove(&net.name).unwrap_or_default();
        if !left.is_empty() {
            let e = NetworkError::InUse {
                name: net.name.clone(),
                containers: left.iter().map(|c| c.id.clone()).collect(),
            };
            eprintln!("Error: {e}");
            status = IN_USE;
            continue;
        }
        match nets.remove(&net.name) {
            Ok(()) => {
                crate::usernet::forget(&store, &net);
                println!("{}", net.name);
            }
            Err(e) => {
                eprintln!("Error: {e}");
                status = ExitStatus::ENGINE_ERROR;
            }
        }
    }
    Ok(status)
}
