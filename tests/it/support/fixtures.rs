//! Test images built offline from the host's static busybox: layers as deterministic tar
//! streams, image configs with correct diff ids, and writers for docker-archive, oci-archive
//! and plain rootfs tarballs. The same fixture always builds to the same digests.

use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};

/// Modification time of every fixture entry, so builds are reproducible.
const MTIME: u64 = 1_700_000_000;
const CREATED: &str = "2023-11-14T22:13:20Z";
pub const PATH_ENV: &str = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
pub const LABEL_KEY: &str = "org.ferry.test";

/// Applets symlinked to busybox in the fixture images.
const APPLETS: &[&str] = &[
    "sh", "ls", "cat", "id", "stat", "echo", "true", "false", "sleep", "env", "mkdir", "rm", "touch", "ps", "grep",
    "head", "wc", "test", "readlink", "chmod", "chown", "kill", "mount", "hostname", "sync", "uname",
];

pub fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data).iter().map(|b| format!("{b:02x}")).collect()
}

/// `sha256:<hex>` of `data`.
pub fn digest(data: &[u8]) -> String {
    format!("sha256:{}", sha256_hex(data))
}

fn busybox_binary() -> &'static [u8] {
    static BIN: OnceLock<Vec<u8>> = OnceLock::new();
    BIN.get_or_init(|| {
        std::fs::read("/bin/busybox")
            .expect("/bin/busybox (Debian's busybox-static) is needed for fixtures: run .ci/run")
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    fn compress(self, data: &[u8]) -> Vec<u8> {
        match self {
            Compression::None => data.to_vec(),
            Compression::Gzip => {
                let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                enc.write_all(data).unwrap();
                enc.finish().unwrap()
            }
            Compression::Zstd => zstd::encode_all(data, 3).unwrap(),
        }
    }

    fn oci_media_type(self) -> &'static str {
        match self {
            Compression::None => "application/vnd.oci.image.layer.v1.tar",
            Compression::Gzip => "application/vnd.oci.image.layer.v1.tar+gzip",
            Compression::Zstd => "application/vnd.oci.image.layer.v1.tar+zstd",
        }
    }
}

#[derive(Debug, Clone)]
enum Kind {
    File(Vec<u8>),
    Dir,
    Symlink(String),
    Hardlink(String),
    /// A character (`true`) or block device node: major, minor.
    Device(bool, u32, u32),
}

#[derive(Debug, Clone)]
struct Entry {
    path: String,
    kind: Kind,
    mode: u32,
    uid: u64,
    gid: u64,
}

/// One layer's tar entries, in order. Paths are written as given, even hostile ones.
#[derive(Debug, Clone, Default)]
pub struct LayerSpec {
    entries: Vec<Entry>,
    /// A tar stream made elsewhere (by GNU tar, or by hand), used as is.
    raw: Option<Vec<u8>>,
}

impl LayerSpec {
    pub fn new() -> LayerSpec {
        LayerSpec::default()
    }

    /// A layer whose tar stream is `tar`, byte for byte.
    pub fn from_tar(tar: Vec<u8>) -> LayerSpec {
        LayerSpec {
            entries: Vec::new(),
            raw: Some(tar),
        }
    }

    fn push(mut self, path: &str, kind: Kind, mode: u32) -> LayerSpec {
        self.entries.push(Entry {
            path: path.to_string(),
            kind,
            mode,
            uid: 0,
            gid: 0,
        });
        self
    }

    pub fn dir(self, path: &str, mode: u32) -> LayerSpec {
        self.push(path, Kind::Dir, mode)
    }

    pub fn file(self, path: &str, mode: u32, data: impl Into<Vec<u8>>) -> LayerSpec {
        self.push(path, Kind::File(data.into()), mode)
    }

    pub fn symlink(self, path: &str, target: &str) -> LayerSpec {
        self.push(path, Kind::Symlink(target.to_string()), 0o777)
    }

    pub fn hardlink(self, path: &str, target: &str) -> LayerSpec {
        self.push(path, Kind::Hardlink(target.to_string()), 0o644)
    }

    /// A character device node (as an image may ship one: `/dev`-style nodes, a hostile image's
    /// way to a host device).
    pub fn char_device(self, path: &str, major: u32, minor: u32, mode: u32) -> LayerSpec {
        self.push(path, Kind::Device(true, major, minor), mode)
    }

    /// A block device node.
    pub fn block_device(self, path: &str, major: u32, minor: u32, mode: u32) -> LayerSpec {
        self.push(path, Kind::Device(false, major, minor), mode)
    }

    /// Deletes `path` of a lower layer (an AUFS-style `.wh.` entry).
    pub fn whiteout(self, path: &str) -> LayerSpec {
        let (dir, name) = path.rsplit_once('/').map_or(("", path), |(d, n)| (d, n));
        let wh = if dir.is_empty() {
            format!(".wh.{name}")
        } else {
            format!("{dir}/.wh.{name}")
        };
        self.file(&wh, 0o644, Vec::new())
    }

    /// Hides everything lower layers have in `dir`.
    pub fn opaque(self, dir: &str) -> LayerSpec {
        self.file(&format!("{dir}/.wh..wh..opq"), 0o644, Vec::new())
    }

    /// Sets the owner of the entry added last.
    pub fn owned(mut self, uid: u64, gid: u64) -> LayerSpec {
        let e = self.entries.last_mut().expect("owned() follows an entry");
        e.uid = uid;
        e.gid = gid;
        self
    }

    /// The layer as an uncompressed tar stream.
    pub fn tar(&self) -> Vec<u8> {
        if let Some(raw) = &self.raw {
            return raw.clone();
        }
        let mut b = tar::Builder::new(Vec::new());
        for e in &self.entries {
            let mut h = tar::Header::new_gnu();
            h.set_mode(e.mode);
            h.set_uid(e.uid);
            h.set_gid(e.gid);
            h.set_mtime(MTIME);
            let (ty, data, link): (tar::EntryType, &[u8], Option<&str>) = match &e.kind {
                Kind::File(d) => (tar::EntryType::Regular, d, None),
                Kind::Dir => (tar::EntryType::Directory, &[], None),
                Kind::Symlink(t) => (tar::EntryType::Symlink, &[], Some(t)),
                Kind::Hardlink(t) => (tar::EntryType::Link, &[], Some(t)),
                Kind::Device(char, major, minor) => {
                    h.set_device_major(*major).unwrap();
                    h.set_device_minor(*minor).unwrap();
                    let ty = if *char {
                        tar::EntryType::Char
                    } else {
                        tar::EntryType::Block
                    };
                    (ty, &[], None)
                }
            };
            h.set_entry_type(ty);
            h.set_size(data.len() as u64);
            append(&mut b, &mut h, &e.path, link, data);
        }
        b.into_inner().unwrap()
    }
}

fn raw_name(path: &str) -> bool {
    path.starts_with('/') || path.split('/').any(|c| c == "..")
}

/// Appends one entry. The tar crate refuses `..` and absolute names, which hostile fixtures
/// need, so those go straight into the header's name field.
fn append(b: &mut tar::Builder<Vec<u8>>, h: &mut tar::Header, path: &str, link: Option<&str>, data: &[u8]) {
    if raw_name(path) {
        if path.len() >= 100 {
            // A GNU long-name record carries the full name for the header that follows.
            let mut long = tar::Header::new_gnu();
            long.set_entry_type(tar::EntryType::GNULongName);
            long.as_old_mut().name[..13].copy_from_slice(b"././@LongLink");
            long.set_mode(0o644);
            long.set_size(path.len() as u64 + 1);
            long.set_cksum();
            let mut data = path.as_bytes().to_vec();
            data.push(0);
            b.append(&long, &data[..]).unwrap();
        }
        let name = &mut h.as_old_mut().name;
        let n = path.len().min(name.len() - 1);
        name.fill(0);
        name[..n].copy_from_slice(&path.as_bytes()[..n]);
        if let Some(l) = link {
            h.set_link_name(l).unwrap();
        }
        h.set_cksum();
        b.append(h, data).unwrap();
    } else if let Some(l) = link {
        b.append_link(h, path, l).unwrap();
    } else {
        b.append_data(h, path, data).unwrap();
    }
}

/// A tar archive of named members, for the outer docker-archive and oci-archive files.
pub struct ArchiveWriter {
    b: tar::Builder<Vec<u8>>,
}

impl Default for ArchiveWriter {
    fn default() -> Self {
        ArchiveWriter::new()
    }
}

impl ArchiveWriter {
    pub fn new() -> ArchiveWriter {
        ArchiveWriter {
            b: tar::Builder::new(Vec::new()),
        }
    }

    pub fn dir(&mut self, path: &str) -> &mut Self {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Directory);
        h.set_mode(0o755);
        h.set_mtime(MTIME);
        h.set_size(0);
        append(&mut self.b, &mut h, path, None, &[]);
        self
    }

    pub fn file(&mut self, path: &str, data: &[u8]) -> &mut Self {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Regular);
        h.set_mode(0o644);
        h.set_mtime(MTIME);
        h.set_size(data.len() as u64);
        append(&mut self.b, &mut h, path, None, data);
        self
    }

    pub fn finish(self) -> Vec<u8> {
        self.b.into_inner().unwrap()
    }
}

fn write(path: &Path, data: &[u8]) {
    std::fs::write(path, data).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

/// A deterministic, incompressible byte stream (xorshift64*).
pub fn pseudo_random(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        out.extend_from_slice(&x.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}

fn oci_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        other => other,
    }
}

/// The base layer: busybox, its applet links, and minimal /etc files.
pub fn busybox_layer() -> LayerSpec {
    let mut l = LayerSpec::new()
        .dir("bin", 0o755)
        .file("bin/busybox", 0o755, busybox_binary().to_vec());
    for a in APPLETS {
        l = l.symlink(&format!("bin/{a}"), "busybox");
    }
    l.dir("etc", 0o755)
        .file(
            "etc/passwd",
            0o644,
            "root:x:0:0:root:/root:/bin/sh\nwww-data:x:33:33:www-data:/var/www:/bin/sh\nuser:x:1000:1000:user:/home/user:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n",
        )
        .file("etc/group", 0o644, "root:x:0:\nwww-data:x:33:\nuser:x:1000:\nnogroup:x:65534:\n")
        .dir("root", 0o700)
        .dir("tmp", 0o1777)
        .dir("var", 0o755)
        .dir("var/www", 0o755)
        .owned(33, 33)
}

/// An image to build: layers plus the config fields tests look at.
#[derive(Debug, Clone)]
pub struct FixtureImage {
    layers: Vec<LayerSpec>,
    compression: Compression,
    cmd: Vec<String>,
    env: Vec<String>,
    labels: Vec<(String, String)>,
}

impl FixtureImage {
    fn with(layers: Vec<LayerSpec>, label: &str) -> FixtureImage {
        FixtureImage {
            layers,
            compression: Compression::None,
            cmd: vec!["sh".into()],
            env: vec![PATH_ENV.into()],
            labels: vec![(LABEL_KEY.into(), label.into())],
        }
    }

    /// One layer: busybox with applet links and /etc/passwd (root, www-data uid 33, user 1000).
    pub fn busybox() -> FixtureImage {
        FixtureImage::with(vec![busybox_layer()], "busybox")
    }

    /// Three layers. Layer 1 is busybox plus `etc/removeme`, `data/old/{a,b}.txt`. Layer 2
    /// deletes `etc/removeme` (whiteout), makes `data/old` opaque and adds `c.txt` there, adds
    /// `srv/www` (33:33, 0750) with `index.html` (33:33, 0640), `home/user/notes` (1000:1000,
    /// 0600) and the setuid `usr/local/bin/suid` (04755). Layer 3 adds `etc/motd`.
    pub fn multilayer() -> FixtureImage {
        let l1 = busybox_layer()
            .file("etc/removeme", 0o644, "this file is deleted by layer 2\n")
            .dir("data", 0o755)
            .dir("data/old", 0o755)
            .file("data/old/a.txt", 0o644, "a\n")
            .file("data/old/b.txt", 0o644, "b\n");
        let l2 = LayerSpec::new()
            .dir("etc", 0o755)
            .whiteout("etc/removeme")
            .dir("data", 0o755)
            .dir("data/old", 0o755)
            .opaque("data/old")
            .file("data/old/c.txt", 0o644, "c\n")
            .dir("srv", 0o755)
            .dir("srv/www", 0o750)
            .owned(33, 33)
            .file("srv/www/index.html", 0o640, "<h1>hello</h1>\n")
            .owned(33, 33)
            .dir("home", 0o755)
            .dir("home/user", 0o700)
            .owned(1000, 1000)
            .file("home/user/notes", 0o600, "private\n")
            .owned(1000, 1000)
            .dir("usr", 0o755)
            .dir("usr/local", 0o755)
            .dir("usr/local/bin", 0o755)
            .file("usr/local/bin/suid", 0o4755, "#!/bin/sh\nid\n");
        let l3 = LayerSpec::new()
            .dir("etc", 0o755)
            .file("etc/motd", 0o644, "layer three\n");
        FixtureImage::with(vec![l1, l2, l3], "multilayer")
    }

    /// Busybox plus a second layer of ~50 MB of incompressible data in 25 files.
    pub fn large() -> FixtureImage {
        let mut l2 = LayerSpec::new().dir("data", 0o755);
        for i in 0..25u64 {
            l2 = l2.file(&format!("data/blob{i:02}"), 0o644, pseudo_random(i + 1, 2 << 20));
        }
        FixtureImage::with(vec![busybox_layer(), l2], "large")
    }

    /// An image with exactly these layers (and the usual config).
    pub fn from_layers(layers: Vec<LayerSpec>) -> FixtureImage {
        FixtureImage::with(layers, "custom")
    }

    pub fn compression(mut self, c: Compression) -> FixtureImage {
        self.compression = c;
        self
    }

    /// Replaces the test label's value: a different config, hence a different image id.
    pub fn label(mut self, value: &str) -> FixtureImage {
        self.labels.retain(|(k, _)| k != LABEL_KEY);
        self.labels.push((LABEL_KEY.into(), value.into()));
        self
    }

    pub fn layers(mut self, layers: Vec<LayerSpec>) -> FixtureImage {
        self.layers = layers;
        self
    }

    /// Builds blobs, config and manifest.
    pub fn build(&self) -> BuiltImage {
        let layers: Vec<BuiltLayer> = self
            .layers
            .iter()
            .map(|l| {
                let tar = l.tar();
                let blob = self.compression.compress(&tar);
                BuiltLayer {
                    diff_id: digest(&tar),
                    digest: digest(&blob),
                    media_type: self.compression.oci_media_type(),
                    tar,
                    blob,
                }
            })
            .collect();
        let mut history: Vec<Value> = (0..layers.len())
            .map(|i| {
                json!({
                    "created": CREATED,
                    "created_by": format!("/bin/sh -c #(nop) ADD file:layer{} in / ", i + 1),
                })
            })
            .collect();
        history.push(json!({
            "created": CREATED,
            "created_by": format!("/bin/sh -c #(nop)  CMD {}", serde_json::to_string(&self.cmd).unwrap()),
            "empty_layer": true,
        }));
        let labels: serde_json::Map<String, Value> = self
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        let config = json!({
            "architecture": oci_arch(),
            "os": "linux",
            "created": CREATED,
            "author": "ferry tests",
            "config": {
                "Env": self.env,
                "Cmd": self.cmd,
                "Labels": labels,
                "WorkingDir": "/",
            },
            "rootfs": {
                "type": "layers",
                "diff_ids": layers.iter().map(|l| l.diff_id.clone()).collect::<Vec<_>>(),
            },
            "history": history,
        });
        let config = serde_json::to_vec(&config).unwrap();
        let manifest = json!({
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {
                "mediaType": "application/vnd.oci.image.config.v1+json",
                "digest": digest(&config),
                "size": config.len(),
            },
            "layers": layers.iter().map(|l| json!({
                "mediaType": l.media_type,
                "digest": l.digest,
                "size": l.blob.len(),
            })).collect::<Vec<_>>(),
        });
        let manifest = serde_json::to_vec(&manifest).unwrap();
        BuiltImage {
            id: sha256_hex(&config),
            config,
            manifest,
            layers,
        }
    }

    /// Writes a docker-archive (as `docker save` does) naming the image `names`.
    pub fn write_docker_archive(&self, path: &Path, names: &[&str]) -> BuiltImage {
        let built = self.build();
        write(path, &docker_archive(&[(&built, names)], DockerLayout::LayerDirs));
        built
    }

    /// Writes an oci-archive with one index entry per name (`org.opencontainers.image.ref.name`).
    pub fn write_oci_archive(&self, path: &Path, names: &[&str]) -> BuiltImage {
        let built = self.build();
        write(path, &oci_archive(&[(&built, names)]));
        built
    }

    /// Writes the (single) layer as a rootfs tarball for `ferry import`, compressed as set.
    pub fn write_rootfs_tar(&self, path: &Path) -> BuiltImage {
        assert_eq!(
            self.layers.len(),
            1,
            "a rootfs tarball is made from a one-layer fixture"
        );
        let built = self.build();
        write(path, &built.layers[0].blob);
        built
    }
}

#[derive(Debug, Clone)]
pub struct BuiltLayer {
    /// The uncompressed tar stream.
    pub tar: Vec<u8>,
    /// The stored blob (compressed as the fixture says).
    pub blob: Vec<u8>,
    /// `sha256:` of `tar`.
    pub diff_id: String,
    /// `sha256:` of `blob`.
    pub digest: String,
    pub media_type: &'static str,
}

/// A built fixture: everything a test needs to predict what ferry should store.
#[derive(Debug, Clone)]
pub struct BuiltImage {
    /// The image id: the config digest's hex.
    pub id: String,
    pub config: Vec<u8>,
    /// The OCI manifest, as written into oci-archives.
    pub manifest: Vec<u8>,
    pub layers: Vec<BuiltLayer>,
}

impl BuiltImage {
    /// The first 12 hex digits of the id, as tables show it.
    pub fn short_id(&self) -> &str {
        &self.id[..12]
    }

    pub fn diff_ids(&self) -> Vec<String> {
        self.layers.iter().map(|l| l.diff_id.clone()).collect()
    }

    /// OCI chain ids, base layer first; ferry names layer directories by their hex.
    pub fn chain_ids(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for l in &self.layers {
            let next = match out.last() {
                None => l.diff_id.clone(),
                Some(parent) => digest(format!("{parent} {}", l.diff_id).as_bytes()),
            };
            out.push(next);
        }
        out
    }

    pub fn manifest_digest(&self) -> String {
        digest(&self.manifest)
    }

    /// Total uncompressed layer size.
    pub fn size(&self) -> u64 {
        self.layers.iter().map(|l| l.tar.len() as u64).sum()
    }
}

/// Where a docker-archive keeps its layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DockerLayout {
    /// `<hex>/layer.tar`, as classic `docker save`.
    LayerDirs,
    /// `<hex>.tar`, as skopeo and Podman write.
    Flat,
}

/// Splits `repo:tag` (the tag after the last colon that follows the last slash).
fn split_tag(name: &str) -> (&str, &str) {
    match name.rfind(':') {
        Some(i) if !name[i..].contains('/') => (&name[..i], &name[i + 1..]),
        _ => (name, "latest"),
    }
}

/// A docker-archive holding `images`, each with its names.
pub fn docker_archive(images: &[(&BuiltImage, &[&str])], layout: DockerLayout) -> Vec<u8> {
    let mut w = ArchiveWriter::new();
    let mut manifest = Vec::new();
    let mut repositories = serde_json::Map::new();
    let mut written = std::collections::BTreeSet::new();
    for (img, names) in images {
        let config_name = format!("{}.json", img.id);
        if written.insert(config_name.clone()) {
            w.file(&config_name, &img.config);
        }
        let mut layer_names = Vec::new();
        for l in &img.layers {
            let hex = l.diff_id.trim_start_matches("sha256:");
            let name = match layout {
                DockerLayout::LayerDirs => format!("{hex}/layer.tar"),
                DockerLayout::Flat => format!("{hex}.tar"),
            };
            if written.insert(name.clone()) {
                if layout == DockerLayout::LayerDirs {
                    w.dir(&format!("{hex}/"));
                    w.file(&format!("{hex}/VERSION"), b"1.0");
                }
                w.file(&name, &l.blob);
            }
            layer_names.push(name);
        }
        let top = img
            .layers
            .last()
            .map(|l| l.diff_id.trim_start_matches("sha256:").to_string());
        for n in *names {
            let (repo, tag) = split_tag(n);
            if let Some(top) = &top {
                let entry = repositories.entry(repo.to_string()).or_insert_with(|| json!({}));
                entry[tag] = Value::String(top.clone());
            }
        }
        manifest.push(json!({"Config": config_name, "RepoTags": names, "Layers": layer_names}));
    }
    w.file("manifest.json", &serde_json::to_vec(&manifest).unwrap());
    w.file(
        "repositories",
        &serde_json::to_vec(&Value::Object(repositories)).unwrap(),
    );
    w.finish()
}

/// An oci-archive holding `images`, with one index entry per name (or one unnamed entry).
pub fn oci_archive(images: &[(&BuiltImage, &[&str])]) -> Vec<u8> {
    let mut w = ArchiveWriter::new();
    w.file("oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#);
    let mut entries = Vec::new();
    let mut blobs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add_blob = |d: &str, data: &[u8]| {
        if !blobs.iter().any(|(x, _)| x == d) {
            blobs.push((d.to_string(), data.to_vec()));
        }
    };
    for (img, names) in images {
        add_blob(&digest(&img.config), &img.config);
        for l in &img.layers {
            add_blob(&l.digest, &l.blob);
        }
        add_blob(&img.manifest_digest(), &img.manifest);
        let desc = |name: Option<&str>| {
            let mut d = json!({
                "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "digest": img.manifest_digest(),
                "size": img.manifest.len(),
            });
            if let Some(n) = name {
                d["annotations"] = json!({"org.opencontainers.image.ref.name": n});
            }
            d
        };
        if names.is_empty() {
            entries.push(desc(None));
        }
        for n in *names {
            entries.push(desc(Some(n)));
        }
    }
    let index = json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": entries,
    });
    w.file("index.json", &serde_json::to_vec(&index).unwrap());
    w.dir("blobs/");
    w.dir("blobs/sha256/");
    for (d, data) in &blobs {
        w.file(&format!("blobs/sha256/{}", d.trim_start_matches("sha256:")), data);
    }
    w.finish()
}

/// Writes a docker-archive of several images.
pub fn write_docker_archive_multi(path: &Path, images: &[(&BuiltImage, &[&str])]) {
    write(path, &docker_archive(images, DockerLayout::Flat));
}
