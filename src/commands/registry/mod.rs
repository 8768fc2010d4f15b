//! The registry credentials and manifests (`login`, `logout`, `manifest …`): one file per verb.

pub mod login;
pub mod logout;
pub mod manifest_inspect;
