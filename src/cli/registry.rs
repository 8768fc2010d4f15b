//! `pull`, `push`, `login`, `logout`, `manifest inspect`.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};

/// Options shared by every command that talks to a registry.
#[derive(Debug, Clone, clap::Args)]
pub struct RegistryOptions {
    /// Require HTTPS and verify certificates (default: true unless registries.conf marks the registry insecure)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Credentials (USERNAME[:PASSWORD]) for the registry
    #[arg(long, value_name = "USERNAME[:PASSWORD]")]
    pub creds: Option<String>,
    /// Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
    /// Directory with certificates (*.crt, *.cert, *.key) for the registry
    #[arg(long, value_name = "DIR")]
    pub cert_dir: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct PullArgs {
    /// Images to pull
    #[arg(required = true, value_name = "IMAGE")]
    pub images: Vec<String>,
    /// Pull every tagged image in the repository
    #[arg(short, long)]
    pub all_tags: bool,
    /// Platform to pull (OS/ARCH[/VARIANT]; default: this host)
    #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
    pub platform: Option<String>,
    /// Architecture to pull instead of this host's
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Operating system to pull instead of this host's
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Architecture variant to pull (e.g. v7, v8)
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// Print only the image id
    #[arg(short, long)]
    pub quiet: bool,
    /// When to pull: always, missing (only when not in local storage), newer (when the registry's
    /// image differs from the local one) or never
    #[arg(long, value_name = "POLICY", default_value = "always")]
    pub policy: String,
    /// Number of layers downloaded at once
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=32))]
    pub jobs: u16,
    #[command(flatten)]
    pub registry: RegistryOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompressionFormat {
    Gzip,
    Zstd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ManifestFormat {
    /// OCI image manifest
    Oci,
    /// Docker schema2 manifest
    V2s2,
}

#[derive(Debug, clap::Args)]
pub struct PushArgs {
    /// Local image to push
    #[arg(value_name = "IMAGE")]
    pub source: String,
    /// Where to push it (default: the image's own name)
    #[arg(value_name = "DESTINATION")]
    pub destination: Option<String>,
    /// Compression for layers that are not already compressed
    #[arg(long, value_enum, default_value_t = CompressionFormat::Gzip)]
    pub compression_format: CompressionFormat,
    /// Manifest format (default: keep the image's own)
    #[arg(short, long, value_enum)]
    pub format: Option<ManifestFormat>,
    /// Write the digest of the pushed manifest to this file
    #[arg(long, value_name = "PATH")]
    pub digestfile: Option<PathBuf>,
    /// Do not copy signatures (ferry never copies them; accepted for compatibility)
    #[arg(long)]
    pub remove_signatures: bool,
    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub registry: RegistryOptions,
}

#[derive(Debug, clap::Args)]
pub struct LoginArgs {
    /// Registry to log in to (host[:port])
    #[arg(value_name = "REGISTRY")]
    pub registry: String,
    /// Username
    #[arg(short, long)]
    pub username: Option<String>,
    /// Password (prefer --password-stdin: a password on the command line is visible to other users)
    #[arg(short, long)]
    pub password: Option<String>,
    /// Read the password from stdin
    #[arg(long)]
    pub password_stdin: bool,
    /// Print the username stored for the registry and exit
    #[arg(long)]
    pub get_login: bool,
    #[command(flatten)]
    pub registry_options: RegistryOptions,
}

#[derive(Debug, clap::Args)]
pub struct LogoutArgs {
    /// Registry to log out of (host[:port])
    #[arg(value_name = "REGISTRY", required_unless_present = "all")]
    pub registry: Option<String>,
    /// Remove the credentials of every registry
    #[arg(short, long)]
    pub all: bool,
    /// Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ManifestCommand {
    /// Show a registry's manifest or index for an image without pulling it
    Inspect(ManifestInspectArgs),
}

#[derive(Debug, clap::Args)]
pub struct ManifestInspectArgs {
    /// Image reference
    #[arg(value_name = "IMAGE")]
    pub reference: String,
    #[command(flatten)]
    pub registry: RegistryOptions,
}
