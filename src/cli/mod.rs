//! The command-line interface: one clap-derive tree for the whole CLI.

pub mod build;
pub mod compose;
pub mod container;
pub mod copy;
pub mod image;
pub mod network;
pub mod registry;
pub mod system;
pub mod volume;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

pub use build::*;
pub use compose::*;
pub use container::*;
pub use copy::*;
pub use image::*;
pub use network::*;
pub use registry::*;
pub use system::*;
pub use volume::*;

/// A daemonless, rootless container engine.
#[derive(Debug, Parser)]
#[command(name = "ferry", version, about, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOptions,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, clap::Args)]
pub struct GlobalOptions {
    /// Path to the store of images and layers
    #[arg(long, global = true, env = "FERRY_ROOT", value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Path to runtime state (lock files, running containers)
    #[arg(long, global = true, env = "FERRY_RUNROOT", value_name = "DIR")]
    pub runroot: Option<PathBuf>,
    /// Messages to show on stderr
    #[arg(long, global = true, value_enum, default_value_t = LogLevel::Warn, value_name = "LEVEL")]
    pub log_level: LogLevel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum LogLevel {
    Debug,
    Info,
    Warn,
    Error,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a command in a new container
    Run(Box<RunArgs>),
    // Container state and removal.
    /// Manage containers
    #[command(subcommand)]
    Container(ContainerCommand),
    /// List containers
    Ps(PsArgs),
    /// Remove containers
    Rm(RmArgs),
    /// Rename a container
    Rename(RenameArgs),
    /// List a container's published ports
    Port(PortArgs),
    /// Copy files between a container and the host
    Cp(CpArgs),
    /// Export a container's root filesystem as a tar archive
    Export(ExportArgs),
    /// Mount containers' root filesystems and print where (root, or in `ferry unshare`)
    Mount(MountArgs),
    /// Unmount containers' root filesystems
    #[command(visible_alias = "umount")]
    Unmount(UnmountArgs),
    /// Wait for containers to stop and print their exit codes
    Wait(WaitArgs),
    /// Create a container without starting it
    Create(Box<CreateArgs>),
    /// Start created or stopped containers
    Start(StartArgs),
    /// Attach to a running container's input and output
    Attach(AttachArgs),
    // Stopping, signalling and logs.
    /// Show the logs of containers
    Logs(LogsArgs),
    /// Stop running containers
    Stop(StopArgs),
    /// Send a signal to running containers
    Kill(KillArgs),
    /// Restart containers
    Restart(StopArgs),
    /// Run a command in a running container
    Exec(ExecArgs),
    /// Show the changes in a container's or image's filesystem
    Diff(DiffArgs),
    /// Create a new image from a container's changes
    Commit(CommitArgs),
    /// Show the processes of a running container
    Top(TopArgs),
    /// Manage images
    #[command(subcommand)]
    Image(ImageCommand),
    /// List images in local storage
    Images(ImagesArgs),
    /// Show the details of containers or images
    Inspect(InspectArgs),
    /// Show the history of an image
    History(HistoryArgs),
    /// Add names to an image
    Tag(TagArgs),
    /// Remove names from an image
    Untag(UntagArgs),
    /// Remove images
    Rmi(RmiArgs),
    /// Load images from an archive
    Load(LoadArgs),
    /// Save images to an archive
    Save(SaveArgs),
    /// Create an image from a root filesystem tarball
    Import(ImportArgs),
    /// Build an image from a Containerfile
    Build(Box<BuildArgs>),
    /// Pull images from a registry
    Pull(PullArgs),
    /// Push an image to a registry
    Push(PushArgs),
    /// Log in to a registry
    Login(LoginArgs),
    /// Log out of a registry
    Logout(LogoutArgs),
    /// Inspect manifests in registries
    #[command(subcommand)]
    Manifest(ManifestCommand),
    /// Run a command in ferry's rootless user namespace (to inspect or delete files owned by
    /// subordinate ids)
    Unshare(UnshareArgs),
    /// Manage volumes
    #[command(subcommand)]
    Volume(VolumeCommand),
    /// Manage networks
    #[command(subcommand)]
    Network(NetworkCommand),
    /// Run multi-container applications described by Compose files
    Compose(ComposeArgs),
    /// Manage ferry itself
    #[command(subcommand)]
    System(SystemCommand),
    /// Show system information
    Info(InfoArgs),
    /// Show version information
    Version(VersionArgs),
    /// Print a shell completion script
    Completion(CompletionArgs),
    /// Write man pages and completion scripts (for packaging)
    #[command(hide = true)]
    GenerateDocs(GenerateDocsArgs),
}

#[derive(Debug, clap::Args)]
pub struct CompletionArgs {
    /// The shell to generate completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct GenerateDocsArgs {
    /// Directory to write man/ and completions/ into
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, clap::Args)]
#[command(trailing_var_arg = true)]
pub struct UnshareArgs {
    /// Command to run (default: $SHELL, else /bin/sh)
    #[arg(value_name = "COMMAND", allow_hyphen_values = true)]
    pub command: Vec<String>,
}
