//! Seccomp for containers: the built-in default profile, Docker/Podman JSON profiles (both resolved to an
//! OCI `LinuxSeccomp` for one capability set), and an in-tree compiler from `LinuxSeccomp` to classic BPF.

pub mod bpf;
pub mod default;
pub mod profile;
mod tables;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

pub use default::default_linux_seccomp_for;
pub use profile::load_profile_for;

#[derive(Debug, thiserror::Error)]
pub enum SeccompError {
    #[error("read seccomp profile {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("parse seccomp profile {path}: {source}")]
    Parse { path: PathBuf, source: serde_json::Error },
    #[error("seccomp profile {path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("seccomp rule for {syscall}: {message}")]
    Rule { syscall: String, message: String },
    #[error("seccomp: {message}")]
    Filter { message: String },
}
