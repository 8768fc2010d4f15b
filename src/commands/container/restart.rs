//! `ferry restart` / `ferry container restart`: stops containers (as `stop` does) and starts
//! them again in the background under a new monitor.

use anyhow::Result;

use crate::cli::StopArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container::lifecycle::{select, stop as stop_one};
use crate::engine::container::start as engine;

pub fn exec(ctx: &mut Context, args: StopArgs) -> Result<ExitStatus> {
    let store = ctx.store()?.clone();
    let containers = store.containers();
    // Stopped from outside any user namespace: rootless, the host user may signal every
    // process of its containers, whose namespaces it owns.
    let stopped: Vec<_> = select(&containers, &args.containers, args.all)?
        .into_iter()
        .map(|(given, rec)| {
            (
                given,
                rec.and_then(|rec| stop_one(&containers, &rec, args.time).map(|()| rec))
                    .map_err(anyhow::Error::from),
            )
        })
        .collect();
    // Starting needs the user namespace (rootless).
    let keys: Vec<String> = stopped
        .iter()
        .filter_map(|(_, rec)| rec.as_ref().ok().map(|r| r.id.clone()))
        .collect();
    super::enter_for_start(ctx, &keys)?;
    let mut status = ExitStatus::SUCCESS;
    for (given, rec) in stopped {
        let restarted = rec.and_then(|rec| Ok(engine::start_again(&store, &rec)?));
        match restarted {
            Ok(()) => println!("{given}"),
            Err(e) => {
                eprintln!("Error: {}", crate::commands::chain(&e));
                status = ExitStatus::ENGINE_ERROR;
            }
        }
    }
    Ok(status)
}
