//! Containerfile text to `ast::Containerfile`: instructions, their flags and arguments, stages.

use std::time::Duration;

use super::ast::{
    Add, ArgDecl, Command, Containerfile, Copy, From, Healthcheck, Heredoc, Instruction, InstructionKind, KeyValue,
    Run, Source, Stage,
};
use super::flags::{Flags, parse_duration, parse_mount};
use super::heredoc;
use super::lexer::{self, LogicalLine};

/// A syntax error, located in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ParseError {
    pub file: String,
    /// 1-based; the first line of the instruction at fault.
    pub line: usize,
    pub message: String,
}

const KEYWORDS: [&str; 18] = [
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

/// Parses a whole Containerfile; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Containerfile, ParseError> {
    let at = |line: usize, message: String| ParseError {
        file: file.to_string(),
        line,
        message,
    };
    let lines = lexer::physical_lines(text);
    let (directives, start) = lexer::directives(&lines).map_err(|e| at(e.line, e.message))?;
    let logical = lexer::logical_lines(&lines, start, directives.escape).map_err(|e| at(e.line, e.message))?;
    let mut global_args = Vec::new();
    let mut stages: Vec<Stage> = Vec::new();
    for l in logical {
        let line = l.line;
        let instruction = instruction(l, directives.escape).map_err(|m| at(line, m))?;
        match &instruction.kind {
            InstructionKind::From(from) => {
                if let Some(name) = &from.alias
                    && stages.iter().any(|s| s.name() == Some(name))
                {
                    return Err(at(line, format!("FROM: duplicate stage name {name:?}")));
                }
                stages.push(Stage {
                    index: stages.len(),
                    from: from.clone(),
                    from_instruction: instruction,
                    instructions: Vec::new(),
                });
            }
            kind => match stages.last_mut() {
                Some(stage) => stage.instructions.push(instruction),
                None if matches!(kind, InstructionKind::Arg(_)) => global_args.push(instruction),
                None => {
                    return Err(at(
                        line,
                        format!(
                            "{}: the first instruction must be FROM (only ARG may precede it)",
                            kind.keyword()
                        ),
                    ));
                }
            },
        }
    }
    if stages.is_empty() {
        let line = global_args.last().map_or(1, |i: &Instruction| i.line);
        let what = if global_args.is_empty() {
            "the file has no instructions"
        } else {
            "no FROM instruction"
        };
        return Err(at(line, what.to_string()));
    }
    Ok(Containerfile {
        file: file.to_string(),
        directives,
        global_args,
        stages,
    })
}

/// Parses one ONBUILD trigger as stored in an image config (`RUN make`); heredocs are not
/// recognised there, as in Docker. Errors cite `ONBUILD:1`.
pub fn parse_trigger(text: &str, escape: char) -> Result<Instruction, ParseError> {
    let l = LogicalLine {
        line: 1,
        end_line: 1,
        text: text.trim().to_string(),
        heredocs: Vec::new(),
    };
    let at = |message: String| ParseError {
        file: "ONBUILD".into(),
        line: 1,
        message,
    };
    let i = instruction(l, escape).map_err(at)?;
    check_trigger(&i.kind).map_err(at)?;
    Ok(i)
}

fn check_trigger(kind: &InstructionKind) -> Result<(), String> {
    match kind {
        InstructionKind::Onbuild(_) => Err("ONBUILD: chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed".into()),
        InstructionKind::From(_) => Err("ONBUILD: FROM isn't allowed as an ONBUILD trigger".into()),
        InstructionKind::Maintainer(_) => Err("ONBUILD: MAINTAINER isn't allowed as an ONBUILD trigger".into()),
        _ => Ok(()),
    }
}

/// One logical line to an instruction; the error message names the instruction.
fn instruction(l: LogicalLine, escape: char) -> Result<Instruction, String> {
    let (word, rest) = lexer::split_keyword(&l.text);
    let keyword = word.to_ascii_uppercase();
    if !KEYWORDS.contains(&keyword.as_str()) {
        return Err(match suggestion(&keyword) {
            Some(s) => format!("unknown instruction: {word} (did you mean {s}?)"),
            None => format!("unknown instruction: {word}"),
        });
    }
    let kind = instruction_kind(&keyword, rest, l.heredocs, escape).map_err(|m| format!("{keyword}: {m}"))?;
    Ok(Instruction {
        line: l.line,
        end_line: l.end_line,
        original: l.text.clone(),
        kind,
    })
}

/// A known keyword within edit distance 2 of a mistyped one (`FORM` → `FROM`).
fn suggestion(word: &str) -> Option<&'static str> {
    fn distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut cur = vec![i + 1];
            for (j, cb) in b.iter().enumerate() {
                let sub = prev[j] + usize::from(ca != *cb);
                cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
            }
            prev = cur;
        }
        prev[b.len()]
    }
    if word.len() > 32 {
        return None;
    }
    KEYWORDS
        .iter()
        .map(|k| (distance(word, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k)
}

fn instruction_kind(
    keyword: &str,
    rest: &str,
    heredocs: Vec<Heredoc>,
    escape: char,
) -> Result<InstructionKind, String> {
    // ONBUILD's flags belong to its trigger.
    if keyword == "ONBUILD" {
        return onbuild(rest, escape);
    }
    let (mut flags, args) = Flags::extract(rest)?;
    let kind = match keyword {
        "FROM" => {
            let platform = flags.string("platform")?;
            InstructionKind::From(from(args, platform)?)
        }
        "RUN" => {
            let mut mounts = Vec::new();
            for m in flags.all("mount")? {
                mounts.push(parse_mount(&m)?);
            }
            let network = flags.string("network")?;
            if let Some(n) = &network
                && !matches!(n.as_str(), "default" | "none" | "host")
            {
                return Err(format!("unsupported network mode {n:?} (default, none or host)"));
            }
            let security = flags.string("security")?;
            if let Some(s) = &security
                && !matches!(s.as_str(), "sandbox" | "insecure")
            {
                return Err(format!("unsupported security mode {s:?} (sandbox or insecure)"));
            }
            InstructionKind::Run(Run {
                command: command(args)?,
                mounts,
                network,
                security,
                heredocs,
            })
        }
        "COPY" => {
            let (sources, dest) = sources_and_dest(keyword, args, heredocs, escape)?;
            InstructionKind::Copy(Copy {
                sources,
                dest,
                from: flags.string("from")?,
                chown: flags.string("chown")?,
                chmod: flags.string("chmod")?,
                link: flags.bool("link")?,
                parents: flags.bool("parents")?,
                exclude: flags.all("exclude")?,
            })
        }
        "ADD" => {
            let (sources, dest) = sources_and_dest(keyword, args, heredocs, escape)?;
            let unpack = if flags.has("unpack") {
                Some(flags.bool("unpack")?)
            } else {
                None
            };
            InstructionKind::Add(Add {
                sources,
                dest,
                chown: flags.string("chown")?,
                chmod: flags.string("chmod")?,
                link: flags.bool("link")?,
                exclude: flags.all("exclude")?,
                checksum: flags.string("checksum")?,
                keep_git_dir: flags.bool("keep-git-dir")?,
                unpack,
            })
        }
        "ENV" => InstructionKind::Env(pairs(args, escape, "ENV")?),
        "LABEL" => InstructionKind::Label(pairs(args, escape, "LABEL")?),
        "ARG" => InstructionKind::Arg(arg(args, escape)?),
        "WORKDIR" => InstructionKind::Workdir(one_string(args)?),
        "USER" => InstructionKind::User(one_string(args)?),
        "STOPSIGNAL" => InstructionKind::StopSignal(one_string(args)?),
        "MAINTAINER" => InstructionKind::Maintainer(one_string(args)?),
        "EXPOSE" => InstructionKind::Expose(at_least_one(args.split_whitespace().map(String::from).collect())?),
        "VOLUME" => InstructionKind::Volume(at_least_one(json_or_fields(args))?),
        "CMD" => InstructionKind::Cmd(command(args)?),
        "ENTRYPOINT" => InstructionKind::Entrypoint(command(args)?),
        "SHELL" => match json_strings(args.trim()) {
            Some(v) if v.is_empty() => return Err("requires at least one argument".into()),
            Some(v) => InstructionKind::Shell(v),
            None => return Err("requires the arguments to be in JSON form".into()),
        },
        "HEALTHCHECK" => InstructionKind::Healthcheck(healthcheck(&mut flags, args)?),
        _ => unreachable!("keyword checked against KEYWORDS"),
    };
    flags.finish()?;
    Ok(kind)
}

fn onbuild(rest: &str, escape: char) -> Result<InstructionKind, String> {
    if rest.is_empty() {
        return Err("requires at least one argument".into());
    }
    // Refuse a chained ONBUILD before parsing it, so that `ONBUILD ONBUILD ...` cannot recurse.
    if lexer::split_keyword(rest).0.eq_ignore_ascii_case("ONBUILD") {
        return Err("chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed".into());
    }
    let inner = instruction(
        LogicalLine {
            line: 0,
            end_line: 0,
            text: rest.to_string(),
            heredocs: Vec::new(),
        },
        escape,
    )?;
    check_trigger(&inner.kind).map_err(|m| m.trim_start_matches("ONBUILD: ").to_string())?;
    Ok(InstructionKind::Onbuild(Box::new(inner)))
}

/// `["a", "b"]` when `s` is a JSON array of strings.
pub(super) fn json_strings(s: &str) -> Option<Vec<String>> {
    if !s.starts_with('[') {
        return None;
    }
    serde_json::from_str::<Vec<String>>(s).ok()
}

/// Exec form when the arguments are a JSON string array, else shell form (Docker's silent
/// fallback: `CMD [oops` is the shell command `[oops`).
fn command(args: &str) -> Result<Command, String> {
    let args = args.trim();
    if args.is_empty() {
        return Err("requires at least one argument".into());
    }
    Ok(match json_strings(args) {
        Some(v) => Command::Exec(v),
        None => Command::Shell(args.to_string()),
    })
}

fn json_or_fields(args: &str) -> Vec<String> {
    json_strings(args.trim()).unwrap_or_else(|| args.split_whitespace().map(String::from).collect())
}

fn at_least_one(v: Vec<String>) -> Result<Vec<String>, String> {
    if v.is_empty() {
        return Err("requires at least one argument".into());
    }
    Ok(v)
}

fn one_string(args: &str) -> Result<String, String> {
    let args = args.trim();
    if args.is_empty() {
        return Err("requires exactly one argument".into());
    }
    Ok(args.to_string())
}

fn from(args: &str, platform: Option<String>) -> Result<From, String> {
    let words: Vec<&str> = args.split_whitespace().collect();
    let (image, alias) = match words.as_slice() {
        [image] => (image, None),
        [image, as_, name] if as_.eq_ignore_ascii_case("as") => (image, Some(name.to_ascii_lowercase())),
        _ => return Err("requires either one or three arguments (FROM image [AS name])".into()),
    };
    if let Some(name) = &alias {
        let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
        if !valid {
            return Err(format!(
                "invalid name for build stage: {name:?}, name can't start with a number or contain symbols"
            ));
        }
    }
    Ok(From {
        image: image.to_string(),
        alias,
        platform,
    })
}

/// COPY/ADD arguments: JSON, or words split on blanks outside quotes (quotes are removed by
/// substitution later); the last one is the destination. Heredoc openers (`<<EOF`, `<< EOF`)
/// take the bodies read after the line, in order.
fn sources_and_dest(
    keyword: &str,
    args: &str,
    heredocs: Vec<Heredoc>,
    escape: char,
) -> Result<(Vec<Source>, String), String> {
    let (words, openers) = match json_strings(args.trim()) {
        Some(words) => (words, Vec::new()),
        None => {
            let words = lexer::split_words(args, escape);
            let openers = heredoc::openers(&words, escape, false);
            (words, openers)
        }
    };
    let mut heredocs = heredocs.into_iter();
    let mut sources = Vec::new();
    let mut i = 0;
    let mut openers = openers.into_iter().peekable();
    while i < words.len() {
        match openers.next_if(|(at, _, _)| *at == i) {
            Some((_, count, o)) => {
                if i + count >= words.len() {
                    return Err("the destination cannot be a heredoc".into());
                }
                match heredocs.next() {
                    Some(h) => sources.push(Source::Heredoc(h)),
                    None => return Err(format!("heredoc {} has no body", o.name)),
                }
                i += count;
            }
            None => {
                sources.push(Source::Path(words[i].clone()));
                i += 1;
            }
        }
    }
    let Some(Source::Path(dest)) = sources.pop() else {
        return Err(format!(
            "{keyword} requires at least two arguments, but none was provided"
        ));
    };
    if sources.is_empty() {
        return Err(format!(
            "{keyword} requires at least two arguments, but only one was provided: destination could not be determined"
        ));
    }
    Ok((sources, dest))
}

/// ENV/LABEL: `k=v k2="v 2"`, or the legacy one-pair form `k value words`.
fn pairs(args: &str, escape: char, what: &str) -> Result<Vec<KeyValue>, String> {
    let words = lexer::split_words(args, escape);
    let Some(first) = words.first() else {
        return Err("requires at least one argument".into());
    };
    let mut out = Vec::new();
    if !first.contains('=') {
        let (key, value) = lexer::split_keyword(args);
        if value.is_empty() {
            return Err(format!("{what} {key} needs a value (name=value or name value)"));
        }
        out.push(KeyValue {
            key: key.to_string(),
            value: value.to_string(),
        });
    } else {
        for w in &words {
            let Some((k, v)) = w.split_once('=') else {
                return Err(format!(
                    "syntax error: can't find = in {w:?}; must be of the form name=value"
                ));
            };
            out.push(KeyValue {
                key: k.to_string(),
                value: v.to_string(),
            });
        }
    }
    if out.iter().any(|kv| kv.key.is_empty()) {
        return Err("names can not be blank".into());
    }
    Ok(out)
}

fn arg(args: &str, escape: char) -> Result<Vec<ArgDecl>, String> {
    let words = lexer::split_words(args, escape);
    if words.is_empty() {
        return Err("requires at least one argument".into());
    }
    words
        .into_iter()
        .map(|w| {
            let (name, default) = match w.split_once('=') {
                Some((n, d)) => (n.to_string(), Some(d.to_string())),
                None => (w, None),
            };
            let valid = !name.is_empty()
                && !name.starts_with(|c: char| c.is_ascii_digit())
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(format!("invalid argument name {name:?}"));
            }
            Ok(ArgDecl { name, default })
        })
        .collect()
}

fn healthcheck(flags: &mut Flags, args: &str) -> Result<Healthcheck, String> {
    let (kind, rest) = lexer::split_keyword(args);
    if kind.eq_ignore_ascii_case("NONE") {
        if !rest.is_empty() {
            return Err("HEALTHCHECK NONE takes no arguments".into());
        }
        if let Some((name, _)) = flags.items.first() {
            return Err(format!("--{name} cannot be used with NONE"));
        }
        return Ok(Healthcheck::None);
    }
    if !kind.eq_ignore_ascii_case("CMD") {
        return Err(format!("unknown type {kind:?} in HEALTHCHECK (try CMD)"));
    }
    if rest.is_empty() {
        return Err("missing command after HEALTHCHECK CMD".into());
    }
    let mut duration = |name: &str| -> Result<Option<Duration>, String> {
        let Some(v) = flags.string(name)? else {
            return Ok(None);
        };
        let d = parse_duration(&v).ok_or_else(|| format!("invalid duration {v:?} for --{name}"))?;
        if d.is_zero() {
            return Ok(None);
        }
        if d < Duration::from_millis(1) {
            return Err(format!("--{name} cannot be less than 1ms"));
        }
        Ok(Some(d))
    };
    let interval = duration("interval")?;
    let timeout = duration("timeout")?;
    let start_period = duration("start-period")?;
    let start_interval = duration("start-interval")?;
    let retries = match flags.string("retries")? {
        None => None,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n < 0 => return Err(format!("--retries cannot be negative ({n})")),
            Ok(0) => None,
            Ok(n) => Some(u32::try_from(n).map_err(|_| format!("--retries is too large ({n})"))?),
            Err(_) => return Err(format!("invalid --retries value {v:?}")),
        },
    };
    Ok(Healthcheck::Check {
        command: command(rest)?,
        interval,
        timeout,
        start_period,
        start_interval,
        retries,
    })
}

#[cfg(test)]
mod tests {
    use super::super::ast::{CacheSharing, MountKind};
    use super::*;

    fn ok(src: &str) -> Containerfile {
        parse("Containerfile", src).unwrap_or_else(|e| panic!("{src:?}: {e}"))
    }

    fn err(src: &str) -> String {
        match parse("Containerfile", src) {
            Ok(c) => panic!("{src:?} should fail, got {c:?}"),
            Err(e) => e.to_string(),
        }
    }

    /// The kind of the only instruction after `FROM x`.
    fn one(line: &str) -> InstructionKind {
        let c = ok(&format!("FROM x\n{line}\n"));
        assert_eq!(c.stages[0].instructions.len(), 1, "{line:?}");
        c.stages[0].instructions[0].kind.clone()
    }

    fn kv(pairs: &[(&str, &str)]) -> Vec<KeyValue> {
        pairs
            .iter()
            .map(|(k, v)| KeyValue {
                key: k.to_string(),
                value: v.to_string(),
            })
            .collect()
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn stages_and_global_args() {
        let c = ok(
            "# syntax=docker/dockerfile:1\nARG BASE=alpine\nARG V\n\nfrom $BASE AS Build\nRUN make\n\
                    FROM --platform=$BUILDPLATFORM scratch\nCOPY --from=build /out /\n",
        );
        assert_eq!(c.directives.syntax.as_deref(), Some("docker/dockerfile:1"));
        assert_eq!(c.global_args.len(), 2);
        assert_eq!(c.global_args[0].line, 2);
        assert_eq!(c.stages.len(), 2);
        assert_eq!(c.stages[0].name(), Some("build"));
        assert_eq!(c.stages[0].from.image, "$BASE");
        assert_eq!(c.stages[0].from_instruction.line, 5);
        assert_eq!(c.stages[0].instructions[0].original, "RUN make");
        assert_eq!(c.stages[1].index, 1);
        assert_eq!(c.stages[1].from.platform.as_deref(), Some("$BUILDPLATFORM"));
        assert_eq!(c.stages[1].instructions[0].line, 8);
        assert_eq!(c.stages[1].instructions[0].keyword(), "COPY");
    }

    #[test]
    fn errors_cite_file_line_and_instruction() {
        assert_eq!(
            err("FROM x\n\nRUN a\n# c\nRUN b \\\n c\n\nFORM y\n"),
            "Containerfile:8: unknown instruction: FORM (did you mean FROM?)"
        );
        assert_eq!(
            err("FROM x\nBOGUSWORD y"),
            "Containerfile:2: unknown instruction: BOGUSWORD"
        );
        assert_eq!(err(""), "Containerfile:1: the file has no instructions");
        assert_eq!(
            err("\u{feff}\n# only comments\n\n"),
            "Containerfile:1: the file has no instructions"
        );
        assert_eq!(err("ARG A\nARG B\n"), "Containerfile:2: no FROM instruction");
        assert_eq!(
            err("ARG A\nRUN x\nFROM y"),
            "Containerfile:2: RUN: the first instruction must be FROM (only ARG may precede it)"
        );
        assert_eq!(
            err("FROM x\nCOPY --bogus a b"),
            "Containerfile:2: COPY: unknown flag: --bogus"
        );
        assert_eq!(
            err("FROM x\nWORKDIR --from=a /x"),
            "Containerfile:2: WORKDIR: unknown flag: --from"
        );
        assert!(err("FROM x\nRUN <<EOF\nno end\n").starts_with("Containerfile:2: unterminated heredoc"));
        assert!(err("FROM a AS x\nFROM b AS X\n").contains("duplicate stage name"));
        assert!(err("FROM a AS 1x\n").contains("invalid name for build stage"));
        assert!(err("FROM a b\n").contains("one or three arguments"));
        assert!(err("FROM\n").starts_with("Containerfile:1: FROM:"));
    }

    #[test]
    fn case_insensitive_crlf_and_continuations() {
        let c = ok("\u{feff}fRoM x\r\nrun echo a \\\r\n  # comment\r\n\r\n    b\r\nWorkDir /srv\r\n");
        let i = &c.stages[0].instructions;
        assert_eq!(i[0].kind, InstructionKind::Run(run_shell("echo a     b")));
        assert_eq!((i[0].line, i[0].end_line), (2, 5));
        assert_eq!(i[1].kind, InstructionKind::Workdir("/srv".into()));
        assert_eq!(i[1].line, 6);

        let c = ok("# escape=`\nFROM x\nRUN echo C:\\path `\n  done\n");
        assert_eq!(c.directives.escape, '`');
        assert_eq!(
            c.stages[0].instructions[0].kind,
            InstructionKind::Run(run_shell("echo C:\\path   done"))
        );
    }

    fn run_shell(cmd: &str) -> Run {
        Run {
            command: Command::Shell(cmd.into()),
            mounts: vec![],
            network: None,
            security: None,
            heredocs: vec![],
        }
    }

    #[test]
    fn exec_and_shell_forms() {
        assert_eq!(
            one(r#"CMD ["a", "b c"]"#),
            InstructionKind::Cmd(Command::Exec(strings(&["a", "b c"])))
        );
        assert_eq!(one("CMD []"), InstructionKind::Cmd(Command::Exec(vec![])));
        assert_eq!(
            one("ENTRYPOINT [\"x\"]"),
            InstructionKind::Entrypoint(Command::Exec(strings(&["x"])))
        );
        // Not a string array: silently the shell form.
        for s in [r#"["a", 1]"#, "[oops", "['single']", r#"["a",]"#] {
            assert_eq!(
                one(&format!("CMD {s}")),
                InstructionKind::Cmd(Command::Shell(s.into())),
                "{s}"
            );
        }
        assert_eq!(
            one("SHELL [\"/bin/bash\", \"-c\"]"),
            InstructionKind::Shell(strings(&["/bin/bash", "-c"]))
        );
        assert!(err("FROM x\nSHELL /bin/bash -c").contains("JSON form"));
        assert!(err("FROM x\nSHELL []").contains("at least one"));
        assert!(err("FROM x\nCMD").contains("CMD: requires at least one argument"));
        assert!(err("FROM x\nRUN   ").contains("RUN: requires"));
    }

    #[test]
    fn run_flags_and_mounts() {
        let InstructionKind::Run(r) = one(
            "RUN --mount=type=cache,target=/root/.cache,sharing=locked,id=pip,mode=0755,uid=1 \
             --mount=type=secret,id=tok,required --mount=target=/src,rw --network=none pip install x",
        ) else {
            panic!()
        };
        assert_eq!(r.command, Command::Shell("pip install x".into()));
        assert_eq!(r.network.as_deref(), Some("none"));
        assert_eq!(r.mounts.len(), 3);
        let c = &r.mounts[0];
        assert_eq!(c.kind, MountKind::Cache);
        assert_eq!(c.target.as_deref(), Some("/root/.cache"));
        assert_eq!(c.sharing, CacheSharing::Locked);
        assert_eq!((c.mode, c.uid, c.readonly), (Some(0o755), Some(1), false));
        assert_eq!(c.id.as_deref(), Some("pip"));
        assert_eq!((r.mounts[1].kind, r.mounts[1].required), (MountKind::Secret, true));
        assert_eq!((r.mounts[2].kind, r.mounts[2].readonly), (MountKind::Bind, false));

        assert!(err("FROM x\nRUN --network=bridge x").contains("network"));
        assert!(err("FROM x\nRUN --mount x").contains("missing a value on flag --mount"));
        assert!(err("FROM x\nRUN --network=none --network=host x").contains("duplicate flag"));
        // Flag parsing stops at the first word that is not a flag; `--` ends the flags.
        let InstructionKind::Run(r) = one("RUN -- --not-a-flag") else {
            panic!()
        };
        assert_eq!(r.command, Command::Shell("--not-a-flag".into()));
        let InstructionKind::Run(r) = one("RUN echo --mount=x") else {
            panic!()
        };
        assert!(r.mounts.is_empty());
    }

    #[test]
    fn run_heredocs() {
        let c = ok(
            "FROM x\nRUN <<EOF\nset -e\n  echo $HOME\nEOF\nRUN python3 <<'PY' && cat <<-T >f\nprint(1)\nPY\n\t\tx\n\tT\n",
        );
        let InstructionKind::Run(r) = &c.stages[0].instructions[0].kind else {
            panic!()
        };
        assert_eq!(r.heredocs[0].content, "set -e\n  echo $HOME\n");
        assert!(r.heredocs[0].expand);
        assert_eq!(r.sole_heredoc().map(|h| h.name.as_str()), Some("EOF"));
        assert_eq!(r.shell_script().unwrap(), "<<EOF\nset -e\n  echo $HOME\nEOF\n");
        let InstructionKind::Run(r) = &c.stages[0].instructions[1].kind else {
            panic!()
        };
        assert_eq!(c.stages[0].instructions[1].line, 6);
        assert_eq!(r.heredocs.len(), 2);
        assert!(!r.heredocs[0].expand);
        assert_eq!(r.heredocs[1].content, "x\n");
        assert!(r.sole_heredoc().is_none());
        let c2 = ok("FROM x\nRUN 3<<EOF\nx\nEOF\nRUN <<EOF\nx\nEOF\nRUN <<A <<B\nA\nB\n");
        let sole: Vec<bool> = c2.stages[0]
            .instructions
            .iter()
            .map(|i| matches!(&i.kind, InstructionKind::Run(r) if r.sole_heredoc().is_some()))
            .collect();
        assert_eq!(sole, vec![false, true, false]);
        assert_eq!(
            r.shell_script().unwrap(),
            "python3 <<'PY' && cat <<-T >f\nprint(1)\nPY\nx\nT\n"
        );
        // Exec form: no heredocs.
        assert_eq!(
            one("RUN [\"<<EOF\"]"),
            InstructionKind::Run(Run {
                command: Command::Exec(strings(&["<<EOF"])),
                ..run_shell("")
            })
        );
    }

    #[test]
    fn heredoc_delimiter_forms() {
        let c = ok(
            "FROM x\nRUN << EOF\nEOF\nRUN <<  E  > foo\nE\nRUN <<COMPLEX python3\nprint(1)\nCOMPLEX\n\
                    RUN <<'one two'\nbody\none two\nRUN <<-'NOEXP'\n\tdon't $X\n\tNOEXP\nCOPY <<X <<Y /d\nY\nX\nX\nY\n\
                    COPY << F /d/\nf\nF\nUSER <<INVALID\nCMD x\n",
        );
        let runs: Vec<&Run> = c.stages[0]
            .instructions
            .iter()
            .filter_map(|i| match &i.kind {
                InstructionKind::Run(r) => Some(r),
                _ => None,
            })
            .collect();
        assert_eq!(runs[0].sole_heredoc().map(|h| h.name.as_str()), Some("EOF"));
        assert_eq!(runs[1].heredocs[0].name, "E");
        assert!(runs[1].sole_heredoc().is_none());
        assert_eq!(runs[2].heredocs[0].content, "print(1)\n");
        assert_eq!(
            (runs[3].heredocs[0].name.as_str(), runs[3].heredocs[0].expand),
            ("one two", false)
        );
        assert!(runs[3].sole_heredoc().is_some());
        assert!(runs[4].sole_heredoc().is_some());
        assert_eq!(runs[4].heredocs[0].content, "don't $X\n");
        let InstructionKind::Copy(cp) = &c.stages[0].instructions[5].kind else {
            panic!()
        };
        let bodies: Vec<&str> = cp
            .sources
            .iter()
            .map(|s| match s {
                Source::Heredoc(h) => h.content.as_str(),
                Source::Path(p) => p.as_str(),
            })
            .collect();
        assert_eq!(bodies, vec!["Y\n", "X\n"]);
        let InstructionKind::Copy(cp) = &c.stages[0].instructions[6].kind else {
            panic!()
        };
        assert!(matches!(&cp.sources[..], [Source::Heredoc(h)] if h.content == "f\n"));
        assert_eq!(cp.dest, "/d/");
        // Heredocs only for RUN, COPY and ADD: USER keeps the text, the next line is an instruction.
        assert_eq!(
            c.stages[0].instructions[7].kind,
            InstructionKind::User("<<INVALID".into())
        );
        assert_eq!(c.stages[0].instructions[8].keyword(), "CMD");
    }

    #[test]
    fn copy_and_add() {
        let InstructionKind::Copy(c) =
            one("COPY --from=build --chown=1:2 --chmod=644 --link --exclude=*.md --exclude=x a b/ /dst/")
        else {
            panic!()
        };
        assert_eq!(c.sources, vec![Source::Path("a".into()), Source::Path("b/".into())]);
        assert_eq!(c.dest, "/dst/");
        assert_eq!(c.from.as_deref(), Some("build"));
        assert_eq!((c.chown.as_deref(), c.chmod.as_deref()), (Some("1:2"), Some("644")));
        assert!(c.link && !c.parents);
        assert_eq!(c.exclude, strings(&["*.md", "x"]));

        let InstructionKind::Copy(c) = one(r#"COPY ["a b", "/c d/"]"#) else {
            panic!()
        };
        assert_eq!(
            (c.sources, c.dest),
            (vec![Source::Path("a b".into())], "/c d/".to_string())
        );

        let c = ok(
            "FROM x\nCOPY <<A inline.txt <<\"B\" /dst/\nhello $X\nA\nraw $X\nB\nADD --checksum=sha256:ab --keep-git-dir=false --unpack https://e/x.tgz /\n",
        );
        let InstructionKind::Copy(cp) = &c.stages[0].instructions[0].kind else {
            panic!()
        };
        assert_eq!(cp.sources.len(), 3);
        let Source::Heredoc(a) = &cp.sources[0] else { panic!() };
        assert_eq!(
            (a.name.as_str(), a.content.as_str(), a.expand),
            ("A", "hello $X\n", true)
        );
        assert_eq!(cp.sources[1], Source::Path("inline.txt".into()));
        let Source::Heredoc(b) = &cp.sources[2] else { panic!() };
        assert!(!b.expand);
        let InstructionKind::Add(add) = &c.stages[0].instructions[1].kind else {
            panic!()
        };
        assert_eq!(c.stages[0].instructions[1].line, 7);
        assert_eq!(add.checksum.as_deref(), Some("sha256:ab"));
        assert!(!add.keep_git_dir);
        assert_eq!(add.unpack, Some(true));

        assert!(err("FROM x\nCOPY onlyone").contains("COPY requires at least two arguments"));
        assert!(err("FROM x\nCOPY --link=perhaps a b").contains("expecting boolean"));
        assert!(err("FROM x\nCOPY --parents=true --chown a b").contains("missing a value on flag --chown"));
        assert!(err("FROM x\nADD --from=x a b").contains("ADD: unknown flag: --from"));
        assert!(err("FROM x\nCOPY a <<EOF\nx\nEOF\n").contains("destination cannot be a heredoc"));
    }

    #[test]
    fn env_label_arg() {
        assert_eq!(
            one(r#"ENV A=1 B="two words" C='x y' D=a\ b E="q\"q" F="""#),
            InstructionKind::Env(kv(&[
                ("A", "1"),
                ("B", "\"two words\""),
                ("C", "'x y'"),
                ("D", "a\\ b"),
                ("E", "\"q\\\"q\""),
                ("F", "\"\"")
            ]))
        );
        assert_eq!(
            one("ENV A hello  world"),
            InstructionKind::Env(kv(&[("A", "hello  world")]))
        );
        assert_eq!(one("ENV A="), InstructionKind::Env(kv(&[("A", "")])));
        assert_eq!(
            one(r#"LABEL "com.x"="y z" a=b"#),
            InstructionKind::Label(kv(&[("\"com.x\"", "\"y z\""), ("a", "b")]))
        );
        assert!(err("FROM x\nENV A").contains("ENV A needs a value"));
        assert!(err("FROM x\nENV A=1 B").contains("can't find ="));
        assert!(err("FROM x\nENV =1").contains("blank"));
        assert!(err("FROM x\nLABEL").contains("LABEL: requires"));
        assert_eq!(
            one("ARG A B=2 C=\"x y\""),
            InstructionKind::Arg(vec![
                ArgDecl {
                    name: "A".into(),
                    default: None
                },
                ArgDecl {
                    name: "B".into(),
                    default: Some("2".into())
                },
                ArgDecl {
                    name: "C".into(),
                    default: Some("\"x y\"".into())
                },
            ])
        );
        assert!(err("FROM x\nARG 1A").contains("invalid argument name"));
        assert!(err("FROM x\nARG =x").contains("invalid argument name"));
    }

    #[test]
    fn simple_instructions() {
        assert_eq!(one("WORKDIR /my dir"), InstructionKind::Workdir("/my dir".into()));
        assert_eq!(one("USER app:app"), InstructionKind::User("app:app".into()));
        assert_eq!(one("STOPSIGNAL SIGINT"), InstructionKind::StopSignal("SIGINT".into()));
        assert_eq!(
            one("EXPOSE 80 53/udp $P"),
            InstructionKind::Expose(strings(&["80", "53/udp", "$P"]))
        );
        assert_eq!(
            one("VOLUME [\"/a\", \"/b c\"]"),
            InstructionKind::Volume(strings(&["/a", "/b c"]))
        );
        assert_eq!(one("VOLUME /a /b"), InstructionKind::Volume(strings(&["/a", "/b"])));
        assert_eq!(
            one("MAINTAINER Jo <jo@x>"),
            InstructionKind::Maintainer("Jo <jo@x>".into())
        );
        assert!(err("FROM x\nEXPOSE").contains("EXPOSE: requires"));
        assert!(err("FROM x\nWORKDIR").contains("WORKDIR: requires exactly one argument"));
    }

    #[test]
    fn healthchecks() {
        assert_eq!(one("HEALTHCHECK none"), InstructionKind::Healthcheck(Healthcheck::None));
        assert_eq!(
            one(
                "HEALTHCHECK --interval=1m30s --timeout=3s --start-period=0 --start-interval=500ms --retries=3 \
                 CMD curl -f http://localhost/"
            ),
            InstructionKind::Healthcheck(Healthcheck::Check {
                command: Command::Shell("curl -f http://localhost/".into()),
                interval: Some(Duration::from_secs(90)),
                timeout: Some(Duration::from_secs(3)),
                start_period: None,
                start_interval: Some(Duration::from_millis(500)),
                retries: Some(3),
            })
        );
        let InstructionKind::Healthcheck(Healthcheck::Check { command, .. }) = one("HEALTHCHECK cmd [\"true\"]") else {
            panic!()
        };
        assert_eq!(command, Command::Exec(strings(&["true"])));
        for (bad, want) in [
            ("HEALTHCHECK NONE x", "takes no arguments"),
            ("HEALTHCHECK --interval=5s NONE", "cannot be used with NONE"),
            ("HEALTHCHECK CURL x", "try CMD"),
            ("HEALTHCHECK CMD", "missing command"),
            ("HEALTHCHECK --interval=5 CMD x", "invalid duration"),
            ("HEALTHCHECK --interval=-5s CMD x", "invalid duration"),
            ("HEALTHCHECK --timeout=10ns CMD x", "less than 1ms"),
            ("HEALTHCHECK --retries=-1 CMD x", "negative"),
            ("HEALTHCHECK --retries=x CMD x", "invalid --retries"),
            ("HEALTHCHECK --bogus=1 CMD x", "unknown flag"),
        ] {
            let e = err(&format!("FROM x\n{bad}"));
            assert!(
                e.contains(want) && e.starts_with("Containerfile:2: HEALTHCHECK"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn onbuild() {
        let InstructionKind::Onbuild(t) = one("ONBUILD run --mount=type=cache,target=/c make") else {
            panic!()
        };
        assert_eq!(t.original, "run --mount=type=cache,target=/c make");
        assert_eq!(t.keyword(), "RUN");
        for (bad, want) in [
            ("ONBUILD ONBUILD RUN x", "ONBUILD: chaining ONBUILD"),
            ("ONBUILD FROM x", "ONBUILD: FROM isn't allowed"),
            ("ONBUILD maintainer me", "ONBUILD: MAINTAINER isn't allowed"),
            ("ONBUILD", "ONBUILD: requires"),
            ("ONBUILD FORM x", "ONBUILD: unknown instruction: FORM"),
            ("ONBUILD COPY --nope a b", "ONBUILD: COPY: unknown flag"),
        ] {
            let e = err(&format!("FROM x\n{bad}"));
            assert!(e.starts_with(&format!("Containerfile:2: {want}")), "{bad}: {e}");
        }
        // Heredoc openers inside a trigger stay text.
        let InstructionKind::Onbuild(t) = one("ONBUILD RUN cat <<EOF") else {
            panic!()
        };
        assert_eq!(t.kind, InstructionKind::Run(run_shell("cat <<EOF")));

        let t = parse_trigger("COPY . /app", '\\').unwrap();
        assert_eq!(t.keyword(), "COPY");
        assert_eq!(
            parse_trigger("FROM x", '\\').unwrap_err().to_string(),
            "ONBUILD:1: ONBUILD: FROM isn't allowed as an ONBUILD trigger"
        );
        assert!(parse_trigger("RUN cat <<EOF", '\\').is_ok());
    }

    #[test]
    fn hostile_input() {
        // Must not panic, whatever the outcome.
        let long = "A".repeat(100_000);
        let inputs = [
            "\0",
            "FROM \0",
            "FROM x\nRUN \u{202e}evil",
            "FROM x\nCOPY <<",
            "FROM x\nCOPY <<EOF",
            "FROM x\nRUN <<-\n",
            "FROM x\nENV \"",
            "FROM x\nENV a=\"",
            "FROM x\nLABEL '",
            "FROM x\nRUN --mount=\"type=bind",
            "FROM x\nRUN --=x y",
            "FROM x\nHEALTHCHECK --interval=99999999999999999999h CMD x",
            "FROM x\nHEALTHCHECK --retries=99999999999 CMD x",
            "FROM x\nONBUILD ONBUILD ONBUILD",
            "FROM x\n\\",
            "\\\n\\\n\\",
            "# escape=`\n`",
            "FROM x\nRUN [\"\\ud800\"]",
            "FROM x\nEXPOSE \u{3000}",
            "FROM x\nCMD [\"é\", \"日本\"]",
            "FROM x\nARG é=1",
            "FROM x AS é",
            &long,
        ];
        for i in inputs {
            let _ = parse("f", i);
        }
        let chain = format!("FROM x\n{}RUN x\n", "ONBUILD ".repeat(200_000));
        assert!(err(&chain).contains("chaining ONBUILD"));
        let big = format!("FROM x\n{}", "RUN a \\\n".repeat(20_000));
        assert!(parse("f", &big).is_ok());
        let many = format!("FROM x\nRUN {} true\n", "<<EOF ".repeat(200)) + &"EOF\n".repeat(200);
        let c = parse("f", &many).unwrap();
        let InstructionKind::Run(r) = &c.stages[0].instructions[0].kind else {
            panic!()
        };
        assert_eq!(r.heredocs.len(), 200);
        assert!(parse("f", &format!("FROM {long}")).is_ok());
        assert!(err(&format!("FROM x\n{long} y")).contains("unknown instruction"));
    }
}
