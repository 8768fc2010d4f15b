//! `ferry start` / `ferry container start`: starts created or exited containers, in the
//! background under their monitors (printing each name as given), or with `--attach` in the
//! foreground as `run` does, exiting with the container's code (a container with a terminal
//! through its monitor, with ferry attached to it).

use anyhow::{Result, bail};

use crate::cli::StartArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container::start as engine;
use crate::runtime::tty::DetachKeys;

pub fn exec(ctx: &mut Context, args: StartArgs) -> Result<ExitStatus> {
    if (args.attach || args.interactive) && args.containers.len() > 1 {
        bail!("you cannot start and attach multiple containers at once");
    }
    super::enter_for_start(ctx, &args.containers)?;
    let store = ctx.store()?.clone();
    // As in Podman, forwarding stdin means attaching.
    if args.attach || args.interactive {
        let to_start = engine::lock_for_start(&store, &args.containers[0])?;
        if to_start.terminal {
            // A terminal lives in the monitor: attach to it.
            let session = super::Session {
                stdin: args.interactive,
                tty: true,
                detach_keys: DetachKeys::parse(&args.detach_keys)?,
                sig_proxy: args.sig_proxy,
            };
            return super::start_attached(&store, &to_start.record, session, to_start.lock);
        }
        let opts = engine::ForegroundOptions {
            sig_proxy: args.sig_proxy,
            keep_stdin: args.interactive,
            remove: false,
        };
        return super::start_foreground(&store, &to_start.record, opts, to_start.lock);
    }
    let mut errors = Vec::new();
    for (name, started) in engine::start_detached_each(&store, &args.containers) {
        match started {
            Ok(()) => println!("{name}"),
            Err(e) => errors.push(e.into()),
        }
    }
    crate::commands::report_errors(errors)
}
