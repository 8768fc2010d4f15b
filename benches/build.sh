#!/usr/bin/env bash
# Build benchmark: cold (`--no-cache`) and fully cached builds of one multi-step Containerfile
# (FROM a local busybox, ENV, WORKDIR, COPY of a 1 MB context, five RUN steps, CMD), rootless,
# ferry against `podman build` (runc, overlay driver), each tool with its default RUN network
# (a private one), and ferry's cold build also with `--network none`, which shows what the
# private network costs. Prints medians, p10/p90 and ratios. Run as root on the test machine (after
# `CI_SETUP_ONLY=1 bash .ci/run`); the builds run as BENCH_USER (default ferrytest). RUNS (default
# 20) builds per tool and kind, interleaved. FERRY_BIN=path benchmarks that binary instead of
# building the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-20}
USER_NAME=${BENCH_USER:-ferrytest}

. benches/lib.sh
bench_packages podman runc uidmap busybox-static python3
bench_ferry
bench_env build

# --- the base image: static busybox with its applet links, as a rootfs tarball ---
bench_busybox_rootfs "$work/rootfs"
tar -C "$work/rootfs" --numeric-owner --owner=0 --group=0 -cf "$work/rootfs.tar" .
base=localhost/bench-base:latest
bench_import "$work/rootfs.tar" "$base"

# --- the context: a 1 MB file and the Containerfile ---
ctx=$work/ctx
mkdir -p "$ctx"
head -c 1048576 /dev/urandom > "$ctx/data.bin"
cat > "$ctx/Containerfile" <<'CF'
FROM localhost/bench-base:latest
ENV APP_MODE=bench
WORKDIR /app
COPY data.bin /app/data.bin
RUN wc -c /app/data.bin > /app/size
RUN echo "$APP_MODE" > /app/mode
RUN mkdir -p /app/logs && date > /app/logs/built
RUN sha256sum /app/data.bin > /app/data.sum
RUN ls -l /app > /app/listing
CMD ["cat", "/app/size", "/app/mode"]
CF
chmod -R a+rX "$ctx"

ferry_cold=(/usr/local/bin/ferry-bench build -q --no-cache -t bench-app "$ctx")
ferry_cold_none=(/usr/local/bin/ferry-bench build -q --no-cache --network none -t bench-app "$ctx")
podman_cold=(podman build -q --no-cache -t bench-app "$ctx")
ferry_cached=(/usr/local/bin/ferry-bench build -q -t bench-app "$ctx")
podman_cached=(podman build -q -t bench-app "$ctx")
# Both must work (and fill their caches) before anything is timed.
as_user "${ferry_cached[@]}" >/dev/null
as_user "${podman_cached[@]}" 2>&1 >/dev/null | { grep -v "is not a shared mount" >&2 || true; }
test "$(as_user /usr/local/bin/ferry-bench run --rm bench-app)" = "$(printf '1048576 /app/data.bin\nbench')"

cat > "$work/time.py" <<'PY'
import json, subprocess, sys, time
runs = int(sys.argv[1])
cmds = json.loads(sys.argv[2])
times = {name: [] for name in cmds}
for name, argv in cmds.items():  # warm-up
    subprocess.run(argv, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(runs):
    for name, argv in cmds.items():
        t0 = time.perf_counter()
        subprocess.run(argv, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - t0)
def pct(v, q):
    v = sorted(v)
    return v[min(len(v) - 1, int(q * len(v)))]
def median(v):
    v = sorted(v); n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
print(json.dumps({n: {"median": median(t), "p10": pct(t, 0.1), "p90": pct(t, 0.9)} for n, t in times.items()}))
PY
chmod 644 "$work/time.py"
# NAME ARGV... -- NAME ARGV... -- …: the commands to time, as JSON.
json_cmds() {
  python3 -c '
import json, sys
out, cur = {}, []
for a in sys.argv[1:] + ["--"]:
    if a == "--":
        out[cur[0]] = cur[1:]
        cur = []
    else:
        cur.append(a)
print(json.dumps(out))' "$@"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
cold=$(as_user python3 "$work/time.py" "$RUNS" "$(json_cmds ferry "${ferry_cold[@]}" -- ferry-none "${ferry_cold_none[@]}" -- podman "${podman_cold[@]}")")
# The cold builds left the cache holding the last build's steps: every cached build below hits.
cached=$(as_user python3 "$work/time.py" "$RUNS" "$(json_cmds ferry "${ferry_cached[@]}" -- podman "${podman_cached[@]}")")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo "load average before/after timing: $load_before / $load_after ($(nproc) CPUs)"
python3 - "$cold" "$cached" "$RUNS" <<'PY'
import json, sys
cold, cached, runs = json.loads(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])
for title, r in (("cold build (--no-cache)", cold), ("fully cached rebuild", cached)):
    f, p = r["ferry"], r["podman"]
    print(f"\n{title}, rootless, {runs} builds each (ms):")
    for name, t in r.items():
        print(f"  {name:10s} median {t['median']*1e3:8.2f}   p10 {t['p10']*1e3:8.2f}   p90 {t['p90']*1e3:8.2f}")
    print(f"  ratio: ferry/podman = {f['median']/p['median']:.3f}")
    if "ferry-none" in r:
        n = r["ferry-none"]["median"]
        print(f"  ferry's private network costs {(f['median'] - n)*1e3:.2f} ms per build ({f['median']/n:.3f}x --network none)")
fc, pc = cold["ferry"]["median"], cold["podman"]["median"]
fk = cached["ferry"]["median"]
print(f"\ngoals: cached rebuild <= 50 ms: {'met' if fk <= 0.050 else 'missed'}; "
      f"cold build <= half of podman's: {'met' if fc <= pc / 2 else 'missed'}")
PY
