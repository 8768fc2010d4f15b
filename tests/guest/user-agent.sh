#!/bin/bash
# ferry test guest: the test user's agent (ferry-user-agent.service of the user's systemd
# manager, so in user@UID.service/app.slice with the delegated controllers). It runs the jobs the
# system agent hands it, with the manager's environment (XDG_RUNTIME_DIR, the user bus), and
# reports "<id> <exit code>" back.
set -u

fifo=$XDG_RUNTIME_DIR/ferry-agent.fifo
done_fifo=/run/ferry-agent/done.fifo

tmp=$fifo.$$
rm -f "$tmp"
mkfifo -m 0600 "$tmp" || exit 1
# Read-write, so the fifo never reaches end of file between the system agent's writes; renamed
# only once open, so the system agent never writes to a fifo nobody reads.
exec 4<>"$tmp"
mv "$tmp" "$fifo" || exit 1

while IFS= read -r id <&4; do
    case $id in
    '' | *[!0-9]*) continue ;;
    esac
    (
        dir=/share/jobs/$id
        cd "$HOME" && bash "$dir/script" </dev/null >"$dir/stdout" 2>"$dir/stderr"
        echo "$id $?" >"$done_fifo"
    ) &
done
