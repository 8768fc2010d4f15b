//! Interoperability with Podman's archives: `podman save` → `ferry load` and `ferry save` →
//! `podman load`. Podman runs as root with its own temporary storage (its rootful image
//! commands need no container runtime); ferry runs in both modes.

use std::process::Command;

use crate::support::*;

/// A root podman with storage inside the test directory (its runroot must be a short path).
fn podman(ctx: &TestContext, args: &[&str]) -> Output {
    let runroot = ctx.dir.join("podman-run");
    let short = std::path::PathBuf::from(format!("/tmp/fp-{:016x}", {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        ctx.dir.hash(&mut h);
        h.finish()
    }));
    let _ = std::fs::create_dir_all(&runroot);
    let _ = std::os::unix::fs::symlink(&runroot, &short);
    let mut cmd = Command::new("podman");
    cmd.arg("--root")
        .arg(ctx.dir.join("podman-root"))
        .arg("--runroot")
        .arg(&short)
        .arg("--storage-driver")
        .arg("vfs")
        .args(args);
    run(cmd, None)
}

both_modes!(podman_archives_load_into_ferry, |ctx| {
    let rootfs = ctx.file("rootfs.tar");
    let bb = FixtureImage::busybox().write_rootfs_tar(&rootfs);
    podman(ctx, &["import", p(&rootfs), "localhost/from-podman:1"]).success();
    let docker = ctx.file("podman-docker.tar");
    let oci = ctx.file("podman-oci.tar");
    podman(ctx, &["save", "-o", p(&docker), "localhost/from-podman:1"]).success();
    podman(
        ctx,
        &[
            "save",
            "--format",
            "oci-archive",
            "-o",
            p(&oci),
            "localhost/from-podman:1",
        ],
    )
    .success();
    let podman_id = podman(
        ctx,
        &["image", "inspect", "--format", "{{.Id}}", "localhost/from-podman:1"],
    )
    .success()
    .stdout()
    .trim()
    .to_string();

    ctx.ferry(&["load", "-i", p(&docker)])
        .success()
        .stdout_contains("Loaded image: localhost/from-podman:1");
    let v = ctx.inspect("localhost/from-podman:1");
    assert_eq!(
        v["Id"], podman_id,
        "the image id (config digest) survives the round trip"
    );
    assert_eq!(v["RootFS"]["Layers"][0].as_str().unwrap(), bb.diff_ids()[0]);

    ctx.ferry(&["rmi", "localhost/from-podman:1"]).success();
    ctx.ferry(&["load", "-i", p(&oci)]).success();
    assert_eq!(ctx.inspect("from-podman:1")["Id"], podman_id);
});

both_modes!(ferry_archives_load_into_podman, |ctx| {
    let bb = ctx.load(&FixtureImage::multilayer(), &["localhost/from-ferry:2"]);
    let docker = ctx.file("ferry-docker.tar");
    let oci = ctx.file("ferry-oci.tar");
    ctx.ferry(&["save", "-o", p(&docker), "from-ferry:2"]).success();
    ctx.ferry(&["save", "--format", "oci-archive", "-o", p(&oci), "from-ferry:2"])
        .success();
    for archive in [&docker, &oci] {
        podman(ctx, &["load", "-i", p(archive)]).success();
        let id = podman(
            ctx,
            &["image", "inspect", "--format", "{{.Id}}", "localhost/from-ferry:2"],
        )
        .success()
        .stdout()
        .trim()
        .to_string();
        assert_eq!(
            id,
            bb.id.trim_start_matches("sha256:"),
            "podman sees the same image from {}",
            p(archive)
        );
        podman(ctx, &["rmi", "localhost/from-ferry:2"]).success();
    }
});
