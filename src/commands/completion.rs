//! `ferry completion` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::CompletionArgs;

pub fn exec(_ctx: &mut Context, _args: CompletionArgs) -> Result<ExitStatus> {
    bail!("completion is not implemented yet")
}
