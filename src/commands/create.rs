//! `ferry create` / `ferry container create`: everything `run` does before starting.

use anyhow::Result;

use super::{Context, ExitStatus};
use crate::cli::CreateArgs;

pub fn exec(ctx: &mut Context, args: CreateArgs) -> Result<ExitStatus> {
    let (rec, _held) = super::run::create(ctx, &args.opts)?;
    println!("{}", rec.id);
    Ok(ExitStatus::SUCCESS)
}
