//! ferry's default seccomp profile: the allowlist of the well-known Docker/Podman default profile, with its
//! argument rules and capability-, architecture- and kernel-conditional groups. Everything not listed fails
//! with EPERM.

#[cfg(test)]
use oci_spec::runtime::Capability;
use oci_spec::runtime::{Capabilities, LinuxSeccomp};

use super::profile::{ArchMapEntry, ArgOp, ArgRule, Condition, Environment, Profile, SyscallRule, builtin_path};

/// Allowed for every container.
#[rustfmt::skip]
pub(super) const ALLOWED: &[&str] = &[
    "accept", "accept4", "access", "adjtimex", "alarm", "bind", "brk", "cachestat", "capget", "capset", "chdir",
    "chmod", "chown", "chown32", "clock_adjtime", "clock_adjtime64", "clock_getres", "clock_getres_time64",
    "clock_gettime", "clock_gettime64", "clock_nanosleep", "clock_nanosleep_time64", "close", "close_range",
    "connect", "copy_file_range", "creat", "dup", "dup2", "dup3", "epoll_create", "epoll_create1", "epoll_ctl",
    "epoll_ctl_old", "epoll_pwait", "epoll_pwait2", "epoll_wait", "epoll_wait_old", "eventfd", "eventfd2", "execve",
    "execveat", "exit", "exit_group", "faccessat", "faccessat2", "fadvise64", "fadvise64_64", "fallocate",
    "fanotify_mark", "fchdir", "fchmod", "fchmodat", "fchmodat2", "fchown", "fchown32", "fchownat", "fcntl",
    "fcntl64", "fdatasync", "fgetxattr", "flistxattr", "flock", "fork", "fremovexattr", "fsetxattr", "fstat",
    "fstat64", "fstatat64", "fstatfs", "fstatfs64", "fsync", "ftruncate", "ftruncate64", "futex", "futex_requeue",
    "futex_time64", "futex_wait", "futex_waitv", "futex_wake", "futimesat", "getcpu", "getcwd", "getdents",
    "getdents64", "getegid", "getegid32", "geteuid", "geteuid32", "getgid", "getgid32", "getgroups", "getgroups32",
    "getitimer", "getpeername", "getpgid", "getpgrp", "getpid", "getppid", "getpriority", "getrandom", "getresgid",
    "getresgid32", "getresuid", "getresuid32", "getrlimit", "get_robust_list", "getrusage", "getsid", "getsockname",
    "getsockopt", "get_thread_area", "gettid", "gettimeofday", "getuid", "getuid32", "getxattr", "inotify_add_watch",
    "inotify_init", "inotify_init1", "inotify_rm_watch", "io_cancel", "ioctl", "io_destroy", "io_getevents",
    "io_pgetevents", "io_pgetevents_time64", "ioprio_get", "ioprio_set", "io_setup", "io_submit", "ipc", "kill",
    "landlock_add_rule", "landlock_create_ruleset", "landlock_restrict_self", "lchown", "lchown32", "lgetxattr",
    "link", "linkat", "listen", "listxattr", "llistxattr", "_llseek", "lremovexattr", "lseek", "lsetxattr", "lstat",
    "lstat64", "madvise", "map_shadow_stack", "membarrier", "memfd_create", "memfd_secret", "mincore", "mkdir",
    "mkdirat", "mknod", "mknodat", "mlock", "mlock2", "mlockall", "mmap", "mmap2", "mprotect", "mq_getsetattr",
    "mq_notify", "mq_open", "mq_timedreceive", "mq_timedreceive_time64", "mq_timedsend", "mq_timedsend_time64",
    "mq_unlink", "mremap", "msgctl", "msgget", "msgrcv", "msgsnd", "msync", "munlock", "munlockall", "munmap",
    "name_to_handle_at", "nanosleep", "newfstatat", "_newselect", "open", "openat", "openat2", "pause", "pidfd_open",
    "pidfd_send_signal", "pipe", "pipe2", "pkey_alloc", "pkey_free", "pkey_mprotect", "poll", "ppoll", "ppoll_time64",
    "prctl", "pread64", "preadv", "preadv2", "prlimit64", "process_mrelease", "pselect6", "pselect6_time64",
    "pwrite64", "pwritev", "pwritev2", "read", "readahead", "readlink", "readlinkat", "readv", "recv", "recvfrom",
    "recvmmsg", "recvmmsg_time64", "recvmsg", "remap_file_pages", "removexattr", "rename", "renameat", "renameat2",
    "restart_syscall", "rmdir", "rseq", "rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigqueueinfo", "rt_sigreturn",
    "rt_sigsuspend", "rt_sigtimedwait", "rt_sigtimedwait_time64", "rt_tgsigqueueinfo", "sched_getaffinity",
    "sched_getattr", "sched_getparam", "sched_get_priority_max", "sched_get_priority_min", "sched_getscheduler",
    "sched_rr_get_interval", "sched_rr_get_interval_time64", "sched_setaffinity", "sched_setattr", "sched_setparam",
    "sched_setscheduler", "sched_yield", "seccomp", "select", "semctl", "semget", "semop", "semtimedop",
    "semtimedop_time64", "send", "sendfile", "sendfile64", "sendmmsg", "sendmsg", "sendto", "setfsgid", "setfsgid32",
    "setfsuid", "setfsuid32", "setgid", "setgid32", "setgroups", "setgroups32", "setitimer", "setpgid", "setpriority",
    "setregid", "setregid32", "setresgid", "setresgid32", "setresuid", "setresuid32", "setreuid", "setreuid32",
    "setrlimit", "set_robust_list", "setsid", "setsockopt", "set_thread_area", "set_tid_address", "setuid",
    "setuid32", "setxattr", "shmat", "shmctl", "shmdt", "shmget", "shutdown", "sigaltstack", "signalfd", "signalfd4",
    "sigprocmask", "sigreturn", "socketcall", "socketpair", "splice", "stat", "stat64", "statfs", "statfs64", "statx",
    "symlink", "symlinkat", "sync", "sync_file_range", "syncfs", "sysinfo", "tee", "tgkill", "time", "timer_create",
    "timer_delete", "timer_getoverrun", "timer_gettime", "timer_gettime64", "timer_settime", "timer_settime64",
    "timerfd_create", "timerfd_gettime", "timerfd_gettime64", "timerfd_settime", "timerfd_settime64", "times",
    "tkill", "truncate", "truncate64", "ugetrlimit", "umask", "uname", "unlink", "unlinkat", "utime", "utimensat",
    "utimensat_time64", "utimes", "vfork", "vmsplice", "wait4", "waitid", "waitpid", "write", "writev",
];

/// Groups unlocked by one capability each (Docker's `includes.caps`).
const BY_CAPABILITY: &[(&str, &[&str])] = &[
    (
        "CAP_SYS_ADMIN",
        &[
            "bpf",
            "clone",
            "clone3",
            "fanotify_init",
            "fsconfig",
            "fsmount",
            "fsopen",
            "fspick",
            "lookup_dcookie",
            "mount",
            "mount_setattr",
            "move_mount",
            "open_tree",
            "perf_event_open",
            "quotactl",
            "quotactl_fd",
            "setdomainname",
            "sethostname",
            "setns",
            "syslog",
            "umount",
            "umount2",
            "unshare",
        ],
    ),
    ("CAP_SYS_BOOT", &["reboot"]),
    ("CAP_SYS_CHROOT", &["chroot"]),
    ("CAP_SYS_MODULE", &["delete_module", "init_module", "finit_module"]),
    ("CAP_SYS_PACCT", &["acct"]),
    (
        "CAP_SYS_PTRACE",
        &[
            "kcmp",
            "pidfd_getfd",
            "process_madvise",
            "process_vm_readv",
            "process_vm_writev",
            "ptrace",
        ],
    ),
    ("CAP_SYS_RAWIO", &["iopl", "ioperm"]),
    (
        "CAP_SYS_TIME",
        &["settimeofday", "stime", "clock_settime", "clock_settime64"],
    ),
    ("CAP_SYS_TTY_CONFIG", &["vhangup"]),
    (
        "CAP_SYS_NICE",
        &["get_mempolicy", "mbind", "set_mempolicy", "set_mempolicy_home_node"],
    ),
    ("CAP_SYSLOG", &["syslog"]),
    ("CAP_BPF", &["bpf"]),
    ("CAP_PERFMON", &["perf_event_open"]),
    ("CAP_DAC_READ_SEARCH", &["open_by_handle_at"]),
];

/// Groups allowed on some architectures only (Docker's `includes.arches`, Go names).
const BY_ARCH: &[(&[&str], &[&str])] = &[
    (&["amd64", "x32"], &["arch_prctl"]),
    (&["amd64", "x32", "x86"], &["modify_ldt"]),
    (
        &["arm", "arm64"],
        &[
            "arm_fadvise64_64",
            "arm_sync_file_range",
            "sync_file_range2",
            "breakpoint",
            "cacheflush",
            "set_tls",
        ],
    ),
];

/// `personality` values Docker allows: PER_LINUX, PER_LINUX32, UNAME26, UNAME26|PER_LINUX32, and the query.
const PERSONALITIES: &[u64] = &[0x0, 0x8, 0x20000, 0x20008, 0xffff_ffff];

/// CLONE_NEWNS|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET|NEWCGROUP: creating namespaces needs CAP_SYS_ADMIN.
const CLONE_NAMESPACE_FLAGS: u64 = 0x7E02_0000;

/// AF_VSOCK: a route to the host's hypervisor services that containers must not reach.
const AF_VSOCK: u64 = 40;

const EPERM: u32 = 1;
const ENOSYS: u32 = 38;

fn rule(names: &[&str], action: &str) -> SyscallRule {
    SyscallRule {
        names: names.iter().map(|s| s.to_string()).collect(),
        action: action.to_string(),
        ..Default::default()
    }
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// The default profile in Docker/Podman JSON form (what `--security-opt seccomp=` files look like).
pub fn default_profile() -> Profile {
    let mut syscalls = vec![rule(ALLOWED, "SCMP_ACT_ALLOW")];
    for &value in PERSONALITIES {
        syscalls.push(SyscallRule {
            args: vec![ArgRule {
                index: 0,
                value,
                value_two: 0,
                op: ArgOp::Eq,
            }],
            ..rule(&["personality"], "SCMP_ACT_ALLOW")
        });
    }
    syscalls.push(SyscallRule {
        args: vec![ArgRule {
            index: 0,
            value: AF_VSOCK,
            value_two: 0,
            op: ArgOp::Ne,
        }],
        ..rule(&["socket"], "SCMP_ACT_ALLOW")
    });
    // Kernels since 4.8 check ptrace against seccomp again after the tracer's changes, so it is safe.
    syscalls.push(SyscallRule {
        includes: Condition {
            min_kernel: Some("4.8".into()),
            ..Default::default()
        },
        ..rule(&["process_vm_readv", "process_vm_writev", "ptrace"], "SCMP_ACT_ALLOW")
    });
    for (arches, names) in BY_ARCH {
        syscalls.push(SyscallRule {
            includes: Condition {
                arches: strings(arches),
                ..Default::default()
            },
            ..rule(names, "SCMP_ACT_ALLOW")
        });
    }
    for (cap, names) in BY_CAPABILITY {
        syscalls.push(SyscallRule {
            includes: Condition {
                caps: vec![cap.to_string()],
                ..Default::default()
            },
            ..rule(names, "SCMP_ACT_ALLOW")
        });
    }
    let no_admin = Condition {
        caps: vec!["CAP_SYS_ADMIN".into()],
        ..Default::default()
    };
    syscalls.push(SyscallRule {
        args: vec![ArgRule {
            index: 0,
            value: CLONE_NAMESPACE_FLAGS,
            value_two: 0,
            op: ArgOp::MaskedEq,
        }],
        excludes: Condition {
            arches: strings(&["s390", "s390x"]),
            ..no_admin.clone()
        },
        ..rule(&["clone"], "SCMP_ACT_ALLOW")
    });
    // clone3 passes its flags in memory, out of the filter's reach: ENOSYS makes libcs fall back to clone.
    syscalls.push(SyscallRule {
        errno_ret: Some(ENOSYS),
        excludes: no_admin,
        ..rule(&["clone3"], "SCMP_ACT_ERRNO")
    });

    Profile {
        default_action: "SCMP_ACT_ERRNO".into(),
        default_errno_ret: Some(EPERM),
        arch_map: vec![
            ArchMapEntry {
                architecture: "SCMP_ARCH_X86_64".into(),
                sub_architectures: strings(&["SCMP_ARCH_X86", "SCMP_ARCH_X32"]),
            },
            ArchMapEntry {
                architecture: "SCMP_ARCH_AARCH64".into(),
                sub_architectures: strings(&["SCMP_ARCH_ARM"]),
            },
        ],
        syscalls,
        ..Default::default()
    }
}

/// Podman's default capability set, as the spec builder uses it.
#[cfg(test)]
pub fn podman_default_caps() -> Capabilities {
    crate::runtime::spec::DEFAULT_CAPS.iter().copied().collect()
}

/// The default profile for a container with Podman's default capabilities.
#[cfg(test)]
pub fn default_linux_seccomp() -> LinuxSeccomp {
    default_linux_seccomp_for(&podman_default_caps())
}

/// The default profile for a container whose bounding set is `caps` (so `--cap-add SYS_ADMIN` allows mount).
pub fn default_linux_seccomp_for(caps: &Capabilities) -> LinuxSeccomp {
    let path = builtin_path();
    default_profile()
        .resolve(&path, &Environment::host(caps))
        .expect("the built-in profile is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed_names(s: &LinuxSeccomp) -> Vec<String> {
        s.syscalls()
            .as_ref()
            .unwrap()
            .iter()
            .filter(|r| r.args().is_none() && r.action() == oci_spec::runtime::LinuxSeccompAction::ScmpActAllow)
            .flat_map(|r| r.names().clone())
            .collect()
    }

    #[test]
    fn default_denies_keyring_and_namespaces() {
        let names = allowed_names(&default_linux_seccomp());
        for denied in [
            "keyctl",
            "add_key",
            "request_key",
            "unshare",
            "mount",
            "setns",
            "reboot",
            "clone",
        ] {
            assert!(!names.iter().any(|n| n == denied), "{denied} allowed by default");
        }
        assert!(
            names.iter().any(|n| n == "chroot"),
            "CAP_SYS_CHROOT is a default capability"
        );
        assert!(names.iter().any(|n| n == "getpid"));
    }

    #[test]
    fn capabilities_unlock_groups() {
        let mut caps = podman_default_caps();
        caps.insert(Capability::SysAdmin);
        caps.insert(Capability::SysTime);
        let s = default_linux_seccomp_for(&caps);
        let names = allowed_names(&s);
        for allowed in ["mount", "unshare", "setns", "clone", "clone3", "settimeofday"] {
            assert!(
                names.iter().any(|n| n == allowed),
                "{allowed} not allowed with CAP_SYS_ADMIN"
            );
        }
        // Neither the namespace-flag rule for clone nor clone3's ENOSYS remain.
        assert!(
            s.syscalls()
                .as_ref()
                .unwrap()
                .iter()
                .all(|r| r.args().is_none() || r.names()[0] != "clone")
        );
        assert!(
            s.syscalls()
                .as_ref()
                .unwrap()
                .iter()
                .all(|r| r.errno_ret() != Some(ENOSYS))
        );
    }

    #[test]
    fn profile_round_trips_through_json() {
        let p = default_profile();
        let json = serde_json::to_vec(&p).unwrap();
        let back = super::super::profile::parse_profile(std::path::Path::new("x"), &json).unwrap();
        assert_eq!(p, back);
    }
}
