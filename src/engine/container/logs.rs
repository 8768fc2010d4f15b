//! Reading a container's log (the k8s-file driver's records, partial lines joined), optionally
//! following it until the container exits. Lines go to a caller-supplied sink.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::error::{Error, Result};
use crate::monitor::logs::{Joiner, parse_record};
pub use crate::monitor::logs::{Line, Stream};
use crate::store::containers::{ContainerRecord, ContainerStore, LogDriver, Status};

/// How often a followed log is checked for more output.
const FOLLOW_INTERVAL: Duration = Duration::from_millis(50);

/// Which lines to read.
#[derive(Debug, Clone, Default)]
pub struct LogOptions {
    /// Only lines written at or after this time.
    pub since: Option<DateTime<Utc>>,
    /// Only lines written at or before this time (following stops then).
    pub until: Option<DateTime<Utc>>,
    /// Only the last N lines of what is there already.
    pub tail: Option<usize>,
    /// Keep reading until the container exits.
    pub follow: bool,
}

impl LogOptions {
    fn keeps(&self, line: &Line) -> bool {
        self.since.is_none_or(|t| line.time >= t) && self.until.is_none_or(|t| line.time <= t)
    }
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

/// Reads what was appended to the log since the last call (opening it once it exists).
fn read_more(path: &Path, file: &mut Option<std::fs::File>, buf: &mut Vec<u8>) -> Result<usize> {
    let err = |source| Error::LogRead {
        path: path.to_path_buf(),
        source,
    };
    if file.is_none() {
        *file = std::fs::File::open(path).ok();
    }
    let Some(f) = file.as_mut() else { return Ok(0) };
    // A log truncated by max-size starts over from its beginning.
    let pos = f.stream_position().map_err(err)?;
    if f.metadata().map_err(err)?.len() < pos {
        f.seek(SeekFrom::Start(0)).map_err(err)?;
    }
    f.read_to_end(buf).map_err(err)
}

/// Reads the container's log, giving each line `options` keep to `sink` (whose error ends the
/// reading: the reader went away). Fails for a container whose log driver keeps no log.
pub fn read(
    containers: &ContainerStore<'_>,
    rec: &ContainerRecord,
    options: &LogOptions,
    sink: &mut dyn FnMut(&Line) -> std::io::Result<()>,
) -> Result<()> {
    if containers.read_settings(&rec.id)?.log_driver != LogDriver::K8sFile {
        return Err(Error::NoLog {
            id: rec.id[..12].to_string(),
        });
    }
    let path = containers.log_path(&rec.id);
    let mut emit = |line: &Line| sink(line).map_err(Error::LogWrite);
    let mut file = match std::fs::File::open(&path) {
        Ok(f) => Some(f),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(Error::LogOpen { path, source }),
    };
    let mut buf = Vec::new();
    let mut joiner = Joiner::default();
    read_more(&path, &mut file, &mut buf)?;
    let mut lines: Vec<Line> = take_lines(&mut buf, &mut joiner)
        .into_iter()
        .filter(|l| options.keeps(l))
        .collect();
    if !options.follow {
        lines.extend(joiner.finish().into_iter().filter(|l| options.keeps(l)));
    }
    let skip = options.tail.map_or(0, |n| lines.len().saturating_sub(n));
    for l in &lines[skip..] {
        emit(l)?;
    }
    if !options.follow {
        return Ok(());
    }
    loop {
        // Decided before reading, so that output written just before the exit is not missed.
        let running = containers.refresh(rec)?.status == Status::Running;
        let n = read_more(&path, &mut file, &mut buf)?;
        for l in take_lines(&mut buf, &mut joiner) {
            if options.keeps(&l) {
                emit(&l)?;
            }
        }
        if !running {
            for l in joiner.finish() {
                if options.keeps(&l) {
                    emit(&l)?;
                }
            }
            return Ok(());
        }
        if options.until.is_some_and(|t| Utc::now() > t) {
            return Ok(());
        }
        if n == 0 {
            std::thread::sleep(FOLLOW_INTERVAL);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
