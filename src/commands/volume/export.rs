//! `ferry volume export`: the volume's content as a tar archive, on stdout or in a file.

use std::io::Write;

use anyhow::{Context as _, Result, bail};

use crate::cli::VolumeExportArgs;
use crate::commands::{Context, ExitStatus};

pub fn exec(ctx: &mut Context, args: VolumeExportArgs) -> Result<ExitStatus> {
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?),
        None => {
            if nix::unistd::isatty(std::io::stdout()).unwrap_or(false) {
                bail!("refusing to write a tar archive to a terminal: use -o FILE or redirect stdout");
            }
            Box::new(std::io::stdout().lock())
        }
    };
    // Inside the user namespace the owners read as the container sees them, and every file is readable.
    ctx.enter_userns()?;
    crate::engine::volume::export(ctx.store()?, &args.name, &mut out)?;
    Ok(ExitStatus::SUCCESS)
}
