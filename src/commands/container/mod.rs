//! The container verbs (`ferry run`, `ps`, `container …`): one file per verb, and the helpers
//! they share.

use crate::commands::ExitStatus;
use crate::engine::container::lifecycle::Targets;

/// The containers a multi-container verb names, or with `all` every running one.
pub(crate) fn targets(names: &[String], all: bool) -> Targets<'_> {
    if all {
        Targets::AllRunning
    } else {
        Targets::Named(names)
    }
}

/// Prints each success as `ok` formats it and each failure as `Error: …`; the exit status is
/// 125 when any failed (Podman's for ferry's own failures).
pub(crate) fn report_each<T>(
    results: Vec<(String, Result<T, crate::engine::container::Error>)>,
    ok: impl Fn(&str, T) -> String,
) -> ExitStatus {
    let mut status = ExitStatus::SUCCESS;
    for (given, result) in results {
        match result {
            Ok(v) => println!("{}", ok(&given, v)),
            Err(e) => {
                crate::commands::report_error(&e.into());
                status = ExitStatus::ENGINE_ERROR;
            }
        }
    }
    status
}

pub mod attach;
pub mod commit;
mod conf;
pub mod cp;
pub mod create;
pub mod diff;
pub mod exec;
pub mod exists;
pub mod export;
pub mod inspect;
pub mod kill;
pub mod logs;
pub mod mount;
pub mod port;
pub mod prune;
pub mod ps;
pub mod rename;
pub mod restart;
pub mod rm;
pub mod run;
pub mod start;
pub mod stop;
pub mod top;
pub mod unmount;
pub mod wait;
