//! `ferry generate_docs` (not yet written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::GenerateDocsArgs;

pub fn exec(_ctx: &mut Context, _args: GenerateDocsArgs) -> Result<ExitStatus> {
    bail!("generate_docs is not implemented yet")
}
