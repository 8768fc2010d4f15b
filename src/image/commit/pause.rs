//! Pausing a running container while it is committed, without cgroups: every process of its pid
//! namespace gets SIGSTOP, and SIGCONT afterwards.
//!
//! Rootless ferry enters a sibling user namespace before it reads the container's files, and
//! from there it may no longer signal the container's processes that run as other ids. So the
//! resume is done by a small child forked before that, which sends SIGCONT as soon as the pipe
//! from its parent closes: when the commit is done, or when ferry dies for whatever reason.

use std::collections::BTreeSet;
use std::os::fd::OwnedFd;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::signal::{SigHandler, Signal, kill, signal};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, Pid, fork, pipe2};

#[derive(Debug, thiserror::Error)]
pub enum PauseError {
    #[error("reading the pid namespace of process {pid}: {source}")]
    Namespace { pid: i32, source: std::io::Error },
    #[error("the container shares ferry's pid namespace: its processes cannot be told apart to pause them")]
    SharedPidNamespace,
    #[error("pausing process {pid}: {source}")]
    Stop { pid: i32, source: Errno },
    #[error("starting the process that resumes the container: {0}")]
    Fork(Errno),
}

/// A paused container; dropping it (or [`Paused::resume`]) lets it run again.
#[derive(Debug)]
pub struct Paused {
    resumer: Option<(Pid, OwnedFd)>,
    pids: Vec<i32>,
}

impl Paused {
    /// Stops every process in the pid namespace of `init` (the container's init, host pid).
    /// Call before entering any user namespace, while single-threaded.
    pub fn pause(init: i32) -> Result<Paused, PauseError> {
        let ns =
            pid_ns(&format!("/proc/{init}/ns/pid")).map_err(|source| PauseError::Namespace { pid: init, source })?;
        let own = pid_ns("/proc/self/ns/pid").map_err(|source| PauseError::Namespace {
            pid: std::process::id() as i32,
            source,
        })?;
        if ns == own {
            return Err(PauseError::SharedPidNamespace);
        }
        let mut paused = Paused {
            resumer: None,
            pids: Vec::new(),
        };
        let mut stopped: BTreeSet<i32> = BTreeSet::new();
        // A process may fork between the scan and the stop: scan again until nothing is new.
        for _ in 0..20 {
            let members = members(&ns);
            let new: Vec<i32> = members.into_iter().filter(|p| !stopped.contains(p)).collect();
            if new.is_empty() {
                break;
            }
            for pid in new {
                match kill(Pid::from_raw(pid), Signal::SIGSTOP) {
                    Ok(()) => {
                        stopped.insert(pid);
                        paused.pids.push(pid);
                    }
                    // Exited meanwhile.
                    Err(Errno::ESRCH) => {}
                    Err(source) => {
                        paused.cont();
                        return Err(PauseError::Stop { pid, source });
                    }
                }
            }
        }
        wait_stopped(&paused.pids, Duration::from_secs(2));
        paused.spawn_resumer()?;
        Ok(paused)
    }

    /// Lets the container run again and waits until it does.
    pub fn resume(mut self) {
        self.finish();
    }

    fn finish(&mut self) {
        if let Some((pid, w)) = self.resumer.take() {
            drop(w);
            let _ = waitpid(pid, None);
        }
    }

    fn cont(&self) {
        for &p in &self.pids {
            let _ = kill(Pid::from_raw(p), Signal::SIGCONT);
        }
    }

    fn spawn_resumer(&mut self) -> Result<(), PauseError> {
        let (r, w) = pipe2(OFlag::O_CLOEXEC).map_err(|e| {
            self.cont();
            PauseError::Fork(e)
        })?;
        // SAFETY: ferry is single-threaded here (the caller has not entered its user namespace,
        // which needs that too); the child only reads a pipe, sends signals and exits.
        match unsafe { fork() } {
            Ok(ForkResult::Child) => {
                drop(w);
                // Ctrl-C at the terminal reaches the whole process group: the container must be
                // resumed all the same.
                for s in [Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP, Signal::SIGQUIT] {
                    // SAFETY: SIG_IGN installs no handler code.
                    let _ = unsafe { signal(s, SigHandler::SigIgn) };
                }
                let mut buf = [0u8; 1];
                loop {
                    match nix::unistd::read(&r, &mut buf) {
                        Err(Errno::EINTR) => continue,
                        Ok(1) => continue,
                        _ => break,
                    }
                }
                self.cont();
                // SAFETY: leaves the forked child without running the parent's destructors.
                unsafe { libc::_exit(0) }
            }
            Ok(ForkResult::Parent { child }) => {
                drop(r);
                self.resumer = Some((child, w));
                Ok(())
            }
            Err(e) => {
                self.cont();
                Err(PauseError::Fork(e))
            }
        }
    }
}

impl Drop for Paused {
    fn drop(&mut self) {
        self.finish();
    }
}

fn pid_ns(link: &str) -> std::io::Result<PathBuf> {
    std::fs::read_link(link)
}

/// Host pids of the processes whose pid namespace is `ns`.
fn members(ns: &PathBuf) -> Vec<i32> {
    let Ok(rd) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let mut out: Vec<i32> = rd
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| pid_ns(&format!("/proc/{pid}/ns/pid")).is_ok_and(|n| &n == ns))
        .collect();
    out.sort_unstable();
    out
}

/// Waits (bounded) until each process shows as stopped, so no write is in flight afterwards.
fn wait_stopped(pids: &[i32], limit: Duration) {
    let deadline = Instant::now() + limit;
    for &pid in pids {
        loop {
            let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok().and_then(|s| {
                s.rfind(')')
                    .and_then(|i| s[i + 1..].split_whitespace().next().map(str::to_string))
            });
            match state.as_deref() {
                None | Some("T") | Some("t") | Some("Z") | Some("X") => break,
                _ if Instant::now() >= deadline => return,
                _ => std::thread::sleep(Duration::from_millis(5)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_namespace_is_refused() {
        let me = std::process::id() as i32;
        assert!(matches!(Paused::pause(me), Err(PauseError::SharedPidNamespace)));
        assert!(matches!(
            Paused::pause(i32::MAX),
            Err(PauseError::Namespace { pid: i32::MAX, .. })
        ));
    }

    #[test]
    fn members_of_a_namespace() {
        let own = pid_ns("/proc/self/ns/pid").unwrap();
        assert!(members(&own).contains(&(std::process::id() as i32)));
        assert!(members(&PathBuf::from("pid:[0]")).is_empty());
    }
}
