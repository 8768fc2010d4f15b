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
        Command::Run(a) => container::run::exec(ctx, *a),
        // Container state and removal.
        Command::Ps(a) | Command::Container(C::Ls(a)) => container::ps::exec(ctx, a),
        Command::Rm(a) | Command::Container(C::Rm(a)) => container::rm::exec(ctx, a),
        Command::Container(C::Inspect(a)) => container::inspect::exec(ctx, a),
        Command::Container(C::Exists(a)) => container::exists::exec(ctx, a),
        Command::Container(C::Prune(a)) => container::prune::exec(ctx, a),
        Command::Rename(a) | Command::Container(C::Rename(a)) => container::rename::exec(ctx, a),
        Command::Port(a) | Command::Container(C::Port(a)) => container::port::exec(ctx, a),
        Command::Cp(a) | Command::Container(C::Cp(a)) => container::cp::exec(ctx, a),
        Command::Export(a) | Command::Container(C::Export(a)) => container::export::exec(ctx, a),
        Command::Mount(a) | Command::Container(C::Mount(a)) => container::mount::exec(ctx, a),
        Command::Unmount(a) | Command::Container(C::Unmount(a)) => container::unmount::exec(ctx, a),
        Command::Wait(a) | Command::Container(C::Wait(a)) => container::wait::exec(ctx, a),
        Command::Create(a) | Command::Container(C::Create(a)) => container::create::exec(ctx, *a),
        Command::Start(a) | Command::Container(C::Start(a)) => container::start::exec(ctx, a),
        Command::Attach(a) | Command::Container(C::Attach(a)) => container::attach::exec(ctx, a),
        // Stopping, signalling and logs.
        Command::Logs(a) | Command::Container(C::Logs(a)) => container::logs::exec(ctx, a),
        Command::Stop(a) | Command::Container(C::Stop(a)) => container::stop::exec(ctx, a),
        Command::Kill(a) | Command::Container(C::Kill(a)) => container::kill::exec(ctx, a),
        Command::Restart(a) | Command::Container(C::Restart(a)) => container::restart::exec(ctx, a),
        Command::Exec(a) | Command::Container(C::Exec(a)) => container::exec::exec(ctx, a),
        Command::Diff(a) | Command::Container(C::Diff(a)) => container::diff::exec(ctx, a),
        Command::Commit(a) | Command::Container(C::Commit(a)) => container::commit::exec(ctx, a),
        Command::Top(a) | Command::Container(C::Top(a)) => container::top::exec(ctx, a),
        Command::Images(a) | Command::Image(I::Ls(a)) => image::list::exec(ctx, a),
        Command::Inspect(a) => inspect::exec(ctx, a),
        Command::Image(I::Inspect(a)) => inspect::exec(
            ctx,
            cli::InspectArgs {
                kind: cli::InspectType::Image,
                ..a
            },
        ),
        Command::History(a) | Command::Image(I::History(a)) => image::history::exec(ctx, a),
        Command::Tag(a) | Command::Image(I::Tag(a)) => image::tag::exec(ctx, a),
        Command::Untag(a) | Command::Image(I::Untag(a)) => image::untag::exec(ctx, a),
        Command::Rmi(a) | Command::Image(I::Rm(a)) => image::rm::exec(ctx, a),
        Command::Image(I::Prune(a)) => image::prune::exec(ctx, a),
        Command::Image(I::Exists(a)) => image::exists::exec(ctx, a),
        Command::Load(a) | Command::Image(I::Load(a)) => image::load::exec(ctx, a),
        Command::Save(a) | Command::Image(I::Save(a)) => image::save::exec(ctx, a),
        Command::Import(a) | Command::Image(I::Import(a)) => image::import::exec(ctx, a),
        Command::Build(a) | Command::Image(I::Build(a)) => image::build::exec(ctx, *a),
        Command::Pull(a) | Command::Image(I::Pull(a)) => image::pull::exec(ctx, a),
        Command::Push(a) | Command::Image(I::Push(a)) => image::push::exec(ctx, a),
        Command::Login(a) => registry::login::exec(ctx, a),
        Command::Logout(a) => registry::logout::exec(ctx, a),
        Command::Manifest(cli::ManifestCommand::Inspect(a)) => registry::manifest_inspect::exec(ctx, a),
        Command::Volume(V::Create(a)) => volume::create::exec(ctx, a),
        Command::Volume(V::Ls(a)) => volume::ls::exec(ctx, a),
        Command::Volume(V::Inspect(a)) => volume::inspect::exec(ctx, a),
        Command::Volume(V::Rm(a)) => volume::rm::exec(ctx, a),
        Command::Volume(V::Prune(a)) => volume::prune::exec(ctx, a),
        Command::Volume(V::Exists(a)) => volume::exists::exec(ctx, a),
        Command::Volume(V::Export(a)) => volume::export::exec(ctx, a),
        Command::Volume(V::Import(a)) => volume::import::exec(ctx, a),
        Command::Network(cli::NetworkCommand::Create(a)) => network::create::exec(ctx, a),
        Command::Network(cli::NetworkCommand::Ls(a)) => network::ls::exec(ctx, a),
        Command::Network(cli::NetworkCommand::Inspect(a)) => network::inspect::exec(ctx, a),
        Command::Network(cli::NetworkCommand::Rm(a)) => network::rm::exec(ctx, a),
        Command::Network(cli::NetworkCommand::Prune(a)) => network::prune::exec(ctx, a),
        Command::Network(cli::NetworkCommand::Exists(a)) => network::exists::exec(ctx, a),
        Command::Network(cli::NetworkCommand::Connect(a)) => network::connect::exec(ctx, a),
        Command::Network(cli::NetworkCommand::Disconnect(a)) => network::disconnect::exec(ctx, a),
        Command::Compose(a) => match a.command {
            cli::ComposeCommand::Config(c) => compose::config::exec(ctx, &a.project, c),
            cli::ComposeCommand::Version(v) => compose::version::exec(ctx, v),
        },
        Command::System(S::Check(a)) => system::check::exec(ctx, a),
        Command::System(S::Df(a)) => system::df::exec(ctx, a),
        Command::System(S::Prune(a)) => system::prune::exec(ctx, a),
        Command::System(S::Reset(a)) => system::reset::exec(ctx, a),
        Command::Info(a) | Command::System(S::Info(a)) => system::info::exec(ctx, a),
        Command::System(S::Service(a)) => system::service::exec(ctx, a),
        Command::Unshare(a) => system::unshare::exec(ctx, a),
        Command::Version(a) => system::version::exec(ctx, a),
        Command::Completion(a) => system::completion::exec(ctx, a),
        Command::GenerateDocs(a) => system::generate_docs::exec(ctx, a),
    }
}
