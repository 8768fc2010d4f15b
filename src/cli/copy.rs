//! `ferry cp`, `export`, `mount` and `unmount`: reaching a container's files from the host.

use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct CpArgs {
    /// Archive mode: keep the numeric owners of what is copied (default: files copied into a
    /// container belong to its root, files copied out to you)
    #[arg(short, long)]
    pub archive: bool,
    /// Allow replacing a directory with a non-directory and the reverse
    #[arg(long)]
    pub overwrite: bool,
    /// CONTAINER:PATH, a host path, or - to read a tar stream from stdin
    #[arg(value_name = "SRC", allow_hyphen_values = true)]
    pub source: String,
    /// CONTAINER:PATH, a host path, or - to write a tar stream to stdout
    #[arg(value_name = "DEST", allow_hyphen_values = true)]
    pub destination: String,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Write to this file instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Container name or id
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

#[derive(Debug, clap::Args)]
pub struct MountArgs {
    /// Containers to mount (none: list the mounted containers)
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct UnmountArgs {
    /// Unmount all mounted containers
    #[arg(short, long)]
    pub all: bool,
    /// Unmount even if other mounts of the container are counted
    #[arg(short, long)]
    pub force: bool,
    /// Containers to unmount
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}
