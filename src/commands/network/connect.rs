//! `ferry network connect`: attaches a container to one more network; a running container gets
//! its interface now, others at their next start.

use anyhow::{Context as _, Result, bail};

use crate::cli::NetworkConnectArgs;
use crate::commands::{Context, ExitStatus};
use crate::store::containers::Status;
use crate::store::networks::{Attachment, check_alias};
use crate::usernet::{self, UsernetError};

pub fn exec(ctx: &mut Context, args: NetworkConnectArgs) -> Result<ExitStatus> {
    // A running container is wired from the rootless network namespace's user namespace.
    ctx.enter_userns()?;
    let store = ctx.store()?.clone();
    let nets = store.networks();
    let net = nets.get(&args.network)?;
    let rec = store.containers().lookup(&args.container)?;
    for a in &args.alias {
        check_alias(a)?;
    }
    let attachment = Attachment {
        network: net.name.clone(),
        aliases: args.alias.clone(),
    };
    {
        let _l = nets.lock()?;
        let mut list = nets.attachments(&rec.id)?;
        if list.is_empty() {
            bail!(
                "container {} is not on a bridge network: only containers created with --network NAME can be connected to networks",
                rec.name
            );
        }
        if list.iter().any(|a| a.network == net.name) {
            return Err(UsernetError::AlreadyConnected {
                container: rec.name,
                network: net.name,
            }
            .into());
        }
        list.push(attachment.clone());
        nets.write_attachments(&rec.id, &list)?;
    }
    let state = store.containers().refresh(&rec)?;
    if state.status == Status::Running
        && let Some(pid) = state.pid
        && let Err(e) = usernet::connect_running(&store, &rec.id, pid, &attachment)
    {
        let _l = nets.lock()?;
        let mut list = nets.attachments(&rec.id)?;
        list.retain(|a| a.network != net.name);
        nets.write_attachments(&rec.id, &list)?;
        return Err(e).with_context(|| format!("connecting container {} to network {}", rec.name, net.name));
    }
    Ok(ExitStatus::SUCCESS)
}
