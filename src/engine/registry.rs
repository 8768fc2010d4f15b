//! Registry operations that store no image: `login`, `logout`, `manifest inspect`.

use std::path::{Path, PathBuf};

use crate::config::ConfigError;
use crate::config::registries::RegistriesConf;
use crate::registry::RegistryError;
use crate::registry::auth::{self, AuthFile, Credentials};
use crate::registry::client::{Client, ClientOptions};
use crate::registry::pull::{PullError, Silent, locate};

/// Why a registry operation failed; each variant names the registry, reference or file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error(transparent)]
    Pull(#[from] PullError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot tell where to store credentials: set XDG_RUNTIME_DIR or use --authfile")]
    NoLoginFile,
    #[error("cannot tell where credentials are stored: set XDG_RUNTIME_DIR or use --authfile")]
    NoCredentialsFile,
    #[error("not logged into {key}")]
    NotLoggedIn { key: String },
    #[error(
        "not logged into {key} with ferry: the credentials in {} were stored by another tool (remove them there)",
        .path.display()
    )]
    StoredByOtherTool { key: String, path: PathBuf },
    #[error("logging in to {key:?}: invalid username/password")]
    BadCredentials { key: String },
    #[error("logging in to {key:?}")]
    Login {
        key: String,
        #[source]
        source: RegistryError,
    },
    #[error("{reference}: the registry's manifest is not valid JSON")]
    ManifestJson {
        reference: String,
        #[source]
        source: serde_json::Error,
    },
}

/// The username stored for `key` (an auth.json key, see `registry::auth::auth_key`) in the
/// auth files `client` reads, if any.
pub fn stored_login(key: &str, client: &ClientOptions) -> Result<Option<String>, Error> {
    let (host, repo) = key.split_once('/').unwrap_or((key, ""));
    Ok(auth::find_credentials(&client.auth_files(), host, repo)?.map(|c| c.username))
}

/// The auth file `login` writes to.
pub fn login_file(client: &ClientOptions) -> Result<PathBuf, Error> {
    client.primary_auth_file().ok_or(Error::NoLoginFile)
}

/// Checks `creds` against the registry `key` names, then stores them under `key` in `file`
/// (mode 0600).
pub fn login(
    key: &str,
    creds: Credentials,
    client: &ClientOptions,
    registries: &RegistriesConf,
    file: &Path,
) -> Result<(), Error> {
    let (host, _) = key.split_once('/').unwrap_or((key, ""));
    let opts = ClientOptions {
        creds: Some(creds.clone()),
        ..client.clone()
    };
    let insecure = registries.find_registry(key).is_some_and(|r| r.insecure);
    let registry = Client::new(host, insecure, &opts)?;
    match registry.ping() {
        Ok(()) => {}
        Err(e) if e.status() == Some(401) => return Err(Error::BadCredentials { key: key.to_string() }),
        Err(source) => {
            return Err(Error::Login {
                key: key.to_string(),
                source,
            });
        }
    }
    let mut auth = AuthFile::load(file)?;
    auth.set(key, &creds);
    auth.save(file)?;
    Ok(())
}

/// Which credentials `logout` removes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Logout {
    All,
    /// An auth.json key (see `registry::auth::auth_key`).
    Registry(String),
}

/// Removes stored credentials from the auth file `login` writes. Credentials only found in a
/// read-only fallback file (e.g. written by docker login) are not removed: that is an error.
pub fn logout(which: &Logout, client: &ClientOptions) -> Result<(), Error> {
    let path = client.primary_auth_file().ok_or(Error::NoCredentialsFile)?;
    let mut file = AuthFile::load(&path)?;
    let key = match which {
        Logout::All => {
            if file.remove_all() {
                file.save(&path)?;
            }
            return Ok(());
        }
        Logout::Registry(key) => key,
    };
    if file.remove(key) {
        file.save(&path)?;
        return Ok(());
    }
    for other in client.auth_files().iter().filter(|p| **p != path) {
        if AuthFile::load(other).is_ok_and(|f| f.get(key).is_ok_and(|c| c.is_some())) {
            return Err(Error::StoredByOtherTool {
                key: key.clone(),
                path: other.clone(),
            });
        }
    }
    Err(Error::NotLoggedIn { key: key.clone() })
}

/// The manifest or image index `reference` names on its registry, as the registry sent it
/// (keys in its order), without pulling anything.
pub fn manifest_inspect(
    reference: &str,
    client: &ClientOptions,
    registries: &RegistriesConf,
) -> Result<serde_json::Value, Error> {
    let located = locate(reference, registries, client, &Silent)?;
    serde_json::from_slice(&located.manifest.data).map_err(|source| Error::ManifestJson {
        reference: located.reference.to_string(),
        source,
    })
}
