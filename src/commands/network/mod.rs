//! The `ferry network …`: one file per verb.

pub mod connect;
pub mod create;
pub mod disconnect;
pub mod exists;
pub mod inspect;
pub mod ls;
pub mod prune;
pub mod rm;
