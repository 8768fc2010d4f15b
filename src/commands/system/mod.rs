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

#[derive(serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct VersionInfo {
    pub(crate) version: &'static str,
    pub(crate) os_arch: String,
    pub(crate) os: &'static str,
}

impl VersionInfo {
    pub(crate) fn current() -> VersionInfo {
        VersionInfo {
            version: env!("CARGO_PKG_VERSION"),
            os_arch: format!("linux/{}", crate::image::manifest::host_arch()),
            os: "linux",
        }
    }
}
