# Shared set-up of the benchmark scripts (sourced, not run): packages, the ferry binary under
# test, a rootless environment for BENCH_USER with podman configured as it works on this machine
# (runc, overlay driver, `default_ulimits = []`), and a static busybox image in both stores.
# Each script runs as root and times its commands as the user.

# Installs the Debian packages that are missing.
bench_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null; }
  done
}

# Installs FERRY_BIN (default: a release build of the checkout) as /usr/local/bin/ferry-bench.
bench_ferry() {
  if [ -z "${FERRY_BIN:-}" ]; then
    cargo build --release --quiet
    FERRY_BIN=target/release/ferry
  fi
  install -m 755 "$FERRY_BIN" /usr/local/bin/ferry-bench
}

# Runs a command as USER_NAME with the benchmark's HOME and XDG_RUNTIME_DIR.
as_user() { setpriv --reuid="$USER_NAME" --regid="$USER_NAME" --init-groups env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$home" XDG_RUNTIME_DIR="$run" "$@"; }

# Store options for both tools: empty (the user's default stores) unless bench_root_stores ran.
ferry_flags=()
podman_flags=()

# As root (USER_NAME=root): both tools keep their stores in the benchmark's directory, so the
# machine's own root stores (/var/lib/ferry, /var/lib/containers) are never touched.
bench_root_stores() {
  ferry_flags=(--root "$work/ferry-root" --runroot "$work/ferry-runroot")
  podman_flags=(--root "$work/podman-root" --runroot "$work/podman-runroot")
}

bench_cleanup() {
  as_user podman "${podman_flags[@]}" rm -fa -t 0 >/dev/null 2>&1 || true
  if [ ${#podman_flags[@]} -eq 0 ]; then
    as_user podman system reset -f >/dev/null 2>&1 || true
  else
    # Not `system reset`: as root it would also delete the machine's podman networks.
    as_user podman "${podman_flags[@]}" rmi -af >/dev/null 2>&1 || true
  fi
  as_user /usr/local/bin/ferry-bench "${ferry_flags[@]}" rm -fa >/dev/null 2>&1 || true
  as_user /usr/local/bin/ferry-bench "${ferry_flags[@]}" system reset -f >/dev/null 2>&1 || true
  rm -rf "$work" /usr/local/bin/ferry-bench /usr/local/bin/ferry-baseline
}

# Sets `work`, `home` and `run` (a fresh directory NAME under /tmp, removed on exit with both
# stores) and writes podman's rootless configuration for USER_NAME.
bench_env() {
  work=$(mktemp -d "/tmp/ferry-bench-$1.XXXXXX")
  chmod 755 "$work"
  home=$work/home; run=$work/run
  trap bench_cleanup EXIT
  install -d -o "$USER_NAME" "$home" "$home/.config/containers"
  install -d -m 700 -o "$USER_NAME" "$run"
  cat > "$home/.config/containers/containers.conf" <<'CONF'
[containers]
default_ulimits = []
[engine]
runtime = "runc"
CONF
  cat > "$home/.config/containers/storage.conf" <<'CONF'
[storage]
driver = "overlay"
CONF
  chown -R "$USER_NAME" "$home"
}

# Fills DIR with a static busybox root filesystem (every applet linked, root in passwd/group).
bench_busybox_rootfs() {
  local rootfs=$1 a
  mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp" "$rootfs/root"
  cp /bin/busybox "$rootfs/bin/busybox"
  for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -s busybox "$rootfs/bin/$a"; done
  printf 'root:x:0:0:root:/root:/bin/sh\n' > "$rootfs/etc/passwd"
  printf 'root:x:0:\n' > "$rootfs/etc/group"
}

# Imports the rootfs tarball TAR as IMAGE into both stores (with a PATH, as images have).
bench_import() {
  local tar=$1 image=$2
  local path_change="ENV=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
  chmod 644 "$tar"
  as_user /usr/local/bin/ferry-bench "${ferry_flags[@]}" import -q --change "$path_change" "$tar" "$image" >/dev/null
  as_user podman "${podman_flags[@]}" import -q --change "$path_change" "$tar" "$image" 2>&1 >/dev/null | { grep -v "is not a shared mount" >&2 || true; }
}
