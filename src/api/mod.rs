//! The Docker Engine API service (`ferry system service`): HTTP/1.1 over a UNIX socket (or TCP
//! when asked), routed to handlers that will call the engine like the CLI does. Threads are
//! allowed here and nowhere on the container start path.
//!
//! Adding an endpoint: write a handler in a module per noun (`api/containers.rs`…) and replace
//! its `not_implemented` line in [`routes::ROUTES`] with `serve("GET", "/containers/json", f)`.
//! A handler is `fn(&Service, &mut Request) -> Result<Response, ApiError>`, runs on the
//! connection's own thread (blocking is fine: other clients have theirs), and reads
//! `req.param("id")` (decoded; `{name*}` patterns span `/`), `req.query` (`bool`, `int`,
//! `json` for `filters`), `req.version` (the client's `/v1.xx`, for shape differences),
//! `req.headers` (`X-Registry-Auth`), and the body with `req.json()` (4 MiB limit, 413/400) or
//! as a stream (`req.body` implements `Read`: tar uploads). It answers with:
//!
//! ```text
//! Response::json(200, &list)                               // complete body
//! Response::stream(200, "application/json", move |out| {   // after the head; each write is
//!     while !out.client_gone() { … writeln!(out, …)?; }    // one chunk, sent at once
//!     Ok(())                                               // Err: the body is cut off
//! })
//! Response::hijack(MULTIPLEXED_STREAM, move |mut conn| {   // attach, exec start: 101 (or
//!     let Ok(out) = conn.writer() else { return };         // Docker's plain 200 hijack), then
//!     … read stdin from conn, MuxWriter::new(out) frames   // the raw socket both ways; the
//! })                                                       // service stays busy until it returns
//! Err(ApiError::not_found(format!("No such container: {id}")))  // {"message": …}, 404
//! ```
//!
//! Requests, streams and hijacked sessions count as activity for `--time`; an idle kept-alive
//! connection does not.

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
