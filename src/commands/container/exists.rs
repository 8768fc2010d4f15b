//! `ferry container exists`: exit 0 when the container exists, 1 when not.

use anyhow::Result;

use crate::cli::ContainerExistsArgs;
use crate::commands::{Context, ExitStatus};
use crate::store::containers::ContainerError;

pub fn exec(ctx: &mut Context, args: ContainerExistsArgs) -> Result<ExitStatus> {
    let store = ctx.store()?;
    match store.containers().lookup(&args.container) {
        Ok(_) => Ok(ExitStatus::SUCCESS),
        Err(ContainerError::NotFound(_)) => Ok(ExitStatus::FAILURE),
        Err(e) => Err(e.into()),
    }
}
