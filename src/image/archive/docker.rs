//! `docker-archive`: `manifest.json` listing each image's config file, names and layer tars
//! (as written by `docker save`, including Docker ≥25's combined OCI form and older archives
//! whose `<id>/layer.tar` is a symlink to another layer's file).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufReader, Write};

use serde::{Deserialize, Serialize};

use super::{ArchiveError, Extracted, Result, SaveImage, Staged, append_bytes, file_header, full_name};
use crate::image::manifest::{Compression, ImageConfig, MEDIA_OCI_CONFIG, Manifest, decompress};
use crate::store::digest::VerifiedReader;
use crate::store::images::{Descriptor, MEDIA_OCI_MANIFEST};
use crate::store::layers::chain_id;
use crate::store::{Digest, Store};

/// One entry of `manifest.json`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Entry {
    config: String,
    #[serde(default)]
    repo_tags: Option<Vec<String>>,
    layers: Vec<String>,
}

/// Stores the configs and layers of every image in `manifest.json`, each with a new OCI manifest.
/// Every file is resolved and every config parsed before anything is stored.
pub(super) fn stage(store: &Store, x: &mut Extracted) -> Result<Vec<Staged>> {
    let key = x.resolve("manifest.json")?;
    let entries: Vec<Entry> = x.parse_json(store, "manifest.json", &key)?;
    if entries.is_empty() {
        return Err(ArchiveError::Invalid {
            member: "manifest.json".into(),
            reason: "lists no images".into(),
        });
    }
    struct Plan {
        config_data: Vec<u8>,
        config: ImageConfig,
        layers: Vec<String>,
        names: Vec<String>,
    }
    let mut plans = Vec::new();
    for e in &entries {
        let ckey = x.resolve(&e.config)?;
        let config_data = x.read_json(store, &e.config, &ckey)?;
        let config: ImageConfig = serde_json::from_slice(&config_data).map_err(|source| ArchiveError::Json {
            member: e.config.clone(),
            source,
        })?;
        let layers = e.layers.iter().map(|l| x.resolve(l)).collect::<Result<Vec<_>>>()?;
        if layers.len() != config.rootfs.diff_ids.len() {
            return Err(ArchiveError::Invalid {
                member: e.config.clone(),
                reason: format!(
                    "lists {} diff ids but manifest.json lists {} layers",
                    config.rootfs.diff_ids.len(),
                    layers.len()
                ),
            });
        }
        let names = e
            .repo_tags
            .iter()
            .flatten()
            .map(|t| full_name(t))
            .collect::<Result<Vec<_>>>()?;
        plans.push(Plan {
            config_data,
            config,
            layers,
            names,
        });
    }
    let mut out = Vec::new();
    for p in plans {
        let cinfo = x.put_bytes(store, &p.config_data)?;
        let mut layers = Vec::new();
        for key in &p.layers {
            let media = Compression::sniff(&x.head(store, key)?).oci_media_type();
            let info = x.commit(store, key)?;
            layers.push(Descriptor::new(media, info.digest, info.size));
        }
        let manifest = Manifest::oci(Descriptor::new(MEDIA_OCI_CONFIG, cinfo.digest, cinfo.size), layers);
        let mdata = serde_json::to_vec(&manifest).expect("manifest serializes");
        let minfo = x.put_bytes(store, &mdata)?;
        out.push(Staged {
            manifest_desc: Descriptor::new(MEDIA_OCI_MANIFEST, minfo.digest, minfo.size),
            manifest,
            config: p.config,
            names: p.names,
        });
    }
    Ok(out)
}

/// Writes a docker-archive: configs as `<hex>.json`, layers as uncompressed `<diff-id-hex>.tar`,
/// then `manifest.json` and `repositories`. Each file is written once however many images share it.
pub fn write<W: Write>(store: &Store, images: &[SaveImage], out: W) -> Result<W> {
    let mut tar = tar::Builder::new(out);
    let mut written: BTreeSet<String> = BTreeSet::new();
    let mut entries = Vec::new();
    let mut repositories: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for s in images {
        let img = &s.image;
        let config_name = format!("{}.json", img.manifest.config.digest.hex());
        if written.insert(config_name.clone()) {
            let data = store.blobs().read(&img.manifest.config.digest)?;
            append_bytes(&mut tar, &config_name, &data)?;
        }
        let diff_ids = &img.config.rootfs.diff_ids;
        if diff_ids.len() != img.manifest.layers.len() {
            return Err(ArchiveError::Invalid {
                member: format!("image {}", img.record.id.short()),
                reason: format!(
                    "manifest lists {} layers but the config lists {} diff ids",
                    img.manifest.layers.len(),
                    diff_ids.len()
                ),
            });
        }
        let mut parent: Option<Digest> = None;
        let mut layer_names = Vec::new();
        for (layer, diff) in img.manifest.layers.iter().zip(diff_ids) {
            let chain = chain_id(parent.as_ref(), diff);
            let name = format!("{}.tar", diff.hex());
            if written.insert(name.clone()) {
                let size = uncompressed_size(store, &chain, &layer.digest, &img.record.id)?;
                let file = store.blobs().open(&layer.digest)?;
                let plain =
                    decompress(BufReader::with_capacity(256 * 1024, file)).map_err(|e| layer_err(img, layer, e))?;
                let h = file_header(&name, size).map_err(ArchiveError::Write)?;
                tar.append(&h, VerifiedReader::new(plain, size, diff.clone()))
                    .map_err(|e| layer_err(img, layer, e))?;
            }
            layer_names.push(name);
            parent = Some(chain);
        }
        let tags: Vec<String> = s.names.iter().filter(|n| !n.contains('@')).cloned().collect();
        if let Some(top) = &parent {
            for t in &tags {
                if let Some((repo, tag)) = split_tag(t) {
                    repositories
                        .entry(repo.to_string())
                        .or_default()
                        .insert(tag.to_string(), top.hex().to_string());
                }
            }
        }
        entries.push(Entry {
            config: config_name,
            repo_tags: Some(tags),
            layers: layer_names,
        });
    }
    let manifest = serde_json::to_vec(&entries).expect("manifest.json serializes");
    append_bytes(&mut tar, "manifest.json", &manifest)?;
    let repos = serde_json::to_vec(&repositories).expect("repositories serializes");
    append_bytes(&mut tar, "repositories", &repos)?;
    tar.into_inner().map_err(ArchiveError::Write)
}

fn layer_err(img: &crate::image::lookup::LocalImage, layer: &Descriptor, e: std::io::Error) -> ArchiveError {
    ArchiveError::Layer {
        image: img.record.id.short().to_string(),
        blob: layer.digest.clone(),
        reason: e.to_string(),
    }
}

/// The uncompressed size of a layer: recorded when it was unpacked, else counted.
fn uncompressed_size(store: &Store, chain: &Digest, blob: &Digest, image: &Digest) -> Result<u64> {
    if let Ok(info) = store.layers().get(chain) {
        return Ok(info.size);
    }
    let file = store.blobs().open(blob)?;
    let err = |e: std::io::Error| ArchiveError::Layer {
        image: image.short().to_string(),
        blob: blob.clone(),
        reason: e.to_string(),
    };
    let mut plain = decompress(BufReader::with_capacity(256 * 1024, file)).map_err(err)?;
    std::io::copy(&mut plain, &mut std::io::sink()).map_err(err)
}

/// `registry/repo:tag` → (`registry/repo`, `tag`).
fn split_tag(name: &str) -> Option<(&str, &str)> {
    let slash = name.rfind('/').map_or(0, |i| i + 1);
    let colon = name[slash..].rfind(':')? + slash;
    Some((&name[..colon], &name[colon + 1..]))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{M, build_tar, tempdir};
    use super::*;

    #[test]
    fn split_tag_handles_ports() {
        assert_eq!(split_tag("localhost:5000/a/b:v1"), Some(("localhost:5000/a/b", "v1")));
        assert_eq!(
            split_tag("docker.io/library/busybox:latest"),
            Some(("docker.io/library/busybox", "latest"))
        );
        assert_eq!(split_tag("localhost:5000/a"), None);
    }

    fn staged(members: &[M]) -> (tempdir::Dir, Result<Vec<Staged>>) {
        let dir = tempdir::Dir::new();
        let store = Store::open(&dir.path().join("root"), &dir.path().join("run")).unwrap();
        let tar = build_tar(members);
        let tmp = store.temp_dir("t-").unwrap();
        let r = Extracted::extract(&mut &tar[..], &tmp).and_then(|mut x| stage(&store, &mut x));
        (dir, r)
    }

    #[test]
    fn broken_manifests_name_the_member() {
        let cfg = br#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#;
        let cases: Vec<(Vec<M>, &str)> = vec![
            (vec![M::File("manifest.json", b"{nope")], "manifest.json"),
            (vec![M::File("manifest.json", b"[]")], "manifest.json"),
            (
                vec![M::File("manifest.json", br#"[{"Config":"c.json","Layers":[]}]"#)],
                "c.json",
            ),
            (
                vec![M::File("manifest.json", br#"[{"Config":"../c.json","Layers":[]}]"#)],
                "../c.json",
            ),
            (
                vec![
                    M::File("manifest.json", br#"[{"Config":"c.json","Layers":["l.tar"]}]"#),
                    M::File("c.json", cfg),
                ],
                "l.tar",
            ),
            (
                vec![
                    M::File("manifest.json", br#"[{"Config":"c.json","Layers":[]}]"#),
                    M::File("c.json", b"[1]"),
                ],
                "c.json",
            ),
            (
                vec![
                    M::File(
                        "manifest.json",
                        br#"[{"Config":"c.json","RepoTags":["Bad Name"],"Layers":[]}]"#,
                    ),
                    M::File("c.json", cfg),
                ],
                "Bad Name",
            ),
        ];
        for (members, name) in cases {
            let (_d, r) = staged(&members);
            let err = r.err().expect(name).to_string();
            assert!(err.contains(name), "{err} should name {name}");
        }
    }

    #[test]
    fn stages_a_symlinked_layer_once() {
        let layer = build_tar(&[M::File("hello", b"hi")]);
        let diff = Digest::of_bytes(&layer);
        let cfg = format!(
            r#"{{"architecture":"amd64","os":"linux","rootfs":{{"type":"layers","diff_ids":["{diff}","{diff}"]}}}}"#
        );
        let manifest = br#"[{"Config":"c.json","RepoTags":["busybox:latest"],"Layers":["a/layer.tar","b/layer.tar"]}]"#;
        let (_d, r) = staged(&[
            M::File("manifest.json", manifest),
            M::File("c.json", cfg.as_bytes()),
            M::File("a/layer.tar", &layer),
            M::Link("b/layer.tar", "../a/layer.tar"),
        ]);
        let s = r.unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].names, vec!["docker.io/library/busybox:latest".to_string()]);
        assert_eq!(s[0].manifest.layers.len(), 2);
        assert_eq!(s[0].manifest.layers[0].digest, diff);
        assert_eq!(s[0].manifest.layers[1].digest, diff);
        assert_eq!(
            s[0].manifest.layers[0].media_type,
            crate::image::manifest::MEDIA_OCI_LAYER
        );
        assert_eq!(s[0].manifest.config.media_type, MEDIA_OCI_CONFIG);
    }
}
