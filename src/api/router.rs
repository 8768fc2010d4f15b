//! Routes: `METHOD /pattern/{param}` to a handler, after the `/v1.41` prefix is taken off.
//! `{name*}` matches one or more segments (image names contain `/`). The first matching route
//! wins, so literal paths (`/images/json`) are listed before patterns (`/images/{name*}/json`).

use crate::api::Service;
use crate::api::error::ApiError;
use crate::api::http::{Request, Response};

/// A handler: the request in, a response (complete, streamed or hijacked) or an error out.
pub type HandlerFn = fn(&Service, &mut Request<'_>) -> Result<Response, ApiError>;

#[derive(Clone, Copy)]
pub enum Handler {
    Serve(HandlerFn),
    /// A Docker endpoint ferry does not serve yet: 501 naming it.
    NotImplemented,
    /// A Docker feature ferry will not have (swarm, plugins): 501 saying so.
    Unsupported(&'static str),
}

/// One endpoint. `method` `*` matches every method.
#[derive(Clone, Copy)]
pub struct Route {
    pub method: &'static str,
    pub pattern: &'static str,
    pub handler: Handler,
}

pub const fn serve(method: &'static str, pattern: &'static str, f: HandlerFn) -> Route {
    Route {
        method,
        pattern,
        handler: Handler::Serve(f),
    }
}

pub const fn not_implemented(method: &'static str, pattern: &'static str) -> Route {
    Route {
        method,
        pattern,
        handler: Handler::NotImplemented,
    }
}

pub const fn unsupported(pattern: &'static str, what: &'static str) -> Route {
    Route {
        method: "*",
        pattern,
        handler: Handler::Unsupported(what),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(&'static str),
    Param(&'static str),
    Rest(&'static str),
}

fn compile(pattern: &'static str) -> Vec<Segment> {
    pattern
        .trim_start_matches('/')
        .split('/')
        .map(|s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => match name.strip_suffix('*') {
                Some(rest) => Segment::Rest(rest),
                None => Segment::Param(name),
            },
            None => Segment::Literal(s),
        })
        .collect()
}

/// Matches decoded path segments against a compiled pattern, returning the parameters.
fn matches(pattern: &[Segment], path: &[String]) -> Option<Vec<(&'static str, String)>> {
    let rest_at = pattern.iter().position(|s| matches!(s, Segment::Rest(_)));
    let single = |seg: &Segment, value: &String, params: &mut Vec<(&'static str, String)>| match seg {
        Segment::Literal(l) => *l == value,
        Segment::Param(name) => {
            params.push((name, value.clone()));
            !value.is_empty()
        }
        Segment::Rest(_) => false,
    };
    let mut params = Vec::new();
    match rest_at {
        None => {
            if pattern.len() != path.len() {
                return None;
            }
            pattern
                .iter()
                .zip(path)
                .all(|(s, v)| single(s, v, &mut params))
                .then_some(params)
        }
        Some(i) => {
            let suffix = pattern.len() - i - 1;
            if path.len() < pattern.len() {
                return None;
            }
            let head_ok = pattern[..i]
                .iter()
                .zip(&path[..i])
                .all(|(s, v)| single(s, v, &mut params));
            let tail_ok = pattern[i + 1..]
                .iter()
                .zip(&path[path.len() - suffix..])
                .all(|(s, v)| single(s, v, &mut params));
            let joined = path[i..path.len() - suffix].join("/");
            if !head_ok || !tail_ok || joined.is_empty() {
                return None;
            }
            let Segment::Rest(name) = pattern[i] else { return None };
            params.push((name, joined));
            Some(params)
        }
    }
}

pub enum Match<'r> {
    Found(&'r Route, Vec<(&'static str, String)>),
    /// The path exists with these other methods.
    MethodNotAllowed(Vec<&'static str>),
    NotFound,
}

pub struct Router {
    routes: Vec<(Route, Vec<Segment>)>,
}

impl Router {
    pub fn new(routes: &[Route]) -> Router {
        Router {
            routes: routes.iter().map(|r| (*r, compile(r.pattern))).collect(),
        }
    }

    /// The route for `method` and the decoded segments of the path (`/a/b` → `["a", "b"]`).
    pub fn find(&self, method: &str, path: &[String]) -> Match<'_> {
        let mut allowed = Vec::new();
        for (route, pattern) in &self.routes {
            let Some(params) = matches(pattern, path) else { continue };
            if route.method == "*" || route.method == method {
                return Match::Found(route, params);
            }
            if !allowed.contains(&route.method) {
                allowed.push(route.method);
            }
        }
        if allowed.is_empty() {
            Match::NotFound
        } else {
            Match::MethodNotAllowed(allowed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(path: &str) -> Vec<String> {
        path.trim_start_matches('/').split('/').map(String::from).collect()
    }

    fn found(router: &Router, method: &str, path: &str) -> Option<(&'static str, Vec<(&'static str, String)>)> {
        match router.find(method, &segs(path)) {
            Match::Found(r, p) => Some((r.pattern, p)),
            _ => None,
        }
    }

    #[test]
    fn literal_before_pattern_and_greedy_names() {
        let router = Router::new(&[
            not_implemented("GET", "/images/json"),
            not_implemented("GET", "/images/{name*}/json"),
            not_implemented("DELETE", "/images/{name*}"),
            not_implemented("GET", "/containers/{id}/json"),
            not_implemented("POST", "/containers/{id}/attach"),
            not_implemented("GET", "/containers/{id}/attach/ws"),
            unsupported("/swarm/{rest*}", "swarm"),
        ]);
        assert_eq!(found(&router, "GET", "/images/json").unwrap().0, "/images/json");
        let (p, params) = found(&router, "GET", "/images/registry:5000/library/busybox:1/json").unwrap();
        assert_eq!(p, "/images/{name*}/json");
        assert_eq!(params, [("name", "registry:5000/library/busybox:1".to_string())]);
        assert_eq!(
            found(&router, "GET", "/images/json/json").unwrap().1,
            [("name", "json".to_string())]
        );
        assert_eq!(
            found(&router, "DELETE", "/images/a/b").unwrap().1,
            [("name", "a/b".to_string())]
        );
        assert_eq!(
            found(&router, "GET", "/containers/abc/json").unwrap().1,
            [("id", "abc".to_string())]
        );
        assert_eq!(
            found(&router, "GET", "/containers/abc/attach/ws").unwrap().0,
            "/containers/{id}/attach/ws"
        );
        assert!(found(&router, "GET", "/containers//json").is_none(), "empty id");
        assert!(found(&router, "GET", "/images//json").is_none(), "empty name");
        assert!(
            found(&router, "GET", "/containers/abc/json/").is_none(),
            "trailing slash"
        );
        assert!(found(&router, "PUT", "/swarm/init").is_some());
        assert!(matches!(router.find("GET", &segs("/nothing")), Match::NotFound));
        match router.find("GET", &segs("/containers/abc/attach")) {
            Match::MethodNotAllowed(m) => assert_eq!(m, ["POST"]),
            _ => panic!("405 expected"),
        }
    }
}
