#!/usr/bin/env bash
# Crash-consistency harness: runs ferry operations, kills ferry with SIGKILL at a random moment,
# then checks the store with `ferry system check`, re-runs the operation, repairs with
# `system check --repair`, and reports every trial where the re-run fails or the repair cannot
# make the store whole. With --enospc it also fills a small tmpfs store and checks that each
# operation fails cleanly and that rm, rmi and system prune still free space.
#
#   scripts/crash-harness.sh [--trials N] [--modes "root rootless"] [--ops "pull load ..."]
#                            [--enospc] [--no-kill] [--seed S] [--keep]
#
# --trials N   trials per operation and mode (default 15; 10 operations, 2 modes: 300 trials)
# --ops        a subset of: pull load build commit run rm volume-create volume-rm
#              network-create network-rm
# --enospc     run the full-disk checks (needs root: mounts a tmpfs) after the kill trials;
#              --no-kill skips the kill trials
# Run as root on a machine set up by .ci/run (docker-registry, busybox-static, the ferrytest
# user). FERRY_BIN selects the binary (default: a release build of this checkout). Per-trial
# logs of every finding are kept under the work directory, which --keep keeps.
set -euo pipefail
cd "$(dirname "$0")/.."

trials=15
modes="root rootless"
ops="pull load build commit run rm volume-create volume-rm network-create network-rm"
enospc=0
kills=1
keep=0
seed=$$
while [ $# -gt 0 ]; do
    case $1 in
        --trials) trials=$2; shift 2 ;;
        --modes) modes=$2; shift 2 ;;
        --ops) ops=$2; shift 2 ;;
        --enospc) enospc=1; shift ;;
        --no-kill) kills=0; shift ;;
        --seed) seed=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 2; }
RANDOM=$seed
USER_NAME=ferrytest

if [ -z "${FERRY_BIN:-}" ]; then
    cargo build --release --quiet
    FERRY_BIN=$(pwd)/target/release/ferry
fi
work=$(mktemp -d /tmp/ferry-crash.XXXXXX)
chmod 755 "$work"
install -m 755 "$FERRY_BIN" "$work/ferry"
FERRY=$work/ferry
registry_pid=
cleanup() {
    set +e
    for m in $modes; do mode=$m; setmode; fy rm -a -f -t 0 >/dev/null 2>&1; done
    [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null
    mountpoint -q "$work/full" && umount "$work/full"
    if [ "$keep" = 1 ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# --- ferry in the current mode -------------------------------------------------------------
setmode() {
    home=$work/$mode/home
    run=$work/$mode/run
    root=${store_override:-$work/$mode/root}
}

# Replaces this (sub)shell with ferry in the current mode: `( fy_exec ARGS ) &` gives ferry's pid.
fy_exec() {
    if [ "$mode" = root ]; then
        exec env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$home" "$FERRY" --root "$root" --runroot "$run" "$@"
    fi
    exec setpriv --reuid="$USER_NAME" --regid="$USER_NAME" --init-groups env -i PATH=/usr/local/bin:/usr/bin:/bin \
        HOME="$home" XDG_RUNTIME_DIR="$run" XDG_DATA_HOME="${store_override:-$home/.local/share}" "$FERRY" "$@"
}
fy() { (fy_exec "$@"); }
# The store's root in the current mode.
store_root() { if [ "$mode" = root ]; then echo "$root"; else echo "${store_override:-$home/.local/share}/ferry"; fi; }

now_ms() { date +%s%3N; }

# --- fixtures: a busybox image, images to pull and load, a build context -----------------------
start_registry() {
    local port dir=$work/registry
    mkdir -p "$dir/data"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
EOF
    /usr/bin/docker-registry serve "$dir/config.yml" >"$dir/log" 2>&1 &
    registry_pid=$!
    REG=127.0.0.1:$port
    for _ in $(seq 100); do
        curl -sf "http://$REG/v2/" >/dev/null && return 0
        sleep 0.1
    done
    echo "the registry did not start: $(cat "$dir/log")" >&2
    exit 1
}

make_files() {
    local rootfs=$work/files/rootfs a
    mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp" "$work/files/ctx/data"
    cp /bin/busybox "$rootfs/bin/busybox"
    for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -s busybox "$rootfs/bin/$a"; done
    printf 'root:x:0:0:root:/root:/bin/sh\n' >"$rootfs/etc/passwd"
    printf 'root:x:0:\n' >"$rootfs/etc/group"
    tar -C "$rootfs" --numeric-owner -czf "$work/files/busybox.tar.gz" .
    for i in $(seq 200); do echo "file $i" >"$work/files/ctx/data/f$i"; done
    head -c 3000000 /dev/urandom >"$work/files/ctx/data/random"
    cat >"$work/files/ctx/Containerfile" <<'EOF'
FROM localhost/harness/busybox:1
ARG N=0
RUN mkdir /made && for i in $(seq 300); do echo "$N $i" > /made/f$i; done && head -c 2000000 /dev/urandom > /made/r
COPY data /data
EOF
    # Images whose layers no other local image shares, so pull and load write every layer.
    for name in pullimg loadimg; do
        mkdir -p "$work/files/$name"
        cat >"$work/files/$name/Containerfile" <<EOF
FROM localhost/harness/busybox:1
RUN mkdir /d && for i in \$(seq 8); do head -c 1500000 /dev/urandom > /d/$name\$i; done
RUN for i in \$(seq 400); do echo \$i > /d/s\$i; done
EOF
    done
    chmod -R a+rX "$work/files"
}

setup_mode() {
    if [ "$mode" = rootless ]; then
        install -d -m 755 -o "$USER_NAME" "$work/$mode"
        install -d -o "$USER_NAME" "$home"
        install -d -m 700 -o "$USER_NAME" "$run"
    else
        install -d -m 755 "$work/$mode"
        mkdir -p "$home" "$run"
    fi
    fy import -q --change "ENV=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
        "$work/files/busybox.tar.gz" harness/busybox:1 >/dev/null
    fy build -q --network none -t harness/pullimg:1 "$work/files/pullimg" >/dev/null
    fy push -q --tls-verify=false harness/pullimg:1 "$REG/harness/pullimg-$mode:1" >/dev/null
    fy build -q --network none -t harness/loadimg:1 "$work/files/loadimg" >/dev/null
    fy save -o "$work/$mode/loadimg.tar" harness/loadimg:1
    chmod 644 "$work/$mode/loadimg.tar"
    fy rmi harness/pullimg:1 harness/loadimg:1 >/dev/null
    fy image prune -a -f >/dev/null 2>&1 || true
    fy import -q --change "ENV=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
        "$work/files/busybox.tar.gz" harness/busybox:1 >/dev/null
    fy system check >/dev/null || { echo "the store is not clean after set-up ($mode)" >&2; fy system check >&2; exit 1; }
}

# --- operations: op_setup N, op_cmd N (sets `cmd`), op_rerun_ok OUTPUT (a failed re-run that is
# the expected answer: the first attempt finished), op_cleanup ------------------------------------
IMG=localhost/harness/busybox:1
op_setup() {
    case $op in
        commit) fy container exists src || fy run --name src --network none $IMG sh -c \
            'head -c 4000000 /dev/urandom > /blob; for i in $(seq 300); do echo $i > /f$i; done' ;;
        rm)
            if [ $(($1 % 2)) = 0 ]; then
                fy run --name victim --network none $IMG sh -c 'for i in $(seq 1500); do echo $i > /f$i; done; head -c 5000000 /dev/zero > /z'
            else
                fy run -d --name victim --network none $IMG sh -c 'for i in $(seq 1500); do echo $i > /f$i; done; sleep 1000' >/dev/null
                sleep 0.3
            fi ;;
        volume-rm)
            fy volume create hv >/dev/null
            fy run --rm --network none -v hv:/d $IMG sh -c 'for i in $(seq 1500); do echo $i > /d/f$i; done' ;;
        network-rm) fy network create hn >/dev/null ;;
        *) ;;
    esac
}
op_cmd() {
    case $op in
        pull) cmd=(pull -q --tls-verify=false "$REG/harness/pullimg-$mode:1") ;;
        load) cmd=(load -q -i "$work/$mode/loadimg.tar") ;;
        build) cmd=(build -q --no-cache --network none --build-arg "N=$1" -t harness/built:1 "$work/files/ctx") ;;
        commit) cmd=(commit -q src harness/committed:1) ;;
        run) cmd=(run -d --network none $IMG sleep 1000) ;;
        rm) cmd=(rm -f -t 0 victim) ;;
        volume-create) cmd=(volume create hv) ;;
        volume-rm) cmd=(volume rm hv) ;;
        network-create) cmd=(network create hn) ;;
        network-rm) cmd=(network rm hn) ;;
    esac
}
op_rerun_ok() {
    case $op in
        rm) grep -q "no such container" "$1" ;;
        volume-create) grep -q "already exists" "$1" && fy volume inspect hv >/dev/null 2>&1 ;;
        volume-rm) grep -q "no such volume" "$1" ;;
        network-create) grep -q "already exists" "$1" && fy network inspect hn >/dev/null 2>&1 ;;
        network-rm) grep -q "network not found" "$1" ;;
        *) false ;;
    esac
}
op_cleanup() {
    fy rm -a -f -t 0 >/dev/null 2>&1 || true
    fy rmi -f -i "$REG/harness/pullimg-$mode:1" harness/loadimg:1 harness/built:1 harness/committed:1 >/dev/null 2>&1 || true
    fy volume rm -f hv >/dev/null 2>&1 || true
    fy network rm -f hn >/dev/null 2>&1 || true
    fy system prune -f >/dev/null 2>&1 || true
}

# --- one trial ---------------------------------------------------------------------------------
# Check output: one `KIND|STATUS|OBJECT|MESSAGE` line per problem.
CHECK_FMT='{{.Kind}}|{{.Status}}|{{.Object}}|{{.Message}}'
declare -A n_trials n_killed n_problems n_rerun_fail n_unrepaired kinds_seen
findings=()

finding() {
    local what=$1 log=$work/findings/$mode-$op-$2
    mkdir -p "$work/findings"
    cp "$trial_log" "$log"
    findings+=("$mode $op trial $2 (delay ${delay}ms): $what [log: $log]")
    n_fail=1
}

trial() {
    local t=$1 key="$mode $op" out rc
    trial_log=$work/trial.log
    : >"$trial_log"
    n_fail=0
    op_setup "$t" >>"$trial_log" 2>&1 || { echo "set-up failed: $mode $op $t" >&2; cat "$trial_log" >&2; exit 1; }
    op_cmd "$t"
    delay=$((RANDOM * 32768 + RANDOM))
    delay=$((delay % (calib[$op] + 1)))
    out=$work/op.out
    (fy_exec "${cmd[@]}") >"$out" 2>&1 &
    local pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -KILL "$pid" 2>/dev/null || true
    set +e
    # (braces: bash reports a job killed by a signal on the shell's stderr)
    { wait "$pid"; } 2>/dev/null
    rc=$?
    set -e
    n_trials[$key]=$((${n_trials[$key]:-0} + 1))
    [ "$rc" = 137 ] && n_killed[$key]=$((${n_killed[$key]:-0} + 1))
    { echo "== $mode $op trial $t: ${cmd[*]} killed after ${delay}ms (exit $rc)"; cat "$out"; } >>"$trial_log"

    # 1. What the kill left.
    set +e
    fy system check --format "$CHECK_FMT" >"$out" 2>&1
    rc=$?
    set -e
    { echo "-- system check (exit $rc)"; cat "$out"; } >>"$trial_log"
    if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then finding "system check failed to run" "$t"; fi
    if [ -s "$out" ] && [ "$rc" = 1 ]; then
        n_problems[$key]=$((${n_problems[$key]:-0} + 1))
        while IFS='|' read -r kind _; do kinds_seen[$key]+=" $kind"; done <"$out"
    fi

    # 2. The same command again, before any repair: ferry must cope with what the kill left.
    set +e
    fy "${cmd[@]}" >"$out" 2>&1
    rc=$?
    set -e
    { echo "-- re-run (exit $rc)"; cat "$out"; } >>"$trial_log"
    if [ "$rc" != 0 ] && ! op_rerun_ok "$out"; then
        n_rerun_fail[$key]=$((${n_rerun_fail[$key]:-0} + 1))
        finding "re-run failed: $(grep -m1 -i error "$out" || head -1 "$out")" "$t"
    fi

    # 3. Repair, then the store must be whole.
    set +e
    fy system check --repair --format "$CHECK_FMT" >"$out" 2>&1
    rc=$?
    set -e
    { echo "-- system check --repair (exit $rc)"; cat "$out"; } >>"$trial_log"
    if [ "$rc" != 0 ]; then
        n_unrepaired[$key]=$((${n_unrepaired[$key]:-0} + 1))
        finding "repair left: $(grep -v '|repaired|' "$out" | head -3 | tr '\n' ';')" "$t"
    fi
    op_cleanup
    if ! fy system check --quick >"$out" 2>&1; then
        { echo "-- after clean-up"; cat "$out"; } >>"$trial_log"
        finding "store not clean after the operation's own clean-up" "$t"
        fy system check --repair >/dev/null 2>&1 || true
    fi
    [ "$n_fail" = 0 ] || echo "  finding in $mode $op trial $t"
}

# How long each operation takes when not killed: kills land uniformly in [0, that].
declare -A calib
calibrate() {
    local s e
    op_setup 0 >/dev/null 2>&1
    op_cmd 0
    s=$(now_ms)
    fy "${cmd[@]}" >/dev/null 2>&1 || { echo "$mode $op does not work: ${cmd[*]}" >&2; fy "${cmd[@]}" >&2 || true; exit 1; }
    e=$(now_ms)
    calib[$op]=$(((e - s) * 12 / 10))
    op_cleanup
}

# --- ENOSPC: a full store must fail cleanly and still be freeable -----------------------------------
enospc_findings=()
enospc_note() { enospc_findings+=("$mode: $1"); echo "  $mode: $1"; }

enospc_mode() {
    local full=$work/full out=$work/op.out rc
    mkdir -p "$full"
    mountpoint -q "$full" || mount -t tmpfs -o size=96m,mode=755 tmpfs "$full"
    store_override=$full/$mode
    setmode
    install -d -m 755 "$store_override"
    [ "$mode" = rootless ] && chown "$USER_NAME" "$store_override"
    fy import -q --change "ENV=PATH=/bin" "$work/files/busybox.tar.gz" harness/busybox:1 >/dev/null
    fy run --name stopped --network none $IMG sh -c 'head -c 2000000 /dev/urandom > /r' >/dev/null
    fy run -d --name running --network none $IMG sleep 1000 >/dev/null
    fy volume create keepvol >/dev/null
    fy network create keepnet >/dev/null
    fy build -q --network none -t harness/built:1 "$work/files/ctx" >/dev/null
    # Fill the tmpfs to the last byte.
    dd if=/dev/zero of="$full/filler" bs=1M status=none 2>/dev/null || true
    dd if=/dev/zero of="$full/filler2" bs=4k status=none 2>/dev/null || true
    dd if=/dev/zero of="$full/filler3" bs=1 status=none 2>/dev/null || true
    local ops_full=(
        "load -i $work/$mode/loadimg.tar"
        "pull -q --tls-verify=false $REG/harness/pullimg-$mode:1"
        "build -q --no-cache --network none --build-arg N=full -t harness/built2:1 $work/files/ctx"
        "commit -q stopped harness/committed:1"
        "run --rm --network none $IMG true"
        "run -d --network none $IMG sleep 1000"
        "create --network none $IMG true"
        "volume create fullvol"
        "network create fullnet"
        "tag harness/built:1 harness/tagged:1"
    )
    local o
    for o in "${ops_full[@]}"; do
        set +e
        # shellcheck disable=SC2086
        fy $o >"$out" 2>&1
        rc=$?
        set -e
        if [ "$rc" = 0 ]; then
            echo "  $mode full store: '$o' succeeded"
        elif grep -qi "no space left on device" "$out"; then
            echo "  $mode full store: '$o' failed cleanly: $(grep -m1 -i error "$out" | cut -c1-160)"
        else
            enospc_note "'$o' failed without naming the full disk: $(head -2 "$out" | tr '\n' ' ' | cut -c1-200)"
        fi
        set +e
        fy system check --quick --format "$CHECK_FMT" >"$out" 2>&1
        rc=$?
        set -e
        if [ "$rc" = 1 ] && grep -qv -E '^(leftover|orphan)\|' "$out"; then
            enospc_note "after '$o' the store has problems: $(grep -v -E '^(leftover|orphan)\|' "$out" | head -3 | tr '\n' ';')"
        elif [ "$rc" -gt 1 ]; then
            enospc_note "system check failed on the full store after '$o': $(head -2 "$out" | tr '\n' ' ')"
        fi
    done
    # Freeing space must work while the disk is full.
    local before after
    before=$(df --output=avail -B1 "$full" | tail -1)
    for o in "rm -f -t 0 running" "rm -a -f" "volume rm -f keepvol" "network rm keepnet" "rmi -f harness/built:1" "system prune -a -f --volumes"; do
        # shellcheck disable=SC2086
        if ! fy $o >"$out" 2>&1; then
            enospc_note "'$o' failed on the full store: $(head -2 "$out" | tr '\n' ' ' | cut -c1-200)"
        fi
    done
    after=$(df --output=avail -B1 "$full" | tail -1)
    echo "  $mode full store: $((after - before)) bytes freed by rm, rmi and system prune"
    if [ $((after - before)) -lt 1000000 ]; then
        enospc_note "rm, rmi and system prune freed only $((after - before)) bytes"
    fi
    set +e
    fy system check --repair --format "$CHECK_FMT" >"$out" 2>&1
    rc=$?
    set -e
    [ "$rc" = 0 ] || enospc_note "repair on the freed store left: $(grep -v '|repaired|' "$out" | head -3 | tr '\n' ';')"
    rm -f "$full"/filler*
    fy load -q -i "$work/$mode/loadimg.tar" >/dev/null || enospc_note "load failed after the space was freed"
    fy system check >/dev/null || enospc_note "the store is not clean at the end"
    fy rm -a -f -t 0 >/dev/null 2>&1 || true
    fy system reset -f >/dev/null 2>&1 || true
    unset store_override
}

# --- main ----------------------------------------------------------------------------------------
make_files
start_registry
echo "work directory $work, registry $REG, seed $seed"
for mode in $modes; do
    setmode
    setup_mode
done
if [ "$kills" = 1 ]; then
    for mode in $modes; do
        setmode
        for op in $ops; do
            calibrate
            echo "== $mode $op: ${calib[$op]} ms uncut, $trials trials"
            for t in $(seq 1 "$trials"); do trial "$t"; done
        done
    done
fi
if [ "$enospc" = 1 ]; then
    for mode in $modes; do
        echo "== $mode: full store"
        enospc_mode
    done
fi

echo
if [ "$kills" = 1 ]; then
    printf '%-9s %-15s %7s %7s %9s %8s %11s  %s\n' MODE OPERATION TRIALS KILLED PROBLEMS RERUN-KO UNREPAIRED "PROBLEM KINDS FOUND"
    total=0
    for mode in $modes; do
        for op in $ops; do
            key="$mode $op"
            # shellcheck disable=SC2086
            kinds=$(printf '%s\n' ${kinds_seen[$key]:-} | sort | uniq -c | awk 'NF == 2 {printf "%s×%s ", $2, $1}')
            printf '%-9s %-15s %7s %7s %9s %8s %11s  %s\n' "$mode" "$op" "${n_trials[$key]:-0}" "${n_killed[$key]:-0}" \
                "${n_problems[$key]:-0}" "${n_rerun_fail[$key]:-0}" "${n_unrepaired[$key]:-0}" "$kinds"
            total=$((total + ${n_trials[$key]:-0}))
        done
    done
    echo "$total trials (KILLED: ferry was still running when killed; PROBLEMS: system check found something after the kill)"
fi
status=0
if [ ${#findings[@]} -gt 0 ]; then
    keep=1
    echo
    echo "Findings:"
    printf '  %s\n' "${findings[@]}"
    status=1
fi
if [ ${#enospc_findings[@]} -gt 0 ]; then
    keep=1
    echo
    echo "Full-store findings:"
    printf '  %s\n' "${enospc_findings[@]}"
    status=1
fi
exit "$status"
