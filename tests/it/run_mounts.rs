//! Bind mounts, tmpfs, `--mount` and `--volumes-from`: ownership both ways, read-only binds,
//! `U`, mount options as the container sees them in /proc/mounts, and bad input that leaves no
//! container behind.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::PathBuf;

use crate::support::*;

const IMG: &str = "mntimg:latest";

fn setup(ctx: &TestContext) {
    ctx.load(&FixtureImage::busybox(), &[IMG]);
}

/// A directory under `files/` owned by the mode's user, with `mode`.
fn host_dir(ctx: &TestContext, name: &str, mode: u32) -> PathBuf {
    let d = ctx.file(name);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::set_permissions(&d, std::fs::Permissions::from_mode(mode)).unwrap();
    let (uid, gid) = (ctx.host_uid(0), ctx.host_gid(0));
    std::os::unix::fs::chown(&d, Some(uid), Some(gid)).unwrap();
    d
}

/// `ferry run --rm FLAGS IMG sh -c SCRIPT`.
fn sh(ctx: &TestContext, flags: &[&str], script: &str) -> Output {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&[IMG, "sh", "-c", script]);
    ctx.ferry(&args)
}

/// The /proc/mounts line of `dst` as the container sees it.
#[track_caller]
fn mount_line(ctx: &TestContext, flags: &[&str], dst: &str) -> String {
    let out = sh(ctx, flags, "cat /proc/mounts").success().stdout();
    out.lines()
        .find(|l| l.split_whitespace().nth(1) == Some(dst))
        .unwrap_or_else(|| panic!("no mount on {dst} in:\n{out}"))
        .to_string()
}

fn no_containers(ctx: &TestContext) {
    let ps = ctx.ferry(&["ps", "-a", "-q"]).success();
    assert!(ps.lines().is_empty(), "containers left behind: {:?}", ps.lines());
}

both_modes!(bind_ownership_both_ways, |ctx| {
    setup(ctx);
    let dir = host_dir(ctx, "shared", 0o777);
    std::fs::write(dir.join("from-host"), "host\n").unwrap();
    std::os::unix::fs::chown(dir.join("from-host"), Some(ctx.host_uid(0)), Some(ctx.host_gid(0))).unwrap();
    let v = format!("{}:/m", p(&dir));
    // The mode's user is the container's root: its files show as root inside.
    let out = sh(
        ctx,
        &["-v", &v],
        "stat -c %u:%g /m/from-host; cat /m/from-host; echo in > /m/by-root",
    )
    .success();
    assert_eq!(out.lines(), ["0:0", "host"]);
    let meta = std::fs::metadata(dir.join("by-root")).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (ctx.host_uid(0), ctx.host_gid(0)));
    // A file made by uid 1000 inside belongs to the id it maps to.
    sh(ctx, &["-v", &v, "-u", "1000:1000"], "touch /m/by-user").success();
    let meta = std::fs::metadata(dir.join("by-user")).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (ctx.host_uid(1000), ctx.host_gid(1000)));
    // A relative source starting with "." is taken from the current directory (files/).
    let out = sh(ctx, &["-v", "./shared:/rel"], "cat /rel/from-host").success();
    assert_eq!(out.lines(), ["host"]);
});

both_modes!(readonly_bind_refuses_writes, |ctx| {
    setup(ctx);
    let dir = host_dir(ctx, "ro", 0o777);
    let v = format!("{}:/m:ro", p(&dir));
    sh(ctx, &["-v", &v], "touch /m/x")
        .failure()
        .stderr_contains("Read-only file system");
    // Root in the container cannot remount it writable either.
    sh(ctx, &["-v", &v], "mount -o remount,rw /m && touch /m/x").failure();
    assert!(!dir.join("x").exists());
    let line = mount_line(ctx, &["-v", &v], "/m");
    assert!(line.split_whitespace().nth(3).unwrap().starts_with("ro"), "{line}");
    // --mount's readonly says the same.
    let m = format!("type=bind,src={},dst=/b,readonly", p(&dir));
    sh(ctx, &["--mount", &m], "touch /b/x")
        .failure()
        .stderr_contains("Read-only file system");
});

both_modes!(option_flags_show_in_proc_mounts, |ctx| {
    setup(ctx);
    let dir = host_dir(ctx, "opts", 0o755);
    let v = format!("{}:/m:noexec,nodev,nosuid,rslave", p(&dir));
    let line = mount_line(ctx, &["-v", &v], "/m");
    let opts = line.split_whitespace().nth(3).unwrap().to_string();
    for o in ["rw", "nosuid", "nodev", "noexec"] {
        assert!(opts.split(',').any(|x| x == o), "{o} missing in {line}");
    }
    // z, Z and propagation are accepted.
    let v = format!("{}:/m:z,rprivate,rbind", p(&dir));
    sh(ctx, &["-v", &v], "true").success();
    let v = format!("{}:/m:Z,shared", p(&dir));
    sh(ctx, &["-v", &v], "true").success();
});

both_modes!(chown_option_u, |ctx| {
    setup(ctx);
    let dir = host_dir(ctx, "owned", 0o755);
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/f"), "x").unwrap();
    for p in [dir.join("sub"), dir.join("sub/f")] {
        std::os::unix::fs::lchown(&p, Some(ctx.host_uid(0)), Some(ctx.host_gid(0))).unwrap();
    }
    let v = format!("{}:/m:U", p(&dir));
    let out = sh(
        ctx,
        &["-v", &v, "-u", "1000:1000"],
        "stat -c %u:%g /m /m/sub/f; touch /m/new",
    )
    .success();
    assert_eq!(out.lines(), ["1000:1000", "1000:1000"]);
    for f in ["", "sub", "sub/f", "new"] {
        let meta = std::fs::metadata(dir.join(f)).unwrap();
        assert_eq!(
            (meta.uid(), meta.gid()),
            (ctx.host_uid(1000), ctx.host_gid(1000)),
            "{f}"
        );
    }
});

both_modes!(missing_host_path_is_an_error, |ctx| {
    setup(ctx);
    let missing = ctx.file("does-not-exist");
    ctx.ferry(&["run", "--rm", "-v", &format!("{}:/m", p(&missing)), IMG, "true"])
        .code(125)
        .stderr_contains(&format!("statfs {}: no such file or directory", p(&missing)));
    ctx.ferry(&["create", "-v", "./nope:/m", IMG, "true"])
        .code(125)
        .stderr_contains("statfs ./nope: no such file or directory");
    let m = format!("type=bind,src={},dst=/m", p(&missing));
    ctx.ferry(&["run", "--mount", &m, IMG, "true"]).code(125);
    assert!(!missing.exists(), "no silent creation");
    no_containers(ctx);
});

both_modes!(tmpfs_mounts, |ctx| {
    setup(ctx);
    let line = mount_line(ctx, &["--tmpfs", "/t"], "/t");
    let f: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(&f[..3], ["tmpfs", "/t", "tmpfs"], "{line}");
    for o in ["rw", "nosuid", "nodev", "noexec"] {
        assert!(f[3].split(',').any(|x| x == o), "{o} missing in {line}");
    }
    let line = mount_line(ctx, &["--tmpfs", "/t:size=1m,mode=700,exec"], "/t");
    assert!(line.contains("size=1024k") && line.contains("mode=700"), "{line}");
    assert!(!line.contains("noexec"), "{line}");
    // The image's content at the destination is copied in (tmpcopyup), unless notmpcopyup.
    let out = sh(
        ctx,
        &["--tmpfs", "/etc"],
        "cat /etc/group | head -1; grep -c ' /etc ' /proc/mounts",
    )
    .success();
    assert_eq!(out.lines(), ["root:x:0:", "1"]);
    let out = sh(ctx, &["--tmpfs", "/etc:notmpcopyup"], "ls /etc | grep -c passwd").failure();
    assert_eq!(out.lines(), ["0"]);
    // --mount type=tmpfs.
    let line = mount_line(ctx, &["--mount", "type=tmpfs,dst=/tt,tmpfs-size=2m"], "/tt");
    assert!(
        line.starts_with("tmpfs /tt tmpfs") && line.contains("size=2048k"),
        "{line}"
    );
});

both_modes!(mount_syntax_good_and_bad, |ctx| {
    setup(ctx);
    let dir = host_dir(ctx, "m", 0o777);
    std::fs::write(dir.join("f"), "content\n").unwrap();
    let good = format!("type=bind,source={},target=/b", p(&dir));
    let out = sh(ctx, &["--mount", &good], "cat /b/f; echo new > /b/g").success();
    assert_eq!(out.lines(), ["content"]);
    assert!(dir.join("g").exists());
    sh(ctx, &["--mount", "type=volume,src=mvol,dst=/v"], "echo kept > /v/k").success();
    let out = sh(
        ctx,
        &["--mount", "type=volume,src=mvol,dst=/v,ro"],
        "cat /v/k; touch /v/z",
    )
    .failure();
    assert_eq!(out.lines(), ["kept"]);
    let cases: &[(&str, &str)] = &[
        ("type=bind,dst=/x", "a bind mount needs a source"),
        ("type=volume,dst=/x,colour=red", "unknown field \"colour\""),
        ("type=volume,src=v", "destination is required"),
        ("type=floppy,dst=/x", "unknown type \"floppy\""),
        ("type=image,src=mntimg,dst=/x,rw", "image mounts are read-only"),
        ("type=tmpfs,dst=/t,tmpfs-size=huge", "invalid tmpfs size \"huge\""),
        ("type=volume,dst=/x,ro=perhaps", "invalid value \"perhaps\" for \"ro\""),
        ("type=volume,dst=relative", "must be an absolute path"),
    ];
    for (bad, want) in cases {
        ctx.ferry(&["run", "--rm", "--mount", bad, IMG, "true"])
            .code(125)
            .stderr_contains("invalid --mount")
            .stderr_contains(want);
    }
    for (flag, bad, want) in [
        ("-v", "/a:/b:/c:/d", "incorrect volume format"),
        ("-v", "vol:relative", "invalid container path \"relative\""),
        ("-v", "vol:/d:bogus", "invalid option type \"bogus\""),
        ("-v", "vol:/d:ro,rw", "more than once"),
        ("-v", "bad/name:/d", "invalid volume name"),
        ("--tmpfs", "/t:size=lots", "invalid --tmpfs"),
        ("--volumes-from", "c:sideways", "invalid --volumes-from"),
        // `..` resolves in the container's root: this one is the root itself.
        (
            "-v",
            "/etc:/dev/../../..",
            "invalid mount destination \"/dev/../../..\": the container's root cannot be a mount point",
        ),
    ] {
        ctx.ferry(&["run", "--rm", flag, bad, IMG, "true"])
            .code(125)
            .stderr_contains(want);
    }
    ctx.ferry(&["run", "--rm", "-v", "a:/d", "--tmpfs", "/d", IMG, "true"])
        .code(125)
        .stderr_contains("duplicate mount destination");
    // Without --rm either: bad input makes no container.
    ctx.ferry(&["run", "-v", "/etc:/dev/../../..", IMG, "true"])
        .code(125)
        .stderr_contains("invalid mount destination");
    // A destination with `..` inside the root is cleaned, as Podman cleans it.
    let out = sh(ctx, &["-v", &format!("{}:/a/../b/./c", p(&dir))], "cat /b/c/f").success();
    assert_eq!(out.lines(), ["content"]);
    ctx.ferry(&["run", "--rm", "--volumes-from", "nosuchctr", IMG, "true"])
        .code(125)
        .stderr_contains("nosuchctr");
    no_containers(ctx);
});

both_modes!(volumes_from_another_container, |ctx| {
    setup(ctx);
    let dir = host_dir(ctx, "vf", 0o777);
    let v = format!("{}:/host", p(&dir));
    ctx.ferry(&[
        "run",
        "--name",
        "src",
        "-v",
        "vfvol:/data",
        "-v",
        &v,
        IMG,
        "sh",
        "-c",
        "echo shared > /data/f",
    ])
    .success();
    let out = ctx
        .ferry(&[
            "run",
            "--rm",
            "--volumes-from",
            "src",
            IMG,
            "sh",
            "-c",
            "cat /data/f; echo w > /host/w",
        ])
        .success();
    assert_eq!(out.lines(), ["shared"]);
    assert!(dir.join("w").exists());
    let out = ctx
        .ferry(&[
            "run",
            "--rm",
            "--volumes-from",
            "src:ro",
            IMG,
            "sh",
            "-c",
            "cat /data/f; touch /data/g",
        ])
        .failure()
        .stderr_contains("Read-only file system");
    assert_eq!(out.lines(), ["shared"]);
    // inspect shows the source container's mounts as Podman does.
    let inspect = ctx.ferry(&["container", "inspect", "src"]).success().json();
    let mounts = inspect[0]["Mounts"].as_array().unwrap().clone();
    assert_eq!(mounts.len(), 2, "{mounts:?}");
    let vol = mounts.iter().find(|m| m["Type"] == "volume").unwrap();
    assert_eq!(vol["Name"], "vfvol");
    assert_eq!(vol["Destination"], "/data");
    assert_eq!(vol["Driver"], "local");
    assert_eq!(vol["RW"], true);
    assert_eq!(vol["Propagation"], "rprivate");
    assert!(
        vol["Source"].as_str().unwrap().ends_with("/volumes/vfvol/_data"),
        "{vol}"
    );
    let bind = mounts.iter().find(|m| m["Type"] == "bind").unwrap();
    assert_eq!(bind["Source"], p(&dir));
    assert_eq!(bind["Destination"], "/host");
    assert!(bind.get("Name").is_none());
    let binds = &inspect[0]["HostConfig"]["Binds"];
    assert_eq!(binds[0], "vfvol:/data:rbind,rprivate,rw,nosuid,nodev");
    assert_eq!(binds[1], format!("{}:/host:rbind,rprivate,rw", p(&dir)));
    ctx.ferry(&["create", "--name", "t", "--tmpfs", "/t:size=1m", IMG, "true"])
        .success();
    let inspect = ctx.ferry(&["container", "inspect", "t"]).success().json();
    assert_eq!(
        inspect[0]["HostConfig"]["Tmpfs"]["/t"],
        "rw,noexec,nosuid,nodev,size=1m"
    );
    assert_eq!(inspect[0]["Mounts"], serde_json::json!([]));
});

both_modes!(image_mounts, |ctx| {
    setup(ctx);
    ctx.load(&FixtureImage::multilayer(), &["webimg:latest"]);
    // Three layers: a read-only overlay that honours the image's whiteouts and opaque dirs.
    let m = "type=image,src=webimg,dst=/img";
    let script = "cat /img/etc/motd; ls /img/data/old; test -e /img/etc/removeme || echo gone; touch /img/x";
    let out = sh(ctx, &["--mount", m], script)
        .failure()
        .stderr_contains("Read-only file system");
    assert_eq!(out.lines(), ["layer three", "c.txt", "gone"]);
    // One layer: a read-only bind of the layer.
    let out = sh(
        ctx,
        &["--mount", "type=image,source=mntimg,target=/one"],
        "ls /one/bin/busybox; touch /one/x",
    )
    .failure()
    .stderr_contains("Read-only file system");
    assert_eq!(out.lines(), ["/one/bin/busybox"]);
    // The mounted image's layers outlive its name while a container mounts it.
    ctx.ferry(&["create", "--name", "c", "--mount", m, IMG, "cat", "/img/etc/motd"])
        .success();
    let inspect = ctx.ferry(&["container", "inspect", "c"]).success().json();
    let mounts = inspect[0]["Mounts"].as_array().unwrap().clone();
    assert_eq!(mounts.len(), 1);
    assert_eq!(mounts[0]["Type"], "image");
    assert_eq!(mounts[0]["RW"], false);
    assert_eq!(mounts[0]["Destination"], "/img");
    ctx.ferry(&["rmi", "webimg"]).success();
    ctx.ferry(&["image", "prune", "-a", "-f"]).success();
    let out = ctx.ferry(&["start", "-a", "c"]).success();
    assert_eq!(out.lines(), ["layer three"]);
    ctx.ferry(&[
        "run",
        "--rm",
        "--mount",
        "type=image,src=nosuchimage,dst=/x",
        "--pull",
        "never",
        IMG,
        "true",
    ])
    .code(125)
    .stderr_contains("mounting image nosuchimage");
});
