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
'--sig-proxy=[Forward signals ferry receives to the container]:BOOL:(true false)' \
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
'--network=[Network mode\: private (loopback only, the default), none (same) or host]:MODE:_default' \
'--read-only-tmpfs=[With --read-only, mount writable tmpfs on /dev, /tmp, /var/tmp and /run]:BOOL:(true false)' \
'*-l+[Set a label on the container (KEY=VALUE)]:LABEL:_default' \
'*--label=[Set a label on the container (KEY=VALUE)]:LABEL:_default' \
'*--annotation=[Add an annotation to the container'\''s runtime spec (KEY=VALUE)]:ANNOTATION:_default' \
'*--ulimit=[Set a resource limit\: NAME=SOFT\[\:HARD\] (e.g. nofile=1024\:2048)]:ULIMIT:_default' \
'*--cap-add=[Add a Linux capability (or ALL)]:CAP:_default' \
'*--cap-drop=[Drop a Linux capability (or ALL)]:CAP:_default' \
'*--security-opt=[Security options\: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=ALL|PATHS]:OPT:_default' \
'--pull=[Pull policy\: always, missing, never or newer]::POLICY:_default' \
'--cidfile=[Write the container id to this file]:FILE:_files' \
'--log-driver=[Where the container'\''s output goes\: k8s-file (the container log), none, or passthrough (ferry'\''s own stdout and stderr, not logged)]:DRIVER:_default' \
'*--log-opt=[Log driver options\: max-size=SIZE (the log is truncated when it would grow past SIZE, e.g. 10mb)]:OPT:_default' \
'--stop-signal=[Signal that stops the container (default\: the image'\''s StopSignal, else SIGTERM)]:SIGNAL:_default' \
'--stop-timeout=[Seconds \`stop\` waits before killing the container]:SECONDS:_default' \
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
'--read-only[Mount the container'\''s root filesystem read-only]' \
'--privileged[Give the container all capabilities, no seccomp filter and no masked paths]' \
'--init[Run a minimal init as PID 1 that forwards signals and reaps zombies]' \
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
'-v[Remove the container'\''s anonymous volumes (accepted; ferry has no volumes yet)]' \
'--volumes[Remove the container'\''s anonymous volumes (accepted; ferry has no volumes yet)]' \
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
'-v[Remove the container'\''s anonymous volumes (accepted; ferry has no volumes yet)]' \
'--volumes[Remove the container'\''s anonymous volumes (accepted; ferry has no volumes yet)]' \
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
'--network=[Network mode\: private (loopback only, the default), none (same) or host]:MODE:_default' \
'--read-only-tmpfs=[With --read-only, mount writable tmpfs on /dev, /tmp, /var/tmp and /run]:BOOL:(true false)' \
'*-l+[Set a label on the container (KEY=VALUE)]:LABEL:_default' \
'*--label=[Set a label on the container (KEY=VALUE)]:LABEL:_default' \
'*--annotation=[Add an annotation to the container'\''s runtime spec (KEY=VALUE)]:ANNOTATION:_default' \
'*--ulimit=[Set a resource limit\: NAME=SOFT\[\:HARD\] (e.g. nofile=1024\:2048)]:ULIMIT:_default' \
'*--cap-add=[Add a Linux capability (or ALL)]:CAP:_default' \
'*--cap-drop=[Drop a Linux capability (or ALL)]:CAP:_default' \
'*--security-opt=[Security options\: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=ALL|PATHS]:OPT:_default' \
'--pull=[Pull policy\: always, missing, never or newer]::POLICY:_default' \
'--cidfile=[Write the container id to this file]:FILE:_files' \
'--log-driver=[Where the container'\''s output goes\: k8s-file (the container log), none, or passthrough (ferry'\''s own stdout and stderr, not logged)]:DRIVER:_default' \
'*--log-opt=[Log driver options\: max-size=SIZE (the log is truncated when it would grow past SIZE, e.g. 10mb)]:OPT:_default' \
'--stop-signal=[Signal that stops the container (default\: the image'\''s StopSignal, else SIGTERM)]:SIGNAL:_default' \
'--stop-timeout=[Seconds \`stop\` waits before killing the container]:SECONDS:_default' \
'--tls-verify=[Require HTTPS and verify certificates (default\: true unless registries.conf marks the registry insecure)]::BOOL:(true false)' \
'--creds=[Credentials (USERNAME\[\:PASSWORD\]) for the registry]:USERNAME[:PASSWORD]:_default' \
'--authfile=[Path of the authentication file (default\: \${XDG_RUNTIME_DIR}/containers/auth.json)]:PATH:_files' \
'--cert-dir=[Directory with certificates (*.crt, *.cert, *.key) for the registry]:DIR:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-i[Keep stdin open and forward it to the container]' \
'--interactive[Keep stdin open and forward it to the container]' \
'--read-only[Mount the container'\''s root filesystem read-only]' \
'--privileged[Give the container all capabilities, no seccomp filter and no masked paths]' \
'--init[Run a minimal init as PID 1 that forwards signals and reaps zombies]' \
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
'-v[Remove the container'\''s anonymous volumes (accepted; ferry has no volumes yet)]' \
'--volumes[Remove the container'\''s anonymous volumes (accepted; ferry has no volumes yet)]' \
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
'--network=[Network mode\: private (loopback only, the default), none (same) or host]:MODE:_default' \
'--read-only-tmpfs=[With --read-only, mount writable tmpfs on /dev, /tmp, /var/tmp and /run]:BOOL:(true false)' \
'*-l+[Set a label on the container (KEY=VALUE)]:LABEL:_default' \
'*--label=[Set a label on the container (KEY=VALUE)]:LABEL:_default' \
'*--annotation=[Add an annotation to the container'\''s runtime spec (KEY=VALUE)]:ANNOTATION:_default' \
'*--ulimit=[Set a resource limit\: NAME=SOFT\[\:HARD\] (e.g. nofile=1024\:2048)]:ULIMIT:_default' \
'*--cap-add=[Add a Linux capability (or ALL)]:CAP:_default' \
'*--cap-drop=[Drop a Linux capability (or ALL)]:CAP:_default' \
'*--security-opt=[Security options\: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=ALL|PATHS]:OPT:_default' \
'--pull=[Pull policy\: always, missing, never or newer]::POLICY:_default' \
'--cidfile=[Write the container id to this file]:FILE:_files' \
'--log-driver=[Where the container'\''s output goes\: k8s-file (the container log), none, or passthrough (ferry'\''s own stdout and stderr, not logged)]:DRIVER:_default' \
'*--log-opt=[Log driver options\: max-size=SIZE (the log is truncated when it would grow past SIZE, e.g. 10mb)]:OPT:_default' \
'--stop-signal=[Signal that stops the container (default\: the image'\''s StopSignal, else SIGTERM)]:SIGNAL:_default' \
'--stop-timeout=[Seconds \`stop\` waits before killing the container]:SECONDS:_default' \
'--tls-verify=[Require HTTPS and verify certificates (default\: true unless registries.conf marks the registry insecure)]::BOOL:(true false)' \
'--creds=[Credentials (USERNAME\[\:PASSWORD\]) for the registry]:USERNAME[:PASSWORD]:_default' \
'--authfile=[Path of the authentication file (default\: \${XDG_RUNTIME_DIR}/containers/auth.json)]:PATH:_files' \
'--cert-dir=[Directory with certificates (*.crt, *.cert, *.key) for the registry]:DIR:_files' \
'--root=[Path to the store of images and layers]:DIR:_files' \
'--runroot=[Path to runtime state (lock files, running containers)]:DIR:_files' \
'--log-level=[Messages to show on stderr]:LEVEL:(debug info warn error)' \
'-i[Keep stdin open and forward it to the container]' \
'--interactive[Keep stdin open and forward it to the container]' \
'--read-only[Mount the container'\''s root filesystem read-only]' \
'--privileged[Give the container all capabilities, no seccomp filter and no masked paths]' \
'--init[Run a minimal init as PID 1 that forwards signals and reaps zombies]' \
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
'wait:Wait for containers to stop and print their exit codes' \
'create:Create a container without starting it' \
'start:Start created or stopped containers' \
'logs:Show the logs of containers' \
'stop:Stop running containers' \
'kill:Send a signal to running containers' \
'restart:Restart containers' \
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
'pull:Pull images from a registry' \
'push:Push an image to a registry' \
'login:Log in to a registry' \
'logout:Log out of a registry' \
'manifest:Inspect manifests in registries' \
'unshare:Run a command in ferry'\''s rootless user namespace (to inspect or delete files owned by subordinate ids)' \
'system:Manage ferry itself' \
'info:Show system information' \
'version:Show version information' \
'completion:Print a shell completion script' \
'generate-docs:Write man pages and completion scripts (for packaging)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry commands' commands "$@"
}
(( $+functions[_ferry__subcmd__completion_commands] )) ||
_ferry__subcmd__completion_commands() {
    local commands; commands=()
    _describe -t commands 'ferry completion commands' commands "$@"
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
'wait:Wait for containers to stop and print their exit codes' \
'create:Create a container without starting it' \
'start:Start created or stopped containers' \
'logs:Show the logs of containers' \
'stop:Stop running containers' \
'kill:Send a signal to running containers' \
'restart:Restart containers' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry container commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__create_commands] )) ||
_ferry__subcmd__container__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container create commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__exists_commands] )) ||
_ferry__subcmd__container__subcmd__exists_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container exists commands' commands "$@"
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
'wait:Wait for containers to stop and print their exit codes' \
'create:Create a container without starting it' \
'start:Start created or stopped containers' \
'logs:Show the logs of containers' \
'stop:Stop running containers' \
'kill:Send a signal to running containers' \
'restart:Restart containers' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry container help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__create_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help create commands' commands "$@"
}
(( $+functions[_ferry__subcmd__container__subcmd__help__subcmd__exists_commands] )) ||
_ferry__subcmd__container__subcmd__help__subcmd__exists_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container help exists commands' commands "$@"
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
(( $+functions[_ferry__subcmd__container__subcmd__wait_commands] )) ||
_ferry__subcmd__container__subcmd__wait_commands() {
    local commands; commands=()
    _describe -t commands 'ferry container wait commands' commands "$@"
}
(( $+functions[_ferry__subcmd__create_commands] )) ||
_ferry__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'ferry create commands' commands "$@"
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
'wait:Wait for containers to stop and print their exit codes' \
'create:Create a container without starting it' \
'start:Start created or stopped containers' \
'logs:Show the logs of containers' \
'stop:Stop running containers' \
'kill:Send a signal to running containers' \
'restart:Restart containers' \
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
'pull:Pull images from a registry' \
'push:Push an image to a registry' \
'login:Log in to a registry' \
'logout:Log out of a registry' \
'manifest:Inspect manifests in registries' \
'unshare:Run a command in ferry'\''s rootless user namespace (to inspect or delete files owned by subordinate ids)' \
'system:Manage ferry itself' \
'info:Show system information' \
'version:Show version information' \
'completion:Print a shell completion script' \
'generate-docs:Write man pages and completion scripts (for packaging)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry help commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__completion_commands] )) ||
_ferry__subcmd__help__subcmd__completion_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help completion commands' commands "$@"
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
'wait:Wait for containers to stop and print their exit codes' \
'create:Create a container without starting it' \
'start:Start created or stopped containers' \
'logs:Show the logs of containers' \
'stop:Stop running containers' \
'kill:Send a signal to running containers' \
'restart:Restart containers' \
    )
    _describe -t commands 'ferry help container commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__create_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container create commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__exists_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__exists_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container exists commands' commands "$@"
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
(( $+functions[_ferry__subcmd__help__subcmd__container__subcmd__wait_commands] )) ||
_ferry__subcmd__help__subcmd__container__subcmd__wait_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help container wait commands' commands "$@"
}
(( $+functions[_ferry__subcmd__help__subcmd__create_commands] )) ||
_ferry__subcmd__help__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help create commands' commands "$@"
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
'pull:Pull images from a registry' \
'push:Push an image to a registry' \
    )
    _describe -t commands 'ferry help image commands' commands "$@"
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
'df:Show disk usage of images and layers' \
'prune:Remove unused images, build leftovers and interrupted work' \
'reset:Remove everything ferry stores' \
'info:Show system information' \
    )
    _describe -t commands 'ferry help system commands' commands "$@"
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
(( $+functions[_ferry__subcmd__help__subcmd__tag_commands] )) ||
_ferry__subcmd__help__subcmd__tag_commands() {
    local commands; commands=()
    _describe -t commands 'ferry help tag commands' commands "$@"
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
'pull:Pull images from a registry' \
'push:Push an image to a registry' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry image commands' commands "$@"
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
'pull:Pull images from a registry' \
'push:Push an image to a registry' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry image help commands' commands "$@"
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
'df:Show disk usage of images and layers' \
'prune:Remove unused images, build leftovers and interrupted work' \
'reset:Remove everything ferry stores' \
'info:Show system information' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry system commands' commands "$@"
}
(( $+functions[_ferry__subcmd__system__subcmd__df_commands] )) ||
_ferry__subcmd__system__subcmd__df_commands() {
    local commands; commands=()
    _describe -t commands 'ferry system df commands' commands "$@"
}
(( $+functions[_ferry__subcmd__system__subcmd__help_commands] )) ||
_ferry__subcmd__system__subcmd__help_commands() {
    local commands; commands=(
'df:Show disk usage of images and layers' \
'prune:Remove unused images, build leftovers and interrupted work' \
'reset:Remove everything ferry stores' \
'info:Show system information' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ferry system help commands' commands "$@"
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
(( $+functions[_ferry__subcmd__tag_commands] )) ||
_ferry__subcmd__tag_commands() {
    local commands; commands=()
    _describe -t commands 'ferry tag commands' commands "$@"
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
