//! `ferry save` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::SaveArgs;

pub fn exec(_ctx: &mut Context, _args: SaveArgs) -> Result<ExitStatus> {
    bail!("save is not implemented yet")
}
