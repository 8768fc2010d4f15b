#!/usr/bin/env bash
# A tour of ferry's everyday workflow, offline, on a fresh Debian 12 machine: build a small web
# app from a multi-stage Containerfile, run it detached with a bind mount and a published port,
# fetch its page, read its logs, exec into it, list, stop and remove it, push it to a local
# registry and pull it back, use a volume, and let two containers talk by name on a network.
# Every ferry command is printed before it runs.
#
# Run as root: it installs the Debian packages ferry uses (busybox-static for the base image,
# uidmap, docker-registry, curl, pasta, slirp4netns, iproute2, nftables), builds ferry
# (`cargo build --release`; set FERRY=/path/to/ferry to use another binary), creates the user
# `ferrydemo` (DEMO_USER=NAME for another) with subordinate ids if needed, and runs the tour
# rootless as that user. Run as a user with subordinate ids, it runs the tour as you.
# Either way it works in a fresh store under /tmp and removes everything it made when it ends
# (the demo user stays: `userdel -r ferrydemo` removes it).
set -euo pipefail
script=$(realpath "$0")
repo=$(dirname "$(dirname "$script")")

# ---------------------------------------------------------------------------------------------
# As root: set the machine up, then run this script again as the demo user.
if [ "$(id -u)" = 0 ]; then
  need=()
  for pkg_cmd in busybox-static:/bin/busybox uidmap:/usr/bin/newuidmap \
    docker-registry:/usr/bin/docker-registry curl:/usr/bin/curl passt:/usr/bin/pasta \
    slirp4netns:/usr/bin/slirp4netns iproute2:/usr/sbin/ip nftables:/usr/sbin/nft; do
    [ -x "${pkg_cmd#*:}" ] || need+=("${pkg_cmd%%:*}")
  done
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]}"
    apt-get update -qq
    # A policy-rc.d keeps docker-registry's package from starting its own service.
    own_policy=
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
      chmod 755 /usr/sbin/policy-rc.d
      own_policy=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    [ -z "$own_policy" ] || rm -f /usr/sbin/policy-rc.d
  fi
  if [ -z "${FERRY:-}" ]; then
    (cd "$repo" && cargo build --release --quiet)
    FERRY=$repo/target/release/ferry
  fi
  user=${DEMO_USER:-ferrydemo}
  if ! id "$user" >/dev/null 2>&1; then
    echo "creating the user $user"
    useradd --create-home --shell /bin/bash "$user"
  fi
  # useradd gives a new user subordinate ids on Debian 12; an older user may have none.
  # The first id above every range already given out:
  start=$(cat /etc/subuid /etc/subgid 2>/dev/null |
    awk -F: 'BEGIN { m = 100000 } { if ($2 + $3 > m) m = $2 + $3 } END { print m }')
  for f in /etc/subuid /etc/subgid; do
    grep -q "^$user:" "$f" 2>/dev/null || echo "$user:$start:65536" >>"$f"
  done
  # The user runs copies of ferry and of this script: the checkout may not be readable to it.
  bin=$(mktemp -d /tmp/ferry-demo-bin.XXXXXX)
  trap 'rm -rf "$bin"' EXIT
  chmod 755 "$bin"
  install -m 755 "$FERRY" "$bin/ferry"
  install -m 755 "$script" "$bin/demo.sh"
  home=$(getent passwd "$user" | cut -d: -f6)
  status=0
  setpriv --reuid="$user" --regid="$user" --init-groups --reset-env \
    env HOME="$home" FERRY="$bin/ferry" TERM="${TERM:-dumb}" \
    ${CONTAINERS_CONF:+CONTAINERS_CONF="$CONTAINERS_CONF"} \
    bash "$bin/demo.sh" || status=$?
  exit "$status"
fi

# ---------------------------------------------------------------------------------------------
# The tour, as an unprivileged user.
if [ -z "${FERRY:-}" ]; then
  (cd "$repo" && cargo build --release --quiet)
  FERRY=$repo/target/release/ferry
fi
FERRY=$(realpath "$FERRY")
grep -q "^$(id -un):" /etc/subuid || {
  echo "$(id -un) has no subordinate ids in /etc/subuid: run this script as root once" >&2
  exit 1
}

if [ -t 1 ]; then bold=$'\e[1m' dim=$'\e[2m' off=$'\e[0m'; else bold='' dim='' off=''; fi
say() { printf '\n%s# %s%s\n' "$dim" "$*" "$off"; }
# Prints a command line as a tutorial shows it.
show() { printf '%s$ %s%s\n' "$bold" "$*" "$off"; }
# One word as it would be typed: quoted when the shell would otherwise split or expand it.
quote() {
  if [[ $1 =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then
    printf '%s' "$1"
  else
    printf "'%s'" "${1//\'/\'\\\'\'}"
  fi
}
# Prints a ferry command, then runs it.
ferry() {
  local line=ferry arg
  for arg in "$@"; do line+=" $(quote "$arg")"; done
  show "$line"
  "$FERRY" "$@"
}

# A private store, runtime directory and configuration directory for the demo.
work=$(mktemp -d /tmp/ferry-demo.XXXXXX)
export XDG_DATA_HOME=$work/data XDG_RUNTIME_DIR=$work/run XDG_CONFIG_HOME=$work/config
mkdir -m 700 "$work/run"
registry_pid=
cleanup() {
  set +e
  "$FERRY" system reset -f >/dev/null 2>&1
  if [ -n "$registry_pid" ]; then
    kill "$registry_pid" 2>/dev/null
    wait "$registry_pid" 2>/dev/null
  fi
  "$FERRY" unshare rm -rf "$work/data" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free TCP port on 127.0.0.1, starting from $1.
free_port() {
  local p=$1
  while (: <"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

# The base image: Debian's static busybox as a root filesystem (no network needed).
mkdir -p "$work/rootfs/bin" "$work/rootfs/etc" "$work/rootfs/tmp"
cp /bin/busybox "$work/rootfs/bin/busybox"
for app in $(/bin/busybox --list); do
  [ "$app" = busybox ] || ln -s busybox "$work/rootfs/bin/$app"
done
printf 'root:x:0:0:root:/root:/bin/sh\nwww-data:x:33:33:www-data:/var/www:/bin/sh\n' >"$work/rootfs/etc/passwd"
printf 'root:x:0:\nwww-data:x:33:\n' >"$work/rootfs/etc/group"
tar -C "$work/rootfs" --numeric-owner -czf "$work/busybox.tar.gz" .

echo "ferry $("$FERRY" version --format '{{.Client.Version}}' 2>/dev/null || true), rootless as $(id -un); store in $XDG_DATA_HOME"

say "A base image from a root filesystem tarball (busybox), so that nothing is downloaded"
ferry import --change 'CMD ["sh"]' "$work/busybox.tar.gz" busybox

say "A small web app: the first stage builds the page, the second serves it with busybox httpd"
mkdir "$work/app"
cd "$work/app"
cat >Containerfile <<'EOF'
FROM busybox AS build
WORKDIR /src
COPY page.txt .
RUN mkdir /out && { echo '<h1>Hello from ferry</h1>'; sed 's/.*/<p>&<\/p>/' page.txt; } >/out/index.html

FROM busybox
COPY --from=build /out /www
RUN ln -s /app /www/app
EXPOSE 8080
CMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/www"]
EOF
echo "This page was built in the first stage of a multi-stage build." >page.txt
echo "hello from the host directory mounted at /app" >hello.txt
show "cat Containerfile"
cat Containerfile
ferry build -t webapp .
ferry images

port=$(free_port 8080)
[ "$port" = 8080 ] || say "port 8080 is taken on this machine: using $port instead"
say "Run it in the background, with this directory mounted at /app and port $port published
# (--init: a tiny init as PID 1 passes stop's SIGTERM on; httpd alone as PID 1 would ignore it)"
ferry run -d --init --name web -v "$(pwd)":/app -p "$port":8080 webapp
ferry ps
show "curl -s http://127.0.0.1:$port/"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
curl -sS "http://127.0.0.1:$port/"
show "curl -s http://127.0.0.1:$port/app/hello.txt"
curl -sS "http://127.0.0.1:$port/app/hello.txt"
say "The mount is live: change the file on the host and fetch it again"
show "echo 'edited on the host' > hello.txt"
echo 'edited on the host' >hello.txt
show "curl -s http://127.0.0.1:$port/app/hello.txt"
curl -sS "http://127.0.0.1:$port/app/hello.txt"
ferry logs web
ferry exec web ls -l /www
ferry exec web sh -c 'echo "inside: $(hostname), pid 1 is $(cat /proc/1/comm)"'
ferry stop web
ferry ps -a
ferry rm web

port=$(free_port 5000)
say "A registry on 127.0.0.1:$port (Debian's docker-registry), plain HTTP"
cat >"$work/registry.yml" <<EOF
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
EOF
/usr/bin/docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/v2/" >/dev/null || {
  cat "$work/registry.log" >&2
  exit 1
}
ferry push --tls-verify=false webapp "127.0.0.1:$port/demo/webapp:1"
ferry rmi webapp
ferry images
ferry pull --tls-verify=false "127.0.0.1:$port/demo/webapp:1"
ferry images

say "A named volume keeps data between containers"
ferry volume create notes
ferry run --rm -v notes:/data busybox sh -c 'echo "written by the first container" > /data/note'
ferry run --rm -v notes:/data busybox cat /data/note
ferry volume ls

say "Two containers on a named network find each other by name"
ferry network create demo-net
ferry run -d --name api --network demo-net "127.0.0.1:$port/demo/webapp:1"
ferry run --rm --network demo-net busybox sh -c 'for i in $(seq 50); do wget -qO- http://api:8080/ && exit; sleep 0.1; done; exit 1'
ferry rm -f api
ferry network rm demo-net
ferry volume rm notes
ferry rmi "127.0.0.1:$port/demo/webapp:1" busybox
ferry images

say "Done. Everything the demo made is removed when it exits."
