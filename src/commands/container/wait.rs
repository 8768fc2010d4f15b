//! `ferry wait` / `ferry container wait`: polls each container's state until it reaches the
//! condition and prints its exit code. The container's supervisor (the foreground `run` or the
//! monitor) records the exit; `refresh` notices a supervisor that died.

use std::time::Duration;

use anyhow::{Result, bail};

use crate::cli::{WaitArgs, WaitCondition};
use crate::commands::{Context, ExitStatus};
use crate::store::containers::Status;

pub fn exec(ctx: &mut Context, args: WaitArgs) -> Result<ExitStatus> {
    if args.interval == 0 {
        bail!("the interval must be at least 1 millisecond");
    }
    let store = ctx.store()?;
    let containers = store.containers();
    let mut errors = Vec::new();
    for name in &args.containers {
        let rec = match containers.lookup(name) {
            Ok(r) => r,
            Err(e) => {
                errors.push(e.into());
                continue;
            }
        };
        loop {
            if !containers.dir(&rec.id).exists() {
                errors.push(anyhow::anyhow!("container {} was removed while waiting", &rec.id[..12]));
                break;
            }
            let state = containers.refresh(&rec)?;
            let reached = match args.condition {
                WaitCondition::Running => state.status == Status::Running,
                // ferry has no paused or stopping state: stopped means exited.
                WaitCondition::Stopped | WaitCondition::Exited => state.status == Status::Exited,
            };
            if reached {
                println!(
                    "{}",
                    if state.status == Status::Exited {
                        state.exit_code.unwrap_or(-1)
                    } else {
                        -1
                    }
                );
                break;
            }
            std::thread::sleep(Duration::from_millis(args.interval));
        }
    }
    crate::commands::inspect::report_errors(errors)
}
