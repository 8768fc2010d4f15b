//! The passes of `system check`, in the order they run: each pass sees the repairs of the ones
//! before it (a corrupt blob removed makes its image damaged; a damaged image forgotten makes
//! its layers unused).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::Path;

use super::{Action, Checker, ProblemKind as K, Result, creator_alive, entries};
use crate::image::gc::{CacheEntryRefs, build_cache_roots, with_parents};
use crate::image::manifest::{ImageConfig, Manifest};
use crate::store::containers::{ContainerError, ContainerRecord, ContainerState, is_alive};
use crate::store::digest::HashingWriter;
use crate::store::images::Descriptor;
use crate::store::layers::{LayerInfo, chain_id};
use crate::store::networks::Network;
use crate::store::volumes::VolumeError;
use crate::store::{Digest, StoreError};
use crate::sys::process::start_time;

/// Length of a layer's short link name (`overlay/l/<name>`).
const LINK_LEN: usize = 20;

/// A layer directory's record, when it reads and parses.
pub(super) fn layer_record(dir: &Path) -> Option<LayerInfo> {
    serde_json::from_slice(&fs::read(dir.join("layer.json")).ok()?).ok()
}

fn hash_file(p: &Path) -> io::Result<(Digest, u64)> {
    let mut w = HashingWriter::new(io::sink());
    io::copy(&mut fs::File::open(p)?, &mut w)?;
    let (_, digest, size) = w.finish();
    Ok((digest, size))
}

/// 20 lowercase hex digits, as `LayerStore::commit` makes them.
fn valid_link_name(name: &str) -> bool {
    name.len() == LINK_LEN && name.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn name_of(ent: &fs::DirEntry) -> String {
    ent.file_name().to_string_lossy().into_owned()
}

/// `name (0123456789ab)` for a container record.
fn container_label(rec: &ContainerRecord) -> String {
    format!("container {} ({})", rec.name, rec.id.get(..12).unwrap_or(&rec.id))
}

impl Checker<'_> {
    /// Temp entries of interrupted commands: everything in `tmp/`, and `.tmp-*` names wherever
    /// files are replaced atomically or layers are built, copied and removed.
    pub(super) fn leftovers(&mut self) -> Result<()> {
        let root = self.store.root().to_path_buf();
        for ent in entries(&self.store.tmp_dir())? {
            if creator_alive(&name_of(&ent)) {
                continue;
            }
            let p = ent.path();
            let msg = "left by an interrupted command".to_string();
            self.found(K::Leftover, self.rel(&p), &p, msg, Action::Remove(p.clone()));
        }
        let mut dirs = vec![
            root.clone(),
            self.store.oci_dir(),
            self.store.blobs_dir(),
            self.store.layers_dir(),
            root.join("networks"),
            root.join("build/cache"),
        ];
        for sub in ["overlay-shifted", "volumes", "containers"] {
            dirs.push(root.join(sub));
            for ent in entries(&root.join(sub))? {
                if ent.file_type().is_ok_and(|t| t.is_dir()) && !name_of(&ent).starts_with(".tmp-") {
                    dirs.push(ent.path());
                    if sub == "containers" {
                        dirs.push(ent.path().join("userdata"));
                    }
                }
            }
        }
        for dir in dirs {
            for ent in entries(&dir)? {
                let name = name_of(&ent);
                if !name.starts_with(".tmp-") || creator_alive(&name) {
                    continue;
                }
                let p = ent.path();
                let msg = if dir == self.store.layers_dir() && name.starts_with(".tmp-rm-") {
                    "a layer an interrupted command was removing"
                } else if dir == self.store.layers_dir() {
                    "a layer an interrupted command was unpacking"
                } else if dir.starts_with(root.join("overlay-shifted")) {
                    "a layer copy an interrupted command was making"
                } else {
                    "a file an interrupted command was writing"
                };
                self.found(K::Leftover, self.rel(&p), &p, msg.into(), Action::Remove(p.clone()));
            }
        }
        Ok(())
    }

    /// Every blob's content against its name (skipped with `quick`).
    pub(super) fn blobs(&mut self) -> Result<()> {
        for ent in entries(&self.store.blobs_dir())? {
            let Ok(digest) = Digest::from_hex(&name_of(&ent)) else {
                continue;
            };
            self.report.checked.blobs += 1;
            if self.opts.quick {
                continue;
            }
            let p = ent.path();
            let why = match hash_file(&p) {
                Ok((actual, _)) if actual == digest => continue,
                Ok((actual, size)) => format!("its content hashes to {actual} ({size} bytes)"),
                Err(e) => format!("cannot be read: {e}"),
            };
            let object = format!("blob {}", digest.short());
            if !self.found(K::CorruptBlob, object, &p, why, Action::RemoveBlob(digest.clone())) {
                self.bad_blobs.insert(digest);
            }
        }
        Ok(())
    }

    /// Every directory under a layer's name is a whole layer, with its short link.
    pub(super) fn layers(&mut self) -> Result<()> {
        let links = self.store.layers_dir().join("l");
        for ent in entries(&self.store.layers_dir())? {
            let Ok(chain) = Digest::from_hex(&name_of(&ent)) else {
                continue;
            };
            self.report.checked.layers += 1;
            let p = ent.path();
            let object = format!("layer {}", chain.short());
            let why = match layer_record(&p) {
                None => "it has no readable layer record (layer.json)".to_string(),
                Some(info) if info.chain_id != chain => format!("its record names layer {}", info.chain_id),
                Some(info) if !valid_link_name(&info.link) => {
                    format!("its record has an invalid link name {:?}", info.link)
                }
                Some(_) if !p.join("diff").is_dir() => "it has no diff directory".to_string(),
                Some(info) => {
                    let link = links.join(&info.link);
                    let target = format!("../{}/diff", chain.hex());
                    let why = match fs::read_link(&link) {
                        Ok(t) if t == Path::new(&target) => continue,
                        Ok(t) => format!("its short link l/{} points to {}", info.link, t.display()),
                        Err(_) => format!("its short link l/{} is missing", info.link),
                    };
                    let p = link.clone();
                    self.found(K::LayerLink, object, &p, why, Action::Relink { link, target });
                    continue;
                }
            };
            if !self.found(K::IncompleteLayer, object, &p, why, Action::RemoveLayer(p.clone())) {
                self.bad_layers.insert(chain);
            }
        }
        Ok(())
    }

    /// Every image named in `index.json` has its manifest, config and layer blobs, and its
    /// layers unpacked. Returns whether `index.json` could be read.
    pub(super) fn images(&mut self) -> Result<bool> {
        let index_path = self.store.oci_dir().join("index.json");
        let idx = match self.store.images().read_index() {
            Ok(idx) => idx,
            Err(StoreError::Json { source, .. }) => {
                let why = "restore index.json from a backup; until then no layer or blob is judged unused";
                let msg = format!("it does not parse: {source}");
                self.found(
                    K::CorruptRecord,
                    "image index".into(),
                    &index_path,
                    msg,
                    Action::None(why.into()),
                );
                return Ok(false);
            }
            Err(e) => return Err(e.into()),
        };
        // Image id → the containers created from it (None: containers.json is unreadable).
        let users: Option<BTreeMap<Digest, Vec<String>>> = self.store.containers().list().ok().map(|list| {
            let mut m: BTreeMap<Digest, Vec<String>> = BTreeMap::new();
            for c in list {
                m.entry(c.image_id.clone()).or_default().push(c.name);
            }
            m
        });
        let mut seen = BTreeSet::new();
        for d in &idx.manifests {
            if !seen.insert(d.digest.clone()) {
                continue;
            }
            let names: Vec<&str> = idx
                .manifests
                .iter()
                .filter(|e| e.digest == d.digest)
                .filter_map(Descriptor::ref_name)
                .collect();
            self.report.checked.images += 1;
            self.image(d, &names, users.as_ref());
        }
        Ok(true)
    }

    fn image(&mut self, desc: &Descriptor, names: &[&str], users: Option<&BTreeMap<Digest, Vec<String>>>) {
        let manifest_path = self.store.blobs().path(&desc.digest);
        let label = |id: Option<&Digest>| {
            let id = id.map_or_else(
                || format!("with manifest {}", desc.digest.short()),
                |i| i.short().to_string(),
            );
            match names.first() {
                Some(n) => format!("image {id} ({n})"),
                None => format!("image {id}"),
            }
        };
        let forget = Action::ForgetImage(desc.digest.clone());
        if let Err(why) = self.blob_usable(&desc.digest, desc.size) {
            let msg = format!("its manifest {why}");
            self.found(K::DamagedImage, label(None), &manifest_path, msg, forget);
            return;
        }
        let manifest = match self.read_json::<Manifest>(&desc.digest) {
            Ok(m) => m,
            Err(e) => {
                let msg = format!("its manifest does not parse: {e}");
                self.found(K::DamagedImage, label(None), &manifest_path, msg, forget);
                return;
            }
        };
        let id = manifest.config.digest.clone();
        let mut damage = Vec::new();
        let config = match self.blob_usable(&id, manifest.config.size) {
            Err(why) => {
                damage.push(format!("its config {why}"));
                None
            }
            Ok(()) => match self.read_json::<ImageConfig>(&id) {
                Ok(c) => Some(c),
                Err(e) => {
                    damage.push(format!("its config does not parse: {e}"));
                    None
                }
            },
        };
        for l in &manifest.layers {
            if let Err(why) = self.blob_usable(&l.digest, l.size) {
                damage.push(format!("layer blob {} {why}", l.digest.short()));
            }
        }
        if let Some(c) = &config
            && c.rootfs.diff_ids.len() != manifest.layers.len()
        {
            damage.push(format!(
                "its manifest lists {} layers but its config {}",
                manifest.layers.len(),
                c.rootfs.diff_ids.len()
            ));
        }
        let path = self.store.blobs().path(&id);
        match config {
            Some(config) if damage.is_empty() => {
                let mut parent: Option<Digest> = None;
                let mut missing = Vec::new();
                for diff in &config.rootfs.diff_ids {
                    let chain = chain_id(parent.as_ref(), diff);
                    if !self.layer_ok(&chain) {
                        missing.push(chain.short().to_string());
                    }
                    parent = Some(chain);
                }
                if !missing.is_empty() {
                    let msg = format!("its layer(s) {} are not unpacked", missing.join(", "));
                    let action = Action::Unpack(Box::new((manifest, config)));
                    self.found(K::DamagedImage, label(Some(&id)), &path, msg, action);
                }
            }
            _ => {
                let action = match users.map(|u| u.get(&id)) {
                    Some(None) => forget,
                    Some(Some(ctrs)) => Action::None(format!(
                        "used by container(s) {}: remove them first, or pull or load the image again",
                        ctrs.join(", ")
                    )),
                    None => Action::None("the container records are unreadable, so it may be in use".into()),
                };
                self.found(K::DamagedImage, label(Some(&id)), &path, damage.join("; "), action);
            }
        }
    }

    /// Whether a blob an image refers to with `size` is there and whole; a wrong size is
    /// reported as a corrupt blob (with `quick`, the only check of its content).
    fn blob_usable(&mut self, d: &Digest, size: u64) -> Result<(), &'static str> {
        if self.bad_blobs.contains(d) {
            return Err("is corrupt");
        }
        let actual = match self.store.blobs().size(d) {
            Ok(s) => s,
            Err(_) => return Err("is missing"),
        };
        if actual != size {
            let p = self.store.blobs().path(d);
            let msg = format!("it has {actual} bytes, its descriptor says {size}");
            if !self.found(
                K::CorruptBlob,
                format!("blob {}", d.short()),
                &p,
                msg,
                Action::RemoveBlob(d.clone()),
            ) {
                self.bad_blobs.insert(d.clone());
            }
            return Err("is corrupt");
        }
        Ok(())
    }

    fn read_json<T: serde::de::DeserializeOwned>(&self, d: &Digest) -> Result<T, String> {
        let data = fs::read(self.store.blobs().path(d)).map_err(|e| e.to_string())?;
        serde_json::from_slice(&data).map_err(|e| e.to_string())
    }

    /// Container records and directories. Returns whether `containers.json` could be read.
    pub(super) fn containers(&mut self) -> Result<bool> {
        let store = self.store;
        let records = match store.containers().list() {
            Ok(r) => r,
            Err(ContainerError::Store(StoreError::Json { path, source })) => {
                let why =
                    "restore containers.json from a backup; until then no container directory is judged an orphan";
                let msg = format!("it does not parse: {source}");
                self.found(
                    K::CorruptRecord,
                    "container records".into(),
                    &path,
                    msg,
                    Action::None(why.into()),
                );
                return Ok(false);
            }
            Err(e) => return Err(e.into()),
        };
        for rec in &records {
            self.report.checked.containers += 1;
            self.container(rec);
        }
        let ids: BTreeSet<&str> = records.iter().map(|r| r.id.as_str()).collect();
        for ent in entries(&store.root().join("containers"))? {
            let (name, p) = (name_of(&ent), ent.path());
            if ids.contains(name.as_str()) || name.starts_with(".tmp-") || self.reported.contains(&p) {
                continue;
            }
            let object = format!("container directory {}", name.get(..12).unwrap_or(&name));
            let state: Option<ContainerState> = fs::read(p.join("state.json"))
                .ok()
                .and_then(|d| serde_json::from_slice(&d).ok());
            let monitor_alive = |s: &ContainerState| match (s.monitor_pid, s.monitor_start) {
                (Some(pid), Some(start)) => start_time(pid) == Some(start),
                _ => false,
            };
            match state {
                Some(s) if is_alive(&s) || monitor_alive(&s) => {
                    let msg = format!(
                        "no record refers to it, but its container still runs (pid {}, monitor {})",
                        s.pid.unwrap_or(0),
                        s.monitor_pid.unwrap_or(0)
                    );
                    let why = "stop its processes first (kill the monitor), then repair again";
                    self.found(K::Orphan, object, &p, msg, Action::None(why.into()));
                }
                _ if !ent.file_type().is_ok_and(|t| t.is_dir()) => {
                    let msg = "a file where only container directories belong".to_string();
                    self.found(K::Orphan, self.rel(&p), &p, msg, Action::Remove(p.clone()));
                }
                _ => {
                    let msg = "no record refers to it (an interrupted rm or create left it)".to_string();
                    self.found(K::Orphan, object, &p, msg, Action::RemoveContainer(name));
                }
            }
        }
        Ok(true)
    }

    fn container(&mut self, rec: &ContainerRecord) {
        let store = self.store;
        let ctrs = store.containers();
        let dir = ctrs.dir(&rec.id);
        let label = container_label(rec);
        if !dir.is_dir() {
            let msg = "its directory is missing".to_string();
            self.found(
                K::DanglingRecord,
                label,
                &dir,
                msg,
                Action::RemoveContainer(rec.id.clone()),
            );
            return;
        }
        let recreate = "remove the container and create it again";
        let files: [(&str, std::result::Result<(), String>); 5] = [
            (
                "state.json",
                ctrs.read_state(&rec.id).map(drop).map_err(|e| e.to_string()),
            ),
            (
                "settings.json",
                ctrs.read_settings(&rec.id).map(drop).map_err(|e| e.to_string()),
            ),
            ("config.json", parse_if_present(&ctrs.config_path(&rec.id))),
            (
                "userdata/mounts.json",
                store
                    .volumes()
                    .read_mounts(&rec.id)
                    .map(drop)
                    .map_err(|e| e.to_string()),
            ),
            (
                "userdata/networks.json",
                store
                    .networks()
                    .attachments(&rec.id)
                    .map(drop)
                    .map_err(|e| e.to_string()),
            ),
        ];
        for (file, res) in files {
            if let Err(e) = res {
                let p = dir.join(file);
                let msg = format!("{file} is unreadable: {e}");
                self.found(K::CorruptRecord, label.clone(), &p, msg, Action::None(recreate.into()));
            }
        }
        let Some(top) = &rec.top_layer else { return };
        let mut missing = Vec::new();
        let mut cur = Some(top.clone());
        while let Some(chain) = cur {
            if !self.layer_ok(&chain) {
                missing.push(chain.short().to_string());
                break;
            }
            cur = store.layers().get(&chain).ok().and_then(|i| i.parent);
        }
        if missing.is_empty() {
            return;
        }
        let action = match self.intact_image_with_top(&rec.image_id, top) {
            Some(image) => Action::Unpack(Box::new(image)),
            None => Action::None(format!(
                "its image {} is gone or damaged: {recreate}",
                rec.image_id.short()
            )),
        };
        let msg = format!("layer {} of its root filesystem is missing", missing.join(", "));
        self.found(K::MissingLayer, label, &store.layers().dir(top), msg, action);
    }

    /// The manifest and config of image `id` when it is in the store with every blob whole and
    /// its layers chain up to `top`.
    fn intact_image_with_top(&self, id: &Digest, top: &Digest) -> Option<(Manifest, ImageConfig)> {
        let idx = self.store.images().read_index().ok()?;
        idx.manifests.iter().find_map(|d| {
            let manifest: Manifest = self.read_json(&d.digest).ok()?;
            if &manifest.config.digest != id || !self.blob_ok(&d.digest) || !self.blob_ok(id) {
                return None;
            }
            let config: ImageConfig = self.read_json(id).ok()?;
            let chain = config
                .rootfs
                .diff_ids
                .iter()
                .fold(None, |parent: Option<Digest>, diff| {
                    Some(chain_id(parent.as_ref(), diff))
                });
            let whole = manifest.layers.iter().all(|l| self.blob_ok(&l.digest));
            (chain.as_ref() == Some(top) && whole).then_some((manifest, config))
        })
    }

    /// Volume directories and records, and the volumes containers mount.
    pub(super) fn volumes(&mut self, containers_known: bool) -> Result<()> {
        let store = self.store;
        let vols = store.volumes();
        let _lock = vols.lock()?;
        // Volume name → containers mounting it; None when that cannot be known.
        let users = if containers_known { vols.users().ok() } else { None };
        for ent in entries(&vols.root())? {
            let (name, p) = (name_of(&ent), ent.path());
            if name.starts_with(".tmp-") || !ent.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            self.report.checked.volumes += 1;
            let object = format!("volume {name}");
            let used = users.as_ref().is_none_or(|u| u.contains_key(&name));
            match vols.get(&name) {
                Ok(v) if v.name != name => {
                    let msg = format!("its record names volume {:?}", v.name);
                    self.found(K::CorruptRecord, object, &p, msg, Action::WriteVolume(name));
                }
                Ok(_) if !vols.data_dir(&name).is_dir() => {
                    let msg = "its data directory (_data) is missing".to_string();
                    self.found(
                        K::DanglingRecord,
                        object,
                        &p,
                        msg,
                        Action::CreateDir(vols.data_dir(&name)),
                    );
                }
                Ok(_) => {}
                Err(VolumeError::NotFound(_)) if used && crate::store::volumes::valid_name(&name) => {
                    let msg = "containers mount it, but it has no record (volume.json)".to_string();
                    self.found(K::DanglingRecord, object, &p, msg, Action::WriteVolume(name));
                }
                Err(VolumeError::NotFound(_)) => {
                    let msg = "it has no record (an interrupted volume create or rm left it)".to_string();
                    self.found(K::Orphan, object, &p, msg, Action::Remove(p.clone()));
                }
                Err(VolumeError::Store(StoreError::Json { source, .. })) => {
                    let msg = format!("its record does not parse: {source}");
                    self.found(K::CorruptRecord, object, &p, msg, Action::WriteVolume(name));
                }
                Err(e) => return Err(e.into()),
            }
        }
        for (name, ctrs) in users.unwrap_or_default() {
            if vols.exists(&name) || self.reported.contains(&vols.dir(&name)) {
                continue;
            }
            for rec in ctrs {
                let p = store.containers().userdata_dir(&rec.id).join("mounts.json");
                let msg = format!("it mounts volume {name}, which does not exist");
                let action = if crate::store::volumes::valid_name(&name) {
                    Action::WriteVolume(name.clone())
                } else {
                    Action::None("remove the container".into())
                };
                self.found(K::DanglingRecord, container_label(&rec), &p, msg, action);
            }
        }
        Ok(())
    }

    /// Network records, and the networks containers are attached to.
    pub(super) fn networks(&mut self, containers_known: bool) -> Result<()> {
        let store = self.store;
        for ent in entries(&store.root().join("networks"))? {
            let (name, p) = (name_of(&ent), ent.path());
            let Some(net) = name.strip_suffix(".json").filter(|_| !name.starts_with(".tmp-")) else {
                continue;
            };
            self.report.checked.networks += 1;
            if let Err(e) = parse_as::<Network>(&p) {
                let msg = format!("its record does not parse: {e}");
                let why = "remove the file to forget the network, then create it again";
                self.found(
                    K::CorruptRecord,
                    format!("network {net}"),
                    &p,
                    msg,
                    Action::None(why.into()),
                );
            }
        }
        if !containers_known {
            return Ok(());
        }
        for rec in store.containers().list()? {
            let Ok(attached) = store.networks().attachments(&rec.id) else {
                continue;
            };
            for a in attached {
                if store.networks().exists(&a.network) {
                    continue;
                }
                let p = store.containers().userdata_dir(&rec.id).join("networks.json");
                let msg = format!("it is attached to network {}, which does not exist", a.network);
                let why = format!(
                    "create the network again (ferry network create {}), or remove the container",
                    a.network
                );
                self.found(K::DanglingRecord, container_label(&rec), &p, msg, Action::None(why));
            }
        }
        Ok(())
    }

    /// Build cache entries parse and their layers and blobs are there (a cache entry is only
    /// a shortcut: repairing forgets it).
    pub(super) fn build_cache(&mut self) -> Result<()> {
        for ent in entries(&self.store.root().join("build/cache"))? {
            let (name, p) = (name_of(&ent), ent.path());
            if name.starts_with(".tmp-") {
                continue;
            }
            let object = format!("build cache entry {}", name.get(..12).unwrap_or(&name));
            let why = match parse_as::<CacheEntryRefs>(&p) {
                Err(e) => format!("it does not parse: {e}"),
                Ok(refs) => {
                    let top_gone = refs.top.as_ref().is_some_and(|t| !self.layer_ok(t));
                    let blob_gone = refs.layers.iter().find(|l| !self.blob_ok(&l.digest));
                    match (top_gone, blob_gone) {
                        (true, _) => "its layers are missing".to_string(),
                        (false, Some(l)) => format!("its layer blob {} is missing", l.digest.short()),
                        (false, None) => continue,
                    }
                }
            };
            self.found(K::DanglingRecord, object, &p, why, Action::Remove(p.clone()));
        }
        Ok(())
    }

    /// Blobs and layers nothing uses, and copies of layers that are gone.
    pub(super) fn orphans(&mut self) -> Result<()> {
        let store = self.store;
        let reachable = store.images().reachable()?;
        let (cache_layers, cache_blobs) = build_cache_roots(store);
        let (Ok(mut roots), Ok(image_mounts)) = (store.containers().layer_roots(), store.volumes().image_layer_roots())
        else {
            // Unreadable container records were reported: what they use cannot be known.
            return Ok(());
        };
        roots.extend(image_mounts);
        roots.extend(cache_layers);
        let keep = with_parents(store, reachable.layers, &roots);
        let cache_blobs: BTreeSet<Digest> = cache_blobs.into_iter().collect();
        for d in store.blobs().list()? {
            let p = store.blobs().path(&d);
            if reachable.blobs.contains(&d) || cache_blobs.contains(&d) || self.reported.contains(&p) {
                continue;
            }
            let msg = "no image or build cache entry uses it".to_string();
            self.found(K::Orphan, format!("blob {}", d.short()), &p, msg, Action::RemoveBlob(d));
        }
        for ent in entries(&store.layers_dir())? {
            let p = ent.path();
            let Ok(chain) = Digest::from_hex(&name_of(&ent)) else {
                continue;
            };
            if keep.contains(&chain) || self.reported.contains(&p) {
                continue;
            }
            let msg = "no image, container or build cache entry uses it".to_string();
            self.found(
                K::Orphan,
                format!("layer {}", chain.short()),
                &p,
                msg,
                Action::RemoveLayer(p.clone()),
            );
        }
        let shifted = crate::store::shifted::shifted_root(store);
        for map in entries(&shifted)? {
            for ent in entries(&map.path())? {
                let p = ent.path();
                let Ok(chain) = Digest::from_hex(&name_of(&ent)) else {
                    continue;
                };
                if store.layers().has(&chain) || self.reported.contains(&p) {
                    continue;
                }
                let msg = format!("a copy of layer {}, which is gone", chain.short());
                self.found(K::Orphan, self.rel(&p), &p, msg, Action::Remove(p.clone()));
            }
        }
        Ok(())
    }

    /// Short links to layers that are gone.
    pub(super) fn links(&mut self) -> Result<()> {
        for ent in entries(&self.store.layers_dir().join("l"))? {
            let p = ent.path();
            let is_link = fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
            if !is_link || fs::metadata(&p).is_ok() || self.reported.contains(&p) {
                continue;
            }
            let msg = "a short link to a layer that is gone".to_string();
            self.found(K::Orphan, self.rel(&p), &p, msg, Action::Remove(p.clone()));
        }
        Ok(())
    }
}

fn parse_as<T: serde::de::DeserializeOwned>(p: &Path) -> Result<T, String> {
    let data = fs::read(p).map_err(|e| e.to_string())?;
    serde_json::from_slice(&data).map_err(|e| e.to_string())
}

/// A JSON file that may be absent; present, it must parse.
fn parse_if_present(p: &Path) -> Result<(), String> {
    match fs::read(p) {
        Ok(data) => serde_json::from_slice::<serde_json::Value>(&data)
            .map(drop)
            .map_err(|e| e.to_string()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}
