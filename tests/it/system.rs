//! `info`, `version`, `system df`, `system prune`, `system reset`, and where the store lives.

use crate::support::*;

both_modes!(info_paths_and_host, |ctx| {
    let v = ctx.ferry(&["info", "--format", "json"]).success().json();
    assert_eq!(v["store"]["graphRoot"].as_str(), Some(p(&ctx.store_root())), "{v:#}");
    assert_eq!(v["store"]["runRoot"].as_str(), Some(p(&ctx.runroot())), "{v:#}");
    assert_eq!(
        v["host"]["security"]["rootless"].as_bool(),
        Some(ctx.mode == Mode::Rootless),
        "{v:#}"
    );
    assert!(v["host"]["arch"].as_str().is_some_and(|a| !a.is_empty()), "{v:#}");
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap();
    assert_eq!(v["host"]["kernel"].as_str(), Some(kernel.trim()), "{v:#}");

    let root = ctx.ferry(&["info", "--format", "{{.Store.GraphRoot}}"]).success();
    assert_eq!(root.stdout().trim(), p(&ctx.store_root()));
    let rootless = ctx
        .ferry(&["system", "info", "--format", "{{.Host.Security.Rootless}}"])
        .success();
    assert_eq!(rootless.stdout().trim(), (ctx.mode == Mode::Rootless).to_string());
    ctx.ferry(&["info"]).success().stdout_contains(p(&ctx.store_root()));
});

both_modes!(store_created_where_expected, |ctx| {
    ctx.ferry(&["images"]).success();
    let root = ctx.store_root();
    assert!(root.join("oci/index.json").is_file(), "store at {}", root.display());
    assert!(root.join("oci/oci-layout").is_file());
    if ctx.mode == Mode::Rootless {
        // The default rootless paths come from XDG_DATA_HOME and XDG_RUNTIME_DIR.
        let meta = std::fs::metadata(&root).unwrap();
        assert_eq!(std::os::unix::fs::MetadataExt::uid(&meta), test_user().uid);
        assert!(ctx.runroot().is_dir(), "runroot at {}", ctx.runroot().display());
    }
});

both_modes!(version, |ctx| {
    let version = env!("CARGO_PKG_VERSION");
    ctx.ferry(&["version"])
        .success()
        .stdout_contains(version)
        .stdout_contains("Version:");
    let v = ctx.ferry(&["version", "--format", "json"]).success().json();
    assert_eq!(v["Client"]["Version"].as_str(), Some(version), "{v:#}");
    let t = ctx.ferry(&["version", "--format", "{{.Client.Version}}"]).success();
    assert_eq!(t.stdout().trim(), version);
    ctx.ferry(&["--version"]).success().stdout_contains(version);
});

both_modes!(system_df, |ctx| {
    ctx.ferry(&["system", "df"]).success().stdout_contains("Images");
    let bb = ctx.load(&FixtureImage::busybox(), &["busybox:latest"]);
    ctx.load(&FixtureImage::multilayer(), &["multi:v1"]);
    let out = ctx.ferry(&["system", "df"]).success();
    let lines = out.lines();
    assert!(lines[0].contains("TYPE") && lines[0].contains("TOTAL"), "{lines:#?}");
    let images = lines.iter().find(|l| l.starts_with("Images")).expect("Images row");
    assert!(images.split_whitespace().nth(1) == Some("2"), "two images: {images}");
    let json = ctx.ferry(&["system", "df", "--format", "json"]).success().json();
    let row = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["Type"] == "Images")
        .expect("Images in df json");
    assert_eq!(row["Total"].as_u64(), Some(2), "{json:#}");
    ctx.ferry(&["system", "df", "-v"])
        .success()
        .stdout_contains(bb.short_id());
});

both_modes!(system_prune, |ctx| {
    let keep = ctx.load(&FixtureImage::busybox(), &["busybox:latest"]);
    ctx.load(&FixtureImage::multilayer(), &["multi:v1"]);
    ctx.ferry(&["untag", "multi:v1"]).success();
    ctx.ferry(&["system", "prune", "-f"]).success();
    assert_eq!(ctx.image_ids(), vec![keep.id.clone()], "dangling images pruned");
    ctx.ferry(&["system", "prune", "-a", "-f"]).success();
    assert!(ctx.image_ids().is_empty(), "unused images pruned with -a");
    crate::concurrency::check_layout(ctx);
});

both_modes!(system_reset, |ctx| {
    ctx.load(&FixtureImage::busybox(), &["busybox:latest"]);
    ctx.load(&FixtureImage::multilayer(), &["multi:v1"]);
    ctx.ferry(&["system", "reset", "-f"]).success();
    let root = ctx.store_root();
    let left: Vec<_> = walk(&root)
        .into_iter()
        .filter(|p| {
            let s = p.to_string_lossy();
            s.contains("/overlay/") && !s.ends_with("/overlay/l") || s.contains("/blobs/sha256/")
        })
        .collect();
    assert!(left.is_empty(), "store content left after reset: {left:?}");
    assert!(ctx.image_ids().is_empty());
    // The store works again afterwards.
    ctx.load(&FixtureImage::busybox(), &["busybox:latest"]);
    assert_eq!(ctx.image_ids().len(), 1);
});
