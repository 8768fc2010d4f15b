#!/bin/bash
# ferry test guest: the system agent (ferry-agent.service). It runs the jobs that the host's test
# harness (tests/it/support/guest.rs) posts, and reports each one back when it has finished.
#
# Protocol, over the virtio-serial port "ferry.agent" (a unix socket on the host):
#   guest -> host  "ready"    once: network up, share mounted, the test user's agent running
#   host  -> guest "<id>"     run the job in /share/jobs/<id>/: `script` (bash), `as` (root, user
#                             or login); jobs run concurrently
#   guest -> host  "<id>"     finished: /share/jobs/<id>/{stdout,stderr,rc} are complete
# When the host closes its end (the test process ended), the guest powers off.
#
# Under TCG every exec costs a few hundred milliseconds, so a job is one exec (its bash) here.
set -u

share=/share
user=ferrytest
uid=1000
user_fifo=/run/user/$uid/ferry-agent.fifo
done_fifo=/run/ferry-agent/done.fifo

fail() {
    echo "ferry-agent: $*" >&2
    exit 1
}

# udev loads virtio_console early in the boot; wait for it all the same.
port=
for _ in $(seq 300); do
    for p in /sys/class/virtio-ports/*; do
        if [ -e "$p/name" ] && [ "$(<"$p/name")" = ferry.agent ]; then
            port=/dev/${p##*/}
        fi
    done
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || fail "no virtio port named ferry.agent (qemu needs -device virtserialport,name=ferry.agent)"

# A network like a normal machine's on qemu's (restricted) user network, so that pasta and
# slirp4netns find an interface with a default route.
for _ in $(seq 300); do
    [ -e /sys/class/net/eth0 ] && break
    sleep 0.1
done
ip -batch /usr/local/lib/ferry-guest/network || fail "cannot configure eth0"

# The user agent creates its fifo once the user's manager has started it (lingering starts
# user@UID.service at boot).
for _ in $(seq 600); do
    [ -p "$user_fifo" ] && break
    sleep 0.1
done
[ -p "$user_fifo" ] || fail "the user agent of $user did not start (no $user_fifo)"

# The user agent reports "<id> <exit code>" of its jobs here.
mkdir -p "${done_fifo%/*}"
rm -f "$done_fifo"
mkfifo -m 0600 "$done_fifo" && chown "$user:" "$done_fifo" || fail "cannot create $done_fifo"

exec 3<>"$port"

finish() {
    echo "$2" >"$share/jobs/$1/rc"
    echo "$1" >&3
}

job() {
    local id=$1 dir=$share/jobs/$1 as
    read -r as <"$dir/as"
    # Output files the job's user may truncate (a rootless job opens them itself).
    umask 000
    : >"$dir/stdout"
    : >"$dir/stderr"
    umask 022
    case $as in
    root)
        (cd /root && exec bash "$dir/script") </dev/null >"$dir/stdout" 2>"$dir/stderr"
        finish "$id" $?
        ;;
    user)
        # Inside the user's systemd manager (user@UID.service), as a desktop session's programs.
        echo "$id" >"$user_fifo"
        ;;
    login)
        # A login session (user-UID.slice/session-N.scope, as over ssh), through pam_systemd.
        runuser -l "$user" -c "exec bash $dir/script" </dev/null >"$dir/stdout" 2>"$dir/stderr"
        finish "$id" $?
        ;;
    *)
        echo "ferry-agent: job $id: unknown user kind '$as'" >"$dir/stderr"
        finish "$id" 125
        ;;
    esac
}

exec 5<>"$done_fifo"
while read -r id rc <&5; do
    finish "$id" "$rc"
done &

# Blocks until the host has connected.
echo ready >&3
while IFS= read -r id <&3; do
    case $id in
    '' | *[!0-9]*) echo "ferry-agent: ignoring request '$id'" >&2 ;;
    *) job "$id" & ;;
    esac
done
# End of file: the host hung up. Nothing in the guest is worth keeping (its disk is a snapshot).
systemctl poweroff --force --force
