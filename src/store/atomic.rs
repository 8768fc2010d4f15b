//! Crash-safe file writes for the store (see `sys::atomic`), failing with a
//! [`StoreError`](super::StoreError).

use std::path::Path;

use super::Result;

pub use crate::sys::atomic::unique_name;

/// Replaces `path` with `data` atomically.
pub fn write_file(path: &Path, data: &[u8], mode: u32) -> Result<()> {
    Ok(crate::sys::atomic::write_file(path, data, mode)?)
}

/// fsyncs a directory so a rename inside it is durable.
pub fn sync_dir(dir: &Path) -> Result<()> {
    Ok(crate::sys::atomic::sync_dir(dir)?)
}

/// Creates `path` and its parents with `mode` (umask applies to new directories only).
pub fn create_dir_all(path: &Path, mode: u32) -> Result<()> {
    Ok(crate::sys::atomic::create_dir_all(path, mode)?)
}

/// Removes a tree, making directories writable where their mode forbids deleting entries.
/// A missing path is not an error.
pub fn remove_tree(path: &Path) -> Result<()> {
    Ok(crate::sys::atomic::remove_tree(path)?)
}
