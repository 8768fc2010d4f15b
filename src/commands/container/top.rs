//! `ferry top` / `ferry container top`: the processes of a running container in `ps`-style
//! columns, with Podman's descriptors (names, AIX `%` codes and common `ps -o` aliases).

use anyhow::{Result, bail};

use crate::cli::TopArgs;
use crate::commands::{Context, ExitStatus};
use crate::output::table::Table;
use crate::runtime::procs::{Process, Snapshot};

/// A column of `top`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Descriptor {
    Args,
    Comm,
    Etime,
    Group,
    HostPid,
    Nice,
    Pcpu,
    Pid,
    Ppid,
    Rss,
    Time,
    Tty,
    User,
    Vsz,
}

/// Podman's default columns.
const DEFAULT: [Descriptor; 8] = [
    Descriptor::User,
    Descriptor::Pid,
    Descriptor::Ppid,
    Descriptor::Pcpu,
    Descriptor::Etime,
    Descriptor::Tty,
    Descriptor::Time,
    Descriptor::Args,
];

/// `ps` selection options accepted (and ignored: `top` always shows every process of the
/// container), so that `ferry top CTR -eo pid,args` works as `ps -eo pid,args` would.
const PS_FLAGS: [&str; 7] = ["-e", "-A", "-o", "-eo", "-Ao", "-oe", "-ax"];

impl Descriptor {
    fn parse(name: &str) -> Option<Descriptor> {
        use Descriptor::*;
        Some(match name {
            "args" | "%a" | "cmd" | "command" => Args,
            "comm" | "%c" | "ucomm" | "ucmd" => Comm,
            "etime" | "%t" => Etime,
            "group" | "%G" | "%g" | "egroup" | "rgroup" => Group,
            "hpid" => HostPid,
            "nice" | "%n" | "ni" => Nice,
            "pcpu" | "%C" | "%cpu" | "c" => Pcpu,
            "pid" | "%p" | "tgid" => Pid,
            "ppid" | "%P" => Ppid,
            "rss" | "rssize" | "rsz" => Rss,
            "time" | "%x" | "cputime" => Time,
            "tty" | "%y" | "tt" | "tname" => Tty,
            "user" | "%U" | "%u" | "euser" | "ruser" | "uname" => User,
            "vsz" | "%z" | "vsize" => Vsz,
            _ => return None,
        })
    }

    fn header(self) -> &'static str {
        use Descriptor::*;
        match self {
            Args | Comm => "COMMAND",
            Etime => "ELAPSED",
            Group => "GROUP",
            HostPid => "HPID",
            Nice => "NI",
            Pcpu => "%CPU",
            Pid => "PID",
            Ppid => "PPID",
            Rss => "RSS",
            Time => "TIME",
            Tty => "TTY",
            User => "USER",
            Vsz => "VSZ",
        }
    }
}

/// A column: what it shows and its header (`ps`'s `pid=TITLE` renames it).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Column {
    what: Descriptor,
    header: String,
}

/// Parses the descriptor arguments: each may hold several, separated by commas (or spaces);
/// an empty list means Podman's default columns.
fn parse_descriptors(args: &[String]) -> Result<Vec<Column>> {
    let mut out = Vec::new();
    for arg in args {
        if PS_FLAGS.contains(&arg.as_str()) {
            continue;
        }
        for item in arg.split([',', ' ']).filter(|s| !s.is_empty()) {
            let (name, header) = match item.split_once('=') {
                Some((n, h)) => (n, Some(h)),
                None => (item, None),
            };
            let Some(what) = Descriptor::parse(name) else {
                bail!(
                    "unknown descriptor {name:?}: use pid, ppid, user, group, args, comm, pcpu, etime, time, tty, vsz, rss, nice or hpid"
                );
            };
            out.push(Column {
                what,
                header: header.map_or_else(|| what.header().to_string(), str::to_string),
            });
        }
    }
    if out.is_empty() {
        out = DEFAULT
            .iter()
            .map(|&what| Column {
                what,
                header: what.header().to_string(),
            })
            .collect();
    }
    Ok(out)
}

/// A duration as Go's `time.Duration` prints it (Podman's ELAPSED and TIME): `0s`, `1.5s`,
/// `2m3.25s`, `1h0m1s`, and below a second `250ms`.
fn go_duration(nanos: u128) -> String {
    if nanos == 0 {
        return "0s".into();
    }
    let frac = |whole: u128, rest: u128, digits: usize| {
        let f = format!("{rest:0digits$}");
        let f = f.trim_end_matches('0');
        if f.is_empty() {
            whole.to_string()
        } else {
            format!("{whole}.{f}")
        }
    };
    if nanos < 1_000 {
        return format!("{nanos}ns");
    }
    if nanos < 1_000_000 {
        return format!("{}µs", frac(nanos / 1_000, nanos % 1_000, 3));
    }
    if nanos < 1_000_000_000 {
        return format!("{}ms", frac(nanos / 1_000_000, nanos % 1_000_000, 6));
    }
    let secs = nanos / 1_000_000_000;
    let s = frac(secs % 60, nanos % 1_000_000_000, 9);
    let (h, m) = (secs / 3600, secs / 60 % 60);
    match (h, m) {
        (0, 0) => format!("{s}s"),
        (0, m) => format!("{m}m{s}s"),
        (h, m) => format!("{h}h{m}m{s}s"),
    }
}

/// The terminal name of a `tty_nr` device number, as `ps` prints it.
fn tty_name(tty_nr: u64) -> String {
    let major = (tty_nr >> 8) & 0xfff;
    let minor = (tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00);
    match major {
        0 => "?".into(),
        136..=143 => format!("pts/{}", (major - 136) * 256 + minor),
        4 if minor < 64 => format!("tty{minor}"),
        4 => format!("ttyS{}", minor - 64),
        _ => "?".into(),
    }
}

fn id_name(id: Option<u32>, names: &std::collections::HashMap<u32, String>) -> String {
    match id {
        Some(id) => names.get(&id).cloned().unwrap_or_else(|| id.to_string()),
        None => "?".into(),
    }
}

fn cell(what: Descriptor, p: &Process, snap: &Snapshot) -> String {
    let ticks = snap.ticks_per_sec.max(1);
    let elapsed_ticks = ((snap.uptime * ticks as f64) as u64).saturating_sub(p.start_ticks);
    match what {
        Descriptor::Args if p.args.is_empty() => format!("[{}]", p.comm),
        Descriptor::Args => p.args.join(" "),
        Descriptor::Comm => p.comm.clone(),
        Descriptor::Etime => go_duration(u128::from(elapsed_ticks) * 1_000_000_000 / u128::from(ticks)),
        Descriptor::Group => id_name(p.gid, &snap.groups),
        Descriptor::HostPid => p.host_pid.to_string(),
        Descriptor::Nice => p.nice.to_string(),
        Descriptor::Pcpu => {
            let pct = if elapsed_ticks == 0 {
                0.0
            } else {
                p.cpu_ticks as f64 * 100.0 / elapsed_ticks as f64
            };
            format!("{pct:.3}")
        }
        Descriptor::Pid => p.pid.to_string(),
        Descriptor::Ppid => p.ppid.to_string(),
        Descriptor::Rss => p.rss_kib.to_string(),
        Descriptor::Time => go_duration(u128::from(p.cpu_ticks / ticks) * 1_000_000_000),
        Descriptor::Tty => tty_name(p.tty_nr),
        Descriptor::User => id_name(p.uid, &snap.users),
        Descriptor::Vsz => p.vsz_kib.to_string(),
    }
}

pub fn exec(ctx: &mut Context, args: TopArgs) -> Result<ExitStatus> {
    let columns = parse_descriptors(&args.descriptors)?;
    let snap = crate::engine::container::lifecycle::processes(ctx.store()?, &args.container)?;
    let mut table = Table::new(columns.iter().map(|c| c.header.clone()).collect());
    for p in &snap.processes {
        table.row(columns.iter().map(|c| cell(c.what, p, &snap)).collect());
    }
    print!("{}", table.render());
    Ok(ExitStatus::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(cols: &[Column]) -> Vec<(Descriptor, &str)> {
        cols.iter().map(|c| (c.what, c.header.as_str())).collect()
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn descriptor_lists() {
        use Descriptor::*;
        let default = parse_descriptors(&[]).unwrap();
        assert_eq!(
            default.iter().map(|c| c.header.as_str()).collect::<Vec<_>>(),
            ["USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND"]
        );
        assert_eq!(
            names(&parse_descriptors(&strings(&["pid,user,args"])).unwrap()),
            [(Pid, "PID"), (User, "USER"), (Args, "COMMAND")]
        );
        assert_eq!(
            names(&parse_descriptors(&strings(&["-eo", "pid,cmd", "%U", "vsz rss"])).unwrap()),
            [
                (Pid, "PID"),
                (Args, "COMMAND"),
                (User, "USER"),
                (Vsz, "VSZ"),
                (Rss, "RSS")
            ]
        );
        assert_eq!(
            names(&parse_descriptors(&strings(&["pid=ID,comm=", ",,", "-e"])).unwrap()),
            [(Pid, "ID"), (Comm, "")]
        );
        // Only flags: the default columns.
        assert_eq!(parse_descriptors(&strings(&["-e", "-o"])).unwrap(), default);
    }

    #[test]
    fn hostile_descriptors() {
        for bad in [
            "nosuch",
            "pid,nosuch",
            "-x",
            "--all",
            "%",
            "%Z",
            "PID",
            "pid\0",
            "=pid",
            "pid;rm -rf /",
            "\u{202e}pid",
            "../pid",
        ] {
            assert!(parse_descriptors(&strings(&[bad])).is_err(), "{bad:?} accepted");
        }
        let long = "pid,".repeat(10_000);
        assert_eq!(parse_descriptors(&[long]).unwrap().len(), 10_000);
    }

    #[test]
    fn durations_as_go_prints_them() {
        const S: u128 = 1_000_000_000;
        assert_eq!(go_duration(0), "0s");
        assert_eq!(go_duration(999), "999ns");
        assert_eq!(go_duration(1_500), "1.5µs");
        assert_eq!(go_duration(250_000_000), "250ms");
        assert_eq!(go_duration(S), "1s");
        assert_eq!(go_duration(S + S / 2), "1.5s");
        assert_eq!(go_duration(123 * S + 450_000_000), "2m3.45s");
        assert_eq!(go_duration(3601 * S), "1h0m1s");
        assert_eq!(go_duration(100 * 3600 * S), "100h0m0s");
    }

    #[test]
    fn terminal_names() {
        assert_eq!(tty_name(0), "?");
        assert_eq!(tty_name(136 << 8), "pts/0");
        assert_eq!(tty_name((136 << 8) | 5), "pts/5");
        assert_eq!(tty_name((137 << 8) | 2), "pts/258");
        assert_eq!(tty_name((4 << 8) | 1), "tty1");
        assert_eq!(tty_name((4 << 8) | 65), "ttyS1");
        assert_eq!(tty_name(u64::MAX), "?");
    }
}
