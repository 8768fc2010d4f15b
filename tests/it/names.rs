//! Names and removal: `tag`, `untag`, `rmi`, `image exists`, `image prune`.

use crate::support::*;

fn tags(ctx: &TestContext, image: &str) -> Vec<String> {
    let v = ctx.inspect(image);
    match &v["RepoTags"] {
        serde_json::Value::Null => Vec::new(),
        t => t
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect(),
    }
}

fn exists(ctx: &TestContext, image: &str) -> bool {
    let out = ctx.ferry(&["image", "exists", image]);
    match out.code {
        Some(0) => true,
        Some(1) => false,
        _ => panic!("image exists must exit 0 or 1\n{}\n{}", out.cmdline, out.stderr),
    }
}

both_modes!(image_exists_exit_codes, |ctx| {
    let bb = ctx.load(&FixtureImage::busybox(), &["busybox:latest"]);
    ctx.ferry(&["image", "exists", "busybox"]).code(0);
    ctx.ferry(&["image", "exists", "docker.io/library/busybox:latest"])
        .code(0);
    ctx.ferry(&["image", "exists", bb.short_id()]).code(0);
    let missing = ctx.ferry(&["image", "exists", "nosuchimage"]).code(1);
    assert!(
        missing.stdout().is_empty(),
        "exists prints nothing: {}",
        missing.stdout()
    );
    ctx.ferry(&["image", "exists", "busybox:othertag"]).code(1);
});

both_modes!(tag_and_untag, |ctx| {
    let bb = ctx.load(&FixtureImage::busybox(), &["busybox:latest"]);
    ctx.ferry(&["tag", "busybox", "myimg:v1", "quay.io/some/thing:2"])
        .success();
    let t = tags(ctx, &bb.id);
    for n in [
        "docker.io/library/busybox:latest",
        "localhost/myimg:v1",
        "quay.io/some/thing:2",
    ] {
        assert!(t.contains(&n.to_string()), "{t:?}");
    }
    assert!(exists(ctx, "myimg:v1"));
    assert!(exists(ctx, "localhost/myimg:v1"));
    ctx.ferry(&["image", "tag", bb.short_id(), "byid"]).success();
    assert!(exists(ctx, "localhost/byid:latest"));
    ctx.ferry(&["tag", "nosuchimage", "x"]).code(125);
    ctx.ferry(&["tag", "busybox", "Invalid_Name!"]).code(125);

    ctx.ferry(&["untag", "busybox", "myimg:v1"]).success();
    assert!(!exists(ctx, "myimg:v1"));
    assert!(exists(ctx, "busybox"));
    // Untag with no names removes every name; the image stays, dangling.
    ctx.ferry(&["image", "untag", &bb.id]).success();
    assert!(tags(ctx, &bb.id).is_empty());
    assert!(exists(ctx, &bb.id));
    assert!(!exists(ctx, "busybox"));
    assert_eq!(ctx.image_ids(), vec![bb.id.clone()]);
    let rows = ctx
        .ferry(&["images", "--format", "{{.Repository}}:{{.Tag}}"])
        .success()
        .lines();
    assert_eq!(rows, vec!["<none>:<none>"]);
});

both_modes!(rmi_partial_success, |ctx| {
    ctx.load(&FixtureImage::busybox().label("a"), &["a:1"]);
    ctx.load(&FixtureImage::busybox().label("b"), &["b:1"]);
    let c = ctx.load(&FixtureImage::multilayer(), &["c:1"]);
    let out = ctx.ferry(&["rmi", "a:1", "nosuchimage", "b:1"]).failure();
    assert!(out.stderr.contains("nosuchimage"), "{}", out.stderr);
    assert!(!exists(ctx, "a:1") && !exists(ctx, "b:1"));
    assert!(exists(ctx, "c:1"));
    assert_eq!(ctx.image_ids(), vec![c.id.clone()]);
    // Removed images' layers are gone (the base layer is shared with c and stays).
    let layers = ctx.store_root().join("overlay");
    assert!(layers.join(c.chain_ids()[0].trim_start_matches("sha256:")).exists());
    // --ignore: missing images are not an error.
    ctx.ferry(&["rmi", "-i", "nosuchimage"]).success();
    ctx.ferry(&["rmi", "c:1"]).success();
    assert!(ctx.image_ids().is_empty());
    assert!(
        !layers.join(c.chain_ids()[0].trim_start_matches("sha256:")).exists(),
        "layers removed with the image"
    );
});

both_modes!(rmi_multiple_names_and_force, |ctx| {
    let bb = ctx.load(&FixtureImage::busybox(), &["busybox:latest", "other:1"]);
    // By name: only that name goes.
    ctx.ferry(&["rmi", "other:1"]).success();
    assert!(exists(ctx, "busybox") && !exists(ctx, "other:1"));
    ctx.ferry(&["tag", "busybox", "third:1"]).success();
    // By id with several names: refused without -f.
    ctx.ferry(&["rmi", bb.short_id()]).failure();
    assert!(exists(ctx, &bb.id));
    ctx.ferry(&["rmi", "-f", bb.short_id()]).success();
    assert!(!exists(ctx, &bb.id));
    assert!(ctx.image_ids().is_empty());

    ctx.load(&FixtureImage::busybox(), &["busybox:latest"]);
    ctx.load(&FixtureImage::multilayer(), &["multi:latest"]);
    ctx.ferry(&["rmi", "-a"]).success();
    assert!(ctx.image_ids().is_empty());
});

both_modes!(image_prune, |ctx| {
    let dangling = ctx.load(&FixtureImage::busybox().label("dangling"), &["d:1"]);
    let named = ctx.load(&FixtureImage::multilayer(), &["named:1"]);
    ctx.ferry(&["untag", "d:1"]).success();
    assert_eq!(ctx.image_ids().len(), 2);
    let out = ctx.ferry(&["image", "prune", "-f"]).success();
    assert!(
        out.stdout().contains(&dangling.id[..12]),
        "prune prints removed ids: {}",
        out.stdout()
    );
    assert_eq!(ctx.image_ids(), vec![named.id.clone()]);
    // -a also removes named images that nothing uses.
    ctx.ferry(&["image", "prune", "-a", "-f"]).success();
    assert!(ctx.image_ids().is_empty());
    let layers: Vec<_> = std::fs::read_dir(ctx.store_root().join("overlay"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "l")
        .collect();
    assert!(layers.is_empty(), "no layers left: {layers:?}");
});
