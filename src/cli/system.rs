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
    /// Serve the Docker Engine API on a socket until idle
    Service(ServiceArgs),
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

/// Serves the Docker Engine API (what the docker CLI, docker compose and the SDKs speak) for
/// as long as it is used: `DOCKER_HOST=unix://PATH` points a client at it. Started with
/// `LISTEN_FDS` (socket activation, e.g. by systemd), it serves the sockets it was given.
#[derive(Debug, clap::Args)]
pub struct ServiceArgs {
    /// Seconds without requests or open streams before the service exits (0: never)
    #[arg(short, long, visible_alias = "timeout", default_value_t = 5, value_name = "SECONDS")]
    pub time: u64,
    /// Group allowed to use the socket, as root: the socket is made root:GROUP 0660 (the default
    /// socket's directory also becomes searchable by the group)
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// Where to listen: unix:///PATH, or tcp://HOST:PORT (unauthenticated: anyone who can
    /// connect controls ferry) [default: unix://$XDG_RUNTIME_DIR/ferry/ferry.sock rootless,
    /// unix:///run/ferry/ferry.sock as root; the socket lives in the --runroot directory]
    #[arg(value_name = "URI")]
    pub uri: Option<String>,
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
