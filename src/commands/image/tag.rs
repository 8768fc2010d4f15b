//! `ferry tag`: add names to an image.

use anyhow::Result;

use super::report_each;
use crate::cli::TagArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::image;

pub fn exec(ctx: &mut Context, args: TagArgs) -> Result<ExitStatus> {
    let store = ctx.store()?;
    report_each(image::tag(store, &args.image, &args.names)?)
}
