//! `ferry rmi` / `ferry image rm`: remove images (or one of their names), then their unused layers.

use anyhow::{Result, anyhow};

use crate::cli::RmiArgs;
use crate::commands::{Context, ExitStatus, chain};
use crate::engine::container::ErrorKind;
use crate::engine::image::{self, RemoveOptions};

pub fn exec(ctx: &mut Context, args: RmiArgs) -> Result<ExitStatus> {
    if args.all != args.images.is_empty() {
        if args.all {
            return Err(anyhow!(
                "when using the --all switch, you may not pass any images names or IDs"
            ));
        }
        return Err(anyhow!("image name or ID must be specified"));
    }
    ctx.enter_userns()?;
    let store = ctx.store()?;
    let opts = RemoveOptions {
        force: args.force,
        ignore_missing: args.ignore,
    };
    let report = if args.all {
        image::remove_all(store, opts)?
    } else {
        image::remove(store, &args.images, opts)
    };
    let mut errors = Vec::new();
    for (_, result) in report.images {
        match result {
            Ok(removed) => {
                for n in &removed.untagged {
                    println!("Untagged: {n}");
                }
                if let Some(id) = &removed.deleted {
                    println!("Deleted: {}", id.hex());
                }
            }
            Err(e) => errors.push(e),
        }
    }
    report.cleanup?;
    if errors.is_empty() {
        return Ok(ExitStatus::SUCCESS);
    }
    let in_use = errors.iter().any(|e| matches!(e, image::Error::InUse { .. }));
    let all_unknown = errors.iter().all(|e| e.kind() == ErrorKind::NotFound);
    for e in errors {
        eprintln!("Error: {}", chain(&e.into()));
    }
    // Podman: 2 when an image is in use, 1 when an image does not exist, 125 for any other failure.
    Ok(if in_use {
        ExitStatus(2)
    } else if all_unknown {
        ExitStatus::FAILURE
    } else {
        ExitStatus::ENGINE_ERROR
    })
}
