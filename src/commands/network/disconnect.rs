//! `ferry network disconnect`: detaches a container from a network; a running container loses
//! its interface now.

use anyhow::{Context as _, Result};

use crate::cli::NetworkDisconnectArgs;
use crate::commands::{Context, ExitStatus};
use crate::store::containers::Status;
use crate::usernet::{self, UsernetError};

pub fn exec(ctx: &mut Context, args: NetworkDisconnectArgs) -> Result<ExitStatus> {
    ctx.enter_userns()?;
    let store = ctx.store()?.clone();
    let nets = store.networks();
    let net = nets.get(&args.network)?;
    let rec = store.containers().lookup(&args.container)?;
    {
        let _l = nets.lock()?;
        let mut list = nets.attachments(&rec.id)?;
        if !list.iter().any(|a| a.network == net.name) {
            return Err(UsernetError::NotConnected {
                container: rec.name,
                network: net.name,
            }
            .into());
        }
        list.retain(|a| a.network != net.name);
        nets.write_attachments(&rec.id, &list)?;
    }
    let state = store.containers().refresh(&rec)?;
    if state.status == Status::Running
        && let Some(pid) = state.pid
    {
        usernet::disconnect_running(&store, &rec.id, pid, &net.name)
            .with_context(|| format!("disconnecting container {} from network {}", rec.name, net.name))?;
    }
    Ok(ExitStatus::SUCCESS)
}
