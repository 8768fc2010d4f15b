//! Probes for kernel features whose availability only a try can tell, cached per kernel.

use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, fork};

use crate::store::{Store, atomic};

const CACHE_FILE: &str = "overlay-userns";

/// Whether root in a user namespace can mount overlayfs (Linux 5.11+, or distribution patches).
///
/// The trial mount is made in the store's `tmp/` (the filesystem layers live on, whose xattr
/// support matters); the answer is cached in the runroot, keyed by kernel release.
pub fn overlay_in_userns(store: &Store) -> bool {
    let release = kernel_release();
    let cache = store.runroot().join(CACHE_FILE);
    if let Some(answer) = fs::read_to_string(&cache).ok().and_then(|c| parse_cache(&c, &release)) {
        return answer;
    }
    // The content lock keeps a concurrent garbage collection away from the scratch directory.
    let answer = match store.content_lock() {
        Ok(_lock) => probe_overlay(&store.tmp_dir()),
        Err(_) => false,
    };
    // The cache only saves time; failing to write it changes nothing else.
    let _ = atomic::write_file(&cache, format!("{release}\n{answer}\n").as_bytes(), 0o644);
    answer
}

/// The running kernel's release (`uname -r`).
pub fn kernel_release() -> String {
    fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// The cached answer, if it was recorded for `release`.
fn parse_cache(content: &str, release: &str) -> Option<bool> {
    let mut lines = content.lines();
    if lines.next()? != release || release.is_empty() {
        return None;
    }
    match lines.next()? {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

fn probe_overlay(dir: &Path) -> bool {
    let scratch = dir.join(atomic::unique_name("overlay-probe-"));
    let answer = (|| {
        for sub in ["lower", "upper", "work", "merged"] {
            fs::create_dir_all(scratch.join(sub)).ok()?;
        }
        fs::write(scratch.join("lower/file"), b"").ok()?;
        let c = |s: &str| CString::new(scratch.join(s).as_os_str().as_bytes()).ok();
        let options = format!(
            "lowerdir={},upperdir={},workdir={},userxattr",
            scratch.join("lower").display(),
            scratch.join("upper").display(),
            scratch.join("work").display()
        );
        let args = ChildArgs {
            merged: c("merged")?,
            options: CString::new(options).ok()?,
            uid_map: CString::new(format!("0 {} 1", nix::unistd::geteuid())).ok()?,
            gid_map: CString::new(format!("0 {} 1", nix::unistd::getegid())).ok()?,
        };
        Some(run_child(&args))
    })()
    .unwrap_or(false);
    let _ = atomic::remove_tree(&scratch);
    answer
}

/// Everything the child needs, prepared before fork so that the child does not allocate.
struct ChildArgs {
    merged: CString,
    options: CString,
    uid_map: CString,
    gid_map: CString,
}

fn run_child(args: &ChildArgs) -> bool {
    // SAFETY: the child only makes raw system calls on memory prepared before the fork and
    // leaves with _exit, so it is sound even if the parent has other threads.
    match unsafe { fork() } {
        Ok(ForkResult::Child) => {
            let code = if child(args) { 0 } else { 1 };
            // SAFETY: leaving the forked child without running the parent's destructors.
            unsafe { libc::_exit(code) }
        }
        Ok(ForkResult::Parent { child }) => loop {
            match waitpid(child, None) {
                Err(nix::errno::Errno::EINTR) => continue,
                Ok(WaitStatus::Exited(_, 0)) => return true,
                _ => return false,
            }
        },
        Err(_) => false,
    }
}

/// In the forked child: a fresh user namespace mapping only the current ids (whether or not
/// the process already is in ferry's), then a mount namespace for the trial mount, which
/// disappears with the child.
fn child(args: &ChildArgs) -> bool {
    // SAFETY (whole function): raw system calls on NUL-terminated strings owned by `args`.
    unsafe {
        if libc::unshare(libc::CLONE_NEWUSER) != 0 {
            return false;
        }
        if !write_proc(c"/proc/self/setgroups", c"deny")
            || !write_proc(c"/proc/self/uid_map", &args.uid_map)
            || !write_proc(c"/proc/self/gid_map", &args.gid_map)
        {
            return false;
        }
        if libc::unshare(libc::CLONE_NEWNS) != 0 {
            return false;
        }
        // Keep the trial mount from propagating anywhere.
        if libc::mount(
            std::ptr::null(),
            c"/".as_ptr(),
            std::ptr::null(),
            libc::MS_REC | libc::MS_PRIVATE,
            std::ptr::null(),
        ) != 0
        {
            return false;
        }
        libc::mount(
            c"overlay".as_ptr(),
            args.merged.as_ptr(),
            c"overlay".as_ptr(),
            0,
            args.options.as_ptr().cast(),
        ) == 0
    }
}

/// Writes `data` to a /proc file with raw calls (the child must not allocate).
///
/// # Safety
/// Both arguments must be valid NUL-terminated strings.
unsafe fn write_proc(path: &std::ffi::CStr, data: &std::ffi::CStr) -> bool {
    // SAFETY: valid C strings per the contract; the descriptor is closed before returning.
    unsafe {
        let fd = libc::open(path.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
        if fd < 0 {
            return false;
        }
        let bytes = data.to_bytes();
        let n = libc::write(fd, bytes.as_ptr().cast(), bytes.len());
        libc::close(fd);
        n == bytes.len() as isize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_is_keyed_by_kernel_release() {
        assert_eq!(parse_cache("6.1.0-18-amd64\ntrue\n", "6.1.0-18-amd64"), Some(true));
        assert_eq!(parse_cache("6.1.0-18-amd64\nfalse\n", "6.1.0-18-amd64"), Some(false));
        assert_eq!(parse_cache("6.1.0-17-amd64\ntrue\n", "6.1.0-18-amd64"), None);
        for hostile in ["", "\n", "6.1\n", "6.1\nyes\n", "6.1\nTRUE", "\0\0\0"] {
            assert_eq!(parse_cache(hostile, "6.1"), None, "{hostile:?}");
        }
        assert_eq!(parse_cache("\ntrue\n", ""), None);
    }

    #[test]
    fn probe_answers_and_caches() {
        let dir = std::env::temp_dir().join(atomic::unique_name("ferry-probe-test-"));
        let store = Store::open(&dir.join("root"), &dir.join("run")).unwrap();
        let first = overlay_in_userns(&store);
        let cache = store.runroot().join(CACHE_FILE);
        let cached = fs::read_to_string(&cache).unwrap();
        assert_eq!(parse_cache(&cached, &kernel_release()), Some(first));
        assert_eq!(fs::read_dir(store.tmp_dir()).unwrap().count(), 0, "scratch left behind");
        fs::write(&cache, format!("{}\n{}\n", kernel_release(), !first)).unwrap();
        assert_eq!(overlay_in_userns(&store), !first);
        atomic::remove_tree(&dir).unwrap();
    }
}
