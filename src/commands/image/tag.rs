//! `ferry tag`: add names to an image.

use anyhow::{Context as _, Result, bail};

use crate::cli::TagArgs;
use crate::commands::{Context, ExitStatus};
use crate::image::lookup;
use crate::image::reference::Reference;

pub fn exec(ctx: &mut Context, args: TagArgs) -> Result<ExitStatus> {
    let store = ctx.store()?;
    let rec = lookup::find(store, &args.image)?;
    let mut names = Vec::new();
    for n in &args.names {
        let r = Reference::parse_local(n)?;
        if r.digest.is_some() {
            bail!("{n}: tag can't be used with a digest");
        }
        names.push(r.to_string());
    }
    for n in names {
        store
            .images()
            .tag(&rec.id, &n)
            .with_context(|| format!("tagging {} as {n}", rec.id.short()))?;
    }
    Ok(ExitStatus::SUCCESS)
}
