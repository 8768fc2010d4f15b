//! Value formats: byte sizes (`64m`) and Go-style durations (`1m30s`), read and printed as
//! Docker Compose does.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

use super::Text;

/// A size in bytes, written as a number or with a unit (`64m`, `1.5g`, `512kb`; powers of 1024).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteSize(pub u64);

impl ByteSize {
    pub fn parse(s: &str) -> Result<ByteSize, String> {
        let err = || format!("invalid size {s:?}: expected a number of bytes, optionally with a unit (b, k, m, g, t)");
        let t = s.trim().to_ascii_lowercase();
        let split = t.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(t.len());
        let (num, unit) = t.split_at(split);
        let unit = unit.trim_start();
        // `[k|m|g|t|p][i][b]`, any case.
        let unit = unit.strip_suffix('b').unwrap_or(unit);
        let unit = unit.strip_suffix('i').unwrap_or(unit);
        let mult: u64 = match unit {
            "" => 1,
            "k" => 1 << 10,
            "m" => 1 << 20,
            "g" => 1 << 30,
            "t" => 1 << 40,
            "p" => 1 << 50,
            _ => return Err(err()),
        };
        if num.is_empty() {
            return Err(err());
        }
        if let Ok(n) = num.parse::<u64>() {
            return n.checked_mul(mult).map(ByteSize).ok_or_else(err);
        }
        let f: f64 = num.parse().map_err(|_| err())?;
        let bytes = f * mult as f64;
        if !bytes.is_finite() || bytes >= u64::MAX as f64 {
            return Err(err());
        }
        Ok(ByteSize(bytes as u64))
    }
}

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ByteSize, D::Error> {
        let Text(t) = Text::deserialize(d)?;
        ByteSize::parse(&t).map_err(de::Error::custom)
    }
}

/// Printed as Docker Compose prints sizes: the number of bytes, as a string.
impl Serialize for ByteSize {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

/// A duration in Go's notation (`1m30s`, `500ms`, `1.5h`), which Compose files use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Duration(pub std::time::Duration);

impl Duration {
    pub fn parse(s: &str) -> Result<Duration, String> {
        let err = || format!("invalid duration {s:?}: expected e.g. 10s, 1m30s, 500ms");
        if s == "0" {
            return Ok(Duration(std::time::Duration::ZERO));
        }
        let mut rest = s;
        let mut total: u128 = 0;
        if rest.is_empty() {
            return Err(err());
        }
        while !rest.is_empty() {
            let end = rest
                .find(|c: char| !c.is_ascii_digit() && c != '.')
                .unwrap_or(rest.len());
            let (num, tail) = rest.split_at(end);
            let unit_end = tail
                .find(|c: char| c.is_ascii_digit() || c == '.')
                .unwrap_or(tail.len());
            let (unit, tail) = tail.split_at(unit_end);
            let nanos: u128 = match unit {
                "ns" => 1,
                "us" | "µs" | "μs" => 1_000,
                "ms" => 1_000_000,
                "s" => 1_000_000_000,
                "m" => 60_000_000_000,
                "h" => 3_600_000_000_000,
                _ => return Err(err()),
            };
            let (int, frac) = num.split_once('.').unwrap_or((num, ""));
            if int.is_empty() && frac.is_empty() {
                return Err(err());
            }
            let int: u128 = if int.is_empty() {
                0
            } else {
                int.parse().map_err(|_| err())?
            };
            let mut part = int.checked_mul(nanos).ok_or_else(err)?;
            let mut scale = nanos;
            for digit in frac.chars().take(18) {
                let d = digit.to_digit(10).ok_or_else(err)? as u128;
                scale /= 10;
                part += d * scale;
            }
            total = total.checked_add(part).ok_or_else(err)?;
            rest = tail;
        }
        let secs = u64::try_from(total / 1_000_000_000).map_err(|_| err())?;
        Ok(Duration(std::time::Duration::new(secs, (total % 1_000_000_000) as u32)))
    }
}

impl fmt::Display for Duration {
    /// Go's `time.Duration.String()`: `1h2m3.5s`, `1.5ms`, `0s`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let nanos = self.0.as_nanos();
        if nanos == 0 {
            return f.write_str("0s");
        }
        let frac = |value: u128, unit: u128| -> String {
            let whole = value / unit;
            let rest = value % unit;
            if rest == 0 {
                return whole.to_string();
            }
            let width = unit.to_string().len() - 1;
            let digits = format!("{rest:0width$}");
            format!("{whole}.{}", digits.trim_end_matches('0'))
        };
        if nanos < 1_000 {
            return write!(f, "{nanos}ns");
        }
        if nanos < 1_000_000 {
            return write!(f, "{}µs", frac(nanos, 1_000));
        }
        if nanos < 1_000_000_000 {
            return write!(f, "{}ms", frac(nanos, 1_000_000));
        }
        let hours = nanos / 3_600_000_000_000;
        let minutes = (nanos / 60_000_000_000) % 60;
        let seconds = nanos % 60_000_000_000;
        if hours > 0 {
            write!(f, "{hours}h{minutes}m")?;
        } else if minutes > 0 {
            write!(f, "{minutes}m")?;
        }
        write!(f, "{}s", frac(seconds, 1_000_000_000))
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let Text(t) = Text::deserialize(d)?;
        Duration::parse(&t).map_err(de::Error::custom)
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
