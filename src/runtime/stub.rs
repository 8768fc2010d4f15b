//! The exec stub `ferry-init` (src/runtime/stub.c, built by build.rs): the last program ferry
//! executes in a container, from a sealed memfd, just before the container's command.
//!
//! A process that ferry forks is a copy of ferry until it executes something else: in the
//! container's PID namespace, its /proc/PID/exe, mem and environ would lead a container process
//! to the host's ferry binary (which it could reopen for writing once nothing executes it: runc's
//! CVE-2019-5736) and to the caller's environment. So nothing ferry forks enters a container's
//! PID namespace as ferry: the container's init executes the stub before its command (and, with
//! `--init`, the stub stays PID 1), and `exec` sets up its helper completely outside the PID
//! namespace, then executes the stub, which creates the process in the container. The stub is
//! a few kilobytes, written to a memfd sealed against writes and resizing at every start (a
//! copy of ferry itself would take milliseconds), and the only executable a container process
//! can find through /proc is that sealed copy; its environment is the container's.

use std::ffi::{CStr, CString};
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};

use nix::errno::Errno;

const STUB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ferry-init"));

/// memfd_create flags and seals newer than the libc crate's tables on some targets.
const MFD_EXEC: libc::c_uint = 0x0010;
const F_SEAL_EXEC: libc::c_int = 0x0020;

#[derive(Debug, thiserror::Error)]
pub enum StubError {
    #[error("creating the sealed container init (memfd_create): {}{}", .0.desc(), if *.0 == Errno::EACCES { " (the sysctl vm.memfd_noexec=2 forbids executable memfds)" } else { "" })]
    Create(Errno),
    #[error("writing the sealed container init: {0}")]
    Write(Errno),
    #[error("sealing the container init: {0}")]
    Seal(Errno),
}

/// A new memfd holding the stub, sealed: it can no longer be written, resized or re-sealed.
/// Close-on-exec (executing it through its descriptor does not need it open afterwards).
pub fn sealed() -> Result<OwnedFd, StubError> {
    let name = c"ferry-init";
    let base = libc::MFD_CLOEXEC | libc::MFD_ALLOW_SEALING;
    // SAFETY: memfd_create with a NUL-terminated name and flags; a non-negative result is a new
    // descriptor we own. Kernels before 6.3 reject MFD_EXEC (and need no such flag).
    let fd = match unsafe { libc::memfd_create(name.as_ptr(), base | MFD_EXEC) } {
        -1 if Errno::last() == Errno::EINVAL => unsafe { libc::memfd_create(name.as_ptr(), base) },
        fd => fd,
    };
    if fd < 0 {
        return Err(StubError::Create(Errno::last()));
    }
    // SAFETY: the descriptor was just created and nobody else owns it.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    let mut data = STUB;
    while !data.is_empty() {
        // SAFETY: writing from a slice we own to our descriptor.
        let n = unsafe { libc::write(fd.as_raw_fd(), data.as_ptr().cast(), data.len()) };
        if n < 0 {
            match Errno::last() {
                Errno::EINTR => continue,
                e => return Err(StubError::Write(e)),
            }
        }
        data = &data[n as usize..];
    }
    let seals = libc::F_SEAL_SEAL | libc::F_SEAL_SHRINK | libc::F_SEAL_GROW | libc::F_SEAL_WRITE;
    // SAFETY: fcntl with integer arguments on our descriptor. F_SEAL_EXEC (6.3+) also keeps the
    // mode bits as they are; older kernels reject it.
    let r = match unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_ADD_SEALS, seals | F_SEAL_EXEC) } {
        -1 if Errno::last() == Errno::EINVAL => unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_ADD_SEALS, seals) },
        r => r,
    };
    if r != 0 {
        return Err(StubError::Seal(Errno::last()));
    }
    Ok(fd)
}

/// What the stub does with the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Executes it in place (the container's init).
    Exec,
    /// Stays PID 1, runs the command as its child, forwards signals, reaps (`--init`).
    Init,
    /// Runs it in a sibling process (CLONE_PARENT) in a session of its own, whose pid goes to
    /// `pid_fd`; with `terminal`, fd 0 becomes its controlling terminal (`exec`).
    Sibling { pid_fd: RawFd, terminal: bool },
    /// Runs it in a grandchild in a session of its own, orphaned at once (`exec -d`).
    Detached,
}

/// The stub's argument vector: its control word, the command's path, the command's arguments.
/// `err_fd` receives a failure to execute the command (ferry's `InitFailure` encoding).
pub fn argv(mode: Mode, err_fd: RawFd, path: &CStr, args: &[CString]) -> Vec<CString> {
    let control = match mode {
        Mode::Exec => format!("x:{err_fd}"),
        Mode::Init => format!("i:{err_fd}"),
        Mode::Sibling { pid_fd, terminal } => format!("p{}:{err_fd}:{pid_fd}", if terminal { "t" } else { "" }),
        Mode::Detached => format!("d:{err_fd}"),
    };
    let mut out = Vec::with_capacity(args.len() + 3);
    out.push(c"ferry-init".to_owned());
    out.push(CString::new(control).expect("digits and letters only"));
    out.push(path.to_owned());
    out.extend(args.iter().cloned());
    out
}

/// Executes the stub from its sealed memfd; returns only on failure. `keep` are descriptors the
/// stub needs (its error and pid pipes): they stay open across this exec (all others must be
/// close-on-exec by now), and the stub makes them close-on-exec again before the command.
pub fn exec(stub: BorrowedFd<'_>, keep: &[RawFd], argv: &[CString], env: &[CString]) -> Errno {
    for fd in keep {
        // SAFETY: clearing the close-on-exec flag of a descriptor this process owns.
        if unsafe { libc::fcntl(*fd, libc::F_SETFD, 0) } != 0 {
            return Errno::last();
        }
    }
    match nix::unistd::fexecve(stub, argv, env) {
        Err(e) => e,
        Ok(never) => match never {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_memfd_is_sealed_and_executable() {
        let fd = sealed().unwrap();
        let path = format!("/proc/self/fd/{}", fd.as_raw_fd());
        assert_eq!(std::fs::read(&path).unwrap(), STUB);
        // Reopened for writing (as /proc/PID/exe would be), it takes no data and no new size.
        let mut w = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        let e = std::io::Write::write(&mut w, b"x").unwrap_err();
        assert_eq!(e.raw_os_error(), Some(libc::EPERM));
        assert!(w.set_len(0).is_err());
        // SAFETY: fcntl query on our descriptor.
        let seals = unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_GET_SEALS) };
        assert_eq!(seals & libc::F_SEAL_WRITE, libc::F_SEAL_WRITE);
        assert_eq!(seals & libc::F_SEAL_SEAL, libc::F_SEAL_SEAL);
    }

    #[test]
    fn control_words() {
        let args = [c"sh".to_owned(), c"-c".to_owned(), c"true".to_owned()];
        let a = argv(
            Mode::Sibling {
                pid_fd: 7,
                terminal: true,
            },
            5,
            c"/bin/sh",
            &args,
        );
        let a: Vec<&str> = a.iter().map(|s| s.to_str().unwrap()).collect();
        assert_eq!(a, ["ferry-init", "pt:5:7", "/bin/sh", "sh", "-c", "true"]);
        assert_eq!(argv(Mode::Exec, 3, c"/x", &args[..1])[1].to_str().unwrap(), "x:3");
        assert_eq!(argv(Mode::Init, 3, c"/x", &args[..1])[1].to_str().unwrap(), "i:3");
        assert_eq!(argv(Mode::Detached, 4, c"/x", &args[..1])[1].to_str().unwrap(), "d:4");
    }

    /// The stub run directly: it refuses to run without ferry's control word, executes the
    /// command in place, and reports a missing one in ferry's encoding.
    #[test]
    fn runs_and_reports() {
        let stub = sealed().unwrap();
        let path = format!("/proc/self/fd/{}", stub.as_raw_fd());
        let out = std::process::Command::new(&path).arg("--version").output().unwrap();
        assert_eq!(out.status.code(), Some(126));
        assert!(String::from_utf8_lossy(&out.stderr).contains("not a container command"));
        let out = std::process::Command::new(&path)
            .args(["x:2", "/bin/sh", "sh", "-c", "echo ran; exit 3"])
            .output()
            .unwrap();
        assert_eq!((out.status.code(), out.stdout.as_slice()), (Some(3), &b"ran\n"[..]));
        let (mut r, w) = std::io::pipe().unwrap();
        let w: OwnedFd = w.into();
        let control = format!("x:{}", w.as_raw_fd());
        // SAFETY: the child only clears close-on-exec on the pipe's write end before exec.
        let status = unsafe {
            use std::os::unix::process::CommandExt;
            let fd = w.as_raw_fd();
            std::process::Command::new(&path)
                .args([control.as_str(), "/no/such/cmd", "cmd"])
                .pre_exec(move || {
                    libc::fcntl(fd, libc::F_SETFD, 0);
                    Ok(())
                })
                .status()
                .unwrap()
        };
        drop(w);
        assert_eq!(status.code(), Some(127));
        let mut data = Vec::new();
        r.read_to_end(&mut data).unwrap();
        assert_eq!(data, [&[1u8, 2, 0, 0, 0][..], b"cmd"].concat());
    }
}
