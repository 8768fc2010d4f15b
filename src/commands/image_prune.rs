//! `ferry image_prune` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::ImagePruneArgs;

pub fn exec(_ctx: &mut Context, _args: ImagePruneArgs) -> Result<ExitStatus> {
    bail!("image_prune is not implemented yet")
}
