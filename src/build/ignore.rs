//! Build-context ignore rules (`.containerignore`, else `.dockerignore`) with Docker's pattern
//! semantics, and Go `filepath.Match` globbing for COPY/ADD sources.
//!
//! Ignore patterns: `*` and `?` do not cross `/`, `[...]` classes, `\` escapes, `**` matches any
//! number of directories, `!` re-includes, the last matching line wins, and a pattern that matches
//! a directory matches everything below it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum IgnoreError {
    #[error("reading {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{file}:{line}: invalid pattern {pattern:?}: {reason}")]
    BadIgnorePattern {
        file: String,
        line: usize,
        pattern: String,
        reason: &'static str,
    },
    #[error("invalid pattern {pattern:?}: {reason}")]
    BadPattern { pattern: String, reason: &'static str },
}

/// The ignore rules of a build context.
#[derive(Debug, Clone, Default)]
pub struct Ignore {
    patterns: Vec<Rule>,
}

#[derive(Debug, Clone)]
struct Rule {
    exclusion: bool,
    glob: Glob,
}

impl Ignore {
    /// Reads `context_dir/.containerignore`, else `context_dir/.dockerignore`; no file = no rules.
    pub fn load(context_dir: &Path) -> Result<Ignore, IgnoreError> {
        Self::load_first(&[context_dir.join(".containerignore"), context_dir.join(".dockerignore")])
    }

    fn load_first(candidates: &[PathBuf]) -> Result<Ignore, IgnoreError> {
        for path in candidates {
            match fs::read(path) {
                Ok(bytes) => {
                    let text = String::from_utf8_lossy(&bytes);
                    let name = path
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    return Self::parse_named(&name, &text);
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(IgnoreError::Read {
                        path: path.clone(),
                        source,
                    });
                }
            }
        }
        Ok(Ignore::default())
    }

    /// Parses ignore-file text (errors name the file "ignore file").
    pub fn parse(text: &str) -> Result<Ignore, IgnoreError> {
        Self::parse_named("ignore file", text)
    }

    fn parse_named(file: &str, text: &str) -> Result<Ignore, IgnoreError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut patterns = Vec::new();
        for (i, line) in text.lines().enumerate() {
            // Only a `#` in the first column starts a comment.
            if line.starts_with('#') {
                continue;
            }
            let mut pattern = line.trim();
            if pattern.is_empty() {
                continue;
            }
            let exclusion = pattern.starts_with('!');
            if exclusion {
                pattern = pattern[1..].trim();
            }
            let bad = |reason| IgnoreError::BadIgnorePattern {
                file: file.to_string(),
                line: i + 1,
                pattern: line.trim().to_string(),
                reason,
            };
            if pattern.is_empty() {
                return Err(bad("illegal exclusion pattern"));
            }
            let mut cleaned = clean(pattern);
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
            let glob = Glob::compile(&cleaned, Flavor::Ignore).map_err(bad)?;
            patterns.push(Rule { exclusion, glob });
        }
        Ok(Ignore { patterns })
    }

    /// Whether `rel_path` (relative to the context root, `/`-separated) is left out of the
    /// context. The root itself never is.
    pub fn is_excluded(&self, rel_path: &str) -> bool {
        let path = normalize(rel_path);
        if path.is_empty() {
            return false;
        }
        let mut excluded = false;
        for rule in &self.patterns {
            // A re-inclusion can only change an excluded path and vice versa.
            if rule.exclusion != excluded {
                continue;
            }
            if rule.glob.matches_self_or_parent(&path) {
                excluded = !rule.exclusion;
            }
        }
        excluded
    }

    /// Whether the context walk must enter directory `rel_dir`: false only when it is excluded and
    /// no `!` rule could re-include anything below it.
    pub fn may_contain_included(&self, rel_dir: &str) -> bool {
        let dir = normalize(rel_dir);
        if !self.is_excluded(&dir) {
            return true;
        }
        self.patterns
            .iter()
            .filter(|r| r.exclusion)
            .any(|r| r.glob.matches_self_or_parent(&dir) || r.glob.may_match_below(&dir))
    }
}

/// Go `filepath.Match`: whether `name` matches the shell pattern `pattern` (`*` and `?` do not
/// match `/`; `**` is the same as `*`).
pub fn path_match(pattern: &str, name: &str) -> Result<bool, IgnoreError> {
    let glob = Glob::compile(pattern, Flavor::Go).map_err(|reason| IgnoreError::BadPattern {
        pattern: pattern.to_string(),
        reason,
    })?;
    Ok(glob.matches(name))
}

/// The paths in the context matching a COPY/ADD source pattern, relative to `root`, sorted.
///
/// The pattern is cleaned as if rooted at the context (`/a`, `./a` and `../a` are `a`); `.` (the
/// whole context) gives `["."]`. Without glob metacharacters the path is returned if it exists.
/// Each component is matched with `path_match` (so `**` matches one level, as in Docker's COPY).
/// Symbolic links to directories are followed only when they stay inside `root`.
pub fn match_sources(root: &Path, pattern: &str) -> Result<Vec<String>, IgnoreError> {
    let cleaned = clean(&format!("/{pattern}"));
    let rel = cleaned.trim_start_matches('/');
    if rel.is_empty() {
        return Ok(vec![".".into()]);
    }
    if !has_meta(rel) {
        return Ok(if fs::symlink_metadata(root.join(rel)).is_ok() {
            vec![rel.to_string()]
        } else {
            Vec::new()
        });
    }
    let canonical_root = fs::canonicalize(root).map_err(|source| IgnoreError::Read {
        path: root.to_path_buf(),
        source,
    })?;
    let mut current = vec![String::new()];
    for component in rel.split('/') {
        let mut next = Vec::new();
        for dir in &current {
            let join = |name: &str| {
                if dir.is_empty() {
                    name.to_string()
                } else {
                    format!("{dir}/{name}")
                }
            };
            if !has_meta(component) {
                let candidate = join(component);
                if fs::symlink_metadata(root.join(&candidate)).is_ok() {
                    next.push(candidate);
                }
                continue;
            }
            // Validate the component even when there is nothing to list.
            path_match(component, "")?;
            let Some(entries) = list_dir_inside(root, &canonical_root, dir) else {
                continue;
            };
            for name in entries {
                if path_match(component, &name)? {
                    next.push(join(&name));
                }
            }
        }
        current = next;
        if current.is_empty() {
            break;
        }
    }
    current.sort();
    current.dedup();
    Ok(current)
}

/// The entry names of `root/dir` when it is a directory that resolves inside the root.
fn list_dir_inside(root: &Path, canonical_root: &Path, dir: &str) -> Option<Vec<String>> {
    let path = root.join(dir);
    let real = fs::canonicalize(&path).ok()?;
    if !real.starts_with(canonical_root) || !real.is_dir() {
        return None;
    }
    let mut names: Vec<String> = fs::read_dir(&real)
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    Some(names)
}

fn has_meta(s: &str) -> bool {
    s.contains(['*', '?', '[', '\\'])
}

/// A relative path without `./`, leading or trailing `/`, or doubled slashes.
fn normalize(path: &str) -> String {
    let c = clean(path);
    let c = c.trim_start_matches('/');
    if c == "." { String::new() } else { c.to_string() }
}

/// Go's `path.Clean`: one slash between elements, no `.` elements, `..` resolved lexically
/// (not above the root of a rooted path), no trailing slash, `.` for an empty result.
fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&p) if p != ".." => {
                    parts.pop();
                }
                _ if rooted => {}
                _ => parts.push(".."),
            },
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavor {
    /// Docker ignore files: `**` spans directories.
    Ignore,
    /// Go `filepath.Match`.
    Go,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Char(char),
    /// `?`: one character other than `/`.
    One,
    /// `*`: any run of characters other than `/`.
    Star,
    /// Any run of characters (the `.*` of `**`).
    AnyRun,
    /// Start of the optional group `(.*/)?` that `**/` stands for; its end is at the index given.
    Optional(usize),
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

/// A compiled pattern, matched by simulating its automaton (linear in the text length, whatever
/// the pattern: no backtracking blow-up on `*a*a*a*...`).
#[derive(Debug, Clone)]
struct Glob {
    tokens: Vec<Token>,
}

impl Glob {
    fn compile(pattern: &str, flavor: Flavor) -> Result<Glob, &'static str> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            match c {
                '*' if flavor == Flavor::Ignore && chars.get(i) == Some(&'*') => {
                    i += 1;
                    if chars.get(i) == Some(&'/') {
                        i += 1;
                    }
                    if i >= chars.len() {
                        tokens.push(Token::AnyRun);
                    } else {
                        // `(.*/)?`: skippable group of any run followed by a slash.
                        let start = tokens.len();
                        tokens.push(Token::Optional(start + 3));
                        tokens.push(Token::AnyRun);
                        tokens.push(Token::Char('/'));
                    }
                }
                '*' => tokens.push(Token::Star),
                '?' => tokens.push(Token::One),
                '\\' => match chars.get(i) {
                    Some(&n) => {
                        tokens.push(Token::Char(n));
                        i += 1;
                    }
                    None => return Err("trailing backslash"),
                },
                '[' => {
                    let (token, next) = class(&chars, i)?;
                    tokens.push(token);
                    i = next;
                }
                c => tokens.push(Token::Char(c)),
            }
        }
        Ok(Glob { tokens })
    }

    /// Adds state `s` and every state reachable from it without consuming input.
    fn add(&self, set: &mut States, s: usize) {
        let mut stack = vec![s];
        while let Some(s) = stack.pop() {
            if !set.insert(s) {
                continue;
            }
            match self.tokens.get(s) {
                Some(Token::Star | Token::AnyRun) => stack.push(s + 1),
                Some(Token::Optional(end)) => {
                    stack.push(s + 1);
                    stack.push(*end);
                }
                _ => {}
            }
        }
    }

    fn start(&self) -> States {
        let mut set = States::new(self.tokens.len() + 1);
        self.add(&mut set, 0);
        set
    }

    /// Consumes `c`: `states` becomes the set of states after it.
    fn step(&self, states: &mut States, spare: &mut States, c: char) {
        spare.clear();
        for &s in &states.list {
            let Some(token) = self.tokens.get(s) else {
                continue;
            };
            let target = match token {
                Token::Char(x) if *x == c => s + 1,
                Token::One if c != '/' => s + 1,
                Token::Star if c != '/' => s,
                Token::AnyRun => s,
                Token::Class { negated, ranges } if c != '/' => {
                    let inside = ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c));
                    if inside == *negated {
                        continue;
                    }
                    s + 1
                }
                _ => continue,
            };
            self.add(spare, target);
        }
        std::mem::swap(states, spare);
    }

    fn accepts(&self, states: &States) -> bool {
        states.on[self.tokens.len()]
    }

    /// Runs the automaton over `text`; `at_slash` sees the states before each `/` and may stop
    /// the run with a result. `None` when no state survives.
    fn run(&self, text: impl Iterator<Item = char>, mut at_slash: impl FnMut(&States) -> bool) -> Option<States> {
        let mut states = self.start();
        let mut spare = States::new(self.tokens.len() + 1);
        for c in text {
            if c == '/' && at_slash(&states) {
                return Some(states);
            }
            self.step(&mut states, &mut spare, c);
            if states.list.is_empty() {
                return None;
            }
        }
        Some(states)
    }

    fn matches(&self, text: &str) -> bool {
        self.run(text.chars(), |_| false).is_some_and(|s| self.accepts(&s))
    }

    /// Whether the pattern matches `path` or one of its parent directories (`a/b` for `a/b/c`).
    fn matches_self_or_parent(&self, path: &str) -> bool {
        let mut parent = false;
        let end = self.run(path.chars(), |s| {
            parent = self.accepts(s);
            parent
        });
        parent || end.is_some_and(|s| self.accepts(&s))
    }

    /// Whether some path below directory `dir` could match.
    fn may_match_below(&self, dir: &str) -> bool {
        self.run(dir.chars().chain(['/']), |_| false).is_some()
    }
}

/// A set of automaton states: the list for iteration, the flags for membership.
struct States {
    list: Vec<usize>,
    on: Vec<bool>,
}

impl States {
    fn new(n: usize) -> States {
        States {
            list: Vec::new(),
            on: vec![false; n],
        }
    }

    fn insert(&mut self, s: usize) -> bool {
        if self.on[s] {
            return false;
        }
        self.on[s] = true;
        self.list.push(s);
        true
    }

    fn clear(&mut self) {
        for s in self.list.drain(..) {
            self.on[s] = false;
        }
    }
}

/// A `[...]` class starting after the `[` at `chars[i..]`; returns it and the index after `]`.
/// Go's rules: `^` negates; `]` and `-` must be escaped; `\` escapes; ranges are `lo-hi`.
fn class(chars: &[char], mut i: usize) -> Result<(Token, usize), &'static str> {
    let negated = chars.get(i) == Some(&'^');
    if negated {
        i += 1;
    }
    let mut ranges = Vec::new();
    let esc = |i: &mut usize| -> Result<char, &'static str> {
        match chars.get(*i) {
            None => Err("unterminated character class"),
            Some('-' | ']') => Err("'-' or ']' must be escaped in a character class"),
            Some('\\') => {
                let c = chars.get(*i + 1).copied().ok_or("trailing backslash")?;
                *i += 2;
                Ok(c)
            }
            Some(&c) => {
                *i += 1;
                Ok(c)
            }
        }
    };
    loop {
        if chars.get(i) == Some(&']') && !ranges.is_empty() {
            return Ok((Token::Class { negated, ranges }, i + 1));
        }
        let lo = esc(&mut i)?;
        let hi = if chars.get(i) == Some(&'-') {
            i += 1;
            esc(&mut i)?
        } else {
            lo
        };
        if lo > hi {
            return Err("inverted range in character class");
        }
        ranges.push((lo, hi));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ig(text: &str) -> Ignore {
        Ignore::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    #[test]
    fn docker_reference_examples() {
        let i = ig("# comment\n*/temp*\n*/*/temp*\ntemp?\n");
        assert!(i.is_excluded("somedir/temporary.txt"));
        assert!(i.is_excluded("somedir/temp"));
        assert!(i.is_excluded("somedir/subdir/temporary.txt"));
        assert!(i.is_excluded("tempa"));
        assert!(!i.is_excluded("temp"));
        assert!(!i.is_excluded("temporary.txt"));
        assert!(!i.is_excluded("a/b/c/temp"));
        assert!(!i.is_excluded("# comment"));

        let i = ig("*.md\n!README*.md\nREADME-secret.md\n");
        assert!(i.is_excluded("CHANGES.md"));
        assert!(!i.is_excluded("README.md"));
        assert!(i.is_excluded("README-secret.md"));
        let i = ig("*.md\nREADME-secret.md\n!README*.md\n");
        assert!(!i.is_excluded("README-secret.md"));
        // `*.md` does not reach into directories.
        assert!(!i.is_excluded("docs/x.md"));
    }

    #[test]
    fn double_star() {
        let i = ig("**/*.go\n");
        assert!(i.is_excluded("main.go"));
        assert!(i.is_excluded("a/b/c.go"));
        assert!(!i.is_excluded("a/b/c.gox"));
        let i = ig("a/**/b\n");
        assert!(i.is_excluded("a/b"));
        assert!(i.is_excluded("a/x/y/b"));
        assert!(i.is_excluded("a/x/y/b/file"));
        assert!(!i.is_excluded("a/xb"));
        let i = ig("dir/**\n");
        assert!(!i.is_excluded("dir"));
        assert!(i.is_excluded("dir/a/b"));
        let i = ig("**\n!keep\n");
        assert!(i.is_excluded("x"));
        assert!(!i.is_excluded("keep"));
        assert!(!i.is_excluded("keep/inner"));
        let i = ig("**/node_modules\n");
        assert!(i.is_excluded("node_modules/x/y"));
        assert!(i.is_excluded("pkg/node_modules"));
    }

    #[test]
    fn cleaning_and_parents() {
        let i = ig("/foo/bar/\n  ./baz  \nqux//quux\n#not/this\n \t\n");
        assert!(i.is_excluded("foo/bar"));
        assert!(i.is_excluded("foo/bar/deep/file"));
        assert!(!i.is_excluded("foo"));
        assert!(!i.is_excluded("x/foo/bar"));
        assert!(i.is_excluded("baz"));
        assert!(i.is_excluded("./baz/x"));
        assert!(i.is_excluded("/qux/quux"));
        assert!(!i.is_excluded("#not/this"));
        assert!(!i.is_excluded(""));
        assert!(!i.is_excluded("."));
        assert!(!ig("*\n").is_excluded("."), "the root is never excluded");
        // ` #x` is a pattern, not a comment.
        assert!(ig(" #x\n").is_excluded("#x"));
        assert!(ig("\u{feff}a\r\nb\r\n").is_excluded("b"));
        assert!(ig("a/../b\n").is_excluded("b"));
    }

    #[test]
    fn exceptions_and_walk_pruning() {
        let i = ig("vendor\n!vendor/keep\n");
        assert!(i.is_excluded("vendor"));
        assert!(i.is_excluded("vendor/drop"));
        assert!(!i.is_excluded("vendor/keep"));
        assert!(!i.is_excluded("vendor/keep/sub/file"));
        assert!(i.may_contain_included("vendor"));
        assert!(i.may_contain_included("."));

        let i = ig("node_modules\n.git\n");
        assert!(!i.may_contain_included("node_modules"));
        assert!(!i.may_contain_included("node_modules/x"));
        assert!(i.may_contain_included("src"));

        // An exception written with wildcards still forces the walk.
        let i = ig("*\n!**/*.py\n");
        assert!(i.may_contain_included("pkg"));
        assert!(!i.is_excluded("pkg/sub/mod.py"));
        assert!(i.is_excluded("pkg/sub/mod.rs"));
        let i = ig("a\n!b/keep\n");
        assert!(!i.may_contain_included("a"));
        // Later rules win: re-excluded after the exception.
        let i = ig("x\n!x/y\nx/y/z\n");
        assert!(!i.is_excluded("x/y"));
        assert!(i.is_excluded("x/y/z"));
        assert!(i.is_excluded("x/y/z/w"));
    }

    #[test]
    fn classes_and_escapes() {
        let i = ig("file[0-9].txt\nf[^a]\n\\*star\nq\\?\n");
        assert!(i.is_excluded("file7.txt"));
        assert!(!i.is_excluded("filex.txt"));
        assert!(i.is_excluded("fb"));
        assert!(!i.is_excluded("fa"));
        assert!(i.is_excluded("*star"));
        assert!(!i.is_excluded("xstar"));
        assert!(i.is_excluded("q?"));
        assert!(!i.is_excluded("qx"));
        for bad in ["[", "[]", "a[", "[a-]", "[-a]", "[z-a]", "x\\", "!", "  !  ", "[\\"] {
            assert!(Ignore::parse(bad).is_err(), "{bad:?}");
        }
        let e = Ignore::parse("ok\n[bad\n").unwrap_err().to_string();
        assert!(e.starts_with("ignore file:2: invalid pattern \"[bad\""), "{e}");
    }

    #[test]
    fn go_path_match() {
        let m = |p: &str, n: &str| path_match(p, n).unwrap();
        assert!(m("*.txt", "a.txt"));
        assert!(m("*.txt", ".hidden.txt"));
        assert!(!m("*.txt", "d/a.txt"));
        assert!(m("*/*.txt", "d/a.txt"));
        assert!(m("**", "abc"), "** is * in filepath.Match");
        assert!(!m("**", "a/b"));
        assert!(m("a?c", "abc"));
        assert!(!m("a?c", "a/c"));
        assert!(m("[a-c]x", "bx"));
        assert!(m("[^a-c]x", "dx"));
        assert!(!m("[^a-c]x", "/x"));
        assert!(m("\\[x]", "[x]"));
        assert!(m("", ""));
        assert!(!m("", "a"));
        assert!(m("日*", "日本"));
        assert!(path_match("[", "x").is_err());
        // Linear time on a pattern that makes backtracking matchers explode.
        let p = "*a".repeat(50) + "b";
        let text = "a".repeat(5000);
        assert!(!m(&p, &text));
    }

    #[test]
    fn clean_like_go() {
        for (i, o) in [
            ("", "."),
            ("/", "/"),
            ("a//b/./c/", "a/b/c"),
            ("../a", "../a"),
            ("/../a", "/a"),
            ("a/../..", ".."),
            ("./", "."),
            ("a/b/../../c", "c"),
        ] {
            assert_eq!(clean(i), o, "{i:?}");
        }
    }

    #[test]
    fn loading_and_sources() {
        let dir = std::env::temp_dir().join(format!("ferry-ignore-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("src/sub")).unwrap();
        fs::create_dir_all(dir.join("other")).unwrap();
        for f in [
            "a.txt",
            "b.txt",
            "c.md",
            "src/x.rs",
            "src/sub/y.rs",
            "src/sub/z.txt",
            "[lit]",
        ] {
            fs::write(dir.join(f), "").unwrap();
        }
        std::os::unix::fs::symlink("/etc", dir.join("escape")).unwrap();
        std::os::unix::fs::symlink("src", dir.join("inside")).unwrap();

        assert!(!Ignore::load(&dir).unwrap().is_excluded("c.md"));
        fs::write(dir.join(".dockerignore"), "*.md\n").unwrap();
        let i = Ignore::load(&dir).unwrap();
        assert!(i.is_excluded("c.md"));
        fs::write(dir.join(".containerignore"), "*.txt\n").unwrap();
        let i = Ignore::load(&dir).unwrap();
        assert!(i.is_excluded("a.txt") && !i.is_excluded("c.md"));
        fs::create_dir_all(dir.join("unreadable/.dockerignore")).unwrap();
        assert!(matches!(
            Ignore::load(&dir.join("unreadable")),
            Err(IgnoreError::Read { .. })
        ));

        let s = |p: &str| match_sources(&dir, p).unwrap();
        assert_eq!(s("*.txt"), vec!["a.txt", "b.txt"]);
        assert_eq!(s("/src/*/*.rs"), vec!["src/sub/y.rs"]);
        assert_eq!(s("src/**/*.rs"), vec!["src/sub/y.rs"], "** is one level in COPY");
        assert_eq!(s("../../a.txt"), vec!["a.txt"]);
        assert_eq!(s("./src"), vec!["src"]);
        assert_eq!(s("."), vec!["."]);
        assert_eq!(s("nothing*"), Vec::<String>::new());
        assert_eq!(s("missing"), Vec::<String>::new());
        assert_eq!(s("\\[lit]"), vec!["[lit]"]);
        assert_eq!(s("inside/*.rs"), vec!["inside/x.rs"]);
        assert_eq!(
            s("escape/pass*"),
            Vec::<String>::new(),
            "a link out of the context is not listed"
        );
        assert!(match_sources(&dir, "src/[").is_err());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn hostile_patterns() {
        let long = "a/".repeat(10_000);
        let i = ig(&format!("{long}\n**/**/**/**/**/**/x\n!{}\n", "*".repeat(1000)));
        assert!(!i.is_excluded(&"b/".repeat(5000)));
        let _ = i.may_contain_included(&long);
        for t in [
            "\0",
            "[\u{10ffff}-\u{10ffff}]",
            "\u{202e}",
            "\\\\",
            "[\\]]",
            "**",
            "!**",
            "/",
            "..",
            "../..",
        ] {
            let _ = Ignore::parse(t).map(|i| i.is_excluded("a/b"));
        }
        assert!(ig("[\\]]\n").is_excluded("]"));
    }
}
