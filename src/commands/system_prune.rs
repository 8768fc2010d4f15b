//! `ferry system_prune` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::SystemPruneArgs;

pub fn exec(_ctx: &mut Context, _args: SystemPruneArgs) -> Result<ExitStatus> {
    bail!("system_prune is not implemented yet")
}
