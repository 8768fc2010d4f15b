//! `oci-archive`: a tarred OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/…`).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use super::{ArchiveError, Extracted, Result, SaveImage, Staged, append_bytes, dir_header, file_header};
use crate::image::manifest::{ImageConfig, Manifest, host_arch};
use crate::store::Store;
use crate::store::digest::VerifiedReader;
use crate::store::images::{
    Descriptor, Index, MEDIA_DOCKER_LIST, MEDIA_DOCKER_MANIFEST, MEDIA_OCI_INDEX, MEDIA_OCI_MANIFEST, REF_NAME,
};

/// The annotation containerd and Docker ≥25 put the full image name in.
const CONTAINERD_NAME: &str = "io.containerd.image.name";

/// Nested indexes deeper than this are refused (a hostile archive could chain them).
const MAX_INDEX_DEPTH: usize = 4;

/// Verifies and stores every image `index.json` refers to. All blobs are checked against their
/// descriptors before any is stored.
pub(super) fn stage(store: &Store, x: &mut Extracted, warnings: &mut Vec<String>) -> Result<Vec<Staged>> {
    let layout_key = x.resolve("oci-layout").map_err(|_| ArchiveError::Missing {
        member: "oci-layout".into(),
    })?;
    let layout: serde_json::Value = x.parse_json(store, "oci-layout", &layout_key)?;
    if layout.get("imageLayoutVersion").and_then(|v| v.as_str()).is_none() {
        return Err(ArchiveError::Invalid {
            member: "oci-layout".into(),
            reason: "no imageLayoutVersion".into(),
        });
    }
    let key = x.resolve("index.json")?;
    let index: Index = x.parse_json(store, "index.json", &key)?;
    // Group entries by manifest so an image with several names is loaded once.
    let mut order: Vec<Descriptor> = Vec::new();
    let mut names: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for desc in &index.manifests {
        let m = select(store, x, desc, "index.json", 0)?;
        let entry = names.entry(m.digest.to_string()).or_default();
        if !order.iter().any(|d| d.digest == m.digest) {
            order.push(m);
        }
        if let Some(n) = image_name(desc, warnings)
            && !entry.contains(&n)
        {
            entry.push(n);
        }
    }
    struct Plan {
        desc: Descriptor,
        manifest: Manifest,
        config: ImageConfig,
        blobs: Vec<String>,
    }
    let mut plans = Vec::new();
    for desc in order {
        let mkey = blob(x, &desc)?;
        let manifest: Manifest = x.parse_json(store, &member(&desc), &mkey)?;
        let ckey = blob(x, &manifest.config)?;
        let config: ImageConfig = x.parse_json(store, &member(&manifest.config), &ckey)?;
        let mut blobs = vec![mkey, ckey];
        for l in &manifest.layers {
            blobs.push(blob(x, l)?);
        }
        plans.push(Plan {
            desc,
            manifest,
            config,
            blobs,
        });
    }
    let mut out = Vec::new();
    for p in plans {
        for key in &p.blobs {
            x.commit(store, key)?;
        }
        let names = names.remove(&p.desc.digest.to_string()).unwrap_or_default();
        out.push(Staged {
            manifest_desc: Descriptor::new(&p.desc.media_type, p.desc.digest, p.desc.size),
            manifest: p.manifest,
            config: p.config,
            names,
        });
    }
    Ok(out)
}

fn member(desc: &Descriptor) -> String {
    format!("blobs/sha256/{}", desc.digest.hex())
}

/// The member holding `desc`'s blob, checked against the descriptor's digest and size.
fn blob(x: &Extracted, desc: &Descriptor) -> Result<String> {
    let name = member(desc);
    let key = x.resolve(&name)?;
    let info = x.info(&key);
    if info.digest != desc.digest || info.size != desc.size {
        return Err(ArchiveError::BlobMismatch {
            member: name,
            expected: desc.digest.clone(),
            expected_size: desc.size,
            actual: info.digest.clone(),
            actual_size: info.size,
        });
    }
    Ok(key)
}

/// Follows nested indexes down to this host's image manifest.
fn select(store: &Store, x: &Extracted, desc: &Descriptor, from: &str, depth: usize) -> Result<Descriptor> {
    match desc.media_type.as_str() {
        MEDIA_OCI_MANIFEST | MEDIA_DOCKER_MANIFEST => Ok(desc.clone()),
        MEDIA_OCI_INDEX | MEDIA_DOCKER_LIST => {
            let name = member(desc);
            if depth >= MAX_INDEX_DEPTH {
                return Err(ArchiveError::Invalid {
                    member: name,
                    reason: "image indexes nested too deeply".into(),
                });
            }
            let key = blob(x, desc)?;
            let index: Index = x.parse_json(store, &name, &key)?;
            let arch = host_arch();
            let pick = index
                .manifests
                .iter()
                .find(|d| {
                    d.platform
                        .as_ref()
                        .is_some_and(|p| p.os == "linux" && p.architecture == arch)
                })
                .ok_or_else(|| ArchiveError::NoPlatform {
                    member: name.clone(),
                    arch: arch.to_string(),
                })?;
            select(store, x, pick, &name, depth + 1)
        }
        other => Err(ArchiveError::Invalid {
            member: from.to_string(),
            reason: format!("unsupported media type {other:?} for {}", desc.digest),
        }),
    }
}

/// The full name an index entry gives its image: containerd's annotation, else the OCI ref
/// name when it is a whole reference (a bare tag like `latest` names nothing by itself).
fn image_name(desc: &Descriptor, warnings: &mut Vec<String>) -> Option<String> {
    let ann = desc.annotations.as_ref()?;
    let raw = ann
        .get(CONTAINERD_NAME)
        .or_else(|| ann.get(REF_NAME).filter(|r| r.contains('/') || r.contains(':')))?;
    match super::full_name(raw) {
        Ok(n) => Some(n),
        Err(e) => {
            warnings.push(format!("index.json: ignoring image name: {e}"));
            None
        }
    }
}

/// Writes an oci-archive: `oci-layout`, every blob once (as stored), and `index.json` with one
/// entry per name (one without a name for unnamed images).
pub fn write<W: Write>(store: &Store, images: &[SaveImage], out: W) -> Result<W> {
    let mut tar = tar::Builder::new(out);
    append_bytes(&mut tar, "oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#)?;
    for d in ["blobs/", "blobs/sha256/"] {
        let h = dir_header(d).map_err(ArchiveError::Write)?;
        tar.append(&h, std::io::empty()).map_err(ArchiveError::Write)?;
    }
    let mut written = BTreeSet::new();
    let mut manifests = Vec::new();
    for s in images {
        let img = &s.image;
        let mdesc = &img.record.manifest;
        let mut blobs = vec![mdesc.digest.clone(), img.manifest.config.digest.clone()];
        blobs.extend(img.manifest.layers.iter().map(|l| l.digest.clone()));
        for d in blobs {
            if !written.insert(d.clone()) {
                continue;
            }
            let size = store.blobs().size(&d)?;
            let file = store.blobs().open(&d)?;
            let h = file_header(&format!("blobs/sha256/{}", d.hex()), size).map_err(ArchiveError::Write)?;
            tar.append(&h, VerifiedReader::new(std::io::BufReader::new(file), size, d.clone()))
                .map_err(|e| ArchiveError::Layer {
                    image: img.record.id.short().to_string(),
                    blob: d.clone(),
                    reason: e.to_string(),
                })?;
        }
        let base = Descriptor::new(&mdesc.media_type, mdesc.digest.clone(), mdesc.size);
        if s.names.is_empty() {
            manifests.push(base.clone());
        }
        for n in &s.names {
            let mut d = base.clone();
            d.annotations = Some(BTreeMap::from([(REF_NAME.to_string(), n.clone())]));
            manifests.push(d);
        }
    }
    let index = Index {
        schema_version: 2,
        media_type: Some(MEDIA_OCI_INDEX.to_string()),
        manifests,
        annotations: None,
    };
    let data = serde_json::to_vec(&index).expect("index serializes");
    append_bytes(&mut tar, "index.json", &data)?;
    tar.into_inner().map_err(ArchiveError::Write)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{M, build_tar, tempdir};
    use super::*;
    use crate::store::Digest;

    struct Fixture {
        members: Vec<(String, Vec<u8>)>,
    }

    impl Fixture {
        fn blob(&mut self, data: &[u8]) -> (Digest, u64) {
            let d = Digest::of_bytes(data);
            self.members.push((format!("blobs/sha256/{}", d.hex()), data.to_vec()));
            (d, data.len() as u64)
        }
    }

    /// An OCI layout with one image (one empty layer) wrapped in an index for `arch`.
    fn layout(arch: &str, ref_name: &str) -> (Fixture, Digest) {
        let mut f = Fixture { members: Vec::new() };
        let layer = build_tar(&[M::File("hello", b"hi")]);
        let (ld, ls) = f.blob(&layer);
        let cfg =
            format!(r#"{{"architecture":"{arch}","os":"linux","rootfs":{{"type":"layers","diff_ids":["{ld}"]}}}}"#);
        let (cd, cs) = f.blob(cfg.as_bytes());
        let m = format!(
            r#"{{"schemaVersion":2,"mediaType":"{MEDIA_OCI_MANIFEST}","config":{{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{cd}","size":{cs}}},"layers":[{{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"{ld}","size":{ls}}}]}}"#
        );
        let (md, ms) = f.blob(m.as_bytes());
        let idx = format!(
            r#"{{"schemaVersion":2,"manifests":[{{"mediaType":"{MEDIA_OCI_MANIFEST}","digest":"{md}","size":{ms},"platform":{{"architecture":"{arch}","os":"linux"}}}},{{"mediaType":"{MEDIA_OCI_MANIFEST}","digest":"{md}","size":{ms},"platform":{{"architecture":"unknown","os":"unknown"}}}}]}}"#
        );
        let (xd, xs) = f.blob(idx.as_bytes());
        let top = format!(
            r#"{{"schemaVersion":2,"manifests":[{{"mediaType":"{MEDIA_OCI_INDEX}","digest":"{xd}","size":{xs},"annotations":{{"{REF_NAME}":"{ref_name}"}}}}]}}"#
        );
        f.members.push(("index.json".into(), top.into_bytes()));
        f.members
            .push(("oci-layout".into(), br#"{"imageLayoutVersion":"1.0.0"}"#.to_vec()));
        (f, md)
    }

    fn run(f: &Fixture) -> (tempdir::Dir, Store, Result<Vec<Staged>>, Vec<String>) {
        let dir = tempdir::Dir::new();
        let store = Store::open(&dir.path().join("root"), &dir.path().join("run")).unwrap();
        let members: Vec<M> = f.members.iter().map(|(n, d)| M::File(n, d)).collect();
        let tar = build_tar(&members);
        let tmp = store.temp_dir("t-").unwrap();
        let mut warnings = Vec::new();
        let r = Extracted::extract(&mut &tar[..], &tmp).and_then(|mut x| stage(&store, &mut x, &mut warnings));
        (dir, store, r, warnings)
    }

    #[test]
    fn picks_host_platform_and_names() {
        let (f, md) = layout(host_arch(), "docker.io/library/busybox:1.36");
        let (_d, store, r, _) = run(&f);
        let s = r.unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].manifest_desc.digest, md);
        assert_eq!(s[0].names, vec!["docker.io/library/busybox:1.36".to_string()]);
        assert!(store.blobs().has(&md));
        assert!(store.blobs().has(&s[0].manifest.layers[0].digest));
    }

    #[test]
    fn tag_only_ref_names_leave_the_image_unnamed() {
        let (f, _) = layout(host_arch(), "latest");
        let (_d, _s, r, _) = run(&f);
        assert!(r.unwrap()[0].names.is_empty());
    }

    #[test]
    fn other_platforms_are_an_error() {
        let (f, _) = layout("mips64le-nope", "x:1");
        let (_d, _s, r, _) = run(&f);
        assert!(matches!(r, Err(ArchiveError::NoPlatform { .. })));
    }

    #[test]
    fn tampered_blobs_store_nothing() {
        let (mut f, md) = layout(host_arch(), "x:1");
        // Corrupt the layer (the first blob), keeping its file name.
        f.members[0].1.push(0);
        let layer_name = f.members[0].0.clone();
        let (_d, store, r, _) = run(&f);
        let err = r.err().unwrap().to_string();
        assert!(err.contains(&layer_name), "{err}");
        assert!(!store.blobs().has(&md));
        assert!(store.blobs().list().unwrap().is_empty());
    }

    #[test]
    fn missing_layout_and_bad_index() {
        let (mut f, _) = layout(host_arch(), "x:1");
        f.members.retain(|(n, _)| n != "oci-layout");
        let (_d, _s, r, _) = run(&f);
        assert!(r.err().unwrap().to_string().contains("oci-layout"));
        let (mut f, _) = layout(host_arch(), "x:1");
        f.members.iter_mut().find(|(n, _)| n == "index.json").unwrap().1 = b"{\"manifests\":5}".to_vec();
        let (_d, _s, r, _) = run(&f);
        assert!(r.err().unwrap().to_string().contains("index.json"));
    }
}
