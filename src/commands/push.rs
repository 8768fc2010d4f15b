//! `ferry push` (being written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::PushArgs;

pub fn exec(_ctx: &mut Context, _args: PushArgs) -> Result<ExitStatus> {
    bail!("push is being written")
}
