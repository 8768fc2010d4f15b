//! `ferry volume import`: unpacks a tar archive (a file, or `-` for stdin) into an existing volume.

use std::io::Read;

use anyhow::{Context as _, Result};

use crate::cli::VolumeImportArgs;
use crate::commands::{Context, ExitStatus};

pub fn exec(ctx: &mut Context, args: VolumeImportArgs) -> Result<ExitStatus> {
    let mut input: Box<dyn Read> = if args.source == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(&args.source).with_context(|| format!("opening {}", args.source))?)
    };
    // Owners in the archive are container ids: only inside the user namespace can they be set.
    ctx.enter_userns()?;
    crate::engine::volume::import(ctx.store()?, &args.name, &mut input)?;
    Ok(ExitStatus::SUCCESS)
}
