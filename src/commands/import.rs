//! `ferry import` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::ImportArgs;

pub fn exec(_ctx: &mut Context, _args: ImportArgs) -> Result<ExitStatus> {
    bail!("import is not implemented yet")
}
