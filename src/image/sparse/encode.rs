//! Writing sparse files into layers: a file with holes becomes a PAX sparse 1.0 entry (the
//! format GNU tar writes by default, which Go's archive/tar and so Podman and Docker read), so
//! a layer made from it stays as small as the file's data.

use std::fs::File;
use std::io::{self, Read};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{FileExt, MetadataExt};

use super::{MAX_SEGMENTS, Segment};

/// The data segments of `file` (`size` bytes), when it has holes; `None` for a file without
/// any (or one whose map would be too long to be worth it).
pub fn data_map(file: &File, size: u64) -> io::Result<Option<Vec<Segment>>> {
    let allocated = file.metadata()?.blocks().saturating_mul(512);
    if size == 0 || allocated >= size {
        return Ok(None);
    }
    let fd = file.as_raw_fd();
    let seek = |offset: u64, whence: libc::c_int| -> io::Result<Option<u64>> {
        let Ok(offset) = libc::off_t::try_from(offset) else {
            return Ok(None);
        };
        // SAFETY: lseek on a descriptor we own; it moves only this descriptor's offset.
        let r = unsafe { libc::lseek(fd, offset, whence) };
        if r >= 0 {
            return Ok(Some(r as u64));
        }
        let e = io::Error::last_os_error();
        // ENXIO: no data (or hole) at or after the offset.
        match e.raw_os_error() {
            Some(libc::ENXIO) => Ok(None),
            _ => Err(e),
        }
    };
    let mut segments = Vec::new();
    let mut at = 0;
    while at < size {
        let Some(start) = seek(at, libc::SEEK_DATA)?.filter(|&s| s < size) else {
            break;
        };
        let end = seek(start, libc::SEEK_HOLE)?.unwrap_or(size).min(size);
        if segments.len() == MAX_SEGMENTS {
            return Ok(None);
        }
        segments.push(Segment {
            offset: start,
            len: end - start,
        });
        at = end;
    }
    // A file that ends in a hole ends its map with an empty segment, as GNU tar writes it.
    if segments.last().is_none_or(|s| s.offset + s.len < size) {
        segments.push(Segment { offset: size, len: 0 });
    }
    Ok(Some(segments))
}

/// The PAX records of a sparse 1.0 entry for the file `name` of `size` bytes.
pub fn records(name: &[u8], size: u64) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("GNU.sparse.major", b"1".to_vec()),
        ("GNU.sparse.minor", b"0".to_vec()),
        ("GNU.sparse.name", name.to_vec()),
        ("GNU.sparse.realsize", size.to_string().into_bytes()),
    ]
}

/// The name the entry itself gets (GNU tar's): readers that know no sparse files extract it
/// there, not over the real file. It must fit a POSIX header's name and prefix fields (the
/// real name is in the records): when it would not, it is shortened.
pub fn stand_in_name(name: &[u8]) -> Vec<u8> {
    let (dir, file) = match name.iter().rposition(|&b| b == b'/') {
        Some(i) => (&name[..=i], &name[i + 1..]),
        None => (&b""[..], name),
    };
    let mut out = dir.to_vec();
    out.extend_from_slice(b"GNUSparseFile.0/");
    out.extend_from_slice(file);
    let fits = std::str::from_utf8(&out).is_ok_and(|s| tar::Header::new_ustar().set_path(s).is_ok());
    if fits { out } else { b"GNUSparseFile.0/file".to_vec() }
}

/// The entry's data: the map (padded to a 512-byte block), then each segment's bytes, exactly
/// as many as the map says even if the file changes meanwhile.
pub struct SparseData {
    file: File,
    map: Vec<u8>,
    map_pos: usize,
    segments: Vec<Segment>,
    index: usize,
    done: u64,
}

impl SparseData {
    pub fn new(file: File, segments: Vec<Segment>) -> SparseData {
        let mut map = format!("{}\n", segments.len()).into_bytes();
        for s in &segments {
            map.extend(format!("{}\n{}\n", s.offset, s.len).bytes());
        }
        map.resize(map.len().div_ceil(512) * 512, 0);
        SparseData {
            file,
            map,
            map_pos: 0,
            segments,
            index: 0,
            done: 0,
        }
    }

    /// The entry's size: the map and the segments' data.
    pub fn size(&self) -> u64 {
        self.map.len() as u64 + self.segments.iter().map(|s| s.len).sum::<u64>()
    }
}

impl Read for SparseData {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.map_pos < self.map.len() {
            let n = buf.len().min(self.map.len() - self.map_pos);
            buf[..n].copy_from_slice(&self.map[self.map_pos..self.map_pos + n]);
            self.map_pos += n;
            return Ok(n);
        }
        while let Some(s) = self.segments.get(self.index) {
            if self.done == s.len {
                self.index += 1;
                self.done = 0;
                continue;
            }
            let want = buf.len().min((s.len - self.done).min(usize::MAX as u64) as usize);
            let n = match self.file.read_at(&mut buf[..want], s.offset + self.done)? {
                // The file shrank: zeros stand in for what is gone.
                0 => {
                    buf[..want].fill(0);
                    want
                }
                n => n,
            };
            self.done += n as u64;
            return Ok(n);
        }
        Ok(0)
    }
}
