//! Manifests, image indexes and image configs as a registry or an archive could serve them: parsed,
//! inspected the ways pull, run and push inspect them, and written back.
#![no_main]

use ferry::image::manifest::Compression;
use ferry::image::manifest::{ImageConfig, Manifest};
use ferry::network::publish::exposed_ports;
use ferry::registry::client::FetchedManifest;
use ferry::registry::pull::{PlatformSpec, manifest_media_type, platform};
use ferry::registry::push::PushOptions;
use ferry::registry::push::convert::{plan, rewrite_manifest};
use ferry::runtime::mounts::image_volumes;
use ferry::store::Digest;
use ferry::store::images::Index;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let digest = Digest::of_bytes(data);
    for media_type in [
        "",
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ] {
        let _ = manifest_media_type(&FetchedManifest {
            data: data.to_vec(),
            media_type: media_type.to_string(),
            digest: digest.clone(),
        });
    }
    if let Ok(index) = serde_json::from_slice::<Index>(data) {
        for spec in [
            PlatformSpec::host(),
            PlatformSpec::from_options(Some("linux/arm64"), None, None, None).unwrap(),
            PlatformSpec::from_options(Some("linux/arm"), None, None, Some("v6")).unwrap(),
        ] {
            let _ = platform::select(&index.manifests, &spec);
        }
        let _ = platform::available(&index.manifests);
        serde_json::to_vec(&index).expect("an index serializes");
    }
    if let Ok(manifest) = serde_json::from_slice::<Manifest>(data) {
        let _ = manifest.kind();
        serde_json::to_vec(&manifest).expect("a manifest serializes");
        for (compression, format) in [
            (Compression::None, None),
            (Compression::Gzip, None),
            (Compression::Zstd, None),
            (
                Compression::Gzip,
                Some(ferry::registry::push::convert::ManifestFormat::DockerV2S2),
            ),
            (
                Compression::None,
                Some(ferry::registry::push::convert::ManifestFormat::Oci),
            ),
        ] {
            let opts = PushOptions {
                compression,
                format,
                chunk_threshold: 1 << 20,
                chunk_size: 1 << 20,
                mount_from: Vec::new(),
                jobs: 1,
            };
            if let Ok(p) = plan(&digest, data, &opts) {
                let _ = rewrite_manifest(data, &p, &manifest.layers);
            }
        }
    }
    if let Ok(config) = serde_json::from_slice::<ImageConfig>(data) {
        let run = config.run_config();
        let _ = config.labels();
        let _ = image_volumes(&run.volumes);
        if let Some(ports) = &run.exposed_ports {
            let _ = exposed_ports(ports.keys().map(String::as_str));
        }
        serde_json::to_vec(&config).expect("a config serializes");
    }
});
