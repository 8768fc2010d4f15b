//! `ferry tag` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::TagArgs;

pub fn exec(_ctx: &mut Context, _args: TagArgs) -> Result<ExitStatus> {
    bail!("tag is not implemented yet")
}
