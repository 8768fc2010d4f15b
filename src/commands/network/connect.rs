//! `ferry network connect`: attaches a container to one more network; a running container gets
//! its interface now, others at their next start.

use anyhow::Result;

use crate::cli::NetworkConnectArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::network::{self, ConnectOptions};

pub fn exec(ctx: &mut Context, args: NetworkConnectArgs) -> Result<ExitStatus> {
    // A running container is wired from the rootless network namespace's user namespace.
    ctx.enter_userns()?;
    let options = ConnectOptions {
        network: args.network,
        container: args.container,
        aliases: args.alias,
    };
    network::connect(ctx.store()?, options)?;
    Ok(ExitStatus::SUCCESS)
}
