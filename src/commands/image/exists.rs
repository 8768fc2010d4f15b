//! `ferry image exists`: exit 0 when the image is in local storage, 1 when not.

use anyhow::Result;

use crate::cli::ImageExistsArgs;
use crate::commands::{Context, ExitStatus};
use crate::image::lookup::{self, LookupError};

pub fn exec(ctx: &mut Context, args: ImageExistsArgs) -> Result<ExitStatus> {
    let store = ctx.store()?;
    match lookup::find(store, &args.image) {
        Ok(_) => Ok(ExitStatus::SUCCESS),
        Err(LookupError::NotKnown(_)) => Ok(ExitStatus::FAILURE),
        Err(e) => Err(e.into()),
    }
}
