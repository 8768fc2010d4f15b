//! `ferry kill` / `ferry container kill`: sends a signal to running containers.

use anyhow::{Result, anyhow};

use crate::cli::KillArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container::lifecycle::{kill, select};
use crate::monitor::signal::parse_signal;

pub fn exec(ctx: &mut Context, args: KillArgs) -> Result<ExitStatus> {
    let sig = parse_signal(&args.signal).ok_or_else(|| anyhow!("invalid signal: {}", args.signal))?;
    let store = ctx.store()?.clone();
    let containers = store.containers();
    let mut status = ExitStatus::SUCCESS;
    for (given, rec) in select(&containers, &args.containers, args.all)? {
        match rec.and_then(|rec| kill(&containers, &rec, sig)) {
            Ok(()) => println!("{given}"),
            Err(e) => {
                crate::commands::report_error(&e.into());
                status = ExitStatus::ENGINE_ERROR;
            }
        }
    }
    Ok(status)
}
