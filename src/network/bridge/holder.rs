//! Rootless: the one network namespace shared by the user's containers on user-defined networks,
//! where their bridges live. A tiny holder process (`ferry-netns`) keeps it, and ferry's user
//! namespace, alive; slirp4netns, its child, connects it to the outside (`tap0`, NAT). Every
//! rootless ferry joins the holder's user namespace while it runs (see [`join_userns`]), so the
//! containers it starts can be wired to the bridges. The holder leaves when the last container
//! stops ([`stop`]), or by itself once no container interface has been left in its namespace for
//! a while (a supervisor killed before it could say so); slirp4netns dies with it.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::unistd::Pid;
use serde::{Deserialize, Serialize};

use super::{BridgeError, HOST_VETH_PREFIX, Result, cmd};
use crate::store::{Store, atomic, lock};
use crate::sys::process::start_time;

const RECORD: &str = "rootless-netns.json";
/// How long the holder waits for a first container, and how long it stays without any.
const GRACE: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_secs(2);

#[derive(Debug, Serialize, Deserialize)]
struct Record {
    pid: i32,
    start: u64,
}

fn record_path(run_dir: &Path) -> PathBuf {
    run_dir.join(RECORD)
}

/// The holder's pid while it runs.
pub fn live(run_dir: &Path) -> Option<i32> {
    let data = std::fs::read(record_path(run_dir)).ok()?;
    let r: Record = serde_json::from_slice(&data).ok()?;
    (r.pid > 0 && start_time(r.pid) == Some(r.start)).then_some(r.pid)
}

fn userns_inode(pid: &str) -> Option<u64> {
    std::fs::metadata(format!("/proc/{pid}/ns/user")).ok().map(|m| m.ino())
}

/// Rootless, before any thread exists: joins the user namespace of the running holder, if any.
/// Returns whether it did (the caller then has the rootless mapping, as after creating one).
pub fn join_userns(run_dir: &Path) -> bool {
    let Some(pid) = live(run_dir) else { return false };
    let path = PathBuf::from(format!("/proc/{pid}/ns/user"));
    let Ok(f) = File::open(&path) else { return false };
    // A recycled pid is ruled out by the start time above; check again now that it is open.
    if live(run_dir) != Some(pid) {
        return false;
    }
    // Not joining is no failure: the command then works in a user namespace of its own.
    nix::sched::setns(&f, nix::sched::CloneFlags::CLONE_NEWUSER).is_ok()
}

/// The holder, started when none runs. It must share this process's user namespace: a holder
/// another ferry process started in its own (this one having created a sibling before the
/// holder existed) cannot be used from here.
pub fn ensure(store: &Store) -> Result<i32> {
    let nets = store.networks();
    let run_dir = &nets.run_dir();
    if let Some(pid) = live(run_dir) {
        if userns_inode(&pid.to_string()) != userns_inode("self") {
            return Err(BridgeError::Holder(
                "another ferry process set up the rootless network namespace meanwhile: run the command again".into(),
            ));
        }
        return Ok(pid);
    }
    let pid = spawn(run_dir, &nets.lock_path())?;
    let start = start_time(pid).ok_or_else(|| BridgeError::Holder("the holder exited".into()))?;
    let json = serde_json::to_vec(&Record { pid, start }).expect("record serializes");
    atomic::create_dir_all(run_dir, 0o700)?;
    if let Err(e) = atomic::write_file(&record_path(run_dir), &json, 0o600) {
        let _ = nix::sys::signal::kill(Pid::from_raw(pid), nix::sys::signal::Signal::SIGTERM);
        return Err(e.into());
    }
    Ok(pid)
}

/// Ends the holder (and so slirp4netns and the namespace).
pub fn stop(run_dir: &Path) {
    if let Some(pid) = live(run_dir) {
        let _ = nix::sys::signal::kill(Pid::from_raw(pid), nix::sys::signal::Signal::SIGTERM);
    }
    let _ = std::fs::remove_file(record_path(run_dir));
    let _ = std::fs::remove_file(run_dir.join(super::forward::API_SOCKET));
}

/// Starts a detached holder; returns its pid once slirp4netns has configured `tap0`. The
/// caller is single-threaded.
fn spawn(run_dir: &Path, lock_path: &Path) -> Result<i32> {
    let slirp = cmd::program("slirp4netns")?;
    atomic::create_dir_all(run_dir, 0o700)?;
    let log_path = run_dir.join("rootless-netns.log");
    let log = File::create(&log_path).map_err(|source| BridgeError::Io { path: log_path, source })?;
    let (ready_r, ready_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(BridgeError::Sys)?;
    // The caller is single-threaded (documented precondition of `spawn_detached`).
    // The holder closes every descriptor it does not need (`ready_r` among them); here the
    // closure's drop closes `ready_w` and `log`.
    crate::sys::process::spawn_detached(|| holder_main(ready_w, log, &slirp, run_dir, lock_path))
        .map_err(BridgeError::Sys)?;
    let mut msg = String::new();
    let _ = File::from(ready_r).read_to_string(&mut msg);
    match msg.strip_prefix("ok ").and_then(|p| p.trim().parse::<i32>().ok()) {
        Some(pid) => Ok(pid),
        None if msg.is_empty() => Err(BridgeError::Holder("the holder process died while starting".into())),
        None => Err(BridgeError::Holder(msg)),
    }
}

/// The holder: a network namespace of its own, slirp4netns on `tap0`, forwarding on; then it
/// waits until no container uses the namespace.
fn holder_main(ready: OwnedFd, log: File, slirp: &Path, run_dir: &Path, lock_path: &Path) -> ! {
    // Only what the holder needs stays open: nobody waiting for ferry's output waits for it.
    // SAFETY: dup2 and close_range on this process's descriptors; 3 and 4 become the readiness
    // pipe and the log, everything above is closed.
    unsafe {
        let r = libc::fcntl(ready.as_raw_fd(), libc::F_DUPFD_CLOEXEC, 100);
        let l = libc::fcntl(log.as_raw_fd(), libc::F_DUPFD_CLOEXEC, 100);
        libc::dup3(r, 3, libc::O_CLOEXEC);
        libc::dup3(l, 4, libc::O_CLOEXEC);
        libc::syscall(libc::SYS_close_range, 5u32, u32::MAX, 0u32);
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
        for fd in 0..3 {
            libc::dup2(null, fd);
        }
        if null > 2 {
            libc::close(null);
        }
        libc::prctl(libc::PR_SET_NAME, c"ferry-netns".as_ptr(), 0, 0, 0);
    }
    std::mem::forget(ready);
    std::mem::forget(log);
    // SAFETY: descriptors 3 and 4 were set up just above and are owned here only.
    let mut ready = unsafe { File::from_raw_fd(3) };
    let code = match setup(slirp, run_dir) {
        Ok(()) => {
            let _ = write!(ready, "ok {}", std::process::id());
            drop(ready);
            wait_while_used(run_dir, lock_path);
            0
        }
        Err(message) => {
            let _ = ready.write_all(message.as_bytes());
            1
        }
    };
    // SAFETY: leaving without running the parent's destructors.
    unsafe { libc::_exit(code) }
}

fn setup(slirp: &Path, run_dir: &Path) -> Result<(), String> {
    let me = std::process::id();
    let (go_r, go_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(|e| e.to_string())?;
    let (up_r, up_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(|e| e.to_string())?;
    // slirp4netns must run in the outside namespace (its sockets are the outside world), so it
    // is forked before the holder leaves it, and waits until the holder's namespace exists.
    // SAFETY: fork of the single-threaded holder; the child only execs.
    let child = unsafe { libc::fork() };
    if child < 0 {
        return Err(format!("forking slirp4netns: {}", Errno::last()));
    }
    if child == 0 {
        drop(go_w);
        drop(up_r);
        // SAFETY: prctl and dup2 on this process; slirp4netns dies with the holder.
        unsafe {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM, 0, 0, 0);
            if libc::getppid() as u32 != me {
                libc::_exit(1);
            }
            libc::dup2(4, 2);
        }
        let mut b = [0u8; 1];
        if File::from(go_r).read(&mut b).ok() != Some(1) {
            // SAFETY: leaving the forked child.
            unsafe { libc::_exit(1) }
        }
        // SAFETY: the readiness pipe goes to descriptor 5 without close-on-exec.
        unsafe { libc::dup2(up_w.as_raw_fd(), 5) };
        let _ = std::fs::remove_file(run_dir.join(super::forward::API_SOCKET));
        let err = std::process::Command::new(slirp)
            .current_dir(run_dir)
            .args([
                "--configure",
                "--mtu=65520",
                "--disable-host-loopback",
                "--ready-fd=5",
                &format!("--api-socket={}", super::forward::API_SOCKET),
                &me.to_string(),
                "tap0",
            ])
            .exec();
        let _ = writeln!(std::io::stderr(), "slirp4netns: {err}");
        // SAFETY: leaving the forked child.
        unsafe { libc::_exit(1) }
    }
    drop(go_r);
    drop(up_w);
    nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNET).map_err(|e| format!("creating the namespace: {e}"))?;
    std::fs::write("/proc/sys/net/ipv4/ip_forward", "1").map_err(|e| format!("enabling forwarding: {e}"))?;
    cmd::ip(None, "link set lo up\n", "bringing lo up").map_err(|e| e.to_string())?;
    let _ = nix::unistd::write(&go_w, b"1");
    drop(go_w);
    let mut up = File::from(up_r);
    let mut b = [0u8; 8];
    if !matches!(up.read(&mut b), Ok(n) if n > 0) {
        let log = std::fs::read_to_string("/proc/self/fd/4").unwrap_or_default();
        return Err(format!("slirp4netns failed: {}", log.trim()));
    }
    Ok(())
}

/// Returns once no container's interface has been in the namespace for [`GRACE`], with the
/// network lock held and the holder's record removed: a container being wired meanwhile (under
/// the lock) either keeps the holder, or finds it gone and starts a new one.
fn wait_while_used(run_dir: &Path, lock_path: &Path) {
    let used = || cmd::interfaces("self").iter().any(|n| n.starts_with(HOST_VETH_PREFIX));
    let mut idle_since = Instant::now();
    loop {
        std::thread::sleep(POLL);
        if used() {
            idle_since = Instant::now();
        } else if idle_since.elapsed() >= GRACE {
            let Ok(held) = lock::lock(lock_path, lock::Mode::Exclusive) else {
                return;
            };
            if used() {
                idle_since = Instant::now();
                continue;
            }
            if live(run_dir) == Some(std::process::id() as i32) {
                let _ = std::fs::remove_file(record_path(run_dir));
                let _ = std::fs::remove_file(run_dir.join(super::forward::API_SOCKET));
            }
            // Held until the process exits.
            std::mem::forget(held);
            return;
        }
    }
}
