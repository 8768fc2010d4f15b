//! `ferry start` / `ferry container start`: starts created or exited containers, in the
//! background under their monitors (printing each name as given), or with `--attach` in the
//! foreground as `run` does, exiting with the container's code (a container with a terminal
//! through its monitor, with ferry attached to it).

use anyhow::{Result, bail};

use crate::cli::StartArgs;
use crate::commands::{Context, ExitStatus};
use crate::runtime::tty::DetachKeys;
use crate::store::containers::Status;

pub fn exec(ctx: &mut Context, args: StartArgs) -> Result<ExitStatus> {
    if (args.attach || args.interactive) && args.containers.len() > 1 {
        bail!("you cannot start and attach multiple containers at once");
    }
    super::run::join_network_owner(ctx, &args.containers)?;
    let networked = crate::commands::network::connect::any_networked(ctx, &args.containers)?;
    crate::commands::network::connect::enter_userns_networked(ctx, networked)?;
    let store = ctx.store()?.clone();
    let containers = store.containers();
    // As in Podman, forwarding stdin means attaching.
    if args.attach || args.interactive {
        let rec = containers.lookup(&args.containers[0])?;
        // Held until it runs: a concurrent `rm` or `start` waits.
        let held = containers.lock(&rec.id)?;
        if containers.refresh(&rec)?.status == Status::Running {
            bail!("container {} is already running: container state improper", rec.id);
        }
        let spec = crate::engine::container::read_spec(&store, &rec.id)?;
        if spec.process().as_ref().and_then(|p| p.terminal()).unwrap_or(false) {
            // A terminal lives in the monitor: attach to it.
            let session = super::attach::Session {
                stdin: args.interactive,
                tty: true,
                detach_keys: DetachKeys::parse(&args.detach_keys)?,
                sig_proxy: args.sig_proxy,
            };
            return super::run::start_attached(&store, &rec, session, held);
        }
        return super::run::start_container(&store, &rec, args.sig_proxy, args.interactive, held);
    }
    let mut errors = Vec::new();
    for name in &args.containers {
        let started = containers.lookup(name).map_err(anyhow::Error::from).and_then(|rec| {
            let _held = containers.lock(&rec.id)?;
            // Starting a running container is not an error (as in Podman).
            if containers.refresh(&rec)?.status == Status::Running {
                return Ok(());
            }
            super::run::start_detached(&store, &rec)
        });
        match started {
            Ok(()) => println!("{name}"),
            Err(e) => errors.push(e),
        }
    }
    crate::commands::report_errors(errors)
}
