//! `ferry network rm`: removes networks no container uses; with `-f`, removes those containers
//! first (as Podman does). Exit 1 for a missing network, 2 for one in use.

use anyhow::{Context as _, Result};

use crate::cli::NetworkRmArgs;
use crate::commands::{Context, ExitStatus};
use crate::store::networks::NetworkError;

/// No such network (Podman exits 1).
const NO_SUCH_NETWORK: ExitStatus = ExitStatus(1);
/// A network in use without `--force` (Podman exits 2).
const IN_USE: ExitStatus = ExitStatus(2);

pub fn exec(ctx: &mut Context, args: NetworkRmArgs) -> Result<ExitStatus> {
    // Removing containers deletes files owned by subordinate ids; rootless, the bridges are in
    // the network namespace whose user namespace this joins.
    ctx.enter_userns()?;
    let store = ctx.store()?.clone();
    let nets = store.networks();
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
        if !users.is_empty() {
            if !args.force {
                let e = NetworkError::InUse {
                    name: net.name.clone(),
                    containers: users.iter().map(|c| c.id.clone()).collect(),
                };
                eprintln!("Error: {e}");
                status = IN_USE;
                continue;
            }
            // Not under the network lock: a container's supervisor takes it when it exits.
            for rec in &users {
                crate::commands::container::rm::kill_and_wait(&store, rec)?;
                store
                    .volumes()
                    .remove_container(&rec.id)
                    .with_context(|| format!("removing container {}", &rec.id[..12]))?;
            }
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
