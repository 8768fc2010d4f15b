#!/usr/bin/env bash
# Network benchmark, rootless: the start time a network helper adds (`run --rm IMG true` with the
# default network, pasta, and with slirp4netns, against `--network none`), and bulk TCP
# throughput host -> container through a published port (SIZE_MB, default 1024, sent to busybox
# `nc -l` inside), ferry against podman with the same backend (podman 4.3 has no pasta: its
# rootless default is slirp4netns, whose ports go through rootlessport; ferry's slirp4netns
# publishes through slirp4netns's own API). Run as root on the test machine (after
# `CI_SETUP_ONLY=1 bash .ci/run`); the runs happen as BENCH_USER (default ferrytest). RUNS
# (default 30) start-time runs per command, interleaved. FERRY_BIN=path benchmarks that binary
# instead of building the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-30}
SIZE_MB=${SIZE_MB:-1024}
USER_NAME=${BENCH_USER:-ferrytest}

. benches/lib.sh
bench_packages podman runc uidmap busybox-static python3 passt slirp4netns
# Rootless pasta and slirp4netns open the tun device inside the user namespace.
chmod 0666 /dev/net/tun
bench_ferry
bench_env net

# --- the image: static busybox with its applet links, as a rootfs tarball ---
bench_busybox_rootfs "$work/rootfs"
tar -C "$work/rootfs" --numeric-owner --owner=0 --group=0 -cf "$work/rootfs.tar" .
img=localhost/bench-busybox:latest
bench_import "$work/rootfs.tar" "$img"

cat > "$work/bench.py" <<'PY'
import json, socket, subprocess, sys, time
runs, size_mb, img = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
F, P = "/usr/local/bin/ferry-bench", "podman"
quiet = dict(check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def median(v):
    v = sorted(v); n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2

starts = {
    "ferry none": [F, "run", "--rm", "--network", "none", img, "true"],
    "ferry default (pasta)": [F, "run", "--rm", img, "true"],
    "ferry slirp4netns": [F, "run", "--rm", "--network", "slirp4netns", img, "true"],
    "podman none": [P, "run", "--rm", "--network", "none", img, "true"],
    "podman slirp4netns": [P, "run", "--rm", "--network", "slirp4netns", img, "true"],
}
for argv in starts.values():  # warm-up, and everything must work before it is timed
    for _ in range(2):
        subprocess.run(argv, **quiet)
times = {k: [] for k in starts}
for _ in range(runs):
    for k, argv in starts.items():
        t0 = time.perf_counter()
        subprocess.run(argv, **quiet)
        times[k].append(time.perf_counter() - t0)
start_ms = {k: median(v) * 1e3 for k, v in times.items()}

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def throughput(tool, network):
    port = free_port()
    argv = [tool, "run", "-d", "--network", network, "-p", f"{port}:5000", img,
            "sh", "-c", "nc -l -p 5000 > /dev/null"]
    cid = subprocess.run(argv, check=True, stdin=subprocess.DEVNULL, capture_output=True, text=True).stdout.strip()
    chunk = b"\0" * (1 << 20)
    # nc serves one connection, so it is not probed: its command starts once the network is up
    # and listens within milliseconds.
    time.sleep(1)
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    t0 = time.perf_counter()
    for _ in range(size_mb):
        s.sendall(chunk)
    s.close()
    # The container exits once nc has read everything.
    subprocess.run([tool, "wait", cid], **quiet)
    elapsed = time.perf_counter() - t0
    subprocess.run([tool, "rm", "-f", cid], **quiet)
    return size_mb / elapsed

tput = {}
for name, tool, net in [
    ("ferry default (pasta)", F, "private"),
    ("ferry slirp4netns (API port forwarding)", F, "slirp4netns"),
    ("podman slirp4netns (rootlessport)", P, "slirp4netns"),
    ("podman slirp4netns (port_handler=slirp4netns)", P, "slirp4netns:port_handler=slirp4netns"),
]:
    try:
        tput[name] = median([throughput(tool, net) for _ in range(3)])
    except subprocess.CalledProcessError as e:
        print(f"{name}: {e}", file=sys.stderr)
        tput[name] = 0.0
print(json.dumps({"start_ms": start_ms, "throughput_mb_s": tput}))
PY
chmod 644 "$work/bench.py"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
result=$(as_user python3 "$work/bench.py" "$RUNS" "$SIZE_MB" "$img" 2> >(grep -v "is not a shared mount" >&2))
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo "load average before/after: $load_before / $load_after ($(nproc) CPUs); pasta: $(dpkg-query -W -f '${Version}' passt), slirp4netns: $(dpkg-query -W -f '${Version}' slirp4netns)"
python3 - "$result" "$RUNS" "$SIZE_MB" <<'PY'
import json, sys
r = json.loads(sys.argv[1]); runs, size = sys.argv[2], sys.argv[3]
s, t = r["start_ms"], r["throughput_mb_s"]
print(f"\n`run --rm IMG true`, rootless, median of {runs} runs (ms):")
for k, v in s.items():
    print(f"  {k:<24} {v:8.2f}")
added = s["ferry default (pasta)"] - s["ferry none"]
print(f"network helper's cost: pasta +{added:.2f} ms, slirp4netns +{s['ferry slirp4netns'] - s['ferry none']:.2f} ms "
      f"(podman slirp4netns +{s['podman slirp4netns'] - s['podman none']:.2f} ms); goal <= 20 ms: {'met' if added <= 20 else 'missed'}")
print(f"\nhost -> container through a published port, {size} MiB, median of 3 (MiB/s):")
for k, v in t.items():
    print(f"  {k:<48} {v:9.1f}")
best_podman = max(v for k, v in t.items() if k.startswith("podman"))  # 0.0: that setup failed
print(f"goal ferry (default) >= podman: {'met' if t['ferry default (pasta)'] >= best_podman else 'missed'}")
PY
