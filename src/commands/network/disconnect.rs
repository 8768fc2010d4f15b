//! `ferry network disconnect`: detaches a container from a network; a running container loses
//! its interface now.

use anyhow::Result;

use crate::cli::NetworkDisconnectArgs;
use crate::commands::{Context, ExitStatus};

pub fn exec(ctx: &mut Context, args: NetworkDisconnectArgs) -> Result<ExitStatus> {
    ctx.enter_userns()?;
    crate::engine::network::disconnect(ctx.store()?, &args.network, &args.container)?;
    Ok(ExitStatus::SUCCESS)
}
