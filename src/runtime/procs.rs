//! The processes of a running container, read from the host's /proc: every process whose pid
//! namespace is the container init's. Pids are given as the container sees them (the last
//! NSpid), user and group ids as the container's (through its user namespace's mapping), and
//! names from the container's own /etc/passwd and /etc/group.

use std::collections::HashMap;
use std::io::Read;
use std::os::fd::AsFd;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use nix::fcntl::{OFlag, openat};
use nix::sys::stat::Mode;

use crate::sys::process::start_time;
use crate::sys::rootpath;

#[derive(Debug, thiserror::Error)]
pub enum ProcsError {
    #[error("reading {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("process {pid} is no longer the container's init")]
    Gone { pid: i32 },
}

/// One process of the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Process {
    pub host_pid: i32,
    /// The pid inside the container.
    pub pid: i32,
    /// The parent's pid inside the container; 0 when the parent is outside it.
    pub ppid: i32,
    /// Effective user and group ids, as the container sees them (`None`: not mapped in it).
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    pub comm: String,
    /// The command line; empty for kernel threads and zombies.
    pub args: Vec<String>,
    /// The controlling terminal's device number (0: none).
    pub tty_nr: u64,
    /// User plus system CPU time, in clock ticks.
    pub cpu_ticks: u64,
    /// Start time in clock ticks after boot.
    pub start_ticks: u64,
    pub nice: i64,
    pub vsz_kib: u64,
    pub rss_kib: u64,
}

/// The container's processes, with what is needed to show them.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub processes: Vec<Process>,
    /// Seconds since boot when the snapshot was taken.
    pub uptime: f64,
    pub ticks_per_sec: u64,
    /// Names from the container's /etc/passwd and /etc/group, by id.
    pub users: HashMap<u32, String>,
    pub groups: HashMap<u32, String>,
}

/// Fields of /proc/PID/stat after the command name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stat {
    ppid: i32,
    tty_nr: u64,
    cpu_ticks: u64,
    nice: i64,
    start_ticks: u64,
    vsize: u64,
    rss_pages: u64,
}

/// Parses a /proc/PID/stat line; the command name may contain spaces and parentheses.
fn parse_stat(line: &str) -> Option<(String, Stat)> {
    let open = line.find('(')?;
    let close = line.rfind(')')?;
    let comm = line.get(open + 1..close)?.to_string();
    // Fields from 3 (state) on.
    let f: Vec<&str> = line.get(close + 1..)?.split_ascii_whitespace().collect();
    let num = |i: usize| -> Option<u64> { f.get(i - 3)?.parse().ok() };
    Some((
        comm,
        Stat {
            ppid: f.get(1)?.parse().ok()?,
            tty_nr: num(7)?,
            cpu_ticks: num(14)?.checked_add(num(15)?)?,
            nice: f.get(19 - 3)?.parse().ok()?,
            start_ticks: num(22)?,
            vsize: num(23)?,
            rss_pages: f.get(24 - 3)?.parse::<i64>().ok()?.max(0) as u64,
        },
    ))
}

/// From /proc/PID/status: the pids in each nested namespace (`NSpid`), effective uid and gid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Status {
    nspid: Vec<i32>,
    euid: Option<u32>,
    egid: Option<u32>,
}

fn parse_status(text: &str) -> Status {
    let mut s = Status::default();
    for line in text.lines() {
        let Some((k, v)) = line.split_once(':') else { continue };
        let second = || v.split_ascii_whitespace().nth(1).and_then(|x| x.parse().ok());
        match k {
            "NSpid" => s.nspid = v.split_ascii_whitespace().filter_map(|x| x.parse().ok()).collect(),
            "Uid" => s.euid = second(),
            "Gid" => s.egid = second(),
            _ => {}
        }
    }
    s
}

/// One `inside outside count` range of a uid_map or gid_map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Range {
    inside: u32,
    outside: u32,
    count: u32,
}

fn parse_map(text: &str) -> Vec<Range> {
    text.lines()
        .filter_map(|l| {
            let mut it = l.split_ascii_whitespace().map(|x| x.parse::<u32>().ok());
            Some(Range {
                inside: it.next()??,
                outside: it.next()??,
                count: it.next()??,
            })
        })
        .collect()
}

/// The container's id for a host id.
fn to_inside(map: &[Range], host: u32) -> Option<u32> {
    map.iter().find_map(|r| {
        let off = host.checked_sub(r.outside)?;
        (off < r.count).then(|| r.inside.checked_add(off)).flatten()
    })
}

/// `name:x:id:...` lines of passwd or group, by id (the first name for an id wins).
fn parse_names(text: &str) -> HashMap<u32, String> {
    let mut out = HashMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut f = line.split(':');
        let (Some(name), Some(_), Some(id)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        if let Ok(id) = id.parse() {
            out.entry(id).or_insert_with(|| name.to_string());
        }
    }
    out
}

/// Reads /etc/`name` beneath `root` without following symlinks out of it; empty when missing.
fn read_etc(root: &Path, name: &str) -> String {
    let read = || -> Option<String> {
        let root = rootpath::Root::open(root).ok()?;
        let etc = root.open_dir(Path::new("etc")).ok()?;
        let fd = openat(
            etc.as_fd(),
            name,
            OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
            Mode::empty(),
        )
        .ok()?;
        let mut text = String::new();
        std::fs::File::from(fd).take(16 << 20).read_to_string(&mut text).ok()?;
        Some(text)
    };
    read().unwrap_or_default()
}

fn read(path: PathBuf) -> Result<String, ProcsError> {
    std::fs::read_to_string(&path).map_err(|source| ProcsError::Read { path, source })
}

/// The pid namespace of a process (device and inode of /proc/PID/ns/pid).
fn pid_ns(pid: i32) -> Option<(u64, u64)> {
    std::fs::metadata(format!("/proc/{pid}/ns/pid"))
        .ok()
        .map(|m| (m.dev(), m.ino()))
}

fn ticks_per_sec() -> u64 {
    // SAFETY: sysconf has no preconditions.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 { t as u64 } else { 100 }
}

fn page_kib() -> u64 {
    // SAFETY: sysconf has no preconditions.
    let p = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if p > 0 { p as u64 / 1024 } else { 4 }
}

/// The processes of the container whose init is host pid `init` (started at `start`, see
/// `sys::process::start_time`, so that a recycled pid is refused).
pub fn snapshot(init: i32, start: Option<u64>) -> Result<Snapshot, ProcsError> {
    let ns = pid_ns(init).ok_or(ProcsError::Gone { pid: init })?;
    let uid_map = parse_map(&read(PathBuf::from(format!("/proc/{init}/uid_map")))?);
    let gid_map = parse_map(&read(PathBuf::from(format!("/proc/{init}/gid_map")))?);
    let root = PathBuf::from(format!("/proc/{init}/root"));
    let users = parse_names(&read_etc(&root, "passwd"));
    let groups = parse_names(&read_etc(&root, "group"));
    let page = page_kib();
    let mut raw = Vec::new();
    let entries = std::fs::read_dir("/proc").map_err(|source| ProcsError::Read {
        path: "/proc".into(),
        source,
    })?;
    for e in entries.flatten() {
        let Some(host_pid) = e.file_name().to_str().and_then(|n| n.parse::<i32>().ok()) else {
            continue;
        };
        // Other users' processes (unreadable) and processes that exit meanwhile are skipped.
        if pid_ns(host_pid) != Some(ns) {
            continue;
        }
        let Some(p) = read_process(host_pid, &uid_map, &gid_map, page) else {
            continue;
        };
        raw.push(p);
    }
    if start.is_some() && start_time(init) != start {
        return Err(ProcsError::Gone { pid: init });
    }
    // Parents are named by host pid in /proc: translate to the container's pids.
    let inside: HashMap<i32, i32> = raw.iter().map(|(p, _)| (p.host_pid, p.pid)).collect();
    let mut processes: Vec<Process> = raw
        .into_iter()
        .map(|(mut p, host_ppid)| {
            p.ppid = inside.get(&host_ppid).copied().unwrap_or(0);
            p
        })
        .collect();
    processes.sort_by_key(|p| p.pid);
    let uptime = read(PathBuf::from("/proc/uptime"))?
        .split_ascii_whitespace()
        .next()
        .and_then(|u| u.parse().ok())
        .unwrap_or(0.0);
    Ok(Snapshot {
        processes,
        uptime,
        ticks_per_sec: ticks_per_sec(),
        users,
        groups,
    })
}

/// One process, with its parent's host pid; `None` when it is gone or unreadable.
fn read_process(host_pid: i32, uid_map: &[Range], gid_map: &[Range], page_kib: u64) -> Option<(Process, i32)> {
    let (comm, stat) = parse_stat(&std::fs::read_to_string(format!("/proc/{host_pid}/stat")).ok()?)?;
    let status = parse_status(&std::fs::read_to_string(format!("/proc/{host_pid}/status")).ok()?);
    let cmdline = std::fs::read(format!("/proc/{host_pid}/cmdline")).unwrap_or_default();
    let args = cmdline
        .split(|&b| b == 0)
        .filter(|a| !a.is_empty())
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    Some((
        Process {
            host_pid,
            pid: status.nspid.last().copied().unwrap_or(host_pid),
            ppid: 0,
            uid: status.euid.and_then(|u| to_inside(uid_map, u)),
            gid: status.egid.and_then(|g| to_inside(gid_map, g)),
            comm,
            args,
            tty_nr: stat.tty_nr,
            cpu_ticks: stat.cpu_ticks,
            start_ticks: stat.start_ticks,
            nice: stat.nice,
            vsz_kib: stat.vsize / 1024,
            rss_kib: stat.rss_pages * page_kib,
        },
        stat.ppid,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const STAT: &str = "4242 (my (odd) cmd) S 17 4242 4242 34816 4242 4194560 100 0 0 0 250 30 0 0 20 5 1 0 123456 10485760 300 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

    #[test]
    fn stat_lines() {
        let (comm, s) = parse_stat(STAT).unwrap();
        assert_eq!(comm, "my (odd) cmd");
        assert_eq!(
            s,
            Stat {
                ppid: 17,
                tty_nr: 34816,
                cpu_ticks: 280,
                nice: 5,
                start_ticks: 123456,
                vsize: 10485760,
                rss_pages: 300,
            }
        );
        for bad in [
            "",
            "1 (x",
            "1 x) S",
            "1 (x) S 1 2",
            "1 (x) S a b c d e f g h i j k l m n o p q r s t u v",
        ] {
            assert_eq!(parse_stat(bad), None, "{bad:?}");
        }
        // Our own stat line parses.
        assert!(parse_stat(&std::fs::read_to_string("/proc/self/stat").unwrap()).is_some());
    }

    #[test]
    fn status_fields() {
        let s = parse_status("Name:\tsh\nUid:\t1000\t100033\t1000\t1000\nGid:\t5\t6\t7\t8\nNSpid:\t9123\t7\n");
        assert_eq!(
            s,
            Status {
                nspid: vec![9123, 7],
                euid: Some(100033),
                egid: Some(6),
            }
        );
        assert_eq!(parse_status("Uid: x\nNSpid:\n:::\n\u{0}"), Status::default());
    }

    #[test]
    fn id_maps() {
        let map = parse_map("         0       1000          1\n         1     100000      65536\ngarbage\n1 2\n");
        assert_eq!(map.len(), 2);
        assert_eq!(to_inside(&map, 1000), Some(0));
        assert_eq!(to_inside(&map, 100032), Some(33));
        assert_eq!(to_inside(&map, 165535), Some(65536));
        assert_eq!(to_inside(&map, 165536), None);
        assert_eq!(to_inside(&map, 0), None);
        let identity = parse_map("0 0 4294967295\n");
        assert_eq!(to_inside(&identity, 4294967294), Some(4294967294));
        // Overflowing ranges map nothing rather than wrap.
        assert_eq!(to_inside(&parse_map("4294967295 0 10\n"), 5), None);
    }

    #[test]
    fn names() {
        let n = parse_names("root:x:0:0::/root:/bin/sh\n#c:x:5:\nbad\nweb:x:33:\ndup:x:33:\nno:x:abc:\n");
        assert_eq!(n.get(&0).map(String::as_str), Some("root"));
        assert_eq!(n.get(&33).map(String::as_str), Some("web"));
        assert_eq!(n.len(), 2);
    }

    #[test]
    fn own_namespace_snapshot() {
        let me = std::process::id() as i32;
        let snap = snapshot(me, start_time(me)).unwrap();
        assert!(snap.processes.iter().any(|p| p.host_pid == me));
        assert!(snap.ticks_per_sec > 0 && snap.uptime > 0.0);
        assert!(matches!(snapshot(1 << 23, None), Err(ProcsError::Gone { .. })));
    }
}
