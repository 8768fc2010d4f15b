//! Runs a parsed Containerfile: the stages the target needs, in order, each instruction a step
//! whose result (image config and layers) is cached under a key of its inputs; then commits
//! the target stage as an image. Progress goes through [`Progress`]; RUN output goes straight
//! to ferry's stdout and stderr. Metadata instructions are in `stage`, RUN/COPY/ADD in `steps`,
//! layer making in `layers`, the final image in `commit`.

mod commit;
mod layers;
mod stage;
mod steps;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value;

use super::ast::{Containerfile, Instruction, InstructionKind, Stage};
use super::cache::{BuildCache, StepState};
use super::context::BuildContext;
use super::copy::CopyError;
use super::parser::{self, ParseError};
use super::run_step::{self, RunError};
use super::subst::{self, SubstError};
use super::workspace::{self, FsError, Mounted};
use crate::image::apply::ApplyOptions;
use crate::image::diff::DiffError;
use crate::image::lookup::{self, LookupError};
use crate::image::manifest::{ImageConfig, host_arch};
use crate::image::unpack::{self, UnpackError};
use crate::network::{self, NetworkError};
use crate::registry::pull::policy::{PullPolicy, ensure_image};
use crate::registry::pull::{PullError, PullOptions, PullProgress};
use crate::runtime::rootfs::UserError;
use crate::store::{Digest, Store, StoreError, atomic};
use crate::sys::idmap::IdMapping;
use crate::sys::now;

/// Build arguments Docker predefines: usable without an ARG, and kept out of history and cache.
const PROXY_ARGS: [&str; 8] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
];

#[derive(Debug, thiserror::Error)]
pub enum StepError {
    #[error(transparent)]
    Subst(#[from] SubstError),
    #[error(transparent)]
    Copy(#[from] CopyError),
    #[error(transparent)]
    Run(#[from] RunError),
    #[error(transparent)]
    Fs(#[from] FsError),
    #[error(transparent)]
    Diff(#[from] DiffError),
    #[error(transparent)]
    Unpack(#[from] UnpackError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Pull(#[from] PullError),
    #[error(transparent)]
    Lookup(#[from] LookupError),
    #[error(transparent)]
    User(#[from] UserError),
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error("entering the rootless user namespace: {0}")]
    Userns(#[from] crate::runtime::userns::UsernsError),
    #[error("the build's network: {0}")]
    Network(#[from] NetworkError),
    #[error("{0}")]
    Invalid(String),
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{location}: building at STEP \"{step}\": {source}")]
    Step {
        location: String,
        step: String,
        source: Box<StepError>,
    },
    #[error("the Containerfile has no FROM instruction")]
    NoStages,
    #[error("target stage {0:?} not found")]
    NoTarget(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Fs(#[from] FsError),
    #[error(transparent)]
    Diff(#[from] DiffError),
    #[error(transparent)]
    Unpack(#[from] UnpackError),
    #[error("entering the rootless user namespace: {0}")]
    Userns(#[from] crate::runtime::userns::UsernsError),
    #[error(transparent)]
    Commit(#[from] crate::image::commit::CommitError),
}

pub type Result<T, E = BuildError> = std::result::Result<T, E>;
type StepResult<T> = std::result::Result<T, StepError>;

fn invalid(msg: impl Into<String>) -> StepError {
    StepError::Invalid(msg.into())
}

/// The manifest format of the built image.
pub use crate::image::commit::ImageFormat as Format;

/// Everything a build needs besides the store, the Containerfile and the context.
pub struct BuildOptions<'a> {
    pub build_args: BTreeMap<String, String>,
    pub target: Option<String>,
    pub no_cache: bool,
    /// Keep each step's result (and use the cache); false: one new layer per stage.
    pub layers: bool,
    /// One new layer for the build's own changes.
    pub squash: bool,
    /// The whole image as one layer.
    pub squash_all: bool,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
    /// Full names for the image.
    pub names: Vec<String>,
    pub format: Format,
    /// RUN's network when the instruction does not say; `None`: a private network (pasta,
    /// else slirp4netns) the build's steps share.
    pub network: Option<network::Mode>,
    pub pull: PullPolicy,
    pub pull_options: &'a PullOptions,
    pub pull_progress: &'a dyn PullProgress,
    /// `--secret id=…,src=…`.
    pub secrets: BTreeMap<String, PathBuf>,
    /// `--build-context name=dir`.
    pub contexts: BTreeMap<String, PathBuf>,
    /// Rootless: the mapping of ferry's user namespace (the containers share it). The build
    /// enters it when it first needs to (a fully cached build never does); the caller must not
    /// have started threads.
    pub userns: Option<IdMapping>,
    pub apply: ApplyOptions,
    /// Send RUN output to stderr (`-q`).
    pub quiet: bool,
}

/// What the caller shows while a build runs.
pub trait Progress {
    /// `STEP n/N: INSTRUCTION` (with the stage prefix when there are several).
    fn step(&mut self, text: &str);
    /// The step's result came from the cache.
    fn cached(&mut self, id: &str);
    /// A step finished with this state id (shortened as Podman shows it).
    fn done(&mut self, id: &str);
    /// The final image is being written.
    fn commit(&mut self, names: &[String]);
    fn warn(&mut self, message: &str);
}

/// The built image.
#[derive(Debug, Clone)]
pub struct Built {
    pub id: Digest,
    pub names: Vec<String>,
}

/// The per-stage writable layer when steps do not each get their own (`--layers=false`, squash).
struct Shared {
    upper: PathBuf,
    work: PathBuf,
    /// The layer chain below it.
    base: Option<Digest>,
    /// History index of the last step that changed files.
    last_change: Option<usize>,
    exclude: Vec<PathBuf>,
}

struct StageRun {
    index: usize,
    state: StepState,
    /// Declared ARGs with their values (unset ARGs are declared but absent).
    args: BTreeMap<String, String>,
    shell: Vec<String>,
    cmd_set: bool,
    shared: Option<Shared>,
    /// Whether the previous step came from the cache (FROM counts as cached).
    prev_cached: bool,
}

struct Exec<'a> {
    store: &'a Store,
    file: &'a Containerfile,
    ctx: &'a BuildContext,
    opts: &'a BuildOptions<'a>,
    progress: &'a mut dyn Progress,
    cache: BuildCache<'a>,
    tmp: PathBuf,
    empty: PathBuf,
    global_args: BTreeMap<String, String>,
    done: BTreeMap<usize, StepState>,
    consumed: BTreeSet<String>,
    warnings: Vec<String>,
    agent: Option<ureq::Agent>,
    mounts: Vec<Mounted>,
    in_userns: bool,
    /// The private network RUN steps join, made by the first step that needs it.
    net: Option<network::detached::Detached>,
}

fn location(file: &Containerfile, i: &Instruction) -> String {
    format!("{}:{}", file.file, i.line)
}

/// Builds `file` from `ctx`. The caller is in ferry's user namespace when rootless and holds
/// no store lock.
pub fn build(
    store: &Store,
    file: &Containerfile,
    ctx: &BuildContext,
    opts: &BuildOptions<'_>,
    progress: &mut dyn Progress,
) -> Result<Built> {
    if file.stages.is_empty() {
        return Err(BuildError::NoStages);
    }
    let target = match &opts.target {
        Some(t) => file
            .stages
            .iter()
            .position(|s| s.name() == Some(t.to_ascii_lowercase().as_str()) || s.index.to_string() == *t)
            .ok_or_else(|| BuildError::NoTarget(t.clone()))?,
        None => file.stages.len() - 1,
    };
    // Keeps a concurrent prune from removing layers the build has reached but not yet committed.
    let _content = store.content_lock()?;
    let tmp = store.temp_dir("build-")?;
    let empty = tmp.join("empty");
    std::fs::create_dir(&empty).map_err(|source| StoreError::Io {
        path: empty.clone(),
        source,
    })?;
    let mut exec = Exec {
        store,
        file,
        ctx,
        opts,
        progress,
        cache: BuildCache::new(store),
        tmp: tmp.clone(),
        empty,
        global_args: BTreeMap::new(),
        done: BTreeMap::new(),
        consumed: BTreeSet::new(),
        warnings: Vec::new(),
        agent: None,
        mounts: Vec::new(),
        in_userns: false,
        net: None,
    };
    let result = exec.run(target);
    exec.mounts.clear();
    // Its helper works in the temporary directory.
    exec.net = None;
    let _ = atomic::remove_tree(&tmp);
    result
}

impl Exec<'_> {
    fn run(&mut self, target: usize) -> Result<Built> {
        self.global_args = self.resolve_global_args()?;
        let needed = self.needed(target);
        let multi = self.file.stages.len() > 1;
        for stage in &self.file.stages {
            if stage.index > target || !needed.contains(&stage.index) {
                continue;
            }
            let prefix = if multi {
                format!("[{}/{}] ", stage.index + 1, self.file.stages.len())
            } else {
                String::new()
            };
            let state = self.run_stage(stage, &prefix, stage.index == target)?;
            self.done.insert(stage.index, state);
        }
        for w in std::mem::take(&mut self.warnings) {
            self.progress.warn(&w);
        }
        let unused: Vec<&String> = self
            .opts
            .build_args
            .keys()
            .filter(|k| !self.consumed.contains(*k) && !PROXY_ARGS.contains(&k.as_str()))
            .collect();
        if !unused.is_empty() {
            self.progress.warn(&format!(
                "one or more build args were not consumed: {}",
                unused.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            ));
        }
        let state = self.done.remove(&target).expect("the target stage ran");
        self.commit(state)
    }

    fn resolve_global_args(&mut self) -> Result<BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        for i in &self.file.global_args {
            let InstructionKind::Arg(decls) = &i.kind else { continue };
            for d in decls {
                let value = match self.opts.build_args.get(&d.name) {
                    Some(v) => Some(v.clone()),
                    None => match &d.default {
                        Some(raw) => Some(
                            subst::process_word(raw, self.file.directives.escape, &|k| out.get(k).cloned())
                                .map_err(|e| self.step_err(i, e.into()))?
                                .value,
                        ),
                        None => None,
                    },
                };
                if let Some(v) = value {
                    out.insert(d.name.clone(), v);
                }
                self.consumed.insert(d.name.clone());
            }
        }
        Ok(out)
    }

    fn step_err(&self, i: &Instruction, e: StepError) -> BuildError {
        BuildError::Step {
            location: location(self.file, i),
            step: i.original.clone(),
            source: Box::new(e),
        }
    }

    /// Stage indexes a name or number refers to, when it is a stage before `before`.
    fn stage_ref(&self, name: &str, before: usize) -> Option<usize> {
        let lower = name.to_ascii_lowercase();
        if let Ok(n) = name.parse::<usize>() {
            return (n < before).then_some(n);
        }
        self.file.stages[..before.min(self.file.stages.len())]
            .iter()
            .rev()
            .find(|s| s.name() == Some(lower.as_str()))
            .map(|s| s.index)
    }

    /// The target and every stage it depends on through FROM, COPY --from and RUN --mount from=.
    fn needed(&self, target: usize) -> BTreeSet<usize> {
        let expand = |raw: &str| {
            subst::process_word(raw, self.file.directives.escape, &|k| self.global_args.get(k).cloned())
                .map(|w| w.value)
                .unwrap_or_else(|_| raw.to_string())
        };
        let mut needed = BTreeSet::new();
        let mut todo = vec![target];
        while let Some(i) = todo.pop() {
            if !needed.insert(i) {
                continue;
            }
            let stage = &self.file.stages[i];
            let mut refs = vec![expand(&stage.from.image)];
            for ins in &stage.instructions {
                match &ins.kind {
                    InstructionKind::Copy(c) => refs.extend(c.from.as_deref().map(expand)),
                    InstructionKind::Run(r) => {
                        refs.extend(r.mounts.iter().filter_map(|m| m.from.as_deref()).map(expand))
                    }
                    _ => {}
                }
            }
            todo.extend(refs.iter().filter_map(|r| self.stage_ref(r, i)));
        }
        needed
    }

    fn run_stage(&mut self, stage: &Stage, prefix: &str, last: bool) -> Result<StepState> {
        let total = stage.instructions.len() + 1;
        let from = &stage.from_instruction;
        self.progress
            .step(&format!("{prefix}STEP 1/{total}: {}", from.original));
        let (state, triggers) = self.from(stage).map_err(|e| self.step_err(from, e))?;
        let mut run = StageRun {
            index: stage.index,
            state,
            args: BTreeMap::new(),
            shell: vec!["/bin/sh".into(), "-c".into()],
            cmd_set: false,
            shared: None,
            prev_cached: true,
        };
        if let Some(Value::Array(sh)) = run.state.config.config.as_ref().and_then(|c| c.extra.get("Shell")) {
            let sh: Vec<String> = sh.iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
            if !sh.is_empty() {
                run.shell = sh;
            }
        }
        if !self.opts.layers || self.opts.squash || self.opts.squash_all {
            let dir = self.tmp.join(format!("stage-{}", stage.index));
            let (upper, work) = (dir.join("upper"), dir.join("work"));
            for d in [&upper, &work] {
                atomic::create_dir_all(d, 0o755)?;
            }
            run.shared = Some(Shared {
                upper,
                work,
                base: run.state.top.clone(),
                last_change: None,
                exclude: run_step::runtime_mount_points(),
            });
        }
        for t in &triggers {
            let ins =
                parser::parse_trigger(t, self.file.directives.escape).map_err(|e| self.step_err(from, e.into()))?;
            self.step(&mut run, &ins).map_err(|e| self.step_err(from, e))?;
        }
        if stage.instructions.is_empty() && !last {
            self.progress.done(&run.state.id()[..11]);
        }
        for (n, ins) in stage.instructions.iter().enumerate() {
            self.progress
                .step(&format!("{prefix}STEP {}/{total}: {}", n + 2, ins.original));
            let cached = self.step(&mut run, ins).map_err(|e| self.step_err(ins, e))?;
            run.prev_cached = cached;
            if cached {
                self.progress.cached(&run.state.id());
            }
            if !(last && n + 1 == stage.instructions.len()) {
                self.progress.done(&run.state.id()[..11]);
            }
        }
        if let Some(shared) = run.shared.take() {
            self.finish_shared(&mut run.state, shared)?;
        }
        Ok(run.state)
    }

    /// The base of a stage and the ONBUILD triggers it brings.
    fn from(&mut self, stage: &Stage) -> StepResult<(StepState, Vec<String>)> {
        let escape = self.file.directives.escape;
        let lookup = |k: &str| self.global_args.get(k).cloned();
        if let Some(p) = &stage.from.platform {
            let p = subst::process_word(p, escape, &lookup)?.value;
            check_platform(&p)?;
        }
        let name = subst::process_word(&stage.from.image, escape, &lookup)?.value;
        if name.is_empty() {
            return Err(invalid("FROM requires an image name"));
        }
        let mut state = if name == "scratch" {
            StepState {
                config: ImageConfig::new_for_host(Vec::new()),
                layers: Vec::new(),
                top: None,
            }
        } else if let Some(i) = self
            .stage_ref(&name, stage.index)
            .filter(|_| name.parse::<usize>().is_err())
        {
            self.done
                .get(&i)
                .cloned()
                .ok_or_else(|| invalid(format!("stage {name:?} was not built")))?
        } else {
            self.image_state(&name)?
        };
        let triggers = match state.config.config.as_mut().and_then(|c| c.extra.remove("OnBuild")) {
            Some(Value::Array(t)) => t.into_iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
            _ => Vec::new(),
        };
        Ok((state, triggers))
    }

    /// Rootless: enters ferry's user namespace, once, before the first step that unpacks layers,
    /// mounts or runs a container.
    fn need_userns(&mut self) -> Result<(), crate::runtime::userns::UsernsError> {
        if let Some(m) = &self.opts.userns
            && !self.in_userns
        {
            crate::runtime::userns::enter(m)?;
            self.in_userns = true;
        }
        Ok(())
    }

    /// The build's private network, to join: started by the first step that needs it, as
    /// `mode` says (`None`: pasta, else slirp4netns).
    fn private_network(&mut self, mode: Option<network::Mode>) -> StepResult<(network::Mode, std::os::fd::OwnedFd)> {
        if self.net.is_none() {
            let mode = match mode {
                Some(m) => m,
                // Neither helper lets the steps reach the host's loopback (pasta would through
                // its gateway address by default): as Podman 5 does.
                None => match network::Mode::parse("private")? {
                    network::Mode::Pasta { mut options } => {
                        options.push(network::PASTA_NO_MAP_GW.to_string());
                        network::Mode::Pasta { options }
                    }
                    m => m,
                },
            };
            let dir = self.tmp.join("network");
            atomic::create_dir_all(&dir, 0o700)?;
            self.net = Some(network::detached::Detached::start(&dir, mode)?);
        }
        let net = self.net.as_ref().expect("started above");
        Ok((net.mode().clone(), net.join()?))
    }

    /// A local image whose layers are all unpacked, when the pull policy does not ask for a pull:
    /// nothing to write, so no user namespace needed.
    fn local_image_state(&self, name: &str) -> Option<StepState> {
        if !matches!(self.opts.pull, PullPolicy::Missing | PullPolicy::Never) {
            return None;
        }
        let record = lookup::find(self.store, name).ok()?;
        let image = lookup::open(self.store, &record).ok()?;
        let mut top: Option<Digest> = None;
        for diff in &image.config.rootfs.diff_ids {
            let chain = crate::store::layers::chain_id(top.as_ref(), diff);
            if !self.store.layers().has(&chain) {
                return None;
            }
            top = Some(chain);
        }
        (image.manifest.layers.len() == image.config.rootfs.diff_ids.len()).then_some(StepState {
            config: image.config,
            layers: image.manifest.layers,
            top,
        })
    }

    /// Pulls (per policy) and unpacks an image; its config and layers as a state.
    fn image_state(&mut self, name: &str) -> StepResult<StepState> {
        if let Some(state) = self.local_image_state(name) {
            return Ok(state);
        }
        self.need_userns()?;
        let record = ensure_image(
            self.store,
            name,
            self.opts.pull,
            self.opts.pull_options,
            self.opts.pull_progress,
        )?;
        let image = lookup::open(self.store, &record)?;
        let top = unpack::unpack_image(
            self.store,
            &image.manifest,
            &image.config,
            &self.opts.apply,
            &mut self.warnings,
        )?;
        Ok(StepState {
            config: image.config,
            layers: image.manifest.layers,
            top,
        })
    }

    fn lookup(&self, key: &str, run: &StageRun) -> Option<StepState> {
        if self.opts.no_cache || run.shared.is_some() {
            return None;
        }
        self.cache.get(key)
    }

    fn record(&self, key: &str, run: &StageRun) -> StepResult<()> {
        if run.shared.is_some() {
            return Ok(());
        }
        Ok(self.cache.put(key, &run.state)?)
    }

    /// The root a `--from` names: a stage, a `--build-context`, or an image; `None`: the
    /// context. Returns the directory and an id for the cache key.
    fn source_root(&mut self, from: Option<&str>, stage: usize) -> StepResult<(PathBuf, String)> {
        let Some(from) = from else {
            return Ok((self.ctx.root().to_path_buf(), "context".into()));
        };
        if let Some(dir) = self.opts.contexts.get(&from.to_ascii_lowercase()) {
            return Ok((dir.clone(), format!("context:{}", dir.display())));
        }
        let state = match self.stage_ref(from, stage) {
            Some(i) => self
                .done
                .get(&i)
                .cloned()
                .ok_or_else(|| invalid(format!("stage {from:?} was not built")))?,
            None if from.parse::<usize>().is_ok() => {
                return Err(invalid(format!(
                    "invalid --from={from}: no stage {from} before this one"
                )));
            }
            None => self.image_state(from)?,
        };
        let id = state.id();
        self.need_userns()?;
        let lowers = self.lower_links(&state.top)?;
        let target = self.tmp.join(format!("from-{}", crate::store::atomic::unique_name("")));
        atomic::create_dir_all(&target, 0o755)?;
        // The lowest lower is the empty directory, so a one-layer image mounts read-only too.
        let mut all = lowers;
        if all.last() != Some(&self.empty) {
            all.push(self.empty.clone());
        }
        let m = workspace::mount_overlay(&target, &all, None, self.opts.userns.is_some())?;
        self.mounts.push(m);
        Ok((target, id))
    }

    fn agent(&mut self) -> StepResult<ureq::Agent> {
        if let Some(a) = &self.agent {
            return Ok(a.clone());
        }
        // Before any thread a download might start: the user namespace needs a single thread.
        self.need_userns()?;
        let tls = crate::registry::tls::config(&[], false).map_err(|e| invalid(e.to_string()))?;
        let agent = ureq::Agent::config_builder()
            .tls_config(tls)
            .user_agent(format!("ferry/{}", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        self.agent = Some(agent.clone());
        Ok(agent)
    }
}

/// `--platform` of FROM and of the build: only this host's platform can be built.
pub fn check_platform(p: &str) -> StepResult<()> {
    let host = format!("linux/{}", host_arch());
    let norm = p.trim().to_ascii_lowercase();
    if norm.is_empty()
        || norm == host
        || norm.strip_prefix(&host).is_some_and(|v| v.starts_with('/'))
        || norm == "linux"
    {
        return Ok(());
    }
    Err(invalid(format!(
        "platform {p:?} is not supported: ferry builds for this host's platform ({host}) only"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_other_than_the_host_are_refused() {
        let host = format!("linux/{}", host_arch());
        assert!(check_platform(&host).is_ok());
        assert!(check_platform(&format!("{host}/v8")).is_ok());
        assert!(check_platform("").is_ok());
        for bad in ["windows/amd64", "linux/s390x-bogus", "linux/mips"] {
            assert!(check_platform(bad).is_err(), "{bad}");
        }
    }
}
