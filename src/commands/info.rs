//! `ferry info` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::InfoArgs;

pub fn exec(_ctx: &mut Context, _args: InfoArgs) -> Result<ExitStatus> {
    bail!("info is not implemented yet")
}
