//! `ferry system_reset` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::SystemResetArgs;

pub fn exec(_ctx: &mut Context, _args: SystemResetArgs) -> Result<ExitStatus> {
    bail!("system_reset is not implemented yet")
}
