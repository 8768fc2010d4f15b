//! The parsed Containerfile: stages, instructions and their flags, as written.
//!
//! Words that Docker subjects to variable substitution are kept raw (quotes and `$` included):
//! their values depend on the ARG/ENV state of the stage when the step runs, so the executor
//! expands them with `build::subst` at execution time.

use std::time::Duration;

/// A whole Containerfile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Containerfile {
    /// The name used in error messages (`Containerfile`, `path/to/Dockerfile`).
    pub file: String,
    pub directives: Directives,
    /// `ARG` instructions before the first `FROM` (usable in `FROM` lines only, unless redeclared).
    pub global_args: Vec<Instruction>,
    pub stages: Vec<Stage>,
}

/// Parser directives from the top of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directives {
    /// `# syntax=`: recorded, not acted upon.
    pub syntax: Option<String>,
    /// `# escape=`: `\` (default) or `` ` ``; also the escape character of variable substitution.
    pub escape: char,
    /// `# check=`: recorded, not acted upon.
    pub check: Option<String>,
}

impl Default for Directives {
    fn default() -> Self {
        Directives {
            syntax: None,
            escape: '\\',
            check: None,
        }
    }
}

/// One `FROM` and the instructions that follow it up to the next `FROM`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    /// Position among the stages, from 0 (`COPY --from=0`).
    pub index: usize,
    /// The `FROM` instruction itself (`kind` is always `InstructionKind::From`).
    pub from_instruction: Instruction,
    pub from: From,
    /// Instructions after the `FROM`, in order.
    pub instructions: Vec<Instruction>,
}

impl Stage {
    /// The stage name (`FROM x AS name`), lowercased as Docker compares them.
    pub fn name(&self) -> Option<&str> {
        self.from.alias.as_deref()
    }
}

/// One instruction with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    /// 1-based line of the instruction keyword.
    pub line: usize,
    /// 1-based last line (continuations and heredoc bodies included).
    pub end_line: usize,
    /// The logical instruction as written, continuations joined (escape + newline removed),
    /// heredoc bodies excluded; e.g. `RUN --mount=type=cache,target=/c make`. ONBUILD stores this.
    pub original: String,
    pub kind: InstructionKind,
}

impl Instruction {
    /// The upper-case keyword (`RUN`, `COPY`, ...).
    pub fn keyword(&self) -> &'static str {
        self.kind.keyword()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstructionKind {
    From(From),
    Run(Run),
    Copy(Copy),
    Add(Add),
    /// `ENV k=v k2="v 2"` or legacy `ENV k v w` (one pair).
    Env(Vec<KeyValue>),
    /// `ARG name[=default] [name2[=default2] ...]`.
    Arg(Vec<ArgDecl>),
    /// Raw word.
    Workdir(String),
    /// Raw word (`user[:group]`).
    User(String),
    /// Raw words (`80`, `53/udp`, `${PORT}`).
    Expose(Vec<String>),
    Cmd(Command),
    Entrypoint(Command),
    Label(Vec<KeyValue>),
    /// Raw words (JSON form or whitespace-separated).
    Volume(Vec<String>),
    /// The JSON array, verbatim (no substitution).
    Shell(Vec<String>),
    /// Raw word.
    StopSignal(String),
    Healthcheck(Healthcheck),
    /// The trigger; its `original` is the text to store in the image's `OnBuild` list.
    Onbuild(Box<Instruction>),
    /// The rest of the line, verbatim (deprecated; sets the image author).
    Maintainer(String),
}

impl InstructionKind {
    pub fn keyword(&self) -> &'static str {
        match self {
            InstructionKind::From(_) => "FROM",
            InstructionKind::Run(_) => "RUN",
            InstructionKind::Copy(_) => "COPY",
            InstructionKind::Add(_) => "ADD",
            InstructionKind::Env(_) => "ENV",
            InstructionKind::Arg(_) => "ARG",
            InstructionKind::Workdir(_) => "WORKDIR",
            InstructionKind::User(_) => "USER",
            InstructionKind::Expose(_) => "EXPOSE",
            InstructionKind::Cmd(_) => "CMD",
            InstructionKind::Entrypoint(_) => "ENTRYPOINT",
            InstructionKind::Label(_) => "LABEL",
            InstructionKind::Volume(_) => "VOLUME",
            InstructionKind::Shell(_) => "SHELL",
            InstructionKind::StopSignal(_) => "STOPSIGNAL",
            InstructionKind::Healthcheck(_) => "HEALTHCHECK",
            InstructionKind::Onbuild(_) => "ONBUILD",
            InstructionKind::Maintainer(_) => "MAINTAINER",
        }
    }
}

/// `FROM [--platform=p] image [AS name]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct From {
    /// Raw word: expanded with the global ARGs only.
    pub image: String,
    /// Lowercased stage name.
    pub alias: Option<String>,
    /// Raw word of `--platform`.
    pub platform: Option<String>,
}

/// Shell form (run through the stage's SHELL) or exec form (a JSON string array).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Text as written, continuations joined; for RUN with heredocs this is the first line only
    /// (see `Run::shell_script`).
    Shell(String),
    Exec(Vec<String>),
}

/// `RUN [--mount=...]... [--network=...] [--security=...] command`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub command: Command,
    pub mounts: Vec<Mount>,
    /// Raw `--network` value: `default`, `none` or `host`.
    pub network: Option<String>,
    /// Raw `--security` value: `sandbox` or `insecure`.
    pub security: Option<String>,
    /// Heredocs opened on the command line, in order.
    pub heredocs: Vec<Heredoc>,
}

impl Run {
    /// The shell-form command with its heredoc bodies appended, ready for `sh -c`:
    /// `cat <<EOF > f\nbody\nEOF\n`. Without heredocs, the command itself.
    pub fn shell_script(&self) -> Option<String> {
        let Command::Shell(cmd) = &self.command else {
            return None;
        };
        if self.heredocs.is_empty() {
            return Some(cmd.clone());
        }
        let mut s = cmd.clone();
        s.push('\n');
        for h in &self.heredocs {
            s.push_str(&h.content);
            s.push_str(&h.name);
            s.push('\n');
        }
        Some(s)
    }

    /// When the whole command is one heredoc (`RUN <<EOF`, `RUN <<-'EOT'`), its body is the
    /// script: Docker runs it as a file (honouring a `#!` line) instead of through `sh -c`.
    pub fn sole_heredoc(&self) -> Option<&Heredoc> {
        let (Command::Shell(cmd), [h]) = (&self.command, self.heredocs.as_slice()) else {
            return None;
        };
        let words = super::lexer::split_words(cmd, '\\');
        match super::heredoc::openers(&words, '\\', false).as_slice() {
            [(0, n, o)] if *n == words.len() && o.name == h.name => Some(h),
            _ => None,
        }
    }
}

/// One heredoc body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    /// The delimiter, without quotes or `-` (`EOF`).
    pub name: String,
    /// The body: lines up to (excluding) the delimiter line, each ending with `\n`; with `<<-`
    /// leading tabs are already stripped.
    pub content: String,
    /// False when the delimiter was quoted (`<<"EOF"`, `<<'EOF'`): no variable expansion.
    pub expand: bool,
    /// `<<-EOF` (tabs already removed from `content`).
    pub strip_tabs: bool,
}

/// `RUN --mount=type=...,k=v,...`. String fields are raw (the executor expands them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    pub kind: MountKind,
    /// `target`/`dst`/`destination`; required except for secret (default `/run/secrets/<id>`)
    /// and ssh.
    pub target: Option<String>,
    /// `source`/`src`: a path in `from` (bind, cache) or nothing.
    pub source: Option<String>,
    /// `from`: a stage name/index or an image (bind, cache).
    pub from: Option<String>,
    /// `readonly`/`ro` (default true for bind, false for cache); `rw`/`readwrite` sets false.
    pub readonly: bool,
    /// `id`: cache id (default: target) or secret/ssh id.
    pub id: Option<String>,
    /// `sharing` for cache mounts (default shared).
    pub sharing: CacheSharing,
    /// `mode` (octal), `uid`, `gid`: cache, secret, ssh.
    pub mode: Option<u32>,
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    /// `required` for secret/ssh (default false).
    pub required: bool,
    /// `size` of a tmpfs in bytes.
    pub size: Option<u64>,
    /// `env` for secret: expose the secret as this environment variable.
    pub env: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MountKind {
    Bind,
    Cache,
    Secret,
    Ssh,
    Tmpfs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CacheSharing {
    #[default]
    Shared,
    Private,
    Locked,
}

/// A COPY/ADD source: a path or glob in the context (or stage/image), or an inline heredoc file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Raw word (expanded before matching).
    Path(String),
    /// `COPY <<EOF /dest`: a file named `name` with `content`.
    Heredoc(Heredoc),
}

/// `COPY [flags] src... dest`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    pub sources: Vec<Source>,
    /// Raw word.
    pub dest: String,
    /// Raw `--from` (stage name, stage index or image).
    pub from: Option<String>,
    /// Raw `--chown`.
    pub chown: Option<String>,
    /// Raw `--chmod` (octal).
    pub chmod: Option<String>,
    /// `--link` (accepted; a plain copy gives the same result).
    pub link: bool,
    /// `--parents`: keep the source's directory structure.
    pub parents: bool,
    /// Raw `--exclude` patterns (repeatable).
    pub exclude: Vec<String>,
}

/// `ADD [flags] src... dest`: COPY plus URLs, git and local tar extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Add {
    pub sources: Vec<Source>,
    pub dest: String,
    pub chown: Option<String>,
    pub chmod: Option<String>,
    pub link: bool,
    pub exclude: Vec<String>,
    /// Raw `--checksum=sha256:...` (remote sources only).
    pub checksum: Option<String>,
    /// `--keep-git-dir[=bool]`.
    pub keep_git_dir: bool,
    /// `--unpack[=bool]`: `None` = Docker's default (local archives are extracted, URLs not).
    pub unpack: Option<bool>,
}

/// `k=v` of ENV/LABEL: both raw words (quotes kept; `subst::process_word` removes them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

/// `ARG name[=default]`: name verbatim, default raw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgDecl {
    pub name: String,
    pub default: Option<String>,
}

/// `HEALTHCHECK NONE` or `HEALTHCHECK [options] CMD command`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Healthcheck {
    None,
    Check {
        command: Command,
        /// Unset options are `None` (the runtime's defaults apply).
        interval: Option<Duration>,
        timeout: Option<Duration>,
        start_period: Option<Duration>,
        start_interval: Option<Duration>,
        retries: Option<u32>,
    },
}
