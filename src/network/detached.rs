//! A private network namespace that belongs to no container, connected to the outside by the
//! helper a container's private network uses (pasta, else slirp4netns). A build makes one when
//! its first RUN step needs the network and every later step joins it: the steps are isolated
//! from the host's network as containers are, and the helper starts once per build, not once
//! per step (as BuildKit keeps a pool of namespaces for its steps).

use std::os::fd::{AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::unistd::ForkResult;

use super::{Mode, NetworkConfig, NetworkError, Result};

/// A namespace with its helper; dropping it stops the helper, and the namespace goes away
/// with the last descriptor.
pub struct Detached {
    netns: OwnedFd,
    dir: PathBuf,
    mode: Mode,
}

impl Detached {
    /// Creates the namespace and connects it as `mode` says (a mode with a helper); `dir`
    /// holds the helper's pid file and log, and must outlive this value.
    pub fn start(dir: &Path, mode: Mode) -> Result<Detached> {
        let netns = new_namespace()?;
        let config = NetworkConfig {
            mode,
            ports: Vec::new(),
        };
        let for_helper = netns.try_clone().map_err(|source| NetworkError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        super::start_in(dir, &config, for_helper)?;
        Ok(Detached {
            netns,
            dir: dir.to_path_buf(),
            mode: config.mode,
        })
    }

    /// How the namespace is connected.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// A descriptor of the namespace for a container to join.
    pub fn join(&self) -> Result<OwnedFd> {
        self.netns.try_clone().map_err(|source| NetworkError::Io {
            path: self.dir.clone(),
            source,
        })
    }
}

impl Drop for Detached {
    fn drop(&mut self) {
        super::stop(&self.dir);
    }
}

/// A new network namespace (only `lo`, down), as a descriptor: a child unshares one and stays
/// until this process has opened it. The caller's own namespace does not change.
fn new_namespace() -> Result<OwnedFd> {
    let pipe = || nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(NetworkError::Namespace);
    let (ready_r, ready_w) = pipe()?;
    let (hold_r, hold_w) = pipe()?;
    // SAFETY: the child only makes async-signal-safe calls (unshare, write, read, _exit).
    match unsafe { nix::unistd::fork() }.map_err(NetworkError::Namespace)? {
        ForkResult::Child => {
            // Only the parent's copies of these ends may stay open: its exit or close then
            // reads as end-of-file here. (Dropping the OwnedFds is a close(2).)
            drop(ready_r);
            drop(hold_w);
            let status: u8 = match nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNET) {
                Ok(()) => 0,
                Err(e) => (e as i32).clamp(1, 255) as u8,
            };
            // SAFETY: plain reads and writes on pipes this process owns, then _exit: the
            // child never returns into the caller's code.
            unsafe {
                libc::write(ready_w.as_raw_fd(), (&status as *const u8).cast(), 1);
                // Until the parent has the namespace open: end-of-file.
                let mut b = 0u8;
                libc::read(hold_r.as_raw_fd(), (&mut b as *mut u8).cast(), 1);
                libc::_exit(0)
            }
        }
        ForkResult::Parent { child } => {
            drop(ready_w);
            drop(hold_r);
            let mut status = [0u8; 1];
            let opened = match nix::unistd::read(&ready_r, &mut status) {
                Ok(1) if status[0] == 0 => {
                    let path = PathBuf::from(format!("/proc/{child}/ns/net"));
                    std::fs::File::open(&path)
                        .map(OwnedFd::from)
                        .map_err(|source| NetworkError::Io { path, source })
                }
                Ok(1) => Err(NetworkError::Namespace(Errno::from_raw(status[0] as i32))),
                Ok(_) => Err(NetworkError::Namespace(Errno::ECHILD)),
                Err(e) => Err(NetworkError::Namespace(e)),
            };
            drop(hold_w);
            while let Err(Errno::EINTR) = nix::sys::wait::waitpid(child, None) {}
            opened
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn a_new_namespace_is_not_ours() {
        let own = std::fs::metadata("/proc/self/ns/net").unwrap().ino();
        match new_namespace() {
            Ok(ns) => {
                let ino = std::fs::File::from(ns).metadata().unwrap().ino();
                assert_ne!(ino, own);
                assert_eq!(std::fs::metadata("/proc/self/ns/net").unwrap().ino(), own);
            }
            // Only root may create one outside a user namespace.
            Err(e) => {
                assert!(!nix::unistd::geteuid().is_root(), "{e}");
                assert_eq!(
                    e.to_string(),
                    "creating a network namespace: EPERM: Operation not permitted"
                );
            }
        }
    }
}
