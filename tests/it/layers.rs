//! What `load` puts on disk: unpacked layers with overlay whiteouts, opaque markers, and owners
//! shifted into the subordinate range when rootless.

use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::PathBuf;

use crate::support::*;

fn diff_dir(ctx: &TestContext, chain: &str) -> PathBuf {
    ctx.store_root()
        .join("overlay")
        .join(chain.trim_start_matches("sha256:"))
        .join("diff")
}

both_modes!(multilayer_on_disk, |ctx| {
    let img = ctx.load(&FixtureImage::multilayer(), &["multi:v1"]);
    let chains = img.chain_ids();
    let (l1, l2, l3) = (
        diff_dir(ctx, &chains[0]),
        diff_dir(ctx, &chains[1]),
        diff_dir(ctx, &chains[2]),
    );
    for d in [&l1, &l2, &l3] {
        assert!(d.is_dir(), "layer dir {} exists", d.display());
    }
    let layer_json = ctx
        .store_root()
        .join("overlay")
        .join(chains[1].trim_start_matches("sha256:"))
        .join("layer.json");
    assert!(layer_json.is_file());

    // Layer 1: plain files, owners mapped.
    let bb = std::fs::symlink_metadata(l1.join("bin/busybox")).unwrap();
    assert_eq!(bb.len(), std::fs::metadata("/bin/busybox").unwrap().len());
    assert_eq!((bb.uid(), bb.gid()), (ctx.host_uid(0), ctx.host_gid(0)));
    assert_eq!(std::fs::read_link(l1.join("bin/sh")).unwrap(), PathBuf::from("busybox"));
    assert!(l1.join("etc/removeme").is_file());
    let www = std::fs::symlink_metadata(l1.join("var/www")).unwrap();
    assert_eq!((www.uid(), www.gid()), (ctx.host_uid(33), ctx.host_gid(33)));
    let tmp = std::fs::symlink_metadata(l1.join("tmp")).unwrap();
    assert_eq!(tmp.permissions().mode() & 0o7777, 0o1777);

    // Layer 2: a whiteout is a 0/0 character device; the opaque dir carries the xattr.
    let wh = std::fs::symlink_metadata(l2.join("etc/removeme")).expect("whiteout present");
    assert!(
        wh.file_type().is_char_device(),
        "whiteout is a char device: {:?}",
        wh.file_type()
    );
    assert_eq!(wh.rdev(), 0);
    assert!(
        !l2.join("etc/.wh.removeme").exists(),
        "the .wh. marker itself is not stored"
    );
    let opaque = xattr(&l2.join("data/old"), &ctx.overlay_xattr("opaque"));
    assert_eq!(
        opaque.as_deref(),
        Some(&b"y"[..]),
        "opaque xattr {} on data/old",
        ctx.overlay_xattr("opaque")
    );
    assert!(!l2.join("data/old/.wh..wh..opq").exists());
    assert!(l2.join("data/old/c.txt").is_file() && !l2.join("data/old/a.txt").exists());

    // Owners and modes.
    let srv = std::fs::symlink_metadata(l2.join("srv/www")).unwrap();
    assert_eq!((srv.uid(), srv.gid()), (ctx.host_uid(33), ctx.host_gid(33)));
    assert_eq!(srv.permissions().mode() & 0o7777, 0o750);
    let index = std::fs::symlink_metadata(l2.join("srv/www/index.html")).unwrap();
    assert_eq!((index.uid(), index.gid()), (ctx.host_uid(33), ctx.host_gid(33)));
    if ctx.mode == Mode::Rootless {
        assert_eq!(
            index.uid(),
            test_user().subuid_start + 32,
            "uid 33 maps to subuid start + 32"
        );
    }
    assert_eq!(index.permissions().mode() & 0o7777, 0o640);
    let notes = std::fs::symlink_metadata(l2.join("home/user/notes")).unwrap();
    assert_eq!((notes.uid(), notes.gid()), (ctx.host_uid(1000), ctx.host_gid(1000)));
    assert_eq!(notes.permissions().mode() & 0o7777, 0o600);
    let suid = std::fs::symlink_metadata(l2.join("usr/local/bin/suid")).unwrap();
    assert_eq!(suid.permissions().mode() & 0o7777, 0o4755, "setuid bit kept");
    assert_eq!(suid.uid(), ctx.host_uid(0));

    // Layer 3 holds only its own files.
    assert_eq!(std::fs::read_to_string(l3.join("etc/motd")).unwrap(), "layer three\n");
    assert!(!l3.join("bin").exists());

    // Short links point at the diff dirs.
    let links: Vec<PathBuf> = std::fs::read_dir(ctx.store_root().join("overlay/l"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(links.len(), 3, "{links:?}");
    for l in links {
        assert!(
            l.join("bin").exists() || l.join("etc").exists(),
            "{} resolves",
            l.display()
        );
    }
});

both_modes!(shared_base_layer_unpacked_once, |ctx| {
    let a = ctx.load(&FixtureImage::busybox(), &["busybox:latest"]);
    let b = ctx.load(
        &FixtureImage::multilayer()
            .layers(vec![fixtures::busybox_layer()])
            .label("other"),
        &["b:1"],
    );
    assert_eq!(a.chain_ids(), b.chain_ids());
    assert_ne!(a.id, b.id);
    let dirs: Vec<String> = std::fs::read_dir(ctx.store_root().join("overlay"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "l")
        .collect();
    assert_eq!(dirs, vec![a.chain_ids()[0].trim_start_matches("sha256:").to_string()]);
    // Removing one image keeps the layer the other uses.
    ctx.ferry(&["rmi", "busybox"]).success();
    assert!(diff_dir(ctx, &a.chain_ids()[0]).join("bin/busybox").exists());
});
