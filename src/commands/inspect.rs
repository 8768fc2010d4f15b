//! `ferry inspect` / `ferry image inspect`: Podman's JSON for containers and images (a
//! container wins over an image of the same name, unless `--type` says which).

use anyhow::Result;

use super::{Context, ExitStatus};
use crate::cli::{InspectArgs, InspectType};
use crate::engine::object::{self, Kind};

pub fn exec(ctx: &mut Context, args: InspectArgs) -> Result<ExitStatus> {
    let kind = match args.kind {
        InspectType::All => Kind::Any,
        InspectType::Container => Kind::Container,
        InspectType::Image => Kind::Image,
    };
    let results = object::inspect(ctx.store()?, &args.names, kind)?;
    super::print_inspected(results, args.format.as_deref(), super::template_line)
}
