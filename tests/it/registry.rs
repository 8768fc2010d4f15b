//! The registry fixtures themselves, TLS (certs.d, `--cert-dir`, unknown CA), `manifest
//! inspect`, and registries that lie, break or stall: each gives a clear error and leaves the
//! store as it was.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::registry::*;
use crate::support::*;

/// skopeo (an independent client) can push to and read from every registry variant, so the
/// fixtures are sound before ferry is judged against them.
#[test]
fn fixtures_self_check() {
    let ctx = TestContext::new(Mode::Root);
    let img = FixtureImage::busybox().compression(Compression::Gzip).build();
    for registry in [
        Registry::plain(),
        Registry::tls(),
        Registry::htpasswd(),
        Registry::token(),
    ] {
        for repo in ["ns/self:1", "public/self:1"] {
            registry.push_built(&img, repo, &[]);
            let m = registry.manifest_json(repo);
            assert_eq!(
                m["config"]["digest"],
                Value::String(fixtures::digest(&img.config)),
                "{m}"
            );
        }
    }
    // The token service grants anonymous pulls of public/ only.
    let registry = Registry::token();
    registry.push_built(&img, "public/img:1", &[]);
    registry.push_built(&img, "private/img:1", &[]);
    for (repo, ok) in [("public/img:1", true), ("private/img:1", false)] {
        let src = format!("docker://{}", registry.reference(repo));
        let out = registry.skopeo(&["inspect", "--tls-verify=false", "--raw", &src]);
        assert_eq!(out.code == Some(0), ok, "{repo}: {}", out.stderr);
    }
    // The hostile registry serves a whole, valid image when told to behave, and skopeo too
    // notices its bad blob.
    for (fault, ok) in [(Fault::None, true), (Fault::BadBlob, false)] {
        let hostile = HostileRegistry::start(fault);
        let out = ctx.skopeo(&[
            "copy",
            "--src-tls-verify=false",
            &format!("docker://{}", hostile.reference()),
            &format!("oci:{}", p(&ctx.file(&format!("hostile-copy-{ok}")))),
        ]);
        assert_eq!(out.code == Some(0), ok, "{fault:?}: {}", out.stderr);
    }
}

fn push_busybox(registry: &Registry, repo: &str) -> BuiltImage {
    let img = FixtureImage::busybox().compression(Compression::Gzip).build();
    registry.push_built(&img, repo, &[]);
    img
}

both_modes!(tls_ca_in_certs_d, |ctx| {
    let registry = Registry::tls();
    let img = push_busybox(&registry, "ns/tls:1");
    let reference = registry.reference("ns/tls:1");
    let certs_d = registry.certs_d();
    ferry_env(ctx, &["pull", &reference], &[("FERRY_CERTS_D", p(&certs_d))]).success();
    assert_eq!(ctx.image_ids(), vec![img.id.clone()]);
});

both_modes!(tls_cert_dir_flag, |ctx| {
    let registry = Registry::tls();
    let img = push_busybox(&registry, "ns/tls:1");
    let reference = registry.reference("ns/tls:1");
    ctx.ferry(&["pull", "--cert-dir", p(&registry.cert_dir()), &reference])
        .success();
    assert_eq!(ctx.image_ids(), vec![img.id.clone()]);
});

both_modes!(tls_unknown_ca_is_refused, |ctx| {
    let registry = Registry::tls();
    push_busybox(&registry, "ns/tls:1");
    let reference = registry.reference("ns/tls:1");
    let empty = registry.empty_certs_d();
    let out = ferry_env(ctx, &["pull", &reference], &[("FERRY_CERTS_D", p(&empty))]).failure();
    let out = out.stderr_contains(&registry.host);
    stderr_any(&out, &["certificate"]);
    assert!(ctx.image_ids().is_empty());
    // --tls-verify=false accepts the unverified certificate.
    ferry_env(
        ctx,
        &["pull", "--tls-verify=false", &reference],
        &[("FERRY_CERTS_D", p(&empty))],
    )
    .success();
});

both_modes!(manifest_inspect_prints_manifest_and_index, |ctx| {
    let registry = Registry::plain();
    push_busybox(&registry, "ns/one:1");
    let out = ctx
        .ferry(&[
            "manifest",
            "inspect",
            "--tls-verify=false",
            &registry.reference("ns/one:1"),
        ])
        .success();
    assert_eq!(out.json(), registry.manifest_json("ns/one:1"));

    let host = FixtureImage::busybox().compression(Compression::Gzip).build();
    let other = with_arch(&host, other_arch());
    let layout = registry.scratch("-layout");
    write_index_layout(&layout, &[(&host, host_arch()), (&other, other_arch())]);
    registry.copy_in(&format!("oci:{}", p(&layout)), "ns/multi:1", &["--all"]);
    let out = ctx
        .ferry(&[
            "manifest",
            "inspect",
            "--tls-verify=false",
            &registry.reference("ns/multi:1"),
        ])
        .success();
    let index = out.json();
    assert_eq!(index, registry.manifest_json("ns/multi:1"));
    assert_eq!(index["manifests"].as_array().map(Vec::len), Some(2), "{index}");
    // Nothing was pulled.
    assert!(ctx.image_ids().is_empty());

    let out = ctx
        .ferry(&[
            "manifest",
            "inspect",
            "--tls-verify=false",
            &registry.reference("ns/nope:1"),
        ])
        .failure();
    stderr_any(&out, &["manifest unknown", "name unknown", "not found"]);
});

/// Pulls from a hostile registry and expects failure with one of `needles`, with the store
/// left as it was.
fn hostile_pull_fails(ctx: &TestContext, fault: Fault, by_digest: bool, needles: &[&str]) {
    let server = HostileRegistry::start(fault);
    let before = blob_names(ctx);
    let reference = if by_digest {
        server.digest_reference()
    } else {
        server.reference()
    };
    let started = Instant::now();
    let out = ferry_env(
        ctx,
        &["pull", "--tls-verify=false", &reference],
        &[("FERRY_REGISTRY_TIMEOUT_SECS", "2")],
    )
    .failure();
    stderr_any(&out, needles);
    assert!(
        started.elapsed() < Duration::from_secs(90),
        "the pull took {:?}",
        started.elapsed()
    );
    assert!(ctx.image_ids().is_empty(), "no image was added");
    assert!(ctx.images_json().is_empty());
    // Blobs that were fetched whole and verified (the config) may stay, so that a retry reuses
    // them; nothing unverified, and nothing of the faulty layer, is in the store.
    let layer = server.image.layers[0].digest.trim_start_matches("sha256:").to_string();
    for name in blob_names(ctx).iter().filter(|n| !before.contains(n)) {
        assert_ne!(name, &layer, "the faulty layer blob was stored");
        let data = std::fs::read(ctx.oci_dir().join("blobs/sha256").join(name)).unwrap();
        assert_eq!(
            &fixtures::sha256_hex(&data),
            name,
            "a stored blob does not match its name"
        );
    }
    let config = fixtures::sha256_hex(&server.image.config);
    assert!(
        blob_names(ctx).iter().all(|n| before.contains(n) || n == &config),
        "only the verified config may have been kept: {:?}",
        blob_names(ctx)
    );
}

both_modes!(hostile_wrong_manifest_digest, |ctx| {
    hostile_pull_fails(
        ctx,
        Fault::WrongManifestDigest,
        true,
        &["digest", "verification", "mismatch"],
    );
});

both_modes!(hostile_blob_digest_mismatch, |ctx| {
    hostile_pull_fails(ctx, Fault::BadBlob, false, &["digest", "verification", "mismatch"]);
});

both_modes!(hostile_truncated_blob, |ctx| {
    hostile_pull_fails(
        ctx,
        Fault::TruncatedBlob,
        false,
        &["truncated", "unexpected end", "eof", "incomplete", "short", "size"],
    );
});

both_modes!(hostile_stalled_blob_times_out, |ctx| {
    hostile_pull_fails(ctx, Fault::StallBlob, false, &["timed out", "timeout"]);
});

both_modes!(hostile_malformed_manifest, |ctx| {
    hostile_pull_fails(ctx, Fault::MalformedManifest, false, &["manifest"]);
});

both_modes!(hostile_redirect_loop, |ctx| {
    hostile_pull_fails(ctx, Fault::RedirectLoop, false, &["redirect"]);
});

both_modes!(hostile_schema1_refused, |ctx| {
    hostile_pull_fails(
        ctx,
        Fault::Schema1,
        false,
        &["schema1", "schema 1", "schema version 1", "v1"],
    );
});

both_modes!(retries_after_503, |ctx| {
    let server = HostileRegistry::start(Fault::Flaky503);
    ctx.ferry(&["pull", "--tls-verify=false", &server.reference()])
        .success();
    assert_eq!(ctx.image_ids(), vec![server.image.id.clone()]);
    let requests = server.requests();
    let manifest_gets = requests
        .iter()
        .filter(|r| r.starts_with("GET ") && r.contains("/manifests/"))
        .count();
    assert!(manifest_gets >= 3, "the manifest was retried: {requests:#?}");
});
