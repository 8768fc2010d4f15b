//! Authentication against real registries: htpasswd basic auth (`--creds`, `login`,
//! `logout`, auth.json) and bearer tokens from the test token service (anonymous and with
//! credentials, pull and push).

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use base64::Engine as _;
use serde_json::Value;

use crate::support::registry::*;
use crate::support::*;

/// Where ferry keeps credentials: `$XDG_RUNTIME_DIR/containers/auth.json`. The tests set
/// XDG_RUNTIME_DIR in both modes so root-mode ferry never touches the machine's own file.
fn runtime_dir(ctx: &TestContext) -> PathBuf {
    ctx.dir.join("run")
}

fn auth_json(ctx: &TestContext) -> PathBuf {
    runtime_dir(ctx).join("containers/auth.json")
}

fn ferry_auth(ctx: &TestContext, args: &[&str]) -> Output {
    let rt = runtime_dir(ctx);
    ferry_env(ctx, args, &[("XDG_RUNTIME_DIR", p(&rt))])
}

fn ferry_auth_stdin(ctx: &TestContext, args: &[&str], input: &str) -> Output {
    let mut cmd = ctx.ferry_command(args);
    cmd.env("XDG_RUNTIME_DIR", runtime_dir(ctx));
    run(cmd, Some(input.as_bytes()))
}

fn login(ctx: &TestContext, registry: &Registry, password: &str) -> Output {
    ferry_auth_stdin(
        ctx,
        &[
            "login",
            "--tls-verify=false",
            "-u",
            USER,
            "--password-stdin",
            &registry.host,
        ],
        &format!("{password}\n"),
    )
}

fn busybox_in(registry: &Registry, repo: &str) -> BuiltImage {
    let img = FixtureImage::busybox().compression(Compression::Gzip).build();
    registry.push_built(&img, repo, &[]);
    img
}

both_modes!(htpasswd_requires_credentials, |ctx| {
    let registry = Registry::htpasswd();
    let img = busybox_in(&registry, "ns/busybox:1");
    let reference = registry.reference("ns/busybox:1");
    let out = ferry_auth(ctx, &["pull", "--tls-verify=false", &reference]).failure();
    stderr_any(&out, &["unauthorized"]);
    let out = ferry_auth(
        ctx,
        &[
            "pull",
            "--tls-verify=false",
            "--creds",
            &format!("{USER}:wrong"),
            &reference,
        ],
    )
    .failure();
    stderr_any(&out, &["unauthorized"]);
    assert!(!out.stderr.contains(PASSWORD));
    assert!(ctx.image_ids().is_empty());
    ferry_auth(
        ctx,
        &[
            "pull",
            "--tls-verify=false",
            "--creds",
            &format!("{USER}:{PASSWORD}"),
            &reference,
        ],
    )
    .success();
    assert_eq!(ctx.image_ids(), vec![img.id.clone()]);
    assert!(!auth_json(ctx).exists(), "--creds saves nothing");
});

both_modes!(login_pull_logout, |ctx| {
    let registry = Registry::htpasswd();
    let img = busybox_in(&registry, "ns/busybox:1");
    let reference = registry.reference("ns/busybox:1");
    let out = login(ctx, &registry, PASSWORD).success();
    assert!(!out.stdout().contains(PASSWORD) && !out.stderr.contains(PASSWORD));

    let path = auth_json(ctx);
    let meta = std::fs::metadata(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(meta.permissions().mode() & 0o777, 0o600, "auth.json is private");
    let saved: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let expect = base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"));
    assert_eq!(
        saved["auths"][&registry.host]["auth"].as_str(),
        Some(expect.as_str()),
        "{saved}"
    );

    let who = ferry_auth(ctx, &["login", "--get-login", &registry.host]).success();
    assert_eq!(who.lines(), vec![USER.to_string()]);

    ferry_auth(ctx, &["pull", "--tls-verify=false", &reference]).success();
    assert_eq!(ctx.image_ids(), vec![img.id.clone()]);

    ferry_auth(ctx, &["logout", &registry.host]).success();
    let saved: Value = serde_json::from_slice(&std::fs::read(&path).unwrap_or_else(|_| b"{}".to_vec())).unwrap();
    assert!(saved["auths"].get(&registry.host).is_none(), "{saved}");
    ferry_auth(ctx, &["rmi", &reference]).success();
    let out = ferry_auth(ctx, &["pull", "--tls-verify=false", &reference]).failure();
    stderr_any(&out, &["unauthorized"]);
    // Logging out again is an error that names the registry.
    let out = ferry_auth(ctx, &["logout", &registry.host]).failure();
    out.stderr_contains(&registry.host);
});

both_modes!(wrong_password_saves_nothing, |ctx| {
    let registry = Registry::htpasswd();
    let out = login(ctx, &registry, "not-the-password").failure();
    stderr_any(&out, &["unauthorized", "invalid", "incorrect"]);
    assert!(!out.stderr.contains("not-the-password"));
    assert!(!auth_json(ctx).exists(), "nothing saved");

    login(ctx, &registry, PASSWORD).success();
    let before = std::fs::read(auth_json(ctx)).unwrap();
    login(ctx, &registry, "not-the-password").failure();
    assert_eq!(std::fs::read(auth_json(ctx)).unwrap(), before, "auth.json unchanged");
});

both_modes!(logout_all, |ctx| {
    let (one, two) = (Registry::htpasswd(), Registry::htpasswd());
    login(ctx, &one, PASSWORD).success();
    login(ctx, &two, PASSWORD).success();
    let saved: Value = serde_json::from_slice(&std::fs::read(auth_json(ctx)).unwrap()).unwrap();
    assert_eq!(saved["auths"].as_object().map(|o| o.len()), Some(2), "{saved}");
    ferry_auth(ctx, &["logout", "-a"]).success();
    let saved: Value =
        serde_json::from_slice(&std::fs::read(auth_json(ctx)).unwrap_or_else(|_| b"{}".to_vec())).unwrap();
    assert!(saved["auths"].as_object().is_none_or(|o| o.is_empty()), "{saved}");
});

both_modes!(authfile_flag, |ctx| {
    let registry = Registry::htpasswd();
    busybox_in(&registry, "ns/busybox:1");
    let file = ctx.file("my-auth.json");
    ferry_auth_stdin(
        ctx,
        &[
            "login",
            "--tls-verify=false",
            "--authfile",
            p(&file),
            "-u",
            USER,
            "--password-stdin",
            &registry.host,
        ],
        PASSWORD,
    )
    .success();
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(!auth_json(ctx).exists(), "only the named file is written");
    ferry_auth(
        ctx,
        &[
            "pull",
            "--tls-verify=false",
            "--authfile",
            p(&file),
            &registry.reference("ns/busybox:1"),
        ],
    )
    .success();
});

both_modes!(token_anonymous_and_with_credentials, |ctx| {
    let registry = Registry::token();
    let public = busybox_in(&registry, "public/busybox:1");
    let private = FixtureImage::multilayer().compression(Compression::Gzip).build();
    registry.push_built(&private, "private/multi:1", &[]);

    // The token service lets anyone pull public/…
    ferry_auth(
        ctx,
        &["pull", "--tls-verify=false", &registry.reference("public/busybox:1")],
    )
    .success();
    assert_eq!(ctx.image_ids(), vec![public.id.clone()]);
    // … but not private/….
    let out = ferry_auth(
        ctx,
        &["pull", "--tls-verify=false", &registry.reference("private/multi:1")],
    )
    .failure();
    stderr_any(&out, &["unauthorized", "denied", "authentication required"]);
    ferry_auth(
        ctx,
        &[
            "pull",
            "--tls-verify=false",
            "--creds",
            &format!("{USER}:{PASSWORD}"),
            &registry.reference("private/multi:1"),
        ],
    )
    .success();
    // Wrong credentials are refused by the token service.
    let out = ferry_auth(
        ctx,
        &[
            "pull",
            "--tls-verify=false",
            "--creds",
            &format!("{USER}:nope"),
            &registry.reference("public/busybox:1"),
        ],
    )
    .failure();
    stderr_any(&out, &["unauthorized", "invalid username or password", "401"]);
    // login verifies against the token service too.
    login(ctx, &registry, PASSWORD).success();
    assert!(auth_json(ctx).exists());
});

both_modes!(token_push_with_credentials, |ctx| {
    let registry = Registry::token();
    let img = ctx.load(&FixtureImage::busybox(), &["busybox:latest"]);
    let dest = registry.reference("private/pushed:1");
    // Anonymous clients may not push.
    let out = ferry_auth(ctx, &["push", "--tls-verify=false", "busybox", &dest]).failure();
    stderr_any(&out, &["unauthorized", "denied", "authentication required"]);
    ferry_auth(
        ctx,
        &[
            "push",
            "--tls-verify=false",
            "--creds",
            &format!("{USER}:{PASSWORD}"),
            "busybox",
            &dest,
        ],
    )
    .success();
    let m = registry.manifest_json("private/pushed:1");
    assert_eq!(
        m["config"]["digest"].as_str(),
        Some(format!("sha256:{}", img.id).as_str())
    );
    // Credentials from login work for push as well (and across repositories: blob mounts).
    login(ctx, &registry, PASSWORD).success();
    ferry_auth(
        ctx,
        &[
            "push",
            "--tls-verify=false",
            "busybox",
            &registry.reference("other/pushed:2"),
        ],
    )
    .success();
    registry.manifest_json("other/pushed:2");
});
