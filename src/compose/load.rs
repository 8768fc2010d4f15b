//! Loading a project as Docker Compose does: find the files, settle the project directory, the
//! environment (process over `.env`/`--env-file`) and the project name, then read each file
//! (interpolated, `extends` resolved), merge them, apply `include`, resolve relative paths, and
//! finally type, normalize, apply profiles and validate (`normalize`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::yaml::{self, Limits, Mark, Node, Value};

use super::interpolate::{self, Lookup};
use super::model::Project;
use super::{Error, dotenv, extends, include, merge, normalize, paths};

/// The file names Compose looks for, in order of preference.
pub const FILE_NAMES: [&str; 4] = [
    "compose.yaml",
    "compose.yml",
    "docker-compose.yaml",
    "docker-compose.yml",
];

/// What `ferry compose` was told (flags and environment), front-end neutral.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// `-f` files (relative to `working_dir`); empty: `COMPOSE_FILE`, else discovery.
    pub files: Vec<PathBuf>,
    /// `-p`.
    pub project_name: Option<String>,
    /// `--project-directory`.
    pub project_directory: Option<PathBuf>,
    /// `--env-file` (replace the project directory's `.env`).
    pub env_files: Vec<PathBuf>,
    /// `--profile`; empty: `COMPOSE_PROFILES`.
    pub profiles: Vec<String>,
    /// Services named on the command line: enabled whatever their profiles.
    pub services: Vec<String>,
    /// False for `config --no-interpolate`.
    pub interpolate: bool,
    /// The process environment.
    pub environment: BTreeMap<String, String>,
    /// The current directory.
    pub working_dir: PathBuf,
    /// Standard input's content, for a `-f -`.
    pub stdin: Option<String>,
    /// Files that include the one being loaded (cycle detection).
    pub(crate) include_stack: Vec<PathBuf>,
}

impl LoadOptions {
    pub fn new(working_dir: PathBuf, environment: BTreeMap<String, String>) -> LoadOptions {
        LoadOptions {
            interpolate: true,
            environment,
            working_dir,
            ..LoadOptions::default()
        }
    }
}

/// A project as merged trees, before typing: what `config --no-interpolate` prints.
#[derive(Debug, Clone)]
pub struct Model {
    pub tree: Node,
    pub name: String,
    pub working_dir: PathBuf,
    pub config_files: Vec<PathBuf>,
    pub env_files: Vec<PathBuf>,
    /// Interpolation's variables: the process environment over the env files'.
    pub environment: BTreeMap<String, String>,
    pub warnings: Vec<String>,
}

/// A loaded project and what Compose would have warned about.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub project: Project,
    pub warnings: Vec<String>,
}

/// Loads, types, normalizes and validates a project.
pub fn load(opts: &LoadOptions) -> Result<Loaded, Error> {
    let mut model = load_model(opts)?;
    let project = normalize::project(&mut model, opts)?;
    Ok(Loaded {
        project,
        warnings: model.warnings,
    })
}

/// Reads and merges a project's files into one tree.
pub fn load_model(opts: &LoadOptions) -> Result<Model, Error> {
    let mut warnings = Vec::new();
    let home = opts.environment.get("HOME").map(PathBuf::from);
    let cwd = &opts.working_dir;
    let explicit_dir = opts.project_directory.as_ref().map(|d| paths::clean(&cwd.join(d)));
    // The files: -f, else COMPOSE_FILE (from the environment or the .env beside us), else search.
    let files: Vec<PathBuf> = if !opts.files.is_empty() {
        opts.files
            .iter()
            .map(|f| {
                if f.as_os_str() == "-" {
                    f.clone()
                } else {
                    paths::clean(&cwd.join(f))
                }
            })
            .collect()
    } else {
        let base = explicit_dir.clone().unwrap_or_else(|| cwd.clone());
        let from_env = match opts.environment.get("COMPOSE_FILE") {
            Some(v) => Some(v.clone()),
            None if opts.env_files.is_empty() => read_env_file(&base.join(".env"), &opts.environment, false)?
                .into_iter()
                .find(|(k, _)| k == "COMPOSE_FILE")
                .map(|(_, v)| v),
            None => None,
        };
        match from_env.filter(|v| !v.is_empty()) {
            Some(list) => {
                let sep = opts
                    .environment
                    .get("COMPOSE_PATH_SEPARATOR")
                    .cloned()
                    .unwrap_or_else(|| ":".to_string());
                list.split(sep.as_str())
                    .filter(|f| !f.is_empty())
                    .map(|f| paths::clean(&base.join(f)))
                    .collect()
            }
            None => discover(&base, &mut warnings)?,
        }
    };
    let first_dir = files
        .first()
        .filter(|f| f.as_os_str() != "-")
        .and_then(|f| f.parent())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| cwd.clone());
    let working_dir = explicit_dir.unwrap_or(first_dir);

    // The environment: env files under the process environment.
    // Without --env-file: the project directory's .env, under the one of the directory the
    // command runs in (or --project-directory) when that differs, as Docker Compose reads them.
    let env_files: Vec<PathBuf> = if opts.env_files.is_empty() {
        let base = opts
            .project_directory
            .as_ref()
            .map(|d| paths::clean(&cwd.join(d)))
            .unwrap_or_else(|| cwd.clone());
        let mut found: Vec<PathBuf> = Vec::new();
        for dir in [&working_dir, &base] {
            let dot = dir.join(".env");
            if dot.is_file() && !found.contains(&dot) {
                found.push(dot);
            }
        }
        found
    } else {
        opts.env_files.iter().map(|f| paths::clean(&cwd.join(f))).collect()
    };
    let mut environment: BTreeMap<String, String> = BTreeMap::new();
    for file in &env_files {
        let lookup = |k: &str| opts.environment.get(k).or_else(|| environment.get(k)).cloned();
        let vars = read_env_file(file, &lookup, true)?;
        environment.extend(vars);
    }
    environment.extend(opts.environment.iter().map(|(k, v)| (k.clone(), v.clone())));

    let mut reader = Reader {
        env: environment.clone(),
        interpolate: opts.interpolate,
        home: home.clone(),
        stdin: opts.stdin.as_deref(),
        warnings: Vec::new(),
        unset: Vec::new(),
    };
    // Parse every file first: the project name may come from one of them and is itself a variable.
    let mut documents: Vec<(PathBuf, Vec<Node>)> = Vec::new();
    for file in &files {
        let docs = reader.parse(file)?;
        documents.push((file.clone(), docs));
    }
    let name = project_name(opts, &environment, &documents, &working_dir)?;
    reader.env.insert("COMPOSE_PROJECT_NAME".to_string(), name.clone());
    environment.insert("COMPOSE_PROJECT_NAME".to_string(), name.clone());

    let mut merged: Option<Node> = None;
    let mut includes: Vec<(Node, PathBuf)> = Vec::new();
    for (file, docs) in documents {
        let dir = file_dir(&file, cwd);
        for mut doc in docs {
            reader.prepare(&mut doc)?;
            if doc.remove("version").is_some() {
                warnings.push(format!(
                    "{}: the attribute `version` is obsolete, it will be ignored",
                    file.display()
                ));
            }
            if let Some((_, list)) = doc.remove("include") {
                includes.push((list, dir.clone()));
            }
            extends::resolve(&mut doc, &file, &mut reader)?;
            merged = Some(match merged {
                None => {
                    let mut doc = doc;
                    merge::strip_tags(&mut doc);
                    doc
                }
                Some(base) => merge::merge(base, doc, &mut Vec::new())?,
            });
        }
    }
    let mut tree = merged.ok_or(Error::NoFiles)?;
    merge::strip_tags(&mut tree);
    paths::resolve_file(&mut tree, &working_dir, home.as_deref());
    let parent = include::Parent {
        opts,
        files: &files,
        environment: &environment,
        name: &name,
    };
    for (list, dir) in includes {
        include::apply(&mut tree, &list, &dir, &parent, &mut warnings)?;
    }
    for var in &reader.unset {
        warnings.push(format!(
            "The {var:?} variable is not set. Defaulting to a blank string."
        ));
    }
    warnings.extend(reader.warnings);
    let config_files = files;
    Ok(Model {
        tree,
        name,
        working_dir,
        config_files,
        env_files,
        environment,
        warnings,
    })
}

fn file_dir(file: &Path, cwd: &Path) -> PathBuf {
    if file.as_os_str() == "-" {
        return cwd.to_path_buf();
    }
    file.parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| cwd.to_path_buf())
}

/// The first compose file in `start` or the nearest parent that has one, with its override file.
fn discover(start: &Path, warnings: &mut Vec<String>) -> Result<Vec<PathBuf>, Error> {
    for dir in start.ancestors() {
        let found: Vec<&str> = FILE_NAMES.iter().copied().filter(|n| dir.join(n).is_file()).collect();
        let Some(first) = found.first() else { continue };
        if found.len() > 1 {
            warnings.push(format!(
                "Found multiple config files with supported names: {}; using {first}",
                found
                    .iter()
                    .map(|n| dir.join(n).display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let mut files = vec![dir.join(first)];
        let stem = first.rsplit_once('.').map(|(s, _)| s).unwrap_or(first);
        if let Some(o) = ["yaml", "yml"]
            .iter()
            .map(|ext| dir.join(format!("{stem}.override.{ext}")))
            .find(|p| p.is_file())
        {
            files.push(o);
        }
        return Ok(files);
    }
    Err(Error::NotFound {
        dir: start.to_path_buf(),
    })
}

fn read_env_file(path: &Path, env: &dyn Lookup, required: bool) -> Result<Vec<(String, String)>, Error> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => return Ok(Vec::new()),
        Err(source) => {
            return Err(Error::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    Ok(dotenv::parse(&text, &path.display().to_string(), env)?)
}

/// `-p`, else `COMPOSE_PROJECT_NAME`, else the last `name:` of the files, else the directory's
/// name; the last two are normalized (lowercase, `[a-z0-9_-]`), the first two must be valid.
fn project_name(
    opts: &LoadOptions,
    env: &BTreeMap<String, String>,
    documents: &[(PathBuf, Vec<Node>)],
    working_dir: &Path,
) -> Result<String, Error> {
    let given = opts
        .project_name
        .clone()
        .filter(|n| !n.is_empty())
        .or_else(|| env.get("COMPOSE_PROJECT_NAME").cloned().filter(|n| !n.is_empty()));
    if let Some(name) = given {
        if !valid_project_name(&name) {
            return Err(Error::ProjectName { name });
        }
        return Ok(name);
    }
    let mut from_file = None;
    for (_, docs) in documents {
        for doc in docs {
            if let Some(node) = doc.get("name") {
                let Some(text) = node.as_str().filter(|_| !node.is_null()) else {
                    return Err(Error::Invalid {
                        mark: Some(node.mark.clone()),
                        message: format!("name: expected a string, found {}", node.kind()),
                    });
                };
                let text = if opts.interpolate {
                    let lookup = |k: &str| env.get(k).cloned();
                    interpolate::interpolate(text, &lookup)
                        .map_err(|error| Error::Interpolation {
                            mark: node.mark.clone(),
                            path: "name".to_string(),
                            error,
                        })?
                        .text
                } else {
                    text.to_string()
                };
                if !text.is_empty() {
                    from_file = Some(text);
                }
            }
        }
    }
    let candidate = from_file.unwrap_or_else(|| {
        working_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let name = normalize_project_name(&candidate);
    if name.is_empty() {
        return Err(Error::ProjectName { name: candidate });
    }
    Ok(name)
}

/// Lowercase, only `[a-z0-9_-]`, no leading `_` or `-` (Docker Compose's normalization).
pub fn normalize_project_name(s: &str) -> String {
    let kept: String = s
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-')
        .collect();
    kept.trim_start_matches(['_', '-']).to_string()
}

pub fn valid_project_name(s: &str) -> bool {
    !s.is_empty() && normalize_project_name(s) == s
}

/// Reads files for one load: parses, checks tags, interpolates.
pub(super) struct Reader<'a> {
    pub env: BTreeMap<String, String>,
    pub interpolate: bool,
    pub home: Option<PathBuf>,
    pub stdin: Option<&'a str>,
    pub warnings: Vec<String>,
    pub unset: Vec<String>,
}

impl Reader<'_> {
    /// The documents of a file, each a mapping (an empty file is an error, as in Compose).
    pub fn parse(&self, file: &Path) -> Result<Vec<Node>, Error> {
        let (text, name) = if file.as_os_str() == "-" {
            (self.stdin.unwrap_or_default().to_string(), "-".to_string())
        } else {
            let text = std::fs::read(file).map_err(|source| Error::Read {
                path: file.to_path_buf(),
                source,
            })?;
            let text = String::from_utf8(text).map_err(|_| Error::NotUtf8 {
                path: file.to_path_buf(),
            })?;
            (text, file.display().to_string())
        };
        let docs = yaml::parse(&text, &name, Limits::default())?;
        if docs.is_empty() {
            return Err(Error::EmptyFile {
                path: file.to_path_buf(),
            });
        }
        for doc in &docs {
            if !matches!(doc.value, Value::Map(_)) {
                return Err(Error::Invalid {
                    mark: Some(doc.mark.clone()),
                    message: format!("the top level must be a mapping, not {}", doc.kind()),
                });
            }
            check_tags(doc)?;
        }
        Ok(docs)
    }

    /// Interpolates a parsed document (unless interpolation is off).
    pub fn prepare(&mut self, doc: &mut Node) -> Result<(), Error> {
        if !self.interpolate {
            return Ok(());
        }
        let env = &self.env;
        let lookup = |k: &str| env.get(k).cloned();
        let mut unset = Vec::new();
        let result = interpolate::interpolate_tree(doc, &lookup, &mut unset);
        for name in unset {
            if !self.unset.contains(&name) {
                self.unset.push(name);
            }
        }
        result.map_err(|e| Error::Interpolation {
            path: path_of(doc, &e.node.mark).unwrap_or_default(),
            mark: e.node.mark,
            error: e.error,
        })
    }
}

/// Only Compose's own tags are allowed (`!reset`, `!override`).
fn check_tags(node: &Node) -> Result<(), Error> {
    if let Some(tag) = node.tag.as_deref()
        && tag != merge::RESET
        && tag != merge::OVERRIDE
    {
        return Err(Error::Invalid {
            mark: Some(node.mark.clone()),
            message: format!("unsupported YAML tag {tag} (Compose knows !reset and !override)"),
        });
    }
    match &node.value {
        Value::Seq(items) => items.iter().try_for_each(check_tags),
        Value::Map(entries) => entries.iter().try_for_each(|(_, v)| check_tags(v)),
        Value::Scalar { .. } => Ok(()),
    }
}

/// The dotted path of the node at `mark` (for messages), if found.
pub(super) fn path_of(root: &Node, mark: &Mark) -> Option<String> {
    fn walk(node: &Node, mark: &Mark, path: &mut Vec<String>) -> bool {
        if &node.mark == mark && !matches!(node.value, Value::Map(_) | Value::Seq(_)) {
            return true;
        }
        match &node.value {
            Value::Map(entries) => {
                for (k, v) in entries {
                    path.push(k.text.clone());
                    if walk(v, mark, path) {
                        return true;
                    }
                    path.pop();
                }
                false
            }
            Value::Seq(items) => {
                for (i, v) in items.iter().enumerate() {
                    path.push(format!("[{i}]"));
                    if walk(v, mark, path) {
                        return true;
                    }
                    path.pop();
                }
                false
            }
            Value::Scalar { .. } => false,
        }
    }
    let mut path = Vec::new();
    walk(root, mark, &mut path).then(|| path.join(".").replace(".[", "["))
}

/// The mark of the node at a path of keys, for errors found after typing.
pub(super) fn mark_at(root: &Node, path: &[&str]) -> Option<Mark> {
    let mut node = root;
    let mut mark = None;
    for key in path {
        match &node.value {
            Value::Map(entries) => {
                let (k, v) = entries.iter().find(|(k, _)| k.text == *key)?;
                mark = Some(k.mark.clone());
                node = v;
            }
            Value::Seq(items) => {
                let item = items.iter().find(|i| i.as_str() == Some(key))?;
                mark = Some(item.mark.clone());
                node = item;
            }
            Value::Scalar { .. } => return mark,
        }
    }
    mark
}
