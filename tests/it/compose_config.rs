//! `ferry compose config` and `compose version` on realistic multi-file projects, as a user runs
//! them (in the project's directory, with `.env`, overrides, profiles), the errors they get, and
//! Debian's docker-compose 1.29 as a second reader where Compose v1 and v2 agree.

use std::path::Path;

use serde_json::{Value, json};

use crate::support::{Output, TestContext, p};

fn write(ctx: &TestContext, name: &str, text: &str) {
    let path = ctx.file(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
}

/// A web/api/db/cache application: base file, override, .env, an env_file, a profile.
fn shop(ctx: &TestContext) {
    write(
        ctx,
        "shop/compose.yaml",
        r#"name: ${STACK_NAME:-Shop}
x-logging: &logging
  logging:
    driver: k8s-file
    options: {max-size: 10m}
services:
  web:
    <<: *logging
    image: "busybox:${BUSYBOX_TAG:-latest}"
    command: httpd -f -p 8080 -h /www
    ports: ["${WEB_PORT:-8080}:8080"]
    volumes:
      - ./html:/www:ro
    depends_on:
      api:
        condition: service_healthy
    labels:
      traefik.enable: "true"
  api:
    <<: *logging
    build:
      context: ./api
      args: ["VERSION=${API_VERSION}"]
    env_file: api.env
    environment:
      DB_HOST: db
      CACHE_URL: redis://cache:6379
    healthcheck:
      test: wget -q -O- http://localhost:9000/health
      interval: 5s
      retries: 5
    depends_on: [db, cache]
  db:
    image: busybox
    command: ["nc", "-lk", "-p", "5432"]
    volumes: [dbdata:/var/lib/db]
    secrets: [db_password]
  cache:
    image: busybox
    command: nc -lk -p 6379
  debug:
    image: busybox
    profiles: [debug]
    network_mode: service:web
volumes:
  dbdata:
secrets:
  db_password:
    file: ./secrets/db_password.txt
"#,
    );
    write(
        ctx,
        "shop/compose.override.yaml",
        "services:\n  web:\n    environment:\n      MODE: dev\n    ports: [\"127.0.0.1:9090:9090\"]\n  db:\n    ports: !reset []\n",
    );
    write(ctx, "shop/.env", "BUSYBOX_TAG=1.36\nAPI_VERSION=2.1\n");
    write(ctx, "shop/api.env", "LOG_LEVEL=info\nDB_HOST=overridden\n");
}

fn config_json(ctx: &TestContext, args: &[&str]) -> Value {
    let mut full = vec!["compose"];
    full.extend_from_slice(args);
    full.extend(["config", "--format", "json"]);
    ctx.ferry(&full).success().json()
}

fn in_dir(ctx: &TestContext, dir: &str, args: &[&str]) -> Output {
    let mut cmd = ctx.ferry_command(args);
    cmd.current_dir(ctx.file(dir));
    crate::support::run(cmd, None)
}

both_modes!(normalizes_a_realistic_project, |ctx| {
    shop(ctx);
    let out = in_dir(ctx, "shop", &["compose", "config", "--format", "json"]).success();
    let v = out.json();
    let dir = ctx.file("shop");
    let d = |rel: &str| p(&dir.join(rel)).to_string();
    assert_eq!(v["name"], "shop");
    assert_eq!(
        v["services"].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["api", "cache", "db", "web"]
    );
    let web = &v["services"]["web"];
    assert_eq!(web["image"], "busybox:1.36");
    assert_eq!(web["command"], json!(["httpd", "-f", "-p", "8080", "-h", "/www"]));
    assert_eq!(
        web["ports"],
        json!([
            {"mode": "ingress", "target": 8080, "published": "8080", "protocol": "tcp"},
            {"mode": "ingress", "host_ip": "127.0.0.1", "target": 9090, "published": "9090", "protocol": "tcp"},
        ])
    );
    assert_eq!(
        web["volumes"],
        json!([{"type": "bind", "source": d("html"), "target": "/www", "read_only": true, "bind": {"create_host_path": true}}])
    );
    assert_eq!(web["environment"], json!({"MODE": "dev"}));
    assert_eq!(
        web["logging"],
        json!({"driver": "k8s-file", "options": {"max-size": "10m"}})
    );
    assert_eq!(
        web["depends_on"],
        json!({"api": {"condition": "service_healthy", "required": true}})
    );
    assert_eq!(web["networks"], json!({"default": null}));
    let api = &v["services"]["api"];
    assert_eq!(
        api["build"],
        json!({"context": d("api"), "dockerfile": "Dockerfile", "args": {"VERSION": "2.1"}})
    );
    assert_eq!(
        api["environment"],
        json!({"CACHE_URL": "redis://cache:6379", "DB_HOST": "db", "LOG_LEVEL": "info"})
    );
    assert_eq!(
        api["healthcheck"]["test"],
        json!(["CMD-SHELL", "wget -q -O- http://localhost:9000/health"])
    );
    assert_eq!(api["healthcheck"]["interval"], "5s");
    assert_eq!(v["services"]["db"]["secrets"], json!([{"source": "db_password"}]));
    assert_eq!(v["networks"], json!({"default": {"name": "shop_default"}}));
    assert_eq!(v["volumes"], json!({"dbdata": {"name": "shop_dbdata"}}));
    assert_eq!(v["secrets"]["db_password"]["file"], d("secrets/db_password.txt"));
    assert_eq!(v["x-logging"]["logging"]["driver"], "k8s-file");
    // Every variable is set: nothing to warn about.
    assert!(out.stderr.is_empty(), "{}", out.stderr);

    // YAML says the same as JSON, and reads back (from stdin) as the same project.
    let yaml = in_dir(ctx, "shop", &["compose", "config"]).success().stdout();
    let node = ferry::yaml::parse_one(&yaml, "config.yaml", Default::default())
        .unwrap()
        .unwrap();
    let from_yaml: Value = ferry::yaml::de::from_node(&node).unwrap();
    assert_eq!(from_yaml, v);
    let mut cmd = ctx.ferry_command(&[
        "compose",
        "-f",
        "-",
        "--project-directory",
        p(&dir),
        "config",
        "--format",
        "json",
    ]);
    cmd.current_dir(&dir);
    let again = crate::support::run(cmd, Some(yaml.as_bytes())).success().json();
    assert_eq!(again, v);
});

both_modes!(lists_profiles_and_hashes, |ctx| {
    shop(ctx);
    let list = |args: &[&str]| {
        let mut full = vec!["compose", "config"];
        full.extend_from_slice(args);
        in_dir(ctx, "shop", &full).success().lines()
    };
    assert_eq!(list(&["--services"]), ["cache", "db", "api", "web"]);
    assert_eq!(list(&["--volumes"]), ["dbdata"]);
    assert_eq!(list(&["--networks"]), ["default"]);
    assert_eq!(list(&["--profiles"]), ["debug"]);
    assert_eq!(list(&["--images"]), ["shop-api", "busybox", "busybox", "busybox:1.36"]);
    let hashes = list(&["--hash", "*"]);
    assert_eq!(hashes.len(), 4);
    assert!(
        hashes
            .iter()
            .all(|l| l.split(' ').nth(1).is_some_and(|h| h.len() == 64))
    );
    assert!(list(&["-q"]).is_empty());
    // A profile, or naming a profiled service, enables it (and debug shares web's network).
    let out = in_dir(ctx, "shop", &["compose", "--profile", "debug", "config", "--services"]).success();
    assert!(out.lines().contains(&"debug".to_string()));
    let v = in_dir(ctx, "shop", &["compose", "config", "--format", "json", "debug"])
        .success()
        .json();
    assert_eq!(
        v["services"].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["api", "cache", "db", "debug", "web"]
    );
    assert_eq!(v["services"]["debug"]["depends_on"]["web"]["restart"], true);
    // Selecting a service keeps what it depends on, and only the resources they use.
    let v = in_dir(ctx, "shop", &["compose", "config", "--format", "json", "db"])
        .success()
        .json();
    assert_eq!(v["services"].as_object().unwrap().keys().collect::<Vec<_>>(), ["db"]);
    assert_eq!(v["volumes"], json!({"dbdata": {"name": "shop_dbdata"}}));
    // The hash changes when the effective config does, and only then.
    let before = list(&["--hash", "web"]);
    write(ctx, "shop/.env", "BUSYBOX_TAG=1.36\nAPI_VERSION=2.2\n");
    assert_eq!(list(&["--hash", "web"]), before);
    write(ctx, "shop/.env", "BUSYBOX_TAG=1.37\n");
    assert_ne!(list(&["--hash", "web"]), before);
});

both_modes!(files_names_and_environment_from_flags, |ctx| {
    shop(ctx);
    write(
        ctx,
        "ops/prod.yaml",
        "services:\n  web:\n    ports: !override [\"80:8080\"]\n    volumes: [./static:/www:ro]\n",
    );
    write(ctx, "ops/prod.env", "BUSYBOX_TAG=stable\nSTACK_NAME=ignored-by-p\n");
    let v = config_json(
        ctx,
        &[
            "-f",
            "shop/compose.yaml",
            "-f",
            "ops/prod.yaml",
            "-p",
            "prod",
            "--env-file",
            "ops/prod.env",
        ],
    );
    assert_eq!(v["name"], "prod");
    let web = &v["services"]["web"];
    assert_eq!(web["image"], "busybox:stable");
    assert_eq!(
        web["ports"],
        json!([{"mode": "ingress", "target": 8080, "published": "80", "protocol": "tcp"}])
    );
    // Later files' relative paths are relative to the project directory: the first file's.
    assert_eq!(web["volumes"][0]["source"], p(&ctx.file("shop/static")));
    assert_eq!(v["networks"]["default"]["name"], "prod_default");
    // The override file is not read when -f is given.
    assert!(web.get("environment").is_none());
    // COMPOSE_PROJECT_NAME and COMPOSE_PROFILES from the environment, COMPOSE_FILE from .env.
    write(
        ctx,
        "other/.env",
        "COMPOSE_FILE=../shop/compose.yaml\nCOMPOSE_PROFILES=debug\n",
    );
    let mut cmd = ctx.ferry_command(&["compose", "config", "--services"]);
    cmd.current_dir(ctx.file("other"))
        .env("COMPOSE_PROJECT_NAME", "envname");
    let out = crate::support::run(cmd, None).success();
    assert!(out.lines().contains(&"debug".to_string()), "{}", out.stdout());
    let mut cmd = ctx.ferry_command(&["compose", "config", "--format", "json"]);
    cmd.current_dir(ctx.file("other"))
        .env("COMPOSE_PROJECT_NAME", "envname");
    assert_eq!(crate::support::run(cmd, None).success().json()["name"], "envname");
    // --no-interpolate prints the merged files with their variables.
    let out = in_dir(
        ctx,
        "shop",
        &["compose", "config", "--no-interpolate", "--format", "json"],
    )
    .success();
    assert_eq!(out.json()["services"]["web"]["image"], "busybox:${BUSYBOX_TAG:-latest}");
});

both_modes!(invalid_projects_fail_with_file_and_line, |ctx| {
    let cases = [
        (
            "unknown.yaml",
            "services:\n  web:\n    image: busybox\n    prots: [\"80:80\"]\n",
            ":4: services.web: unknown key \"prots\" (did you mean \"ports\"?)",
        ),
        (
            "interp.yaml",
            "services:\n  web:\n    image: ${IMAGE:?an image is required}\n",
            ":3: services.web.image: required variable IMAGE is missing a value: an image is required",
        ),
        (
            "cycle.yaml",
            "services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n",
            "dependency cycle between services: a -> b -> a",
        ),
        (
            "type.yaml",
            "services:\n  web:\n    image: busybox\n    ports:\n      - \"80:80\"\n      - \"http\"\n",
            ":6: services.web.ports[1]: invalid port \"http\"",
        ),
        (
            "yaml.yaml",
            "services:\n  web:\n    image: busybox\n   bad indent: 1\n",
            ":4: invalid YAML",
        ),
        (
            "network.yaml",
            "services:\n  web:\n    image: busybox\n    networks: [missing]\n",
            ":4: service \"web\" refers to undefined network \"missing\"",
        ),
    ];
    for (name, text, expected) in cases {
        write(ctx, name, text);
        let out = ctx.ferry(&["compose", "-f", name, "config"]).code(125);
        let file = p(&ctx.file(name)).to_string();
        let line = out.stderr.lines().next().unwrap_or_default().to_string();
        let wanted = if expected.starts_with(':') {
            format!("Error: {file}{expected}")
        } else {
            format!("Error: {expected}")
        };
        assert!(line.starts_with(&wanted), "{name}: got {line:?}, wanted {wanted:?}");
        assert!(out.stdout().is_empty());
    }
    ctx.ferry(&["compose", "-f", "nope.yaml", "config"])
        .code(125)
        .stderr_contains("nope.yaml: No such file or directory");
    let empty = ctx.file("empty");
    std::fs::create_dir_all(&empty).unwrap();
    in_dir(ctx, "empty", &["compose", "config"])
        .code(125)
        .stderr_contains("no configuration file found in");
});

both_modes!(compose_version, |ctx| {
    let version = env!("CARGO_PKG_VERSION");
    ctx.ferry(&["compose", "version"])
        .success()
        .stdout_contains(&format!("ferry compose version {version}"));
    assert_eq!(
        ctx.ferry(&["compose", "version", "--short"]).success().lines(),
        [version]
    );
    assert_eq!(
        ctx.ferry(&["compose", "version", "--format", "json"]).success().json()["version"],
        version
    );
});

// docker-compose 1.29 (Debian's, installed by .ci/run) reads the same files: the parts of the
// normalized model that Compose v1 and v2 agree on must match ferry's.
both_modes!(agrees_with_docker_compose_v1, |ctx| {
    let reference = Path::new("/usr/bin/docker-compose");
    assert!(
        reference.exists(),
        "docker-compose is missing: run .ci/run to install the packages"
    );
    // What v1 accepts: no `name:`, no `!reset`, no build-less image defaults that differ.
    write(
        ctx,
        "v1/docker-compose.yml",
        "services:\n  web:\n    image: \"busybox:${TAG:-latest}\"\n    ports: [\"${PORT:-8080}:80\", \"9000\"]\n    environment: [A=1, \"B=${B_VALUE}\"]\n    labels: {tier: front}\n    depends_on: [db]\n    volumes: [./html:/www:ro, data:/data]\n    networks: [front]\n    profiles: [web]\n  db:\n    image: busybox\n    environment:\n      PASSWORD: $${NOT_INTERPOLATED}\n    networks: [front, back]\nvolumes:\n  data:\nnetworks:\n  front:\n  back:\n",
    );
    write(
        ctx,
        "v1/docker-compose.override.yml",
        "services:\n  db:\n    labels: [role=db]\n    command: [nc, -lk, -p, \"5432\"]\n",
    );
    write(ctx, "v1/.env", "TAG=1.36\nB_VALUE=two words\n");
    let mut cmd = ctx.command(reference);
    cmd.current_dir(ctx.file("v1")).args(["--profile", "web", "config"]);
    let v1_text = crate::support::run(cmd, None).success().stdout();
    let node = ferry::yaml::parse_one(&v1_text, "docker-compose config", Default::default())
        .unwrap()
        .unwrap();
    let v1: Value = ferry::yaml::de::from_node(&node).unwrap();
    let ours = in_dir(
        ctx,
        "v1",
        &["compose", "--profile", "web", "config", "--format", "json"],
    )
    .success()
    .json();
    let keys = |v: &Value| {
        v.as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    assert_eq!(keys(&ours["services"]), keys(&v1["services"]));
    assert_eq!(keys(&ours["volumes"]), keys(&v1["volumes"]));
    for name in ["web", "db"] {
        let (a, b) = (&ours["services"][name], &v1["services"][name]);
        assert_eq!(a["image"], b["image"], "{name}");
        // v1 prints `$$` for a literal dollar as v2 does: both re-escape their output.
        assert_eq!(a["environment"], b["environment"], "{name}");
        assert_eq!(a["labels"], b["labels"], "{name}");
        assert_eq!(keys(&a["networks"]), keys(&b["networks"]), "{name}");
        assert_eq!(keys(&a["depends_on"]), keys(&b["depends_on"]), "{name}");
        assert_eq!(a["profiles"], b["profiles"], "{name}");
        assert_eq!(a.get("command"), b.get("command"), "{name}");
    }
    // Ports: v1 prints published as a number.
    let ports = |v: &Value| -> Vec<(u64, Option<String>)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["target"].as_u64().unwrap(),
                    p.get("published").map(|x| x.to_string().trim_matches('"').to_string()),
                )
            })
            .collect()
    };
    assert_eq!(
        ports(&ours["services"]["web"]["ports"]),
        ports(&v1["services"]["web"]["ports"])
    );
    // Volumes: v1 prints the short syntax with absolute sources.
    let v1_volumes: Vec<(String, String, bool)> = v1["services"]["web"]["volumes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let parts: Vec<&str> = s.as_str().unwrap().split(':').collect();
            (parts[0].to_string(), parts[1].to_string(), parts.get(2) == Some(&"ro"))
        })
        .collect();
    let our_volumes: Vec<(String, String, bool)> = ours["services"]["web"]["volumes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["source"].as_str().unwrap().to_string(),
                v["target"].as_str().unwrap().to_string(),
                v["read_only"] == true,
            )
        })
        .collect();
    let (mut our_volumes, mut v1_volumes) = (our_volumes, v1_volumes);
    our_volumes.sort();
    v1_volumes.sort();
    assert_eq!(our_volumes, v1_volumes);
    // The lists agree too.
    for flag in ["--services", "--volumes"] {
        let mut cmd = ctx.command(reference);
        cmd.current_dir(ctx.file("v1"))
            .args(["--profile", "web", "config", flag]);
        let mut theirs = crate::support::run(cmd, None).success().lines();
        let mut mine = in_dir(ctx, "v1", &["compose", "--profile", "web", "config", flag])
            .success()
            .lines();
        theirs.sort();
        mine.sort();
        assert_eq!(mine, theirs, "{flag}");
    }
});
