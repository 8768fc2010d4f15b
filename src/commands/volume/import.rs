//! `ferry volume import`: unpacks a tar archive (a file, or `-` for stdin) into an existing volume.

use std::io::Read;

use anyhow::{Context as _, Result};

use crate::cli::VolumeImportArgs;
use crate::commands::{Context, ExitStatus};

pub fn exec(ctx: &mut Context, args: VolumeImportArgs) -> Result<ExitStatus> {
    let input: Box<dyn Read> = if args.source == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(&args.source).with_context(|| format!("opening {}", args.source))?)
    };
    // Owners in the archive are container ids: only inside the user namespace can they be set.
    ctx.enter_userns()?;
    let volumes = ctx.store()?.volumes();
    volumes.get(&args.name)?;
    let data = volumes.data_dir(&args.name);
    let mut archive = tar::Archive::new(std::io::BufReader::new(input));
    archive.set_preserve_permissions(true);
    archive.set_preserve_ownerships(true);
    archive.set_overwrite(true);
    // tar's unpack refuses entries (and links) that would land outside the volume.
    archive
        .unpack(&data)
        .with_context(|| format!("importing into volume {}", args.name))?;
    Ok(ExitStatus::SUCCESS)
}
