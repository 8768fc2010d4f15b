//! `ferry run`: create a container from an image and run it: in the foreground with ferry as
//! its supervisor (it forwards signals, waits, records the exit and cleans up `--rm`), or under
//! its monitor (`-d`, and `-t`, whose terminal the monitor holds while ferry attaches to it).

use anyhow::Result;

use crate::cli::RunArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container as engine;
use crate::runtime::tty::DetachKeys;
use crate::store::Store;
use crate::store::containers::{ContainerRecord, Status};
use crate::store::lock::Lock;

pub fn exec(ctx: &mut Context, args: RunArgs) -> Result<ExitStatus> {
    let detach_keys = DetachKeys::parse(&args.detach_keys)?;
    super::warn_if_not_a_terminal(args.opts.tty, args.opts.interactive);
    // The new container stays locked until it runs: an `rm` of it waits until then.
    let engine::create::Created {
        record: rec,
        lock: held,
    } = super::create_container(ctx, &args.opts)?;
    let store = ctx.store()?.clone();
    if args.detach {
        return run_detached(&store, &rec, args.rm, held);
    }
    if args.opts.tty {
        return run_attached(&store, &rec, &args, detach_keys, held);
    }
    let opts = engine::start::ForegroundOptions {
        sig_proxy: args.sig_proxy,
        keep_stdin: args.opts.interactive,
        remove: args.rm,
    };
    super::start_foreground(&store, &rec, opts, held)
}

/// `run -t` in the foreground: the container runs under its monitor, which holds its terminal,
/// and ferry attaches to it (`super::start_attached`).
fn run_attached(
    store: &Store,
    rec: &ContainerRecord,
    args: &RunArgs,
    detach_keys: DetachKeys,
    held: Lock,
) -> Result<ExitStatus> {
    let containers = store.containers();
    if args.rm {
        engine::start::remove_at_exit(store, rec)?;
    }
    let session = super::Session {
        stdin: args.opts.interactive,
        tty: true,
        detach_keys,
        sig_proxy: args.sig_proxy,
    };
    let result = super::start_attached(store, rec, session, held);
    // The monitor removes what it supervised; a container that never started is left to us (one
    // that still runs, after a detach, is the monitor's).
    if args.rm && containers.refresh(rec).is_ok_and(|s| s.status != Status::Running) {
        let _ = engine::start::remove_exited(store, rec);
    }
    result
}

/// `run -d`: starts the container under its monitor (which removes it at the end with `--rm`)
/// and prints its id. `held` is the container's lock, released once it runs (or is removed).
fn run_detached(store: &Store, rec: &ContainerRecord, remove: bool, held: Lock) -> Result<ExitStatus> {
    if remove {
        engine::start::remove_at_exit(store, rec)?;
    }
    let started = engine::start::start_detached(store, rec);
    if started.is_err() && remove {
        let _ = store.volumes().remove_container(&rec.id);
    }
    drop(held);
    match started {
        Ok(()) => {
            println!("{}", rec.id);
            Ok(ExitStatus::SUCCESS)
        }
        Err(e) => super::start_failed(e),
    }
}
