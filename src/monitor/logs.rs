//! The container log in the Kubernetes file format (`k8s-file`, as Podman writes it): one
//! record per line, `TIMESTAMP STREAM TAG CONTENT`, where TAG is `F` for a full line and `P`
//! for a piece of a line that continues in the stream's next record.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use chrono::{DateTime, Utc};

use crate::sys::now;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    fn name(self) -> &'static str {
        match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        }
    }
}

/// Appends a container's output to its log.
///
/// `max_size` (`--log-opt max-size`) works like Podman's k8s-file driver: when a write would
/// take the file past the limit, the file is truncated and logging starts over (no rotated
/// copies are kept).
pub struct LogWriter {
    file: File,
    size: u64,
    max_size: Option<u64>,
}

impl LogWriter {
    pub fn open(path: &Path, max_size: Option<u64>) -> io::Result<LogWriter> {
        let file = OpenOptions::new().append(true).create(true).mode(0o600).open(path)?;
        let size = file.metadata()?.len();
        Ok(LogWriter { file, size, max_size })
    }

    /// Logs one chunk read from the container: each complete line becomes an `F` record, a
    /// trailing piece without a newline a `P` record.
    pub fn write(&mut self, stream: Stream, data: &[u8]) -> io::Result<()> {
        let buf = encode(&now(), stream, data);
        if let Some(max) = self.max_size
            && self.size + buf.len() as u64 > max
        {
            self.file.set_len(0)?;
            self.size = 0;
        }
        self.file.write_all(&buf)?;
        self.size += buf.len() as u64;
        Ok(())
    }
}

fn encode(time: &str, stream: Stream, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 48);
    let mut rest = data;
    while !rest.is_empty() {
        let (line, tag, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], "F", &rest[i + 1..]),
            None => (rest, "P", &rest[rest.len()..]),
        };
        out.extend_from_slice(time.as_bytes());
        out.push(b' ');
        out.extend_from_slice(stream.name().as_bytes());
        out.push(b' ');
        out.extend_from_slice(tag.as_bytes());
        out.push(b' ');
        out.extend_from_slice(line);
        out.push(b'\n');
        rest = next;
    }
    out
}

/// One record of the log file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record<'a> {
    pub time: DateTime<Utc>,
    pub stream: Stream,
    pub partial: bool,
    pub content: &'a [u8],
}

/// Parses one line of the log (without its newline); `None` for anything malformed.
pub fn parse_record(line: &[u8]) -> Option<Record<'_>> {
    let mut parts = line.splitn(4, |&b| b == b' ');
    let time = std::str::from_utf8(parts.next()?).ok()?;
    let time = DateTime::parse_from_rfc3339(time).ok()?.with_timezone(&Utc);
    let stream = match parts.next()? {
        b"stdout" => Stream::Stdout,
        b"stderr" => Stream::Stderr,
        _ => return None,
    };
    let partial = match parts.next()? {
        b"F" => false,
        b"P" => true,
        _ => return None,
    };
    Some(Record {
        time,
        stream,
        partial,
        content: parts.next().unwrap_or_default(),
    })
}

/// A line of the container's output, its `P` pieces joined, stamped with the time of its
/// first piece.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub time: DateTime<Utc>,
    pub stream: Stream,
    pub content: Vec<u8>,
    /// False for the last piece of a stream that ended without a newline.
    pub complete: bool,
}

/// Joins records into lines; the two streams' pieces may interleave.
#[derive(Default)]
pub struct Joiner {
    pending: [Option<(DateTime<Utc>, Vec<u8>)>; 2],
}

impl Joiner {
    /// Feeds one record; returns the line it completes, if any.
    pub fn push(&mut self, rec: &Record<'_>) -> Option<Line> {
        let slot = &mut self.pending[rec.stream as usize];
        let (time, mut content) = slot.take().unwrap_or((rec.time, Vec::new()));
        content.extend_from_slice(rec.content);
        if rec.partial {
            *slot = Some((time, content));
            return None;
        }
        Some(Line {
            time,
            stream: rec.stream,
            content,
            complete: true,
        })
    }

    /// The pieces still waiting for the rest of their line, once the log has ended.
    pub fn finish(&mut self) -> Vec<Line> {
        let mut out = Vec::new();
        for (i, slot) in self.pending.iter_mut().enumerate() {
            if let Some((time, content)) = slot.take() {
                out.push(Line {
                    time,
                    stream: if i == 0 { Stream::Stdout } else { Stream::Stderr },
                    content,
                    complete: false,
                });
            }
        }
        out.sort_by_key(|l| l.time);
        out
    }
}

/// Every line of a whole log file's content.
#[cfg(test)]
fn lines(data: &[u8]) -> Vec<Line> {
    let mut joiner = Joiner::default();
    let mut out: Vec<Line> = data
        .split(|&b| b == b'\n')
        .filter_map(parse_record)
        .filter_map(|r| joiner.push(&r))
        .collect();
    out.extend(joiner.finish());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_full_and_partial_lines() {
        let t = "2026-11-22T10:00:00.123456789Z";
        assert_eq!(
            String::from_utf8(encode(t, Stream::Stdout, b"a\nb c\npart")).unwrap(),
            format!("{t} stdout F a\n{t} stdout F b c\n{t} stdout P part\n")
        );
        assert_eq!(
            String::from_utf8(encode(t, Stream::Stderr, b"\n")).unwrap(),
            format!("{t} stderr F \n")
        );
        assert!(encode(t, Stream::Stdout, b"").is_empty());
    }

    #[test]
    fn joins_partial_records_per_stream() {
        let log = b"2026-11-22T10:00:00Z stdout P hel\n\
2026-11-22T10:00:01Z stderr F oops\n\
2026-11-22T10:00:02Z stdout F lo\n\
2026-11-22T10:00:03Z stdout P tail";
        let l = lines(log);
        assert_eq!(l.len(), 3);
        assert_eq!(l[0].content, b"oops");
        assert_eq!(l[0].stream, Stream::Stderr);
        assert_eq!(l[1].content, b"hello");
        assert_eq!(
            l[1].time.timestamp(),
            DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z")
                .unwrap()
                .timestamp()
        );
        assert_eq!(l[2].content, b"tail");
        assert!(!l[2].complete);
    }

    #[test]
    fn rejects_hostile_records() {
        for junk in [
            &b""[..],
            b"x",
            b"2026-11-22T10:00:00Z",
            b"2026-11-22T10:00:00Z stdin F x",
            b"2026-11-22T10:00:00Z stdout X x",
            b"notatime stdout F x",
            b"\xff\xfe stdout F x",
        ] {
            assert_eq!(parse_record(junk), None, "{junk:?}");
        }
        let r = parse_record(b"2026-11-22T10:00:00+02:00 stdout F  spaced  \xff").unwrap();
        assert_eq!(r.content, b" spaced  \xff");
        assert_eq!(r.time.to_rfc3339(), "2026-11-22T08:00:00+00:00");
        assert_eq!(parse_record(b"2026-11-22T10:00:00Z stdout F").unwrap().content, b"");
    }

    #[test]
    fn max_size_truncates() {
        let dir = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-log-test-"));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("ctr.log");
        let mut w = LogWriter::open(&path, Some(200)).unwrap();
        for i in 0..20 {
            w.write(Stream::Stdout, format!("line {i}\n").as_bytes()).unwrap();
        }
        let data = std::fs::read(&path).unwrap();
        assert!(data.len() <= 200, "{}", data.len());
        assert!(lines(&data).last().unwrap().content == b"line 19");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
