//! Variable substitution in Containerfile words, as Docker does it: `$V`, `${V}`, `${V:-w}`,
//! `${V-w}`, `${V:+w}`, `${V+w}`, `${V:?msg}`, `${V?msg}`, quotes and the escape character.
//! Every referenced variable is reported, set or not: the build cache keys on them.

use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubstError {
    #[error("{word:?}: unexpected end of text looking for matching {quote}")]
    UnterminatedQuote { word: String, quote: char },
    #[error("{word:?}: missing '}}' in variable substitution")]
    MissingBrace { word: String },
    #[error("{word:?}: bad substitution")]
    BadSubstitution { word: String },
    #[error("{word:?}: unsupported modifier ({modifier}) in substitution")]
    UnsupportedModifier { word: String, modifier: char },
    #[error("{word:?}: substitutions nested too deeply")]
    TooDeep { word: String },
    /// The variables' values put into one word exceed [`MAX_EXPANSION`] bytes.
    #[error("{}: the expanded value is longer than {limit} bytes", shown(word))]
    TooLong { word: String, limit: usize },
    /// `${V:?message}` with V unset (or empty).
    #[error("{name}: {message}")]
    Required { name: String, message: String },
}

/// A word after substitution and quote removal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub value: String,
    /// Every variable name the word references (including in `${V:-...}` defaults).
    pub used: BTreeSet<String>,
}

/// A word split into several after substitution (unquoted whitespace separates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    pub values: Vec<String>,
    pub used: BTreeSet<String>,
}

/// Variable lookup: `Some(value)` when set (possibly empty).
pub type Vars<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Expands one word and removes its quotes and escapes (ENV/LABEL keys and values, WORKDIR, USER,
/// FROM, COPY/ADD paths and flags, ...). Whitespace in the result is kept.
pub fn process_word(word: &str, escape: char, vars: Vars) -> Result<Word, SubstError> {
    let mut s = Scanner::new(word, escape, vars, Mode::Shell);
    let out = s.scan(None, 0)?;
    Ok(Word {
        value: out.joined,
        used: s.used,
    })
}

/// Like `process_word`, then splits on whitespace that was neither quoted nor escaped, including
/// whitespace coming from unquoted variables (EXPOSE `$PORTS`, VOLUME).
pub fn process_words(word: &str, escape: char, vars: Vars) -> Result<Words, SubstError> {
    let mut s = Scanner::new(word, escape, vars, Mode::Shell);
    let out = s.scan(None, 0)?;
    Ok(Words {
        values: out.words.finish(),
        used: s.used,
    })
}

/// Expands the body of a COPY/ADD heredoc whose delimiter was not quoted: like a shell heredoc,
/// quotes are ordinary characters and the escape character only escapes `$` and itself.
pub fn process_heredoc(content: &str, escape: char, vars: Vars) -> Result<Word, SubstError> {
    let mut s = Scanner::new(content, escape, vars, Mode::Heredoc);
    let out = s.scan(None, 0)?;
    Ok(Word {
        value: out.joined,
        used: s.used,
    })
}

/// Nesting limit for `${A:-${B:-...}}`, so that hostile input cannot exhaust the stack.
const MAX_DEPTH: usize = 64;

/// How many bytes variables may add to one word: values doubled by `ARG A=${A}${A}` line
/// after line would otherwise grow exponentially. (An environment string longer than 128 KiB
/// cannot even be passed to a program.)
pub const MAX_EXPANSION: usize = 1 << 20;

/// A word in an error message: its start when it is long.
fn shown(word: &str) -> String {
    const SHOWN: usize = 80;
    match word.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{:?}...", &word[..end]),
        None => format!("{word:?}"),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Shell,
    Heredoc,
}

struct Scanner<'a> {
    word: &'a str,
    chars: Vec<char>,
    pos: usize,
    escape: char,
    vars: Vars<'a>,
    mode: Mode,
    used: BTreeSet<String>,
    /// What variables may still add to the word.
    budget: usize,
}

/// The result as one string and as split words.
#[derive(Default)]
struct Out {
    joined: String,
    words: Splitter,
}

impl Out {
    /// Unquoted text: whitespace splits words.
    fn split(&mut self, s: &str) {
        self.joined.push_str(s);
        for c in s.chars() {
            self.words.push(c, false);
        }
    }

    /// Quoted or escaped text: kept whole (an empty `""` alone makes no word, as in Docker).
    fn raw(&mut self, s: &str) {
        self.joined.push_str(s);
        if !s.is_empty() {
            self.words.in_word = true;
            self.words.cur.push_str(s);
        }
    }
}

#[derive(Default)]
struct Splitter {
    words: Vec<String>,
    cur: String,
    in_word: bool,
}

impl Splitter {
    fn push(&mut self, c: char, raw: bool) {
        if !raw && c.is_whitespace() {
            if self.in_word {
                self.words.push(std::mem::take(&mut self.cur));
                self.in_word = false;
            }
        } else {
            self.in_word = true;
            self.cur.push(c);
        }
    }

    fn finish(mut self) -> Vec<String> {
        if self.in_word {
            self.words.push(self.cur);
        }
        self.words
    }
}

impl<'a> Scanner<'a> {
    fn new(word: &'a str, escape: char, vars: Vars<'a>, mode: Mode) -> Self {
        Scanner {
            word,
            chars: word.chars().collect(),
            pos: 0,
            escape,
            vars,
            mode,
            used: BTreeSet::new(),
            budget: MAX_EXPANSION,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    fn err_word(&self) -> String {
        self.word.to_string()
    }

    /// Scans up to `stop` (consumed; `None` = end of text). With a stop character, reaching the
    /// end first is an unclosed `${`.
    fn scan(&mut self, stop: Option<char>, depth: usize) -> Result<Out, SubstError> {
        if depth > MAX_DEPTH {
            return Err(SubstError::TooDeep { word: self.err_word() });
        }
        let mut out = Out::default();
        loop {
            let Some(c) = self.next() else {
                return match stop {
                    None => Ok(out),
                    Some(_) => Err(SubstError::MissingBrace { word: self.err_word() }),
                };
            };
            match c {
                c if Some(c) == stop => return Ok(out),
                '$' => {
                    let v = self.dollar(depth)?;
                    out.split(&v);
                }
                c if c == self.escape => match self.mode {
                    Mode::Shell => {
                        // A trailing escape character is dropped.
                        if let Some(n) = self.next() {
                            out.raw(&n.to_string());
                        }
                    }
                    Mode::Heredoc => match self.peek() {
                        Some(n) if n == '$' || n == self.escape => {
                            self.pos += 1;
                            out.raw(&n.to_string());
                        }
                        _ => out.raw(&c.to_string()),
                    },
                },
                '\'' if self.mode == Mode::Shell => {
                    let mut s = String::new();
                    loop {
                        match self.next() {
                            None => {
                                return Err(SubstError::UnterminatedQuote {
                                    word: self.err_word(),
                                    quote: '\'',
                                });
                            }
                            Some('\'') => break,
                            Some(n) => s.push(n),
                        }
                    }
                    out.raw(&s);
                }
                '"' if self.mode == Mode::Shell => {
                    let s = self.double_quoted(depth)?;
                    out.raw(&s);
                }
                c => out.split(&c.to_string()),
            }
        }
    }

    /// The inside of `"..."` (opening quote consumed): `$` expands, the escape character escapes
    /// `"`, `$` and itself only.
    fn double_quoted(&mut self, depth: usize) -> Result<String, SubstError> {
        let mut s = String::new();
        loop {
            match self.next() {
                None => {
                    return Err(SubstError::UnterminatedQuote {
                        word: self.err_word(),
                        quote: '"',
                    });
                }
                Some('"') => return Ok(s),
                Some('$') => s.push_str(&self.dollar(depth)?),
                Some(c) if c == self.escape => match self.peek() {
                    Some(n) if n == '"' || n == '$' || n == self.escape => {
                        self.pos += 1;
                        s.push(n);
                    }
                    _ => s.push(c),
                },
                Some(c) => s.push(c),
            }
        }
    }

    /// After a `$`: the substituted text, or `$` itself when no name follows.
    fn dollar(&mut self, depth: usize) -> Result<String, SubstError> {
        if self.peek() != Some('{') {
            let name = self.name();
            return Ok(if name.is_empty() {
                "$".into()
            } else {
                self.lookup(&name)?.unwrap_or_default()
            });
        }
        self.pos += 1;
        let name = self.name();
        if name.is_empty() {
            return Err(match self.peek() {
                None => SubstError::MissingBrace { word: self.err_word() },
                Some(_) => SubstError::BadSubstitution { word: self.err_word() },
            });
        }
        let (colon, modifier) = match self.next() {
            None => return Err(SubstError::MissingBrace { word: self.err_word() }),
            Some('}') => return Ok(self.lookup(&name)?.unwrap_or_default()),
            Some(':') => match self.next() {
                None => return Err(SubstError::MissingBrace { word: self.err_word() }),
                Some(m @ ('-' | '+' | '?')) => (true, m),
                Some(m) => {
                    return Err(SubstError::UnsupportedModifier {
                        word: self.err_word(),
                        modifier: m,
                    });
                }
            },
            Some(m @ ('-' | '+' | '?')) => (false, m),
            Some('#' | '%' | '/') => {
                return Err(SubstError::UnsupportedModifier {
                    word: self.err_word(),
                    modifier: self.chars[self.pos - 1],
                });
            }
            Some(_) => return Err(SubstError::BadSubstitution { word: self.err_word() }),
        };
        let word = self.scan(Some('}'), depth + 1)?.joined;
        let value = self.lookup(&name)?;
        // With a colon, an empty value counts as unset.
        let set = match &value {
            Some(v) => !(colon && v.is_empty()),
            None => false,
        };
        match modifier {
            '-' => Ok(if set { value.unwrap_or_default() } else { word }),
            '+' => Ok(if set { word } else { String::new() }),
            _ => {
                if set {
                    Ok(value.unwrap_or_default())
                } else {
                    let message = if word.is_empty() {
                        "parameter null or not set".to_string()
                    } else {
                        word
                    };
                    Err(SubstError::Required { name, message })
                }
            }
        }
    }

    /// A variable name: `[A-Za-z_][A-Za-z0-9_]*`, a run of digits, or one special parameter.
    fn name(&mut self) -> String {
        let mut name = String::new();
        match self.peek() {
            Some(c) if c.is_ascii_digit() => {
                while let Some(c) = self.peek().filter(char::is_ascii_digit) {
                    name.push(c);
                    self.pos += 1;
                }
            }
            Some(c @ ('@' | '*' | '#' | '?' | '-' | '$' | '!')) => {
                name.push(c);
                self.pos += 1;
            }
            _ => {
                while let Some(c) = self.peek().filter(|c| c.is_ascii_alphanumeric() || *c == '_') {
                    name.push(c);
                    self.pos += 1;
                }
            }
        }
        name
    }

    /// A variable's value, counted against the word's budget (a value that is looked up but
    /// then not used, as in `${V:-word}`, counts too).
    fn lookup(&mut self, name: &str) -> Result<Option<String>, SubstError> {
        self.used.insert(name.to_string());
        let value = (self.vars)(name);
        if let Some(v) = &value {
            self.budget = self.budget.checked_sub(v.len()).ok_or_else(|| SubstError::TooLong {
                word: self.err_word(),
                limit: MAX_EXPANSION,
            })?;
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(name: &str) -> Option<String> {
        match name {
            "A" => Some("a".into()),
            "EMPTY" => Some(String::new()),
            "SP" => Some("x  y".into()),
            "Q" => Some("'q'".into()),
            "D" => Some("$A".into()),
            _ => None,
        }
    }

    fn w(word: &str) -> String {
        process_word(word, '\\', &vars)
            .unwrap_or_else(|e| panic!("{word:?}: {e}"))
            .value
    }

    fn ws(word: &str) -> Vec<String> {
        process_words(word, '\\', &vars).unwrap().values
    }

    #[test]
    fn plain_forms() {
        assert_eq!(w("$A"), "a");
        assert_eq!(w("${A}"), "a");
        assert_eq!(w("x${A}y$A.z"), "xaya.z");
        assert_eq!(w("$UNSET"), "");
        assert_eq!(w("${UNSET}/bin"), "/bin");
        assert_eq!(w("$"), "$");
        assert_eq!(w("a$ b"), "a$ b");
        assert_eq!(w("$/x"), "$/x");
        assert_eq!(w("$1"), "");
        assert_eq!(w("$$"), "");
        assert_eq!(w("$A_B"), "", "the name runs to the last word character");
        // Values are not expanded again.
        assert_eq!(w("$D"), "$A");
        assert_eq!(w("$Q"), "'q'");
    }

    #[test]
    fn modifiers() {
        assert_eq!(w("${A:-d}"), "a");
        assert_eq!(w("${UNSET:-d}"), "d");
        assert_eq!(w("${EMPTY:-d}"), "d");
        assert_eq!(w("${EMPTY-d}"), "");
        assert_eq!(w("${UNSET-d}"), "d");
        assert_eq!(w("${A:+set}"), "set");
        assert_eq!(w("${EMPTY:+set}"), "");
        assert_eq!(w("${EMPTY+set}"), "set");
        assert_eq!(w("${UNSET+set}"), "");
        assert_eq!(w("${UNSET:-$A-${A}}"), "a-a");
        assert_eq!(w("${UNSET:-${UNSET2:-deep}}"), "deep");
        assert_eq!(w("${UNSET:-\"x y\"}"), "x y");
        assert_eq!(w("${UNSET:-a\\}b}"), "a}b");
        assert_eq!(w("${UNSET:-'}'}"), "}");
        assert_eq!(w("${UNSET:-}"), "");
        assert_eq!(w("${A:?must be set}"), "a");
        assert_eq!(
            process_word("${UNSET:?must be set}", '\\', &vars),
            Err(SubstError::Required {
                name: "UNSET".into(),
                message: "must be set".into()
            })
        );
        assert!(process_word("${EMPTY:?}", '\\', &vars).is_err());
        assert_eq!(w("${EMPTY?}"), "");
    }

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(w("'$A'"), "$A");
        assert_eq!(w("\"$A\""), "a");
        assert_eq!(w("\"'$A'\""), "'a'");
        assert_eq!(w("'\"$A\"'"), "\"$A\"");
        assert_eq!(w("\\$A"), "$A");
        assert_eq!(w("\\${A}"), "${A}");
        assert_eq!(w("a\\ b"), "a b");
        assert_eq!(w("\"a\\\"b\""), "a\"b");
        assert_eq!(w("\"a\\nb\""), "a\\nb", "unknown escapes in double quotes are kept");
        assert_eq!(w("\"\\$A\""), "$A");
        assert_eq!(w("\"\\\\\""), "\\");
        assert_eq!(w("trailing\\"), "trailing");
        assert_eq!(w("\"two  spaces\""), "two  spaces");
        assert_eq!(w("''"), "");
        // The backtick escape: backslashes are plain characters.
        let bt = |s: &str| process_word(s, '`', &vars).unwrap().value;
        assert_eq!(bt("C:\\$A"), "C:\\a");
        assert_eq!(bt("`$A"), "$A");
        assert_eq!(bt("\"`\"\""), "\"");
        for bad in [
            "'open", "\"open", "\"$A", "${A", "${A:-x", "${", "${}", "${A:x}", "${A b}", "${A#x}", "${A%x}",
        ] {
            assert!(process_word(bad, '\\', &vars).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn word_splitting() {
        assert_eq!(
            ws("80 $SP \"$SP\" 'a b' c\\ d"),
            vec!["80", "x", "y", "x  y", "a b", "c d"]
        );
        assert_eq!(ws("  "), Vec::<String>::new());
        assert_eq!(ws("$UNSET"), Vec::<String>::new());
        assert_eq!(ws("\"\" x ''"), vec!["x"]);
        assert_eq!(ws("${UNSET:-p q}"), vec!["p", "q"]);
        assert_eq!(ws("a$A\"b c\""), vec!["aab c"]);
    }

    #[test]
    fn used_variables() {
        let used = |s: &str| {
            process_word(s, '\\', &vars)
                .unwrap()
                .used
                .into_iter()
                .collect::<Vec<_>>()
        };
        assert_eq!(used("$A ${UNSET:-$B} '$C' \"$D\" \\$E"), vec!["A", "B", "D", "UNSET"]);
        assert_eq!(used("${A:+$X}"), vec!["A", "X"]);
        assert!(used("plain").is_empty());
    }

    #[test]
    fn heredoc_content() {
        let h = |s: &str| process_heredoc(s, '\\', &vars).unwrap().value;
        assert_eq!(h("echo \"$A\" '$A'\n"), "echo \"a\" 'a'\n");
        assert_eq!(h("\\$A \\\\ \\n ${UNSET:-d}\n"), "$A \\ \\n d\n");
        assert_eq!(h("it's \"unbalanced\n"), "it's \"unbalanced\n");
        assert_eq!(process_heredoc("$A", '\\', &vars).unwrap().used.len(), 1);
    }

    #[test]
    fn hostile_input() {
        let deep = format!("{}x{}", "${U:-".repeat(10_000), "}".repeat(10_000));
        assert!(matches!(
            process_word(&deep, '\\', &vars),
            Err(SubstError::TooDeep { .. })
        ));
        let ok_deep = format!("{}x{}", "${U:-".repeat(60), "}".repeat(60));
        assert_eq!(w(&ok_deep), "x");
        let long = "$A".repeat(100_000);
        assert_eq!(w(&long).len(), 100_000);
        for s in [
            "\0$A",
            "é${A}日",
            "${é}",
            "$\u{202e}",
            "\"\\",
            "'\\'",
            "${A:-\"}",
            "}}}",
        ] {
            let _ = process_word(s, '\\', &vars);
            let _ = process_words(s, '\\', &vars);
            let _ = process_heredoc(s, '\\', &vars);
        }
        assert_eq!(w("é$A日"), "éa日");
    }

    #[test]
    fn expansion_is_bounded() {
        // `ARG A=${A}${A}` line after line: the value doubles until the bound stops it.
        let mut value = "x".to_string();
        let mut lines = 0;
        let err = loop {
            let v = value.clone();
            match process_word("${A}${A}", '\\', &|k: &str| (k == "A").then(|| v.clone())) {
                Ok(w) => value = w.value,
                Err(e) => break e,
            }
            lines += 1;
            assert!(lines < 40);
        };
        assert_eq!(lines, 20);
        assert_eq!(value.len(), MAX_EXPANSION);
        assert_eq!(
            err.to_string(),
            format!("\"${{A}}${{A}}\": the expanded value is longer than {MAX_EXPANSION} bytes")
        );
        // Every form counts: defaults, alternatives, quotes, heredocs, split words.
        let big = "y".repeat(MAX_EXPANSION / 2 + 1);
        let vars = |k: &str| (k == "B").then(|| big.clone());
        for word in ["$B$B", "${U:-$B}$B", "\"$B\"${B:+x}", "${B:-x}${B}"] {
            assert!(
                matches!(process_word(word, '\\', &vars), Err(SubstError::TooLong { .. })),
                "{word}"
            );
            assert!(matches!(
                process_words(word, '\\', &vars),
                Err(SubstError::TooLong { .. })
            ));
            assert!(matches!(
                process_heredoc(word, '\\', &vars),
                Err(SubstError::TooLong { .. })
            ));
        }
        assert_eq!(process_word("$B", '\\', &vars).unwrap().value.len(), big.len());
        // Literal text does not count: a long heredoc body is fine.
        let literal = "z".repeat(3 * MAX_EXPANSION);
        assert_eq!(
            process_heredoc(&literal, '\\', &vars).unwrap().value.len(),
            literal.len()
        );
        // The message shows the start of a long word only.
        let long_word = format!("{}$B$B", "w".repeat(500));
        let e = process_word(&long_word, '\\', &vars).unwrap_err().to_string();
        assert!(e.len() < 200 && e.contains("..."), "{e}");
    }
}
