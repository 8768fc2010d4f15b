//! Typed Kubernetes objects, the subset `kube play` honours and `kube generate` writes: Pod,
//! Deployment, DaemonSet, Job, PersistentVolumeClaim, ConfigMap, Secret, Service. Field names
//! and shapes are Kubernetes' (core/v1, apps/v1, batch/v1); serializing one gives the JSON shape
//! the API server accepts.

pub mod pod;

use std::collections::BTreeMap;
use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

pub use pod::*;

use super::quantity::{self, Quantity};

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

/// A kind ferry reads or writes, with its apiVersion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Pod,
    Deployment,
    DaemonSet,
    Job,
    PersistentVolumeClaim,
    ConfigMap,
    Secret,
    Service,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Pod,
        Kind::Deployment,
        Kind::DaemonSet,
        Kind::Job,
        Kind::PersistentVolumeClaim,
        Kind::ConfigMap,
        Kind::Secret,
        Kind::Service,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Pod => "Pod",
            Kind::Deployment => "Deployment",
            Kind::DaemonSet => "DaemonSet",
            Kind::Job => "Job",
            Kind::PersistentVolumeClaim => "PersistentVolumeClaim",
            Kind::ConfigMap => "ConfigMap",
            Kind::Secret => "Secret",
            Kind::Service => "Service",
        }
    }

    pub fn api_version(self) -> &'static str {
        match self {
            Kind::Deployment | Kind::DaemonSet => "apps/v1",
            Kind::Job => "batch/v1",
            _ => "v1",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One object of a manifest.
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    Pod(Pod),
    Deployment(Deployment),
    DaemonSet(DaemonSet),
    Job(Job),
    PersistentVolumeClaim(PersistentVolumeClaim),
    ConfigMap(ConfigMap),
    Secret(Secret),
    Service(Service),
}

impl Object {
    pub fn kind(&self) -> Kind {
        match self {
            Object::Pod(_) => Kind::Pod,
            Object::Deployment(_) => Kind::Deployment,
            Object::DaemonSet(_) => Kind::DaemonSet,
            Object::Job(_) => Kind::Job,
            Object::PersistentVolumeClaim(_) => Kind::PersistentVolumeClaim,
            Object::ConfigMap(_) => Kind::ConfigMap,
            Object::Secret(_) => Kind::Secret,
            Object::Service(_) => Kind::Service,
        }
    }

    pub fn metadata(&self) -> &ObjectMeta {
        match self {
            Object::Pod(o) => &o.metadata,
            Object::Deployment(o) => &o.metadata,
            Object::DaemonSet(o) => &o.metadata,
            Object::Job(o) => &o.metadata,
            Object::PersistentVolumeClaim(o) => &o.metadata,
            Object::ConfigMap(o) => &o.metadata,
            Object::Secret(o) => &o.metadata,
            Object::Service(o) => &o.metadata,
        }
    }

    pub fn name(&self) -> &str {
        self.metadata().name.as_deref().unwrap_or("")
    }

    /// The object as the JSON the API server takes.
    pub fn to_json(&self) -> serde_json::Value {
        let value = match self {
            Object::Pod(o) => serde_json::to_value(o),
            Object::Deployment(o) => serde_json::to_value(o),
            Object::DaemonSet(o) => serde_json::to_value(o),
            Object::Job(o) => serde_json::to_value(o),
            Object::PersistentVolumeClaim(o) => serde_json::to_value(o),
            Object::ConfigMap(o) => serde_json::to_value(o),
            Object::Secret(o) => serde_json::to_value(o),
            Object::Service(o) => serde_json::to_value(o),
        };
        value.expect("kubernetes objects serialize to JSON")
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectMeta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}

impl ObjectMeta {
    pub fn named(name: impl Into<String>) -> ObjectMeta {
        ObjectMeta {
            name: Some(name.into()),
            ..ObjectMeta::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.labels.is_empty() && self.annotations.is_empty()
    }
}

macro_rules! object {
    ($(#[$doc:meta])* $name:ident { $($(#[$fattr:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct $name {
            pub api_version: String,
            pub kind: String,
            #[serde(default)]
            pub metadata: ObjectMeta,
            $($(#[$fattr])* pub $field: $ty,)*
        }

        impl $name {
            /// An object of this kind with its apiVersion and kind set.
            pub fn new(metadata: ObjectMeta, $($field: $ty),*) -> $name {
                $name {
                    api_version: Kind::$name.api_version().to_string(),
                    kind: Kind::$name.name().to_string(),
                    metadata,
                    $($field,)*
                }
            }
        }
    };
}

object!(Pod {
    #[serde(default)]
    spec: PodSpec,
});

object!(Deployment {
    #[serde(default)]
    spec: DeploymentSpec,
});

object!(DaemonSet {
    #[serde(default)]
    spec: DaemonSetSpec,
});

object!(Job {
    #[serde(default)]
    spec: JobSpec,
});

object!(PersistentVolumeClaim {
    #[serde(default)]
    spec: PersistentVolumeClaimSpec,
});

object!(Service {
    #[serde(default)]
    spec: ServiceSpec,
});

object!(ConfigMap {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    data: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    binary_data: BTreeMap<String, Base64Bytes>,
});

object!(
    /// `data` is base64 in the YAML; `stringData` is plain text and wins over `data` for the same
    /// key, as the API server merges them.
    Secret {
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        data: BTreeMap<String, Base64Bytes>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        string_data: BTreeMap<String, String>,
        #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
        type_: Option<String>,
    }
);

impl Secret {
    /// The secret's keys and bytes, `stringData` merged over `data`.
    pub fn values(&self) -> BTreeMap<String, Vec<u8>> {
        let mut out: BTreeMap<String, Vec<u8>> = self.data.iter().map(|(k, v)| (k.clone(), v.0.clone())).collect();
        for (k, v) in &self.string_data {
            out.insert(k.clone(), v.clone().into_bytes());
        }
        out
    }
}

impl ConfigMap {
    /// The map's keys and bytes (`data` and `binaryData` may not share a key).
    pub fn values(&self) -> BTreeMap<String, Vec<u8>> {
        let mut out: BTreeMap<String, Vec<u8>> =
            self.binary_data.iter().map(|(k, v)| (k.clone(), v.0.clone())).collect();
        for (k, v) in &self.data {
            out.insert(k.clone(), v.clone().into_bytes());
        }
        out
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeploymentSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    #[serde(default)]
    pub selector: LabelSelector,
    #[serde(default)]
    pub template: PodTemplateSpec,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DaemonSetSpec {
    #[serde(default)]
    pub selector: LabelSelector,
    #[serde(default)]
    pub template: PodTemplateSpec,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobSpec {
    #[serde(default)]
    pub template: PodTemplateSpec,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backoff_limit: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersistentVolumeClaimSpec {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access_modes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<ResourceRequirements>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_class_name: Option<String>,
    /// `Filesystem` (the default) or `Block`, which ferry refuses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_mode: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceSpec {
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<ServiceType>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub selector: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<ServicePort>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServiceType {
    ClusterIP,
    NodePort,
    LoadBalancer,
    ExternalName,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServicePort {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Protocol>,
    pub port: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_port: Option<IntOrString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_port: Option<i32>,
}

/// A resource quantity as written, with its exact value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuantityValue {
    pub text: String,
    pub value: Quantity,
}

impl QuantityValue {
    pub fn parse(text: &str) -> Result<QuantityValue, quantity::Error> {
        Ok(QuantityValue {
            value: Quantity::parse(text)?,
            text: text.to_string(),
        })
    }

    /// Bytes (memory, storage), rounded up.
    pub fn bytes(&self) -> Result<u64, quantity::Error> {
        self.value.to_units(&self.text)
    }

    /// CPU millis, rounded up.
    pub fn millis(&self) -> Result<u64, quantity::Error> {
        self.value.to_millis(&self.text)
    }

    /// CPU nanos, rounded up.
    pub fn nanos(&self) -> Result<u64, quantity::Error> {
        self.value.to_nanos(&self.text)
    }
}

impl Serialize for QuantityValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for QuantityValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<QuantityValue, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = QuantityValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a quantity (e.g. 500m, 1.5, 128Mi, 1G)")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<QuantityValue, E> {
                QuantityValue::parse(s).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<QuantityValue, E> {
                self.visit_str(&n.to_string())
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<QuantityValue, E> {
                self.visit_str(&n.to_string())
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<QuantityValue, E> {
                self.visit_str(&n.to_string())
            }
        }
        // A string request keeps the digits as written (`0.1` must not pass through a float).
        d.deserialize_str(V)
    }
}

/// A port given as a number or as the name of a container port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntOrString {
    Int(i32),
    String(String),
}

impl Serialize for IntOrString {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            IntOrString::Int(n) => s.serialize_i32(*n),
            IntOrString::String(text) => s.serialize_str(text),
        }
    }
}

impl<'de> Deserialize<'de> for IntOrString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<IntOrString, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = IntOrString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a port number or name")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<IntOrString, E> {
                Ok(IntOrString::String(s.to_string()))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<IntOrString, E> {
                i32::try_from(n)
                    .map(IntOrString::Int)
                    .map_err(|_| E::custom(format!("port {n} is out of range")))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<IntOrString, E> {
                i32::try_from(n)
                    .map(IntOrString::Int)
                    .map_err(|_| E::custom(format!("port {n} is out of range")))
            }
        }
        d.deserialize_any(V)
    }
}

/// Bytes written as base64 (Secret `data`, ConfigMap `binaryData`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base64Bytes(pub Vec<u8>);

impl Serialize for Base64Bytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&BASE64.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Base64Bytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Base64Bytes, D::Error> {
        let text = String::deserialize(d)?;
        // Line breaks are skipped, as the API server's base64 reader skips them; other
        // whitespace is an error there too.
        let compact: String = text.chars().filter(|c| *c != '\n' && *c != '\r').collect();
        BASE64
            .decode(compact.as_bytes())
            .map(Base64Bytes)
            .map_err(|e| de::Error::custom(format!("invalid base64: {e}")))
    }
}
