//! `ferry cp`: copies between the host and created, stopped and running containers with
//! Docker's rules, tar streams both ways, owners and modes, and hostile containers and archives
//! that try to make the copy read or write outside the container.

use std::io::Read;
use std::os::unix::fs::{MetadataExt, PermissionsExt};

use crate::support::*;

const IMG: &str = "cpimg:latest";

/// One entry of a tar stream: path, uid, gid, mode, type byte, content.
#[derive(Debug, Clone)]
pub struct TarEntry {
    pub path: String,
    pub uid: u64,
    pub gid: u64,
    pub mode: u32,
    pub kind: u8,
    pub mtime: u64,
    pub data: Vec<u8>,
}

pub fn tar_entries(bytes: &[u8]) -> Vec<TarEntry> {
    let mut a = tar::Archive::new(bytes);
    a.entries()
        .unwrap()
        .map(|e| {
            let mut e = e.unwrap();
            let h = e.header().clone();
            let mut data = Vec::new();
            e.read_to_end(&mut data).unwrap();
            TarEntry {
                path: String::from_utf8_lossy(&e.path_bytes())
                    .trim_end_matches('/')
                    .to_string(),
                uid: h.uid().unwrap(),
                gid: h.gid().unwrap(),
                mode: h.mode().unwrap() & 0o7777,
                kind: h.entry_type().as_byte(),
                mtime: h.mtime().unwrap(),
                data,
            }
        })
        .collect()
}

fn find<'a>(entries: &'a [TarEntry], path: &str) -> Option<&'a TarEntry> {
    entries.iter().find(|e| e.path.trim_start_matches("./") == path)
}

fn names(entries: &[TarEntry]) -> Vec<String> {
    entries
        .iter()
        .map(|e| e.path.trim_start_matches("./").to_string())
        .collect()
}

/// `ferry cp CTR:PATH -` parsed.
#[track_caller]
fn stream_out(ctx: &TestContext, src: &str) -> Vec<TarEntry> {
    tar_entries(&ctx.ferry(&["cp", src, "-"]).success().stdout_bytes)
}

/// Runs a shell script as the mode's user in `files/`.
#[track_caller]
fn sh(ctx: &TestContext, script: &str) {
    let mut c = ctx.command("sh");
    c.args(["-c", script]);
    run(c, None).success();
}

/// files/in: a.txt (0640, mtime 1000000000), sub/b.sh (0755).
fn host_tree(ctx: &TestContext) {
    sh(
        ctx,
        "mkdir -p in/sub && printf hello > in/a.txt && chmod 0640 in/a.txt && \
         printf '#!/bin/sh\\n' > in/sub/b.sh && chmod 0755 in/sub/b.sh && \
         touch -d @1000000000 in/a.txt",
    );
}

fn setup(ctx: &TestContext, image: &FixtureImage) {
    ctx.load(image, &[IMG]);
}

fn hostile_image() -> FixtureImage {
    FixtureImage::from_layers(vec![
        fixtures::busybox_layer(),
        LayerSpec::new()
            .symlink("evil", "/etc")
            .symlink("up", "../../../../")
            .symlink("hostlink", "/tmp")
            .symlink("tmp/deep", "../../../../../../../../tmp"),
    ])
}

both_modes!(cp_round_trip_keeps_content_modes_and_times, |ctx| {
    setup(ctx, &FixtureImage::busybox());
    host_tree(ctx);
    ctx.ferry(&["create", "--name", "c", IMG, "true"]).success();
    // A directory to a missing destination: created with the source's contents.
    ctx.ferry(&["cp", "in", "c:/dst"]).success();
    let t = stream_out(ctx, "c:/dst");
    let a = find(&t, "dst/a.txt").unwrap_or_else(|| panic!("{:?}", names(&t)));
    assert_eq!(a.data, b"hello");
    assert_eq!(a.mode, 0o640);
    assert_eq!(a.mtime, 1_000_000_000);
    // Files copied in belong to the container's root.
    assert_eq!((a.uid, a.gid), (0, 0));
    assert_eq!(find(&t, "dst/sub/b.sh").unwrap().mode, 0o755);

    // And back out: content, modes and times survive; the files are the invoking user's.
    ctx.ferry(&["cp", "c:/dst", "out"]).success();
    let out = ctx.file("out/a.txt");
    assert_eq!(std::fs::read(&out).unwrap(), b"hello");
    let m = std::fs::metadata(&out).unwrap();
    assert_eq!(m.permissions().mode() & 0o7777, 0o640);
    assert_eq!(m.mtime(), 1_000_000_000);
    let me = match ctx.mode {
        Mode::Root => 0,
        Mode::Rootless => test_user().uid,
    };
    assert_eq!(m.uid(), me);
    assert_eq!(
        std::fs::metadata(ctx.file("out/sub/b.sh"))
            .unwrap()
            .permissions()
            .mode()
            & 0o7777,
        0o755
    );

    // -a keeps numeric owners: /var/www is 33:33 in the image, in a stream out as in.
    let www = stream_out(ctx, "c:/var/www");
    assert_eq!((www[0].uid, www[0].gid), (33, 33), "{www:?}");
    let plain = ctx.ferry_stdin(
        &["cp", "-a", "-", "c:/tmp"],
        &LayerSpec::new().file("owned", 0o600, "x").owned(33, 34).tar(),
    );
    plain.success();
    let o = stream_out(ctx, "c:/tmp/owned");
    assert_eq!((o[0].uid, o[0].gid, o[0].mode), (33, 34, 0o600));
    // Without -a the container's root owns what comes in, whatever the archive says.
    ctx.ferry_stdin(
        &["cp", "-", "c:/tmp"],
        &LayerSpec::new().file("rooted", 0o600, "x").owned(33, 34).tar(),
    )
    .success();
    let o = stream_out(ctx, "c:/tmp/rooted");
    assert_eq!((o[0].uid, o[0].gid), (0, 0));
    ctx.ferry(&["rm", "c"]).success();
});

both_modes!(cp_follows_docker_directory_rules, |ctx| {
    setup(ctx, &FixtureImage::busybox());
    host_tree(ctx);
    ctx.ferry(&["create", "--name", "c", IMG, "true"]).success();
    // Into an existing directory: the source directory itself.
    ctx.ferry(&["cp", "in", "c:/tmp"]).success();
    // SRC/. into a missing directory: created with the contents.
    ctx.ferry(&["cp", "in/.", "c:/tmp/x"]).success();
    // SRC/. into an existing directory: the contents.
    ctx.ferry(&["cp", "in/.", "c:/root"]).success();
    // A file to a new name, and into a directory given with a trailing slash.
    ctx.ferry(&["cp", "in/a.txt", "c:/tmp/new.txt"]).success();
    ctx.ferry(&["cp", "in/a.txt", "c:/tmp/x/"]).success();
    let t = names(&stream_out(ctx, "c:/tmp"));
    for want in [
        "tmp/in/a.txt",
        "tmp/in/sub/b.sh",
        "tmp/x/a.txt",
        "tmp/x/sub/b.sh",
        "tmp/new.txt",
    ] {
        assert!(t.contains(&want.to_string()), "{want} missing from {t:?}");
    }
    assert!(!t.contains(&"tmp/x/in".to_string()), "{t:?}");
    let r = names(&stream_out(ctx, "c:/root"));
    assert!(
        r.contains(&"root/a.txt".to_string()) && !r.contains(&"root/in".to_string()),
        "{r:?}"
    );

    // A file into a missing directory, a directory onto a file, a file with a slash.
    ctx.ferry(&["cp", "in/a.txt", "c:/nodir/"])
        .failure()
        .stderr_contains("does not exist");
    ctx.ferry(&["cp", "in", "c:/etc/passwd"])
        .failure()
        .stderr_contains("cannot copy a directory");
    ctx.ferry(&["cp", "in/a.txt/", "c:/tmp"])
        .failure()
        .stderr_contains("not a directory");
    ctx.ferry(&["cp", "c:/no/such", "out"])
        .failure()
        .stderr_contains("no such file or directory");
    // A directory over a file needs --overwrite.
    ctx.ferry(&["cp", "in/a.txt", "c:/tmp/clash"]).success();
    sh(ctx, "mkdir -p clash && printf d > clash/f");
    ctx.ferry(&["cp", "clash", "c:/tmp/"])
        .failure()
        .stderr_contains("--overwrite");
    ctx.ferry(&["cp", "--overwrite", "clash", "c:/tmp/"]).success();
    assert_eq!(find(&stream_out(ctx, "c:/tmp/clash"), "clash/f").unwrap().data, b"d");

    // Out of the container: the same rules on the host side.
    ctx.ferry(&["cp", "c:/tmp/x/.", "outdir"]).success();
    assert!(ctx.file("outdir/sub/b.sh").is_file());
    sh(ctx, "mkdir -p existing");
    ctx.ferry(&["cp", "c:/tmp/x", "existing"]).success();
    assert!(ctx.file("existing/x/a.txt").is_file());
    ctx.ferry(&["cp", "c:/etc/passwd", "existing/pw"]).success();
    assert!(
        std::fs::read_to_string(ctx.file("existing/pw"))
            .unwrap()
            .contains("www-data:x:33")
    );
    // The root of the container, and `-` both ways between two containers' worth of paths.
    ctx.ferry(&["cp", "c:/", "rootcopy"]).success();
    assert!(ctx.file("rootcopy/bin/busybox").is_file());
    ctx.ferry(&["cp", "c:/tmp", "c:/x"])
        .failure()
        .stderr_contains("between containers");
    ctx.ferry(&["cp", "in", "out2"])
        .failure()
        .stderr_contains("container path");
});

both_modes!(cp_streams_into_and_out_of_a_running_container, |ctx| {
    setup(ctx, &FixtureImage::busybox());
    host_tree(ctx);
    ctx.ferry(&[
        "run",
        "-d",
        "--name",
        "r",
        IMG,
        "sh",
        "-c",
        "echo live > /tmp/live; sleep 1000",
    ])
    .success();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let live = loop {
        let o = ctx.ferry(&["cp", "r:/tmp/live", "-"]);
        if o.code == Some(0) {
            break tar_entries(&o.stdout_bytes);
        }
        assert!(std::time::Instant::now() < deadline, "{}", o.stderr);
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(live[0].data, b"live\n");
    ctx.ferry(&["cp", "in", "r:/tmp/in"]).success();
    let t = stream_out(ctx, "r:/tmp/in");
    assert_eq!(find(&t, "in/a.txt").unwrap().data, b"hello");
    assert_eq!(find(&t, "in/a.txt").unwrap().mode, 0o640);
    // The running container's own view: /proc is its procfs, not copied as files.
    let proc_entries = stream_out(ctx, "r:/proc");
    assert!(proc_entries.len() == 1, "{:?}", names(&proc_entries));
    ctx.ferry_stdin(
        &["cp", "-", "r:/tmp"],
        &LayerSpec::new().dir("s", 0o750).file("s/f", 0o600, "ff").tar(),
    )
    .success();
    ctx.ferry(&["cp", "r:/tmp/s", "s-out"]).success();
    assert_eq!(std::fs::read(ctx.file("s-out/f")).unwrap(), b"ff");
    assert_eq!(
        std::fs::metadata(ctx.file("s-out")).unwrap().permissions().mode() & 0o7777,
        0o750
    );
    ctx.ferry(&["rm", "-f", "r"]).success();
});

/// The files a hostile container must never reach on the host.
struct Sentinels {
    file: std::path::PathBuf,
}

impl Sentinels {
    fn new(ctx: &TestContext) -> Sentinels {
        let file = ctx.dir.join("tmp/sentinel");
        std::fs::write(&file, "orig").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o666)).unwrap();
        Sentinels { file }
    }

    #[track_caller]
    fn check(&self) {
        assert_eq!(std::fs::read_to_string(&self.file).unwrap(), "orig");
        for p in ["/etc/ferry-pwned", "/ferry-pwned", "/tmp/ferry-pwned", "/etc/a.txt"] {
            assert!(!std::path::Path::new(p).exists(), "{p} was created on the host");
        }
    }
}

fn hostile_copies(ctx: &TestContext, c: &str) {
    let s = Sentinels::new(ctx);
    let sentinel = p(&s.file).to_string();
    sh(ctx, "printf pwned > ferry-pwned");
    // Into symlinks: they resolve inside the container.
    ctx.ferry(&["cp", "ferry-pwned", &format!("{c}:/evil/")]).success();
    ctx.ferry(&["cp", "ferry-pwned", &format!("{c}:/up/ferry-pwned")])
        .success();
    ctx.ferry(&["cp", "ferry-pwned", &format!("{c}:/hostlink/")]).success();
    ctx.ferry(&["cp", "ferry-pwned", &format!("{c}:/tmp/deep/")]).success();
    // The host's test directory is not the container's, whatever path is used, and a symlink
    // the container has to it leads nowhere.
    let _ = ctx.ferry(&["cp", "ferry-pwned", &format!("{c}:{sentinel}")]);
    let testdir = LayerSpec::new().symlink("testdir", p(&ctx.dir.join("tmp"))).tar();
    ctx.ferry_stdin(&["cp", "-", &format!("{c}:/")], &testdir).success();
    let _ = ctx.ferry(&["cp", "ferry-pwned", &format!("{c}:/testdir/sentinel")]);
    let _ = ctx.ferry(&["cp", "ferry-pwned", &format!("{c}:/testdir")]);
    ctx.ferry(&["cp", &format!("{c}:/testdir/sentinel"), "stolen1"])
        .failure();
    ctx.ferry(&["cp", &format!("{c}:/testdir"), "stolen2"]).failure();
    assert!(!ctx.file("stolen1").exists() && !ctx.file("stolen2").exists());
    s.check();
    // They landed in the container.
    assert_eq!(stream_out(ctx, &format!("{c}:/etc/ferry-pwned"))[0].data, b"pwned");
    assert_eq!(stream_out(ctx, &format!("{c}:/ferry-pwned"))[0].data, b"pwned");
    assert_eq!(stream_out(ctx, &format!("{c}:/tmp/ferry-pwned"))[0].data, b"pwned");

    // Out of symlinks: the container's files, never the host's.
    ctx.ferry(&["cp", &format!("{c}:/evil/passwd"), "pw1"]).success();
    ctx.ferry(&["cp", &format!("{c}:/evil"), "etc-copy"]).success();
    ctx.ferry(&["cp", &format!("{c}:/up/etc/passwd"), "pw2"]).success();
    for f in ["pw1", "pw2", "etc-copy/passwd"] {
        let text = std::fs::read_to_string(ctx.file(f)).unwrap();
        assert_eq!(text.lines().count(), 4, "{f} is not the container's passwd: {text}");
    }
    ctx.ferry(&["cp", &format!("{c}:{sentinel}"), "stolen"]).failure();
    assert!(!ctx.file("stolen").exists());
    // As Podman: a symlink given as the source is followed in the container, its target
    // copied under its own name; the host never gets the container's symlink.
    sh(ctx, "mkdir into");
    ctx.ferry(&["cp", &format!("{c}:/evil"), "into/"]).success();
    assert!(std::fs::symlink_metadata(ctx.file("into/etc")).unwrap().is_dir());
    assert!(!ctx.file("into/evil").exists());
    let link = stream_out(ctx, &format!("{c}:/evil"));
    assert_eq!(
        (link[0].path.as_str(), link[0].kind),
        ("etc", b'5'),
        "{:?}",
        names(&link)
    );
    assert!(find(&link, "etc/passwd").is_some());
    // A dangling one is an error, and leaves nothing.
    ctx.ferry(&["cp", &format!("{c}:/testdir"), "into/"]).failure();
    assert_eq!(std::fs::read_dir(ctx.file("into")).unwrap().count(), 1);

    // A hostile archive: `..` is refused, and entries through a symlink it planted too.
    let dotdot = LayerSpec::new()
        .file("../../../../../../tmp/ferry-pwned", 0o644, "x")
        .tar();
    ctx.ferry_stdin(&["cp", "-", &format!("{c}:/tmp")], &dotdot)
        .failure()
        .stderr_contains("escapes");
    let through = LayerSpec::new()
        .symlink("l", p(&ctx.dir.join("tmp")))
        .file("l/sentinel", 0o644, "x")
        .tar();
    ctx.ferry_stdin(&["cp", "-", &format!("{c}:/tmp")], &through)
        .failure()
        .stderr_contains("symlink");
    let rooted = LayerSpec::new()
        .symlink("r", "/")
        .file("r/etc/ferry-pwned", 0o644, "x")
        .tar();
    ctx.ferry_stdin(&["cp", "-", &format!("{c}:/root")], &rooted).failure();
    s.check();
}

both_modes!(cp_stays_inside_a_hostile_stopped_container, |ctx| {
    setup(ctx, &hostile_image());
    ctx.ferry(&["create", "--name", "h", IMG, "true"]).success();
    hostile_copies(ctx, "h");
});

both_modes!(cp_stays_inside_a_hostile_running_container, |ctx| {
    setup(ctx, &hostile_image());
    ctx.ferry(&["run", "-d", "--name", "h", IMG, "sleep", "1000"]).success();
    hostile_copies(ctx, "h");
    ctx.ferry(&["rm", "-f", "h"]).success();
});

both_modes!(cp_reaches_bind_mounts_of_stopped_and_running_containers, |ctx| {
    setup(ctx, &FixtureImage::busybox());
    host_tree(ctx);
    sh(ctx, "mkdir -p vol1 vol2 && printf from-host > vol1/h");
    let v1 = format!("{}:/data", p(&ctx.file("vol1")));
    let v2 = format!("{}:/data:ro", p(&ctx.file("vol2")));
    ctx.ferry(&["create", "--name", "s", "-v", &v1, IMG, "true"]).success();
    // Stopped: the copy goes to the mounted directory, as it would at run time.
    ctx.ferry(&["cp", "in/a.txt", "s:/data/"]).success();
    assert_eq!(std::fs::read(ctx.file("vol1/a.txt")).unwrap(), b"hello");
    assert_eq!(stream_out(ctx, "s:/data/h")[0].data, b"from-host");
    // Read-only stays read-only.
    ctx.ferry(&["create", "--name", "ro", "-v", &v2, IMG, "true"]).success();
    ctx.ferry(&["cp", "in/a.txt", "ro:/data/"]).failure();
    assert!(!ctx.file("vol2/a.txt").exists());
    // Running: the live mount.
    ctx.ferry(&["run", "-d", "--name", "r", "-v", &v1, IMG, "sleep", "1000"])
        .success();
    ctx.ferry(&["cp", "in/sub", "r:/data/"]).success();
    assert!(ctx.file("vol1/sub/b.sh").is_file());
    ctx.ferry(&["rm", "-f", "r"]).success();
});

/// A small filesystem for a copy's destination, unmounted on drop.
struct SmallFs(std::path::PathBuf);

impl SmallFs {
    fn mount(dir: std::path::PathBuf) -> SmallFs {
        std::fs::create_dir_all(&dir).unwrap();
        let st = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=1m,mode=1777", "tmpfs"])
            .arg(&dir)
            .status()
            .unwrap();
        assert!(st.success());
        SmallFs(dir)
    }
}

impl Drop for SmallFs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

// A copy out of a container that fails halfway (here the destination's filesystem fills
// up) leaves nothing on the host, whatever it had made; what was there stays.
both_modes!(cp_that_fails_leaves_nothing_behind, |ctx| {
    setup(ctx, &FixtureImage::busybox());
    let script = "mkdir -p /data/sub && echo small > /data/sub/a && busybox dd if=/dev/zero of=/data/sub/big bs=1024 count=4096 2>/dev/null";
    ctx.ferry(&["run", "--name", "c", IMG, "sh", "-c", script]).success();
    let small = SmallFs::mount(ctx.file("small"));
    let dest = small.0.join("copy");
    let out = ctx.ferry(&["cp", "c:/data", p(&dest)]).failure();
    assert!(out.stderr.contains("No space left on device"), "{}", out.stderr);
    assert!(!dest.exists(), "a failed copy left its directory");
    sh(
        ctx,
        &format!("mkdir {0}/existing && echo keep > {0}/existing/kept", p(&small.0)),
    );
    ctx.ferry(&["cp", "c:/data", &format!("{}/existing/", p(&small.0))])
        .failure();
    let left: Vec<_> = std::fs::read_dir(small.0.join("existing"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["kept"]);
    // What fits is copied.
    ctx.ferry(&["cp", "c:/data/sub/a", p(&small.0.join("a"))]).success();
    assert_eq!(std::fs::read_to_string(small.0.join("a")).unwrap(), "small\n");
});
