//! `ferry container inspect`: Podman's JSON for containers (the objects come from
//! `engine::container::inspect`; `ferry inspect` prints them).

use anyhow::Result;

use crate::cli::{ContainerInspectArgs, InspectArgs, InspectType};
use crate::commands::{Context, ExitStatus};

pub fn exec(ctx: &mut Context, args: ContainerInspectArgs) -> Result<ExitStatus> {
    crate::commands::inspect::exec(
        ctx,
        InspectArgs {
            names: args.names,
            format: args.format,
            kind: InspectType::Container,
        },
    )
}
