//! `ferry login` (being written).

use anyhow::{Result, bail};

use super::{Context, ExitStatus};
use crate::cli::LoginArgs;

pub fn exec(_ctx: &mut Context, _args: LoginArgs) -> Result<ExitStatus> {
    bail!("login is being written")
}
