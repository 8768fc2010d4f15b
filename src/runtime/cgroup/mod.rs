//! Control groups of containers: the host's layout ([`Layout`]: v1, hybrid, or unified v2), one
//! cgroup per running container with its device rules and pids limit (from `linux.resources` of
//! its runtime spec), putting processes in it (the container's init from birth, `exec`'s
//! processes), and removing it when the container ends.
//!
//! Where a container's cgroup is (`<id>` is the full container id):
//!
//! | host | cgroup |
//! |---|---|
//! | root, v1 or hybrid | `<hierarchy>/ferry/ferry-<id>` in the `devices` and `pids` hierarchies (`/sys/fs/cgroup/devices/ferry/ferry-<id>`, `/sys/fs/cgroup/pids/ferry/ferry-<id>`) |
//! | root, v2 | `<mount>/ferry/ferry-<id>` (`/sys/fs/cgroup/ferry/ferry-<id>`); controllers enabled in `ferry/cgroup.subtree_control` |
//! | rootless, v2 | `<delegated>/ferry/ferry-<id>`, where `<delegated>` is the highest cgroup at or above ferry's own (`/proc/self/cgroup`) whose `cgroup.procs` and `cgroup.subtree_control` the user may write (`user@UID.service` under systemd); none when ferry's own cgroup is not the user's |
//! | rootless, v1 | none: v1 delegates nothing to users (as Podman: no limits) |
//!
//! The `ferry` parents stay (other containers may be starting under them). A container's own
//! cgroup is removed by its supervisor (the foreground `run` or the detached monitor) when it has
//! reaped the init; the supervisor records the directories in the container's `state.json`, so
//! that when it was killed the next command that finds the run dead removes them (see
//! `store::containers::remove_cgroup_dirs`).
//!
//! Placing a process costs little when done right: writing a pid to `cgroup.procs` takes a global
//! lock whose first use after a quiet spell waits for an RCU grace period (~15 ms here), so the
//! init is born in its cgroup on v2 (`clone3` with `CLONE_INTO_CGROUP`) and on v1 moves itself by
//! writing 0 to each hierarchy's `tasks` file (a single-threaded process moving its own thread
//! skips that lock).

pub mod devices;
pub mod devices_bpf;
pub mod layout;
mod v1;
mod v2;

use std::ffi::CString;
use std::io::Write;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::sys::statfs::{CGROUP_SUPER_MAGIC, CGROUP2_SUPER_MAGIC, statfs};
use oci_spec::runtime::{LinuxPidsBuilder, LinuxResources, LinuxResourcesBuilder};

pub use layout::{Controller, Layout};

/// The pids limit a container gets by default: Podman's (`pids_limit` in containers.conf).
pub const DEFAULT_PIDS_LIMIT: i64 = 2048;

/// The cgroup (in each hierarchy) that containers' cgroups are made in.
pub const PARENT: &str = "ferry";

/// The name of a container's cgroup.
pub fn leaf_name(id: &str) -> String {
    format!("ferry-{id}")
}

#[derive(Debug, thiserror::Error)]
pub enum CgroupError {
    #[error("creating the cgroup {}: {source}", path.display())]
    Create { path: PathBuf, source: std::io::Error },
    #[error("the cgroup {} is in use by processes of another run", path.display())]
    InUse { path: PathBuf },
    #[error("writing {value:?} to {}: {source}", path.display())]
    Write {
        path: PathBuf,
        value: String,
        source: std::io::Error,
    },
    #[error("opening the cgroup {}: {}", path.display(), errno.desc())]
    Open { path: PathBuf, errno: Errno },
    #[error("{} is not a cgroup", path.display())]
    NotCgroup { path: PathBuf },
    #[error("invalid device rule {rule:?}: {reason}")]
    DeviceRule { rule: String, reason: String },
    #[error("loading the device filter for {}: {}{}", path.display(), errno.desc(), if log.is_empty() { String::new() } else { format!(" ({log})") })]
    BpfLoad { path: PathBuf, errno: Errno, log: String },
    #[error("attaching the device filter to {}: {}", path.display(), errno.desc())]
    BpfAttach { path: PathBuf, errno: Errno },
    #[error("removing the cgroup {}: {source}", path.display())]
    Remove { path: PathBuf, source: std::io::Error },
}

pub type Result<T, E = CgroupError> = std::result::Result<T, E>;

/// What a container's cgroup is made for.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The container id.
    pub id: &'a str,
    /// ferry runs as an unprivileged user (in its user namespace).
    pub rootless: bool,
    /// `linux.resources` of the container's runtime spec.
    pub resources: Option<&'a LinuxResources>,
}

/// Whether a container's cgroup can carry limits: always as root; rootless only on v2, inside a
/// delegated cgroup (rootless on v1 there is no cgroup).
pub fn can_limit(rootless: bool, layout: &Layout) -> bool {
    !rootless || matches!(layout, Layout::V2 { .. })
}

/// The `linux.resources` a new container gets: the default device rules (as root; `--privileged`
/// allows every device, as Podman) and the pids limit (None: no limit) where a cgroup can carry
/// it ([`can_limit`]). Rootless containers get no device rules: their user namespace cannot create
/// device nodes, and its mounts cannot use any.
pub fn default_resources(
    privileged: bool,
    rootless: bool,
    layout: &Layout,
    pids_limit: Option<i64>,
) -> Option<LinuxResources> {
    let mut r = LinuxResourcesBuilder::default();
    if !rootless {
        r = r.devices(devices::container_rules(privileged));
    }
    if let Some(limit) = pids_limit.filter(|_| can_limit(rootless, layout)) {
        r = r.pids(LinuxPidsBuilder::default().limit(limit).build().ok()?);
    }
    let built = r.build().ok()?;
    (built != LinuxResources::default()).then_some(built)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    V1,
    V2,
}

/// A container's cgroup: one directory per v1 hierarchy, or one v2 directory.
#[derive(Debug)]
pub struct Cgroup {
    dirs: Vec<PathBuf>,
    /// v2: the directory, open for `CLONE_INTO_CGROUP`.
    dir_fd: Option<OwnedFd>,
    /// The files a process writes "0" to, to move itself in: `tasks` of each v1 hierarchy (see
    /// the module's notes), `cgroup.procs` on v2 (where the kernel lacks `CLONE_INTO_CGROUP`).
    enter: Vec<CString>,
    /// Joining may be refused without harm: a rootless `exec` from a session outside the user's
    /// delegated subtree may not move processes into it (v2 asks for write access to the common
    /// ancestor); its processes then stay where the caller is, as with runc and crun.
    best_effort: bool,
}

fn open_dir(path: &Path) -> Result<OwnedFd> {
    nix::fcntl::open(
        path,
        nix::fcntl::OFlag::O_RDONLY | nix::fcntl::OFlag::O_DIRECTORY | nix::fcntl::OFlag::O_CLOEXEC,
        nix::sys::stat::Mode::empty(),
    )
    .map_err(|errno| CgroupError::Open {
        path: path.to_path_buf(),
        errno,
    })
}

impl Cgroup {
    fn new(version: Version, dirs: Vec<PathBuf>) -> Result<Cgroup> {
        let file = match version {
            Version::V1 => "tasks",
            Version::V2 => "cgroup.procs",
        };
        let enter = dirs
            .iter()
            .map(|d| CString::new(d.join(file).as_os_str().as_bytes()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| CgroupError::NotCgroup {
                path: dirs.first().cloned().unwrap_or_default(),
            })?;
        let dir_fd = match (version, dirs.as_slice()) {
            (Version::V2, [dir]) => Some(open_dir(dir)?),
            _ => None,
        };
        Ok(Cgroup {
            dirs,
            dir_fd,
            enter,
            best_effort: false,
        })
    }

    /// Creates the cgroup of a container that is about to start, with its resources applied;
    /// `None` where the container gets none (see the module's table). A leftover cgroup of the
    /// same name (from a run whose supervisor was killed) is replaced.
    pub fn create(layout: &Layout, req: &Request<'_>) -> Result<Option<Cgroup>> {
        match layout {
            Layout::V1 { .. } if req.rootless => Ok(None),
            Layout::V1 { .. } => v1::create(layout, req),
            Layout::V2 { mount, root } => v2::create(mount, root, req),
            Layout::Absent => Ok(None),
        }
    }

    /// The cgroup of a running container, from the directories its supervisor recorded (for
    /// `exec`, run by an unprivileged user when `rootless`); `None` when there are none.
    pub fn open(paths: &[PathBuf], rootless: bool) -> Result<Option<Cgroup>> {
        let mut version = None;
        for p in paths {
            let v = match statfs(p) {
                Ok(s) if s.filesystem_type() == CGROUP2_SUPER_MAGIC => Version::V2,
                Ok(s) if s.filesystem_type() == CGROUP_SUPER_MAGIC => Version::V1,
                Ok(_) => return Err(CgroupError::NotCgroup { path: p.clone() }),
                Err(errno) => return Err(CgroupError::Open { path: p.clone(), errno }),
            };
            if version.is_some_and(|old| old != v) {
                return Err(CgroupError::NotCgroup { path: p.clone() });
            }
            version = Some(v);
        }
        match version {
            None => Ok(None),
            Some(v) => {
                let mut cg = Cgroup::new(v, paths.to_vec())?;
                cg.best_effort = rootless;
                Ok(Some(cg))
            }
        }
    }

    /// The cgroup's directories, for the container's state.
    pub fn paths(&self) -> &[PathBuf] {
        &self.dirs
    }

    /// Removes the cgroup once no process is left in it (see `store::containers::remove_cgroup_dirs`).
    pub fn remove(&self) -> Result<()> {
        match crate::store::containers::remove_cgroup_dirs(&self.dirs)
            .into_iter()
            .next()
        {
            None => Ok(()),
            Some((path, source)) => Err(CgroupError::Remove { path, source }),
        }
    }

    /// Moves the calling process into the cgroup. Only for a single-threaded process (on v1 it
    /// moves the calling thread); no allocation, so a forked child may call it.
    fn enter(&self) -> Result<(), Errno> {
        for file in &self.enter {
            // SAFETY: open/write/close on a NUL-terminated path and a static buffer.
            unsafe {
                let fd = libc::open(file.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
                if fd < 0 {
                    return Err(Errno::last());
                }
                let n = libc::write(fd, b"0".as_ptr().cast(), 1);
                let err = Errno::last();
                libc::close(fd);
                if n != 1 {
                    return Err(err);
                }
            }
        }
        Ok(())
    }
}

/// Where the cgroup of container `id` is made (see the module's table), without making it: what
/// a container records when it is created, so that its cgroup is found and removed even when
/// ferry is killed between making it and recording the run.
pub fn planned_paths(layout: &Layout, id: &str, rootless: bool) -> Vec<PathBuf> {
    let leaf = leaf_name(id);
    match layout {
        Layout::V1 { .. } if rootless => Vec::new(),
        Layout::V1 { .. } => Controller::ALL
            .iter()
            .filter_map(|c| layout.v1(*c))
            .map(|m| m.join(PARENT).join(&leaf))
            .collect(),
        Layout::V2 { mount, root } => v2::base(mount, root, rootless)
            .map(|b| vec![b.join(PARENT).join(&leaf)])
            .unwrap_or_default(),
        Layout::Absent => Vec::new(),
    }
}

/// Writes one value to a cgroup file (one `write`, as the kernel parses each write on its own).
fn write_file(path: &Path, value: &str) -> Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|mut f| f.write_all(value.as_bytes()))
        .map_err(|source| CgroupError::Write {
            path: path.to_path_buf(),
            value: value.to_string(),
            source,
        })
}

/// Makes `dir` (in `parent`, made first when missing) as a new, empty cgroup: a leftover of a
/// killed run is removed first (it cannot hold processes: they died with the run).
fn make_fresh(dir: &Path, parent: &Path) -> Result<()> {
    let create = |p: &Path| std::fs::create_dir(p);
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| CgroupError::Create { path, source }
    };
    match create(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            match create(parent) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(err(parent)(e)),
            }
            create(dir).map_err(err(dir))
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            if !crate::store::containers::remove_cgroup_dirs(&[dir.to_path_buf()]).is_empty() {
                return Err(CgroupError::InUse {
                    path: dir.to_path_buf(),
                });
            }
            create(dir).map_err(err(dir))
        }
        Err(e) => Err(err(dir)(e)),
    }
}

const CLONE_INTO_CGROUP: u64 = 0x2_0000_0000;

/// `struct clone_args` up to `cgroup` (CLONE_ARGS_SIZE_VER2).
#[repr(C)]
#[derive(Default)]
struct CloneArgs {
    flags: u64,
    pidfd: u64,
    child_tid: u64,
    parent_tid: u64,
    exit_signal: u64,
    stack: u64,
    stack_size: u64,
    tls: u64,
    set_tid: u64,
    set_tid_size: u64,
    cgroup: u64,
}

/// A process created by [`clone_into`]: its pid (0 in the child itself) and what the child still
/// has to do to be in its cgroup ([`Spawned::settle`]).
#[derive(Debug, Clone, Copy)]
pub struct Spawned {
    pub pid: libc::pid_t,
    enter: bool,
    new_cgroupns: bool,
}

/// A failed step of [`Spawned::settle`].
#[derive(Debug, Clone, Copy)]
pub struct SettleError {
    pub what: &'static str,
    pub errno: Errno,
}

/// A fork-like clone (no new stack, no shared memory) of the calling single-threaded process,
/// with `flags` (namespaces and, in the low byte, the exit signal), that puts the child in
/// `cgroup`: born there where the kernel can (v2: `clone3` with `CLONE_INTO_CGROUP`, which also
/// roots a new cgroup namespace there), else moved there by the child itself, which then creates
/// its cgroup namespace: the child must call [`Spawned::settle`] before anything else.
pub fn clone_into(cgroup: Option<&Cgroup>, flags: u64) -> Result<Spawned, Errno> {
    let newns = flags & libc::CLONE_NEWCGROUP as u64 != 0;
    if let Some(fd) = cgroup.and_then(|c| c.dir_fd.as_ref()) {
        let args = CloneArgs {
            flags: (flags & !0xff) | CLONE_INTO_CGROUP,
            exit_signal: flags & 0xff,
            cgroup: fd.as_raw_fd() as u64,
            ..Default::default()
        };
        // SAFETY: a fork-like clone3 (no stack, no CLONE_VM) of a single-threaded process, with
        // an argument struct that lives across the call.
        let rc = unsafe {
            libc::syscall(
                libc::SYS_clone3,
                &args as *const CloneArgs,
                std::mem::size_of::<CloneArgs>(),
            )
        };
        match rc {
            0.. => {
                return Ok(Spawned {
                    pid: rc as libc::pid_t,
                    enter: false,
                    new_cgroupns: false,
                });
            }
            // Kernels before 5.7 (no CLONE_INTO_CGROUP) or without clone3: the child moves itself.
            _ if matches!(Errno::last(), Errno::ENOSYS | Errno::E2BIG | Errno::EINVAL) => {}
            _ if cgroup.is_some_and(|c| c.best_effort) && refused(Errno::last()) => {
                return plain_clone(flags, false, false);
            }
            _ => return Err(Errno::last()),
        }
    }
    let placed = cgroup.is_some();
    plain_clone(flags, placed, placed && newns)
}

/// Errors that mean "not yours to move there" (ENOENT: outside the caller's cgroup namespace
/// on a `nsdelegate` mount).
fn refused(e: Errno) -> bool {
    matches!(e, Errno::EACCES | Errno::EPERM | Errno::ENOENT)
}

/// A fork-like clone; with `enter`, the child still has to move itself into the cgroup, and
/// with `new_cgroupns` then to create its cgroup namespace (left out of `flags` here).
fn plain_clone(flags: u64, enter: bool, new_cgroupns: bool) -> Result<Spawned, Errno> {
    let flags = if new_cgroupns {
        flags & !(libc::CLONE_NEWCGROUP as u64)
    } else {
        flags
    };
    // SAFETY: a fork-like clone (no new stack, no CLONE_VM) of a single-threaded process.
    let rc = unsafe { libc::syscall(libc::SYS_clone, flags, 0usize, 0usize, 0usize, 0usize) };
    if rc < 0 {
        return Err(Errno::last());
    }
    Ok(Spawned {
        pid: rc as libc::pid_t,
        enter,
        new_cgroupns,
    })
}

impl Spawned {
    /// In the child of [`clone_into`] (with the same `cgroup`): moves itself into the cgroup
    /// unless it was born there, then creates the cgroup namespace the clone left for it, whose
    /// root is then the container's cgroup.
    pub fn settle(&self, cgroup: Option<&Cgroup>) -> Result<(), SettleError> {
        if let (true, Some(c)) = (self.enter, cgroup) {
            match c.enter() {
                Ok(()) => {}
                Err(e) if c.best_effort && refused(e) => {}
                Err(errno) => {
                    return Err(SettleError {
                        what: "entering the container's cgroup",
                        errno,
                    });
                }
            }
        }
        if self.new_cgroupns {
            nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWCGROUP).map_err(|errno| SettleError {
                what: "creating the cgroup namespace",
                errno,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_resources_follow_podman() {
        let v1 = Layout::V1 {
            devices: Some("/d".into()),
            pids: Some("/p".into()),
        };
        let v2 = Layout::V2 {
            mount: "/sys/fs/cgroup".into(),
            root: "/".into(),
        };
        let root = default_resources(false, false, &v1, Some(DEFAULT_PIDS_LIMIT)).unwrap();
        assert_eq!(root.pids().unwrap().limit(), DEFAULT_PIDS_LIMIT);
        assert_eq!(root.devices().as_ref().unwrap().len(), 12);
        let privileged = default_resources(true, false, &v2, Some(DEFAULT_PIDS_LIMIT)).unwrap();
        assert_eq!(privileged.devices().as_ref().unwrap().len(), 1);
        assert!(privileged.pids().is_some(), "privileged containers keep the pids limit");
        assert_eq!(
            default_resources(false, true, &v1, Some(DEFAULT_PIDS_LIMIT)),
            None,
            "rootless v1 has no cgroup"
        );
        let rootless = default_resources(false, true, &v2, Some(DEFAULT_PIDS_LIMIT)).unwrap();
        assert!(rootless.devices().is_none() && rootless.pids().is_some());
        let unlimited = default_resources(false, false, &v1, None).unwrap();
        assert!(unlimited.pids().is_none() && unlimited.devices().is_some());
        assert_eq!(
            default_resources(false, false, &v2, Some(7))
                .unwrap()
                .pids()
                .unwrap()
                .limit(),
            7
        );
        assert_eq!(leaf_name("ab"), "ferry-ab");
    }

    #[test]
    fn planned_paths_follow_the_layout() {
        let v1 = Layout::V1 {
            devices: Some("/cg/devices".into()),
            pids: None,
        };
        assert_eq!(
            planned_paths(&v1, "x", false),
            [PathBuf::from("/cg/devices/ferry/ferry-x")]
        );
        assert!(planned_paths(&v1, "x", true).is_empty(), "rootless v1 has none");
        let v2 = Layout::V2 {
            mount: "/cg".into(),
            root: "/".into(),
        };
        assert_eq!(planned_paths(&v2, "x", false), [PathBuf::from("/cg/ferry/ferry-x")]);
        assert!(planned_paths(&Layout::Absent, "x", false).is_empty());
    }

    #[test]
    fn open_refuses_what_is_not_a_cgroup() {
        assert!(Cgroup::open(&[], false).unwrap().is_none());
        assert!(matches!(
            Cgroup::open(&[std::env::temp_dir()], false),
            Err(CgroupError::NotCgroup { .. })
        ));
        assert!(matches!(
            Cgroup::open(&[PathBuf::from("/nonexistent/ferry-cgroup")], false),
            Err(CgroupError::Open { .. })
        ));
    }
}
