//! `ferry unmount|umount [-a] [-f] CTR…`: undoes `ferry mount`; a container mounted several
//! times is unmounted by the last unmount (at once with `-f`).

use anyhow::{Result, bail};

use crate::cli::UnmountArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container::fs::refuse_rootless;
use crate::runtime::rootview;

pub fn exec(ctx: &mut Context, args: UnmountArgs) -> Result<ExitStatus> {
    refuse_rootless(&ctx.engine, "unmount")?;
    if args.all && !args.containers.is_empty() {
        bail!("when using the --all switch, you may not pass any containers names or IDs");
    }
    if !args.all && args.containers.is_empty() {
        bail!("container ID or name must be specified");
    }
    let store = ctx.store()?.clone();
    let containers = store.containers();
    let mut status = ExitStatus::SUCCESS;
    let targets = if args.all {
        let mut mounted = Vec::new();
        for rec in containers.list()? {
            if rootview::mount_count(&containers.merged_dir(&rec.id), &containers.mount_count_path(&rec.id)) > 0 {
                mounted.push(Ok(rec));
            }
        }
        mounted
    } else {
        args.containers.iter().map(|n| containers.lookup(n)).collect()
    };
    for rec in targets {
        let done = rec.map_err(anyhow::Error::from).and_then(|rec| {
            rootview::unmount_counted(
                &containers.merged_dir(&rec.id),
                &containers.mount_count_path(&rec.id),
                args.force,
            )?;
            Ok(rec.id)
        });
        match done {
            Ok(id) => println!("{id}"),
            Err(e) => {
                eprintln!("Error: {e:#}");
                status = ExitStatus::ENGINE_ERROR;
            }
        }
    }
    Ok(status)
}
