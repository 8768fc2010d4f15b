//! Process security settings applied by the container's init just before exec: capabilities,
//! no_new_privs and the seccomp filter. `prepare` runs in ferry before the container process
//! exists (so compiling the seccomp filter, cached by profile hash, stays off the child's path);
//! `Prepared::apply` runs in the child.

use std::cell::Cell;
use std::path::{Path, PathBuf};

use oci_spec::runtime::{LinuxSeccomp, LinuxSeccompFilterFlag, Spec};
use sha2::{Digest as _, Sha256};

use super::caps::{self, CapSets, CapsError};
use super::seccomp::SeccompError;
use super::seccomp::bpf::{self, SockFilter};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum SecurityError {
    #[error(transparent)]
    Caps(#[from] CapsError),
    #[error(transparent)]
    Seccomp(#[from] SeccompError),
    #[error("seccomp cache {path}: {source}")]
    CacheDir { path: PathBuf, source: std::io::Error },
    #[error("seccomp cache: {0}")]
    Cache(#[from] StoreError),
    #[error("set no_new_privs: {0}")]
    NoNewPrivs(std::io::Error),
    #[error("install seccomp filter: {0}")]
    Install(std::io::Error),
}

/// Bumped whenever the compiler's output for the same profile changes, so old cache entries are ignored.
const COMPILER_VERSION: &str = "ferry-bpf-1";

const SECCOMP_SET_MODE_FILTER: libc::c_uint = 1;
const SECCOMP_FILTER_FLAG_TSYNC: libc::c_uint = 1;
const SECCOMP_FILTER_FLAG_LOG: libc::c_uint = 2;
const SECCOMP_FILTER_FLAG_SPEC_ALLOW: libc::c_uint = 4;

/// A compiled seccomp filter ready to install.
#[derive(Debug, Clone)]
pub struct Filter {
    pub program: Vec<SockFilter>,
    pub flags: libc::c_uint,
}

/// Everything the child needs, computed in the parent.
#[derive(Debug, Default)]
pub struct Prepared {
    caps: Option<CapSets>,
    no_new_privileges: bool,
    seccomp: Option<Filter>,
    /// Whether `before_setuid` ran (then the permitted set survived the user switch).
    kept_caps: Cell<bool>,
}

/// Computes the security settings of `spec`; `cache_dir` holds compiled seccomp filters.
pub fn prepare(spec: &Spec, cache_dir: &Path) -> Result<Prepared, SecurityError> {
    let process = spec.process().as_ref();
    let caps = match process.and_then(|p| p.capabilities().as_ref()) {
        Some(c) => Some(CapSets::from_spec(c)?),
        None => None,
    };
    let no_new_privileges = process.and_then(|p| p.no_new_privileges()).unwrap_or(false);
    let seccomp = match spec.linux().as_ref().and_then(|l| l.seccomp().as_ref()) {
        Some(s) => Some(Filter {
            program: compiled_program(s, cache_dir)?,
            flags: filter_flags(s),
        }),
        None => None,
    };
    Ok(Prepared {
        caps,
        no_new_privileges,
        seccomp,
        kept_caps: Cell::new(false),
    })
}

fn filter_flags(seccomp: &LinuxSeccomp) -> libc::c_uint {
    let mut flags = 0;
    for f in seccomp.flags().iter().flatten() {
        flags |= match f {
            LinuxSeccompFilterFlag::SeccompFilterFlagLog => SECCOMP_FILTER_FLAG_LOG,
            LinuxSeccompFilterFlag::SeccompFilterFlagTsync => SECCOMP_FILTER_FLAG_TSYNC,
            LinuxSeccompFilterFlag::SeccompFilterFlagSpecAllow => SECCOMP_FILTER_FLAG_SPEC_ALLOW,
            // Only meaningful with a notification listener, which ferry refuses.
            LinuxSeccompFilterFlag::SeccompFilterFlagWaitKillableRecv => 0,
        };
    }
    flags
}

/// The cache file of `seccomp` compiled for this host.
pub fn cache_path(seccomp: &LinuxSeccomp, cache_dir: &Path) -> PathBuf {
    let mut h = Sha256::new();
    h.update(COMPILER_VERSION.as_bytes());
    h.update([0]);
    h.update(std::env::consts::ARCH.as_bytes());
    h.update([0]);
    h.update(serde_json::to_vec(seccomp).unwrap_or_default());
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    cache_dir.join(format!("{hex}.bpf"))
}

/// Loads the compiled filter from the cache, or compiles it and stores it.
fn compiled_program(seccomp: &LinuxSeccomp, cache_dir: &Path) -> Result<Vec<SockFilter>, SecurityError> {
    let path = cache_path(seccomp, cache_dir);
    // A missing, unreadable or damaged entry is only a miss: it is rebuilt and replaced below.
    if let Some(program) = std::fs::read(&path).ok().and_then(|data| bpf::from_bytes(&data)) {
        return Ok(program);
    }
    let compiled = bpf::compile(seccomp)?;
    std::fs::create_dir_all(cache_dir).map_err(|source| SecurityError::CacheDir {
        path: cache_dir.into(),
        source,
    })?;
    crate::store::atomic::write_file(&path, &bpf::to_bytes(&compiled.program), 0o644)?;
    Ok(compiled.program)
}

impl Prepared {
    /// Call in the child before setgroups/setgid/setuid when the container user is not root: keeps the
    /// permitted capabilities across the switch so that `apply` can still set them (runc's order).
    pub fn before_setuid(&self) -> Result<(), SecurityError> {
        if self.caps.is_some() {
            caps::set_keep_caps(true)?;
            self.kept_caps.set(true);
        }
        Ok(())
    }

    /// Applies the settings to the calling process (the container's init, after setuid/setgid,
    /// right before exec).
    ///
    /// Order, as in runc: the bounding set is dropped while CAP_SETPCAP is at hand; without no_new_privs a
    /// filter may only be installed with CAP_SYS_ADMIN, so it goes in before the capability sets shrink;
    /// with no_new_privs it goes in last, so the fewest syscalls of ours run under it.
    pub fn apply(&self) -> Result<(), SecurityError> {
        if let Some(sets) = &self.caps {
            if self.kept_caps.get() {
                caps::set_keep_caps(false)?;
                CapSets::regain_effective()?;
            }
            sets.apply_bounding()?;
        }
        if !self.no_new_privileges {
            self.install_seccomp()?;
        }
        if let Some(sets) = &self.caps {
            sets.apply()?;
        }
        if self.no_new_privileges {
            set_no_new_privs()?;
            self.install_seccomp()?;
        }
        Ok(())
    }

    fn install_seccomp(&self) -> Result<(), SecurityError> {
        match &self.seccomp {
            Some(filter) => install_filter(&filter.program, filter.flags),
            None => Ok(()),
        }
    }
}

fn set_no_new_privs() -> Result<(), SecurityError> {
    // SAFETY: PR_SET_NO_NEW_PRIVS takes integer arguments only.
    let r = unsafe { libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) };
    if r != 0 {
        return Err(SecurityError::NoNewPrivs(std::io::Error::last_os_error()));
    }
    Ok(())
}

/// Installs `program` on the calling thread.
pub fn install_filter(program: &[SockFilter], flags: libc::c_uint) -> Result<(), SecurityError> {
    let len = u16::try_from(program.len())
        .map_err(|_| SecurityError::Install(std::io::Error::from_raw_os_error(libc::E2BIG)))?;
    let prog = libc::sock_fprog {
        len,
        filter: program.as_ptr() as *mut libc::sock_filter,
    };
    // SAFETY: SockFilter is #[repr(C)] with the layout of struct sock_filter; `prog` and the program it points
    // to outlive the call, and the kernel copies the program.
    let r = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            SECCOMP_SET_MODE_FILTER,
            flags,
            &prog as *const libc::sock_fprog,
        )
    };
    if r != 0 {
        return Err(SecurityError::Install(std::io::Error::last_os_error()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::seccomp::default::default_linux_seccomp;
    use ::caps::{CapSet, Capability as Cap};
    use oci_spec::runtime::{Capabilities, Capability, LinuxCapabilitiesBuilder};

    fn temp_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ferry-security-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn spec(seccomp: Option<LinuxSeccomp>, caps: &[Capability], nnp: bool) -> Spec {
        let mut spec = Spec::default();
        let set: Capabilities = caps.iter().copied().collect();
        let c = LinuxCapabilitiesBuilder::default()
            .bounding(set.clone())
            .effective(set.clone())
            .permitted(set.clone())
            .inheritable(set.clone())
            .ambient(set)
            .build()
            .unwrap();
        let mut process = spec.process().clone().unwrap_or_default();
        process.set_capabilities(Some(c));
        process.set_no_new_privileges(Some(nnp));
        spec.set_process(Some(process));
        let mut linux = spec.linux().clone().unwrap_or_default();
        linux.set_seccomp(seccomp);
        spec.set_linux(Some(linux));
        spec
    }

    #[test]
    fn seccomp_cache_hit_and_miss() {
        let dir = temp_dir("cache");
        let profile = default_linux_seccomp();
        let path = cache_path(&profile, &dir);
        let first = prepare(&spec(Some(profile.clone()), &[], false), &dir).unwrap();
        let stored = std::fs::read(&path).unwrap();
        assert_eq!(stored, bpf::to_bytes(&first.seccomp.as_ref().unwrap().program));
        // A hit returns the stored program: make the stored one recognisably different but valid.
        let allow_all = [SockFilter {
            code: 0x06,
            jt: 0,
            jf: 0,
            k: bpf::RET_ALLOW,
        }];
        std::fs::write(&path, bpf::to_bytes(&allow_all)).unwrap();
        let hit = prepare(&spec(Some(profile.clone()), &[], false), &dir).unwrap();
        assert_eq!(hit.seccomp.as_ref().unwrap().program, allow_all);
        // A damaged entry is a miss and is replaced.
        std::fs::write(&path, b"garbage").unwrap();
        let miss = prepare(&spec(Some(profile.clone()), &[], false), &dir).unwrap();
        assert_eq!(
            miss.seccomp.as_ref().unwrap().program,
            first.seccomp.as_ref().unwrap().program
        );
        assert_eq!(std::fs::read(&path).unwrap(), stored);
        // Another profile has another entry; no profile compiles nothing.
        let mut other = profile.clone();
        other.set_default_errno_ret(Some(38));
        assert_ne!(cache_path(&other, &dir), path);
        assert!(prepare(&spec(None, &[], false), &dir).unwrap().seccomp.is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Runs `f` in a forked child and returns its exit code.
    fn in_child(f: impl FnOnce() -> i32) -> i32 {
        // SAFETY: the child only runs `f` and leaves with _exit, never returning into the harness.
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0);
        if pid == 0 {
            let code = f();
            // SAFETY: ends the child without running the parent's exit handlers.
            unsafe { libc::_exit(code) };
        }
        let mut status = 0;
        // SAFETY: waits for the child just forked.
        assert_eq!(unsafe { libc::waitpid(pid, &mut status, 0) }, pid);
        assert!(libc::WIFEXITED(status), "child died: {status:#x}");
        libc::WEXITSTATUS(status)
    }

    fn keyctl_errno() -> i32 {
        // SAFETY: keyctl with integer arguments; the filter answers before the kernel reads anything.
        let r = unsafe { libc::syscall(libc::SYS_keyctl, 0, 0, 0) };
        if r < 0 {
            std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
        } else {
            0
        }
    }

    /// Checks, in the child after `apply`, the capability sets, no_new_privs and the filter.
    fn check_applied(want: &[Cap], nnp: bool) -> i32 {
        let want: ::caps::CapsHashSet = want.iter().copied().collect();
        for (code, set) in [
            (10, CapSet::Effective),
            (11, CapSet::Permitted),
            (12, CapSet::Bounding),
            (13, CapSet::Ambient),
        ] {
            if ::caps::read(None, set).ok() != Some(want.clone()) {
                return code;
            }
        }
        // SAFETY: integer-only prctl query.
        if unsafe { libc::prctl(libc::PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) } != nnp as i32 {
            return 14;
        }
        if keyctl_errno() != libc::EPERM {
            return 15;
        }
        0
    }

    #[test]
    fn apply_as_root_with_and_without_no_new_privs() {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            return;
        }
        let dir = temp_dir("apply");
        for nnp in [true, false] {
            let prepared = prepare(
                &spec(
                    Some(default_linux_seccomp()),
                    &[Capability::Kill, Capability::Chown],
                    nnp,
                ),
                &dir,
            )
            .unwrap();
            let code = in_child(|| match prepared.apply() {
                Ok(()) => check_applied(&[Cap::CAP_KILL, Cap::CAP_CHOWN], nnp),
                Err(_) => 1,
            });
            assert_eq!(code, 0, "nnp={nnp}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn apply_after_switching_to_a_non_root_user() {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            return;
        }
        let dir = temp_dir("setuid");
        let prepared = prepare(
            &spec(Some(default_linux_seccomp()), &[Capability::NetBindService], false),
            &dir,
        )
        .unwrap();
        let code = in_child(|| {
            if prepared.before_setuid().is_err() {
                return 1;
            }
            // SAFETY: plain id switches in the single-threaded child.
            if unsafe { libc::setgid(1000) != 0 || libc::setuid(1000) != 0 } {
                return 2;
            }
            match prepared.apply() {
                Ok(()) => check_applied(&[Cap::CAP_NET_BIND_SERVICE], false),
                Err(_) => 3,
            }
        });
        assert_eq!(code, 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
