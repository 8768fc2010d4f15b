//! Configuration files users already have (registries.conf; containers.conf is read in
//! `spec::containers_conf`, over the flags' parsers), with the XDG search
//! order.

pub mod registries;

use std::path::PathBuf;

use crate::image::reference::ReferenceError;

/// Where the containers tools keep system-wide configuration.
pub const SYSTEM_CONFIG_DIR: &str = "/etc/containers";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: invalid TOML: {source}")]
    Toml { path: PathBuf, source: toml::de::Error },
    /// A setting with a value of the right type but not a meaning (a registry that is not a host name, ...).
    #[error("{path}: invalid {field} {value:?}: {reason}")]
    Invalid {
        path: PathBuf,
        field: &'static str,
        value: String,
        reason: String,
    },
    #[error(transparent)]
    Reference(#[from] ReferenceError),
}

/// The per-user configuration directory for the containers tools: `$XDG_CONFIG_HOME/containers`, else
/// `~/.config/containers` (a relative XDG_CONFIG_HOME is ignored, as the XDG spec says). None when no home
/// directory is known.
pub fn user_config_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.config_dir().join("containers"))
}

/// Whether ferry runs rootless, which decides between per-user and system configuration.
pub fn rootless() -> bool {
    !nix::unistd::geteuid().is_root()
}
