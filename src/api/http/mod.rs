//! The HTTP/1.1 layer: httparse reads request heads; framing, limits, chunked coding, responses
//! and connection takeover are ours (see `api::server` for why).

pub mod chunked;
pub mod request;
pub mod response;

pub use request::{Body, Head, Headers, Query, Request};
pub use response::{Hijacked, MULTIPLEXED_STREAM, RAW_STREAM, Response, ResponseBody, StreamWriter};
