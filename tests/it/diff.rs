//! `diff`: what a container changed in its filesystem, as `podman diff` reports it.

use crate::support::*;

const IMG: &str = "diffimg:latest";

/// Adds, changes and deletes files, and replaces a directory of the image (an opaque directory).
pub const CHANGES: &str = "echo new > /tmp/a && echo x >> /etc/group && rm /etc/passwd && \
     rm -rf /var/www && mkdir /var/www && echo n > /var/www/n && mkdir -p /x/y";

/// What Podman prints for `CHANGES` (checked with podman on the same tree): the changed parent
/// directories, the replaced directory as deleted with its new entries added, and no mount
/// placeholders (/etc/hosts, /etc/resolv.conf, /etc/hostname, /proc, /dev, /sys are mounted).
pub const EXPECTED: &[&str] = &[
    "C /etc",
    "C /etc/group",
    "D /etc/passwd",
    "C /tmp",
    "A /tmp/a",
    "C /var",
    "D /var/www",
    "A /var/www/n",
    "A /x",
    "A /x/y",
];

both_modes!(diff_of_a_container, |ctx| {
    ctx.load(&FixtureImage::busybox(), &[IMG]);
    ctx.ferry(&["create", "--name", "fresh", IMG, "true"]).success();
    assert_eq!(ctx.ferry(&["diff", "fresh"]).success().stdout(), "");
    ctx.ferry(&["run", "--name", "changed", IMG, "sh", "-c", CHANGES])
        .success();
    let out = ctx.ferry(&["diff", "changed"]).success();
    assert_eq!(out.lines(), EXPECTED);
    assert_eq!(ctx.ferry(&["container", "diff", "changed"]).success().lines(), EXPECTED);

    let v = ctx.ferry(&["diff", "--format", "json", "changed"]).success().json();
    assert_eq!(v["added"], serde_json::json!(["/tmp/a", "/var/www/n", "/x", "/x/y"]));
    assert_eq!(v["deleted"], serde_json::json!(["/etc/passwd", "/var/www"]));
    assert_eq!(v["changed"], serde_json::json!(["/etc", "/etc/group", "/tmp", "/var"]));
    // A running container's placeholders for its mounts stay hidden too; as in Podman, making
    // them changed /etc itself.
    let id = ctx
        .ferry(&["run", "-d", IMG, "sh", "-c", "touch /tmp/up; sleep 60"])
        .success()
        .stdout()
        .trim()
        .to_string();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let lines = ctx.ferry(&["diff", &id]).success().lines();
        if lines.contains(&"A /tmp/up".to_string()) {
            assert_eq!(lines, ["C /etc", "C /tmp", "A /tmp/up"]);
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the container never wrote /tmp/up: {lines:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    ctx.ferry(&["rm", "-f", &id]).success();
});

both_modes!(diff_of_an_image_and_errors, |ctx| {
    ctx.load(&FixtureImage::multilayer(), &["layered:1"]);
    // The top layer adds /etc/motd over the layers below.
    assert_eq!(
        ctx.ferry(&["diff", "layered:1"]).success().lines(),
        ["C /etc", "A /etc/motd"]
    );
    ctx.ferry(&["diff", "nosuchthing"])
        .code(125)
        .stderr_contains("no such container or image");
    ctx.ferry(&["diff", "--format", "{{.Path}}", "layered:1"])
        .code(125)
        .stderr_contains("only json");
});
