//! `ferry import`: a new one-layer image from a root filesystem tarball.

use std::fs::File;
use std::io::{IsTerminal, Read};

use anyhow::{Context as _, Result, bail};

use crate::cli::ImportArgs;
use crate::commands::{Context, ExitStatus, warn};
use crate::image::import::{Change, ImportOptions, import, parse_change};
use crate::image::reference::Reference;

pub fn exec(ctx: &mut Context, args: ImportArgs) -> Result<ExitStatus> {
    // Only the id is ever printed, so -q changes nothing.
    let _ = args.quiet;
    if args.source.contains("://") {
        bail!(
            "importing from {:?}: only files and stdin (\"-\") are supported, not URLs",
            args.source
        );
    }
    let changes = args
        .change
        .iter()
        .map(|c| parse_change(c))
        .collect::<Result<Vec<Change>, _>>()?;
    let names = match &args.reference {
        Some(r) => vec![Reference::parse_local(r)?.to_string()],
        None => Vec::new(),
    };
    let mut input: Box<dyn Read> = if args.source == "-" {
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            bail!("no tarball to import: stdin is a terminal");
        }
        Box::new(stdin.lock())
    } else {
        Box::new(File::open(&args.source).with_context(|| format!("opening {}", args.source))?)
    };
    ctx.enter_userns()?;
    let apply = ctx.apply_options();
    let store = ctx.store()?.clone();
    let _lock = store.content_lock()?;
    let opts = ImportOptions {
        changes: &changes,
        message: args.message.as_deref(),
        names: &names,
    };
    let mut warnings = Vec::new();
    let result = import(&store, &mut input, &opts, &apply, &mut warnings);
    for w in &warnings {
        warn(w);
    }
    let id = result.with_context(|| format!("importing {}", args.source))?;
    println!("{}", id.hex());
    Ok(ExitStatus::SUCCESS)
}
