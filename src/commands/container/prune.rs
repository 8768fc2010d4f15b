//! `ferry container prune`: removes every container that is not running, and finishes what
//! interrupted removals left (see the store's layout notes).

use anyhow::{Context as _, Result};

use crate::cli::ContainerPruneArgs;
use crate::commands::{Context, ExitStatus};
use crate::image::gc::disk_usage;
use crate::store::containers::{ContainerError, Status};

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
        // Under its lock, read again just before removing: a container may have been started
        // meanwhile (or removed: then it is not ours to report).
        let _held = match containers.lock(&rec.id) {
            Ok(held) => held,
            Err(ContainerError::NotFound(_)) => continue,
            Err(e) => return Err(e.into()),
        };
        if containers.refresh(&rec)?.status == Status::Running {
            continue;
        }
        containers
            .remove(&rec.id)
            .with_context(|| format!("removing container {}", &rec.id[..12]))?;
        println!("{}", rec.id);
    }
    // Directories without a record are leftovers only while no container is being created.
    let _gc = store.gc_lock()?;
    let (finished, _) = containers
        .finish_removals(true, &disk_usage)
        .context("finishing interrupted container removals")?;
    for id in finished {
        println!("{id}");
    }
    Ok(ExitStatus::SUCCESS)
}
