//! Crash safety: a `load` killed at any point leaves no half-loaded image, does not stop the
//! next load, and what it left behind is removed by `system prune`.

use std::time::{Duration, Instant};

use crate::hostile::assert_no_leftovers;
use crate::support::*;

/// True once the killed load has visibly started writing into the store.
fn in_flight(ctx: &TestContext) -> bool {
    let root = ctx.store_root();
    let busy = |dir: &str, any: bool| {
        std::fs::read_dir(root.join(dir))
            .map(|r| {
                r.flatten()
                    .any(|e| any || e.file_name().to_string_lossy().starts_with(".tmp-"))
            })
            .unwrap_or(false)
    };
    busy("tmp", true) || busy("overlay", false) || busy("oci/blobs/sha256", false)
}

both_modes!(kill_during_load, |ctx| {
    let archive = ctx.file("large.tar");
    let large = FixtureImage::large().write_docker_archive(&archive, &["large:1"]);
    let small = ctx.load(&FixtureImage::busybox(), &["busybox:latest"]);
    // Different delays hit different phases (reading the archive, unpacking, committing).
    let delays = [None, Some(Duration::from_millis(150)), Some(Duration::from_millis(600))];
    for delay in delays {
        let mut child = ctx
            .ferry_command(&["load", "-i", p(&archive)])
            .spawn()
            .expect("spawn ferry load");
        let start = Instant::now();
        match delay {
            None => {
                while !in_flight(ctx) && start.elapsed() < Duration::from_secs(60) {
                    if child.try_wait().unwrap().is_some() {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
            Some(d) => std::thread::sleep(d),
        }
        let _ = child.kill();
        let status = child.wait().unwrap();
        // Either killed mid-way or already done: both must leave a consistent store.
        let ids = ctx.image_ids();
        let listed = ctx.images_json();
        assert_eq!(listed.len(), ids.len());
        assert!(ids.contains(&small.id), "the existing image survives");
        if ids.contains(&large.id) {
            // Only complete images are listed: every layer is there.
            let v = ctx.inspect("large:1");
            assert_eq!(v["RootFS"]["Layers"].as_array().map(Vec::len), Some(2), "{status:?}");
            ctx.ferry(&["rmi", "large:1"]).success();
        }
        ctx.ferry(&["load", "-i", p(&archive)]).success();
        assert!(ctx.image_ids().contains(&large.id));
        let data = ctx
            .store_root()
            .join("overlay")
            .join(large.chain_ids()[1].trim_start_matches("sha256:"));
        assert_eq!(std::fs::read_dir(data.join("diff/data")).unwrap().count(), 25);
        ctx.ferry(&["system", "prune", "-f"]).success();
        assert_no_leftovers(ctx);
        ctx.ferry(&["rmi", "large:1"]).success();
    }
    // Plant the kind of debris a killed process leaves, then prune it.
    let root = ctx.store_root();
    for d in [root.join("tmp/load-debris"), root.join("overlay/.tmp-debris/diff")] {
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("f"), "x").unwrap();
    }
    std::fs::write(root.join("oci/blobs/sha256/.tmp-debris"), "x").unwrap();
    // Debris has the owner the killed process would have had.
    for p in walk(&root) {
        if p.to_string_lossy().contains("debris") {
            std::os::unix::fs::lchown(&p, Some(ctx.host_uid(0)), Some(ctx.host_gid(0))).unwrap();
        }
    }
    ctx.ferry(&["system", "prune", "-f"]).success();
    assert_no_leftovers(ctx);
    assert_eq!(ctx.image_ids(), vec![small.id.clone()]);
});
