//! `ferry image_exists` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::ImageExistsArgs;

pub fn exec(_ctx: &mut Context, _args: ImageExistsArgs) -> Result<ExitStatus> {
    bail!("image_exists is not implemented yet")
}
