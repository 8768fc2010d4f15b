//! Naming and removing images: `exists`, `tag`, `untag`, `rmi`.

use super::{Error, PerItem};
use crate::image::gc;
use crate::image::lookup::{self, LookupError};
use crate::image::reference::Reference;
use crate::store::images::ImageRecord;
use crate::store::{Digest, Store};

/// Whether `input` (a name, id or short id) selects an image in local storage.
pub fn exists(store: &Store, input: &str) -> Result<bool, Error> {
    match lookup::find(store, input) {
        Ok(_) => Ok(true),
        Err(LookupError::NotKnown(_)) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Adds names to the image `input` selects. Every name is checked before any is added; then
/// each is added on its own, with one result per name (in the order given).
pub fn tag(store: &Store, input: &str, names: &[String]) -> Result<PerItem<()>, Error> {
    let rec = lookup::find(store, input)?;
    let mut full = Vec::new();
    for n in names {
        let r = Reference::parse_local(n)?;
        if r.digest.is_some() {
            return Err(Error::TagWithDigest { name: n.clone() });
        }
        full.push(r.to_string());
    }
    Ok(full
        .into_iter()
        .map(|n| {
            let result = store.images().tag(&rec.id, &n).map_err(|source| Error::Tag {
                id: rec.id.short().to_string(),
                name: n.clone(),
                source,
            });
            (n, result)
        })
        .collect())
}

/// Removes names from the image `input` selects: the given ones (each must be one of its
/// names; short names also match under docker.io), all of them when `names` is empty.
/// Returns one result per full name removed.
pub fn untag(store: &Store, input: &str, names: &[String]) -> Result<PerItem<()>, Error> {
    let rec = lookup::find(store, input)?;
    let doomed: Vec<String> = if names.is_empty() {
        rec.names.clone()
    } else {
        let mut v = Vec::new();
        for n in names {
            let full = Reference::parse_local(n)?.to_string();
            let found = [
                full.clone(),
                Reference::parse(n).map(|r| r.to_string()).unwrap_or_default(),
            ]
            .into_iter()
            .find(|c| rec.names.contains(c));
            match found {
                Some(f) => v.push(f),
                None => return Err(Error::TagNotKnown { name: full }),
            }
        }
        v
    };
    Ok(doomed
        .into_iter()
        .map(|n| {
            let result = store.images().untag(&rec.id, &n).map(|_| ()).map_err(Error::from);
            (n, result)
        })
        .collect())
}

/// How `rmi` treats images with several names and missing images.
#[derive(Debug, Clone, Copy, Default)]
pub struct RemoveOptions {
    /// Remove the image even when selected by one of several names, or by id with several names.
    pub force: bool,
    /// A missing image is not an error.
    pub ignore_missing: bool,
}

/// What removing one image did: names taken off it, and its id when the image itself went
/// (both empty when it was already gone or missing and ignored).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Removed {
    pub untagged: Vec<String>,
    pub deleted: Option<Digest>,
}

/// What `rmi` did: one result per image in order, then how removing the layers nothing uses
/// any more went (a failure there does not undo the removals).
#[derive(Debug)]
pub struct RemoveReport {
    pub images: PerItem<Removed>,
    pub cleanup: Result<(), Error>,
}

/// `rmi`: removes each selected image (or, selected by one of several names, only that name),
/// then the layers nothing uses any more. Rootless callers are in the user namespace.
pub fn remove(store: &Store, inputs: &[String], opts: RemoveOptions) -> RemoveReport {
    remove_targets(store, inputs, opts, false)
}

/// `rmi --all`: every image, by id (several names do not need `force`).
pub fn remove_all(store: &Store, opts: RemoveOptions) -> Result<RemoveReport, Error> {
    let ids: Vec<String> = store.images().list()?.iter().map(|r| r.id.hex().to_string()).collect();
    Ok(remove_targets(store, &ids, opts, true))
}

fn remove_targets(store: &Store, inputs: &[String], opts: RemoveOptions, all: bool) -> RemoveReport {
    let images = inputs
        .iter()
        .map(|input| (input.clone(), remove_one(store, input, opts, all)))
        .collect();
    let cleanup = gc::collect(store).map(|_| ()).map_err(Error::RemoveLayers);
    RemoveReport { images, cleanup }
}

fn remove_one(store: &Store, input: &str, opts: RemoveOptions, all: bool) -> Result<Removed, Error> {
    let rec = match lookup::find(store, input) {
        Ok(r) => r,
        Err(LookupError::NotKnown(_)) if opts.ignore_missing => return Ok(Removed::default()),
        Err(e) => return Err(e.into()),
    };
    let by_name = lookup::selected_name(&rec, input);
    if let Some(name) = by_name.clone()
        && rec.names.len() > 1
        && !opts.force
    {
        store.images().untag(&rec.id, &name)?;
        return Ok(Removed {
            untagged: vec![name],
            deleted: None,
        });
    }
    if by_name.is_none() && rec.names.len() > 1 && !opts.force && !all {
        return Err(Error::ManyNames {
            id: rec.id.hex().to_string(),
            names: rec.names,
        });
    }
    refuse_in_use(store, &rec)?;
    if store.images().remove(&rec.id)? {
        return Ok(Removed {
            untagged: rec.names,
            deleted: Some(rec.id),
        });
    }
    Ok(Removed::default())
}

fn refuse_in_use(store: &Store, rec: &ImageRecord) -> Result<(), Error> {
    match store.containers().users_of(&rec.id)?.into_iter().next() {
        Some(container) => Err(Error::InUse {
            id: rec.id.hex().to_string(),
            container,
        }),
        None => Ok(()),
    }
}
