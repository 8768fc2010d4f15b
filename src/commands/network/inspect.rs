//! `ferry network inspect`: Podman 4's JSON for networks.

use anyhow::Result;

use crate::cli::NetworkInspectArgs;
use crate::commands::{Context, ExitStatus};
use crate::output;

pub fn exec(ctx: &mut Context, args: NetworkInspectArgs) -> Result<ExitStatus> {
    let results = crate::engine::network::inspect(ctx.store()?, &args.names);
    crate::commands::print_inspected(results, args.format.as_deref(), |template, v| {
        Ok(output::render_one(template, &super::template_fields(v))?)
    })
}
