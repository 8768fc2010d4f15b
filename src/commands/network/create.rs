//! `ferry network create`.

use anyhow::Result;

use crate::cli::NetworkCreateArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::network::{self, CreateOptions};

pub fn exec(ctx: &mut Context, args: NetworkCreateArgs) -> Result<ExitStatus> {
    let options = CreateOptions {
        name: args.name.clone(),
        driver: args.driver.clone(),
        subnet: args.subnet.clone(),
        gateway: args.gateway.clone(),
        internal: args.internal,
        interface: args.interface_name.clone(),
        labels: crate::spec::key_values(&args.label, "label")?,
        ignore_existing: args.ignore,
    };
    println!("{}", network::create(ctx.store()?, options)?);
    Ok(ExitStatus::SUCCESS)
}
