//! The `ferry volume …`: one file per verb.

pub mod create;
pub mod exists;
pub mod export;
pub mod import;
pub mod inspect;
pub mod ls;
pub mod prune;
pub mod rm;
