//! `ferry logout` (being written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::LogoutArgs;

pub fn exec(_ctx: &mut Context, _args: LogoutArgs) -> Result<ExitStatus> {
    bail!("logout is being written")
}
