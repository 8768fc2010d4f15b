//! `ferry attach` / `ferry container attach`: connects the terminal to a running container
//! through its monitor's attach socket; `run -it` and `start -ai` of a container with a terminal
//! use the same relay (`super::relay_attached`).

use anyhow::{Context as _, Result, bail};

use super::{Session, relay_attached};
use crate::cli::AttachArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container::read_spec;
use crate::monitor::attach;
use crate::runtime::tty::DetachKeys;
use crate::store::containers::Status;

pub fn exec(ctx: &mut Context, args: AttachArgs) -> Result<ExitStatus> {
    let detach_keys = DetachKeys::parse(&args.detach_keys)?;
    let store = ctx.store()?.clone();
    let containers = store.containers();
    let rec = containers.lookup(&args.container)?;
    if containers.refresh(&rec)?.status != Status::Running {
        bail!("you can only attach to running containers");
    }
    let sock = match attach::connect(&containers.dir(&rec.id)) {
        Ok(sock) => sock,
        // It exited in between: its monitor has closed the socket.
        Err(_) if containers.refresh(&rec).is_ok_and(|s| s.status != Status::Running) => {
            bail!("you can only attach to running containers")
        }
        Err(e) => {
            return Err(e).with_context(|| format!("connecting to the monitor of container {}", &rec.id[..12]));
        }
    };
    let spec = read_spec(&store, &rec.id)?;
    let settings = containers.read_settings(&rec.id)?;
    let session = Session {
        // The monitor drops the input of a container that was not created with -i: don't read it.
        stdin: !args.no_stdin && settings.interactive,
        tty: spec.process().as_ref().and_then(|p| p.terminal()).unwrap_or(false),
        detach_keys,
        sig_proxy: args.sig_proxy,
    };
    relay_attached(&store, &rec, sock, session)
}
