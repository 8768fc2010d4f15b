//! `ferry system reset`: deletes the whole store and runtime directory.

use std::path::Path;

use anyhow::{Context as _, Result, bail};

use crate::cli::SystemResetArgs;
use crate::commands::image::prune::confirm;
use crate::commands::{Context, ExitStatus};
use crate::store::{atomic, lock};

pub fn exec(ctx: &mut Context, args: SystemResetArgs) -> Result<ExitStatus> {
    let (root, runroot) = ctx.paths()?;
    for dir in [&root, &runroot] {
        // A typo in --root must not wipe a system directory.
        if dir.parent().is_none() || dir.as_os_str().is_empty() {
            bail!("refusing to remove {:?}", dir.display().to_string());
        }
    }
    if !args.force {
        let warning = format!(
            "WARNING! This will remove all images, layers, volumes and state in:\n\t- the graphRoot directory: {:?}\n\t- the runRoot directory: {:?}\n",
            root.display().to_string(),
            runroot.display().to_string()
        );
        if !confirm(&warning)? {
            return Ok(ExitStatus::SUCCESS);
        }
    }
    // Files in the store belong to subordinate ids; only the user namespace can delete them.
    ctx.enter_userns()?;
    // Wait for processes adding content to finish, and keep new ones out until the end.
    let _gc = if root.join("gc.lock").exists() {
        Some(lock::lock(&root.join("gc.lock"), lock::Mode::Exclusive)?)
    } else {
        None
    };
    remove(&runroot)?;
    remove(&root)?;
    Ok(ExitStatus::SUCCESS)
}

fn remove(dir: &Path) -> Result<()> {
    atomic::remove_tree(dir).with_context(|| format!("removing {}", dir.display()))
}
