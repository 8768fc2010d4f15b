//! `ferry system prune`: image prune plus the leftovers of interrupted work (downloads, unpacks,
//! container removals: see `gc::collect`), with a total.

use anyhow::{Context as _, Result};

use crate::cli::SystemPruneArgs;
use crate::commands::confirm;
use crate::commands::{Context, ExitStatus};
use crate::engine::image::prune_images;
use crate::image::gc;

pub fn exec(ctx: &mut Context, args: SystemPruneArgs) -> Result<ExitStatus> {
    if !args.force {
        let images = if args.all {
            "all images without at least one container associated with them"
        } else {
            "all dangling images"
        };
        let volumes = if args.volumes {
            "\t- all volumes not used by at least one container\n"
        } else {
            ""
        };
        let warning = format!(
            "WARNING! This command removes:\n\t- {images}\n{volumes}\t- all interrupted downloads and unpacks\n\n"
        );
        if !confirm(&warning)? {
            return Ok(ExitStatus::SUCCESS);
        }
    }
    ctx.enter_userns()?;
    let store = ctx.store()?;
    let removed = prune_images(store, args.all, &[])?;
    if !removed.is_empty() {
        println!("Deleted Images");
        for id in &removed {
            println!("{}", id.hex());
        }
    }
    let mut volume_bytes = 0;
    if args.volumes {
        let pruned = crate::engine::volume::prune(store, &[])?;
        if !pruned.names.is_empty() {
            println!("Deleted Volumes");
            for n in &pruned.names {
                println!("{n}");
            }
        }
        volume_bytes = pruned.bytes;
    }
    let report = gc::collect(store).context("removing unreferenced content")?;
    println!(
        "Total reclaimed space: {}",
        crate::output::human_size(report.bytes + volume_bytes)
    );
    Ok(ExitStatus::SUCCESS)
}
