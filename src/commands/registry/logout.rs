//! `ferry logout`: removes stored credentials from the auth file `login` writes.

use anyhow::{Context as _, Result, bail};

use crate::cli::LogoutArgs;
use crate::commands::{Context, ExitStatus};
use crate::registry::auth::{AuthFile, auth_key};
use crate::registry::client::ClientOptions;

pub fn exec(ctx: &mut Context, args: LogoutArgs) -> Result<ExitStatus> {
    let opts = ClientOptions {
        authfile: args.authfile,
        host_uid: Some(ctx.engine.host.uid),
        ..ClientOptions::default()
    };
    let path = opts
        .primary_auth_file()
        .context("cannot tell where credentials are stored: set XDG_RUNTIME_DIR or use --authfile")?;
    let mut file = AuthFile::load(&path)?;
    if args.all {
        if file.remove_all() {
            file.save(&path)?;
        }
        println!("Removed login credentials for all registries");
        return Ok(ExitStatus::SUCCESS);
    }
    let Some(registry) = args.registry else {
        bail!("a registry or --all is required");
    };
    let key = auth_key(&registry)?;
    if file.remove(&key) {
        file.save(&path)?;
        println!("Removed login credentials for {key}");
        return Ok(ExitStatus::SUCCESS);
    }
    // Credentials in a read-only fallback file (e.g. from docker login) are not ours to remove.
    for other in opts.auth_files().iter().filter(|p| **p != path) {
        if AuthFile::load(other).is_ok_and(|f| f.get(&key).is_ok_and(|c| c.is_some())) {
            bail!(
                "not logged into {key} with ferry: the credentials in {} were stored by another tool (remove them there)",
                other.display()
            );
        }
    }
    bail!("not logged into {key}")
}
