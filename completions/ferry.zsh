#compdef ferry

autoload -U is-at-least

_ferry() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_ferry_commands" \
"*::: :->ferry" \
&& ret=0
    case $state in
    (ferry)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-command-$line[1]:"
        case $line[1] in
            (run)
_arguments "${_arguments_options[@]}" : \
'--sig-proxy=[Forward signals ferry receives to the container (not with -it\: keys then reach the container as bytes, and a signal ends ferry while the container goes on)]:BOOL:(true false)' \
'--detach-keys=[Keys that detach from the container (comma-separated\: ctrl-a..ctrl-z, ctrl-@, ctrl-\[, ctrl-\\, ctrl-\], ctrl-^, ctrl-_ or single characters; empty disables). Only with -t\: a run without a terminal does not read them]:KEYS:_default' \
'--name=[Name of the container (default\: a generated adjective_noun)]:NAME:_default' \
'--entrypoint=[Override the image'\''s entrypoint (an empty string clears it)]:COMMAND:_default' \
'*-e+[Set an environment variable (KEY=VALUE, or KEY to copy it from ferry'\''s environment)]:ENV:_default' \
'*--env=[Set an environment variable (KEY=VALUE, or KEY to copy it from ferry'\''s environment)]:ENV:_default' \
'*--env-file=[Read environment variables from a file (KEY=VALUE per line)]:FILE:_files' \
'-w+[Working directory inside the container]:DIR:_default' \
'--workdir=[Working directory inside the container]:DIR:_default' \
'-u+[User (name or uid) and optional group to run as\: USER\[\:GROUP\]]:USER[:GROUP]:_default' \
'--user=[User (name or uid) and optional group to run as\: USER\[\:GROUP\]]:USER[:GROUP]:_default' \
'--hostname=[Container hostname (default\: the short container id)]:NAME:_default' \
'--network=[Network mode\: private (the default\: pasta, else slirp4netns), none (loopback only), host, pasta\[\:OPTIONS\], slirp4netns\[\:OPTIONS\], ns\:PATH (an existing network namespace), container\:NAME (another running container'\''s), or user-defined networks NAME\[,NAME…\]]:MODE:_default' \
'*--network-alias=[Another name of the container on its user-defined networks]:NAME:_default' \
'*-p+[Publish a container'\''s port on the host\: \[IP\:\]\[HOST_PORT\:\]CONTAINER_PORT\[/tcp|udp\] (ranges N-M; no host port\: a random one)]:PORT:_default' \
'*--publish=[Publish a container'\''s port on the host\: \[IP\:\]\[HOST_PORT\:\]CONTAINER_PORT\[/tcp|udp\] (ranges N-M; no host port\: a random one)]:PORT:_default' \
'*--dns=[DNS server for the container'\''s /etc/resolv.conf]:IP:_default' \
'*--dns-search=[DNS search domain for the container'\''s /etc/resolv.conf ("." for none)]:DOMAIN:_default' \
'*--dns-option=[DNS option for the container'\''s /etc/resolv.conf]:OPTION:_default' \
'*--add-host=[Add a line to the container'\''s /etc/hosts\: HOST\:IP (IP may be host-gateway)]:HOST:IP:_default' \
'--no-hosts=[Keep the image'\''s /etc/hosts instead of generating one (default\: containers.conf'\''s no_hosts, else false)]::BOOL:(true false)' \
'--read-only=[Mount the container'\''s root filesystem read-only (default\: containers.conf'\''s read_only, else false)]::BOOL:(true false)' \
'--read-only-tmpfs=[With --read-only, mount writable tmpfs on /dev, /tmp, /var/tmp and /run]:BOOL:(true false)' \
'*-l+[Set a label on the container (KEY=VALUE)]:LABEL:_default' \
'*--label=[Set a label on the container (KEY=VALUE)]:LABEL:_default' \
'*--annotation=[Add an annotation to the container'\''s runtime spec (KEY=VALUE)]:ANNOTATION:_default' \
'*--ulimit=[Set a resource limit\: NAME=SOFT\[\:HARD\] (e.g. nofile=1024\:2048)]:ULIMIT:_default' \
'*--sysctl=[Set a namespaced kernel parameter in the container\: NAME=VALUE (net.* with a network namespace of its own, fs.mqueue.* and kernel.msg*/sem/shm*; replaces containers.conf'\''s default_sysctls entry of the same name)]:NAME=VALUE:_default' \
'--tz=[The container'\''s time zone\: local (the host'\''s) or a zone name such as Europe/Berlin, installed as /etc/localtime (default\: containers.conf'\''s tz, else the image'\''s)]:TZ:_default' \
'--umask=[The umask of the container'\''s process, in octal (default\: containers.conf'\''s umask, else ferry'\''s own)]:MASK:_default' \
'--shm-size=[Size of the container'\''s /dev/shm, e.g. 64m (a number with an optional unit b, k, m or g; default\: containers.conf'\''s shm_size, else 64m)]:SIZE:_default' \
'--pids-limit=[Most processes the container may have (0 or -1\: no limit; default\: containers.conf'\''s pids_limit, else 2048). Needs a cgroup\: rootless on cgroup v1 it is ignored with a warning]:N:_default' \
'*--cap-add=[Add a Linux capability (or ALL)]:CAP:_default' \
'*--cap-drop=[Drop a Linux capability (or ALL)]:CAP:_default' \
'*--security-opt=[Security options\: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=ALL|PATHS]:OPT:_default' \
'*-v+[Bind-mount a host path or mount a volume\: \[SRC\:\]DST\[\:OPTS\]; SRC is a host path when it starts with / or ., else a volume name (created on first use); DST alone is an anonymous volume. OPTS\: ro, rw, U, nocopy, bind, rbind, \[r\]private, \[r\]shared, \[r\]slave, \[no\]exec, \[no\]suid, \[no\]dev, z, Z]:[SRC:]DST[:OPTS]:_default' \
'*--volume=[Bind-mount a host path or mount a volume\: \[SRC\:\]DST\[\:OPTS\]; SRC is a host path when it starts with / or ., else a volume name (created on first use); DST alone is an anonymous volume. OPTS\: ro, rw, U, nocopy, bind, rbind, \[r\]private, \[r\]shared, \[r\]slave, \[no\]exec, \[no\]suid, \[no\]dev, z, Z]:[SRC:]DST[:OPTS]:_default' \
'*--mount=[Attach a mount\: type=bind|volume|tmpfs|image,src=…,dst=…\[,ro\]\[,bind-propagation=…\]\[,volume-nocopy\]\[,tmpfs-size=…\]\[,tmpfs-mode=…\]\[,U\] (image mounts are read-only)]:MOUNT:_default' \
'*--tmpfs=[Mount a tmpfs\: DST\[\:OPTS\] (default rw,noexec,nosuid,nodev; size=, mode=, notmpcopyup)]:DST[:OPTS]:_default' \
'*--volumes-from=[Mount the volumes and bind mounts of another container\: CONTAINER\[\:ro|rw\]]:CONTAINER[:OPTS]:_default' \
'--pull=[Pull policy\: always, missing, never or newer]::POLICY:_default' \
'--cidfile=[Write the container id to this file]:FILE:_files' \
'--init=[Run a minimal init as PID 1 that forwards signals and reaps zombies (default\: containers.conf'\''s init, else false)]::BOOL:(true false)' \
'--log-driver=[Where the container'\''s output goes\: k8s-file (the container log; json-file is another name for it), none, or passthrough (not logged; the container gets ferry'\''s own stdin, stdout and stderr as they are, instead of pipes ferry relays) (default\: containers.conf'\''s log_driver, else k8s-file)]:DRIVER:_default' \
'*--log-opt=[Log driver options\: max-size=SIZE (the log is truncated when it would grow past SIZE, e.g. 10mb)]:OPT:_default' \
'--stop-signal=[Signal that stops the container (default\: the image'\''s StopSignal, else SIGTERM)]:SIGNAL:_default' \
'--stop-timeout=[Seconds \`stop\` waits before killing the container (default\: containers.conf'\''s engine.stop_timeout, else 10)]:SECONDS:_default' \
'--userns=[User namespace\: host (the default), auto\[\:size=N\] (a range no other container uses), keep-id\[\:uid=U,gid=G\] (rootless\: your uid and gid keep their values inside) or nomap (rootless\: your own id is not mapped)]:MODE:_default' \
'*--uidmap=[A user namespace with this uid range\: CONTAINER_ID\:HOST_ID\:SIZE (rootless, HOST_ID counts ferry'\''s ids\: 0 is you, 1.. your subordinate ids)]:MAP:_default' \
'*--gidmap=[Like --uidmap, for group ids]:MAP:_default' \
'--tls-verify=[Require HTTPS and verify certificates (default\: true unless registries.conf marks the registry insecure)]::BOOL:(true false)' \
'--creds=[Credentials (USERNAME\[\:PASSWORD\]) for the registry]:USERNAME[:PASSWORD]:_default' \
'--authfile=[Path of the authentication file (default\: \${XDG_RUNTIME_DIR}/containers/auth.json)]:PATH:_files' \
'--cert-dir=[Directory with certificates (*.crt, *.cert, *.key) for the registry]:DIR:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'--rm[Remove the container when it exits]' \
'-d[Run the container in the background under its own monitor and print its id]' \
'--detach[Run the container in the background under its own monitor and print its id]' \
'-i[Keep stdin open and forward it to the container]' \
'--interactive[Keep stdin open and forward it to the container]' \
'-t[Allocate a pseudo-terminal for the container (its stdout and stderr are then one stream)]' \
'--tty[Allocate a pseudo-terminal for the container (its stdout and stderr are then one stream)]' \
'-P[Publish every port the image exposes on a random host port]' \
'--publish-all[Publish every port the image exposes on a random host port]' \
'--privileged[Give the container all capabilities, no seccomp filter and no masked paths]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::image_and_command -- Image, then the command and its arguments (default\: the image'\''s entrypoint and command):_default' \
&& ret=0
;;
(container)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_ferry__subcmd__container_commands" \
"*::: :->container" \
&& ret=0

    case $state in
    (container)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-container-command-$line[1]:"
        case $line[1] in
            (ls)
_arguments "${_arguments_options[@]}" : \
'-n+[Show the N last created containers (all states)]:N:_default' \
'--last=[Show the N last created containers (all states)]:N:_default' \
'*-f+[Filter output (status=, name=, id=, label=key\[=value\], ancestor=, exited=)]:FILTER:_default' \
'*--filter=[Filter output (status=, name=, id=, label=key\[=value\], ancestor=, exited=)]:FILTER:_default' \
'--format=[Output format\: json, or a Go template (prefix with "table" for a table)]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Show all containers (default\: running ones only)]' \
'--all[Show all containers (default\: running ones only)]' \
'-q[Print only container ids]' \
'--quiet[Print only container ids]' \
'-l[Show the latest container created (all states)]' \
'--latest[Show the latest container created (all states)]' \
'--no-trunc[Do not truncate ids and commands]' \
'--noheading[Do not print the header row]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'-n+[Show the N last created containers (all states)]:N:_default' \
'--last=[Show the N last created containers (all states)]:N:_default' \
'*-f+[Filter output (status=, name=, id=, label=key\[=value\], ancestor=, exited=)]:FILTER:_default' \
'*--filter=[Filter output (status=, name=, id=, label=key\[=value\], ancestor=, exited=)]:FILTER:_default' \
'--format=[Output format\: json, or a Go template (prefix with "table" for a table)]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Show all containers (default\: running ones only)]' \
'--all[Show all containers (default\: running ones only)]' \
'-q[Print only container ids]' \
'--quiet[Print only container ids]' \
'-l[Show the latest container created (all states)]' \
'--latest[Show the latest container created (all states)]' \
'--no-trunc[Do not truncate ids and commands]' \
'--noheading[Do not print the header row]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(ps)
_arguments "${_arguments_options[@]}" : \
'-n+[Show the N last created containers (all states)]:N:_default' \
'--last=[Show the N last created containers (all states)]:N:_default' \
'*-f+[Filter output (status=, name=, id=, label=key\[=value\], ancestor=, exited=)]:FILTER:_default' \
'*--filter=[Filter output (status=, name=, id=, label=key\[=value\], ancestor=, exited=)]:FILTER:_default' \
'--format=[Output format\: json, or a Go template (prefix with "table" for a table)]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Show all containers (default\: running ones only)]' \
'--all[Show all containers (default\: running ones only)]' \
'-q[Print only container ids]' \
'--quiet[Print only container ids]' \
'-l[Show the latest container created (all states)]' \
'--latest[Show the latest container created (all states)]' \
'--no-trunc[Do not truncate ids and commands]' \
'--noheading[Do not print the header row]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
'-t+[Seconds to wait before killing a running container with --force (accepted; ferry kills at once)]:SECONDS:_default' \
'--time=[Seconds to wait before killing a running container with --force (accepted; ferry kills at once)]:SECONDS:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Remove all containers]' \
'--all[Remove all containers]' \
'-f[Kill running containers (SIGKILL) before removing them]' \
'--force[Kill running containers (SIGKILL) before removing them]' \
'-v[Remove the container'\''s anonymous volumes too]' \
'--volumes[Remove the container'\''s anonymous volumes too]' \
'-i[Ignore containers that do not exist]' \
'--ignore[Ignore containers that do not exist]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers to remove (name or id):_default' \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
'-t+[Seconds to wait before killing a running container with --force (accepted; ferry kills at once)]:SECONDS:_default' \
'--time=[Seconds to wait before killing a running container with --force (accepted; ferry kills at once)]:SECONDS:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Remove all containers]' \
'--all[Remove all containers]' \
'-f[Kill running containers (SIGKILL) before removing them]' \
'--force[Kill running containers (SIGKILL) before removing them]' \
'-v[Remove the container'\''s anonymous volumes too]' \
'--volumes[Remove the container'\''s anonymous volumes too]' \
'-i[Ignore containers that do not exist]' \
'--ignore[Ignore containers that do not exist]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers to remove (name or id):_default' \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
'-f+[Output format\: json, or a Go template]:FORMAT:_default' \
'--format=[Output format\: json, or a Go template]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::names -- Containers to inspect (name or id):_default' \
&& ret=0
;;
(exists)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':container -- Container name or id:_default' \
&& ret=0
;;
(prune)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-f[Do not ask for confirmation]' \
'--force[Do not ask for confirmation]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(rename)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':container -- Container name or id:_default' \
':name -- The new name:_default' \
&& ret=0
;;
(port)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':container -- Container name or id:_default' \
'::private_port -- Only this container port\: PORT\[/tcp|udp\]:_default' \
&& ret=0
;;
(cp)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Archive mode\: keep the numeric owners of what is copied (default\: files copied into a container belong to its root, files copied out to you)]' \
'--archive[Archive mode\: keep the numeric owners of what is copied (default\: files copied into a container belong to its root, files copied out to you)]' \
'--overwrite[Allow replacing a directory with a non-directory and the reverse]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':source -- CONTAINER\:PATH, a host path, or - to read a tar stream from stdin:_default' \
':destination -- CONTAINER\:PATH, a host path, or - to write a tar stream to stdout:_default' \
&& ret=0
;;
(export)
_arguments "${_arguments_options[@]}" : \
'-o+[Write to this file instead of stdout]:FILE:_files' \
'--output=[Write to this file instead of stdout]:FILE:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':container -- Container name or id:_default' \
&& ret=0
;;
(mount)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers to mount (none\: list the mounted containers):_default' \
&& ret=0
;;
(unmount)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Unmount all mounted containers]' \
'--all[Unmount all mounted containers]' \
'-f[Unmount even if other mounts of the container are counted]' \
'--force[Unmount even if other mounts of the container are counted]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers to unmount:_default' \
&& ret=0
;;
(umount)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Unmount all mounted containers]' \
'--all[Unmount all mounted containers]' \
'-f[Unmount even if other mounts of the container are counted]' \
'--force[Unmount even if other mounts of the container are counted]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers to unmount:_default' \
&& ret=0
;;
(wait)
_arguments "${_arguments_options[@]}" : \
'--condition=[The state to wait for]:CONDITION:(running stopped exited)' \
'-i+[How often to check the state, in milliseconds]:MS:_default' \
'--interval=[How often to check the state, in milliseconds]:MS:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers to wait for (name or id):_default' \
&& ret=0
;;
(create)
_arguments "${_arguments_options[@]}" : \
'--name=[Name of the container (default\: a generated adjective_noun)]:NAME:_default' \
'--entrypoint=[Override the image'\''s entrypoint (an empty string clears it)]:COMMAND:_default' \
'*-e+[Set an environment variable (KEY=VALUE, or KEY to copy it from ferry'\''s environment)]:ENV:_default' \
'*--env=[Set an environment variable (KEY=VALUE, or KEY to copy it from ferry'\''s environment)]:ENV:_default' \
'*--env-file=[Read environment variables from a file (KEY=VALUE per line)]:FILE:_files' \
'-w+[Working directory inside the container]:DIR:_default' \
'--workdir=[Working directory inside the container]:DIR:_default' \
'-u+[User (name or uid) and optional group to run as\: USER\[\:GROUP\]]:USER[:GROUP]:_default' \
'--user=[User (name or uid) and optional group to run as\: USER\[\:GROUP\]]:USER[:GROUP]:_default' \
'--hostname=[Container hostname (default\: the short container id)]:NAME:_default' \
'--network=[Network mode\: private (the default\: pasta, else slirp4netns), none (loopback only), host, pasta\[\:OPTIONS\], slirp4netns\[\:OPTIONS\], ns\:PATH (an existing network namespace), container\:NAME (another running container'\''s), or user-defined networks NAME\[,NAME…\]]:MODE:_default' \
'*--network-alias=[Another name of the container on its user-defined networks]:NAME:_default' \
'*-p+[Publish a container'\''s port on the host\: \[IP\:\]\[HOST_PORT\:\]CONTAINER_PORT\[/tcp|udp\] (ranges N-M; no host port\: a random one)]:PORT:_default' \
'*--publish=[Publish a container'\''s port on the host\: \[IP\:\]\[HOST_PORT\:\]CONTAINER_PORT\[/tcp|udp\] (ranges N-M; no host port\: a random one)]:PORT:_default' \
'*--dns=[DNS server for the container'\''s /etc/resolv.conf]:IP:_default' \
'*--dns-search=[DNS search domain for the container'\''s /etc/resolv.conf ("." for none)]:DOMAIN:_default' \
'*--dns-option=[DNS option for the container'\''s /etc/resolv.conf]:OPTION:_default' \
'*--add-host=[Add a line to the container'\''s /etc/hosts\: HOST\:IP (IP may be host-gateway)]:HOST:IP:_default' \
'--no-hosts=[Keep the image'\''s /etc/hosts instead of generating one (default\: containers.conf'\''s no_hosts, else false)]::BOOL:(true false)' \
'--read-only=[Mount the container'\''s root filesystem read-only (default\: containers.conf'\''s read_only, else false)]::BOOL:(true false)' \
'--read-only-tmpfs=[With --read-only, mount writable tmpfs on /dev, /tmp, /var/tmp and /run]:BOOL:(true false)' \
'*-l+[Set a label on the container (KEY=VALUE)]:LABEL:_default' \
'*--label=[Set a label on the container (KEY=VALUE)]:LABEL:_default' \
'*--annotation=[Add an annotation to the container'\''s runtime spec (KEY=VALUE)]:ANNOTATION:_default' \
'*--ulimit=[Set a resource limit\: NAME=SOFT\[\:HARD\] (e.g. nofile=1024\:2048)]:ULIMIT:_default' \
'*--sysctl=[Set a namespaced kernel parameter in the container\: NAME=VALUE (net.* with a network namespace of its own, fs.mqueue.* and kernel.msg*/sem/shm*; replaces containers.conf'\''s default_sysctls entry of the same name)]:NAME=VALUE:_default' \
'--tz=[The container'\''s time zone\: local (the host'\''s) or a zone name such as Europe/Berlin, installed as /etc/localtime (default\: containers.conf'\''s tz, else the image'\''s)]:TZ:_default' \
'--umask=[The umask of the container'\''s process, in octal (default\: containers.conf'\''s umask, else ferry'\''s own)]:MASK:_default' \
'--shm-size=[Size of the container'\''s /dev/shm, e.g. 64m (a number with an optional unit b, k, m or g; default\: containers.conf'\''s shm_size, else 64m)]:SIZE:_default' \
'--pids-limit=[Most processes the container may have (0 or -1\: no limit; default\: containers.conf'\''s pids_limit, else 2048). Needs a cgroup\: rootless on cgroup v1 it is ignored with a warning]:N:_default' \
'*--cap-add=[Add a Linux capability (or ALL)]:CAP:_default' \
'*--cap-drop=[Drop a Linux capability (or ALL)]:CAP:_default' \
'*--security-opt=[Security options\: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=ALL|PATHS]:OPT:_default' \
'*-v+[Bind-mount a host path or mount a volume\: \[SRC\:\]DST\[\:OPTS\]; SRC is a host path when it starts with / or ., else a volume name (created on first use); DST alone is an anonymous volume. OPTS\: ro, rw, U, nocopy, bind, rbind, \[r\]private, \[r\]shared, \[r\]slave, \[no\]exec, \[no\]suid, \[no\]dev, z, Z]:[SRC:]DST[:OPTS]:_default' \
'*--volume=[Bind-mount a host path or mount a volume\: \[SRC\:\]DST\[\:OPTS\]; SRC is a host path when it starts with / or ., else a volume name (created on first use); DST alone is an anonymous volume. OPTS\: ro, rw, U, nocopy, bind, rbind, \[r\]private, \[r\]shared, \[r\]slave, \[no\]exec, \[no\]suid, \[no\]dev, z, Z]:[SRC:]DST[:OPTS]:_default' \
'*--mount=[Attach a mount\: type=bind|volume|tmpfs|image,src=…,dst=…\[,ro\]\[,bind-propagation=…\]\[,volume-nocopy\]\[,tmpfs-size=…\]\[,tmpfs-mode=…\]\[,U\] (image mounts are read-only)]:MOUNT:_default' \
'*--tmpfs=[Mount a tmpfs\: DST\[\:OPTS\] (default rw,noexec,nosuid,nodev; size=, mode=, notmpcopyup)]:DST[:OPTS]:_default' \
'*--volumes-from=[Mount the volumes and bind mounts of another container\: CONTAINER\[\:ro|rw\]]:CONTAINER[:OPTS]:_default' \
'--pull=[Pull policy\: always, missing, never or newer]::POLICY:_default' \
'--cidfile=[Write the container id to this file]:FILE:_files' \
'--init=[Run a minimal init as PID 1 that forwards signals and reaps zombies (default\: containers.conf'\''s init, else false)]::BOOL:(true false)' \
'--log-driver=[Where the container'\''s output goes\: k8s-file (the container log; json-file is another name for it), none, or passthrough (not logged; the container gets ferry'\''s own stdin, stdout and stderr as they are, instead of pipes ferry relays) (default\: containers.conf'\''s log_driver, else k8s-file)]:DRIVER:_default' \
'*--log-opt=[Log driver options\: max-size=SIZE (the log is truncated when it would grow past SIZE, e.g. 10mb)]:OPT:_default' \
'--stop-signal=[Signal that stops the container (default\: the image'\''s StopSignal, else SIGTERM)]:SIGNAL:_default' \
'--stop-timeout=[Seconds \`stop\` waits before killing the container (default\: containers.conf'\''s engine.stop_timeout, else 10)]:SECONDS:_default' \
'--userns=[User namespace\: host (the default), auto\[\:size=N\] (a range no other container uses), keep-id\[\:uid=U,gid=G\] (rootless\: your uid and gid keep their values inside) or nomap (rootless\: your own id is not mapped)]:MODE:_default' \
'*--uidmap=[A user namespace with this uid range\: CONTAINER_ID\:HOST_ID\:SIZE (rootless, HOST_ID counts ferry'\''s ids\: 0 is you, 1.. your subordinate ids)]:MAP:_default' \
'*--gidmap=[Like --uidmap, for group ids]:MAP:_default' \
'--tls-verify=[Require HTTPS and verify certificates (default\: true unless registries.conf marks the registry insecure)]::BOOL:(true false)' \
'--creds=[Credentials (USERNAME\[\:PASSWORD\]) for the registry]:USERNAME[:PASSWORD]:_default' \
'--authfile=[Path of the authentication file (default\: \${XDG_RUNTIME_DIR}/containers/auth.json)]:PATH:_files' \
'--cert-dir=[Directory with certificates (*.crt, *.cert, *.key) for the registry]:DIR:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-i[Keep stdin open and forward it to the container]' \
'--interactive[Keep stdin open and forward it to the container]' \
'-t[Allocate a pseudo-terminal for the container (its stdout and stderr are then one stream)]' \
'--tty[Allocate a pseudo-terminal for the container (its stdout and stderr are then one stream)]' \
'-P[Publish every port the image exposes on a random host port]' \
'--publish-all[Publish every port the image exposes on a random host port]' \
'--privileged[Give the container all capabilities, no seccomp filter and no masked paths]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::image_and_command -- Image, then the command and its arguments (default\: the image'\''s entrypoint and command):_default' \
&& ret=0
;;
(start)
_arguments "${_arguments_options[@]}" : \
'--sig-proxy=[Forward signals ferry receives to the container (with --attach)]:BOOL:(true false)' \
'--detach-keys=[Keys that detach from a container with a terminal (see \`run --detach-keys\`; empty disables)]:KEYS:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Attach to the container'\''s output and wait for it to exit (runs it in the foreground)]' \
'--attach[Attach to the container'\''s output and wait for it to exit (runs it in the foreground)]' \
'-i[Forward stdin to the container (implies --attach)]' \
'--interactive[Forward stdin to the container (implies --attach)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers to start (name or id):_default' \
&& ret=0
;;
(attach)
_arguments "${_arguments_options[@]}" : \
'--sig-proxy=[Forward signals ferry receives to the container (not when stdin is a terminal in raw mode)]:BOOL:(true false)' \
'--detach-keys=[Keys that detach from the container (comma-separated\: ctrl-a..ctrl-z, ctrl-@, ctrl-\[, ctrl-\\, ctrl-\], ctrl-^, ctrl-_ or single characters; empty disables)]:KEYS:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'--no-stdin[Do not forward stdin]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':container -- The running container (name or id):_default' \
&& ret=0
;;
(logs)
_arguments "${_arguments_options[@]}" : \
'--tail=[Print only the last N lines (default\: all)]:N:_default' \
'--since=[Only lines since this time (RFC 3339, Unix seconds, or a duration like 10m before now)]:TIME:_default' \
'--until=[Only lines before this time (RFC 3339, Unix seconds, or a duration like 10m before now)]:TIME:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-f[Keep printing new output until the container exits]' \
'--follow[Keep printing new output until the container exits]' \
'-t[Prefix each line with its timestamp]' \
'--timestamps[Prefix each line with its timestamp]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers (name or id):_default' \
&& ret=0
;;
(stop)
_arguments "${_arguments_options[@]}" : \
'-t+[Seconds to wait for the stop signal to work before killing (default\: the container'\''s --stop-timeout, 10)]:SECONDS:_default' \
'--time=[Seconds to wait for the stop signal to work before killing (default\: the container'\''s --stop-timeout, 10)]:SECONDS:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'()-a[All running containers]' \
'()--all[All running containers]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers (name or id):_default' \
&& ret=0
;;
(kill)
_arguments "${_arguments_options[@]}" : \
'-s+[The signal to send (name or number)]:SIGNAL:_default' \
'--signal=[The signal to send (name or number)]:SIGNAL:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'()-a[All running containers]' \
'()--all[All running containers]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers (name or id):_default' \
&& ret=0
;;
(restart)
_arguments "${_arguments_options[@]}" : \
'-t+[Seconds to wait for the stop signal to work before killing (default\: the container'\''s --stop-timeout, 10)]:SECONDS:_default' \
'--time=[Seconds to wait for the stop signal to work before killing (default\: the container'\''s --stop-timeout, 10)]:SECONDS:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'()-a[All running containers]' \
'()--all[All running containers]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers (name or id):_default' \
&& ret=0
;;
(exec)
_arguments "${_arguments_options[@]}" : \
'*-e+[Set an environment variable (KEY=VALUE, or KEY to copy it from ferry'\''s environment)]:ENV:_default' \
'*--env=[Set an environment variable (KEY=VALUE, or KEY to copy it from ferry'\''s environment)]:ENV:_default' \
'*--env-file=[Read environment variables from a file (KEY=VALUE per line)]:FILE:_files' \
'-u+[User (name or uid) and optional group to run as\: USER\[\:GROUP\] (default\: the container'\''s)]:USER[:GROUP]:_default' \
'--user=[User (name or uid) and optional group to run as\: USER\[\:GROUP\] (default\: the container'\''s)]:USER[:GROUP]:_default' \
'-w+[Working directory inside the container (default\: the container'\''s)]:DIR:_default' \
'--workdir=[Working directory inside the container (default\: the container'\''s)]:DIR:_default' \
'--detach-keys=[Key sequence that detaches from a terminal exec (e.g. ctrl-p,ctrl-q; empty to disable)]:KEYS:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-d[Run the command in the background (its output is discarded)]' \
'--detach[Run the command in the background (its output is discarded)]' \
'-i[Keep stdin open and forward it to the command]' \
'--interactive[Keep stdin open and forward it to the command]' \
'-t[Allocate a terminal in the container for the command]' \
'--tty[Allocate a terminal in the container for the command]' \
'--privileged[Give the command all capabilities and no seccomp filter]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::container_and_command -- Container (name or id), then the command and its arguments:_default' \
&& ret=0
;;
(diff)
_arguments "${_arguments_options[@]}" : \
'--format=[Output format\: json]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':target -- Container (or image) to compare with the layers below it:_default' \
&& ret=0
;;
(commit)
_arguments "${_arguments_options[@]}" : \
'-a+[Author of the image]:AUTHOR:_default' \
'--author=[Author of the image]:AUTHOR:_default' \
'*-c+[Apply a Containerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)]:INSTRUCTION:_default' \
'*--change=[Apply a Containerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)]:INSTRUCTION:_default' \
'-f+[Format of the image manifest and config\: oci or docker]:FORMAT:_default' \
'--format=[Format of the image manifest and config\: oci or docker]:FORMAT:_default' \
'--iidfile=[Write the image id to this file]:FILE:_files' \
'-m+[Commit message (stored with --format docker)]:MESSAGE:_default' \
'--message=[Commit message (stored with --format docker)]:MESSAGE:_default' \
'-p+[Pause the container'\''s processes while its changes are read]::BOOL:(true false)' \
'--pause=[Pause the container'\''s processes while its changes are read]::BOOL:(true false)' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-q[Print only the image id]' \
'--quiet[Print only the image id]' \
'-s[Squash the image'\''s layers and the container'\''s changes into one layer]' \
'--squash[Squash the image'\''s layers and the container'\''s changes into one layer]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':container -- The container to commit:_default' \
'::image -- Name for the new image:_default' \
&& ret=0
;;
(top)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':container -- Container (name or id):_default' \
'*::descriptors -- Columns to show\: pid, ppid, user, group, args, comm, pcpu, etime, time, tty, vsz, rss, nice (AIX codes like %p and ps-style names like cmd are accepted; default\: user,pid,ppid,pcpu,etime,tty,time,args):_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_ferry__subcmd__container__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-container-help-command-$line[1]:"
        case $line[1] in
            (ls)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(exists)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(prune)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rename)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(port)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(cp)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(export)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(mount)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unmount)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(wait)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(start)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(attach)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(logs)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(stop)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(kill)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(restart)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(exec)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(diff)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(commit)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(top)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(ps)
_arguments "${_arguments_options[@]}" : \
'-n+[Show the N last created containers (all states)]:N:_default' \
'--last=[Show the N last created containers (all states)]:N:_default' \
'*-f+[Filter output (status=, name=, id=, label=key\[=value\], ancestor=, exited=)]:FILTER:_default' \
'*--filter=[Filter output (status=, name=, id=, label=key\[=value\], ancestor=, exited=)]:FILTER:_default' \
'--format=[Output format\: json, or a Go template (prefix with "table" for a table)]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Show all containers (default\: running ones only)]' \
'--all[Show all containers (default\: running ones only)]' \
'-q[Print only container ids]' \
'--quiet[Print only container ids]' \
'-l[Show the latest container created (all states)]' \
'--latest[Show the latest container created (all states)]' \
'--no-trunc[Do not truncate ids and commands]' \
'--noheading[Do not print the header row]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
'-t+[Seconds to wait before killing a running container with --force (accepted; ferry kills at once)]:SECONDS:_default' \
'--time=[Seconds to wait before killing a running container with --force (accepted; ferry kills at once)]:SECONDS:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Remove all containers]' \
'--all[Remove all containers]' \
'-f[Kill running containers (SIGKILL) before removing them]' \
'--force[Kill running containers (SIGKILL) before removing them]' \
'-v[Remove the container'\''s anonymous volumes too]' \
'--volumes[Remove the container'\''s anonymous volumes too]' \
'-i[Ignore containers that do not exist]' \
'--ignore[Ignore containers that do not exist]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers to remove (name or id):_default' \
&& ret=0
;;
(rename)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':container -- Container name or id:_default' \
':name -- The new name:_default' \
&& ret=0
;;
(port)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':container -- Container name or id:_default' \
'::private_port -- Only this container port\: PORT\[/tcp|udp\]:_default' \
&& ret=0
;;
(cp)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Archive mode\: keep the numeric owners of what is copied (default\: files copied into a container belong to its root, files copied out to you)]' \
'--archive[Archive mode\: keep the numeric owners of what is copied (default\: files copied into a container belong to its root, files copied out to you)]' \
'--overwrite[Allow replacing a directory with a non-directory and the reverse]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':source -- CONTAINER\:PATH, a host path, or - to read a tar stream from stdin:_default' \
':destination -- CONTAINER\:PATH, a host path, or - to write a tar stream to stdout:_default' \
&& ret=0
;;
(export)
_arguments "${_arguments_options[@]}" : \
'-o+[Write to this file instead of stdout]:FILE:_files' \
'--output=[Write to this file instead of stdout]:FILE:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':container -- Container name or id:_default' \
&& ret=0
;;
(mount)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers to mount (none\: list the mounted containers):_default' \
&& ret=0
;;
(unmount)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Unmount all mounted containers]' \
'--all[Unmount all mounted containers]' \
'-f[Unmount even if other mounts of the container are counted]' \
'--force[Unmount even if other mounts of the container are counted]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers to unmount:_default' \
&& ret=0
;;
(umount)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Unmount all mounted containers]' \
'--all[Unmount all mounted containers]' \
'-f[Unmount even if other mounts of the container are counted]' \
'--force[Unmount even if other mounts of the container are counted]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers to unmount:_default' \
&& ret=0
;;
(wait)
_arguments "${_arguments_options[@]}" : \
'--condition=[The state to wait for]:CONDITION:(running stopped exited)' \
'-i+[How often to check the state, in milliseconds]:MS:_default' \
'--interval=[How often to check the state, in milliseconds]:MS:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers to wait for (name or id):_default' \
&& ret=0
;;
(create)
_arguments "${_arguments_options[@]}" : \
'--name=[Name of the container (default\: a generated adjective_noun)]:NAME:_default' \
'--entrypoint=[Override the image'\''s entrypoint (an empty string clears it)]:COMMAND:_default' \
'*-e+[Set an environment variable (KEY=VALUE, or KEY to copy it from ferry'\''s environment)]:ENV:_default' \
'*--env=[Set an environment variable (KEY=VALUE, or KEY to copy it from ferry'\''s environment)]:ENV:_default' \
'*--env-file=[Read environment variables from a file (KEY=VALUE per line)]:FILE:_files' \
'-w+[Working directory inside the container]:DIR:_default' \
'--workdir=[Working directory inside the container]:DIR:_default' \
'-u+[User (name or uid) and optional group to run as\: USER\[\:GROUP\]]:USER[:GROUP]:_default' \
'--user=[User (name or uid) and optional group to run as\: USER\[\:GROUP\]]:USER[:GROUP]:_default' \
'--hostname=[Container hostname (default\: the short container id)]:NAME:_default' \
'--network=[Network mode\: private (the default\: pasta, else slirp4netns), none (loopback only), host, pasta\[\:OPTIONS\], slirp4netns\[\:OPTIONS\], ns\:PATH (an existing network namespace), container\:NAME (another running container'\''s), or user-defined networks NAME\[,NAME…\]]:MODE:_default' \
'*--network-alias=[Another name of the container on its user-defined networks]:NAME:_default' \
'*-p+[Publish a container'\''s port on the host\: \[IP\:\]\[HOST_PORT\:\]CONTAINER_PORT\[/tcp|udp\] (ranges N-M; no host port\: a random one)]:PORT:_default' \
'*--publish=[Publish a container'\''s port on the host\: \[IP\:\]\[HOST_PORT\:\]CONTAINER_PORT\[/tcp|udp\] (ranges N-M; no host port\: a random one)]:PORT:_default' \
'*--dns=[DNS server for the container'\''s /etc/resolv.conf]:IP:_default' \
'*--dns-search=[DNS search domain for the container'\''s /etc/resolv.conf ("." for none)]:DOMAIN:_default' \
'*--dns-option=[DNS option for the container'\''s /etc/resolv.conf]:OPTION:_default' \
'*--add-host=[Add a line to the container'\''s /etc/hosts\: HOST\:IP (IP may be host-gateway)]:HOST:IP:_default' \
'--no-hosts=[Keep the image'\''s /etc/hosts instead of generating one (default\: containers.conf'\''s no_hosts, else false)]::BOOL:(true false)' \
'--read-only=[Mount the container'\''s root filesystem read-only (default\: containers.conf'\''s read_only, else false)]::BOOL:(true false)' \
'--read-only-tmpfs=[With --read-only, mount writable tmpfs on /dev, /tmp, /var/tmp and /run]:BOOL:(true false)' \
'*-l+[Set a label on the container (KEY=VALUE)]:LABEL:_default' \
'*--label=[Set a label on the container (KEY=VALUE)]:LABEL:_default' \
'*--annotation=[Add an annotation to the container'\''s runtime spec (KEY=VALUE)]:ANNOTATION:_default' \
'*--ulimit=[Set a resource limit\: NAME=SOFT\[\:HARD\] (e.g. nofile=1024\:2048)]:ULIMIT:_default' \
'*--sysctl=[Set a namespaced kernel parameter in the container\: NAME=VALUE (net.* with a network namespace of its own, fs.mqueue.* and kernel.msg*/sem/shm*; replaces containers.conf'\''s default_sysctls entry of the same name)]:NAME=VALUE:_default' \
'--tz=[The container'\''s time zone\: local (the host'\''s) or a zone name such as Europe/Berlin, installed as /etc/localtime (default\: containers.conf'\''s tz, else the image'\''s)]:TZ:_default' \
'--umask=[The umask of the container'\''s process, in octal (default\: containers.conf'\''s umask, else ferry'\''s own)]:MASK:_default' \
'--shm-size=[Size of the container'\''s /dev/shm, e.g. 64m (a number with an optional unit b, k, m or g; default\: containers.conf'\''s shm_size, else 64m)]:SIZE:_default' \
'--pids-limit=[Most processes the container may have (0 or -1\: no limit; default\: containers.conf'\''s pids_limit, else 2048). Needs a cgroup\: rootless on cgroup v1 it is ignored with a warning]:N:_default' \
'*--cap-add=[Add a Linux capability (or ALL)]:CAP:_default' \
'*--cap-drop=[Drop a Linux capability (or ALL)]:CAP:_default' \
'*--security-opt=[Security options\: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=ALL|PATHS]:OPT:_default' \
'*-v+[Bind-mount a host path or mount a volume\: \[SRC\:\]DST\[\:OPTS\]; SRC is a host path when it starts with / or ., else a volume name (created on first use); DST alone is an anonymous volume. OPTS\: ro, rw, U, nocopy, bind, rbind, \[r\]private, \[r\]shared, \[r\]slave, \[no\]exec, \[no\]suid, \[no\]dev, z, Z]:[SRC:]DST[:OPTS]:_default' \
'*--volume=[Bind-mount a host path or mount a volume\: \[SRC\:\]DST\[\:OPTS\]; SRC is a host path when it starts with / or ., else a volume name (created on first use); DST alone is an anonymous volume. OPTS\: ro, rw, U, nocopy, bind, rbind, \[r\]private, \[r\]shared, \[r\]slave, \[no\]exec, \[no\]suid, \[no\]dev, z, Z]:[SRC:]DST[:OPTS]:_default' \
'*--mount=[Attach a mount\: type=bind|volume|tmpfs|image,src=…,dst=…\[,ro\]\[,bind-propagation=…\]\[,volume-nocopy\]\[,tmpfs-size=…\]\[,tmpfs-mode=…\]\[,U\] (image mounts are read-only)]:MOUNT:_default' \
'*--tmpfs=[Mount a tmpfs\: DST\[\:OPTS\] (default rw,noexec,nosuid,nodev; size=, mode=, notmpcopyup)]:DST[:OPTS]:_default' \
'*--volumes-from=[Mount the volumes and bind mounts of another container\: CONTAINER\[\:ro|rw\]]:CONTAINER[:OPTS]:_default' \
'--pull=[Pull policy\: always, missing, never or newer]::POLICY:_default' \
'--cidfile=[Write the container id to this file]:FILE:_files' \
'--init=[Run a minimal init as PID 1 that forwards signals and reaps zombies (default\: containers.conf'\''s init, else false)]::BOOL:(true false)' \
'--log-driver=[Where the container'\''s output goes\: k8s-file (the container log; json-file is another name for it), none, or passthrough (not logged; the container gets ferry'\''s own stdin, stdout and stderr as they are, instead of pipes ferry relays) (default\: containers.conf'\''s log_driver, else k8s-file)]:DRIVER:_default' \
'*--log-opt=[Log driver options\: max-size=SIZE (the log is truncated when it would grow past SIZE, e.g. 10mb)]:OPT:_default' \
'--stop-signal=[Signal that stops the container (default\: the image'\''s StopSignal, else SIGTERM)]:SIGNAL:_default' \
'--stop-timeout=[Seconds \`stop\` waits before killing the container (default\: containers.conf'\''s engine.stop_timeout, else 10)]:SECONDS:_default' \
'--userns=[User namespace\: host (the default), auto\[\:size=N\] (a range no other container uses), keep-id\[\:uid=U,gid=G\] (rootless\: your uid and gid keep their values inside) or nomap (rootless\: your own id is not mapped)]:MODE:_default' \
'*--uidmap=[A user namespace with this uid range\: CONTAINER_ID\:HOST_ID\:SIZE (rootless, HOST_ID counts ferry'\''s ids\: 0 is you, 1.. your subordinate ids)]:MAP:_default' \
'*--gidmap=[Like --uidmap, for group ids]:MAP:_default' \
'--tls-verify=[Require HTTPS and verify certificates (default\: true unless registries.conf marks the registry insecure)]::BOOL:(true false)' \
'--creds=[Credentials (USERNAME\[\:PASSWORD\]) for the registry]:USERNAME[:PASSWORD]:_default' \
'--authfile=[Path of the authentication file (default\: \${XDG_RUNTIME_DIR}/containers/auth.json)]:PATH:_files' \
'--cert-dir=[Directory with certificates (*.crt, *.cert, *.key) for the registry]:DIR:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-i[Keep stdin open and forward it to the container]' \
'--interactive[Keep stdin open and forward it to the container]' \
'-t[Allocate a pseudo-terminal for the container (its stdout and stderr are then one stream)]' \
'--tty[Allocate a pseudo-terminal for the container (its stdout and stderr are then one stream)]' \
'-P[Publish every port the image exposes on a random host port]' \
'--publish-all[Publish every port the image exposes on a random host port]' \
'--privileged[Give the container all capabilities, no seccomp filter and no masked paths]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::image_and_command -- Image, then the command and its arguments (default\: the image'\''s entrypoint and command):_default' \
&& ret=0
;;
(start)
_arguments "${_arguments_options[@]}" : \
'--sig-proxy=[Forward signals ferry receives to the container (with --attach)]:BOOL:(true false)' \
'--detach-keys=[Keys that detach from a container with a terminal (see \`run --detach-keys\`; empty disables)]:KEYS:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Attach to the container'\''s output and wait for it to exit (runs it in the foreground)]' \
'--attach[Attach to the container'\''s output and wait for it to exit (runs it in the foreground)]' \
'-i[Forward stdin to the container (implies --attach)]' \
'--interactive[Forward stdin to the container (implies --attach)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers to start (name or id):_default' \
&& ret=0
;;
(attach)
_arguments "${_arguments_options[@]}" : \
'--sig-proxy=[Forward signals ferry receives to the container (not when stdin is a terminal in raw mode)]:BOOL:(true false)' \
'--detach-keys=[Keys that detach from the container (comma-separated\: ctrl-a..ctrl-z, ctrl-@, ctrl-\[, ctrl-\\, ctrl-\], ctrl-^, ctrl-_ or single characters; empty disables)]:KEYS:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'--no-stdin[Do not forward stdin]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':container -- The running container (name or id):_default' \
&& ret=0
;;
(logs)
_arguments "${_arguments_options[@]}" : \
'--tail=[Print only the last N lines (default\: all)]:N:_default' \
'--since=[Only lines since this time (RFC 3339, Unix seconds, or a duration like 10m before now)]:TIME:_default' \
'--until=[Only lines before this time (RFC 3339, Unix seconds, or a duration like 10m before now)]:TIME:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-f[Keep printing new output until the container exits]' \
'--follow[Keep printing new output until the container exits]' \
'-t[Prefix each line with its timestamp]' \
'--timestamps[Prefix each line with its timestamp]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers (name or id):_default' \
&& ret=0
;;
(stop)
_arguments "${_arguments_options[@]}" : \
'-t+[Seconds to wait for the stop signal to work before killing (default\: the container'\''s --stop-timeout, 10)]:SECONDS:_default' \
'--time=[Seconds to wait for the stop signal to work before killing (default\: the container'\''s --stop-timeout, 10)]:SECONDS:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'()-a[All running containers]' \
'()--all[All running containers]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers (name or id):_default' \
&& ret=0
;;
(kill)
_arguments "${_arguments_options[@]}" : \
'-s+[The signal to send (name or number)]:SIGNAL:_default' \
'--signal=[The signal to send (name or number)]:SIGNAL:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'()-a[All running containers]' \
'()--all[All running containers]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers (name or id):_default' \
&& ret=0
;;
(restart)
_arguments "${_arguments_options[@]}" : \
'-t+[Seconds to wait for the stop signal to work before killing (default\: the container'\''s --stop-timeout, 10)]:SECONDS:_default' \
'--time=[Seconds to wait for the stop signal to work before killing (default\: the container'\''s --stop-timeout, 10)]:SECONDS:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'()-a[All running containers]' \
'()--all[All running containers]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::containers -- Containers (name or id):_default' \
&& ret=0
;;
(exec)
_arguments "${_arguments_options[@]}" : \
'*-e+[Set an environment variable (KEY=VALUE, or KEY to copy it from ferry'\''s environment)]:ENV:_default' \
'*--env=[Set an environment variable (KEY=VALUE, or KEY to copy it from ferry'\''s environment)]:ENV:_default' \
'*--env-file=[Read environment variables from a file (KEY=VALUE per line)]:FILE:_files' \
'-u+[User (name or uid) and optional group to run as\: USER\[\:GROUP\] (default\: the container'\''s)]:USER[:GROUP]:_default' \
'--user=[User (name or uid) and optional group to run as\: USER\[\:GROUP\] (default\: the container'\''s)]:USER[:GROUP]:_default' \
'-w+[Working directory inside the container (default\: the container'\''s)]:DIR:_default' \
'--workdir=[Working directory inside the container (default\: the container'\''s)]:DIR:_default' \
'--detach-keys=[Key sequence that detaches from a terminal exec (e.g. ctrl-p,ctrl-q; empty to disable)]:KEYS:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-d[Run the command in the background (its output is discarded)]' \
'--detach[Run the command in the background (its output is discarded)]' \
'-i[Keep stdin open and forward it to the command]' \
'--interactive[Keep stdin open and forward it to the command]' \
'-t[Allocate a terminal in the container for the command]' \
'--tty[Allocate a terminal in the container for the command]' \
'--privileged[Give the command all capabilities and no seccomp filter]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::container_and_command -- Container (name or id), then the command and its arguments:_default' \
&& ret=0
;;
(diff)
_arguments "${_arguments_options[@]}" : \
'--format=[Output format\: json]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':target -- Container (or image) to compare with the layers below it:_default' \
&& ret=0
;;
(commit)
_arguments "${_arguments_options[@]}" : \
'-a+[Author of the image]:AUTHOR:_default' \
'--author=[Author of the image]:AUTHOR:_default' \
'*-c+[Apply a Containerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)]:INSTRUCTION:_default' \
'*--change=[Apply a Containerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)]:INSTRUCTION:_default' \
'-f+[Format of the image manifest and config\: oci or docker]:FORMAT:_default' \
'--format=[Format of the image manifest and config\: oci or docker]:FORMAT:_default' \
'--iidfile=[Write the image id to this file]:FILE:_files' \
'-m+[Commit message (stored with --format docker)]:MESSAGE:_default' \
'--message=[Commit message (stored with --format docker)]:MESSAGE:_default' \
'-p+[Pause the container'\''s processes while its changes are read]::BOOL:(true false)' \
'--pause=[Pause the container'\''s processes while its changes are read]::BOOL:(true false)' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-q[Print only the image id]' \
'--quiet[Print only the image id]' \
'-s[Squash the image'\''s layers and the container'\''s changes into one layer]' \
'--squash[Squash the image'\''s layers and the container'\''s changes into one layer]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':container -- The container to commit:_default' \
'::image -- Name for the new image:_default' \
&& ret=0
;;
(top)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':container -- Container (name or id):_default' \
'*::descriptors -- Columns to show\: pid, ppid, user, group, args, comm, pcpu, etime, time, tty, vsz, rss, nice (AIX codes like %p and ps-style names like cmd are accepted; default\: user,pid,ppid,pcpu,etime,tty,time,args):_default' \
&& ret=0
;;
(image)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_ferry__subcmd__image_commands" \
"*::: :->image" \
&& ret=0

    case $state in
    (image)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-image-command-$line[1]:"
        case $line[1] in
            (ls)
_arguments "${_arguments_options[@]}" : \
'*-f+[Filter output (reference=, dangling=true|false, label=key\[=value\], before=, since=)]:FILTER:_default' \
'*--filter=[Filter output (reference=, dangling=true|false, label=key\[=value\], before=, since=)]:FILTER:_default' \
'--format=[Output format\: json, or a Go template (prefix with "table" for a table)]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Show all images, including intermediate ones]' \
'--all[Show all images, including intermediate ones]' \
'-q[Print only image ids]' \
'--quiet[Print only image ids]' \
'--digests[Show digests]' \
'--no-trunc[Do not truncate output]' \
'-n[Do not print the header row]' \
'--noheading[Do not print the header row]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::reference -- Only show images whose name matches:_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'*-f+[Filter output (reference=, dangling=true|false, label=key\[=value\], before=, since=)]:FILTER:_default' \
'*--filter=[Filter output (reference=, dangling=true|false, label=key\[=value\], before=, since=)]:FILTER:_default' \
'--format=[Output format\: json, or a Go template (prefix with "table" for a table)]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Show all images, including intermediate ones]' \
'--all[Show all images, including intermediate ones]' \
'-q[Print only image ids]' \
'--quiet[Print only image ids]' \
'--digests[Show digests]' \
'--no-trunc[Do not truncate output]' \
'-n[Do not print the header row]' \
'--noheading[Do not print the header row]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::reference -- Only show images whose name matches:_default' \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
'-f+[Output format\: json, or a Go template]:FORMAT:_default' \
'--format=[Output format\: json, or a Go template]:FORMAT:_default' \
'-k+[Kind of object to inspect (all\: containers first, then images)]:KIND:(container image all)' \
'--type=[Kind of object to inspect (all\: containers first, then images)]:KIND:(container image all)' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::names -- Containers or images to inspect (name or id):_default' \
&& ret=0
;;
(history)
_arguments "${_arguments_options[@]}" : \
'-H+[Show sizes and dates in human-readable form]:BOOL:(true false)' \
'--human=[Show sizes and dates in human-readable form]:BOOL:(true false)' \
'--format=[Output format\: json, or a Go template]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'--no-trunc[Do not truncate output]' \
'-q[Print only ids]' \
'--quiet[Print only ids]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':image -- Image name or id:_default' \
&& ret=0
;;
(tag)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':image -- Image name or id:_default' \
'*::names -- New names for the image:_default' \
&& ret=0
;;
(untag)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':image -- Image name or id:_default' \
'*::names -- Names to remove (all names when none are given):_default' \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Remove all images]' \
'--all[Remove all images]' \
'-f[Remove images even when they have several names]' \
'--force[Remove images even when they have several names]' \
'-i[Ignore images that do not exist]' \
'--ignore[Ignore images that do not exist]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::images -- Images to remove (name or id):_default' \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Remove all images]' \
'--all[Remove all images]' \
'-f[Remove images even when they have several names]' \
'--force[Remove images even when they have several names]' \
'-i[Ignore images that do not exist]' \
'--ignore[Ignore images that do not exist]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::images -- Images to remove (name or id):_default' \
&& ret=0
;;
(prune)
_arguments "${_arguments_options[@]}" : \
'*--filter=[Only prune images matching (label=key\[=value\], until=)]:FILTER:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Remove all unused images, not only dangling ones]' \
'--all[Remove all unused images, not only dangling ones]' \
'-f[Do not ask for confirmation]' \
'--force[Do not ask for confirmation]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(exists)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':image -- Image name or id:_default' \
&& ret=0
;;
(load)
_arguments "${_arguments_options[@]}" : \
'-i+[Read the archive from this file instead of stdin]:PATH:_files' \
'--input=[Read the archive from this file instead of stdin]:PATH:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-q[Print only the loaded image names]' \
'--quiet[Print only the loaded image names]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(save)
_arguments "${_arguments_options[@]}" : \
'-o+[Write to this file instead of stdout]:PATH:_files' \
'--output=[Write to this file instead of stdout]:PATH:_files' \
'--format=[Archive format]:FORMAT:(docker-archive oci-archive)' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-m[Save several images into one archive (always on; accepted for compatibility)]' \
'--multi-image-archive[Save several images into one archive (always on; accepted for compatibility)]' \
'-q[Print nothing but errors]' \
'--quiet[Print nothing but errors]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::images -- Images to save (name or id):_default' \
&& ret=0
;;
(import)
_arguments "${_arguments_options[@]}" : \
'*-c+[Apply a Containerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL)]:INSTRUCTION:_default' \
'*--change=[Apply a Containerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL)]:INSTRUCTION:_default' \
'-m+[Commit message stored in the image history]:MESSAGE:_default' \
'--message=[Commit message stored in the image history]:MESSAGE:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-q[Print only the image id]' \
'--quiet[Print only the image id]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':source -- Root filesystem tarball (plain, gzip or zstd); "-" reads stdin:_default' \
'::reference -- Name for the new image:_default' \
&& ret=0
;;
(build)
_arguments "${_arguments_options[@]}" : \
'-f+[The Containerfile (default\: CONTEXT/Containerfile, else CONTEXT/Dockerfile); \`-\` reads it from standard input]:PATH:_default' \
'--file=[The Containerfile (default\: CONTEXT/Containerfile, else CONTEXT/Dockerfile); \`-\` reads it from standard input]:PATH:_default' \
'*-t+[Name of the image (repeatable)]:NAME:_default' \
'*--tag=[Name of the image (repeatable)]:NAME:_default' \
'--target=[Build only up to this stage]:STAGE:_default' \
'--layers=[Keep each step'\''s result as a cache entry]::BOOL:(true false)' \
'*--label=[Add a label to the image (KEY=VALUE)]:KEY=VALUE:_default' \
'*--annotation=[Add an annotation to the image manifest (KEY=VALUE)]:KEY=VALUE:_default' \
'--iidfile=[Write the image id to this file]:PATH:_files' \
'--network=[Network for RUN instructions\: private (a namespace of the build'\''s own, connected by pasta, else slirp4netns), pasta\[\:OPTIONS\], slirp4netns\[\:OPTIONS\], host or none]:MODE:_default' \
'--platform=[Platform to build for (only this host'\''s platform)]:OS/ARCH[/VARIANT]:_default' \
'--pull=[When to pull base images\: always, missing, never, newer (\`--pull\` alone\: always)]::POLICY:_default' \
'*--build-arg=[A build argument (NAME=VALUE, or NAME to take it from the environment)]:NAME[=VALUE]:_default' \
'*--build-arg-file=[A file of build arguments, one NAME=VALUE per line]:PATH:_files' \
'*--build-context=[An additional named context (NAME=DIR), for COPY --from=NAME and RUN --mount from=NAME]:NAME=DIR:_default' \
'*--secret=[A secret for RUN --mount=type=secret (id=ID,src=PATH)]:id=ID,src=PATH:_default' \
'--format=[Image format\: oci or docker]:FORMAT:_default' \
'--tls-verify=[Require HTTPS and verify certificates (default\: true unless registries.conf marks the registry insecure)]::BOOL:(true false)' \
'--creds=[Credentials (USERNAME\[\:PASSWORD\]) for the registry]:USERNAME[:PASSWORD]:_default' \
'--authfile=[Path of the authentication file (default\: \${XDG_RUNTIME_DIR}/containers/auth.json)]:PATH:_files' \
'--cert-dir=[Directory with certificates (*.crt, *.cert, *.key) for the registry]:DIR:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'--no-cache[Do not use cached results of earlier builds]' \
'--squash[Squash the build'\''s new layers into one]' \
'--squash-all[Squash the whole image into one layer]' \
'-q[Print only the image id]' \
'--quiet[Print only the image id]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::context -- The build context\: a directory, or `-` for a tar archive on standard input:_default' \
&& ret=0
;;
(pull)
_arguments "${_arguments_options[@]}" : \
'--platform=[Platform to pull (OS/ARCH\[/VARIANT\]; default\: this host)]:OS/ARCH[/VARIANT]:_default' \
'--arch=[Architecture to pull instead of this host'\''s]:ARCH:_default' \
'--os=[Operating system to pull instead of this host'\''s]:OS:_default' \
'--variant=[Architecture variant to pull (e.g. v7, v8)]:VARIANT:_default' \
'--policy=[When to pull\: always, missing (only when not in local storage), newer (when the registry'\''s image differs from the local one) or never]:POLICY:_default' \
'--jobs=[Number of layers downloaded at once]:N:_default' \
'--tls-verify=[Require HTTPS and verify certificates (default\: true unless registries.conf marks the registry insecure)]::BOOL:(true false)' \
'--creds=[Credentials (USERNAME\[\:PASSWORD\]) for the registry]:USERNAME[:PASSWORD]:_default' \
'--authfile=[Path of the authentication file (default\: \${XDG_RUNTIME_DIR}/containers/auth.json)]:PATH:_files' \
'--cert-dir=[Directory with certificates (*.crt, *.cert, *.key) for the registry]:DIR:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Pull every tagged image in the repository]' \
'--all-tags[Pull every tagged image in the repository]' \
'-q[Print only the image id]' \
'--quiet[Print only the image id]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::images -- Images to pull:_default' \
&& ret=0
;;
(push)
_arguments "${_arguments_options[@]}" : \
'--compression-format=[Compression for layers that are not already compressed]:COMPRESSION_FORMAT:(gzip zstd)' \
'-f+[Manifest format (default\: keep the image'\''s own)]:FORMAT:((oci\:"OCI image manifest"
v2s2\:"Docker schema2 manifest"))' \
'--format=[Manifest format (default\: keep the image'\''s own)]:FORMAT:((oci\:"OCI image manifest"
v2s2\:"Docker schema2 manifest"))' \
'--digestfile=[Write the digest of the pushed manifest to this file]:PATH:_files' \
'--tls-verify=[Require HTTPS and verify certificates (default\: true unless registries.conf marks the registry insecure)]::BOOL:(true false)' \
'--creds=[Credentials (USERNAME\[\:PASSWORD\]) for the registry]:USERNAME[:PASSWORD]:_default' \
'--authfile=[Path of the authentication file (default\: \${XDG_RUNTIME_DIR}/containers/auth.json)]:PATH:_files' \
'--cert-dir=[Directory with certificates (*.crt, *.cert, *.key) for the registry]:DIR:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'--remove-signatures[Do not copy signatures (ferry never copies them; accepted for compatibility)]' \
'-q[Print nothing but errors]' \
'--quiet[Print nothing but errors]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':source -- Local image to push:_default' \
'::destination -- Where to push it (default\: the image'\''s own name):_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_ferry__subcmd__image__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-image-help-command-$line[1]:"
        case $line[1] in
            (ls)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(history)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(tag)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(untag)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(prune)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(exists)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(load)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(save)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(import)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(build)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(pull)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(push)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(images)
_arguments "${_arguments_options[@]}" : \
'*-f+[Filter output (reference=, dangling=true|false, label=key\[=value\], before=, since=)]:FILTER:_default' \
'*--filter=[Filter output (reference=, dangling=true|false, label=key\[=value\], before=, since=)]:FILTER:_default' \
'--format=[Output format\: json, or a Go template (prefix with "table" for a table)]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Show all images, including intermediate ones]' \
'--all[Show all images, including intermediate ones]' \
'-q[Print only image ids]' \
'--quiet[Print only image ids]' \
'--digests[Show digests]' \
'--no-trunc[Do not truncate output]' \
'-n[Do not print the header row]' \
'--noheading[Do not print the header row]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::reference -- Only show images whose name matches:_default' \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
'-f+[Output format\: json, or a Go template]:FORMAT:_default' \
'--format=[Output format\: json, or a Go template]:FORMAT:_default' \
'-k+[Kind of object to inspect (all\: containers first, then images)]:KIND:(container image all)' \
'--type=[Kind of object to inspect (all\: containers first, then images)]:KIND:(container image all)' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::names -- Containers or images to inspect (name or id):_default' \
&& ret=0
;;
(history)
_arguments "${_arguments_options[@]}" : \
'-H+[Show sizes and dates in human-readable form]:BOOL:(true false)' \
'--human=[Show sizes and dates in human-readable form]:BOOL:(true false)' \
'--format=[Output format\: json, or a Go template]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'--no-trunc[Do not truncate output]' \
'-q[Print only ids]' \
'--quiet[Print only ids]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':image -- Image name or id:_default' \
&& ret=0
;;
(tag)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':image -- Image name or id:_default' \
'*::names -- New names for the image:_default' \
&& ret=0
;;
(untag)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':image -- Image name or id:_default' \
'*::names -- Names to remove (all names when none are given):_default' \
&& ret=0
;;
(rmi)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Remove all images]' \
'--all[Remove all images]' \
'-f[Remove images even when they have several names]' \
'--force[Remove images even when they have several names]' \
'-i[Ignore images that do not exist]' \
'--ignore[Ignore images that do not exist]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::images -- Images to remove (name or id):_default' \
&& ret=0
;;
(load)
_arguments "${_arguments_options[@]}" : \
'-i+[Read the archive from this file instead of stdin]:PATH:_files' \
'--input=[Read the archive from this file instead of stdin]:PATH:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-q[Print only the loaded image names]' \
'--quiet[Print only the loaded image names]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(save)
_arguments "${_arguments_options[@]}" : \
'-o+[Write to this file instead of stdout]:PATH:_files' \
'--output=[Write to this file instead of stdout]:PATH:_files' \
'--format=[Archive format]:FORMAT:(docker-archive oci-archive)' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-m[Save several images into one archive (always on; accepted for compatibility)]' \
'--multi-image-archive[Save several images into one archive (always on; accepted for compatibility)]' \
'-q[Print nothing but errors]' \
'--quiet[Print nothing but errors]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::images -- Images to save (name or id):_default' \
&& ret=0
;;
(import)
_arguments "${_arguments_options[@]}" : \
'*-c+[Apply a Containerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL)]:INSTRUCTION:_default' \
'*--change=[Apply a Containerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL)]:INSTRUCTION:_default' \
'-m+[Commit message stored in the image history]:MESSAGE:_default' \
'--message=[Commit message stored in the image history]:MESSAGE:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-q[Print only the image id]' \
'--quiet[Print only the image id]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':source -- Root filesystem tarball (plain, gzip or zstd); "-" reads stdin:_default' \
'::reference -- Name for the new image:_default' \
&& ret=0
;;
(build)
_arguments "${_arguments_options[@]}" : \
'-f+[The Containerfile (default\: CONTEXT/Containerfile, else CONTEXT/Dockerfile); \`-\` reads it from standard input]:PATH:_default' \
'--file=[The Containerfile (default\: CONTEXT/Containerfile, else CONTEXT/Dockerfile); \`-\` reads it from standard input]:PATH:_default' \
'*-t+[Name of the image (repeatable)]:NAME:_default' \
'*--tag=[Name of the image (repeatable)]:NAME:_default' \
'--target=[Build only up to this stage]:STAGE:_default' \
'--layers=[Keep each step'\''s result as a cache entry]::BOOL:(true false)' \
'*--label=[Add a label to the image (KEY=VALUE)]:KEY=VALUE:_default' \
'*--annotation=[Add an annotation to the image manifest (KEY=VALUE)]:KEY=VALUE:_default' \
'--iidfile=[Write the image id to this file]:PATH:_files' \
'--network=[Network for RUN instructions\: private (a namespace of the build'\''s own, connected by pasta, else slirp4netns), pasta\[\:OPTIONS\], slirp4netns\[\:OPTIONS\], host or none]:MODE:_default' \
'--platform=[Platform to build for (only this host'\''s platform)]:OS/ARCH[/VARIANT]:_default' \
'--pull=[When to pull base images\: always, missing, never, newer (\`--pull\` alone\: always)]::POLICY:_default' \
'*--build-arg=[A build argument (NAME=VALUE, or NAME to take it from the environment)]:NAME[=VALUE]:_default' \
'*--build-arg-file=[A file of build arguments, one NAME=VALUE per line]:PATH:_files' \
'*--build-context=[An additional named context (NAME=DIR), for COPY --from=NAME and RUN --mount from=NAME]:NAME=DIR:_default' \
'*--secret=[A secret for RUN --mount=type=secret (id=ID,src=PATH)]:id=ID,src=PATH:_default' \
'--format=[Image format\: oci or docker]:FORMAT:_default' \
'--tls-verify=[Require HTTPS and verify certificates (default\: true unless registries.conf marks the registry insecure)]::BOOL:(true false)' \
'--creds=[Credentials (USERNAME\[\:PASSWORD\]) for the registry]:USERNAME[:PASSWORD]:_default' \
'--authfile=[Path of the authentication file (default\: \${XDG_RUNTIME_DIR}/containers/auth.json)]:PATH:_files' \
'--cert-dir=[Directory with certificates (*.crt, *.cert, *.key) for the registry]:DIR:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'--no-cache[Do not use cached results of earlier builds]' \
'--squash[Squash the build'\''s new layers into one]' \
'--squash-all[Squash the whole image into one layer]' \
'-q[Print only the image id]' \
'--quiet[Print only the image id]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::context -- The build context\: a directory, or `-` for a tar archive on standard input:_default' \
&& ret=0
;;
(pull)
_arguments "${_arguments_options[@]}" : \
'--platform=[Platform to pull (OS/ARCH\[/VARIANT\]; default\: this host)]:OS/ARCH[/VARIANT]:_default' \
'--arch=[Architecture to pull instead of this host'\''s]:ARCH:_default' \
'--os=[Operating system to pull instead of this host'\''s]:OS:_default' \
'--variant=[Architecture variant to pull (e.g. v7, v8)]:VARIANT:_default' \
'--policy=[When to pull\: always, missing (only when not in local storage), newer (when the registry'\''s image differs from the local one) or never]:POLICY:_default' \
'--jobs=[Number of layers downloaded at once]:N:_default' \
'--tls-verify=[Require HTTPS and verify certificates (default\: true unless registries.conf marks the registry insecure)]::BOOL:(true false)' \
'--creds=[Credentials (USERNAME\[\:PASSWORD\]) for the registry]:USERNAME[:PASSWORD]:_default' \
'--authfile=[Path of the authentication file (default\: \${XDG_RUNTIME_DIR}/containers/auth.json)]:PATH:_files' \
'--cert-dir=[Directory with certificates (*.crt, *.cert, *.key) for the registry]:DIR:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Pull every tagged image in the repository]' \
'--all-tags[Pull every tagged image in the repository]' \
'-q[Print only the image id]' \
'--quiet[Print only the image id]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::images -- Images to pull:_default' \
&& ret=0
;;
(push)
_arguments "${_arguments_options[@]}" : \
'--compression-format=[Compression for layers that are not already compressed]:COMPRESSION_FORMAT:(gzip zstd)' \
'-f+[Manifest format (default\: keep the image'\''s own)]:FORMAT:((oci\:"OCI image manifest"
v2s2\:"Docker schema2 manifest"))' \
'--format=[Manifest format (default\: keep the image'\''s own)]:FORMAT:((oci\:"OCI image manifest"
v2s2\:"Docker schema2 manifest"))' \
'--digestfile=[Write the digest of the pushed manifest to this file]:PATH:_files' \
'--tls-verify=[Require HTTPS and verify certificates (default\: true unless registries.conf marks the registry insecure)]::BOOL:(true false)' \
'--creds=[Credentials (USERNAME\[\:PASSWORD\]) for the registry]:USERNAME[:PASSWORD]:_default' \
'--authfile=[Path of the authentication file (default\: \${XDG_RUNTIME_DIR}/containers/auth.json)]:PATH:_files' \
'--cert-dir=[Directory with certificates (*.crt, *.cert, *.key) for the registry]:DIR:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'--remove-signatures[Do not copy signatures (ferry never copies them; accepted for compatibility)]' \
'-q[Print nothing but errors]' \
'--quiet[Print nothing but errors]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':source -- Local image to push:_default' \
'::destination -- Where to push it (default\: the image'\''s own name):_default' \
&& ret=0
;;
(login)
_arguments "${_arguments_options[@]}" : \
'-u+[Username]:USERNAME:_default' \
'--username=[Username]:USERNAME:_default' \
'-p+[Password (prefer --password-stdin\: a password on the command line is visible to other users)]:PASSWORD:_default' \
'--password=[Password (prefer --password-stdin\: a password on the command line is visible to other users)]:PASSWORD:_default' \
'--tls-verify=[Require HTTPS and verify certificates (default\: true unless registries.conf marks the registry insecure)]::BOOL:(true false)' \
'--creds=[Credentials (USERNAME\[\:PASSWORD\]) for the registry]:USERNAME[:PASSWORD]:_default' \
'--authfile=[Path of the authentication file (default\: \${XDG_RUNTIME_DIR}/containers/auth.json)]:PATH:_files' \
'--cert-dir=[Directory with certificates (*.crt, *.cert, *.key) for the registry]:DIR:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'--password-stdin[Read the password from stdin]' \
'--get-login[Print the username stored for the registry and exit]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':registry -- Registry to log in to (host\[\:port\]):_default' \
&& ret=0
;;
(logout)
_arguments "${_arguments_options[@]}" : \
'--authfile=[Path of the authentication file (default\: \${XDG_RUNTIME_DIR}/containers/auth.json)]:PATH:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Remove the credentials of every registry]' \
'--all[Remove the credentials of every registry]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::registry -- Registry to log out of (host\[\:port\]):_default' \
&& ret=0
;;
(manifest)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_ferry__subcmd__manifest_commands" \
"*::: :->manifest" \
&& ret=0

    case $state in
    (manifest)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-manifest-command-$line[1]:"
        case $line[1] in
            (inspect)
_arguments "${_arguments_options[@]}" : \
'--tls-verify=[Require HTTPS and verify certificates (default\: true unless registries.conf marks the registry insecure)]::BOOL:(true false)' \
'--creds=[Credentials (USERNAME\[\:PASSWORD\]) for the registry]:USERNAME[:PASSWORD]:_default' \
'--authfile=[Path of the authentication file (default\: \${XDG_RUNTIME_DIR}/containers/auth.json)]:PATH:_files' \
'--cert-dir=[Directory with certificates (*.crt, *.cert, *.key) for the registry]:DIR:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':reference -- Image reference:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_ferry__subcmd__manifest__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-manifest-help-command-$line[1]:"
        case $line[1] in
            (inspect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(unshare)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::command -- Command to run (default\: $SHELL, else /bin/sh):_default' \
&& ret=0
;;
(volume)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_ferry__subcmd__volume_commands" \
"*::: :->volume" \
&& ret=0

    case $state in
    (volume)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-volume-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
'-d+[Volume driver (only local)]:DRIVER:_default' \
'--driver=[Volume driver (only local)]:DRIVER:_default' \
'*-l+[Set a label on the volume (KEY=VALUE)]:LABEL:_default' \
'*--label=[Set a label on the volume (KEY=VALUE)]:LABEL:_default' \
'*-o+[Driver option\: uid=N or gid=N (the owner of the volume'\''s root, as the container sees it)]:OPT:_default' \
'*--opt=[Driver option\: uid=N or gid=N (the owner of the volume'\''s root, as the container sees it)]:OPT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'--ignore[Do nothing if the volume already exists]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::name -- Name of the volume (default\: a random 64-hex name):_default' \
&& ret=0
;;
(ls)
_arguments "${_arguments_options[@]}" : \
'*-f+[Filter output (name=, label=key\[=value\], dangling=true|false, driver=)]:FILTER:_default' \
'*--filter=[Filter output (name=, label=key\[=value\], dangling=true|false, driver=)]:FILTER:_default' \
'--format=[Output format\: json, or a Go template (prefix with "table" for a table)]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-q[Print only volume names]' \
'--quiet[Print only volume names]' \
'-n[Do not print the header row]' \
'--noheading[Do not print the header row]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'*-f+[Filter output (name=, label=key\[=value\], dangling=true|false, driver=)]:FILTER:_default' \
'*--filter=[Filter output (name=, label=key\[=value\], dangling=true|false, driver=)]:FILTER:_default' \
'--format=[Output format\: json, or a Go template (prefix with "table" for a table)]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-q[Print only volume names]' \
'--quiet[Print only volume names]' \
'-n[Do not print the header row]' \
'--noheading[Do not print the header row]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
'-f+[Output format\: json, or a Go template]:FORMAT:_default' \
'--format=[Output format\: json, or a Go template]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'()-a[Inspect all volumes]' \
'()--all[Inspect all volumes]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::names -- Volumes to inspect:_default' \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'()-a[Remove all volumes]' \
'()--all[Remove all volumes]' \
'-f[Remove the containers that use the volumes first (killing running ones)]' \
'--force[Remove the containers that use the volumes first (killing running ones)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::names -- Volumes to remove:_default' \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'()-a[Remove all volumes]' \
'()--all[Remove all volumes]' \
'-f[Remove the containers that use the volumes first (killing running ones)]' \
'--force[Remove the containers that use the volumes first (killing running ones)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::names -- Volumes to remove:_default' \
&& ret=0
;;
(prune)
_arguments "${_arguments_options[@]}" : \
'*--filter=[Only prune volumes that match (label=key\[=value\], label!=key\[=value\], name=)]:FILTER:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-f[Do not ask for confirmation]' \
'--force[Do not ask for confirmation]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(exists)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- Volume name:_default' \
&& ret=0
;;
(export)
_arguments "${_arguments_options[@]}" : \
'-o+[Write to this file instead of stdout]:FILE:_files' \
'--output=[Write to this file instead of stdout]:FILE:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- Volume name:_default' \
&& ret=0
;;
(import)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- Volume name (the volume must exist):_default' \
':source -- Tar archive to read, or - for stdin:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_ferry__subcmd__volume__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-volume-help-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(ls)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(prune)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(exists)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(export)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(import)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(network)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_ferry__subcmd__network_commands" \
"*::: :->network" \
&& ret=0

    case $state in
    (network)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-network-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
'-d+[Network driver (only bridge)]:DRIVER:_default' \
'--driver=[Network driver (only bridge)]:DRIVER:_default' \
'--subnet=[Subnet in CIDR notation (default\: a free 10.89.N.0/24)]:CIDR:_default' \
'--gateway=[Gateway address of the subnet (default\: its first address)]:IP:_default' \
'*--label=[Set a label on the network (KEY=VALUE)]:LABEL:_default' \
'--interface-name=[Name of the bridge interface (default\: ferryN)]:NAME:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'--internal[No route out of the network\: its containers reach each other only]' \
'--ignore[Do nothing if the network already exists]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::name -- Name of the network (default\: ferryN):_default' \
&& ret=0
;;
(ls)
_arguments "${_arguments_options[@]}" : \
'*-f+[Filter output (name=, id=, label=key\[=value\], driver=)]:FILTER:_default' \
'*--filter=[Filter output (name=, id=, label=key\[=value\], driver=)]:FILTER:_default' \
'--format=[Output format\: json, or a Go template (prefix with "table" for a table)]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-q[Print only network names]' \
'--quiet[Print only network names]' \
'-n[Do not print the header row]' \
'--noheading[Do not print the header row]' \
'--no-trunc[Do not truncate network ids]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'*-f+[Filter output (name=, id=, label=key\[=value\], driver=)]:FILTER:_default' \
'*--filter=[Filter output (name=, id=, label=key\[=value\], driver=)]:FILTER:_default' \
'--format=[Output format\: json, or a Go template (prefix with "table" for a table)]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-q[Print only network names]' \
'--quiet[Print only network names]' \
'-n[Do not print the header row]' \
'--noheading[Do not print the header row]' \
'--no-trunc[Do not truncate network ids]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
'-f+[Output format\: json, or a Go template]:FORMAT:_default' \
'--format=[Output format\: json, or a Go template]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::names -- Networks to inspect (names or id prefixes):_default' \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-f[Remove the containers that use the networks first (killing running ones)]' \
'--force[Remove the containers that use the networks first (killing running ones)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::names -- Networks to remove:_default' \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-f[Remove the containers that use the networks first (killing running ones)]' \
'--force[Remove the containers that use the networks first (killing running ones)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::names -- Networks to remove:_default' \
&& ret=0
;;
(prune)
_arguments "${_arguments_options[@]}" : \
'*--filter=[Only prune networks that match (label=key\[=value\], label!=key\[=value\], name=)]:FILTER:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-f[Do not ask for confirmation]' \
'--force[Do not ask for confirmation]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(exists)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- Network name or id:_default' \
&& ret=0
;;
(connect)
_arguments "${_arguments_options[@]}" : \
'*--alias=[Another name the container has on this network]:NAME:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':network -- Network name or id:_default' \
':container -- Container name or id:_default' \
&& ret=0
;;
(disconnect)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-f[Accepted for compatibility (a running container is always disconnected)]' \
'--force[Accepted for compatibility (a running container is always disconnected)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':network -- Network name or id:_default' \
':container -- Container name or id:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_ferry__subcmd__network__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-network-help-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(ls)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(prune)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(exists)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(connect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(disconnect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(compose)
_arguments "${_arguments_options[@]}" : \
'*-f+[Compose file (repeat to merge several; \`-\` reads standard input). Default\: compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml here or in a parent directory, with its .override file; else \$COMPOSE_FILE]:FILE:_files' \
'*--file=[Compose file (repeat to merge several; \`-\` reads standard input). Default\: compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml here or in a parent directory, with its .override file; else \$COMPOSE_FILE]:FILE:_files' \
'-p+[Project name (default\: \$COMPOSE_PROJECT_NAME, the top-level \`name\:\`, or the project directory'\''s name)]:NAME:_default' \
'--project-name=[Project name (default\: \$COMPOSE_PROJECT_NAME, the top-level \`name\:\`, or the project directory'\''s name)]:NAME:_default' \
'--project-directory=[Directory relative paths are resolved against (default\: the first file'\''s directory)]:DIR:_files' \
'*--env-file=[Variables for interpolation, instead of the project directory'\''s .env (repeatable)]:FILE:_files' \
'*--profile=[Enable services of this profile (repeatable; default\: \$COMPOSE_PROFILES; \`*\` for all)]:PROFILE:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_ferry__subcmd__compose_commands" \
"*::: :->compose" \
&& ret=0

    case $state in
    (compose)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-compose-command-$line[1]:"
        case $line[1] in
            (config)
_arguments "${_arguments_options[@]}" : \
'--format=[Output format]:FORMAT:(yaml json)' \
'--hash=[Print "SERVICE HASH" lines for these services (comma-separated, or \`*\` for all)]:SERVICES:_default' \
'-o+[Write the configuration to this file instead of standard output]:FILE:_files' \
'--output=[Write the configuration to this file instead of standard output]:FILE:_files' \
'*-f+[Compose file (repeat to merge several; \`-\` reads standard input). Default\: compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml here or in a parent directory, with its .override file; else \$COMPOSE_FILE]:FILE:_files' \
'*--file=[Compose file (repeat to merge several; \`-\` reads standard input). Default\: compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml here or in a parent directory, with its .override file; else \$COMPOSE_FILE]:FILE:_files' \
'-p+[Project name (default\: \$COMPOSE_PROJECT_NAME, the top-level \`name\:\`, or the project directory'\''s name)]:NAME:_default' \
'--project-name=[Project name (default\: \$COMPOSE_PROJECT_NAME, the top-level \`name\:\`, or the project directory'\''s name)]:NAME:_default' \
'--project-directory=[Directory relative paths are resolved against (default\: the first file'\''s directory)]:DIR:_files' \
'*--env-file=[Variables for interpolation, instead of the project directory'\''s .env (repeatable)]:FILE:_files' \
'*--profile=[Enable services of this profile (repeatable; default\: \$COMPOSE_PROFILES; \`*\` for all)]:PROFILE:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'--services[Print the service names, one per line]' \
'--volumes[Print the volume names, one per line]' \
'--networks[Print the network names, one per line]' \
'--profiles[Print the profile names, one per line]' \
'--images[Print the image names, one per line]' \
'-q[Only check the configuration, print nothing]' \
'--quiet[Only check the configuration, print nothing]' \
'--no-interpolate[Do not interpolate variables (print the merged files as written)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::services -- Only these services (and the services they depend on):_default' \
&& ret=0
;;
(convert)
_arguments "${_arguments_options[@]}" : \
'--format=[Output format]:FORMAT:(yaml json)' \
'--hash=[Print "SERVICE HASH" lines for these services (comma-separated, or \`*\` for all)]:SERVICES:_default' \
'-o+[Write the configuration to this file instead of standard output]:FILE:_files' \
'--output=[Write the configuration to this file instead of standard output]:FILE:_files' \
'*-f+[Compose file (repeat to merge several; \`-\` reads standard input). Default\: compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml here or in a parent directory, with its .override file; else \$COMPOSE_FILE]:FILE:_files' \
'*--file=[Compose file (repeat to merge several; \`-\` reads standard input). Default\: compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml here or in a parent directory, with its .override file; else \$COMPOSE_FILE]:FILE:_files' \
'-p+[Project name (default\: \$COMPOSE_PROJECT_NAME, the top-level \`name\:\`, or the project directory'\''s name)]:NAME:_default' \
'--project-name=[Project name (default\: \$COMPOSE_PROJECT_NAME, the top-level \`name\:\`, or the project directory'\''s name)]:NAME:_default' \
'--project-directory=[Directory relative paths are resolved against (default\: the first file'\''s directory)]:DIR:_files' \
'*--env-file=[Variables for interpolation, instead of the project directory'\''s .env (repeatable)]:FILE:_files' \
'*--profile=[Enable services of this profile (repeatable; default\: \$COMPOSE_PROFILES; \`*\` for all)]:PROFILE:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'--services[Print the service names, one per line]' \
'--volumes[Print the volume names, one per line]' \
'--networks[Print the network names, one per line]' \
'--profiles[Print the profile names, one per line]' \
'--images[Print the image names, one per line]' \
'-q[Only check the configuration, print nothing]' \
'--quiet[Only check the configuration, print nothing]' \
'--no-interpolate[Do not interpolate variables (print the merged files as written)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::services -- Only these services (and the services they depend on):_default' \
&& ret=0
;;
(version)
_arguments "${_arguments_options[@]}" : \
'--format=[Output format]:FORMAT:(pretty json)' \
'*-f+[Compose file (repeat to merge several; \`-\` reads standard input). Default\: compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml here or in a parent directory, with its .override file; else \$COMPOSE_FILE]:FILE:_files' \
'*--file=[Compose file (repeat to merge several; \`-\` reads standard input). Default\: compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml here or in a parent directory, with its .override file; else \$COMPOSE_FILE]:FILE:_files' \
'-p+[Project name (default\: \$COMPOSE_PROJECT_NAME, the top-level \`name\:\`, or the project directory'\''s name)]:NAME:_default' \
'--project-name=[Project name (default\: \$COMPOSE_PROJECT_NAME, the top-level \`name\:\`, or the project directory'\''s name)]:NAME:_default' \
'--project-directory=[Directory relative paths are resolved against (default\: the first file'\''s directory)]:DIR:_files' \
'*--env-file=[Variables for interpolation, instead of the project directory'\''s .env (repeatable)]:FILE:_files' \
'*--profile=[Enable services of this profile (repeatable; default\: \$COMPOSE_PROFILES; \`*\` for all)]:PROFILE:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'--short[Print only the version number]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_ferry__subcmd__compose__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-compose-help-command-$line[1]:"
        case $line[1] in
            (config)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(version)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(system)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_ferry__subcmd__system_commands" \
"*::: :->system" \
&& ret=0

    case $state in
    (system)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-system-command-$line[1]:"
        case $line[1] in
            (check)
_arguments "${_arguments_options[@]}" : \
'--format=[Output format\: json, or a Go template (over each problem)]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-r[Fix what can be fixed safely\: remove leftovers, orphans and corrupt blobs, unpack missing layers again, forget damaged images and records of missing things (never what a container uses)]' \
'--repair[Fix what can be fixed safely\: remove leftovers, orphans and corrupt blobs, unpack missing layers again, forget damaged images and records of missing things (never what a container uses)]' \
'-q[Do not read every blob to verify its digest (sizes are still checked)]' \
'--quick[Do not read every blob to verify its digest (sizes are still checked)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(df)
_arguments "${_arguments_options[@]}" : \
'--format=[Output format\: json, or a Go template]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-v[Show details per image]' \
'--verbose[Show details per image]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(prune)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-a[Remove all unused images, not only dangling ones]' \
'--all[Remove all unused images, not only dangling ones]' \
'--volumes[Remove the volumes no container uses too]' \
'-f[Do not ask for confirmation]' \
'--force[Do not ask for confirmation]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(reset)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-f[Do not ask for confirmation]' \
'--force[Do not ask for confirmation]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(info)
_arguments "${_arguments_options[@]}" : \
'-f+[Output format\: json, or a Go template]:FORMAT:_default' \
'--format=[Output format\: json, or a Go template]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(service)
_arguments "${_arguments_options[@]}" : \
'-t+[Seconds without requests or open streams before the service exits (0\: never)]:SECONDS:_default' \
'--time=[Seconds without requests or open streams before the service exits (0\: never)]:SECONDS:_default' \
'--timeout=[Seconds without requests or open streams before the service exits (0\: never)]:SECONDS:_default' \
'--group=[Group allowed to use the socket, as root\: the socket is made root\:GROUP 0660 (the default socket'\''s directory also becomes searchable by the group)]:GROUP:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::uri -- Where to listen\: unix\:///PATH, or tcp\://HOST\:PORT (unauthenticated\: anyone who can connect controls ferry) \[default\: unix\://$XDG_RUNTIME_DIR/ferry/ferry.sock rootless, unix\:///run/ferry/ferry.sock as root; the socket lives in the --runroot directory\]:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_ferry__subcmd__system__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-system-help-command-$line[1]:"
        case $line[1] in
            (check)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(df)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(prune)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(reset)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(info)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(service)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(info)
_arguments "${_arguments_options[@]}" : \
'-f+[Output format\: json, or a Go template]:FORMAT:_default' \
'--format=[Output format\: json, or a Go template]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(version)
_arguments "${_arguments_options[@]}" : \
'-f+[Output format\: json, or a Go template]:FORMAT:_default' \
'--format=[Output format\: json, or a Go template]:FORMAT:_default' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(completion)
_arguments "${_arguments_options[@]}" : \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':shell -- The shell to generate completions for:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(generate-docs)
_arguments "${_arguments_options[@]}" : \
'--out=[Directory to write man/ and completions/ into]:DIR:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_ferry__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-help-command-$line[1]:"
        case $line[1] in
            (run)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(container)
_arguments "${_arguments_options[@]}" : \
":: :_ferry__subcmd__help__subcmd__container_commands" \
"*::: :->container" \
&& ret=0

    case $state in
    (container)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-help-container-command-$line[1]:"
        case $line[1] in
            (ls)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(exists)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(prune)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rename)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(port)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(cp)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(export)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(mount)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unmount)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(wait)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(start)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(attach)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(logs)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(stop)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(kill)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(restart)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(exec)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(diff)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(commit)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(top)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(ps)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rename)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(port)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(cp)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(export)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(mount)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unmount)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(wait)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(start)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(attach)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(logs)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(stop)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(kill)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(restart)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(exec)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(diff)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(commit)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(top)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(image)
_arguments "${_arguments_options[@]}" : \
":: :_ferry__subcmd__help__subcmd__image_commands" \
"*::: :->image" \
&& ret=0

    case $state in
    (image)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-help-image-command-$line[1]:"
        case $line[1] in
            (ls)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(history)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(tag)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(untag)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(prune)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(exists)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(load)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(save)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(import)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(build)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(pull)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(push)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(images)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(history)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(tag)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(untag)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rmi)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(load)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(save)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(import)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(build)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(pull)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(push)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(login)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(logout)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(manifest)
_arguments "${_arguments_options[@]}" : \
":: :_ferry__subcmd__help__subcmd__manifest_commands" \
"*::: :->manifest" \
&& ret=0

    case $state in
    (manifest)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-help-manifest-command-$line[1]:"
        case $line[1] in
            (inspect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(unshare)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(volume)
_arguments "${_arguments_options[@]}" : \
":: :_ferry__subcmd__help__subcmd__volume_commands" \
"*::: :->volume" \
&& ret=0

    case $state in
    (volume)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-help-volume-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(ls)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(prune)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(exists)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(export)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(import)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(network)
_arguments "${_arguments_options[@]}" : \
":: :_ferry__subcmd__help__subcmd__network_commands" \
"*::: :->network" \
&& ret=0

    case $state in
    (network)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-help-network-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(ls)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(prune)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(exists)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(connect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(disconnect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(compose)
_arguments "${_arguments_options[@]}" : \
":: :_ferry__subcmd__help__subcmd__compose_commands" \
"*::: :->compose" \
&& ret=0

    case $state in
    (compose)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-help-compose-command-$line[1]:"
        case $line[1] in
            (config)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(version)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(system)
_arguments "${_arguments_options[@]}" : \
":: :_ferry__subcmd__help__subcmd__system_commands" \
"*::: :->system" \
&& ret=0

    case $state in
    (system)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ferry-help-system-command-$line[1]:"
        case $line[1] in
            (check)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(df)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(prune)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(reset)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(info)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(service)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(info)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(version)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(completion)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(generate-docs)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_ferry_commands] )) ||
_ferry_commands() {
    local commands; commands=(
'run:Run a command in a new container' \
'container:Manage containers' \
'ps:List containers' \
'rm:Remove containers' \
'rename:Rename a container' \
'port:List a container'\''s published ports' \
'cp:Copy files between a container and the host' \
'export:Export a container'\''s root filesystem as a tar archive' \
'mount:Mount containers'\'' root filesystems and print where (root, or in \`ferry unshare\`)' \
'unmount:Unmount containers'\'' root filesystems' \
'umount:Unmount containers'\'' root filesystems' \
'wait:Wait for containers to stop and print their exit codes' \
'create:Create a container without starting it' \
'start:Start created or stopped containers' \
'attach:Attach to a running container'\''s input and output' \
'logs:Show the logs of containers' \
'stop:Stop running containers' \
'kill:Send a signal to running containers' \
'restart:Restart containers' \
'exec:Run a command in a running container' \
'diff:Show the changes in a container'\''s or image'\''s filesystem' \
'commit:Create a new image from a container'\''s changes' \
'top:Show the processes of a running container' \
'image:Manage images' \
'images:List images in local storage' \
'inspect:Show the details of containers or images' \
'history:Show the history of an image' \
'tag:Add names to an image' \
'untag:Remove names from an image' \
'rmi:Remove images' \
'load:Load images from an archive' \
'save:Save images to an archive' \
'import:Create an image from a root filesystem tarball' \
'build:Build an image from a Containerfile' \
'pull:Pull images from a registry' \
'push:Push an image to a registry' \
'login:Log in to a registry' \
'logout:Log out of a registry' \
'manifest:Inspect manifests in registries' \
'unshare:Run a command in ferry'\''s rootless user namespace (to inspect or delete files owned by subordinate ids)' \
'volume:Manage volumes' \
'network:Manage networks' \
'compose:Run multi-container applications described by Compose files' \
'system:Manage ferry itself' \
'info:Show system information' \
'version:Show version information' \
'completion:Print a shell completion script' \
'generate-docs:Write man pages and completion scripts (for packaging)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry commands' commands "$@"
}
(( $+functions[_ferry__subcmd__attach_commands] )) ||
_ferry__subcmd__attach_commands() {
    local commands; commands=()
    _describe -t commands 'ferry attach commands' commands "$@"
}
(( $+functions[_ferry__subcmd__build_commands] )) ||
_ferry__subcmd__build_commands() {
    local commands; commands=()
    _describe -t commands 'ferry build commands' commands "$@"
}
(( $+functions[_ferry__subcmd__commit_commands] )) ||
_ferry__subcmd__commit_commands() {
    local commands; commands=()
    _describe -t commands 'ferry commit commands' commands "$@"
}
(( $+functions[_ferry__subcmd__completion_commands] )) ||
_ferry__subcmd__completion_commands() {
    local commands; commands=()
    _describe -t commands 'ferry completion commands' commands "$@"
}
(( $+functions[_ferry__subcmd__compose_commands] )) ||
_ferry__subcmd__compose_commands() {
    local commands; commands=(
'config:Print the project'\''s normalized, interpolated configuration' \
'convert:Print the project'\''s normalized, interpolated configuration' \
'version:Show the version of ferry'\''s Compose implementation' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry compose commands' commands "$@"
}
(( $+functions[_ferry__subcmd__compose__subcmd__config_commands] )) ||
_ferry__subcmd__compose__subcmd__config_commands() {
    local commands; commands=()
    _describe -t commands 'ferry compose config commands' commands "$@"
}
(( $+functions[_ferry__subcmd__compose__subcmd__help_commands] )) ||
_ferry__subcmd__compose__subcmd__help_commands() {
    local commands; commands=(
'config:Print the project'\''s normalized, interpolated configuration' \
'version:Show the version of ferry'\''s Compose implementation' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry compose help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__compose__subcmd__help__subcmd__config_commands] )) ||
_ferry__subcmd__compose__subcmd__help__subcmd__config_commands() {
    local commands; commands=()
    _describe -t commands 'ferry compose help config commands' commands "$@"
}
(( $+functions[_ferry__subcmd__compose__subcmd__help__subcmd__help_commands] )) ||
_ferry__subcmd__compose__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'ferry compose help help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__compose__subcmd__help__subcmd__version_commands] )) ||
_ferry__subcmd__compose__subcmd__help__subcmd__version_commands() {
    local commands; commands=()
    _describe -t commands 'ferry compose help version commands' commands "$@"
}
(( $+functions[_ferry__subcmd__compose__subcmd__version_commands] )) ||
_ferry__subcmd__compose__subcmd__version_commands() {
    local commands; commands=()
    _describe -t commands 'ferry compose version commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container_commands] )) ||
_ferry__subcmd__container_commands() {
    local commands; commands=(
'ls:List containers' \
'list:List containers' \
'ps:List containers' \
'rm:Remove containers' \
'remove:Remove containers' \
'inspect:Show the details of containers' \
'exists:Check whether a container exists (exit 0 if it does, 1 if not)' \
'prune:Remove all stopped containers' \
'rename:Rename a container' \
'port:List a container'\''s published ports' \
'cp:Copy files between a container and the host' \
'export:Export a container'\''s root filesystem as a tar archive' \
'mount:Mount containers'\'' root filesystems and print where (root, or in \`ferry unshare\`)' \
'unmount:Unmount containers'\'' root filesystems' \
'umount:Unmount containers'\'' root filesystems' \
'wait:Wait for containers to stop and print their exit codes' \
'create:Create a container without starting it' \
'start:Start created or stopped containers' \
'attach:Attach to a running container'\''s input and output' \
'logs:Show the logs of containers' \
'stop:Stop running containers' \
'kill:Send a signal to running containers' \
'restart:Restart containers' \
'exec:Run a command in a running container' \
'diff:Show the changes in a container'\''s filesystem' \
'commit:Create a new image from a container'\''s changes' \
'top:Show the processes of a running container' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry container commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__attach_commands] )) ||
_ferry__subcmd__container__subcmd__attach_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container attach commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__commit_commands] )) ||
_ferry__subcmd__container__subcmd__commit_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container commit commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__cp_commands] )) ||
_ferry__subcmd__container__subcmd__cp_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container cp commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__create_commands] )) ||
_ferry__subcmd__container__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container create commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__diff_commands] )) ||
_ferry__subcmd__container__subcmd__diff_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container diff commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__exec_commands] )) ||
_ferry__subcmd__container__subcmd__exec_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container exec commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__exists_commands] )) ||
_ferry__subcmd__container__subcmd__exists_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container exists commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__export_commands] )) ||
_ferry__subcmd__container__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container export commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help_commands] )) ||
_ferry__subcmd__container__subcmd__help_commands() {
    local commands; commands=(
'ls:List containers' \
'rm:Remove containers' \
'inspect:Show the details of containers' \
'exists:Check whether a container exists (exit 0 if it does, 1 if not)' \
'prune:Remove all stopped containers' \
'rename:Rename a container' \
'port:List a container'\''s published ports' \
'cp:Copy files between a container and the host' \
'export:Export a container'\''s root filesystem as a tar archive' \
'mount:Mount containers'\'' root filesystems and print where (root, or in \`ferry unshare\`)' \
'unmount:Unmount containers'\'' root filesystems' \
'wait:Wait for containers to stop and print their exit codes' \
'create:Create a container without starting it' \
'start:Start created or stopped containers' \
'attach:Attach to a running container'\''s input and output' \
'logs:Show the logs of containers' \
'stop:Stop running containers' \
'kill:Send a signal to running containers' \
'restart:Restart containers' \
'exec:Run a command in a running container' \
'diff:Show the changes in a container'\''s filesystem' \
'commit:Create a new image from a container'\''s changes' \
'top:Show the processes of a running container' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry container help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__attach_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__attach_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help attach commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__commit_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__commit_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help commit commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__cp_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__cp_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help cp commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__create_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help create commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__diff_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__diff_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help diff commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__exec_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__exec_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help exec commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__exists_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__exists_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help exists commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__export_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help export commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__help_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__inspect_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help inspect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__kill_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__kill_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help kill commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__logs_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__logs_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help logs commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__ls_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__ls_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help ls commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__mount_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__mount_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help mount commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__port_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__port_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help port commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__prune_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__prune_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help prune commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__rename_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__rename_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help rename commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__restart_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__restart_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help restart commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__rm_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help rm commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__start_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__start_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help start commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__stop_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__stop_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help stop commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__top_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__top_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help top commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__unmount_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__unmount_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help unmount commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__wait_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__wait_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help wait commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__inspect_commands] )) ||
_ferry__subcmd__container__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container inspect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__kill_commands] )) ||
_ferry__subcmd__container__subcmd__kill_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container kill commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__logs_commands] )) ||
_ferry__subcmd__container__subcmd__logs_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container logs commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__ls_commands] )) ||
_ferry__subcmd__container__subcmd__ls_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container ls commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__mount_commands] )) ||
_ferry__subcmd__container__subcmd__mount_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container mount commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__port_commands] )) ||
_ferry__subcmd__container__subcmd__port_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container port commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__prune_commands] )) ||
_ferry__subcmd__container__subcmd__prune_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container prune commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__rename_commands] )) ||
_ferry__subcmd__container__subcmd__rename_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container rename commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__restart_commands] )) ||
_ferry__subcmd__container__subcmd__restart_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container restart commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__rm_commands] )) ||
_ferry__subcmd__container__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container rm commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__start_commands] )) ||
_ferry__subcmd__container__subcmd__start_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container start commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__stop_commands] )) ||
_ferry__subcmd__container__subcmd__stop_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container stop commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__top_commands] )) ||
_ferry__subcmd__container__subcmd__top_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container top commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__unmount_commands] )) ||
_ferry__subcmd__container__subcmd__unmount_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container unmount commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__wait_commands] )) ||
_ferry__subcmd__container__subcmd__wait_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container wait commands' commands "$@"
}
(( $+functions[_ferry__subcmd__cp_commands] )) ||
_ferry__subcmd__cp_commands() {
    local commands; commands=()
    _describe -t commands 'ferry cp commands' commands "$@"
}
(( $+functions[_ferry__subcmd__create_commands] )) ||
_ferry__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'ferry create commands' commands "$@"
}
(( $+functions[_ferry__subcmd__diff_commands] )) ||
_ferry__subcmd__diff_commands() {
    local commands; commands=()
    _describe -t commands 'ferry diff commands' commands "$@"
}
(( $+functions[_ferry__subcmd__exec_commands] )) ||
_ferry__subcmd__exec_commands() {
    local commands; commands=()
    _describe -t commands 'ferry exec commands' commands "$@"
}
(( $+functions[_ferry__subcmd__export_commands] )) ||
_ferry__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'ferry export commands' commands "$@"
}
(( $+functions[_ferry__subcmd__generate-docs_commands] )) ||
_ferry__subcmd__generate-docs_commands() {
    local commands; commands=()
    _describe -t commands 'ferry generate-docs commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help_commands] )) ||
_ferry__subcmd__help_commands() {
    local commands; commands=(
'run:Run a command in a new container' \
'container:Manage containers' \
'ps:List containers' \
'rm:Remove containers' \
'rename:Rename a container' \
'port:List a container'\''s published ports' \
'cp:Copy files between a container and the host' \
'export:Export a container'\''s root filesystem as a tar archive' \
'mount:Mount containers'\'' root filesystems and print where (root, or in \`ferry unshare\`)' \
'unmount:Unmount containers'\'' root filesystems' \
'wait:Wait for containers to stop and print their exit codes' \
'create:Create a container without starting it' \
'start:Start created or stopped containers' \
'attach:Attach to a running container'\''s input and output' \
'logs:Show the logs of containers' \
'stop:Stop running containers' \
'kill:Send a signal to running containers' \
'restart:Restart containers' \
'exec:Run a command in a running container' \
'diff:Show the changes in a container'\''s or image'\''s filesystem' \
'commit:Create a new image from a container'\''s changes' \
'top:Show the processes of a running container' \
'image:Manage images' \
'images:List images in local storage' \
'inspect:Show the details of containers or images' \
'history:Show the history of an image' \
'tag:Add names to an image' \
'untag:Remove names from an image' \
'rmi:Remove images' \
'load:Load images from an archive' \
'save:Save images to an archive' \
'import:Create an image from a root filesystem tarball' \
'build:Build an image from a Containerfile' \
'pull:Pull images from a registry' \
'push:Push an image to a registry' \
'login:Log in to a registry' \
'logout:Log out of a registry' \
'manifest:Inspect manifests in registries' \
'unshare:Run a command in ferry'\''s rootless user namespace (to inspect or delete files owned by subordinate ids)' \
'volume:Manage volumes' \
'network:Manage networks' \
'compose:Run multi-container applications described by Compose files' \
'system:Manage ferry itself' \
'info:Show system information' \
'version:Show version information' \
'completion:Print a shell completion script' \
'generate-docs:Write man pages and completion scripts (for packaging)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__attach_commands] )) ||
_ferry__subcmd__help__subcmd__attach_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help attach commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__build_commands] )) ||
_ferry__subcmd__help__subcmd__build_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help build commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__commit_commands] )) ||
_ferry__subcmd__help__subcmd__commit_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help commit commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__completion_commands] )) ||
_ferry__subcmd__help__subcmd__completion_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help completion commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__compose_commands] )) ||
_ferry__subcmd__help__subcmd__compose_commands() {
    local commands; commands=(
'config:Print the project'\''s normalized, interpolated configuration' \
'version:Show the version of ferry'\''s Compose implementation' \
    )
    _describe -t commands 'ferry help compose commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__compose__subcmd__config_commands] )) ||
_ferry__subcmd__help__subcmd__compose__subcmd__config_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help compose config commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__compose__subcmd__version_commands] )) ||
_ferry__subcmd__help__subcmd__compose__subcmd__version_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help compose version commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container_commands] )) ||
_ferry__subcmd__help__subcmd__container_commands() {
    local commands; commands=(
'ls:List containers' \
'rm:Remove containers' \
'inspect:Show the details of containers' \
'exists:Check whether a container exists (exit 0 if it does, 1 if not)' \
'prune:Remove all stopped containers' \
'rename:Rename a container' \
'port:List a container'\''s published ports' \
'cp:Copy files between a container and the host' \
'export:Export a container'\''s root filesystem as a tar archive' \
'mount:Mount containers'\'' root filesystems and print where (root, or in \`ferry unshare\`)' \
'unmount:Unmount containers'\'' root filesystems' \
'wait:Wait for containers to stop and print their exit codes' \
'create:Create a container without starting it' \
'start:Start created or stopped containers' \
'attach:Attach to a running container'\''s input and output' \
'logs:Show the logs of containers' \
'stop:Stop running containers' \
'kill:Send a signal to running containers' \
'restart:Restart containers' \
'exec:Run a command in a running container' \
'diff:Show the changes in a container'\''s filesystem' \
'commit:Create a new image from a container'\''s changes' \
'top:Show the processes of a running container' \
    )
    _describe -t commands 'ferry help container commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__attach_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__attach_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container attach commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__commit_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__commit_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container commit commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__cp_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__cp_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container cp commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__create_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container create commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__diff_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__diff_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container diff commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__exec_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__exec_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container exec commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__exists_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__exists_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container exists commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__export_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container export commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__inspect_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container inspect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__kill_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__kill_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container kill commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__logs_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__logs_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container logs commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__ls_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__ls_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container ls commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__mount_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__mount_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container mount commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__port_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__port_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container port commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__prune_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__prune_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container prune commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__rename_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__rename_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container rename commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__restart_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__restart_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container restart commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__rm_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container rm commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__start_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__start_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container start commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__stop_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__stop_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container stop commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__top_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__top_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container top commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__unmount_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__unmount_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container unmount commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__wait_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__wait_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container wait commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__cp_commands] )) ||
_ferry__subcmd__help__subcmd__cp_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help cp commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__create_commands] )) ||
_ferry__subcmd__help__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help create commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__diff_commands] )) ||
_ferry__subcmd__help__subcmd__diff_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help diff commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__exec_commands] )) ||
_ferry__subcmd__help__subcmd__exec_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help exec commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__export_commands] )) ||
_ferry__subcmd__help__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help export commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__generate-docs_commands] )) ||
_ferry__subcmd__help__subcmd__generate-docs_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help generate-docs commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__help_commands] )) ||
_ferry__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__history_commands] )) ||
_ferry__subcmd__help__subcmd__history_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help history commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__image_commands] )) ||
_ferry__subcmd__help__subcmd__image_commands() {
    local commands; commands=(
'ls:List images in local storage' \
'inspect:Show the details of images' \
'history:Show the history of an image' \
'tag:Add names to an image' \
'untag:Remove names from an image' \
'rm:Remove images' \
'prune:Remove unused images' \
'exists:Check whether an image exists in local storage (exit 0 if it does, 1 if not)' \
'load:Load images from an archive' \
'save:Save images to an archive' \
'import:Create an image from a root filesystem tarball' \
'build:Build an image from a Containerfile' \
'pull:Pull images from a registry' \
'push:Push an image to a registry' \
    )
    _describe -t commands 'ferry help image commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__image__subcmd__build_commands] )) ||
_ferry__subcmd__help__subcmd__image__subcmd__build_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help image build commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__image__subcmd__exists_commands] )) ||
_ferry__subcmd__help__subcmd__image__subcmd__exists_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help image exists commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__image__subcmd__history_commands] )) ||
_ferry__subcmd__help__subcmd__image__subcmd__history_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help image history commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__image__subcmd__import_commands] )) ||
_ferry__subcmd__help__subcmd__image__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help image import commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__image__subcmd__inspect_commands] )) ||
_ferry__subcmd__help__subcmd__image__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help image inspect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__image__subcmd__load_commands] )) ||
_ferry__subcmd__help__subcmd__image__subcmd__load_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help image load commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__image__subcmd__ls_commands] )) ||
_ferry__subcmd__help__subcmd__image__subcmd__ls_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help image ls commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__image__subcmd__prune_commands] )) ||
_ferry__subcmd__help__subcmd__image__subcmd__prune_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help image prune commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__image__subcmd__pull_commands] )) ||
_ferry__subcmd__help__subcmd__image__subcmd__pull_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help image pull commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__image__subcmd__push_commands] )) ||
_ferry__subcmd__help__subcmd__image__subcmd__push_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help image push commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__image__subcmd__rm_commands] )) ||
_ferry__subcmd__help__subcmd__image__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help image rm commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__image__subcmd__save_commands] )) ||
_ferry__subcmd__help__subcmd__image__subcmd__save_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help image save commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__image__subcmd__tag_commands] )) ||
_ferry__subcmd__help__subcmd__image__subcmd__tag_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help image tag commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__image__subcmd__untag_commands] )) ||
_ferry__subcmd__help__subcmd__image__subcmd__untag_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help image untag commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__images_commands] )) ||
_ferry__subcmd__help__subcmd__images_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help images commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__import_commands] )) ||
_ferry__subcmd__help__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help import commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__info_commands] )) ||
_ferry__subcmd__help__subcmd__info_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help info commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__inspect_commands] )) ||
_ferry__subcmd__help__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help inspect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__kill_commands] )) ||
_ferry__subcmd__help__subcmd__kill_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help kill commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__load_commands] )) ||
_ferry__subcmd__help__subcmd__load_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help load commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__login_commands] )) ||
_ferry__subcmd__help__subcmd__login_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help login commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__logout_commands] )) ||
_ferry__subcmd__help__subcmd__logout_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help logout commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__logs_commands] )) ||
_ferry__subcmd__help__subcmd__logs_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help logs commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__manifest_commands] )) ||
_ferry__subcmd__help__subcmd__manifest_commands() {
    local commands; commands=(
'inspect:Show a registry'\''s manifest or index for an image without pulling it' \
    )
    _describe -t commands 'ferry help manifest commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__manifest__subcmd__inspect_commands] )) ||
_ferry__subcmd__help__subcmd__manifest__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help manifest inspect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__mount_commands] )) ||
_ferry__subcmd__help__subcmd__mount_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help mount commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__network_commands] )) ||
_ferry__subcmd__help__subcmd__network_commands() {
    local commands; commands=(
'create:Create a network' \
'ls:List networks' \
'inspect:Show the details of networks' \
'rm:Remove networks' \
'prune:Remove all networks no container uses' \
'exists:Check whether a network exists (exit 0 if it does, 1 if not)' \
'connect:Connect a container to a network' \
'disconnect:Disconnect a container from a network' \
    )
    _describe -t commands 'ferry help network commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__network__subcmd__connect_commands] )) ||
_ferry__subcmd__help__subcmd__network__subcmd__connect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help network connect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__network__subcmd__create_commands] )) ||
_ferry__subcmd__help__subcmd__network__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help network create commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__network__subcmd__disconnect_commands] )) ||
_ferry__subcmd__help__subcmd__network__subcmd__disconnect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help network disconnect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__network__subcmd__exists_commands] )) ||
_ferry__subcmd__help__subcmd__network__subcmd__exists_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help network exists commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__network__subcmd__inspect_commands] )) ||
_ferry__subcmd__help__subcmd__network__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help network inspect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__network__subcmd__ls_commands] )) ||
_ferry__subcmd__help__subcmd__network__subcmd__ls_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help network ls commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__network__subcmd__prune_commands] )) ||
_ferry__subcmd__help__subcmd__network__subcmd__prune_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help network prune commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__network__subcmd__rm_commands] )) ||
_ferry__subcmd__help__subcmd__network__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help network rm commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__port_commands] )) ||
_ferry__subcmd__help__subcmd__port_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help port commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__ps_commands] )) ||
_ferry__subcmd__help__subcmd__ps_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help ps commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__pull_commands] )) ||
_ferry__subcmd__help__subcmd__pull_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help pull commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__push_commands] )) ||
_ferry__subcmd__help__subcmd__push_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help push commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__rename_commands] )) ||
_ferry__subcmd__help__subcmd__rename_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help rename commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__restart_commands] )) ||
_ferry__subcmd__help__subcmd__restart_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help restart commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__rm_commands] )) ||
_ferry__subcmd__help__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help rm commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__rmi_commands] )) ||
_ferry__subcmd__help__subcmd__rmi_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help rmi commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__run_commands] )) ||
_ferry__subcmd__help__subcmd__run_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help run commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__save_commands] )) ||
_ferry__subcmd__help__subcmd__save_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help save commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__start_commands] )) ||
_ferry__subcmd__help__subcmd__start_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help start commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__stop_commands] )) ||
_ferry__subcmd__help__subcmd__stop_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help stop commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__system_commands] )) ||
_ferry__subcmd__help__subcmd__system_commands() {
    local commands; commands=(
'check:Check the store for damage and leftovers, and optionally repair them' \
'df:Show disk usage of images and layers' \
'prune:Remove unused images, build leftovers and interrupted work' \
'reset:Remove everything ferry stores' \
'info:Show system information' \
'service:Serve the Docker Engine API on a socket until idle' \
    )
    _describe -t commands 'ferry help system commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__system__subcmd__check_commands] )) ||
_ferry__subcmd__help__subcmd__system__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help system check commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__system__subcmd__df_commands] )) ||
_ferry__subcmd__help__subcmd__system__subcmd__df_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help system df commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__system__subcmd__info_commands] )) ||
_ferry__subcmd__help__subcmd__system__subcmd__info_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help system info commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__system__subcmd__prune_commands] )) ||
_ferry__subcmd__help__subcmd__system__subcmd__prune_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help system prune commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__system__subcmd__reset_commands] )) ||
_ferry__subcmd__help__subcmd__system__subcmd__reset_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help system reset commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__system__subcmd__service_commands] )) ||
_ferry__subcmd__help__subcmd__system__subcmd__service_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help system service commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__tag_commands] )) ||
_ferry__subcmd__help__subcmd__tag_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help tag commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__top_commands] )) ||
_ferry__subcmd__help__subcmd__top_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help top commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__unmount_commands] )) ||
_ferry__subcmd__help__subcmd__unmount_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help unmount commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__unshare_commands] )) ||
_ferry__subcmd__help__subcmd__unshare_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help unshare commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__untag_commands] )) ||
_ferry__subcmd__help__subcmd__untag_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help untag commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__version_commands] )) ||
_ferry__subcmd__help__subcmd__version_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help version commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__volume_commands] )) ||
_ferry__subcmd__help__subcmd__volume_commands() {
    local commands; commands=(
'create:Create a volume' \
'ls:List volumes' \
'inspect:Show the details of volumes' \
'rm:Remove volumes' \
'prune:Remove all volumes no container uses' \
'exists:Check whether a volume exists (exit 0 if it does, 1 if not)' \
'export:Write a volume'\''s content to a tar archive' \
'import:Unpack a tar archive into a volume' \
    )
    _describe -t commands 'ferry help volume commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__volume__subcmd__create_commands] )) ||
_ferry__subcmd__help__subcmd__volume__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help volume create commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__volume__subcmd__exists_commands] )) ||
_ferry__subcmd__help__subcmd__volume__subcmd__exists_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help volume exists commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__volume__subcmd__export_commands] )) ||
_ferry__subcmd__help__subcmd__volume__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help volume export commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__volume__subcmd__import_commands] )) ||
_ferry__subcmd__help__subcmd__volume__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help volume import commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__volume__subcmd__inspect_commands] )) ||
_ferry__subcmd__help__subcmd__volume__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help volume inspect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__volume__subcmd__ls_commands] )) ||
_ferry__subcmd__help__subcmd__volume__subcmd__ls_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help volume ls commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__volume__subcmd__prune_commands] )) ||
_ferry__subcmd__help__subcmd__volume__subcmd__prune_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help volume prune commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__volume__subcmd__rm_commands] )) ||
_ferry__subcmd__help__subcmd__volume__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help volume rm commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__wait_commands] )) ||
_ferry__subcmd__help__subcmd__wait_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help wait commands' commands "$@"
}
(( $+functions[_ferry__subcmd__history_commands] )) ||
_ferry__subcmd__history_commands() {
    local commands; commands=()
    _describe -t commands 'ferry history commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image_commands] )) ||
_ferry__subcmd__image_commands() {
    local commands; commands=(
'ls:List images in local storage' \
'list:List images in local storage' \
'inspect:Show the details of images' \
'history:Show the history of an image' \
'tag:Add names to an image' \
'untag:Remove names from an image' \
'rm:Remove images' \
'remove:Remove images' \
'prune:Remove unused images' \
'exists:Check whether an image exists in local storage (exit 0 if it does, 1 if not)' \
'load:Load images from an archive' \
'save:Save images to an archive' \
'import:Create an image from a root filesystem tarball' \
'build:Build an image from a Containerfile' \
'pull:Pull images from a registry' \
'push:Push an image to a registry' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry image commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__build_commands] )) ||
_ferry__subcmd__image__subcmd__build_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image build commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__exists_commands] )) ||
_ferry__subcmd__image__subcmd__exists_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image exists commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__help_commands] )) ||
_ferry__subcmd__image__subcmd__help_commands() {
    local commands; commands=(
'ls:List images in local storage' \
'inspect:Show the details of images' \
'history:Show the history of an image' \
'tag:Add names to an image' \
'untag:Remove names from an image' \
'rm:Remove images' \
'prune:Remove unused images' \
'exists:Check whether an image exists in local storage (exit 0 if it does, 1 if not)' \
'load:Load images from an archive' \
'save:Save images to an archive' \
'import:Create an image from a root filesystem tarball' \
'build:Build an image from a Containerfile' \
'pull:Pull images from a registry' \
'push:Push an image to a registry' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry image help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__help__subcmd__build_commands] )) ||
_ferry__subcmd__image__subcmd__help__subcmd__build_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image help build commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__help__subcmd__exists_commands] )) ||
_ferry__subcmd__image__subcmd__help__subcmd__exists_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image help exists commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__help__subcmd__help_commands] )) ||
_ferry__subcmd__image__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image help help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__help__subcmd__history_commands] )) ||
_ferry__subcmd__image__subcmd__help__subcmd__history_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image help history commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__help__subcmd__import_commands] )) ||
_ferry__subcmd__image__subcmd__help__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image help import commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__help__subcmd__inspect_commands] )) ||
_ferry__subcmd__image__subcmd__help__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image help inspect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__help__subcmd__load_commands] )) ||
_ferry__subcmd__image__subcmd__help__subcmd__load_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image help load commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__help__subcmd__ls_commands] )) ||
_ferry__subcmd__image__subcmd__help__subcmd__ls_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image help ls commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__help__subcmd__prune_commands] )) ||
_ferry__subcmd__image__subcmd__help__subcmd__prune_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image help prune commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__help__subcmd__pull_commands] )) ||
_ferry__subcmd__image__subcmd__help__subcmd__pull_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image help pull commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__help__subcmd__push_commands] )) ||
_ferry__subcmd__image__subcmd__help__subcmd__push_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image help push commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__help__subcmd__rm_commands] )) ||
_ferry__subcmd__image__subcmd__help__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image help rm commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__help__subcmd__save_commands] )) ||
_ferry__subcmd__image__subcmd__help__subcmd__save_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image help save commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__help__subcmd__tag_commands] )) ||
_ferry__subcmd__image__subcmd__help__subcmd__tag_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image help tag commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__help__subcmd__untag_commands] )) ||
_ferry__subcmd__image__subcmd__help__subcmd__untag_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image help untag commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__history_commands] )) ||
_ferry__subcmd__image__subcmd__history_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image history commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__import_commands] )) ||
_ferry__subcmd__image__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image import commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__inspect_commands] )) ||
_ferry__subcmd__image__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image inspect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__load_commands] )) ||
_ferry__subcmd__image__subcmd__load_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image load commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__ls_commands] )) ||
_ferry__subcmd__image__subcmd__ls_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image ls commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__prune_commands] )) ||
_ferry__subcmd__image__subcmd__prune_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image prune commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__pull_commands] )) ||
_ferry__subcmd__image__subcmd__pull_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image pull commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__push_commands] )) ||
_ferry__subcmd__image__subcmd__push_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image push commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__rm_commands] )) ||
_ferry__subcmd__image__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image rm commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__save_commands] )) ||
_ferry__subcmd__image__subcmd__save_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image save commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__tag_commands] )) ||
_ferry__subcmd__image__subcmd__tag_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image tag commands' commands "$@"
}
(( $+functions[_ferry__subcmd__image__subcmd__untag_commands] )) ||
_ferry__subcmd__image__subcmd__untag_commands() {
    local commands; commands=()
    _describe -t commands 'ferry image untag commands' commands "$@"
}
(( $+functions[_ferry__subcmd__images_commands] )) ||
_ferry__subcmd__images_commands() {
    local commands; commands=()
    _describe -t commands 'ferry images commands' commands "$@"
}
(( $+functions[_ferry__subcmd__import_commands] )) ||
_ferry__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'ferry import commands' commands "$@"
}
(( $+functions[_ferry__subcmd__info_commands] )) ||
_ferry__subcmd__info_commands() {
    local commands; commands=()
    _describe -t commands 'ferry info commands' commands "$@"
}
(( $+functions[_ferry__subcmd__inspect_commands] )) ||
_ferry__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry inspect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__kill_commands] )) ||
_ferry__subcmd__kill_commands() {
    local commands; commands=()
    _describe -t commands 'ferry kill commands' commands "$@"
}
(( $+functions[_ferry__subcmd__load_commands] )) ||
_ferry__subcmd__load_commands() {
    local commands; commands=()
    _describe -t commands 'ferry load commands' commands "$@"
}
(( $+functions[_ferry__subcmd__login_commands] )) ||
_ferry__subcmd__login_commands() {
    local commands; commands=()
    _describe -t commands 'ferry login commands' commands "$@"
}
(( $+functions[_ferry__subcmd__logout_commands] )) ||
_ferry__subcmd__logout_commands() {
    local commands; commands=()
    _describe -t commands 'ferry logout commands' commands "$@"
}
(( $+functions[_ferry__subcmd__logs_commands] )) ||
_ferry__subcmd__logs_commands() {
    local commands; commands=()
    _describe -t commands 'ferry logs commands' commands "$@"
}
(( $+functions[_ferry__subcmd__manifest_commands] )) ||
_ferry__subcmd__manifest_commands() {
    local commands; commands=(
'inspect:Show a registry'\''s manifest or index for an image without pulling it' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry manifest commands' commands "$@"
}
(( $+functions[_ferry__subcmd__manifest__subcmd__help_commands] )) ||
_ferry__subcmd__manifest__subcmd__help_commands() {
    local commands; commands=(
'inspect:Show a registry'\''s manifest or index for an image without pulling it' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry manifest help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__manifest__subcmd__help__subcmd__help_commands] )) ||
_ferry__subcmd__manifest__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'ferry manifest help help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__manifest__subcmd__help__subcmd__inspect_commands] )) ||
_ferry__subcmd__manifest__subcmd__help__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry manifest help inspect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__manifest__subcmd__inspect_commands] )) ||
_ferry__subcmd__manifest__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry manifest inspect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__mount_commands] )) ||
_ferry__subcmd__mount_commands() {
    local commands; commands=()
    _describe -t commands 'ferry mount commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network_commands] )) ||
_ferry__subcmd__network_commands() {
    local commands; commands=(
'create:Create a network' \
'ls:List networks' \
'list:List networks' \
'inspect:Show the details of networks' \
'rm:Remove networks' \
'remove:Remove networks' \
'prune:Remove all networks no container uses' \
'exists:Check whether a network exists (exit 0 if it does, 1 if not)' \
'connect:Connect a container to a network' \
'disconnect:Disconnect a container from a network' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry network commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__connect_commands] )) ||
_ferry__subcmd__network__subcmd__connect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry network connect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__create_commands] )) ||
_ferry__subcmd__network__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'ferry network create commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__disconnect_commands] )) ||
_ferry__subcmd__network__subcmd__disconnect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry network disconnect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__exists_commands] )) ||
_ferry__subcmd__network__subcmd__exists_commands() {
    local commands; commands=()
    _describe -t commands 'ferry network exists commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__help_commands] )) ||
_ferry__subcmd__network__subcmd__help_commands() {
    local commands; commands=(
'create:Create a network' \
'ls:List networks' \
'inspect:Show the details of networks' \
'rm:Remove networks' \
'prune:Remove all networks no container uses' \
'exists:Check whether a network exists (exit 0 if it does, 1 if not)' \
'connect:Connect a container to a network' \
'disconnect:Disconnect a container from a network' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry network help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__help__subcmd__connect_commands] )) ||
_ferry__subcmd__network__subcmd__help__subcmd__connect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry network help connect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__help__subcmd__create_commands] )) ||
_ferry__subcmd__network__subcmd__help__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'ferry network help create commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__help__subcmd__disconnect_commands] )) ||
_ferry__subcmd__network__subcmd__help__subcmd__disconnect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry network help disconnect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__help__subcmd__exists_commands] )) ||
_ferry__subcmd__network__subcmd__help__subcmd__exists_commands() {
    local commands; commands=()
    _describe -t commands 'ferry network help exists commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__help__subcmd__help_commands] )) ||
_ferry__subcmd__network__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'ferry network help help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__help__subcmd__inspect_commands] )) ||
_ferry__subcmd__network__subcmd__help__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry network help inspect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__help__subcmd__ls_commands] )) ||
_ferry__subcmd__network__subcmd__help__subcmd__ls_commands() {
    local commands; commands=()
    _describe -t commands 'ferry network help ls commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__help__subcmd__prune_commands] )) ||
_ferry__subcmd__network__subcmd__help__subcmd__prune_commands() {
    local commands; commands=()
    _describe -t commands 'ferry network help prune commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__help__subcmd__rm_commands] )) ||
_ferry__subcmd__network__subcmd__help__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'ferry network help rm commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__inspect_commands] )) ||
_ferry__subcmd__network__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry network inspect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__ls_commands] )) ||
_ferry__subcmd__network__subcmd__ls_commands() {
    local commands; commands=()
    _describe -t commands 'ferry network ls commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__prune_commands] )) ||
_ferry__subcmd__network__subcmd__prune_commands() {
    local commands; commands=()
    _describe -t commands 'ferry network prune commands' commands "$@"
}
(( $+functions[_ferry__subcmd__network__subcmd__rm_commands] )) ||
_ferry__subcmd__network__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'ferry network rm commands' commands "$@"
}
(( $+functions[_ferry__subcmd__port_commands] )) ||
_ferry__subcmd__port_commands() {
    local commands; commands=()
    _describe -t commands 'ferry port commands' commands "$@"
}
(( $+functions[_ferry__subcmd__ps_commands] )) ||
_ferry__subcmd__ps_commands() {
    local commands; commands=()
    _describe -t commands 'ferry ps commands' commands "$@"
}
(( $+functions[_ferry__subcmd__pull_commands] )) ||
_ferry__subcmd__pull_commands() {
    local commands; commands=()
    _describe -t commands 'ferry pull commands' commands "$@"
}
(( $+functions[_ferry__subcmd__push_commands] )) ||
_ferry__subcmd__push_commands() {
    local commands; commands=()
    _describe -t commands 'ferry push commands' commands "$@"
}
(( $+functions[_ferry__subcmd__rename_commands] )) ||
_ferry__subcmd__rename_commands() {
    local commands; commands=()
    _describe -t commands 'ferry rename commands' commands "$@"
}
(( $+functions[_ferry__subcmd__restart_commands] )) ||
_ferry__subcmd__restart_commands() {
    local commands; commands=()
    _describe -t commands 'ferry restart commands' commands "$@"
}
(( $+functions[_ferry__subcmd__rm_commands] )) ||
_ferry__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'ferry rm commands' commands "$@"
}
(( $+functions[_ferry__subcmd__rmi_commands] )) ||
_ferry__subcmd__rmi_commands() {
    local commands; commands=()
    _describe -t commands 'ferry rmi commands' commands "$@"
}
(( $+functions[_ferry__subcmd__run_commands] )) ||
_ferry__subcmd__run_commands() {
    local commands; commands=()
    _describe -t commands 'ferry run commands' commands "$@"
}
(( $+functions[_ferry__subcmd__save_commands] )) ||
_ferry__subcmd__save_commands() {
    local commands; commands=()
    _describe -t commands 'ferry save commands' commands "$@"
}
(( $+functions[_ferry__subcmd__start_commands] )) ||
_ferry__subcmd__start_commands() {
    local commands; commands=()
    _describe -t commands 'ferry start commands' commands "$@"
}
(( $+functions[_ferry__subcmd__stop_commands] )) ||
_ferry__subcmd__stop_commands() {
    local commands; commands=()
    _describe -t commands 'ferry stop commands' commands "$@"
}
(( $+functions[_ferry__subcmd__system_commands] )) ||
_ferry__subcmd__system_commands() {
    local commands; commands=(
'check:Check the store for damage and leftovers, and optionally repair them' \
'df:Show disk usage of images and layers' \
'prune:Remove unused images, build leftovers and interrupted work' \
'reset:Remove everything ferry stores' \
'info:Show system information' \
'service:Serve the Docker Engine API on a socket until idle' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry system commands' commands "$@"
}
(( $+functions[_ferry__subcmd__system__subcmd__check_commands] )) ||
_ferry__subcmd__system__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'ferry system check commands' commands "$@"
}
(( $+functions[_ferry__subcmd__system__subcmd__df_commands] )) ||
_ferry__subcmd__system__subcmd__df_commands() {
    local commands; commands=()
    _describe -t commands 'ferry system df commands' commands "$@"
}
(( $+functions[_ferry__subcmd__system__subcmd__help_commands] )) ||
_ferry__subcmd__system__subcmd__help_commands() {
    local commands; commands=(
'check:Check the store for damage and leftovers, and optionally repair them' \
'df:Show disk usage of images and layers' \
'prune:Remove unused images, build leftovers and interrupted work' \
'reset:Remove everything ferry stores' \
'info:Show system information' \
'service:Serve the Docker Engine API on a socket until idle' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry system help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__system__subcmd__help__subcmd__check_commands] )) ||
_ferry__subcmd__system__subcmd__help__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'ferry system help check commands' commands "$@"
}
(( $+functions[_ferry__subcmd__system__subcmd__help__subcmd__df_commands] )) ||
_ferry__subcmd__system__subcmd__help__subcmd__df_commands() {
    local commands; commands=()
    _describe -t commands 'ferry system help df commands' commands "$@"
}
(( $+functions[_ferry__subcmd__system__subcmd__help__subcmd__help_commands] )) ||
_ferry__subcmd__system__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'ferry system help help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__system__subcmd__help__subcmd__info_commands] )) ||
_ferry__subcmd__system__subcmd__help__subcmd__info_commands() {
    local commands; commands=()
    _describe -t commands 'ferry system help info commands' commands "$@"
}
(( $+functions[_ferry__subcmd__system__subcmd__help__subcmd__prune_commands] )) ||
_ferry__subcmd__system__subcmd__help__subcmd__prune_commands() {
    local commands; commands=()
    _describe -t commands 'ferry system help prune commands' commands "$@"
}
(( $+functions[_ferry__subcmd__system__subcmd__help__subcmd__reset_commands] )) ||
_ferry__subcmd__system__subcmd__help__subcmd__reset_commands() {
    local commands; commands=()
    _describe -t commands 'ferry system help reset commands' commands "$@"
}
(( $+functions[_ferry__subcmd__system__subcmd__help__subcmd__service_commands] )) ||
_ferry__subcmd__system__subcmd__help__subcmd__service_commands() {
    local commands; commands=()
    _describe -t commands 'ferry system help service commands' commands "$@"
}
(( $+functions[_ferry__subcmd__system__subcmd__info_commands] )) ||
_ferry__subcmd__system__subcmd__info_commands() {
    local commands; commands=()
    _describe -t commands 'ferry system info commands' commands "$@"
}
(( $+functions[_ferry__subcmd__system__subcmd__prune_commands] )) ||
_ferry__subcmd__system__subcmd__prune_commands() {
    local commands; commands=()
    _describe -t commands 'ferry system prune commands' commands "$@"
}
(( $+functions[_ferry__subcmd__system__subcmd__reset_commands] )) ||
_ferry__subcmd__system__subcmd__reset_commands() {
    local commands; commands=()
    _describe -t commands 'ferry system reset commands' commands "$@"
}
(( $+functions[_ferry__subcmd__system__subcmd__service_commands] )) ||
_ferry__subcmd__system__subcmd__service_commands() {
    local commands; commands=()
    _describe -t commands 'ferry system service commands' commands "$@"
}
(( $+functions[_ferry__subcmd__tag_commands] )) ||
_ferry__subcmd__tag_commands() {
    local commands; commands=()
    _describe -t commands 'ferry tag commands' commands "$@"
}
(( $+functions[_ferry__subcmd__top_commands] )) ||
_ferry__subcmd__top_commands() {
    local commands; commands=()
    _describe -t commands 'ferry top commands' commands "$@"
}
(( $+functions[_ferry__subcmd__unmount_commands] )) ||
_ferry__subcmd__unmount_commands() {
    local commands; commands=()
    _describe -t commands 'ferry unmount commands' commands "$@"
}
(( $+functions[_ferry__subcmd__unshare_commands] )) ||
_ferry__subcmd__unshare_commands() {
    local commands; commands=()
    _describe -t commands 'ferry unshare commands' commands "$@"
}
(( $+functions[_ferry__subcmd__untag_commands] )) ||
_ferry__subcmd__untag_commands() {
    local commands; commands=()
    _describe -t commands 'ferry untag commands' commands "$@"
}
(( $+functions[_ferry__subcmd__version_commands] )) ||
_ferry__subcmd__version_commands() {
    local commands; commands=()
    _describe -t commands 'ferry version commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume_commands] )) ||
_ferry__subcmd__volume_commands() {
    local commands; commands=(
'create:Create a volume' \
'ls:List volumes' \
'list:List volumes' \
'inspect:Show the details of volumes' \
'rm:Remove volumes' \
'remove:Remove volumes' \
'prune:Remove all volumes no container uses' \
'exists:Check whether a volume exists (exit 0 if it does, 1 if not)' \
'export:Write a volume'\''s content to a tar archive' \
'import:Unpack a tar archive into a volume' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry volume commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__create_commands] )) ||
_ferry__subcmd__volume__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'ferry volume create commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__exists_commands] )) ||
_ferry__subcmd__volume__subcmd__exists_commands() {
    local commands; commands=()
    _describe -t commands 'ferry volume exists commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__export_commands] )) ||
_ferry__subcmd__volume__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'ferry volume export commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__help_commands] )) ||
_ferry__subcmd__volume__subcmd__help_commands() {
    local commands; commands=(
'create:Create a volume' \
'ls:List volumes' \
'inspect:Show the details of volumes' \
'rm:Remove volumes' \
'prune:Remove all volumes no container uses' \
'exists:Check whether a volume exists (exit 0 if it does, 1 if not)' \
'export:Write a volume'\''s content to a tar archive' \
'import:Unpack a tar archive into a volume' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry volume help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__help__subcmd__create_commands] )) ||
_ferry__subcmd__volume__subcmd__help__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'ferry volume help create commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__help__subcmd__exists_commands] )) ||
_ferry__subcmd__volume__subcmd__help__subcmd__exists_commands() {
    local commands; commands=()
    _describe -t commands 'ferry volume help exists commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__help__subcmd__export_commands] )) ||
_ferry__subcmd__volume__subcmd__help__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'ferry volume help export commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__help__subcmd__help_commands] )) ||
_ferry__subcmd__volume__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'ferry volume help help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__help__subcmd__import_commands] )) ||
_ferry__subcmd__volume__subcmd__help__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'ferry volume help import commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__help__subcmd__inspect_commands] )) ||
_ferry__subcmd__volume__subcmd__help__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry volume help inspect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__help__subcmd__ls_commands] )) ||
_ferry__subcmd__volume__subcmd__help__subcmd__ls_commands() {
    local commands; commands=()
    _describe -t commands 'ferry volume help ls commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__help__subcmd__prune_commands] )) ||
_ferry__subcmd__volume__subcmd__help__subcmd__prune_commands() {
    local commands; commands=()
    _describe -t commands 'ferry volume help prune commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__help__subcmd__rm_commands] )) ||
_ferry__subcmd__volume__subcmd__help__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'ferry volume help rm commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__import_commands] )) ||
_ferry__subcmd__volume__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'ferry volume import commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__inspect_commands] )) ||
_ferry__subcmd__volume__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'ferry volume inspect commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__ls_commands] )) ||
_ferry__subcmd__volume__subcmd__ls_commands() {
    local commands; commands=()
    _describe -t commands 'ferry volume ls commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__prune_commands] )) ||
_ferry__subcmd__volume__subcmd__prune_commands() {
    local commands; commands=()
    _describe -t commands 'ferry volume prune commands' commands "$@"
}
(( $+functions[_ferry__subcmd__volume__subcmd__rm_commands] )) ||
_ferry__subcmd__volume__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'ferry volume rm commands' commands "$@"
}
(( $+functions[_ferry__subcmd__wait_commands] )) ||
_ferry__subcmd__wait_commands() {
    local commands; commands=()
    _describe -t commands 'ferry wait commands' commands "$@"
}

if [ "$funcstack[1]" = "_ferry" ]; then
    _ferry "$@"
else
    compdef _ferry ferry
fi
