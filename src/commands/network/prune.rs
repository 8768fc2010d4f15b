//! `ferry network prune`: removes the networks no container uses (that match the filters);
//! the default network stays.

use anyhow::{Context as _, Result};

use super::ls::{matches, parse_filters};
use crate::cli::NetworkPruneArgs;
use crate::commands::{Context, ExitStatus};
use crate::store::networks::DEFAULT_NETWORK;

pub fn exec(ctx: &mut Context, args: NetworkPruneArgs) -> Result<ExitStatus> {
    let filters = parse_filters(&args.filter)?;
    if !args.force
        && !crate::commands::confirm("WARNING! This will remove all networks not used by at least one container.\n")?
    {
        return Ok(ExitStatus::SUCCESS);
    }
    // Rootless, the bridges are in the network namespace whose user namespace this joins.
    ctx.enter_userns()?;
    let store = ctx.store()?.clone();
    let nets = store.networks();
    let _l = nets.lock()?;
    let users = nets.users()?;
    for net in nets.list()? {
        if net.name == DEFAULT_NETWORK || users.contains_key(&net.name) || !matches(&filters, &net) {
            continue;
        }
        nets.remove(&net.name)
            .with_context(|| format!("removing network {}", net.name))?;
        crate::usernet::forget(&store, &net);
        println!("{}", net.name);
    }
    Ok(ExitStatus::SUCCESS)
}
