//! Container state and removal: `ps`, `inspect`, `rm`, `container prune`, `rename`, `exists`,
//! `wait`, `create` + `start --attach`, and honest state after a supervisor is killed.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::*;

const IMG: &str = "ctrimg:latest";

fn setup(ctx: &TestContext) {
    ctx.load(&FixtureImage::busybox().label("containers"), &[IMG]);
}

/// `ferry ps -a --format json`, parsed.
#[track_caller]
fn ps_json(ctx: &TestContext) -> Vec<serde_json::Value> {
    match ctx.ferry(&["ps", "-a", "--format", "json"]).success().json() {
        serde_json::Value::Array(v) => v,
        other => panic!("ps --format json is not an array: {other}"),
    }
}

/// No container directory is left and no host mount mentions the container.
#[track_caller]
fn assert_gone(ctx: &TestContext, id: &str) {
    assert!(
        !ctx.store_root().join("containers").join(id).exists(),
        "container directory of {id} left behind"
    );
    let mountinfo = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    assert!(!mountinfo.contains(id), "a host mount names container {id}");
}

both_modes!(ps_shows_exited_and_inspect_formats, |ctx| {
    setup(ctx);
    ctx.ferry(&[
        "run",
        "--name",
        "three",
        "--label",
        "team=blue",
        IMG,
        "sh",
        "-c",
        "exit 3",
    ])
    .code(3);
    let table = ctx.ferry(&["ps"]).success();
    assert_eq!(
        table.lines().len(),
        1,
        "plain ps shows running containers only:\n{}",
        table.stdout()
    );
    assert!(table.stdout().starts_with("CONTAINER ID  IMAGE"), "{}", table.stdout());
    let all = ctx.ferry(&["ps", "-a"]).success();
    assert!(all.stdout().contains("Exited (3)"), "{}", all.stdout());
    assert!(all.stdout().contains("three"), "{}", all.stdout());

    let list = ps_json(ctx);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["Names"][0], "three");
    assert_eq!(list[0]["State"], "exited");
    assert_eq!(list[0]["ExitCode"], 3);
    // The full name of the image the short name selected, as Podman shows it.
    assert_eq!(list[0]["Image"], "docker.io/library/ctrimg:latest");
    assert_eq!(list[0]["Labels"]["team"], "blue");
    let id = list[0]["Id"].as_str().unwrap().to_string();

    let q = ctx.ferry(&["ps", "-aq"]).success();
    assert_eq!(q.lines(), [id[..12].to_string()]);
    let q = ctx.ferry(&["ps", "-a", "-q", "--no-trunc"]).success();
    assert_eq!(q.lines(), std::slice::from_ref(&id));
    let f = ctx.ferry(&["ps", "-a", "--format", "{{.Names}} {{.State}}"]).success();
    assert_eq!(f.lines(), ["three exited"]);
    for (filter, n) in [
        ("status=exited", 1),
        ("status=running", 0),
        ("exited=3", 1),
        ("exited=0", 0),
        ("name=thr", 1),
        ("label=team=blue", 1),
        ("label=team=red", 0),
        ("ancestor=ctrimg", 1),
    ] {
        let out = ctx.ferry(&["ps", "-a", "-q", "--filter", filter]).success();
        assert_eq!(out.lines().len(), n, "--filter {filter}: {}", out.stdout());
    }
    ctx.ferry(&["ps", "--filter", "bogus=1"]).code(125);

    let code = ctx
        .ferry(&[
            "inspect",
            "--format",
            "{{.State.ExitCode}} {{.Name}} {{.Config.Hostname}}",
            "three",
        ])
        .success();
    assert_eq!(code.stdout().trim(), format!("3 three {}", &id[..12]));
    let v = ctx.ferry(&["container", "inspect", &id[..5]]).success().json();
    let c = &v[0];
    assert_eq!(c["Id"], id.as_str());
    assert_eq!(c["State"]["Status"], "exited");
    assert_eq!(c["State"]["Running"], false);
    assert_eq!(c["Path"], "sh");
    assert_eq!(c["Args"], serde_json::json!(["-c", "exit 3"]));
    assert_eq!(c["Driver"], "overlay");
    // The OCI runtime spec the container ran with.
    assert_eq!(
        c["OCISpec"]["process"]["args"],
        serde_json::json!(["sh", "-c", "exit 3"])
    );
    assert!(
        c["OCISpec"]["linux"]["namespaces"]
            .as_array()
            .is_some_and(|n| !n.is_empty())
    );
    // `image inspect` and `--type image` never pick the container.
    ctx.ferry(&["image", "inspect", "three"]).code(125);
    ctx.ferry(&["inspect", "--type", "image", "three"]).code(125);
    ctx.ferry(&["inspect", "--type", "container", IMG]).code(125);
    let img = ctx.ferry(&["inspect", "--format", "{{.Id}}", IMG]).success();
    assert_eq!(img.stdout().trim().len(), 64);
});

both_modes!(rm_partial_success_and_exit_codes, |ctx| {
    setup(ctx);
    ctx.ferry(&["run", "--name", "gone", IMG, "true"]).success();
    let id = ps_json(ctx)[0]["Id"].as_str().unwrap().to_string();
    assert!(ctx.store_root().join("containers").join(&id).exists());
    let out = ctx.ferry(&["rm", "nope", "gone"]).code(1);
    assert_eq!(out.lines(), std::slice::from_ref(&id), "the known container is removed");
    assert!(
        out.stderr
            .contains(r#"no container with name or ID "nope" found: no such container"#)
    );
    assert_gone(ctx, &id);
    ctx.ferry(&["rm", "--ignore", "nope"]).success();
    ctx.ferry(&["rm"]).code(125);
    ctx.ferry(&["container", "exists", "gone"]).code(1);

    for n in ["x1", "x2"] {
        ctx.ferry(&["create", "--name", n, IMG, "true"]).success();
    }
    let out = ctx.ferry(&["rm", "-a", "-v"]).success();
    assert_eq!(out.lines().len(), 2);
    assert!(ps_json(ctx).is_empty());
});

both_modes!(create_start_rename_wait_prune, |ctx| {
    setup(ctx);
    let id = ctx
        .ferry(&["create", "--name", "first", IMG, "sh", "-c", "echo started; exit 4"])
        .success()
        .stdout()
        .trim()
        .to_string();
    assert_eq!(id.len(), 64);
    let list = ps_json(ctx);
    assert_eq!(list[0]["State"], "created");
    assert!(ctx.ferry(&["ps", "-a"]).success().stdout().contains("Created"));
    ctx.ferry(&["container", "exists", "first"]).success();
    ctx.ferry(&["create", "--name", "first", IMG, "true"])
        .code(125)
        .stderr_contains("already in use");

    let run = ctx.ferry(&["start", "-a", "first"]).code(4);
    assert_eq!(run.stdout().trim(), "started");
    assert_eq!(ctx.ferry(&["wait", "first"]).success().stdout().trim(), "4");
    // A second start runs it again.
    ctx.ferry(&["start", "--attach", &id[..8]]).code(4);

    ctx.ferry(&["rename", "first", "second"]).success();
    ctx.ferry(&["container", "exists", "first"]).code(1);
    ctx.ferry(&["container", "exists", "second"]).success();
    ctx.ferry(&["rename", "second", "bad/name"]).code(125);
    ctx.ferry(&["create", "--name", "other", IMG, "true"]).success();
    ctx.ferry(&["rename", "second", "other"])
        .code(125)
        .stderr_contains("already in use");
    let waited = ctx
        .ferry(&["container", "wait", "--condition", "exited", "second"])
        .success();
    assert_eq!(waited.stdout().trim(), "4");

    let pruned = ctx.ferry(&["container", "prune", "-f"]).success();
    assert_eq!(pruned.lines().len(), 2, "{}", pruned.stdout());
    assert!(ps_json(ctx).is_empty());
    assert_gone(ctx, &id);
    // Without -f the prune asks; anything but yes keeps the containers.
    ctx.ferry(&["create", IMG, "true"]).success();
    ctx.ferry_stdin(&["container", "prune"], b"n\n").success();
    assert_eq!(ps_json(ctx).len(), 1);
    ctx.ferry_stdin(&["container", "prune"], b"y\n").success();
    assert!(ps_json(ctx).is_empty());
});

/// True when `pid` has exited: gone, or a zombie (an orphaned init is reparented to the
/// machine's PID 1, which in some test sandboxes never reaps).
fn process_gone(pid: i64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let gone = match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            Err(_) => true,
            Ok(stat) => stat
                .rsplit_once(')')
                .is_some_and(|(_, rest)| rest.trim_start().starts_with(['Z', 'X'])),
        };
        if gone || Instant::now() > deadline {
            return gone;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Polls `ps -a --format json` until `f` holds for the only container.
#[track_caller]
fn wait_for(ctx: &TestContext, what: &str, f: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let list = ps_json(ctx);
        if let Some(c) = list.first()
            && f(c)
        {
            return c.clone();
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}: {list:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

both_modes!(running_container_rm_force_and_dead_supervisor, |ctx| {
    setup(ctx);
    // A foreground run, killed with SIGKILL: the container dies with it (PDEATHSIG) and the
    // next command must not report it running.
    let mut child = ctx
        .ferry_command(&["run", "--name", "victim", IMG, "sleep", "600"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let running = wait_for(ctx, "the container to run", |c| c["State"] == "running");
    let pid = running["Pid"].as_i64().unwrap();
    assert!(pid > 0);
    assert!(ctx.ferry(&["ps"]).success().stdout().contains("Up "));
    ctx.ferry(&["rm", "victim"]).code(2).stderr_contains(
        "as it is running - running or paused containers cannot be removed without force: container state improper",
    );
    assert_eq!(
        ctx.ferry(&["wait", "--condition", "running", "victim"])
            .success()
            .stdout()
            .trim(),
        "-1"
    );
    // setpriv execs ferry, so the child is ferry itself.
    child.kill().unwrap();
    child.wait().unwrap();
    let dead = wait_for(ctx, "the container to be seen exited", |c| c["State"] == "exited");
    assert_eq!(dead["ExitCode"], -1, "the exit status is unknown");
    assert!(process_gone(pid), "the container process is gone");
    assert!(ctx.ferry(&["ps", "-a"]).success().stdout().contains("Exited (-1)"));
    assert_eq!(ctx.ferry(&["wait", "victim"]).success().stdout().trim(), "-1");
    let id = dead["Id"].as_str().unwrap().to_string();
    ctx.ferry(&["rm", "victim"]).success();
    assert_gone(ctx, &id);

    // rm -f kills a running container, and nothing is left.
    let mut child = ctx
        .ferry_command(&["run", "--name", "busy", IMG, "sleep", "600"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let running = wait_for(ctx, "the container to run", |c| c["State"] == "running");
    let id = running["Id"].as_str().unwrap().to_string();
    let pid = running["Pid"].as_i64().unwrap();
    let out = ctx.ferry(&["rm", "-f", "-t", "0", "busy"]).success();
    assert_eq!(out.lines(), std::slice::from_ref(&id));
    assert!(process_gone(pid), "rm -f killed the container process");
    let _ = child.wait();
    assert_gone(ctx, &id);
    assert!(ps_json(ctx).is_empty());
});

both_modes!(start_in_background_then_wait_and_rm_force, |ctx| {
    setup(ctx);
    ctx.ferry(&["create", "--name", "bg", IMG, "sh", "-c", "sleep 1; exit 6"])
        .success();
    assert_eq!(ctx.ferry(&["start", "bg"]).success().lines(), ["bg"]);
    assert_eq!(ctx.ferry(&["wait", "bg"]).success().stdout().trim(), "6");
    assert!(ctx.ferry(&["ps", "-a"]).success().stdout().contains("Exited (6)"));

    ctx.ferry(&["create", "--name", "long", IMG, "sleep", "600"]).success();
    ctx.ferry(&["start", "long"]).success();
    let c = wait_for(ctx, "the container to run", |c| c["State"] == "running");
    let pid = c["Pid"].as_i64().unwrap();
    let id = c["Id"].as_str().unwrap().to_string();
    assert_eq!(ctx.ferry(&["ps", "-q"]).success().lines(), [id[..12].to_string()]);
    ctx.ferry(&["rm", "-f", "long", "bg"]).success();
    assert!(process_gone(pid));
    assert_gone(ctx, &id);
    assert!(ps_json(ctx).is_empty());
});
