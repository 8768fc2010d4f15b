//! `ferry system prune`: image prune plus the leftovers of interrupted work (downloads, unpacks,
//! container removals: see `gc::collect`), with a total.

use anyhow::Result;

use crate::cli::SystemPruneArgs;
use crate::commands::confirm;
use crate::commands::{Context, ExitStatus};
use crate::engine::system::{self, PruneOptions};

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
    let options = PruneOptions {
        all: args.all,
        volumes: args.volumes,
    };
    let (pruned, result) = system::prune(ctx.store()?, options);
    if !pruned.images.is_empty() {
        println!("Deleted Images");
        for id in &pruned.images {
            println!("{}", id.hex());
        }
    }
    if !pruned.volumes.is_empty() {
        println!("Deleted Volumes");
        for n in &pruned.volumes {
            println!("{n}");
        }
    }
    result?;
    println!("Total reclaimed space: {}", crate::output::human_size(pruned.reclaimed));
    Ok(ExitStatus::SUCCESS)
}
