//! The container runtime: id mappings and user namespaces, the OCI spec of a container, its
//! root filesystem and init process, its cgroup, launching and waiting, terminals.

pub mod caps;
pub mod cgroup;
pub mod envfile;
pub mod exec;
pub mod launch;
pub mod mounts;
pub mod nsenter;
pub mod probe;
pub mod process;
pub mod procs;
pub mod rootfs;
pub mod rootview;
pub mod seccomp;
pub mod security;
pub mod spec;
pub mod stub;
pub mod tty;
pub mod userns;
pub mod userns_mode;
