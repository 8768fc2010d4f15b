#!/usr/bin/env bash
# Run benchmark: `run --rm --network none IMG true`, rootless, ferry against podman (runc, overlay
# driver) on the same busybox image imported into both stores. Prints medians, ratios and ferry's
# peak RSS. Run as root on the test machine (after `CI_SETUP_ONLY=1 bash .ci/run`); the runs happen
# as BENCH_USER (default ferrytest, which has subordinate ids). RUNS (default 50) runs per tool,
# interleaved so both see the same machine state. FERRY_BIN=path benchmarks that binary instead of
# building the checkout; BASELINE_BIN=path also times another ferry binary (e.g. main's build) in
# the same interleaved runs, on the same store, and prints the ratio of the two. BENCH_ROOT=1 runs
# everything as root instead, with both tools' stores in the benchmark's directory (cgroups, for
# one, are set up only for root containers on a cgroup v1 host).
# Also times `run -d … sleep` + `rm -f` pairs and reads a detached container's monitor RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-50}
if [ "${BENCH_ROOT:-}" = 1 ]; then
  USER_NAME=root
  mode=root
else
  USER_NAME=${BENCH_USER:-ferrytest}
  mode=rootless
fi

. benches/lib.sh
bench_packages podman runc time uidmap busybox-static python3
bench_ferry
bench_env run
if [ "$mode" = root ]; then
  bench_root_stores
fi
if [ -n "${BASELINE_BIN:-}" ]; then
  install -m 755 "$BASELINE_BIN" /usr/local/bin/ferry-baseline
fi

# --- the image: static busybox with its applet links, as a rootfs tarball ---
bench_busybox_rootfs "$work/rootfs"
tar -C "$work/rootfs" --numeric-owner --owner=0 --group=0 -cf "$work/rootfs.tar" .
img=localhost/bench-busybox:latest
bench_import "$work/rootfs.tar" "$img"

ferry_cmd=(/usr/local/bin/ferry-bench "${ferry_flags[@]}" run --rm --network none "$img" true)
podman_cmd=(podman "${podman_flags[@]}" run --rm --network none "$img" true)
baseline_cmd=()
if [ -n "${BASELINE_BIN:-}" ]; then
  baseline_cmd=(/usr/local/bin/ferry-baseline "${ferry_flags[@]}" run --rm --network none "$img" true)
fi
# All must work before anything is timed.
as_user "${ferry_cmd[@]}"
as_user "${podman_cmd[@]}" 2>&1 | { grep -v "is not a shared mount" >&2 || true; }
[ ${#baseline_cmd[@]} -eq 0 ] || as_user "${baseline_cmd[@]}"

# Timed in one process that runs as the user and execs each command directly, so no setpriv or
# shell start-up is counted; runs alternate between the tools. Besides wall time, the CPU time
# (user + system) of each command and the descendants it waited for, which a busy machine
# inflates far less: for ferry that is all of its work, container included; podman's misses
# conmon (detached), so it is not compared with podman.
cat > "$work/time.py" <<'PY'
import json, resource, subprocess, sys, time
runs = int(sys.argv[1])
cmds = json.loads(sys.argv[2])
times = {name: [] for name in cmds}
cpu = {name: [] for name in cmds}
def used():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
for name, argv in cmds.items():  # warm-up: page cache, first-use setup
    for _ in range(3):
        subprocess.run(argv, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(runs):
    for name, argv in cmds.items():
        c0, t0 = used(), time.perf_counter()
        subprocess.run(argv, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - t0)
        cpu[name].append(used() - c0)
def pct(v, q):
    v = sorted(v)
    return v[min(len(v) - 1, int(q * len(v)))]
def median(v):
    v = sorted(v); n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
print(json.dumps({n: {"median": median(t), "p10": pct(t, 0.1), "p90": pct(t, 0.9), "cpu": median(cpu[n])}
                  for n, t in times.items()}))
PY
chmod 644 "$work/time.py"
cmds=$(python3 -c '
import json, sys
a = sys.argv[1:]
i = a.index("--"); j = a.index("--", i + 1)
cmds = {"ferry": a[:i], "podman": a[i + 1:j]}
if a[j + 1:]:
    cmds["baseline"] = a[j + 1:]
print(json.dumps(cmds))' "${ferry_cmd[@]}" -- "${podman_cmd[@]}" -- "${baseline_cmd[@]}")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
result=$(as_user python3 "$work/time.py" "$RUNS" "$cmds")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# Detached pairs: `run -d IMG sleep 1000` then `rm -f ID`, timed together.
cat > "$work/pairs.py" <<'PY'
import json, subprocess, sys, time
runs = int(sys.argv[1])
tools = json.loads(sys.argv[2])  # name -> [run argv, rm argv prefix]
times = {name: [] for name in tools}
def pair(run, rm):
    cid = subprocess.run(run, check=True, stdin=subprocess.DEVNULL, capture_output=True, text=True).stdout.strip()
    subprocess.run(rm + [cid], check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for name, (run, rm) in tools.items():
    pair(run, rm)
for _ in range(runs):
    for name, (run, rm) in tools.items():
        t0 = time.perf_counter()
        pair(run, rm)
        times[name].append(time.perf_counter() - t0)
print(json.dumps({n: sorted(t)[len(t) // 2] for n, t in times.items()}))
PY
chmod 644 "$work/pairs.py"
pair_tools=$(python3 -c '
import json, sys
img, ff, pf, baseline = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
def ferry(binary):
    return [[binary] + ff + ["run", "-d", "--network", "none", img, "sleep", "1000"], [binary] + ff + ["rm", "-f"]]
tools = {"ferry": ferry("/usr/local/bin/ferry-bench"),
         "podman": [["podman"] + pf + ["run", "-d", "--network", "none", img, "sleep", "1000"], ["podman"] + pf + ["rm", "-f", "-t", "0"]]}
if baseline:
    tools["baseline"] = ferry("/usr/local/bin/ferry-baseline")
print(json.dumps(tools))' "$img" "$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "${ferry_flags[@]}")" \
  "$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "${podman_flags[@]}")" "${BASELINE_BIN:-}")
pairs=$(as_user python3 "$work/pairs.py" "$((RUNS / 5 > 5 ? RUNS / 5 : 5))" "$pair_tools")

# A detached container's monitor: its resident memory once the container runs.
mon_cid=$(as_user /usr/local/bin/ferry-bench "${ferry_flags[@]}" run -d --network none "$img" sleep 1000)
sleep 0.5
mon_rss=$(for pid in /proc/[0-9]*; do
  if tr '\0' ' ' 2>/dev/null < "$pid/cmdline" | grep -q "__monitor .*$mon_cid"; then
    awk '/^VmRSS/ {print $2}' "$pid/status"
  fi
done | head -n 1)
as_user /usr/local/bin/ferry-bench "${ferry_flags[@]}" rm -f "$mon_cid" >/dev/null

rss=0
for _ in 1 2 3 4 5; do
  as_user /usr/bin/time -f %M -o "$run/rss" "${ferry_cmd[@]}"
  r=$(cat "$run/rss"); [ "$r" -gt "$rss" ] && rss=$r
done

echo "load average before/after timing: $load_before / $load_after ($(nproc) CPUs)"
python3 - "$result" "$RUNS" "$rss" "$pairs" "${mon_rss:-0}" "$mode" <<'PY'
import json, sys
r = json.loads(sys.argv[1]); runs = int(sys.argv[2]); rss = int(sys.argv[3])
pairs = json.loads(sys.argv[4]); mon = int(sys.argv[5]); mode = sys.argv[6]
f, p = r["ferry"], r["podman"]
print(f"\n`run --rm --network none IMG true`, {mode}, {runs} runs each (ms):")
print(f"  ferry   median {f['median']*1e3:8.2f}   p10 {f['p10']*1e3:8.2f}   p90 {f['p90']*1e3:8.2f}   cpu {f['cpu']*1e3:6.2f}")
print(f"  podman  median {p['median']*1e3:8.2f}   p10 {p['p10']*1e3:8.2f}   p90 {p['p90']*1e3:8.2f}")
print(f"ratio: ferry/podman = {f['median']/p['median']:.3f}")
if "baseline" in r:
    b = r["baseline"]
    print(f"  baseline median {b['median']*1e3:8.2f}   p10 {b['p10']*1e3:8.2f}   p90 {b['p90']*1e3:8.2f}   cpu {b['cpu']*1e3:6.2f}")
    print(f"ratio: ferry/baseline = {f['median']/b['median']:.3f} (cpu {f['cpu']/b['cpu']:.3f}), "
          f"baseline/podman = {b['median']/p['median']:.3f}")
    print(f"ferry - baseline: median {(f['median']-b['median'])*1e3:+.2f} ms, "
          f"p10 {(f['p10']-b['p10'])*1e3:+.2f} ms, p90 {(f['p90']-b['p90'])*1e3:+.2f} ms")
print(f"ferry peak RSS: {rss} KiB ({rss/1024:.1f} MiB)")
print(f"goals: ferry median <= 10 ms: {'met' if f['median'] <= 0.010 else 'missed'}; "
      f"RSS <= 10 MiB: {'met' if rss <= 10240 else 'missed'}")
print(f"\n`run -d IMG sleep 1000` + `rm -f ID` pairs, median (ms): ferry {pairs['ferry']*1e3:.2f}, "
      f"podman {pairs['podman']*1e3:.2f}, ratio {pairs['ferry']/pairs['podman']:.3f}"
      + (f", baseline {pairs['baseline']*1e3:.2f}" if "baseline" in pairs else ""))
print(f"detached container's monitor VmRSS: {mon} KiB ({mon/1024:.2f} MiB; goal <= 2 MiB: "
      f"{'met' if 0 < mon <= 2048 else 'missed'})")
PY
