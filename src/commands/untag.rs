//! `ferry untag` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::UntagArgs;

pub fn exec(_ctx: &mut Context, _args: UntagArgs) -> Result<ExitStatus> {
    bail!("untag is not implemented yet")
}
