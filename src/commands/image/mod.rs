//! The image verbs (`ferry images`, `pull`, `build`, `image …`): one file per verb.

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
