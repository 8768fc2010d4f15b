//! `ferry volume inspect`: Podman's JSON for volumes.

use anyhow::Result;

use crate::cli::VolumeInspectArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::volume;
use crate::output;

pub fn exec(ctx: &mut Context, args: VolumeInspectArgs) -> Result<ExitStatus> {
    let store = ctx.store()?;
    let names = if args.all {
        volume::names(store)?
    } else {
        args.names.clone()
    };
    crate::commands::print_inspected(
        volume::inspect(store, &names)?,
        args.format.as_deref(),
        |template, v| Ok(output::render_one(template, v)?),
    )
}
