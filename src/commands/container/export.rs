//! `ferry export [-o FILE] CTR`: the container's root filesystem as one flattened tar (the
//! merged view, no whiteouts), as Docker's export; running or not.

use std::fs::File;
use std::io::IsTerminal;
use std::os::fd::AsFd;

use anyhow::{Context as _, Result, bail};

use crate::cli::ExportArgs;
use crate::commands::{Context, ExitStatus};

pub fn exec(ctx: &mut Context, args: ExportArgs) -> Result<ExitStatus> {
    let out = match &args.output {
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
    crate::engine::container::fs::export(&ctx.engine, &store, &rec, out)?;
    Ok(ExitStatus::SUCCESS)
}
