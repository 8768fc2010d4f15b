//! `ferry mount [CTR…]`: mounts containers' root filesystems at their merged directories and
//! prints where (no arguments: lists the mounted ones). Root only, or inside `ferry unshare`,
//! whose mount namespace the mounts then live in.

use anyhow::Result;

use crate::cli::MountArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container::fs;

pub fn exec(ctx: &mut Context, args: MountArgs) -> Result<ExitStatus> {
    fs::refuse_rootless(&ctx.engine, "mount")?;
    let store = ctx.store()?;
    if args.containers.is_empty() {
        for (rec, merged) in fs::mounted(store)? {
            println!("{} {}", &rec.id[..12], merged.display());
        }
        return Ok(ExitStatus::SUCCESS);
    }
    let containers = store.containers();
    let mut status = ExitStatus::SUCCESS;
    for name in &args.containers {
        match containers
            .lookup(name)
            .map_err(Into::into)
            .and_then(|rec| fs::mount(store, &rec))
        {
            Ok(path) => println!("{}", path.display()),
            Err(e) => {
                crate::commands::report_error(&e.into());
                status = ExitStatus::ENGINE_ERROR;
            }
        }
    }
    Ok(status)
}
