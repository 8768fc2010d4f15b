//! Sparse entries built by hand (GNU headers with extension blocks, PAX records and inline
//! maps) and by GNU tar, hostile maps among them. The builders are shared with the layer
//! applier's tests.

use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::*;

/// Writes `v` as a NUL-terminated octal field, or in base 256 when it does not fit (as GNU
/// tar writes large numbers).
fn octal(field: &mut [u8], v: u64) {
    let w = field.len() - 1;
    let text = format!("{v:0w$o}");
    if text.len() == w {
        field[..w].copy_from_slice(text.as_bytes());
        field[w] = 0;
    } else {
        field.fill(0);
        field[0] = 0x80;
        let n = field.len();
        field[n - 8..].copy_from_slice(&v.to_be_bytes());
    }
}

fn pad(out: &mut Vec<u8>) {
    out.resize(out.len().div_ceil(512) * 512, 0);
}

/// A GNU sparse entry (type `S`) of `real` bytes whose data segments are `segments` (offset,
/// bytes); more than four segments take extension blocks. Every segment but the last must be a
/// multiple of 512 bytes long, as GNU tar writes them; as GNU tar, an empty segment at the end
/// marks a file that ends in a hole.
pub(crate) fn gnu_sparse(name: &str, real: u64, segments: &[(u64, &[u8])]) -> Vec<u8> {
    let mut segments = segments.to_vec();
    if segments.last().is_none_or(|(o, d)| o + d.len() as u64 != real) {
        segments.push((real, b""));
    }
    let segments = segments.as_slice();
    let mut h = tar::Header::new_gnu();
    h.set_path(name).unwrap();
    h.set_mode(0o644);
    h.set_mtime(1_600_000_000);
    h.set_entry_type(tar::EntryType::GNUSparse);
    h.set_size(segments.iter().map(|s| s.1.len() as u64).sum());
    let gnu = h.as_gnu_mut().unwrap();
    octal(&mut gnu.realsize, real);
    for (slot, (off, data)) in gnu.sparse.iter_mut().zip(segments) {
        octal(&mut slot.offset, *off);
        octal(&mut slot.numbytes, data.len() as u64);
    }
    let rest: Vec<_> = segments.iter().skip(4).collect();
    gnu.isextended[0] = u8::from(!rest.is_empty());
    h.set_cksum();
    let mut out = h.as_bytes().to_vec();
    let chunks: Vec<_> = rest.chunks(21).collect();
    for (i, chunk) in chunks.iter().enumerate() {
        let mut ext = tar::GnuExtSparseHeader::new();
        for (slot, (off, data)) in ext.sparse.iter_mut().zip(chunk.iter()) {
            octal(&mut slot.offset, *off);
            octal(&mut slot.numbytes, data.len() as u64);
        }
        ext.isextended[0] = u8::from(i + 1 < chunks.len());
        out.extend_from_slice(ext.as_bytes());
    }
    for (_, data) in segments {
        out.extend_from_slice(data);
    }
    pad(&mut out);
    out
}

/// One PAX record: `LEN key=value\n`, LEN counting itself.
fn pax_record(key: &str, value: &[u8]) -> Vec<u8> {
    let body = key.len() + value.len() + 3;
    let mut len = body + body.to_string().len();
    if len.to_string().len() != body.to_string().len() {
        len += 1;
    }
    let mut out = format!("{len} {key}=").into_bytes();
    out.extend_from_slice(value);
    out.push(b'\n');
    out
}

/// A PAX header with `records`, then a regular entry `name` holding `data`.
pub(crate) fn pax_entry(name: &str, kind: tar::EntryType, records: &[(&str, String)], data: &[u8]) -> Vec<u8> {
    let body: Vec<u8> = records.iter().flat_map(|(k, v)| pax_record(k, v.as_bytes())).collect();
    let mut x = tar::Header::new_ustar();
    x.set_path("PaxHeaders.0/entry").unwrap();
    x.set_entry_type(tar::EntryType::XHeader);
    x.set_mode(0o644);
    x.set_size(body.len() as u64);
    x.set_cksum();
    let mut out = x.as_bytes().to_vec();
    out.extend_from_slice(&body);
    pad(&mut out);
    let mut h = tar::Header::new_ustar();
    h.set_path(name).unwrap();
    h.set_entry_type(kind);
    h.set_mode(0o644);
    h.set_mtime(1_600_000_000);
    h.set_size(data.len() as u64);
    h.set_cksum();
    out.extend_from_slice(h.as_bytes());
    out.extend_from_slice(data);
    pad(&mut out);
    out
}

/// The records of a PAX sparse file `name` of `real` bytes in format `version` ("0.0", "0.1"
/// or "1.0"), and the entry's data (for 1.0 the map leads it).
pub(crate) fn pax_sparse(version: &str, name: &str, real: u64, segments: &[(u64, &[u8])]) -> Vec<u8> {
    let mut records: Vec<(&str, String)> = Vec::new();
    let mut data = Vec::new();
    match version {
        "0.0" => {
            records.push(("GNU.sparse.size", real.to_string()));
            records.push(("GNU.sparse.numblocks", segments.len().to_string()));
            for (off, d) in segments {
                records.push(("GNU.sparse.offset", off.to_string()));
                records.push(("GNU.sparse.numbytes", d.len().to_string()));
            }
        }
        "0.1" => {
            records.push(("GNU.sparse.size", real.to_string()));
            records.push(("GNU.sparse.numblocks", segments.len().to_string()));
            let map: Vec<String> = segments
                .iter()
                .flat_map(|(o, d)| [o.to_string(), d.len().to_string()])
                .collect();
            records.push(("GNU.sparse.map", map.join(",")));
            records.push(("GNU.sparse.name", name.to_string()));
        }
        "1.0" => {
            records.push(("GNU.sparse.major", "1".into()));
            records.push(("GNU.sparse.minor", "0".into()));
            records.push(("GNU.sparse.name", name.to_string()));
            records.push(("GNU.sparse.realsize", real.to_string()));
            data.extend(format!("{}\n", segments.len()).bytes());
            for (o, d) in segments {
                data.extend(format!("{o}\n{}\n", d.len()).bytes());
            }
            pad(&mut data);
        }
        other => panic!("{other}"),
    }
    for (_, d) in segments {
        data.extend_from_slice(d);
    }
    // GNU tar's made-up name (0.0 keeps the real one in the header).
    let shown = if version == "0.0" {
        name.to_string()
    } else {
        format!("GNUSparseFile.1234/{name}")
    };
    pax_entry(&shown, tar::EntryType::Regular, &records, &data)
}

/// The end of an archive.
pub(crate) fn end(mut archive: Vec<u8>) -> Vec<u8> {
    archive.extend_from_slice(&[0; 1024]);
    archive
}

/// A scratch directory removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        let p = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-sparse-"));
        std::fs::create_dir_all(&p).unwrap();
        Scratch(p)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Detects and writes the archive's first entry to `dest`: its (real) name, or the error.
fn extract_first(archive: &[u8], dest: &Path, budget: &mut SpaceBudget) -> Result<String> {
    let mut ar = tar::Archive::new(archive);
    let mut entry = ar.entries().unwrap().next().unwrap().map_err(SparseError::Read)?;
    let sparse = detect(&mut entry)?.expect("a sparse entry");
    let name = match sparse.name() {
        Some(n) => String::from_utf8(n.to_vec()).unwrap(),
        None => entry.path().unwrap().to_string_lossy().into_owned(),
    };
    let f = File::create(dest).unwrap();
    let mut buf = vec![0; 64 << 10];
    sparse.write(&mut entry, &f, &mut buf, budget)?;
    Ok(name)
}

/// The file's bytes where `segments` say, zeros elsewhere, and little allocated.
#[track_caller]
fn assert_sparse(path: &Path, real: u64, segments: &[(u64, &[u8])]) {
    let md = std::fs::metadata(path).unwrap();
    assert_eq!(md.len(), real);
    let stored: u64 = segments.iter().map(|s| s.1.len() as u64).sum();
    // Each segment may take two partial blocks.
    let slack = 8192 * segments.len() as u64 + 64 * 1024;
    assert!(
        md.blocks() * 512 <= stored + slack,
        "{} bytes allocated for {stored} bytes of data",
        md.blocks() * 512
    );
    let f = File::open(path).unwrap();
    for (off, data) in segments {
        let mut got = vec![0; data.len()];
        f.read_exact_at(&mut got, *off).unwrap();
        assert_eq!(&got, data, "at {off}");
    }
    // Between the segments: zeros (checked around each one).
    for (off, data) in segments {
        for at in [off.saturating_sub(512), off + data.len() as u64] {
            if at < real && !segments.iter().any(|(o, d)| at >= *o && at < o + d.len() as u64) {
                let mut b = vec![0; 512.min((real - at) as usize)];
                f.read_exact_at(&mut b, at).unwrap();
                assert!(b.iter().all(|&x| x == 0), "non-zero hole at {at}");
            }
        }
    }
}

const GIB: u64 = 1 << 30;

fn segs() -> Vec<(u64, Vec<u8>)> {
    // Six segments: the GNU header holds four, an extension block the rest.
    (0..6u64)
        .map(|i| {
            let len = if i == 5 { 100 } else { 1024 };
            (i * (GIB / 8), vec![b'a' + i as u8; len])
        })
        .collect()
}

fn borrowed(s: &[(u64, Vec<u8>)]) -> Vec<(u64, &[u8])> {
    s.iter().map(|(o, d)| (*o, d.as_slice())).collect()
}

#[test]
fn gnu_sparse_with_an_extension_block_is_written_sparse() {
    let dir = Scratch::new();
    let s = segs();
    let archive = end(gnu_sparse("big", GIB, &borrowed(&s)));
    assert!(archive.len() < 16 * 1024);
    let dest = dir.0.join("big");
    let name = extract_first(&archive, &dest, &mut SpaceBudget::default()).unwrap();
    assert_eq!(name, "big");
    assert_sparse(&dest, GIB, &borrowed(&s));
}

#[test]
fn pax_sparse_formats_get_their_real_name_size_and_content() {
    let s = segs();
    for version in ["0.0", "0.1", "1.0"] {
        let dir = Scratch::new();
        let archive = end(pax_sparse(version, "usr/lib/big.img", GIB, &borrowed(&s)));
        let dest = dir.0.join("f");
        let name = extract_first(&archive, &dest, &mut SpaceBudget::default()).unwrap();
        assert_eq!(name, "usr/lib/big.img", "{version}");
        assert_sparse(&dest, GIB, &borrowed(&s));
    }
}

#[test]
fn a_file_ending_in_a_hole_and_an_empty_map() {
    for version in ["0.1", "1.0"] {
        let dir = Scratch::new();
        let archive = end(pax_sparse(version, "hole", 5000, &[(0, b"x"), (5000, b"")]));
        let dest = dir.0.join("f");
        extract_first(&archive, &dest, &mut SpaceBudget::default()).unwrap();
        assert_sparse(&dest, 5000, &[(0, b"x")]);
        let archive = end(pax_sparse(version, "empty", 4096, &[]));
        extract_first(&archive, &dest, &mut SpaceBudget::default()).unwrap();
        assert_eq!(std::fs::metadata(&dest).unwrap().len(), 4096);
    }
}

/// The first entry's detection or write error, as text.
fn error_of(archive: &[u8]) -> String {
    let dir = Scratch::new();
    match extract_first(archive, &dir.0.join("f"), &mut SpaceBudget::default()) {
        Ok(name) => panic!("accepted ({name})"),
        Err(e) => e.to_string(),
    }
}

fn raw_pax(records: &[(&str, &str)], data: &[u8]) -> Vec<u8> {
    let r: Vec<(&str, String)> = records.iter().map(|(k, v)| (*k, v.to_string())).collect();
    end(pax_entry("GNUSparseFile.1/x", tar::EntryType::Regular, &r, data))
}

#[test]
fn hostile_pax_maps_are_refused() {
    let size = ("GNU.sparse.size", "100000");
    // Records, stored data, and what the error says.
    type Case<'a> = (Vec<(&'a str, &'a str)>, &'a [u8], &'a str);
    let cases: Vec<Case> = vec![
        (
            vec![size, ("GNU.sparse.map", "0,10,5,10")],
            &[0; 20],
            "out of order or overlapping",
        ),
        (
            vec![size, ("GNU.sparse.map", "50,10,0,10")],
            &[0; 20],
            "out of order or overlapping",
        ),
        (
            vec![size, ("GNU.sparse.map", "99995,10")],
            &[0; 10],
            "beyond the file's size",
        ),
        (
            vec![size, ("GNU.sparse.map", "18446744073709551615,10")],
            &[0; 10],
            "beyond",
        ),
        (
            vec![size, ("GNU.sparse.map", "0,10")],
            &[0; 20],
            "hold 10 bytes but the entry stores 20",
        ),
        (vec![size, ("GNU.sparse.map", "0,30")], &[0; 20], "hold 30 bytes"),
        (vec![size, ("GNU.sparse.map", "0,10,20")], &[0; 10], "odd number"),
        (vec![size, ("GNU.sparse.map", "0,-1")], &[], "not a number"),
        (vec![size, ("GNU.sparse.map", "0,1e3")], &[], "not a number"),
        (vec![size, ("GNU.sparse.map", "0, 10")], &[0; 10], "not a number"),
        (
            vec![size, ("GNU.sparse.map", "0,99999999999999999999999")],
            &[],
            "not a number",
        ),
        (
            vec![size, ("GNU.sparse.map", "0,10"), ("GNU.sparse.numblocks", "2")],
            &[0; 10],
            "numblocks says 2",
        ),
        (vec![("GNU.sparse.map", "0,10")], &[0; 10], "no real size"),
        (
            vec![("GNU.sparse.size", "x"), ("GNU.sparse.map", "")],
            &[],
            "not a number",
        ),
        (
            vec![size, ("GNU.sparse.offset", "0")],
            &[],
            "without GNU.sparse.numbytes",
        ),
        (vec![size, ("GNU.sparse.numbytes", "1")], &[0], "do not alternate"),
        (
            vec![size, ("GNU.sparse.offset", "0"), ("GNU.sparse.offset", "5")],
            &[],
            "do not alternate",
        ),
        (
            vec![size, ("GNU.sparse.major", "2"), ("GNU.sparse.minor", "0")],
            &[],
            "format 2.0",
        ),
        (vec![size, ("GNU.sparse.major", "1")], &[], "format 1.?"),
        (
            vec![size, ("GNU.sparse.map", ""), ("GNU.sparse.name", "")],
            &[],
            "bad real name",
        ),
    ];
    for (records, data, want) in cases {
        let e = error_of(&raw_pax(&records, data));
        assert!(e.contains(want), "{records:?}: {e}");
    }
    // A NUL in the real name.
    let e = error_of(&end(pax_entry(
        "GNUSparseFile.1/x",
        tar::EntryType::Regular,
        &[
            ("GNU.sparse.size", "1".into()),
            ("GNU.sparse.map", "".into()),
            ("GNU.sparse.name", "a\0b".into()),
        ],
        &[],
    )));
    assert!(e.contains("bad real name"), "{e}");
    // Sparse records on a directory or a symlink.
    for kind in [tar::EntryType::Directory, tar::EntryType::Symlink] {
        let archive = end(pax_entry(
            "d",
            kind,
            &[("GNU.sparse.size", "1".into()), ("GNU.sparse.map", "".into())],
            &[],
        ));
        let mut ar = tar::Archive::new(archive.as_slice());
        let mut entry = ar.entries().unwrap().next().unwrap().unwrap();
        assert!(matches!(detect(&mut entry), Err(SparseError::NotRegular)));
    }
}

/// A 1.0 entry whose data is `map` (padded) followed by `data`.
fn inline(map: &str, data: &[u8]) -> Vec<u8> {
    let mut d = map.as_bytes().to_vec();
    pad(&mut d);
    d.extend_from_slice(data);
    raw_pax(
        &[
            ("GNU.sparse.major", "1"),
            ("GNU.sparse.minor", "0"),
            ("GNU.sparse.realsize", "100000"),
            ("GNU.sparse.name", "real"),
        ],
        &d,
    )
}

#[test]
fn hostile_inline_maps_are_refused() {
    for (map, data, want) in [
        ("1\n0\n", &b""[..], "the map ends before its last segment"),
        ("1\n0\n10\n", b"0123456789abc", "hold 10 bytes but the entry stores 13"),
        ("1\n0\n20\n", b"0123456789", "hold 20 bytes but the entry stores 10"),
        ("2\n10\n5\n0\n5\n", b"0123456789", "out of order"),
        ("99999999999\n", b"", "more than"),
        ("1\nzz\n1\n", b"0", "not a number"),
        ("1\n0123456789012345678901234\n1\n", b"0", "not a number"),
        ("1\n99999\n10\n", b"0123456789", "beyond the file's size"),
    ] {
        let e = error_of(&inline(map, data));
        assert!(e.contains(want), "{map:?}: {e}");
    }
    // A map that fills its block and goes on past the end of the archive.
    let long = format!("1000\n{}1", "1\n".repeat(253));
    assert_eq!(long.len(), 512);
    assert!(error_of(&inline(&long, b"")).contains("the archive ends inside"));
    // A map longer than a block is read across blocks.
    let segments: Vec<(u64, Vec<u8>)> = (0..100u64).map(|i| (i * 1000, vec![b'z'; 10])).collect();
    let mut map = format!("{}\n", segments.len());
    for (o, d) in &segments {
        map.push_str(&format!("{o}\n{}\n", d.len()));
    }
    assert!(map.len() > 512);
    let data: Vec<u8> = segments.iter().flat_map(|(_, d)| d.clone()).collect();
    let dir = Scratch::new();
    let dest = dir.0.join("f");
    extract_first(&inline(&map, &data), &dest, &mut SpaceBudget::default()).unwrap();
    assert_sparse(&dest, 100000, &borrowed(&segments));
}

#[test]
fn the_apparent_size_is_capped_by_the_free_space() {
    let dir = Scratch::new();
    let dest = dir.0.join("f");
    let huge = 1u64 << 60;
    for archive in [
        end(gnu_sparse("huge", huge, &[(0, b"x")])),
        end(pax_sparse("1.0", "huge", huge, &[(0, b"x")])),
    ] {
        let e = extract_first(&archive, &dest, &mut SpaceBudget::default()).unwrap_err();
        assert!(matches!(e, SparseError::TooLarge { size, .. } if size == huge), "{e}");
        assert!(e.to_string().contains("exceeds the"), "{e}");
    }
    // The budget is shared: two files that each fit, but not together.
    let free = {
        let st = nix::sys::statvfs::statvfs(&dir.0).unwrap();
        st.blocks_available() * st.fragment_size()
    };
    let mut budget = SpaceBudget::default();
    let half = free / 2 + (1 << 30);
    extract_first(&end(pax_sparse("0.1", "a", half, &[(0, b"x")])), &dest, &mut budget).unwrap();
    let second = end(pax_sparse("0.1", "b", half, &[(0, b"x")]));
    let e = extract_first(&second, &dir.0.join("g"), &mut budget).unwrap_err();
    assert!(matches!(e, SparseError::TooLarge { .. }), "{e}");
}

#[test]
fn plain_entries_are_not_sparse() {
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(3);
    h.set_mode(0o644);
    h.set_cksum();
    b.append_data(&mut h, "plain", &b"abc"[..]).unwrap();
    let data = b.into_inner().unwrap();
    let mut ar = tar::Archive::new(data.as_slice());
    let mut entry = ar.entries().unwrap().next().unwrap().unwrap();
    assert!(detect(&mut entry).unwrap().is_none());
    // Other PAX records do not make an entry sparse.
    let archive = end(pax_entry(
        "p",
        tar::EntryType::Regular,
        &[("mtime", "1.5".into())],
        b"abc",
    ));
    let mut ar = tar::Archive::new(archive.as_slice());
    let mut entry = ar.entries().unwrap().next().unwrap().unwrap();
    assert!(detect(&mut entry).unwrap().is_none());
}

/// Archives GNU tar itself writes, in each sparse format, read back the same.
#[test]
fn gnu_tar_archives_in_every_format() {
    let dir = Scratch::new();
    let src = dir.0.join("src");
    std::fs::create_dir(&src).unwrap();
    let file = src.join("sparse.img");
    let f = File::create(&file).unwrap();
    f.set_len(64 << 20).unwrap();
    let s: Vec<(u64, Vec<u8>)> = vec![
        (0, vec![1; 4096]),
        (8 << 20, vec![2; 8192]),
        (20 << 20, vec![3; 4096]),
        (30 << 20, vec![4; 4096]),
        (40 << 20, vec![5; 4096]),
        (50 << 20, vec![6; 4096]),
        ((64 << 20) - 4096, vec![7; 4096]),
    ];
    for (o, d) in &s {
        f.write_all_at(d, *o).unwrap();
    }
    drop(f);
    for args in [
        &["--format=gnu"][..],
        &["--format=posix", "--sparse-version=0.0"],
        &["--format=posix", "--sparse-version=0.1"],
        &["--format=posix", "--sparse-version=1.0"],
    ] {
        let archive = dir.0.join("a.tar");
        let st = std::process::Command::new("tar")
            .args(args)
            .args(["--sparse", "-cf"])
            .arg(&archive)
            .arg("-C")
            .arg(&src)
            .arg("sparse.img")
            .status()
            .unwrap();
        assert!(st.success(), "{args:?}");
        let mut data = Vec::new();
        File::open(&archive).unwrap().read_to_end(&mut data).unwrap();
        assert!(data.len() < 1 << 20, "{args:?}: GNU tar stored it sparse");
        let dest = dir.0.join("out");
        let name = extract_first(&data, &dest, &mut SpaceBudget::default()).unwrap();
        assert_eq!(name, "sparse.img", "{args:?}");
        assert_sparse(&dest, 64 << 20, &borrowed(&s));
        std::fs::remove_file(&dest).unwrap();
    }
}

#[test]
fn files_with_holes_encode_as_pax_1_0() {
    let dir = Scratch::new();
    let path = dir.0.join("f");
    let f = File::create(&path).unwrap();
    f.set_len(GIB).unwrap();
    f.write_all_at(&[9; 5000], GIB / 2).unwrap();
    let segments = encode::data_map(&f, GIB).unwrap().expect("holes");
    assert!(
        segments
            .iter()
            .any(|s| s.offset <= GIB / 2 && s.offset + s.len >= GIB / 2 + 5000)
    );
    assert_eq!(segments.last(), Some(&Segment { offset: GIB, len: 0 }));
    let mut data = encode::SparseData::new(File::open(&path).unwrap(), segments.clone());
    let size = data.size();
    let mut bytes = Vec::new();
    data.read_to_end(&mut bytes).unwrap();
    assert_eq!(bytes.len() as u64, size);
    // Read back by the decoder: the same file.
    let records: Vec<(&str, String)> = encode::records(b"dir/f", GIB)
        .into_iter()
        .map(|(k, v)| (k, String::from_utf8(v).unwrap()))
        .collect();
    let stand_in = String::from_utf8(encode::stand_in_name(b"dir/f")).unwrap();
    assert_eq!(stand_in, "dir/GNUSparseFile.0/f");
    let archive = end(pax_entry(&stand_in, tar::EntryType::Regular, &records, &bytes));
    let out = dir.0.join("out");
    assert_eq!(
        extract_first(&archive, &out, &mut SpaceBudget::default()).unwrap(),
        "dir/f"
    );
    let mut got = vec![0; 5000];
    File::open(&out).unwrap().read_exact_at(&mut got, GIB / 2).unwrap();
    assert_eq!(got, vec![9; 5000]);
    assert_eq!(std::fs::metadata(&out).unwrap().len(), GIB);
    // A file without holes is written as it is.
    let full = dir.0.join("full");
    std::fs::write(&full, vec![1; 10000]).unwrap();
    assert!(encode::data_map(&File::open(&full).unwrap(), 10000).unwrap().is_none());
    // A stand-in name too long for a POSIX header is shortened.
    let long = format!("{}/{}", "d".repeat(200), "f".repeat(90));
    assert_eq!(encode::stand_in_name(long.as_bytes()), b"GNUSparseFile.0/file");
}
