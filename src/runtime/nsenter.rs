//! Joining a running container's namespaces (for `exec`, and anything else that must act inside
//! a live container). The namespace files are opened from the host's view of /proc, before any
//! of them is joined: once in the container's mount namespace, /proc is the container's and the
//! init's host pid means nothing there.
//!
//! Rootless, the container's user namespace is the one ferry created when it started it: it is
//! joined first, which gives the caller every capability over the container's other namespaces.
//! A namespace the caller already shares with the container (the host network, or no user
//! namespace when ferry runs as root) is skipped: joining it again could need privileges over
//! the host that a rootless caller does not have.

use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

use nix::errno::Errno;
use nix::fcntl::{OFlag, open};
use nix::sys::stat::Mode;

use crate::sys::process::start_time;

#[derive(Debug, thiserror::Error)]
pub enum NsenterError {
    #[error("opening {path}: {}", errno.desc())]
    Open { path: PathBuf, errno: Errno },
    #[error("process {pid} is no longer the container's init")]
    Gone { pid: i32 },
    #[error("joining the {kind} namespace of process {pid}: {}", errno.desc())]
    Join { kind: &'static str, pid: i32, errno: Errno },
}

/// The namespaces in the order they must be joined: the user namespace first (it grants the
/// capabilities the others need), the mount namespace before the rest so that the root and
/// working directory are the container's from then on; pid and time apply to children only.
const ORDER: [(&str, libc::c_int); 8] = [
    ("user", libc::CLONE_NEWUSER),
    ("mnt", libc::CLONE_NEWNS),
    ("pid", libc::CLONE_NEWPID),
    ("ipc", libc::CLONE_NEWIPC),
    ("uts", libc::CLONE_NEWUTS),
    ("net", libc::CLONE_NEWNET),
    ("cgroup", libc::CLONE_NEWCGROUP),
    ("time", libc::CLONE_NEWTIME),
];

/// The namespaces of a container's init that the caller does not share, open and ready to join.
#[derive(Debug)]
pub struct Namespaces {
    pid: i32,
    fds: Vec<(&'static str, libc::c_int, OwnedFd)>,
}

/// Device and inode of a namespace file; `None` when the kernel does not have that namespace type.
fn identity(path: &str) -> Result<Option<(u64, u64)>, NsenterError> {
    match std::fs::metadata(path) {
        Ok(m) => Ok(Some((m.dev(), m.ino()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(NsenterError::Open {
            path: path.into(),
            errno: Errno::from_raw(e.raw_os_error().unwrap_or(libc::EIO)),
        }),
    }
}

impl Namespaces {
    /// Opens the namespaces of process `pid` (a host pid) that differ from the caller's.
    /// `start` is the init's recorded start time (see `sys::process::start_time`): checked after the
    /// files are open, so that a recycled pid is never mistaken for the container.
    pub fn open(pid: i32, start: Option<u64>) -> Result<Namespaces, NsenterError> {
        let mut fds = Vec::new();
        for (kind, flag) in ORDER {
            let theirs = format!("/proc/{pid}/ns/{kind}");
            let Some(mine) = identity(&format!("/proc/self/ns/{kind}"))? else {
                continue;
            };
            match identity(&theirs) {
                Ok(Some(id)) if id == mine => continue,
                Ok(Some(_)) => {}
                Ok(None) => return Err(NsenterError::Gone { pid }),
                Err(e) => return Err(e),
            }
            let fd = open(theirs.as_str(), OFlag::O_RDONLY | OFlag::O_CLOEXEC, Mode::empty()).map_err(|errno| {
                if errno == Errno::ENOENT {
                    NsenterError::Gone { pid }
                } else {
                    NsenterError::Open {
                        path: theirs.clone().into(),
                        errno,
                    }
                }
            })?;
            fds.push((kind, flag, fd));
        }
        if start.is_some() && start_time(pid) != start {
            return Err(NsenterError::Gone { pid });
        }
        Ok(Namespaces { pid, fds })
    }

    /// Moves the calling process into the namespaces. The caller must be single-threaded (a
    /// forked child): joining a user namespace requires it, and the process's root, working
    /// directory and credentials change under it. The pid (and time) namespace applies to
    /// children created afterwards: fork after this to be inside the container.
    pub fn join(&self) -> Result<(), NsenterError> {
        for (kind, flag, fd) in &self.fds {
            // SAFETY: setns on a namespace descriptor we own, with its matching type.
            if unsafe { libc::setns(fd.as_raw_fd(), *flag) } != 0 {
                return Err(NsenterError::Join {
                    kind,
                    pid: self.pid,
                    errno: Errno::last(),
                });
            }
        }
        Ok(())
    }

    /// The names of the namespaces `join` enters (`user`, `mnt`, ...), in order.
    pub fn kinds(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fds.iter().map(|(k, _, _)| *k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_namespaces_are_all_skipped() {
        let me = std::process::id() as i32;
        let ns = Namespaces::open(me, start_time(me)).unwrap();
        assert_eq!(ns.kinds().count(), 0);
        ns.join().unwrap();
    }

    #[test]
    fn a_wrong_start_time_or_a_missing_process_is_gone() {
        let me = std::process::id() as i32;
        let start = start_time(me).unwrap();
        assert!(matches!(
            Namespaces::open(me, Some(start + 1)),
            Err(NsenterError::Gone { .. })
        ));
        // Pids above pid_max (at most 2^22) never exist.
        assert!(matches!(
            Namespaces::open(1 << 23, None),
            Err(NsenterError::Gone { .. })
        ));
    }
}
