//! `ferry network create`.

use anyhow::{Result, bail};

use crate::cli::NetworkCreateArgs;
use crate::commands::{Context, ExitStatus};
use crate::store::networks::{self, NetworkError, NewNetwork};

pub fn exec(ctx: &mut Context, args: NetworkCreateArgs) -> Result<ExitStatus> {
    let mut new = NewNetwork {
        name: args.name.clone(),
        driver: Some(args.driver.clone()),
        subnet: args.subnet.clone(),
        gateway: args.gateway.clone(),
        internal: args.internal,
        interface: args.interface_name.clone(),
        ..Default::default()
    };
    for it in &args.label {
        let (k, v) = it.split_once('=').unwrap_or((it.as_str(), ""));
        if k.is_empty() {
            bail!("invalid label {it:?}: expected KEY=VALUE");
        }
        new.labels.insert(k.to_string(), v.to_string());
    }
    let store = ctx.store()?.clone();
    let nets = store.networks();
    let _l = nets.lock()?;
    let host = networks::HostView {
        routes: networks::host_routes(),
        interfaces: crate::usernet::cmd::interfaces("self"),
    };
    match nets.create(new, &host) {
        Ok(n) => println!("{}", n.name),
        Err(NetworkError::Exists(n)) if args.ignore => println!("{n}"),
        Err(e) => return Err(e.into()),
    }
    Ok(ExitStatus::SUCCESS)
}
