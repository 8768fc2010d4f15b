//! `ferry image …` and its top-level aliases.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum ImageCommand {
    /// List images in local storage
    #[command(visible_alias = "list")]
    Ls(ImagesArgs),
    /// Show the details of images
    Inspect(InspectArgs),
    /// Show the history of an image
    History(HistoryArgs),
    /// Add names to an image
    Tag(TagArgs),
    /// Remove names from an image
    Untag(UntagArgs),
    /// Remove images
    #[command(visible_alias = "remove")]
    Rm(RmiArgs),
    /// Remove unused images
    Prune(ImagePruneArgs),
    /// Check whether an image exists in local storage (exit 0 if it does, 1 if not)
    Exists(ImageExistsArgs),
    /// Load images from an archive
    Load(LoadArgs),
    /// Save images to an archive
    Save(SaveArgs),
    /// Create an image from a root filesystem tarball
    Import(ImportArgs),
    /// Build an image from a Containerfile
    Build(Box<crate::cli::BuildArgs>),
    /// Pull images from a registry
    Pull(crate::cli::PullArgs),
    /// Push an image to a registry
    Push(crate::cli::PushArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImagesArgs {
    /// Only show images whose name matches
    pub reference: Option<String>,
    /// Show all images, including intermediate ones
    #[arg(short, long)]
    pub all: bool,
    /// Print only image ids
    #[arg(short, long)]
    pub quiet: bool,
    /// Show digests
    #[arg(long)]
    pub digests: bool,
    /// Do not truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Do not print the header row
    #[arg(short, long = "noheading")]
    pub noheading: bool,
    /// Filter output (reference=, dangling=true|false, label=key[=value], before=, since=)
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Output format: json, or a Go template (prefix with "table" for a table)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InspectType {
    Container,
    Image,
    All,
}

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// Containers or images to inspect (name or id)
    #[arg(required = true, value_name = "NAME")]
    pub names: Vec<String>,
    /// Output format: json, or a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Kind of object to inspect (all: containers first, then images)
    #[arg(short, long = "type", value_enum, default_value_t = InspectType::All)]
    pub kind: InspectType,
}

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// Image name or id
    pub image: String,
    /// Show sizes and dates in human-readable form
    #[arg(short = 'H', long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub human: bool,
    /// Do not truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Print only ids
    #[arg(short, long)]
    pub quiet: bool,
    /// Output format: json, or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct TagArgs {
    /// Image name or id
    pub image: String,
    /// New names for the image
    #[arg(required = true, value_name = "TARGET_NAME")]
    pub names: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct UntagArgs {
    /// Image name or id
    pub image: String,
    /// Names to remove (all names when none are given)
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct RmiArgs {
    /// Images to remove (name or id)
    #[arg(value_name = "IMAGE")]
    pub images: Vec<String>,
    /// Remove all images
    #[arg(short, long)]
    pub all: bool,
    /// Remove images even when they have several names
    #[arg(short, long)]
    pub force: bool,
    /// Ignore images that do not exist
    #[arg(short, long)]
    pub ignore: bool,
}

#[derive(Debug, clap::Args)]
pub struct ImagePruneArgs {
    /// Remove all unused images, not only dangling ones
    #[arg(short, long)]
    pub all: bool,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Only prune images matching (label=key[=value], until=)
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct ImageExistsArgs {
    /// Image name or id
    pub image: String,
}

#[derive(Debug, clap::Args)]
pub struct LoadArgs {
    /// Read the archive from this file instead of stdin
    #[arg(short, long, value_name = "PATH")]
    pub input: Option<PathBuf>,
    /// Print only the loaded image names
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ArchiveFormat {
    #[value(name = "docker-archive")]
    DockerArchive,
    #[value(name = "oci-archive")]
    OciArchive,
}

#[derive(Debug, clap::Args)]
pub struct SaveArgs {
    /// Images to save (name or id)
    #[arg(required = true, value_name = "IMAGE")]
    pub images: Vec<String>,
    /// Write to this file instead of stdout
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Archive format
    #[arg(long, value_enum, default_value_t = ArchiveFormat::DockerArchive)]
    pub format: ArchiveFormat,
    /// Save several images into one archive (always on; accepted for compatibility)
    #[arg(short, long)]
    pub multi_image_archive: bool,
    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Root filesystem tarball (plain, gzip or zstd); "-" reads stdin
    pub source: String,
    /// Name for the new image
    pub reference: Option<String>,
    /// Apply a Containerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL)
    #[arg(short, long, value_name = "INSTRUCTION")]
    pub change: Vec<String>,
    /// Commit message stored in the image history
    #[arg(short, long)]
    pub message: Option<String>,
    /// Print only the image id
    #[arg(short, long)]
    pub quiet: bool,
}
