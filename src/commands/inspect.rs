//! `ferry inspect` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::InspectArgs;

pub fn exec(_ctx: &mut Context, _args: InspectArgs) -> Result<ExitStatus> {
    bail!("inspect is not implemented yet")
}
