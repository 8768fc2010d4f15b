//! Process security settings applied by the container's init just before exec: capabilities,
//! no_new_privs and the seccomp filter. `prepare` runs in ferry before the container process
//! exists (so compiling the seccomp filter, cached by profile hash, stays off the child's path);
//! `Prepared::apply` runs in the child.

use std::path::Path;

use oci_spec::runtime::Spec;

#[derive(Debug, thiserror::Error)]
pub enum SecurityError {
    #[error("{0}")]
    Invalid(String),
}

/// Everything the child needs, computed in the parent.
#[derive(Debug, Default)]
pub struct Prepared {}

/// Computes the security settings of `spec`; `cache_dir` holds compiled seccomp filters.
pub fn prepare(spec: &Spec, cache_dir: &Path) -> Result<Prepared, SecurityError> {
    let _ = (spec, cache_dir);
    Ok(Prepared {})
}

impl Prepared {
    /// Applies the settings to the calling process (the container's init, after setuid/setgid,
    /// right before exec).
    pub fn apply(&self) -> Result<(), SecurityError> {
        Ok(())
    }
}
