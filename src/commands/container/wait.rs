//! `ferry wait` / `ferry container wait`: waits for each container to reach the condition and
//! prints its exit code.

use std::time::Duration;

use anyhow::{Result, bail};

use crate::cli::{WaitArgs, WaitCondition};
use crate::commands::{Context, ExitStatus};
use crate::engine::container::lifecycle::{self, WaitCondition as Condition};

pub fn exec(ctx: &mut Context, args: WaitArgs) -> Result<ExitStatus> {
    if args.interval == 0 {
        bail!("the interval must be at least 1 millisecond");
    }
    let condition = match args.condition {
        WaitCondition::Running => Condition::Running,
        WaitCondition::Stopped | WaitCondition::Exited => Condition::Exited,
    };
    let store = ctx.store()?;
    let containers = store.containers();
    let mut errors = Vec::new();
    for name in &args.containers {
        let waited = containers
            .lookup(name)
            .map_err(Into::into)
            .and_then(|rec| lifecycle::wait(&containers, &rec, condition, Duration::from_millis(args.interval)));
        match waited {
            Ok(code) => println!("{code}"),
            Err(e) => errors.push(e.into()),
        }
    }
    crate::commands::report_errors(errors)
}
