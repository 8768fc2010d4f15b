//! `ferry logs` / `ferry container logs`: prints containers' logs (stdout lines to stdout,
//! stderr lines to stderr), one container after the other; `-f` follows until the container
//! exits.

use std::io::Write;
use std::time::Duration;

use anyhow::{Result, anyhow};
use chrono::{DateTime, SecondsFormat, Utc};

use crate::cli::LogsArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container::logs::{self, Line, LogOptions, Stream};

pub fn exec(ctx: &mut Context, args: LogsArgs) -> Result<ExitStatus> {
    let now = Utc::now();
    let parse = |s: &Option<String>| s.as_deref().map(|s| parse_time(s, now)).transpose();
    let options = LogOptions {
        since: parse(&args.since)?,
        until: parse(&args.until)?,
        tail: args.tail,
        follow: args.follow,
    };
    let store = ctx.store()?.clone();
    let containers = store.containers();
    let recs = args
        .containers
        .iter()
        .map(|n| containers.lookup(n))
        .collect::<Result<Vec<_>, _>>()?;
    for rec in &recs {
        logs::read(&containers, rec, &options, &mut |line| emit(line, args.timestamps))?;
    }
    Ok(ExitStatus::SUCCESS)
}

fn emit(line: &Line, timestamps: bool) -> std::io::Result<()> {
    let mut out = Vec::with_capacity(line.content.len() + 40);
    if timestamps {
        out.extend_from_slice(line.time.to_rfc3339_opts(SecondsFormat::Nanos, true).as_bytes());
        out.push(b' ');
    }
    out.extend_from_slice(&line.content);
    if line.complete {
        out.push(b'\n');
    }
    match line.stream {
        Stream::Stdout => std::io::stdout().lock().write_all(&out),
        Stream::Stderr => std::io::stderr().lock().write_all(&out),
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
}
