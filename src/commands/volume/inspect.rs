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
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for (_, result) in volume::inspect(store, &names)? {
        match result {
            Ok(v) => found.push(serde_json::to_value(v)?),
            Err(e) => errors.push(e.into()),
        }
    }
    crate::commands::print_inspected(found, errors, args.format.as_deref(), |template, v| {
        Ok(output::render_one(template, v)?)
    })
}
