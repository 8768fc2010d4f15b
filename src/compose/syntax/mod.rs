//! The Compose Specification's short syntaxes and value formats: parsed into the long forms of
//! `model` (ports, volumes, secrets, devices, lists-or-mappings, durations, byte sizes, shell
//! commands). The string parsers are plain functions so that merging can find an entry's key
//! before the file is typed.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::model::{
    Build, Dependency, Device, EnvFile, FileReference, Port, Restart, ServiceNetwork, ServiceVolume, Ulimit,
};

mod short;
mod units;

pub use short::{parse_device, parse_port, parse_range, parse_volume, split_words};
pub use units::{ByteSize, Duration};

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
pub(super) struct Text(pub(super) String);

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

#[cfg(test)]
mod tests;
