//! `ferry manifest_inspect` (being written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::ManifestInspectArgs;

pub fn exec(_ctx: &mut Context, _args: ManifestInspectArgs) -> Result<ExitStatus> {
    bail!("manifest_inspect is being written")
}
