//! `ferry system reset`: stops every container, then deletes the whole store and runtime
//! directory (see `engine::system::reset`: nothing is deleted while a container still runs).

use anyhow::Result;

use crate::cli::SystemResetArgs;
use crate::commands::confirm;
use crate::commands::{Context, ExitStatus};
use crate::engine::system;

pub fn exec(ctx: &mut Context, args: SystemResetArgs) -> Result<ExitStatus> {
    let (root, runroot) = system::reset_paths(&ctx.engine)?;
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
    let store = if system::store_exists(&root) {
        // Rootless, before entering a user namespace of our own: see `rm`.
        let store = ctx.store()?.clone();
        system::stop_all(&store)?;
        Some(store)
    } else {
        None
    };
    // Files in the store belong to subordinate ids; only the user namespace can delete them.
    ctx.enter_userns()?;
    system::reset(&root, &runroot, store.as_ref())?;
    Ok(ExitStatus::SUCCESS)
}
