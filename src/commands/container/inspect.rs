//! `ferry container inspect`: Podman's JSON for containers.

use anyhow::Result;

use crate::cli::ContainerInspectArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container::inspect::inspect;

pub fn exec(ctx: &mut Context, args: ContainerInspectArgs) -> Result<ExitStatus> {
    let store = ctx.store()?;
    let results = args.names.iter().map(|name| (name.clone(), inspect(store, name)));
    crate::commands::print_inspected(results, args.format.as_deref(), crate::commands::template_line)
}
