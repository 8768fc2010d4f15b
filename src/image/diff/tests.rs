use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, symlink};
use std::path::{Path, PathBuf};

use nix::sys::stat::{Mode, SFlag, makedev, mknod};
use nix::sys::time::TimeSpec;

use super::squash::write_squashed;
use super::*;
use crate::image::apply::{ApplyOptions, apply_layer};

struct Tmp(PathBuf);

impl Tmp {
    fn new() -> Tmp {
        let p = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-diff-"));
        fs::create_dir_all(&p).unwrap();
        Tmp(p)
    }
    fn dir(&self, name: &str) -> PathBuf {
        let p = self.0.join(name);
        fs::create_dir_all(&p).unwrap();
        p
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn write(root: &Path, rel: &str, data: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, data).unwrap();
}

fn whiteout(root: &Path, rel: &str) {
    mknod(&root.join(rel), SFlag::S_IFCHR, Mode::empty(), makedev(0, 0)).unwrap();
}

fn set_xattr(p: &Path, k: &str, v: &[u8]) {
    crate::sys::xattr::set(p, k, v, false).unwrap();
}

/// Gives `upper/rel` the mode, owner and times of `lower/rel`, as an overlay copy-up does.
fn copy_meta(lower: &Path, upper: &Path, rel: &str) {
    let md = fs::symlink_metadata(lower.join(rel)).unwrap();
    let u = upper.join(rel);
    fs::create_dir_all(&u).unwrap();
    fs::set_permissions(&u, fs::Permissions::from_mode(md.mode() & 0o7777)).unwrap();
    std::os::unix::fs::chown(&u, Some(md.uid()), Some(md.gid())).unwrap();
    let t = TimeSpec::new(md.mtime(), md.mtime_nsec());
    nix::sys::stat::utimensat(
        nix::fcntl::AT_FDCWD,
        &u,
        &t,
        &t,
        nix::sys::stat::UtimensatFlags::NoFollowSymlink,
    )
    .unwrap();
}

use std::os::unix::fs::PermissionsExt;

fn listing(changes: &[Change]) -> Vec<String> {
    changes
        .iter()
        .map(|c| format!("{} {}", c.kind, c.path.display()))
        .collect()
}

struct TarEntry {
    path: Vec<u8>,
    kind: tar::EntryType,
    link: Option<Vec<u8>>,
    uid: u64,
    mode: u32,
    data: Vec<u8>,
    xattrs: Vec<(String, Vec<u8>)>,
}

fn read_tar(data: &[u8]) -> Vec<TarEntry> {
    let mut ar = tar::Archive::new(data);
    let mut out = Vec::new();
    for e in ar.entries().unwrap() {
        let mut e = e.unwrap();
        let mut xattrs = Vec::new();
        if let Some(exts) = e.pax_extensions().unwrap() {
            for x in exts {
                let x = x.unwrap();
                xattrs.push((x.key().unwrap().to_string(), x.value_bytes().to_vec()));
            }
        }
        let mut buf = Vec::new();
        e.read_to_end(&mut buf).unwrap();
        out.push(TarEntry {
            path: e.path_bytes().into_owned(),
            kind: e.header().entry_type(),
            link: e.link_name_bytes().map(|l| l.into_owned()),
            uid: e.header().uid().unwrap(),
            mode: e.header().mode().unwrap(),
            data: buf,
            xattrs,
        });
    }
    out
}

fn names(entries: &[TarEntry]) -> Vec<String> {
    entries
        .iter()
        .map(|e| String::from_utf8_lossy(&e.path).into_owned())
        .collect()
}

fn layer(upper: &Path, lowers: &[PathBuf], exclude: &[PathBuf]) -> (Vec<u8>, LayerStats) {
    let mut out = Vec::new();
    let stats = write_layer(upper, lowers, exclude, &mut out).unwrap();
    (out, stats)
}

/// The tree of Podman's own example (checked against `podman diff` on the same changes).
fn podman_example(t: &Tmp) -> (PathBuf, PathBuf) {
    let lower = t.dir("lower");
    let upper = t.dir("upper");
    write(&lower, "etc/passwd", "root:x:0:0::/:/bin/sh\n");
    write(&lower, "etc/keep", "z\n");
    write(&lower, "e/h", "y\n");
    write(&lower, "d/sub/f", "hi\n");
    write(&lower, "d/g", "x\n");
    fs::create_dir_all(lower.join("tmp")).unwrap();
    // echo new > /tmp/a; echo mod >> /etc/passwd; rm /etc/keep; rm -rf /d; mkdir /d;
    // echo n > /d/n; mkdir -p /x/y; echo q >> /e/h
    write(&upper, "tmp/a", "new\n");
    write(&upper, "etc/passwd", "root:x:0:0::/:/bin/sh\nmod\n");
    whiteout(&upper, "etc/keep");
    copy_meta(&lower, &upper, "e");
    write(&upper, "e/h", "y\nq\n");
    copy_meta(&lower, &upper, "e");
    write(&upper, "d/n", "n\n");
    set_xattr(&upper.join("d"), "trusted.overlay.opaque", b"y");
    fs::create_dir_all(upper.join("x/y")).unwrap();
    (lower, upper)
}

#[test]
fn changes_match_podman() {
    let t = Tmp::new();
    let (lower, upper) = podman_example(&t);
    let got = changes(&upper, &[lower], &[]).unwrap();
    assert_eq!(
        listing(&got),
        [
            "D /d",
            "A /d/n",
            "C /e/h",
            "C /etc",
            "D /etc/keep",
            "C /etc/passwd",
            "C /tmp",
            "A /tmp/a",
            "A /x",
            "A /x/y"
        ]
    );
}

#[test]
fn layer_has_exactly_the_changed_entries_and_applies_back() {
    let t = Tmp::new();
    let (lower, upper) = podman_example(&t);
    let lowers = vec![lower.clone()];
    let (data, stats) = layer(&upper, &lowers, &[]);
    assert_eq!(stats.size, data.len() as u64);
    assert_eq!(stats.diff_id, Digest::of_bytes(&data));
    let entries = read_tar(&data);
    assert_eq!(stats.entries, entries.len());
    assert_eq!(
        names(&entries),
        [
            "d/",
            "d/.wh..wh..opq",
            "d/n",
            "e/",
            "e/h",
            "etc/",
            "etc/.wh.keep",
            "etc/passwd",
            "tmp/",
            "tmp/a",
            "x/",
            "x/y/"
        ]
    );
    let passwd = entries.iter().find(|e| e.path == b"etc/passwd").unwrap();
    assert_eq!(passwd.data, b"root:x:0:0::/:/bin/sh\nmod\n");
    assert!(
        entries.iter().all(|e| e.xattrs.is_empty()),
        "no overlay xattrs in the layer"
    );

    // The same changes give the same bytes.
    let (again, stats2) = layer(&upper, &lowers, &[]);
    assert_eq!(again, data);
    assert_eq!(stats2.diff_id, stats.diff_id);

    // Applied over the same lower, the layer is the upper again, as overlay reads it.
    let dest = t.dir("applied");
    let opts = ApplyOptions {
        rootless: false,
        squash_ownership: false,
    };
    let report = apply_layer(&mut data.as_slice(), &dest, &lowers, &opts).unwrap();
    assert_eq!(report.diff_id, stats.diff_id);
    let keep = fs::symlink_metadata(dest.join("etc/keep")).unwrap();
    assert!(std::os::unix::fs::FileTypeExt::is_char_device(&keep.file_type()) && keep.rdev() == 0);
    assert_eq!(
        get_xattr_path(&dest.join("d"), "trusted.overlay.opaque", false).unwrap(),
        Some(b"y".to_vec())
    );
    assert_eq!(fs::read(dest.join("d/n")).unwrap(), b"n\n");
    let applied = changes(&dest, &lowers, &[]).unwrap();
    let mut expected = changes(&upper, &lowers, &[]).unwrap();
    // Directory times are the tar's whole seconds, so only /e (a parent written for /e/h) may differ.
    expected.retain(|c| c.path != Path::new("/e"));
    let mut applied_no_e = applied.clone();
    applied_no_e.retain(|c| c.path != Path::new("/e"));
    assert_eq!(applied_no_e, expected);
}

#[test]
fn hardlinks_symlinks_odd_and_long_names() {
    let t = Tmp::new();
    let lower = t.dir("lower");
    let upper = t.dir("upper");
    let long_dir = "d".repeat(120);
    let long_name = format!("{long_dir}/{}", "f".repeat(150));
    write(&upper, "n/a", "data");
    fs::hard_link(upper.join("n/a"), upper.join("n/b")).unwrap();
    write(&upper, &long_name, "long");
    fs::hard_link(upper.join(&long_name), upper.join("n/c")).unwrap();
    symlink("../x/./y//z", upper.join("n/s")).unwrap();
    let long_target = format!("/{}", "t/".repeat(100));
    symlink(&long_target, upper.join("n/longlink")).unwrap();
    let odd = OsStr::from_bytes(b"odd \xff\n\\name");
    fs::write(upper.join("n").join(odd), "o").unwrap();
    nix::unistd::mkfifo(&upper.join("n/fifo"), Mode::from_bits_truncate(0o640)).unwrap();
    mknod(
        &upper.join("n/null"),
        SFlag::S_IFCHR,
        Mode::from_bits_truncate(0o666),
        makedev(1, 3),
    )
    .unwrap();
    std::os::unix::fs::lchown(upper.join("n/s"), Some(33), Some(33)).unwrap();
    std::os::unix::fs::chown(upper.join("n/a"), Some(33), Some(44)).unwrap();

    let got = changes(&upper, std::slice::from_ref(&lower), &[]).unwrap();
    assert!(got.iter().all(|c| c.kind == ChangeKind::Added), "{got:?}");
    assert!(
        got.iter()
            .any(|c| c.path.as_os_str().as_bytes() == b"/n/odd \xff\n\\name")
    );

    let (data, _) = layer(&upper, &[lower], &[]);
    let entries = read_tar(&data);
    let find = |p: &[u8]| entries.iter().find(|e| e.path == p).unwrap_or_else(|| panic!("{p:?}"));
    let a = find(b"n/a");
    assert_eq!(
        (a.kind, a.uid, a.data.as_slice()),
        (tar::EntryType::Regular, 33, &b"data"[..])
    );
    let b = find(b"n/b");
    assert_eq!((b.kind, b.link.as_deref()), (tar::EntryType::Link, Some(&b"n/a"[..])));
    // The long-named file sorts first ("d…" < "n"), so the short name links to it.
    let c = find(b"n/c");
    assert_eq!(
        (c.kind, c.link.as_deref()),
        (tar::EntryType::Link, Some(long_name.as_bytes()))
    );
    assert_eq!(find(long_name.as_bytes()).data, b"long");
    let s = find(b"n/s");
    assert_eq!(
        (s.kind, s.link.as_deref(), s.uid),
        (tar::EntryType::Symlink, Some(&b"../x/./y//z"[..]), 33)
    );
    let l = find(b"n/longlink");
    assert_eq!(l.link.as_deref(), Some(long_target.as_bytes()));
    assert_eq!(find(b"n/odd \xff\n\\name").data, b"o");
    let f = find(b"n/fifo");
    assert_eq!((f.kind, f.mode), (tar::EntryType::Fifo, 0o640));
    assert_eq!(find(b"n/null").kind, tar::EntryType::Char);

    // And it applies: the hardlinks share an inode again.
    let dest = t.dir("applied");
    let opts = ApplyOptions {
        rootless: false,
        squash_ownership: false,
    };
    apply_layer(&mut data.as_slice(), &dest, &[], &opts).unwrap();
    let ia = fs::metadata(dest.join("n/a")).unwrap().ino();
    assert_eq!(fs::metadata(dest.join("n/b")).unwrap().ino(), ia);
    assert_eq!(fs::read_link(dest.join("n/longlink")).unwrap(), Path::new(&long_target));
    assert_eq!(fs::symlink_metadata(dest.join("n/s")).unwrap().uid(), 33);
}

#[test]
fn placeholders_of_mounts_are_hidden() {
    let t = Tmp::new();
    let lower = t.dir("lower");
    let upper = t.dir("upper");
    write(&lower, "etc/passwd", "x");
    fs::write(lower.join("etc/resolv.conf"), "nameserver 1.1.1.1\n").unwrap();
    copy_meta(&lower, &upper, "etc");
    fs::write(upper.join("etc/hosts"), "").unwrap();
    fs::write(upper.join("etc/hostname"), "not a placeholder\n").unwrap();
    copy_meta(&lower, &upper, "etc");
    fs::create_dir_all(upper.join("run/secrets")).unwrap();
    fs::create_dir_all(upper.join("proc")).unwrap();
    fs::create_dir_all(upper.join("data")).unwrap();
    let exclude: Vec<PathBuf> = ["/etc/hosts", "/etc/hostname", "/run/secrets", "/proc", "/dev"]
        .iter()
        .map(PathBuf::from)
        .collect();
    let got = changes(&upper, std::slice::from_ref(&lower), &exclude).unwrap();
    assert_eq!(listing(&got), ["A /data", "C /etc", "A /etc/hostname"]);
    let (data, _) = layer(&upper, std::slice::from_ref(&lower), &exclude);
    assert_eq!(names(&read_tar(&data)), ["data/", "etc/", "etc/hostname"]);

    // Nothing else: an empty layer (two zero blocks) and no changes.
    fs::remove_file(upper.join("etc/hostname")).unwrap();
    fs::remove_dir(upper.join("data")).unwrap();
    copy_meta(&lower, &upper, "etc");
    assert_eq!(changes(&upper, std::slice::from_ref(&lower), &exclude).unwrap(), []);
    let (data, stats) = layer(&upper, &[lower], &exclude);
    assert_eq!((data.len(), stats.entries), (1024, 0));
}

#[test]
fn lower_whiteouts_opaque_dirs_and_user_xattrs() {
    let t = Tmp::new();
    let bottom = t.dir("bottom");
    let middle = t.dir("middle");
    let upper = t.dir("upper");
    write(&bottom, "a/gone", "1");
    write(&bottom, "b/old", "1");
    write(&bottom, "c/f", "1");
    // The middle layer deleted a/gone and made b opaque (its old content is hidden).
    fs::create_dir_all(middle.join("a")).unwrap();
    whiteout(&middle, "a/gone");
    write(&middle, "b/new", "2");
    set_xattr(&middle.join("b"), "user.overlay.opaque", b"y");
    // The container recreates a/gone, writes b/old (new over the opaque b), and removes c/f
    // with a rootless-style whiteout (an empty file marked by xattr).
    copy_meta(&bottom, &upper, "a");
    write(&upper, "a/gone", "3");
    copy_meta(&middle, &upper, "b");
    write(&upper, "b/old", "3");
    copy_meta(&middle, &upper, "b");
    copy_meta(&bottom, &upper, "c");
    fs::write(upper.join("c/f"), "").unwrap();
    set_xattr(&upper.join("c/f"), "user.overlay.whiteout", b"");
    copy_meta(&bottom, &upper, "c");
    // A whiteout of something no lower layer has is not a change.
    whiteout(&upper, "never");
    write(&upper, "x/attr", "v");
    set_xattr(&upper.join("x/attr"), "user.note", b"hello");
    set_xattr(&upper.join("x/attr"), "user.overlay.origin", b"private");

    let lowers = vec![middle, bottom];
    let got = changes(&upper, &lowers, &[]).unwrap();
    assert_eq!(
        listing(&got),
        [
            "C /a",
            "A /a/gone",
            "C /b",
            "A /b/old",
            "C /c",
            "D /c/f",
            "A /x",
            "A /x/attr"
        ]
    );
    let (data, _) = layer(&upper, &lowers, &[]);
    let entries = read_tar(&data);
    assert_eq!(
        names(&entries),
        ["a/", "a/gone", "b/", "b/old", "c/", "c/.wh.f", "x/", "x/attr"]
    );
    let attr = entries.iter().find(|e| e.path == b"x/attr").unwrap();
    assert_eq!(attr.xattrs, [("SCHILY.xattr.user.note".to_string(), b"hello".to_vec())]);
}

#[test]
fn hostile_upper_symlinks_are_not_followed() {
    let t = Tmp::new();
    let lower = t.dir("lower");
    let upper = t.dir("upper");
    let outside = t.dir("outside");
    write(&outside, "secret", "s3cret");
    write(&lower, "etc/passwd", "x");
    // The container replaced /etc with a symlink to a host directory.
    symlink(&outside, upper.join("etc")).unwrap();
    symlink(outside.join("secret"), upper.join("link")).unwrap();
    let got = changes(&upper, std::slice::from_ref(&lower), &[]).unwrap();
    assert_eq!(listing(&got), ["C /etc", "A /link"]);
    let (data, _) = layer(&upper, &[lower], &[]);
    let entries = read_tar(&data);
    assert_eq!(names(&entries), ["etc", "link"]);
    assert!(
        entries
            .iter()
            .all(|e| e.data.is_empty() && e.kind == tar::EntryType::Symlink)
    );
}

#[test]
fn mount_destinations_are_read_from_the_spec() {
    let t = Tmp::new();
    let p = t.0.join("config.json");
    fs::write(
        &p,
        r#"{"ociVersion":"1.0.2","mounts":[{"destination":"/proc","type":"proc"},{"destination":"/etc/hosts","type":"bind","source":"/x"}]}"#,
    )
    .unwrap();
    assert_eq!(
        mount_destinations(&p).unwrap(),
        [PathBuf::from("/proc"), PathBuf::from("/etc/hosts")]
    );
    fs::write(&p, r#"{"ociVersion":"1.0.2"}"#).unwrap();
    assert!(mount_destinations(&p).unwrap().is_empty());
    fs::write(&p, "{").unwrap();
    assert!(matches!(mount_destinations(&p), Err(DiffError::Spec { .. })));
    assert!(matches!(
        mount_destinations(&t.0.join("nope")),
        Err(DiffError::Io { .. })
    ));
}

#[test]
fn squashed_layer_is_the_merged_view() {
    let t = Tmp::new();
    let (lower, upper) = podman_example(&t);
    let placeholder = upper.join("etc/hosts");
    fs::write(&placeholder, "").unwrap();
    fs::create_dir_all(upper.join("proc")).unwrap();
    let exclude = vec![PathBuf::from("/etc/hosts"), PathBuf::from("/proc")];
    let mut data = Vec::new();
    let stats = write_squashed(&[upper.clone(), lower.clone()], &exclude, &mut data).unwrap();
    assert_eq!(stats.diff_id, Digest::of_bytes(&data));
    let entries = read_tar(&data);
    assert_eq!(
        names(&entries),
        [
            "d/",
            "d/n",
            "e/",
            "e/h",
            "etc/",
            "etc/passwd",
            "tmp/",
            "tmp/a",
            "x/",
            "x/y/"
        ]
    );
    let h = entries.iter().find(|e| e.path == b"e/h").unwrap();
    assert_eq!(h.data, b"y\nq\n");
    // Only the lower layer: the image as it was.
    let mut data = Vec::new();
    write_squashed(std::slice::from_ref(&lower), &[], &mut data).unwrap();
    assert_eq!(
        names(&read_tar(&data)),
        [
            "d/",
            "d/g",
            "d/sub/",
            "d/sub/f",
            "e/",
            "e/h",
            "etc/",
            "etc/keep",
            "etc/passwd",
            "tmp/"
        ]
    );
    let mut data = Vec::new();
    assert_eq!(write_squashed(&[], &[], &mut data).unwrap().entries, 0);
}

#[test]
fn files_with_holes_become_pax_sparse_entries_and_apply_sparse() {
    let t = Tmp::new();
    let upper = t.dir("upper");
    let size: u64 = 1 << 30;
    let f = fs::File::create(upper.join("sparse.img")).unwrap();
    f.set_len(size).unwrap();
    std::os::unix::fs::FileExt::write_all_at(&f, b"head", 0).unwrap();
    std::os::unix::fs::FileExt::write_all_at(&f, b"tail", size - 4).unwrap();
    drop(f);
    fs::create_dir(upper.join("d")).unwrap();
    let f = fs::File::create(upper.join("d/hole-at-end")).unwrap();
    f.set_len(1 << 20).unwrap();
    std::os::unix::fs::FileExt::write_all_at(&f, b"x", 0).unwrap();
    drop(f);
    write(&upper, "plain", "plain\n");
    let (data, stats) = layer(&upper, &[], &[]);
    assert!(data.len() < 64 * 1024, "{} bytes", data.len());
    let entries = read_tar(&data);
    let names: Vec<String> = entries
        .iter()
        .map(|e| String::from_utf8_lossy(&e.path).into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "d/",
            "d/GNUSparseFile.0/hole-at-end",
            "plain",
            "GNUSparseFile.0/sparse.img"
        ]
    );
    let sparse = &entries[3];
    assert!(
        sparse
            .xattrs
            .contains(&("GNU.sparse.name".into(), b"sparse.img".to_vec()))
    );
    assert!(
        sparse
            .xattrs
            .contains(&("GNU.sparse.realsize".into(), b"1073741824".to_vec()))
    );
    // GNU tar reads it back as the original file.
    let out = t.dir("gnutar");
    let tarball = t.0.join("layer.tar");
    fs::write(&tarball, &data).unwrap();
    let st = std::process::Command::new("tar")
        .arg("-xf")
        .arg(&tarball)
        .arg("-C")
        .arg(&out)
        .output()
        .unwrap();
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
    assert_eq!(fs::metadata(out.join("sparse.img")).unwrap().len(), size);
    assert!(!out.join("GNUSparseFile.0").exists());
    // And so does the applier, sparse.
    let dest = t.dir("applied");
    let opts = ApplyOptions {
        rootless: false,
        squash_ownership: false,
    };
    let report = apply_layer(&mut data.as_slice(), &dest, &[], &opts).unwrap();
    assert_eq!(report.diff_id, stats.diff_id);
    for (name, len, parts) in [
        ("sparse.img", size, vec![(0, &b"head"[..]), (size - 4, b"tail")]),
        ("d/hole-at-end", 1 << 20, vec![(0, b"x")]),
    ] {
        let md = fs::metadata(dest.join(name)).unwrap();
        assert_eq!(md.len(), len, "{name}");
        assert!(md.blocks() * 512 <= 64 * 1024, "{name}: {} blocks", md.blocks());
        let f = fs::File::open(dest.join(name)).unwrap();
        for (off, want) in parts {
            let mut got = vec![0; want.len()];
            std::os::unix::fs::FileExt::read_exact_at(&f, &mut got, off).unwrap();
            assert_eq!(got, want, "{name} at {off}");
        }
    }
    assert_eq!(fs::read(dest.join("plain")).unwrap(), b"plain\n");
}
