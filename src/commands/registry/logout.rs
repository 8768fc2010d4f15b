//! `ferry logout`: removes stored credentials from the auth file `login` writes.

use anyhow::{Result, bail};

use crate::cli::LogoutArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::registry::{self, Logout};
use crate::registry::auth::auth_key;
use crate::registry::client::ClientOptions;

pub fn exec(ctx: &mut Context, args: LogoutArgs) -> Result<ExitStatus> {
    let client = ClientOptions {
        authfile: args.authfile,
        host_uid: Some(ctx.engine.host.uid),
        ..ClientOptions::default()
    };
    if args.all {
        registry::logout(&Logout::All, &client)?;
        println!("Removed login credentials for all registries");
        return Ok(ExitStatus::SUCCESS);
    }
    let Some(input) = args.registry else {
        bail!("a registry or --all is required");
    };
    let key = auth_key(&input)?;
    registry::logout(&Logout::Registry(key.clone()), &client)?;
    println!("Removed login credentials for {key}");
    Ok(ExitStatus::SUCCESS)
}
