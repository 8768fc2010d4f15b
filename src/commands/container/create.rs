//! `ferry create` / `ferry container create`: everything `run` does before starting.

use anyhow::Result;

use crate::cli::CreateArgs;
use crate::commands::{Context, ExitStatus};

pub fn exec(ctx: &mut Context, args: CreateArgs) -> Result<ExitStatus> {
    let created = super::create_container(ctx, &args.opts)?;
    println!("{}", created.record.id);
    Ok(ExitStatus::SUCCESS)
}
