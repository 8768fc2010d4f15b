//! Where to fetch an image from: registries.conf mirrors first, then the (possibly rewritten) primary
//! location; blocked registries refused.

use super::RegistryError;
use crate::config::registries::RegistriesConf;
use crate::image::reference::Reference;

/// One place to try, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// `host[:port]`.
    pub registry: String,
    pub repository: String,
    /// Plain HTTP and unverified TLS allowed (registries.conf `insecure = true`).
    pub insecure: bool,
    /// A mirror (pull only; pushes go to the primary location).
    pub mirror: bool,
}

/// The endpoints for `reference`: the mirrors of the matching `[[registry]]` in order, then its
/// `location` (the matched prefix replaced by it). No matching entry: the reference itself.
pub fn endpoints(reference: &Reference, conf: &RegistriesConf) -> Result<Vec<Endpoint>, RegistryError> {
    let full = reference.to_string();
    let Some(entry) = conf.find_registry(&full) else {
        return Ok(vec![Endpoint {
            registry: reference.registry.clone(),
            repository: reference.repository.clone(),
            insecure: false,
            mirror: false,
        }]);
    };
    if entry.blocked {
        return Err(RegistryError::Blocked {
            registry: reference.registry.clone(),
        });
    }
    // A wildcard prefix matches the host; other prefixes match themselves.
    let matched = if entry.prefix.starts_with("*.") {
        reference.registry.as_str()
    } else {
        entry.prefix.as_str()
    };
    let rest = &full[matched.len()..];
    let mut out = Vec::new();
    for mirror in &entry.mirrors {
        // A mirror that cannot serve this image (a host-only mirror for a whole-repository prefix) is skipped:
        // the primary location still can.
        let Ok((registry, repository)) = rewrite(reference, &mirror.location, rest) else {
            continue;
        };
        out.push(Endpoint {
            registry,
            repository,
            insecure: mirror.insecure,
            mirror: true,
        });
    }
    let (registry, repository) = if entry.location.is_empty() {
        (reference.registry.clone(), reference.repository.clone())
    } else {
        rewrite(reference, &entry.location, rest)?
    };
    out.push(Endpoint {
        registry,
        repository,
        insecure: entry.insecure,
        mirror: false,
    });
    Ok(out)
}

/// `location` + what followed the matched prefix, split into registry and repository.
fn rewrite(reference: &Reference, location: &str, rest: &str) -> Result<(String, String), RegistryError> {
    let invalid = |reason: &str| RegistryError::Location {
        reference: reference.to_string(),
        location: location.to_string(),
        reason: reason.to_string(),
    };
    // When the prefix named a tag or digest, nothing of the repository is left: the location is the repository.
    let name = if rest.is_empty() || rest.starts_with([':', '@']) {
        location.to_string()
    } else {
        format!("{location}{rest}")
    };
    let name = crate::image::reference::name_part(&name).to_string();
    let Some((registry, repository)) = name.split_once('/') else {
        return Err(invalid("a location must name a repository for this image"));
    };
    if Reference::is_short_name(&name) {
        return Err(invalid("the location does not start with a registry host"));
    }
    let parsed = Reference::parse(&name).map_err(|e| invalid(&e.to_string()))?;
    debug_assert_eq!(parsed.registry, registry);
    Ok((parsed.registry, repository.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONF: &str = r#"
[[registry]]
prefix = "example.com/foo"
location = "internal.example.com/bar"
insecure = true

[[registry.mirror]]
location = "mirror-1.local/mirror-for-foo"

[[registry.mirror]]
location = "mirror-2.local:5000"
insecure = true

[[registry]]
location = "blocked.example.com"
blocked = true

[[registry]]
prefix = "*.wild.com"
[[registry.mirror]]
location = "wildmirror.local"

[[registry]]
location = "localhost:5000"
insecure = true

[[registry]]
prefix = "quay.io/ns/repo:v1"
location = "pinned.local/repo"
"#;

    fn eps(conf: &RegistriesConf, r: &str) -> Vec<(String, bool, bool)> {
        endpoints(&Reference::parse(r).unwrap(), conf)
            .unwrap()
            .into_iter()
            .map(|e| (format!("{}/{}", e.registry, e.repository), e.insecure, e.mirror))
            .collect()
    }

    fn own(v: &[(&str, bool, bool)]) -> Vec<(String, bool, bool)> {
        v.iter().map(|(s, a, b)| (s.to_string(), *a, *b)).collect()
    }

    #[test]
    fn mirrors_then_rewritten_location() {
        let conf = RegistriesConf::from_toml(CONF).unwrap();
        assert_eq!(
            eps(&conf, "example.com/foo/app:1"),
            own(&[
                ("mirror-1.local/mirror-for-foo/app", false, true),
                ("mirror-2.local:5000/app", true, true),
                ("internal.example.com/bar/app", true, false),
            ])
        );
        assert_eq!(
            eps(&conf, "example.com/foo"),
            own(&[
                ("mirror-1.local/mirror-for-foo", false, true),
                ("internal.example.com/bar", true, false)
            ])
        );
        assert_eq!(
            eps(&conf, "example.com/foobar:1"),
            own(&[("example.com/foobar", false, false)])
        );
        assert_eq!(
            eps(&conf, "localhost:5000/x/y"),
            own(&[("localhost:5000/x/y", true, false)])
        );
        assert_eq!(
            eps(&conf, "localhost:5001/x"),
            own(&[("localhost:5001/x", false, false)])
        );
        assert_eq!(
            eps(&conf, "a.wild.com/x/y"),
            own(&[("wildmirror.local/x/y", false, true), ("a.wild.com/x/y", false, false)])
        );
        assert_eq!(
            eps(&conf, "quay.io/ns/repo:v1"),
            own(&[("pinned.local/repo", false, false)])
        );
        assert_eq!(
            eps(&conf, "quay.io/ns/repo:v2"),
            own(&[("quay.io/ns/repo", false, false)])
        );
        assert_eq!(
            eps(&RegistriesConf::default(), "busybox"),
            own(&[("docker.io/library/busybox", false, false)])
        );
    }

    #[test]
    fn blocked_is_refused() {
        let conf = RegistriesConf::from_toml(CONF).unwrap();
        let err = endpoints(&Reference::parse("blocked.example.com/x:1").unwrap(), &conf).unwrap_err();
        assert_eq!(
            err.to_string(),
            "registry blocked.example.com is blocked in registries.conf"
        );
    }

    #[test]
    fn location_without_repository_for_a_host_prefix() {
        // A host-only location for a repository prefix would leave no repository.
        let conf =
            RegistriesConf::from_toml("[[registry]]\nprefix = \"quay.io/ns/repo\"\nlocation = \"mirror.local\"\n")
                .unwrap();
        let err = endpoints(&Reference::parse("quay.io/ns/repo:1").unwrap(), &conf).unwrap_err();
        assert!(err.to_string().contains("must name a repository"), "{err}");
    }
}
