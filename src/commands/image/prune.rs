//! `ferry image prune`: removes dangling images (all unused ones with `-a`), then collects
//! the content nothing references any more.

use anyhow::Result;
use chrono::Utc;

use crate::cli::ImagePruneArgs;
use crate::commands::{Context, ExitStatus, confirm};
use crate::engine::image::{self, PruneFilter};

pub fn exec(ctx: &mut Context, args: ImagePruneArgs) -> Result<ExitStatus> {
    let now = Utc::now();
    let filters = args
        .filter
        .iter()
        .map(|f| PruneFilter::parse(f, now))
        .collect::<Result<Vec<_>, _>>()?;
    if !args.force {
        let what = if args.all {
            "all images without at least one container associated with them"
        } else {
            "all dangling images"
        };
        if !confirm(&format!("WARNING! This command removes {what}.\n"))? {
            return Ok(ExitStatus::SUCCESS);
        }
    }
    ctx.enter_userns()?;
    let store = ctx.store()?;
    let (removed, cleanup) = image::prune(store, args.all, &filters)?;
    for id in removed {
        println!("{}", id.hex());
    }
    cleanup?;
    Ok(ExitStatus::SUCCESS)
}
