//! `/_ping` and `/version`: what a client asks first to learn what it is talking to.

use serde::Serialize;

use crate::api::Service;
use crate::api::error::ApiError;
use crate::api::http::{Request, Response};
use crate::api::version::ApiVersion;

/// `GET`/`HEAD /_ping`: `OK`, with the headers clients negotiate from (`Api-Version` and the
/// others are on every response; these are the ping's own).
pub fn ping(_service: &Service, req: &mut Request<'_>) -> Result<Response, ApiError> {
    let body = if req.method == "HEAD" {
        Vec::new()
    } else {
        b"OK".to_vec()
    };
    Ok(Response::bytes(200, "text/plain; charset=utf-8", body)
        .header("Cache-Control", "no-cache, no-store, must-revalidate")
        .header("Pragma", "no-cache")
        // The classic builder only (`POST /build`), no BuildKit session.
        .header("Builder-Version", "1")
        .header("Swarm", "inactive"))
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Platform {
    name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Component {
    name: &'static str,
    version: String,
    details: serde_json::Map<String, serde_json::Value>,
}

/// Docker's `/version` shape (field names as its swagger spells them).
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Version {
    platform: Platform,
    components: Vec<Component>,
    version: String,
    api_version: String,
    #[serde(rename = "MinAPIVersion")]
    min_api_version: String,
    git_commit: &'static str,
    go_version: &'static str,
    os: &'static str,
    arch: String,
    kernel_version: String,
}

/// `GET /version`: ferry's version as the engine's, and the API range it serves.
pub fn version(service: &Service, _req: &mut Request<'_>) -> Result<Response, ApiError> {
    let info = &service.info;
    let details = [
        ("ApiVersion", ApiVersion::MAX.to_string()),
        ("MinAPIVersion", ApiVersion::MIN.to_string()),
        ("Os", "linux".to_string()),
        ("Arch", info.arch.clone()),
        ("KernelVersion", info.kernel.clone()),
        ("Experimental", "false".to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), serde_json::Value::String(v)))
    .collect();
    let body = Version {
        platform: Platform { name: "ferry" },
        components: vec![Component {
            name: "Engine",
            version: info.version.clone(),
            details,
        }],
        version: info.version.clone(),
        api_version: ApiVersion::MAX.to_string(),
        min_api_version: ApiVersion::MIN.to_string(),
        // ferry is not Go and has no build-time commit recorded: empty rather than invented.
        git_commit: "",
        go_version: "",
        os: "linux",
        arch: info.arch.clone(),
        kernel_version: info.kernel.clone(),
    };
    Ok(Response::json(200, &body))
}
