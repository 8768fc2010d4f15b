//! Seeing a container's root filesystem from ferry (`cp`, `export`, `mount`).
//!
//! A job runs in a forked child that sees the container's root: for a created or stopped
//! container the child mounts the container's overlay in a private mount namespace (rootless,
//! inside a fresh user namespace with ferry's mapping), so writes land in the container's upper
//! directory as a start would see them; for a running container the child joins the init's
//! user namespace (first: entering ferry's own would make a sibling namespace without rights on
//! the container's mounts) and then its mount namespace, so it sees the live root with whatever
//! is mounted in it. The caller talks to the child through pipes (tar streams), the same way for
//! both cases and both directions.
//!
//! `ferry mount` mounts the overlay at the container's merged directory in the caller's mount
//! namespace and counts mounts in a file under the runroot, so only the last unmount unmounts.
//! A container started while mounted gets its own overlay over the same upper directory in its
//! mount namespace: with overlayfs' `index` feature off (the default) the kernel accepts an
//! upper directory used by two mounts and logs "upperdir is in-use" once.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{OFlag, OpenHow, ResolveFlag, openat};
use nix::mount::{MntFlags, MsFlags, mount, umount2};
use nix::sched::{CloneFlags, unshare};
use nix::sys::stat::Mode;
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, Pid, fork};

use super::nsenter::Namespaces;
use super::rootfs::OverlayLayout;
use super::userns;
use crate::store::lock;
use crate::sys::idmap::IdMapping;
use crate::sys::rootpath;

#[derive(Debug, thiserror::Error)]
pub enum RootViewError {
    #[error("starting a process to reach the container's files: {0}")]
    Fork(Errno),
    #[error("{0}")]
    Job(String),
    #[error("the process reaching the container's files {0}")]
    Died(String),
    #[error("mounting the container's overlay on {path}: {errno}")]
    Mount { path: PathBuf, errno: Errno },
    #[error("unmounting {path}: {errno}")]
    Unmount { path: PathBuf, errno: Errno },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Lock(#[from] crate::store::StoreError),
}

type Result<T, E = RootViewError> = std::result::Result<T, E>;

/// How to reach a container's root filesystem.
#[derive(Debug, Clone)]
pub enum View {
    /// Created or stopped: mount its overlay on `mountpoint` (its merged dir) in a private mount
    /// namespace, inside a new user namespace with `mapping` when rootless, and its volumes and
    /// bind mounts over it, as its start would (so a copy into /data reaches the volume there).
    Stopped {
        overlay: OverlayLayout,
        mountpoint: PathBuf,
        mapping: Option<IdMapping>,
        binds: Vec<Bind>,
    },
    /// Running: join the namespaces of the init `pid`, which started at `start` (so a recycled
    /// pid is never joined).
    Running { pid: i32, start: Option<u64> },
}

/// A host directory or file the container has bind-mounted (a volume or `-v /host:/dst`).
#[derive(Debug, Clone)]
pub struct Bind {
    pub source: PathBuf,
    /// Absolute in the container; resolved in its root.
    pub destination: String,
    pub read_only: bool,
}

/// A child running a job in a container's root; [`ViewChild::wait`] collects it.
#[must_use = "the child must be waited for"]
pub struct ViewChild {
    pid: Pid,
    errors: File,
}

/// Forks a child that enters `view` and runs `job` with an `O_PATH` fd of the container's root.
/// The job's error message comes back through [`ViewChild::wait`]. The caller must be
/// single-threaded and, rootless, must not have entered ferry's user namespace. Whatever `job`
/// owns (pipe ends) is closed in the parent when this returns; `parent_only` (the parent's
/// pipe ends) are closed in the child, so that each end of a pipe has one owner.
pub fn spawn<F>(view: &View, parent_only: &[BorrowedFd<'_>], job: F) -> Result<ViewChild>
where
    F: FnOnce(BorrowedFd<'_>) -> Result<(), String>,
{
    let (r, w) = nix::unistd::pipe2(OFlag::O_CLOEXEC).map_err(RootViewError::Fork)?;
    // SAFETY: the caller is single-threaded (documented precondition), so the child may
    // allocate and run arbitrary code; it ends in _exit without returning.
    match unsafe { fork() }.map_err(RootViewError::Fork)? {
        ForkResult::Child => {
            drop(r);
            for fd in parent_only {
                // SAFETY: closes the child's copy of a descriptor whose owner lives in the
                // parent's code and is never used or dropped here (the child ends in _exit).
                unsafe { libc::close(fd.as_raw_fd()) };
            }
            // A reader that goes away must end the job with an error, not kill it silently.
            // SAFETY: setting a signal disposition in the single-threaded child.
            unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
            let result = enter(view).and_then(|root| job(root.as_fd()));
            let code = match result {
                Ok(()) => 0,
                Err(msg) => {
                    let _ = File::from(w).write_all(msg.as_bytes());
                    1
                }
            };
            // SAFETY: leaving the forked child without running the parent's destructors.
            unsafe { libc::_exit(code) }
        }
        ForkResult::Parent { child } => {
            drop(w);
            drop(job);
            Ok(ViewChild {
                pid: child,
                errors: File::from(r),
            })
        }
    }
}

impl ViewChild {
    /// Waits for the child; its job's error, if any.
    pub fn wait(mut self) -> Result<()> {
        let mut msg = String::new();
        let _ = self.errors.read_to_string(&mut msg);
        let status = loop {
            match waitpid(self.pid, None) {
                Err(Errno::EINTR) => continue,
                other => break other.map_err(RootViewError::Fork)?,
            }
        };
        if !msg.is_empty() {
            return Err(RootViewError::Job(msg));
        }
        match status {
            WaitStatus::Exited(_, 0) => Ok(()),
            WaitStatus::Exited(_, code) => Err(RootViewError::Died(format!("exited with code {code}"))),
            WaitStatus::Signaled(_, sig, _) => Err(RootViewError::Died(format!("was killed by {sig}"))),
            other => Err(RootViewError::Died(format!("ended as {other:?}"))),
        }
    }
}

fn open_dir(path: &Path) -> Result<OwnedFd, String> {
    openat(
        nix::fcntl::AT_FDCWD,
        path,
        OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| format!("opening {}: {e}", path.display()))
}

/// In the child: makes the container's root visible and opens it.
fn enter(view: &View) -> Result<OwnedFd, String> {
    match view {
        View::Stopped {
            overlay,
            mountpoint,
            mapping,
            binds,
        } => {
            if let Some(m) = mapping {
                let own = nix::unistd::geteuid().as_raw();
                userns::enter(m).map_err(|e| format!("entering the user namespace: {e}"))?;
                // A container with its own namespace may not map us: overlay needs a mounter
                // the namespace maps, so become its root (as a container start does).
                if !m.maps_host_uid(own) {
                    let (g, u) = (nix::unistd::Gid::from_raw(0), nix::unistd::Uid::from_raw(0));
                    nix::unistd::setresgid(g, g, g).map_err(|e| format!("becoming root in the user namespace: {e}"))?;
                    nix::unistd::setresuid(u, u, u).map_err(|e| format!("becoming root in the user namespace: {e}"))?;
                }
            }
            unshare(CloneFlags::CLONE_NEWNS).map_err(|e| format!("creating a mount namespace: {e}"))?;
            mount(
                None::<&str>,
                "/",
                None::<&str>,
                MsFlags::MS_REC | MsFlags::MS_PRIVATE,
                None::<&str>,
            )
            .map_err(|e| format!("making mounts private: {e}"))?;
            // Mounted by `ferry mount` already: that view is the same, use it.
            if !is_mounted(mountpoint) {
                mount_overlay(overlay, mountpoint).map_err(|e| e.to_string())?;
            }
            let root = open_dir(mountpoint)?;
            for b in binds {
                mount_bind(root.as_fd(), b)?;
            }
            Ok(root)
        }
        View::Running { pid, start } => {
            // Opened (and the pid checked) before joining anything; user namespace first.
            let ns = Namespaces::open(*pid, *start).map_err(|e| e.to_string())?;
            ns.join().map_err(|e| e.to_string())?;
            open_dir(Path::new("/"))
        }
    }
}

/// Creates the missing components of `rel` in `root` (the last one a file unless `dir`), as a
/// start creates a mount point: each parent is resolved in the root, each name made in it.
fn create_in_root(root: BorrowedFd<'_>, rel: &Path, dir: bool) -> Result<(), Errno> {
    let how = OpenHow::new()
        .flags(OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC)
        .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS);
    let mut parent = crate::sys::rootpath::openat2_retrying(root, ".", how)?;
    let mut done = PathBuf::new();
    let count = rel.iter().count();
    for (i, name) in rel.iter().enumerate() {
        done.push(name);
        let last = i + 1 == count;
        let made = if last && !dir {
            openat(
                parent.as_fd(),
                name,
                OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_WRONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
                Mode::from_bits_truncate(0o644),
            )
            .map(drop)
        } else {
            nix::sys::stat::mkdirat(parent.as_fd(), name, Mode::from_bits_truncate(0o755))
        };
        match made {
            Ok(()) | Err(Errno::EEXIST) => {}
            Err(e) => return Err(e),
        }
        if !last {
            parent = crate::sys::rootpath::openat2_retrying(root, &done, how)?;
        }
    }
    Ok(())
}

/// Bind-mounts `bind` at its destination, resolved in `root` (and created there when missing,
/// as the container's start would).
fn mount_bind(root: BorrowedFd<'_>, bind: &Bind) -> Result<(), String> {
    let Ok(rel) = rootpath::clean(bind.destination.as_bytes()) else {
        return Err(format!("invalid mount destination {:?}", bind.destination));
    };
    let target: &Path = if rel.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &rel
    };
    let how = OpenHow::new()
        .flags(OFlag::O_PATH | OFlag::O_CLOEXEC)
        .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS);
    let fd = match crate::sys::rootpath::openat2_retrying(root, target, how) {
        Ok(fd) => fd,
        Err(Errno::ENOENT) => {
            create_in_root(root, &rel, bind.source.is_dir())
                .map_err(|e| format!("creating {} in the container: {e}", bind.destination))?;
            crate::sys::rootpath::openat2_retrying(root, target, how)
                .map_err(|e| format!("opening {} in the container: {e}", bind.destination))?
        }
        Err(e) => return Err(format!("opening {} in the container: {e}", bind.destination)),
    };
    let at = format!("/proc/self/fd/{}", fd.as_raw_fd());
    let err = |e: Errno| format!("mounting {} on {}: {e}", bind.source.display(), bind.destination);
    mount(
        Some(&bind.source),
        at.as_str(),
        None::<&str>,
        MsFlags::MS_BIND | MsFlags::MS_REC,
        None::<&str>,
    )
    .map_err(err)?;
    if bind.read_only {
        // The fd still names the directory under the new mount: reopen to reach the mount.
        let fd = crate::sys::rootpath::openat2_retrying(root, target, how).map_err(err)?;
        let at = format!("/proc/self/fd/{}", fd.as_raw_fd());
        mount(
            None::<&str>,
            at.as_str(),
            None::<&str>,
            MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY,
            None::<&str>,
        )
        .map_err(err)?;
    }
    Ok(())
}

/// Mounts the container's overlay on `target` in the current mount namespace.
pub fn mount_overlay(overlay: &OverlayLayout, target: &Path) -> Result<()> {
    // The lower dirs are relative to the layers dir (the options must fit in one page).
    let cwd = open_dir(Path::new(".")).ok();
    nix::unistd::chdir(&overlay.layers_dir).map_err(|errno| RootViewError::Mount {
        path: target.to_path_buf(),
        errno,
    })?;
    let flags = if overlay.nodev {
        MsFlags::MS_NODEV
    } else {
        MsFlags::empty()
    };
    let mounted = mount(
        Some("overlay"),
        target,
        Some("overlay"),
        flags,
        Some(overlay.options().as_str()),
    );
    if let Some(fd) = cwd {
        let _ = nix::unistd::fchdir(fd);
    }
    mounted.map_err(|errno| RootViewError::Mount {
        path: target.to_path_buf(),
        errno,
    })
}

/// Undoes `\NNN` octal escapes of /proc/self/mountinfo fields.
pub(super) fn unescape(field: &str) -> Vec<u8> {
    let b = field.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\'
            && b.get(i + 1..i + 4)
                .is_some_and(|d| d.iter().all(|c| (b'0'..=b'7').contains(c)))
        {
            let v = (b[i + 1] - b'0') as u32 * 64 + (b[i + 2] - b'0') as u32 * 8 + (b[i + 3] - b'0') as u32;
            out.push(v as u8);
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// The mount points in a mountinfo text.
fn mount_points(mountinfo: &str) -> impl Iterator<Item = Vec<u8>> + '_ {
    mountinfo.lines().filter_map(|l| l.split(' ').nth(4).map(unescape))
}

/// Whether something is mounted on `path` in this process's mount namespace.
pub fn is_mounted(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(info) = std::fs::read_to_string("/proc/self/mountinfo") else {
        return false;
    };
    let want = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    mount_points(&info).any(|m| m == want.as_os_str().as_bytes())
}

fn read_count(count_file: &Path) -> u64 {
    std::fs::read_to_string(count_file)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0)
}

fn write_count(count_file: &Path, n: u64) -> Result<()> {
    let io = |source| RootViewError::Io {
        path: count_file.to_path_buf(),
        source,
    };
    if n == 0 {
        return match std::fs::remove_file(count_file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(e)),
            _ => Ok(()),
        };
    }
    crate::store::atomic::write_file(count_file, format!("{n}\n").as_bytes(), 0o600).map_err(RootViewError::Lock)
}

fn count_lock(count_file: &Path) -> Result<lock::Lock> {
    let dir = count_file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|source| RootViewError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    Ok(lock::lock(&dir.join(".lock"), lock::Mode::Exclusive)?)
}

/// The number of `ferry mount`s of `target` in effect here: the count in `count_file`, or 0
/// when nothing is mounted (a mount namespace of an ended `ferry unshare` took it along).
pub fn mount_count(target: &Path, count_file: &Path) -> u64 {
    if is_mounted(target) { read_count(count_file) } else { 0 }
}

/// `ferry mount`: mounts the overlay on `target` unless mounted already, and counts.
pub fn mount_counted(overlay: &OverlayLayout, target: &Path, count_file: &Path) -> Result<()> {
    let _l = count_lock(count_file)?;
    let n = mount_count(target, count_file);
    if n == 0 {
        mount_overlay(overlay, target)?;
    }
    write_count(count_file, n + 1)
}

/// `ferry unmount`: counts down and unmounts at zero (at once with `force`). Returns whether
/// the filesystem is now unmounted.
pub fn unmount_counted(target: &Path, count_file: &Path, force: bool) -> Result<bool> {
    let _l = count_lock(count_file)?;
    let n = mount_count(target, count_file);
    if n > 1 && !force {
        write_count(count_file, n - 1)?;
        return Ok(false);
    }
    while is_mounted(target) {
        let flags = if force { MntFlags::MNT_DETACH } else { MntFlags::empty() };
        umount2(target, flags).map_err(|errno| RootViewError::Unmount {
            path: target.to_path_buf(),
            errno,
        })?;
    }
    write_count(count_file, 0)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mountinfo_fields_are_unescaped() {
        let info = "36 35 98:0 /mnt1 /mnt/with\\040space rw,noatime master:1 - ext3 /dev/root rw\n\
                    37 35 0:1 / / rw - overlay overlay rw\n\
                    bad line\n\
                    38 35 0:1 / /odd\\\\x\\12 rw - tmpfs t rw\n";
        let points: Vec<Vec<u8>> = mount_points(info).collect();
        assert_eq!(points[0], b"/mnt/with space");
        assert_eq!(points[1], b"/");
        assert_eq!(points.len(), 3);
        // A backslash not followed by three octal digits stays as it is.
        assert_eq!(points[2], b"/odd\\\\x\\12");
    }

    #[test]
    fn counts_survive_garbage() {
        let tmp = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-rootview-"));
        std::fs::create_dir_all(&tmp).unwrap();
        let f = tmp.join("count");
        assert_eq!(read_count(&f), 0);
        std::fs::write(&f, "junk").unwrap();
        assert_eq!(read_count(&f), 0);
        write_count(&f, 3).unwrap();
        assert_eq!(read_count(&f), 3);
        write_count(&f, 0).unwrap();
        assert!(!f.exists());
        write_count(&f, 0).unwrap();
        // Nothing is mounted on a fresh directory, whatever the file says.
        write_count(&f, 2).unwrap();
        assert_eq!(mount_count(&tmp, &f), 0);
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
