//! The OCI distribution API: a synchronous client (ping, auth challenges and tokens, TLS), and
//! pull and push built on it.

pub mod auth;
pub mod client;
pub mod endpoint;
pub mod pull;
pub mod push;
pub mod tls;

/// Errors talking to a registry; each names the registry (and repository or blob) involved.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("{registry}: {message}")]
    Api { registry: String, message: String },
}
