//! `ferry network rm`: removes networks no container uses; with `-f`, removes those containers
//! first (as Podman does). Exit 1 for a missing network, 2 for one in use.

use anyhow::Result;

use crate::cli::NetworkRmArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::network;

pub fn exec(ctx: &mut Context, args: NetworkRmArgs) -> Result<ExitStatus> {
    let store = ctx.store()?.clone();
    // With --force, the containers on the networks go first: killed from the host user's own
    // namespace (see `rm`), then removed in the user namespace (their files hold subordinate
    // ids; rootless, the bridges are in the network namespace whose user namespace this joins).
    let users = if args.force {
        network::kill_users(&store, &args.names)?
    } else {
        Vec::new()
    };
    ctx.enter_userns()?;
    let mut status = ExitStatus::SUCCESS;
    for (_, removed) in network::remove(&store, &args.names, &users, args.force)? {
        match removed {
            Ok(name) => println!("{name}"),
            Err(e) => {
                status = crate::commands::exit_code(e.kind());
                crate::commands::report_error(&e.into());
            }
        }
    }
    Ok(status)
}
