//! `ferry mount [CTR…]`: mounts containers' root filesystems at their merged directories and
//! prints where (no arguments: lists the mounted ones). Root only, or inside `ferry unshare`,
//! whose mount namespace the mounts then live in.

use anyhow::Result;

use crate::cli::MountArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container::fs::{overlay_layout, refuse_rootless};
use crate::runtime::rootview;

pub fn exec(ctx: &mut Context, args: MountArgs) -> Result<ExitStatus> {
    refuse_rootless(&ctx.engine, "mount")?;
    let store = ctx.store()?.clone();
    let containers = store.containers();
    if args.containers.is_empty() {
        for rec in containers.list()? {
            let merged = containers.merged_dir(&rec.id);
            if rootview::mount_count(&merged, &containers.mount_count_path(&rec.id)) > 0 {
                println!("{} {}", &rec.id[..12], merged.display());
            }
        }
        return Ok(ExitStatus::SUCCESS);
    }
    let mut status = ExitStatus::SUCCESS;
    for name in &args.containers {
        let mounted = containers.lookup(name).map_err(anyhow::Error::from).and_then(|rec| {
            let merged = containers.merged_dir(&rec.id);
            rootview::mount_counted(
                &overlay_layout(&store, &rec)?,
                &merged,
                &containers.mount_count_path(&rec.id),
            )?;
            Ok(merged)
        });
        match mounted {
            Ok(path) => println!("{}", path.display()),
            Err(e) => {
                eprintln!("Error: {e:#}");
                status = ExitStatus::ENGINE_ERROR;
            }
        }
    }
    Ok(status)
}
