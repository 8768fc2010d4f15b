//! `ferry run` (later: the other container verbs).

use std::path::PathBuf;

use crate::cli::RegistryOptions;

#[derive(Debug, clap::Args)]
#[command(trailing_var_arg = true)]
pub struct RunArgs {
    /// Remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Name of the container (default: a generated adjective_noun)
    #[arg(long)]
    pub name: Option<String>,
    /// Keep stdin open and forward it to the container
    #[arg(short, long)]
    pub interactive: bool,
    /// Override the image's entrypoint (an empty string clears it)
    #[arg(long, value_name = "COMMAND", allow_hyphen_values = true)]
    pub entrypoint: Option<String>,
    /// Set an environment variable (KEY=VALUE, or KEY to copy it from ferry's environment)
    #[arg(short, long, value_name = "ENV")]
    pub env: Vec<String>,
    /// Read environment variables from a file (KEY=VALUE per line)
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// User (name or uid) and optional group to run as: USER[:GROUP]
    #[arg(short, long, value_name = "USER[:GROUP]")]
    pub user: Option<String>,
    /// Container hostname (default: the short container id)
    #[arg(long, value_name = "NAME")]
    pub hostname: Option<String>,
    /// Network mode: private (loopback only, the default), none (same) or host
    #[arg(long, alias = "net", value_name = "MODE", default_value = "private")]
    pub network: String,
    /// Mount the container's root filesystem read-only
    #[arg(long)]
    pub read_only: bool,
    /// With --read-only, mount writable tmpfs on /dev, /tmp, /var/tmp and /run
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    pub read_only_tmpfs: bool,
    /// Set a label on the container (KEY=VALUE)
    #[arg(short, long, value_name = "LABEL")]
    pub label: Vec<String>,
    /// Add an annotation to the container's runtime spec (KEY=VALUE)
    #[arg(long, value_name = "ANNOTATION")]
    pub annotation: Vec<String>,
    /// Set a resource limit: NAME=SOFT[:HARD] (e.g. nofile=1024:2048)
    #[arg(long, value_name = "ULIMIT")]
    pub ulimit: Vec<String>,
    /// Add a Linux capability (or ALL)
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop a Linux capability (or ALL)
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Give the container all capabilities, no seccomp filter and no masked paths
    #[arg(long)]
    pub privileged: bool,
    /// Security options: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=ALL|PATHS
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Forward signals ferry receives to the container
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    pub sig_proxy: bool,
    /// Pull policy: always, missing, never or newer
    #[arg(long, value_name = "POLICY", default_value = "missing", num_args = 0..=1, default_missing_value = "always")]
    pub pull: String,
    /// Write the container id to this file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<PathBuf>,
    #[command(flatten)]
    pub registry: RegistryOptions,
    /// Image to run
    pub image: String,
    /// Command and arguments (default: the image's entrypoint and command)
    #[arg(allow_hyphen_values = true)]
    pub command: Vec<String>,
}
