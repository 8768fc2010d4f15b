//! The layer tar writer: one tar entry (or two, for an opaque directory) per walked entry, in
//! the form containers/storage writes them.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use nix::fcntl::{OFlag, openat};
use nix::sys::stat::Mode;

use super::{ChangeKind, DiffError, Entry, Meta, Node, OPAQUE_MARKER, Result, Sink, WHITEOUT_PREFIX};
use crate::image::sparse::encode;
use crate::sys::rootpath;

pub(super) struct TarSink<W: Write> {
    pub(super) builder: tar::Builder<W>,
    pub(super) entries: usize,
}

impl<W: Write> TarSink<W> {
    fn header(meta: &Meta, kind: tar::EntryType) -> tar::Header {
        Self::fill(tar::Header::new_gnu(), meta, kind)
    }

    fn fill(mut h: tar::Header, meta: &Meta, kind: tar::EntryType) -> tar::Header {
        h.set_entry_type(kind);
        h.set_mode(meta.mode);
        h.set_uid(meta.uid);
        h.set_gid(meta.gid);
        h.set_mtime(meta.mtime);
        h.set_size(0);
        h
    }

    fn put(&mut self, h: &mut tar::Header, path: &Path, data: impl Read) -> Result<()> {
        self.entries += 1;
        self.builder
            .append_data(h, path, data)
            .map_err(|source| DiffError::Write { source })
    }

    fn xattrs(&mut self, meta: &Meta) -> Result<()> {
        self.pax(meta, Vec::new())
    }

    /// One PAX header with the entry's xattrs and the `extra` records, if there are any.
    fn pax(&mut self, meta: &Meta, extra: Vec<(&str, Vec<u8>)>) -> Result<()> {
        if meta.xattrs.is_empty() && extra.is_empty() {
            return Ok(());
        }
        let mut records: Vec<(String, &[u8])> = meta
            .xattrs
            .iter()
            .map(|(k, v)| (format!("SCHILY.xattr.{}", String::from_utf8_lossy(k)), v.as_slice()))
            .collect();
        records.extend(extra.iter().map(|(k, v)| (k.to_string(), v.as_slice())));
        self.builder
            .append_pax_extensions(records.iter().map(|(k, v)| (k.as_str(), *v)))
            .map_err(|source| DiffError::Write { source })
    }

    /// Sets the link name byte for byte (the tar crate would normalise `a/./b` and `a//b`),
    /// with a GNU long-link record when it does not fit.
    fn set_link(&mut self, h: &mut tar::Header, target: &[u8]) -> Result<()> {
        let slot = &mut h.as_old_mut().linkname;
        if target.len() <= slot.len() {
            slot.fill(0);
            slot[..target.len()].copy_from_slice(target);
            return Ok(());
        }
        let mut long = tar::Header::new_gnu();
        let name = b"././@LongLink";
        long.as_gnu_mut().expect("gnu header").name[..name.len()].copy_from_slice(name);
        long.set_mode(0o644);
        long.set_mtime(0);
        long.set_entry_type(tar::EntryType::GNULongLink);
        long.set_size(target.len() as u64 + 1);
        long.set_cksum();
        let data = target.iter().copied().chain(std::iter::once(0)).collect::<Vec<u8>>();
        self.builder
            .append(&long, data.as_slice())
            .map_err(|source| DiffError::Write { source })?;
        let keep = slot.len();
        slot.copy_from_slice(&target[..keep]);
        Ok(())
    }
}

impl<W: Write> Sink for TarSink<W> {
    fn change(&mut self, _: ChangeKind, _: &Path) {}

    fn entry(&mut self, e: &Entry<'_>) -> Result<()> {
        let meta = &e.meta;
        match &e.node {
            Node::Dir { opaque } => {
                self.xattrs(meta)?;
                let mut h = Self::header(meta, tar::EntryType::Directory);
                let mut name = e.rel.as_os_str().to_os_string();
                name.push("/");
                self.put(&mut h, Path::new(&name), io::empty())?;
                if *opaque {
                    // As containers/storage writes it: the directory's owner, mode and time.
                    let mut h = Self::header(meta, tar::EntryType::Regular);
                    self.put(&mut h, &e.rel.join(OPAQUE_MARKER), io::empty())?;
                }
                Ok(())
            }
            Node::Whiteout => {
                let (parent, file) = rootpath::split(e.rel).expect("a whiteout names an entry");
                let mut wh = OsString::from(WHITEOUT_PREFIX);
                wh.push(file);
                let mut h = Self::header(meta, tar::EntryType::Regular);
                self.put(&mut h, &parent.join(wh), io::empty())
            }
            Node::File { size } => {
                let (dir, name) = e.at.expect("files are read from their directory");
                let file = match openat(
                    dir,
                    name,
                    OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_NONBLOCK | OFlag::O_CLOEXEC,
                    Mode::empty(),
                ) {
                    Ok(fd) => File::from(fd),
                    Err(e2) => {
                        return Err(DiffError::Io {
                            path: e.rel.to_path_buf(),
                            source: e2.into(),
                        });
                    }
                };
                let holes = encode::data_map(&file, *size).map_err(|source| DiffError::Io {
                    path: e.rel.to_path_buf(),
                    source,
                })?;
                if let Some(segments) = holes {
                    // Holes stay holes: a PAX sparse entry under GNU tar's stand-in name, in
                    // a POSIX header as GNU tar writes it (it misreads one in the GNU format).
                    let name = e.rel.as_os_str().as_bytes();
                    self.pax(meta, encode::records(name, *size))?;
                    let mut h = Self::fill(tar::Header::new_ustar(), meta, tar::EntryType::Regular);
                    let data = encode::SparseData::new(file, segments);
                    h.set_size(data.size());
                    let stand_in = encode::stand_in_name(name);
                    return self.put(&mut h, Path::new(OsStr::from_bytes(&stand_in)), data);
                }
                let mut h = Self::header(meta, tar::EntryType::Regular);
                self.xattrs(meta)?;
                h.set_size(*size);
                // Exactly `size` bytes whatever happens to the file meanwhile.
                let data = file.take(*size).chain(io::repeat(0)).take(*size);
                self.put(&mut h, e.rel, data)
            }
            Node::HardLink { target } => {
                let mut h = Self::header(meta, tar::EntryType::Link);
                self.entries += 1;
                self.builder
                    .append_link(&mut h, e.rel, target)
                    .map_err(|source| DiffError::Write { source })
            }
            Node::Symlink { target } => {
                self.xattrs(meta)?;
                let mut h = Self::header(meta, tar::EntryType::Symlink);
                self.set_link(&mut h, target)?;
                self.put(&mut h, e.rel, io::empty())
            }
            Node::Device { block, major, minor } => {
                self.xattrs(meta)?;
                let kind = if *block {
                    tar::EntryType::Block
                } else {
                    tar::EntryType::Char
                };
                let mut h = Self::header(meta, kind);
                let dev = |n: u64| u32::try_from(n).map_err(|_| io::Error::from(io::ErrorKind::InvalidData));
                let bad = |source| DiffError::Io {
                    path: e.rel.to_path_buf(),
                    source,
                };
                h.set_device_major(dev(*major).map_err(bad)?).map_err(bad)?;
                h.set_device_minor(dev(*minor).map_err(bad)?).map_err(bad)?;
                self.put(&mut h, e.rel, io::empty())
            }
            Node::Fifo => {
                self.xattrs(meta)?;
                let mut h = Self::header(meta, tar::EntryType::Fifo);
                self.put(&mut h, e.rel, io::empty())
            }
        }
    }
}
