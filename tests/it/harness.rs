//! Checks of the test bed itself: fixtures are valid images by an independent reader
//! (skopeo), and the rootless runner really is the unprivileged user with its own HOME.

use crate::support::fixtures::{DockerLayout, docker_archive, write_docker_archive_multi};
use crate::support::*;

fn skopeo_layers(ctx: &TestContext, transport_ref: &str) -> Vec<String> {
    let v = ctx.skopeo(&["inspect", transport_ref]).success().json();
    v["Layers"]
        .as_array()
        .expect("skopeo inspect has Layers")
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn fixtures_are_deterministic() {
    let a = FixtureImage::multilayer().build();
    let b = FixtureImage::multilayer().build();
    assert_eq!(a.id, b.id);
    assert_eq!(a.diff_ids(), b.diff_ids());
    assert_eq!(a.layers.len(), 3);
    assert_ne!(
        FixtureImage::busybox().build().id,
        FixtureImage::busybox().label("other").build().id
    );
    let config: serde_json::Value = serde_json::from_slice(&a.config).unwrap();
    let diff_ids: Vec<String> = config["rootfs"]["diff_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap().into())
        .collect();
    assert_eq!(diff_ids, a.diff_ids());
    assert_eq!(config["config"]["Cmd"], serde_json::json!(["sh"]));
}

#[test]
fn layer_tars_hold_hostile_names_verbatim() {
    let tar = LayerSpec::new()
        .file("../../escape", 0o644, "x")
        .symlink("evil", "/etc")
        .tar();
    let mut ar = tar::Archive::new(&tar[..]);
    let names: Vec<Vec<u8>> = ar
        .entries()
        .unwrap()
        .map(|e| e.unwrap().path_bytes().into_owned())
        .collect();
    assert_eq!(names, vec![b"../../escape".to_vec(), b"evil".to_vec()]);
}

#[test]
fn compressed_layers_decompress_to_diff_ids() {
    for c in [Compression::Gzip, Compression::Zstd] {
        let img = FixtureImage::busybox().compression(c).build();
        let l = &img.layers[0];
        assert_ne!(l.blob, l.tar);
        let raw = match c {
            Compression::Gzip => {
                let mut out = Vec::new();
                std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&l.blob[..]), &mut out).unwrap();
                out
            }
            _ => zstd::decode_all(&l.blob[..]).unwrap(),
        };
        assert_eq!(fixtures::digest(&raw), l.diff_id);
    }
}

#[test]
fn skopeo_reads_fixture_archives() {
    let ctx = TestContext::new(Mode::Root);
    let multi = FixtureImage::multilayer();
    let built = multi.write_docker_archive(&ctx.file("d.tar"), &["docker.io/library/multi:latest"]);
    assert_eq!(
        skopeo_layers(&ctx, &format!("docker-archive:{}", p(&ctx.file("d.tar")))),
        built.diff_ids()
    );

    for c in [Compression::None, Compression::Gzip, Compression::Zstd] {
        let path = ctx.file(&format!("o-{c:?}.tar"));
        let built = multi
            .clone()
            .compression(c)
            .write_oci_archive(&path, &["docker.io/library/multi:latest"]);
        let layers = skopeo_layers(&ctx, &format!("oci-archive:{}", p(&path)));
        assert_eq!(
            layers,
            built.layers.iter().map(|l| l.digest.clone()).collect::<Vec<_>>()
        );
        // skopeo checks every digest while copying.
        let dest = ctx.file(&format!("copy-{c:?}"));
        ctx.skopeo(&[
            "copy",
            &format!("oci-archive:{}", p(&path)),
            &format!("dir:{}", p(&dest)),
        ])
        .success();
    }

    let a = FixtureImage::busybox().build();
    let b = FixtureImage::busybox().label("b").build();
    let two = ctx.file("two.tar");
    write_docker_archive_multi(
        &two,
        &[(&a, &["docker.io/library/a:1"]), (&b, &["docker.io/library/b:1"])],
    );
    let v = ctx.skopeo(&[
        "inspect",
        "--config",
        &format!("docker-archive:{}:docker.io/library/b:1", p(&two)),
    ]);
    assert_eq!(v.success().json()["config"]["Labels"][fixtures::LABEL_KEY], "b");

    let dirs = ctx.file("dirs.tar");
    std::fs::write(
        &dirs,
        docker_archive(&[(&a, &["docker.io/library/a:1"])], DockerLayout::LayerDirs),
    )
    .unwrap();
    ctx.skopeo(&[
        "copy",
        &format!("docker-archive:{}", p(&dirs)),
        &format!("dir:{}", p(&ctx.file("dircopy"))),
    ])
    .success();
}

#[test]
fn large_fixture_is_about_50_mb() {
    let img = FixtureImage::large().build();
    let size = img.size();
    assert!((50 << 20..60 << 20).contains(&size), "large fixture is {size} bytes");
    // Incompressible: gzip gains almost nothing.
    let gz = Compression::Gzip;
    let data = &img.layers[1].tar[..4 << 20];
    let small = FixtureImage::from_layers(vec![LayerSpec::new().file("x", 0o644, data.to_vec())])
        .compression(gz)
        .build();
    assert!(small.layers[0].blob.len() > data.len() * 9 / 10);
}

both_modes!(runner_identity, |ctx| {
    let out = ctx.command("/usr/bin/id").arg("-u").output().unwrap();
    let uid: u32 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let expect = match ctx.mode {
        Mode::Root => 0,
        Mode::Rootless => test_user().uid,
    };
    assert_eq!(uid, expect);
    let env = ctx.command("/usr/bin/env").output().unwrap();
    let env = String::from_utf8_lossy(&env.stdout);
    assert!(env.contains(&format!("HOME={}", p(&ctx.home()))), "{env}");
    if ctx.mode == Mode::Rootless {
        assert!(
            env.contains(&format!("XDG_DATA_HOME={}/.local/share", p(&ctx.home()))),
            "{env}"
        );
        // The user can write its own files and HOME.
        let touch = ctx
            .command("/usr/bin/touch")
            .arg(ctx.file("w"))
            .arg(ctx.home().join("w"))
            .status()
            .unwrap();
        assert!(touch.success());
    }
    // ferry itself runs in this mode.
    ctx.ferry(&["--version"])
        .success()
        .stdout_contains(env!("CARGO_PKG_VERSION"));
});

#[test]
fn private_build_dirs_are_detected() {
    let ctx = TestContext::new(Mode::Root);
    let private = ctx.dir.join("private");
    std::fs::create_dir(&private).unwrap();
    std::fs::set_permissions(&private, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    std::fs::copy("/bin/busybox", private.join("busybox")).unwrap();
    assert!(!world_executable(&private.join("busybox")));
    assert!(world_executable(std::path::Path::new("/bin/busybox")));
    // Whatever the checkout's permissions, the binary tests run is usable by the test user.
    assert!(world_executable(ferry_bin()));
}
