//! `ferry system_df` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::SystemDfArgs;

pub fn exec(_ctx: &mut Context, _args: SystemDfArgs) -> Result<ExitStatus> {
    bail!("system_df is not implemented yet")
}
