//! The Docker Engine API service (`ferry system service`): HTTP/1.1 over a UNIX socket (or TCP
//! when asked), routed to handlers that will call the engine like the CLI does. Threads are
//! allowed here and nowhere on the container start path.
//!
//! Adding an endpoint: write `fn(&Service, &mut Request) -> Result<Response, ApiError>` in a
//! module per noun (`api/containers.rs`…) and replace its `not_implemented` line in
//! [`routes::ROUTES`]. A handler reads `req.param("id")`, `req.query`, `req.version`, the body
//! with `req.json()` (size-limited) or as a stream (`req.body` implements `Read`), and answers
//! with `Response::json`, `Response::stream` (progress, logs, events: chunked, each write sent
//! at once, `client_gone()` to stop waiting for a client that left) or `Response::hijack`
//! (attach, exec: the raw connection after `101 UPGRADED`; `mux::MuxWriter` frames stdout and
//! stderr when there is no TTY).

pub mod conn;
pub mod error;
pub mod http;
pub mod listen;
pub mod mux;
pub mod router;
pub mod routes;
pub mod server;
pub mod stop;
pub mod system;
pub mod version;

#[cfg(test)]
mod tests;

pub use error::ApiError;
pub use server::{Exit, Limits, ServeOptions, Server};

/// Facts about this ferry that responses report.
#[derive(Debug, Clone)]
pub struct ServiceInfo {
    pub version: String,
    /// Go's name of the architecture (`amd64`), as Docker reports it.
    pub arch: String,
    pub kernel: String,
}

/// What handlers share. The engine joins it when handlers for containers and images arrive.
#[derive(Debug)]
pub struct Service {
    pub info: ServiceInfo,
}

/// The router over every Docker endpoint ([`routes::ROUTES`]).
pub fn router() -> router::Router {
    router::Router::new(routes::ROUTES)
}
