//! `ferry untag`: remove names from an image (all of them when none are given).

use anyhow::{Result, bail};

use crate::cli::UntagArgs;
use crate::commands::{Context, ExitStatus};
use crate::image::lookup;
use crate::image::reference::Reference;

pub fn exec(ctx: &mut Context, args: UntagArgs) -> Result<ExitStatus> {
    let store = ctx.store()?;
    let rec = lookup::find(store, &args.image)?;
    let names: Vec<String> = if args.names.is_empty() {
        rec.names.clone()
    } else {
        let mut v = Vec::new();
        for n in &args.names {
            let full = Reference::parse_local(n)?.to_string();
            // A short name may also be stored under docker.io.
            let found = [
                full.clone(),
                Reference::parse(n).map(|r| r.to_string()).unwrap_or_default(),
            ]
            .into_iter()
            .find(|c| rec.names.contains(c));
            match found {
                Some(f) => v.push(f),
                None => bail!("{full}: tag not known"),
            }
        }
        v
    };
    for n in names {
        store.images().untag(&rec.id, &n)?;
    }
    Ok(ExitStatus::SUCCESS)
}
