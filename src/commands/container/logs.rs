//! `ferry logs` / `ferry container logs`: prints containers' logs (stdout lines to stdout,
//! stderr lines to stderr), one container after the other; `-f` follows until the container
//! exits.

use std::io::{Read, Seek, SeekFrom, Write};
use std::time::Duration;

use anyhow::{Context as _, Result, anyhow, bail};
use chrono::{DateTime, SecondsFormat, Utc};

use crate::cli::LogsArgs;
use crate::commands::{Context, ExitStatus};
use crate::monitor::logs::{Joiner, Line, Stream, parse_record};
use crate::store::containers::{ContainerRecord, ContainerStore, LogDriver, Status};

/// How often a followed log is checked for more output.
const FOLLOW_INTERVAL: Duration = Duration::from_millis(50);

struct Filter {
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
    timestamps: bool,
}

impl Filter {
    fn keeps(&self, line: &Line) -> bool {
        self.since.is_none_or(|t| line.time >= t) && self.until.is_none_or(|t| line.time <= t)
    }
}

pub fn exec(ctx: &mut Context, args: LogsArgs) -> Result<ExitStatus> {
    let now = Utc::now();
    let parse = |s: &Option<String>| s.as_deref().map(|s| parse_time(s, now)).transpose();
    let filter = Filter {
        since: parse(&args.since)?,
        until: parse(&args.until)?,
        timestamps: args.timestamps,
    };
    let store = ctx.store()?.clone();
    let containers = store.containers();
    let recs = args
        .containers
        .iter()
        .map(|n| containers.lookup(n))
        .collect::<Result<Vec<_>, _>>()?;
    for rec in &recs {
        let settings = containers.read_settings(&rec.id)?;
        if settings.log_driver != LogDriver::K8sFile {
            bail!(
                "container {} does not keep a log (its log driver is not k8s-file)",
                &rec.id[..12]
            );
        }
        print_log(&containers, rec, &filter, args.tail, args.follow)?;
    }
    Ok(ExitStatus::SUCCESS)
}

fn emit(line: &Line, filter: &Filter) -> Result<()> {
    let mut out = Vec::with_capacity(line.content.len() + 40);
    if filter.timestamps {
        out.extend_from_slice(line.time.to_rfc3339_opts(SecondsFormat::Nanos, true).as_bytes());
        out.push(b' ');
    }
    out.extend_from_slice(&line.content);
    if line.complete {
        out.push(b'\n');
    }
    match line.stream {
        Stream::Stdout => std::io::stdout().lock().write_all(&out)?,
        Stream::Stderr => std::io::stderr().lock().write_all(&out)?,
    }
    Ok(())
}

/// Complete records in `buf` (up to its last newline) fed through `joiner`; the incomplete
/// rest stays in `buf`.
fn take_lines(buf: &mut Vec<u8>, joiner: &mut Joiner) -> Vec<Line> {
    let Some(end) = buf.iter().rposition(|&b| b == b'\n') else {
        return Vec::new();
    };
    let out = buf[..end]
        .split(|&b| b == b'\n')
        .filter_map(parse_record)
        .filter_map(|r| joiner.push(&r))
        .collect();
    buf.drain(..=end);
    out
}

fn print_log(
    containers: &ContainerStore<'_>,
    rec: &ContainerRecord,
    filter: &Filter,
    tail: Option<usize>,
    follow: bool,
) -> Result<()> {
    let path = containers.log_path(&rec.id);
    let mut file = match std::fs::File::open(&path) {
        Ok(f) => Some(f),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(anyhow!(e).context(format!("opening the container log {}", path.display()))),
    };
    let mut buf = Vec::new();
    let mut joiner = Joiner::default();
    let read_more = |file: &mut Option<std::fs::File>, buf: &mut Vec<u8>| -> Result<usize> {
        if file.is_none() {
            *file = std::fs::File::open(&path).ok();
        }
        let Some(f) = file.as_mut() else { return Ok(0) };
        // A log truncated by max-size starts over from its beginning.
        let pos = f.stream_position()?;
        if f.metadata()?.len() < pos {
            f.seek(SeekFrom::Start(0))?;
        }
        f.read_to_end(buf)
            .with_context(|| format!("reading the container log {}", path.display()))
    };
    read_more(&mut file, &mut buf)?;
    let mut lines: Vec<Line> = take_lines(&mut buf, &mut joiner)
        .into_iter()
        .filter(|l| filter.keeps(l))
        .collect();
    if !follow {
        lines.extend(joiner.finish().into_iter().filter(|l| filter.keeps(l)));
    }
    let skip = tail.map_or(0, |n| lines.len().saturating_sub(n));
    for l in &lines[skip..] {
        emit(l, filter)?;
    }
    if !follow {
        return Ok(());
    }
    loop {
        // Decided before reading, so that output written just before the exit is not missed.
        let running = containers.refresh(rec)?.status == Status::Running;
        let n = read_more(&mut file, &mut buf)?;
        for l in take_lines(&mut buf, &mut joiner) {
            if filter.keeps(&l) {
                emit(&l, filter)?;
            }
        }
        if !running {
            for l in joiner.finish() {
                if filter.keeps(&l) {
                    emit(&l, filter)?;
                }
            }
            return Ok(());
        }
        if filter.until.is_some_and(|t| Utc::now() > t) {
            return Ok(());
        }
        if n == 0 {
            std::thread::sleep(FOLLOW_INTERVAL);
        }
    }
}

/// `--since`/`--until`: RFC 3339, Unix seconds (with an optional fraction), or a duration
/// before `now` such as `10m`, `1h30m`, `90s`, `250ms`.
fn parse_time(s: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let invalid = || anyhow!("invalid time {s:?}: use RFC 3339, Unix seconds or a duration like 10m");
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(secs) = s.parse::<f64>() {
        if !secs.is_finite() || !(0.0..=1e13).contains(&secs) {
            return Err(invalid());
        }
        let nanos = (secs.fract() * 1e9) as u32;
        return DateTime::from_timestamp(secs.trunc() as i64, nanos).ok_or_else(invalid);
    }
    let d = parse_duration(s).ok_or_else(invalid)?;
    let d = chrono::Duration::from_std(d).map_err(|_| invalid())?;
    now.checked_sub_signed(d).ok_or_else(invalid)
}

/// Go-style durations: one or more NUMBER UNIT pairs, units h, m, s, ms, us, ns.
fn parse_duration(s: &str) -> Option<Duration> {
    let mut rest = s;
    let mut total = Duration::ZERO;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let n: u64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let units = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let one = match &rest[..units] {
            "h" => Duration::from_secs(3600),
            "m" => Duration::from_secs(60),
            "s" => Duration::from_secs(1),
            "ms" => Duration::from_millis(1),
            "us" => Duration::from_micros(1),
            "ns" => Duration::from_nanos(1),
            _ => return None,
        };
        rest = &rest[units..];
        total = total.checked_add(one.checked_mul(u32::try_from(n).ok()?)?)?;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        let now = DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let t = |s| parse_time(s, now).unwrap().to_rfc3339();
        assert_eq!(t("10m"), "2026-11-22T09:50:00+00:00");
        assert_eq!(t("1h30m"), "2026-11-22T08:30:00+00:00");
        assert_eq!(t("2026-11-22T09:00:00+01:00"), "2026-11-22T08:00:00+00:00");
        assert_eq!(t("0"), "1970-01-01T00:00:00+00:00");
        assert_eq!(t("1.5"), "1970-01-01T00:00:01.500+00:00");
        assert_eq!(parse_duration("250ms"), Some(Duration::from_millis(250)));
    }

    #[test]
    fn rejects_hostile_times() {
        let now = Utc::now();
        for bad in [
            "",
            "m",
            "10",
            "10x",
            "-5m",
            "5m-",
            "1e400",
            "NaN",
            "inf",
            "99999999999999999999h",
            "10 m",
            "2026-13-01",
            "1h1",
            "-1",
        ] {
            if bad == "10" {
                // Ten Unix seconds: valid.
                assert!(parse_time(bad, now).is_ok());
                continue;
            }
            assert!(parse_time(bad, now).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn takes_complete_records_only() {
        let mut buf = b"2026-11-22T10:00:00Z stdout F a\n2026-11-22T10:00:00Z stdout P b\n2026-11-22T10:0".to_vec();
        let mut j = Joiner::default();
        let l = take_lines(&mut buf, &mut j);
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].content, b"a");
        assert_eq!(buf, b"2026-11-22T10:0");
        buf.extend_from_slice(b"1:00Z stdout F c\n");
        let l = take_lines(&mut buf, &mut j);
        assert_eq!(l[0].content, b"bc");
        assert!(buf.is_empty());
    }
}
