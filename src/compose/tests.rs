//! Loading whole projects from files on disk: discovery, names, environment, interpolation,
//! extends, include, profiles, validation errors with file:line, hostile input, and `config`'s
//! normalization of the specification's examples, field by field.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Value, json};

use super::*;

/// A directory of files for one test, removed afterwards.
pub(crate) struct Dir(pub PathBuf);

impl Dir {
    pub fn new(files: &[(&str, &str)]) -> Dir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "ferry-compose-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        for (name, text) in files {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    pub fn opts(&self) -> LoadOptions {
        self.opts_in(".")
    }

    pub fn opts_in(&self, sub: &str) -> LoadOptions {
        let env: BTreeMap<String, String> = [("HOME", "/home/u"), ("SHELL_VAR", "from-shell")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        LoadOptions::new(paths::clean(&self.0.join(sub)), env)
    }

    pub fn load(&self) -> Result<Loaded, Error> {
        load(&self.opts())
    }

    pub fn path(&self, p: &str) -> String {
        self.0.join(p).display().to_string()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The project as `compose config --format json` prints it.
pub(crate) fn config(dir: &Dir) -> Value {
    let loaded = dir.load().unwrap();
    serde_json::to_value(&loaded.project).unwrap()
}

fn error(dir: &Dir) -> String {
    dir.load().unwrap_err().to_string()
}

#[test]
fn discovery_prefers_compose_yaml_and_adds_its_override() {
    let d = Dir::new(&[
        ("compose.yaml", "services:\n  a:\n    image: one\n"),
        ("compose.override.yml", "services:\n  a:\n    image: two\n"),
        ("docker-compose.yml", "services:\n  b:\n    image: old\n"),
        ("sub/deeper/.keep", ""),
    ]);
    let loaded = load(&d.opts_in("sub/deeper")).unwrap();
    assert_eq!(loaded.project.services["a"].image.as_deref(), Some("two"));
    assert!(!loaded.project.services.contains_key("b"));
    assert_eq!(
        loaded.project.config_files,
        [d.0.join("compose.yaml"), d.0.join("compose.override.yml")]
    );
    assert_eq!(loaded.project.working_dir, d.0);
    assert!(
        loaded.warnings.iter().any(|w| w.contains("multiple config files")),
        "{:?}",
        loaded.warnings
    );
    let d = Dir::new(&[
        ("docker-compose.yml", "services:\n  a:\n    image: x\n"),
        ("docker-compose.override.yaml", "services:\n  a:\n    user: u\n"),
    ]);
    assert_eq!(d.load().unwrap().project.services["a"].user.as_deref(), Some("u"));
    let d = Dir::new(&[]);
    assert!(error(&d).starts_with("no configuration file found in "));
}

#[test]
fn project_name_precedence_and_normalization() {
    let d = Dir::new(&[("My.App_1/compose.yaml", "services:\n  a:\n    image: x\n")]);
    assert_eq!(load(&d.opts_in("My.App_1")).unwrap().project.name, "myapp_1");
    let d = Dir::new(&[(
        "compose.yaml",
        "name: \"${PREFIX:-Demo}-Stack\"\nservices:\n  a:\n    image: ${COMPOSE_PROJECT_NAME}\n",
    )]);
    let p = d.load().unwrap().project;
    assert_eq!(p.name, "demo-stack");
    assert_eq!(p.services["a"].image.as_deref(), Some("demo-stack"));
    let mut opts = d.opts();
    opts.environment.insert("COMPOSE_PROJECT_NAME".into(), "fromenv".into());
    assert_eq!(load(&opts).unwrap().project.name, "fromenv");
    opts.project_name = Some("flag".into());
    assert_eq!(load(&opts).unwrap().project.name, "flag");
    opts.project_name = Some("Bad Name".into());
    assert!(
        load(&opts)
            .unwrap_err()
            .to_string()
            .starts_with("invalid project name \"Bad Name\"")
    );
    assert_eq!(normalize_project_name("__My-Proj.1"), "my-proj1");
}

#[test]
fn dotenv_and_env_files_feed_interpolation_under_the_shell() {
    let d = Dir::new(&[
        (
            "compose.yaml",
            "services:\n  a:\n    image: \"${IMAGE}:${TAG:-latest}\"\n    environment:\n      SHELL_VAR: $SHELL_VAR\n      FROM_FILE: ${FROM_FILE}\n      LITERAL: $$HOME\n",
        ),
        (
            ".env",
            "IMAGE=busybox\nTAG=1.36\nSHELL_VAR=from-dotenv\nFROM_FILE=dot\n",
        ),
        ("other.env", "IMAGE=alpine\nFROM_FILE=other\n"),
    ]);
    let p = d.load().unwrap().project;
    let a = &p.services["a"];
    assert_eq!(a.image.as_deref(), Some("busybox:1.36"));
    assert_eq!(a.environment["SHELL_VAR"].as_deref(), Some("from-shell"));
    assert_eq!(a.environment["FROM_FILE"].as_deref(), Some("dot"));
    assert_eq!(a.environment["LITERAL"].as_deref(), Some("$HOME"));
    assert_eq!(p.env_files, [d.0.join(".env")]);
    // --env-file replaces .env.
    let mut opts = d.opts();
    opts.env_files = vec!["other.env".into()];
    let p = load(&opts).unwrap().project;
    assert_eq!(p.services["a"].image.as_deref(), Some("alpine:latest"));
    assert_eq!(p.services["a"].environment["FROM_FILE"].as_deref(), Some("other"));
}

#[test]
fn interpolation_warnings_and_errors_name_file_and_line() {
    let d = Dir::new(&[("compose.yaml", "services:\n  a:\n    image: x${MISSING}\n")]);
    let loaded = d.load().unwrap();
    assert_eq!(loaded.project.services["a"].image.as_deref(), Some("x"));
    assert_eq!(
        loaded.warnings,
        ["The \"MISSING\" variable is not set. Defaulting to a blank string."]
    );
    let d = Dir::new(&[(
        "compose.yaml",
        "services:\n  a:\n    image: x\n    user: ${WHO:?set WHO}\n",
    )]);
    assert_eq!(
        error(&d),
        format!(
            "{}:4: services.a.user: required variable WHO is missing a value: set WHO",
            d.path("compose.yaml")
        )
    );
    let d = Dir::new(&[("compose.yaml", "services:\n  a:\n    image: ${BAD/x}\n")]);
    let e = error(&d);
    assert!(
        e.starts_with(&format!(
            "{}:3: services.a.image: invalid interpolation format",
            d.path("compose.yaml")
        )),
        "{e}"
    );
    // Keys are never interpolated.
    let d = Dir::new(&[(
        "compose.yaml",
        "services:\n  a:\n    image: x\n    labels:\n      $KEY: v\n",
    )]);
    assert!(d.load().unwrap().project.services["a"].labels.contains_key("$KEY"));
}

#[test]
fn several_files_merge_and_paths_resolve_against_the_project_directory() {
    let d = Dir::new(&[
        (
            "app/compose.yaml",
            "services:\n  web:\n    build: .\n    ports: [\"8080:80\"]\n    environment: [A=1]\n",
        ),
        (
            "extra/more.yaml",
            "services:\n  web:\n    volumes: [./data:/data]\n    ports: [\"8443:443\"]\n    environment: {B: 2}\n",
        ),
    ]);
    let mut opts = d.opts();
    opts.files = vec!["app/compose.yaml".into(), "extra/more.yaml".into()];
    let p = load(&opts).unwrap().project;
    let web = &p.services["web"];
    // Relative paths of every file are relative to the project directory (the first file's).
    assert_eq!(web.volumes[0].source.as_deref(), Some(d.path("app/data").as_str()));
    assert_eq!(
        web.build.as_ref().unwrap().context.as_deref(),
        Some(d.path("app").as_str())
    );
    assert_eq!(web.ports.iter().map(|p| p.target).collect::<Vec<_>>(), [80, 443]);
    assert_eq!(web.environment.len(), 2);
    opts.project_directory = Some("extra".into());
    let p = load(&opts).unwrap().project;
    assert_eq!(
        p.services["web"].volumes[0].source.as_deref(),
        Some(d.path("extra/data").as_str())
    );
    assert_eq!(p.name, "extra");
}

#[test]
fn extends_in_the_same_file_and_another() {
    let d = Dir::new(&[
        (
            "compose.yaml",
            "services:\n  base:\n    image: busybox\n    user: root\n  common:\n    extends: base\n    environment: {TZ: utc, PORT: 80}\n    volumes: [\"common-volume:/var/lib/backup/data:rw\"]\n    security_opt: [\"label:role:ROLE\"]\n  cli:\n    extends:\n      service: common\n    environment: [PORT=8080]\n    volumes: [\"cli-volume:/var/lib/backup/data:ro\"]\n    security_opt: [\"label:user:USER\"]\n  remote:\n    extends: {file: lib/base.yaml, service: worker}\n    command: [run]\nvolumes:\n  common-volume:\n  cli-volume:\n",
        ),
        (
            "lib/base.yaml",
            "services:\n  worker:\n    extends: {service: core}\n    build: ./w\n    env_file: w.env\n  core:\n    image: core\n    volumes: [./cache:/cache]\n",
        ),
        ("lib/w.env", "W=1\n"),
    ]);
    let p = d.load().unwrap().project;
    let cli = &p.services["cli"];
    assert_eq!(cli.image.as_deref(), Some("busybox"));
    assert_eq!(cli.user.as_deref(), Some("root"));
    assert_eq!(cli.environment["PORT"].as_deref(), Some("8080"));
    assert_eq!(cli.environment["TZ"].as_deref(), Some("utc"));
    assert_eq!(cli.volumes.len(), 1);
    assert_eq!(
        (cli.volumes[0].source.as_deref(), cli.volumes[0].read_only),
        (Some("cli-volume"), true)
    );
    assert_eq!(cli.security_opt, ["label:role:ROLE", "label:user:USER"]);
    let remote = &p.services["remote"];
    // Paths from the other file are relative to that file.
    assert_eq!(
        remote.build.as_ref().unwrap().context.as_deref(),
        Some(d.path("lib/w").as_str())
    );
    assert_eq!(remote.volumes[0].source.as_deref(), Some(d.path("lib/cache").as_str()));
    assert_eq!(remote.environment["W"].as_deref(), Some("1"));
    assert_eq!(remote.command.as_deref(), Some(&["run".to_string()][..]));
}

#[test]
fn extends_errors() {
    let d = Dir::new(&[(
        "compose.yaml",
        "services:\n  a:\n    extends: b\n    image: x\n  b:\n    extends: a\n",
    )]);
    let e = error(&d);
    assert!(e.contains(":6: circular extends: a -> b -> a"), "{e}");
    let d = Dir::new(&[("compose.yaml", "services:\n  a:\n    extends: nope\n    image: x\n")]);
    assert!(error(&d).contains(":3: services.a.extends: no service \"nope\" in "));
    let d = Dir::new(&[(
        "compose.yaml",
        "services:\n  a:\n    extends: {file: missing.yaml, service: x}\n",
    )]);
    assert!(error(&d).starts_with(&format!("reading {}", d.path("missing.yaml"))));
}

#[test]
fn include_loads_projects_of_their_own() {
    let d = Dir::new(&[
        (
            "compose.yaml",
            "include:\n  - db/compose.yaml\n  - path: [cache/compose.yaml, cache/override.yaml]\n    env_file: cache/vars.env\nservices:\n  web:\n    image: web\n    depends_on: [db, cache]\n",
        ),
        (
            "db/compose.yaml",
            "services:\n  db:\n    image: \"db:${DB_TAG}\"\n    volumes: [./init:/init, dbdata:/var/lib/db]\nvolumes:\n  dbdata:\n",
        ),
        ("db/.env", "DB_TAG=15\n"),
        (
            "cache/compose.yaml",
            "services:\n  cache:\n    image: \"cache:${CACHE_TAG}\"\n",
        ),
        ("cache/override.yaml", "services:\n  cache:\n    user: nobody\n"),
        ("cache/vars.env", "CACHE_TAG=7\n"),
    ]);
    let p = d.load().unwrap().project;
    assert_eq!(p.services["db"].image.as_deref(), Some("db:15"));
    assert_eq!(
        p.services["db"].volumes[0].source.as_deref(),
        Some(d.path("db/init").as_str())
    );
    assert_eq!(p.services["cache"].image.as_deref(), Some("cache:7"));
    assert_eq!(p.services["cache"].user.as_deref(), Some("nobody"));
    assert_eq!(
        p.volumes["dbdata"].name.as_deref(),
        Some(format!("{}_dbdata", p.name).as_str())
    );
    // The including project's environment wins over the included .env.
    let mut opts = d.opts();
    opts.environment.insert("DB_TAG".into(), "16".into());
    assert_eq!(
        load(&opts).unwrap().project.services["db"].image.as_deref(),
        Some("db:16")
    );
}

#[test]
fn include_conflicts_and_cycles() {
    let d = Dir::new(&[
        (
            "compose.yaml",
            "include: [other.yaml]\nservices:\n  a:\n    image: mine\n",
        ),
        ("other.yaml", "services:\n  a:\n    image: theirs\n"),
    ]);
    let e = error(&d);
    assert!(
        e.contains("compose.yaml:4: services.a conflicts with the one defined by the included"),
        "{e}"
    );
    let d = Dir::new(&[
        ("compose.yaml", "include: [a.yaml]\nservices:\n  x:\n    image: x\n"),
        ("a.yaml", "include: [compose.yaml]\nservices:\n  y:\n    image: y\n"),
    ]);
    assert!(error(&d).contains("include cycle: "));
}

#[test]
fn anchors_aliases_and_merge_keys() {
    let d = Dir::new(&[(
        "compose.yaml",
        "x-defaults: &defaults\n  restart: always\n  environment: &env\n    LEVEL: info\n  labels: {team: a}\nservices:\n  a:\n    <<: *defaults\n    image: a\n  b:\n    <<: *defaults\n    image: b\n    environment:\n      <<: *env\n      EXTRA: \"1\"\n",
    )]);
    let p = d.load().unwrap().project;
    assert_eq!(p.services["a"].restart, Some(Restart::Always));
    assert_eq!(p.services["b"].environment["LEVEL"].as_deref(), Some("info"));
    assert_eq!(p.services["b"].environment["EXTRA"].as_deref(), Some("1"));
    assert_eq!(p.services["b"].labels["team"], "a");
    assert_eq!(p.extensions.0["x-defaults"]["restart"], "always");
}

/// The profiles example of the specification: foo always; bar and baz with `test`; zot with
/// `debug` depending on bar.
#[test]
fn profiles_as_the_specification_describes() {
    let text = "services:\n  foo:\n    image: foo\n  bar:\n    image: bar\n    profiles: [test]\n  baz:\n    image: baz\n    depends_on: [bar]\n    profiles: [test]\n  zot:\n    image: zot\n    depends_on: [bar]\n    profiles: [debug]\n";
    let d = Dir::new(&[("compose.yaml", text)]);
    let enabled = |profiles: &[&str], services: &[&str]| -> Result<Vec<String>, Error> {
        let mut opts = d.opts();
        opts.profiles = profiles.iter().map(|s| s.to_string()).collect();
        opts.services = services.iter().map(|s| s.to_string()).collect();
        Ok(load(&opts)?.project.services.into_keys().collect())
    };
    assert_eq!(enabled(&[], &[]).unwrap(), ["foo"]);
    assert_eq!(enabled(&["test"], &[]).unwrap(), ["bar", "baz", "foo"]);
    assert!(
        enabled(&["debug"], &[])
            .unwrap_err()
            .to_string()
            .contains("service \"zot\" depends on service \"bar\", which is disabled by its profiles")
    );
    assert_eq!(enabled(&["debug", "test"], &[]).unwrap(), ["bar", "baz", "foo", "zot"]);
    assert_eq!(enabled(&[], &["bar"]).unwrap(), ["bar", "baz", "foo"]);
    assert_eq!(enabled(&[], &["baz"]).unwrap(), ["bar", "baz", "foo"]);
    assert!(enabled(&[], &["zot"]).is_err());
    assert_eq!(enabled(&["test"], &["zot"]).unwrap(), ["bar", "baz", "foo", "zot"]);
    assert_eq!(enabled(&["*"], &[]).unwrap(), ["bar", "baz", "foo", "zot"]);
    let mut opts = d.opts();
    opts.environment.insert("COMPOSE_PROFILES".into(), "test".into());
    assert_eq!(load(&opts).unwrap().project.services.len(), 3);
}

#[test]
fn unknown_keys_and_type_errors_name_file_line_and_key() {
    let cases = [
        (
            "services:\n  web:\n    image: x\n    imgae: y\n",
            ":4: services.web: unknown key \"imgae\" (did you mean \"image\"?)",
        ),
        (
            "services:\n  web:\n    image: x\n    cpus: 2\n",
            ":4: services.web: \"cpus\" is part of the Compose Specification but ferry does not support it",
        ),
        (
            "services:\n  web:\n    image: x\n    ports:\n      - target: 80\n        publisehd: 8080\n",
            ":6: services.web.ports[0]: unknown key \"publisehd\" (did you mean \"published\"?)",
        ),
        (
            "services:\n  web:\n    image: x\n    privileged: maybe\n",
            ":4: services.web.privileged: expected a boolean, found \"maybe\"",
        ),
        (
            "services:\n  web:\n    image: x\n    scale: -1\n",
            ":4: services.web.scale: expected a non-negative integer, found \"-1\"",
        ),
        (
            "services:\n  web:\n    image: x\n    restart: sometimes\n",
            ":4: services.web.restart: invalid restart policy \"sometimes\"",
        ),
        (
            "services:\n  web:\n    image: x\n    depends_on:\n      db: {condition: service_ready}\n  db:\n    image: y\n",
            ":5: services.web.depends_on.db.condition: unknown variant `service_ready`",
        ),
        (
            "servics:\n  web:\n    image: x\n",
            ":1: unknown key \"servics\" (did you mean \"services\"?)",
        ),
        (
            "services:\n  web:\n    image: x\n    healthcheck:\n      interval: 5\n",
            ":5: services.web.healthcheck.interval: invalid duration \"5\"",
        ),
        (
            "networks:\n  n:\n    enable_ipv6: true\nservices: {}\n",
            ":3: networks.n: \"enable_ipv6\" is part of the Compose Specification but ferry does not support it",
        ),
        (
            "services:\n  web:\n    image: x\n    volumes:\n      - type: image\n        source: alpine\n        target: /a\n",
            ":5: services.web.volumes[0].type: unknown variant `image`",
        ),
        (
            "services:\n  web: [a]\n",
            ":2: services.web: expected struct Service, found a sequence",
        ),
        (
            "services:\n  web:\n    image: x\n    build:\n      context: .\n      tags: [a]\n",
            ":6: services.web.build: \"tags\" is part of the Compose Specification but ferry does not support it",
        ),
    ];
    for (text, expected) in cases {
        let d = Dir::new(&[("compose.yaml", text)]);
        let e = error(&d);
        assert!(
            e.starts_with(&format!("{}{expected}", d.path("compose.yaml"))),
            "{text}\ngot: {e}\nwanted: {expected}"
        );
    }
}

#[test]
fn consistency_errors_name_the_key() {
    let cases = [
        (
            "services:\n  web:\n    build: {dockerfile: D}\n    networks: [nope]\n",
            ":4: service \"web\" refers to undefined network \"nope\"",
        ),
        (
            "services:\n  web:\n    image: x\n    volumes: [\"data:/d\"]\n",
            ":4: service \"web\" refers to undefined volume \"data\"",
        ),
        (
            "services:\n  web:\n    image: x\n    secrets: [s]\n",
            ":4: service \"web\" refers to undefined secret \"s\"",
        ),
        (
            "services:\n  web:\n    user: x\n",
            ":2: service \"web\" has neither an image nor a build context specified",
        ),
        (
            "services:\n  web:\n    image: x\n    depends_on: [db]\n",
            ":4: service \"web\" depends on service \"db\", which is not defined",
        ),
        (
            "services:\n  web:\n    image: x\n    container_name: w\n    scale: 2\n",
            ":4: service \"web\": container_name \"w\" cannot be used with more than one replica",
        ),
        (
            "services:\n  web:\n    image: x\n    network_mode: host\n    networks: [n]\nnetworks:\n  n:\n",
            ":4: service \"web\": network_mode and networks cannot be combined",
        ),
        (
            "secrets:\n  s:\n    name: x\nservices: {}\n",
            ":2: secrets.s: a file is required",
        ),
        (
            "services:\n  a:\n    image: x\n    tmp: !custom 1\n",
            ":4: unsupported YAML tag !custom",
        ),
        ("[1, 2]\n", ":1: the top level must be a mapping, not a sequence"),
    ];
    for (text, expected) in cases {
        let d = Dir::new(&[("compose.yaml", text)]);
        let e = error(&d);
        assert!(
            e.starts_with(&format!("{}{expected}", d.path("compose.yaml"))),
            "{text}\ngot: {e}\nwanted: {expected}"
        );
    }
    let d = Dir::new(&[(
        "compose.yaml",
        "services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [c]\n  c:\n    image: x\n    depends_on: [a]\n",
    )]);
    assert_eq!(error(&d), "dependency cycle between services: a -> b -> c -> a");
    let d = Dir::new(&[("compose.yaml", "")]);
    assert_eq!(error(&d), format!("{}: empty compose file", d.path("compose.yaml")));
}

#[test]
fn hostile_yaml_is_refused_clearly() {
    let mut laughs = String::from("x-a0: &a0 [l, l, l, l, l, l, l, l, l, l]\n");
    for i in 1..12 {
        let p = i - 1;
        laughs.push_str(&format!(
            "x-a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    laughs.push_str("services: {}\n");
    let d = Dir::new(&[("compose.yaml", &laughs)]);
    assert!(error(&d).contains("more than 250000 nodes (after expanding aliases)"));
    let deep = format!("services: {}{}\n", "{a: ".repeat(300), "}".repeat(300));
    let d = Dir::new(&[("compose.yaml", &deep)]);
    assert!(error(&d).contains("nesting is deeper than 128 levels"));
    let big = format!("x-big: \"{}\"\nservices: {{}}\n", "a".repeat(9 << 20));
    let d = Dir::new(&[("compose.yaml", &big)]);
    assert!(error(&d).ends_with("file is larger than 8388608 bytes"));
    let d = Dir::new(&[("compose.yaml", "services:\n  a: &a\n    image: x\n    labels: *a\n")]);
    assert!(d.load().is_err());
}

/// `config`'s normalized form of the examples in the specification's service documentation,
/// checked field by field (inputs written from the documented semantics).
#[test]
fn config_normalizes_the_specification_examples() {
    let d = Dir::new(&[
        (
            "compose.yaml",
            r#"services:
  frontend:
    image: example/webapp
    build: ./webapp
    command: bundle exec thin -p 3000
    entrypoint: ["php", "-d", "memory_limit=-1", "vendor/bin/phpunit"]
    environment:
      RACK_ENV: development
      SHOW: "true"
      USER_INPUT:
    env_file: ./a.env
    ports:
      - "3000"
      - "127.0.0.1:8001:8001"
      - "6060:6060/udp"
      - name: web
        target: 80
        host_ip: 127.0.0.1
        published: "8080"
        protocol: tcp
        app_protocol: http
        mode: host
    expose: ["3000", 8000, "8080-8085/tcp"]
    volumes:
      - type: volume
        source: db-data
        target: /data
        volume:
          nocopy: true
          subpath: sub
      - type: bind
        source: /var/run/postgres/postgres.sock
        target: /var/run/postgres/postgres.sock
      - ./cache:/tmp/cache:ro
      - type: tmpfs
        target: /scratch
        tmpfs: {size: 10m, mode: 01777}
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost"]
      interval: 1m30s
      timeout: 10s
      retries: 3
      start_period: 40s
      start_interval: 5s
    depends_on:
      db:
        condition: service_healthy
        restart: true
      redis:
        condition: service_started
    deploy:
      replicas: 2
      resources:
        limits: {cpus: '0.50', memory: 50M, pids: 1}
        reservations: {cpus: 0.25, memory: 20M}
    ulimits:
      nproc: 65535
      nofile: {soft: 20000, hard: 40000}
    extra_hosts:
      - "somehost=162.242.195.82"
      - "otherhost:50.31.209.229"
      - "myhostv6=::1"
    sysctls: ["net.core.somaxconn=1024"]
    labels: ["com.example.description=Accounting webapp", "com.example.empty"]
    logging: {driver: syslog, options: {syslog-address: "tcp://192.168.0.42:123"}}
    devices: ["/dev/ttyUSB0:/dev/ttyUSB1:rwm"]
    dns: 8.8.8.8
    tmpfs: /run
    secrets: [server-certificate, {source: other, target: /etc/other, uid: "103", gid: "103", mode: 0440}]
    configs: [my_config]
    stop_grace_period: 1m30s
    shm_size: 2gb
    pull_policy: if_not_present
    restart: on-failure:3
    init: true
    networks:
      front:
        aliases: [www]
        ipv4_address: 172.16.238.10
  db:
    image: postgres
    network_mode: "service:redis"
  redis:
    image: redis
    networks: [back]
networks:
  front:
    driver: bridge
    driver_opts: {com.docker.network.bridge.host_binding_ipv4: "127.0.0.1"}
    ipam:
      driver: default
      config: [{subnet: 172.16.238.0/24, ip_range: 172.16.238.0/25, gateway: 172.16.238.1}]
  back:
    internal: true
  outside:
    external: true
volumes:
  db-data:
    driver: local
    labels: {com.example.usage: db}
  shared:
    external: true
    name: actual-name
secrets:
  server-certificate:
    file: ./server.cert
  other:
    file: /abs/other
configs:
  my_config:
    file: ./my_config.txt
"#,
        ),
        ("a.env", "FROM_FILE=1\nRACK_ENV=overridden-by-environment\n"),
    ]);
    let v = config(&d);
    let f = &v["services"]["frontend"];
    assert_eq!(v["name"], d.0.file_name().unwrap().to_str().unwrap());
    assert_eq!(
        f["build"],
        json!({"context": d.path("webapp"), "dockerfile": "Dockerfile"})
    );
    assert_eq!(f["command"], json!(["bundle", "exec", "thin", "-p", "3000"]));
    assert_eq!(
        f["entrypoint"],
        json!(["php", "-d", "memory_limit=-1", "vendor/bin/phpunit"])
    );
    assert_eq!(
        f["environment"],
        json!({"FROM_FILE": "1", "RACK_ENV": "development", "SHOW": "true", "USER_INPUT": null})
    );
    assert_eq!(f["env_file"], json!([{"path": d.path("a.env"), "required": true}]));
    assert_eq!(
        f["ports"],
        json!([
            {"mode": "ingress", "target": 3000, "protocol": "tcp"},
            {"mode": "ingress", "host_ip": "127.0.0.1", "target": 8001, "published": "8001", "protocol": "tcp"},
            {"mode": "ingress", "target": 6060, "published": "6060", "protocol": "udp"},
            {"mode": "host", "host_ip": "127.0.0.1", "target": 80, "published": "8080", "protocol": "tcp", "name": "web", "app_protocol": "http"},
        ])
    );
    assert_eq!(f["expose"], json!(["3000", "8000", "8080-8085/tcp"]));
    assert_eq!(
        f["volumes"],
        json!([
            {"type": "volume", "source": "db-data", "target": "/data", "volume": {"nocopy": true, "subpath": "sub"}},
            {"type": "bind", "source": "/var/run/postgres/postgres.sock", "target": "/var/run/postgres/postgres.sock"},
            {"type": "bind", "source": d.path("cache"), "target": "/tmp/cache", "read_only": true, "bind": {"create_host_path": true}},
            {"type": "tmpfs", "target": "/scratch", "tmpfs": {"size": "10485760", "mode": 1023}},
        ])
    );
    assert_eq!(
        f["healthcheck"],
        json!({"test": ["CMD", "curl", "-f", "http://localhost"], "interval": "1m30s", "timeout": "10s", "retries": 3, "start_period": "40s", "start_interval": "5s"})
    );
    assert_eq!(
        f["depends_on"],
        json!({"db": {"condition": "service_healthy", "restart": true, "required": true}, "redis": {"condition": "service_started", "required": true}})
    );
    assert_eq!(
        f["deploy"],
        json!({"replicas": 2, "resources": {"limits": {"cpus": 0.5, "memory": "52428800", "pids": 1}, "reservations": {"cpus": 0.25, "memory": "20971520"}}})
    );
    assert_eq!(
        f["ulimits"],
        json!({"nofile": {"soft": 20000, "hard": 40000}, "nproc": 65535})
    );
    assert_eq!(
        f["extra_hosts"],
        json!(["myhostv6=::1", "otherhost=50.31.209.229", "somehost=162.242.195.82"])
    );
    assert_eq!(f["sysctls"], json!({"net.core.somaxconn": "1024"}));
    assert_eq!(
        f["labels"],
        json!({"com.example.description": "Accounting webapp", "com.example.empty": ""})
    );
    assert_eq!(
        f["logging"],
        json!({"driver": "syslog", "options": {"syslog-address": "tcp://192.168.0.42:123"}})
    );
    assert_eq!(
        f["devices"],
        json!([{"source": "/dev/ttyUSB0", "target": "/dev/ttyUSB1", "permissions": "rwm"}])
    );
    assert_eq!(f["dns"], json!(["8.8.8.8"]));
    assert_eq!(f["tmpfs"], json!(["/run"]));
    assert_eq!(
        f["secrets"],
        json!([{"source": "server-certificate"}, {"source": "other", "target": "/etc/other", "uid": "103", "gid": "103", "mode": 288}])
    );
    assert_eq!(f["configs"], json!([{"source": "my_config"}]));
    assert_eq!(f["stop_grace_period"], "1m30s");
    assert_eq!(f["shm_size"], "2147483648");
    assert_eq!(f["pull_policy"], "missing");
    assert_eq!(f["restart"], "on-failure:3");
    assert_eq!(f["init"], true);
    assert_eq!(
        f["networks"],
        json!({"front": {"aliases": ["www"], "ipv4_address": "172.16.238.10"}})
    );
    // Sharing a service's network implies depending on it; no default network then.
    assert_eq!(v["services"]["db"]["network_mode"], "service:redis");
    assert_eq!(
        v["services"]["db"]["depends_on"],
        json!({"redis": {"condition": "service_started", "restart": true, "required": true}})
    );
    assert!(v["services"]["db"].get("networks").is_none());
    assert_eq!(v["services"]["redis"]["networks"], json!({"back": null}));
    let prefix = v["name"].as_str().unwrap().to_string();
    assert_eq!(
        v["networks"],
        json!({
            "back": {"name": format!("{prefix}_back"), "internal": true},
            "front": {"name": format!("{prefix}_front"), "driver": "bridge", "driver_opts": {"com.docker.network.bridge.host_binding_ipv4": "127.0.0.1"},
                      "ipam": {"driver": "default", "config": [{"subnet": "172.16.238.0/24", "ip_range": "172.16.238.0/25", "gateway": "172.16.238.1"}]}},
            "outside": {"name": "outside", "external": true},
        })
    );
    assert_eq!(
        v["volumes"],
        json!({
            "db-data": {"name": format!("{prefix}_db-data"), "driver": "local", "labels": {"com.example.usage": "db"}},
            "shared": {"name": "actual-name", "external": true},
        })
    );
    assert_eq!(
        v["secrets"],
        json!({"other": {"name": format!("{prefix}_other"), "file": "/abs/other"}, "server-certificate": {"name": format!("{prefix}_server-certificate"), "file": d.path("server.cert")}})
    );
    assert_eq!(
        v["configs"],
        json!({"my_config": {"name": format!("{prefix}_my_config"), "file": d.path("my_config.txt")}})
    );
}

#[test]
fn defaults_added_by_normalization() {
    let d = Dir::new(&[(
        "compose.yaml",
        "services:\n  a:\n    build: {}\n    healthcheck: {test: curl -f x}\n    environment: [HOME, NOPE]\n    volumes: [\"/x/../y/:/data/./z/\"]\n",
    )]);
    let v = config(&d);
    let a = &v["services"]["a"];
    assert_eq!(
        a["build"],
        json!({"context": d.0.display().to_string(), "dockerfile": "Dockerfile"})
    );
    assert_eq!(a["healthcheck"]["test"], json!(["CMD-SHELL", "curl -f x"]));
    assert_eq!(a["environment"], json!({"HOME": "/home/u", "NOPE": null}));
    assert_eq!(a["networks"], json!({"default": null}));
    assert_eq!(a["volumes"][0]["target"], "/data/z");
    assert_eq!(
        v["networks"]["default"]["name"],
        format!("{}_default", v["name"].as_str().unwrap())
    );
}

#[test]
fn no_interpolate_keeps_variables_and_skips_typing() {
    let d = Dir::new(&[(
        "compose.yaml",
        "services:\n  a:\n    image: ${IMG}\n    ports: [\"${P}:80\"]\n",
    )]);
    let mut opts = d.opts();
    opts.interpolate = false;
    let model = load_model(&opts).unwrap();
    let v: Value = crate::yaml::de::from_node(&model.tree).unwrap();
    assert_eq!(v["services"]["a"], json!({"image": "${IMG}", "ports": ["${P}:80"]}));
}

/// The keys listed as supported are the ones the model reads (none is refused as unknown).
#[test]
fn service_keys_list_matches_the_model() {
    for key in normalize::SERVICE_KEYS {
        if key == "extends" {
            continue;
        }
        let d = Dir::new(&[(
            "compose.yaml",
            &format!("services:\n  a:\n    image: x\n    {key}: null\n"),
        )]);
        if let Err(e) = d.load() {
            assert!(!e.to_string().contains("unknown key"), "{key}: {e}");
        }
    }
}

/// Mutated and truncated versions of a realistic file never panic the loader (a cheap stand-in
/// for the fuzz target, run on every `cargo test`).
#[test]
fn mutated_files_never_panic() {
    let seed = "x-a: &a {restart: always}\nservices:\n  web:\n    <<: *a\n    image: \"b:${T:-1}\"\n    ports: [\"8080:80/udp\", {target: 9, published: \"1-2\"}]\n    volumes: [./d:/d:ro, v:/v]\n    environment: [A=$$B, C]\n    depends_on: {db: {condition: service_healthy}}\n    healthcheck: {test: x, interval: 1m}\n    ulimits: {nofile: {soft: 1, hard: 2}}\n    deploy: {resources: {limits: {memory: 1g}}}\n  db:\n    image: d\n    extends: web\nvolumes: {v: }\n";
    let d = Dir::new(&[]);
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b" :-[]{}&*<$\"'\n#!|>,0a";
    for round in 0..400 {
        let mut bytes = seed.as_bytes().to_vec();
        for _ in 0..1 + round % 4 {
            let i = (next() as usize) % bytes.len();
            bytes[i] = alphabet[(next() as usize) % alphabet.len()];
        }
        if round % 5 == 0 {
            bytes.truncate((next() as usize) % bytes.len());
        }
        let Ok(text) = String::from_utf8(bytes) else { continue };
        let mut opts = d.opts();
        opts.files = vec!["-".into()];
        opts.stdin = Some(text);
        let _ = load(&opts);
    }
}
