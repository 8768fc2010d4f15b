//! `ferry top`: the container's processes with Podman's columns, pids as the container sees them.

use std::time::{Duration, Instant};

use crate::exec::{exec_image, running};
use crate::support::*;

const IMG: &str = "topimg:latest";

/// The rows of `ferry top ARGS` split into `columns` cells (the last one may hold spaces).
fn top(ctx: &TestContext, args: &[&str], columns: usize) -> Vec<Vec<String>> {
    let mut a = vec!["top"];
    a.extend_from_slice(args);
    ctx.ferry(&a)
        .success()
        .lines()
        .iter()
        .map(|l| {
            let mut parts: Vec<String> = l.split_whitespace().map(str::to_string).collect();
            let tail = parts.split_off((columns - 1).min(parts.len())).join(" ");
            parts.push(tail);
            parts
        })
        .collect()
}

both_modes!(default_and_chosen_columns, |ctx| {
    ctx.load(&exec_image(), &[IMG]);
    let _c = running(ctx, IMG, &["--name", "box", "-u", "33"], "exec sleep 1000");
    let rows = top(ctx, &["box"], 8);
    assert_eq!(
        rows[0],
        ["USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND"]
    );
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][0], "www-data");
    assert_eq!(rows[1][1..3], ["1", "0"]);
    assert_eq!(rows[1][5], "?");
    assert_eq!(rows[1][7], "sleep 1000");

    // An exec -d leaves a process that top shows, as the init's child.
    ctx.ferry(&["exec", "-d", "-u", "nobody", "box", "sleep", "999"])
        .success();
    let deadline = Instant::now() + Duration::from_secs(20);
    let rows = loop {
        let rows = top(ctx, &["box", "pid,ppid,user,group,args"], 5);
        if rows.len() == 3 || Instant::now() > deadline {
            break rows;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(rows[0], ["PID", "PPID", "USER", "GROUP", "COMMAND"]);
    assert_eq!(rows[1], ["1", "0", "www-data", "www-data", "sleep 1000"]);
    assert_eq!(rows[2][1..], ["1", "nobody", "nogroup", "sleep 999"], "{rows:?}");
    assert!(rows[2][0].parse::<u32>().unwrap() > 1);

    // ps-style flags and aliases, AIX codes.
    let rows = top(ctx, &["box", "-eo", "pid,comm", "%U"], 3);
    assert_eq!(rows[0], ["PID", "COMMAND", "USER"]);
    assert_eq!(rows[1], ["1", "sleep", "www-data"]);

    let rows = top(ctx, &["box", "hpid", "nice,vsz,rss,time,etime,pcpu,tty"], 8);
    assert_eq!(rows[0], ["HPID", "NI", "VSZ", "RSS", "TIME", "ELAPSED", "%CPU", "TTY"]);
    assert!(
        rows[1][2].parse::<u64>().unwrap() > 0 && rows[1][3].parse::<u64>().unwrap() > 0,
        "{rows:?}"
    );
    assert_eq!(rows[1][4], "0s");
    assert!(rows[1][5].ends_with('s'), "{rows:?}");
    let init_host_pid: i64 = rows[1][0].parse().unwrap();
    assert!(init_host_pid > 1);
    ctx.ferry(&["container", "top", "box", "pid"])
        .success()
        .stdout_contains("PID");
    ctx.ferry(&["top", "box", "pid,bogus"])
        .code(125)
        .stderr_contains("unknown descriptor \"bogus\"");
    ctx.ferry(&["stop", "-t", "0", "box"]).success();
    ctx.ferry(&["top", "box"])
        .code(125)
        .stderr_contains("container state improper");
});
