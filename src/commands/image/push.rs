//! `ferry push SRC [DEST]`: a local image to a registry.

use anyhow::{Context as _, Result};

use crate::cli::{CompressionFormat, ManifestFormat, PushArgs};
use crate::commands::{Context, ExitStatus, client_options, debug};
use crate::config::registries::RegistriesConf;
use crate::engine::image::{self, PushRequest};
use crate::image::manifest::Compression;
use crate::output::progress::Display;
use crate::registry::pull::PullProgress;
use crate::registry::push::{self, BlobKind, BlobOutcome, PushEvent};

/// Overrides the chunked-upload threshold and chunk size (bytes): blobs larger than this are
/// uploaded in chunks of this size. For tests and registries behind size-limiting proxies.
const CHUNK_SIZE_ENV: &str = "FERRY_PUSH_CHUNK_SIZE";

pub fn exec(ctx: &mut Context, args: PushArgs) -> Result<ExitStatus> {
    let _ = args.remove_signatures; // ferry never copies signatures
    let chunk_size = match std::env::var_os(CHUNK_SIZE_ENV) {
        Some(v) => Some(
            v.to_str()
                .and_then(|s| s.parse().ok())
                .filter(|&n: &u64| n > 0)
                .with_context(|| format!("{CHUNK_SIZE_ENV}={v:?}: expected a positive number of bytes"))?,
        ),
        None => None,
    };
    if let Some(d) = &args.destination {
        // Refuse a bad destination before anything else.
        image::parse_destination(d)?;
    }
    let request = PushRequest {
        source: args.source.clone(),
        destination: args.destination.clone(),
        client: client_options(&args.registry, ctx.engine.host.uid)?,
        compression: match args.compression_format {
            CompressionFormat::Gzip => Compression::Gzip,
            CompressionFormat::Zstd => Compression::Zstd,
        },
        format: args.format.map(|f| match f {
            ManifestFormat::Oci => push::ManifestFormat::Oci,
            ManifestFormat::V2s2 => push::ManifestFormat::DockerV2S2,
        }),
        chunk_size,
    };
    let store = ctx.store()?;
    let registries = RegistriesConf::load()?;
    let display = Display::new(args.quiet);
    let report = |e: PushEvent| match e {
        PushEvent::Started => display.message("Getting image source signatures"),
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
    let digest = image::push(store, &request, &registries, &report)?;
    if let Some(path) = &args.digestfile {
        std::fs::write(path, digest.to_string())
            .with_context(|| format!("writing the digest to {}", path.display()))?;
    }
    Ok(ExitStatus::SUCCESS)
}
