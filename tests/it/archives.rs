//! `save`, and interoperability with skopeo in both directions (archives and ferry's OCI layout).

use crate::support::*;

const BUSYBOX: &str = "docker.io/library/busybox:latest";

fn skopeo_inspect(ctx: &TestContext, reference: &str) -> serde_json::Value {
    ctx.skopeo(&["inspect", reference]).success().json()
}

fn layers(v: &serde_json::Value) -> Vec<String> {
    v["Layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect()
}

both_modes!(save_docker_archive, |ctx| {
    let bb = ctx.load(&FixtureImage::busybox(), &["busybox:latest"]);
    let out = ctx.file("saved.tar");
    ctx.ferry(&["save", "-o", p(&out), "busybox"]).success();
    let v = skopeo_inspect(ctx, &format!("docker-archive:{}", p(&out)));
    assert_eq!(layers(&v), bb.diff_ids());
    let cfg = ctx
        .skopeo(&["inspect", "--config", &format!("docker-archive:{}", p(&out))])
        .success()
        .json();
    assert_eq!(cfg["config"]["Cmd"], serde_json::json!(["sh"]));
    // Reloading into an empty store gives the same image and name.
    ctx.ferry(&["rmi", "busybox"]).success();
    ctx.ferry(&["load", "-i", p(&out)]).success();
    assert_eq!(ctx.image_ids(), vec![bb.id.clone()]);
    assert!(ctx.ferry(&["image", "exists", BUSYBOX]).code == Some(0));
});

both_modes!(save_to_stdout, |ctx| {
    let bb = ctx.load(&FixtureImage::busybox(), &["busybox:latest"]);
    let out = ctx.ferry(&["save", "busybox"]).success();
    assert!(out.stdout_bytes.len() > 1_000_000, "archive on stdout");
    std::fs::write(ctx.file("stdout.tar"), &out.stdout_bytes).unwrap();
    let v = skopeo_inspect(ctx, &format!("docker-archive:{}", p(&ctx.file("stdout.tar"))));
    assert_eq!(layers(&v), bb.diff_ids());
});

both_modes!(save_oci_archive, |ctx| {
    let multi = ctx.load(&FixtureImage::multilayer(), &["multi:v1"]);
    let out = ctx.file("saved-oci.tar");
    ctx.ferry(&["save", "--format", "oci-archive", "-o", p(&out), "multi:v1"])
        .success();
    let v = skopeo_inspect(ctx, &format!("oci-archive:{}", p(&out)));
    assert_eq!(v["Layers"].as_array().map(Vec::len), Some(3));
    let cfg = ctx
        .skopeo(&["inspect", "--config", &format!("oci-archive:{}", p(&out))])
        .success()
        .json();
    let diff_ids: Vec<String> = cfg["rootfs"]["diff_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap().into())
        .collect();
    assert_eq!(diff_ids, multi.diff_ids());
    // skopeo verifies every blob while copying.
    ctx.skopeo(&[
        "copy",
        &format!("oci-archive:{}", p(&out)),
        &format!("dir:{}", p(&ctx.file("dircopy"))),
    ])
    .success();
    ctx.ferry(&["rmi", "multi:v1"]).success();
    ctx.ferry(&["load", "-i", p(&out)]).success();
    assert_eq!(ctx.image_ids(), vec![multi.id.clone()]);
});

both_modes!(save_several_images, |ctx| {
    let a = ctx.load(&FixtureImage::busybox(), &["busybox:latest"]);
    let b = ctx.load(&FixtureImage::multilayer(), &["multi:v1"]);
    let out = ctx.file("two.tar");
    ctx.ferry(&["save", "-m", "-o", p(&out), "busybox", "multi:v1"])
        .success();
    ctx.skopeo(&[
        "inspect",
        &format!("docker-archive:{}:docker.io/library/multi:v1", p(&out)),
    ])
    .success();
    ctx.ferry(&["rmi", "-a"]).success();
    ctx.ferry(&["load", "-i", p(&out)]).success();
    let mut expect = vec![a.id, b.id];
    expect.sort();
    assert_eq!(ctx.image_ids(), expect);
});

both_modes!(skopeo_copy_then_load, |ctx| {
    let src = ctx.file("src.tar");
    let built = FixtureImage::multilayer()
        .compression(Compression::Gzip)
        .write_oci_archive(&src, &["x"]);
    let dest = ctx.file("copied.tar");
    ctx.skopeo(&[
        "copy",
        &format!("oci-archive:{}", p(&src)),
        &format!("docker-archive:{}:docker.io/library/copied:tag", p(&dest)),
    ])
    .success();
    ctx.ferry(&["load", "-i", p(&dest)])
        .success()
        .stdout_contains("docker.io/library/copied:tag");
    let v = ctx.inspect("copied:tag");
    assert_eq!(v["Id"].as_str().unwrap().trim_start_matches("sha256:"), built.id);

    // And an oci-archive written by skopeo.
    let oci = ctx.file("copied-oci.tar");
    ctx.skopeo(&[
        "copy",
        &format!("docker-archive:{}", p(&dest)),
        &format!("oci-archive:{}:docker.io/library/fromoci:1", p(&oci)),
    ])
    .success();
    ctx.ferry(&["load", "-i", p(&oci)]).success();
    ctx.ferry(&["image", "exists", "fromoci:1"]).code(0);
});

both_modes!(skopeo_reads_store_layout, |ctx| {
    let bb = ctx.load(&FixtureImage::busybox(), &["busybox:latest"]);
    let multi = ctx.load(&FixtureImage::multilayer(), &["multi:v1"]);
    let oci = ctx.oci_dir();
    assert!(oci.join("index.json").is_file() && oci.join("oci-layout").is_file());
    let v = skopeo_inspect(ctx, &format!("oci:{}:{BUSYBOX}", p(&oci)));
    assert_eq!(v["Layers"].as_array().map(Vec::len), Some(1));
    let cfg = ctx.skopeo(&[
        "inspect",
        "--config",
        &format!("oci:{}:docker.io/library/multi:v1", p(&oci)),
    ]);
    let cfg = cfg.success().json();
    assert_eq!(cfg["rootfs"]["diff_ids"].as_array().map(Vec::len), Some(3));
    for (img, name) in [(&bb, BUSYBOX), (&multi, "docker.io/library/multi:v1")] {
        let raw = ctx
            .skopeo(&["inspect", "--raw", &format!("oci:{}:{name}", p(&oci))])
            .success()
            .json();
        assert_eq!(
            raw["config"]["digest"].as_str(),
            Some(format!("sha256:{}", img.id).as_str()),
            "{raw}"
        );
    }
    let copy = ctx.file("copy");
    ctx.skopeo(&[
        "copy",
        &format!("oci:{}:{BUSYBOX}", p(&oci)),
        &format!("dir:{}", p(&copy)),
    ])
    .success();
});
