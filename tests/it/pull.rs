//! `pull` from a real registry (Debian's docker-registry) filled by skopeo: insecure
//! registries by flag and by registries.conf, short names, whiteouts, zstd, platforms, Docker
//! manifest lists, digests, `--all-tags`, `-q`, shared layers, and a pull killed mid-way.

use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value;

use crate::support::registry::*;
use crate::support::*;

fn diff_dir(ctx: &TestContext, chain: &str) -> PathBuf {
    ctx.store_root()
        .join("overlay")
        .join(chain.trim_start_matches("sha256:"))
        .join("diff")
}

fn gzip_busybox() -> BuiltImage {
    FixtureImage::busybox().compression(Compression::Gzip).build()
}

fn id_of(v: &Value) -> String {
    v["Id"]
        .as_str()
        .unwrap_or_else(|| panic!("no Id in {v}"))
        .trim_start_matches("sha256:")
        .to_string()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

both_modes!(plain_http_with_tls_verify_false, |ctx| {
    let registry = Registry::plain();
    let img = gzip_busybox();
    registry.push_built(&img, "ns/busybox:1.0", &[]);
    let reference = registry.reference("ns/busybox:1.0");

    // HTTPS is required unless told otherwise.
    let out = ctx.ferry(&["pull", &reference]).failure();
    out.stderr_contains(&registry.host);
    assert!(ctx.image_ids().is_empty());

    ctx.ferry(&["pull", "--tls-verify=false", &reference]).success();
    assert_eq!(ctx.image_ids(), vec![img.id.clone()]);
    let inspect = ctx.inspect(&reference);
    assert_eq!(id_of(&inspect), img.id);
    assert!(strings(&inspect["RepoTags"]).contains(&reference), "{inspect}");
    assert_eq!(
        inspect["Digest"].as_str(),
        Some(registry.manifest_digest("ns/busybox:1.0").as_str())
    );
    let table = ctx.ferry(&["images"]).success().stdout();
    assert!(
        table.contains(&format!("{}/ns/busybox", registry.host)) && table.contains("1.0"),
        "{table}"
    );
    // Pulling again is a no-op that succeeds.
    ctx.ferry(&["pull", "--tls-verify=false", &reference]).success();
    assert_eq!(ctx.image_ids(), vec![img.id.clone()]);
});

both_modes!(insecure_by_registries_conf, |ctx| {
    let registry = Registry::plain();
    let img = gzip_busybox();
    registry.push_built(&img, "ns/busybox:1.0", &[]);
    let conf = registry.registries_conf(false);
    ferry_env(
        ctx,
        &["pull", &registry.reference("ns/busybox:1.0")],
        &[("CONTAINERS_REGISTRIES_CONF", p(&conf))],
    )
    .success();
    assert_eq!(ctx.image_ids(), vec![img.id.clone()]);
});

both_modes!(short_name_from_search_registries, |ctx| {
    let registry = Registry::plain();
    let img = gzip_busybox();
    registry.push_built(&img, "ns/busybox:1.0", &[]);
    let conf = registry.registries_conf(true);
    ferry_env(
        ctx,
        &["pull", "ns/busybox:1.0"],
        &[("CONTAINERS_REGISTRIES_CONF", p(&conf))],
    )
    .success();
    let inspect = ctx.inspect(&registry.reference("ns/busybox:1.0"));
    assert_eq!(id_of(&inspect), img.id);
});

both_modes!(multilayer_with_whiteouts, |ctx| {
    let registry = Registry::plain();
    let img = FixtureImage::multilayer().compression(Compression::Gzip).build();
    registry.push_built(&img, "ns/multi:v1", &[]);
    ctx.ferry(&["pull", "--tls-verify=false", &registry.reference("ns/multi:v1")])
        .success();
    assert_eq!(ctx.image_ids(), vec![img.id.clone()]);
    let chains = img.chain_ids();
    let (l1, l2, l3) = (
        diff_dir(ctx, &chains[0]),
        diff_dir(ctx, &chains[1]),
        diff_dir(ctx, &chains[2]),
    );
    let bb = std::fs::symlink_metadata(l1.join("bin/busybox")).unwrap();
    assert_eq!(bb.len(), std::fs::metadata("/bin/busybox").unwrap().len());
    assert_eq!((bb.uid(), bb.gid()), (ctx.host_uid(0), ctx.host_gid(0)));
    assert!(l1.join("etc/removeme").is_file());
    let wh = std::fs::symlink_metadata(l2.join("etc/removeme")).expect("whiteout present");
    assert!(
        wh.file_type().is_char_device() && wh.rdev() == 0,
        "{:?}",
        wh.file_type()
    );
    assert_eq!(
        xattr(&l2.join("data/old"), &ctx.overlay_xattr("opaque")).as_deref(),
        Some(&b"y"[..])
    );
    assert!(l2.join("data/old/c.txt").is_file() && !l2.join("data/old/.wh..wh..opq").exists());
    let index = std::fs::symlink_metadata(l2.join("srv/www/index.html")).unwrap();
    assert_eq!((index.uid(), index.gid()), (ctx.host_uid(33), ctx.host_gid(33)));
    assert_eq!(index.permissions().mode() & 0o7777, 0o640);
    let suid = std::fs::symlink_metadata(l2.join("usr/local/bin/suid")).unwrap();
    assert_eq!(suid.permissions().mode() & 0o7777, 0o4755);
    assert_eq!(std::fs::read_to_string(l3.join("etc/motd")).unwrap(), "layer three\n");
    // The lower dirs image inspect reports are these layers.
    let lower = ctx.inspect(&img.id)["GraphDriver"]["Data"]["LowerDir"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    for l in [&l1, &l2, &l3] {
        assert!(lower.contains(p(l)), "{lower} names {}", l.display());
    }
});

both_modes!(zstd_layers, |ctx| {
    let registry = Registry::plain();
    let img = FixtureImage::multilayer().compression(Compression::Zstd).build();
    registry.push_built(&img, "ns/zstd:1", &[]);
    let m = registry.manifest_json("ns/zstd:1");
    assert!(m["layers"][0]["mediaType"].as_str().unwrap().ends_with("+zstd"), "{m}");
    ctx.ferry(&["pull", "--tls-verify=false", &registry.reference("ns/zstd:1")])
        .success();
    assert_eq!(ctx.image_ids(), vec![img.id.clone()]);
    let chains = img.chain_ids();
    assert!(diff_dir(ctx, &chains[0]).join("bin/busybox").is_file());
    assert!(diff_dir(ctx, &chains[1]).join("data/old/c.txt").is_file());
    assert_eq!(
        std::fs::read_to_string(diff_dir(ctx, &chains[2]).join("etc/motd")).unwrap(),
        "layer three\n"
    );
});

/// Pushes an index (OCI, or with `docker` a Docker manifest list) over the host's platform
/// and another; returns (host image, other image).
fn push_two_platforms(registry: &Registry, repo: &str, docker: bool) -> (BuiltImage, BuiltImage) {
    let host = gzip_busybox();
    let other = with_arch(&host, other_arch());
    let layout = registry.scratch("-layout");
    write_index_layout(&layout, &[(&host, host_arch()), (&other, other_arch())]);
    let mut extra = vec!["--all"];
    if docker {
        extra.extend(["--format", "v2s2"]);
    }
    registry.copy_in(&format!("oci:{}", p(&layout)), repo, &extra);
    (host, other)
}

both_modes!(oci_index_platforms, |ctx| {
    let registry = Registry::plain();
    let (host, other) = push_two_platforms(&registry, "ns/multi:1", false);
    let reference = registry.reference("ns/multi:1");
    assert_eq!(
        registry.manifest_json("ns/multi:1")["mediaType"].as_str(),
        Some("application/vnd.oci.image.index.v1+json")
    );
    ctx.ferry(&["pull", "--tls-verify=false", &reference]).success();
    let inspect = ctx.inspect(&reference);
    assert_eq!(inspect["Architecture"].as_str(), Some(host_arch()));
    assert_eq!(id_of(&inspect), host.id);

    ctx.ferry(&["pull", "--tls-verify=false", "--arch", other_arch(), &reference])
        .success();
    let inspect = ctx.inspect(&reference);
    assert_eq!(inspect["Architecture"].as_str(), Some(other_arch()));
    assert_eq!(id_of(&inspect), other.id);

    let out = ctx
        .ferry(&["pull", "--tls-verify=false", "--platform", "linux/s390x", &reference])
        .failure();
    stderr_any(&out, &["s390x"]);
});

both_modes!(docker_manifest_list, |ctx| {
    let registry = Registry::plain();
    push_two_platforms(&registry, "ns/list:1", true);
    let list = registry.manifest_json("ns/list:1");
    assert_eq!(
        list["mediaType"].as_str(),
        Some("application/vnd.docker.distribution.manifest.list.v2+json"),
        "{list}"
    );
    let reference = registry.reference("ns/list:1");
    ctx.ferry(&["pull", "--tls-verify=false", &reference]).success();
    let inspect = ctx.inspect(&reference);
    assert_eq!(inspect["Architecture"].as_str(), Some(host_arch()));
    ctx.ferry(&[
        "pull",
        "--tls-verify=false",
        "--platform",
        &format!("linux/{}", other_arch()),
        &reference,
    ])
    .success();
    assert_eq!(ctx.inspect(&reference)["Architecture"].as_str(), Some(other_arch()));
});

both_modes!(docker_schema2_manifest, |ctx| {
    let registry = Registry::plain();
    let img = gzip_busybox();
    registry.push_built(&img, "ns/v2s2:1", &["--format", "v2s2"]);
    let m = registry.manifest_json("ns/v2s2:1");
    assert_eq!(
        m["mediaType"].as_str(),
        Some("application/vnd.docker.distribution.manifest.v2+json")
    );
    let reference = registry.reference("ns/v2s2:1");
    ctx.ferry(&["pull", "--tls-verify=false", &reference]).success();
    let inspect = ctx.inspect(&reference);
    assert_eq!(
        inspect["Digest"].as_str(),
        Some(registry.manifest_digest("ns/v2s2:1").as_str())
    );
    assert_eq!(
        id_of(&inspect),
        m["config"]["digest"].as_str().unwrap().trim_start_matches("sha256:")
    );
});

both_modes!(by_digest, |ctx| {
    let registry = Registry::plain();
    let img = gzip_busybox();
    registry.push_built(&img, "ns/busybox:1.0", &[]);
    let digest = registry.manifest_digest("ns/busybox:1.0");
    let reference = format!("{}@{digest}", registry.reference("ns/busybox"));
    ctx.ferry(&["pull", "--tls-verify=false", &reference]).success();
    assert_eq!(ctx.image_ids(), vec![img.id.clone()]);
    let inspect = ctx.inspect(&img.id);
    assert!(strings(&inspect["RepoDigests"]).contains(&reference), "{inspect}");

    let missing = format!("{}@sha256:{}", registry.reference("ns/busybox"), "0".repeat(64));
    let out = ctx.ferry(&["pull", "--tls-verify=false", &missing]).failure();
    stderr_any(&out, &["manifest unknown", "not found"]);
});

both_modes!(missing_tag_and_repository, |ctx| {
    let registry = Registry::plain();
    registry.push_built(&gzip_busybox(), "ns/busybox:1.0", &[]);
    let out = ctx
        .ferry(&["pull", "--tls-verify=false", &registry.reference("ns/busybox:2.0")])
        .failure();
    stderr_any(&out, &["manifest unknown"]);
    let out = ctx
        .ferry(&["pull", "--tls-verify=false", &registry.reference("ns/nothing:1")])
        .failure();
    stderr_any(&out, &["name unknown", "manifest unknown", "not found"]);
    assert!(ctx.image_ids().is_empty());
});

both_modes!(all_tags, |ctx| {
    let registry = Registry::plain();
    let a = gzip_busybox();
    let b = FixtureImage::multilayer().compression(Compression::Gzip).build();
    registry.push_built(&a, "ns/app:t1", &[]);
    registry.push_built(&a, "ns/app:t2", &[]);
    registry.push_built(&b, "ns/app:t3", &[]);
    ctx.ferry(&[
        "pull",
        "--tls-verify=false",
        "--all-tags",
        &registry.reference("ns/app"),
    ])
    .success();
    let mut expect = vec![a.id.clone(), b.id.clone()];
    expect.sort();
    assert_eq!(ctx.image_ids(), expect);
    for t in ["t1", "t2", "t3"] {
        ctx.inspect(&registry.reference(&format!("ns/app:{t}")));
    }
});

both_modes!(quiet_prints_only_the_id, |ctx| {
    let registry = Registry::plain();
    let img = gzip_busybox();
    registry.push_built(&img, "ns/busybox:1.0", &[]);
    let out = ctx
        .ferry(&[
            "pull",
            "-q",
            "--tls-verify=false",
            &registry.reference("ns/busybox:1.0"),
        ])
        .success();
    assert_eq!(out.lines(), vec![img.id.clone()], "stderr: {}", out.stderr);
});

both_modes!(shared_layers_downloaded_once, |ctx| {
    let registry = Registry::plain();
    let a = gzip_busybox();
    let b = FixtureImage::busybox()
        .layers(vec![
            fixtures::busybox_layer(),
            LayerSpec::new().dir("etc", 0o755).file("etc/motd", 0o644, "b\n"),
        ])
        .label("b")
        .compression(Compression::Gzip)
        .build();
    assert_eq!(a.layers[0].digest, b.layers[0].digest);
    registry.push_built(&a, "ns/a:1", &[]);
    registry.push_built(&b, "ns/b:1", &[]);
    let base = a.layers[0].digest.clone();
    let before = registry.blob_gets(&base);
    ctx.ferry(&["pull", "--tls-verify=false", &registry.reference("ns/a:1")])
        .success();
    ctx.ferry(&["pull", "--tls-verify=false", &registry.reference("ns/b:1")])
        .success();
    assert_eq!(
        registry.blob_gets(&base) - before,
        1,
        "the shared base layer is downloaded once\n{}",
        registry.log()
    );
    let dirs = std::fs::read_dir(ctx.store_root().join("overlay"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name() != "l")
        .count();
    assert_eq!(dirs, 2, "base, and b's second layer");
});

both_modes!(killed_pull_resumes, |ctx| {
    let registry = Registry::plain();
    let img = FixtureImage::large().compression(Compression::Gzip).build();
    registry.push_built(&img, "ns/large:1", &[]);
    let reference = registry.reference("ns/large:1");
    let mut interrupted = 0;
    for delay_ms in [100, 250, 500] {
        let mut child = ctx
            .ferry_command(&["pull", "--tls-verify=false", &reference])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        if child.try_wait().unwrap().is_none() {
            interrupted += 1;
        }
        // SIGKILL (setpriv execs ferry, so the child is ferry itself).
        let _ = child.kill();
        let _ = child.wait();
    }
    assert!(interrupted > 0, "no pull was still running when killed");
    ctx.ferry(&["pull", "--tls-verify=false", &reference]).success();
    assert_eq!(ctx.image_ids(), vec![img.id.clone()]);
    // The image is whole: save it and let skopeo read it.
    let archive = ctx.file("large.tar");
    ctx.ferry(&["save", "--format", "oci-archive", "-o", p(&archive), &reference])
        .success();
    let out = ctx
        .skopeo(&["inspect", &format!("oci-archive:{}", p(&archive))])
        .success();
    let info = out.json();
    assert_eq!(info["Layers"].as_array().map(Vec::len), Some(2), "{info}");
    let chains = img.chain_ids();
    let data = diff_dir(ctx, &chains[1]).join("data/blob24");
    assert_eq!(std::fs::read(&data).unwrap(), fixtures::pseudo_random(25, 2 << 20));
});

both_modes!(pull_policies, |ctx| {
    let registry = Registry::plain();
    let v1 = gzip_busybox();
    registry.push_built(&v1, "ns/app:1", &[]);
    let reference = registry.reference("ns/app:1");
    let pull = |policy: &str| ctx.ferry(&["pull", "--tls-verify=false", "--policy", policy, &reference]);

    // never: absent locally is an error, nothing is fetched.
    pull("never").failure().stderr_contains("image not known");
    assert!(ctx.image_ids().is_empty());
    // missing: pulls when absent...
    assert_eq!(pull("missing").success().stdout().trim(), v1.id);
    // ...and keeps the local image when the registry changes.
    let v2 = FixtureImage::busybox()
        .label("v2")
        .compression(Compression::Gzip)
        .build();
    registry.push_built(&v2, "ns/app:1", &[]);
    assert_eq!(pull("missing").success().stdout().trim(), v1.id);
    assert_eq!(pull("never").success().stdout().trim(), v1.id);
    // newer: the registry's manifest differs, so it pulls.
    assert_eq!(pull("newer").success().stdout().trim(), v2.id);
    assert_eq!(
        ctx.inspect(&reference)["Id"]
            .as_str()
            .map(|s| s.trim_start_matches("sha256:")),
        Some(v2.id.as_str())
    );
    pull("sometimes").failure().stderr_contains("invalid pull policy");
});
