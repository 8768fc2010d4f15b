//! The error a handler returns: an HTTP status and the message Docker clients print, sent as
//! `{"message": "..."}` as the Docker daemon does.

/// A failed request. Engine errors become these through `From` impls in the handler modules
/// (not found → 404, conflict → 409, invalid argument → 400, everything else → 500).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub status: u16,
    pub message: String,
}

impl ApiError {
    pub fn new(status: u16, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    /// 400: the request's parameters or body are wrong.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(400, message)
    }

    /// 404: no such container, image, network, volume, exec session, or path.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(404, message)
    }

    /// 409: the object is in a state that forbids the operation (in use, running, name taken).
    pub fn conflict(message: impl Into<String>) -> ApiError {
        ApiError::new(409, message)
    }

    /// 500: ferry failed.
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(500, message)
    }

    /// 501 for a Docker endpoint ferry does not serve (yet), naming it.
    pub fn not_implemented(method: &str, pattern: &str) -> ApiError {
        ApiError::new(501, format!("{method} {pattern} is not implemented by ferry"))
    }

    /// The JSON body: `{"message":"..."}` and a newline, as Go's JSON encoder writes it.
    pub fn body(&self) -> Vec<u8> {
        let mut body = serde_json::to_vec(&serde_json::json!({ "message": self.message })).unwrap_or_default();
        body.push(b'\n');
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_is_docker_shaped_json() {
        let e = ApiError::not_found("No such container: \"x\"");
        let v: serde_json::Value = serde_json::from_slice(&e.body()).unwrap();
        assert_eq!(v, serde_json::json!({"message": "No such container: \"x\""}));
        assert!(e.body().ends_with(b"}\n"));
        let n = ApiError::not_implemented("GET", "/containers/{id}/stats");
        assert_eq!(n.status, 501);
        assert_eq!(n.message, "GET /containers/{id}/stats is not implemented by ferry");
    }
}
