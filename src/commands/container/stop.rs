//! `ferry stop` / `ferry container stop`: the container's stop signal, then SIGKILL after the
//! timeout.

use anyhow::Result;

use super::{report_each, targets};
use crate::cli::StopArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container::lifecycle::stop_each;

pub fn exec(ctx: &mut Context, args: StopArgs) -> Result<ExitStatus> {
    let results = stop_each(ctx.store()?, targets(&args.containers, args.all), args.time)?;
    Ok(report_each(results, |given, ()| given.to_string()))
}
