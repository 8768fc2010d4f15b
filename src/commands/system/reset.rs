//! `ferry system reset`: stops every container, then deletes the whole store and runtime
//! directory. It never forgets a container that still runs: when one cannot be stopped, or is
//! started while the reset works, nothing is deleted and the error says which.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};

use crate::cli::SystemResetArgs;
use crate::commands::confirm;
use crate::commands::{Context, ExitStatus};
use crate::store::containers::{ContainerError, Status};
use crate::store::{Store, atomic};
use crate::sys::process::start_time;

/// How long a container's supervisor gets to exit after recording the container's exit.
const SUPERVISOR_EXIT: Duration = Duration::from_secs(10);

pub fn exec(ctx: &mut Context, args: SystemResetArgs) -> Result<ExitStatus> {
    let (root, runroot) = ctx.engine.paths()?;
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
    let store = if root.join("containers.json").exists() {
        // Rootless, before entering a user namespace of our own: see `rm`.
        let store = ctx.store()?.clone();
        stop_all(&store)?;
        Some(store)
    } else {
        None
    };
    // Files in the store belong to subordinate ids; only the user namespace can delete them.
    ctx.enter_userns()?;
    // Wait for processes adding content (or creating containers) to finish, and keep new ones
    // out until the end.
    let _gc = match &store {
        Some(store) => Some(store.gc_lock()?),
        None if root.join("gc.lock").exists() => Some(crate::store::lock::lock(
            &root.join("gc.lock"),
            crate::store::lock::Mode::Exclusive,
        )?),
        None => None,
    };
    // Held until everything is deleted: no container starts meanwhile.
    let _held = match &store {
        Some(store) => claim_stopped(store)?,
        None => Vec::new(),
    };
    if store.is_some() {
        crate::usernet::holder::stop(&runroot.join("networks"));
    }
    remove(&runroot)?;
    remove(&root)?;
    Ok(ExitStatus::SUCCESS)
}

/// Kills every running container and waits until its supervisor has recorded the exit and
/// itself exited (taking the network helpers with it).
fn stop_all(store: &Store) -> Result<()> {
    let containers = store.containers();
    for rec in containers.list()? {
        let before = containers.refresh(&rec)?;
        crate::engine::container::remove::kill_and_wait(store, &rec)
            .with_context(|| format!("stopping container {} (nothing was removed)", &rec.id[..12]))?;
        let (Some(pid), Some(start)) = (before.monitor_pid, before.monitor_start) else {
            continue;
        };
        let deadline = Instant::now() + SUPERVISOR_EXIT;
        while start_time(pid) == Some(start) {
            if Instant::now() > deadline {
                bail!(
                    "the supervisor (pid {pid}) of container {} did not exit: nothing was removed",
                    &rec.id[..12]
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
    Ok(())
}

/// The locks of every container, each checked not running; fails (nothing deleted yet) when
/// one is busy (another process starts or removes it) or runs (started after [`stop_all`]).
/// The caller holds the exclusive gc lock, so no container is being created; the locks are
/// only tried, never waited for (see `store::lock` for the order).
fn claim_stopped(store: &Store) -> Result<Vec<crate::store::lock::Lock>> {
    let containers = store.containers();
    let mut held = Vec::new();
    for rec in containers.list()? {
        match containers.try_lock(&rec.id) {
            Ok(Some(l)) => held.push(l),
            Ok(None) => bail!(
                "container {} is being started or removed by another process: nothing was removed, try again",
                &rec.id[..12]
            ),
            // Half removed: nothing runs there.
            Err(ContainerError::NotFound(_)) => continue,
            Err(e) => return Err(e.into()),
        }
        if containers.refresh(&rec)?.status == Status::Running {
            bail!(
                "container {} was started during the reset: nothing was removed, stop it and try again",
                &rec.id[..12]
            );
        }
    }
    Ok(held)
}

fn remove(dir: &Path) -> Result<()> {
    atomic::remove_tree(dir).with_context(|| format!("removing {}", dir.display()))
}
