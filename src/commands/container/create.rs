//! `ferry create` / `ferry container create`: everything `run` does before starting.

use anyhow::Result;

use crate::cli::CreateArgs;
use crate::commands::{Context, ExitStatus};

pub fn exec(ctx: &mut Context, args: CreateArgs) -> Result<ExitStatus> {
    let (rec, _held) = super::run::create(ctx, &args.opts)?;
    println!("{}", rec.id);
    Ok(ExitStatus::SUCCESS)
}
