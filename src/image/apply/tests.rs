use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::process::Command;

use tar::{Builder, EntryType, Header};

use super::meta::{get_xattr, parse_pax_time, set_xattr_at};
use super::overlay::{OPAQUE_XATTR_ROOT, OPAQUE_XATTR_USER};
use super::*;

/// A temp dir holding `dest` and, next to it, a `sentinel` dir that hostile layers aim at.
struct Env {
    top: PathBuf,
    dest: PathBuf,
}

impl Env {
    fn new() -> Env {
        let top = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-apply-"));
        let dest = top.join("dest");
        std::fs::create_dir_all(&dest).unwrap();
        std::fs::create_dir_all(top.join("sentinel/sub")).unwrap();
        std::fs::write(top.join("sentinel/keep"), b"keep").unwrap();
        Env { top, dest }
    }

    fn sentinel(&self) -> PathBuf {
        self.top.join("sentinel")
    }

    /// Everything outside `dest`, with type, mode, size, mtime and link target.
    fn outside(&self) -> Vec<String> {
        fn walk(dir: &Path, skip: &Path, out: &mut Vec<String>) {
            let mut ents: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
            ents.sort();
            for p in ents {
                if p == skip {
                    continue;
                }
                let md = std::fs::symlink_metadata(&p).unwrap();
                let link = std::fs::read_link(&p).ok();
                out.push(format!(
                    "{p:?} {:o} {} {} {link:?}",
                    md.mode(),
                    md.len(),
                    md.mtime_nsec() + md.mtime()
                ));
                if md.is_dir() {
                    walk(&p, skip, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.top, &self.dest, &mut out);
        out
    }

    fn apply(&self, tar: &[u8], lowers: &[PathBuf], opts: &ApplyOptions) -> Result<ApplyReport> {
        apply_layer(&mut &tar[..], &self.dest, lowers, opts)
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.top);
    }
}

const ROOT: ApplyOptions = ApplyOptions {
    rootless: false,
    squash_ownership: false,
};

fn header(kind: EntryType, size: usize, mode: u32) -> Header {
    let mut h = Header::new_gnu();
    h.set_entry_type(kind);
    h.set_size(size as u64);
    h.set_mode(mode);
    h.set_mtime(1_600_000_000);
    h
}

fn add(b: &mut Builder<Vec<u8>>, path: &str, kind: EntryType, data: &[u8], mode: u32) {
    let mut h = header(kind, data.len(), mode);
    b.append_data(&mut h, path, data).unwrap();
}

fn link(b: &mut Builder<Vec<u8>>, path: &str, kind: EntryType, target: &str) {
    let mut h = header(kind, 0, 0o777);
    b.append_link(&mut h, path, target).unwrap();
}

/// An entry whose name and link name are written as raw bytes, as the builder refuses `..`.
fn raw(b: &mut Builder<Vec<u8>>, name: &[u8], kind: EntryType, target: &[u8], data: &[u8]) {
    let mut h = header(kind, data.len(), 0o644);
    let g = h.as_gnu_mut().unwrap();
    g.name[..name.len()].copy_from_slice(name);
    g.linkname[..target.len()].copy_from_slice(target);
    h.set_cksum();
    b.append(&h, data).unwrap();
}

fn tarball(build: impl FnOnce(&mut Builder<Vec<u8>>)) -> Vec<u8> {
    let mut b = Builder::new(Vec::new());
    build(&mut b);
    b.into_inner().unwrap()
}

/// Applies a hostile layer, checks nothing outside `dest` changed, and returns the error.
fn hostile(env: &Env, lowers: &[PathBuf], build: impl FnOnce(&mut Builder<Vec<u8>>, &Env)) -> ApplyError {
    let tar = tarball(|b| build(b, env));
    let before = env.outside();
    let err = env.apply(&tar, lowers, &ROOT).expect_err("hostile layer was applied");
    assert_eq!(before, env.outside(), "something outside dest changed: {err}");
    err
}

fn xattr(path: &Path, key: &str) -> Option<Vec<u8>> {
    get_xattr(path, key)
}

#[test]
fn every_type_and_metadata() {
    let env = Env::new();
    let tar = tarball(|b| {
        add(b, "./", EntryType::Directory, b"", 0o755);
        add(b, "d", EntryType::Directory, b"", 0o700);
        let mut h = header(EntryType::Regular, 5, 0o4755);
        h.set_uid(1000);
        h.set_gid(1001);
        b.append_pax_extensions([
            ("mtime", &b"1600000000.123456789"[..]),
            ("SCHILY.xattr.user.test", b"v"),
        ])
        .unwrap();
        b.append_data(&mut h, "d/f", &b"hello"[..]).unwrap();
        // The same directory again: metadata merges, content stays.
        let mut h = header(EntryType::Directory, 0, 0o1777);
        h.set_uid(1000);
        h.set_gid(1002);
        h.set_mtime(1_500_000_000);
        b.append_data(&mut h, "d/", &b""[..]).unwrap();
        let mut h = header(EntryType::Symlink, 0, 0o777);
        h.set_uid(5);
        h.set_gid(6);
        b.append_link(&mut h, "l", "d/f").unwrap();
        link(b, "hard", EntryType::Link, "d/f");
        let mut h = header(EntryType::Char, 0, 0o666);
        h.set_device_major(1).unwrap();
        h.set_device_minor(3).unwrap();
        b.append_data(&mut h, "null", &b""[..]).unwrap();
        let mut h = header(EntryType::Block, 0, 0o660);
        h.set_device_major(7).unwrap();
        h.set_device_minor(0).unwrap();
        b.append_data(&mut h, "loop0", &b""[..]).unwrap();
        add(b, "fifo", EntryType::Fifo, b"", 0o620);
        add(b, "r", EntryType::Regular, b"one", 0o644);
        add(b, "r", EntryType::Regular, b"two!", 0o600);
        add(b, "implicit/sub/file", EntryType::Regular, b"", 0o644);
        let long = format!("{}/{}", "x".repeat(150), "y".repeat(150));
        add(b, &long, EntryType::Regular, b"long", 0o644);
    });
    let rep = env.apply(&tar, &[], &ROOT).unwrap();
    assert_eq!(rep.diff_id, Digest::of_bytes(&tar));
    assert_eq!(rep.size, tar.len() as u64);
    assert!(rep.warnings.is_empty(), "{:?}", rep.warnings);

    let d = &env.dest;
    let md = std::fs::symlink_metadata(d.join("d/f")).unwrap();
    assert_eq!(
        (md.mode() & 0o7777, md.uid(), md.gid(), md.nlink()),
        (0o4755, 1000, 1001, 2)
    );
    assert_eq!((md.mtime(), md.mtime_nsec()), (1_600_000_000, 123_456_789));
    assert_eq!(std::fs::read(d.join("hard")).unwrap(), b"hello");
    assert_eq!(xattr(&d.join("d/f"), "user.test").as_deref(), Some(&b"v"[..]));
    let md = std::fs::symlink_metadata(d.join("d")).unwrap();
    assert_eq!((md.mode() & 0o7777, md.uid(), md.gid()), (0o1777, 1000, 1002));
    assert_eq!(md.mtime(), 1_500_000_000, "directory mtime is set after its children");
    let md = std::fs::symlink_metadata(d.join("l")).unwrap();
    assert!(md.file_type().is_symlink());
    assert_eq!((md.uid(), md.gid(), md.mtime()), (5, 6, 1_600_000_000));
    assert_eq!(std::fs::read_link(d.join("l")).unwrap(), Path::new("d/f"));
    let md = std::fs::symlink_metadata(d.join("null")).unwrap();
    assert!(md.file_type().is_char_device());
    assert_eq!((md.rdev(), md.mode() & 0o7777), (makedev(1, 3), 0o666));
    let md = std::fs::symlink_metadata(d.join("loop0")).unwrap();
    assert!(md.file_type().is_block_device());
    assert_eq!(md.rdev(), makedev(7, 0));
    let md = std::fs::symlink_metadata(d.join("fifo")).unwrap();
    assert!(md.file_type().is_fifo());
    assert_eq!(md.mode() & 0o7777, 0o620);
    let md = std::fs::symlink_metadata(d.join("r")).unwrap();
    assert_eq!((md.mode() & 0o7777, md.len()), (0o600, 4));
    let md = std::fs::symlink_metadata(d.join("implicit/sub")).unwrap();
    assert_eq!((md.mode() & 0o7777, md.uid()), (0o755, 0));
    assert_eq!(
        std::fs::read(d.join("x".repeat(150)).join("y".repeat(150))).unwrap(),
        b"long"
    );
    let md = std::fs::symlink_metadata(d).unwrap();
    assert_eq!((md.mode() & 0o7777, md.mtime()), (0o755, 1_600_000_000));
}

#[test]
fn whiteouts_and_opaque_dirs() {
    let env = Env::new();
    let tar = tarball(|b| {
        add(b, "a/.wh.gone", EntryType::Regular, b"", 0o644);
        add(b, "d/.wh..wh..opq", EntryType::Regular, b"", 0o644);
        add(b, "d/keep", EntryType::Regular, b"k", 0o644);
        add(b, ".wh..wh.plnk", EntryType::Directory, b"", 0o755);
        // Same layer: a whiteout does not hide this layer's own directory, but must keep
        // hiding the lower one, in either order.
        add(b, "x/f", EntryType::Regular, b"", 0o644);
        add(b, ".wh.x", EntryType::Regular, b"", 0o644);
        add(b, ".wh.y", EntryType::Regular, b"", 0o644);
        add(b, "y/f", EntryType::Regular, b"", 0o644);
        add(b, ".wh.z", EntryType::Regular, b"", 0o644);
        add(b, "z", EntryType::Regular, b"file", 0o644);
    });
    env.apply(&tar, &[], &ROOT).unwrap();
    let d = &env.dest;
    let md = std::fs::symlink_metadata(d.join("a/gone")).unwrap();
    assert!(md.file_type().is_char_device());
    assert_eq!(md.rdev(), 0);
    assert!(!d.join("a/.wh.gone").exists());
    assert_eq!(xattr(&d.join("d"), OPAQUE_XATTR_ROOT).as_deref(), Some(&b"y"[..]));
    assert!(d.join("d/keep").exists());
    assert!(!d.join(".wh..wh.plnk").exists());
    for dir in ["x", "y"] {
        assert!(d.join(dir).join("f").exists());
        assert_eq!(
            xattr(&d.join(dir), OPAQUE_XATTR_ROOT).as_deref(),
            Some(&b"y"[..]),
            "{dir}"
        );
    }
    assert_eq!(std::fs::read(d.join("z")).unwrap(), b"file");
}

fn assert_escapes(err: ApplyError, want: &str) {
    match err {
        ApplyError::EscapesRoot { entry } => assert_eq!(entry, want),
        e => panic!("{want}: {e}"),
    }
}

fn assert_through(err: ApplyError, want_entry: &str, want_link: &str) {
    match err {
        ApplyError::ThroughSymlink { entry, link } => {
            assert_eq!((entry.as_str(), link.as_path()), (want_entry, Path::new(want_link)))
        }
        e => panic!("{want_entry}: {e}"),
    }
}

#[test]
fn dotdot_is_refused() {
    let env = Env::new();
    let e = hostile(&env, &[], |b, _| raw(b, b"../escape", EntryType::Regular, b"", b"x"));
    assert_eq!(e.to_string(), r#"layer entry "../escape" escapes the layer root"#);
    assert_escapes(e, "../escape");
    let e = hostile(&env, &[], |b, _| {
        raw(b, b"a/../../escape", EntryType::Regular, b"", b"x")
    });
    assert_escapes(e, "a/../../escape");
    let e = hostile(&env, &[], |b, _| raw(b, b"d/.wh...", EntryType::Regular, b"", b""));
    assert_escapes(e, "d/.wh...");
    let e = hostile(&env, &[], |b, _| raw(b, b"..", EntryType::Directory, b"", b""));
    assert_escapes(e, "..");
}

#[test]
fn absolute_paths_are_normalised_into_dest() {
    let env = Env::new();
    let tar = tarball(|b| {
        raw(b, b"/etc/x", EntryType::Regular, b"", b"x");
        raw(b, b"./etc/y", EntryType::Regular, b"", b"y");
        raw(b, b"/etc/hl", EntryType::Link, b"/etc/x", b"");
    });
    let before = env.outside();
    env.apply(&tar, &[], &ROOT).unwrap();
    assert_eq!(before, env.outside());
    assert_eq!(std::fs::read(env.dest.join("etc/x")).unwrap(), b"x");
    assert_eq!(std::fs::read(env.dest.join("etc/y")).unwrap(), b"y");
    assert_eq!(std::fs::read(env.dest.join("etc/hl")).unwrap(), b"x");
}

#[test]
fn symlinked_parents_are_refused() {
    let env = Env::new();
    let e = hostile(&env, &[], |b, env| {
        link(b, "evil", EntryType::Symlink, env.sentinel().to_str().unwrap());
        add(b, "evil/file", EntryType::Regular, b"x", 0o644);
    });
    assert_through(e, "evil/file", "evil");

    let env = Env::new();
    let e = hostile(&env, &[], |b, _| {
        link(b, "evil", EntryType::Symlink, "..");
        add(b, "evil/x", EntryType::Regular, b"x", 0o644);
    });
    assert_through(e, "evil/x", "evil");

    let env = Env::new();
    let e = hostile(&env, &[], |b, env| {
        add(b, "d/", EntryType::Directory, b"", 0o755);
        link(b, "d/a", EntryType::Symlink, "b");
        link(b, "d/b", EntryType::Symlink, env.sentinel().to_str().unwrap());
        add(b, "d/a/sub/x", EntryType::Regular, b"x", 0o644);
    });
    assert_through(e, "d/a/sub/x", "d/a");

    // Opaque markers and whiteouts resolve their directory the same way.
    let env = Env::new();
    let e = hostile(&env, &[], |b, env| {
        link(b, "evil", EntryType::Symlink, env.sentinel().to_str().unwrap());
        add(b, "evil/.wh..wh..opq", EntryType::Regular, b"", 0o644);
    });
    assert_through(e, "evil/.wh..wh..opq", "evil");
    let env = Env::new();
    let e = hostile(&env, &[], |b, env| {
        link(b, "evil", EntryType::Symlink, env.sentinel().to_str().unwrap());
        add(b, "evil/.wh.keep", EntryType::Regular, b"", 0o644);
    });
    assert_through(e, "evil/.wh.keep", "evil");
}

#[test]
fn hostile_hardlinks_are_refused() {
    let env = Env::new();
    let e = hostile(&env, &[], |b, _| {
        raw(b, b"h", EntryType::Link, b"../../etc/passwd", b"")
    });
    match e {
        ApplyError::HardlinkOutside { entry, target } => assert_eq!((&*entry, &*target), ("h", "../../etc/passwd")),
        e => panic!("{e}"),
    }
    let e = hostile(&env, &[], |b, env| {
        link(b, "evil", EntryType::Symlink, env.sentinel().to_str().unwrap());
        link(b, "h", EntryType::Link, "evil/keep");
    });
    assert_through(e, "h", "evil");

    // Not written by this layer (it exists on the host, not in the layer).
    let env = Env::new();
    let e = hostile(&env, &[], |b, _| link(b, "h", EntryType::Link, "etc/passwd"));
    assert!(
        matches!(e, ApplyError::HardlinkOutside { ref entry, .. } if entry == "h"),
        "{e}"
    );
    let e = hostile(&env, &[], |b, _| {
        add(b, "dir/", EntryType::Directory, b"", 0o755);
        link(b, "h", EntryType::Link, "dir");
    });
    assert!(
        matches!(e, ApplyError::HardlinkOutside { ref entry, .. } if entry == "h"),
        "{e}"
    );
}

#[test]
fn lower_layer_symlinks_are_refused() {
    let env = Env::new();
    let low1 = env.top.join("low1");
    let low2 = env.top.join("low2");
    std::fs::create_dir_all(low1.join("opq")).unwrap();
    std::fs::create_dir_all(low1.join("merged")).unwrap();
    std::fs::create_dir_all(low2.join("opq")).unwrap();
    std::fs::create_dir_all(low2.join("merged")).unwrap();
    std::os::unix::fs::symlink(env.sentinel(), low1.join("lib")).unwrap();
    std::os::unix::fs::symlink(env.sentinel(), low2.join("opq/s")).unwrap();
    std::os::unix::fs::symlink(env.sentinel(), low2.join("merged/s")).unwrap();
    std::os::unix::fs::symlink(env.sentinel(), low2.join("wh")).unwrap();
    nix::sys::stat::mknod(&low1.join("wh"), SFlag::S_IFCHR, Mode::empty(), 0).unwrap();
    set_xattr_at(
        Root::open(&low1).unwrap().as_fd(),
        OsStr::new("opq"),
        OPAQUE_XATTR_ROOT.as_bytes(),
        b"y",
    )
    .unwrap();
    let lowers = [low1.clone(), low2.clone()];

    let e = hostile(&env, &lowers, |b, _| add(b, "lib/x", EntryType::Regular, b"x", 0o644));
    assert_through(e, "lib/x", "lib");
    let e = hostile(&env, &lowers, |b, _| {
        add(b, "merged/s/x", EntryType::Regular, b"x", 0o644)
    });
    assert_through(e, "merged/s/x", "merged/s");

    // Hidden by a whiteout or an opaque directory above: not a symlink in the merged view.
    let tar = tarball(|b| {
        add(b, "wh/x", EntryType::Regular, b"x", 0o644);
        add(b, "opq/s/x", EntryType::Regular, b"x", 0o644);
        // This layer's own opaque directory hides the lower symlink too.
        add(b, "merged/.wh..wh..opq", EntryType::Regular, b"", 0o644);
        add(b, "merged/s/x", EntryType::Regular, b"x", 0o644);
        // Replacing the lower symlink itself is fine.
        add(b, "lib", EntryType::Regular, b"file", 0o644);
    });
    let before = env.outside();
    env.apply(&tar, &lowers, &ROOT).unwrap();
    assert_eq!(before, env.outside());
    for f in ["wh/x", "opq/s/x", "merged/s/x"] {
        assert!(env.dest.join(f).is_file(), "{f}");
    }

    // A directory present only in a lower layer lends its metadata to the one created here.
    let env = Env::new();
    let low = env.top.join("low");
    std::fs::create_dir_all(low.join("usr")).unwrap();
    std::fs::set_permissions(low.join("usr"), std::os::unix::fs::PermissionsExt::from_mode(0o750)).unwrap();
    std::os::unix::fs::chown(low.join("usr"), Some(3), Some(4)).unwrap();
    let tar = tarball(|b| add(b, "usr/bin/x", EntryType::Regular, b"x", 0o644));
    env.apply(&tar, &[low], &ROOT).unwrap();
    let md = std::fs::metadata(env.dest.join("usr")).unwrap();
    assert_eq!((md.mode() & 0o7777, md.uid(), md.gid()), (0o750, 3, 4));
}

#[test]
fn entries_replace_symlinks_instead_of_following_them() {
    let env = Env::new();
    let tar = tarball(|b| {
        link(b, "evil", EntryType::Symlink, env.sentinel().to_str().unwrap());
        add(b, "evil", EntryType::Regular, b"data", 0o644);
        link(b, "evil2", EntryType::Symlink, env.sentinel().to_str().unwrap());
        add(b, "evil2", EntryType::Directory, b"", 0o777);
        link(
            b,
            "evil3",
            EntryType::Symlink,
            env.sentinel().join("keep").to_str().unwrap(),
        );
        link(b, "evil3", EntryType::Symlink, "elsewhere");
        link(b, "evil4", EntryType::Symlink, env.sentinel().to_str().unwrap());
        add(b, "evil4", EntryType::Fifo, b"", 0o600);
        add(b, "dir/sub/f", EntryType::Regular, b"", 0o644);
        add(b, "dir", EntryType::Regular, b"replaced a tree", 0o644);
    });
    let before = env.outside();
    env.apply(&tar, &[], &ROOT).unwrap();
    assert_eq!(before, env.outside());
    let d = &env.dest;
    assert_eq!(std::fs::read(d.join("evil")).unwrap(), b"data");
    assert!(std::fs::symlink_metadata(d.join("evil2")).unwrap().is_dir());
    assert_eq!(std::fs::read_link(d.join("evil3")).unwrap(), Path::new("elsewhere"));
    assert!(
        std::fs::symlink_metadata(d.join("evil4"))
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert_eq!(std::fs::read(d.join("dir")).unwrap(), b"replaced a tree");
    assert_eq!(std::fs::read(env.sentinel().join("keep")).unwrap(), b"keep");
}

#[test]
fn hostile_names_are_refused() {
    let env = Env::new();
    let e = hostile(&env, &[], |b, _| {
        b.append_pax_extensions([("path", "a/".repeat(3000).as_bytes())])
            .unwrap();
        add(b, "short", EntryType::Regular, b"", 0o644);
    });
    assert!(
        matches!(e, ApplyError::InvalidEntry { ref reason, .. } if reason.contains("longer")),
        "{e}"
    );
    let long = format!("d/{}", "n".repeat(300));
    let e = hostile(&env, &[], |b, _| add(b, &long, EntryType::Regular, b"", 0o644));
    assert!(matches!(e, ApplyError::Io { ref entry, .. } if *entry == long), "{e}");
    let e = hostile(&env, &[], |b, _| {
        b.append_pax_extensions([("path", &b"a\0/../../x"[..])]).unwrap();
        add(b, "short", EntryType::Regular, b"", 0o644);
    });
    assert!(
        matches!(e, ApplyError::InvalidEntry { ref entry, .. } if entry == "a\0/../../x"),
        "{e}"
    );
    let e = hostile(&env, &[], |b, _| {
        b.append_pax_extensions([("linkpath", &b"/tmp\0x"[..])]).unwrap();
        link(b, "s", EntryType::Symlink, "t");
    });
    assert!(
        matches!(e, ApplyError::InvalidEntry { ref entry, .. } if entry == "s"),
        "{e}"
    );
    let e = hostile(&env, &[], |b, _| raw(b, b"./", EntryType::Regular, b"", b""));
    assert!(matches!(e, ApplyError::InvalidEntry { .. }), "{e}");
    let e = hostile(&env, &[], |b, _| raw(b, b"v", EntryType::new(b'V'), b"", b""));
    assert!(
        matches!(e, ApplyError::UnsupportedType { ref entry, kind: 'V' } if entry == "v"),
        "{e}"
    );
    let e = hostile(&env, &[], |b, _| {
        add(b, "f", EntryType::Regular, b"", 0o644);
        add(b, "f/x", EntryType::Regular, b"", 0o644);
    });
    assert!(
        matches!(e, ApplyError::InvalidEntry { ref entry, .. } if entry == "f/x"),
        "{e}"
    );
}

#[test]
fn stream_is_hashed_to_eof_and_truncation_fails() {
    let env = Env::new();
    let mut tar = tarball(|b| add(b, "f", EntryType::Regular, b"abc", 0o644));
    tar.extend_from_slice(&[0u8; 4096]);
    let rep = env.apply(&tar, &[], &ROOT).unwrap();
    assert_eq!((rep.diff_id, rep.size), (Digest::of_bytes(&tar), tar.len() as u64));
    let env = Env::new();
    let tar = tarball(|b| add(b, "f", EntryType::Regular, &[7u8; 2000], 0o644));
    assert!(matches!(
        env.apply(&tar[..1200], &[], &ROOT),
        Err(ApplyError::Tar { .. })
    ));
}

#[test]
fn pax_times_parse() {
    assert_eq!(parse_pax_time(b"12.5"), Some(TimeSpec::new(12, 500_000_000)));
    assert_eq!(parse_pax_time(b"12"), Some(TimeSpec::new(12, 0)));
    assert_eq!(parse_pax_time(b"-1.25"), Some(TimeSpec::new(-2, 750_000_000)));
    assert_eq!(parse_pax_time(b"1.1234567891"), Some(TimeSpec::new(1, 123_456_789)));
    for bad in [&b""[..], b".5", b"1e3", b"1.x", b"--1"] {
        assert_eq!(parse_pax_time(bad), None, "{bad:?}");
    }
}

/// Runs `rootless_body` in a child process inside a new user namespace mapping only 0.
#[test]
fn rootless_in_user_namespace() {
    if std::env::var_os("FERRY_APPLY_USERNS_CHILD").is_some() {
        return rootless_body();
    }
    let out = Command::new("unshare")
        .args(["--user", "--map-root-user", "--"])
        .arg(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "image::apply::tests::rootless_in_user_namespace",
            "--test-threads=1",
        ])
        .env("FERRY_APPLY_USERNS_CHILD", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("1 passed"),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn rootless_body() {
    let rootless = ApplyOptions {
        rootless: true,
        squash_ownership: false,
    };
    let env = Env::new();
    let tar = tarball(|b| {
        let mut h = header(EntryType::Char, 0, 0o666);
        h.set_device_major(1).unwrap();
        h.set_device_minor(3).unwrap();
        b.append_data(&mut h, "dev/null", &b""[..]).unwrap();
        add(b, ".wh.gone", EntryType::Regular, b"", 0o644);
        add(b, "d/.wh..wh..opq", EntryType::Regular, b"", 0o644);
        add(b, "fifo", EntryType::Fifo, b"", 0o644);
        b.append_pax_extensions([("SCHILY.xattr.trusted.x", &b"1"[..]), ("SCHILY.xattr.user.y", b"2")])
            .unwrap();
        add(b, "f", EntryType::Regular, b"", 0o644);
    });
    let rep = env.apply(&tar, &[], &rootless).unwrap();
    assert!(!env.dest.join("dev/null").exists());
    assert!(
        rep.warnings
            .iter()
            .any(|w| w.contains("device node") && w.contains("dev/null")),
        "{rep:?}"
    );
    assert!(rep.warnings.iter().any(|w| w.contains("trusted.x")), "{rep:?}");
    let md = std::fs::symlink_metadata(env.dest.join("gone")).unwrap();
    assert!(md.file_type().is_char_device() && md.rdev() == 0);
    assert_eq!(
        xattr(&env.dest.join("d"), OPAQUE_XATTR_USER).as_deref(),
        Some(&b"y"[..])
    );
    assert_eq!(xattr(&env.dest.join("f"), "user.y").as_deref(), Some(&b"2"[..]));
    assert!(
        std::fs::symlink_metadata(env.dest.join("fifo"))
            .unwrap()
            .file_type()
            .is_fifo()
    );

    let env = Env::new();
    let tar = tarball(|b| {
        let mut h = header(EntryType::Regular, 0, 0o644);
        h.set_uid(70000);
        b.append_data(&mut h, "owned", &b""[..]).unwrap();
    });
    let e = env.apply(&tar, &[], &rootless).unwrap_err();
    assert!(
        matches!(e, ApplyError::Chown { ref entry, uid: 70000, .. } if entry == "owned"),
        "{e}"
    );
    assert!(
        e.to_string()
            .contains("uid 70000 is outside the user namespace's mapping (check /etc/subuid)"),
        "{e}"
    );
    let env = Env::new();
    let squash = ApplyOptions {
        rootless: true,
        squash_ownership: true,
    };
    env.apply(&tar, &[], &squash).unwrap();
    assert_eq!(std::fs::metadata(env.dest.join("owned")).unwrap().uid(), 0);
}

#[test]
fn sparse_files_are_written_sparse_under_their_real_names() {
    use crate::image::sparse::tests::{end, gnu_sparse, pax_sparse};
    const GIB: u64 = 1 << 30;
    let env = Env::new();
    let mut archive = Vec::new();
    // GNU tar stores whole 512-byte blocks but the last.
    let head = [b'h'; 512];
    archive.extend(gnu_sparse("gnu.img", GIB, &[(0, &head), (GIB / 2, b"middle")]));
    for (v, name) in [("0.0", "p00.img"), ("0.1", "dir/p01.img"), ("1.0", "dir/p10.img")] {
        archive.extend(pax_sparse(v, name, GIB, &[(4096, b"pax"), (GIB - 3, b"end")]));
    }
    let mut tail = tarball(|b| link(b, "hard.img", EntryType::Link, "dir/p10.img"));
    tail.truncate(tail.len() - 1024);
    archive.extend(tail);
    let report = env.apply(&end(archive.clone()), &[], &ROOT).unwrap();
    assert_eq!(report.size, end(archive).len() as u64);
    let names: Vec<String> = walk_names(&env.dest);
    assert_eq!(
        names,
        ["dir", "dir/p01.img", "dir/p10.img", "gnu.img", "hard.img", "p00.img"]
    );
    for (name, parts) in [
        ("gnu.img", vec![(0, &head[..]), (GIB / 2, b"middle")]),
        ("p00.img", vec![(4096, b"pax"), (GIB - 3, b"end")]),
        ("dir/p01.img", vec![(4096, b"pax"), (GIB - 3, b"end")]),
        ("hard.img", vec![(4096, b"pax"), (GIB - 3, b"end")]),
    ] {
        let p = env.dest.join(name);
        let md = std::fs::metadata(&p).unwrap();
        assert_eq!(md.len(), GIB, "{name}");
        assert!(md.blocks() * 512 <= 64 * 1024, "{name}: {} blocks", md.blocks());
        assert_eq!(md.mode() & 0o7777, 0o644);
        let f = File::open(&p).unwrap();
        for (off, data) in parts {
            let mut got = vec![0; data.len()];
            std::os::unix::fs::FileExt::read_exact_at(&f, &mut got, off).unwrap();
            assert_eq!(got, data, "{name} at {off}");
        }
    }
    assert!(!env.dest.join("GNUSparseFile.1234").exists());
}

#[test]
fn sparse_files_larger_than_the_free_space_are_refused() {
    use crate::image::sparse::tests::{end, gnu_sparse, pax_sparse};
    for archive in [
        end(gnu_sparse("huge", 1 << 60, &[(0, b"x")])),
        end(pax_sparse("1.0", "huge", 1 << 60, &[(0, b"x")])),
    ] {
        let env = Env::new();
        let e = env.apply(&archive, &[], &ROOT).unwrap_err();
        let text = e.to_string();
        assert!(
            text.starts_with("layer entry \"huge\": the sparse file's size (1152921504606846976 bytes) exceeds the"),
            "{text}"
        );
        assert!(matches!(e, ApplyError::Sparse { .. }));
    }
    // A hostile map is an error too, not a file under the made-up name.
    let env = Env::new();
    let bad = crate::image::sparse::tests::pax_entry(
        "GNUSparseFile.9/x",
        EntryType::Regular,
        &[("GNU.sparse.size", "10".into()), ("GNU.sparse.map", "0,20".into())],
        &[0; 20],
    );
    let e = env.apply(&end(bad), &[], &ROOT).unwrap_err();
    assert!(e.to_string().contains("bad sparse map"), "{e}");
    assert!(walk_names(&env.dest).is_empty());
}

/// The paths under `dir`, relative, sorted.
fn walk_names(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            out.push(p.strip_prefix(base).unwrap().to_string_lossy().into_owned());
            if std::fs::symlink_metadata(&p).unwrap().is_dir() {
                walk(base, &p, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}
