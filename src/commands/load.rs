//! `ferry load` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::LoadArgs;

pub fn exec(_ctx: &mut Context, _args: LoadArgs) -> Result<ExitStatus> {
    bail!("load is not implemented yet")
}
