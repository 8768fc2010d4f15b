//! `ferry untag`: remove names from an image (all of them when none are given).

use anyhow::Result;

use super::report_each;
use crate::cli::UntagArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::image;

pub fn exec(ctx: &mut Context, args: UntagArgs) -> Result<ExitStatus> {
    let store = ctx.store()?;
    report_each(image::untag(store, &args.image, &args.names)?)
}
