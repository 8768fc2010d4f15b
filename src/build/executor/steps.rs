//! RUN, COPY and ADD: the steps that change files. Their inputs (the command and its mounts, or
//! the content of the copied files) make the cache key; on a miss they write into an upper
//! directory whose changes become the step's layer.

use std::collections::BTreeSet;
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::PathBuf;

use super::stage::vars_of;
use super::{Exec, PROXY_ARGS, StageRun, StepError, StepResult, invalid};
use crate::build::ast::{self, Command, Instruction, InstructionKind, MountKind, Source};
use crate::build::cache::{self, KeyBuilder};
use crate::build::copy::{self, CopyError, CopyOptions, Plan};
use crate::build::run_step::{self, ExtraMount, RunStep};
use crate::build::subst;
use crate::build::workspace::{self, Owner, RootDir};
use crate::image::manifest::RunConfig;
use crate::network;
use crate::runtime::rootfs::resolve_user;
use crate::store::atomic;

impl Exec<'_> {
    /// RUN, COPY and ADD: steps that change files.
    pub(super) fn changing_step(&mut self, run: &mut StageRun, ins: &Instruction) -> StepResult<bool> {
        let parent = run.state.id();
        match &ins.kind {
            InstructionKind::Run(r) => self.run_instruction(run, ins, r, &parent),
            InstructionKind::Copy(c) => {
                let spec = CopySpec {
                    sources: &c.sources,
                    dest: &c.dest,
                    from: c.from.as_deref(),
                    chown: c.chown.as_deref(),
                    chmod: c.chmod.as_deref(),
                    exclude: &c.exclude,
                    checksum: None,
                    add: false,
                    parents: c.parents,
                };
                self.copy_instruction(run, ins, &spec, &parent)
            }
            InstructionKind::Add(a) => {
                let spec = CopySpec {
                    sources: &a.sources,
                    dest: &a.dest,
                    from: None,
                    chown: a.chown.as_deref(),
                    chmod: a.chmod.as_deref(),
                    exclude: &a.exclude,
                    checksum: a.checksum.as_deref(),
                    add: a.unpack != Some(false),
                    parents: false,
                };
                self.copy_instruction(run, ins, &spec, &parent)
            }
            _ => unreachable!("only called for RUN, COPY and ADD"),
        }
    }
    fn run_instruction(
        &mut self,
        run: &mut StageRun,
        ins: &Instruction,
        r: &ast::Run,
        parent: &str,
    ) -> StepResult<bool> {
        let escape = self.file.directives.escape;
        let vars = vars_of(run);
        let lookup = |k: &str| vars.get(k).cloned();
        let config = run.state.config.run_config();
        // Build args in the environment: declared ones, and the predefined proxy ones given.
        let mut arg_env: Vec<String> = run.args.iter().map(|(k, v)| format!("{k}={v}")).collect();
        for p in PROXY_ARGS {
            if let Some(v) = self.opts.build_args.get(p) {
                arg_env.push(format!("{p}={v}"));
                self.consumed.insert(p.to_string());
            }
        }
        let mut env = arg_env.clone();
        for e in config.env.clone().unwrap_or_default() {
            let k = e.split_once('=').map_or(e.as_str(), |(k, _)| k).to_string();
            env.retain(|x| x.split_once('=').map_or(x.as_str(), |(xk, _)| xk) != k);
            env.push(e);
        }
        let network = match r.network.as_deref() {
            None | Some("default") => self.opts.network.clone(),
            Some("none") => Some(network::Mode::None),
            Some("host") => Some(network::Mode::Host),
            Some(other) => {
                return Err(invalid(format!(
                    "unsupported RUN --network={other:?}: use default, none or host"
                )));
            }
        };
        let mut key = KeyBuilder::new(parent);
        key.add("instruction", &ins.original);
        for h in &r.heredocs {
            key.add("heredoc", &format!("{}\0{}", h.name, h.content));
        }
        let mut history_args: Vec<String> = run.args.iter().map(|(k, v)| format!("{k}={v}")).collect();
        history_args.sort();
        for a in &history_args {
            key.add("arg", a);
        }
        key.add(
            "network",
            match &network {
                Some(network::Mode::None) => "none",
                Some(network::Mode::Host) => "host",
                _ => "private",
            },
        );
        // Mounts: resolved first, since a bind from another stage is part of the key.
        let mut mounts = Vec::new();
        let mut script_mount = None;
        // Cache directories to chown/chmod (inside the user namespace) and to lock, on a miss.
        let mut cache_owners = Vec::new();
        let mut locked = Vec::new();
        let mut rw_binds = Vec::new();
        for m in &r.mounts {
            let w = |raw: &Option<String>| -> StepResult<Option<String>> {
                raw.as_deref()
                    .map(|s| subst::process_word(s, escape, &lookup).map(|w| w.value))
                    .transpose()
                    .map_err(StepError::from)
            };
            let target = w(&m.target)?;
            match m.kind {
                MountKind::Cache => {
                    let target = target.ok_or_else(|| invalid("a cache mount needs a target"))?;
                    let id = w(&m.id)?.unwrap_or_else(|| target.clone());
                    let dir = cache::mount_dir(self.store, &id)?;
                    if m.uid.is_some() || m.gid.is_some() || m.mode.is_some() {
                        cache_owners.push((dir.clone(), m.uid, m.gid, m.mode));
                    }
                    if m.sharing == ast::CacheSharing::Locked {
                        locked.push(dir.with_extension("lock"));
                    }
                    key.add("mount", &format!("cache {id} {target}"));
                    mounts.push(ExtraMount {
                        source: dir,
                        target: absolute(&target, &config),
                        readonly: m.readonly,
                        tmpfs: None,
                    });
                }
                MountKind::Bind => {
                    let target = target.ok_or_else(|| invalid("a bind mount needs a target"))?;
                    let source = w(&m.source)?.unwrap_or_default();
                    let rel = workspace::normalize(&source).ok_or_else(|| CopyError::Outside(source.clone()))?;
                    let (root, id) = self.source_root(w(&m.from)?.as_deref(), run.index)?;
                    // Symlinks in the source resolve inside it, never to host paths.
                    let fd = RootDir::open(&root)?
                        .open_in(&std::path::Path::new("/").join(&rel), nix::fcntl::OFlag::O_PATH)?
                        .ok_or_else(|| CopyError::Missing(source.clone()))?;
                    let host = std::fs::read_link(format!("/proc/self/fd/{}", fd.as_raw_fd()))
                        .map_err(|e| invalid(format!("resolving the bind mount source {source:?}: {e}")))?;
                    key.add(
                        "mount",
                        &format!("bind {id} {} {target} ro={}", rel.display(), m.readonly),
                    );
                    // Context content is hashed (stages and images are named by their state ids).
                    if id.starts_with("context") {
                        let src_root = RootDir::open(&root)?;
                        let ignore = (id == "context").then_some(&self.ctx.ignore);
                        let plan = copy::plan(&src_root, ignore, std::slice::from_ref(&source), &[])?;
                        key.add("content", &copy::digest(&src_root, &plan)?);
                    }
                    if !m.readonly {
                        // Writable as in Docker, the writes discarded: set up after the cache lookup.
                        rw_binds.push(mounts.len());
                    }
                    mounts.push(ExtraMount {
                        source: host,
                        target: absolute(&target, &config),
                        readonly: true,
                        tmpfs: None,
                    });
                }
                MountKind::Secret => {
                    let id = w(&m.id)?.ok_or_else(|| invalid("a secret mount needs an id"))?;
                    let target = target.unwrap_or_else(|| format!("/run/secrets/{id}"));
                    match self.opts.secrets.get(&id) {
                        Some(src) => mounts.push(ExtraMount {
                            source: src.clone(),
                            target: absolute(&target, &config),
                            readonly: true,
                            tmpfs: None,
                        }),
                        None if m.required => {
                            return Err(invalid(format!(
                                "secret {id:?} is required but was not given with --secret"
                            )));
                        }
                        None => {}
                    }
                    key.add("mount", &format!("secret {id} {target}"));
                }
                MountKind::Tmpfs => {
                    let target = target.ok_or_else(|| invalid("a tmpfs mount needs a target"))?;
                    let mut o = vec!["nosuid".to_string(), "nodev".to_string()];
                    if let Some(s) = m.size {
                        o.push(format!("size={s}"));
                    }
                    key.add("mount", &format!("tmpfs {target} {o:?}"));
                    mounts.push(ExtraMount {
                        source: PathBuf::from("tmpfs"),
                        target: absolute(&target, &config),
                        readonly: false,
                        tmpfs: Some(o),
                    });
                }
                MountKind::Ssh => return Err(invalid("RUN --mount=type=ssh is not supported")),
            }
        }
        let key = key.finish();
        if let Some(hit) = self.lookup(&key, run) {
            run.state = hit;
            return Ok(true);
        }
        let (upper, work, scratch, base) = self.workspace(run, "run")?;
        for (dir, uid, gid, mode) in cache_owners {
            nix::unistd::chown(
                &dir,
                uid.map(nix::unistd::Uid::from_raw),
                gid.map(nix::unistd::Gid::from_raw),
            )
            .map_err(|e| invalid(format!("chown of the cache directory {}: {e}", dir.display())))?;
            if let Some(mode) = mode {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(mode))
                    .map_err(|e| invalid(format!("chmod of the cache directory {}: {e}", dir.display())))?;
            }
        }
        // Writable binds: a directory gets an overlay whose upper is thrown away with the step;
        // a file, a private copy.
        let mut rw_mounts = Vec::new();
        for (n, idx) in rw_binds.into_iter().enumerate() {
            let m = &mut mounts[idx];
            let dir = scratch.join(format!("rw-{n}"));
            atomic::create_dir_all(&dir.join("upper"), 0o755)?;
            atomic::create_dir_all(&dir.join("work"), 0o755)?;
            atomic::create_dir_all(&dir.join("merged"), 0o755)?;
            if m.source.is_dir() {
                let (u, w) = (dir.join("upper"), dir.join("work"));
                rw_mounts.push(workspace::mount_overlay(
                    &dir.join("merged"),
                    std::slice::from_ref(&m.source),
                    Some((&u, &w)),
                    self.opts.userns.is_some(),
                )?);
                m.source = dir.join("merged");
            } else {
                let copy = dir.join("file");
                std::fs::copy(&m.source, &copy)
                    .map_err(|e| invalid(format!("copying {} for a writable bind: {e}", m.source.display())))?;
                m.source = copy;
            }
            m.readonly = false;
        }
        // sharing=locked: one RUN at a time uses the directory (other builds wait).
        let _locks = locked
            .iter()
            .map(|l| crate::store::lock::lock(l, crate::store::lock::Mode::Exclusive))
            .collect::<Result<Vec<_>, _>>()?;
        // As Buildah: a missing WORKDIR is created owned by root, not by the RUN's user (which
        // the runtime would do for `run`).
        if let Some(w) = config.working_dir.as_deref().filter(|w| !w.is_empty() && *w != "/") {
            let pre = scratch.join("workdir");
            atomic::create_dir_all(&pre, 0o755)?;
            let lowers = self.lower_links(&base)?;
            let _mounted = workspace::mount_overlay(&pre, &lowers, Some((&upper, &work)), self.opts.userns.is_some())?;
            RootDir::open(&pre)?.mkdir_all(std::path::Path::new(w), 0o755, Owner::default())?;
        }
        let args = match (&r.command, r.sole_heredoc()) {
            (Command::Exec(a), _) => a.clone(),
            (Command::Shell(_), Some(h)) if h.content.starts_with("#!") => {
                let script = scratch.join("script");
                std::fs::write(&script, &h.content)
                    .map_err(|e| invalid(format!("writing {}: {e}", script.display())))?;
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755));
                let target = format!("/dev/pipes/{}", h.name);
                script_mount = Some(target.clone());
                mounts.push(ExtraMount {
                    source: script,
                    target: target.clone(),
                    readonly: true,
                    tmpfs: None,
                });
                vec![target]
            }
            (Command::Shell(_), Some(h)) => run.shell.iter().cloned().chain([h.content.clone()]).collect(),
            (Command::Shell(_), None) => run.shell.iter().cloned().chain(r.shell_script()).collect(),
        };
        if args.is_empty() {
            return Err(invalid("RUN requires a command"));
        }
        let mut layer_dirs = vec![upper.clone()];
        layer_dirs.extend(self.lower_dirs(&base)?);
        let mut lowers: Vec<String> = Vec::new();
        let mut cur = base.clone();
        while let Some(c) = cur {
            let info = self.store.layers().get(&c)?;
            lowers.push(format!("l/{}", info.link));
            cur = info.parent;
        }
        if lowers.is_empty() {
            lowers.push(self.empty.display().to_string());
        }
        let output = if self.opts.quiet { Some(stderr_pair()?) } else { None };
        let (network, join_net) = match network {
            Some(m) if !m.needs_helper() => (m, None),
            m => {
                let (mode, fd) = self.private_network(m)?;
                (mode, Some(fd))
            }
        };
        let exclude: Vec<PathBuf> = run_step::runtime_mount_points()
            .into_iter()
            .chain(mounts.iter().map(|m| PathBuf::from(&m.target)))
            .chain(script_mount.map(PathBuf::from))
            .collect();
        run_step::run(RunStep {
            store: self.store,
            lowers,
            layer_dirs,
            upper: &upper,
            work: &work,
            scratch: &scratch,
            args,
            env,
            workdir: config
                .working_dir
                .clone()
                .filter(|w| !w.is_empty())
                .unwrap_or("/".into()),
            user: config.user.clone().filter(|u| !u.is_empty()).unwrap_or("0".into()),
            network,
            join_net,
            mounts,
            userns: self.opts.userns.clone(),
            output,
        })?;
        run_step::prune_placeholders(&upper, &self.lower_dirs(&base)?, &exclude);
        let shown_args: Vec<String> = history_args;
        let created_by = if shown_args.is_empty() {
            format!("/bin/sh -c {}", strip_keyword(&ins.original))
        } else {
            format!(
                "|{} {} /bin/sh -c {}",
                shown_args.len(),
                shown_args.join(" "),
                strip_keyword(&ins.original)
            )
        };
        self.add_layer(run, &upper, &base, exclude, created_by)?;
        if run.shared.is_none() {
            let _ = atomic::remove_tree(&scratch);
        }
        self.record(&key, run)?;
        Ok(false)
    }
    fn copy_instruction(
        &mut self,
        run: &mut StageRun,
        ins: &Instruction,
        c: &CopySpec<'_>,
        parent: &str,
    ) -> StepResult<bool> {
        let escape = self.file.directives.escape;
        let vars = vars_of(run);
        let lookup = |k: &str| vars.get(k).cloned();
        let used = std::cell::RefCell::new(BTreeSet::new());
        let word = |raw: &str| -> StepResult<String> {
            let w = subst::process_word(raw, escape, &lookup)?;
            used.borrow_mut().extend(w.used);
            Ok(w.value)
        };
        let config = run.state.config.run_config();
        let dest_raw = word(c.dest)?;
        let dest = if dest_raw.starts_with('/') {
            dest_raw.clone()
        } else {
            let base = config
                .working_dir
                .clone()
                .filter(|w| !w.is_empty())
                .unwrap_or("/".into());
            let mut d = format!("{}/{dest_raw}", base.trim_end_matches('/'));
            if dest_raw == "." || dest_raw.ends_with('/') {
                d.push('/');
            }
            d
        };
        let from = c.from.map(word).transpose()?;
        let chown = c.chown.map(word).transpose()?;
        let chmod = match c.chmod.map(word).transpose()? {
            Some(m) => Some(
                u32::from_str_radix(&m, 8)
                    .ok()
                    .filter(|v| *v <= 0o7777)
                    .ok_or_else(|| invalid(format!("invalid --chmod={m}: expected an octal mode")))?,
            ),
            None => None,
        };
        let mut paths = Vec::new();
        let mut urls = Vec::new();
        let mut inline = Vec::new();
        for s in c.sources {
            match s {
                Source::Path(raw) => {
                    let v = word(raw)?;
                    if c.add && (v.starts_with("http://") || v.starts_with("https://")) {
                        urls.push(v);
                    } else if c.add && (v.starts_with("git@") || v.ends_with(".git")) {
                        return Err(invalid(format!("ADD of a git repository ({v}) is not supported")));
                    } else {
                        paths.push(v);
                    }
                }
                Source::Heredoc(h) => {
                    let content = if h.expand {
                        let w = subst::process_heredoc(&h.content, escape, &lookup)?;
                        used.borrow_mut().extend(w.used);
                        w.value
                    } else {
                        h.content.clone()
                    };
                    inline.push((h.name.clone(), content.into_bytes()));
                }
            }
        }
        let exclude: Vec<String> = c.exclude.iter().map(|e| word(e)).collect::<StepResult<_>>()?;
        let checksum = c.checksum.map(word).transpose()?;
        for u in urls {
            let agent = self.agent()?;
            let (name, data) = copy::download(&agent, &u, checksum.as_deref())?;
            inline.push((name, data));
        }
        let (src_dir, src_id) = self.source_root(from.as_deref(), run.index)?;
        let src_root = RootDir::open(&src_dir)?;
        let ignore = from.is_none().then_some(&self.ctx.ignore);
        let mut plan: Plan = if paths.is_empty() {
            Plan::default()
        } else {
            copy::plan(&src_root, ignore, &paths, &exclude)?
        };
        plan.inline = inline;
        if plan.items.is_empty() && plan.inline.is_empty() {
            return Err(CopyError::NoSources.into());
        }
        let content = copy::digest(&src_root, &plan)?;
        let mut key = KeyBuilder::new(parent);
        key.add("instruction", &ins.original);
        key.add("dest", &dest);
        key.add("from", &src_id);
        key.add("content", &content);
        key.add("chown", chown.as_deref().unwrap_or(""));
        key.add("chmod", &format!("{chmod:?}"));
        for u in used.borrow().iter() {
            if let Some(v) = run.args.get(u) {
                key.add("arg", &format!("{u}={v}"));
            }
        }
        let key = key.finish();
        if let Some(hit) = self.lookup(&key, run) {
            run.state = hit;
            return Ok(true);
        }
        let (upper, work, scratch, base) = self.workspace(run, "copy")?;
        let owner = match &chown {
            Some(spec) => {
                let mut dirs = vec![upper.clone()];
                dirs.extend(self.lower_dirs(&base)?);
                let u = resolve_user(&dirs, spec)?;
                Owner { uid: u.uid, gid: u.gid }
            }
            None => Owner::default(),
        };
        {
            let merged = scratch.join("merged");
            atomic::create_dir_all(&merged, 0o755)?;
            let lowers = self.lower_links(&base)?;
            let _mounted =
                workspace::mount_overlay(&merged, &lowers, Some((&upper, &work)), self.opts.userns.is_some())?;
            let target = RootDir::open(&merged)?;
            copy::copy(
                &src_root,
                &plan,
                &target,
                &dest,
                &CopyOptions {
                    owner,
                    chmod,
                    extract: c.add,
                    parents: c.parents,
                },
            )?;
        }
        let keyword = ins.keyword();
        let created_by = format!("/bin/sh -c #(nop) {keyword} {content} in {dest_raw} ");
        self.add_layer(run, &upper, &base, Vec::new(), created_by)?;
        if run.shared.is_none() {
            let _ = atomic::remove_tree(&scratch);
        }
        self.record(&key, run)?;
        Ok(false)
    }
}

/// The fields COPY and ADD share.
struct CopySpec<'a> {
    sources: &'a [Source],
    dest: &'a str,
    from: Option<&'a str>,
    chown: Option<&'a str>,
    chmod: Option<&'a str>,
    exclude: &'a [String],
    checksum: Option<&'a str>,
    /// ADD: extract local archives.
    add: bool,
    /// `--parents`: keep the sources' paths below the destination.
    parents: bool,
}

/// `RUN x` → `x` (the text after the keyword), for history.
fn strip_keyword(original: &str) -> &str {
    let t = original.trim_start();
    t.split_once(char::is_whitespace)
        .map_or("", |(_, rest)| rest.trim_start())
}

fn absolute(target: &str, config: &RunConfig) -> String {
    if target.starts_with('/') {
        return target.to_string();
    }
    let base = config
        .working_dir
        .clone()
        .filter(|w| !w.is_empty())
        .unwrap_or("/".into());
    format!("{}/{target}", base.trim_end_matches('/'))
}

fn stderr_pair() -> StepResult<(OwnedFd, OwnedFd)> {
    let dup = || nix::unistd::dup(std::io::stderr()).map_err(|e| invalid(format!("duplicating stderr: {e}")));
    Ok((dup()?, dup()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_is_stripped_for_history() {
        assert_eq!(strip_keyword("RUN echo hi"), "echo hi");
        assert_eq!(
            strip_keyword("run   --mount=type=cache,target=/c make"),
            "--mount=type=cache,target=/c make"
        );
        assert_eq!(strip_keyword("RUN"), "");
    }

    #[test]
    fn relative_targets_follow_the_workdir() {
        let rc = RunConfig {
            working_dir: Some("/app".into()),
            ..Default::default()
        };
        assert_eq!(absolute("c", &rc), "/app/c");
        assert_eq!(absolute("/c", &rc), "/c");
    }
}
