//! `ferry kill` / `ferry container kill`: sends a signal to running containers.

use anyhow::{Result, anyhow};

use super::{report_each, targets};
use crate::cli::KillArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container::lifecycle::kill_each;
use crate::monitor::signal::parse_signal;

pub fn exec(ctx: &mut Context, args: KillArgs) -> Result<ExitStatus> {
    let sig = parse_signal(&args.signal).ok_or_else(|| anyhow!("invalid signal: {}", args.signal))?;
    let results = kill_each(ctx.store()?, targets(&args.containers, args.all), sig)?;
    Ok(report_each(results, |given, ()| given.to_string()))
}
