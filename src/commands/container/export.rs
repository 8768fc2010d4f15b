//! `ferry export [-o FILE] CTR`: the container's root filesystem as one flattened tar (the
//! merged view, no whiteouts), as Docker's export; running or not.

use std::fs::File;
use std::io::IsTerminal;
use std::os::fd::AsFd;

use anyhow::{Context as _, Result, bail};

use crate::cli::ExportArgs;
use crate::commands::{Context, ExitStatus};
use crate::image::copy::{self, TarOptions, UserPath};
use crate::runtime::rootview::{self, View};

pub fn exec(ctx: &mut Context, args: ExportArgs) -> Result<ExitStatus> {
    let mut out = match &args.output {
        Some(p) => File::create(p).with_context(|| format!("creating {}", p.display()))?,
        None => {
            if std::io::stdout().is_terminal() {
                bail!("refusing to export to terminal. Use -o flag or redirect");
            }
            File::from(
                std::io::stdout()
                    .as_fd()
                    .try_clone_to_owned()
                    .context("duplicating stdout")?,
            )
        }
    };
    let store = ctx.store()?.clone();
    let rec = store.containers().lookup(&args.container)?;
    let mut view = crate::engine::container::fs::container_view(&ctx.engine, &store, &rec)?;
    // Volumes are not part of an export (as Docker's): a stopped container's are not mounted.
    if let View::Stopped { binds, .. } = &mut view {
        binds.clear();
    }
    let child = rootview::spawn(&view, &[], move |root| {
        let all =
            copy::locate(root, &UserPath::parse("/").map_err(|e| e.to_string())?, false).map_err(|e| e.to_string())?;
        // Not /proc, /sys, /dev or volumes of a running container: only its own files.
        copy::write_tar(&all, None, TarOptions { one_file_system: true }, &mut out).map_err(|e| e.to_string())
    })?;
    child
        .wait()
        .with_context(|| format!("exporting container {}", &rec.id[..12]))?;
    Ok(ExitStatus::SUCCESS)
}
