//! Docker's multiplexed stdout/stderr stream (logs and attach without a TTY): each frame is an
//! 8-byte header — the stream (0 stdin, 1 stdout, 2 stderr, 3 a system error), three zero
//! bytes, the payload length as a big-endian u32 — then the payload.

use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum StdStream {
    Stdin = 0,
    Stdout = 1,
    Stderr = 2,
    /// An error of the daemon itself, ending the stream (API 1.42 and later clients show it).
    SystemErr = 3,
}

/// Writes frames to `out`; each frame goes out in one write.
pub struct MuxWriter<W: Write> {
    out: W,
}

impl<W: Write> MuxWriter<W> {
    pub fn new(out: W) -> MuxWriter<W> {
        MuxWriter { out }
    }

    /// Writes `data` as frames of `stream` (split when longer than a frame can say).
    pub fn write_frame(&mut self, stream: StdStream, data: &[u8]) -> io::Result<()> {
        for part in data.chunks(u32::MAX as usize) {
            let mut frame = Vec::with_capacity(8 + part.len());
            frame.extend_from_slice(&[stream as u8, 0, 0, 0]);
            frame.extend_from_slice(&(part.len() as u32).to_be_bytes());
            frame.extend_from_slice(part);
            self.out.write_all(&frame)?;
        }
        self.out.flush()
    }

    /// A `Write` that frames everything written to it as `stream`.
    pub fn stream(&mut self, stream: StdStream) -> FrameWriter<'_, W> {
        FrameWriter { mux: self, stream }
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

/// One stream of a [`MuxWriter`].
pub struct FrameWriter<'a, W: Write> {
    mux: &'a mut MuxWriter<W>,
    stream: StdStream,
}

impl<W: Write> Write for FrameWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        self.mux.write_frame(self.stream, buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.mux.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits frames back out, as Docker's client (stdcopy) does.
    fn demux(mut data: &[u8]) -> Vec<(u8, Vec<u8>)> {
        let mut frames = Vec::new();
        while !data.is_empty() {
            let (head, rest) = data.split_at(8);
            assert_eq!(&head[1..4], &[0, 0, 0]);
            let len = u32::from_be_bytes(head[4..8].try_into().unwrap()) as usize;
            frames.push((head[0], rest[..len].to_vec()));
            data = &rest[len..];
        }
        frames
    }

    #[test]
    fn frames_round_trip() {
        let mut mux = MuxWriter::new(Vec::new());
        mux.write_frame(StdStream::Stdout, b"out\n").unwrap();
        mux.stream(StdStream::Stderr).write_all(b"err 1").unwrap();
        mux.stream(StdStream::Stdout).write_all(&[7u8; 300]).unwrap();
        let bytes = mux.into_inner();
        assert_eq!(&bytes[..12], b"\x01\x00\x00\x00\x00\x00\x00\x04out\n");
        let frames = demux(&bytes);
        assert_eq!(frames[0], (1, b"out\n".to_vec()));
        assert_eq!(frames[1], (2, b"err 1".to_vec()));
        assert_eq!(frames[2], (1, vec![7u8; 300]));
        assert_eq!(frames.len(), 3);
    }
}
