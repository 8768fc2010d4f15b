//! The `ferry system …`, `info`, `version`, `unshare`, shell completion and the generated docs: one file per verb.

pub mod check;
pub mod completion;
pub mod df;
pub mod generate_docs;
pub mod info;
pub mod prune;
pub mod reset;
pub mod service;
pub mod unshare;
pub mod version;
