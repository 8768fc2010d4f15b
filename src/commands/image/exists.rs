//! `ferry image exists`: exit 0 when the image is in local storage, 1 when not.

use anyhow::Result;

use crate::cli::ImageExistsArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::image;

pub fn exec(ctx: &mut Context, args: ImageExistsArgs) -> Result<ExitStatus> {
    let store = ctx.store()?;
    Ok(if image::exists(store, &args.image)? {
        ExitStatus::SUCCESS
    } else {
        ExitStatus::FAILURE
    })
}
