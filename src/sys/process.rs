//! Processes: detached children (the classic double fork) and start times that tell a live
//! process from a recycled pid.

use nix::errno::Errno;
use nix::unistd::Pid;

/// Runs `child` in a grandchild of this process, in a session of its own and re-parented to
/// init (or the nearest subreaper) so that nobody has to wait for it; returns once the
/// intermediate child has exited and been reaped. `child` should not return (it execs or exits;
/// a grandchild whose `child` returns exits with status 1).
/// In this process `child` is dropped unrun, which drops what it captured (e.g. the ends of
/// pipes that belong to the child).
///
/// The caller must be single-threaded: the children run arbitrary code after fork.
pub fn spawn_detached(child: impl FnOnce()) -> Result<(), Errno> {
    // SAFETY: fork of a single-threaded process (the documented precondition); the children
    // never return into the caller.
    let first = unsafe { libc::fork() };
    if first < 0 {
        return Err(Errno::last());
    }
    if first == 0 {
        // Out of the caller's session and process group: no terminal, no signals meant for it.
        let _ = nix::unistd::setsid();
        // SAFETY: as above; the intermediate child exits at once so the grandchild is nobody's.
        match unsafe { libc::fork() } {
            0 => {
                child();
                // SAFETY: leaving a grandchild whose `child` returned, without running destructors.
                unsafe { libc::_exit(1) }
            }
            // SAFETY: leaving the intermediate child without running destructors.
            _ => unsafe { libc::_exit(0) },
        }
    }
    drop(child);
    while let Err(Errno::EINTR) = nix::sys::wait::waitpid(Pid::from_raw(first), None) {}
    Ok(())
}

/// The start time (in clock ticks since boot) of a live process, from /proc/PID/stat; `None`
/// when there is no such process or it is a zombie.
pub fn start_time(pid: i32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    parse_stat_start(&stat)
}

/// Field 22 (starttime) of a /proc/PID/stat line, after the parenthesized command name (which
/// may itself contain spaces and parentheses); `None` for a zombie or a malformed line.
fn parse_stat_start(stat: &str) -> Option<u64> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_ascii_whitespace();
    // Fields after the name start at field 3 (state); starttime is field 22.
    let state = fields.next()?;
    if state == "Z" || state == "X" {
        return None;
    }
    fields.nth(18)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_start_time() {
        let line = "42 (a) b) (c) S 1 42 42 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 123456 1000 10";
        assert_eq!(parse_stat_start(line), Some(123456));
        assert_eq!(parse_stat_start(&line.replace(") S ", ") Z ")), None);
        for junk in [
            "",
            "42",
            "42 (x",
            "42 (x) S 1 2",
            "42 (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 x",
        ] {
            assert_eq!(parse_stat_start(junk), None, "{junk:?}");
        }
        assert!(start_time(std::process::id() as i32).is_some());
        assert_eq!(start_time(i32::MAX), None);
    }

    #[test]
    fn detached_child_runs_and_is_not_ours() {
        use std::io::Read;
        use std::os::fd::AsRawFd;
        let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).unwrap();
        let me = std::process::id();
        spawn_detached(move || {
            // Only async-signal-safe calls: the test harness has other threads.
            // Report the parent once the intermediate child is gone, and the session.
            // SAFETY: plain calls on this process and a buffer we own.
            unsafe {
                libc::usleep(50_000);
                let ids = [libc::getppid(), libc::getsid(0)];
                libc::write(w.as_raw_fd(), ids.as_ptr().cast(), std::mem::size_of_val(&ids));
                libc::_exit(0)
            }
        })
        .unwrap();
        let mut out = Vec::new();
        std::fs::File::from(r).read_to_end(&mut out).unwrap();
        let ids: Vec<i32> = out
            .chunks(4)
            .map(|c| i32::from_ne_bytes(c.try_into().unwrap()))
            .collect();
        assert_eq!(ids.len(), 2, "{out:?}");
        assert_ne!(ids[0], me as i32);
        // SAFETY: plain query of this process.
        assert_ne!(ids[1], unsafe { libc::getsid(0) });
    }
}
