//! Every Docker Engine API endpoint and who serves it. An endpoint ferry does not serve yet is
//! listed as `not_implemented` (a 501 naming it, never a wrong answer); adding a handler means
//! replacing that entry with `serve(…, handler)`. Literal paths come before patterns that could
//! match them (`/images/json` before `/images/{name*}/json`).

use crate::api::router::{Route, not_implemented, serve, unsupported};
use crate::api::system;

pub static ROUTES: &[Route] = &[
    // System.
    serve("GET", "/_ping", system::ping),
    serve("HEAD", "/_ping", system::ping),
    serve("GET", "/version", system::version),
    not_implemented("GET", "/info"),
    not_implemented("GET", "/events"),
    not_implemented("GET", "/system/df"),
    not_implemented("POST", "/auth"),
    not_implemented("POST", "/session"),
    // Containers.
    not_implemented("GET", "/containers/json"),
    not_implemented("POST", "/containers/create"),
    not_implemented("POST", "/containers/prune"),
    not_implemented("GET", "/containers/{id}/json"),
    not_implemented("GET", "/containers/{id}/top"),
    not_implemented("GET", "/containers/{id}/logs"),
    not_implemented("GET", "/containers/{id}/changes"),
    not_implemented("GET", "/containers/{id}/export"),
    not_implemented("GET", "/containers/{id}/stats"),
    not_implemented("POST", "/containers/{id}/resize"),
    not_implemented("POST", "/containers/{id}/start"),
    not_implemented("POST", "/containers/{id}/stop"),
    not_implemented("POST", "/containers/{id}/restart"),
    not_implemented("POST", "/containers/{id}/kill"),
    not_implemented("POST", "/containers/{id}/update"),
    not_implemented("POST", "/containers/{id}/rename"),
    not_implemented("POST", "/containers/{id}/pause"),
    not_implemented("POST", "/containers/{id}/unpause"),
    not_implemented("POST", "/containers/{id}/attach"),
    not_implemented("GET", "/containers/{id}/attach/ws"),
    not_implemented("POST", "/containers/{id}/wait"),
    not_implemented("DELETE", "/containers/{id}"),
    not_implemented("HEAD", "/containers/{id}/archive"),
    not_implemented("GET", "/containers/{id}/archive"),
    not_implemented("PUT", "/containers/{id}/archive"),
    not_implemented("POST", "/containers/{id}/exec"),
    // Exec sessions.
    not_implemented("POST", "/exec/{id}/start"),
    not_implemented("POST", "/exec/{id}/resize"),
    not_implemented("GET", "/exec/{id}/json"),
    // Images.
    not_implemented("GET", "/images/json"),
    not_implemented("POST", "/images/create"),
    not_implemented("GET", "/images/search"),
    not_implemented("POST", "/images/prune"),
    not_implemented("GET", "/images/get"),
    not_implemented("POST", "/images/load"),
    not_implemented("GET", "/images/{name*}/json"),
    not_implemented("GET", "/images/{name*}/history"),
    not_implemented("POST", "/images/{name*}/push"),
    not_implemented("POST", "/images/{name*}/tag"),
    not_implemented("GET", "/images/{name*}/get"),
    not_implemented("DELETE", "/images/{name*}"),
    not_implemented("POST", "/commit"),
    not_implemented("POST", "/build"),
    not_implemented("POST", "/build/prune"),
    not_implemented("POST", "/build/cancel"),
    not_implemented("GET", "/distribution/{name*}/json"),
    // Networks.
    not_implemented("GET", "/networks"),
    not_implemented("POST", "/networks/create"),
    not_implemented("POST", "/networks/prune"),
    not_implemented("GET", "/networks/{id}"),
    not_implemented("DELETE", "/networks/{id}"),
    not_implemented("POST", "/networks/{id}/connect"),
    not_implemented("POST", "/networks/{id}/disconnect"),
    // Volumes.
    not_implemented("GET", "/volumes"),
    not_implemented("POST", "/volumes/create"),
    not_implemented("POST", "/volumes/prune"),
    not_implemented("GET", "/volumes/{name}"),
    not_implemented("PUT", "/volumes/{name}"),
    not_implemented("DELETE", "/volumes/{name}"),
    // What a single-host, daemonless engine does not have.
    unsupported("/swarm", "swarm mode"),
    unsupported("/swarm/{rest*}", "swarm mode"),
    unsupported("/nodes", "swarm mode"),
    unsupported("/nodes/{rest*}", "swarm mode"),
    unsupported("/services", "swarm mode"),
    unsupported("/services/{rest*}", "swarm mode"),
    unsupported("/tasks", "swarm mode"),
    unsupported("/tasks/{rest*}", "swarm mode"),
    unsupported("/secrets", "swarm mode"),
    unsupported("/secrets/{rest*}", "swarm mode"),
    unsupported("/configs", "swarm mode"),
    unsupported("/configs/{rest*}", "swarm mode"),
    unsupported("/plugins", "engine plugins"),
    unsupported("/plugins/{rest*}", "engine plugins"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::router::{Handler, Match, Router};

    fn segs(path: &str) -> Vec<String> {
        path.trim_start_matches('/').split('/').map(String::from).collect()
    }

    #[test]
    fn every_route_is_reachable() {
        let router = Router::new(ROUTES);
        for route in ROUTES {
            let path = route
                .pattern
                .replace("{name*}", "registry:5000/ns/img:tag")
                .replace("{rest*}", "a/b")
                .replace("{id}", "abc123")
                .replace("{name}", "vol");
            let method = if route.method == "*" { "POST" } else { route.method };
            match router.find(method, &segs(&path)) {
                Match::Found(found, _) => assert_eq!(
                    (found.method, found.pattern),
                    (route.method, route.pattern),
                    "{method} {path} reaches another route"
                ),
                _ => panic!("{method} {path} is not routed"),
            }
        }
    }

    #[test]
    fn served_routes() {
        let served: Vec<_> = ROUTES
            .iter()
            .filter(|r| matches!(r.handler, Handler::Serve(_)))
            .map(|r| format!("{} {}", r.method, r.pattern))
            .collect();
        assert_eq!(served, ["GET /_ping", "HEAD /_ping", "GET /version"]);
    }
}
