#!/usr/bin/env bash
# Pull benchmark: a ~200 MB multi-layer image served by a local registry (Debian's
# docker-registry on 127.0.0.1), pulled rootless by ferry and by podman (overlay driver), and
# copied by skopeo to an OCI directory (download without unpacking: the floor). Prints medians,
# ratios and ferry's peak RSS. Run as root on the test machine (after `CI_SETUP_ONLY=1 bash .ci/run`);
# the pulls run as BENCH_USER (default ferrytest, which has subordinate ids).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
USER_NAME=${BENCH_USER:-ferrytest}

for pkg in docker-registry podman runc skopeo time bc curl uidmap; do
  dpkg -s "$pkg" >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null; }
done
cargo build --release --quiet
install -m 755 target/release/ferry /usr/local/bin/ferry-bench

work=$(mktemp -d /tmp/ferry-bench.XXXXXX)
chmod 755 "$work"
cleanup() { [ -n "${reg_pid:-}" ] && kill "$reg_pid" 2>/dev/null; rm -rf "$work" /usr/local/bin/ferry-bench; }
trap cleanup EXIT

# --- the image: one layer per directory until ~200 MB, gzip-compressed, as an OCI layout ---
layout=$work/layout
mkdir -p "$layout/blobs/sha256"
layers_json="" diffs_json="" total=0 n=0
for d in /usr/lib/x86_64-linux-gnu/perl /usr/lib/python3.11 /usr/share/perl /usr/lib/gcc /usr/share/locale \
         /usr/share/doc /usr/lib/x86_64-linux-gnu /usr/share; do
  [ -d "$d" ] || continue
  [ "$total" -lt 200000000 ] || break
  tar -C / --numeric-owner -cf "$work/layer.tar" "${d#/}" 2>/dev/null || true
  size=$(stat -c %s "$work/layer.tar")
  [ $((total + size)) -le 260000000 ] || continue
  total=$((total + size)) n=$((n + 1))
  diff=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
  gzip -6 -n -c "$work/layer.tar" > "$work/layer.tgz"
  dig=$(sha256sum "$work/layer.tgz" | cut -d' ' -f1)
  mv "$work/layer.tgz" "$layout/blobs/sha256/$dig"
  layers_json+="${layers_json:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$dig\",\"size\":$(stat -c %s "$layout/blobs/sha256/$dig")}"
  diffs_json+="${diffs_json:+,}\"sha256:$diff\""
done
rm -f "$work/layer.tar"
config="{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"sh\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[$diffs_json]}}"
printf '%s' "$config" > "$work/config"
cdig=$(sha256sum "$work/config" | cut -d' ' -f1); mv "$work/config" "$layout/blobs/sha256/$cdig"
manifest="{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$cdig\",\"size\":${#config}},\"layers\":[$layers_json]}"
printf '%s' "$manifest" > "$work/manifest"
mdig=$(sha256sum "$work/manifest" | cut -d' ' -f1); msize=$(stat -c %s "$work/manifest"); mv "$work/manifest" "$layout/blobs/sha256/$mdig"
printf '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"big"}}]}' "$mdig" "$msize" > "$layout/index.json"
echo "image: $n layers, $((total / 1000000)) MB uncompressed, $(( $(du -sb "$layout/blobs" | cut -f1) / 1000000 )) MB compressed"

# --- the registry ---
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/registry.yml" <<YML
version: 0.1
storage: {filesystem: {rootdirectory: $work/registry}}
http: {addr: 127.0.0.1:$port}
log: {level: error}
YML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 & reg_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
skopeo copy -q --dest-tls-verify=false "oci:$layout:big" "docker://127.0.0.1:$port/bench/big:1"
ref=127.0.0.1:$port/bench/big:1

# --- rootless environments ---
home=$work/home; run=$work/run
install -d -o "$USER_NAME" "$home" "$run" "$home/.config/containers"
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
cat > "$home/.config/containers/registries.conf" <<CONF
[[registry]]
location = "127.0.0.1:$port"
insecure = true
CONF
chown -R "$USER_NAME" "$home"
as_user() { setpriv --reuid="$USER_NAME" --regid="$USER_NAME" --init-groups env -i PATH=/usr/bin:/bin HOME="$home" XDG_RUNTIME_DIR="$run" "$@"; }

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -A times
rss_ferry=()
for i in $(seq "$RUNS"); do
  as_user /usr/local/bin/ferry-bench system reset -f >/dev/null 2>&1 || true
  sync; t0=$(now)
  as_user /usr/bin/time -f %M -o "$run/rss" /usr/local/bin/ferry-bench pull -q "$ref" >/dev/null
  times[ferry]+="$(echo "$(now) - $t0" | bc) "
  rss_ferry+=("$(cat "$run/rss")")

  as_user podman system reset -f >/dev/null 2>&1 || true
  sync; t0=$(now)
  as_user podman pull -q "$ref" >/dev/null
  times[podman]+="$(echo "$(now) - $t0" | bc) "

  rm -rf "$work/skopeo-dest"
  sync; t0=$(now)
  skopeo copy -q --src-tls-verify=false "docker://$ref" "oci:$work/skopeo-dest:big"
  times[skopeo]+="$(echo "$(now) - $t0" | bc) "
done
as_user podman system reset -f >/dev/null 2>&1 || true

f=$(tr ' ' '\n' <<<"${times[ferry]}" | grep . | median)
p=$(tr ' ' '\n' <<<"${times[podman]}" | grep . | median)
s=$(tr ' ' '\n' <<<"${times[skopeo]}" | grep . | median)
rss=$(printf '%s\n' "${rss_ferry[@]}" | sort -n | tail -1)
printf '\nmedian of %d runs (seconds):\n' "$RUNS"
printf '  ferry pull (rootless)        %6.3f\n' "$f"
printf '  podman pull (rootless)       %6.3f\n' "$p"
printf '  skopeo copy to oci: (floor)  %6.3f\n' "$s"
printf 'ratios: ferry/podman = %.2f   ferry/skopeo = %.2f\n' "$(echo "$f / $p" | bc -l)" "$(echo "$f / $s" | bc -l)"
printf 'ferry peak RSS: %d KiB\n' "$rss"
