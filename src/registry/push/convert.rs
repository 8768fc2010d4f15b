//! What a push sends: OCI and Docker schema2 media types, the per-layer plan (keep, compress,
//! convert) and the rewritten manifest when the stored one cannot be pushed as it is.

use serde_json::{Map, Value};

use super::{PushError, PushOptions, Result};
use crate::image::manifest::{
    Compression, MEDIA_OCI_CONFIG, MEDIA_OCI_LAYER, MEDIA_OCI_LAYER_GZIP, MEDIA_OCI_LAYER_ZSTD, Manifest,
};
use crate::store::Digest;
use crate::store::images::{Descriptor, MEDIA_DOCKER_MANIFEST, MEDIA_OCI_MANIFEST};

pub const MEDIA_DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
pub const MEDIA_DOCKER_LAYER: &str = "application/vnd.docker.image.rootfs.diff.tar";
pub const MEDIA_DOCKER_LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
pub const MEDIA_DOCKER_FOREIGN_LAYER: &str = "application/vnd.docker.image.rootfs.foreign.diff.tar";
pub const MEDIA_DOCKER_FOREIGN_LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
pub const MEDIA_OCI_NONDISTRIBUTABLE_LAYER: &str = "application/vnd.oci.image.layer.nondistributable.v1.tar";
pub const MEDIA_OCI_NONDISTRIBUTABLE_LAYER_GZIP: &str = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
pub const MEDIA_OCI_NONDISTRIBUTABLE_LAYER_ZSTD: &str = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";

/// A manifest format the registry receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestFormat {
    Oci,
    DockerV2S2,
}

impl ManifestFormat {
    pub fn media_type(self) -> &'static str {
        match self {
            ManifestFormat::Oci => MEDIA_OCI_MANIFEST,
            ManifestFormat::DockerV2S2 => MEDIA_DOCKER_MANIFEST,
        }
    }

    fn config_media_type(self) -> &'static str {
        match self {
            ManifestFormat::Oci => MEDIA_OCI_CONFIG,
            ManifestFormat::DockerV2S2 => MEDIA_DOCKER_CONFIG,
        }
    }
}

/// What a layer media type says about its content: compression, and whether it is a
/// "foreign"/"non-distributable" layer that registries may not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayerType {
    pub compression: Compression,
    pub foreign: bool,
}

/// Every layer media type ferry knows, by manifest format.
const LAYER_TYPES: &[(&str, ManifestFormat, Compression, bool)] = &[
    (MEDIA_OCI_LAYER, ManifestFormat::Oci, Compression::None, false),
    (MEDIA_OCI_LAYER_GZIP, ManifestFormat::Oci, Compression::Gzip, false),
    (MEDIA_OCI_LAYER_ZSTD, ManifestFormat::Oci, Compression::Zstd, false),
    (
        MEDIA_OCI_NONDISTRIBUTABLE_LAYER,
        ManifestFormat::Oci,
        Compression::None,
        true,
    ),
    (
        MEDIA_OCI_NONDISTRIBUTABLE_LAYER_GZIP,
        ManifestFormat::Oci,
        Compression::Gzip,
        true,
    ),
    (
        MEDIA_OCI_NONDISTRIBUTABLE_LAYER_ZSTD,
        ManifestFormat::Oci,
        Compression::Zstd,
        true,
    ),
    (MEDIA_DOCKER_LAYER, ManifestFormat::DockerV2S2, Compression::None, false),
    (
        MEDIA_DOCKER_LAYER_GZIP,
        ManifestFormat::DockerV2S2,
        Compression::Gzip,
        false,
    ),
    (
        MEDIA_DOCKER_FOREIGN_LAYER,
        ManifestFormat::DockerV2S2,
        Compression::None,
        true,
    ),
    (
        MEDIA_DOCKER_FOREIGN_LAYER_GZIP,
        ManifestFormat::DockerV2S2,
        Compression::Gzip,
        true,
    ),
];

impl LayerType {
    /// The layer type of a media type of either format; `None` for anything else.
    pub fn parse(media_type: &str) -> Option<LayerType> {
        LAYER_TYPES
            .iter()
            .find(|(m, ..)| *m == media_type)
            .map(|&(_, _, compression, foreign)| LayerType { compression, foreign })
    }

    /// The media type of this layer type in `format`; `None` when the format cannot express it
    /// (zstd in Docker schema2).
    pub fn media_type(self, format: ManifestFormat) -> Option<&'static str> {
        LAYER_TYPES
            .iter()
            .find(|&&(_, f, c, foreign)| f == format && c == self.compression && foreign == self.foreign)
            .map(|(m, ..)| *m)
    }
}

/// The config media type in `format`, for the config media types of either format.
pub fn config_media_type(media_type: &str, format: ManifestFormat) -> Option<&'static str> {
    (media_type == MEDIA_OCI_CONFIG || media_type == MEDIA_DOCKER_CONFIG).then(|| format.config_media_type())
}

/// One layer of a push plan.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerPlan {
    pub source: Descriptor,
    /// Compress the stored (uncompressed) blob with this before uploading.
    pub compress: Option<Compression>,
    /// The media type in the pushed manifest.
    pub media_type: String,
}

/// What a push sends, decided from the stored manifest and the options before any I/O.
#[derive(Debug, Clone)]
pub struct Plan {
    pub format: ManifestFormat,
    /// The media type of the pushed manifest.
    pub media_type: String,
    pub config: Descriptor,
    pub config_media_type: String,
    pub layers: Vec<LayerPlan>,
    /// The stored manifest bytes can be pushed as they are.
    pub unchanged: bool,
}

/// Decides formats, media types and compression for a stored manifest.
pub fn plan(manifest_digest: &Digest, data: &[u8], opts: &PushOptions) -> Result<Plan> {
    let bad = |reason: String| PushError::Manifest {
        digest: manifest_digest.clone(),
        reason,
    };
    let manifest: Manifest = serde_json::from_slice(data).map_err(|e| bad(format!("invalid JSON: {e}")))?;
    if manifest.schema_version != 2 {
        return Err(bad(format!("unsupported schemaVersion {}", manifest.schema_version)));
    }
    let source = match manifest.kind() {
        MEDIA_OCI_MANIFEST => ManifestFormat::Oci,
        MEDIA_DOCKER_MANIFEST => ManifestFormat::DockerV2S2,
        other => return Err(bad(format!("unsupported manifest media type {other:?}"))),
    };
    let compress = |l: &Descriptor| {
        LayerType::parse(&l.media_type).is_some_and(|t| t.compression == Compression::None)
            && opts.compression != Compression::None
    };
    let needs_zstd = opts.compression == Compression::Zstd && manifest.layers.iter().any(compress);
    let format = match opts.format {
        Some(f) => f,
        // Docker schema2 has no zstd media type; Podman switches to OCI in this case too.
        None if needs_zstd => ManifestFormat::Oci,
        None => source,
    };
    let converting = format != source;
    let config_media_type = if converting {
        config_media_type(&manifest.config.media_type, format).ok_or_else(|| {
            bad(format!(
                "config media type {:?} cannot be converted",
                manifest.config.media_type
            ))
        })?
    } else {
        &manifest.config.media_type
    };
    let mut layers = Vec::with_capacity(manifest.layers.len());
    for l in &manifest.layers {
        let compress = compress(l).then_some(opts.compression);
        let media_type = if converting || compress.is_some() {
            let mut t = LayerType::parse(&l.media_type).ok_or_else(|| PushError::LayerMediaType {
                digest: manifest_digest.clone(),
                layer: l.digest.clone(),
                media_type: l.media_type.clone(),
            })?;
            if let Some(c) = compress {
                t.compression = c;
            }
            t.media_type(format)
                .ok_or_else(|| PushError::ZstdInDockerFormat {
                    layer: l.digest.clone(),
                })?
                .to_string()
        } else {
            l.media_type.clone()
        };
        layers.push(LayerPlan {
            source: l.clone(),
            compress,
            media_type,
        });
    }
    let unchanged = !converting && layers.iter().all(|l| l.compress.is_none());
    let media_type = if unchanged {
        manifest.kind()
    } else {
        format.media_type()
    };
    Ok(Plan {
        format,
        media_type: media_type.to_string(),
        config: manifest.config.clone(),
        config_media_type: config_media_type.to_string(),
        layers,
        unchanged,
    })
}

/// The manifest to push when it differs from the stored one: the stored JSON with new media
/// types and layer descriptors, keeping unknown fields; Docker schema2 gets only the fields it
/// defines (it has no annotations).
pub fn rewrite_manifest(stored: &[u8], plan: &Plan, layers: &[Descriptor]) -> Result<Vec<u8>, serde_json::Error> {
    let mut doc: Map<String, Value> = serde_json::from_slice(stored)?;
    let docker = plan.format == ManifestFormat::DockerV2S2;
    let descriptor = |d: &Descriptor| -> Result<Value, serde_json::Error> {
        let mut v = serde_json::to_value(d)?;
        if docker && let Value::Object(m) = &mut v {
            m.retain(|k, _| matches!(k.as_str(), "mediaType" | "size" | "digest" | "urls"));
        }
        Ok(v)
    };
    if docker {
        doc.retain(|k, _| matches!(k.as_str(), "schemaVersion" | "mediaType" | "config" | "layers"));
    }
    doc.insert("mediaType".into(), Value::String(plan.format.media_type().into()));
    let mut config = plan.config.clone();
    config.media_type = plan.config_media_type.clone();
    doc.insert("config".into(), descriptor(&config)?);
    let layers = layers.iter().map(descriptor).collect::<Result<Vec<_>, _>>()?;
    doc.insert("layers".into(), Value::Array(layers));
    // Keep the usual field order (schemaVersion, mediaType first) for readability.
    let mut out = Map::new();
    for k in ["schemaVersion", "mediaType", "config", "layers"] {
        if let Some(v) = doc.remove(k) {
            out.insert(k.into(), v);
        }
    }
    out.extend(doc);
    serde_json::to_vec(&Value::Object(out))
}
