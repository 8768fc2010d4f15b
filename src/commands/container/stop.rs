//! `ferry stop` / `ferry container stop`: the container's stop signal, then SIGKILL after the
//! timeout.

use anyhow::Result;

use crate::cli::StopArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container::lifecycle::{select, stop};

pub fn exec(ctx: &mut Context, args: StopArgs) -> Result<ExitStatus> {
    let store = ctx.store()?.clone();
    let containers = store.containers();
    let targets = select(&containers, &args.containers, args.all)?;
    let mut status = ExitStatus::SUCCESS;
    for (given, rec) in targets {
        match rec.and_then(|rec| stop(&containers, &rec, args.time)) {
            Ok(()) => println!("{given}"),
            Err(e) => {
                crate::commands::report_error(&e.into());
                status = ExitStatus::ENGINE_ERROR;
            }
        }
    }
    Ok(status)
}
