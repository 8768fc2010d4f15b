//! `ferry rm` / `ferry container rm`: removes containers (killing running ones with `-f`), with
//! partial success over several arguments and Podman's exit codes. Running containers are killed
//! before entering the user namespace, removed inside it (see `engine::container::remove`).

use anyhow::{Result, bail};

use crate::cli::RmArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container::remove::{kill_and_wait, remove_one};
use crate::engine::container::{Error, ErrorKind};
use crate::store::containers::ContainerError;

/// A container name or id that matches nothing (Podman exits 1).
const NO_SUCH_CONTAINER: ExitStatus = ExitStatus(1);
/// A running container without `--force` (Podman exits 2).
const STATE_IMPROPER: ExitStatus = ExitStatus(2);

/// Podman's exit code for a failure to remove one container.
fn exit_code(e: &Error) -> ExitStatus {
    match e.kind() {
        ErrorKind::StateImproper => STATE_IMPROPER,
        _ => ExitStatus::ENGINE_ERROR,
    }
}

pub fn exec(ctx: &mut Context, args: RmArgs) -> Result<ExitStatus> {
    if args.all && !args.containers.is_empty() {
        bail!("when using the --all switch, you may not pass any containers names or IDs");
    }
    if !args.all && args.containers.is_empty() {
        bail!("must specify at least one container name or ID");
    }
    let store = ctx.store()?.clone();
    let containers = store.containers();
    let mut targets = Vec::new();
    let mut status = ExitStatus::SUCCESS;
    let mut fail = |code: ExitStatus, e: anyhow::Error| {
        crate::commands::report_error(&e);
        status = code;
    };
    if args.all {
        targets = containers.list()?;
    }
    for name in &args.containers {
        match containers.lookup(name) {
            Ok(rec) => targets.push(rec),
            Err(ContainerError::NotFound(_)) if args.ignore => {}
            Err(e @ ContainerError::NotFound(_)) => fail(NO_SUCH_CONTAINER, e.into()),
            Err(e) => fail(ExitStatus::ENGINE_ERROR, e.into()),
        }
    }
    let mut stopped = Vec::new();
    for rec in targets {
        if args.force
            && let Err(e) = kill_and_wait(&store, &rec)
        {
            fail(ExitStatus::ENGINE_ERROR, e.into());
            continue;
        }
        stopped.push(rec);
    }
    ctx.enter_userns()?;
    for rec in &stopped {
        match remove_one(&store, rec, args.force, args.volumes) {
            Ok(_) => println!("{}", rec.id),
            Err(e) => fail(exit_code(&e), e.into()),
        }
    }
    Ok(status)
}
