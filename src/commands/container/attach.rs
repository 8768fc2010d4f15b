//! `ferry attach` / `ferry container attach`: connects the terminal to a running container
//! through its monitor's attach socket; `run -it` and `start -ai` of a container with a terminal
//! use the same relay (`super::relay_attached`).

use anyhow::Result;

use super::{Session, relay_attached};
use crate::cli::AttachArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container::attach::{Attached, attach};
use crate::runtime::tty::DetachKeys;

pub fn exec(ctx: &mut Context, args: AttachArgs) -> Result<ExitStatus> {
    let detach_keys = DetachKeys::parse(&args.detach_keys)?;
    let store = ctx.store()?.clone();
    let Attached {
        record,
        connection,
        terminal,
        interactive,
    } = attach(&store, &args.container)?;
    let session = Session {
        // The monitor drops the input of a container that was not created with -i: don't read it.
        stdin: !args.no_stdin && interactive,
        tty: terminal,
        detach_keys,
        sig_proxy: args.sig_proxy,
    };
    relay_attached(&store, &record, connection, session)
}
