//! `system check`: verifies the store against itself and repairs what can be repaired without
//! losing anything in use.
//!
//! The walk covers blobs (content matches the digest, or with `quick` only the size a manifest
//! gives), layers (each directory under a final name is a whole layer with its record and short
//! link), records (index.json, containers.json and each container's files, volumes, networks,
//! build cache entries: they parse and refer to things that exist), references (every image's
//! manifest, config, layer blobs and unpacked layers) and what nothing refers to (leftovers of
//! interrupted commands, container directories without a record, unused layers and blobs).
//!
//! The whole check holds the exclusive gc lock, so no command is adding content meanwhile; files
//! that commands write outside that lock (a container's state, volume and network records) are
//! judged by the process that created their temp names: while it lives they are not leftovers.

mod walk;

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::apply::ApplyOptions;
use super::manifest::{ImageConfig, Manifest};
use super::unpack::unpack_image;
use crate::store::containers::ContainerError;
use crate::store::volumes::VolumeError;
use crate::store::{Digest, Store, StoreError, atomic};

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Container(#[from] ContainerError),
    #[error(transparent)]
    Volume(#[from] VolumeError),
    #[error("reading directory {path}: {source}")]
    ReadDir { path: PathBuf, source: io::Error },
}

pub type Result<T, E = CheckError> = std::result::Result<T, E>;

pub struct CheckOptions {
    /// Skip reading every blob to verify its digest (sizes are still checked).
    pub quick: bool,
    /// Fix what can be fixed safely.
    pub repair: bool,
    /// How layers are unpacked again from their blobs.
    pub apply: ApplyOptions,
}

/// What kind of damage a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// A temp file or directory an interrupted command left (`tmp/`, `.tmp-*`).
    Leftover,
    /// Something no record refers to: a container directory, a volume directory, an unused
    /// layer or blob, a short link to nothing.
    Orphan,
    /// A blob whose content does not match its digest.
    CorruptBlob,
    /// A directory under a layer's final name that is not a whole layer.
    IncompleteLayer,
    /// A layer's short link under `overlay/l/` is missing or points elsewhere.
    LayerLink,
    /// An image whose manifest, config, layer blobs or unpacked layers are missing or damaged.
    DamagedImage,
    /// A layer a container is created from is missing.
    MissingLayer,
    /// A record that does not parse.
    CorruptRecord,
    /// A record that refers to something that is not there.
    DanglingRecord,
}

impl ProblemKind {
    /// Whether the problem is only garbage (what `system prune` would also remove).
    pub fn is_garbage(self) -> bool {
        matches!(self, ProblemKind::Leftover | ProblemKind::Orphan)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Leftover => "leftover",
            ProblemKind::Orphan => "orphan",
            ProblemKind::CorruptBlob => "corrupt-blob",
            ProblemKind::IncompleteLayer => "incomplete-layer",
            ProblemKind::LayerLink => "layer-link",
            ProblemKind::DamagedImage => "damaged-image",
            ProblemKind::MissingLayer => "missing-layer",
            ProblemKind::CorruptRecord => "corrupt-record",
            ProblemKind::DanglingRecord => "dangling-record",
        }
    }
}

/// Where a problem stands after the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Found; `--repair` would fix it as `repair` says.
    Found,
    Repaired,
    /// `repair` says why it cannot be fixed safely.
    NotRepairable,
    /// The repair was tried and failed with `error`.
    RepairFailed,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Problem {
    pub kind: ProblemKind,
    /// What is affected, as a user names it (`image 0123456789ab`, `tmp/load-…`).
    pub object: String,
    pub path: PathBuf,
    pub message: String,
    pub status: Status,
    /// What the repair does (or did), or why there is none.
    pub repair: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// How many things of each kind were looked at.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Checked {
    pub blobs: usize,
    pub layers: usize,
    pub images: usize,
    pub containers: usize,
    pub volumes: usize,
    pub networks: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CheckReport {
    pub checked: Checked,
    pub problems: Vec<Problem>,
}

impl CheckReport {
    /// Problems still present after the check (all of them without `--repair`).
    pub fn remaining(&self) -> usize {
        self.problems.iter().filter(|p| p.status != Status::Repaired).count()
    }
}

/// A repair, decided when the problem is found.
enum Action {
    /// Remove a file or tree (a leftover, an orphan, a cache entry).
    Remove(PathBuf),
    /// Remove a blob.
    RemoveBlob(Digest),
    /// Remove a layer directory (its short link too, when its record names one).
    RemoveLayer(PathBuf),
    /// Make `link` a symlink to `target`.
    Relink { link: PathBuf, target: String },
    /// Remove every `index.json` entry with this manifest (the image's names go with it).
    ForgetImage(Digest),
    /// Unpack an image's layers again from its blobs.
    Unpack(Box<(Manifest, ImageConfig)>),
    /// Remove a container's record and directory (either may be missing).
    RemoveContainer(String),
    /// Write a volume record with default settings (the data stays).
    WriteVolume(String),
    /// Create an empty directory.
    CreateDir(PathBuf),
    /// Nothing can be done safely; says why.
    None(String),
}

impl Action {
    fn describe(&self) -> String {
        match self {
            Action::Remove(_) | Action::RemoveBlob(_) | Action::RemoveLayer(_) => "remove it".into(),
            Action::Relink { target, .. } => format!("link it to {target}"),
            Action::ForgetImage(_) => "forget the image (pull or load it again)".into(),
            Action::Unpack(_) => "unpack the image's layers again from its blobs".into(),
            Action::RemoveContainer(_) => "remove what is left of the container".into(),
            Action::WriteVolume(_) => "write a new volume record (labels and options are lost)".into(),
            Action::CreateDir(_) => "create it empty".into(),
            Action::None(why) => why.clone(),
        }
    }
}

/// Checks the store (and repairs it with `opts.repair`). The caller holds no store lock and,
/// rootless, is inside ferry's user namespace (repairs delete files owned by mapped ids).
pub fn check(store: &Store, opts: &CheckOptions) -> Result<CheckReport> {
    let _gc = store.gc_lock()?;
    let mut c = Checker {
        store,
        opts,
        report: CheckReport::default(),
        reported: BTreeSet::new(),
        bad_blobs: BTreeSet::new(),
        bad_layers: BTreeSet::new(),
    };
    c.leftovers()?;
    c.blobs()?;
    c.layers()?;
    let images_known = c.images()?;
    let containers_known = c.containers()?;
    c.volumes(containers_known)?;
    c.networks(containers_known)?;
    c.build_cache()?;
    if images_known && containers_known {
        c.orphans()?;
    }
    c.links()?;
    Ok(c.report)
}

struct Checker<'a> {
    store: &'a Store,
    opts: &'a CheckOptions,
    report: CheckReport,
    /// Paths of problems found and not repaired, so that later passes do not report them again.
    reported: BTreeSet<PathBuf>,
    /// Blobs found corrupt and still in the store.
    bad_blobs: BTreeSet<Digest>,
    /// Layer directories found incomplete and still in the store.
    bad_layers: BTreeSet<Digest>,
}

impl Checker<'_> {
    /// Records a problem and, with `--repair`, carries out its action. Returns whether the
    /// problem is gone.
    fn found(&mut self, kind: ProblemKind, object: String, path: &Path, message: String, action: Action) -> bool {
        let repair = action.describe();
        let (status, error) = match (&action, self.opts.repair) {
            (Action::None(_), _) => (Status::NotRepairable, None),
            (_, false) => (Status::Found, None),
            (_, true) => match self.carry_out(action) {
                Ok(()) => (Status::Repaired, None),
                Err(e) => (Status::RepairFailed, Some(e)),
            },
        };
        if status != Status::Repaired {
            self.reported.insert(path.to_path_buf());
        }
        self.report.problems.push(Problem {
            kind,
            object,
            path: path.to_path_buf(),
            message,
            status,
            repair,
            error,
        });
        status == Status::Repaired
    }

    fn carry_out(&mut self, action: Action) -> Result<(), String> {
        let store = self.store;
        match action {
            Action::Remove(p) => remove_path(&p),
            Action::RemoveBlob(d) => {
                store.blobs().remove(&d).map_err(|e| e.to_string())?;
                self.bad_blobs.remove(&d);
                Ok(())
            }
            Action::RemoveLayer(dir) => {
                if let Some(info) = walk::layer_record(&dir)
                    && let Ok(link) = fs::read_link(store.layers_dir().join("l").join(&info.link))
                    && link == Path::new("..").join(dir.file_name().unwrap_or_default()).join("diff")
                {
                    remove_path(&store.layers_dir().join("l").join(&info.link))?;
                }
                // Renamed first, so a half-removed layer is never seen under its name.
                let doomed = store.layers_dir().join(atomic::unique_name(".tmp-rm-"));
                fs::rename(&dir, &doomed).map_err(|e| format!("renaming {}: {e}", dir.display()))?;
                remove_path(&doomed)
            }
            Action::Relink { link, target } => {
                remove_path(&link)?;
                std::os::unix::fs::symlink(&target, &link).map_err(|e| format!("{}: {e}", link.display()))
            }
            Action::ForgetImage(manifest) => store
                .images()
                .update(|idx| {
                    idx.manifests.retain(|d| d.digest != manifest);
                    Ok(())
                })
                .map_err(|e| e.to_string()),
            Action::Unpack(image) => {
                let (manifest, config) = *image;
                let mut warnings = Vec::new();
                unpack_image(store, &manifest, &config, &self.opts.apply, &mut warnings)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
            Action::RemoveContainer(id) => store.containers().remove(&id).map_err(|e| e.to_string()),
            Action::WriteVolume(name) => store
                .volumes()
                .restore_record(&name)
                .map(drop)
                .map_err(|e| e.to_string()),
            Action::CreateDir(p) => atomic::create_dir_all(&p, 0o755).map_err(|e| e.to_string()),
            Action::None(why) => Err(why),
        }
    }

    /// A path for display: relative to the store root when inside it.
    fn rel(&self, p: &Path) -> String {
        p.strip_prefix(self.store.root()).unwrap_or(p).display().to_string()
    }

    /// A blob that is in the store and not known to be corrupt.
    fn blob_ok(&self, d: &Digest) -> bool {
        !self.bad_blobs.contains(d) && self.store.blobs().has(d)
    }

    /// A layer that is in the store, whole.
    fn layer_ok(&self, chain: &Digest) -> bool {
        !self.bad_layers.contains(chain)
            && self.store.layers().get(chain).is_ok_and(|i| &i.chain_id == chain)
            && self.store.layers().diff_dir(chain).is_dir()
    }
}

/// Entries of a directory; a missing directory has none.
fn entries(dir: &Path) -> Result<Vec<fs::DirEntry>> {
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(CheckError::ReadDir {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    let mut out = rd
        .collect::<io::Result<Vec<_>>>()
        .map_err(|source| CheckError::ReadDir {
            path: dir.to_path_buf(),
            source,
        })?;
    out.sort_by_key(|e| e.file_name());
    Ok(out)
}

/// Removes a file, symlink or tree; a path already gone is fine.
fn remove_path(p: &Path) -> Result<(), String> {
    let meta = match fs::symlink_metadata(p) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("{}: {e}", p.display())),
    };
    if meta.is_dir() {
        return atomic::remove_tree(p).map_err(|e| e.to_string());
    }
    match fs::remove_file(p) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(format!("{}: {e}", p.display())),
        _ => Ok(()),
    }
}

/// The process that created a temp name made by `atomic::unique_name` (`<prefix><pid>-<n>-<nanos>`)
/// or by a shifted-layer copy (`.tmp-<chain hex>-<pid>`).
fn creator_pid(name: &str) -> Option<i32> {
    let mut parts = name.rsplitn(4, '-');
    let (last, second, third) = (parts.next()?, parts.next()?, parts.next());
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(pid) = third
        && last.len() == 8
        && last.bytes().all(|b| b.is_ascii_hexdigit())
        && digits(second)
        && digits(pid)
    {
        return pid.parse().ok();
    }
    if digits(last) && Digest::from_hex(second.trim_start_matches(".tmp-")).is_ok() {
        return last.parse().ok();
    }
    None
}

/// Whether the process that made this temp name may still be using it (another live process;
/// a recycled pid errs on the safe side).
fn creator_alive(name: &str) -> bool {
    match creator_pid(name) {
        Some(pid) if pid > 0 && pid as u32 != std::process::id() => Path::new(&format!("/proc/{pid}")).exists(),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
