# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ferry_global_optspecs
    string join \n root= runroot= log-level= h/help V/version
end

function __fish_ferry_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ferry_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ferry_using_subcommand
    set -l cmd (__fish_ferry_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ferry -n "__fish_ferry_needs_command" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_needs_command" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_needs_command" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_needs_command" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_needs_command" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "run" -d 'Run a command in a new container'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "container" -d 'Manage containers'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "ps" -d 'List containers'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "rm" -d 'Remove containers'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "rename" -d 'Rename a container'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "create" -d 'Create a container without starting it'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "start" -d 'Start created or stopped containers'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "logs" -d 'Show the logs of containers'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "stop" -d 'Stop running containers'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "kill" -d 'Send a signal to running containers'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "restart" -d 'Restart containers'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "image" -d 'Manage images'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "images" -d 'List images in local storage'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "inspect" -d 'Show the details of containers or images'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "history" -d 'Show the history of an image'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "tag" -d 'Add names to an image'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "untag" -d 'Remove names from an image'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "rmi" -d 'Remove images'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "load" -d 'Load images from an archive'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "save" -d 'Save images to an archive'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "import" -d 'Create an image from a root filesystem tarball'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "pull" -d 'Pull images from a registry'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "push" -d 'Push an image to a registry'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "login" -d 'Log in to a registry'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "logout" -d 'Log out of a registry'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "manifest" -d 'Inspect manifests in registries'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "unshare" -d 'Run a command in ferry\'s rootless user namespace (to inspect or delete files owned by subordinate ids)'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "system" -d 'Manage ferry itself'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "info" -d 'Show system information'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "version" -d 'Show version information'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "generate-docs" -d 'Write man pages and completion scripts (for packaging)'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand run" -l sig-proxy -d 'Forward signals ferry receives to the container' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand run" -l name -d 'Name of the container (default: a generated adjective_noun)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l entrypoint -d 'Override the image\'s entrypoint (an empty string clears it)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -s e -l env -d 'Set an environment variable (KEY=VALUE, or KEY to copy it from ferry\'s environment)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l env-file -d 'Read environment variables from a file (KEY=VALUE per line)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -s u -l user -d 'User (name or uid) and optional group to run as: USER[:GROUP]' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l hostname -d 'Container hostname (default: the short container id)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l network -d 'Network mode: private (loopback only, the default), none (same) or host' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l read-only-tmpfs -d 'With --read-only, mount writable tmpfs on /dev, /tmp, /var/tmp and /run' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand run" -s l -l label -d 'Set a label on the container (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l annotation -d 'Add an annotation to the container\'s runtime spec (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l ulimit -d 'Set a resource limit: NAME=SOFT[:HARD] (e.g. nofile=1024:2048)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l cap-add -d 'Add a Linux capability (or ALL)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l cap-drop -d 'Drop a Linux capability (or ALL)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l security-opt -d 'Security options: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=ALL|PATHS' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l pull -d 'Pull policy: always, missing, never or newer' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l cidfile -d 'Write the container id to this file' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand run" -l log-driver -d 'Where the container\'s output goes: k8s-file (the container log), none, or passthrough (ferry\'s own stdout and stderr, not logged)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l log-opt -d 'Log driver options: max-size=SIZE (the log is truncated when it would grow past SIZE, e.g. 10mb)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l stop-signal -d 'Signal that stops the container (default: the image\'s StopSignal, else SIGTERM)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l stop-timeout -d 'Seconds `stop` waits before killing the container' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l tls-verify -d 'Require HTTPS and verify certificates (default: true unless registries.conf marks the registry insecure)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand run" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand run" -l cert-dir -d 'Directory with certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand run" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand run" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand run" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand run" -l rm -d 'Remove the container when it exits'
complete -c ferry -n "__fish_ferry_using_subcommand run" -s d -l detach -d 'Run the container in the background under its own monitor and print its id'
complete -c ferry -n "__fish_ferry_using_subcommand run" -s i -l interactive -d 'Keep stdin open and forward it to the container'
complete -c ferry -n "__fish_ferry_using_subcommand run" -l read-only -d 'Mount the container\'s root filesystem read-only'
complete -c ferry -n "__fish_ferry_using_subcommand run" -l privileged -d 'Give the container all capabilities, no seccomp filter and no masked paths'
complete -c ferry -n "__fish_ferry_using_subcommand run" -l init -d 'Run a minimal init as PID 1 that forwards signals and reaps zombies'
complete -c ferry -n "__fish_ferry_using_subcommand run" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand run" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -f -a "ls" -d 'List containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -f -a "list" -d 'List containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -f -a "ps" -d 'List containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -f -a "rm" -d 'Remove containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -f -a "remove" -d 'Remove containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -f -a "inspect" -d 'Show the details of containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -f -a "exists" -d 'Check whether a container exists (exit 0 if it does, 1 if not)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -f -a "prune" -d 'Remove all stopped containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -f -a "rename" -d 'Rename a container'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -f -a "create" -d 'Create a container without starting it'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -f -a "start" -d 'Start created or stopped containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -f -a "logs" -d 'Show the logs of containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -f -a "stop" -d 'Stop running containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -f -a "kill" -d 'Send a signal to running containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -f -a "restart" -d 'Restart containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename wait create start logs stop kill restart help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Show the N last created containers (all states)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output (status=, name=, id=, label=key[=value], ancestor=, exited=)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Output format: json, or a Go template (prefix with "table" for a table)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ls" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all containers (default: running ones only)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only container ids'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show the latest container created (all states)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate ids and commands'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the header row'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from list" -s n -l last -d 'Show the N last created containers (all states)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output (status=, name=, id=, label=key[=value], ancestor=, exited=)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from list" -l format -d 'Output format: json, or a Go template (prefix with "table" for a table)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from list" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from list" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from list" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all containers (default: running ones only)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only container ids'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from list" -s l -l latest -d 'Show the latest container created (all states)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate ids and commands'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from list" -l noheading -d 'Do not print the header row'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ps" -s n -l last -d 'Show the N last created containers (all states)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter output (status=, name=, id=, label=key[=value], ancestor=, exited=)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ps" -l format -d 'Output format: json, or a Go template (prefix with "table" for a table)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ps" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ps" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ps" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ps" -s a -l all -d 'Show all containers (default: running ones only)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Print only container ids'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ps" -s l -l latest -d 'Show the latest container created (all states)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Do not truncate ids and commands'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ps" -l noheading -d 'Do not print the header row'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from ps" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait before killing a running container with --force (accepted; ferry kills at once)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from rm" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Kill running containers (SIGKILL) before removing them'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove the container\'s anonymous volumes (accepted; ferry has no volumes yet)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore containers that do not exist'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from remove" -s t -l time -d 'Seconds to wait before killing a running container with --force (accepted; ferry kills at once)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from remove" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from remove" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove all containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from remove" -s f -l force -d 'Kill running containers (SIGKILL) before removing them'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from remove" -s v -l volumes -d 'Remove the container\'s anonymous volumes (accepted; ferry has no volumes yet)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from remove" -s i -l ignore -d 'Ignore containers that do not exist'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Output format: json, or a Go template' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from inspect" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exists" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exists" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from prune" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from prune" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from rename" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from rename" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from wait" -l condition -d 'The state to wait for' -r -f -a "running\t''
stopped\t''
exited\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from wait" -s i -l interval -d 'How often to check the state, in milliseconds' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from wait" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from wait" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Name of the container (default: a generated adjective_noun)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Override the image\'s entrypoint (an empty string clears it)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set an environment variable (KEY=VALUE, or KEY to copy it from ferry\'s environment)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read environment variables from a file (KEY=VALUE per line)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'User (name or uid) and optional group to run as: USER[:GROUP]' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l hostname -d 'Container hostname (default: the short container id)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l network -d 'Network mode: private (loopback only, the default), none (same) or host' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only-tmpfs -d 'With --read-only, mount writable tmpfs on /dev, /tmp, /var/tmp and /run' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label on the container (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l annotation -d 'Add an annotation to the container\'s runtime spec (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l ulimit -d 'Set a resource limit: NAME=SOFT[:HARD] (e.g. nofile=1024:2048)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add a Linux capability (or ALL)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop a Linux capability (or ALL)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=ALL|PATHS' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'Pull policy: always, missing, never or newer' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l cidfile -d 'Write the container id to this file' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l log-driver -d 'Where the container\'s output goes: k8s-file (the container log), none, or passthrough (ferry\'s own stdout and stderr, not logged)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l log-opt -d 'Log driver options: max-size=SIZE (the log is truncated when it would grow past SIZE, e.g. 10mb)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal that stops the container (default: the image\'s StopSignal, else SIGTERM)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Seconds `stop` waits before killing the container' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates (default: true unless registries.conf marks the registry insecure)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l cert-dir -d 'Directory with certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep stdin open and forward it to the container'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Mount the container\'s root filesystem read-only'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Give the container all capabilities, no seccomp filter and no masked paths'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run a minimal init as PID 1 that forwards signals and reaps zombies'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from start" -l sig-proxy -d 'Forward signals ferry receives to the container (with --attach)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from start" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from start" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from start" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach to the container\'s output and wait for it to exit (runs it in the foreground)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'Forward stdin to the container (implies --attach)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from logs" -l tail -d 'Print only the last N lines (default: all)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Only lines since this time (RFC 3339, Unix seconds, or a duration like 10m before now)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Only lines before this time (RFC 3339, Unix seconds, or a duration like 10m before now)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from logs" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from logs" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from logs" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep printing new output until the container exits'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Prefix each line with its timestamp'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait for the stop signal to work before killing (default: the container\'s --stop-timeout, 10)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from stop" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from stop" -s a -l all -d 'All running containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'The signal to send (name or number)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from kill" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from kill" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from kill" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from kill" -s a -l all -d 'All running containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from kill" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l time -d 'Seconds to wait for the stop signal to work before killing (default: the container\'s --stop-timeout, 10)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from restart" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from restart" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from restart" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from restart" -s a -l all -d 'All running containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show the details of containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check whether a container exists (exit 0 if it does, 1 if not)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all stopped containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename a container'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a container without starting it'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start created or stopped containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Show the logs of containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop running containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Send a signal to running containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand ps" -s n -l last -d 'Show the N last created containers (all states)' -r
complete -c ferry -n "__fish_ferry_using_subcommand ps" -s f -l filter -d 'Filter output (status=, name=, id=, label=key[=value], ancestor=, exited=)' -r
complete -c ferry -n "__fish_ferry_using_subcommand ps" -l format -d 'Output format: json, or a Go template (prefix with "table" for a table)' -r
complete -c ferry -n "__fish_ferry_using_subcommand ps" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand ps" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand ps" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand ps" -s a -l all -d 'Show all containers (default: running ones only)'
complete -c ferry -n "__fish_ferry_using_subcommand ps" -s q -l quiet -d 'Print only container ids'
complete -c ferry -n "__fish_ferry_using_subcommand ps" -s l -l latest -d 'Show the latest container created (all states)'
complete -c ferry -n "__fish_ferry_using_subcommand ps" -l no-trunc -d 'Do not truncate ids and commands'
complete -c ferry -n "__fish_ferry_using_subcommand ps" -l noheading -d 'Do not print the header row'
complete -c ferry -n "__fish_ferry_using_subcommand ps" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand ps" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand rm" -s t -l time -d 'Seconds to wait before killing a running container with --force (accepted; ferry kills at once)' -r
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand rm" -s a -l all -d 'Remove all containers'
complete -c ferry -n "__fish_ferry_using_subcommand rm" -s f -l force -d 'Kill running containers (SIGKILL) before removing them'
complete -c ferry -n "__fish_ferry_using_subcommand rm" -s v -l volumes -d 'Remove the container\'s anonymous volumes (accepted; ferry has no volumes yet)'
complete -c ferry -n "__fish_ferry_using_subcommand rm" -s i -l ignore -d 'Ignore containers that do not exist'
complete -c ferry -n "__fish_ferry_using_subcommand rm" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand rm" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand rename" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand rename" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand rename" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand rename" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand rename" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand wait" -l condition -d 'The state to wait for' -r -f -a "running\t''
stopped\t''
exited\t''"
complete -c ferry -n "__fish_ferry_using_subcommand wait" -s i -l interval -d 'How often to check the state, in milliseconds' -r
complete -c ferry -n "__fish_ferry_using_subcommand wait" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand wait" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand wait" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand wait" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand wait" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand create" -l name -d 'Name of the container (default: a generated adjective_noun)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l entrypoint -d 'Override the image\'s entrypoint (an empty string clears it)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -s e -l env -d 'Set an environment variable (KEY=VALUE, or KEY to copy it from ferry\'s environment)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l env-file -d 'Read environment variables from a file (KEY=VALUE per line)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -s u -l user -d 'User (name or uid) and optional group to run as: USER[:GROUP]' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l hostname -d 'Container hostname (default: the short container id)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l network -d 'Network mode: private (loopback only, the default), none (same) or host' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l read-only-tmpfs -d 'With --read-only, mount writable tmpfs on /dev, /tmp, /var/tmp and /run' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand create" -s l -l label -d 'Set a label on the container (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l annotation -d 'Add an annotation to the container\'s runtime spec (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l ulimit -d 'Set a resource limit: NAME=SOFT[:HARD] (e.g. nofile=1024:2048)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l cap-add -d 'Add a Linux capability (or ALL)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l cap-drop -d 'Drop a Linux capability (or ALL)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l security-opt -d 'Security options: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=ALL|PATHS' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l pull -d 'Pull policy: always, missing, never or newer' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l cidfile -d 'Write the container id to this file' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand create" -l log-driver -d 'Where the container\'s output goes: k8s-file (the container log), none, or passthrough (ferry\'s own stdout and stderr, not logged)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l log-opt -d 'Log driver options: max-size=SIZE (the log is truncated when it would grow past SIZE, e.g. 10mb)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l stop-signal -d 'Signal that stops the container (default: the image\'s StopSignal, else SIGTERM)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l stop-timeout -d 'Seconds `stop` waits before killing the container' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l tls-verify -d 'Require HTTPS and verify certificates (default: true unless registries.conf marks the registry insecure)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand create" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand create" -l cert-dir -d 'Directory with certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand create" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand create" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand create" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand create" -s i -l interactive -d 'Keep stdin open and forward it to the container'
complete -c ferry -n "__fish_ferry_using_subcommand create" -l read-only -d 'Mount the container\'s root filesystem read-only'
complete -c ferry -n "__fish_ferry_using_subcommand create" -l privileged -d 'Give the container all capabilities, no seccomp filter and no masked paths'
complete -c ferry -n "__fish_ferry_using_subcommand create" -l init -d 'Run a minimal init as PID 1 that forwards signals and reaps zombies'
complete -c ferry -n "__fish_ferry_using_subcommand create" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand create" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand start" -l sig-proxy -d 'Forward signals ferry receives to the container (with --attach)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand start" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand start" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand start" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand start" -s a -l attach -d 'Attach to the container\'s output and wait for it to exit (runs it in the foreground)'
complete -c ferry -n "__fish_ferry_using_subcommand start" -s i -l interactive -d 'Forward stdin to the container (implies --attach)'
complete -c ferry -n "__fish_ferry_using_subcommand start" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand start" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand logs" -l tail -d 'Print only the last N lines (default: all)' -r
complete -c ferry -n "__fish_ferry_using_subcommand logs" -l since -d 'Only lines since this time (RFC 3339, Unix seconds, or a duration like 10m before now)' -r
complete -c ferry -n "__fish_ferry_using_subcommand logs" -l until -d 'Only lines before this time (RFC 3339, Unix seconds, or a duration like 10m before now)' -r
complete -c ferry -n "__fish_ferry_using_subcommand logs" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand logs" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand logs" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand logs" -s f -l follow -d 'Keep printing new output until the container exits'
complete -c ferry -n "__fish_ferry_using_subcommand logs" -s t -l timestamps -d 'Prefix each line with its timestamp'
complete -c ferry -n "__fish_ferry_using_subcommand logs" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand logs" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand stop" -s t -l time -d 'Seconds to wait for the stop signal to work before killing (default: the container\'s --stop-timeout, 10)' -r
complete -c ferry -n "__fish_ferry_using_subcommand stop" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand stop" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand stop" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand stop" -s a -l all -d 'All running containers'
complete -c ferry -n "__fish_ferry_using_subcommand stop" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand stop" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand kill" -s s -l signal -d 'The signal to send (name or number)' -r
complete -c ferry -n "__fish_ferry_using_subcommand kill" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand kill" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand kill" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand kill" -s a -l all -d 'All running containers'
complete -c ferry -n "__fish_ferry_using_subcommand kill" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand kill" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand restart" -s t -l time -d 'Seconds to wait for the stop signal to work before killing (default: the container\'s --stop-timeout, 10)' -r
complete -c ferry -n "__fish_ferry_using_subcommand restart" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand restart" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand restart" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand restart" -s a -l all -d 'All running containers'
complete -c ferry -n "__fish_ferry_using_subcommand restart" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand restart" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -f -a "ls" -d 'List images in local storage'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -f -a "list" -d 'List images in local storage'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -f -a "inspect" -d 'Show the details of images'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -f -a "history" -d 'Show the history of an image'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -f -a "tag" -d 'Add names to an image'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -f -a "untag" -d 'Remove names from an image'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -f -a "rm" -d 'Remove images'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -f -a "remove" -d 'Remove images'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -f -a "prune" -d 'Remove unused images'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -f -a "exists" -d 'Check whether an image exists in local storage (exit 0 if it does, 1 if not)'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -f -a "load" -d 'Load images from an archive'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -f -a "save" -d 'Save images to an archive'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -f -a "import" -d 'Create an image from a root filesystem tarball'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -f -a "pull" -d 'Pull images from a registry'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -f -a "push" -d 'Push an image to a registry'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import pull push help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output (reference=, dangling=true|false, label=key[=value], before=, since=)' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Output format: json, or a Go template (prefix with "table" for a table)' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images, including intermediate ones'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only image ids'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate output'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header row'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output (reference=, dangling=true|false, label=key[=value], before=, since=)' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from list" -l format -d 'Output format: json, or a Go template (prefix with "table" for a table)' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from list" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from list" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from list" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all images, including intermediate ones'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only image ids'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from list" -l digests -d 'Show digests'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate output'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print the header row'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Output format: json, or a Go template' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from inspect" -s k -l type -d 'Kind of object to inspect (all: containers first, then images)' -r -f -a "container\t''
image\t''
all\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from history" -s H -l human -d 'Show sizes and dates in human-readable form' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Output format: json, or a Go template' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from history" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Do not truncate output'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Print only ids'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from tag" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from untag" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from untag" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from untag" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from untag" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from untag" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all images'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove images even when they have several names'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore images that do not exist'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from remove" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from remove" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove all images'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove images even when they have several names'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from remove" -s i -l ignore -d 'Ignore images that do not exist'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from prune" -l filter -d 'Only prune images matching (label=key[=value], until=)' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images, not only dangling ones'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read the archive from this file instead of stdin' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from load" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Print only the loaded image names'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from load" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to this file instead of stdout' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'Archive format' -r -f -a "docker-archive\t''
oci-archive\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from save" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from save" -s m -l multi-image-archive -d 'Save several images into one archive (always on; accepted for compatibility)'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from save" -s q -l quiet -d 'Print nothing but errors'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from save" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from import" -s c -l change -d 'Apply a Containerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL)' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from import" -s m -l message -d 'Commit message stored in the image history' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from import" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from import" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from import" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only the image id'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Platform to pull (OS/ARCH[/VARIANT]; default: this host)' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from pull" -l arch -d 'Architecture to pull instead of this host\'s' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from pull" -l os -d 'Operating system to pull instead of this host\'s' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from pull" -l variant -d 'Architecture variant to pull (e.g. v7, v8)' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from pull" -l policy -d 'When to pull: always, missing (only when not in local storage), newer (when the registry\'s image differs from the local one) or never' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from pull" -l jobs -d 'Number of layers downloaded at once' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates (default: true unless registries.conf marks the registry insecure)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from pull" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from pull" -l cert-dir -d 'Directory with certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from pull" -s a -l all-tags -d 'Pull every tagged image in the repository'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Print only the image id'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from pull" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-format -d 'Compression for layers that are not already compressed' -r -f -a "gzip\t''
zstd\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from push" -s f -l format -d 'Manifest format (default: keep the image\'s own)' -r -f -a "oci\t'OCI image manifest'
v2s2\t'Docker schema2 manifest'"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the digest of the pushed manifest to this file' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates (default: true unless registries.conf marks the registry insecure)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from push" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from push" -l cert-dir -d 'Directory with certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from push" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from push" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from push" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from push" -l remove-signatures -d 'Do not copy signatures (ferry never copies them; accepted for compatibility)'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print nothing but errors'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from push" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List images in local storage'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show the details of images'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "history" -d 'Show the history of an image'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "tag" -d 'Add names to an image'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "untag" -d 'Remove names from an image'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove images'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused images'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check whether an image exists in local storage (exit 0 if it does, 1 if not)'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "load" -d 'Load images from an archive'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "save" -d 'Save images to an archive'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "import" -d 'Create an image from a root filesystem tarball'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Pull images from a registry'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push an image to a registry'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand images" -s f -l filter -d 'Filter output (reference=, dangling=true|false, label=key[=value], before=, since=)' -r
complete -c ferry -n "__fish_ferry_using_subcommand images" -l format -d 'Output format: json, or a Go template (prefix with "table" for a table)' -r
complete -c ferry -n "__fish_ferry_using_subcommand images" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand images" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand images" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand images" -s a -l all -d 'Show all images, including intermediate ones'
complete -c ferry -n "__fish_ferry_using_subcommand images" -s q -l quiet -d 'Print only image ids'
complete -c ferry -n "__fish_ferry_using_subcommand images" -l digests -d 'Show digests'
complete -c ferry -n "__fish_ferry_using_subcommand images" -l no-trunc -d 'Do not truncate output'
complete -c ferry -n "__fish_ferry_using_subcommand images" -s n -l noheading -d 'Do not print the header row'
complete -c ferry -n "__fish_ferry_using_subcommand images" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand images" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand inspect" -s f -l format -d 'Output format: json, or a Go template' -r
complete -c ferry -n "__fish_ferry_using_subcommand inspect" -s k -l type -d 'Kind of object to inspect (all: containers first, then images)' -r -f -a "container\t''
image\t''
all\t''"
complete -c ferry -n "__fish_ferry_using_subcommand inspect" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand inspect" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand inspect" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand inspect" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand history" -s H -l human -d 'Show sizes and dates in human-readable form' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand history" -l format -d 'Output format: json, or a Go template' -r
complete -c ferry -n "__fish_ferry_using_subcommand history" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand history" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand history" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand history" -l no-trunc -d 'Do not truncate output'
complete -c ferry -n "__fish_ferry_using_subcommand history" -s q -l quiet -d 'Print only ids'
complete -c ferry -n "__fish_ferry_using_subcommand history" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand history" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand tag" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand tag" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand tag" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand tag" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand tag" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand untag" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand untag" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand untag" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand untag" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand untag" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand rmi" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand rmi" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand rmi" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand rmi" -s a -l all -d 'Remove all images'
complete -c ferry -n "__fish_ferry_using_subcommand rmi" -s f -l force -d 'Remove images even when they have several names'
complete -c ferry -n "__fish_ferry_using_subcommand rmi" -s i -l ignore -d 'Ignore images that do not exist'
complete -c ferry -n "__fish_ferry_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand rmi" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand load" -s i -l input -d 'Read the archive from this file instead of stdin' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand load" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand load" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand load" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand load" -s q -l quiet -d 'Print only the loaded image names'
complete -c ferry -n "__fish_ferry_using_subcommand load" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand load" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand save" -s o -l output -d 'Write to this file instead of stdout' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand save" -l format -d 'Archive format' -r -f -a "docker-archive\t''
oci-archive\t''"
complete -c ferry -n "__fish_ferry_using_subcommand save" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand save" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand save" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand save" -s m -l multi-image-archive -d 'Save several images into one archive (always on; accepted for compatibility)'
complete -c ferry -n "__fish_ferry_using_subcommand save" -s q -l quiet -d 'Print nothing but errors'
complete -c ferry -n "__fish_ferry_using_subcommand save" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand save" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand import" -s c -l change -d 'Apply a Containerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL)' -r
complete -c ferry -n "__fish_ferry_using_subcommand import" -s m -l message -d 'Commit message stored in the image history' -r
complete -c ferry -n "__fish_ferry_using_subcommand import" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand import" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand import" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand import" -s q -l quiet -d 'Print only the image id'
complete -c ferry -n "__fish_ferry_using_subcommand import" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand import" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand pull" -l platform -d 'Platform to pull (OS/ARCH[/VARIANT]; default: this host)' -r
complete -c ferry -n "__fish_ferry_using_subcommand pull" -l arch -d 'Architecture to pull instead of this host\'s' -r
complete -c ferry -n "__fish_ferry_using_subcommand pull" -l os -d 'Operating system to pull instead of this host\'s' -r
complete -c ferry -n "__fish_ferry_using_subcommand pull" -l variant -d 'Architecture variant to pull (e.g. v7, v8)' -r
complete -c ferry -n "__fish_ferry_using_subcommand pull" -l policy -d 'When to pull: always, missing (only when not in local storage), newer (when the registry\'s image differs from the local one) or never' -r
complete -c ferry -n "__fish_ferry_using_subcommand pull" -l jobs -d 'Number of layers downloaded at once' -r
complete -c ferry -n "__fish_ferry_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates (default: true unless registries.conf marks the registry insecure)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand pull" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c ferry -n "__fish_ferry_using_subcommand pull" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand pull" -l cert-dir -d 'Directory with certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand pull" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand pull" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand pull" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand pull" -s a -l all-tags -d 'Pull every tagged image in the repository'
complete -c ferry -n "__fish_ferry_using_subcommand pull" -s q -l quiet -d 'Print only the image id'
complete -c ferry -n "__fish_ferry_using_subcommand pull" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand pull" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand push" -l compression-format -d 'Compression for layers that are not already compressed' -r -f -a "gzip\t''
zstd\t''"
complete -c ferry -n "__fish_ferry_using_subcommand push" -s f -l format -d 'Manifest format (default: keep the image\'s own)' -r -f -a "oci\t'OCI image manifest'
v2s2\t'Docker schema2 manifest'"
complete -c ferry -n "__fish_ferry_using_subcommand push" -l digestfile -d 'Write the digest of the pushed manifest to this file' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand push" -l tls-verify -d 'Require HTTPS and verify certificates (default: true unless registries.conf marks the registry insecure)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand push" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c ferry -n "__fish_ferry_using_subcommand push" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand push" -l cert-dir -d 'Directory with certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand push" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand push" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand push" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand push" -l remove-signatures -d 'Do not copy signatures (ferry never copies them; accepted for compatibility)'
complete -c ferry -n "__fish_ferry_using_subcommand push" -s q -l quiet -d 'Print nothing but errors'
complete -c ferry -n "__fish_ferry_using_subcommand push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ferry -n "__fish_ferry_using_subcommand push" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand login" -s u -l username -d 'Username' -r
complete -c ferry -n "__fish_ferry_using_subcommand login" -s p -l password -d 'Password (prefer --password-stdin: a password on the command line is visible to other users)' -r
complete -c ferry -n "__fish_ferry_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates (default: true unless registries.conf marks the registry insecure)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand login" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c ferry -n "__fish_ferry_using_subcommand login" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand login" -l cert-dir -d 'Directory with certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand login" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand login" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand login" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand login" -l password-stdin -d 'Read the password from stdin'
complete -c ferry -n "__fish_ferry_using_subcommand login" -l get-login -d 'Print the username stored for the registry and exit'
complete -c ferry -n "__fish_ferry_using_subcommand login" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand login" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand logout" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand logout" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand logout" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand logout" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand logout" -s a -l all -d 'Remove the credentials of every registry'
complete -c ferry -n "__fish_ferry_using_subcommand logout" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand logout" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and not __fish_seen_subcommand_from inspect help" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and not __fish_seen_subcommand_from inspect help" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and not __fish_seen_subcommand_from inspect help" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and not __fish_seen_subcommand_from inspect help" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and not __fish_seen_subcommand_from inspect help" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and not __fish_seen_subcommand_from inspect help" -f -a "inspect" -d 'Show a registry\'s manifest or index for an image without pulling it'
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and not __fish_seen_subcommand_from inspect help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l tls-verify -d 'Require HTTPS and verify certificates (default: true unless registries.conf marks the registry insecure)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l cert-dir -d 'Directory with certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show a registry\'s manifest or index for an image without pulling it'
complete -c ferry -n "__fish_ferry_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand unshare" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand unshare" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand unshare" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand unshare" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand unshare" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info help" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info help" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info help" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info help" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info help" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info help" -f -a "df" -d 'Show disk usage of images and layers'
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info help" -f -a "prune" -d 'Remove unused images, build leftovers and interrupted work'
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info help" -f -a "reset" -d 'Remove everything ferry stores'
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info help" -f -a "info" -d 'Show system information'
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from df" -l format -d 'Output format: json, or a Go template' -r
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from df" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from df" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from df" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from df" -s v -l verbose -d 'Show details per image'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from df" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from df" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from prune" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from prune" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images, not only dangling ones'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from reset" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not ask for confirmation'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from reset" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from info" -s f -l format -d 'Output format: json, or a Go template' -r
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from info" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from info" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from info" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "df" -d 'Show disk usage of images and layers'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused images, build leftovers and interrupted work'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Remove everything ferry stores'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show system information'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand info" -s f -l format -d 'Output format: json, or a Go template' -r
complete -c ferry -n "__fish_ferry_using_subcommand info" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand info" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand info" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand info" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand info" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand version" -s f -l format -d 'Output format: json, or a Go template' -r
complete -c ferry -n "__fish_ferry_using_subcommand version" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand version" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand version" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand version" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand version" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand completion" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand completion" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand completion" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand completion" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand completion" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand generate-docs" -l out -d 'Directory to write man/ and completions/ into' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand generate-docs" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand generate-docs" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand generate-docs" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand generate-docs" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand generate-docs" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "run" -d 'Run a command in a new container'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "container" -d 'Manage containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "ps" -d 'List containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "rm" -d 'Remove containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "rename" -d 'Rename a container'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "create" -d 'Create a container without starting it'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "start" -d 'Start created or stopped containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "logs" -d 'Show the logs of containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "stop" -d 'Stop running containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "kill" -d 'Send a signal to running containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "restart" -d 'Restart containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "image" -d 'Manage images'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "images" -d 'List images in local storage'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "inspect" -d 'Show the details of containers or images'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "history" -d 'Show the history of an image'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "tag" -d 'Add names to an image'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "untag" -d 'Remove names from an image'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "rmi" -d 'Remove images'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "load" -d 'Load images from an archive'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "save" -d 'Save images to an archive'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "import" -d 'Create an image from a root filesystem tarball'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "pull" -d 'Pull images from a registry'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "push" -d 'Push an image to a registry'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "login" -d 'Log in to a registry'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "logout" -d 'Log out of a registry'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "manifest" -d 'Inspect manifests in registries'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "unshare" -d 'Run a command in ferry\'s rootless user namespace (to inspect or delete files owned by subordinate ids)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "system" -d 'Manage ferry itself'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "info" -d 'Show system information'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "version" -d 'Show version information'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "completion" -d 'Print a shell completion script'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "generate-docs" -d 'Write man pages and completion scripts (for packaging)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename wait create start logs stop kill restart image images inspect history tag untag rmi load save import pull push login logout manifest unshare system info version completion generate-docs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "ls" -d 'List containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rm" -d 'Remove containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "inspect" -d 'Show the details of containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exists" -d 'Check whether a container exists (exit 0 if it does, 1 if not)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "prune" -d 'Remove all stopped containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rename" -d 'Rename a container'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "create" -d 'Create a container without starting it'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "start" -d 'Start created or stopped containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "logs" -d 'Show the logs of containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "stop" -d 'Stop running containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "kill" -d 'Send a signal to running containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "restart" -d 'Restart containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "ls" -d 'List images in local storage'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "inspect" -d 'Show the details of images'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "history" -d 'Show the history of an image'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "tag" -d 'Add names to an image'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "untag" -d 'Remove names from an image'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "rm" -d 'Remove images'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "prune" -d 'Remove unused images'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "exists" -d 'Check whether an image exists in local storage (exit 0 if it does, 1 if not)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "load" -d 'Load images from an archive'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "save" -d 'Save images to an archive'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "import" -d 'Create an image from a root filesystem tarball'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "pull" -d 'Pull images from a registry'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "push" -d 'Push an image to a registry'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "inspect" -d 'Show a registry\'s manifest or index for an image without pulling it'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "df" -d 'Show disk usage of images and layers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "prune" -d 'Remove unused images, build leftovers and interrupted work'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "reset" -d 'Remove everything ferry stores'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "info" -d 'Show system information'
