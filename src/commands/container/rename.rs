//! `ferry rename` / `ferry container rename`.

use anyhow::{Context as _, Result};

use crate::cli::RenameArgs;
use crate::commands::{Context, ExitStatus};

pub fn exec(ctx: &mut Context, args: RenameArgs) -> Result<ExitStatus> {
    let store = ctx.store()?;
    let containers = store.containers();
    let rec = containers.lookup(&args.container)?;
    containers
        .rename(&rec.id, &args.name)
        .with_context(|| format!("renaming container {}", &rec.id[..12]))?;
    Ok(ExitStatus::SUCCESS)
}
