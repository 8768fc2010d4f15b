//! Objects of any noun found by one name or id, as the generic `inspect` looks them up: a
//! container of that name or id wins over an image (as in Podman), unless the caller asks for
//! one kind.

use serde::Serialize;

use super::container::ErrorKind;
use super::container::inspect::ContainerInspect;
use super::image::ImageInspect;
use crate::image::lookup::{self, LookupError};
use crate::store::{Store, StoreError};

/// Which nouns a name may select.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A container, else an image.
    Any,
    Container,
    Image,
}

/// One object found, serialised as its noun's inspect object.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Object {
    Container(Box<ContainerInspect>),
    Image(Box<ImageInspect>),
}

/// Why a name selects nothing, or the lookup failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Container(#[from] super::container::Error),
    #[error(transparent)]
    Image(#[from] LookupError),
    /// Neither a container nor an image (with [`Kind::Any`]).
    #[error("no such object: {name:?}")]
    NoSuchObject { name: String },
    /// Reading the image index.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Error {
    /// What kind of failure this is, for front ends that map failures to codes.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Container(e) => e.kind(),
            Error::Image(LookupError::NotKnown(_)) | Error::NoSuchObject { .. } => ErrorKind::NotFound,
            Error::Image(LookupError::Ambiguous { .. }) => ErrorKind::InvalidArgument,
            _ => ErrorKind::Internal,
        }
    }
}

/// One result per name, in the order given.
pub type PerItem<T> = Vec<(String, Result<T, Error>)>;

/// The inspect objects `names` select, one result each.
pub fn inspect(store: &Store, names: &[String], kind: Kind) -> Result<PerItem<Object>, Error> {
    let records = match kind {
        Kind::Container => Vec::new(),
        Kind::Any | Kind::Image => store.images().list()?,
    };
    let one = |name: &str| -> Result<Object, Error> {
        if kind != Kind::Image {
            match super::container::inspect::inspect(store, name) {
                Ok(c) => return Ok(Object::Container(Box::new(c))),
                Err(e) if kind == Kind::Container => return Err(e.into()),
                Err(_) => {}
            }
        }
        let image = lookup::find_in(&records, name).and_then(|r| lookup::open(store, r));
        match image {
            Ok(img) => Ok(Object::Image(Box::new(super::image::inspect_image(store, &img)))),
            Err(_) if kind == Kind::Any => Err(Error::NoSuchObject { name: name.to_string() }),
            Err(e) => Err(e.into()),
        }
    };
    Ok(names.iter().map(|n| (n.clone(), one(n))).collect())
}
