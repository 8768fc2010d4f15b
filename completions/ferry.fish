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
complete -c ferry -n "__fish_ferry_needs_command" -f -a "port" -d 'List a container\'s published ports'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "cp" -d 'Copy files between a container and the host'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "export" -d 'Export a container\'s root filesystem as a tar archive'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "mount" -d 'Mount containers\' root filesystems and print where (root, or in `ferry unshare`)'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "unmount" -d 'Unmount containers\' root filesystems'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "umount" -d 'Unmount containers\' root filesystems'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "create" -d 'Create a container without starting it'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "start" -d 'Start created or stopped containers'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "attach" -d 'Attach to a running container\'s input and output'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "logs" -d 'Show the logs of containers'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "stop" -d 'Stop running containers'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "kill" -d 'Send a signal to running containers'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "restart" -d 'Restart containers'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "exec" -d 'Run a command in a running container'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "diff" -d 'Show the changes in a container\'s or image\'s filesystem'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "top" -d 'Show the processes of a running container'
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
complete -c ferry -n "__fish_ferry_needs_command" -f -a "build" -d 'Build an image from a Containerfile'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "pull" -d 'Pull images from a registry'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "push" -d 'Push an image to a registry'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "login" -d 'Log in to a registry'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "logout" -d 'Log out of a registry'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "manifest" -d 'Inspect manifests in registries'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "unshare" -d 'Run a command in ferry\'s rootless user namespace (to inspect or delete files owned by subordinate ids)'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "network" -d 'Manage networks'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "compose" -d 'Run multi-container applications described by Compose files'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "system" -d 'Manage ferry itself'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "info" -d 'Show system information'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "version" -d 'Show version information'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "generate-docs" -d 'Write man pages and completion scripts (for packaging)'
complete -c ferry -n "__fish_ferry_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand run" -l sig-proxy -d 'Forward signals ferry receives to the container (not with -it: keys then reach the container as bytes, and a signal ends ferry while the container goes on)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand run" -l detach-keys -d 'Keys that detach from the container (comma-separated: ctrl-a..ctrl-z, ctrl-@, ctrl-[, ctrl-\\, ctrl-], ctrl-^, ctrl-_ or single characters; empty disables). Only with -t: a run without a terminal does not read them' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l name -d 'Name of the container (default: a generated adjective_noun)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l entrypoint -d 'Override the image\'s entrypoint (an empty string clears it)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -s e -l env -d 'Set an environment variable (KEY=VALUE, or KEY to copy it from ferry\'s environment)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l env-file -d 'Read environment variables from a file (KEY=VALUE per line)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -s u -l user -d 'User (name or uid) and optional group to run as: USER[:GROUP]' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l hostname -d 'Container hostname (default: the short container id)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l network -d 'Network mode: private (the default: pasta, else slirp4netns), none (loopback only), host, pasta[:OPTIONS], slirp4netns[:OPTIONS], ns:PATH (an existing network namespace), container:NAME (another running container\'s), or user-defined networks NAME[,NAME…]' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l network-alias -d 'Another name of the container on its user-defined networks' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -s p -l publish -d 'Publish a container\'s port on the host: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp] (ranges N-M; no host port: a random one)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l dns -d 'DNS server for the container\'s /etc/resolv.conf' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l dns-search -d 'DNS search domain for the container\'s /etc/resolv.conf ("." for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l dns-option -d 'DNS option for the container\'s /etc/resolv.conf' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l add-host -d 'Add a line to the container\'s /etc/hosts: HOST:IP (IP may be host-gateway)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of generating one (default: containers.conf\'s no_hosts, else false)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand run" -l read-only -d 'Mount the container\'s root filesystem read-only (default: containers.conf\'s read_only, else false)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand run" -l read-only-tmpfs -d 'With --read-only, mount writable tmpfs on /dev, /tmp, /var/tmp and /run' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand run" -s l -l label -d 'Set a label on the container (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l annotation -d 'Add an annotation to the container\'s runtime spec (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l ulimit -d 'Set a resource limit: NAME=SOFT[:HARD] (e.g. nofile=1024:2048)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l sysctl -d 'Set a namespaced kernel parameter in the container: NAME=VALUE (net.* with a network namespace of its own, fs.mqueue.* and kernel.msg*/sem/shm*; replaces containers.conf\'s default_sysctls entry of the same name)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l tz -d 'The container\'s time zone: local (the host\'s) or a zone name such as Europe/Berlin, installed as /etc/localtime (default: containers.conf\'s tz, else the image\'s)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l umask -d 'The umask of the container\'s process, in octal (default: containers.conf\'s umask, else ferry\'s own)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l shm-size -d 'Size of the container\'s /dev/shm, e.g. 64m (a number with an optional unit b, k, m or g; default: containers.conf\'s shm_size, else 64m)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l pids-limit -d 'Most processes the container may have (0 or -1: no limit; default: containers.conf\'s pids_limit, else 2048). Needs a cgroup: rootless on cgroup v1 it is ignored with a warning' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l cap-add -d 'Add a Linux capability (or ALL)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l cap-drop -d 'Drop a Linux capability (or ALL)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l security-opt -d 'Security options: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=ALL|PATHS' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -s v -l volume -d 'Bind-mount a host path or mount a volume: [SRC:]DST[:OPTS]; SRC is a host path when it starts with / or ., else a volume name (created on first use); DST alone is an anonymous volume. OPTS: ro, rw, U, nocopy, bind, rbind, [r]private, [r]shared, [r]slave, [no]exec, [no]suid, [no]dev, z, Z' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l mount -d 'Attach a mount: type=bind|volume|tmpfs|image,src=…,dst=…[,ro][,bind-propagation=…][,volume-nocopy][,tmpfs-size=…][,tmpfs-mode=…][,U] (image mounts are read-only)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l tmpfs -d 'Mount a tmpfs: DST[:OPTS] (default rw,noexec,nosuid,nodev; size=, mode=, notmpcopyup)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l volumes-from -d 'Mount the volumes and bind mounts of another container: CONTAINER[:ro|rw]' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l pull -d 'Pull policy: always, missing, never or newer' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l cidfile -d 'Write the container id to this file' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand run" -l init -d 'Run a minimal init as PID 1 that forwards signals and reaps zombies (default: containers.conf\'s init, else false)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand run" -l log-driver -d 'Where the container\'s output goes: k8s-file (the container log; json-file is another name for it), none, or passthrough (not logged; the container gets ferry\'s own stdin, stdout and stderr as they are, instead of pipes ferry relays) (default: containers.conf\'s log_driver, else k8s-file)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l log-opt -d 'Log driver options: max-size=SIZE (the log is truncated when it would grow past SIZE, e.g. 10mb)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l stop-signal -d 'Signal that stops the container (default: the image\'s StopSignal, else SIGTERM)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l stop-timeout -d 'Seconds `stop` waits before killing the container (default: containers.conf\'s engine.stop_timeout, else 10)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l userns -d 'User namespace: host (the default), auto[:size=N] (a range no other container uses), keep-id[:uid=U,gid=G] (rootless: your uid and gid keep their values inside) or nomap (rootless: your own id is not mapped)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l uidmap -d 'A user namespace with this uid range: CONTAINER_ID:HOST_ID:SIZE (rootless, HOST_ID counts ferry\'s ids: 0 is you, 1.. your subordinate ids)' -r
complete -c ferry -n "__fish_ferry_using_subcommand run" -l gidmap -d 'Like --uidmap, for group ids' -r
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
complete -c ferry -n "__fish_ferry_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-terminal for the container (its stdout and stderr are then one stream)'
complete -c ferry -n "__fish_ferry_using_subcommand run" -s P -l publish-all -d 'Publish every port the image exposes on a random host port'
complete -c ferry -n "__fish_ferry_using_subcommand run" -l privileged -d 'Give the container all capabilities, no seccomp filter and no masked paths'
complete -c ferry -n "__fish_ferry_using_subcommand run" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand run" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "ls" -d 'List containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "list" -d 'List containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "ps" -d 'List containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "rm" -d 'Remove containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "remove" -d 'Remove containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "inspect" -d 'Show the details of containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "exists" -d 'Check whether a container exists (exit 0 if it does, 1 if not)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "prune" -d 'Remove all stopped containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "rename" -d 'Rename a container'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "port" -d 'List a container\'s published ports'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "cp" -d 'Copy files between a container and the host'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "export" -d 'Export a container\'s root filesystem as a tar archive'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "mount" -d 'Mount containers\' root filesystems and print where (root, or in `ferry unshare`)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "unmount" -d 'Unmount containers\' root filesystems'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "umount" -d 'Unmount containers\' root filesystems'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "create" -d 'Create a container without starting it'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "start" -d 'Start created or stopped containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "attach" -d 'Attach to a running container\'s input and output'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "logs" -d 'Show the logs of containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "stop" -d 'Stop running containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "kill" -d 'Send a signal to running containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "restart" -d 'Restart containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "exec" -d 'Run a command in a running container'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "diff" -d 'Show the changes in a container\'s filesystem'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "top" -d 'Show the processes of a running container'
complete -c ferry -n "__fish_ferry_using_subcommand container; and not __fish_seen_subcommand_from ls list ps rm remove inspect exists prune rename port cp export mount unmount umount wait create start attach logs stop kill restart exec diff commit top help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove the container\'s anonymous volumes too'
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
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from remove" -s v -l volumes -d 'Remove the container\'s anonymous volumes too'
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
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from port" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from port" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from cp" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from cp" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from cp" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from cp" -s a -l archive -d 'Archive mode: keep the numeric owners of what is copied (default: files copied into a container belong to its root, files copied out to you)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from cp" -l overwrite -d 'Allow replacing a directory with a non-directory and the reverse'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from cp" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to this file instead of stdout' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from export" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from export" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from export" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from mount" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from mount" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from mount" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from mount" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from unmount" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from unmount" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from unmount" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from unmount" -s a -l all -d 'Unmount all mounted containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from unmount" -s f -l force -d 'Unmount even if other mounts of the container are counted'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from unmount" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from umount" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from umount" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from umount" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from umount" -s a -l all -d 'Unmount all mounted containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from umount" -s f -l force -d 'Unmount even if other mounts of the container are counted'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from umount" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from umount" -s V -l version -d 'Print version'
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
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l network -d 'Network mode: private (the default: pasta, else slirp4netns), none (loopback only), host, pasta[:OPTIONS], slirp4netns[:OPTIONS], ns:PATH (an existing network namespace), container:NAME (another running container\'s), or user-defined networks NAME[,NAME…]' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l network-alias -d 'Another name of the container on its user-defined networks' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a container\'s port on the host: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp] (ranges N-M; no host port: a random one)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l dns -d 'DNS server for the container\'s /etc/resolv.conf' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-search -d 'DNS search domain for the container\'s /etc/resolv.conf ("." for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-option -d 'DNS option for the container\'s /etc/resolv.conf' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l add-host -d 'Add a line to the container\'s /etc/hosts: HOST:IP (IP may be host-gateway)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of generating one (default: containers.conf\'s no_hosts, else false)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Mount the container\'s root filesystem read-only (default: containers.conf\'s read_only, else false)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only-tmpfs -d 'With --read-only, mount writable tmpfs on /dev, /tmp, /var/tmp and /run' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label on the container (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l annotation -d 'Add an annotation to the container\'s runtime spec (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l ulimit -d 'Set a resource limit: NAME=SOFT[:HARD] (e.g. nofile=1024:2048)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l sysctl -d 'Set a namespaced kernel parameter in the container: NAME=VALUE (net.* with a network namespace of its own, fs.mqueue.* and kernel.msg*/sem/shm*; replaces containers.conf\'s default_sysctls entry of the same name)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l tz -d 'The container\'s time zone: local (the host\'s) or a zone name such as Europe/Berlin, installed as /etc/localtime (default: containers.conf\'s tz, else the image\'s)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l umask -d 'The umask of the container\'s process, in octal (default: containers.conf\'s umask, else ferry\'s own)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l shm-size -d 'Size of the container\'s /dev/shm, e.g. 64m (a number with an optional unit b, k, m or g; default: containers.conf\'s shm_size, else 64m)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l pids-limit -d 'Most processes the container may have (0 or -1: no limit; default: containers.conf\'s pids_limit, else 2048). Needs a cgroup: rootless on cgroup v1 it is ignored with a warning' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add a Linux capability (or ALL)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop a Linux capability (or ALL)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=ALL|PATHS' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -s v -l volume -d 'Bind-mount a host path or mount a volume: [SRC:]DST[:OPTS]; SRC is a host path when it starts with / or ., else a volume name (created on first use); DST alone is an anonymous volume. OPTS: ro, rw, U, nocopy, bind, rbind, [r]private, [r]shared, [r]slave, [no]exec, [no]suid, [no]dev, z, Z' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l mount -d 'Attach a mount: type=bind|volume|tmpfs|image,src=…,dst=…[,ro][,bind-propagation=…][,volume-nocopy][,tmpfs-size=…][,tmpfs-mode=…][,U] (image mounts are read-only)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpfs -d 'Mount a tmpfs: DST[:OPTS] (default rw,noexec,nosuid,nodev; size=, mode=, notmpcopyup)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mount the volumes and bind mounts of another container: CONTAINER[:ro|rw]' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'Pull policy: always, missing, never or newer' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l cidfile -d 'Write the container id to this file' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run a minimal init as PID 1 that forwards signals and reaps zombies (default: containers.conf\'s init, else false)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l log-driver -d 'Where the container\'s output goes: k8s-file (the container log; json-file is another name for it), none, or passthrough (not logged; the container gets ferry\'s own stdin, stdout and stderr as they are, instead of pipes ferry relays) (default: containers.conf\'s log_driver, else k8s-file)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l log-opt -d 'Log driver options: max-size=SIZE (the log is truncated when it would grow past SIZE, e.g. 10mb)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal that stops the container (default: the image\'s StopSignal, else SIGTERM)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Seconds `stop` waits before killing the container (default: containers.conf\'s engine.stop_timeout, else 10)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l userns -d 'User namespace: host (the default), auto[:size=N] (a range no other container uses), keep-id[:uid=U,gid=G] (rootless: your uid and gid keep their values inside) or nomap (rootless: your own id is not mapped)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l uidmap -d 'A user namespace with this uid range: CONTAINER_ID:HOST_ID:SIZE (rootless, HOST_ID counts ferry\'s ids: 0 is you, 1.. your subordinate ids)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l gidmap -d 'Like --uidmap, for group ids' -r
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
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Allocate a pseudo-terminal for the container (its stdout and stderr are then one stream)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -s P -l publish-all -d 'Publish every port the image exposes on a random host port'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Give the container all capabilities, no seccomp filter and no masked paths'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from start" -l sig-proxy -d 'Forward signals ferry receives to the container (with --attach)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from start" -l detach-keys -d 'Keys that detach from a container with a terminal (see `run --detach-keys`; empty disables)' -r
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
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from attach" -l sig-proxy -d 'Forward signals ferry receives to the container (not when stdin is a terminal in raw mode)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from attach" -l detach-keys -d 'Keys that detach from the container (comma-separated: ctrl-a..ctrl-z, ctrl-@, ctrl-[, ctrl-\\, ctrl-], ctrl-^, ctrl-_ or single characters; empty disables)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from attach" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from attach" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from attach" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not forward stdin'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from attach" -s V -l version -d 'Print version'
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
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set an environment variable (KEY=VALUE, or KEY to copy it from ferry\'s environment)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exec" -l env-file -d 'Read environment variables from a file (KEY=VALUE per line)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'User (name or uid) and optional group to run as: USER[:GROUP] (default: the container\'s)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container (default: the container\'s)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exec" -l detach-keys -d 'Key sequence that detaches from a terminal exec (e.g. ctrl-p,ctrl-q; empty to disable)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exec" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exec" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exec" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Run the command in the background (its output is discarded)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Keep stdin open and forward it to the command'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Allocate a terminal in the container for the command'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exec" -l privileged -d 'Give the command all capabilities and no seccomp filter'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from exec" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from diff" -l format -d 'Output format: json' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from diff" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from diff" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from diff" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from commit" -s a -l author -d 'Author of the image' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from commit" -s c -l change -d 'Apply a Containerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from commit" -s f -l format -d 'Format of the image manifest and config: oci or docker' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from commit" -l iidfile -d 'Write the image id to this file' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from commit" -s m -l message -d 'Commit message (stored with --format docker)' -r
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from commit" -s p -l pause -d 'Pause the container\'s processes while its changes are read' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from commit" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from commit" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from commit" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from commit" -s q -l quiet -d 'Print only the image id'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from commit" -s s -l squash -d 'Squash the image\'s layers and the container\'s changes into one layer'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from commit" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from commit" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from top" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from top" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from top" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from top" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show the details of containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check whether a container exists (exit 0 if it does, 1 if not)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all stopped containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename a container'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "port" -d 'List a container\'s published ports'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "cp" -d 'Copy files between a container and the host'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export a container\'s root filesystem as a tar archive'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "mount" -d 'Mount containers\' root filesystems and print where (root, or in `ferry unshare`)'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "unmount" -d 'Unmount containers\' root filesystems'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a container without starting it'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start created or stopped containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "attach" -d 'Attach to a running container\'s input and output'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Show the logs of containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop running containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Send a signal to running containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart containers'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Run a command in a running container'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Show the changes in a container\'s filesystem'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c ferry -n "__fish_ferry_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "top" -d 'Show the processes of a running container'
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
complete -c ferry -n "__fish_ferry_using_subcommand rm" -s v -l volumes -d 'Remove the container\'s anonymous volumes too'
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
complete -c ferry -n "__fish_ferry_using_subcommand port" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand port" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand port" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand port" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand port" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand cp" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand cp" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand cp" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand cp" -s a -l archive -d 'Archive mode: keep the numeric owners of what is copied (default: files copied into a container belong to its root, files copied out to you)'
complete -c ferry -n "__fish_ferry_using_subcommand cp" -l overwrite -d 'Allow replacing a directory with a non-directory and the reverse'
complete -c ferry -n "__fish_ferry_using_subcommand cp" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand cp" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand export" -s o -l output -d 'Write to this file instead of stdout' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand export" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand export" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand export" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand export" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand export" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand mount" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand mount" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand mount" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand mount" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand mount" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand unmount" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand unmount" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand unmount" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand unmount" -s a -l all -d 'Unmount all mounted containers'
complete -c ferry -n "__fish_ferry_using_subcommand unmount" -s f -l force -d 'Unmount even if other mounts of the container are counted'
complete -c ferry -n "__fish_ferry_using_subcommand unmount" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand unmount" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand umount" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand umount" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand umount" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand umount" -s a -l all -d 'Unmount all mounted containers'
complete -c ferry -n "__fish_ferry_using_subcommand umount" -s f -l force -d 'Unmount even if other mounts of the container are counted'
complete -c ferry -n "__fish_ferry_using_subcommand umount" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand umount" -s V -l version -d 'Print version'
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
complete -c ferry -n "__fish_ferry_using_subcommand create" -l network -d 'Network mode: private (the default: pasta, else slirp4netns), none (loopback only), host, pasta[:OPTIONS], slirp4netns[:OPTIONS], ns:PATH (an existing network namespace), container:NAME (another running container\'s), or user-defined networks NAME[,NAME…]' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l network-alias -d 'Another name of the container on its user-defined networks' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -s p -l publish -d 'Publish a container\'s port on the host: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp] (ranges N-M; no host port: a random one)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l dns -d 'DNS server for the container\'s /etc/resolv.conf' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l dns-search -d 'DNS search domain for the container\'s /etc/resolv.conf ("." for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l dns-option -d 'DNS option for the container\'s /etc/resolv.conf' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l add-host -d 'Add a line to the container\'s /etc/hosts: HOST:IP (IP may be host-gateway)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of generating one (default: containers.conf\'s no_hosts, else false)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand create" -l read-only -d 'Mount the container\'s root filesystem read-only (default: containers.conf\'s read_only, else false)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand create" -l read-only-tmpfs -d 'With --read-only, mount writable tmpfs on /dev, /tmp, /var/tmp and /run' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand create" -s l -l label -d 'Set a label on the container (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l annotation -d 'Add an annotation to the container\'s runtime spec (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l ulimit -d 'Set a resource limit: NAME=SOFT[:HARD] (e.g. nofile=1024:2048)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l sysctl -d 'Set a namespaced kernel parameter in the container: NAME=VALUE (net.* with a network namespace of its own, fs.mqueue.* and kernel.msg*/sem/shm*; replaces containers.conf\'s default_sysctls entry of the same name)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l tz -d 'The container\'s time zone: local (the host\'s) or a zone name such as Europe/Berlin, installed as /etc/localtime (default: containers.conf\'s tz, else the image\'s)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l umask -d 'The umask of the container\'s process, in octal (default: containers.conf\'s umask, else ferry\'s own)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l shm-size -d 'Size of the container\'s /dev/shm, e.g. 64m (a number with an optional unit b, k, m or g; default: containers.conf\'s shm_size, else 64m)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l pids-limit -d 'Most processes the container may have (0 or -1: no limit; default: containers.conf\'s pids_limit, else 2048). Needs a cgroup: rootless on cgroup v1 it is ignored with a warning' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l cap-add -d 'Add a Linux capability (or ALL)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l cap-drop -d 'Drop a Linux capability (or ALL)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l security-opt -d 'Security options: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=ALL|PATHS' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -s v -l volume -d 'Bind-mount a host path or mount a volume: [SRC:]DST[:OPTS]; SRC is a host path when it starts with / or ., else a volume name (created on first use); DST alone is an anonymous volume. OPTS: ro, rw, U, nocopy, bind, rbind, [r]private, [r]shared, [r]slave, [no]exec, [no]suid, [no]dev, z, Z' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l mount -d 'Attach a mount: type=bind|volume|tmpfs|image,src=…,dst=…[,ro][,bind-propagation=…][,volume-nocopy][,tmpfs-size=…][,tmpfs-mode=…][,U] (image mounts are read-only)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l tmpfs -d 'Mount a tmpfs: DST[:OPTS] (default rw,noexec,nosuid,nodev; size=, mode=, notmpcopyup)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l volumes-from -d 'Mount the volumes and bind mounts of another container: CONTAINER[:ro|rw]' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l pull -d 'Pull policy: always, missing, never or newer' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l cidfile -d 'Write the container id to this file' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand create" -l init -d 'Run a minimal init as PID 1 that forwards signals and reaps zombies (default: containers.conf\'s init, else false)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand create" -l log-driver -d 'Where the container\'s output goes: k8s-file (the container log; json-file is another name for it), none, or passthrough (not logged; the container gets ferry\'s own stdin, stdout and stderr as they are, instead of pipes ferry relays) (default: containers.conf\'s log_driver, else k8s-file)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l log-opt -d 'Log driver options: max-size=SIZE (the log is truncated when it would grow past SIZE, e.g. 10mb)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l stop-signal -d 'Signal that stops the container (default: the image\'s StopSignal, else SIGTERM)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l stop-timeout -d 'Seconds `stop` waits before killing the container (default: containers.conf\'s engine.stop_timeout, else 10)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l userns -d 'User namespace: host (the default), auto[:size=N] (a range no other container uses), keep-id[:uid=U,gid=G] (rootless: your uid and gid keep their values inside) or nomap (rootless: your own id is not mapped)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l uidmap -d 'A user namespace with this uid range: CONTAINER_ID:HOST_ID:SIZE (rootless, HOST_ID counts ferry\'s ids: 0 is you, 1.. your subordinate ids)' -r
complete -c ferry -n "__fish_ferry_using_subcommand create" -l gidmap -d 'Like --uidmap, for group ids' -r
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
complete -c ferry -n "__fish_ferry_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-terminal for the container (its stdout and stderr are then one stream)'
complete -c ferry -n "__fish_ferry_using_subcommand create" -s P -l publish-all -d 'Publish every port the image exposes on a random host port'
complete -c ferry -n "__fish_ferry_using_subcommand create" -l privileged -d 'Give the container all capabilities, no seccomp filter and no masked paths'
complete -c ferry -n "__fish_ferry_using_subcommand create" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand create" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand start" -l sig-proxy -d 'Forward signals ferry receives to the container (with --attach)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand start" -l detach-keys -d 'Keys that detach from a container with a terminal (see `run --detach-keys`; empty disables)' -r
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
complete -c ferry -n "__fish_ferry_using_subcommand attach" -l sig-proxy -d 'Forward signals ferry receives to the container (not when stdin is a terminal in raw mode)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand attach" -l detach-keys -d 'Keys that detach from the container (comma-separated: ctrl-a..ctrl-z, ctrl-@, ctrl-[, ctrl-\\, ctrl-], ctrl-^, ctrl-_ or single characters; empty disables)' -r
complete -c ferry -n "__fish_ferry_using_subcommand attach" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand attach" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand attach" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand attach" -l no-stdin -d 'Do not forward stdin'
complete -c ferry -n "__fish_ferry_using_subcommand attach" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand attach" -s V -l version -d 'Print version'
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
complete -c ferry -n "__fish_ferry_using_subcommand exec" -s e -l env -d 'Set an environment variable (KEY=VALUE, or KEY to copy it from ferry\'s environment)' -r
complete -c ferry -n "__fish_ferry_using_subcommand exec" -l env-file -d 'Read environment variables from a file (KEY=VALUE per line)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand exec" -s u -l user -d 'User (name or uid) and optional group to run as: USER[:GROUP] (default: the container\'s)' -r
complete -c ferry -n "__fish_ferry_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container (default: the container\'s)' -r
complete -c ferry -n "__fish_ferry_using_subcommand exec" -l detach-keys -d 'Key sequence that detaches from a terminal exec (e.g. ctrl-p,ctrl-q; empty to disable)' -r
complete -c ferry -n "__fish_ferry_using_subcommand exec" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand exec" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand exec" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand exec" -s d -l detach -d 'Run the command in the background (its output is discarded)'
complete -c ferry -n "__fish_ferry_using_subcommand exec" -s i -l interactive -d 'Keep stdin open and forward it to the command'
complete -c ferry -n "__fish_ferry_using_subcommand exec" -s t -l tty -d 'Allocate a terminal in the container for the command'
complete -c ferry -n "__fish_ferry_using_subcommand exec" -l privileged -d 'Give the command all capabilities and no seccomp filter'
complete -c ferry -n "__fish_ferry_using_subcommand exec" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand exec" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand diff" -l format -d 'Output format: json' -r
complete -c ferry -n "__fish_ferry_using_subcommand diff" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand diff" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand diff" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand diff" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand diff" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand commit" -s a -l author -d 'Author of the image' -r
complete -c ferry -n "__fish_ferry_using_subcommand commit" -s c -l change -d 'Apply a Containerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)' -r
complete -c ferry -n "__fish_ferry_using_subcommand commit" -s f -l format -d 'Format of the image manifest and config: oci or docker' -r
complete -c ferry -n "__fish_ferry_using_subcommand commit" -l iidfile -d 'Write the image id to this file' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand commit" -s m -l message -d 'Commit message (stored with --format docker)' -r
complete -c ferry -n "__fish_ferry_using_subcommand commit" -s p -l pause -d 'Pause the container\'s processes while its changes are read' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand commit" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand commit" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand commit" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand commit" -s q -l quiet -d 'Print only the image id'
complete -c ferry -n "__fish_ferry_using_subcommand commit" -s s -l squash -d 'Squash the image\'s layers and the container\'s changes into one layer'
complete -c ferry -n "__fish_ferry_using_subcommand commit" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand commit" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand top" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand top" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand top" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand top" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand top" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -f -a "ls" -d 'List images in local storage'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -f -a "list" -d 'List images in local storage'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -f -a "inspect" -d 'Show the details of images'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -f -a "history" -d 'Show the history of an image'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -f -a "tag" -d 'Add names to an image'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -f -a "untag" -d 'Remove names from an image'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -f -a "rm" -d 'Remove images'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -f -a "remove" -d 'Remove images'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -f -a "prune" -d 'Remove unused images'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -f -a "exists" -d 'Check whether an image exists in local storage (exit 0 if it does, 1 if not)'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -f -a "load" -d 'Load images from an archive'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -f -a "save" -d 'Save images to an archive'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -f -a "import" -d 'Create an image from a root filesystem tarball'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -f -a "build" -d 'Build an image from a Containerfile'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -f -a "pull" -d 'Pull images from a registry'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -f -a "push" -d 'Push an image to a registry'
complete -c ferry -n "__fish_ferry_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm remove prune exists load save import build pull push help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -s f -l file -d 'The Containerfile (default: CONTEXT/Containerfile, else CONTEXT/Dockerfile); `-` reads it from standard input' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name of the image (repeatable)' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l target -d 'Build only up to this stage' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l layers -d 'Keep each step\'s result as a cache entry' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l label -d 'Add a label to the image (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l annotation -d 'Add an annotation to the image manifest (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image id to this file' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l network -d 'Network for RUN instructions: private (a namespace of the build\'s own, connected by pasta, else slirp4netns), pasta[:OPTIONS], slirp4netns[:OPTIONS], host or none' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l platform -d 'Platform to build for (only this host\'s platform)' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l pull -d 'When to pull base images: always, missing, never, newer (`--pull` alone: always)' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg -d 'A build argument (NAME=VALUE, or NAME to take it from the environment)' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg-file -d 'A file of build arguments, one NAME=VALUE per line' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l build-context -d 'An additional named context (NAME=DIR), for COPY --from=NAME and RUN --mount from=NAME' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l secret -d 'A secret for RUN --mount=type=secret (id=ID,src=PATH)' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l format -d 'Image format: oci or docker' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates (default: true unless registries.conf marks the registry insecure)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l cert-dir -d 'Directory with certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use cached results of earlier builds'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l squash -d 'Squash the build\'s new layers into one'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -l squash-all -d 'Squash the whole image into one layer'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Print only the image id'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from build" -s V -l version -d 'Print version'
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
complete -c ferry -n "__fish_ferry_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build an image from a Containerfile'
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
complete -c ferry -n "__fish_ferry_using_subcommand build" -s f -l file -d 'The Containerfile (default: CONTEXT/Containerfile, else CONTEXT/Dockerfile); `-` reads it from standard input' -r
complete -c ferry -n "__fish_ferry_using_subcommand build" -s t -l tag -d 'Name of the image (repeatable)' -r
complete -c ferry -n "__fish_ferry_using_subcommand build" -l target -d 'Build only up to this stage' -r
complete -c ferry -n "__fish_ferry_using_subcommand build" -l layers -d 'Keep each step\'s result as a cache entry' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand build" -l label -d 'Add a label to the image (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand build" -l annotation -d 'Add an annotation to the image manifest (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand build" -l iidfile -d 'Write the image id to this file' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand build" -l network -d 'Network for RUN instructions: private (a namespace of the build\'s own, connected by pasta, else slirp4netns), pasta[:OPTIONS], slirp4netns[:OPTIONS], host or none' -r
complete -c ferry -n "__fish_ferry_using_subcommand build" -l platform -d 'Platform to build for (only this host\'s platform)' -r
complete -c ferry -n "__fish_ferry_using_subcommand build" -l pull -d 'When to pull base images: always, missing, never, newer (`--pull` alone: always)' -r
complete -c ferry -n "__fish_ferry_using_subcommand build" -l build-arg -d 'A build argument (NAME=VALUE, or NAME to take it from the environment)' -r
complete -c ferry -n "__fish_ferry_using_subcommand build" -l build-arg-file -d 'A file of build arguments, one NAME=VALUE per line' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand build" -l build-context -d 'An additional named context (NAME=DIR), for COPY --from=NAME and RUN --mount from=NAME' -r
complete -c ferry -n "__fish_ferry_using_subcommand build" -l secret -d 'A secret for RUN --mount=type=secret (id=ID,src=PATH)' -r
complete -c ferry -n "__fish_ferry_using_subcommand build" -l format -d 'Image format: oci or docker' -r
complete -c ferry -n "__fish_ferry_using_subcommand build" -l tls-verify -d 'Require HTTPS and verify certificates (default: true unless registries.conf marks the registry insecure)' -r -f -a "true\t''
false\t''"
complete -c ferry -n "__fish_ferry_using_subcommand build" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c ferry -n "__fish_ferry_using_subcommand build" -l authfile -d 'Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand build" -l cert-dir -d 'Directory with certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand build" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand build" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand build" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand build" -l no-cache -d 'Do not use cached results of earlier builds'
complete -c ferry -n "__fish_ferry_using_subcommand build" -l squash -d 'Squash the build\'s new layers into one'
complete -c ferry -n "__fish_ferry_using_subcommand build" -l squash-all -d 'Squash the whole image into one layer'
complete -c ferry -n "__fish_ferry_using_subcommand build" -s q -l quiet -d 'Print only the image id'
complete -c ferry -n "__fish_ferry_using_subcommand build" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand build" -s V -l version -d 'Print version'
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
complete -c ferry -n "__fish_ferry_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "create" -d 'Create a volume'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "ls" -d 'List volumes'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "list" -d 'List volumes'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "inspect" -d 'Show the details of volumes'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "rm" -d 'Remove volumes'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "remove" -d 'Remove volumes'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "prune" -d 'Remove all volumes no container uses'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "exists" -d 'Check whether a volume exists (exit 0 if it does, 1 if not)'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "export" -d 'Write a volume\'s content to a tar archive'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "import" -d 'Unpack a tar archive into a volume'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from create" -s d -l driver -d 'Volume driver (only local)' -r
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label on the volume (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from create" -s o -l opt -d 'Driver option: uid=N or gid=N (the owner of the volume\'s root, as the container sees it)' -r
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from create" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from create" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from create" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from create" -l ignore -d 'Do nothing if the volume already exists'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output (name=, label=key[=value], dangling=true|false, driver=)' -r
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'Output format: json, or a Go template (prefix with "table" for a table)' -r
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from ls" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from ls" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only volume names'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header row'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output (name=, label=key[=value], dangling=true|false, driver=)' -r
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from list" -l format -d 'Output format: json, or a Go template (prefix with "table" for a table)' -r
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from list" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from list" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from list" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only volume names'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print the header row'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Output format: json, or a Go template' -r
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s a -l all -d 'Inspect all volumes'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from rm" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from rm" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all volumes'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove the containers that use the volumes first (killing running ones)'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from remove" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from remove" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove all volumes'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove the containers that use the volumes first (killing running ones)'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from prune" -l filter -d 'Only prune volumes that match (label=key[=value], label!=key[=value], name=)' -r
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from prune" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from prune" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from exists" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from exists" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to this file instead of stdout' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from export" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from export" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from export" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from import" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from import" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from import" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a volume'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List volumes'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show the details of volumes'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove volumes'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all volumes no container uses'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check whether a volume exists (exit 0 if it does, 1 if not)'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write a volume\'s content to a tar archive'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "import" -d 'Unpack a tar archive into a volume'
complete -c ferry -n "__fish_ferry_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect help" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect help" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect help" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect help" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect help" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect help" -f -a "create" -d 'Create a network'
complete -c ferry -n "__fish_ferry_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect help" -f -a "ls" -d 'List networks'
complete -c ferry -n "__fish_ferry_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect help" -f -a "list" -d 'List networks'
complete -c ferry -n "__fish_ferry_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect help" -f -a "inspect" -d 'Show the details of networks'
complete -c ferry -n "__fish_ferry_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect help" -f -a "rm" -d 'Remove networks'
complete -c ferry -n "__fish_ferry_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect help" -f -a "remove" -d 'Remove networks'
complete -c ferry -n "__fish_ferry_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect help" -f -a "prune" -d 'Remove all networks no container uses'
complete -c ferry -n "__fish_ferry_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect help" -f -a "exists" -d 'Check whether a network exists (exit 0 if it does, 1 if not)'
complete -c ferry -n "__fish_ferry_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect help" -f -a "connect" -d 'Connect a container to a network'
complete -c ferry -n "__fish_ferry_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect help" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c ferry -n "__fish_ferry_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from create" -s d -l driver -d 'Network driver (only bridge)' -r
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from create" -l subnet -d 'Subnet in CIDR notation (default: a free 10.89.N.0/24)' -r
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from create" -l gateway -d 'Gateway address of the subnet (default: its first address)' -r
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from create" -l label -d 'Set a label on the network (KEY=VALUE)' -r
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from create" -l interface-name -d 'Name of the bridge interface (default: ferryN)' -r
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from create" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from create" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from create" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from create" -l internal -d 'No route out of the network: its containers reach each other only'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from create" -l ignore -d 'Do nothing if the network already exists'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output (name=, id=, label=key[=value], driver=)' -r
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from ls" -l format -d 'Output format: json, or a Go template (prefix with "table" for a table)' -r
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from ls" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from ls" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only network names'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header row'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate network ids'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output (name=, id=, label=key[=value], driver=)' -r
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from list" -l format -d 'Output format: json, or a Go template (prefix with "table" for a table)' -r
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from list" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from list" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from list" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only network names'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print the header row'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate network ids'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Output format: json, or a Go template' -r
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from inspect" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from rm" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from rm" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove the containers that use the networks first (killing running ones)'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from remove" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from remove" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove the containers that use the networks first (killing running ones)'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from prune" -l filter -d 'Only prune networks that match (label=key[=value], label!=key[=value], name=)' -r
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from prune" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from prune" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from exists" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from exists" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from connect" -l alias -d 'Another name the container has on this network' -r
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from connect" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from connect" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from connect" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from connect" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s f -l force -d 'Accepted for compatibility (a running container is always disconnected)'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a network'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List networks'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show the details of networks'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove networks'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all networks no container uses'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check whether a network exists (exit 0 if it does, 1 if not)'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Connect a container to a network'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c ferry -n "__fish_ferry_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and not __fish_seen_subcommand_from config convert version help" -s f -l file -d 'Compose file (repeat to merge several; `-` reads standard input). Default: compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml here or in a parent directory, with its .override file; else $COMPOSE_FILE' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and not __fish_seen_subcommand_from config convert version help" -s p -l project-name -d 'Project name (default: $COMPOSE_PROJECT_NAME, the top-level `name:`, or the project directory\'s name)' -r
complete -c ferry -n "__fish_ferry_using_subcommand compose; and not __fish_seen_subcommand_from config convert version help" -l project-directory -d 'Directory relative paths are resolved against (default: the first file\'s directory)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and not __fish_seen_subcommand_from config convert version help" -l env-file -d 'Variables for interpolation, instead of the project directory\'s .env (repeatable)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and not __fish_seen_subcommand_from config convert version help" -l profile -d 'Enable services of this profile (repeatable; default: $COMPOSE_PROFILES; `*` for all)' -r
complete -c ferry -n "__fish_ferry_using_subcommand compose; and not __fish_seen_subcommand_from config convert version help" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and not __fish_seen_subcommand_from config convert version help" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and not __fish_seen_subcommand_from config convert version help" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand compose; and not __fish_seen_subcommand_from config convert version help" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and not __fish_seen_subcommand_from config convert version help" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and not __fish_seen_subcommand_from config convert version help" -f -a "config" -d 'Print the project\'s normalized, interpolated configuration'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and not __fish_seen_subcommand_from config convert version help" -f -a "convert" -d 'Print the project\'s normalized, interpolated configuration'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and not __fish_seen_subcommand_from config convert version help" -f -a "version" -d 'Show the version of ferry\'s Compose implementation'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and not __fish_seen_subcommand_from config convert version help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -l format -d 'Output format' -r -f -a "yaml\t''
json\t''"
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -l hash -d 'Print "SERVICE HASH" lines for these services (comma-separated, or `*` for all)' -r
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -s o -l output -d 'Write the configuration to this file instead of standard output' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -s f -l file -d 'Compose file (repeat to merge several; `-` reads standard input). Default: compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml here or in a parent directory, with its .override file; else $COMPOSE_FILE' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -s p -l project-name -d 'Project name (default: $COMPOSE_PROJECT_NAME, the top-level `name:`, or the project directory\'s name)' -r
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -l project-directory -d 'Directory relative paths are resolved against (default: the first file\'s directory)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -l env-file -d 'Variables for interpolation, instead of the project directory\'s .env (repeatable)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -l profile -d 'Enable services of this profile (repeatable; default: $COMPOSE_PROFILES; `*` for all)' -r
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -l services -d 'Print the service names, one per line'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -l volumes -d 'Print the volume names, one per line'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -l networks -d 'Print the network names, one per line'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -l profiles -d 'Print the profile names, one per line'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -l images -d 'Print the image names, one per line'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -s q -l quiet -d 'Only check the configuration, print nothing'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -l no-interpolate -d 'Do not interpolate variables (print the merged files as written)'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from config" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -l format -d 'Output format' -r -f -a "yaml\t''
json\t''"
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -l hash -d 'Print "SERVICE HASH" lines for these services (comma-separated, or `*` for all)' -r
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -s o -l output -d 'Write the configuration to this file instead of standard output' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -s f -l file -d 'Compose file (repeat to merge several; `-` reads standard input). Default: compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml here or in a parent directory, with its .override file; else $COMPOSE_FILE' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -s p -l project-name -d 'Project name (default: $COMPOSE_PROJECT_NAME, the top-level `name:`, or the project directory\'s name)' -r
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -l project-directory -d 'Directory relative paths are resolved against (default: the first file\'s directory)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -l env-file -d 'Variables for interpolation, instead of the project directory\'s .env (repeatable)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -l profile -d 'Enable services of this profile (repeatable; default: $COMPOSE_PROFILES; `*` for all)' -r
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -l services -d 'Print the service names, one per line'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -l volumes -d 'Print the volume names, one per line'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -l networks -d 'Print the network names, one per line'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -l profiles -d 'Print the profile names, one per line'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -l images -d 'Print the image names, one per line'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -s q -l quiet -d 'Only check the configuration, print nothing'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -l no-interpolate -d 'Do not interpolate variables (print the merged files as written)'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from convert" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from version" -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from version" -s f -l file -d 'Compose file (repeat to merge several; `-` reads standard input). Default: compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml here or in a parent directory, with its .override file; else $COMPOSE_FILE' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from version" -s p -l project-name -d 'Project name (default: $COMPOSE_PROJECT_NAME, the top-level `name:`, or the project directory\'s name)' -r
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from version" -l project-directory -d 'Directory relative paths are resolved against (default: the first file\'s directory)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from version" -l env-file -d 'Variables for interpolation, instead of the project directory\'s .env (repeatable)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from version" -l profile -d 'Enable services of this profile (repeatable; default: $COMPOSE_PROFILES; `*` for all)' -r
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from version" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from version" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from version" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from version" -l short -d 'Print only the version number'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from version" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from version" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "config" -d 'Print the project\'s normalized, interpolated configuration'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "version" -d 'Show the version of ferry\'s Compose implementation'
complete -c ferry -n "__fish_ferry_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from check df prune reset info service help" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from check df prune reset info service help" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from check df prune reset info service help" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from check df prune reset info service help" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from check df prune reset info service help" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from check df prune reset info service help" -f -a "check" -d 'Check the store for damage and leftovers, and optionally repair them'
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from check df prune reset info service help" -f -a "df" -d 'Show disk usage of images and layers'
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from check df prune reset info service help" -f -a "prune" -d 'Remove unused images, build leftovers and interrupted work'
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from check df prune reset info service help" -f -a "reset" -d 'Remove everything ferry stores'
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from check df prune reset info service help" -f -a "info" -d 'Show system information'
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from check df prune reset info service help" -f -a "service" -d 'Serve the Docker Engine API on a socket until idle'
complete -c ferry -n "__fish_ferry_using_subcommand system; and not __fish_seen_subcommand_from check df prune reset info service help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from check" -l format -d 'Output format: json, or a Go template (over each problem)' -r
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from check" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from check" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from check" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from check" -s r -l repair -d 'Fix what can be fixed safely: remove leftovers, orphans and corrupt blobs, unpack missing layers again, forget damaged images and records of missing things (never what a container uses)'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from check" -s q -l quick -d 'Do not read every blob to verify its digest (sizes are still checked)'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
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
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumes -d 'Remove the volumes no container uses too'
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
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from service" -s t -l time -l timeout -d 'Seconds without requests or open streams before the service exits (0: never)' -r
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from service" -l group -d 'Group allowed to use the socket, as root: the socket is made root:GROUP 0660 (the default socket\'s directory also becomes searchable by the group)' -r
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from service" -l root -d 'Path to the store of images and layers' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from service" -l runroot -d 'Path to runtime state (lock files, running containers)' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from service" -l log-level -d 'Messages to show on stderr' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from service" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from service" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check the store for damage and leftovers, and optionally repair them'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "df" -d 'Show disk usage of images and layers'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused images, build leftovers and interrupted work'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Remove everything ferry stores'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show system information'
complete -c ferry -n "__fish_ferry_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "service" -d 'Serve the Docker Engine API on a socket until idle'
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
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "run" -d 'Run a command in a new container'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "container" -d 'Manage containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "ps" -d 'List containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "rm" -d 'Remove containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "rename" -d 'Rename a container'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "port" -d 'List a container\'s published ports'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "cp" -d 'Copy files between a container and the host'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "export" -d 'Export a container\'s root filesystem as a tar archive'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "mount" -d 'Mount containers\' root filesystems and print where (root, or in `ferry unshare`)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "unmount" -d 'Unmount containers\' root filesystems'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "create" -d 'Create a container without starting it'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "start" -d 'Start created or stopped containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "attach" -d 'Attach to a running container\'s input and output'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "logs" -d 'Show the logs of containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "stop" -d 'Stop running containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "kill" -d 'Send a signal to running containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "restart" -d 'Restart containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "exec" -d 'Run a command in a running container'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "diff" -d 'Show the changes in a container\'s or image\'s filesystem'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "top" -d 'Show the processes of a running container'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "image" -d 'Manage images'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "images" -d 'List images in local storage'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "inspect" -d 'Show the details of containers or images'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "history" -d 'Show the history of an image'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "tag" -d 'Add names to an image'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "untag" -d 'Remove names from an image'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "rmi" -d 'Remove images'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "load" -d 'Load images from an archive'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "save" -d 'Save images to an archive'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "import" -d 'Create an image from a root filesystem tarball'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "build" -d 'Build an image from a Containerfile'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "pull" -d 'Pull images from a registry'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "push" -d 'Push an image to a registry'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "login" -d 'Log in to a registry'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "logout" -d 'Log out of a registry'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "manifest" -d 'Inspect manifests in registries'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "unshare" -d 'Run a command in ferry\'s rootless user namespace (to inspect or delete files owned by subordinate ids)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "volume" -d 'Manage volumes'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "network" -d 'Manage networks'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "compose" -d 'Run multi-container applications described by Compose files'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "system" -d 'Manage ferry itself'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "info" -d 'Show system information'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "version" -d 'Show version information'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "completion" -d 'Print a shell completion script'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "generate-docs" -d 'Write man pages and completion scripts (for packaging)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from run container ps rm rename port cp export mount unmount wait create start attach logs stop kill restart exec diff commit top image images inspect history tag untag rmi load save import build pull push login logout manifest unshare volume network compose system info version completion generate-docs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "ls" -d 'List containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rm" -d 'Remove containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "inspect" -d 'Show the details of containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exists" -d 'Check whether a container exists (exit 0 if it does, 1 if not)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "prune" -d 'Remove all stopped containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rename" -d 'Rename a container'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "port" -d 'List a container\'s published ports'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "cp" -d 'Copy files between a container and the host'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "export" -d 'Export a container\'s root filesystem as a tar archive'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "mount" -d 'Mount containers\' root filesystems and print where (root, or in `ferry unshare`)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "unmount" -d 'Unmount containers\' root filesystems'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "create" -d 'Create a container without starting it'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "start" -d 'Start created or stopped containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "attach" -d 'Attach to a running container\'s input and output'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "logs" -d 'Show the logs of containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "stop" -d 'Stop running containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "kill" -d 'Send a signal to running containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "restart" -d 'Restart containers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exec" -d 'Run a command in a running container'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "diff" -d 'Show the changes in a container\'s filesystem'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "top" -d 'Show the processes of a running container'
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
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "build" -d 'Build an image from a Containerfile'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "pull" -d 'Pull images from a registry'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "push" -d 'Push an image to a registry'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "inspect" -d 'Show a registry\'s manifest or index for an image without pulling it'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "create" -d 'Create a volume'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "ls" -d 'List volumes'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "inspect" -d 'Show the details of volumes'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "rm" -d 'Remove volumes'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "prune" -d 'Remove all volumes no container uses'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "exists" -d 'Check whether a volume exists (exit 0 if it does, 1 if not)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "export" -d 'Write a volume\'s content to a tar archive'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "import" -d 'Unpack a tar archive into a volume'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "create" -d 'Create a network'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "ls" -d 'List networks'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "inspect" -d 'Show the details of networks'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "rm" -d 'Remove networks'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "prune" -d 'Remove all networks no container uses'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "exists" -d 'Check whether a network exists (exit 0 if it does, 1 if not)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "connect" -d 'Connect a container to a network'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "config" -d 'Print the project\'s normalized, interpolated configuration'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "version" -d 'Show the version of ferry\'s Compose implementation'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "check" -d 'Check the store for damage and leftovers, and optionally repair them'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "df" -d 'Show disk usage of images and layers'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "prune" -d 'Remove unused images, build leftovers and interrupted work'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "reset" -d 'Remove everything ferry stores'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "info" -d 'Show system information'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "service" -d 'Serve the Docker Engine API on a socket until idle'
