//! The image verbs (`ferry images`, `pull`, `build`, `image …`): one file per verb, and the
//! helpers they share.

pub mod build;
pub mod exists;
pub mod history;
pub mod import;
pub mod list;
pub mod load;
pub mod prune;
pub mod pull;
pub mod push;
pub mod rm;
pub mod save;
pub mod tag;
pub mod untag;

use anyhow::Result;

use crate::commands::ExitStatus;
use crate::engine::image::PerItem;

/// Per-item results that print nothing on success: every failure but the last is printed as
/// `Error: …`, the last becomes the command's error (exit 125).
fn report_each(results: PerItem<()>) -> Result<ExitStatus> {
    let mut errors: Vec<anyhow::Error> = results
        .into_iter()
        .filter_map(|(_, r)| r.err().map(anyhow::Error::from))
        .collect();
    let Some(last) = errors.pop() else {
        return Ok(ExitStatus::SUCCESS);
    };
    for e in errors {
        eprintln!("Error: {}", crate::commands::chain(&e));
    }
    Err(last)
}
