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

/// The completion script for `shell`, also written by `generate-docs`.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "ferry", &mut out);
    out
}
