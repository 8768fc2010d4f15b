//! `ferry unmount|umount [-a] [-f] CTR…`: undoes `ferry mount`; a container mounted several
//! times is unmounted by the last unmount (at once with `-f`).

use anyhow::{Result, bail};

use crate::cli::UnmountArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container::fs;

pub fn exec(ctx: &mut Context, args: UnmountArgs) -> Result<ExitStatus> {
    fs::refuse_rootless(&ctx.engine, "unmount")?;
    if args.all && !args.containers.is_empty() {
        bail!("when using the --all switch, you may not pass any containers names or IDs");
    }
    if !args.all && args.containers.is_empty() {
        bail!("container ID or name must be specified");
    }
    let store = ctx.store()?;
    let containers = store.containers();
    let targets = if args.all {
        fs::mounted(store)?.into_iter().map(|(rec, _)| Ok(rec)).collect()
    } else {
        args.containers.iter().map(|n| containers.lookup(n)).collect::<Vec<_>>()
    };
    let mut status = ExitStatus::SUCCESS;
    for rec in targets {
        match rec
            .map_err(Into::into)
            .and_then(|rec| fs::unmount(store, &rec, args.force).map(|()| rec.id))
        {
            Ok(id) => println!("{id}"),
            Err(e) => {
                crate::commands::report_error(&e.into());
                status = ExitStatus::ENGINE_ERROR;
            }
        }
    }
    Ok(status)
}
