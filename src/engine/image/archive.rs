//! `save`, `load` and `import`: images to and from archives and root filesystem tarballs.

use std::fs::{self, File};
use std::io::{BufWriter, Read, Write};
use std::path::Path;

use super::Error;
use crate::image::apply::ApplyOptions;
use crate::image::archive::{self, SaveImage};
use crate::image::gc;
use crate::image::import::{Change, ImportOptions};
use crate::image::lookup;
use crate::image::reference::{Reference, matches_short};
use crate::store::images::ImageRecord;
use crate::store::{Digest, Store, atomic};

pub use crate::image::archive::LoadedImage;

/// The archive formats `save` writes (`load` reads both).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveFormat {
    DockerArchive,
    OciArchive,
}

/// Writes the images the inputs select into one archive on `out`, each under the name it was
/// selected by (none when selected by id or digest). Fails on the first input that selects
/// nothing, before writing anything.
pub fn save<W: Write>(store: &Store, inputs: &[String], format: ArchiveFormat, out: W) -> Result<W, Error> {
    // Keeps rmi and prune from deleting blobs while they are being copied.
    let _lock = store.content_lock()?;
    let images = resolve(store, inputs)?;
    write(store, &images, format, out)
}

/// [`save`] into a file: written under a temp name next to `path` and renamed at the end, so a
/// failed save never leaves a half-written archive under the final name.
pub fn save_to_file(store: &Store, inputs: &[String], format: ArchiveFormat, path: &Path) -> Result<(), Error> {
    let _lock = store.content_lock()?;
    let images = resolve(store, inputs)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = dir.join(atomic::unique_name(".ferry-save-"));
    let result = (|| {
        let writing = |source| Error::Write {
            target: tmp.display().to_string(),
            source,
        };
        let f = File::create(&tmp).map_err(|source| Error::Create {
            path: tmp.clone(),
            source,
        })?;
        let out = write(store, &images, format, BufWriter::with_capacity(256 * 1024, f))?;
        let f = out.into_inner().map_err(|e| e.into_error()).map_err(writing)?;
        f.sync_all().map_err(writing)?;
        fs::rename(&tmp, path).map_err(|source| Error::Rename {
            from: tmp.clone(),
            to: path.to_path_buf(),
            source,
        })
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(|e| Error::SaveTo {
        path: path.to_path_buf(),
        source: Box::new(e),
    })
}

fn resolve(store: &Store, inputs: &[String]) -> Result<Vec<SaveImage>, Error> {
    let records = store.images().list()?;
    let mut images: Vec<SaveImage> = Vec::new();
    for input in inputs {
        let record = lookup::find_in(&records, input)?;
        let names = names_for(record, input);
        match images.iter_mut().find(|s| s.image.record.id == record.id) {
            Some(s) => {
                for n in names {
                    if !s.names.contains(&n) {
                        s.names.push(n);
                    }
                }
            }
            None => images.push(SaveImage {
                image: lookup::open(store, record)?,
                names,
            }),
        }
    }
    Ok(images)
}

fn write<W: Write>(store: &Store, images: &[SaveImage], format: ArchiveFormat, out: W) -> Result<W, Error> {
    Ok(match format {
        ArchiveFormat::DockerArchive => archive::docker::write(store, images, out)?,
        ArchiveFormat::OciArchive => archive::oci::write(store, images, out)?,
    })
}

/// The names an argument saves its image under: the name it selected, none when it selected
/// by id or digest (as Podman and Docker do).
fn names_for(record: &ImageRecord, input: &str) -> Vec<String> {
    let hex = input.strip_prefix("sha256:").unwrap_or(input);
    if !hex.is_empty() && record.id.hex().starts_with(hex) {
        return Vec::new();
    }
    for candidate in [Reference::parse_local(input), Reference::parse(input)]
        .into_iter()
        .flatten()
    {
        if candidate.digest.is_some() {
            return Vec::new();
        }
        let full = candidate.to_string();
        if record.names.contains(&full) {
            return vec![full];
        }
    }
    record
        .names
        .iter()
        .find(|n| Reference::parse(n).is_ok_and(|r| matches_short(&r, input)))
        .map(|n| vec![n.clone()])
        .unwrap_or_default()
}

/// Stores the images of a docker-archive or oci-archive read from `input` (`source_name` says
/// where it came from, for errors). What a failed load stored is removed again. Warnings are
/// pushed even when loading fails. Rootless callers are in the user namespace.
pub fn load(
    store: &Store,
    input: &mut dyn Read,
    source_name: &str,
    apply: &ApplyOptions,
    warnings: &mut Vec<String>,
) -> Result<Vec<LoadedImage>, Error> {
    let lock = store.content_lock()?;
    let mut added = archive::Added::default();
    let result = archive::load(store, input, apply, warnings, &mut added);
    if result.is_err() {
        // What the failed load stored is referenced by nothing: it goes now, not at the next
        // `system prune` (under the gc lock, which waits for our content lock to go).
        drop(lock);
        if let Err(e) = gc::remove_unreferenced(store, &added.blobs, &added.layers) {
            warnings.push(format!("removing what the failed load stored: {e}"));
        }
    }
    result.map_err(|source| Error::Load {
        source_name: source_name.to_string(),
        source: Box::new(source),
    })
}

/// What `import` makes of a root filesystem tarball.
#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    /// Where the tarball comes from, for errors.
    pub source_name: String,
    pub changes: Vec<Change>,
    /// Stored as the history entry's comment.
    pub message: Option<String>,
    /// A name for the new image, as the user typed it.
    pub reference: Option<String>,
}

/// A new one-layer image from a (plain, gzip or zstd) root filesystem tarball; returns its id.
/// Warnings are pushed even when importing fails. Rootless callers are in the user namespace.
pub fn import(
    store: &Store,
    input: &mut dyn Read,
    request: &ImportRequest,
    apply: &ApplyOptions,
    warnings: &mut Vec<String>,
) -> Result<Digest, Error> {
    let names = match &request.reference {
        Some(r) => vec![Reference::parse_local(r)?.to_string()],
        None => Vec::new(),
    };
    let _lock = store.content_lock()?;
    let opts = ImportOptions {
        changes: &request.changes,
        message: request.message.as_deref(),
        names: &names,
    };
    crate::image::import::import(store, input, &opts, apply, warnings).map_err(|source| Error::Import {
        source_name: request.source_name.clone(),
        source: Box::new(source),
    })
}
