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

. benches/lib.sh
bench_packages podman runc uidmap busybox-static python3
bench_ferry
bench_env keepid

# --- the image: busybox plus SIZE_MB of files in 1 MiB pieces, some owned by uid 33 ---
rootfs=$work/rootfs
bench_busybox_rootfs "$rootfs"
mkdir -p "$rootfs/data/www"
printf 'www-data:x:33:33::/data/www:/bin/sh\n' >> "$rootfs/etc/passwd"
printf 'www-data:x:33:\n' >> "$rootfs/etc/group"
for i in $(seq 1 "$SIZE_MB"); do
  d=$rootfs/data/d$((i % 20)); mkdir -p "$d"
  head -c 1048576 /dev/urandom > "$d/f$i"
done
chown -R 33:33 "$rootfs/data/www"
tar -C "$rootfs" --numeric-owner -cf "$work/rootfs.tar" .
rm -rf "$rootfs"
img=localhost/bench-big:latest
bench_import "$work/rootfs.tar" "$img"
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
