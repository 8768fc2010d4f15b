//! Kubernetes resource quantities (`500m`, `1.5`, `128Mi`, `1G`, `1e3`), parsed exactly: the value
//! is kept as digits × 10^exponent × 1024^power, so converting to CPU millis or nanos and to bytes
//! rounds once, up, as Kubernetes does (`MilliValue`, `Value`), and never through a float.

use std::fmt;

/// The most significant digits a quantity may have (what fits a u128 exactly).
const MAX_DIGITS: usize = 38;
/// Bound on the decimal exponent, far past any resource a machine has.
const MAX_EXPONENT: i32 = 1000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("invalid quantity {text:?}: {reason}")]
    Invalid { text: String, reason: &'static str },
    #[error("quantity {text:?} is too large")]
    TooLarge { text: String },
    #[error("quantity {text:?} must not be negative")]
    Negative { text: String },
}

/// A parsed quantity: `digits` × 10^`exp10` × 1024^`pow1024`, negative when `negative`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    pub negative: bool,
    pub digits: u128,
    pub exp10: i32,
    pub pow1024: u32,
}

impl Quantity {
    pub fn parse(text: &str) -> Result<Quantity, Error> {
        let invalid = |reason| Error::Invalid {
            text: text.to_string(),
            reason,
        };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(invalid("empty"));
        }
        let (negative, rest) = match trimmed.as_bytes()[0] {
            b'-' => (true, &trimmed[1..]),
            b'+' => (false, &trimmed[1..]),
            _ => (false, trimmed),
        };
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, suffix) = rest.split_at(number_end);
        let (int, frac) = match number.split_once('.') {
            Some((i, f)) => (i, f),
            None => (number, ""),
        };
        if int.is_empty() && frac.is_empty() {
            return Err(invalid("no digits"));
        }
        if frac.contains('.') {
            return Err(invalid("more than one decimal point"));
        }
        let all_digits = format!("{int}{frac}");
        let significant = all_digits.trim_start_matches('0');
        if significant.len() > MAX_DIGITS {
            return Err(invalid("too many digits"));
        }
        let digits: u128 = if significant.is_empty() {
            0
        } else {
            significant.parse().map_err(|_| invalid("not a number"))?
        };
        let frac_len = i32::try_from(frac.len()).map_err(|_| invalid("too many digits"))?;
        let (exp10, pow1024) = match suffix {
            "" => (0, 0),
            "n" => (-9, 0),
            "u" => (-6, 0),
            "m" => (-3, 0),
            "k" => (3, 0),
            "M" => (6, 0),
            "G" => (9, 0),
            "T" => (12, 0),
            "P" => (15, 0),
            "E" => (18, 0),
            "Ki" => (0, 1),
            "Mi" => (0, 2),
            "Gi" => (0, 3),
            "Ti" => (0, 4),
            "Pi" => (0, 5),
            "Ei" => (0, 6),
            s if s.starts_with(['e', 'E']) => {
                let e = &s[1..];
                let body = e.strip_prefix(['-', '+']).unwrap_or(e);
                if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit()) {
                    return Err(invalid("malformed exponent"));
                }
                let value: i32 = e.parse().map_err(|_| invalid("exponent out of range"))?;
                if value.abs() > MAX_EXPONENT {
                    return Err(invalid("exponent out of range"));
                }
                (value, 0)
            }
            _ => {
                return Err(invalid(
                    "unknown suffix (use m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or eN)",
                ));
            }
        };
        Ok(Quantity {
            negative: negative && digits != 0,
            digits,
            exp10: exp10 - frac_len,
            pow1024,
        })
    }

    /// The value × 10^`shift`, rounded up to an integer (for non-negative quantities).
    fn scaled_ceil(&self, shift: i32, text: &str) -> Result<u64, Error> {
        if self.negative {
            return Err(Error::Negative { text: text.to_string() });
        }
        let too_large = || Error::TooLarge { text: text.to_string() };
        if self.digits == 0 {
            return Ok(0);
        }
        let mut numerator = self.digits;
        for _ in 0..self.pow1024 {
            numerator = numerator.checked_mul(1024).ok_or_else(too_large)?;
        }
        let exponent = self.exp10 + shift;
        let value = if exponent >= 0 {
            let mut n = numerator;
            for _ in 0..exponent {
                n = n.checked_mul(10).ok_or_else(too_large)?;
            }
            n
        } else {
            match 10u128.checked_pow(exponent.unsigned_abs()) {
                Some(denominator) => numerator.div_ceil(denominator),
                // Smaller than one unit but not zero: rounds up to one.
                None => 1,
            }
        };
        u64::try_from(value).map_err(|_| too_large())
    }

    /// The value rounded up to a whole number (bytes for memory and storage).
    pub fn to_units(&self, text: &str) -> Result<u64, Error> {
        self.scaled_ceil(0, text)
    }

    /// Thousandths, rounded up (CPU millis).
    pub fn to_millis(&self, text: &str) -> Result<u64, Error> {
        self.scaled_ceil(3, text)
    }

    /// Billionths, rounded up (CPU nanos, as `--cpus` takes them).
    pub fn to_nanos(&self, text: &str) -> Result<u64, Error> {
        self.scaled_ceil(9, text)
    }
}

/// CPU millis in Kubernetes' usual spelling: whole CPUs as a plain number, else millis.
pub fn format_cpu_millis(millis: u64) -> String {
    if millis.is_multiple_of(1000) {
        (millis / 1000).to_string()
    } else {
        format!("{millis}m")
    }
}

/// Bytes with the largest binary suffix that divides them exactly, else a decimal suffix that
/// does, else the plain number.
pub fn format_bytes(bytes: u64) -> String {
    if bytes == 0 {
        return "0".to_string();
    }
    const BINARY: [&str; 6] = ["Ei", "Pi", "Ti", "Gi", "Mi", "Ki"];
    for (i, suffix) in BINARY.iter().enumerate() {
        let unit = 1u64 << (10 * (6 - i));
        if bytes.is_multiple_of(unit) {
            return format!("{}{suffix}", bytes / unit);
        }
    }
    const DECIMAL: [(&str, u64); 6] = [
        ("E", 1_000_000_000_000_000_000),
        ("P", 1_000_000_000_000_000),
        ("T", 1_000_000_000_000),
        ("G", 1_000_000_000),
        ("M", 1_000_000),
        ("k", 1_000),
    ];
    for (suffix, unit) in DECIMAL {
        if bytes.is_multiple_of(unit) {
            return format!("{}{suffix}", bytes / unit);
        }
    }
    bytes.to_string()
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.negative { "-" } else { "" };
        let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][self.pow1024.min(6) as usize];
        if self.exp10 == 0 {
            write!(f, "{sign}{}{suffix}", self.digits)
        } else {
            write!(f, "{sign}{}e{}{suffix}", self.digits, self.exp10)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn millis(s: &str) -> u64 {
        Quantity::parse(s).unwrap().to_millis(s).unwrap()
    }

    fn bytes(s: &str) -> u64 {
        Quantity::parse(s).unwrap().to_units(s).unwrap()
    }

    #[test]
    fn cpu() {
        assert_eq!(millis("500m"), 500);
        assert_eq!(millis("1.5"), 1500);
        assert_eq!(millis("2"), 2000);
        assert_eq!(millis("0.1"), 100);
        assert_eq!(millis(".5"), 500);
        assert_eq!(millis("5."), 5000);
        assert_eq!(millis("1e3"), 1_000_000);
        assert_eq!(millis("1E-3"), 1);
        assert_eq!(millis("250000u"), 250);
        assert_eq!(
            millis("100n"),
            1,
            "a sub-milli value rounds up, as Kubernetes' MilliValue"
        );
        assert_eq!(millis("0.0001"), 1);
        assert_eq!(millis("0"), 0);
        assert_eq!(millis("+1"), 1000);
        let q = Quantity::parse("1.000000001").unwrap();
        assert_eq!(q.to_nanos("1.000000001").unwrap(), 1_000_000_001);
        assert_eq!(q.to_millis("").unwrap(), 1001);
        assert_eq!(Quantity::parse("250m").unwrap().to_nanos("").unwrap(), 250_000_000);
    }

    #[test]
    fn memory() {
        assert_eq!(bytes("128Mi"), 128 << 20);
        assert_eq!(bytes("1G"), 1_000_000_000);
        assert_eq!(bytes("1Gi"), 1 << 30);
        assert_eq!(bytes("1.5Gi"), 3 << 29);
        assert_eq!(bytes("1e3"), 1000);
        assert_eq!(bytes("129e6"), 129_000_000);
        assert_eq!(bytes("64k"), 64_000);
        assert_eq!(bytes("1Ki"), 1024);
        assert_eq!(bytes("0.5Ki"), 512);
        assert_eq!(bytes("1.1"), 2, "rounds up to a whole byte");
        assert_eq!(bytes("100m"), 1);
        assert_eq!(bytes("8Ei"), 1 << 63);
        assert_eq!(bytes("00012"), 12);
    }

    #[test]
    fn invalid() {
        for bad in [
            "",
            " ",
            "abc",
            "1x",
            "1KB",
            "1kb",
            "1mi",
            "1..5",
            "1.2.3",
            "e3",
            "1e",
            "1e+",
            "1e1.5",
            "--1",
            "1 Mi",
            "Mi",
            ".",
            "1e99999999999",
            "0x10",
            "1Gi1",
        ] {
            assert!(Quantity::parse(bad).is_err(), "{bad:?} parsed");
        }
        let long = "9".repeat(39);
        assert!(Quantity::parse(&long).is_err());
        assert!(matches!(
            Quantity::parse(&"1".repeat(100_000)),
            Err(Error::Invalid { .. })
        ));
    }

    #[test]
    fn overflow_and_sign() {
        let q = Quantity::parse("16Ei").unwrap();
        assert!(matches!(q.to_units("16Ei"), Err(Error::TooLarge { .. })));
        let q = Quantity::parse("1e1000").unwrap();
        assert!(matches!(q.to_units("1e1000"), Err(Error::TooLarge { .. })));
        assert_eq!(Quantity::parse("1e-1000").unwrap().to_units("").unwrap(), 1);
        let q = Quantity::parse("-1").unwrap();
        assert!(matches!(q.to_millis("-1"), Err(Error::Negative { .. })));
        assert_eq!(Quantity::parse("-0").unwrap().to_millis("-0").unwrap(), 0);
        let big = "9".repeat(38);
        let q = Quantity::parse(&format!("{big}Ei")).unwrap();
        assert!(matches!(q.to_units(""), Err(Error::TooLarge { .. })));
    }

    #[test]
    fn formatting() {
        assert_eq!(format_cpu_millis(500), "500m");
        assert_eq!(format_cpu_millis(2000), "2");
        assert_eq!(format_cpu_millis(1500), "1500m");
        assert_eq!(format_bytes(128 << 20), "128Mi");
        assert_eq!(format_bytes(1536 << 20), "1536Mi");
        assert_eq!(format_bytes(1_000_000_000), "1G");
        assert_eq!(format_bytes(1000), "1k");
        assert_eq!(format_bytes(1001), "1001");
        assert_eq!(format_bytes(0), "0");
        for b in [1u64, 1023, 1024, 4096, 1 << 40, 12345678, 999_999_000, u64::MAX] {
            let text = format_bytes(b);
            assert_eq!(bytes(&text), b, "{text}");
        }
        for m in [1u64, 999, 1000, 1001, 64000] {
            assert_eq!(millis(&format_cpu_millis(m)), m);
        }
    }
}
