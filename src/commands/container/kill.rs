//! `ferry kill` / `ferry container kill`: sends a signal to running containers.

use anyhow::{Result, anyhow, bail};

use super::stop::{select, signal};
use crate::cli::KillArgs;
use crate::commands::{Context, ExitStatus};
use crate::monitor::signal::parse_signal;

pub fn exec(ctx: &mut Context, args: KillArgs) -> Result<ExitStatus> {
    let sig = parse_signal(&args.signal).ok_or_else(|| anyhow!("invalid signal: {}", args.signal))?;
    let store = ctx.store()?.clone();
    let containers = store.containers();
    let mut status = ExitStatus::SUCCESS;
    for (given, rec) in select(&containers, &args.containers, args.all)? {
        let sent = rec.and_then(|rec| {
            if signal(&containers, &rec, sig)? {
                Ok(())
            } else {
                let state = containers.read_state(&rec.id)?;
                bail!(
                    "can only kill running containers. {} is in state {}: container state improper",
                    rec.id,
                    serde_json::to_value(state.status)?.as_str().unwrap_or("unknown")
                )
            }
        });
        match sent {
            Ok(()) => println!("{given}"),
            Err(e) => {
                eprintln!("Error: {}", crate::commands::chain(&e));
                status = ExitStatus::ENGINE_ERROR;
            }
        }
    }
    Ok(status)
}
