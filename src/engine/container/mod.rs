//! The container operations: typed options in, typed results (per id for multi-id operations)
//! out. Nothing here prints, prompts or exits.

pub mod commit;
pub mod error;
pub mod fs;
pub mod inspect;
pub mod lifecycle;
pub mod list;
pub mod logs;
pub mod remove;

pub use error::{Error, ErrorKind};

use std::path::PathBuf;

use crate::store::{Digest, Store, StoreError};

/// Reads a container's runtime spec back from its `config.json`.
pub fn read_spec(store: &Store, id: &str) -> Result<oci_spec::runtime::Spec, Error> {
    let path = store.containers().config_path(id);
    let data = match std::fs::read(&path) {
        Ok(data) => data,
        Err(e) => {
            return Err(Error::ReadSpec {
                path,
                source: Box::new(e),
            });
        }
    };
    serde_json::from_slice(&data).map_err(|source| Error::ParseSpec { path, source })
}

/// The image's layer chain from the top: overlay link names and diff directories.
pub fn layer_chain(store: &Store, top: &Option<Digest>) -> Result<(Vec<String>, Vec<PathBuf>), StoreError> {
    let (mut links, mut dirs) = (Vec::new(), Vec::new());
    let mut cur = top.clone();
    while let Some(c) = cur {
        let info = store.layers().get(&c)?;
        links.push(format!("l/{}", info.link));
        dirs.push(store.layers().diff_dir(&c));
        cur = info.parent;
    }
    Ok((links, dirs))
}

/// The image's layer chain ids from the top.
pub fn chain_digests(store: &Store, top: &Option<Digest>) -> Result<Vec<Digest>, StoreError> {
    let mut out = Vec::new();
    let mut cur = top.clone();
    while let Some(c) = cur {
        cur = store.layers().get(&c)?.parent;
        out.push(c);
    }
    Ok(out)
}
