//! `ferry generate-docs --out DIR` (hidden, for packaging): writes `DIR/man/*.1` (one page per command,
//! recursing into command groups, hidden commands left out) and `DIR/completions/ferry.{bash,zsh,fish}`.
//! The repository keeps a generated copy in man/ and completions/, checked by this module's test.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, GenerateDocsArgs};
use crate::commands::{Context, ExitStatus};

/// The directories `generate-docs` owns under `--out`: files there that it did not generate are removed.
const OUTPUT_DIRS: [&str; 2] = ["man", "completions"];

pub fn exec(_ctx: &mut Context, args: GenerateDocsArgs) -> Result<ExitStatus> {
    let files = render()?;
    write(&args.out, &files)?;
    Ok(ExitStatus::SUCCESS)
}

/// Every generated file as (path relative to the output directory, content), sorted by path.
fn render() -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files = vec![
        (PathBuf::from("completions/ferry.bash"), super::script(Shell::Bash)),
        // zsh autoloads the `_ferry` function this defines; packagers install it as `_ferry` in $fpath.
        (PathBuf::from("completions/ferry.zsh"), super::script(Shell::Zsh)),
        (PathBuf::from("completions/ferry.fish"), super::script(Shell::Fish)),
    ];
    // Built once so subcommands carry their full names (`ferry-image-ls`) and the global options.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    man_pages(cmd, &mut files).context("rendering man pages")?;
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

fn man_pages(cmd: clap::Command, files: &mut Vec<(PathBuf, Vec<u8>)>) -> std::io::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages(sub.clone(), files)?;
    }
    // The default source would name the subcommand alone ("ls 0.1.0").
    let man = clap_mangen::Man::new(cmd).source(format!("ferry {}", env!("CARGO_PKG_VERSION")));
    let mut page = Vec::new();
    man.render(&mut page)?;
    files.push((Path::new("man").join(man.get_filename()), page));
    Ok(())
}

fn write(out: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    for dir in OUTPUT_DIRS {
        let dir = out.join(dir);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        // Pages of removed commands would otherwise linger.
        for existing in list(out, Path::new(dir.file_name().expect("a name")))? {
            if !files.iter().any(|(rel, _)| *rel == existing) {
                let path = out.join(&existing);
                std::fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
            }
        }
    }
    for (rel, content) in files {
        let path = out.join(rel);
        std::fs::write(&path, content).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// The files directly in `out/dir`, as paths relative to `out`.
fn list(out: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let full = out.join(dir);
    let mut found = Vec::new();
    let entries = match std::fs::read_dir(&full) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(e).with_context(|| format!("reading {}", full.display())),
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("reading {}", full.display()))?;
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            found.push(dir.join(entry.file_name()));
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIX: &str = "run: cargo run -- generate-docs --out .";

    #[test]
    fn committed_docs_are_up_to_date() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let tmp = std::env::temp_dir().join(format!("ferry-generate-docs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        write(&tmp, &render().unwrap()).unwrap();
        let mut problems = Vec::new();
        for dir in OUTPUT_DIRS {
            let want = list(&tmp, Path::new(dir)).unwrap();
            let have = list(repo, Path::new(dir)).unwrap();
            for rel in want.iter().filter(|f| !have.contains(f)) {
                problems.push(format!("missing {}", rel.display()));
            }
            for rel in have.iter().filter(|f| !want.contains(f)) {
                problems.push(format!("stale {}", rel.display()));
            }
            for rel in want.iter().filter(|f| have.contains(f)) {
                if std::fs::read(tmp.join(rel)).unwrap() != std::fs::read(repo.join(rel)).unwrap() {
                    problems.push(format!("outdated {}", rel.display()));
                }
            }
        }
        let _ = std::fs::remove_dir_all(&tmp);
        assert!(
            problems.is_empty(),
            "man/ and completions/ do not match the CLI ({}); {FIX}",
            problems.join(", ")
        );
    }

    #[test]
    fn pages_per_command_without_hidden_ones() {
        let files = render().unwrap();
        let names: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
        for want in [
            "man/ferry.1",
            "man/ferry-image.1",
            "man/ferry-image-ls.1",
            "man/ferry-images.1",
            "man/ferry-system-df.1",
            "completions/ferry.bash",
            "completions/ferry.zsh",
            "completions/ferry.fish",
        ] {
            assert!(names.iter().any(|n| n == want), "{want} not in {names:?}");
        }
        assert!(
            !names.iter().any(|n| n.contains("generate-docs") || n.contains("help")),
            "{names:?}"
        );
        let ls = &files.iter().find(|(p, _)| p.ends_with("ferry-image-ls.1")).unwrap().1;
        let ls = String::from_utf8_lossy(ls);
        assert!(ls.contains("ferry\\-image\\-ls"), "{ls}");
        assert!(ls.contains("\\-\\-root"), "global options are documented on every page");
    }

    #[test]
    fn write_removes_stale_files() {
        let tmp = std::env::temp_dir().join(format!("ferry-generate-docs-stale-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(tmp.join("man")).unwrap();
        std::fs::write(tmp.join("man/ferry-gone.1"), "old").unwrap();
        std::fs::write(tmp.join("README"), "kept").unwrap();
        write(&tmp, &render().unwrap()).unwrap();
        assert!(!tmp.join("man/ferry-gone.1").exists());
        assert!(tmp.join("README").exists());
        assert!(tmp.join("man/ferry.1").exists());
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
