//! `ferry unshare [CMD…]`: run a command in ferry's rootless user namespace, with the same
//! mapping ferry uses for images and containers, so the user can inspect and delete files owned
//! by subordinate ids in the store.

use std::os::unix::process::CommandExt;
use std::process::Command;

use anyhow::{Context as _, Result, bail};

use crate::cli::UnshareArgs;
use crate::commands::{Context, ExitStatus};

pub fn exec(ctx: &mut Context, args: UnshareArgs) -> Result<ExitStatus> {
    if !ctx.host.rootless {
        bail!("please use unshare with rootless");
    }
    let (root, runroot) = ctx.paths()?;
    ctx.enter_userns()?;
    // A mount namespace too, as Podman's: `ferry mount` inside mounts containers' root
    // filesystems there, where the user namespace may mount and the host does not see them.
    nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS).context("creating a mount namespace")?;
    let mut argv = args.command;
    if argv.is_empty() {
        argv.push(
            std::env::var("SHELL")
                .ok()
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "/bin/sh".into()),
        );
    }
    let err = Command::new(&argv[0])
        .args(&argv[1..])
        // A ferry started inside sees uid 0: point it at the user's own store.
        .env("FERRY_ROOT", &root)
        .env("FERRY_RUNROOT", &runroot)
        .env("CONTAINERS_GRAPHROOT", &root)
        .env("CONTAINERS_RUNROOT", &runroot)
        .exec();
    let code = if err.kind() == std::io::ErrorKind::NotFound {
        127
    } else {
        126
    };
    eprintln!("Error: {}: {err}", argv[0]);
    Ok(ExitStatus(code))
}
