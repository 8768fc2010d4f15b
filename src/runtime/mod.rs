//! The container runtime: id mappings and user namespaces (later: spec, namespaces, rootfs,
//! capabilities, seccomp, cgroups, terminals).

pub mod idmap;
pub mod probe;
pub mod userns;
pub mod security;
