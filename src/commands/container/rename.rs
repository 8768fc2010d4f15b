//! `ferry rename` / `ferry container rename`.

use anyhow::Result;

use crate::cli::RenameArgs;
use crate::commands::{Context, ExitStatus};

pub fn exec(ctx: &mut Context, args: RenameArgs) -> Result<ExitStatus> {
    crate::engine::container::lifecycle::rename(ctx.store()?, &args.container, &args.name)?;
    Ok(ExitStatus::SUCCESS)
}
