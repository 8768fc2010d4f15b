//! `Transfer-Encoding: chunked` in both directions: a decoder for request bodies that refuses
//! anything ambiguous (the framing is what request smuggling attacks play with), and the
//! encoder streamed responses use.

use std::io::{self, Read, Write};

/// Longest chunk-size line (size, extensions, CRLF) accepted.
const MAX_LINE: usize = 4096;
/// Most trailer bytes accepted after the last chunk (they are read and ignored).
const MAX_TRAILERS: usize = 16 * 1024;
/// More hex digits than this cannot be a size that fits in 64 bits.
const MAX_SIZE_DIGITS: usize = 16;

/// Why a chunked body was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChunkedError {
    #[error("malformed chunked body: chunk size line {0:?} is not a hexadecimal size")]
    BadSize(String),
    #[error("malformed chunked body: chunk size line longer than {MAX_LINE} bytes")]
    LineTooLong,
    #[error("malformed chunked body: lines must end with CRLF")]
    BareLf,
    #[error("malformed chunked body: chunk data not followed by CRLF")]
    MissingCrlf,
    #[error("malformed chunked body: trailers longer than {MAX_TRAILERS} bytes")]
    TrailersTooLong,
    #[error("malformed chunked body: the connection ended inside the body")]
    Truncated,
}

impl From<ChunkedError> for io::Error {
    fn from(e: ChunkedError) -> io::Error {
        let kind = match e {
            ChunkedError::Truncated => io::ErrorKind::UnexpectedEof,
            _ => io::ErrorKind::InvalidData,
        };
        io::Error::new(kind, e)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Size,
    Data(u64),
    DataEnd,
    Trailers { bytes: usize },
    Done,
}

/// Decodes a chunked body read from `src` on each call; the state lives between calls, so a
/// handler can stream a large body through it.
#[derive(Debug, Clone)]
pub struct ChunkedDecoder {
    state: State,
}

impl Default for ChunkedDecoder {
    fn default() -> Self {
        Self::new()
    }
}

fn read_byte(src: &mut impl Read) -> io::Result<u8> {
    let mut b = [0u8];
    loop {
        match src.read(&mut b) {
            Ok(0) => return Err(ChunkedError::Truncated.into()),
            Ok(_) => return Ok(b[0]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

/// One line without its CRLF; a bare LF or a line over `max` bytes is refused.
fn read_line(src: &mut impl Read, max: usize, too_long: ChunkedError) -> io::Result<Vec<u8>> {
    let mut line = Vec::new();
    loop {
        let b = read_byte(src)?;
        match b {
            b'\n' => return Err(ChunkedError::BareLf.into()),
            b'\r' => {
                if read_byte(src)? != b'\n' {
                    return Err(ChunkedError::BareLf.into());
                }
                return Ok(line);
            }
            _ => {
                if line.len() >= max {
                    return Err(too_long.into());
                }
                line.push(b);
            }
        }
    }
}

/// `1a`, `1a;name=value`, `1a ;ext`: hex digits, then optional whitespace before extensions
/// (which are ignored). No sign, no `0x`, no leading whitespace.
fn parse_size(line: &[u8]) -> Result<u64, ChunkedError> {
    let bad = || ChunkedError::BadSize(String::from_utf8_lossy(line).into_owned());
    let digits = line.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    if digits == 0 || digits > MAX_SIZE_DIGITS {
        return Err(bad());
    }
    let rest = &line[digits..];
    let rest_trimmed: &[u8] = {
        let ws = rest.iter().take_while(|b| **b == b' ' || **b == b'\t').count();
        &rest[ws..]
    };
    if !(rest.is_empty() || rest_trimmed.first() == Some(&b';')) {
        return Err(bad());
    }
    // Extensions: visible characters only (no control bytes that could confuse a proxy).
    if rest_trimmed.iter().any(|b| b.is_ascii_control() && *b != b'\t') {
        return Err(bad());
    }
    let text = std::str::from_utf8(&line[..digits]).map_err(|_| bad())?;
    u64::from_str_radix(text, 16).map_err(|_| bad())
}

impl ChunkedDecoder {
    pub fn new() -> ChunkedDecoder {
        ChunkedDecoder { state: State::Size }
    }

    /// True once the last chunk and the trailers were read.
    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// Reads decoded body bytes into `out`; 0 at the end of the body.
    pub fn read(&mut self, src: &mut impl Read, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        loop {
            match self.state {
                State::Done => return Ok(0),
                State::Size => {
                    let line = read_line(src, MAX_LINE, ChunkedError::LineTooLong)?;
                    let size = parse_size(&line)?;
                    self.state = if size == 0 {
                        State::Trailers { bytes: 0 }
                    } else {
                        State::Data(size)
                    };
                }
                State::Data(remaining) => {
                    let want = usize::try_from(remaining).unwrap_or(usize::MAX).min(out.len());
                    let n = loop {
                        match src.read(&mut out[..want]) {
                            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                            other => break other?,
                        }
                    };
                    if n == 0 {
                        return Err(ChunkedError::Truncated.into());
                    }
                    let left = remaining - n as u64;
                    self.state = if left == 0 { State::DataEnd } else { State::Data(left) };
                    return Ok(n);
                }
                State::DataEnd => {
                    if read_byte(src)? != b'\r' || read_byte(src)? != b'\n' {
                        return Err(ChunkedError::MissingCrlf.into());
                    }
                    self.state = State::Size;
                }
                State::Trailers { bytes } => {
                    let budget = MAX_TRAILERS.saturating_sub(bytes);
                    let line = read_line(src, budget, ChunkedError::TrailersTooLong)?;
                    self.state = if line.is_empty() {
                        State::Done
                    } else {
                        State::Trailers {
                            bytes: bytes + line.len() + 2,
                        }
                    };
                }
            }
        }
    }
}

/// Writes each `write` as one chunk, so whatever a stream writes reaches the client at once.
pub struct ChunkedEncoder<W: Write> {
    inner: W,
}

impl<W: Write> ChunkedEncoder<W> {
    pub fn new(inner: W) -> ChunkedEncoder<W> {
        ChunkedEncoder { inner }
    }

    /// The last chunk: the body ends here and the connection can carry the next request.
    pub fn finish(mut self) -> io::Result<W> {
        self.inner.write_all(b"0\r\n\r\n")?;
        self.inner.flush()?;
        Ok(self.inner)
    }

    pub fn get_ref(&self) -> &W {
        &self.inner
    }
}

impl<W: Write> Write for ChunkedEncoder<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // An empty chunk would end the body.
        if buf.is_empty() {
            return Ok(0);
        }
        let mut frame = Vec::with_capacity(buf.len() + 20);
        frame.extend_from_slice(format!("{:x}\r\n", buf.len()).as_bytes());
        frame.extend_from_slice(buf);
        frame.extend_from_slice(b"\r\n");
        self.inner.write_all(&frame)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(input: &[u8]) -> io::Result<Vec<u8>> {
        let mut src = input;
        let mut dec = ChunkedDecoder::new();
        let mut out = Vec::new();
        let mut buf = [0u8; 7];
        loop {
            let n = dec.read(&mut src, &mut buf)?;
            if n == 0 {
                assert!(dec.is_done());
                return Ok(out);
            }
            out.extend_from_slice(&buf[..n]);
        }
    }

    fn refused(input: &[u8]) -> String {
        match decode(input) {
            Ok(body) => panic!("{:?} decoded to {:?}", String::from_utf8_lossy(input), body),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn decodes_chunks_extensions_and_trailers() {
        assert_eq!(
            decode(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").unwrap(),
            b"hello world"
        );
        assert_eq!(
            decode(b"A;name=value\r\n0123456789\r\n0\r\n\r\n").unwrap(),
            b"0123456789"
        );
        assert_eq!(decode(b"3 ;ext\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\n").unwrap(), b"abc");
        assert_eq!(decode(b"0\r\n\r\n").unwrap(), b"");
        assert_eq!(decode(b"00000001\r\nx\r\n0\r\n\r\n").unwrap(), b"x");
        // Bytes after the body stay for the next request.
        let mut src: &[u8] = b"1\r\nx\r\n0\r\n\r\nGET /";
        let mut dec = ChunkedDecoder::new();
        let mut buf = [0u8; 16];
        assert_eq!(dec.read(&mut src, &mut buf).unwrap(), 1);
        assert_eq!(dec.read(&mut src, &mut buf).unwrap(), 0);
        assert_eq!(src, b"GET /");
    }

    #[test]
    fn refuses_bad_sizes() {
        for bad in [
            &b"\r\nx\r\n0\r\n\r\n"[..],
            b"-1\r\nx\r\n0\r\n\r\n",
            b"+1\r\nx\r\n0\r\n\r\n",
            b"0x1\r\nx\r\n0\r\n\r\n",
            b" 1\r\nx\r\n0\r\n\r\n",
            b"1 1\r\nx\r\n0\r\n\r\n",
            b"g\r\nx\r\n0\r\n\r\n",
            b"1;ext\x00\r\nx\r\n0\r\n\r\n",
            // 2^64 and beyond must not wrap around to a small size.
            b"10000000000000000\r\nx\r\n0\r\n\r\n",
            b"FFFFFFFFFFFFFFFFF1\r\nx\r\n0\r\n\r\n",
        ] {
            let e = refused(bad);
            assert!(e.contains("not a hexadecimal size"), "{e}");
        }
    }

    #[test]
    fn refuses_framing_errors() {
        assert!(refused(b"1\nx\r\n0\r\n\r\n").contains("CRLF"));
        assert!(refused(b"1\r\nx\n0\r\n\r\n").contains("not followed by CRLF"));
        assert!(refused(b"1\r\nxy\r\n0\r\n\r\n").contains("not followed by CRLF"));
        assert!(refused(b"1\rx").contains("CRLF"));
        assert!(refused(b"0\r\nX: y\n\r\n").contains("CRLF"));
        let long = format!("1;{}\r\nx\r\n0\r\n\r\n", "e".repeat(MAX_LINE));
        assert!(refused(long.as_bytes()).contains("longer than"));
        let trailers = format!("0\r\n{}\r\n\r\n", "X-T: v\r\n".repeat(MAX_TRAILERS / 8 + 1));
        assert!(refused(trailers.as_bytes()).contains("trailers longer"));
    }

    #[test]
    fn truncated_bodies_are_errors_not_short_bodies() {
        for cut in [
            &b""[..],
            b"5",
            b"5\r\n",
            b"5\r\nhel",
            b"5\r\nhello",
            b"5\r\nhello\r\n",
            b"0\r\n",
        ] {
            let e = decode(cut).unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::UnexpectedEof, "{cut:?}: {e}");
        }
        // A size that promises more than is sent reads what there is, then fails.
        assert!(decode(b"ffffffffffffffff\r\nabc").is_err());
    }

    #[test]
    fn encoder_frames_each_write() {
        let mut enc = ChunkedEncoder::new(Vec::new());
        enc.write_all(b"hello").unwrap();
        assert_eq!(enc.write(b"").unwrap(), 0);
        enc.write_all(&[b'x'; 26]).unwrap();
        let out = enc.finish().unwrap();
        let mut expected = b"5\r\nhello\r\n1a\r\n".to_vec();
        expected.extend_from_slice(&[b'x'; 26]);
        expected.extend_from_slice(b"\r\n0\r\n\r\n");
        assert_eq!(out, expected);
        assert_eq!(decode(&out).unwrap().len(), 31);
    }
}
