//! `ferry push SRC [DEST]`: a local image to a registry.

use anyhow::{Context as _, Result, bail};

use crate::cli::{CompressionFormat, ManifestFormat, PushArgs};
use crate::commands::{Context, ExitStatus, debug};
use crate::config::registries::RegistriesConf;
use crate::image::lookup;
use crate::image::manifest::Compression;
use crate::image::reference::{Reference, matches_short};
use crate::registry::client::Client;
use crate::registry::endpoint::{Endpoint, endpoints};
use crate::registry::pull::PullProgress;
use crate::registry::push::{self, BlobKind, BlobOutcome, Destination, PushEvent, PushOptions};
use crate::store::images::ImageRecord;
use crate::{commands::client_options, output::progress::Display};

/// Overrides the chunked-upload threshold and chunk size (bytes): blobs larger than this are
/// uploaded in chunks of this size. For tests and registries behind size-limiting proxies.
const CHUNK_SIZE_ENV: &str = "FERRY_PUSH_CHUNK_SIZE";

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

pub fn exec(ctx: &mut Context, args: PushArgs) -> Result<ExitStatus> {
    let _ = args.remove_signatures; // ferry never copies signatures
    let dest = args.destination.as_deref().map(parse_destination).transpose()?;
    let store = ctx.store()?.clone();
    // Keeps rmi and prune from deleting blobs while they are being pushed.
    let _lock = store.content_lock()?;
    let records = store.images().list()?;
    let record = lookup::find_in(&records, &args.source)?;
    let dest = match dest {
        Some(d) => d,
        None => own_name(record, &args.source).with_context(|| {
            format!(
                "{}: no destination given and the image was not selected by one of its names",
                args.source
            )
        })?,
    };
    let conf = RegistriesConf::load()?;
    let endpoint = primary_endpoint(&dest, &conf)?;
    let client = Client::new(
        &endpoint.registry,
        endpoint.insecure,
        &client_options(&args.registry, ctx.engine.host.uid)?,
    )?;
    let mut opts = PushOptions {
        compression: match args.compression_format {
            CompressionFormat::Gzip => Compression::Gzip,
            CompressionFormat::Zstd => Compression::Zstd,
        },
        format: args.format.map(|f| match f {
            ManifestFormat::Oci => push::ManifestFormat::Oci,
            ManifestFormat::V2s2 => push::ManifestFormat::DockerV2S2,
        }),
        mount_from: mount_sources(record, &endpoint, &conf),
        ..PushOptions::default()
    };
    if let Some(v) = std::env::var_os(CHUNK_SIZE_ENV) {
        let n: u64 = v
            .to_str()
            .and_then(|s| s.parse().ok())
            .filter(|&n| n > 0)
            .with_context(|| format!("{CHUNK_SIZE_ENV}={v:?}: expected a positive number of bytes"))?;
        opts.chunk_size = n;
        opts.chunk_threshold = n;
    }
    let target = Destination {
        repository: endpoint.repository.clone(),
        tag: dest.tag.clone(),
        digest: dest.digest.clone(),
    };
    let display = Display::new(args.quiet);
    display.message("Getting image source signatures");
    let report = |e: PushEvent| match e {
        PushEvent::BlobStarted {
            kind: BlobKind::Layer,
            digest,
            size,
        } => display.layer_started(digest, size),
        PushEvent::BlobStarted { .. } => {}
        PushEvent::BlobProgress { digest, bytes } => display.layer_progress(digest, bytes),
        PushEvent::BlobDone { kind, digest, outcome } => {
            if let BlobOutcome::Mounted { from } = &outcome {
                debug(&format!("blob {digest} mounted from {from}"));
            }
            let skipped = outcome != BlobOutcome::Uploaded;
            match kind {
                BlobKind::Layer => display.layer_done(digest, skipped),
                BlobKind::Config if skipped => {
                    display.message(&format!("Copying config {} skipped: already exists", digest.short()))
                }
                BlobKind::Config => display.message(&format!("Copying config {} done", digest.short())),
            }
        }
        PushEvent::WritingManifest => display.message("Writing manifest to image destination"),
    };
    let digest = push::push(&store, record, &client, &target, &opts, &report)
        .with_context(|| format!("pushing {} to {dest}", args.source))?;
    if let Some(path) = &args.digestfile {
        std::fs::write(path, digest.to_string())
            .with_context(|| format!("writing the digest to {}", path.display()))?;
    }
    Ok(ExitStatus::SUCCESS)
}

/// A destination reference: `[docker://]registry/repo[:tag][@digest]`.
fn parse_destination(input: &str) -> Result<Reference> {
    let s = input.strip_prefix("docker://").unwrap_or(input);
    if let Some((transport, rest)) = s.split_once(':')
        && OTHER_TRANSPORTS.contains(&transport)
        && !is_port_then_path(rest)
    {
        bail!("{input}: unsupported transport {transport:?}: push writes only to registries (docker://)");
    }
    Reference::parse(s).with_context(|| format!("invalid destination {input:?}"))
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
fn primary_endpoint(dest: &Reference, conf: &RegistriesConf) -> Result<Endpoint> {
    let all = endpoints(dest, conf)?;
    all.into_iter()
        .find(|e| !e.mirror)
        .with_context(|| format!("{dest}: registries.conf gives no registry to push to"))
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
