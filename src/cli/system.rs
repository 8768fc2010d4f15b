//! `ferry system …`, `info`, `version`.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum SystemCommand {
    /// Check the store for damage and leftovers, and optionally repair them
    Check(SystemCheckArgs),
    /// Show disk usage of images and layers
    Df(SystemDfArgs),
    /// Remove unused images, build leftovers and interrupted work
    Prune(SystemPruneArgs),
    /// Remove everything ferry stores
    Reset(SystemResetArgs),
    /// Show system information
    Info(InfoArgs),
}

#[derive(Debug, clap::Args)]
pub struct SystemCheckArgs {
    /// Fix what can be fixed safely: remove leftovers, orphans and corrupt blobs, unpack missing
    /// layers again, forget damaged images and records of missing things (never what a
    /// container uses)
    #[arg(short, long)]
    pub repair: bool,
    /// Do not read every blob to verify its digest (sizes are still checked)
    #[arg(short, long)]
    pub quick: bool,
    /// Output format: json, or a Go template (over each problem)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct SystemDfArgs {
    /// Show details per image
    #[arg(short, long)]
    pub verbose: bool,
    /// Output format: json, or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct SystemPruneArgs {
    /// Remove all unused images, not only dangling ones
    #[arg(short, long)]
    pub all: bool,
    /// Remove the volumes no container uses too
    #[arg(long)]
    pub volumes: bool,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct SystemResetArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct InfoArgs {
    /// Output format: json, or a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct VersionArgs {
    /// Output format: json, or a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}
