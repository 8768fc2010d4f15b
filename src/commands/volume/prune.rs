//! `ferry volume prune`: removes the volumes no container uses (that match the filters).

use anyhow::Result;

use crate::cli::VolumePruneArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::volume::{self, Filter};

pub fn exec(ctx: &mut Context, args: VolumePruneArgs) -> Result<ExitStatus> {
    let filters = Filter::parse_all(&args.filter)?;
    if !args.force
        && !crate::commands::confirm("WARNING! This will remove all volumes not used by at least one container.\n")?
    {
        return Ok(ExitStatus::SUCCESS);
    }
    ctx.enter_userns()?;
    for name in volume::prune(ctx.store()?, &filters)?.names {
        println!("{name}");
    }
    Ok(ExitStatus::SUCCESS)
}
