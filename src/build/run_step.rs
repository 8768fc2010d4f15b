//! A RUN step as a container: an OCI spec from `runtime::spec` over the stage's layers, an
//! overlay upper directory of the step's own, the in-tree launcher, and the extra mounts of
//! `RUN --mount` and `--secret`. Its output goes straight to ferry's stdout and stderr.

use std::ffi::OsStr;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::sys::stat::{FileStat, SFlag};
use nix::unistd::{UnlinkatFlags, unlinkat};

use oci_spec::runtime::{Mount, MountBuilder};

use crate::image::manifest::RunConfig;
use crate::monitor::{self, MonitorError};
use crate::network;
use crate::runtime::launch::{self, Launch, LaunchError, SignalProxy};
use crate::runtime::rootfs::{OverlayLayout, UserError, resolve_user};
use crate::runtime::security::{self, SecurityError};
use crate::runtime::spec::{self, NetworkMode, SpecError, SpecOptions};
use crate::store::{Store, StoreError};
use crate::sys::idmap::IdMapping;
use crate::sys::{rootpath, xattr};

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Spec(#[from] SpecError),
    #[error(transparent)]
    User(#[from] UserError),
    #[error(transparent)]
    Security(#[from] SecurityError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Launch(#[from] LaunchError),
    #[error("relaying the step's output: {0}")]
    Relay(#[from] MonitorError),
    #[error("writing {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Network(#[from] network::NetworkError),
    #[error("while running runtime: exit status {0}")]
    Exit(i32),
}

/// One extra mount of a RUN step.
#[derive(Debug, Clone)]
pub struct ExtraMount {
    pub source: PathBuf,
    pub target: String,
    pub readonly: bool,
    /// `None`: a bind mount; `Some(opts)`: a tmpfs with these options.
    pub tmpfs: Option<Vec<String>>,
}

/// What a RUN step runs and where.
pub struct RunStep<'a> {
    pub store: &'a Store,
    /// Overlay lower entries relative to the store's layer directory (`l/<link>`), or absolute
    /// directories, top first; never empty.
    pub lowers: Vec<String>,
    /// The same layers as directories (top first, the upper included when it holds earlier
    /// steps' changes), to resolve the user through `/etc/passwd`.
    pub layer_dirs: Vec<PathBuf>,
    pub upper: &'a Path,
    pub work: &'a Path,
    /// Scratch directory for the mount point and the generated /etc files.
    pub scratch: &'a Path,
    pub args: Vec<String>,
    pub env: Vec<String>,
    pub workdir: String,
    pub user: String,
    /// How the step is networked: none, host, or (with `join_net`) a private network.
    pub network: network::Mode,
    /// The network namespace to join instead of a new one.
    pub join_net: Option<OwnedFd>,
    pub mounts: Vec<ExtraMount>,
    pub userns: Option<IdMapping>,
    /// Where the step's stdout goes instead of ferry's (`-q` sends it to stderr).
    pub output: Option<(OwnedFd, OwnedFd)>,
}

/// The container paths the runtime mounts over; their empty placeholders are not changes.
pub fn runtime_mount_points() -> Vec<PathBuf> {
    [
        "/proc",
        "/dev",
        "/dev/pts",
        "/dev/mqueue",
        "/dev/shm",
        "/sys",
        "/etc/hosts",
        "/etc/hostname",
        "/etc/resolv.conf",
    ]
    .iter()
    .map(PathBuf::from)
    .collect()
}

/// What a path is in a tree, looked up without following any symlink.
fn lookup(root: &Path, rel: &Path) -> Option<FileStat> {
    let (parent, name) = rootpath::split(rel)?;
    let dir = rootpath::Root::open(root).ok()?.open_dir(parent).ok()?;
    rootpath::lstat_at(dir.as_fd(), name).ok().flatten()
}

fn is_opaque(dir: BorrowedFd<'_>, name: &OsStr) -> bool {
    let path = rootpath::fd_path(dir, name);
    ["trusted.overlay.opaque", "user.overlay.opaque"]
        .iter()
        .any(|x| matches!(xattr::get(&path, x, false), Ok(Some(_))))
}

/// Removes from `upper` the empty placeholders the runtime created for its mount points (when
/// the layers below lack them), and then their parent directories when those were only copied
/// up to hold them: same type, mode and owner as below, empty, not opaque. A step's layer then
/// holds only what the step changed.
pub fn prune_placeholders(upper: &Path, lowers: &[PathBuf], points: &[PathBuf]) {
    let Ok(root) = rootpath::Root::open(upper) else { return };
    let in_lowers = |rel: &Path| lowers.iter().find_map(|l| lookup(l, rel));
    let mut parents: Vec<PathBuf> = Vec::new();
    for p in points {
        let Ok(rel) = rootpath::clean(p.as_os_str().as_bytes()) else {
            continue;
        };
        let Some((parent, name)) = rootpath::split(&rel) else {
            continue;
        };
        let Ok(dir) = root.open_dir(parent) else { continue };
        let Ok(Some(st)) = rootpath::lstat_at(dir.as_fd(), name) else {
            continue;
        };
        let kind = rootpath::file_type(&st);
        let empty = match kind {
            SFlag::S_IFREG => st.st_size == 0,
            SFlag::S_IFDIR => root
                .open_dir(&rel)
                .ok()
                .and_then(|d| read_names(d.as_fd()))
                .is_some_and(|n| n.is_empty()),
            _ => false,
        };
        if !empty || in_lowers(&rel).is_some() {
            continue;
        }
        let flag = if kind == SFlag::S_IFDIR {
            UnlinkatFlags::RemoveDir
        } else {
            UnlinkatFlags::NoRemoveDir
        };
        if unlinkat(dir.as_fd(), name, flag).is_ok() && !parent.as_os_str().is_empty() {
            parents.push(parent.to_path_buf());
        }
    }
    parents.sort();
    parents.dedup();
    // Deepest first, so a parent emptied by its child's removal is seen empty.
    for rel in parents.iter().rev() {
        let Some((pp, name)) = rootpath::split(rel) else {
            continue;
        };
        let Ok(dir) = root.open_dir(pp) else { continue };
        let (Ok(Some(up)), Some(low)) = (rootpath::lstat_at(dir.as_fd(), name), in_lowers(rel)) else {
            continue;
        };
        let same = rootpath::file_type(&up) == SFlag::S_IFDIR
            && up.st_mode == low.st_mode
            && up.st_uid == low.st_uid
            && up.st_gid == low.st_gid;
        let empty = root
            .open_dir(rel)
            .ok()
            .and_then(|d| read_names(d.as_fd()))
            .is_some_and(|n| n.is_empty());
        if same && empty && !is_opaque(dir.as_fd(), name) {
            let _ = unlinkat(dir.as_fd(), name, UnlinkatFlags::RemoveDir);
        }
    }
}

fn read_names(dir: BorrowedFd<'_>) -> Option<Vec<std::ffi::OsString>> {
    crate::build::workspace::read_dir_names(dir).ok()
}

fn random_id() -> String {
    let mut b = [0u8; 32];
    let _ = getrandom(&mut b);
    crate::store::digest::to_hex(&b)
}

fn getrandom(buf: &mut [u8]) -> std::io::Result<()> {
    use std::io::Read;
    std::fs::File::open("/dev/urandom")?.read_exact(buf)
}

fn mount(dest: &str, typ: &str, source: &str, options: Vec<String>) -> Result<Mount, RunError> {
    Ok(MountBuilder::default()
        .destination(dest)
        .typ(typ)
        .source(source)
        .options(options)
        .build()
        .map_err(SpecError::from)?)
}

/// Runs the step's container to completion; a non-zero exit is `RunError::Exit`.
pub fn run(step: RunStep<'_>) -> Result<(), RunError> {
    let id = random_id();
    let rootfs = step.scratch.join("merged");
    let userdata = step.scratch.join("userdata");
    for d in [&rootfs, &userdata] {
        std::fs::create_dir_all(d).map_err(|source| RunError::Write {
            path: d.clone(),
            source,
        })?;
    }
    let hostname = id[..12].to_string();
    let host_resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    let resolv = network::resolv_conf(&host_resolv, &step.network, &network::DnsOptions::default())?;
    let hosts = network::hosts_file(&spec::hosts_file(&hostname, &hostname), &step.network, &[]);
    for (name, data) in [
        ("hostname", format!("{hostname}\n")),
        ("hosts", hosts),
        ("resolv.conf", resolv),
    ] {
        let p = userdata.join(name);
        std::fs::write(&p, data).map_err(|source| RunError::Write { path: p, source })?;
    }
    let user = resolve_user(&step.layer_dirs, &step.user)?;
    let opts = SpecOptions {
        id,
        rootfs,
        userdata,
        entrypoint: Some(Vec::new()),
        command: step.args,
        env: step.env,
        workdir: Some(step.workdir),
        user,
        hostname: Some(hostname),
        network: Some(if step.network.is_host() {
            NetworkMode::Host
        } else {
            NetworkMode::Private
        }),
        userns: step.userns,
        ..Default::default()
    };
    let mut spec = spec::build(&RunConfig::default(), &opts)?;
    let mut mounts = spec.mounts().clone().unwrap_or_default();
    for m in &step.mounts {
        let mut options = Vec::new();
        match &m.tmpfs {
            Some(t) => {
                options.extend(t.iter().cloned());
                mounts.push(mount(&m.target, "tmpfs", "tmpfs", options)?);
            }
            None => {
                options.extend(["rbind".to_string(), "nosuid".to_string(), "nodev".to_string()]);
                if m.readonly {
                    options.push("ro".into());
                }
                mounts.push(mount(&m.target, "bind", &m.source.to_string_lossy(), options)?);
            }
        }
    }
    spec.set_mounts(Some(mounts));
    let cache = step.store.root().join("cache");
    std::fs::create_dir_all(&cache).map_err(|source| RunError::Write {
        path: cache.clone(),
        source,
    })?;
    let prepared = security::prepare(&spec, &cache)?;
    // The step's output reaches ferry's (or `output`) through pipes that ferry relays: the
    // container never holds the caller's descriptors.
    let (readers, writers) = monitor::output_pipes()?;
    let l = Launch {
        spec: &spec,
        overlay: OverlayLayout {
            layers_dir: step.store.layers_dir(),
            lowers: step.lowers,
            upper: step.upper.to_path_buf(),
            work: step.work.to_path_buf(),
            userxattr: opts.userns.is_some(),
            nodev: true,
        },
        security: prepared,
        stdin: None,
        output: Some(writers),
        init: false,
        // RUN containers share ferry's user namespace, as `run` does by default.
        userns: None,
        join_net: step.join_net,
        // No cgroup: a build's RUN steps have no device rules or pids limit (their root
        // filesystem is nodev, and they get no CAP_MKNOD).
        cgroup: None,
    };
    let pid = launch::start(&l)?;
    drop(l);
    let (stdout, stderr) = (std::io::stdout(), std::io::stderr());
    let echo = match &step.output {
        Some((out, err)) => (out.as_fd(), err.as_fd()),
        None => (stdout.as_fd(), stderr.as_fd()),
    };
    let proxy = SignalProxy::install(pid)?;
    let pumped = monitor::pump(pid, readers, None, None, Some(echo));
    let code = launch::reap_exit(pid)?;
    drop(proxy);
    pumped?;
    if code != 0 {
        return Err(RunError::Exit(code));
    }
    Ok(())
}
