//! `ferry volume create`.

use anyhow::{Result, bail};

use crate::cli::VolumeCreateArgs;
use crate::commands::{Context, ExitStatus};
use crate::store::volumes::{NewVolume, VolumeError};

pub fn exec(ctx: &mut Context, args: VolumeCreateArgs) -> Result<ExitStatus> {
    let mut new = NewVolume {
        name: args.name.clone(),
        driver: Some(args.driver.clone()),
        ..Default::default()
    };
    for (items, map, what) in [
        (&args.label, &mut new.labels, "label"),
        (&args.opt, &mut new.options, "option"),
    ] {
        for it in items {
            let (k, v) = it.split_once('=').unwrap_or((it.as_str(), ""));
            if k.is_empty() {
                bail!("invalid {what} {it:?}: expected KEY=VALUE");
            }
            map.insert(k.to_string(), v.to_string());
        }
    }
    // The content belongs to the container's root: made inside the user namespace.
    ctx.enter_userns()?;
    let volumes = ctx.store()?.volumes();
    let _l = volumes.lock()?;
    match volumes.create(new) {
        Ok(v) => println!("{}", v.name),
        Err(VolumeError::Exists(n)) if args.ignore => println!("{n}"),
        Err(e) => return Err(e.into()),
    }
    Ok(ExitStatus::SUCCESS)
}
