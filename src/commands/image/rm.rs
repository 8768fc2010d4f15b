//! `ferry rmi` / `ferry image rm`: remove images (or one of their names), then their unused layers.

use anyhow::{Result, anyhow};

use crate::cli::RmiArgs;
use crate::commands::{Context, ExitStatus};
use crate::image::gc;
use crate::image::lookup::{self, LookupError};

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
    let targets: Vec<String> = if args.all {
        store.images().list()?.iter().map(|r| r.id.hex().to_string()).collect()
    } else {
        args.images.clone()
    };
    let mut errors: Vec<anyhow::Error> = Vec::new();
    let mut in_use = false;
    for typed in &targets {
        let rec = match lookup::find(store, typed) {
            Ok(r) => r,
            Err(LookupError::NotKnown(_)) if args.ignore => continue,
            Err(e) => {
                errors.push(e.into());
                continue;
            }
        };
        let by_name = lookup::selected_name(&rec, typed);
        if let Some(name) = &by_name
            && rec.names.len() > 1
            && !args.force
        {
            store.images().untag(&rec.id, name)?;
            println!("Untagged: {name}");
            continue;
        }
        if by_name.is_none() && rec.names.len() > 1 && !args.force && !args.all {
            errors.push(anyhow!(
                "unable to delete image {:?} by ID with more than one tag ({:?}): please force removal",
                rec.id.hex(),
                rec.names
            ));
            continue;
        }
        if let Some(user) = store.containers().users_of(&rec.id)?.first() {
            in_use = true;
            errors.push(anyhow!("image used by {user}: image is in use by a container"));
            continue;
        }
        if store.images().remove(&rec.id)? {
            for n in &rec.names {
                println!("Untagged: {n}");
            }
            println!("Deleted: {}", rec.id.hex());
        }
    }
    gc::collect(store).map_err(|e| anyhow!(e).context("removing unused layers"))?;
    if errors.is_empty() {
        return Ok(ExitStatus::SUCCESS);
    }
    let all_unknown = errors
        .iter()
        .all(|e| matches!(e.downcast_ref::<LookupError>(), Some(LookupError::NotKnown(_))));
    for e in &errors {
        eprintln!("Error: {e:#}");
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
