//! Sparse files in tar streams, written sparse: holes stay holes, so a small archive cannot
//! allocate the apparent size of the files it describes; and that apparent size is checked
//! against the space left on the destination's filesystem before anything is written.
//!
//! Two encodings exist. GNU sparse entries (type `S`, old GNU format) carry their map in the
//! header; the tar crate reads it and yields the whole file, holes as zeros, and those zeros
//! are skipped here rather than written. The PAX encodings of GNU tar (`--format=posix`) are
//! regular entries whose data holds only the stored segments, under a made-up name
//! (`GNUSparseFile.N/…`); their map is in PAX records (formats 0.0 and 0.1) or at the start of
//! the data (1.0), their real name and size in `GNU.sparse.*` records. The tar crate knows
//! nothing of those: they are read here. Layers ferry writes keep files with holes sparse
//! the same way ([`encode`]).

pub mod encode;

use std::fs::File;
use std::io::{self, Read};
use std::os::fd::AsFd;
use std::os::unix::fs::FileExt;

/// More segments than this in one file is refused (a map's size is otherwise unbounded).
pub const MAX_SEGMENTS: usize = 1 << 20;
/// Zero runs shorter than this are written, not skipped (a filesystem block).
const HOLE_MIN: usize = 4096;

#[derive(Debug, thiserror::Error)]
pub enum SparseError {
    #[error("bad sparse map: {0}")]
    Map(String),
    #[error("unsupported PAX sparse format {0} (GNU tar writes 0.0, 0.1 and 1.0)")]
    Version(String),
    #[error("sparse map on an entry that is not a regular file")]
    NotRegular,
    #[error(
        "the sparse file's size ({size} bytes) exceeds the {available} bytes available on the destination's filesystem"
    )]
    TooLarge { size: u64, available: u64 },
    #[error("reading the archive: {0}")]
    Read(io::Error),
    #[error("the archive ends inside the sparse file's data")]
    Truncated,
    #[error("{0}")]
    Write(io::Error),
}

type Result<T, E = SparseError> = std::result::Result<T, E>;

fn map_err(reason: impl Into<String>) -> SparseError {
    SparseError::Map(reason.into())
}

/// One stored run of a sparse file: `len` bytes at `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub offset: u64,
    pub len: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Encoding {
    /// Type `S`: the tar crate yields the whole file, holes as zeros.
    Gnu,
    /// PAX 0.0 and 0.1: the map from the records; the data is the segments, in order.
    Records(Vec<Segment>),
    /// PAX 1.0: the map leads the data, padded to a 512-byte block.
    Inline,
}

/// A sparse entry: how it is encoded, its real size and (PAX) its real name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sparse {
    encoding: Encoding,
    /// The file's real (apparent) size.
    size: u64,
    /// The entry's data size in the archive.
    stored: u64,
    name: Option<Vec<u8>>,
}

/// How sparse an entry is: `None` for anything but a sparse file. A PAX sparse map on an entry
/// that is not a regular file is an error (its data would mean something else).
pub fn detect<R: Read>(entry: &mut tar::Entry<'_, R>) -> Result<Option<Sparse>> {
    let kind = entry.header().entry_type();
    if kind.is_gnu_sparse() {
        // The tar crate checked the map against the header and made this the real size.
        return Ok(Some(Sparse {
            encoding: Encoding::Gnu,
            size: entry.size(),
            stored: entry.header().entry_size().map_err(SparseError::Read)?,
            name: None,
        }));
    }
    let Some(exts) = entry.pax_extensions().map_err(SparseError::Read)? else {
        return Ok(None);
    };
    let mut records = Vec::new();
    for ext in exts {
        let ext = ext.map_err(SparseError::Read)?;
        if let Some(key) = ext.key_bytes().strip_prefix(b"GNU.sparse.") {
            records.push((key.to_vec(), ext.value_bytes().to_vec()));
        }
    }
    if records.is_empty() {
        return Ok(None);
    }
    if !(kind.is_file() || kind.is_contiguous()) {
        return Err(SparseError::NotRegular);
    }
    from_records(&records, entry.size()).map(Some)
}

/// Parses a decimal number of a map.
fn number(text: &[u8], what: &str) -> Result<u64> {
    let s = std::str::from_utf8(text).map_err(|_| map_err(format!("{what} is not a number")))?;
    if s.is_empty() || s.len() > 20 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(map_err(format!("{what} {s:?} is not a number")));
    }
    s.parse().map_err(|_| map_err(format!("{what} {s} is too large")))
}

/// The `GNU.sparse.*` records of a PAX entry (keys without the prefix, in order) and the
/// entry's stored size.
fn from_records(records: &[(Vec<u8>, Vec<u8>)], stored: u64) -> Result<Sparse> {
    let get = |key: &[u8]| records.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_slice());
    let version = match (get(b"major"), get(b"minor")) {
        (None, None) => None,
        (Some(major), Some(minor)) => Some((number(major, "major version")?, number(minor, "minor version")?)),
        (major, minor) => {
            let shown = |v: Option<&[u8]>| v.map_or("?".into(), |v| String::from_utf8_lossy(v).into_owned());
            return Err(SparseError::Version(format!("{}.{}", shown(major), shown(minor))));
        }
    };
    let size = match get(b"realsize").or_else(|| get(b"size")) {
        Some(v) => number(v, "real size")?,
        None => return Err(map_err("no real size (GNU.sparse.size or GNU.sparse.realsize)")),
    };
    let name = get(b"name").map(<[u8]>::to_vec);
    if name.as_ref().is_some_and(|n| n.is_empty() || n.contains(&0)) {
        return Err(map_err("bad real name"));
    }
    let numblocks = get(b"numblocks").map(|v| number(v, "block count")).transpose()?;
    let encoding = match version {
        Some((1, 0)) => Encoding::Inline,
        Some((0, 0 | 1)) | None => {
            let segments = if let Some(map) = get(b"map") {
                map_0_1(map)?
            } else {
                map_0_0(records)?
            };
            if numblocks.is_some_and(|n| n != segments.len() as u64) {
                return Err(map_err(format!(
                    "{} segments where GNU.sparse.numblocks says {}",
                    segments.len(),
                    numblocks.unwrap_or(0)
                )));
            }
            check(&segments, size, stored)?;
            Encoding::Records(segments)
        }
        Some((major, minor)) => return Err(SparseError::Version(format!("{major}.{minor}"))),
    };
    Ok(Sparse {
        encoding,
        size,
        stored,
        name,
    })
}

/// Format 0.1: `GNU.sparse.map` is `offset,len,offset,len,…`.
fn map_0_1(map: &[u8]) -> Result<Vec<Segment>> {
    if map.is_empty() {
        return Ok(Vec::new());
    }
    let fields: Vec<&[u8]> = map.split(|&b| b == b',').collect();
    if !fields.len().is_multiple_of(2) {
        return Err(map_err("GNU.sparse.map has an odd number of fields"));
    }
    if fields.len() / 2 > MAX_SEGMENTS {
        return Err(map_err(format!("more than {MAX_SEGMENTS} segments")));
    }
    fields
        .chunks(2)
        .map(|p| {
            Ok(Segment {
                offset: number(p[0], "offset")?,
                len: number(p[1], "length")?,
            })
        })
        .collect()
}

/// Format 0.0: `GNU.sparse.offset` and `GNU.sparse.numbytes` records, alternating.
fn map_0_0(records: &[(Vec<u8>, Vec<u8>)]) -> Result<Vec<Segment>> {
    let mut out = Vec::new();
    let mut offset = None;
    for (k, v) in records {
        match (k.as_slice(), offset) {
            (b"offset", None) => offset = Some(number(v, "offset")?),
            (b"numbytes", Some(o)) => {
                if out.len() == MAX_SEGMENTS {
                    return Err(map_err(format!("more than {MAX_SEGMENTS} segments")));
                }
                out.push(Segment {
                    offset: o,
                    len: number(v, "length")?,
                });
                offset = None;
            }
            (b"offset" | b"numbytes", _) => {
                return Err(map_err("GNU.sparse.offset and GNU.sparse.numbytes do not alternate"));
            }
            _ => {}
        }
    }
    if offset.is_some() {
        return Err(map_err("GNU.sparse.offset without GNU.sparse.numbytes"));
    }
    Ok(out)
}

/// Segments must be in order, not overlap, end within the file, and add up to the stored data.
fn check(segments: &[Segment], size: u64, stored: u64) -> Result<()> {
    let mut end = 0u64;
    let mut total = 0u64;
    for s in segments {
        if s.offset < end {
            return Err(map_err("segments out of order or overlapping"));
        }
        end = s
            .offset
            .checked_add(s.len)
            .filter(|&e| e <= size)
            .ok_or_else(|| map_err("a segment ends beyond the file's size"))?;
        total = total
            .checked_add(s.len)
            .ok_or_else(|| map_err("segments longer than the file"))?;
    }
    if total != stored {
        return Err(map_err(format!(
            "the segments hold {total} bytes but the entry stores {stored}"
        )));
    }
    Ok(())
}

/// Reads the map that leads a 1.0 entry's data: decimal numbers each ended by a newline (the
/// count, then offset and length pairs), padded to a 512-byte block. Returns the map and the
/// bytes it took.
fn read_inline_map(data: &mut dyn Read) -> Result<(Vec<Segment>, u64)> {
    let mut block = [0u8; 512];
    let mut consumed = 0u64;
    let mut numbers: Vec<u64> = Vec::new();
    let mut wanted: Option<usize> = None;
    let mut digits: Vec<u8> = Vec::new();
    loop {
        read_full(data, &mut block)?;
        consumed += 512;
        for &b in &block {
            if wanted.is_some_and(|w| numbers.len() == w) {
                break;
            }
            if b == 0 {
                return Err(map_err("the map ends before its last segment"));
            }
            if b == b'\n' {
                let n = number(&digits, "map field")?;
                digits.clear();
                if wanted.is_none() {
                    let count = usize::try_from(n)
                        .ok()
                        .filter(|&c| c <= MAX_SEGMENTS)
                        .ok_or_else(|| map_err(format!("more than {MAX_SEGMENTS} segments")))?;
                    wanted = Some(1 + 2 * count);
                }
                numbers.push(n);
            } else if digits.len() > 20 {
                return Err(map_err("map field is not a number"));
            } else {
                digits.push(b);
            }
        }
        if wanted.is_some_and(|w| numbers.len() == w) {
            break;
        }
    }
    let segments = numbers[1..]
        .chunks(2)
        .map(|p| Segment {
            offset: p[0],
            len: p[1],
        })
        .collect();
    Ok((segments, consumed))
}

fn read_full(data: &mut dyn Read, buf: &mut [u8]) -> Result<()> {
    data.read_exact(buf).map_err(|e| match e.kind() {
        io::ErrorKind::UnexpectedEof => SparseError::Truncated,
        _ => SparseError::Read(e),
    })
}

/// The space the sparse files of one extraction may still take: the destination filesystem's
/// free space when the first one was met, less their sizes.
#[derive(Debug, Default)]
pub struct SpaceBudget {
    left: Option<u64>,
}

impl SpaceBudget {
    fn claim(&mut self, file: &File, size: u64) -> Result<()> {
        let left = match self.left {
            Some(l) => l,
            None => {
                let st = nix::sys::statvfs::fstatvfs(file.as_fd()).map_err(|e| SparseError::Write(e.into()))?;
                st.blocks_available().saturating_mul(st.fragment_size())
            }
        };
        if size > left {
            return Err(SparseError::TooLarge { size, available: left });
        }
        self.left = Some(left - size);
        Ok(())
    }
}

impl Sparse {
    /// The real name of a PAX sparse entry, which replaces the entry's own.
    pub fn name(&self) -> Option<&[u8]> {
        self.name.as_deref()
    }

    /// Writes the file from the entry's `data` into `file` (new and empty), leaving the holes
    /// unallocated; `buf` is the copy buffer.
    pub fn write(&self, data: &mut dyn Read, file: &File, buf: &mut [u8], budget: &mut SpaceBudget) -> Result<()> {
        budget.claim(file, self.size)?;
        match &self.encoding {
            Encoding::Gnu => write_skipping_zeros(data, file, buf)?,
            Encoding::Records(segments) => write_segments(data, file, segments, buf)?,
            Encoding::Inline => {
                let (segments, map_len) = read_inline_map(data)?;
                check(&segments, self.size, self.stored.saturating_sub(map_len))?;
                write_segments(data, file, &segments, buf)?;
            }
        }
        file.set_len(self.size).map_err(SparseError::Write)
    }
}

/// Copies each segment from `data` to its offset.
fn write_segments(data: &mut dyn Read, file: &File, segments: &[Segment], buf: &mut [u8]) -> Result<()> {
    for s in segments {
        let mut done = 0u64;
        while done < s.len {
            let want = (s.len - done).min(buf.len() as u64) as usize;
            let n = match data.read(&mut buf[..want]) {
                Ok(0) => return Err(SparseError::Truncated),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(SparseError::Read(e)),
            };
            file.write_all_at(&buf[..n], s.offset + done)
                .map_err(SparseError::Write)?;
            done += n as u64;
        }
    }
    Ok(())
}

/// Copies `data` to `file`, skipping block-sized runs of zeros (they stay holes).
fn write_skipping_zeros(data: &mut dyn Read, file: &File, buf: &mut [u8]) -> Result<()> {
    let mut offset = 0u64;
    loop {
        let n = match data.read(buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(SparseError::Read(e)),
        };
        let chunk = &buf[..n];
        let block = |at: usize| &chunk[at..(at + HOLE_MIN).min(n)];
        // Runs of blocks with data are written together; zero blocks are skipped.
        let mut start = 0;
        while start < n {
            let mut end = start;
            while end < n && !is_zero(block(end)) {
                end += HOLE_MIN;
            }
            let end = end.min(n);
            if end > start {
                file.write_all_at(&chunk[start..end], offset + start as u64)
                    .map_err(SparseError::Write)?;
            }
            let mut next = end;
            while next < n && is_zero(block(next)) {
                next += HOLE_MIN;
            }
            start = next.min(n);
        }
        offset += n as u64;
    }
}

fn is_zero(b: &[u8]) -> bool {
    static ZEROS: [u8; HOLE_MIN] = [0; HOLE_MIN];
    // A slice comparison is a memcmp: fast even in unoptimized builds.
    b == &ZEROS[..b.len()]
}

#[cfg(test)]
pub(crate) mod tests;
