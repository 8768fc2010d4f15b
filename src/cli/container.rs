//! `ferry run`, `ferry container …` and their top-level aliases.

use std::path::PathBuf;

use crate::cli::RegistryOptions;

#[derive(Debug, clap::Args)]
#[command(trailing_var_arg = true)]
pub struct RunArgs {
    /// Remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Forward signals ferry receives to the container (not with -it: keys then reach the container as bytes, and a signal ends ferry while the container goes on)
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    pub sig_proxy: bool,
    /// Run the container in the background under its own monitor and print its id
    #[arg(short, long)]
    pub detach: bool,
    /// Keys that detach from the container (comma-separated: ctrl-a..ctrl-z, ctrl-@, ctrl-[, ctrl-\, ctrl-], ctrl-^, ctrl-_ or single characters; empty disables). Only with -t: a run without a terminal does not read them
    #[arg(long, value_name = "KEYS", default_value = crate::runtime::tty::DEFAULT_DETACH_KEYS)]
    pub detach_keys: String,
    #[command(flatten)]
    pub opts: ContainerOptions,
}

/// The options `run` and `create` share: everything that defines the container.
#[derive(Debug, clap::Args)]
pub struct ContainerOptions {
    /// Name of the container (default: a generated adjective_noun)
    #[arg(long)]
    pub name: Option<String>,
    /// Keep stdin open and forward it to the container
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-terminal for the container (its stdout and stderr are then one stream)
    #[arg(short, long)]
    pub tty: bool,
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
    /// Network mode: private (the default: pasta, else slirp4netns), none (loopback only), host, pasta[:OPTIONS], slirp4netns[:OPTIONS], ns:PATH (an existing network namespace), container:NAME (another running container's), or user-defined networks NAME[,NAME…]
    #[arg(long, alias = "net", value_name = "MODE", default_value = "private")]
    pub network: String,
    /// Another name of the container on its user-defined networks
    #[arg(long, value_name = "NAME")]
    pub network_alias: Vec<String>,
    /// Publish a container's port on the host: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp] (ranges N-M; no host port: a random one)
    #[arg(short = 'p', long, value_name = "PORT")]
    pub publish: Vec<String>,
    /// Publish every port the image exposes on a random host port
    #[arg(short = 'P', long)]
    pub publish_all: bool,
    /// DNS server for the container's /etc/resolv.conf
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// DNS search domain for the container's /etc/resolv.conf ("." for none)
    #[arg(long, value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// DNS option for the container's /etc/resolv.conf
    #[arg(long, value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Add a line to the container's /etc/hosts: HOST:IP (IP may be host-gateway)
    #[arg(long, value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// Keep the image's /etc/hosts instead of generating one (default: containers.conf's no_hosts, else false)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub no_hosts: Option<bool>,
    /// Mount the container's root filesystem read-only (default: containers.conf's read_only, else false)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub read_only: Option<bool>,
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
    /// Set a namespaced kernel parameter in the container: NAME=VALUE (net.* with a network namespace of its own, fs.mqueue.* and kernel.msg*/sem/shm*; replaces containers.conf's default_sysctls entry of the same name)
    #[arg(long, value_name = "NAME=VALUE")]
    pub sysctl: Vec<String>,
    /// The container's time zone: local (the host's) or a zone name such as Europe/Berlin, installed as /etc/localtime (default: containers.conf's tz, else the image's)
    #[arg(long, value_name = "TZ")]
    pub tz: Option<String>,
    /// The umask of the container's process, in octal (default: containers.conf's umask, else ferry's own)
    #[arg(long, value_name = "MASK")]
    pub umask: Option<String>,
    /// Size of the container's /dev/shm, e.g. 64m (a number with an optional unit b, k, m or g; default: containers.conf's shm_size, else 64m)
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Most processes the container may have (0 or -1: no limit; default: containers.conf's pids_limit, else 2048). Needs a cgroup: rootless on cgroup v1 it is ignored with a warning
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub pids_limit: Option<i64>,
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
    /// Bind-mount a host path or mount a volume: [SRC:]DST[:OPTS]; SRC is a host path when it starts with / or ., else a volume name (created on first use); DST alone is an anonymous volume. OPTS: ro, rw, U, nocopy, bind, rbind, [r]private, [r]shared, [r]slave, [no]exec, [no]suid, [no]dev, z, Z
    #[arg(short = 'v', long = "volume", value_name = "[SRC:]DST[:OPTS]")]
    pub volume: Vec<String>,
    /// Attach a mount: type=bind|volume|tmpfs|image,src=…,dst=…[,ro][,bind-propagation=…][,volume-nocopy][,tmpfs-size=…][,tmpfs-mode=…][,U] (image mounts are read-only)
    #[arg(long, value_name = "MOUNT")]
    pub mount: Vec<String>,
    /// Mount a tmpfs: DST[:OPTS] (default rw,noexec,nosuid,nodev; size=, mode=, notmpcopyup)
    #[arg(long, value_name = "DST[:OPTS]")]
    pub tmpfs: Vec<String>,
    /// Mount the volumes and bind mounts of another container: CONTAINER[:ro|rw]
    #[arg(long, value_name = "CONTAINER[:OPTS]")]
    pub volumes_from: Vec<String>,
    /// Pull policy: always, missing, never or newer
    #[arg(long, value_name = "POLICY", default_value = "missing", num_args = 0..=1, default_missing_value = "always")]
    pub pull: String,
    /// Write the container id to this file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<PathBuf>,
    /// Run a minimal init as PID 1 that forwards signals and reaps zombies (default: containers.conf's init, else false)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub init: Option<bool>,
    /// Where the container's output goes: k8s-file (the container log; json-file is another name for it), none, or passthrough (not logged; the container gets ferry's own stdin, stdout and stderr as they are, instead of pipes ferry relays) (default: containers.conf's log_driver, else k8s-file)
    #[arg(long, value_name = "DRIVER")]
    pub log_driver: Option<String>,
    /// Log driver options: max-size=SIZE (the log is truncated when it would grow past SIZE, e.g. 10mb)
    #[arg(long, value_name = "OPT")]
    pub log_opt: Vec<String>,
    /// Signal that stops the container (default: the image's StopSignal, else SIGTERM)
    #[arg(long, value_name = "SIGNAL")]
    pub stop_signal: Option<String>,
    /// Seconds `stop` waits before killing the container (default: containers.conf's engine.stop_timeout, else 10)
    #[arg(long, value_name = "SECONDS")]
    pub stop_timeout: Option<u32>,
    /// User namespace: host (the default), auto[:size=N] (a range no other container uses), keep-id[:uid=U,gid=G] (rootless: your uid and gid keep their values inside) or nomap (rootless: your own id is not mapped)
    #[arg(long, value_name = "MODE", default_value = "")]
    pub userns: String,
    /// A user namespace with this uid range: CONTAINER_ID:HOST_ID:SIZE (rootless, HOST_ID counts ferry's ids: 0 is you, 1.. your subordinate ids)
    #[arg(long, value_name = "MAP")]
    pub uidmap: Vec<String>,
    /// Like --uidmap, for group ids
    #[arg(long, value_name = "MAP")]
    pub gidmap: Vec<String>,
    #[command(flatten)]
    pub registry: RegistryOptions,
    // One trailing list rather than two positionals: everything after the image belongs to the
    // command, even what looks like a ferry flag (clap would parse known flags between two).
    /// Image, then the command and its arguments (default: the image's entrypoint and command)
    #[arg(value_name = "IMAGE", required = true, num_args = 1.., trailing_var_arg = true)]
    pub image_and_command: Vec<String>,
}

impl ContainerOptions {
    /// The image to create the container from.
    pub fn image(&self) -> &str {
        self.image_and_command.first().map(String::as_str).unwrap_or_default()
    }

    /// The command and arguments given after the image.
    pub fn command(&self) -> &[String] {
        self.image_and_command.get(1..).unwrap_or_default()
    }
}

/// `ferry container …`.
#[derive(Debug, clap::Subcommand)]
pub enum ContainerCommand {
    /// List containers
    #[command(visible_aliases = ["list", "ps"])]
    Ls(PsArgs),
    /// Remove containers
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
    /// Show the details of containers
    Inspect(ContainerInspectArgs),
    /// Check whether a container exists (exit 0 if it does, 1 if not)
    Exists(ContainerExistsArgs),
    /// Remove all stopped containers
    Prune(ContainerPruneArgs),
    /// Rename a container
    Rename(RenameArgs),
    /// List a container's published ports
    Port(PortArgs),
    /// Copy files between a container and the host
    Cp(crate::cli::CpArgs),
    /// Export a container's root filesystem as a tar archive
    Export(crate::cli::ExportArgs),
    /// Mount containers' root filesystems and print where (root, or in `ferry unshare`)
    Mount(crate::cli::MountArgs),
    /// Unmount containers' root filesystems
    #[command(visible_alias = "umount")]
    Unmount(crate::cli::UnmountArgs),
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
    /// Show the changes in a container's filesystem
    Diff(DiffArgs),
    /// Create a new image from a container's changes
    Commit(CommitArgs),
    /// Show the processes of a running container
    Top(TopArgs),
}

#[derive(Debug, clap::Args)]
pub struct PsArgs {
    /// Show all containers (default: running ones only)
    #[arg(short, long)]
    pub all: bool,
    /// Print only container ids
    #[arg(short, long)]
    pub quiet: bool,
    /// Show the latest container created (all states)
    #[arg(short, long)]
    pub latest: bool,
    /// Show the N last created containers (all states)
    #[arg(short = 'n', long, value_name = "N")]
    pub last: Option<usize>,
    /// Do not truncate ids and commands
    #[arg(long)]
    pub no_trunc: bool,
    /// Filter output (status=, name=, id=, label=key[=value], ancestor=, exited=)
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Output format: json, or a Go template (prefix with "table" for a table)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Do not print the header row
    #[arg(long = "noheading")]
    pub noheading: bool,
}

#[derive(Debug, clap::Args)]
pub struct RmArgs {
    /// Containers to remove (name or id)
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Remove all containers
    #[arg(short, long)]
    pub all: bool,
    /// Kill running containers (SIGKILL) before removing them
    #[arg(short, long)]
    pub force: bool,
    /// Seconds to wait before killing a running container with --force (accepted; ferry kills at once)
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u32>,
    /// Remove the container's anonymous volumes too
    #[arg(short, long)]
    pub volumes: bool,
    /// Ignore containers that do not exist
    #[arg(short, long)]
    pub ignore: bool,
}

#[derive(Debug, clap::Args)]
pub struct ContainerInspectArgs {
    /// Containers to inspect (name or id)
    #[arg(required = true, value_name = "CONTAINER")]
    pub names: Vec<String>,
    /// Output format: json, or a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ContainerExistsArgs {
    /// Container name or id
    pub container: String,
}

#[derive(Debug, clap::Args)]
pub struct ContainerPruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct PortArgs {
    /// Container name or id
    pub container: String,
    /// Only this container port: PORT[/tcp|udp]
    pub private_port: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct RenameArgs {
    /// Container name or id
    pub container: String,
    /// The new name
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WaitCondition {
    Running,
    Stopped,
    Exited,
}

#[derive(Debug, clap::Args)]
pub struct WaitArgs {
    /// Containers to wait for (name or id)
    #[arg(required = true, value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// The state to wait for
    #[arg(long, value_enum, default_value_t = WaitCondition::Stopped)]
    pub condition: WaitCondition,
    /// How often to check the state, in milliseconds
    #[arg(short, long, value_name = "MS", default_value_t = 250)]
    pub interval: u64,
}

#[derive(Debug, clap::Args)]
#[command(trailing_var_arg = true)]
pub struct CreateArgs {
    #[command(flatten)]
    pub opts: ContainerOptions,
}

#[derive(Debug, clap::Args)]
pub struct StartArgs {
    /// Containers to start (name or id)
    #[arg(required = true, value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Attach to the container's output and wait for it to exit (runs it in the foreground)
    #[arg(short, long)]
    pub attach: bool,
    /// Forward stdin to the container (implies --attach)
    #[arg(short, long)]
    pub interactive: bool,
    /// Forward signals ferry receives to the container (with --attach)
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    pub sig_proxy: bool,
    /// Keys that detach from a container with a terminal (see `run --detach-keys`; empty disables)
    #[arg(long, value_name = "KEYS", default_value = crate::runtime::tty::DEFAULT_DETACH_KEYS)]
    pub detach_keys: String,
}

#[derive(Debug, clap::Args)]
pub struct AttachArgs {
    /// The running container (name or id)
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Do not forward stdin
    #[arg(long)]
    pub no_stdin: bool,
    /// Forward signals ferry receives to the container (not when stdin is a terminal in raw mode)
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    pub sig_proxy: bool,
    /// Keys that detach from the container (comma-separated: ctrl-a..ctrl-z, ctrl-@, ctrl-[, ctrl-\, ctrl-], ctrl-^, ctrl-_ or single characters; empty disables)
    #[arg(long, value_name = "KEYS", default_value = crate::runtime::tty::DEFAULT_DETACH_KEYS)]
    pub detach_keys: String,
}

// Stopping, signalling and logs.

#[derive(Debug, clap::Args)]
pub struct LogsArgs {
    /// Containers (name or id)
    #[arg(required = true, value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Keep printing new output until the container exits
    #[arg(short, long)]
    pub follow: bool,
    /// Print only the last N lines (default: all)
    #[arg(long, value_name = "N")]
    pub tail: Option<usize>,
    /// Only lines since this time (RFC 3339, Unix seconds, or a duration like 10m before now)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only lines before this time (RFC 3339, Unix seconds, or a duration like 10m before now)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Prefix each line with its timestamp
    #[arg(short, long)]
    pub timestamps: bool,
}

#[derive(Debug, clap::Args)]
pub struct StopArgs {
    /// Containers (name or id)
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    pub containers: Vec<String>,
    /// All running containers
    #[arg(short, long, conflicts_with = "containers")]
    pub all: bool,
    /// Seconds to wait for the stop signal to work before killing (default: the container's --stop-timeout, 10)
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u32>,
}

#[derive(Debug, clap::Args)]
pub struct KillArgs {
    /// Containers (name or id)
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    pub containers: Vec<String>,
    /// All running containers
    #[arg(short, long, conflicts_with = "containers")]
    pub all: bool,
    /// The signal to send (name or number)
    #[arg(short, long, value_name = "SIGNAL", default_value = "KILL")]
    pub signal: String,
}

#[derive(Debug, clap::Args)]
#[command(trailing_var_arg = true)]
pub struct ExecArgs {
    /// Run the command in the background (its output is discarded)
    #[arg(short, long)]
    pub detach: bool,
    /// Keep stdin open and forward it to the command
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a terminal in the container for the command
    #[arg(short, long)]
    pub tty: bool,
    /// Set an environment variable (KEY=VALUE, or KEY to copy it from ferry's environment)
    #[arg(short, long, value_name = "ENV")]
    pub env: Vec<String>,
    /// Read environment variables from a file (KEY=VALUE per line)
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// User (name or uid) and optional group to run as: USER[:GROUP] (default: the container's)
    #[arg(short, long, value_name = "USER[:GROUP]")]
    pub user: Option<String>,
    /// Working directory inside the container (default: the container's)
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// Give the command all capabilities and no seccomp filter
    #[arg(long)]
    pub privileged: bool,
    /// Key sequence that detaches from a terminal exec (e.g. ctrl-p,ctrl-q; empty to disable)
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    // One trailing list: everything after the container belongs to the command.
    /// Container (name or id), then the command and its arguments
    #[arg(value_names = ["CONTAINER", "COMMAND"], required = true, num_args = 2.., trailing_var_arg = true)]
    pub container_and_command: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct TopArgs {
    /// Container (name or id)
    pub container: String,
    /// Columns to show: pid, ppid, user, group, args, comm, pcpu, etime, time, tty, vsz, rss, nice
    /// (AIX codes like %p and ps-style names like cmd are accepted; default: user,pid,ppid,pcpu,etime,tty,time,args)
    #[arg(value_name = "DESCRIPTOR", allow_hyphen_values = true, trailing_var_arg = true)]
    pub descriptors: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// Output format: json
    #[arg(long)]
    pub format: Option<String>,
    /// Container (or image) to compare with the layers below it
    pub target: String,
}

#[derive(Debug, clap::Args)]
pub struct CommitArgs {
    /// Author of the image
    #[arg(short, long)]
    pub author: Option<String>,
    /// Apply a Containerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)
    #[arg(short, long, value_name = "INSTRUCTION")]
    pub change: Vec<String>,
    /// Format of the image manifest and config: oci or docker
    #[arg(short, long, default_value = "oci")]
    pub format: String,
    /// Write the image id to this file
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<PathBuf>,
    /// Commit message (stored with --format docker)
    #[arg(short, long)]
    pub message: Option<String>,
    /// Pause the container's processes while its changes are read
    #[arg(short, long, value_name = "BOOL", default_value_t = false, num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub pause: bool,
    /// Print only the image id
    #[arg(short, long)]
    pub quiet: bool,
    /// Squash the image's layers and the container's changes into one layer
    #[arg(short, long)]
    pub squash: bool,
    /// The container to commit
    pub container: String,
    /// Name for the new image
    pub image: Option<String>,
}
