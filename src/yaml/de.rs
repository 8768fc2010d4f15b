//! serde over a located tree: typed values from `Node`s, with the file, line and key path of the
//! offending node in every error.
//!
//! Plain scalars take the type the target asks for (`8080` is a number for a port and a string
//! for an environment value); `deserialize_any` types them by YAML 1.2's core schema. A null
//! collection is an empty one, as Compose reads `volumes:` with nothing under it. Unknown struct
//! fields report the key's own line, with a suggestion when a known key is close.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};

use super::{Key, Mark, Node, Value, is_null_text};

/// A typing error with where it happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub message: String,
    pub mark: Option<Mark>,
    /// Keys and indexes from the root of the conversion to the node, outermost first.
    pub path: Vec<Segment>,
    /// Set for unknown keys: the key (located once the mapping holding it is known).
    pub unknown_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

impl Error {
    pub fn new(message: impl Into<String>) -> Error {
        Error {
            message: message.into(),
            mark: None,
            path: Vec::new(),
            unknown_key: None,
        }
    }

    /// The dotted path to the node (`services.web.ports[0]`), empty at the root.
    pub fn path_text(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            match seg {
                Segment::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Segment::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    fn at(mut self, mark: &Mark) -> Error {
        if self.mark.is_none() {
            self.mark = Some(mark.clone());
        }
        self
    }

    fn within(mut self, seg: Segment) -> Error {
        self.path.insert(0, seg);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(mark) = &self.mark {
            write!(f, "{mark}: ")?;
        }
        let path = self.path_text();
        if !path.is_empty() {
            write!(f, "{path}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error::new(msg.to_string())
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Error {
        let mut message = format!("unknown key {field:?}");
        if let Some(close) = closest(field, expected) {
            message.push_str(&format!(" (did you mean {close:?}?)"));
        }
        Error {
            unknown_key: Some(field.to_string()),
            ..Error::new(message)
        }
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Error {
        Error::new(format!("expected {exp}, found {}", describe(&unexp)))
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Error {
        Error::new(format!("invalid value {}: expected {exp}", describe(&unexp)))
    }

    fn missing_field(field: &'static str) -> Error {
        Error::new(format!("missing key {field:?}"))
    }

    fn duplicate_field(field: &'static str) -> Error {
        Error::new(format!("key {field:?} given twice"))
    }
}

fn describe(unexp: &de::Unexpected<'_>) -> String {
    match unexp {
        de::Unexpected::Str(s) => format!("{s:?}"),
        de::Unexpected::Unit => "null".to_string(),
        de::Unexpected::Seq => "a sequence".to_string(),
        de::Unexpected::Map => "a mapping".to_string(),
        other => other.to_string(),
    }
}

/// The expected name nearest to `field` (at most two edits away), for typos.
pub fn closest<'a>(field: &str, expected: &[&'a str]) -> Option<&'a str> {
    expected
        .iter()
        .map(|e| (edit_distance(field, e), *e))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Converts a tree into `T`.
pub fn from_node<T: DeserializeOwned>(node: &Node) -> Result<T, Error> {
    T::deserialize(node)
}

/// How a plain scalar reads under YAML 1.2's core schema.
pub enum Plain {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str,
}

pub fn resolve_plain(text: &str) -> Plain {
    if is_null_text(text) {
        return Plain::Null;
    }
    match text {
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Plain::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Plain::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Plain::Float(f64::NAN),
        _ => {}
    }
    if let Some(n) = parse_int(text) {
        return n;
    }
    if is_float(text)
        && let Ok(f) = text.parse::<f64>()
    {
        return Plain::Float(f);
    }
    Plain::Str
}

fn parse_int(text: &str) -> Option<Plain> {
    let (neg, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = if let Some(h) = digits.strip_prefix("0x") {
        (16, h)
    } else if let Some(o) = digits.strip_prefix("0o") {
        (8, o)
    } else {
        (10, digits)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    if radix != 10 && (neg || text.starts_with('+')) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if neg {
        let n = 0i64.checked_sub_unsigned(magnitude)?;
        Some(Plain::Int(n))
    } else {
        Some(Plain::UInt(magnitude))
    }
}

fn is_float(text: &str) -> bool {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let mut parts = mantissa.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = match frac {
        Some(f) => digits(int) && digits(f) && !(int.is_empty() && f.is_empty()),
        None => !int.is_empty() && digits(int),
    };
    let exponent_ok = match exponent {
        Some(e) => {
            let e = e.strip_prefix(['-', '+']).unwrap_or(e);
            !e.is_empty() && digits(e)
        }
        None => true,
    };
    mantissa_ok && exponent_ok
}

/// The boolean spellings accepted where a boolean is expected (YAML 1.2's, plus 1.1's
/// yes/no/on/off that older Compose files use, as Docker Compose's reader accepts them).
pub fn parse_bool(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" => Some(true),
        "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

fn unexpected(node: &Node) -> de::Unexpected<'_> {
    match &node.value {
        Value::Scalar { .. } if node.is_null() => de::Unexpected::Unit,
        Value::Scalar { text, .. } => de::Unexpected::Str(text),
        Value::Seq(_) => de::Unexpected::Seq,
        Value::Map(_) => de::Unexpected::Map,
    }
}

macro_rules! deserialize_number {
    ($method:ident, $visit:ident, $ty:ty, $what:literal) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let result = match &self.value {
                Value::Scalar { text, .. } if !self.is_null() => match text.trim().parse::<$ty>() {
                    Ok(n) => visitor.$visit(n),
                    Err(_) => Err(Error::new(format!("expected {}, found {:?}", $what, text))),
                },
                _ => Err(<Error as de::Error>::invalid_type(unexpected(self), &$what)),
            };
            result.map_err(|e: Error| e.at(&self.mark))
        }
    };
}

impl<'de> de::Deserializer<'de> for &'de Node {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.value {
            Value::Scalar { text, plain: true } => match resolve_plain(text) {
                Plain::Null => visitor.visit_unit(),
                Plain::Bool(b) => visitor.visit_bool(b),
                Plain::Int(n) => visitor.visit_i64(n),
                Plain::UInt(n) => visitor.visit_u64(n),
                Plain::Float(f) => visitor.visit_f64(f),
                Plain::Str => visitor.visit_str(text),
            },
            Value::Scalar { text, plain: false } => visitor.visit_str(text),
            Value::Seq(items) => visitor.visit_seq(SeqAccess { items, next: 0 }),
            Value::Map(entries) => visit_map(entries, visitor),
        };
        result.map_err(|e| self.locate(e))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.value {
            Value::Scalar { text, .. } if !self.is_null() => match parse_bool(text.trim()) {
                Some(b) => visitor.visit_bool(b),
                None => Err(Error::new(format!("expected a boolean, found {text:?}"))),
            },
            _ => Err(<Error as de::Error>::invalid_type(unexpected(self), &"a boolean")),
        };
        result.map_err(|e: Error| e.at(&self.mark))
    }

    deserialize_number!(deserialize_i8, visit_i8, i8, "an integer");
    deserialize_number!(deserialize_i16, visit_i16, i16, "an integer");
    deserialize_number!(deserialize_i32, visit_i32, i32, "an integer");
    deserialize_number!(deserialize_i64, visit_i64, i64, "an integer");
    deserialize_number!(deserialize_u8, visit_u8, u8, "an integer from 0 to 255");
    deserialize_number!(deserialize_u16, visit_u16, u16, "an integer from 0 to 65535");
    deserialize_number!(deserialize_u32, visit_u32, u32, "a non-negative integer");
    deserialize_number!(deserialize_u64, visit_u64, u64, "a non-negative integer");
    deserialize_number!(deserialize_f32, visit_f32, f32, "a number");
    deserialize_number!(deserialize_f64, visit_f64, f64, "a number");

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.value {
            Value::Scalar { text, .. } if !self.is_null() => visitor.visit_str(text),
            _ => Err(<Error as de::Error>::invalid_type(unexpected(self), &"a string")),
        };
        result.map_err(|e: Error| e.at(&self.mark))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            visitor.visit_unit()
        } else {
            Err(<Error as de::Error>::invalid_type(unexpected(self), &"null").at(&self.mark))
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.value {
            Value::Seq(items) => visitor.visit_seq(SeqAccess { items, next: 0 }),
            _ if self.is_null() => visitor.visit_seq(SeqAccess { items: &[], next: 0 }),
            _ => Err(de::Error::invalid_type(unexpected(self), &visitor)),
        };
        result.map_err(|e| self.locate(e))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.value {
            Value::Map(entries) => visit_map(entries, visitor),
            _ if self.is_null() => visit_map(&[], visitor),
            _ => Err(de::Error::invalid_type(unexpected(self), &visitor)),
        };
        result.map_err(|e| self.locate(e))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let result = match &self.value {
            Value::Scalar { text, .. } if !self.is_null() => {
                visitor.visit_enum(de::value::StrDeserializer::<Error>::new(text))
            }
            Value::Map(entries) if entries.len() == 1 => visitor.visit_enum(EnumAccess {
                key: &entries[0].0,
                value: &entries[0].1,
            }),
            _ => Err(de::Error::invalid_type(unexpected(self), &visitor)),
        };
        result.map_err(|e| self.locate(e))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

impl Node {
    /// Gives an error this node's location, or for an unknown key found by a flattened struct
    /// (which reports after reading the whole mapping) the key's own location.
    fn locate(&self, e: Error) -> Error {
        if e.mark.is_none()
            && let (Some(key), Value::Map(entries)) = (&e.unknown_key, &self.value)
            && let Some((k, _)) = entries.iter().find(|(k, _)| &k.text == key)
        {
            let mark = k.mark.clone();
            return e.at(&mark);
        }
        e.at(&self.mark)
    }
}

fn visit_map<'de, V: Visitor<'de>>(entries: &'de [(Key, Node)], visitor: V) -> Result<V::Value, Error> {
    visitor.visit_map(MapAccess {
        entries,
        next: 0,
        current: None,
    })
}

struct SeqAccess<'de> {
    items: &'de [Node],
    next: usize,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(item) = self.items.get(self.next) else {
            return Ok(None);
        };
        let index = self.next;
        self.next += 1;
        seed.deserialize(item)
            .map(Some)
            .map_err(|e| e.at(&item.mark).within(Segment::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.next)
    }
}

struct MapAccess<'de> {
    entries: &'de [(Key, Node)],
    next: usize,
    current: Option<&'de (Key, Node)>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.get(self.next) else {
            return Ok(None);
        };
        self.next += 1;
        self.current = Some(entry);
        seed.deserialize(KeyDeserializer(&entry.0))
            .map(Some)
            .map_err(|e| e.at(&entry.0.mark))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (key, value) = self.current.take().expect("serde asks for a key before its value");
        seed.deserialize(value)
            .map_err(|e| e.at(&value.mark).within(Segment::Key(key.text.clone())))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len() - self.next)
    }
}

/// A mapping key: always a string to the visitor (numbers in keys stay text).
struct KeyDeserializer<'de>(&'de Key);

impl<'de> de::Deserializer<'de> for KeyDeserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str(&self.0.text)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct EnumAccess<'de> {
    key: &'de Key,
    value: &'de Node,
}

impl<'de> de::EnumAccess<'de> for EnumAccess<'de> {
    type Error = Error;
    type Variant = &'de Node;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, &'de Node), Error> {
        let variant = seed
            .deserialize(self.key.text.as_str().into_deserializer())
            .map_err(|e: Error| e.at(&self.key.mark))?;
        Ok((variant, self.value))
    }
}

impl<'de> de::VariantAccess<'de> for &'de Node {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}
