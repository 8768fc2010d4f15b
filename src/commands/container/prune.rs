//! `ferry container prune`: removes every container that is not running.

use anyhow::{Context as _, Result};

use crate::cli::ContainerPruneArgs;
use crate::commands::{Context, ExitStatus};
use crate::store::containers::Status;

pub fn exec(ctx: &mut Context, args: ContainerPruneArgs) -> Result<ExitStatus> {
    if !args.force
        && !crate::commands::image::prune::confirm("WARNING! This will remove all non running containers.\n")?
    {
        return Ok(ExitStatus::SUCCESS);
    }
    ctx.enter_userns()?;
    let store = ctx.store()?;
    let containers = store.containers();
    for rec in containers.list()? {
        // Read again just before removing: a container may have been started meanwhile.
        if containers.refresh(&rec)?.status == Status::Running {
            continue;
        }
        containers
            .remove(&rec.id)
            .with_context(|| format!("removing container {}", &rec.id[..12]))?;
        println!("{}", rec.id);
    }
    Ok(ExitStatus::SUCCESS)
}
