//! `ferry images` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::ImagesArgs;

pub fn exec(_ctx: &mut Context, _args: ImagesArgs) -> Result<ExitStatus> {
    bail!("images is not implemented yet")
}
