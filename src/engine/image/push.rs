//! `push`: a local image to a registry.

use super::Error;
use crate::config::registries::RegistriesConf;
use crate::image::lookup;
use crate::image::manifest::Compression;
use crate::image::reference::{Reference, matches_short};
use crate::registry::client::{Client, ClientOptions};
use crate::registry::endpoint::{Endpoint, endpoints};
use crate::registry::push::{self, Destination, ManifestFormat, PushEvent, PushOptions};
use crate::store::images::ImageRecord;
use crate::store::{Digest, Store};

/// containers-transports(5) names other than `docker`, which `push` does not write to.
const OTHER_TRANSPORTS: &[&str] = &[
    "containers-storage",
    "dir",
    "docker-archive",
    "docker-daemon",
    "oci",
    "oci-archive",
    "ostree",
    "sif",
];

/// What to push where, and how.
#[derive(Debug, Clone)]
pub struct PushRequest {
    /// The local image: a name, id or short id.
    pub source: String,
    /// `[docker://]registry/repo[:tag][@digest]`; None pushes to the name `source` selected.
    pub destination: Option<String>,
    pub client: ClientOptions,
    pub compression: Compression,
    /// None keeps the stored manifest's format.
    pub format: Option<ManifestFormat>,
    /// Blobs larger than this are uploaded in chunks of this size (None: the default).
    pub chunk_size: Option<u64>,
}

/// Pushes an image to a registry and returns the pushed manifest's digest; `events` (called
/// from several threads) reports progress.
pub fn push(
    store: &Store,
    request: &PushRequest,
    registries: &RegistriesConf,
    events: &(dyn Fn(PushEvent) + Sync),
) -> Result<Digest, Error> {
    let dest = request.destination.as_deref().map(parse_destination).transpose()?;
    // Keeps rmi and prune from deleting blobs while they are being pushed.
    let _lock = store.content_lock()?;
    let records = store.images().list()?;
    let record = lookup::find_in(&records, &request.source)?;
    let dest = match dest {
        Some(d) => d,
        None => own_name(record, &request.source).ok_or_else(|| Error::NoDestination {
            source_name: request.source.clone(),
        })?,
    };
    let endpoint = primary_endpoint(&dest, registries)?;
    let client = Client::new(&endpoint.registry, endpoint.insecure, &request.client)?;
    let mut opts = PushOptions {
        compression: request.compression,
        format: request.format,
        mount_from: mount_sources(record, &endpoint, registries),
        ..PushOptions::default()
    };
    if let Some(n) = request.chunk_size {
        opts.chunk_size = n;
        opts.chunk_threshold = n;
    }
    let target = Destination {
        repository: endpoint.repository.clone(),
        tag: dest.tag.clone(),
        digest: dest.digest.clone(),
    };
    push::push(store, record, &client, &target, &opts, events).map_err(|source| Error::Push {
        source_name: request.source.clone(),
        destination: dest.to_string(),
        source: Box::new(source),
    })
}

/// A destination reference: `[docker://]registry/repo[:tag][@digest]`.
pub fn parse_destination(input: &str) -> Result<Reference, Error> {
    let s = input.strip_prefix("docker://").unwrap_or(input);
    if let Some((transport, rest)) = s.split_once(':')
        && OTHER_TRANSPORTS.contains(&transport)
        && !is_port_then_path(rest)
    {
        return Err(Error::UnsupportedTransport {
            input: input.to_string(),
            transport: transport.to_string(),
        });
    }
    Reference::parse(s).map_err(|source| Error::InvalidDestination {
        input: input.to_string(),
        source,
    })
}

/// `5000/repo`: what follows `host:` in a reference, as opposed to a transport's argument.
fn is_port_then_path(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && s[digits..].starts_with('/')
}

/// The name the image was selected by, as `push SRC` without DEST pushes to it.
fn own_name(record: &ImageRecord, input: &str) -> Option<Reference> {
    let matches = |n: &&String| {
        Reference::parse(n).is_ok_and(|r| {
            [Reference::parse_local(input), Reference::parse(input)]
                .into_iter()
                .flatten()
                .any(|typed| typed.to_string() == **n)
                || matches_short(&r, input)
        })
    };
    let name = record.names.iter().find(matches)?;
    Reference::parse(name).ok()
}

/// The registry and repository a reference is pushed to: registries.conf rewrites apply,
/// mirrors are only for pulling.
fn primary_endpoint(dest: &Reference, conf: &RegistriesConf) -> Result<Endpoint, Error> {
    let all = endpoints(dest, conf)?;
    all.into_iter()
        .find(|e| !e.mirror)
        .ok_or_else(|| Error::NoPushRegistry {
            destination: dest.to_string(),
        })
}

/// Repositories on the destination registry holding other names of the image, to mount blobs from.
fn mount_sources(record: &ImageRecord, dest: &Endpoint, conf: &RegistriesConf) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in &record.names {
        let Ok(r) = Reference::parse(name) else { continue };
        let Ok(e) = primary_endpoint(&r, conf) else { continue };
        if e.registry == dest.registry && e.repository != dest.repository && !out.contains(&e.repository) {
            out.push(e.repository);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations() {
        let r = parse_destination("docker://127.0.0.1:5000/a/b:v1").unwrap();
        assert_eq!((r.registry.as_str(), r.repository.as_str()), ("127.0.0.1:5000", "a/b"));
        assert_eq!(r.tag.as_deref(), Some("v1"));
        let r = parse_destination("quay.io/x/y").unwrap();
        assert_eq!(r.tag.as_deref(), Some("latest"));
        // A host called like a transport, with a port, is a registry.
        let r = parse_destination("oci:5000/x").unwrap();
        assert_eq!(r.registry, "oci:5000");
        for bad in [
            "oci:/tmp/layout",
            "dir:/tmp/x",
            "docker-archive:/tmp/a.tar",
            "containers-storage:busybox",
            "docker://",
            "docker://UPPER/x",
            "",
        ] {
            assert!(parse_destination(bad).is_err(), "{bad}");
        }
        let err = parse_destination("oci-archive:/tmp/a.tar").unwrap_err().to_string();
        assert!(err.contains("unsupported transport"), "{err}");
    }

    #[test]
    fn own_name_is_the_name_typed() {
        let record = ImageRecord {
            id: crate::store::Digest::of_bytes(b"x"),
            manifest: crate::store::images::Descriptor::new("x", crate::store::Digest::of_bytes(b"m"), 1),
            names: vec!["localhost/app:latest".to_string(), "127.0.0.1:5000/app:v2".to_string()],
        };
        assert_eq!(
            own_name(&record, "127.0.0.1:5000/app:v2").unwrap().to_string(),
            "127.0.0.1:5000/app:v2"
        );
        assert_eq!(own_name(&record, "app").unwrap().to_string(), "localhost/app:latest");
        assert_eq!(
            own_name(&record, "app:v2").unwrap().to_string(),
            "127.0.0.1:5000/app:v2"
        );
        assert!(own_name(&record, "1234abcd").is_none());
    }
}
