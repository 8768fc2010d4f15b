#!/usr/bin/env bash
# keep-id benchmark: the first and later starts of `run --rm --userns=keep-id IMG true` on a
# ~200 MB image, rootless, ferry against podman (runc, native overlay) on the same image imported
# into both stores. The first start pays for the image's layers with shifted owners (ferry: one
# copy per mapping, reused by every later keep-id container; podman: its storage chown). Run as
# root on the test machine (after `CI_SETUP_ONLY=1 bash .ci/run`); runs happen as BENCH_USER
# (default ferrytest). SIZE_MB (default 200) sets the image size. FERRY_BIN=path benchmarks that
# binary instead of building the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
USER_NAME=${BENCH_USER:-ferrytest}
SIZE_MB=${SIZE_MB:-200}
LATER_RUNS=${LATER_RUNS:-10}

for pkg in podman runc uidmap busybox-static python3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null; }
done
if [ -z "${FERRY_BIN:-}" ]; then
  cargo build --release --quiet
  FERRY_BIN=target/release/ferry
fi
install -m 755 "$FERRY_BIN" /usr/local/bin/ferry-bench

work=$(mktemp -d /tmp/ferry-bench.XXXXXX)
chmod 755 "$work"
home=$work/home; run=$work/run
as_user() { setpriv --reuid="$USER_NAME" --regid="$USER_NAME" --init-groups env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$home" XDG_RUNTIME_DIR="$run" "$@"; }
cleanup() {
  as_user podman system reset -f >/dev/null 2>&1 || true
  as_user /usr/local/bin/ferry-bench system reset -f >/dev/null 2>&1 || true
  rm -rf "$work" /usr/local/bin/ferry-bench
}
trap cleanup EXIT

# --- the image: busybox plus SIZE_MB of files in 1 MiB pieces, some owned by uid 33 ---
rootfs=$work/rootfs
mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp" "$rootfs/root" "$rootfs/data/www"
cp /bin/busybox "$rootfs/bin/busybox"
for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -s busybox "$rootfs/bin/$a"; done
printf 'root:x:0:0:root:/root:/bin/sh\nwww-data:x:33:33::/data/www:/bin/sh\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nwww-data:x:33:\n' > "$rootfs/etc/group"
for i in $(seq 1 "$SIZE_MB"); do
  d=$rootfs/data/d$((i % 20)); mkdir -p "$d"
  head -c 1048576 /dev/urandom > "$d/f$i"
done
chown -R 33:33 "$rootfs/data/www"
tar -C "$rootfs" --numeric-owner -cf "$work/rootfs.tar" .
rm -rf "$rootfs"

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
chmod 644 "$work/rootfs.tar"

img=localhost/bench-big:latest
path_change="ENV=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
as_user /usr/local/bin/ferry-bench import -q --change "$path_change" "$work/rootfs.tar" "$img" >/dev/null
as_user podman import -q --change "$path_change" "$work/rootfs.tar" "$img" 2>&1 >/dev/null | { grep -v "is not a shared mount" >&2 || true; }
sync

cat > "$work/time.py" <<'PY'
import json, statistics, subprocess, sys, time
later = int(sys.argv[1])
cmds = json.loads(sys.argv[2])
def once(argv):
    t = time.perf_counter()
    subprocess.run(argv, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - t) * 1000
res = {}
for name, argv in cmds.items():
    first = once(argv)
    rest = [once(argv) for _ in range(later)]
    res[name] = (first, statistics.median(rest))
for name, (first, med) in res.items():
    print(f"{name:7s} first start {first:9.1f} ms   later starts (median of {later}) {med:7.1f} ms")
f, p = res["ferry"], res["podman"]
print(f"ratio ferry/podman: first {f[0]/p[0]:.3f}   later {f[1]/p[1]:.3f}")
PY
cmds=$(python3 -c 'import json,sys; a=sys.argv[1:]; i=a.index("--"); print(json.dumps({"ferry": a[:i], "podman": a[i+1:]}))' \
  /usr/local/bin/ferry-bench run --rm --network none --userns=keep-id "$img" true -- \
  podman run --rm --network none --userns=keep-id "$img" true)
echo "keep-id starts, ${SIZE_MB} MiB image, rootless ($USER_NAME), $(nproc) cores"
as_user python3 "$work/time.py" "$LATER_RUNS" "$cmds"
