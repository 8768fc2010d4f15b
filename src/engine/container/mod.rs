//! The container operations: typed options in, typed results (per id for multi-id operations)
//! out. Nothing here prints, prompts or exits.

pub mod commit;
pub mod error;
pub mod fs;
pub mod inspect;
pub mod lifecycle;
pub mod list;
pub mod logs;
pub mod remove;

pub use error::{Error, ErrorKind};
