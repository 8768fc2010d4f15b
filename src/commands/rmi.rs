//! `ferry rmi` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::RmiArgs;

pub fn exec(_ctx: &mut Context, _args: RmiArgs) -> Result<ExitStatus> {
    bail!("rmi is not implemented yet")
}
