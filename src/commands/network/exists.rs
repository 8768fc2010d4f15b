//! `ferry network exists`: exit 0 when the network exists, 1 when not.

use anyhow::Result;

use crate::cli::NetworkExistsArgs;
use crate::commands::{Context, ExitStatus};

pub fn exec(ctx: &mut Context, args: NetworkExistsArgs) -> Result<ExitStatus> {
    Ok(if crate::engine::network::exists(ctx.store()?, &args.name) {
        ExitStatus::SUCCESS
    } else {
        ExitStatus::FAILURE
    })
}
