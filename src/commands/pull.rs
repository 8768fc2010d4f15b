//! `ferry pull` (being written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::PullArgs;

pub fn exec(_ctx: &mut Context, _args: PullArgs) -> Result<ExitStatus> {
    bail!("pull is being written")
}
