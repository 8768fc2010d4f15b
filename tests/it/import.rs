//! `import`: images from plain root filesystem tarballs.

use crate::support::*;

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap_or_default().to_string()).collect())
        .unwrap_or_default()
}

both_modes!(import_file_with_changes, |ctx| {
    let tarball = ctx.file("rootfs.tar");
    let fixture = FixtureImage::busybox().write_rootfs_tar(&tarball);
    let out = ctx
        .ferry(&[
            "import",
            "--change",
            r#"CMD=["sh","-c","echo hi"]"#,
            "--change",
            "ENV=FOO=bar",
            "--message",
            "imported for a test",
            p(&tarball),
            "imported:v1",
        ])
        .success();
    let id = out.lines().last().cloned().unwrap_or_default();
    let v = ctx.inspect("imported:v1");
    let full_id = v["Id"].as_str().unwrap().trim_start_matches("sha256:").to_string();
    assert!(
        full_id.starts_with(id.trim_start_matches("sha256:")),
        "import prints the id: {id} vs {full_id}"
    );
    assert_eq!(strings(&v["Config"]["Cmd"]), vec!["sh", "-c", "echo hi"]);
    assert!(strings(&v["Config"]["Env"]).contains(&"FOO=bar".to_string()), "{v}");
    assert!(
        strings(&v["RepoTags"]).contains(&"localhost/imported:v1".to_string()),
        "{v}"
    );
    // The layer is the tarball itself.
    assert_eq!(strings(&v["RootFS"]["Layers"]), fixture.diff_ids());
    let history = ctx.ferry(&["history", "--no-trunc", "imported:v1"]).success();
    assert!(history.stdout().contains("imported for a test"), "{}", history.stdout());
});

both_modes!(import_stdin_compressed, |ctx| {
    for (i, c) in [Compression::None, Compression::Gzip, Compression::Zstd]
        .into_iter()
        .enumerate()
    {
        let tarball = ctx.file(&format!("rootfs-{i}.tar"));
        let fixture = FixtureImage::busybox().compression(c).write_rootfs_tar(&tarball);
        let data = std::fs::read(&tarball).unwrap();
        let name = format!("fromstdin:{i}");
        ctx.ferry_stdin(&["import", "-q", "--change", "ENV=N=1", "-", &name], &data)
            .success();
        let v = ctx.inspect(&name);
        assert_eq!(strings(&v["RootFS"]["Layers"]), fixture.diff_ids(), "compression {c:?}");
        assert!(strings(&v["Config"]["Env"]).contains(&"N=1".to_string()), "{v}");
    }
});

both_modes!(import_without_name_is_dangling, |ctx| {
    let tarball = ctx.file("rootfs.tar");
    FixtureImage::busybox().write_rootfs_tar(&tarball);
    let out = ctx.ferry(&["import", "-q", p(&tarball)]).success();
    let id = out.stdout().trim().trim_start_matches("sha256:").to_string();
    assert!(id.len() >= 12, "{id}");
    assert_eq!(ctx.image_ids().len(), 1);
    assert!(ctx.image_ids()[0].starts_with(&id));
    ctx.ferry(&["import", p(&ctx.file("missing.tar")), "x"])
        .code(125)
        .stderr_contains("missing.tar");
    ctx.ferry(&["import", "--change", "BOGUS=1", p(&tarball), "x"])
        .code(125);
});
