//! SIGTERM and SIGINT as a readable pipe, so the accept loop notices them in its poll and the
//! service removes its socket before exiting. A handler (not a blocked signal mask) because a
//! mask would be inherited by every process the service starts; handlers reset on exec.

use std::io;
use std::os::fd::{IntoRawFd, OwnedFd};
use std::sync::atomic::{AtomicI32, Ordering};

use nix::fcntl::OFlag;
use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};

static STOP_PIPE: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_signal(_: libc::c_int) {
    let fd = STOP_PIPE.load(Ordering::Relaxed);
    if fd >= 0 {
        // SAFETY: write(2) is async-signal-safe; the byte is a static; a full pipe (several
        // signals) loses nothing that matters.
        unsafe {
            libc::write(fd, b"x".as_ptr().cast(), 1);
        }
    }
}

/// Installs the handlers; the returned descriptor becomes readable on the first signal.
pub fn install() -> io::Result<OwnedFd> {
    let (read, write) = nix::unistd::pipe2(OFlag::O_CLOEXEC | OFlag::O_NONBLOCK)?;
    let old = STOP_PIPE.swap(write.into_raw_fd(), Ordering::Relaxed);
    if old >= 0 {
        // SAFETY: `old` is the write end a previous call leaked into STOP_PIPE; nothing else owns it.
        unsafe {
            libc::close(old);
        }
    }
    let action = SigAction::new(SigHandler::Handler(on_signal), SaFlags::SA_RESTART, SigSet::empty());
    for sig in [Signal::SIGTERM, Signal::SIGINT] {
        // SAFETY: the handler only calls write(2) on a descriptor stored atomically.
        unsafe { sigaction(sig, &action) }?;
    }
    Ok(read)
}
