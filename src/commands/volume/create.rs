//! `ferry volume create`.

use anyhow::Result;

use crate::cli::VolumeCreateArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::volume::{self, CreateOptions};

pub fn exec(ctx: &mut Context, args: VolumeCreateArgs) -> Result<ExitStatus> {
    let options = CreateOptions {
        name: args.name.clone(),
        driver: args.driver.clone(),
        labels: crate::spec::key_values(&args.label, "label")?,
        options: crate::spec::key_values(&args.opt, "option")?,
        ignore_existing: args.ignore,
    };
    // The content belongs to the container's root: made inside the user namespace.
    ctx.enter_userns()?;
    println!("{}", volume::create(ctx.store()?, options)?);
    Ok(ExitStatus::SUCCESS)
}
