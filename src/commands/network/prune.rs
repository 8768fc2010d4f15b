//! `ferry network prune`: removes the networks no container uses (that match the filters);
//! the default network stays.

use anyhow::Result;

use crate::cli::NetworkPruneArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::network::{self, Filter};

pub fn exec(ctx: &mut Context, args: NetworkPruneArgs) -> Result<ExitStatus> {
    let filters = Filter::parse_all(&args.filter)?;
    if !args.force
        && !crate::commands::confirm("WARNING! This will remove all networks not used by at least one container.\n")?
    {
        return Ok(ExitStatus::SUCCESS);
    }
    // Rootless, the bridges are in the network namespace whose user namespace this joins.
    ctx.enter_userns()?;
    for name in network::prune(ctx.store()?, &filters)? {
        println!("{name}");
    }
    Ok(ExitStatus::SUCCESS)
}
