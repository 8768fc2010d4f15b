//! Hostile and broken archives: `load` must fail with exit 125 and a message naming the
//! problem, write nothing outside its store, add no image, and leave no temporary files.

use crate::support::fixtures::{ArchiveWriter, DockerLayout, busybox_layer, docker_archive, oci_archive};
use crate::support::registry::blob_names;
use crate::support::*;

/// What the store held before a refused load: it must hold exactly that after it.
struct Before {
    images: Vec<String>,
    blobs: Vec<String>,
    layers: Vec<String>,
}

/// Names in the store's layer directory (`overlay/`).
fn layer_names(ctx: &TestContext) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(ctx.store_root().join("overlay"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A store with busybox in it, and a world-writable `outside/` directory to escape into.
fn setup(ctx: &TestContext) -> (Before, std::path::PathBuf) {
    ctx.load(&FixtureImage::busybox(), &["busybox:latest"]);
    let outside = ctx.dir.join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::set_permissions(&outside, std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
    std::fs::write(outside.join("secret"), "secret\n").unwrap();
    let before = Before {
        images: ctx.image_ids(),
        blobs: blob_names(ctx),
        layers: layer_names(ctx),
    };
    (before, outside)
}

/// Relative path from a layer's unpack directory up to `/`, with room to spare.
fn up() -> String {
    "../".repeat(16)
}

/// Loads `archive` and checks that it was refused cleanly.
#[track_caller]
fn assert_rejected(ctx: &TestContext, before: &Before, archive: &[u8], needle: &str) -> Output {
    let path = ctx.file("hostile.tar");
    std::fs::write(&path, archive).unwrap();
    let out = ctx.ferry(&["load", "-i", p(&path)]).code(125);
    assert!(out.stderr.starts_with("Error:"), "{}", out.stderr);
    assert!(
        out.stderr.contains(needle),
        "error should name {needle:?}: {}",
        out.stderr
    );
    assert_clean(ctx, before);
    out
}

#[track_caller]
fn assert_clean(ctx: &TestContext, before: &Before) {
    let escaped: Vec<_> = walk(&ctx.dir)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().contains("ferry-escape"))
        })
        .collect();
    assert!(escaped.is_empty(), "files created by a hostile archive: {escaped:?}");
    for top in ["/", "/tmp"] {
        let found: Vec<_> = std::fs::read_dir(top)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("ferry-escape"))
            .map(|e| e.path())
            .collect();
        assert!(found.is_empty(), "files created by a hostile archive: {found:?}");
    }
    let secret = std::fs::symlink_metadata(ctx.dir.join("outside/secret")).unwrap();
    assert_eq!(
        std::os::unix::fs::MetadataExt::nlink(&secret),
        1,
        "outside/secret got a hard link"
    );
    assert_eq!(ctx.image_ids(), before.images, "images changed");
    // What a load stored before it failed (blobs, unpacked layers) goes with the failure.
    assert_eq!(blob_names(ctx), before.blobs, "blobs changed");
    assert_eq!(layer_names(ctx), before.layers, "layers changed");
    assert_no_leftovers(ctx);
}

/// No in-flight files remain in the store.
#[track_caller]
pub fn assert_no_leftovers(ctx: &TestContext) {
    let root = ctx.store_root();
    let tmp: Vec<_> = std::fs::read_dir(root.join("tmp"))
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(tmp.is_empty(), "leftovers in tmp/: {tmp:?}");
    for dir in ["overlay", "oci", "oci/blobs/sha256"] {
        let left: Vec<_> = std::fs::read_dir(root.join(dir))
            .map(|r| {
                r.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.to_string_lossy().contains(".tmp-"))
                    .collect()
            })
            .unwrap_or_default();
        assert!(left.is_empty(), "leftovers in {dir}: {left:?}");
    }
}

fn hostile_image(layer: LayerSpec) -> Vec<u8> {
    let img = FixtureImage::from_layers(vec![LayerSpec::new().file("ok.txt", 0o644, "ok\n"), layer]).build();
    docker_archive(
        &[(&img, &["docker.io/library/hostile:latest"])],
        DockerLayout::LayerDirs,
    )
}

both_modes!(dotdot_entry, |ctx| {
    let (before, _) = setup(ctx);
    let archive = hostile_image(LayerSpec::new().file("../../ferry-escape-dotdot", 0o644, "x"));
    assert_rejected(ctx, &before, &archive, "ferry-escape-dotdot");
    let outside = format!(
        "{}{}/outside/ferry-escape-deep",
        up(),
        p(&ctx.dir).trim_start_matches('/')
    );
    let archive = hostile_image(
        LayerSpec::new()
            .dir("d", 0o755)
            .file(&format!("d/{outside}"), 0o644, "x"),
    );
    assert_rejected(ctx, &before, &archive, "ferry-escape-deep");
});

both_modes!(symlink_escape, |ctx| {
    let (before, outside) = setup(ctx);
    let rel = format!("{}{}", up(), p(&outside).trim_start_matches('/'));
    for (i, target) in [rel.as_str(), p(&outside), "/"].into_iter().enumerate() {
        let name = format!("ferry-escape-symlink{i}");
        let layer = LayerSpec::new()
            .symlink("evil", target)
            .file(&format!("evil/{name}"), 0o644, "x");
        assert_rejected(ctx, &before, &hostile_image(layer), &name);
    }
    // A symlink to a directory, then a file written through a symlinked parent two levels down.
    let layer =
        LayerSpec::new()
            .dir("a", 0o755)
            .symlink("a/up", "../..")
            .file("a/up/up/ferry-escape-chain", 0o644, "x");
    assert_rejected(ctx, &before, &hostile_image(layer), "ferry-escape-chain");
});

both_modes!(hardlink_escape, |ctx| {
    let (before, outside) = setup(ctx);
    let target = format!("{}{}/secret", up(), p(&outside).trim_start_matches('/'));
    let layer = LayerSpec::new().hardlink("ferry-escape-hardlink", &target);
    assert_rejected(ctx, &before, &hostile_image(layer), "ferry-escape-hardlink");
    // A hard link through a symlink that leaves the root.
    let layer = LayerSpec::new()
        .symlink("out", p(&outside))
        .hardlink("ferry-escape-hl2", "out/secret");
    assert_rejected(ctx, &before, &hostile_image(layer), "ferry-escape-hl2");
});

both_modes!(lower_layer_symlink_stays_inside, |ctx| {
    // A symlink in one layer and a path through it in the next are both legal; the file must
    // land inside the image, never in the symlink's host target.
    let (before, outside) = setup(ctx);
    let img = FixtureImage::from_layers(vec![
        busybox_layer().symlink("evil", p(&outside)),
        LayerSpec::new()
            .dir("evil", 0o755)
            .file("evil/ferry-escape-lower", 0o644, "x"),
    ]);
    let path = ctx.file("lower.tar");
    img.write_docker_archive(&path, &["lower:1"]);
    let out = ctx.ferry(&["load", "-i", p(&path)]);
    assert!(
        !outside.join("ferry-escape-lower").exists(),
        "escaped through a lower layer's symlink"
    );
    if out.code != Some(0) {
        out.code(125);
        assert_eq!(ctx.image_ids(), before.images);
    }
});

both_modes!(corrupted_layer, |ctx| {
    let (before, _) = setup(ctx);
    let mut img = FixtureImage::multilayer().label("corrupt").build();
    let tampered = LayerSpec::new()
        .dir("etc", 0o755)
        .file("etc/motd", 0o644, "tampered!!!!\n")
        .tar();
    img.layers[2].blob = tampered.clone();
    img.layers[2].tar = tampered;
    let archive = docker_archive(&[(&img, &["docker.io/library/corrupt:1"])], DockerLayout::LayerDirs);
    let out = assert_rejected(ctx, &before, &archive, "Error:");
    let expected = img.layers[2].diff_id.trim_start_matches("sha256:");
    assert!(
        out.stderr.contains(&expected[..12]) || out.stderr.contains("digest") || out.stderr.contains("diff"),
        "error should explain the digest mismatch: {}",
        out.stderr
    );

    // An oci-archive whose blob does not match its digest.
    let good = FixtureImage::busybox().label("oci-corrupt").build();
    let mut bad = good.clone();
    let mut blob = bad.layers[0].blob.clone();
    let n = blob.len() / 2;
    blob[n] ^= 0xff;
    bad.layers[0].blob = blob;
    let archive = oci_archive(&[(&bad, &["docker.io/library/ocicorrupt:1"])]);
    assert_rejected(
        ctx,
        &before,
        &archive,
        &good.layers[0].digest.trim_start_matches("sha256:")[..12],
    );
});

both_modes!(truncated_archives, |ctx| {
    let (before, _) = setup(ctx);
    let img = FixtureImage::multilayer().label("truncated").build();
    let docker = docker_archive(&[(&img, &["docker.io/library/trunc:1"])], DockerLayout::LayerDirs);
    // Cut inside the busybox layer, and then right before the trailing manifest.json.
    for cut in [docker.len() / 2, docker.len() - 3000] {
        assert_rejected(ctx, &before, &docker[..cut], "Error:");
    }
    let oci = oci_archive(&[(&img, &["docker.io/library/trunc:1"])]);
    assert_rejected(ctx, &before, &oci[..oci.len() * 2 / 3], "Error:");
    assert_rejected(ctx, &before, &[], "Error:");
    assert_rejected(ctx, &before, b"this is not a tar archive at all", "Error:");
});

both_modes!(bad_manifest, |ctx| {
    let (before, _) = setup(ctx);
    let img = FixtureImage::busybox().label("badmanifest").build();
    let mut w = ArchiveWriter::new();
    w.file(&format!("{}.json", img.id), &img.config);
    w.file("layer.tar", &img.layers[0].blob);
    w.file("manifest.json", b"[{\"Config\": not json");
    assert_rejected(ctx, &before, &w.finish(), "manifest.json");

    // Valid JSON that names a layer the archive lacks.
    let mut w = ArchiveWriter::new();
    w.file(&format!("{}.json", img.id), &img.config);
    let manifest =
        serde_json::json!([{"Config": format!("{}.json", img.id), "RepoTags": ["x:1"], "Layers": ["missing.tar"]}]);
    w.file("manifest.json", &serde_json::to_vec(&manifest).unwrap());
    assert_rejected(ctx, &before, &w.finish(), "missing.tar");

    // An oci-archive whose index.json is not JSON.
    let mut w = ArchiveWriter::new();
    w.file("oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#);
    w.file("index.json", b"{{{{");
    assert_rejected(ctx, &before, &w.finish(), "index.json");
});

both_modes!(path_traversal_members, |ctx| {
    let (before, _) = setup(ctx);
    let img = FixtureImage::busybox().label("traversal").build();
    // The archive's own members (not the layer's) try to leave the extraction directory.
    let mut w = ArchiveWriter::new();
    w.file("../../ferry-escape-member.json", &img.config);
    w.file("../ferry-escape-member.tar", &img.layers[0].blob);
    let manifest = serde_json::json!([{
        "Config": "../../ferry-escape-member.json",
        "RepoTags": ["traversal:1"],
        "Layers": ["../ferry-escape-member.tar"],
    }]);
    w.file("manifest.json", &serde_json::to_vec(&manifest).unwrap());
    assert_rejected(ctx, &before, &w.finish(), "ferry-escape-member");

    // A manifest pointing at a host file by absolute path.
    let mut w = ArchiveWriter::new();
    w.file(&format!("{}.json", img.id), &img.config);
    let manifest = serde_json::json!([{
        "Config": format!("{}.json", img.id),
        "RepoTags": ["traversal:2"],
        "Layers": ["/etc/passwd"],
    }]);
    w.file("manifest.json", &serde_json::to_vec(&manifest).unwrap());
    assert_rejected(ctx, &before, &w.finish(), "/etc/passwd");

    // An oci-archive whose descriptor digest is a path.
    let mut w = ArchiveWriter::new();
    w.file("oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#);
    let index = serde_json::json!({"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "digest": "sha256:../../../../etc/passwd",
        "size": 10,
    }]});
    w.file("index.json", &serde_json::to_vec(&index).unwrap());
    assert_rejected(ctx, &before, &w.finish(), "Error:");
});

/// A small filesystem mounted over the store's `tmp/`, unmounted on drop.
struct SmallTmp(std::path::PathBuf);

impl Drop for SmallTmp {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

// A disk that fills up during a load is reported as that, with the path being written, not
// as a broken archive; the load leaves nothing behind.
both_modes!(load_on_a_full_disk_says_so, |ctx| {
    let (before, _) = setup(ctx);
    let img = FixtureImage::multilayer().label("full").build();
    let archive = docker_archive(&[(&img, &["docker.io/library/full:1"])], DockerLayout::LayerDirs);
    assert!(
        archive.len() > 1024 * 1024,
        "the archive must not fit: {}",
        archive.len()
    );
    let tmp = ctx.store_root().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let st = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=512k,mode=1777", "tmpfs"])
        .arg(&tmp)
        .status()
        .unwrap();
    assert!(st.success());
    let small = SmallTmp(tmp);
    let out = assert_rejected(ctx, &before, &archive, "No space left on device");
    assert!(
        !out.stderr.contains("reading the archive"),
        "a full disk is not a broken archive: {}",
        out.stderr
    );
    assert!(
        out.stderr.contains(p(&small.0)),
        "error should name the path: {}",
        out.stderr
    );
    drop(small);
    // With room again, the same archive loads.
    let path = ctx.file("hostile.tar");
    ctx.ferry(&["load", "-i", p(&path)]).success();
    assert!(
        ctx.image_ids()
            .contains(&img.id.trim_start_matches("sha256:").to_string())
    );
});
