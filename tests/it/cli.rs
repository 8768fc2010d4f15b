//! Command-line basics: help, unknown commands and flags, exit codes.

both_modes!(help, |ctx| {
    ctx.ferry(&["--help"])
        .success()
        .stdout_contains("Usage:")
        .stdout_contains("images");
    ctx.ferry(&["images", "--help"]).success().stdout_contains("--format");
    ctx.ferry(&["image", "load", "--help"])
        .success()
        .stdout_contains("--input");
    ctx.ferry(&["help", "system"]).success().stdout_contains("reset");
});

// Podman exits 125 for usage errors too, so scripts can tell ferry's failures from a
// container's own exit codes.
both_modes!(usage_errors_exit_125, |ctx| {
    ctx.ferry(&["no-such-command"]).code(125).stderr_contains("Error:");
    ctx.ferry(&["images", "--no-such-flag"])
        .code(125)
        .stderr_contains("Error:");
    ctx.ferry(&["tag", "onlyone"]).code(125).stderr_contains("Error:");
});

both_modes!(errors_print_once, |ctx| {
    let out = ctx.ferry(&["image", "inspect", "nosuchimage"]).code(125);
    assert_eq!(out.stderr.matches("Error:").count(), 1, "{}", out.stderr);
    assert!(
        out.stdout().trim().is_empty() || out.stdout().trim() == "[]",
        "{}",
        out.stdout()
    );
});
