//! A squashed layer: the merged view of several layer directories (a container's upper over its
//! lower layers, top first) as one layer tar with no whiteouts, for `commit --squash`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ffi::{OsStr, OsString};
use std::io::{self, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::sys::stat::SFlag;

use super::tarsink::TarSink;
use super::{
    DiffError, Entry, LayerStats, Meta, Node, PendingDir, Result, Sink, StoredLayer, is_opaque, is_whiteout, list_dir,
    read_xattrs, store_with,
};
use crate::store::Store;
use crate::store::digest::HashingWriter;
use crate::sys::rootpath::{self, ChildError, Root};

/// Streams the merged view of `layers` (top first; the first may be a container's upper
/// directory) as one layer tar into `out`. `exclude` as for [`super::write_layer`]: empty
/// placeholders that only the top layer has are left out.
pub fn write_squashed(layers: &[PathBuf], exclude: &[PathBuf], out: &mut dyn Write) -> Result<LayerStats> {
    let hashing = HashingWriter::new(io::BufWriter::with_capacity(256 * 1024, out));
    let mut sink = TarSink {
        builder: tar::Builder::new(hashing),
        entries: 0,
    };
    let mut roots = Vec::new();
    for (i, dir) in layers.iter().enumerate() {
        let root = Root::open(dir).map_err(|source| DiffError::Io {
            path: dir.clone(),
            source,
        })?;
        let fd = root.open_dir(Path::new("")).map_err(|e| DiffError::Io {
            path: dir.clone(),
            source: io::Error::other(e.to_string()),
        })?;
        roots.push((i, fd));
    }
    let (exclude, exclude_parents) = super::exclusions(exclude);
    let mut sq = Squasher {
        layers,
        exclude,
        exclude_parents,
        sink: &mut sink,
        pending: Vec::new(),
        links: HashMap::new(),
    };
    sq.walk(Path::new(""), &roots)?;
    let entries = sink.entries;
    let hashing = sink
        .builder
        .into_inner()
        .map_err(|source| DiffError::Write { source })?;
    let (mut buf, diff_id, size) = hashing.finish();
    buf.flush().map_err(|source| DiffError::Write { source })?;
    Ok(LayerStats { diff_id, size, entries })
}

/// [`write_squashed`] into the blob store (an uncompressed tar blob).
pub fn store_squashed(store: &Store, layers: &[PathBuf], exclude: &[PathBuf]) -> Result<StoredLayer> {
    store_with(store, |w| write_squashed(layers, exclude, w))
}

struct Squasher<'a, S: Sink> {
    layers: &'a [PathBuf],
    exclude: BTreeSet<PathBuf>,
    exclude_parents: BTreeSet<PathBuf>,
    sink: &'a mut S,
    pending: Vec<PendingDir>,
    links: HashMap<(u64, u64), PathBuf>,
}

impl<S: Sink> Squasher<'_, S> {
    fn io(&self, layer: usize, rel: &Path, source: io::Error) -> DiffError {
        DiffError::Io {
            path: self.layers[layer].join(rel),
            source,
        }
    }

    /// Writes the merged directory `rel`, whose layers `visible` (top first) show through.
    /// Returns whether anything was written below it.
    fn walk(&mut self, rel: &Path, visible: &[(usize, OwnedFd)]) -> Result<bool> {
        // Each name comes from the topmost layer that has it.
        let mut names: BTreeMap<Vec<u8>, (OsString, usize)> = BTreeMap::new();
        for (pos, (layer, fd)) in visible.iter().enumerate() {
            for n in list_dir(fd.as_fd()).map_err(|e| self.io(*layer, rel, e))? {
                names.entry(n.as_bytes().to_vec()).or_insert((n, pos));
            }
        }
        let mut emitted = false;
        for (name, pos) in names.into_values() {
            emitted |= self.entry(rel, &name, visible, pos)?;
        }
        Ok(emitted)
    }

    fn entry(&mut self, rel: &Path, name: &OsStr, visible: &[(usize, OwnedFd)], pos: usize) -> Result<bool> {
        let (layer, dir) = (visible[pos].0, visible[pos].1.as_fd());
        let child = rel.join(name);
        let Some(st) = rootpath::lstat_at(dir, name).map_err(|e| self.io(layer, &child, e))? else {
            return Ok(false);
        };
        if is_whiteout(dir, name, &st) {
            return Ok(false);
        }
        let ft = rootpath::file_type(&st);
        let only_top = layer == 0 && !self.below(&child, name, &visible[pos + 1..])?;
        if ft == SFlag::S_IFDIR {
            // The layers whose directory here merges into the view.
            let mut below: Vec<(usize, OwnedFd)> = Vec::new();
            for (j, fd) in &visible[pos..] {
                match rootpath::open_child_dir(fd.as_fd(), name) {
                    Ok(cfd) => {
                        let opaque = is_opaque(cfd.as_fd());
                        below.push((*j, cfd));
                        if opaque {
                            break;
                        }
                    }
                    Err(ChildError::NotFound) => continue,
                    Err(ChildError::Io(e)) => return Err(self.io(*j, &child, e)),
                    // A file, symlink or whiteout hides everything further down.
                    Err(_) => break,
                }
            }
            if below.first().is_none_or(|(j, _)| *j != layer) {
                // Replaced since it was listed.
                return Ok(false);
            }
            let mut meta = Meta::of(&st);
            meta.xattrs = read_xattrs(dir, name).map_err(|e| self.io(layer, &child, e))?;
            self.pending.push(PendingDir {
                rel: child.clone(),
                meta,
                opaque: false,
                written: false,
            });
            let placeholder = only_top && (self.exclude.contains(&child) || self.exclude_parents.contains(&child));
            if !placeholder {
                self.flush()?;
            }
            let emitted = self.walk(&child, &below)?;
            self.pending.pop();
            return Ok(emitted || !placeholder);
        }
        if ft == SFlag::S_IFSOCK
            || (only_top && ft == SFlag::S_IFREG && st.st_size == 0 && self.exclude.contains(&child))
        {
            return Ok(false);
        }
        let mut meta = Meta::of(&st);
        meta.xattrs = read_xattrs(dir, name).map_err(|e| self.io(layer, &child, e))?;
        let key = (st.st_dev, st.st_ino);
        let node = if st.st_nlink > 1
            && let Some(first) = self.links.get(&key)
        {
            Node::HardLink { target: first.clone() }
        } else {
            if st.st_nlink > 1 {
                self.links.insert(key, child.clone());
            }
            super::node_of(dir, name, &st).map_err(|e| self.io(layer, &child, e))?
        };
        self.flush()?;
        self.sink.entry(&Entry {
            rel: &child,
            node,
            meta,
            at: Some((dir, name)),
        })?;
        Ok(true)
    }

    /// Whether a lower layer of `visible` has `name` (as anything, a whiteout included).
    fn below(&self, child: &Path, name: &OsStr, visible: &[(usize, OwnedFd)]) -> Result<bool> {
        for (j, fd) in visible {
            if rootpath::lstat_at(fd.as_fd(), name)
                .map_err(|e| self.io(*j, child, e))?
                .is_some()
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn flush(&mut self) -> Result<()> {
        for p in self.pending.iter_mut().filter(|p| !p.written) {
            p.written = true;
            let meta = std::mem::replace(&mut p.meta, Meta::empty());
            self.sink.entry(&Entry {
                rel: &p.rel,
                node: Node::Dir { opaque: false },
                meta,
                at: None,
            })?;
        }
        Ok(())
    }
}
