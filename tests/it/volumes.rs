//! Named and anonymous volumes: created on first use, kept across containers, the image's
//! content copied in, `volume` commands, `rm -v`, `run --rm`, prune, export and import.

use std::os::unix::fs::MetadataExt;

use crate::support::*;

const IMG: &str = "volimg:latest";
/// The multilayer fixture: `/srv/www` (33:33, 0750) holds `index.html` (33:33, 0640).
const WEB: &str = "webimg:latest";

fn setup(ctx: &TestContext) {
    ctx.load(&FixtureImage::busybox(), &[IMG]);
}

fn volume_names(ctx: &TestContext) -> Vec<String> {
    ctx.ferry(&["volume", "ls", "-q"]).success().lines()
}

both_modes!(named_volume_keeps_data, |ctx| {
    setup(ctx);
    ctx.ferry(&[
        "run",
        "--rm",
        "-v",
        "data:/d",
        IMG,
        "sh",
        "-c",
        "echo hi > /d/f; stat -c %u /d",
    ])
    .success()
    .stdout_contains("0");
    assert_eq!(volume_names(ctx), ["data"]);
    let out = ctx
        .ferry(&["run", "--rm", "-v", "data:/other", IMG, "cat", "/other/f"])
        .success();
    assert_eq!(out.lines(), ["hi"]);
    // On the host: <store>/volumes/data/_data, owned by the container's root.
    let f = ctx.store_root().join("volumes/data/_data/f");
    let meta = std::fs::metadata(&f).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (ctx.host_uid(0), ctx.host_gid(0)));
    // The volume survives removing its containers (and run --rm keeps named volumes).
    ctx.ferry(&["run", "--name", "c", "-v", "data:/d", IMG, "true"])
        .success();
    ctx.ferry(&["rm", "-v", "c"]).success();
    assert_eq!(volume_names(ctx), ["data"]);
    let v = ctx.ferry(&["volume", "inspect", "data"]).success().json();
    let v = &v[0];
    assert_eq!(v["Name"], "data");
    assert_eq!(v["Driver"], "local");
    assert_eq!(v["Scope"], "local");
    assert_eq!(v["Mountpoint"], p(&ctx.store_root().join("volumes/data/_data")));
    assert_eq!(v["NeedsCopyUp"], false);
    assert!(v["CreatedAt"].as_str().unwrap().starts_with("20"), "{v}");
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "Name",
            "Driver",
            "Mountpoint",
            "CreatedAt",
            "Labels",
            "Scope",
            "Options",
            "MountCount",
            "NeedsCopyUp",
            "NeedsChown"
        ]
    );
    let out = ctx
        .ferry(&["volume", "inspect", "--format", "{{.Name}} {{.Driver}}", "data"])
        .success();
    assert_eq!(out.lines(), ["data local"]);
    ctx.ferry(&["volume", "inspect", "nosuch"])
        .code(125)
        .stderr_contains("no such volume");
});

both_modes!(first_use_copies_image_content, |ctx| {
    ctx.load(&FixtureImage::multilayer(), &[WEB]);
    let out = ctx
        .ferry(&[
            "run",
            "--rm",
            "-v",
            "web:/srv/www",
            WEB,
            "sh",
            "-c",
            "cat /srv/www/index.html; stat -c '%u:%g %a' /srv/www /srv/www/index.html",
        ])
        .success();
    assert_eq!(out.lines(), ["<h1>hello</h1>", "33:33 750", "33:33 640"]);
    let f = ctx.store_root().join("volumes/web/_data/index.html");
    let meta = std::fs::metadata(&f).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (ctx.host_uid(33), ctx.host_gid(33)));
    // Not copied again over content the volume has.
    ctx.ferry(&[
        "run",
        "--rm",
        "-v",
        "web:/srv/www",
        WEB,
        "sh",
        "-c",
        "rm /srv/www/index.html; echo mine > /srv/www/own",
    ])
    .success();
    let out = ctx
        .ferry(&["run", "--rm", "-v", "web:/srv/www", WEB, "ls", "/srv/www"])
        .success();
    assert_eq!(out.lines(), ["own"]);
    // nocopy: the volume stays empty.
    let out = ctx
        .ferry(&["run", "--rm", "-v", "bare:/srv/www:nocopy", WEB, "ls", "-A", "/srv/www"])
        .success();
    assert!(out.lines().is_empty(), "{:?}", out.lines());
    let out = ctx
        .ferry(&[
            "run",
            "--rm",
            "--mount",
            "type=volume,src=bare2,dst=/srv/www,volume-nocopy",
            WEB,
            "ls",
            "-A",
            "/srv/www",
        ])
        .success();
    assert!(out.lines().is_empty(), "{:?}", out.lines());
    // A volume created with o=nocopy is never filled.
    ctx.ferry(&["volume", "create", "--opt", "o=nocopy", "nc"]).success();
    let out = ctx
        .ferry(&["run", "--rm", "-v", "nc:/srv/www", WEB, "ls", "-A", "/srv/www"])
        .success();
    assert!(out.lines().is_empty(), "{:?}", out.lines());
    // A volume on a path the image lacks is simply empty.
    ctx.ferry(&["run", "--rm", "-v", "fresh:/nowhere", WEB, "ls", "/nowhere"])
        .success();
});

both_modes!(rm_refuses_volumes_in_use_and_prune_keeps_them, |ctx| {
    setup(ctx);
    ctx.ferry(&["create", "--name", "user", "-v", "used:/u", IMG, "true"])
        .success();
    ctx.ferry(&["volume", "create", "unused"])
        .success()
        .stdout_contains("unused");
    ctx.ferry(&["volume", "create", "unused"])
        .code(125)
        .stderr_contains("volume with name unused already exists");
    ctx.ferry(&["volume", "rm", "used"])
        .code(2)
        .stderr_contains("volume used is being used by the following container(s)");
    ctx.ferry(&["volume", "rm", "nosuch"])
        .code(1)
        .stderr_contains("no such volume");
    let out = ctx.ferry(&["volume", "prune", "-f"]).success();
    assert_eq!(out.lines(), ["unused"]);
    assert_eq!(volume_names(ctx), ["used"]);
    let dangling = ctx
        .ferry(&["volume", "ls", "-q", "--filter", "dangling=true"])
        .success();
    assert!(dangling.lines().is_empty());
    // -f removes the container that uses it first, as Podman.
    ctx.ferry(&["volume", "rm", "-f", "used"]).success();
    assert!(volume_names(ctx).is_empty());
    assert!(ctx.ferry(&["ps", "-a", "-q"]).success().lines().is_empty());
    assert!(!ctx.store_root().join("volumes/used").exists());
    // exists.
    ctx.ferry(&["volume", "exists", "used"]).code(1);
    ctx.ferry(&["volume", "create", "again"]).success();
    ctx.ferry(&["volume", "exists", "again"]).success();
});

both_modes!(anonymous_volumes, |ctx| {
    let tarball = ctx.file("rootfs.tar");
    FixtureImage::busybox().write_rootfs_tar(&tarball);
    ctx.ferry(&["import", "--change", "VOLUME /data", p(&tarball), "anonimg"])
        .success();
    ctx.ferry(&[
        "run",
        "--name",
        "a",
        "anonimg",
        "sh",
        "-c",
        "echo x > /data/x; grep -c ' /data ' /proc/mounts",
    ])
    .success()
    .stdout_contains("1");
    let names = volume_names(ctx);
    assert_eq!(names.len(), 1, "{names:?}");
    assert_eq!(names[0].len(), 64);
    let v = ctx.ferry(&["volume", "inspect", &names[0]]).success().json();
    assert_eq!(v[0]["Anonymous"], true);
    // rm without -v keeps it, as Podman.
    ctx.ferry(&["run", "--name", "b", "anonimg", "true"]).success();
    ctx.ferry(&["rm", "b"]).success();
    assert_eq!(volume_names(ctx).len(), 2);
    ctx.ferry(&["rm", "-v", "a"]).success();
    let left = volume_names(ctx);
    assert_eq!(left.len(), 1);
    assert_ne!(left[0], names[0]);
    ctx.ferry(&["volume", "prune", "-f"]).success();
    // run --rm removes the anonymous volumes of -v DST and of the image.
    ctx.ferry(&[
        "run", "--rm", "-v", "/anon", "-v", "keep:/k", "anonimg", "touch", "/anon/f", "/data/f",
    ])
    .success();
    assert_eq!(volume_names(ctx), ["keep"]);
    // A user mount at the image's VOLUME path replaces the anonymous volume.
    ctx.ferry(&["run", "--rm", "-v", "keep:/data", "anonimg", "true"])
        .success();
    assert_eq!(volume_names(ctx), ["keep"]);
    // Detached with --rm: the monitor removes them.
    ctx.ferry(&["run", "-d", "--rm", "--name", "d", "anonimg", "true"])
        .success();
    ctx.ferry(&["wait", "d"]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while volume_names(ctx).len() != 1 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(volume_names(ctx), ["keep"]);
});

both_modes!(ls_formats_and_filters, |ctx| {
    ctx.ferry(&["volume", "create", "--label", "env=prod", "alpha"])
        .success();
    ctx.ferry(&["volume", "create", "beta"]).success();
    let random = ctx.ferry(&["volume", "create"]).success().stdout().trim().to_string();
    assert_eq!(random.len(), 64, "{random}");
    let table = ctx.ferry(&["volume", "ls"]).success().lines();
    assert_eq!(
        table[0].split_whitespace().collect::<Vec<_>>(),
        ["DRIVER", "VOLUME", "NAME"]
    );
    assert!(
        table
            .iter()
            .any(|r| r.split_whitespace().collect::<Vec<_>>() == ["local", "alpha"]),
        "{table:?}"
    );
    let names = ctx.ferry(&["volume", "ls", "--format", "{{.Name}}"]).success().lines();
    let mut want = vec!["alpha".to_string(), "beta".to_string(), random.clone()];
    want.sort();
    assert_eq!(names, want);
    assert_eq!(volume_names(ctx), want);
    let json = ctx.ferry(&["volume", "ls", "--format", "json"]).success().json();
    assert_eq!(json.as_array().unwrap().len(), 3);
    let alpha = json.as_array().unwrap().iter().find(|v| v["Name"] == "alpha").unwrap();
    assert_eq!(alpha["Labels"]["env"], "prod");
    let f = |filter: &str| ctx.ferry(&["volume", "ls", "-q", "--filter", filter]).success().lines();
    assert_eq!(f("label=env=prod"), ["alpha"]);
    assert_eq!(f("label=env"), ["alpha"]);
    assert_eq!(f("name=bet"), ["beta"]);
    assert_eq!(f("dangling=true").len(), 3);
    ctx.ferry(&["volume", "ls", "--filter", "colour=red"]).code(125);
    // prune with a filter removes only what matches.
    let out = ctx
        .ferry(&["volume", "prune", "-f", "--filter", "label=env=prod"])
        .success();
    assert_eq!(out.lines(), ["alpha"]);
    ctx.ferry(&["volume", "create", "--driver", "nfs", "x"])
        .code(125)
        .stderr_contains("not supported");
    ctx.ferry(&["volume", "create", "bad/name"])
        .code(125)
        .stderr_contains("invalid volume name");
    // Podman's o=uid=N,gid=N,nocopy.
    ctx.ferry(&["volume", "create", "--opt", "o=uid=33,gid=33,nocopy", "podmanstyle"])
        .success();
    let meta = std::fs::metadata(ctx.store_root().join("volumes/podmanstyle/_data")).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (ctx.host_uid(33), ctx.host_gid(33)));
    let v = ctx.ferry(&["volume", "inspect", "podmanstyle"]).success().json();
    assert_eq!((v[0]["UID"].as_u64(), v[0]["GID"].as_u64()), (Some(33), Some(33)));
    assert_eq!(v[0]["Options"]["o"], "uid=33,gid=33,nocopy");
    ctx.ferry(&[
        "volume",
        "create",
        "--opt",
        "type=tmpfs",
        "--opt",
        "device=tmpfs",
        "tmp",
    ])
    .code(125)
    .stderr_contains("not supported");
    // --opt uid/gid set the owner of the volume's root.
    ctx.ferry(&["volume", "create", "--opt", "uid=1000", "--opt", "gid=1000", "owned"])
        .success();
    let meta = std::fs::metadata(ctx.store_root().join("volumes/owned/_data")).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (ctx.host_uid(1000), ctx.host_gid(1000)));
});

both_modes!(export_import_round_trip, |ctx| {
    setup(ctx);
    ctx.ferry(&[
        "run",
        "--rm",
        "-v",
        "src:/d",
        IMG,
        "sh",
        "-c",
        "mkdir /d/sub; echo one > /d/sub/f; chown 1000:1000 /d/sub/f; ln -s sub/f /d/link",
    ])
    .success();
    let archive = ctx.file("vol.tar");
    ctx.ferry(&["volume", "export", "src", "-o", p(&archive)]).success();
    ctx.ferry(&["volume", "create", "dst"]).success();
    ctx.ferry(&["volume", "import", "dst", p(&archive)]).success();
    let script = "cat /d/sub/f; stat -c %u:%g /d/sub/f; readlink /d/link";
    let out = ctx
        .ferry(&["run", "--rm", "-v", "dst:/d", IMG, "sh", "-c", script])
        .success();
    assert_eq!(out.lines(), ["one", "1000:1000", "sub/f"]);
    // From stdin, and export to stdout.
    ctx.ferry(&["volume", "create", "piped"]).success();
    let data = std::fs::read(&archive).unwrap();
    ctx.ferry_stdin(&["volume", "import", "piped", "-"], &data).success();
    let out = ctx
        .ferry(&["run", "--rm", "-v", "piped:/d", IMG, "cat", "/d/sub/f"])
        .success();
    assert_eq!(out.lines(), ["one"]);
    let streamed = ctx.ferry(&["volume", "export", "piped"]).success();
    assert!(streamed.stdout_bytes.len() >= 1024, "a tar archive on stdout");
    ctx.ferry(&["volume", "import", "nosuch", p(&archive)])
        .code(125)
        .stderr_contains("no such volume");
});

both_modes!(system_df_and_prune_count_volumes, |ctx| {
    setup(ctx);
    ctx.ferry(&[
        "run",
        "--rm",
        "-v",
        "big:/d",
        IMG,
        "sh",
        "-c",
        "head -c 100000 /bin/busybox > /d/blob",
    ])
    .success();
    ctx.ferry(&["create", "--name", "holder", "-v", "held:/d", IMG, "true"])
        .success();
    let rows = ctx.ferry(&["system", "df", "--format", "json"]).success().json();
    let vols = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["Type"] == "Local Volumes")
        .unwrap()
        .clone();
    assert_eq!(vols["Total"], 2);
    assert_eq!(vols["Active"], 1);
    assert_eq!(vols["RawSize"], 100000);
    assert_eq!(vols["RawReclaimable"], 100000);
    let verbose = ctx.ferry(&["system", "df", "-v"]).success().stdout();
    let section = verbose.split("Local Volumes space usage:").nth(1).unwrap();
    let rows: Vec<Vec<&str>> = section.lines().map(|l| l.split_whitespace().collect()).collect();
    assert!(rows.contains(&vec!["held", "1", "0", "B"]), "{section}");
    assert!(rows.contains(&vec!["big", "0", "100", "kB"]), "{section}");
    ctx.ferry(&["system", "prune", "-f", "--volumes"])
        .success()
        .stdout_contains("Deleted Volumes\nbig\n");
    assert_eq!(volume_names(ctx), ["held"]);
});

both_modes!(concurrent_runs_share_one_volume, |ctx| {
    setup(ctx);
    // Eight containers create the same volume on first use at once, with a prune racing them:
    // every run succeeds and every file lands in the one volume.
    let children: Vec<_> = (0..8)
        .map(|i| {
            let script = format!("echo {i} > /d/f{i}");
            let mut cmd = ctx.ferry_command(&["run", "--rm", "-v", "racy:/d", IMG, "sh", "-c", &script]);
            cmd.stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    ctx.ferry(&["volume", "prune", "-f"]).success();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let out = ctx.ferry(&["run", "--rm", "-v", "racy:/d", IMG, "ls", "/d"]).success();
    let files = out.lines();
    // A prune that ran between two runs may have removed the volume (no container used it then);
    // what is there is whole: one volume, every file in it complete.
    assert_eq!(volume_names(ctx), ["racy"]);
    for f in &files {
        let n = f.trim_start_matches('f');
        let content = ctx
            .ferry(&["run", "--rm", "-v", "racy:/d", IMG, "cat", &format!("/d/{f}")])
            .success();
        assert_eq!(content.lines(), [n]);
    }
});

both_modes!(import_refuses_to_escape_the_volume, |ctx| {
    // `..` names, absolute names, and a symlink to a host directory followed by a file through it.
    let outside = ctx.dir.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let hostile = LayerSpec::new()
        .file("../../escaped", 0o644, "x")
        .file(&format!("{}/abs", p(&outside)), 0o644, "x")
        .symlink("link", p(&outside))
        .file("link/through", 0o644, "x")
        .file("fine", 0o644, "ok\n")
        .tar();
    let archive = ctx.file("hostile.tar");
    std::fs::write(&archive, hostile).unwrap();
    ctx.ferry(&["volume", "create", "h"]).success();
    // Refusing the whole archive or skipping the bad entries are both fine; escaping is not.
    let _ = ctx.ferry(&["volume", "import", "h", p(&archive)]);
    assert!(walk(&outside).is_empty(), "{:?}", walk(&outside));
    assert!(!ctx.store_root().join("volumes/escaped").exists());
    assert!(!ctx.store_root().join("escaped").exists());
});

// A symlink in a shared volume swapped as fast as can be (from the host, as another container
// could) while containers start with a mount through it: each start either works, with its
// read-only mount read-only, or fails with an error naming the mount; it never panics, and
// the mount's options never land elsewhere.
both_modes!(symlink_swaps_in_a_shared_volume_during_start, |ctx| {
    use std::sync::atomic::{AtomicBool, Ordering};
    setup(ctx);
    let host_dir = ctx.file("bind");
    std::fs::create_dir_all(&host_dir).unwrap();
    std::fs::set_permissions(&host_dir, std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
    ctx.ferry(&[
        "run",
        "--rm",
        "-v",
        "shared:/shared",
        IMG,
        "mkdir",
        "/shared/a",
        "/shared/b",
    ])
    .success();
    let data = ctx.store_root().join("volumes/shared/_data");
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let swappers: Vec<_> = (0..2)
        .map(|t| {
            let (stop, data) = (stop.clone(), data.clone());
            std::thread::spawn(move || {
                let (link, tmp) = (data.join("link"), data.join(format!("link.tmp{t}")));
                let mut n = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    // Flips between the two directories, and moments without the link at all.
                    let _ = std::os::unix::fs::symlink(if n.is_multiple_of(2) { "a" } else { "b" }, &tmp);
                    let _ = std::fs::rename(&tmp, &link);
                    if n.is_multiple_of(3) {
                        let _ = std::fs::remove_file(&link);
                    }
                    // A start that met no link made a directory there (as for any missing
                    // mount point): it goes too, once nothing is mounted on it.
                    let _ = std::fs::remove_dir(&link);
                    n += 1;
                }
                n
            })
        })
        .collect();
    let bind = format!("{}:/shared/link:ro", p(&host_dir));
    let (mut started, mut refused) = (0, 0);
    for _ in 0..40 {
        let out = ctx.ferry(&[
            "run",
            "--rm",
            "--network",
            "none",
            "-v",
            "shared:/shared",
            "-v",
            &bind,
            IMG,
            "sh",
            "-c",
            "touch /shared/a/probe /shared/b/probe 2>/dev/null; echo done",
        ]);
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        match out.code {
            Some(0) => {
                started += 1;
                assert_eq!(out.stdout().trim(), "done");
                // The bind is on a or b, read-only: its source is never written.
                assert!(!host_dir.join("probe").exists(), "the read-only mount was writable");
            }
            Some(125) => {
                refused += 1;
                assert!(out.stderr.contains("/shared/link"), "{}", out.stderr);
            }
            code => panic!("exit {code:?}: {}", out.stderr),
        }
    }
    stop.store(true, Ordering::Relaxed);
    let swaps: u64 = swappers.into_iter().map(|s| s.join().unwrap()).sum();
    eprintln!("{started} started, {refused} refused; {swaps} swaps");
    assert!(!host_dir.join("probe").exists());
    assert_eq!(started + refused, 40);
});
