//! Unit tests of push planning, manifest conversion, compression and verification.

use std::fs;
use std::io::Read;

use serde_json::Value;

use super::convert::*;
use super::*;
use crate::image::manifest::{MEDIA_OCI_CONFIG, MEDIA_OCI_LAYER, MEDIA_OCI_LAYER_GZIP, MEDIA_OCI_LAYER_ZSTD};
use crate::store::images::{MEDIA_DOCKER_MANIFEST, MEDIA_OCI_MANIFEST};

const D1: &str = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
const D2: &str = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
const D3: &str = "sha256:3333333333333333333333333333333333333333333333333333333333333333";

fn manifest(media: Option<&str>, config: &str, layers: &[&str]) -> Vec<u8> {
    let layers: Vec<Value> = layers
        .iter()
        .enumerate()
        .map(|(i, m)| serde_json::json!({"mediaType": m, "digest": if i == 0 { D2 } else { D3 }, "size": 10 + i}))
        .collect();
    let mut v = serde_json::json!({
        "schemaVersion": 2,
        "config": {"mediaType": config, "digest": D1, "size": 5},
        "layers": layers,
    });
    if let Some(m) = media {
        v["mediaType"] = Value::String(m.to_string());
    }
    serde_json::to_vec(&v).unwrap()
}

fn opts(compression: Compression, format: Option<ManifestFormat>) -> PushOptions {
    PushOptions {
        compression,
        format,
        ..PushOptions::default()
    }
}

fn md() -> Digest {
    Digest::of_bytes(b"manifest")
}

#[test]
fn layer_media_types_map_between_formats() {
    use ManifestFormat::*;
    let pairs = [
        (MEDIA_OCI_LAYER, MEDIA_DOCKER_LAYER),
        (MEDIA_OCI_LAYER_GZIP, MEDIA_DOCKER_LAYER_GZIP),
        (MEDIA_OCI_NONDISTRIBUTABLE_LAYER, MEDIA_DOCKER_FOREIGN_LAYER),
        (MEDIA_OCI_NONDISTRIBUTABLE_LAYER_GZIP, MEDIA_DOCKER_FOREIGN_LAYER_GZIP),
    ];
    for (oci, docker) in pairs {
        assert_eq!(LayerType::parse(oci).unwrap().media_type(DockerV2S2), Some(docker));
        assert_eq!(LayerType::parse(docker).unwrap().media_type(Oci), Some(oci));
        assert_eq!(LayerType::parse(oci).unwrap().media_type(Oci), Some(oci));
    }
    for zstd in [MEDIA_OCI_LAYER_ZSTD, MEDIA_OCI_NONDISTRIBUTABLE_LAYER_ZSTD] {
        assert_eq!(LayerType::parse(zstd).unwrap().compression, Compression::Zstd);
        assert_eq!(LayerType::parse(zstd).unwrap().media_type(DockerV2S2), None);
    }
    for unknown in ["", "application/json", "application/vnd.oci.image.layer.v1.tar+lz4"] {
        assert_eq!(LayerType::parse(unknown), None);
    }
    assert_eq!(
        config_media_type(MEDIA_OCI_CONFIG, DockerV2S2),
        Some(MEDIA_DOCKER_CONFIG)
    );
    assert_eq!(config_media_type(MEDIA_DOCKER_CONFIG, Oci), Some(MEDIA_OCI_CONFIG));
    assert_eq!(config_media_type("application/vnd.example+json", Oci), None);
}

#[test]
fn pulled_images_push_unchanged() {
    let m = manifest(
        Some(MEDIA_DOCKER_MANIFEST),
        MEDIA_DOCKER_CONFIG,
        &[MEDIA_DOCKER_LAYER_GZIP, MEDIA_DOCKER_LAYER_GZIP],
    );
    for o in [
        opts(Compression::Gzip, None),
        opts(Compression::Zstd, None),
        opts(Compression::Gzip, Some(ManifestFormat::DockerV2S2)),
    ] {
        let p = plan(&md(), &m, &o).unwrap();
        assert!(p.unchanged);
        assert_eq!(p.media_type, MEDIA_DOCKER_MANIFEST);
        assert!(p.layers.iter().all(|l| l.compress.is_none()));
    }
    // An OCI manifest without a mediaType field is OCI, and keeps even unknown layer types.
    let m = manifest(None, MEDIA_OCI_CONFIG, &[MEDIA_OCI_LAYER_ZSTD, "application/x-custom"]);
    let p = plan(&md(), &m, &opts(Compression::Gzip, None)).unwrap();
    assert!(p.unchanged);
    assert_eq!(p.format, ManifestFormat::Oci);
    assert_eq!(p.layers[1].media_type, "application/x-custom");
}

#[test]
fn uncompressed_layers_are_compressed() {
    let m = manifest(
        Some(MEDIA_OCI_MANIFEST),
        MEDIA_OCI_CONFIG,
        &[MEDIA_OCI_LAYER, MEDIA_OCI_LAYER_GZIP],
    );
    let p = plan(&md(), &m, &opts(Compression::Gzip, None)).unwrap();
    assert!(!p.unchanged);
    assert_eq!(p.layers[0].compress, Some(Compression::Gzip));
    assert_eq!(p.layers[0].media_type, MEDIA_OCI_LAYER_GZIP);
    assert_eq!(p.layers[1].compress, None);
    let p = plan(&md(), &m, &opts(Compression::Zstd, None)).unwrap();
    assert_eq!(p.layers[0].media_type, MEDIA_OCI_LAYER_ZSTD);
    assert_eq!(p.layers[1].media_type, MEDIA_OCI_LAYER_GZIP);
    let p = plan(&md(), &m, &opts(Compression::None, None)).unwrap();
    assert!(p.unchanged);
}

#[test]
fn formats_convert() {
    let oci = manifest(
        Some(MEDIA_OCI_MANIFEST),
        MEDIA_OCI_CONFIG,
        &[MEDIA_OCI_LAYER_GZIP, MEDIA_OCI_LAYER],
    );
    let p = plan(&md(), &oci, &opts(Compression::Gzip, Some(ManifestFormat::DockerV2S2))).unwrap();
    assert!(!p.unchanged);
    assert_eq!(p.media_type, MEDIA_DOCKER_MANIFEST);
    assert_eq!(p.config_media_type, MEDIA_DOCKER_CONFIG);
    assert_eq!(p.layers[0].media_type, MEDIA_DOCKER_LAYER_GZIP);
    assert_eq!(p.layers[1].media_type, MEDIA_DOCKER_LAYER_GZIP);
    let docker = manifest(
        Some(MEDIA_DOCKER_MANIFEST),
        MEDIA_DOCKER_CONFIG,
        &[MEDIA_DOCKER_LAYER_GZIP, MEDIA_DOCKER_FOREIGN_LAYER_GZIP],
    );
    let p = plan(&md(), &docker, &opts(Compression::Gzip, Some(ManifestFormat::Oci))).unwrap();
    assert_eq!(p.media_type, MEDIA_OCI_MANIFEST);
    assert_eq!(p.config_media_type, MEDIA_OCI_CONFIG);
    assert_eq!(p.layers[0].media_type, MEDIA_OCI_LAYER_GZIP);
    assert_eq!(p.layers[1].media_type, MEDIA_OCI_NONDISTRIBUTABLE_LAYER_GZIP);
    // zstd needs OCI: an implicit format switches, an explicit v2s2 is refused.
    let docker_plain = manifest(Some(MEDIA_DOCKER_MANIFEST), MEDIA_DOCKER_CONFIG, &[MEDIA_DOCKER_LAYER]);
    let p = plan(&md(), &docker_plain, &opts(Compression::Zstd, None)).unwrap();
    assert_eq!(p.format, ManifestFormat::Oci);
    assert_eq!(p.layers[0].media_type, MEDIA_OCI_LAYER_ZSTD);
    let e = plan(
        &md(),
        &docker_plain,
        &opts(Compression::Zstd, Some(ManifestFormat::DockerV2S2)),
    );
    assert!(matches!(e, Err(PushError::ZstdInDockerFormat { .. })), "{e:?}");
    let oci_zstd = manifest(Some(MEDIA_OCI_MANIFEST), MEDIA_OCI_CONFIG, &[MEDIA_OCI_LAYER_ZSTD]);
    let e = plan(
        &md(),
        &oci_zstd,
        &opts(Compression::Gzip, Some(ManifestFormat::DockerV2S2)),
    );
    let msg = e.unwrap_err().to_string();
    assert!(
        msg.contains("zstd") && msg.contains("--format oci") && msg.contains(D2),
        "{msg}"
    );
}

#[test]
fn rewritten_manifests() {
    let mut v: Value = serde_json::from_slice(&manifest(
        Some(MEDIA_OCI_MANIFEST),
        MEDIA_OCI_CONFIG,
        &[MEDIA_OCI_LAYER],
    ))
    .unwrap();
    v["annotations"] = serde_json::json!({"a": "b"});
    v["layers"][0]["annotations"] = serde_json::json!({"c": "d"});
    v["subject"] = serde_json::json!({"mediaType": MEDIA_OCI_MANIFEST, "digest": D1, "size": 1});
    let stored = serde_json::to_vec(&v).unwrap();
    let pushed_layer = |p: &Plan| {
        let mut d = p.layers[0].source.clone();
        d.media_type = p.layers[0].media_type.clone();
        d.digest = D3.parse().unwrap();
        d.size = 7;
        d
    };
    // To Docker schema2: only the fields schema2 defines.
    let p = plan(
        &md(),
        &stored,
        &opts(Compression::Gzip, Some(ManifestFormat::DockerV2S2)),
    )
    .unwrap();
    let out = rewrite_manifest(&stored, &p, &[pushed_layer(&p)]).unwrap();
    let back: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(back["mediaType"], MEDIA_DOCKER_MANIFEST);
    assert_eq!(back["config"]["mediaType"], MEDIA_DOCKER_CONFIG);
    assert_eq!(back["config"]["digest"], D1);
    assert_eq!(back["layers"][0]["mediaType"], MEDIA_DOCKER_LAYER_GZIP);
    assert_eq!(back["layers"][0]["digest"], D3);
    assert_eq!(back["layers"][0]["size"], 7);
    assert!(back.get("annotations").is_none() && back.get("subject").is_none());
    assert!(back["layers"][0].get("annotations").is_none());
    assert!(
        String::from_utf8(out)
            .unwrap()
            .starts_with(r#"{"schemaVersion":2,"mediaType""#)
    );
    // Compressed in OCI: other fields are kept.
    let p = plan(&md(), &stored, &opts(Compression::Gzip, None)).unwrap();
    let out = rewrite_manifest(&stored, &p, &[pushed_layer(&p)]).unwrap();
    let back: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(back["mediaType"], MEDIA_OCI_MANIFEST);
    assert_eq!(back["layers"][0]["mediaType"], MEDIA_OCI_LAYER_GZIP);
    assert_eq!(back["annotations"]["a"], "b");
    assert_eq!(back["layers"][0]["annotations"]["c"], "d");
    assert_eq!(back["subject"]["digest"], D1);
    assert_ne!(Digest::of_bytes(&out), Digest::of_bytes(&stored));
}

#[test]
fn hostile_stored_manifests_are_refused() {
    let layer = |m: &str| manifest(Some(MEDIA_OCI_MANIFEST), MEDIA_OCI_CONFIG, &[m]);
    let cases: Vec<(Vec<u8>, PushOptions, &str)> = vec![
        (b"".to_vec(), PushOptions::default(), "invalid JSON"),
        (b"{".to_vec(), PushOptions::default(), "invalid JSON"),
        (b"[]".to_vec(), PushOptions::default(), "invalid JSON"),
        (b"null".to_vec(), PushOptions::default(), "invalid JSON"),
        (br#"{"schemaVersion":2}"#.to_vec(), PushOptions::default(), "invalid JSON"),
        (
            br#"{"schemaVersion":2,"config":{"mediaType":"x","digest":"sha256:../../etc/passwd","size":1},"layers":[]}"#
                .to_vec(),
            PushOptions::default(),
            "invalid JSON",
        ),
        (
            br#"{"schemaVersion":2,"config":{"mediaType":"x","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":-1},"layers":[]}"#
                .to_vec(),
            PushOptions::default(),
            "invalid JSON",
        ),
        (
            r#"{"schemaVersion":1,"config":{"mediaType":"x","digest":"D1","size":1},"layers":[]}"#
                .replace("D1", D1)
                .into_bytes(),
            PushOptions::default(),
            "schemaVersion 1",
        ),
        (
            manifest(Some(crate::store::images::MEDIA_OCI_INDEX), MEDIA_OCI_CONFIG, &[]),
            PushOptions::default(),
            "unsupported manifest media type",
        ),
        (
            manifest(Some("application/vnd.docker.distribution.manifest.v1+prettyjws"), "x", &[]),
            PushOptions::default(),
            "unsupported manifest media type",
        ),
        (
            layer("application/x-mystery"),
            opts(Compression::Gzip, Some(ManifestFormat::DockerV2S2)),
            "unsupported media type \"application/x-mystery\"",
        ),
        (
            manifest(Some(MEDIA_OCI_MANIFEST), "application/x-conf", &[MEDIA_OCI_LAYER_GZIP]),
            opts(Compression::Gzip, Some(ManifestFormat::DockerV2S2)),
            "config media type",
        ),
    ];
    for (data, o, want) in cases {
        let err = plan(&md(), &data, &o).unwrap_err().to_string();
        assert!(err.contains(want), "{err} should contain {want}");
        assert!(
            err.contains(&md().to_string()) || err.contains("zstd"),
            "{err} should name the manifest"
        );
    }
    // A huge layer list is only a list: planning does no I/O and allocates per entry.
    let many: Vec<&str> = vec![MEDIA_OCI_LAYER_GZIP; 5000];
    assert_eq!(
        plan(&md(), &layer_list(&many), &PushOptions::default())
            .unwrap()
            .layers
            .len(),
        5000
    );
}

fn layer_list(types: &[&str]) -> Vec<u8> {
    manifest(Some(MEDIA_OCI_MANIFEST), MEDIA_OCI_CONFIG, types)
}

fn test_store() -> (crate::image::archive::tests::tempdir::Dir, Store) {
    let dir = crate::image::archive::tests::tempdir::Dir::new();
    let store = Store::open(&dir.path().join("root"), &dir.path().join("run")).unwrap();
    (dir, store)
}

#[test]
fn compresses_layers_through_a_temp_file() {
    let (_d, store) = test_store();
    let data: Vec<u8> = (0..200_000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
    let info = store.blobs().put_bytes(&data, None).unwrap();
    let source = Descriptor::new(MEDIA_OCI_LAYER, info.digest.clone(), info.size);
    for c in [Compression::Gzip, Compression::Zstd] {
        let t = compress_layer(&store, &source, c).unwrap();
        let packed = fs::read(&t.path).unwrap();
        assert_eq!(Digest::of_bytes(&packed), t.digest);
        assert_eq!(packed.len() as u64, t.size);
        assert_eq!(Compression::sniff(&packed), c);
        let mut plain = Vec::new();
        crate::image::manifest::decompress(&packed[..])
            .unwrap()
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, data);
        let path = t.path.clone();
        drop(t);
        assert!(!path.exists(), "temp file removed");
    }
    // Deterministic: pushing the same image twice gives the same blob.
    let a = compress_layer(&store, &source, Compression::Gzip).unwrap();
    let b = compress_layer(&store, &source, Compression::Gzip).unwrap();
    assert_eq!(a.digest, b.digest);
}

#[test]
fn corrupt_stored_layers_are_not_compressed() {
    let (_d, store) = test_store();
    let info = store.blobs().put_bytes(b"original layer", None).unwrap();
    fs::write(store.blobs().path(&info.digest), b"tampered layer").unwrap();
    let source = Descriptor::new(MEDIA_OCI_LAYER, info.digest.clone(), info.size);
    let err = compress_layer(&store, &source, Compression::Gzip)
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("failed verification"), "{err}");
    assert_eq!(fs::read_dir(store.tmp_dir()).unwrap().count(), 0, "no temp file left");
}
