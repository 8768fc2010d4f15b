//! `ferry build` (and `ferry image build`).

use std::path::PathBuf;

use super::RegistryOptions;

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The build context: a directory, or `-` for a tar archive on standard input
    #[arg(value_name = "CONTEXT")]
    pub context: Option<String>,
    /// The Containerfile (default: CONTEXT/Containerfile, else CONTEXT/Dockerfile); `-` reads it
    /// from standard input
    #[arg(short, long, value_name = "PATH")]
    pub file: Option<String>,
    /// Name of the image (repeatable)
    #[arg(short, long, value_name = "NAME")]
    pub tag: Vec<String>,
    /// Build only up to this stage
    #[arg(long, value_name = "STAGE")]
    pub target: Option<String>,
    /// Do not use cached results of earlier builds
    #[arg(long)]
    pub no_cache: bool,
    /// Keep each step's result as a cache entry
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_value_t = true, default_missing_value = "true",
          action = clap::ArgAction::Set)]
    pub layers: bool,
    /// Squash the build's new layers into one
    #[arg(long)]
    pub squash: bool,
    /// Squash the whole image into one layer
    #[arg(long)]
    pub squash_all: bool,
    /// Add a label to the image (KEY=VALUE)
    #[arg(long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Add an annotation to the image manifest (KEY=VALUE)
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Write the image id to this file
    #[arg(long, value_name = "PATH")]
    pub iidfile: Option<PathBuf>,
    /// Print only the image id
    #[arg(short, long)]
    pub quiet: bool,
    /// Network for RUN instructions: private (a namespace of the build's own, connected by
    /// pasta, else slirp4netns), pasta[:OPTIONS], slirp4netns[:OPTIONS], host or none
    #[arg(long, value_name = "MODE", default_value = "private")]
    pub network: String,
    /// Platform to build for (only this host's platform)
    #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
    pub platform: Option<String>,
    /// When to pull base images: always, missing, never, newer (`--pull` alone: always)
    #[arg(long, value_name = "POLICY", num_args = 0..=1, default_value = "missing", default_missing_value = "always")]
    pub pull: String,
    /// A build argument (NAME=VALUE, or NAME to take it from the environment)
    #[arg(long, value_name = "NAME[=VALUE]")]
    pub build_arg: Vec<String>,
    /// A file of build arguments, one NAME=VALUE per line
    #[arg(long, value_name = "PATH")]
    pub build_arg_file: Vec<PathBuf>,
    /// An additional named context (NAME=DIR), for COPY --from=NAME and RUN --mount from=NAME
    #[arg(long, value_name = "NAME=DIR")]
    pub build_context: Vec<String>,
    /// A secret for RUN --mount=type=secret (id=ID,src=PATH)
    #[arg(long, value_name = "id=ID,src=PATH")]
    pub secret: Vec<String>,
    /// Image format: oci or docker
    #[arg(long, value_name = "FORMAT", default_value = "oci", env = "BUILDAH_FORMAT")]
    pub format: String,
    #[command(flatten)]
    pub registry: RegistryOptions,
}
