//! ferry: parse the command line, dispatch, and turn errors into exit codes in one place.

use std::io::Write;

use clap::Parser;

use ferry::cli::{self, Cli, Command};
use ferry::commands::{self, Context, ExitStatus};
use ferry::monitor;

fn main() {
    // A detached container's monitor: before anything else, so that it stays small.
    if std::env::args_os().nth(1).is_some_and(|a| a == monitor::ROLE) {
        monitor::main();
    }
    // A closed stdout (`ferry images | head`) ends the program quietly, as in other CLIs.
    // SAFETY: restoring the default SIGPIPE disposition before any output.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Usage errors exit 125 like Podman's; --help and --version exit 0.
            if !e.use_stderr() {
                let _ = e.print();
                std::process::exit(0);
            }
            let text = e.render().to_string();
            eprint!("Error: {}", text.strip_prefix("error: ").unwrap_or(&text));
            std::process::exit(ExitStatus::ENGINE_ERROR.0);
        }
    };
    commands::set_log_level(cli.global.log_level);
    let mut ctx = Context::new(cli.global.clone());
    let status = match dispatch(&mut ctx, cli.command) {
        Ok(status) => status,
        Err(err) => {
            let _ = std::io::stdout().flush();
            eprintln!("Error: {}", commands::chain(&err));
            ExitStatus::ENGINE_ERROR
        }
    };
    let _ = std::io::stdout().flush();
    std::process::exit(status.0);
}

fn dispatch(ctx: &mut Context, command: Command) -> anyhow::Result<ExitStatus> {
    use cli::{ContainerCommand as C, ImageCommand as I, SystemCommand as S, VolumeCommand as V};
    use commands::*;
    match command {
        Command::Run(a) => run::exec(ctx, *a),
        // Container state and removal.
        Command::Ps(a) | Command::Container(C::Ls(a)) => ps::exec(ctx, a),
        Command::Rm(a) | Command::Container(C::Rm(a)) => rm::exec(ctx, a),
        Command::Container(C::Inspect(a)) => container_inspect::exec(ctx, a),
        Command::Container(C::Exists(a)) => container_exists::exec(ctx, a),
        Command::Container(C::Prune(a)) => container_prune::exec(ctx, a),
        Command::Rename(a) | Command::Container(C::Rename(a)) => rename::exec(ctx, a),
        Command::Port(a) | Command::Container(C::Port(a)) => port::exec(ctx, a),
        Command::Cp(a) | Command::Container(C::Cp(a)) => cp::exec(ctx, a),
        Command::Export(a) | Command::Container(C::Export(a)) => export::exec(ctx, a),
        Command::Mount(a) | Command::Container(C::Mount(a)) => mount::exec(ctx, a),
        Command::Unmount(a) | Command::Container(C::Unmount(a)) => unmount::exec(ctx, a),
        Command::Wait(a) | Command::Container(C::Wait(a)) => wait::exec(ctx, a),
        Command::Create(a) | Command::Container(C::Create(a)) => create::exec(ctx, *a),
        Command::Start(a) | Command::Container(C::Start(a)) => start::exec(ctx, a),
        Command::Attach(a) | Command::Container(C::Attach(a)) => attach::exec(ctx, a),
        // Stopping, signalling and logs.
        Command::Logs(a) | Command::Container(C::Logs(a)) => logs::exec(ctx, a),
        Command::Stop(a) | Command::Container(C::Stop(a)) => stop::exec(ctx, a),
        Command::Kill(a) | Command::Container(C::Kill(a)) => kill::exec(ctx, a),
        Command::Restart(a) | Command::Container(C::Restart(a)) => restart::exec(ctx, a),
        Command::Exec(a) | Command::Container(C::Exec(a)) => exec::exec(ctx, a),
        Command::Diff(a) | Command::Container(C::Diff(a)) => diff::exec(ctx, a),
        Command::Commit(a) | Command::Container(C::Commit(a)) => commit::exec(ctx, a),
        Command::Top(a) | Command::Container(C::Top(a)) => top::exec(ctx, a),
        Command::Images(a) | Command::Image(I::Ls(a)) => images::exec(ctx, a),
        Command::Inspect(a) => inspect::exec(ctx, a),
        Command::Image(I::Inspect(a)) => inspect::exec(
            ctx,
            cli::InspectArgs {
                kind: cli::InspectType::Image,
                ..a
            },
        ),
        Command::History(a) | Command::Image(I::History(a)) => history::exec(ctx, a),
        Command::Tag(a) | Command::Image(I::Tag(a)) => tag::exec(ctx, a),
        Command::Untag(a) | Command::Image(I::Untag(a)) => untag::exec(ctx, a),
        Command::Rmi(a) | Command::Image(I::Rm(a)) => rmi::exec(ctx, a),
        Command::Image(I::Prune(a)) => image_prune::exec(ctx, a),
        Command::Image(I::Exists(a)) => image_exists::exec(ctx, a),
        Command::Load(a) | Command::Image(I::Load(a)) => load::exec(ctx, a),
        Command::Save(a) | Command::Image(I::Save(a)) => save::exec(ctx, a),
        Command::Import(a) | Command::Image(I::Import(a)) => import::exec(ctx, a),
        Command::Build(a) | Command::Image(I::Build(a)) => build::exec(ctx, *a),
        Command::Pull(a) | Command::Image(I::Pull(a)) => pull::exec(ctx, a),
        Command::Push(a) | Command::Image(I::Push(a)) => push::exec(ctx, a),
        Command::Login(a) => login::exec(ctx, a),
        Command::Logout(a) => logout::exec(ctx, a),
        Command::Manifest(cli::ManifestCommand::Inspect(a)) => manifest_inspect::exec(ctx, a),
        Command::Volume(V::Create(a)) => volume_create::exec(ctx, a),
        Command::Volume(V::Ls(a)) => volume_ls::exec(ctx, a),
        Command::Volume(V::Inspect(a)) => volume_inspect::exec(ctx, a),
        Command::Volume(V::Rm(a)) => volume_rm::exec(ctx, a),
        Command::Volume(V::Prune(a)) => volume_prune::exec(ctx, a),
        Command::Volume(V::Exists(a)) => volume_exists::exec(ctx, a),
        Command::Volume(V::Export(a)) => volume_export::exec(ctx, a),
        Command::Volume(V::Import(a)) => volume_import::exec(ctx, a),
        Command::Network(cli::NetworkCommand::Create(a)) => network_create::exec(ctx, a),
        Command::Network(cli::NetworkCommand::Ls(a)) => network_ls::exec(ctx, a),
        Command::Network(cli::NetworkCommand::Inspect(a)) => network_inspect::exec(ctx, a),
        Command::Network(cli::NetworkCommand::Rm(a)) => network_rm::exec(ctx, a),
        Command::Network(cli::NetworkCommand::Prune(a)) => network_prune::exec(ctx, a),
        Command::Network(cli::NetworkCommand::Exists(a)) => network_exists::exec(ctx, a),
        Command::Network(cli::NetworkCommand::Connect(a)) => network_connect::exec(ctx, a),
        Command::Network(cli::NetworkCommand::Disconnect(a)) => network_disconnect::exec(ctx, a),
        Command::System(S::Check(a)) => system_check::exec(ctx, a),
        Command::System(S::Df(a)) => system_df::exec(ctx, a),
        Command::System(S::Prune(a)) => system_prune::exec(ctx, a),
        Command::System(S::Reset(a)) => system_reset::exec(ctx, a),
        Command::Info(a) | Command::System(S::Info(a)) => info::exec(ctx, a),
        Command::Unshare(a) => unshare::exec(ctx, a),
        Command::Version(a) => version::exec(ctx, a),
        Command::Completion(a) => completion::exec(ctx, a),
        Command::GenerateDocs(a) => generate_docs::exec(ctx, a),
    }
}
