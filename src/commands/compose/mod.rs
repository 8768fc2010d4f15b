//! `ferry compose …`: one file per verb; the project options become `compose::LoadOptions` here.

pub mod config;
pub mod version;

use std::io::Read;

use anyhow::{Context as _, Result};

use crate::cli::ComposeProjectOptions;
use crate::compose::LoadOptions;

/// The loader's options from the command line and the process environment (standard input is
/// read when a file is `-`).
pub fn load_options(project: &ComposeProjectOptions, services: &[String]) -> Result<LoadOptions> {
    let cwd = std::env::current_dir().context("reading the current directory")?;
    let environment = std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .collect();
    let mut opts = LoadOptions::new(cwd, environment);
    opts.files = project.files.clone();
    opts.project_name = project.project_name.clone();
    opts.project_directory = project.project_directory.clone();
    opts.env_files = project.env_files.clone();
    opts.profiles = project.profiles.clone();
    opts.services = services.to_vec();
    if project.files.iter().any(|f| f.as_os_str() == "-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading the compose file from standard input")?;
        opts.stdin = Some(text);
    }
    Ok(opts)
}
