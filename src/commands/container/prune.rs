//! `ferry container prune`: removes every container that is not running, and finishes what
//! interrupted removals left.

use anyhow::Result;

use crate::cli::ContainerPruneArgs;
use crate::commands::{Context, ExitStatus};

pub fn exec(ctx: &mut Context, args: ContainerPruneArgs) -> Result<ExitStatus> {
    if !args.force && !crate::commands::confirm("WARNING! This will remove all non running containers.\n")? {
        return Ok(ExitStatus::SUCCESS);
    }
    ctx.enter_userns()?;
    crate::engine::container::remove::prune(ctx.store()?, &mut |id| println!("{id}"))?;
    Ok(ExitStatus::SUCCESS)
}
