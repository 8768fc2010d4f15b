use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};

use tar::{Builder, EntryType, Header};

use super::*;

/// A temporary directory with `root/` (the container) and `outside/` holding a sentinel.
struct Env {
    dir: PathBuf,
}

impl Env {
    fn new() -> Env {
        let dir = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-copy-"));
        std::fs::create_dir_all(dir.join("root/etc")).unwrap();
        std::fs::create_dir_all(dir.join("outside")).unwrap();
        std::fs::write(dir.join("root/etc/passwd"), "container\n").unwrap();
        std::fs::write(dir.join("outside/sentinel"), "orig").unwrap();
        Env { dir }
    }

    fn root(&self) -> OwnedFd {
        open_root(&self.dir.join("root")).unwrap()
    }

    /// Everything under `outside/` is still only the sentinel, unchanged.
    fn check_outside(&self) {
        let names: Vec<_> = std::fs::read_dir(self.dir.join("outside"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![OsString::from("sentinel")]);
        assert_eq!(
            std::fs::read_to_string(self.dir.join("outside/sentinel")).unwrap(),
            "orig"
        );
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn up(s: &str) -> UserPath {
    UserPath::parse(s).unwrap()
}

/// Appends an entry whose name and link name are written raw (hostile names included).
fn raw(b: &mut Builder<Vec<u8>>, name: &[u8], kind: EntryType, target: &[u8], data: &[u8]) {
    let mut h = Header::new_gnu();
    h.set_entry_type(kind);
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
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

fn stream_opts(owner: Owner) -> ExtractOptions {
    ExtractOptions {
        owner,
        overwrite: false,
    }
}

#[test]
fn user_paths_follow_docker() {
    let p = up("/a/../../b/./c/");
    assert_eq!(p.components, vec![OsString::from("b"), OsString::from("c")]);
    assert!(p.trailing_slash && !p.contents_only);
    let p = up("dir/.");
    assert!(p.trailing_slash && p.contents_only);
    assert_eq!(p.base_name(), "dir");
    let p = up("/../..");
    assert!(p.is_root() && p.contents_only);
    assert_eq!(p.base_name(), "rootfs");
    assert!(!up("/x").trailing_slash);
    assert!(UserPath::parse("a\0b").is_err());
}

#[test]
fn placement_rules() {
    let env = Env::new();
    let root = env.root();
    let loc = locate(root.as_fd(), &up("/new"), true).unwrap();
    let rename = || Placement::IntoParent(NameMap::RenameTop("new".into()));
    use DestKind::*;
    let place_ok = |dst: &str, kind, dir, contents| place(&up(dst), &loc, kind, dir, contents, false).unwrap();
    assert_eq!(place_ok("/new", Directory, true, false), Placement::Into(NameMap::AsIs));
    assert_eq!(
        place_ok("/new", Directory, true, true),
        Placement::Into(NameMap::StripTop)
    );
    assert_eq!(
        place_ok("/new", Directory, false, false),
        Placement::Into(NameMap::AsIs)
    );
    assert_eq!(place_ok("/new", Missing, true, false), rename());
    assert_eq!(place_ok("/new/", Missing, true, false), rename());
    assert_eq!(place_ok("/new", Missing, false, false), rename());
    assert_eq!(place_ok("/new", Other, false, false), rename());
    assert!(matches!(
        place(&up("/new/"), &loc, Missing, false, false, false),
        Err(CopyError::DestinationDirMissing { .. })
    ));
    assert!(matches!(
        place(&up("/new"), &loc, Other, true, false, false),
        Err(CopyError::DirectoryToFile { .. })
    ));
    assert_eq!(place(&up("/new"), &loc, Other, true, false, true).unwrap(), rename());
    assert!(matches!(
        place(&up("/new/"), &loc, Other, false, false, false),
        Err(CopyError::NotDirectory { .. })
    ));
}

#[test]
fn locating_stays_in_the_root() {
    let env = Env::new();
    let r = env.dir.join("root");
    symlink("/etc", r.join("evil")).unwrap();
    symlink("../../../..", r.join("up")).unwrap();
    symlink(env.dir.join("outside"), r.join("host")).unwrap();
    symlink("loop2", r.join("loop1")).unwrap();
    symlink("loop1", r.join("loop2")).unwrap();
    let root = env.root();
    let etc_ino = std::fs::metadata(r.join("etc")).unwrap().ino();
    let root_ino = std::fs::metadata(&r).unwrap().ino();
    for (path, follow, dir_ino, name) in [
        ("/evil/passwd", false, etc_ino, "passwd"),
        ("/up/up/etc/passwd", false, etc_ino, "passwd"),
        ("/evil", true, root_ino, "etc"),
        ("/up", true, root_ino, "."),
        ("/evil", false, root_ino, "evil"),
    ] {
        let l = locate(root.as_fd(), &up(path), follow).unwrap();
        assert_eq!(nix::sys::stat::fstat(l.dir.as_fd()).unwrap().st_ino, dir_ino, "{path}");
        assert_eq!(l.name, name, "{path}");
    }
    // The host directory the symlink names does not exist in the root.
    assert!(matches!(
        locate(root.as_fd(), &up("/host/sentinel"), false),
        Err(CopyError::NotFound { .. })
    ));
    assert!(matches!(
        locate(root.as_fd(), &up("/loop1"), true),
        Err(CopyError::Loop { .. })
    ));
    assert!(matches!(
        source(root.as_fd(), &up("/etc/passwd/"), false),
        Err(CopyError::NotDirectory { .. })
    ));
}

#[test]
fn hostile_archives_write_nothing_outside() {
    let env = Env::new();
    let r = env.dir.join("root");
    symlink(env.dir.join("outside"), r.join("host")).unwrap();
    let root = env.root();
    let run =
        |tar: Vec<u8>| extract_stream_to(root.as_fd(), &up("/"), &mut tar.as_slice(), stream_opts(Owner::Process));
    let dotdot = tarball(|b| raw(b, b"../outside/x", EntryType::Regular, b"", b"x"));
    assert!(matches!(run(dotdot), Err(CopyError::Escapes { .. })));
    let deep = tarball(|b| raw(b, b"a/../../../outside/x", EntryType::Regular, b"", b"x"));
    assert!(matches!(run(deep), Err(CopyError::Escapes { .. })));
    // Through a symlink the image has, or one the archive plants first.
    let through = tarball(|b| raw(b, b"host/x", EntryType::Regular, b"", b"x"));
    assert!(matches!(run(through), Err(CopyError::ThroughSymlink { .. })));
    let planted = tarball(|b| {
        raw(
            b,
            b"l",
            EntryType::Symlink,
            env.dir.join("outside").to_str().unwrap().as_bytes(),
            b"",
        );
        raw(b, b"l/sentinel", EntryType::Regular, b"", b"x");
    });
    assert!(matches!(run(planted), Err(CopyError::ThroughSymlink { .. })));
    // A hardlink to a host file, or out of the destination.
    let hard = tarball(|b| raw(b, b"h", EntryType::Link, b"../outside/sentinel", b""));
    assert!(matches!(run(hard), Err(CopyError::Escapes { .. })));
    let hard2 = tarball(|b| raw(b, b"h", EntryType::Link, b"host/sentinel", b""));
    assert!(matches!(run(hard2), Err(CopyError::ThroughSymlink { .. })));
    // An existing symlink at an entry's name is replaced, not written through.
    let replace = tarball(|b| raw(b, b"host", EntryType::Regular, b"", b"mine"));
    run(replace).unwrap();
    assert_eq!(std::fs::read_to_string(r.join("host")).unwrap(), "mine");
    // Absolute names land inside.
    let abs = tarball(|b| raw(b, b"/abs", EntryType::Regular, b"", b"x"));
    run(abs).unwrap();
    assert!(r.join("abs").is_file());
    env.check_outside();
}

#[test]
fn write_then_extract_round_trips() {
    let env = Env::new();
    let r = env.dir.join("root");
    std::fs::create_dir_all(r.join("src/sub")).unwrap();
    std::fs::write(r.join("src/f"), "content").unwrap();
    std::fs::set_permissions(r.join("src/f"), std::fs::Permissions::from_mode(0o4751)).unwrap();
    std::fs::hard_link(r.join("src/f"), r.join("src/sub/hard")).unwrap();
    symlink("../f", r.join("src/sub/link")).unwrap();
    std::fs::set_permissions(r.join("src/sub"), std::fs::Permissions::from_mode(0o500)).unwrap();
    let root = env.root();
    let src = source(root.as_fd(), &up("/src"), false).unwrap();
    let mut tar = Vec::new();
    write_tar(&src.located, Some(&src.top), TarOptions::default(), &mut tar).unwrap();
    // To a new name, then into an existing directory, then only the contents.
    for (dst, contents, check) in [
        ("/copy", false, "copy"),
        ("/etc", false, "etc/src"),
        ("/etc/", true, "etc"),
    ] {
        extract_to(
            root.as_fd(),
            &up(dst),
            &mut tar.as_slice(),
            stream_opts(Owner::Keep),
            contents,
        )
        .unwrap();
        let base = r.join(check);
        assert_eq!(std::fs::read_to_string(base.join("f")).unwrap(), "content", "{dst}");
        let m = std::fs::metadata(base.join("f")).unwrap();
        assert_eq!(m.permissions().mode() & 0o7777, 0o4751);
        assert_eq!(m.ino(), std::fs::metadata(base.join("sub/hard")).unwrap().ino());
        assert_eq!(std::fs::read_link(base.join("sub/link")).unwrap(), Path::new("../f"));
        assert_eq!(
            std::fs::metadata(base.join("sub")).unwrap().permissions().mode() & 0o7777,
            0o500
        );
    }
    // A directory over the file it replaces needs `overwrite`.
    std::fs::write(r.join("clash"), "").unwrap();
    let err = extract_to(
        root.as_fd(),
        &up("/"),
        &mut tar_named("clash").as_slice(),
        stream_opts(Owner::Keep),
        false,
    );
    assert!(matches!(err, Err(CopyError::OverwriteNonDirectory { .. })), "{err:?}");
    let opts = ExtractOptions {
        owner: Owner::Keep,
        overwrite: true,
    };
    extract_to(root.as_fd(), &up("/"), &mut tar_named("clash").as_slice(), opts, false).unwrap();
    assert!(r.join("clash").is_dir());
    for d in ["src/sub", "copy/sub", "etc/src/sub", "etc/sub"] {
        std::fs::set_permissions(r.join(d), std::fs::Permissions::from_mode(0o700)).unwrap();
    }
}

/// A tar of one directory named `name`.
fn tar_named(name: &str) -> Vec<u8> {
    tarball(|b| raw(b, name.as_bytes(), EntryType::Directory, b"", b""))
}

/// A copy whose stream stops halfway (its writer failed) or that fails on an entry leaves
/// nothing it created: not the top directory, not what was already in it. What was there
/// before stays.
#[test]
fn a_failed_copy_leaves_nothing_behind() {
    let env = Env::new();
    let r = env.dir.join("root");
    let root = env.root();
    let full = tarball(|b| {
        raw(b, b"top", EntryType::Directory, b"", b"");
        raw(b, b"top/a", EntryType::Regular, b"", b"aaaa");
        raw(b, b"top/sub", EntryType::Directory, b"", b"");
        raw(b, b"top/sub/b", EntryType::Regular, b"", b"bbbb");
    });
    // Cut after the second entry, at a header boundary: the parser alone sees a clean end.
    let cut = &full[..512 * 3];
    for (dst, left) in [("/new", "new"), ("/etc", "etc/top")] {
        let err = extract_to(root.as_fd(), &up(dst), &mut &cut[..], stream_opts(Owner::Keep), false).unwrap_err();
        assert!(err.to_string().contains("the archive ends early"), "{err}");
        assert!(!r.join(left).exists(), "{left} was left");
    }
    assert_eq!(std::fs::read_to_string(r.join("etc/passwd")).unwrap(), "container\n");
    // A hostile entry halfway: the same.
    let hostile = tarball(|b| {
        raw(b, b"top", EntryType::Directory, b"", b"");
        raw(b, b"top/a", EntryType::Regular, b"", b"aaaa");
        raw(b, b"top/../../x", EntryType::Regular, b"", b"x");
    });
    let err = extract_to(
        root.as_fd(),
        &up("/new"),
        &mut hostile.as_slice(),
        stream_opts(Owner::Keep),
        false,
    );
    assert!(matches!(err, Err(CopyError::Escapes { .. })), "{err:?}");
    assert!(!r.join("new").exists());
    // An existing destination is never removed.
    std::fs::create_dir(r.join("kept")).unwrap();
    let renamed = tarball(|b| raw(b, b"kept", EntryType::Regular, b"", b"x"));
    let err = extract_to(
        root.as_fd(),
        &up("/kept/"),
        &mut &renamed[..512],
        stream_opts(Owner::Keep),
        true,
    );
    assert!(err.is_err());
    assert!(r.join("kept").is_dir());
    // The whole stream is fine.
    extract_to(
        root.as_fd(),
        &up("/new"),
        &mut full.as_slice(),
        stream_opts(Owner::Keep),
        false,
    )
    .unwrap();
    assert_eq!(std::fs::read_to_string(r.join("new/sub/b")).unwrap(), "bbbb");
    env.check_outside();
}
