//! `ferry compose …`: multi-container applications from Compose files.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};

#[derive(Debug, clap::Args)]
pub struct ComposeArgs {
    #[command(flatten)]
    pub project: ComposeProjectOptions,
    #[command(subcommand)]
    pub command: ComposeCommand,
}

/// Which project: the options every `compose` subcommand takes.
#[derive(Debug, Clone, clap::Args)]
pub struct ComposeProjectOptions {
    /// Compose file (repeat to merge several; `-` reads standard input). Default: compose.yaml,
    /// compose.yml, docker-compose.yaml or docker-compose.yml here or in a parent directory, with
    /// its .override file; else $COMPOSE_FILE
    #[arg(short = 'f', long = "file", global = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Project name (default: $COMPOSE_PROJECT_NAME, the top-level `name:`, or the project
    /// directory's name)
    #[arg(short = 'p', long = "project-name", global = true, value_name = "NAME")]
    pub project_name: Option<String>,
    /// Directory relative paths are resolved against (default: the first file's directory)
    #[arg(long, global = true, value_name = "DIR")]
    pub project_directory: Option<PathBuf>,
    /// Variables for interpolation, instead of the project directory's .env (repeatable)
    #[arg(long = "env-file", global = true, value_name = "FILE")]
    pub env_files: Vec<PathBuf>,
    /// Enable services of this profile (repeatable; default: $COMPOSE_PROFILES; `*` for all)
    #[arg(id = "project_profiles", long = "profile", global = true, value_name = "PROFILE")]
    pub profiles: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum ComposeCommand {
    /// Print the project's normalized, interpolated configuration
    #[command(visible_alias = "convert")]
    Config(ComposeConfigArgs),
    /// Show the version of ferry's Compose implementation
    Version(ComposeVersionArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ComposeConfigFormat {
    Yaml,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ComposeConfigArgs {
    /// Only these services (and the services they depend on)
    #[arg(value_name = "SERVICE")]
    pub services: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ComposeConfigFormat::Yaml, value_name = "FORMAT")]
    pub format: ComposeConfigFormat,
    /// Print the service names, one per line
    #[arg(long = "services", group = "listing")]
    pub services_only: bool,
    /// Print the volume names, one per line
    #[arg(long, group = "listing")]
    pub volumes: bool,
    /// Print the network names, one per line
    #[arg(long, group = "listing")]
    pub networks: bool,
    /// Print the profile names, one per line
    #[arg(long, group = "listing")]
    pub profiles: bool,
    /// Print the image names, one per line
    #[arg(long, group = "listing")]
    pub images: bool,
    /// Print "SERVICE HASH" lines for these services (comma-separated, or `*` for all)
    #[arg(long, group = "listing", value_name = "SERVICES")]
    pub hash: Option<String>,
    /// Only check the configuration, print nothing
    #[arg(short, long)]
    pub quiet: bool,
    /// Do not interpolate variables (print the merged files as written)
    #[arg(long)]
    pub no_interpolate: bool,
    /// Write the configuration to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ComposeVersionFormat {
    Pretty,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ComposeVersionArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ComposeVersionFormat::Pretty, value_name = "FORMAT")]
    pub format: ComposeVersionFormat,
    /// Print only the version number
    #[arg(long)]
    pub short: bool,
}
