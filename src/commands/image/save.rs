//! `ferry save`: images to a docker-archive or oci-archive, in a file or on stdout.

use std::io::{BufWriter, IsTerminal, Write};

use anyhow::{Context as _, Result, bail};

use crate::cli::{ArchiveFormat, SaveArgs};
use crate::commands::{Context, ExitStatus};
use crate::engine::image;

pub fn exec(ctx: &mut Context, args: SaveArgs) -> Result<ExitStatus> {
    // Nothing but errors is ever printed; -q and -m are accepted for compatibility.
    let _ = (args.quiet, args.multi_image_archive);
    if args.output.is_none() && std::io::stdout().is_terminal() {
        bail!("refusing to save to terminal. Use -o flag or redirect");
    }
    let format = match args.format {
        ArchiveFormat::DockerArchive => image::ArchiveFormat::DockerArchive,
        ArchiveFormat::OciArchive => image::ArchiveFormat::OciArchive,
    };
    let store = ctx.store()?;
    match &args.output {
        Some(path) => image::save_to_file(store, &args.images, format, path)?,
        None => {
            let out = BufWriter::new(std::io::stdout().lock());
            let mut out = image::save(store, &args.images, format, out)?;
            out.flush().context("writing to stdout")?;
        }
    }
    Ok(ExitStatus::SUCCESS)
}
