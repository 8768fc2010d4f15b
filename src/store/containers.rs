//! Container records: `containers.json` (ids, names, images; changed under `containers.lock`) and
//! one directory per container with its runtime spec, state and overlay directories. The
//! directory is also the container's lock (see `lock` for the order), and a removal moves it
//! into `trash/` before deleting it (see [`ContainerStore::remove`]).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Digest, Store, StoreError, atomic, io_err, lock};
use crate::sys::process::start_time;

#[derive(Debug, thiserror::Error)]
pub enum ContainerError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "the container name {name:?} is already in use by {id}. You have to remove that container to be able to reuse that name"
    )]
    NameInUse { name: String, id: String },
    #[error("invalid container name {0:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*")]
    InvalidName(String),
    #[error("no container with name or ID {0:?} found: no such container")]
    NotFound(String),
    #[error("more than one result for container ID prefix {0:?}: use a longer prefix or the name")]
    Ambiguous(String),
}

pub type Result<T, E = ContainerError> = std::result::Result<T, E>;

impl super::NoSpace for ContainerError {
    fn is_no_space(&self) -> bool {
        matches!(self, ContainerError::Store(e) if e.is_no_space())
    }
}

/// One entry of `containers.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ContainerRecord {
    pub id: String,
    pub name: String,
    /// The image id (config digest).
    pub image_id: Digest,
    /// The name the user gave for the image.
    pub image_name: String,
    /// The top layer chain of the image: the container's overlay lower layers start here.
    pub top_layer: Option<Digest>,
    /// RFC 3339.
    pub created: String,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Created,
    Running,
    Exited,
}

/// `state.json`: what the container is doing, replaced atomically on every change.
/// Construct it with `..Default::default()`: fields are added as the runtime grows.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ContainerState {
    pub status: Status,
    /// Host pid of the container's init while running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<String>,
    /// The container init's start time (field 22 of /proc/PID/stat), so that a recycled pid is
    /// not mistaken for the container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid_start: Option<u64>,
    /// The process supervising the container: the detached monitor, or the foreground `run`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitor_pid: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitor_start: Option<u64>,
    /// The directories of the container's cgroup (one per v1 hierarchy, or one v2 directory):
    /// where it will be, from creation on, and where the current run's is, from its start on (the
    /// supervisor records it), so that `exec` can join it and so that it is removed even when ferry
    /// or the supervisor is killed (see [`remove_cgroup_dirs`]). They stay recorded after the run;
    /// removing them again is harmless.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cgroups: Vec<PathBuf>,
    /// `stop` has signalled this run of the container and waits for it to exit (from the
    /// `stopping` marker, see [`ContainerStore::mark_stopping`]; not stored in state.json).
    #[serde(skip)]
    pub stopping: bool,
}

impl ContainerState {
    /// Records a start: the init `pid` and its `monitor` (the supervising process) with their
    /// start times, so that recycled pids are not mistaken for them.
    pub fn mark_running(&mut self, pid: i32, monitor: i32, started_at: String) {
        self.status = Status::Running;
        self.pid = Some(pid);
        self.pid_start = start_time(pid);
        self.monitor_pid = Some(monitor);
        self.monitor_start = start_time(monitor);
        self.exit_code = None;
        self.started_at = Some(started_at);
        self.finished_at = None;
    }
}

/// Names one run of a container: its init's pid and start time.
fn run_key(state: &ContainerState) -> Option<String> {
    Some(format!("{} {}", state.pid?, state.pid_start?))
}

fn same_process(pid: Option<i32>, start: Option<u64>) -> bool {
    match (pid, start) {
        (Some(pid), Some(start)) if pid > 0 => start_time(pid) == Some(start),
        _ => false,
    }
}

/// Whether a container recorded as running really is: its init and its supervisor (the
/// detached monitor or the foreground `run`) are both the processes recorded. A supervisor
/// killed with SIGKILL takes the container with it (the init has PDEATHSIG set), so a dead
/// supervisor means the container is gone or going, and the record should say exited.
pub fn is_alive(state: &ContainerState) -> bool {
    state.status == Status::Running
        && same_process(state.pid, state.pid_start)
        && (state.monitor_pid.is_none() || same_process(state.monitor_pid, state.monitor_start))
}

/// Whether the recorded supervisor of a container still runs (it will record the exit).
fn supervisor_alive(state: &ContainerState) -> bool {
    state.monitor_pid.is_some() && same_process(state.monitor_pid, state.monitor_start)
}

/// Removes the cgroup directories of a run that has ended, and returns those that could not be
/// removed with the reason. A cgroup holding processes cannot be removed (EBUSY): once a
/// container's init is dead the kernel has killed the rest of its pid namespace, but the last
/// of them may still be exiting, so that is retried for a moment. Already gone is fine.
pub fn remove_cgroup_dirs(paths: &[PathBuf]) -> Vec<(PathBuf, std::io::Error)> {
    let mut left = Vec::new();
    for p in paths {
        let mut wait = std::time::Duration::from_millis(1);
        let mut waited = std::time::Duration::ZERO;
        loop {
            match fs::remove_dir(p) {
                Ok(()) => break,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => break,
                Err(e) if e.raw_os_error() == Some(libc::EBUSY) && waited < std::time::Duration::from_secs(2) => {
                    std::thread::sleep(wait);
                    waited += wait;
                    wait = (wait * 2).min(std::time::Duration::from_millis(100));
                }
                Err(e) => {
                    left.push((p.clone(), e));
                    break;
                }
            }
        }
    }
    left
}

/// How a container's output is kept.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum LogDriver {
    /// `ctr.log` in the Kubernetes file format.
    #[default]
    K8sFile,
    /// Output is discarded (detached) or only shown (foreground).
    None,
    /// The container writes to ferry's own stdout and stderr; nothing is logged.
    Passthrough,
}

/// `settings.json`: how the container is started and stopped, fixed at creation
/// (`run`/`create` write it, `start`, `restart` and `stop` read it).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct RunSettings {
    pub log_driver: LogDriver,
    /// `--log-opt max-size`: when the log passes it, it is truncated (as Podman's k8s-file does).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_max_size: Option<u64>,
    /// `--rm`.
    pub remove: bool,
    /// `--init`: a minimal init runs as PID 1 and the command as its child.
    pub init: bool,
    /// `-i`.
    pub interactive: bool,
    /// The signal `stop` sends first.
    pub stop_signal: i32,
    /// Seconds `stop` waits before SIGKILL.
    pub stop_timeout: u32,
    /// A user namespace of the container's own (`--userns=keep-id|auto|nomap`, `--uidmap`):
    /// container ids → ferry's ids (rootless) or host ids (root). `None`: ferry's namespace
    /// (rootless) or none (root).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub userns: Option<crate::sys::idmap::IdMapping>,
    /// `--privileged`: among others, the root filesystem is mounted without `nodev`.
    pub privileged: bool,
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings {
            log_driver: LogDriver::K8sFile,
            log_max_size: None,
            remove: false,
            init: false,
            interactive: false,
            stop_signal: libc::SIGTERM,
            stop_timeout: 10,
            userns: None,
            privileged: false,
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    containers: Vec<ContainerRecord>,
}

pub struct ContainerStore<'a> {
    store: &'a Store,
}

/// What a new container is created from.
pub struct NewContainer<'s> {
    pub name: Option<&'s str>,
    pub image_id: Digest,
    pub image_name: String,
    pub top_layer: Option<Digest>,
}

impl<'a> ContainerStore<'a> {
    pub(super) fn new(store: &'a Store) -> Self {
        ContainerStore { store }
    }

    fn index_path(&self) -> PathBuf {
        self.store.root().join("containers.json")
    }

    pub fn dir(&self, id: &str) -> PathBuf {
        self.store.root().join("containers").join(id)
    }
    pub fn config_path(&self, id: &str) -> PathBuf {
        self.dir(id).join("config.json")
    }
    pub fn state_path(&self, id: &str) -> PathBuf {
        self.dir(id).join("state.json")
    }
    pub fn userdata_dir(&self, id: &str) -> PathBuf {
        self.dir(id).join("userdata")
    }
    /// The overlay upper directory.
    pub fn diff_dir(&self, id: &str) -> PathBuf {
        self.dir(id).join("diff")
    }
    /// The overlay work directory.
    pub fn work_dir(&self, id: &str) -> PathBuf {
        self.dir(id).join("work")
    }
    /// The container's log (k8s-file format).
    pub fn log_path(&self, id: &str) -> PathBuf {
        self.dir(id).join("ctr.log")
    }
    pub fn settings_path(&self, id: &str) -> PathBuf {
        self.dir(id).join("settings.json")
    }
    /// Where the root filesystem is mounted (in the container's mount namespace only).
    pub fn merged_dir(&self, id: &str) -> PathBuf {
        self.dir(id).join("merged")
    }
    /// How many `ferry mount`s of the container's root filesystem are in effect (runtime state).
    pub fn mount_count_path(&self, id: &str) -> PathBuf {
        self.store.runroot().join("mounts").join(id)
    }

    fn read_index(&self) -> Result<Index> {
        let p = self.index_path();
        match fs::read(&p) {
            Ok(data) => Ok(serde_json::from_slice(&data).map_err(|source| StoreError::Json { path: p, source })?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Index::default()),
            Err(e) => Err(StoreError::Io { path: p, source: e }.into()),
        }
    }

    fn update<T>(&self, f: impl FnOnce(&mut Index) -> Result<T>) -> Result<T> {
        let _l = lock::lock(&self.store.root().join("containers.lock"), lock::Mode::Exclusive)?;
        let mut idx = self.read_index()?;
        let out = f(&mut idx)?;
        let json = serde_json::to_vec_pretty(&idx).expect("container index serializes");
        atomic::write_file(&self.index_path(), &json, 0o600)?;
        Ok(out)
    }

    pub fn list(&self) -> Result<Vec<ContainerRecord>> {
        Ok(self.read_index()?.containers)
    }

    /// Records a new container with a fresh id and a unique name, and creates its directories.
    /// Returns the container's lock, taken before the record exists: whoever finds the new
    /// container waits until the caller has started it (or given up and removed it).
    pub fn create(&self, new: NewContainer<'_>) -> Result<(ContainerRecord, lock::Lock)> {
        if let Some(n) = new.name
            && !valid_name(n)
        {
            return Err(ContainerError::InvalidName(n.to_string()));
        }
        let id = random_id()?;
        let dir = self.dir(&id);
        atomic::create_dir_all(&self.store.root().join("containers"), 0o700)?;
        fs::create_dir(&dir).map_err(io_err(&dir))?;
        let made = (|| {
            let held = lock::try_lock_dir(&dir)?.ok_or_else(|| StoreError::Corrupt {
                path: dir.clone(),
                message: "a new container directory is locked by another process".into(),
            })?;
            for d in [
                self.userdata_dir(&id),
                self.diff_dir(&id),
                self.work_dir(&id),
                self.merged_dir(&id),
            ] {
                fs::create_dir(&d).map_err(io_err(&d))?;
            }
            self.update(|idx| {
                let name = match new.name {
                    Some(n) => {
                        if let Some(other) = idx.containers.iter().find(|c| c.name == n) {
                            return Err(ContainerError::NameInUse {
                                name: n.to_string(),
                                id: other.id.clone(),
                            });
                        }
                        n.to_string()
                    }
                    None => loop {
                        let n = generate_name()?;
                        if !idx.containers.iter().any(|c| c.name == n) {
                            break n;
                        }
                    },
                };
                let rec = ContainerRecord {
                    id: id.clone(),
                    name,
                    image_id: new.image_id.clone(),
                    image_name: new.image_name.clone(),
                    top_layer: new.top_layer.clone(),
                    created: crate::sys::now(),
                };
                idx.containers.push(rec.clone());
                Ok(rec)
            })
            .map(|rec| (rec, held))
        })();
        if made.is_err() {
            let _ = atomic::remove_tree(&dir);
        }
        made
    }

    /// Where container `id`'s directory goes when its removal begins.
    pub fn trash_path(&self, id: &str) -> PathBuf {
        self.store.trash_dir().join(id)
    }

    /// Locks container `id` for a start or a removal (see `lock` for the order), waiting for
    /// another process's start or removal to finish. Fails with `NotFound` when the container
    /// is gone by then (or is half removed: its record without its directory, which
    /// [`ContainerStore::remove`] finishes).
    pub fn lock(&self, id: &str) -> Result<lock::Lock> {
        self.locked(id, true)?
            .ok_or_else(|| ContainerError::NotFound(id.to_string()))
    }

    /// [`ContainerStore::lock`] without waiting: `Ok(None)` while another process holds it.
    pub fn try_lock(&self, id: &str) -> Result<Option<lock::Lock>> {
        self.locked(id, false)
    }

    fn locked(&self, id: &str, wait: bool) -> Result<Option<lock::Lock>> {
        let dir = self.dir(id);
        let held = match lock::lock_dir(&dir, wait) {
            Ok(held) => held,
            Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                return Err(ContainerError::NotFound(id.to_string()));
            }
            Err(e) => return Err(e.into()),
        };
        let Some(held) = held else { return Ok(None) };
        // While this waited, the container may have been removed (its directory renamed into
        // the trash, its record dropped).
        let here = fs::metadata(&dir).ok().map(|m| std::os::unix::fs::MetadataExt::ino(&m));
        if here.is_none() || here != held.ino() || !self.list()?.iter().any(|c| c.id == id) {
            return Err(ContainerError::NotFound(id.to_string()));
        }
        Ok(Some(held))
    }

    /// Removes container `id`: renames its directory into the trash (after which it is gone for
    /// every reader and its supervisor, which watches the directory, stops it), drops its
    /// record, and deletes the directory. Each step can be repeated after an interruption:
    /// whatever is left is finished by running this again or by [`ContainerStore::finish_removals`].
    /// Needs no new disk space: on a full disk the directory is deleted before the record is
    /// rewritten, and the store's reserve is given up if that is not enough.
    ///
    /// The caller holds the container's lock (when its directory still exists), has checked
    /// that it is not running, has unmounted everything and, when rootless, entered the user
    /// namespace (the upper directory holds subordinate ids).
    pub fn remove(&self, id: &str) -> Result<()> {
        // A cgroup left behind: ferry killed between making it and starting the run, or a run
        // whose cgroup was still busy when it was found dead.
        if let Ok(state) = self.read_state(id)
            && state.status != Status::Running
        {
            remove_cgroup_dirs(&state.cgroups);
        }
        // A root filesystem left mounted by `ferry mount` (in this mount namespace) goes too;
        // EINVAL (nothing mounted) or EPERM (not ours to unmount) ends the loop.
        while nix::mount::umount2(&self.merged_dir(id), nix::mount::MntFlags::MNT_DETACH).is_ok() {}
        let _ = fs::remove_file(self.mount_count_path(id));
        let trash = self.trash_path(id);
        atomic::create_dir_all(&self.store.trash_dir(), 0o700)?;
        // Not there: an earlier removal got this far (and another process may be deleting the
        // directory right now: then it is left to that one).
        let renamed = match fs::rename(self.dir(id), &trash) {
            Ok(()) => true,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) => {
                return Err(StoreError::Io {
                    path: self.dir(id),
                    source: e,
                }
                .into());
            }
        };
        let delete = || -> Result<()> {
            if renamed {
                return Ok(atomic::remove_tree(&trash)?);
            }
            match lock::try_lock_dir(&trash) {
                Ok(Some(_held)) => Ok(atomic::remove_tree(&trash)?),
                Ok(None) => Ok(()),
                Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(e.into()),
            }
        };
        match self.forget(id) {
            Err(e) if super::NoSpace::is_no_space(&e) => {
                delete()?;
                self.store.freeing(|| self.forget(id))?;
            }
            other => other?,
        }
        delete()
    }

    /// Drops container `id`'s record, if there is one.
    fn forget(&self, id: &str) -> Result<()> {
        if !self.list()?.iter().any(|c| c.id == id) {
            return Ok(());
        }
        self.update(|idx| {
            idx.containers.retain(|c| c.id != id);
            Ok(())
        })
    }

    /// Finishes what interrupted removals left (see the store's layout notes): drops records
    /// whose directory is gone and deletes the trash entries no process is deleting. With
    /// `orphans`, also container directories without a record, which is only right while the
    /// caller holds the exclusive gc lock (a container being created has its directory before
    /// its record); one whose recorded supervisor still runs is left alone. `size` measures
    /// what is deleted. Returns the ids of the containers finished and the bytes freed.
    pub fn finish_removals(&self, orphans: bool, size: &dyn Fn(&Path) -> u64) -> Result<(Vec<String>, u64)> {
        let mut done = Vec::new();
        let records = self.list()?;
        for rec in &records {
            if !self.dir(&rec.id).exists() {
                self.store.freeing(|| self.forget(&rec.id))?;
                done.push(rec.id.clone());
            }
        }
        if orphans {
            let known: std::collections::HashSet<&str> = records.iter().map(|c| c.id.as_str()).collect();
            let parent = self.store.root().join("containers");
            for ent in read_dir_or_empty(&parent)? {
                let name = ent.file_name().to_string_lossy().into_owned();
                if known.contains(name.as_str()) || !valid_id(&name) {
                    continue;
                }
                let Some(_held) = lock::try_lock_dir(&ent.path())? else {
                    continue;
                };
                let state = self.read_state(&name).unwrap_or_default();
                if is_alive(&state) || supervisor_alive(&state) {
                    continue;
                }
                match fs::rename(ent.path(), self.trash_path(&name)) {
                    Ok(()) => done.push(name),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => {
                        return Err(StoreError::Io {
                            path: ent.path(),
                            source: e,
                        }
                        .into());
                    }
                }
            }
        }
        let mut bytes = 0;
        let trash = self.store.trash_dir();
        for ent in read_dir_or_empty(&trash)? {
            let path = ent.path();
            // Held by a process that is deleting it right now.
            let held = match lock::try_lock_dir(&path) {
                Ok(Some(held)) => Some(held),
                Ok(None) => continue,
                // Not a directory (nothing ferry puts here, but garbage all the same).
                Err(_) => None,
            };
            bytes += size(&path);
            atomic::remove_tree(&path).or_else(|e| match fs::remove_file(&path) {
                Ok(()) => Ok(()),
                Err(_) => Err(e),
            })?;
            drop(held);
            let name = ent.file_name().to_string_lossy().into_owned();
            if !done.contains(&name) {
                done.push(name);
            }
        }
        Ok((done, bytes))
    }

    pub fn write_config(&self, id: &str, json: &[u8]) -> Result<()> {
        Ok(replace_unsynced(&self.config_path(id), json)?)
    }

    pub fn write_state(&self, id: &str, state: &ContainerState) -> Result<()> {
        let json = serde_json::to_vec_pretty(state).expect("container state serializes");
        Ok(replace_unsynced(&self.state_path(id), &json)?)
    }

    /// The container's state; a container whose state was never written is `created`.
    pub fn read_state(&self, id: &str) -> Result<ContainerState> {
        read_json_or_default(&self.state_path(id))
    }

    pub fn write_settings(&self, id: &str, settings: &RunSettings) -> Result<()> {
        let json = serde_json::to_vec_pretty(settings).expect("run settings serialize");
        Ok(replace_unsynced(&self.settings_path(id), &json)?)
    }

    /// The container's run settings (defaults when none were written).
    pub fn read_settings(&self, id: &str) -> Result<RunSettings> {
        read_json_or_default(&self.settings_path(id))
    }

    /// The container named `key`, or whose id is `key` or starts with it (a full id or name
    /// wins over a prefix of another container's id).
    pub fn lookup(&self, key: &str) -> Result<ContainerRecord> {
        let list = self.list()?;
        if let Some(c) = list.iter().find(|c| c.id == key || c.name == key) {
            return Ok(c.clone());
        }
        let mut found = list.into_iter().filter(|c| !key.is_empty() && c.id.starts_with(key));
        match (found.next(), found.next()) {
            (Some(c), None) => Ok(c),
            (Some(_), Some(_)) => Err(ContainerError::Ambiguous(key.to_string())),
            _ => Err(ContainerError::NotFound(key.to_string())),
        }
    }

    /// The container's state, made honest: a container recorded as running whose init and
    /// supervisor are gone (a killed monitor or foreground `run`; the init dies with them) is
    /// recorded as exited with an unknown exit code (-1) now, as Podman does. Its rootfs was
    /// mounted only in the container's mount namespace, so nothing is left mounted on the host.
    /// While the supervisor lives it records the real exit itself, so the state is kept.
    pub fn refresh(&self, rec: &ContainerRecord) -> Result<ContainerState> {
        let mut state = self.read_state(&rec.id)?;
        if state.status != Status::Running || is_alive(&state) || supervisor_alive(&state) {
            state.stopping = state.status == Status::Running && self.stopping_marker(&rec.id) == run_key(&state);
            return Ok(state);
        }
        let _l = lock::lock(&self.store.root().join("containers.lock"), lock::Mode::Exclusive)?;
        // Decide again under the lock: the supervisor may have recorded the real exit meanwhile.
        let mut state = self.read_state(&rec.id)?;
        if state.status != Status::Running || is_alive(&state) || supervisor_alive(&state) {
            return Ok(state);
        }
        state.status = Status::Exited;
        state.exit_code = Some(-1);
        state.pid = None;
        state.pid_start = None;
        state.monitor_pid = None;
        state.monitor_start = None;
        // The killed supervisor could not remove the run's cgroup.
        remove_cgroup_dirs(&state.cgroups);
        state.finished_at = Some(crate::sys::now());
        // Best effort: on a full disk (or a directory removed meanwhile) the container has
        // exited all the same, and the next reader decides again.
        let _ = self.write_state(&rec.id, &state);
        Ok(state)
    }

    /// Records that `stop` is stopping the current run of a running container. A marker file
    /// names the run (init pid and start time) rather than a field in state.json: the
    /// supervisor may record the exit at any moment, and a read-modify-write of the state
    /// here could undo that.
    pub fn mark_stopping(&self, id: &str, state: &ContainerState) -> Result<()> {
        if let Some(key) = run_key(state) {
            let path = self.dir(id).join("stopping");
            atomic::write_file(&path, key.as_bytes(), 0o600)?;
        }
        Ok(())
    }

    fn stopping_marker(&self, id: &str) -> Option<String> {
        fs::read_to_string(self.dir(id).join("stopping")).ok()
    }

    /// Gives container `id` the name `new_name`, which must be valid and unused.
    pub fn rename(&self, id: &str, new_name: &str) -> Result<()> {
        if !valid_name(new_name) {
            return Err(ContainerError::InvalidName(new_name.to_string()));
        }
        self.update(|idx| {
            if let Some(other) = idx.containers.iter().find(|c| c.name == new_name && c.id != id) {
                return Err(ContainerError::NameInUse {
                    name: new_name.to_string(),
                    id: other.id.clone(),
                });
            }
            let rec = idx
                .containers
                .iter_mut()
                .find(|c| c.id == id)
                .ok_or_else(|| ContainerError::NotFound(id.to_string()))?;
            rec.name = new_name.to_string();
            Ok(())
        })
    }

    /// The top layer chains of the images containers use, which garbage collection must keep.
    pub fn layer_roots(&self) -> Result<Vec<Digest>> {
        Ok(self.list()?.into_iter().filter_map(|c| c.top_layer).collect())
    }

    /// Ids of the containers created from the image `image_id`.
    pub fn users_of(&self, image_id: &Digest) -> Result<Vec<String>> {
        Ok(self
            .list()?
            .into_iter()
            .filter(|c| &c.image_id == image_id)
            .map(|c| c.id)
            .collect())
    }
}

/// Replaces a file by rename, without fsync: readers see the old or the new content, never a
/// torn one, but a crash may lose the update. Used for a container's spec and state, which
/// describe processes a crash ends anyway; a `run` would otherwise spend most of its time in
/// fsync. The record in `containers.json` is written durably.
fn replace_unsynced(path: &Path, data: &[u8]) -> Result<(), StoreError> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(atomic::unique_name(".tmp-"));
    let res = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .and_then(|mut f| f.write_all(data))
        .and_then(|()| fs::rename(&tmp, path));
    if res.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    res.map_err(io_err(path))
}

fn read_json_or_default<T: Default + serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    match fs::read(path) {
        Ok(data) => Ok(serde_json::from_slice(&data).map_err(|source| StoreError::Json {
            path: path.to_path_buf(),
            source,
        })?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(T::default()),
        Err(e) => Err(StoreError::Io {
            path: path.to_path_buf(),
            source: e,
        }
        .into()),
    }
}

/// The entries of `dir`; none when it does not exist.
fn read_dir_or_empty(dir: &Path) -> Result<Vec<fs::DirEntry>> {
    match fs::read_dir(dir) {
        Ok(rd) => Ok(rd.collect::<std::io::Result<Vec<_>>>().map_err(io_err(dir))?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(StoreError::Io {
            path: dir.to_path_buf(),
            source: e,
        }
        .into()),
    }
}

/// A container id as [`random_id`] makes them: 64 lowercase hex characters.
fn valid_id(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Podman's rule for container names.
fn valid_name(n: &str) -> bool {
    let mut b = n.bytes();
    matches!(b.next(), Some(c) if c.is_ascii_alphanumeric())
        && b.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
        && n.len() <= 253
}

fn random_bytes<const N: usize>() -> Result<[u8; N]> {
    let p = Path::new("/dev/urandom");
    let mut buf = [0u8; N];
    fs::File::open(p)
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(io_err(p))?;
    Ok(buf)
}

/// 64 random hex characters; never all digits, so a short id cannot be mistaken for a number.
fn random_id() -> Result<String> {
    loop {
        let id = super::digest::to_hex(&random_bytes::<32>()?);
        if !id[..12].bytes().all(|b| b.is_ascii_digit()) {
            return Ok(id);
        }
    }
}

const ADJECTIVES: &[&str] = &[
    "agile", "bold", "brave", "bright", "calm", "clever", "cool", "eager", "fancy", "gentle", "happy", "jolly", "keen",
    "kind", "lucid", "merry", "nimble", "proud", "quiet", "quirky", "relaxed", "sharp", "silly", "steady", "sunny",
    "swift", "tender", "vivid", "wise", "witty", "zealous", "zen",
];
const NOUNS: &[&str] = &[
    "albatross",
    "badger",
    "beaver",
    "cormorant",
    "dolphin",
    "eagle",
    "falcon",
    "ferret",
    "gannet",
    "heron",
    "ibis",
    "jackal",
    "kestrel",
    "lemur",
    "marten",
    "narwhal",
    "otter",
    "osprey",
    "pelican",
    "puffin",
    "quokka",
    "raven",
    "salmon",
    "seal",
    "tern",
    "turtle",
    "urchin",
    "vole",
    "walrus",
    "wombat",
    "yak",
    "zebra",
];

fn generate_name() -> Result<String> {
    let [a, b] = random_bytes::<2>()?;
    Ok(format!(
        "{}_{}",
        ADJECTIVES[usize::from(a) % ADJECTIVES.len()],
        NOUNS[usize::from(b) % NOUNS.len()]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempdir::Dir, Store) {
        let d = tempdir::Dir::new();
        let s = Store::open(&d.0.join("root"), &d.0.join("run")).unwrap();
        (d, s)
    }

    mod tempdir {
        pub struct Dir(pub std::path::PathBuf);
        impl Dir {
            pub fn new() -> Dir {
                let p = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-ctr-test-"));
                std::fs::create_dir_all(&p).unwrap();
                Dir(p)
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    fn new(name: Option<&str>) -> NewContainer<'_> {
        NewContainer {
            name,
            image_id: Digest::of_bytes(b"img"),
            image_name: "busybox".into(),
            top_layer: Some(Digest::of_bytes(b"layer")),
        }
    }

    #[test]
    fn names_are_unique() {
        let (_d, s) = store();
        let c = s.containers();
        let a = c.create(new(Some("web"))).unwrap().0;
        assert_eq!(a.id.len(), 64);
        let err = c.create(new(Some("web"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "the container name \"web\" is already in use by {}. You have to remove that container to be able to reuse that name",
                a.id
            )
        );
        let b = c.create(new(None)).unwrap().0;
        assert!(b.name.contains('_'));
        assert_eq!(c.list().unwrap().len(), 2);
        assert_eq!(c.layer_roots().unwrap().len(), 2);
        c.remove(&a.id).unwrap();
        assert!(!c.dir(&a.id).exists());
        assert!(c.list().unwrap().iter().all(|r| r.name != "web"));
        assert_eq!(c.users_of(&Digest::of_bytes(b"img")).unwrap(), vec![b.id]);
    }

    #[test]
    fn liveness_follows_start_time() {
        let me = std::process::id() as i32;
        let state = ContainerState {
            status: Status::Running,
            pid: Some(me),
            pid_start: start_time(me),
            ..Default::default()
        };
        assert!(is_alive(&state));
        assert!(!is_alive(&ContainerState {
            pid_start: state.pid_start.map(|s| s + 1),
            ..state.clone()
        }));
        assert!(!is_alive(&ContainerState {
            monitor_pid: Some(me),
            monitor_start: None,
            ..state.clone()
        }));
        assert!(!is_alive(&ContainerState {
            status: Status::Exited,
            ..state
        }));
    }

    #[test]
    fn lookup_by_name_and_prefix() {
        let (_d, s) = store();
        let c = s.containers();
        let a = c.create(new(Some("alpha"))).unwrap().0;
        assert_eq!(c.lookup("alpha").unwrap().id, a.id);
        assert_eq!(c.lookup(&a.id[..5]).unwrap().id, a.id);
        assert!(matches!(c.lookup(""), Err(ContainerError::NotFound(_))));
        assert!(matches!(c.lookup("nope"), Err(ContainerError::NotFound(_))));
        assert_eq!(c.read_state(&a.id).unwrap().status, Status::Created);
        assert_eq!(c.read_settings(&a.id).unwrap(), RunSettings::default());
    }

    #[test]
    fn refresh_marks_dead_containers_exited() {
        let (_d, s) = store();
        let c = s.containers();
        let a = c.create(new(Some("a"))).unwrap().0;
        let me = std::process::id() as i32;
        let alive = ContainerState {
            status: Status::Running,
            pid: Some(me),
            pid_start: start_time(me),
            ..Default::default()
        };
        c.write_state(&a.id, &alive).unwrap();
        assert_eq!(c.refresh(&a).unwrap(), alive);
        // A recycled pid (another start time) with a live supervisor: the supervisor records the exit.
        let recycled = ContainerState {
            pid_start: alive.pid_start.map(|t| t + 1),
            monitor_pid: Some(me),
            monitor_start: start_time(me),
            ..alive.clone()
        };
        c.write_state(&a.id, &recycled).unwrap();
        assert_eq!(c.refresh(&a).unwrap(), recycled);
        // Supervisor gone too: exited with an unknown code, and written back.
        let dead = ContainerState {
            monitor_start: recycled.monitor_start.map(|t| t + 1),
            ..recycled
        };
        c.write_state(&a.id, &dead).unwrap();
        let got = c.refresh(&a).unwrap();
        assert_eq!((got.status, got.exit_code, got.pid), (Status::Exited, Some(-1), None));
        assert!(got.finished_at.is_some());
        assert_eq!(c.read_state(&a.id).unwrap(), got);
        assert_eq!(c.refresh(&a).unwrap(), got);
    }

    #[test]
    fn lock_serialises_and_follows_removal() {
        let (_d, s) = store();
        let c = s.containers();
        let (a, birth) = c.create(new(Some("a"))).unwrap();
        // Held from birth: nobody else gets it until the creator lets go.
        assert!(c.try_lock(&a.id).unwrap().is_none());
        drop(birth);
        let held = c.lock(&a.id).unwrap();
        assert!(c.try_lock(&a.id).unwrap().is_none());
        c.remove(&a.id).unwrap();
        drop(held);
        assert!(matches!(c.lock(&a.id), Err(ContainerError::NotFound(_))));
        assert!(matches!(c.try_lock(&a.id), Err(ContainerError::NotFound(_))));
        assert!(c.list().unwrap().is_empty());
        assert!(!c.dir(&a.id).exists() && !c.trash_path(&a.id).exists());
        // A waiter whose container is removed meanwhile gets NotFound once it has the lock.
        let (b, birth) = c.create(new(Some("b"))).unwrap();
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| c.lock(&b.id).map(drop));
            std::thread::sleep(std::time::Duration::from_millis(50));
            c.remove(&b.id).unwrap();
            drop(birth);
            assert!(matches!(waiter.join().unwrap(), Err(ContainerError::NotFound(_))));
        });
    }

    /// Every state an interrupted removal can leave is finished, and removal can be repeated.
    #[test]
    fn interrupted_removals_are_finished() {
        let (_d, s) = store();
        let c = s.containers();
        let size = |_: &Path| 1;
        // Renamed into the trash, record still there: `remove` again finishes it (not while
        // another removal holds the directory).
        let (a, al) = c.create(new(Some("a"))).unwrap();
        fs::write(c.diff_dir(&a.id).join("file"), b"data").unwrap();
        fs::rename(c.dir(&a.id), c.trash_path(&a.id)).unwrap();
        c.remove(&a.id).unwrap();
        assert!(c.list().unwrap().is_empty() && c.trash_path(&a.id).exists());
        drop(al);
        c.remove(&a.id).unwrap();
        c.remove(&a.id).unwrap();
        assert!(c.list().unwrap().is_empty() && !c.trash_path(&a.id).exists());
        // The same, found by `finish_removals`.
        let (b, bl) = c.create(new(Some("b"))).unwrap();
        fs::rename(c.dir(&b.id), c.trash_path(&b.id)).unwrap();
        // A trash entry held by a live removal is left to it.
        let (done, _) = c.finish_removals(false, &size).unwrap();
        assert_eq!(done, vec![b.id.clone()]);
        assert!(c.list().unwrap().is_empty());
        assert!(c.trash_path(&b.id).exists(), "a held trash entry was deleted");
        drop(bl);
        let (done, bytes) = c.finish_removals(false, &size).unwrap();
        assert_eq!((done, bytes), (vec![b.id.clone()], 1));
        assert!(!c.trash_path(&b.id).exists());
        // A directory without a record: garbage only when orphans are asked for (under the gc
        // lock), and never while its supervisor lives.
        let (o, ol) = c.create(new(Some("o"))).unwrap();
        drop(ol);
        c.update(|idx| {
            idx.containers.clear();
            Ok(())
        })
        .unwrap();
        let me = std::process::id() as i32;
        let running = ContainerState {
            status: Status::Running,
            monitor_pid: Some(me),
            monitor_start: start_time(me),
            ..Default::default()
        };
        c.write_state(&o.id, &running).unwrap();
        assert!(c.finish_removals(false, &size).unwrap().0.is_empty());
        assert!(c.finish_removals(true, &size).unwrap().0.is_empty());
        assert!(c.dir(&o.id).exists());
        c.write_state(&o.id, &ContainerState::default()).unwrap();
        let (done, _) = c.finish_removals(true, &size).unwrap();
        assert_eq!(done, vec![o.id.clone()]);
        assert!(!c.dir(&o.id).exists() && !c.trash_path(&o.id).exists());
        // Other names under containers/ are not containers: left alone.
        fs::create_dir(s.root().join("containers/not-an-id")).unwrap();
        assert!(c.finish_removals(true, &size).unwrap().0.is_empty());
        assert!(s.root().join("containers/not-an-id").exists());
    }

    /// Names here are not hex digits, so they cannot be taken for id prefixes.
    #[test]
    fn rename_checks_names() {
        let (_d, s) = store();
        let c = s.containers();
        let a = c.create(new(Some("one"))).unwrap().0;
        c.create(new(Some("two"))).unwrap();
        c.rename(&a.id, "three").unwrap();
        assert_eq!(c.lookup("three").unwrap().id, a.id);
        assert!(matches!(c.lookup("one"), Err(ContainerError::NotFound(_))));
        c.rename(&a.id, "three").unwrap();
        assert!(matches!(c.rename(&a.id, "two"), Err(ContainerError::NameInUse { .. })));
        for bad in ["", "-x", "a/b", "../x", "a b", "a\0b"] {
            assert!(
                matches!(c.rename(&a.id, bad), Err(ContainerError::InvalidName(_))),
                "{bad:?}"
            );
        }
        assert!(matches!(c.rename("0000", "z"), Err(ContainerError::NotFound(_))));
    }

    #[test]
    fn rejects_hostile_names() {
        let (_d, s) = store();
        for bad in ["", "-x", "a/b", "../x", "a b", "a\0b", ".hidden", &"a".repeat(300)] {
            assert!(matches!(
                s.containers().create(new(Some(bad))),
                Err(ContainerError::InvalidName(_))
            ));
        }
    }
}
