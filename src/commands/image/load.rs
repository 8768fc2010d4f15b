//! `ferry load`: images from a docker-archive or oci-archive file or stdin.

use std::fs::File;
use std::io::{IsTerminal, Read};

use anyhow::{Context as _, Result, bail};

use crate::cli::LoadArgs;
use crate::commands::{Context, ExitStatus, warn};
use crate::image::{archive, gc};

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
    let opts = ctx.engine.apply_options();
    let store = ctx.store()?.clone();
    let lock = store.content_lock()?;
    let mut warnings = Vec::new();
    let mut added = archive::Added::default();
    let result = archive::load(&store, &mut input, &opts, &mut warnings, &mut added);
    for w in &warnings {
        warn(w);
    }
    if result.is_err() {
        // What the failed load stored is referenced by nothing: it goes now, not at the next
        // `system prune` (under the gc lock, which waits for our content lock to go).
        drop(lock);
        if let Err(e) = gc::remove_unreferenced(&store, &added.blobs, &added.layers) {
            warn(&format!("removing what the failed load stored: {e}"));
        }
    }
    let loaded = result.with_context(|| format!("loading {source}"))?;
    for img in loaded {
        if img.names.is_empty() {
            println!("Loaded image: {}", img.id);
        }
        for n in &img.names {
            println!("Loaded image: {n}");
        }
    }
    Ok(ExitStatus::SUCCESS)
}
