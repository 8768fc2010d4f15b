#!/usr/bin/env bash
# End-to-end demo, offline, on a fresh Debian 12 machine: installs what ferry needs, builds it,
# makes a busybox root filesystem from Debian's busybox-static, imports it as an image, then
# lists, inspects, saves and loads it and runs containers from it. Run as root (it installs packages); set DEMO_USER to an
# unprivileged user with /etc/subuid ranges to run the ferry part rootless.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ] && ! command -v busybox >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static uidmap >/dev/null
fi
cargo build --release --quiet
bin=$(pwd)/target/release/ferry

work=$(mktemp -d /tmp/ferry-demo.XXXXXX)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rootfs/bin" "$work/rootfs/etc"
cp /bin/busybox "$work/rootfs/bin/busybox"
for app in sh ls cat echo id true sleep; do ln -s busybox "$work/rootfs/bin/$app"; done
printf 'root:x:0:0:root:/root:/bin/sh\nwww-data:x:33:33:www-data:/var/www:/bin/sh\n' > "$work/rootfs/etc/passwd"
printf 'root:x:0:\nwww-data:x:33:\n' > "$work/rootfs/etc/group"
tar -C "$work/rootfs" --numeric-owner -czf "$work/busybox.tar.gz" .
chmod -R a+rX "$work"

run() {
  echo "+ ferry $*"
  if [ -n "${DEMO_USER:-}" ]; then
    setpriv --reuid="$DEMO_USER" --regid="$DEMO_USER" --init-groups \
      env HOME="$work/home" XDG_RUNTIME_DIR="$work/run" "$bin" "$@"
  else
    "$bin" --root "$work/store" --runroot "$work/run" "$@"
  fi
}
install -d -m 1777 "$work/out"
if [ -n "${DEMO_USER:-}" ]; then
  install -d -o "$DEMO_USER" "$work/home" "$work/run"
fi

run import --change 'CMD ["sh"]' --message "busybox from Debian" "$work/busybox.tar.gz" busybox
run images
run image inspect --format '{{.Id}} {{.Architecture}} {{.Config.Cmd}} {{.RootFS.Layers}}' busybox
run history busybox
run tag busybox demo/busybox:1
run save -o "$work/out/busybox.tar" busybox
run rmi demo/busybox:1 busybox
run load -i "$work/out/busybox.tar"
run images --format '{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}'
run run --rm busybox echo hello from a ferry container
run run --name demo busybox sh -c 'id; cat /proc/self/uid_map; exit 3' || echo "exit code: $?"
run ps -a
run rm demo
run info --format '{{.Store.GraphRoot}} rootless={{.Host.Security.Rootless}}'
