#!/usr/bin/env bash
# API service benchmark: `ferry system service` against `podman system service` (podman 4.3),
# both rootless as BENCH_USER (default ferrytest) on their own sockets, in one run: time from
# start to the first answered /_ping, RSS while idle, /_ping latency (a new connection per
# request, as the docker CLI makes, and on one kept-alive connection), and RSS after 10
# concurrent clients. Run as root on the test machine (after `CI_SETUP_ONLY=1 bash .ci/run`).
# RUNS (default 500) pings per measurement; STARTS (default 10) start-ups per tool.
# FERRY_BIN=path benchmarks that binary instead of building the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-500}
STARTS=${STARTS:-10}
USER_NAME=${BENCH_USER:-ferrytest}

. benches/lib.sh
bench_packages podman runc uidmap python3
bench_ferry
bench_env api

cat > "$work/bench.py" <<'PY'
import json, multiprocessing, os, socket, statistics, subprocess, sys, time

runs, starts, run_dir = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
tools = {
    "ferry": ["/usr/local/bin/ferry-bench", "system", "service", "--time", "0"],
    "podman": ["podman", "system", "service", "--time", "0"],
}
PING = b"GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n"

def read_reply(sock, buf):
    # Reads one response with a Content-Length; returns the bytes left over.
    while b"\r\n\r\n" not in buf:
        data = sock.recv(65536)
        if not data:
            raise RuntimeError("connection closed")
        buf += data
    head, rest = buf.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        k, _, v = line.partition(b":")
        if k.strip().lower() == b"content-length":
            length = int(v)
    if not head.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(head.decode(errors="replace"))
    while len(rest) < length:
        rest += sock.recv(65536)
    return rest[length:]

def ping_new(path):
    s = socket.socket(socket.AF_UNIX)
    s.connect(path)
    s.sendall(PING)
    read_reply(s, b"")
    s.close()

def start(name, path):
    if os.path.exists(path):
        os.unlink(path)
    t0 = time.perf_counter()
    p = subprocess.Popen(tools[name] + ["unix://" + path], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            ping_new(path)
            return p, time.perf_counter() - t0
        except (FileNotFoundError, ConnectionRefusedError):
            if p.poll() is not None:
                raise RuntimeError(name + " exited")
            time.sleep(0.0005)

def stop(p):
    p.terminate()
    try:
        p.wait(10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()

def rss_kib(pid, key="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0

def client(path, n, barrier, results):
    barrier.wait()
    t0 = time.perf_counter()
    try:
        for _ in range(n):
            ping_new(path)
        results.put(time.perf_counter() - t0)
    except Exception:
        results.put(None)

def stats(v):
    v = sorted(v)
    return {"median": statistics.median(v), "p10": v[int(0.1 * len(v))], "p90": v[min(len(v) - 1, int(0.9 * len(v)))]}

out = {}
for name in tools:
    path = f"{run_dir}/{name}-bench.sock"
    start_times = []
    for _ in range(starts):
        p, t = start(name, path)
        start_times.append(t)
        stop(p)
    p, _ = start(name, path)
    time.sleep(2)
    idle, idle_anon = rss_kib(p.pid), rss_kib(p.pid, "RssAnon")
    for _ in range(20):  # warm-up
        ping_new(path)
    new_conn = []
    for _ in range(runs):
        t0 = time.perf_counter()
        ping_new(path)
        new_conn.append(time.perf_counter() - t0)
    s = socket.socket(socket.AF_UNIX)
    s.connect(path)
    keep, buf = [], b""
    for _ in range(runs):
        t0 = time.perf_counter()
        s.sendall(PING)
        buf = read_reply(s, buf)
        keep.append(time.perf_counter() - t0)
    s.close()
    # Ten client processes (not threads: the GIL would make the client the bottleneck) start
    # together; the wall time is the slowest one's.
    barrier, results = multiprocessing.Barrier(10), multiprocessing.Queue()
    procs = [multiprocessing.Process(target=client, args=(path, runs // 5, barrier, results)) for _ in range(10)]
    for c in procs: c.start()
    walls = [results.get() for _ in procs]
    for c in procs: c.join()
    if any(c.exitcode != 0 for c in procs) or None in walls:
        raise RuntimeError(f"{name}: a concurrent client failed")
    concurrent_wall = max(walls)
    out[name] = {
        "start": stats(start_times), "idle_rss_kib": idle, "idle_anon_kib": idle_anon, "new_conn": stats(new_conn), "keepalive": stats(keep),
        "concurrent_requests": 10 * (runs // 5), "concurrent_wall": concurrent_wall,
        "rss_after_kib": rss_kib(p.pid), "peak_rss_kib": rss_kib(p.pid, "VmHWM"),
    }
    stop(p)
print(json.dumps(out))
PY
chmod 644 "$work/bench.py"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
result=$(as_user python3 "$work/bench.py" "$RUNS" "$STARTS" "$run")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$result" "$RUNS" "$STARTS" "$load_before" "$load_after" <<'PY'
import json, sys
r = json.loads(sys.argv[1]); runs, starts = sys.argv[2], sys.argv[3]
f, p = r["ferry"], r["podman"]
ms = lambda s: f"{s * 1000:.2f} ms"
mib = lambda k: f"{k / 1024:.1f} MiB"
def row(label, key, fmt, sub=None):
    fv, pv = (f[key][sub], p[key][sub]) if sub else (f[key], p[key])
    print(f"| {label} | {fmt(fv)} | {fmt(pv)} | {fv / pv:.3f} |")
print(f"API service, rootless, {runs} pings per measurement, {starts} start-ups; load {sys.argv[4]} -> {sys.argv[5]}")
print()
print("| measurement | ferry | podman | ferry/podman |")
print("|---|---|---|---|")
row("start to first `/_ping` answered (median)", "start", ms, "median")
row("RSS idle, 2 s after start", "idle_rss_kib", mib)
row("of which anonymous (RssAnon)", "idle_anon_kib", mib)
row("`/_ping`, new connection each (median)", "new_conn", ms, "median")
row("`/_ping`, new connection each (p90)", "new_conn", ms, "p90")
row("`/_ping`, one kept-alive connection (median)", "keepalive", ms, "median")
row(f"{f['concurrent_requests']} pings from 10 concurrent clients (wall)", "concurrent_wall", ms)
row("RSS after the concurrent clients", "rss_after_kib", mib)
row("peak RSS (VmHWM)", "peak_rss_kib", mib)
PY
