//! `ferry volume …`.

use std::path::PathBuf;

/// `ferry volume …`.
#[derive(Debug, clap::Subcommand)]
pub enum VolumeCommand {
    /// Create a volume
    Create(VolumeCreateArgs),
    /// List volumes
    #[command(visible_aliases = ["list"])]
    Ls(VolumeLsArgs),
    /// Show the details of volumes
    Inspect(VolumeInspectArgs),
    /// Remove volumes
    #[command(visible_alias = "remove")]
    Rm(VolumeRmArgs),
    /// Remove all volumes no container uses
    Prune(VolumePruneArgs),
    /// Check whether a volume exists (exit 0 if it does, 1 if not)
    Exists(VolumeExistsArgs),
    /// Write a volume's content to a tar archive
    Export(VolumeExportArgs),
    /// Unpack a tar archive into a volume
    Import(VolumeImportArgs),
}

#[derive(Debug, clap::Args)]
pub struct VolumeCreateArgs {
    /// Name of the volume (default: a random 64-hex name)
    pub name: Option<String>,
    /// Volume driver (only local)
    #[arg(short, long, default_value = "local", value_name = "DRIVER")]
    pub driver: String,
    /// Set a label on the volume (KEY=VALUE)
    #[arg(short, long, value_name = "LABEL")]
    pub label: Vec<String>,
    /// Driver option: uid=N or gid=N (the owner of the volume's root, as the container sees it)
    #[arg(short, long, value_name = "OPT")]
    pub opt: Vec<String>,
    /// Do nothing if the volume already exists
    #[arg(long)]
    pub ignore: bool,
}

#[derive(Debug, clap::Args)]
pub struct VolumeLsArgs {
    /// Filter output (name=, label=key[=value], dangling=true|false, driver=)
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Output format: json, or a Go template (prefix with "table" for a table)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Print only volume names
    #[arg(short, long)]
    pub quiet: bool,
    /// Do not print the header row
    #[arg(long = "noheading", short = 'n')]
    pub noheading: bool,
}

#[derive(Debug, clap::Args)]
pub struct VolumeInspectArgs {
    /// Volumes to inspect
    #[arg(value_name = "VOLUME", required_unless_present = "all")]
    pub names: Vec<String>,
    /// Inspect all volumes
    #[arg(short, long, conflicts_with = "names")]
    pub all: bool,
    /// Output format: json, or a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct VolumeRmArgs {
    /// Volumes to remove
    #[arg(value_name = "VOLUME", required_unless_present = "all")]
    pub names: Vec<String>,
    /// Remove all volumes
    #[arg(short, long, conflicts_with = "names")]
    pub all: bool,
    /// Remove the containers that use the volumes first (killing running ones)
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct VolumePruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Only prune volumes that match (label=key[=value], label!=key[=value], name=)
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct VolumeExistsArgs {
    /// Volume name
    pub name: String,
}

#[derive(Debug, clap::Args)]
pub struct VolumeExportArgs {
    /// Volume name
    pub name: String,
    /// Write to this file instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct VolumeImportArgs {
    /// Volume name (the volume must exist)
    pub name: String,
    /// Tar archive to read, or - for stdin
    #[arg(value_name = "FILE")]
    pub source: String,
}
