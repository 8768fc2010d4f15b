//! The container operations: typed options in, typed results (per id for multi-id operations)
//! out. Nothing here prints, prompts or exits.

pub mod attach;
pub mod commit;
pub mod create;
pub mod error;
pub mod exec;
pub mod fs;
pub mod inspect;
pub mod lifecycle;
pub mod list;
pub mod logs;
pub mod remove;
pub mod run_error;
pub mod start;

pub use error::{Error, ErrorKind};
pub use run_error::{RunError, RunResult};

use std::path::PathBuf;

use crate::engine::{Engine, UsernsNotice};
use crate::network;
use crate::network::bridge;
use crate::store::{Digest, Store, StoreError};

/// The first 12 characters of a container id, as messages show it.
fn short(id: &str) -> String {
    id.chars().take(12).collect()
}

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

/// Rootless: a container that joins another namespace must be started from the user namespace
/// that owns it (ferry's own would be a sibling without rights there). Joins it for the first of
/// `keys` whose network says so; the caller then enters no other.
pub fn join_network_owner(engine: &mut Engine, keys: &[String]) -> RunResult<()> {
    if !engine.host.rootless {
        return Ok(());
    }
    let store = engine.store()?.clone();
    for k in keys {
        let Ok(rec) = store.containers().lookup(k) else {
            continue;
        };
        let Some(cfg) = network::NetworkConfig::load(&store.containers().dir(&rec.id))? else {
            continue;
        };
        if let Some(path) = network::join::target(&store, &cfg.mode)? {
            if let Some(owner) = network::join::owner_userns(&path)? {
                engine.join_userns(owner)?;
            }
            return Ok(());
        }
    }
    Ok(())
}

/// Enters the rootless user namespace for operations that start containers. When one of them
/// uses user-defined networks (`networked`), this happens under the network lock with the
/// rootless network namespace's holder started in it: concurrent starts then all join the
/// holder's user namespace, from which alone its bridges can be wired to their containers.
/// Returns what the caller should tell the user (see [`Engine::enter_userns`]).
pub fn enter_userns_networked(engine: &mut Engine, networked: bool) -> RunResult<Vec<UsernsNotice>> {
    if !networked || !engine.host.rootless {
        return Ok(engine.enter_userns()?);
    }
    let store = engine.store()?.clone();
    let nets = store.networks();
    let _l = nets.lock()?;
    let notices = engine.enter_userns()?;
    bridge::holder::ensure(&store).map_err(RunError::NetworkHolder)?;
    Ok(notices)
}

/// Whether any of the containers `keys` names is on a user-defined network.
pub fn any_networked(store: &Store, keys: &[String]) -> bool {
    keys.iter().any(|k| {
        store
            .containers()
            .lookup(k)
            .is_ok_and(|r| store.networks().attachments(&r.id).is_ok_and(|a| !a.is_empty()))
    })
}
