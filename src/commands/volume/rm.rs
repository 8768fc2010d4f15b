//! `ferry volume rm`: removes volumes no container uses; with `-f`, removes those containers
//! first (as Podman does). Exit 1 for a missing volume, 2 for one in use.

use anyhow::Result;

use crate::cli::VolumeRmArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::volume;

pub fn exec(ctx: &mut Context, args: VolumeRmArgs) -> Result<ExitStatus> {
    let store = ctx.store()?.clone();
    let names = if args.all {
        volume::names(&store)?
    } else {
        args.names.clone()
    };
    // With --force, the containers using the volumes go first: killed from the host user's own
    // namespace (see `rm`), then removed in the user namespace (the content holds subordinate ids).
    let users = if args.force {
        volume::kill_users(&store, &names)?
    } else {
        Vec::new()
    };
    ctx.enter_userns()?;
    let mut status = ExitStatus::SUCCESS;
    for (name, removed) in volume::remove(&store, &names, &users)? {
        match removed {
            Ok(()) => println!("{name}"),
            Err(e) => {
                status = crate::commands::exit_code(e.kind());
                crate::commands::report_error(&e.into());
            }
        }
    }
    Ok(status)
}
