//! `ferry history` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::HistoryArgs;

pub fn exec(_ctx: &mut Context, _args: HistoryArgs) -> Result<ExitStatus> {
    bail!("history is not implemented yet")
}
