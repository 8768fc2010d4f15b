//! `ferry version` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::VersionArgs;

pub fn exec(_ctx: &mut Context, _args: VersionArgs) -> Result<ExitStatus> {
    bail!("version is not implemented yet")
}
