//! Signal names and numbers as users write them: `TERM`, `SIGTERM`, `sigterm`, `15`,
//! `RTMIN+3`.

/// Standard Linux signal names (x86 and arm numbering), without the `SIG` prefix.
const NAMES: &[(&str, i32)] = &[
    ("HUP", 1),
    ("INT", 2),
    ("QUIT", 3),
    ("ILL", 4),
    ("TRAP", 5),
    ("ABRT", 6),
    ("IOT", 6),
    ("BUS", 7),
    ("FPE", 8),
    ("KILL", 9),
    ("USR1", 10),
    ("SEGV", 11),
    ("USR2", 12),
    ("PIPE", 13),
    ("ALRM", 14),
    ("TERM", 15),
    ("STKFLT", 16),
    ("CHLD", 17),
    ("CLD", 17),
    ("CONT", 18),
    ("STOP", 19),
    ("TSTP", 20),
    ("TTIN", 21),
    ("TTOU", 22),
    ("URG", 23),
    ("XCPU", 24),
    ("XFSZ", 25),
    ("VTALRM", 26),
    ("PROF", 27),
    ("WINCH", 28),
    ("IO", 29),
    ("POLL", 29),
    ("PWR", 30),
    ("SYS", 31),
];

const RTMIN: i32 = 34;
const RTMAX: i32 = 64;

/// How a signal is named in messages: `SIGKILL`, `SIGRTMIN+3`, or its number.
pub fn signal_name(n: i32) -> String {
    if let Some((name, _)) = NAMES.iter().find(|(_, v)| *v == n) {
        return format!("SIG{name}");
    }
    if (RTMIN..=RTMAX).contains(&n) {
        return format!("SIGRTMIN+{}", n - RTMIN);
    }
    n.to_string()
}

/// Parses a signal name or number; `None` when it is not a valid signal.
pub fn parse_signal(s: &str) -> Option<i32> {
    if let Ok(n) = s.parse::<i32>() {
        return (1..=RTMAX).contains(&n).then_some(n);
    }
    let upper = s.to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    if let Some(&(_, n)) = NAMES.iter().find(|(n, _)| *n == name) {
        return Some(n);
    }
    let rt = |base: i32, rest: &str, sign: i32| -> Option<i32> {
        let off: i32 = if rest.is_empty() { 0 } else { rest.parse().ok()? };
        let n = base + sign * off;
        (RTMIN..=RTMAX).contains(&n).then_some(n)
    };
    if let Some(rest) = name.strip_prefix("RTMIN") {
        return match rest.strip_prefix('+') {
            Some(r) if !r.is_empty() => rt(RTMIN, r, 1),
            None if rest.is_empty() => Some(RTMIN),
            _ => None,
        };
    }
    if let Some(rest) = name.strip_prefix("RTMAX") {
        return match rest.strip_prefix('-') {
            Some(r) if !r.is_empty() => rt(RTMAX, r, -1),
            None if rest.is_empty() => Some(RTMAX),
            _ => None,
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers() {
        assert_eq!(parse_signal("TERM"), Some(15));
        assert_eq!(parse_signal("sigusr1"), Some(10));
        assert_eq!(parse_signal("SIGKILL"), Some(9));
        assert_eq!(parse_signal("9"), Some(9));
        assert_eq!(parse_signal("RTMIN+3"), Some(37));
        assert_eq!(parse_signal("SIGRTMAX-1"), Some(63));
        assert_eq!(parse_signal("RTMIN"), Some(34));
        assert_eq!(signal_name(9), "SIGKILL");
        assert_eq!(signal_name(6), "SIGABRT");
        assert_eq!(signal_name(36), "SIGRTMIN+2");
        assert_eq!(signal_name(0), "0");
    }

    #[test]
    fn rejects_hostile_signals() {
        for bad in [
            "",
            "0",
            "-1",
            "65",
            "SIG",
            "TERMX",
            "RTMIN+",
            "RTMIN+40",
            "RTMAX-",
            "RTMAX+1",
            "RTMIN-1",
            "1e3",
            "९",
            "USR1 ",
            "SIGSIGTERM",
        ] {
            assert_eq!(parse_signal(bad), None, "{bad:?}");
        }
    }
}
