//! `ferry completion SHELL`: prints a completion script for bash, zsh, fish, elvish or PowerShell.

use std::io::Write;

use anyhow::{Context as _, Result};

use crate::cli::CompletionArgs;
use crate::commands::{Context, ExitStatus};

pub fn exec(_ctx: &mut Context, args: CompletionArgs) -> Result<ExitStatus> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(&super::script(args.shell))
        .context("writing the completion script")?;
    stdout.flush().context("writing the completion script")?;
    Ok(ExitStatus::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::super::script;
    use clap_complete::Shell;

    #[test]
    fn scripts_cover_subcommands() {
        let bash = String::from_utf8(script(Shell::Bash)).unwrap();
        assert!(bash.contains("complete -F _ferry"), "{bash}");
        assert!(bash.contains("ferry__image__ls") || bash.contains("ferry,image"));
        let zsh = String::from_utf8(script(Shell::Zsh)).unwrap();
        assert!(zsh.starts_with("#compdef ferry"));
        let fish = String::from_utf8(script(Shell::Fish)).unwrap();
        assert!(fish.contains("complete -c ferry"));
        assert!(fish.contains("system"));
    }
}
