#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target into fuzz/corpus/<target>/.

The seeds are the inputs of the parsers' unit tests and a few realistic files (layers, archives,
manifests, Containerfiles, registries.conf, auth.json). Run from anywhere; the output is
deterministic, so re-running it only changes files when this script changes.
"""

import base64
import gzip
import hashlib
import io
import json
import os
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
SENTINEL = "/dev/shm/ferry-fuzz-sentinel"


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def info(name, kind=tarfile.REGTYPE, size=0, mode=0o644, link="", uid=0, gid=0, pax=None):
    t = tarfile.TarInfo(name)
    t.type = kind
    t.size = size
    t.mode = mode
    t.linkname = link
    t.uid, t.gid = uid, gid
    t.mtime = 1_600_000_000
    if pax:
        t.pax_headers = pax
    return t


def tar(entries, fmt=tarfile.GNU_FORMAT):
    """entries: (TarInfo, data bytes or None)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as t:
        for ti, data in entries:
            if data is not None:
                ti.size = len(data)
                t.addfile(ti, io.BytesIO(data))
            else:
                t.addfile(ti)
    # Two zero blocks end an archive; tarfile pads to 10 KiB records, which only slows fuzzing.
    data = buf.getvalue().rstrip(b"\0")
    return data + b"\0" * (-len(data) % 512 + 1024)


def f(name, data=b"x\n", mode=0o644, **kw):
    return (info(name, mode=mode, **kw), data)


def d(name, mode=0o755, **kw):
    return (info(name, tarfile.DIRTYPE, mode=mode, **kw), None)


def sym(name, target):
    return (info(name, tarfile.SYMTYPE, mode=0o777, link=target), None)


def hard(name, target):
    return (info(name, tarfile.LNKTYPE, link=target), None)


def layers():
    base = [
        d("bin"), f("bin/sh", b"\x7fELF fake shell", 0o755), sym("bin/ls", "sh"), hard("bin/cat", "bin/sh"),
        d("etc"), f("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n"), d("tmp", 0o1777),
        d("home/user", 0o700, uid=1000, gid=1000), f("home/user/notes", b"n", 0o600, uid=1000, gid=1000),
        (info("dev/null", tarfile.CHRTYPE, mode=0o666), None), (info("run/fifo", tarfile.FIFOTYPE), None),
        f("usr/bin/suid", b"#!/bin/sh\n", 0o4755),
    ]
    base[10][0].devmajor, base[10][0].devminor = 1, 3
    write("layer_apply", "base.tar", tar(base))
    write("layer_apply", "whiteouts.tar", tar([
        d("etc"), f("etc/.wh.passwd", b""), d("data"), f("data/.wh..wh..opq", b""), f("data/new", b"new"),
        f(".wh.bin", b""), d("bin"), f("bin/again", b"a"),
    ]))
    write("layer_apply", "pax.tar", tar([
        f("x" * 200 + "/long-name-file", b"long"),
        f("caps", b"c", pax={"SCHILY.xattr.security.capability": "\x01\x00\x00\x02", "mtime": "1600000000.5"}),
        f("user-xattr", b"u", pax={"SCHILY.xattr.user.test": "value"}),
        sym("l" * 120, "t" * 150),
        f("\u00e9t\u00e9/caf\u00e9", b"utf8"),
    ], tarfile.PAX_FORMAT))
    write("layer_apply", "replace.tar", tar([
        d("a"), f("a/file", b"1"), sym("a/file", "elsewhere"), f("a/file", b"2"), d("a/file"), f("a", b"now a file"),
        hard("b", "a"), d("./c/./d"), f("/abs/path", b"abs"), f("c//d///e", b"slashes"),
    ]))
    # Hostile: escapes, writes through symlinks (in the layer, in the lower layer, absolute).
    write("layer_apply", "dotdot.tar", tar([f("../escape", b"x"), f("a/../../b", b"x")]))
    write("layer_apply", "through-symlink.tar", tar([sym("s", "/tmp"), f("s/evil", b"x"), sym("r", ".."), f("r/x", b"x")]))
    write("layer_apply", "sentinel.tar", tar([sym("t", SENTINEL), f("t/keep", b"overwritten"), d("t/sub"), f("t/sub/new", b"x")]))
    write("layer_apply", "lower-links.tar", tar([f("lib/evil.so", b"x"), f("up/keep", b"x"), f("root/etc/x", b"x"), d("lib")]))
    write("layer_apply", "hardlinks.tar", tar([
        hard("h1", "/etc/shadow"), hard("h2", "../outside"), f("real", b"r"), hard("h3", "real"), hard("h3", "h3"),
        sym("sl", "real"), hard("h4", "sl"), hard("h5", "lib/x"),
    ]))
    write("layer_apply", "devices.tar", tar([(info("kvm", tarfile.CHRTYPE, mode=0o666), None), (info("sda", tarfile.BLKTYPE), None)]))
    sparse = tar([f("sparse", b"\0" * 4096 + b"data" + b"\0" * 4096)], tarfile.GNU_FORMAT)
    write("layer_apply", "zeros.tar", sparse)
    write("layer_apply", "truncated.tar", tar(base)[:1500])
    write("layer_apply", "empty.tar", b"\0" * 1024)


def digest(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def image_parts(files, gz=False):
    layer = tar([f(n, data) for n, data in files])
    blob = gzip.compress(layer, mtime=0) if gz else layer
    config = json.dumps({
        "architecture": "amd64", "os": "linux",
        "config": {"Env": ["PATH=/bin"], "Cmd": ["sh"], "ExposedPorts": {"80/tcp": {}}, "Volumes": {"/data": {}}},
        "rootfs": {"type": "layers", "diff_ids": [digest(layer)]},
        "history": [{"created_by": "seed"}],
    }).encode()
    media = "application/vnd.oci.image.layer.v1.tar" + ("+gzip" if gz else "")
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": digest(config), "size": len(config)},
        "layers": [{"mediaType": media, "digest": digest(blob), "size": len(blob)}],
    }).encode()
    return layer, blob, config, manifest


def archives():
    layer, blob, config, manifest = image_parts([("bin/sh", b"sh"), ("etc/hostname", b"seed\n")])
    cfg_name = hashlib.sha256(config).hexdigest() + ".json"
    lay_name = hashlib.sha256(layer).hexdigest() + "/layer.tar"
    docker_manifest = json.dumps([{"Config": cfg_name, "RepoTags": ["seed:latest", "localhost/other:1"], "Layers": [lay_name]}]).encode()
    docker = tar([f(cfg_name, config), d(lay_name.split("/")[0]), f(lay_name, layer), f("manifest.json", docker_manifest)])
    write("image_archive", "docker.tar", docker)
    write("image_archive", "docker.tar.gz", gzip.compress(docker, mtime=0))
    # Layers shared by symlink, as docker save writes them for repeated layers.
    linked = tar([f(cfg_name, config), d("aa"), f("aa/layer.tar", layer), sym(lay_name.split("/")[0], "aa"),
                  f("manifest.json", docker_manifest)])
    write("image_archive", "docker-symlink.tar", linked)
    _, gblob, gconfig, gmanifest = image_parts([("bin/sh", b"sh")], gz=True)
    index = json.dumps({"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": digest(gmanifest), "size": len(gmanifest),
        "annotations": {"org.opencontainers.image.ref.name": "seed:oci"}}]}).encode()
    blobs = [(gblob), (gconfig), (gmanifest)]
    oci = tar([f("oci-layout", b'{"imageLayoutVersion":"1.0.0"}'), f("index.json", index), d("blobs"), d("blobs/sha256")]
              + [f("blobs/sha256/" + hashlib.sha256(b).hexdigest(), b) for b in blobs])
    write("image_archive", "oci.tar", oci)
    write("image_archive", "hostile-names.tar", tar([f("manifest.json", b'[{"Config":"../x","RepoTags":["a"],"Layers":["/etc/passwd"]}]'), sym("l", "/")]))
    write("image_archive", "bad-json.tar", tar([f("manifest.json", b"[{"), f("index.json", b"{}")]))
    return manifest, config, index


def manifests(manifest, config, index):
    write("manifest", "oci-manifest.json", manifest)
    write("manifest", "config.json", config)
    write("manifest", "oci-index.json", index)
    write("manifest", "docker-manifest.json", json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "digest": digest(b"c"), "size": 1},
        "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "digest": digest(b"l"), "size": 1}]}))
    plats = [("linux", "amd64", None), ("linux", "arm64", "v8"), ("linux", "arm", "v7"), ("linux", "arm", "v6"), ("windows", "amd64", None)]
    write("manifest", "docker-list.json", json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
        "manifests": [dict({"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "digest": digest(str(i).encode()),
                            "size": 10, "platform": dict({"os": o, "architecture": a}, **({"variant": v} if v else {}))})
                      for i, (o, a, v) in enumerate(plats)]}))
    write("manifest", "schema1.json", '{"schemaVersion":1,"name":"x","tag":"y","fsLayers":[],"signatures":[]}')
    write("manifest", "uncompressed-layers.json", json.dumps({
        "schemaVersion": 2, "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": digest(b"c"), "size": 1},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": digest(b"l"), "size": 1,
                    "annotations": {"a": "b"}}, {"mediaType": "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
                                                  "digest": digest(b"m"), "size": 2, "urls": ["https://x"]}]}))


def references():
    for i, r in enumerate([
        "busybox", "busybox:1.36", "docker.io/library/busybox:latest", "index.docker.io/user/repo",
        "localhost:5000/a/b/c:tag", "quay.io/podman/hello@sha256:" + "0" * 64, "a.b.c:8080/x:y@sha256:" + "f" * 64,
        "[::1]:5000/img", "registry.example.com/ns/repo_name-x.y__z:v1.2.3-rc_1", "UPPER/case", "a" * 300,
        "x@sha256:short", "host:port:tag", "/leading", "trailing/", "a//b", "ns/.hidden", "sha256:" + "a" * 64,
    ]):
        write("reference", f"ref{i:02}", r)


def containerfiles():
    files = {
        "simple": "FROM busybox:latest\nRUN echo hi > /x\nCOPY a b /dst/\nCMD [\"sh\", \"-c\", \"cat /x\"]\n",
        "multistage": "# syntax=docker/dockerfile:1\nARG BASE=alpine\nFROM $BASE AS build\nWORKDIR /src\n"
                      "RUN --mount=type=cache,target=/root/.cache make\nFROM scratch\nCOPY --from=build --chown=1:1 --chmod=755 /src/out /\n"
                      "ENTRYPOINT [\"/out\"]\nHEALTHCHECK --interval=5s --timeout=3s CMD [\"/out\", \"-h\"]\n",
        "escape": "# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir `\n    c:\\\nLABEL a=\"b c\" d=e\n",
        "heredoc": "FROM busybox\nRUN <<EOF\necho one\necho two\nEOF\nCOPY <<-\"END\" /etc/conf\n\tkey=$VALUE\n\tEND\n"
                   "RUN cat <<A <<B\na\nA\nb\nB\n",
        "everything": "FROM --platform=linux/amd64 busybox AS x\nMAINTAINER me\nENV A=1 B=\"two words\" C='x y' D=a\\ b\n"
                      "ENV OLD style value\nEXPOSE 80/tcp 53/udp $PORT\nVOLUME [\"/data\", \"/logs\"]\nVOLUME /other\nUSER 1000:1000\n"
                      "WORKDIR $HOME/app\nARG X Y=2\nSTOPSIGNAL SIGTERM\nSHELL [\"/bin/bash\", \"-c\"]\nONBUILD RUN echo child\n"
                      "ADD --checksum=sha256:" + "0" * 64 + " https://example.com/f /f\nCOPY --exclude=*.md . /app\n"
                      "HEALTHCHECK NONE\nCMD echo \\\n  continued \\\n# comment inside\n  end\n",
        "errors": "FROM\nRUN\nCOPY onlyone\nFOO bar\nENV =x\nEXPOSE 99999\nONBUILD ONBUILD RUN x\nONBUILD FROM x\n",
    }
    for name, text in files.items():
        write("containerfile", name, text)


def substitutions():
    for i, w in enumerate([
        "$V", "${V}", "${V:-default}", "${UNSET:-${V:-x}}", "${V:+alt}", "${UNSET+alt}", "${UNSET:?must be set}",
        "'$V'", "\"$V and ${HOME}\"", "a\\$V", "`$V", "${V", "${}", "${V:x}", "${V#prefix}", "$$", "\"unterminated",
        "x\0value with spaces", "${A:-${B:-${C:-${D:-deep}}}}", "$V$V$V$V$V$V$V$V\0" + "long " * 20,
    ]):
        write("subst", f"word{i:02}", w)


def ignores():
    for i, text in enumerate([
        "a/b/c\n*.md\n!README.md\nnode_modules\n**/*.log\n/build\n",
        "src/x/y\n# comment\n  spaced  \n!\n",
        "deep/a/b/c/d/e/f\n**/**/**/**/**/x\n*/*/*/*\n[a-z]*\n[!abc]?\n\\*literal\n",
        "x\n[\n[a-\n\\\n",
        "a" * 50 + "\n" + "*a" * 30 + "\n",
        "\ufeffbom/path\n!!double\n./dot/./slash//\n../up\n",
    ]):
        write("ignore", f"ignore{i}", text)


def templates():
    for i, t in enumerate([
        "{{.ID}}", "table {{.ID}}\t{{.Image}}\t{{.Names}}", "{{json .}}", "{{range .Names}}{{.}} {{end}}",
        "{{if .Running}}up{{else if .Nothing}}?{{else}}down{{end}}", "{{with .State}}{{.Status}} {{.Pid}}{{end}}",
        "{{index .Labels \"b.c\"}} {{len .Names}} {{printf \"%-10s|%5.2f|%x\" .Image .Ratio .Size}}",
        "{{$x := .Size}}{{range $i, $n := .Names}}{{$i}}={{$n}}{{if eq $i 0}},{{end}}{{end}}{{$x}}",
        "{{join .Names \",\"}} {{upper .Image}} {{lower .Image}} {{title .Unicode}} {{truncate .ID 12}} {{pad .Image 3 3}}",
        "{{split .Image \"/\"}} {{and .Running .Size}} {{or .Nothing \"x\"}} {{not .Running}} {{html \"<a>\"}} {{js \"'\"}}",
        "{{range .Ports}}{{.HostPort}}->{{.ContainerPort}}/{{.Protocol}}{{break}}{{end}}",
        "{{- /* comment */ -}} {{ .Big }} {{.Negative}} {{print .Labels}} {{println .Mounts}}",
        "{{.Missing.Deeper}}", "{{", "{{end}}", "{{range}}", "{{template \"x\"}}", "{{(.Size)}} {{(index .Names 5)}}",
        "{{range $i := .Names}}{{range $.Names}}{{range $.Names}}{{.}}{{end}}{{end}}{{end}}",
    ]):
        write("template", f"tmpl{i:02}", t)


def run_specs():
    specs = {
        0: ["8080:80", "127.0.0.1:8080:80/udp", "[::1]:9090:90/tcp,udp", "8000-8010:80-90", "80", "0:80", "65535:65535",
            "1-65535:1-65535", "a:b", "99999:1"],
        1: ["80", "80/udp", "1-5", "0", "80/sctp"],
        2: ["/file:/dst", "./dir:/dst:ro,Z", "vol:/dst:rw,nocopy,U,shared", "/dst", "name:/", "bad name:/x",
            "/nonexistent:/x", "a:b:c:d", ":/x", "/file:relative"],
        3: ["type=bind,src=/file,dst=/x,ro", "type=volume,source=v,target=/data,volume-nocopy",
            "type=tmpfs,dst=/t,tmpfs-size=64m,tmpfs-mode=1777", "type=image,src=busybox,dst=/img,rw=false",
            "dst=/x", "type=bind,src=.,dst=/x,bind-propagation=rshared,relabel=shared", "type=unknown", "src=a,src=b,dst=/x"],
        4: ["/tmp", "/run:rw,noexec,nosuid,size=65536k,mode=1777", "/x:size=10%", "/y:uid=1000,gid=1000,nr_inodes=100",
            "relative", "/z:bogus=1"],
        5: ["ctr", "ctr:ro", "ctr:rw,z", ":ro", "ctr:ro,rw", "/a\n/a\ntype=tmpfs,dst=/a"],
        6: ["nofile=1024:2048", "nproc=-1", "core=unlimited:unlimited", "nofile=2:1", "bogus=1", "nofile", "memlock=9999999999999999999"],
        7: ["A=1\n# comment\n\n  B=two words\nHOME\nUNSET\n=bad\nC==x\n"],
        8: ["CMD [\"sh\"]", "ENTRYPOINT sh -c 'x y'", "ENV A=1 B=2", "EXPOSE 80/tcp 53/udp", "LABEL a=b", "USER 1:1",
            "VOLUME /data", "WORKDIR /w", "STOPSIGNAL SIGKILL", "ONBUILD RUN x", "CMD [", "FOO bar"],
    }
    for sel, values in specs.items():
        for i, v in enumerate(values):
            write("run_specs", f"s{sel}-{i:02}", bytes([sel]) + v.encode())


def registries_conf():
    write("registries_conf", "full.conf", """unqualified-search-registries = ["registry.fedoraproject.org", "docker.io", "quay.io"]
short-name-mode = "permissive"

[[registry]]
prefix = "example.com/foo"
location = "internal.example.com/bar"
insecure = false
blocked = false

[[registry.mirror]]
location = "mirror-1.example.com/bar"
insecure = true

[[registry]]
location = "localhost:5000"
insecure = true

[[registry]]
prefix = "*.blocked.example"
blocked = true

[aliases]
"fedora" = "registry.fedoraproject.org/fedora"
"busybox" = "docker.io/library/busybox"
""")
    write("registries_conf", "v1.conf", "[registries.search]\nregistries = ['docker.io']\n")
    write("registries_conf", "empty.conf", "")
    write("registries_conf", "bad.conf", "[[registry]]\nprefix = \"x\"\nlocation = \"\"\nunknown = 1\n[aliases]\n\"a/b\" = \"c\"\n")


def auths():
    cred = base64.b64encode(b"user:pass:word").decode()
    write("auth", "auth.json", json.dumps({"auths": {"localhost:5000": {"auth": cred},
                                                     "https://index.docker.io/v1/": {"auth": cred},
                                                     "quay.io/ns": {"auth": base64.b64encode(b"u:p").decode()},
                                                     "helper.example": {"identitytoken": "tok"}},
                                           "credHelpers": {"gcr.io": "gcloud"}}))
    write("auth", "bad-auth.json", '{"auths": {"x": {"auth": "!!notbase64"}, "y": {"auth": 5}, "z": []}}')
    write("auth", "challenge", 'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push", Basic realm="x"')
    write("auth", "challenge-odd", 'Bearer realm="unterminated, basic, Bearer ,,, realm=noquote error="invalid_token"')
    write("auth", "token.json", '{"token":"abc","access_token":"def","expires_in":300,"issued_at":"2020-01-01T00:00:00Z"}')


COMPOSE_MAIN = """\
name: ${PROJECT:-demo}
x-common: &common
  restart: unless-stopped
  environment:
    TAG: ${TAG:?tag needed}
    LITERAL: $$HOME
services:
  web:
    <<: *common
    image: "nginx:${TAG:-latest}"
    ports: ["${PORT:-8080}:80", "127.0.0.1:9000-9001:9000-9001/udp"]
    depends_on:
      db: {condition: service_healthy, restart: true}
    volumes:
      - ./html:/usr/share/nginx/html:ro
      - type: volume
        source: data
        target: /data
    healthcheck: {test: [CMD, curl, -f, http://localhost], interval: 1m30s, retries: 3}
    deploy: {resources: {limits: {cpus: '0.5', memory: 50M}}}
    command: >-
      sh -c 'echo ${EMPTY-unset}
      and ${NESTED:+set}'
  db:
    extends: {service: web}
    image: postgres
    profiles: [debug]
    ulimits: {nofile: {soft: 20000, hard: 40000}}
    networks: {back: {aliases: [database], ipv4_address: 10.5.0.5}}
volumes:
  data: {}
networks:
  back:
    ipam: {config: [{subnet: 10.5.0.0/16}]}
secrets:
  s: {file: ./secret.txt}
configs:
  c: {content: "x=${TAG}"}
"""

COMPOSE_OVERRIDE = """\
services:
  web:
    ports: !reset []
    environment: !override {A: "1"}
    labels: [a=b, "c=d"]
  extra:
    image: busybox
    command: ["echo", "$${X}"]
"""

COMPOSE_ENV = """\
# comment
TAG=1.0
export PORT=8181
QUOTED="a ${TAG} b\\n"
SINGLE='no $TAG'
EMPTY=
"""


def composes():
    write("compose", "full", COMPOSE_MAIN + "\0" + COMPOSE_OVERRIDE + "\0" + COMPOSE_ENV)
    write("compose", "main-only", COMPOSE_MAIN)
    write("compose", "minimal", "services:\n  a:\n    image: busybox\n")
    write("compose", "include", "include:\n  - other.yaml\nservices: {}\n")
    write("compose", "interp", "services: {a: {image: '${A:-${B:-${C:?e}}}'}}\n\0\0A=$B\nB=${TAG}x\n")
    for name in ("full", "main-only", "minimal"):
        with open(os.path.join(CORPUS, "compose", name), "rb") as fh:
            write("yaml", name, fh.read().split(b"\0")[0])
    write("yaml", "docs", "--- a\n--- [1, 2.5, -3, 0x1f, .inf, ~, true, no]\n...\n")
    write("yaml", "block", "a: |+\n  keep\n\nb: >2-\n   folded\n  text\nc: !!str 12\n")
    write("yaml", "anchors", "a: &x {b: &y [1, *y]}\nc: *x\n<<: [*x]\n")
    write("yaml", "flow", '{"q": "\\u00e9\\t", \'s\': \'it\'\'s\', ? k : v, [a]: b}\n')


CREATE = '{"Image":"busybox","Cmd":["sh","-c",""]}'


def api_requests():
    """Selector 0: what a client sends on one connection; 1: a chunked body; 2: a query and path."""
    host = "Host: api.moby.localhost\r\n"
    conns = {
        "ping": "GET /_ping HTTP/1.1\r\n" + host + "\r\n",
        "head-ping": "HEAD /v1.41/_ping HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
        "version": "GET /v1.41/version HTTP/1.1\r\n" + host + "User-Agent: Docker-Client/24.0.5 (linux)\r\n\r\n",
        "pipelined": "GET /_ping HTTP/1.1\r\n" + host + "\r\nGET /version HTTP/1.1\r\n" + host
        + "\r\nGET /v1.12/version HTTP/1.1\r\n" + host + "\r\nGET /v9.99/_ping HTTP/1.1\r\n" + host + "\r\n",
        "http10": "GET /_ping HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /version HTTP/1.0\r\n\r\n",
        "list-filters": "GET /v1.41/containers/json?all=1&filters=%7B%22label%22%3A%5B%22a%3Db%22%5D%7D HTTP/1.1\r\n"
        + host + "\r\n",
        "create-json": "POST /v1.41/containers/create?name=web HTTP/1.1\r\n" + host
        + "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(CREATE), CREATE) + "GET /_ping HTTP/1.1\r\n" + host + "\r\n",
        "chunked-post": "POST /v1.41/build?t=a+b&t=c HTTP/1.1\r\n" + host
        + "Transfer-Encoding: chunked\r\nContent-Type: application/x-tar\r\n\r\n"
        + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\nGET /_ping HTTP/1.1\r\n" + host + "\r\n",
        "expect-continue": "POST /_ping HTTP/1.1\r\n" + host + "Expect: 100-continue\r\nContent-Length: 4\r\n\r\nbody",
        "upgrade": "POST /v1.41/containers/abc/attach?stream=1&stdout=1 HTTP/1.1\r\n" + host
        + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n",
        "smuggle-cl-te": "POST /_ping HTTP/1.1\r\n" + host + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "smuggle-two-cl": "POST /_ping HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
        "te-gzip": "POST /_ping HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip, chunked\r\n\r\n",
        "bad-chunk": "POST /_ping HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n-1\r\nx\r\n0\r\n\r\n",
        "short-body": "POST /_ping HTTP/1.1\r\n" + host + "Content-Length: 100\r\n\r\nabc",
        "no-host": "GET /_ping HTTP/1.1\r\n\r\n",
        "absolute": "GET http://x/_ping HTTP/1.1\r\n" + host + "\r\n",
        "libpod": "GET /v4.3.0/libpod/info HTTP/1.1\r\n" + host + "\r\n",
        "method": "DELETE /version HTTP/1.1\r\n" + host + "\r\n",
        "escapes": "GET /containers/a%2Fb/json?x=%zz HTTP/1.1\r\n" + host + "\r\n",
        "bad-escape-path": "GET /containers/%ff/json HTTP/1.1\r\n" + host + "\r\n",
        "many-headers": "GET /_ping HTTP/1.1\r\n" + host + "".join(f"X-{i}: v\r\n" for i in range(20)) + "\r\n",
        "big-head": "GET /_ping HTTP/1.1\r\n" + host + "X-Big: " + "a" * 3000 + "\r\n\r\n",
        "fold": "GET /_ping HTTP/1.1\r\n" + host + "X: a\r\n folded\r\n\r\n",
        "partial": "GET /_ping HTTP/1.1\r\n" + host,
    }
    for name, text in conns.items():
        write("api_http", "c-" + name, b"\0" + text.encode())
    bodies = [b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", b"A;name=value\r\n0123456789\r\n0\r\n\r\n",
              b"3 ;ext\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\n", b"0\r\n\r\n", b"00000001\r\nx\r\n0\r\n\r\n",
              b"ffffffffffffffff\r\nabc", b"10000000000000000\r\nx\r\n0\r\n\r\n", b"1\nx\r\n0\r\n\r\n",
              b"1\r\nxy\r\n0\r\n\r\n", b"5\r\nhel"]
    for i, body in enumerate(bodies):
        write("api_http", f"b-{i:02}", bytes([1, 7 * i]) + body)
    queries = ["/v1.41/containers/json?all=1&filters=%7B%22label%22%3A%5B%22a%3Db%22%5D%7D",
               '/images/json?filters={"dangling":{"true":true}}&tail=10&t=a+b&t=c&stream=false&e',
               "/v1.40/containers/abc/logs?tail=-1&since=0", "/v1.12.3/_ping?a=%4", "/v/x?%ff=1",
               "/volumes/prune?filters=%7B%7D", "/containers/a%2Fb/archive?path=%2Fetc", "/distribution/a/b/c/json",
               "/v99999999999.1/version", "/exec/x/start"]
    for i, q in enumerate(queries):
        write("api_http", f"q-{i:02}", b"\2" + q.encode())


CONTAINERS_CONF = """[containers]
annotations = ["run.oci.keep_original_groups=1", "flag"]
default_capabilities = ["chown", "CAP_NET_RAW", "Kill"]
default_sysctls = ["net.ipv4.ping_group_range=0 1000"]
default_ulimits = ["nofile=1024:2048", "nproc=-1"]
devices = ["/dev/fuse", "/dev/sdc:/dev/xvdc:rw"]
dns_servers = ["1.1.1.1", "fd00::1"]
env = ["TERM=xterm", "FROM_HOST", "PROXY_*"]
log_driver = "k8s-file"
log_size_max = 8192
netns = "slirp4netns:allow_host_loopback=true"
pids_limit = 2048
shm_size = "1.5g"
tz = "local"
umask = "0077"
userns = "keep-id:uid=1000"
volumes = ["/srv:/srv:ro", "/cache"]

[engine]
cgroup_manager = "cgroupfs"
detach_keys = "ctrl-x"
env = ["http_proxy=http://proxy:3128"]
events_logfile_max_size = "2m"
pull_policy = "IfNotPresent"
stop_timeout = 42
[engine.runtimes]
runc = ["/usr/bin/runc"]

[network]
default_subnet = "10.99.0.0/16"
default_subnet_pools = [{base = "10.100.0.0/16", size = 26}]
pasta_options = ["--mtu", "1500"]

[secrets]
driver = "file"
[secrets.opts]
root = "/srv/secrets"

[machine]
cpus = 2
"""


def containers_confs():
    write("containers_conf", "full.conf", CONTAINERS_CONF)
    write("containers_conf", "empty.conf", "")
    write("containers_conf", "layered", CONTAINERS_CONF + "\0[containers]\npids_limit = 0\nenv = [\"A=1\"]\n"
          "[engine]\ncgroup_manager = \"systemd\"\n")
    write("containers_conf", "unknown", "[containers]\nbogus = 1\n[foo]\nbar = 2\n[engine]\nnamespace = \"x\"\n")
    for i, bad in enumerate(["[containers]\npids_limit = \"2048\"\n", "[containers]\n\ninit = 1",
                             "[containers]\ndefault_ulimits = [\"nofile=2048:1024\"]", "[containers]\numask = \"0088\"",
                             "[containers]\nshm_size = \"64q\"", "[containers]\ndevices = [\"/dev/a:/b:r:w\"]",
                             "[engine]\nremote = true", "[containers\nx = 1", "\u00e9 = \"\u00e9\"\n[containers]\nlabel = \"yes\"",
                             "[network]\ndefault_subnet_pools = [{base = \"10.0.0.0/8\", size = 99}]"]):
        write("containers_conf", f"bad-{i:02}", bad)


def main():
    layers()
    manifest, config, index = archives()
    manifests(manifest, config, index)
    references()
    containerfiles()
    substitutions()
    ignores()
    templates()
    run_specs()
    registries_conf()
    auths()
    composes()
    api_requests()
    containers_confs()


if __name__ == "__main__":
    main()
