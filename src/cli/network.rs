//! `ferry network …`.

/// `ferry network …`.
#[derive(Debug, clap::Subcommand)]
pub enum NetworkCommand {
    /// Create a network
    Create(NetworkCreateArgs),
    /// List networks
    #[command(visible_alias = "list")]
    Ls(NetworkLsArgs),
    /// Show the details of networks
    Inspect(NetworkInspectArgs),
    /// Remove networks
    #[command(visible_alias = "remove")]
    Rm(NetworkRmArgs),
    /// Remove all networks no container uses
    Prune(NetworkPruneArgs),
    /// Check whether a network exists (exit 0 if it does, 1 if not)
    Exists(NetworkExistsArgs),
    /// Connect a container to a network
    Connect(NetworkConnectArgs),
    /// Disconnect a container from a network
    Disconnect(NetworkDisconnectArgs),
}

#[derive(Debug, clap::Args)]
pub struct NetworkCreateArgs {
    /// Name of the network (default: ferryN)
    pub name: Option<String>,
    /// Network driver (only bridge)
    #[arg(short, long, default_value = "bridge", value_name = "DRIVER")]
    pub driver: String,
    /// Subnet in CIDR notation (default: a free 10.89.N.0/24)
    #[arg(long, value_name = "CIDR")]
    pub subnet: Option<String>,
    /// Gateway address of the subnet (default: its first address)
    #[arg(long, value_name = "IP")]
    pub gateway: Option<String>,
    /// No route out of the network: its containers reach each other only
    #[arg(long)]
    pub internal: bool,
    /// Set a label on the network (KEY=VALUE)
    #[arg(long, value_name = "LABEL")]
    pub label: Vec<String>,
    /// Name of the bridge interface (default: ferryN)
    #[arg(long, value_name = "NAME")]
    pub interface_name: Option<String>,
    /// Do nothing if the network already exists
    #[arg(long)]
    pub ignore: bool,
}

#[derive(Debug, clap::Args)]
pub struct NetworkLsArgs {
    /// Filter output (name=, id=, label=key[=value], driver=)
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Output format: json, or a Go template (prefix with "table" for a table)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Print only network names
    #[arg(short, long)]
    pub quiet: bool,
    /// Do not print the header row
    #[arg(long = "noheading", short = 'n')]
    pub noheading: bool,
    /// Do not truncate network ids
    #[arg(long)]
    pub no_trunc: bool,
}

#[derive(Debug, clap::Args)]
pub struct NetworkInspectArgs {
    /// Networks to inspect (names or id prefixes)
    #[arg(value_name = "NETWORK", required = true)]
    pub names: Vec<String>,
    /// Output format: json, or a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct NetworkRmArgs {
    /// Networks to remove
    #[arg(value_name = "NETWORK", required = true)]
    pub names: Vec<String>,
    /// Remove the containers that use the networks first (killing running ones)
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct NetworkPruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Only prune networks that match (label=key[=value], label!=key[=value], name=)
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct NetworkExistsArgs {
    /// Network name or id
    pub name: String,
}

#[derive(Debug, clap::Args)]
pub struct NetworkConnectArgs {
    /// Network name or id
    pub network: String,
    /// Container name or id
    pub container: String,
    /// Another name the container has on this network
    #[arg(long, value_name = "NAME")]
    pub alias: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct NetworkDisconnectArgs {
    /// Network name or id
    pub network: String,
    /// Container name or id
    pub container: String,
    /// Accepted for compatibility (a running container is always disconnected)
    #[arg(short, long)]
    pub force: bool,
}
