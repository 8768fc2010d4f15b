//! The Compose Specification's short syntaxes and value formats: parsed into the long forms of
//! `model` (ports, volumes, secrets, devices, lists-or-mappings, durations, byte sizes, shell
//! commands). The string parsers are plain functions so that merging can find an entry's key
//! before the file is typed.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::model::{
    BindOptions, Build, Dependency, Device, EnvFile, FileReference, MountKind, Port, Restart, ServiceNetwork,
    ServiceVolume, Ulimit, VolumeOptions,
};

/// `x-` keys of a mapping, kept as written (any other unknown key is an error).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extensions(pub BTreeMap<String, serde_json::Value>);

impl Extensions {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de> Deserialize<'de> for Extensions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Extensions, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Extensions;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Extensions, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    if !key.starts_with("x-") {
                        return Err(de::Error::unknown_field(&key, &[]));
                    }
                    out.insert(key, map.next_value()?);
                }
                Ok(Extensions(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// Any scalar as its text (`1.10` stays `1.10`); sequences and mappings are refused.
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_str(V)
    }
}

/// A scalar (as text) or a mapping read as `T`.
enum Short<T> {
    Text(String),
    Long(T),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Short<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Short<T>, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Short<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a mapping")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Short<T>, E> {
                Ok(Short::Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Short<T>, E> {
                Ok(Short::Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Short<T>, E> {
                Ok(Short::Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Short<T>, E> {
                Ok(Short::Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Short<T>, E> {
                Ok(Short::Text(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Short<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Short::Long)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A scalar or a sequence of scalars, as a list.
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<OneOrMany, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<OneOrMany, E> {
                Ok(OneOrMany::Many(Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut out = Vec::new();
                while let Some(Text(t)) = seq.next_element()? {
                    out.push(t);
                }
                Ok(OneOrMany::Many(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// A list or a mapping (`[A=1, B]` or `{A: 1, B: null}`), as entries.
fn entries<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, Option<String>)>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<(String, Option<String>)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a mapping or a list of KEY=VALUE strings")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                let value: Option<Text> = map.next_value()?;
                out.push((key, value.map(|t| t.0)));
            }
            Ok(out)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(Text(item)) = seq.next_element()? {
                match item.split_once('=') {
                    Some((k, v)) => out.push((k.to_string(), Some(v.to_string()))),
                    None => out.push((item, None)),
                }
            }
            Ok(out)
        }
    }
    d.deserialize_any(V)
}

pub fn key_values_opt<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Option<String>>, D::Error> {
    Ok(entries(d)?.into_iter().collect())
}

pub fn key_values<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    Ok(entries(d)?
        .into_iter()
        .map(|(k, v)| (k, v.unwrap_or_default()))
        .collect())
}

pub fn string_or_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(OneOrMany::deserialize(d)?.into_vec())
}

/// A command: a list, or a string split as a POSIX shell splits words (no expansions).
pub fn command<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    match Option::<OneOrMany>::deserialize(d)? {
        None => Ok(None),
        Some(OneOrMany::Many(v)) => Ok(Some(v)),
        Some(OneOrMany::One(s)) => split_words(&s).map(Some).map_err(de::Error::custom),
    }
}

pub fn healthcheck_test<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => None,
        Some(OneOrMany::Many(v)) => Some(v),
        Some(OneOrMany::One(s)) => Some(vec!["CMD-SHELL".to_string(), s]),
    })
}

/// Splits a command line into words: whitespace separates, quotes group, backslash escapes.
pub fn split_words(s: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err(format!("unterminated single quote in {s:?}")),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some('\n') => {}
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err(format!("unterminated double quote in {s:?}")),
                        },
                        Some(c) => word.push(c),
                        None => return Err(format!("unterminated double quote in {s:?}")),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some('\n') => {}
                    Some(c) => word.push(c),
                    None => word.push('\\'),
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

pub fn build<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Build>, D::Error> {
    Ok(match Option::<Short<Build>>::deserialize(d)? {
        None => None,
        Some(Short::Text(context)) => Some(Build {
            context: Some(context),
            ..Build::default()
        }),
        Some(Short::Long(b)) => Some(b),
    })
}

/// `depends_on`: a list of service names or a mapping to conditions.
pub fn depends_on<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Dependency>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = BTreeMap<String, Dependency>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of services or a mapping")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(BTreeMap::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(Text(name)) = seq.next_element()? {
                out.insert(name, Dependency::default());
            }
            Ok(out)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(name) = map.next_key::<String>()? {
                let dep: Option<Dependency> = map.next_value()?;
                out.insert(name, dep.unwrap_or_default());
            }
            Ok(out)
        }
    }
    d.deserialize_any(V)
}

/// A service's `networks`: a list of keys or a mapping to per-network settings.
pub fn service_networks<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Option<ServiceNetwork>>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = BTreeMap<String, Option<ServiceNetwork>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of networks or a mapping")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(BTreeMap::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(Text(name)) = seq.next_element()? {
                out.insert(name, None);
            }
            Ok(out)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(name) = map.next_key::<String>()? {
                out.insert(name, map.next_value()?);
            }
            Ok(out)
        }
    }
    d.deserialize_any(V)
}

/// Entries with a short string syntax (which may stand for several entries, as port ranges do).
trait ShortSyntax: Sized {
    fn parse_short(s: &str) -> Result<Vec<Self>, String>;
}

impl ShortSyntax for Port {
    fn parse_short(s: &str) -> Result<Vec<Port>, String> {
        parse_port(s)
    }
}

impl ShortSyntax for ServiceVolume {
    fn parse_short(s: &str) -> Result<Vec<ServiceVolume>, String> {
        parse_volume(s).map(|v| vec![v])
    }
}

impl ShortSyntax for FileReference {
    fn parse_short(s: &str) -> Result<Vec<FileReference>, String> {
        Ok(vec![FileReference {
            source: s.to_string(),
            ..FileReference::default()
        }])
    }
}

impl ShortSyntax for Device {
    fn parse_short(s: &str) -> Result<Vec<Device>, String> {
        parse_device(s).map(|d| vec![d])
    }
}

/// One list item in either syntax, parsed where it is read (so errors point at the item).
struct Item<T>(Vec<T>);

impl<'de, T: ShortSyntax + Deserialize<'de>> Deserialize<'de> for Item<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Item<T>, D::Error> {
        match Short::<T>::deserialize(d)? {
            Short::Text(s) => T::parse_short(&s).map(Item).map_err(de::Error::custom),
            Short::Long(t) => Ok(Item(vec![t])),
        }
    }
}

fn short_list<'de, D: Deserializer<'de>, T: ShortSyntax + Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    let items: Option<Vec<Item<T>>> = Option::deserialize(d)?;
    Ok(items.unwrap_or_default().into_iter().flat_map(|i| i.0).collect())
}

pub fn ports<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Port>, D::Error> {
    short_list(d)
}

pub fn service_volumes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ServiceVolume>, D::Error> {
    short_list(d)
}

pub fn file_references<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<FileReference>, D::Error> {
    short_list(d)
}

pub fn devices<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Device>, D::Error> {
    short_list(d)
}

pub fn env_files<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<EnvFile>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<EnvFile>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a path or a list of paths")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![EnvFile {
                path: v.to_string(),
                required: true,
            }])
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element::<Short<EnvFile>>()? {
                out.push(match item {
                    Short::Text(path) => EnvFile { path, required: true },
                    Short::Long(e) => e,
                });
            }
            Ok(out)
        }
    }
    d.deserialize_any(V)
}

pub fn expose<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let items: Option<Vec<Text>> = Option::deserialize(d)?;
    items
        .unwrap_or_default()
        .into_iter()
        .map(|Text(t)| {
            let (ports, proto) = t.split_once('/').unwrap_or((&t, "tcp"));
            parse_range(ports).map_err(de::Error::custom)?;
            if !matches!(proto, "tcp" | "udp" | "sctp") {
                return Err(de::Error::custom(format!("invalid protocol {proto:?} in {t:?}")));
            }
            Ok(t)
        })
        .collect()
}

/// `published`: a port, a range, or empty.
pub fn published<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let Some(Text(t)) = Option::<Text>::deserialize(d)? else {
        return Ok(None);
    };
    if t.is_empty() {
        return Ok(None);
    }
    parse_range(&t).map_err(de::Error::custom)?;
    Ok(Some(t))
}

pub fn extra_hosts<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Vec<String>>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = BTreeMap<String, Vec<String>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of HOST=IP entries or a mapping")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(BTreeMap::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
            while let Some(Text(item)) = seq.next_element()? {
                // `host=ip`, or the older `host:ip` (the address may itself contain colons).
                let (host, ip) = item
                    .split_once('=')
                    .or_else(|| item.split_once(':'))
                    .ok_or_else(|| de::Error::custom(format!("invalid extra host {item:?}: expected HOST=IP")))?;
                let ip = ip.trim_start_matches('[').trim_end_matches(']');
                out.entry(host.to_string()).or_default().push(ip.to_string());
            }
            Ok(out)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(host) = map.next_key::<String>()? {
                let ips = map.next_value::<OneOrMany>()?.into_vec();
                out.insert(host, ips);
            }
            Ok(out)
        }
    }
    d.deserialize_any(V)
}

/// As Docker Compose prints them: `host=ip`, sorted.
pub fn serialize_extra_hosts<S: Serializer>(hosts: &BTreeMap<String, Vec<String>>, s: S) -> Result<S::Ok, S::Error> {
    let mut list: Vec<String> = hosts
        .iter()
        .flat_map(|(h, ips)| ips.iter().map(move |ip| format!("{h}={ip}")))
        .collect();
    list.sort();
    list.serialize(s)
}

/// File modes are octal when written with a leading zero (`0440`), as Compose reads them.
pub fn file_mode<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    let Some(Text(t)) = Option::<Text>::deserialize(d)? else {
        return Ok(None);
    };
    let parsed = if let Some(o) = t.strip_prefix("0o") {
        u32::from_str_radix(o, 8)
    } else if t.len() > 1 && t.starts_with('0') {
        u32::from_str_radix(&t[1..], 8)
    } else {
        t.parse()
    };
    match parsed {
        Ok(m) if m <= 0o7777 => Ok(Some(m)),
        _ => Err(de::Error::custom(format!("invalid file mode {t:?}"))),
    }
}

pub fn cpus<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    let Some(Text(t)) = Option::<Text>::deserialize(d)? else {
        return Ok(None);
    };
    match t.parse::<f64>() {
        Ok(c) if c.is_finite() && c >= 0.0 => Ok(Some(c)),
        _ => Err(de::Error::custom(format!("invalid number of CPUs {t:?}"))),
    }
}

impl<'de> Deserialize<'de> for Ulimit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Ulimit, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Range {
            soft: i64,
            hard: i64,
        }
        match Short::<Range>::deserialize(d)? {
            Short::Text(t) => t
                .parse()
                .map(Ulimit::Single)
                .map_err(|_| de::Error::custom(format!("invalid ulimit {t:?}: expected a number or soft/hard"))),
            Short::Long(r) if r.soft > r.hard => Err(de::Error::custom(format!(
                "ulimit soft limit {} is above its hard limit {}",
                r.soft, r.hard
            ))),
            Short::Long(r) => Ok(Ulimit::Range {
                soft: r.soft,
                hard: r.hard,
            }),
        }
    }
}

impl<'de> Deserialize<'de> for Restart {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Restart, D::Error> {
        let Text(t) = Text::deserialize(d)?;
        Ok(match t.as_str() {
            "no" | "false" => Restart::No,
            "always" => Restart::Always,
            "unless-stopped" => Restart::UnlessStopped,
            "on-failure" => Restart::OnFailure(None),
            other => match other.strip_prefix("on-failure:").map(str::parse) {
                Some(Ok(n)) => Restart::OnFailure(Some(n)),
                _ => {
                    return Err(de::Error::custom(format!(
                        "invalid restart policy {t:?}: expected no, always, on-failure[:N] or unless-stopped"
                    )));
                }
            },
        })
    }
}

impl Serialize for Restart {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Restart::No => s.serialize_str("no"),
            Restart::Always => s.serialize_str("always"),
            Restart::UnlessStopped => s.serialize_str("unless-stopped"),
            Restart::OnFailure(None) => s.serialize_str("on-failure"),
            Restart::OnFailure(Some(n)) => s.serialize_str(&format!("on-failure:{n}")),
        }
    }
}

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

/// `N` or `N-M` (ports): the first and last port.
pub fn parse_range(s: &str) -> Result<(u16, u16), String> {
    let port = |p: &str| {
        p.parse::<u16>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("invalid port {p:?} in {s:?}"))
    };
    match s.split_once('-') {
        None => port(s).map(|p| (p, p)),
        Some((a, b)) => {
            let (a, b) = (port(a)?, port(b)?);
            if a > b {
                return Err(format!("invalid port range {s:?}"));
            }
            Ok((a, b))
        }
    }
}

/// `[[IP:]HOST:]CONTAINER[/PROTOCOL]`, with ranges: one `Port` per container port.
pub fn parse_port(s: &str) -> Result<Vec<Port>, String> {
    let (spec, protocol) = s.rsplit_once('/').unwrap_or((s, "tcp"));
    if !matches!(protocol, "tcp" | "udp" | "sctp") {
        return Err(format!("invalid protocol {protocol:?} in port {s:?}"));
    }
    let (rest, container) = match spec.rsplit_once(':') {
        Some((rest, c)) => (Some(rest), c),
        None => (None, spec),
    };
    let (host_ip, host) = match rest {
        None => (None, None),
        Some(rest) => match rest.rsplit_once(':') {
            // `::1:6000:6000`: everything before the last two fields is the address.
            Some((ip, host)) => (Some(ip.trim_start_matches('[').trim_end_matches(']')), Some(host)),
            None if rest.starts_with('[') => return Err(format!("invalid port {s:?}")),
            None => (None, Some(rest)),
        },
    };
    if let Some(ip) = host_ip {
        if ip.parse::<std::net::IpAddr>().is_err() {
            return Err(format!("invalid host address {ip:?} in port {s:?}"));
        }
    }
    let (c_first, c_last) = parse_range(container)?;
    let host = host.filter(|h| !h.is_empty());
    let host_range = host.map(parse_range).transpose()?;
    let count = c_last - c_first;
    let mut out = Vec::new();
    for i in 0..=count {
        let published = match host_range {
            None => None,
            // Equal ranges pair up; a host range for one container port lets the engine pick in it.
            Some((h_first, h_last)) if h_last - h_first == count => Some((h_first + i).to_string()),
            Some(_) if count == 0 => host.map(str::to_string),
            Some(_) => return Err(format!("invalid port {s:?}: host and container ranges differ in size")),
        };
        out.push(Port {
            mode: "ingress".to_string(),
            host_ip: host_ip.map(str::to_string),
            target: c_first + i,
            published,
            protocol: protocol.to_string(),
            name: None,
            app_protocol: None,
        });
    }
    Ok(out)
}

/// Whether a short volume source is a host path rather than a volume name.
fn is_path(source: &str) -> bool {
    source.starts_with(['/', '.', '~'])
}

/// `[SOURCE:]TARGET[:MODE,…]` as a mount.
pub fn parse_volume(s: &str) -> Result<ServiceVolume, String> {
    let parts: Vec<&str> = s.split(':').collect();
    let (source, target, mode) = match parts.as_slice() {
        [t] => (None, *t, None),
        [a, b] if b.starts_with('/') => (Some(*a), *b, None),
        // `/target:ro`: an anonymous volume with options.
        [t, m] => (None, *t, Some(*m)),
        [a, b, m] => (Some(*a), *b, Some(*m)),
        _ => return Err(format!("invalid volume {s:?}: expected [SOURCE:]TARGET[:MODE]")),
    };
    if target.is_empty() || !target.starts_with('/') {
        return Err(format!("invalid volume {s:?}: the target must be an absolute path"));
    }
    let source = source.filter(|s| !s.is_empty());
    let bind = source.is_some_and(is_path);
    let mut volume = ServiceVolume {
        kind: if bind { MountKind::Bind } else { MountKind::Volume },
        source: source.map(str::to_string),
        target: target.to_string(),
        ..ServiceVolume::default()
    };
    let mut bind_opts = BindOptions {
        create_host_path: true,
        ..BindOptions::default()
    };
    let mut volume_opts = VolumeOptions::default();
    for opt in mode.into_iter().flat_map(|m| m.split(',')).filter(|o| !o.is_empty()) {
        match opt {
            "ro" => volume.read_only = true,
            "rw" => volume.read_only = false,
            "z" | "Z" if bind => bind_opts.selinux = Some(opt.to_string()),
            "shared" | "rshared" | "slave" | "rslave" | "private" | "rprivate" if bind => {
                bind_opts.propagation = Some(opt.to_string())
            }
            "nocopy" if !bind => volume_opts.nocopy = true,
            _ => return Err(format!("invalid volume {s:?}: unknown option {opt:?}")),
        }
    }
    if bind {
        volume.bind = Some(bind_opts);
    } else {
        volume.volume = Some(volume_opts);
    }
    Ok(volume)
}

/// `HOST[:CONTAINER[:PERMISSIONS]]`.
pub fn parse_device(s: &str) -> Result<Device, String> {
    let parts: Vec<&str> = s.split(':').collect();
    let (source, target, permissions) = match parts.as_slice() {
        [h] => (*h, *h, "rwm"),
        [h, c] if c.chars().all(|p| "rwm".contains(p)) && !c.is_empty() => (*h, *h, *c),
        [h, c] => (*h, *c, "rwm"),
        [h, c, p] => (*h, *c, *p),
        _ => return Err(format!("invalid device {s:?}")),
    };
    if !source.starts_with('/') || !target.starts_with('/') {
        return Err(format!("invalid device {s:?}: paths must be absolute"));
    }
    if permissions.is_empty() || !permissions.chars().all(|p| "rwm".contains(p)) {
        return Err(format!("invalid device permissions {permissions:?} in {s:?}"));
    }
    Ok(Device {
        source: source.to_string(),
        target: target.to_string(),
        permissions: permissions.to_string(),
    })
}

#[cfg(test)]
mod tests;
