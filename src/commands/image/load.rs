//! `ferry load`: images from a docker-archive or oci-archive file or stdin.

use std::fs::File;
use std::io::{IsTerminal, Read};

use anyhow::{Context as _, Result, bail};

use crate::cli::LoadArgs;
use crate::commands::{Context, ExitStatus, warn};
use crate::engine::image;

pub fn exec(ctx: &mut Context, args: LoadArgs) -> Result<ExitStatus> {
    // Podman prints the same lines with -q: it only silences progress, which ferry has none of.
    let _ = args.quiet;
    let (mut input, source): (Box<dyn Read>, String) = match &args.input {
        Some(p) => {
            let f = File::open(p).with_context(|| format!("opening {}", p.display()))?;
            (Box::new(f), p.display().to_string())
        }
        None => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                bail!("no archive to load: use -i FILE or redirect stdin");
            }
            (Box::new(stdin.lock()), "stdin".to_string())
        }
    };
    ctx.enter_userns()?;
    let apply = ctx.engine.apply_options();
    let store = ctx.store()?;
    let mut warnings = Vec::new();
    let result = image::load(store, &mut input, &source, &apply, &mut warnings);
    for w in &warnings {
        warn(w);
    }
    for img in result? {
        if img.names.is_empty() {
            println!("Loaded image: {}", img.id);
        }
        for n in &img.names {
            println!("Loaded image: {n}");
        }
    }
    Ok(ExitStatus::SUCCESS)
}
