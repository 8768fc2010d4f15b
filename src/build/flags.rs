//! Instruction flags (`--name=value`, `--bool`), `RUN --mount` specifications and Go durations.

use std::time::Duration;

use super::ast::{CacheSharing, Mount, MountKind};

/// The flags at the start of an instruction's arguments (`--name=value`, `--bool`), consumed
/// by name; any left over at the end is an unknown flag.
pub(super) struct Flags {
    pub(super) items: Vec<(String, Option<String>)>,
}

impl Flags {
    /// Splits the leading `--flag` words off `rest`. Quotes inside a flag word group and are removed
    /// (`--mount="type=bind,target=/a b"`); a bare `--` ends the flags.
    pub(super) fn extract(rest: &str) -> Result<(Flags, &str), String> {
        let mut items = Vec::new();
        let mut s = rest.trim_start();
        while let Some(body) = s.strip_prefix("--") {
            let mut word = String::new();
            let mut quote = None;
            let mut end = body.len();
            for (i, c) in body.char_indices() {
                match quote {
                    Some(q) if c == q => quote = None,
                    Some(_) => word.push(c),
                    None if c == '"' || c == '\'' => quote = Some(c),
                    None if c.is_whitespace() => {
                        end = i;
                        break;
                    }
                    None => word.push(c),
                }
            }
            if quote.is_some() {
                return Err(format!("unterminated quote in flag --{word}"));
            }
            s = body[end..].trim_start();
            if word.is_empty() {
                break;
            }
            match word.split_once('=') {
                Some((name, value)) => items.push((name.to_string(), Some(value.to_string()))),
                None => items.push((word, None)),
            }
        }
        Ok((Flags { items }, s))
    }

    pub(super) fn has(&self, name: &str) -> bool {
        self.items.iter().any(|(n, _)| n == name)
    }

    fn take(&mut self, name: &str) -> Vec<Option<String>> {
        let mut out = Vec::new();
        self.items.retain(|(n, v)| {
            if n == name {
                out.push(v.clone());
                false
            } else {
                true
            }
        });
        out
    }

    fn value(name: &str, v: Option<String>) -> Result<String, String> {
        match v {
            Some(v) if !v.is_empty() => Ok(v),
            _ => Err(format!("missing a value on flag --{name}")),
        }
    }

    pub(super) fn string(&mut self, name: &str) -> Result<Option<String>, String> {
        let mut vs = self.take(name);
        if vs.len() > 1 {
            return Err(format!("duplicate flag specified: --{name}"));
        }
        vs.pop().map(|v| Self::value(name, v)).transpose()
    }

    pub(super) fn all(&mut self, name: &str) -> Result<Vec<String>, String> {
        self.take(name).into_iter().map(|v| Self::value(name, v)).collect()
    }

    pub(super) fn bool(&mut self, name: &str) -> Result<bool, String> {
        let mut vs = self.take(name);
        if vs.len() > 1 {
            return Err(format!("duplicate flag specified: --{name}"));
        }
        match vs.pop() {
            None => Ok(false),
            Some(None) => Ok(true),
            Some(Some(v)) => match v.to_ascii_lowercase().as_str() {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err(format!("expecting boolean value for flag --{name}, not: {v}")),
            },
        }
    }

    pub(super) fn finish(self) -> Result<(), String> {
        match self.items.first() {
            Some((name, _)) => Err(format!("unknown flag: --{name}")),
            None => Ok(()),
        }
    }
}

/// A Go duration (`30s`, `1m30s`, `1.5h`, `250ms`, `0`); negative durations are refused.
pub(super) fn parse_duration(s: &str) -> Option<Duration> {
    if s == "0" {
        return Some(Duration::ZERO);
    }
    let s = s.strip_prefix('+').unwrap_or(s);
    if s.is_empty() {
        return None;
    }
    let mut rest = s;
    let mut total = 0f64;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(rest.len());
        let num = &rest[..num_len];
        if num.is_empty() || num == "." || num.matches('.').count() > 1 {
            return None;
        }
        let value: f64 = num.parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let nanos_per = match &rest[..unit_len] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total += value * nanos_per;
    }
    // Go's durations are int64 nanoseconds (about 292 years).
    if !total.is_finite() || total > i64::MAX as f64 {
        return None;
    }
    Some(Duration::from_nanos(total as u64))
}

/// `type=cache,target=/root/.cache,sharing=locked,...` (CSV; a field may be double-quoted).
pub(super) fn parse_mount(spec: &str) -> Result<Mount, String> {
    let fields = csv_fields(spec).ok_or_else(|| format!("invalid mount {spec:?}: unterminated quote"))?;
    let mut kind = MountKind::Bind;
    for f in &fields {
        if let Some(("type", t)) = f.split_once('=') {
            kind = match t {
                "bind" => MountKind::Bind,
                "cache" => MountKind::Cache,
                "secret" => MountKind::Secret,
                "ssh" => MountKind::Ssh,
                "tmpfs" => MountKind::Tmpfs,
                _ => return Err(format!("unsupported mount type {t:?}")),
            };
        }
    }
    let mut m = Mount {
        kind,
        target: None,
        source: None,
        from: None,
        readonly: kind == MountKind::Bind,
        id: None,
        sharing: CacheSharing::Shared,
        mode: None,
        uid: None,
        gid: None,
        required: false,
        size: None,
        env: None,
    };
    let bad = |f: &str, why: &str| format!("invalid mount field {f:?}: {why}");
    let flag = |f: &str, v: Option<&str>| -> Result<bool, String> {
        match v.map(str::to_ascii_lowercase).as_deref() {
            None | Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(_) => Err(bad(f, "expected true or false")),
        }
    };
    let number = |f: &str, v: Option<&str>, radix: u32| -> Result<u32, String> {
        v.and_then(|v| u32::from_str_radix(v, radix).ok())
            .ok_or_else(|| bad(f, "expected a number"))
    };
    for f in &fields {
        let (key, value) = match f.split_once('=') {
            Some((k, v)) => (k.to_ascii_lowercase(), Some(v)),
            None => (f.to_ascii_lowercase(), None),
        };
        let text = || -> Result<String, String> {
            match value {
                Some(v) if !v.is_empty() => Ok(v.to_string()),
                _ => Err(bad(f, "expected a value")),
            }
        };
        match key.as_str() {
            "type" => {}
            "target" | "dst" | "destination" => m.target = Some(text()?),
            "source" | "src" => m.source = Some(text()?),
            "from" => m.from = Some(text()?),
            "id" => m.id = Some(text()?),
            "env" => m.env = Some(text()?),
            "readonly" | "ro" => m.readonly = flag(f, value)?,
            "readwrite" | "rw" => m.readonly = !flag(f, value)?,
            "required" => m.required = flag(f, value)?,
            "sharing" => {
                m.sharing = match value {
                    Some("shared") => CacheSharing::Shared,
                    Some("private") => CacheSharing::Private,
                    Some("locked") => CacheSharing::Locked,
                    _ => return Err(bad(f, "expected shared, private or locked")),
                }
            }
            "mode" => m.mode = Some(number(f, value, 8)?),
            "uid" => m.uid = Some(number(f, value, 10)?),
            "gid" => m.gid = Some(number(f, value, 10)?),
            "size" => m.size = Some(value.and_then(parse_size).ok_or_else(|| bad(f, "expected a size"))?),
            _ => return Err(format!("unexpected key {key:?} in mount {spec:?}")),
        }
    }
    let allowed: &[&str] = match m.kind {
        MountKind::Bind => &["target", "source", "from", "readonly"],
        MountKind::Cache => &[
            "target", "source", "from", "readonly", "id", "sharing", "mode", "uid", "gid",
        ],
        MountKind::Secret => &["target", "id", "mode", "uid", "gid", "required", "env"],
        MountKind::Ssh => &["target", "id", "mode", "uid", "gid", "required"],
        MountKind::Tmpfs => &["target", "size"],
    };
    for (name, set) in [
        ("source", m.source.is_some()),
        ("from", m.from.is_some()),
        ("id", m.id.is_some()),
        ("sharing", m.sharing != CacheSharing::Shared),
        ("mode", m.mode.is_some()),
        ("uid", m.uid.is_some()),
        ("gid", m.gid.is_some()),
        ("required", m.required),
        ("size", m.size.is_some()),
        ("env", m.env.is_some()),
    ] {
        if set && !allowed.contains(&name) {
            return Err(format!("mount option {name:?} is not valid for a {:?} mount", m.kind).to_lowercase());
        }
    }
    match m.kind {
        MountKind::Bind | MountKind::Cache | MountKind::Tmpfs if m.target.is_none() => {
            Err(format!("mount {spec:?} requires a target"))
        }
        MountKind::Secret if m.id.is_none() && m.target.is_none() && m.env.is_none() => {
            Err(format!("secret mount {spec:?} requires an id, a target or env"))
        }
        _ => Ok(m),
    }
}

/// `64m`, `1g`, `4096`, `512k` (binary units, like Docker's RAM sizes).
fn parse_size(s: &str) -> Option<u64> {
    let lower = s.to_ascii_lowercase();
    let lower = lower.strip_suffix('b').unwrap_or(&lower);
    let (num, mult) = match lower.char_indices().last()? {
        (i, 'k') => (&lower[..i], 1u64 << 10),
        (i, 'm') => (&lower[..i], 1 << 20),
        (i, 'g') => (&lower[..i], 1 << 30),
        (i, 't') => (&lower[..i], 1 << 40),
        _ => (lower, 1),
    };
    num.parse::<u64>().ok()?.checked_mul(mult)
}

/// Comma-separated fields; double quotes group (and are removed). `None` on an open quote.
fn csv_fields(s: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    if quoted {
        return None;
    }
    out.push(cur);
    Some(out.into_iter().filter(|f| !f.is_empty()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("1h2m3.5s"), Some(Duration::from_millis(3_723_500)));
        assert_eq!(parse_duration("0"), Some(Duration::ZERO));
        assert_eq!(parse_duration("250us"), Some(Duration::from_micros(250)));
        for bad in ["", "s", "5", "1.2.3s", "5x", "-1s", "9999999999h", ".s", "1e3s"] {
            assert_eq!(parse_duration(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn mounts() {
        let m = parse_mount("type=bind,source=a,target=\"/x,y\",from=build").unwrap();
        assert_eq!(
            (m.target.as_deref(), m.from.as_deref(), m.readonly),
            (Some("/x,y"), Some("build"), true)
        );
        assert_eq!(parse_mount("type=tmpfs,dst=/t,size=64m").unwrap().size, Some(64 << 20));

        for bad in [
            "type=nfs,target=/x",
            "type=cache",
            "type=cache,target=/x,sharing=weird",
            "type=cache,target=/x,mode=9z",
            "type=bind,target=/x,bogus=1",
            "type=tmpfs,target=/x,id=a",
            "type=bind,target=/x,ro=maybe",
            "type=secret",
            "target=\"/x",
            "",
        ] {
            assert!(parse_mount(bad).is_err(), "{bad:?}");
        }
    }
}
