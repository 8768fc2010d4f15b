//! `ferry network inspect`: Podman 4's JSON for networks.

use anyhow::Result;

use crate::cli::NetworkInspectArgs;
use crate::commands::{Context, ExitStatus};
use crate::output;

pub fn exec(ctx: &mut Context, args: NetworkInspectArgs) -> Result<ExitStatus> {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for (_, result) in crate::engine::network::inspect(ctx.store()?, &args.names) {
        match result {
            Ok(n) => found.push(serde_json::to_value(n)?),
            Err(e) => errors.push(e.into()),
        }
    }
    crate::commands::print_inspected(found, errors, args.format.as_deref(), |template, v| {
        Ok(output::render_one(template, &super::template_fields(v))?)
    })
}
