//! The container runtime: id mappings and user namespaces, the OCI spec of a container, its
//! root filesystem and init process, launching and waiting (later: cgroups, terminals).

pub mod caps;
pub mod idmap;
pub mod launch;
pub mod probe;
pub mod process;
pub mod rootfs;
pub mod seccomp;
pub mod security;
pub mod spec;
pub mod userns;
