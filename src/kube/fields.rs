//! Fields of Kubernetes' schema that the typed model leaves out, and what reading one means.
//!
//! ferry decodes strictly, as `kubectl apply` does by default (server-side field validation): a
//! key Kubernetes does not know is an error. Keys Kubernetes knows fall into three groups:
//! the ones ferry honours (typed in `model`), the ones listed here, which are removed before
//! typing, and none other. Listed keys are either output-only (`status`, `metadata.uid`…,
//! dropped silently: a generated file carries them), without meaning on one host (scheduling,
//! service accounts, rollout strategy: dropped with a warning naming the line, as Podman drops
//! them), or asking for something ferry cannot do where running without it would change what the
//! workload sees (other volume types, `subPathExpr`, gRPC probes: refused with an error).

use crate::yaml::de::Segment;
use crate::yaml::{Mark, Node, Value};

use super::model::Kind;

#[derive(Debug, Clone, Copy)]
enum Disposition {
    /// Output-only or without effect: dropped quietly.
    Silent,
    /// Known but not applied: dropped with this explanation.
    Warn(&'static str),
    /// Known but not supported, and ignoring it would change the workload: an error.
    Refuse(&'static str),
}

use Disposition::{Refuse, Silent, Warn};

const SCHEDULING: &str = "scheduling has no meaning on one host";
const CLUSTER: &str = "there is no cluster API to provide it";
const NOT_APPLIED: &str = "ferry does not apply it";
const ROLLOUT: &str = "ferry plays one pod and does not roll it out";

/// Where in an object a mapping sits, which decides its known keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Root(Kind),
    Meta,
    PodTemplate,
    PodSpec,
    PodSecurity,
    Container,
    ContainerSecurity,
    Probe,
    VolumeMount,
    Volume,
    Resources,
    DeploymentSpec,
    DaemonSetSpec,
    JobSpec,
    PvcSpec,
    ServiceSpec,
    ServicePort,
}

/// The volume sources Kubernetes has besides the five ferry plays.
pub const UNSUPPORTED_VOLUME_TYPES: &[&str] = &[
    "awsElasticBlockStore",
    "azureDisk",
    "azureFile",
    "cephfs",
    "cinder",
    "csi",
    "downwardAPI",
    "ephemeral",
    "fc",
    "flexVolume",
    "flocker",
    "gcePersistentDisk",
    "gitRepo",
    "glusterfs",
    "image",
    "iscsi",
    "nfs",
    "photonPersistentDisk",
    "portworxVolume",
    "projected",
    "quobyte",
    "rbd",
    "scaleIO",
    "storageos",
    "vsphereVolume",
];

fn rules(ctx: Ctx) -> &'static [(&'static str, Disposition)] {
    match ctx {
        Ctx::Root(Kind::ConfigMap | Kind::Secret) => &[("status", Silent), ("immutable", Silent)],
        Ctx::Root(_) => &[("status", Silent)],
        Ctx::Meta => &[
            ("namespace", Silent),
            ("uid", Silent),
            ("resourceVersion", Silent),
            ("generation", Silent),
            ("creationTimestamp", Silent),
            ("deletionTimestamp", Silent),
            ("deletionGracePeriodSeconds", Silent),
            ("managedFields", Silent),
            ("selfLink", Silent),
            ("ownerReferences", Warn(CLUSTER)),
            ("finalizers", Warn(CLUSTER)),
            ("generateName", Warn(NOT_APPLIED)),
        ],
        Ctx::PodTemplate => &[],
        Ctx::PodSpec => &[
            ("affinity", Warn(SCHEDULING)),
            ("tolerations", Warn(SCHEDULING)),
            ("nodeSelector", Warn(SCHEDULING)),
            ("nodeName", Warn(SCHEDULING)),
            ("schedulerName", Warn(SCHEDULING)),
            ("priority", Warn(SCHEDULING)),
            ("priorityClassName", Warn(SCHEDULING)),
            ("preemptionPolicy", Warn(SCHEDULING)),
            ("topologySpreadConstraints", Warn(SCHEDULING)),
            ("runtimeClassName", Warn(SCHEDULING)),
            ("overhead", Warn(SCHEDULING)),
            ("readinessGates", Warn(SCHEDULING)),
            ("schedulingGates", Warn(SCHEDULING)),
            ("resourceClaims", Warn(SCHEDULING)),
            ("resources", Warn(NOT_APPLIED)),
            ("serviceAccountName", Warn(CLUSTER)),
            ("serviceAccount", Warn(CLUSTER)),
            ("automountServiceAccountToken", Warn(CLUSTER)),
            ("imagePullSecrets", Warn(CLUSTER)),
            ("enableServiceLinks", Warn(CLUSTER)),
            ("dnsPolicy", Warn(NOT_APPLIED)),
            ("hostPID", Warn(NOT_APPLIED)),
            ("hostIPC", Warn(NOT_APPLIED)),
            ("hostUsers", Warn(NOT_APPLIED)),
            ("activeDeadlineSeconds", Warn(NOT_APPLIED)),
            ("setHostnameAsFQDN", Warn(NOT_APPLIED)),
            ("subdomain", Warn(NOT_APPLIED)),
            ("os", Warn(NOT_APPLIED)),
            ("ephemeralContainers", Warn(NOT_APPLIED)),
        ],
        Ctx::PodSecurity => &[
            ("fsGroup", Warn(NOT_APPLIED)),
            ("fsGroupChangePolicy", Warn(NOT_APPLIED)),
            ("windowsOptions", Silent),
            ("appArmorProfile", Warn(NOT_APPLIED)),
            ("seLinuxChangePolicy", Warn(NOT_APPLIED)),
            ("supplementalGroupsPolicy", Warn(NOT_APPLIED)),
        ],
        Ctx::Container => &[
            ("lifecycle", Warn(NOT_APPLIED)),
            ("terminationMessagePath", Warn(NOT_APPLIED)),
            ("terminationMessagePolicy", Warn(NOT_APPLIED)),
            ("stdinOnce", Warn(NOT_APPLIED)),
            ("resizePolicy", Warn(NOT_APPLIED)),
            ("restartPolicy", Warn(NOT_APPLIED)),
            (
                "volumeDevices",
                Refuse("raw block devices from claims are not supported"),
            ),
        ],
        Ctx::ContainerSecurity => &[
            ("procMount", Warn(NOT_APPLIED)),
            ("windowsOptions", Silent),
            ("appArmorProfile", Warn(NOT_APPLIED)),
        ],
        Ctx::Probe => &[
            ("terminationGracePeriodSeconds", Warn(NOT_APPLIED)),
            (
                "grpc",
                Refuse("gRPC probes are not supported (use exec, httpGet or tcpSocket)"),
            ),
        ],
        Ctx::VolumeMount => &[
            ("mountPropagation", Warn(NOT_APPLIED)),
            ("recursiveReadOnly", Warn(NOT_APPLIED)),
            ("subPathExpr", Refuse("subPathExpr is not supported (use subPath)")),
        ],
        Ctx::Volume => &[],
        Ctx::Resources => &[("claims", Warn(SCHEDULING))],
        Ctx::DeploymentSpec => &[
            ("strategy", Warn(ROLLOUT)),
            ("minReadySeconds", Warn(ROLLOUT)),
            ("revisionHistoryLimit", Warn(ROLLOUT)),
            ("progressDeadlineSeconds", Warn(ROLLOUT)),
            ("paused", Warn(ROLLOUT)),
        ],
        Ctx::DaemonSetSpec => &[
            ("updateStrategy", Warn(ROLLOUT)),
            ("minReadySeconds", Warn(ROLLOUT)),
            ("revisionHistoryLimit", Warn(ROLLOUT)),
        ],
        Ctx::JobSpec => &[
            ("parallelism", Warn(ROLLOUT)),
            ("completions", Warn(ROLLOUT)),
            ("completionMode", Warn(ROLLOUT)),
            ("activeDeadlineSeconds", Warn(NOT_APPLIED)),
            ("ttlSecondsAfterFinished", Warn(NOT_APPLIED)),
            ("suspend", Warn(NOT_APPLIED)),
            ("manualSelector", Warn(NOT_APPLIED)),
            ("selector", Warn(NOT_APPLIED)),
            ("podFailurePolicy", Warn(NOT_APPLIED)),
            ("backoffLimitPerIndex", Warn(NOT_APPLIED)),
            ("maxFailedIndexes", Warn(NOT_APPLIED)),
            ("podReplacementPolicy", Warn(NOT_APPLIED)),
            ("successPolicy", Warn(NOT_APPLIED)),
            ("managedBy", Warn(CLUSTER)),
        ],
        Ctx::PvcSpec => &[
            ("volumeName", Warn(CLUSTER)),
            ("selector", Warn(CLUSTER)),
            ("dataSource", Warn(CLUSTER)),
            ("dataSourceRef", Warn(CLUSTER)),
            ("volumeAttributesClassName", Warn(CLUSTER)),
        ],
        Ctx::ServiceSpec => &[
            ("clusterIP", Warn(CLUSTER)),
            ("clusterIPs", Warn(CLUSTER)),
            ("externalIPs", Warn(CLUSTER)),
            ("sessionAffinity", Warn(CLUSTER)),
            ("sessionAffinityConfig", Warn(CLUSTER)),
            ("loadBalancerIP", Warn(CLUSTER)),
            ("loadBalancerSourceRanges", Warn(CLUSTER)),
            ("loadBalancerClass", Warn(CLUSTER)),
            ("externalName", Warn(CLUSTER)),
            ("externalTrafficPolicy", Warn(CLUSTER)),
            ("internalTrafficPolicy", Warn(CLUSTER)),
            ("healthCheckNodePort", Warn(CLUSTER)),
            ("publishNotReadyAddresses", Warn(CLUSTER)),
            ("ipFamilies", Warn(CLUSTER)),
            ("ipFamilyPolicy", Warn(CLUSTER)),
            ("allocateLoadBalancerNodePorts", Warn(CLUSTER)),
            ("trafficDistribution", Warn(CLUSTER)),
        ],
        Ctx::ServicePort => &[("appProtocol", Silent)],
    }
}

/// Mappings below `ctx` that have rules of their own; `true` for a sequence of them.
fn children(ctx: Ctx) -> &'static [(&'static str, Ctx, bool)] {
    match ctx {
        Ctx::Root(Kind::Pod) => &[("metadata", Ctx::Meta, false), ("spec", Ctx::PodSpec, false)],
        Ctx::Root(Kind::Deployment) => &[("metadata", Ctx::Meta, false), ("spec", Ctx::DeploymentSpec, false)],
        Ctx::Root(Kind::DaemonSet) => &[("metadata", Ctx::Meta, false), ("spec", Ctx::DaemonSetSpec, false)],
        Ctx::Root(Kind::Job) => &[("metadata", Ctx::Meta, false), ("spec", Ctx::JobSpec, false)],
        Ctx::Root(Kind::PersistentVolumeClaim) => &[("metadata", Ctx::Meta, false), ("spec", Ctx::PvcSpec, false)],
        Ctx::Root(Kind::Service) => &[("metadata", Ctx::Meta, false), ("spec", Ctx::ServiceSpec, false)],
        Ctx::Root(Kind::ConfigMap | Kind::Secret) => &[("metadata", Ctx::Meta, false)],
        Ctx::DeploymentSpec | Ctx::DaemonSetSpec | Ctx::JobSpec => &[("template", Ctx::PodTemplate, false)],
        Ctx::PodTemplate => &[("metadata", Ctx::Meta, false), ("spec", Ctx::PodSpec, false)],
        Ctx::PodSpec => &[
            ("containers", Ctx::Container, true),
            ("initContainers", Ctx::Container, true),
            ("volumes", Ctx::Volume, true),
            ("securityContext", Ctx::PodSecurity, false),
        ],
        Ctx::Container => &[
            ("securityContext", Ctx::ContainerSecurity, false),
            ("livenessProbe", Ctx::Probe, false),
            ("readinessProbe", Ctx::Probe, false),
            ("startupProbe", Ctx::Probe, false),
            ("volumeMounts", Ctx::VolumeMount, true),
            ("resources", Ctx::Resources, false),
        ],
        Ctx::PvcSpec => &[("resources", Ctx::Resources, false)],
        Ctx::ServiceSpec => &[("ports", Ctx::ServicePort, true)],
        _ => &[],
    }
}

/// A listed key that was dropped, or refused.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    pub path: Vec<Segment>,
    pub mark: Mark,
    pub message: String,
}

/// Removes the listed keys from a document of `kind`: warnings for the ones dropped with an
/// explanation, or the first refused key as an error.
pub fn strip(doc: &mut Node, kind: Kind) -> Result<Vec<Dropped>, Dropped> {
    let mut warnings = Vec::new();
    let mut path = Vec::new();
    walk(doc, Ctx::Root(kind), &mut path, &mut warnings)?;
    Ok(warnings)
}

fn walk(node: &mut Node, ctx: Ctx, path: &mut Vec<Segment>, warnings: &mut Vec<Dropped>) -> Result<(), Dropped> {
    let Value::Map(entries) = &mut node.value else {
        // Wrong shapes are reported by typing, with the expected type.
        return Ok(());
    };
    let mut refused = None;
    entries.retain(|(key, _)| {
        if refused.is_some() {
            return true;
        }
        let here = || {
            let mut p = path.clone();
            p.push(Segment::Key(key.text.clone()));
            p
        };
        if ctx == Ctx::Volume && UNSUPPORTED_VOLUME_TYPES.contains(&key.text.as_str()) {
            refused = Some(Dropped {
                path: here(),
                mark: key.mark.clone(),
                message: format!(
                    "volume type {} is not supported (supported: hostPath, persistentVolumeClaim, configMap, secret, emptyDir)",
                    key.text
                ),
            });
            return true;
        }
        match rules(ctx).iter().find(|(name, _)| *name == key.text) {
            None => true,
            Some((_, Silent)) => false,
            Some((_, Warn(reason))) => {
                warnings.push(Dropped {
                    path: here(),
                    mark: key.mark.clone(),
                    message: format!("ignored: {reason}"),
                });
                false
            }
            Some((_, Refuse(reason))) => {
                refused = Some(Dropped {
                    path: here(),
                    mark: key.mark.clone(),
                    message: (*reason).to_string(),
                });
                true
            }
        }
    });
    if let Some(refused) = refused {
        return Err(refused);
    }
    for (key, value) in entries.iter_mut() {
        let Some((_, child, many)) = children(ctx).iter().find(|(name, _, _)| *name == key.text) else {
            continue;
        };
        path.push(Segment::Key(key.text.clone()));
        if *many {
            if let Value::Seq(items) = &mut value.value {
                for (i, item) in items.iter_mut().enumerate() {
                    path.push(Segment::Index(i));
                    walk(item, *child, path, warnings)?;
                    path.pop();
                }
            }
        } else {
            walk(value, *child, path, warnings)?;
        }
        path.pop();
    }
    Ok(())
}
