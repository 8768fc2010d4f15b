//! `ferry import`: a new one-layer image from a root filesystem tarball.

use std::fs::File;
use std::io::{IsTerminal, Read};

use anyhow::{Context as _, Result, bail};

use crate::cli::ImportArgs;
use crate::commands::{Context, ExitStatus, warn};
use crate::engine::image::{self, ImportRequest};
use crate::image::import::{Change, parse_change};
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
    // Checked before reading anything; the engine stores it under its full name.
    if let Some(r) = &args.reference {
        Reference::parse_local(r)?;
    }
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
    let apply = ctx.engine.apply_options();
    let store = ctx.store()?;
    let request = ImportRequest {
        source_name: args.source.clone(),
        changes,
        message: args.message,
        reference: args.reference,
    };
    let mut warnings = Vec::new();
    let result = image::import(store, &mut input, &request, &apply, &mut warnings);
    for w in &warnings {
        warn(w);
    }
    println!("{}", result?.hex());
    Ok(ExitStatus::SUCCESS)
}
