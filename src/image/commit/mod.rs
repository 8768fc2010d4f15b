//! The one image writer: [`write_image`] stores a config and its layers as a new image (config
//! and manifest blobs, an `index.json` entry with its names) for `commit` (through
//! [`commit_image`]: a parent image or scratch, at most one new layer) and for the end of `build`.
//! Layers are unpacked before (so the image runs at once).

pub mod pause;

use std::collections::BTreeMap;

use serde_json::Value;

use super::apply::ApplyOptions;
use super::diff::StoredLayer;
use super::import::{Change, ChangeError, apply_changes, parse_change};
use super::lookup::LocalImage;
use super::manifest::{
    History, ImageConfig, MEDIA_OCI_CONFIG, MEDIA_OCI_LAYER, MEDIA_OCI_LAYER_GZIP, MEDIA_OCI_LAYER_ZSTD, Manifest,
    RunConfig,
};
use super::unpack::{UnpackError, unpack_image, unpack_layer};
use crate::store::blobs::BlobInfo;
use crate::store::images::{Descriptor, MEDIA_DOCKER_MANIFEST, MEDIA_OCI_MANIFEST};
use crate::store::{Digest, Store, StoreError};

pub const MEDIA_DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
pub const MEDIA_DOCKER_LAYER: &str = "application/vnd.docker.image.rootfs.diff.tar";
pub const MEDIA_DOCKER_LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
const MEDIA_DOCKER_FOREIGN_GZIP: &str = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
const MEDIA_OCI_NONDIST_GZIP: &str = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";

#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Unpack(#[from] UnpackError),
    #[error("invalid image format {0:?}: expected oci or docker")]
    Format(String),
    #[error("layer {media_type} cannot be stored in a Docker manifest: use the oci format")]
    NoDockerType { media_type: String },
}

/// The manifest and config media types of a new image.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ImageFormat {
    #[default]
    Oci,
    Docker,
}

impl std::str::FromStr for ImageFormat {
    type Err = CommitError;
    fn from_str(s: &str) -> Result<Self, CommitError> {
        match s {
            "oci" => Ok(ImageFormat::Oci),
            "docker" => Ok(ImageFormat::Docker),
            other => Err(CommitError::Format(other.to_string())),
        }
    }
}

/// One `--change` of `commit`: what `import` accepts, plus ONBUILD (a trigger kept in the config
/// for images built FROM this one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommitChange {
    Config(Change),
    OnBuild(String),
}

pub fn parse_commit_change(input: &str) -> Result<CommitChange, ChangeError> {
    let trimmed = input.trim_start();
    let end = trimmed
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(trimmed.len());
    if !trimmed[..end].eq_ignore_ascii_case("ONBUILD") {
        return parse_change(input).map(CommitChange::Config);
    }
    let invalid = |reason: &str| ChangeError::Invalid {
        input: input.to_string(),
        reason: reason.to_string(),
    };
    let rest = &trimmed[end..];
    let value = match rest.chars().next() {
        Some(c) if c == '=' || c.is_whitespace() => rest[c.len_utf8()..].trim(),
        _ => return Err(invalid("ONBUILD requires an instruction")),
    };
    if value.contains('\0') {
        return Err(invalid("NUL character"));
    }
    let instr = value.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
    if instr.is_empty() {
        return Err(invalid("ONBUILD requires an instruction"));
    }
    // Docker refuses these as triggers.
    if matches!(instr.as_str(), "ONBUILD" | "FROM" | "MAINTAINER") {
        return Err(invalid(&format!("{instr} isn't allowed as an ONBUILD trigger")));
    }
    Ok(CommitChange::OnBuild(value.to_string()))
}

/// Applies changes in order to a runtime config.
pub fn apply_commit_changes(config: &mut RunConfig, changes: &[CommitChange]) {
    for c in changes {
        match c {
            CommitChange::Config(c) => apply_changes(config, std::slice::from_ref(c)),
            CommitChange::OnBuild(trigger) => {
                let list = config
                    .extra
                    .entry("OnBuild".to_string())
                    .or_insert_with(|| Value::Array(Vec::new()));
                if !list.is_array() {
                    *list = Value::Array(Vec::new());
                }
                if let Value::Array(v) = list {
                    v.push(Value::String(trigger.clone()));
                }
            }
        }
    }
}

/// What a new image is made of.
pub struct CommitOptions<'a> {
    /// None: an image from scratch.
    pub parent: Option<&'a LocalImage>,
    /// A layer already in the blob store; None: a metadata-only image.
    pub layer: Option<&'a StoredLayer>,
    /// The complete runtime config of the new image.
    pub config: RunConfig,
    /// Appended after the parent's history; `created` defaults to the commit time.
    pub history: Vec<History>,
    pub author: Option<String>,
    pub format: ImageFormat,
    /// Full names for the image.
    pub names: &'a [String],
}

/// Stores the new image and returns its id. The caller holds the content lock (and, rootless,
/// is inside the user namespace, to unpack the layer).
pub fn commit_image(
    store: &Store,
    opts: &CommitOptions,
    apply: &ApplyOptions,
    warnings: &mut Vec<String>,
) -> Result<Digest, CommitError> {
    let created = crate::sys::now();
    let (mut config, mut layers, top) = match opts.parent {
        Some(p) => {
            let top = unpack_image(store, &p.manifest, &p.config, apply, warnings)?;
            (p.config.clone(), p.manifest.layers.clone(), top)
        }
        None => (ImageConfig::new_for_host(Vec::new()), Vec::new(), None),
    };
    if let Some(l) = opts.layer {
        unpack_layer(store, top.as_ref(), &l.blob.digest, Some(&l.diff_id), apply, warnings)?;
        config.rootfs.diff_ids.push(l.diff_id.clone());
        layers.push(Descriptor::new(l.media_type, l.blob.digest.clone(), l.blob.size));
    }
    config.created = Some(created.clone());
    config.author = opts.author.clone();
    config.config = Some(opts.config.clone());
    // Fields that described the parent's build container no longer apply.
    config.extra.remove("container");
    config.extra.remove("container_config");
    config.history.extend(opts.history.iter().map(|h| History {
        created: h.created.clone().or_else(|| Some(created.clone())),
        ..h.clone()
    }));
    write_image(
        store,
        &config,
        layers,
        &WriteOptions {
            format: opts.format,
            annotations: None,
            names: opts.names,
        },
    )
}

/// How [`write_image`] writes an image.
pub struct WriteOptions<'a> {
    pub format: ImageFormat,
    /// Manifest annotations.
    pub annotations: Option<BTreeMap<String, String>>,
    /// Full names for the image.
    pub names: &'a [String],
}

/// Stores `config` with `layers` (blobs already in the store, their media types converted to
/// the format's) as an image and returns its id. Blobs already stored are not written again, and
/// `index.json` is left alone when an image with this manifest has all the names already (a
/// fully cached rebuild: updating it costs a lock and an fsync).
pub fn write_image(
    store: &Store,
    config: &ImageConfig,
    mut layers: Vec<Descriptor>,
    opts: &WriteOptions,
) -> Result<Digest, CommitError> {
    let (manifest_type, config_type) = match opts.format {
        ImageFormat::Oci => (MEDIA_OCI_MANIFEST, MEDIA_OCI_CONFIG),
        ImageFormat::Docker => (MEDIA_DOCKER_MANIFEST, MEDIA_DOCKER_CONFIG),
    };
    for l in layers.iter_mut() {
        l.media_type = layer_media_type(&l.media_type, opts.format)?.to_string();
    }
    let cdata = serde_json::to_vec(config).expect("config serializes");
    let cinfo = put_blob(store, &cdata)?;
    let mut manifest = Manifest::oci(Descriptor::new(config_type, cinfo.digest, cinfo.size), layers);
    manifest.media_type = Some(manifest_type.to_string());
    manifest.annotations = opts.annotations.clone().filter(|a| !a.is_empty());
    let mdata = serde_json::to_vec(&manifest).expect("manifest serializes");
    let minfo = put_blob(store, &mdata)?;
    let descriptor = Descriptor::new(manifest_type, minfo.digest, minfo.size);
    let unchanged = store
        .images()
        .list()?
        .into_iter()
        .any(|r| r.manifest.digest == descriptor.digest && opts.names.iter().all(|n| r.names.contains(n)));
    Ok(if unchanged {
        store.images().image_id(&descriptor.digest)?
    } else {
        store.images().add(descriptor, opts.names)?
    })
}

/// Stores a small blob unless it is already there.
fn put_blob(store: &Store, data: &[u8]) -> Result<BlobInfo, StoreError> {
    let digest = Digest::of_bytes(data);
    if store.blobs().has(&digest) {
        return Ok(BlobInfo {
            digest,
            size: data.len() as u64,
        });
    }
    store.blobs().put_bytes(data, None)
}

/// A layer's media type in the given manifest format (the blob is the same).
fn layer_media_type(media_type: &str, format: ImageFormat) -> Result<&str, CommitError> {
    Ok(match (format, media_type) {
        (ImageFormat::Oci, MEDIA_DOCKER_LAYER) => MEDIA_OCI_LAYER,
        (ImageFormat::Oci, MEDIA_DOCKER_LAYER_GZIP) => MEDIA_OCI_LAYER_GZIP,
        (ImageFormat::Oci, MEDIA_DOCKER_FOREIGN_GZIP) => MEDIA_OCI_NONDIST_GZIP,
        (ImageFormat::Docker, MEDIA_OCI_LAYER) => MEDIA_DOCKER_LAYER,
        (ImageFormat::Docker, MEDIA_OCI_LAYER_GZIP) => MEDIA_DOCKER_LAYER_GZIP,
        (ImageFormat::Docker, MEDIA_OCI_NONDIST_GZIP) => MEDIA_DOCKER_FOREIGN_GZIP,
        (ImageFormat::Docker, MEDIA_OCI_LAYER_ZSTD) => {
            return Err(CommitError::NoDockerType {
                media_type: media_type.to_string(),
            });
        }
        (_, other) => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn onbuild_and_import_changes() {
        assert_eq!(
            parse_commit_change("ONBUILD RUN echo hi"),
            Ok(CommitChange::OnBuild("RUN echo hi".into()))
        );
        assert_eq!(
            parse_commit_change("onbuild=COPY . /app"),
            Ok(CommitChange::OnBuild("COPY . /app".into()))
        );
        assert_eq!(
            parse_commit_change("CMD [\"sh\"]"),
            Ok(CommitChange::Config(Change::Cmd(vec!["sh".into()])))
        );
        for bad in [
            "ONBUILD",
            "ONBUILD ",
            "ONBUILD=",
            "ONBUILD ONBUILD RUN x",
            "ONBUILD FROM x",
            "onbuild maintainer me",
            "ONBUILDX RUN x",
            "ONBUILD RUN a\0b",
            "RUN x",
            "",
        ] {
            assert!(parse_commit_change(bad).is_err(), "{bad:?} should be refused");
        }
        let mut rc = RunConfig::default();
        let changes: Vec<CommitChange> = ["ONBUILD RUN a", "ENV A=1", "ONBUILD RUN b"]
            .iter()
            .map(|c| parse_commit_change(c).unwrap())
            .collect();
        apply_commit_changes(&mut rc, &changes);
        assert_eq!(rc.extra["OnBuild"], serde_json::json!(["RUN a", "RUN b"]));
        assert_eq!(rc.env, Some(vec!["A=1".to_string()]));
        // A hostile parent config with a non-list OnBuild is replaced, not a panic.
        rc.extra.insert("OnBuild".into(), serde_json::json!(5));
        apply_commit_changes(&mut rc, &changes[..1]);
        assert_eq!(rc.extra["OnBuild"], serde_json::json!(["RUN a"]));
    }

    #[test]
    fn writer_converts_layer_types_and_keeps_an_unchanged_index() {
        let dir = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-commit-test-"));
        let store = Store::open(&dir.join("root"), &dir.join("run")).unwrap();
        let layer = store.blobs().put_bytes(b"not really a layer", None).unwrap();
        let config = ImageConfig::new_for_host(vec![Digest::of_bytes(b"diff")]);
        let layers = vec![Descriptor::new(
            MEDIA_DOCKER_LAYER_GZIP,
            layer.digest.clone(),
            layer.size,
        )];
        let names = ["localhost/w:1".to_string()];
        let opts = WriteOptions {
            format: ImageFormat::Oci,
            annotations: Some(BTreeMap::new()),
            names: &names,
        };
        let id = write_image(&store, &config, layers.clone(), &opts).unwrap();
        let rec = store.images().list().unwrap().into_iter().find(|r| r.id == id).unwrap();
        assert_eq!(rec.names, names);
        let manifest: Manifest = serde_json::from_slice(&store.blobs().read(&rec.manifest.digest).unwrap()).unwrap();
        assert_eq!(manifest.layers[0].media_type, MEDIA_OCI_LAYER_GZIP);
        // Empty annotations are left out, as before the writers were merged.
        assert!(manifest.annotations.is_none());
        let index = store.oci_dir().join("index.json");
        let before = std::fs::metadata(&index).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(write_image(&store, &config, layers.clone(), &opts).unwrap(), id);
        assert_eq!(std::fs::metadata(&index).unwrap().modified().unwrap(), before);
        // A zstd layer has no Docker media type: refused, not written into a broken manifest.
        let zstd = vec![Descriptor::new(MEDIA_OCI_LAYER_ZSTD, layer.digest, layer.size)];
        let docker = WriteOptions {
            format: ImageFormat::Docker,
            ..opts
        };
        assert!(write_image(&store, &config, zstd, &docker).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn formats_and_layer_types() {
        assert_eq!("oci".parse::<ImageFormat>().unwrap(), ImageFormat::Oci);
        assert_eq!("docker".parse::<ImageFormat>().unwrap(), ImageFormat::Docker);
        for bad in ["", "OCI", "v2s2", "docker "] {
            assert!(bad.parse::<ImageFormat>().is_err(), "{bad:?}");
        }
        assert_eq!(
            layer_media_type(MEDIA_OCI_LAYER, ImageFormat::Docker).unwrap(),
            MEDIA_DOCKER_LAYER
        );
        assert_eq!(
            layer_media_type(MEDIA_DOCKER_LAYER_GZIP, ImageFormat::Oci).unwrap(),
            MEDIA_OCI_LAYER_GZIP
        );
        assert_eq!(
            layer_media_type(MEDIA_OCI_LAYER_GZIP, ImageFormat::Oci).unwrap(),
            MEDIA_OCI_LAYER_GZIP
        );
        assert!(layer_media_type(MEDIA_OCI_LAYER_ZSTD, ImageFormat::Docker).is_err());
    }
}
