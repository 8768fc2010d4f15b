//! `ferry commit`: a new image from a container's changes.

use std::path::Path;

use anyhow::{Context as _, Result, bail};

use crate::cli::CommitArgs;
use crate::commands::{Context, ExitStatus, warn};
use crate::engine::container::commit::{self, CommitContainerOptions};
use crate::image::commit::{CommitChange, ImageFormat, parse_commit_change};
use crate::image::reference::Reference;

pub fn exec(ctx: &mut Context, args: CommitArgs) -> Result<ExitStatus> {
    // Everything the user typed is checked before anything is paused or written.
    let changes = args
        .change
        .iter()
        .map(|c| parse_commit_change(c))
        .collect::<Result<Vec<CommitChange>, _>>()?;
    let format: ImageFormat = args.format.parse()?;
    let names = match &args.image {
        Some(name) => {
            let r = Reference::parse_local(name).with_context(|| format!("invalid image name {name:?}"))?;
            if r.digest.is_some() {
                bail!("invalid image name {name:?}: an image cannot be committed to a digest reference");
            }
            vec![r.to_string()]
        }
        None => Vec::new(),
    };
    let store = ctx.store()?.clone();
    let source = commit::prepare(&store, &args.container, args.pause)?;
    ctx.enter_userns()?;
    let opts = CommitContainerOptions {
        changes,
        format,
        names,
        squash: args.squash,
        author: args.author.clone(),
        message: args.message.clone(),
    };
    let id = commit::commit(&store, &ctx.engine.apply_options(), source, &opts, &mut |w| warn(w))?;
    if let Some(f) = &args.iidfile {
        write_iidfile(f, &id.to_string())?;
    }
    println!("{}", id.hex());
    Ok(ExitStatus::SUCCESS)
}

fn write_iidfile(path: &Path, id: &str) -> Result<()> {
    std::fs::write(path, id).with_context(|| format!("writing the image id to {}", path.display()))
}
