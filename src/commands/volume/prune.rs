//! `ferry volume prune`: removes the volumes no container uses (that match the filters).

use anyhow::{Context as _, Result};

use super::ls::{Filter, matches, parse_filters};
use crate::cli::VolumePruneArgs;
use crate::commands::{Context, ExitStatus};
use crate::store::Store;

/// Removes the unused volumes that pass `filters`; returns their names and the bytes freed.
pub(crate) fn prune_volumes(store: &Store, filters: &[Filter]) -> Result<(Vec<String>, u64)> {
    let volumes = store.volumes();
    let _l = volumes.lock()?;
    let users = volumes.users()?;
    let mut removed = Vec::new();
    let mut bytes = 0;
    for vol in volumes.list()? {
        if users.contains_key(&vol.name) || !matches(filters, &vol, 0) {
            continue;
        }
        bytes += volumes.size(&vol.name);
        volumes
            .remove(&vol.name)
            .with_context(|| format!("removing volume {}", vol.name))?;
        removed.push(vol.name);
    }
    Ok((removed, bytes))
}

pub fn exec(ctx: &mut Context, args: VolumePruneArgs) -> Result<ExitStatus> {
    let filters = parse_filters(&args.filter)?;
    if !args.force
        && !crate::commands::confirm("WARNING! This will remove all volumes not used by at least one container.\n")?
    {
        return Ok(ExitStatus::SUCCESS);
    }
    ctx.enter_userns()?;
    let store = ctx.store()?;
    for name in prune_volumes(store, &filters)?.0 {
        println!("{name}");
    }
    Ok(ExitStatus::SUCCESS)
}
