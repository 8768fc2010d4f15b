//! Compose Specification projects: the typed model, loading (file discovery, `.env`,
//! interpolation, `-f` merging, `extends`, `include`, profiles, validation with file:line
//! errors) and pure planning (dependency order, names, labels, config hashes) for the
//! `ferry compose` commands, which run the plan through the engine.
//!
//! Entry points: [`load`] (a typed, validated [`Project`]) and [`load_model`] (the merged tree
//! before typing, for `config --no-interpolate`); [`plan`] for ordering, names and labels.

pub mod dotenv;
mod extends;
mod include;
pub mod interpolate;
mod load;
pub mod merge;
pub mod model;
mod normalize;
pub mod paths;
pub mod plan;
pub mod syntax;

use std::path::PathBuf;

use crate::yaml::{self, Mark};

pub use load::{FILE_NAMES, LoadOptions, Loaded, Model, load, load_model, normalize_project_name, valid_project_name};
pub use model::*;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Yaml(#[from] yaml::Error),
    /// A value of the wrong type or an unknown key (the message names file, line and key path).
    #[error("{0}")]
    Type(yaml::de::Error),
    #[error(transparent)]
    Merge(#[from] merge::Error),
    #[error(transparent)]
    EnvFileSyntax(#[from] dotenv::Error),
    #[error("{mark}: {path}: {error}")]
    Interpolation {
        mark: Mark,
        path: String,
        error: interpolate::Error,
    },
    #[error("reading {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}: not UTF-8 text")]
    NotUtf8 { path: PathBuf },
    #[error("{path}: empty compose file")]
    EmptyFile { path: PathBuf },
    #[error("no compose file given")]
    NoFiles,
    #[error(
        "no configuration file found in {dir} or its parents (looked for compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml)"
    )]
    NotFound { dir: PathBuf },
    #[error(
        "invalid project name {name:?}: it must contain only lowercase letters, digits, dashes and underscores, and start with a letter or digit"
    )]
    ProjectName { name: String },
    #[error("service {service:?}: reading env file {path}: {source}")]
    EnvFile {
        service: String,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no such service: {name}")]
    NoSuchService { name: String },
    #[error("dependency cycle between services: {}", cycle.join(" -> "))]
    Cycle { cycle: Vec<String> },
    /// An inconsistent model (undefined references, conflicting settings), located when the
    /// offending key can be found.
    #[error("{}{message}", mark.as_ref().map(|m| format!("{m}: ")).unwrap_or_default())]
    Invalid { mark: Option<Mark>, message: String },
}

#[cfg(test)]
mod tests;
