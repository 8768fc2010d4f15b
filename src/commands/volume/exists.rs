//! `ferry volume exists`: exit 0 when the volume exists, 1 when not.

use anyhow::Result;

use crate::cli::VolumeExistsArgs;
use crate::commands::{Context, ExitStatus};

pub fn exec(ctx: &mut Context, args: VolumeExistsArgs) -> Result<ExitStatus> {
    Ok(if crate::engine::volume::exists(ctx.store()?, &args.name) {
        ExitStatus::SUCCESS
    } else {
        ExitStatus::FAILURE
    })
}
