//! `ferry volume export`: the volume's content as a tar archive, on stdout or in a file.

use std::io::Write;

use anyhow::{Context as _, Result, bail};

use crate::cli::VolumeExportArgs;
use crate::commands::{Context, ExitStatus};

pub fn exec(ctx: &mut Context, args: VolumeExportArgs) -> Result<ExitStatus> {
    let out: Box<dyn Write> = match &args.output {
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
    let volumes = ctx.store()?.volumes();
    volumes.get(&args.name)?;
    let data = volumes.data_dir(&args.name);
    let mut tar = tar::Builder::new(std::io::BufWriter::new(out));
    tar.follow_symlinks(false);
    tar.mode(tar::HeaderMode::Complete);
    tar.append_dir_all(".", &data)
        .with_context(|| format!("archiving volume {}", args.name))?;
    tar.into_inner()
        .and_then(|mut w| w.flush())
        .context("writing the archive")?;
    Ok(ExitStatus::SUCCESS)
}
