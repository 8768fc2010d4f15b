//! Content digests (`sha256:<64 hex>`) and hashing readers/writers.

use std::fmt;
use std::io::{self, Read, Write};
use std::str::FromStr;

use sha2::{Digest as _, Sha256};

/// A validated `sha256:` digest.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest {
    hex: String,
}

#[derive(Debug, thiserror::Error)]
#[error("invalid digest {0:?}: expected sha256:<64 lowercase hex digits>")]
pub struct DigestError(pub String);

impl Digest {
    /// The 64 hex characters without the algorithm prefix.
    pub fn hex(&self) -> &str {
        &self.hex
    }

    /// The 12-character short form used in tables.
    pub fn short(&self) -> &str {
        &self.hex[..12]
    }

    pub fn from_hex(hex: &str) -> Result<Digest, DigestError> {
        if hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            Ok(Digest { hex: hex.to_string() })
        } else {
            Err(DigestError(hex.to_string()))
        }
    }

    pub fn of_bytes(data: &[u8]) -> Digest {
        Digest {
            hex: to_hex(&Sha256::digest(data)),
        }
    }
}

pub(crate) fn to_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

impl FromStr for Digest {
    type Err = DigestError;
    fn from_str(s: &str) -> Result<Digest, DigestError> {
        match s.strip_prefix("sha256:") {
            Some(hex) => Digest::from_hex(hex).map_err(|_| DigestError(s.to_string())),
            None => Err(DigestError(s.to_string())),
        }
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sha256:{}", self.hex)
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl serde::Serialize for Digest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Digest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Digest, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Running sha256 plus byte count.
#[derive(Default, Clone)]
pub struct Hasher {
    sha: Sha256,
    len: u64,
}

impl Hasher {
    pub fn update(&mut self, data: &[u8]) {
        self.sha.update(data);
        self.len += data.len() as u64;
    }
    /// How many bytes were hashed so far.
    pub fn bytes_hashed(&self) -> u64 {
        self.len
    }
    pub fn finish(self) -> Digest {
        Digest {
            hex: to_hex(&self.sha.finalize()),
        }
    }
}

/// A reader that hashes everything read through it.
pub struct HashingReader<R> {
    inner: R,
    hasher: Hasher,
}

impl<R: Read> HashingReader<R> {
    pub fn new(inner: R) -> Self {
        HashingReader {
            inner,
            hasher: Hasher::default(),
        }
    }
    /// Reads the rest of the stream so the digest covers all of it, then returns (digest, size).
    pub fn finish(mut self) -> io::Result<(Digest, u64)> {
        io::copy(&mut self, &mut io::sink())?;
        let len = self.hasher.bytes_hashed();
        Ok((self.hasher.finish(), len))
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// A writer that hashes everything written through it.
pub struct HashingWriter<W> {
    inner: W,
    hasher: Hasher,
}

impl<W: Write> HashingWriter<W> {
    pub fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            hasher: Hasher::default(),
        }
    }
    pub fn finish(self) -> (W, Digest, u64) {
        let len = self.hasher.bytes_hashed();
        (self.inner, self.hasher.finish(), len)
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Reads exactly `size` bytes from `inner` and fails on the last chunk (before the reader hands
/// out all of them) unless they hash to `expected`: content that no longer matches its digest
/// must not reach an archive or a registry, whether or not the consumer reads to the end.
pub struct VerifiedReader<R> {
    inner: R,
    remaining: u64,
    hasher: Hasher,
    expected: Digest,
    checked: bool,
}

impl<R: Read> VerifiedReader<R> {
    pub fn new(inner: R, size: u64, expected: Digest) -> Self {
        VerifiedReader {
            inner,
            remaining: size,
            hasher: Hasher::default(),
            expected,
            checked: false,
        }
    }

    fn check(&mut self) -> io::Result<()> {
        if self.checked {
            return Ok(());
        }
        let mut extra = [0u8; 1];
        if self.inner.read(&mut extra)? != 0 {
            return Err(io::Error::other(format!(
                "blob {} is longer than recorded",
                self.expected
            )));
        }
        let actual = std::mem::take(&mut self.hasher).finish();
        if actual != self.expected {
            return Err(io::Error::other(format!(
                "blob {} failed verification: content hashes to {actual}",
                self.expected
            )));
        }
        self.checked = true;
        Ok(())
    }
}

impl<R: Read> Read for VerifiedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.remaining == 0 {
            self.check()?;
            return Ok(0);
        }
        let want = buf.len().min(usize::try_from(self.remaining).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("blob {} is shorter than recorded", self.expected),
            ));
        }
        self.hasher.update(&buf[..n]);
        self.remaining -= n as u64;
        if self.remaining == 0 {
            self.check()?;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        let d: Digest = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
            .parse()
            .unwrap();
        assert_eq!(d, Digest::of_bytes(b""));
        assert_eq!(d.short(), "e3b0c44298fc");
        for bad in [
            "",
            "sha256:",
            "sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
            "sha256:../../../../etc/passwd/e3b0c44298fc1c149afbf4c8996fb92427ae41e464",
        ] {
            assert!(bad.parse::<Digest>().is_err(), "{bad}");
        }
    }

    #[test]
    fn verified_reader_checks_length_and_digest() {
        let read = |data: &'static [u8], size: u64, of: &[u8]| {
            let mut out = Vec::new();
            VerifiedReader::new(data, size, Digest::of_bytes(of))
                .read_to_end(&mut out)
                .map(|_| out)
        };
        assert_eq!(read(b"abc", 3, b"abc").unwrap(), b"abc");
        assert_eq!(read(b"", 0, b"").unwrap(), b"");
        assert!(read(b"ab", 3, b"abc").is_err());
        assert!(read(b"abcd", 3, b"abc").is_err());
        assert!(read(b"abd", 3, b"abc").is_err());
        assert!(read(b"x", 0, b"").is_err());
        // The mismatch shows before the last bytes are handed out, so a consumer reading exactly
        // `size` bytes still sees it.
        let mut r = VerifiedReader::new(&b"abd"[..], 3, Digest::of_bytes(b"abc"));
        let mut buf = [0u8; 3];
        assert!(r.read_exact(&mut buf).is_err());
    }

    #[test]
    fn hashing_reader_counts() {
        let r = HashingReader::new(&b"abc"[..]);
        let (d, n) = r.finish().unwrap();
        assert_eq!(n, 3);
        assert_eq!(
            d.hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
