//! `push` to a real registry, checked by skopeo: what ferry pushes can be inspected and copied
//! back; a pulled image pushes back byte-identical; `--digestfile`, `--format`,
//! `--compression-format`.

use serde_json::Value;

use crate::support::registry::*;
use crate::support::*;

/// Copies `name` from the registry into an oci-archive under files/ with skopeo and loads it
/// into ferry; returns the image id (the pushed config's digest).
fn copy_back_and_load(ctx: &TestContext, registry: &Registry, name: &str, file: &str) -> String {
    let archive = ctx.file(file);
    let out = registry.skopeo(&[
        "copy",
        "--src-tls-verify=false",
        &format!("docker://{}", registry.reference(name)),
        &format!("oci-archive:{}", p(&archive)),
    ]);
    assert_eq!(out.code, Some(0), "{}: {}", out.cmdline, out.stderr);
    std::fs::set_permissions(&archive, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    ctx.ferry(&["load", "-i", p(&archive)]).success();
    let id = registry.manifest_json(name)["config"]["digest"]
        .as_str()
        .unwrap()
        .trim_start_matches("sha256:")
        .to_string();
    assert!(ctx.image_ids().contains(&id), "{id} loaded");
    id
}

fn layer_types(m: &Value) -> Vec<String> {
    m["layers"]
        .as_array()
        .unwrap_or_else(|| panic!("no layers in {m}"))
        .iter()
        .map(|l| l["mediaType"].as_str().unwrap().to_string())
        .collect()
}

both_modes!(pushed_image_is_readable_by_skopeo, |ctx| {
    let registry = Registry::plain();
    let img = ctx.load(&FixtureImage::multilayer(), &["multi:v1"]);
    let dest = registry.reference("ns/pushed:1");
    ctx.ferry(&["push", "--tls-verify=false", "multi:v1", &dest]).success();
    let out = registry.inspect("ns/pushed:1", false);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let m = registry.manifest_json("ns/pushed:1");
    assert_eq!(
        m["config"]["digest"].as_str(),
        Some(format!("sha256:{}", img.id).as_str()),
        "{m}"
    );
    // Uncompressed layers are gzip-compressed by default.
    for t in layer_types(&m) {
        assert!(t.ends_with("gzip"), "{m}");
    }
    let back = copy_back_and_load(ctx, &registry, "ns/pushed:1", "back.tar");
    assert_eq!(back, img.id);
});

both_modes!(pulled_image_pushes_back_identical, |ctx| {
    let registry = Registry::plain();
    let img = FixtureImage::multilayer().compression(Compression::Gzip).build();
    registry.push_built(&img, "ns/src:1", &["--format", "v2s2"]);
    let src = registry.reference("ns/src:1");
    ctx.ferry(&["pull", "--tls-verify=false", &src]).success();
    let original = registry.manifest_digest("ns/src:1");

    let digestfile = ctx.file("digest");
    ctx.ferry(&[
        "push",
        "--tls-verify=false",
        "--digestfile",
        p(&digestfile),
        &src,
        &registry.reference("ns/dst:1"),
    ])
    .success();
    assert_eq!(registry.manifest_digest("ns/dst:1"), original);
    assert_eq!(std::fs::read_to_string(&digestfile).unwrap().trim(), original);
    // A second repository on the same registry: blobs can be mounted; the result is the same.
    ctx.ferry(&["push", "--tls-verify=false", &src, &registry.reference("other/third:1")])
        .success();
    assert_eq!(registry.manifest_digest("other/third:1"), original);
    // Pushing to its own name works too (everything is already there).
    ctx.ferry(&["push", "--tls-verify=false", &src]).success();
    assert_eq!(registry.manifest_digest("ns/src:1"), original);
});

both_modes!(format_v2s2_and_oci, |ctx| {
    let registry = Registry::plain();
    let img = ctx.load(&FixtureImage::busybox(), &["busybox:latest"]);
    ctx.ferry(&[
        "push",
        "--tls-verify=false",
        "--format",
        "v2s2",
        "busybox",
        &registry.reference("ns/v2s2:1"),
    ])
    .success();
    let m = registry.manifest_json("ns/v2s2:1");
    assert_eq!(
        m["mediaType"].as_str(),
        Some("application/vnd.docker.distribution.manifest.v2+json"),
        "{m}"
    );
    assert_eq!(
        m["config"]["mediaType"].as_str(),
        Some("application/vnd.docker.container.image.v1+json")
    );
    for t in layer_types(&m) {
        assert_eq!(t, "application/vnd.docker.image.rootfs.diff.tar.gzip");
    }
    assert_eq!(copy_back_and_load(ctx, &registry, "ns/v2s2:1", "v2s2.tar"), img.id);

    ctx.ferry(&[
        "push",
        "--tls-verify=false",
        "--format",
        "oci",
        "busybox",
        &registry.reference("ns/oci:1"),
    ])
    .success();
    let m = registry.manifest_json("ns/oci:1");
    let media_type = m["mediaType"]
        .as_str()
        .unwrap_or("application/vnd.oci.image.manifest.v1+json");
    assert_eq!(media_type, "application/vnd.oci.image.manifest.v1+json", "{m}");
    assert_eq!(
        m["config"]["mediaType"].as_str(),
        Some("application/vnd.oci.image.config.v1+json")
    );
});

both_modes!(zstd_compression, |ctx| {
    let registry = Registry::plain();
    let img = ctx.load(&FixtureImage::multilayer(), &["multi:v1"]);
    ctx.ferry(&[
        "push",
        "--tls-verify=false",
        "--compression-format",
        "zstd",
        "multi:v1",
        &registry.reference("ns/zstd:1"),
    ])
    .success();
    let m = registry.manifest_json("ns/zstd:1");
    for t in layer_types(&m) {
        assert_eq!(t, "application/vnd.oci.image.layer.v1.tar+zstd", "{m}");
    }
    assert_eq!(copy_back_and_load(ctx, &registry, "ns/zstd:1", "zstd.tar"), img.id);
    // And ferry pulls it back into a fresh store.
    let fresh = TestContext::new(ctx.mode);
    fresh
        .ferry(&["pull", "--tls-verify=false", &registry.reference("ns/zstd:1")])
        .success();
    assert_eq!(fresh.image_ids(), vec![img.id.clone()]);
});

both_modes!(push_errors, |ctx| {
    let registry = Registry::plain();
    let out = ctx
        .ferry(&[
            "push",
            "--tls-verify=false",
            "nosuchimage",
            &registry.reference("ns/x:1"),
        ])
        .failure();
    stderr_any(&out, &["nosuchimage"]);
    ctx.load(&FixtureImage::busybox(), &["busybox:latest"]);
    // No TLS flag: ferry insists on HTTPS and names the registry.
    let out = ctx.ferry(&["push", "busybox", &registry.reference("ns/x:1")]).failure();
    out.stderr_contains(&registry.host);
});
