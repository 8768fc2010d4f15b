//! Heredoc openers (`<<EOF`, `<<-EOF`, `<<"EOF"`, `3<<'EOF'`) on RUN/COPY/ADD lines and the
//! reading of their bodies from the lines that follow the instruction.

use super::ast::Heredoc;

/// A heredoc opener found on an instruction line; the body is read later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Opener {
    pub name: String,
    pub expand: bool,
    pub strip_tabs: bool,
}

/// Reads one raw word (as split by `lexer::split_words`, quotes kept) as a heredoc opener
/// (`<<EOF`, `<<-'EOF'`). `allow_fd` accepts a file-descriptor prefix (`3<<EOF`), meaningful in
/// RUN only. Quoted words (`"<<EOF"`) and here-strings (`<<<x`) are not openers.
pub(super) fn opener(word: &str, escape: char, allow_fd: bool) -> Option<Opener> {
    let (strip_tabs, rest) = operator(word, allow_fd)?;
    let (name, expand) = delimiter(rest, escape)?;
    Some(Opener {
        name,
        expand,
        strip_tabs,
    })
}

/// The openers among `words`, as (index of the first word, number of words, opener): the
/// delimiter may be the next word (`<< EOF`, `<<- EOF`).
pub(super) fn openers(words: &[String], escape: char, allow_fd: bool) -> Vec<(usize, usize, Opener)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let found = match operator(&words[i], allow_fd) {
            Some((strip_tabs, "")) => {
                words
                    .get(i + 1)
                    .and_then(|next| delimiter(next, escape))
                    .map(|(name, expand)| {
                        let o = Opener {
                            name,
                            expand,
                            strip_tabs,
                        };
                        (i, 2, o)
                    })
            }
            Some(_) => opener(&words[i], escape, allow_fd).map(|o| (i, 1, o)),
            None => None,
        };
        match found {
            Some(f) => {
                i += f.1;
                out.push(f);
            }
            None => i += 1,
        }
    }
    out
}

/// `[fd]<<[-]rest` → (strip tabs, rest).
fn operator(word: &str, allow_fd: bool) -> Option<(bool, &str)> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && !allow_fd {
        return None;
    }
    let rest = word[digits..].strip_prefix("<<")?;
    Some(match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    })
}

/// The delimiter word → (name, expand). Quotes anywhere turn expansion off (`<<'EOF'`,
/// `<<E"O"F`) and may hold blanks; an escaped character is taken literally. The name ends where
/// the shell would end the word: at a redirection or an operator.
fn delimiter(rest: &str, escape: char) -> Option<(String, bool)> {
    if rest.contains('<') {
        return None;
    }
    let mut name = String::new();
    let mut quoted = false;
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {
                quoted = true;
                let mut closed = false;
                for n in chars.by_ref() {
                    if n == c {
                        closed = true;
                        break;
                    }
                    name.push(n);
                }
                if !closed {
                    return None;
                }
            }
            c if c == escape => name.push(chars.next()?),
            '>' | '|' | ';' | '&' | '(' | ')' => break,
            c if c.is_whitespace() => return None,
            c => name.push(c),
        }
    }
    if name.is_empty() || name.contains('\n') {
        return None;
    }
    Some((name, !quoted))
}

/// Reads the body of `opener` from `lines[*next..]`, advancing `*next` past the delimiter line.
/// `Err(())` when the file ends first.
pub(super) fn read_body(opener: &Opener, lines: &[&str], next: &mut usize) -> Result<Heredoc, ()> {
    let mut content = String::new();
    while let Some(raw) = lines.get(*next) {
        *next += 1;
        let line = if opener.strip_tabs {
            raw.trim_start_matches('\t')
        } else {
            raw
        };
        if line == opener.name {
            return Ok(Heredoc {
                name: opener.name.clone(),
                content,
                expand: opener.expand,
                strip_tabs: opener.strip_tabs,
            });
        }
        content.push_str(line);
        content.push('\n');
    }
    Err(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(name: &str, expand: bool, strip_tabs: bool) -> Option<Opener> {
        Some(Opener {
            name: name.into(),
            expand,
            strip_tabs,
        })
    }

    #[test]
    fn single_word_openers() {
        assert_eq!(opener("<<EOF", '\\', false), op("EOF", true, false));
        assert_eq!(opener("<<-EOT", '\\', false), op("EOT", true, true));
        assert_eq!(opener("<<\"EOF\"", '\\', false), op("EOF", false, false));
        assert_eq!(opener("<<-'E O'", '\\', false), op("E O", false, true));
        assert_eq!(opener("<<eo'f'", '\\', false), op("eof", false, false));
        assert_eq!(opener("<<$EOF", '\\', false), op("$EOF", true, false));
        assert_eq!(opener("<<'EOF'", '\\', false), op("EOF", false, false));
        // An escape alone does not turn expansion off (as in BuildKit).
        assert_eq!(opener("<<eo\\'f", '\\', false), op("eo'f", true, false));
        assert_eq!(opener("<<'e'o\\'f", '\\', false), op("eo'f", false, false));
        assert_eq!(opener("<<`EOF", '`', false), op("EOF", true, false));
        assert_eq!(opener("3<<EOF", '\\', true), op("EOF", true, false));
        assert_eq!(opener("3<<EOF", '\\', false), None);
        assert_eq!(opener("<<EOF>/out", '\\', true), op("EOF", true, false));
        assert_eq!(opener("<<EOF|sh", '\\', true), op("EOF", true, false));
    }

    #[test]
    fn separate_delimiter_words() {
        let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        let names = |s: &str, fd: bool| {
            openers(&words(s), '\\', fd)
                .into_iter()
                .map(|(i, n, o)| (i, n, o.name, o.strip_tabs))
                .collect::<Vec<_>>()
        };
        assert_eq!(names("<< EOF > foo", true), vec![(0, 2, "EOF".to_string(), false)]);
        assert_eq!(names("<< -EOF", true), vec![(0, 2, "-EOF".to_string(), false)]);
        assert_eq!(names("<<- EOF", true), vec![(0, 2, "EOF".to_string(), true)]);
        assert_eq!(
            names("cat <<A 4<<B x", true),
            vec![(1, 1, "A".to_string(), false), (2, 1, "B".to_string(), false)]
        );
        assert_eq!(names("4<< B", false), vec![]);
        assert_eq!(names("<<", true), vec![]);
        assert_eq!(names("<< <x", true), vec![]);
    }

    #[test]
    fn non_openers() {
        for w in [
            "\"<<EOF\"",
            "'<<EOF'",
            "<<<here",
            "<<",
            "<<-",
            "<<''",
            "<<\"EOF",
            "cat<<EOF",
            "x",
            "",
            "<<>f",
            "<<\\",
        ] {
            assert_eq!(opener(w, '\\', true), None, "{w:?}");
        }
    }

    #[test]
    fn bodies() {
        let lines = ["a", "\tb", "EOF", "rest"];
        let mut next = 0;
        let h = read_body(&opener("<<EOF", '\\', false).unwrap(), &lines, &mut next).unwrap();
        assert_eq!(h.content, "a\n\tb\n");
        assert_eq!(next, 3);

        let lines = ["\t\ta", "\tEOF"];
        let mut next = 0;
        let h = read_body(&opener("<<-EOF", '\\', false).unwrap(), &lines, &mut next).unwrap();
        assert_eq!((h.content.as_str(), h.strip_tabs), ("a\n", true));

        // Without `-`, an indented delimiter is body text; then the file ends.
        let lines = ["\tEOF"];
        let mut next = 0;
        assert!(read_body(&opener("<<EOF", '\\', false).unwrap(), &lines, &mut next).is_err());

        let mut next = 0;
        let h = read_body(&opener("<<E", '\\', false).unwrap(), &["E"], &mut next).unwrap();
        assert_eq!(h.content, "");
    }
}
