//! `ferry container exists`: exit 0 when the container exists, 1 when not.

use anyhow::Result;

use crate::cli::ContainerExistsArgs;
use crate::commands::{Context, ExitStatus};

pub fn exec(ctx: &mut Context, args: ContainerExistsArgs) -> Result<ExitStatus> {
    Ok(
        if crate::engine::container::lifecycle::exists(ctx.store()?, &args.container)? {
            ExitStatus::SUCCESS
        } else {
            ExitStatus::FAILURE
        },
    )
}
