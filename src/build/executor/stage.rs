//! Instructions that only change the image config (ENV, LABEL, WORKDIR, USER, CMD, ...) and
//! ARG: each computes the new config, which with the used build args is its cache key.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::{Exec, StageRun, StepResult, invalid, now};
use crate::build::ast::{Command, Healthcheck, Instruction, InstructionKind};
use crate::build::cache::KeyBuilder;
use crate::build::subst;
use crate::build::workspace;
use crate::image::manifest::{History, RunConfig};

impl Exec<'_> {
    /// Runs one instruction; returns whether the result came from the cache.
    pub(super) fn step(&mut self, run: &mut StageRun, ins: &Instruction) -> StepResult<bool> {
        let escape = self.file.directives.escape;
        let vars = vars_of(run);
        let lookup = |k: &str| vars.get(k).cloned();
        let mut used = BTreeSet::new();
        let mut word = |raw: &str| -> StepResult<String> {
            let w = subst::process_word(raw, escape, &lookup)?;
            used.extend(w.used);
            Ok(w.value)
        };
        let mut config = run.state.config.run_config();
        let mut author = None;
        let mut shell = None;
        // Metadata instructions: compute the new config first (it is also the cache key input).
        let mut key_text = ins.original.clone();
        match &ins.kind {
            InstructionKind::Run(_) | InstructionKind::Copy(_) | InstructionKind::Add(_) => {
                return self.changing_step(run, ins);
            }
            InstructionKind::From(_) => return Err(invalid("FROM cannot be used here")),
            InstructionKind::Arg(decls) => {
                for d in decls {
                    let value = match self.opts.build_args.get(&d.name) {
                        Some(v) => Some(v.clone()),
                        None => match &d.default {
                            Some(raw) => Some(word(raw)?),
                            None => self.global_args.get(&d.name).cloned(),
                        },
                    };
                    self.consumed.insert(d.name.clone());
                    match value {
                        Some(v) => run.args.insert(d.name.clone(), v),
                        None => run.args.remove(&d.name),
                    };
                }
                check_size(&run.args, &config)?;
                // An ARG changes no image content: only the steps that use its value depend on it.
                // It counts as cached when the step before it was.
                return Ok(run.prev_cached && !self.opts.no_cache && run.shared.is_none());
            }
            InstructionKind::Env(pairs) => {
                let mut env = config.env.take().unwrap_or_default();
                for kv in pairs {
                    let (k, v) = (word(&kv.key)?, word(&kv.value)?);
                    env.retain(|e| e.split_once('=').map_or(e.as_str(), |(ek, _)| ek) != k);
                    env.push(format!("{k}={v}"));
                }
                key_text = format!("ENV {}", env.join("\0"));
                config.env = Some(env);
            }
            InstructionKind::Label(pairs) => {
                let mut labels = config.labels.take().unwrap_or_default();
                for kv in pairs {
                    labels.insert(word(&kv.key)?, word(&kv.value)?);
                }
                key_text = format!("LABEL {labels:?}");
                config.labels = Some(labels);
            }
            InstructionKind::Workdir(raw) => {
                let w = word(raw)?;
                let base = config
                    .working_dir
                    .clone()
                    .filter(|w| !w.is_empty())
                    .unwrap_or("/".into());
                let joined = if w.starts_with('/') {
                    w
                } else {
                    format!("{}/{w}", base.trim_end_matches('/'))
                };
                let clean = workspace::normalize(&joined).unwrap_or_default();
                config.working_dir = Some(format!("/{}", clean.display()));
                key_text = format!("WORKDIR {}", config.working_dir.as_deref().unwrap_or("/"));
            }
            InstructionKind::User(raw) => {
                config.user = Some(word(raw)?);
                key_text = format!("USER {}", config.user.as_deref().unwrap_or(""));
            }
            InstructionKind::Expose(words) => {
                let mut ports = config.exposed_ports.take().unwrap_or_default();
                for raw in words {
                    let w = subst::process_words(raw, escape, &lookup)?;
                    used.extend(w.used);
                    for p in w.values {
                        let key = if p.contains('/') {
                            p.to_ascii_lowercase()
                        } else {
                            format!("{p}/tcp")
                        };
                        ports.insert(key, json!({}));
                    }
                }
                key_text = format!("EXPOSE {:?}", ports.keys().collect::<Vec<_>>());
                config.exposed_ports = Some(ports);
            }
            InstructionKind::Volume(words) => {
                let joined = words.join(" ");
                let list: Vec<String> = match serde_json::from_str::<Vec<String>>(&joined) {
                    Ok(v) if joined.trim_start().starts_with('[') => v,
                    _ => {
                        let mut out = Vec::new();
                        for raw in words {
                            let w = subst::process_words(raw, escape, &lookup)?;
                            used.extend(w.used);
                            out.extend(w.values);
                        }
                        out
                    }
                };
                let mut vols = config.volumes.take().unwrap_or_default();
                for v in list.into_iter().filter(|v| !v.is_empty()) {
                    vols.insert(v, json!({}));
                }
                key_text = format!("VOLUME {:?}", vols.keys().collect::<Vec<_>>());
                config.volumes = Some(vols);
            }
            InstructionKind::Cmd(c) => {
                config.cmd = Some(command_args(c, &run.shell));
                run.cmd_set = true;
            }
            InstructionKind::Entrypoint(c) => {
                config.entrypoint = Some(command_args(c, &run.shell));
                // Docker: a CMD inherited from the base does not apply to a new ENTRYPOINT.
                if !run.cmd_set {
                    config.cmd = None;
                }
                key_text = format!("{key_text}\0cmd_set={}", run.cmd_set);
            }
            InstructionKind::Shell(sh) => {
                if sh.is_empty() {
                    return Err(invalid("SHELL requires at least one argument"));
                }
                config.extra.insert("Shell".into(), json!(sh));
                shell = Some(sh.clone());
            }
            InstructionKind::StopSignal(raw) => {
                config.stop_signal = Some(word(raw)?);
                key_text = format!("STOPSIGNAL {}", config.stop_signal.as_deref().unwrap_or(""));
            }
            InstructionKind::Healthcheck(h) => {
                config.extra.insert("Healthcheck".into(), healthcheck(h));
            }
            InstructionKind::Onbuild(trigger) => {
                let mut list = match config.extra.remove("OnBuild") {
                    Some(Value::Array(v)) => v,
                    _ => Vec::new(),
                };
                list.push(json!(trigger.original));
                config.extra.insert("OnBuild".into(), Value::Array(list));
            }
            InstructionKind::Maintainer(m) => {
                author = Some(m.clone());
            }
        }
        check_size(&run.args, &config)?;
        if let Some(sh) = shell {
            run.shell = sh;
        }
        let mut key = KeyBuilder::new(&run.state.id());
        key.add("instruction", &key_text);
        for u in &used {
            if let Some(v) = run.args.get(u) {
                key.add("arg", &format!("{u}={v}"));
            }
        }
        let key = key.finish();
        if let Some(hit) = self.lookup(&key, run) {
            run.state = hit;
            return Ok(true);
        }
        let mut state = run.state.clone();
        let created = now();
        state.config.config = Some(config);
        if let Some(a) = author {
            state.config.author = Some(a);
        }
        state.config.created = Some(created.clone());
        state.config.history.push(History {
            created: Some(created),
            created_by: Some(format!("/bin/sh -c #(nop) {}", ins.original)),
            empty_layer: true,
            ..Default::default()
        });
        run.state = state;
        self.record(&key, run)?;
        Ok(false)
    }
}

/// What a stage's ARG values and expanded config values (ENV, LABEL, EXPOSE, VOLUME) may take
/// together: each word is bounded (`subst::MAX_EXPANSION`), but a long Containerfile could
/// still repeat a large value line after line.
pub(super) const MAX_STAGE_VALUES: usize = 8 << 20;

fn check_size(args: &BTreeMap<String, String>, config: &RunConfig) -> StepResult<()> {
    let pairs = args.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>();
    let env = config.env.iter().flatten().map(String::len).sum::<usize>();
    let labels = config
        .labels
        .iter()
        .flatten()
        .map(|(k, v)| k.len() + v.len())
        .sum::<usize>();
    let keys = [&config.exposed_ports, &config.volumes]
        .into_iter()
        .flatten()
        .flat_map(|m| m.keys())
        .map(String::len)
        .sum::<usize>();
    if pairs + env + labels + keys > MAX_STAGE_VALUES {
        return Err(invalid(format!(
            "the stage's ARG, ENV, LABEL, EXPOSE and VOLUME values take more than {MAX_STAGE_VALUES} bytes"
        )));
    }
    Ok(())
}

/// Variables visible to substitution: the stage's ARGs, overridden by its ENV (as Docker).
pub(super) fn vars_of(run: &StageRun) -> BTreeMap<String, String> {
    let mut vars = run.args.clone();
    for e in run.state.config.run_config().env.unwrap_or_default() {
        if let Some((k, v)) = e.split_once('=') {
            vars.insert(k.to_string(), v.to_string());
        }
    }
    vars
}

fn command_args(c: &Command, shell: &[String]) -> Vec<String> {
    match c {
        Command::Exec(v) => v.clone(),
        Command::Shell(s) => shell.iter().cloned().chain([s.clone()]).collect(),
    }
}

fn healthcheck(h: &Healthcheck) -> Value {
    match h {
        Healthcheck::None => json!({"Test": ["NONE"]}),
        Healthcheck::Check {
            command,
            interval,
            timeout,
            start_period,
            start_interval,
            retries,
        } => {
            let test: Vec<String> = match command {
                Command::Exec(v) => ["CMD".to_string()].into_iter().chain(v.iter().cloned()).collect(),
                Command::Shell(s) => vec!["CMD-SHELL".into(), s.clone()],
            };
            let mut v = json!({ "Test": test });
            let ns = |d: &std::time::Duration| json!(d.as_nanos() as u64);
            for (k, d) in [
                ("Interval", interval),
                ("Timeout", timeout),
                ("StartPeriod", start_period),
                ("StartInterval", start_interval),
            ] {
                if let Some(d) = d {
                    v[k] = ns(d);
                }
            }
            if let Some(r) = retries {
                v["Retries"] = json!(r);
            }
            v
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn healthcheck_config_matches_docker() {
        let h = Healthcheck::Check {
            command: Command::Shell("curl -f localhost".into()),
            interval: Some(std::time::Duration::from_secs(30)),
            timeout: None,
            start_period: None,
            start_interval: None,
            retries: Some(3),
        };
        let v = healthcheck(&h);
        assert_eq!(v["Test"], json!(["CMD-SHELL", "curl -f localhost"]));
        assert_eq!(v["Interval"], json!(30_000_000_000u64));
        assert_eq!(v["Retries"], json!(3));
        assert_eq!(healthcheck(&Healthcheck::None), json!({"Test": ["NONE"]}));
    }

    #[test]
    fn cmd_shell_form_uses_the_shell() {
        let sh = vec!["/bin/bash".to_string(), "-c".to_string()];
        assert_eq!(
            command_args(&Command::Shell("x y".into()), &sh),
            ["/bin/bash", "-c", "x y"]
        );
        assert_eq!(command_args(&Command::Exec(vec!["a".into()]), &sh), ["a"]);
    }
}
